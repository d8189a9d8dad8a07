#!/usr/bin/env bash
# Adds up the counters of every TRX file and prints one closing line: "N passed, N failed, N skipped".
set -euo pipefail
dir=${1:?results directory}
passed=0; failed=0; skipped=0; total=0
shopt -s nullglob
for f in "$dir"/*.trx; do
  line=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  get() { echo "$line" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  t=$(get total); p=$(get passed); fl=$(get failed); ex=$(get executed)
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0}))
  skipped=$((skipped + ${t:-0} - ${ex:-0}))
done
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
