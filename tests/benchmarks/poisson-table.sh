#!/usr/bin/env bash
# The Poisson baseline table: runs tests/benchmarks/poisson_baseline.py on the four clouds that
# make-clouds.sh made in DIR (default bench-out/), scores each mesh against its normalised reference
# with `nlset eval-chamfer --json` (30,000 samples per surface, seed 0) and `nlset info --json`, and
# prints a Markdown table (also written to DIR/poisson-table.md), with a row per shape for the reference
# against itself (the sampling floor of the Chamfer figures). Meshes go to DIR/poisson/.
# Usage: tests/benchmarks/poisson-table.sh [DIR]     (NLSET as in make-clouds.sh; needs /usr/bin/python3 with Open3D, and jq)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${1:-bench-out}
if [[ -z "${NLSET:-}" ]]; then
  dotnet build "$repo/src/Nlset.Cli" -c Release -nologo -v quiet >&2
  NLSET="dotnet run --project $repo/src/Nlset.Cli -c Release --no-build --"
fi
mkdir -p "$dir/poisson"
x1000() { jq -r "$1 * 1000 | . * 10000 | round / 10000" "$2"; }
{
  echo "| input | time (s) | accuracy mean ×1000 | completeness mean ×1000 | exact sum ×1000 | Chamfer L1 ×1000 | Chamfer L2 ×1000 | F-score | components | watertight |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for name in ${NAMES:-bunny camel homer knot1}; do
    # The reference against itself: the exact surface error is 0, and the Chamfer figures are the floor that
    # two independent samplings of 30,000 points leave even for a perfect reconstruction.
    e=$dir/poisson/$name-reference.eval.json
    $NLSET eval-chamfer "$dir/$name-reference.ply" "$dir/$name-reference.ply" --json > "$e"
    echo "| $name reference vs itself | - | 0 | 0 | 0 | $(x1000 .chamferL1.sum "$e") | $(x1000 .chamferL2.sum "$e") | $(jq -r '.fScore.f * 10000 | round / 10000' "$e") | 1 | yes |"
    for kind in clean noisy; do
      cloud=$dir/$name-$kind.ply
      mesh=$dir/poisson/$name-$kind.ply
      /usr/bin/python3 "$repo/tests/benchmarks/poisson_baseline.py" "$cloud" "$mesh" > "$dir/poisson/$name-$kind.time.json"
      $NLSET eval-chamfer "$mesh" "$dir/$name-reference.ply" --json > "$dir/poisson/$name-$kind.eval.json"
      $NLSET info "$mesh" --json > "$dir/poisson/$name-$kind.info.json"
      e=$dir/poisson/$name-$kind.eval.json
      i=$dir/poisson/$name-$kind.info.json
      echo "| $name-$kind | $(jq -r '.seconds.total' "$dir/poisson/$name-$kind.time.json")" \
        "| $(x1000 .exactSurfaceError.accuracy.mean "$e") | $(x1000 .exactSurfaceError.completeness.mean "$e")" \
        "| $(x1000 .exactSurfaceError.sum "$e") | $(x1000 .chamferL1.sum "$e") | $(x1000 .chamferL2.sum "$e")" \
        "| $(jq -r '.fScore.f * 10000 | round / 10000' "$e") | $(jq -r .topology.components "$i") | $(jq -r 'if .topology.watertight then "yes" else "no" end' "$i") |"
    done
  done
} | tee "$dir/poisson-table.md"
