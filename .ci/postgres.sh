#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests: as the postgres user (the server refuses root),
# listening on 127.0.0.1 on a free port, data in a temp dir. Exports ORDINAVO_TEST_POSTGRES.
# Sourced by .ci/run; stop_postgres removes everything again, also after a failure.

PG_TMP=""
PG_BIN=""

find_pg_bin() {
  local candidate
  for candidate in /usr/lib/postgresql/*/bin; do
    if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
      PG_BIN="$candidate"
    fi
  done
}

start_postgres() {
  find_pg_bin
  if [[ -z "$PG_BIN" ]]; then
    echo "PostgreSQL server binaries not found; installing them from the machine's packages."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    find_pg_bin
  fi
  if [[ -z "$PG_BIN" ]]; then
    echo "No PostgreSQL server could be installed." >&2
    return 1
  fi
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi

  PG_TMP=$(mktemp -d /tmp/ordinavo-pg.XXXXXX)
  chmod 755 "$PG_TMP"
  mkdir -p "$PG_TMP/data" "$PG_TMP/socket"
  chown -R postgres "$PG_TMP"

  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000)))

  local as_postgres=(runuser -u postgres --)
  command -v runuser >/dev/null 2>&1 || as_postgres=(su postgres -s /bin/bash -c)

  "${as_postgres[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --no-locale >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
    -o "-p $port -k $PG_TMP/socket -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PG_TMP/server.log" >&2; return 1; }

  export ORDINAVO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') started on 127.0.0.1:$port (data in $PG_TMP)."
}

stop_postgres() {
  if [[ -n "$PG_TMP" && -d "$PG_TMP/data" ]]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    else
      su postgres -s /bin/bash -c "$PG_BIN/pg_ctl -D $PG_TMP/data -m immediate stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_TMP"
  fi
}
