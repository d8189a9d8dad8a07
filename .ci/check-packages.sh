#!/usr/bin/env bash
# Fails when a package misses its README, license, XML documentation or symbol package.
set -euo pipefail
dir=${1:?packages directory}
status=0
count=0
shopt -s nullglob
for pkg in "$dir"/*.nupkg; do
  [[ $pkg == *.snupkg ]] && continue
  count=$((count + 1))
  name=$(basename "$pkg" .nupkg)
  listing=$(unzip -Z1 "$pkg" 2>/dev/null || python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$pkg")
  nuspec=$(unzip -p "$pkg" '*.nuspec' 2>/dev/null || python3 -c 'import sys, zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.read([n for n in z.namelist() if n.endswith(".nuspec")][0]).decode())' "$pkg")
  grep -qx 'README.md' <<<"$listing" || { echo "$name: README.md missing" >&2; status=1; }
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || { echo "$name: readme not declared" >&2; status=1; }
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || { echo "$name: MIT license expression missing" >&2; status=1; }
  dlls=$(grep -E '^lib/[^/]+/[^/]+\.dll$' <<<"$listing" || true)
  [[ -n $dlls ]] || { echo "$name: no assemblies under lib/" >&2; status=1; }
  while read -r dll; do
    [[ -z $dll ]] && continue
    grep -qx "${dll%.dll}.xml" <<<"$listing" || { echo "$name: XML documentation missing for $dll" >&2; status=1; }
  done <<<"$dlls"
  [[ -f "$dir/$name.snupkg" ]] || { echo "$name: symbol package missing" >&2; status=1; }
  echo "checked $name: $(wc -l <<<"$dlls") assemblies, README, license, XML docs, symbols"
done
if [[ $count -lt 12 ]]; then
  echo "expected at least 12 packages, found $count" >&2
  status=1
fi
exit $status
