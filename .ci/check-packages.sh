#!/usr/bin/env bash
# Fails when a package misses its README, license, XML documentation or symbol package.
# A library carries its assemblies under lib/<tfm>/; a .NET tool (packageType DotnetTool) carries its entry
# assembly, DotnetToolSettings.xml and its dependencies under tools/<tfm>/any/.
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
  if grep -q '<packageType name="DotnetTool"' <<<"$nuspec"; then
    settings=$(grep -E '^tools/[^/]+/any/DotnetToolSettings\.xml$' <<<"$listing" | head -n 1 || true)
    [[ -n $settings ]] || { echo "$name: DotnetToolSettings.xml missing under tools/<tfm>/any/" >&2; status=1; }
    toolsettings=$( [[ -n $settings ]] && { unzip -p "$pkg" "$settings" 2>/dev/null || python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode("utf-8-sig"))' "$pkg" "$settings"; } || true)
    entry=$(sed -n 's/.*EntryPoint="\([^"]*\)".*/\1/p' <<<"$toolsettings" | head -n 1)
    command=$(sed -n 's/.*Command Name="\([^"]*\)".*/\1/p' <<<"$toolsettings" | head -n 1)
    [[ -n $entry && -n $command ]] || { echo "$name: no command or entry point in DotnetToolSettings.xml" >&2; status=1; }
    dlls=$( [[ -n $entry ]] && grep -x "${settings%/*}/$entry" <<<"$listing" || true)
    [[ -n $dlls ]] || { echo "$name: entry point $entry missing under tools/" >&2; status=1; }
    kind="tool '$command'"
  else
    dlls=$(grep -E '^lib/[^/]+/[^/]+\.dll$' <<<"$listing" || true)
    [[ -n $dlls ]] || { echo "$name: no assemblies under lib/" >&2; status=1; }
    kind="$(wc -l <<<"$dlls") assemblies"
  fi
  while read -r dll; do
    [[ -z $dll ]] && continue
    grep -qx "${dll%.dll}.xml" <<<"$listing" || { echo "$name: XML documentation missing for $dll" >&2; status=1; }
  done <<<"$dlls"
  [[ -f "$dir/$name.snupkg" ]] || { echo "$name: symbol package missing" >&2; status=1; }
  echo "checked $name: $kind, README, license, XML docs, symbols"
done
if [[ $count -lt 15 ]]; then
  echo "expected at least 15 packages, found $count" >&2
  status=1
fi
exit $status
