#!/usr/bin/env bash
# nlset build entry point. Each command does its own set-up (restore, build) first.
#   ./build.sh build     restore and build everything (Release)
#   ./build.sh test      build and run all tests; ends with "N passed, N failed"
#   ./build.sh publish   publish the nlset tool to out/nlset/ (run it as out/nlset/nlset)
#   ./build.sh run [options]  publish, then reconstruct the shipped bunny sample into out/bunny.recon.ply (the main job)
#   ./build.sh bench NAME [args]   run a benchmark (no NAME: list them)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2
  exit 2
fi

publish() {
  # For this machine's runtime only: libtorch for every other OS would add half a gigabyte.
  local rid
  rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
  rm -rf out/nlset
  dotnet publish src/Nlset.Cli/Nlset.Cli.csproj -c Release -r "$rid" --self-contained false -o out/nlset --nologo -v quiet
  echo "published: $PWD/out/nlset/nlset"
}

cmd=${1:-build}
shift || true
case "$cmd" in
  build)
    dotnet build Reconstruct.sln -c Release --nologo -v quiet ;;
  test)
    dotnet build Reconstruct.sln -c Release --nologo -v quiet
    log=$(mktemp)
    set +e
    dotnet test Reconstruct.sln -c Release --no-build --nologo 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    set -e
    # One closing line for CI: the totals over every test assembly.
    awk -F'[:,]' '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i ~ /Failed/) f += $(i+1); if ($i ~ / Passed/) p += $(i+1) } }
                  END { printf "%d passed, %d failed\n", p, f }' "$log"
    rm -f "$log"
    exit "$status" ;;
  publish)
    publish ;;
  run)
    publish
    out/nlset/nlset info data-samples/bunny.ply
    out/nlset/nlset reconstruct data-samples/bunny.ply -o out/bunny.recon.ply "$@"
    out/nlset/nlset info out/bunny.recon.ply ;;
  bench)
    dotnet run -c Release --project tests/Nlset.Benchmarks/Nlset.Benchmarks.csproj -- "$@" ;;
  *)
    echo "build.sh: unknown command '$cmd' (build, test, publish, run, bench)" >&2
    exit 2 ;;
esac
