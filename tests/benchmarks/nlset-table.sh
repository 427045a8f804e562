#!/usr/bin/env bash
# nlset's own reconstruction table, beside poisson-table.sh: runs `nlset reconstruct` with its default options
# (plus any EXTRA options given after DIR) on the four clouds that make-clouds.sh made in DIR (default bench-out/),
# measures the whole command's wall time and peak memory, scores each mesh against its normalised reference with
# `nlset eval-chamfer --json` (30,000 samples per surface, seed 0) and `nlset info --json`, and prints a Markdown
# table (also written to DIR/nlset-table[-TAG].md). Meshes go to DIR/nlset[-TAG]/.
# Usage: tests/benchmarks/nlset-table.sh [DIR] [EXTRA reconstruct options...]
# (TAG=name to keep several runs apart; NAMES="camel" to run only some of the four meshes, KINDS="noisy" only some kinds)
# NLSET: the nlset command (default: out/nlset/nlset, published by ./build.sh publish). Needs jq and GNU time.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${1:-bench-out}
shift || true
NLSET=${NLSET:-$repo/out/nlset/nlset}
tag=${TAG:+-$TAG}
out=$dir/nlset$tag
mkdir -p "$out"
x1000() { jq -r "$1 * 1000 | . * 10000 | round / 10000" "$2"; }
{
  echo "| input | wall time (s) | steps | peak RSS (MB) | accuracy mean ×1000 | completeness mean ×1000 | exact sum ×1000 | accuracy p99 ×1000 | Chamfer L1 ×1000 | Chamfer L2 ×1000 | F-score | components | watertight | genus |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
  for name in ${NAMES:-bunny camel homer knot1}; do
    for kind in ${KINDS:-clean noisy}; do
      mesh=$out/$name-$kind.ply
      /usr/bin/time -f '{"wall": %e, "maxrss_kb": %M}' -o "$out/$name-$kind.time.json" \
        "$NLSET" reconstruct "$dir/$name-$kind.ply" -o "$mesh" --json --quiet "$@" > "$out/$name-$kind.summary.json"
      "$NLSET" eval-chamfer "$mesh" "$dir/$name-reference.ply" --json > "$out/$name-$kind.eval.json"
      "$NLSET" info "$mesh" --json > "$out/$name-$kind.info.json"
      e=$out/$name-$kind.eval.json
      i=$out/$name-$kind.info.json
      t=$out/$name-$kind.time.json
      echo "| $name-$kind | $(jq -r .wall "$t") | $(jq -r .iterations "$out/$name-$kind.summary.json") | $(jq -r '.maxrss_kb / 1024 | round' "$t")" \
        "| $(x1000 .exactSurfaceError.accuracy.mean "$e") | $(x1000 .exactSurfaceError.completeness.mean "$e")" \
        "| $(x1000 .exactSurfaceError.sum "$e") | $(x1000 .exactSurfaceError.accuracy.p99 "$e") | $(x1000 .chamferL1.sum "$e") | $(x1000 .chamferL2.sum "$e")" \
        "| $(jq -r '.fScore.f * 10000 | round / 10000' "$e") | $(jq -r .topology.components "$i") | $(jq -r 'if .topology.watertight then "yes" else "no" end' "$i") | $(jq -r '.topology.genus // "-"' "$i") |"
    done
  done
} | tee "$dir/nlset-table$tag.md"
