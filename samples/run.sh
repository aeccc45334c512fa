#!/usr/bin/env bash
# Packs DualStackAnalyzers and builds the samples with the .nupkg, as a user's project consumes it.
#   ./samples/run.sh                 build Ipv4OnlyApp and show its DS diagnostics (the README's first command)
#   ./samples/run.sh --check         build both samples and compare with expected-diagnostics.txt (DualStackApp: none),
#                                    then build Ipv4OnlyApp again with the Roslyn 4.14 compiler package: no CS8032/AD0001
#   ./samples/run.sh --format IDS    copy Ipv4OnlyApp, run `dotnet format analyzers --diagnostics IDS` on the copy, and
#                                    check that the fixed copy builds with none of those diagnostics left
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
out="$root/artifacts/samples"
mode=${1:-show}
mkdir -p "$out"

echo "== packing DualStackAnalyzers"
dotnet pack "$root/src/DualStackAnalyzers.Package" -c Release -nologo -v quiet -o "$root/artifacts/packages" >"$out/pack.log" 2>&1 || { cat "$out/pack.log"; exit 1; }
# Never restore a stale copy of the package: the samples' package folder is theirs alone (nuget.config).
rm -rf "$here/.packages/dualstackanalyzers"

build() { # app, log name, extra msbuild args...
  local app=$1 name=$2; shift 2
  rm -rf "$here/$app/obj" "$here/$app/bin"
  dotnet build "$here/$app" -c Release -nologo -v minimal "-p:ErrorLog=$out/$name.sarif%2Cversion=2.1" "$@" >"$out/$name.log" 2>&1 \
    || { cat "$out/$name.log"; echo "build of $app failed"; exit 1; }
  if grep -E 'CS8032|AD0001' "$out/$name.log"; then echo "$app: the analyzers did not load or threw (see above)"; exit 1; fi
}

report() { # sarif, [expected]
  dotnet run "$here/tools/diagnostics.cs" -- "$@"
}

case "$mode" in
  show)
    echo "== building samples/Ipv4OnlyApp with the package"
    build Ipv4OnlyApp Ipv4OnlyApp
    report "$out/Ipv4OnlyApp.sarif" "$here"
    ;;
  --check)
    status=0
    build Ipv4OnlyApp Ipv4OnlyApp
    report "$out/Ipv4OnlyApp.sarif" "$here" "$here/expected-diagnostics.txt" || status=1
    # MSBuild items are checked by the package's targets, outside the compiler's SARIF log.
    if grep -q 'warning DS0014: RuntimeHostConfigurationOption System.Net.DisableIPv6' "$out/Ipv4OnlyApp.log"; then
      echo "Ipv4OnlyApp.csproj: DS0014 for RuntimeHostConfigurationOption reported by the build targets"
    else
      echo "missing: the build targets' DS0014 for RuntimeHostConfigurationOption"; status=1
    fi
    build DualStackApp DualStackApp
    if grep -q 'warning DS00' "$out/DualStackApp.log"; then echo "unexpected: DS warnings in DualStackApp's build log"; status=1; fi
    report "$out/DualStackApp.sarif" "$here" "$out/none.txt" || status=1
    echo "== again with Microsoft.Net.Compilers.Toolset 4.14.0"
    build Ipv4OnlyApp Ipv4OnlyApp.roslyn414 -p:UseOldCompiler=true
    grep -q 'Microsoft.Net.Compilers.Toolset' "$here/Ipv4OnlyApp/obj/project.assets.json" || { echo "the old compiler package was not used"; exit 1; }
    report "$out/Ipv4OnlyApp.roslyn414.sarif" "$here" "$here/expected-diagnostics.txt" || status=1
    exit $status
    ;;
  --format)
    ids=${2:?"--format needs diagnostic IDs, e.g. DS0001"}
    copy="$here/.format/Ipv4OnlyApp"
    rm -rf "$here/.format" && mkdir -p "$here/.format"
    cp -r "$here/Ipv4OnlyApp" "$copy" && rm -rf "$copy/obj" "$copy/bin"
    dotnet restore "$copy" -nologo -v quiet >"$out/format-restore.log" 2>&1 || { cat "$out/format-restore.log"; exit 1; }
    echo "== dotnet format analyzers --diagnostics $ids"
    # shellcheck disable=SC2086
    dotnet format analyzers "$copy/Ipv4OnlyApp.csproj" --no-restore --severity info --diagnostics $ids -v diag >"$out/format.log" 2>&1 \
      || { cat "$out/format.log"; echo "dotnet format failed"; exit 1; }
    grep -E 'Fixed|fixed|Formatted' "$out/format.log" | head -20 || true
    diff -ru "$here/Ipv4OnlyApp" "$copy" -x obj -x bin >"$out/format.diff" || true
    echo "changed files: $(grep -c '^+++ ' "$out/format.diff" || true)"
    rm -rf "$copy/obj" "$copy/bin"
    dotnet build "$copy" -c Release -nologo -v minimal "-p:ErrorLog=$out/formatted.sarif%2Cversion=2.1" >"$out/formatted.log" 2>&1 \
      || { cat "$out/formatted.log"; echo "the fixed copy does not build"; exit 1; }
    left=$(report "$out/formatted.sarif" "$here/.format" | grep -cE ": [a-z]+ (${ids// /|}):" || true)
    # Report-only diagnostics ("(no fix)" in expected-diagnostics.txt) and those in configuration files, which
    # dotnet format does not fix ("(ide fix)": it analyzes code documents only), are the only ones that may stay.
    allowed=$(grep -E "(${ids// /|}) *\((no|ide) fix\)" "$here/expected-diagnostics.txt" | grep -vc '^#' || true)
    echo "diagnostics of $ids left after the fixes: $left (report-only or configuration-file ones in the sample: $allowed)"
    [ "$left" = "$allowed" ]
    ;;
  *)
    echo "usage: $0 [--check | --format IDS]"; exit 2 ;;
esac
