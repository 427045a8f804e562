#!/usr/bin/env bash
# Large scans (issue 15 target 5): samples the bunny (../shared/data/meshes/bunny-lowres.ply, or MESH) with 100,000,
# 1,000,000 and 10,000,000 points, clean (seed 0) and noisy (σ 0.0025, seed 1), into DIR (default bench-out/scale),
# reconstructs each with default options (plus any EXTRA options), and prints the whole command's wall time and peak
# memory, the time of each phase (--json's secondsByPhase), what the cloud was thinned to, and the exact surface error
# against the normalised mesh (×1000). Run it on an idle machine: the 10 M-point rows take about 2 minutes each.
# Usage: tests/benchmarks/scale-table.sh [DIR] [EXTRA reconstruct options...]
# SIZES (default "100000 1000000 10000000"), KINDS ("clean noisy"); NLSET as in nlset-table.sh. Needs jq and GNU time.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${1:-bench-out/scale}
shift || true
NLSET=${NLSET:-$repo/out/nlset/nlset}
mesh=${MESH:-$repo/../shared/data/meshes/bunny-lowres.ply}
mkdir -p "$dir"
"$NLSET" normalize "$mesh" -o "$dir/reference.ply" --quiet > /dev/null
echo "| cloud | points | trained on | wall time (s) | peak RSS (MB) | reading | preparing | training | extracting | refining | exact sum ×1000 |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for kind in ${KINDS:-clean noisy}; do
  for n in ${SIZES:-100000 1000000 10000000}; do
    cloud=$dir/$kind-$n.ply
    if [[ ! -f $cloud ]]; then
      if [[ $kind == noisy ]]; then "$NLSET" sample "$mesh" --normalize -n "$n" --seed 1 --noise 0.0025 -o "$cloud" --quiet > /dev/null
      else "$NLSET" sample "$mesh" --normalize -n "$n" --seed 0 -o "$cloud" --quiet > /dev/null; fi
    fi
    base=$dir/$kind-$n.recon
    /usr/bin/time -f '{"wall": %e, "maxrss_kb": %M}' -o "$base.time.json" \
      "$NLSET" reconstruct "$cloud" -o "$base.ply" --json --quiet "$@" > "$base.json"
    "$NLSET" eval-chamfer "$base.ply" "$dir/reference.ply" --json > "$base.eval.json"
    s=$base.json
    phase() { jq -r "(.secondsByPhase.$1 // 0) * 10 | round / 10" "$s"; }
    echo "| $kind | $n | $(jq -r 'if .thinning == null then "as given" else "\(.thinning.points) \(.thinning.method)" end' "$s")" \
      "| $(jq -r .wall "$base.time.json") | $(jq -r '.maxrss_kb / 1024 | round' "$base.time.json")" \
      "| $(phase reading) | $(phase preparing) | $(phase training) | $(phase extracting) | $(phase refining)" \
      "| $(jq -r '.exactSurfaceError.sum * 1000 | . * 1000 | round / 1000' "$base.eval.json") |"
  done
done
