#!/usr/bin/env bash
# The iPSR column of the reconstruction tables: iterative screened Poisson for unoriented clouds (Hou et al.,
# SIGGRAPH 2022, github.com/houfei0801/ipsr), with its defaults (depth 10, point weight 10, 30 iterations,
# 10 neighbours), on the clouds that make-clouds.sh made in DIR (default bench-out/); each mesh scored against its
# normalised reference with `nlset eval-chamfer --json` and `nlset info --json`, as nlset-table.sh and
# poisson-table.sh score theirs. Prints a Markdown table (also DIR/ipsr-table.md); meshes go to DIR/ipsr/.
# iPSR's code is not part of this repository: IPSR is its executable, or IPSR_SRC a checkout of it to build with g++
# (its makefile's flags: -std=c++11 -O3 -fopenmp) into DIR/ipsr-build/ipsr. OMP_NUM_THREADS caps its threads
# (default: all cores). NAMES / KINDS pick shapes and clean/noisy. NLSET as in nlset-table.sh. Needs jq and GNU time.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${1:-bench-out}
NLSET=${NLSET:-$repo/out/nlset/nlset}
if [[ -z "${IPSR:-}" ]]; then
  [[ -n "${IPSR_SRC:-}" ]] || { echo "ipsr-table: set IPSR to iPSR's executable or IPSR_SRC to a checkout of github.com/houfei0801/ipsr" >&2; exit 2; }
  mkdir -p "$dir/ipsr-build"
  IPSR=$(cd "$dir/ipsr-build" && pwd)/ipsr
  [[ -x $IPSR ]] || g++ -std=c++11 -O3 -fopenmp -w "$IPSR_SRC"/Src/*.cpp -o "$IPSR"
fi
mkdir -p "$dir/ipsr"
x1000() { jq -r "$1 * 1000 | . * 10000 | round / 10000" "$2"; }
{
  echo "| input | wall time (s) | peak RSS (MB) | accuracy mean ×1000 | completeness mean ×1000 | exact sum ×1000 | accuracy p99 ×1000 | Chamfer L1 ×1000 | F-score | components | watertight | genus |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
  for name in ${NAMES:-bunny camel homer knot1}; do
    for kind in ${KINDS:-clean noisy}; do
      base=$dir/ipsr/$name-$kind
      /usr/bin/time -f '{"wall": %e, "maxrss_kb": %M}' -o "$base.time.json" \
        "$IPSR" --in "$dir/$name-$kind.ply" --out "$base.ply" > "$base.log" 2>&1
      "$NLSET" eval-chamfer "$base.ply" "$dir/$name-reference.ply" --json > "$base.eval.json"
      "$NLSET" info "$base.ply" --json > "$base.info.json"
      e=$base.eval.json
      i=$base.info.json
      echo "| $name-$kind | $(jq -r .wall "$base.time.json") | $(jq -r '.maxrss_kb / 1024 | round' "$base.time.json")" \
        "| $(x1000 .exactSurfaceError.accuracy.mean "$e") | $(x1000 .exactSurfaceError.completeness.mean "$e")" \
        "| $(x1000 .exactSurfaceError.sum "$e") | $(x1000 .exactSurfaceError.accuracy.p99 "$e") | $(x1000 .chamferL1.sum "$e")" \
        "| $(jq -r '.fScore.f * 10000 | round / 10000' "$e") | $(jq -r .topology.components "$i") | $(jq -r 'if .topology.watertight then "yes" else "no" end' "$i") | $(jq -r '.topology.genus // "-"' "$i") |"
    done
  done
} | tee "$dir/ipsr-table.md"
