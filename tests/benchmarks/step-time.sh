#!/usr/bin/env bash
# Seconds per training step of a network at a batch (issue 15 target 4: the paper's 8x512 at a batch of 8,192 on
# 2 threads), in float32 and with --projection-precision bf16: each runs `nlset reconstruct CLOUD --iterations K` for
# K = FIRST and K = LAST and takes the difference of the training times over LAST − FIRST steps, so that the first
# steps' one-off costs (allocation, oneDNN kernels chosen) are left out; the stages come from --json's secondsByStage
# the same way. Run it on an idle machine.
# Usage: tests/benchmarks/step-time.sh CLOUD [extra reconstruct options...]
# NETWORK (default 8x512), BATCH (8192), THREADS (2), FIRST (2), LAST (8), PRECISIONS ("fp32 bf16");
# NLSET: the nlset command (default: out/nlset/nlset, published by ./build.sh publish). Needs jq.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cloud=${1:?usage: step-time.sh CLOUD [reconstruct options...]}
shift
NLSET=${NLSET:-$repo/out/nlset/nlset}
first=${FIRST:-2}
last=${LAST:-8}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "| network | batch | threads | projection | s/step | projection | sample network | backward + step | nearest | free space |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"
for precision in ${PRECISIONS:-fp32 bf16}; do
  for k in $first $last; do
    "$NLSET" reconstruct "$cloud" --network "${NETWORK:-8x512}" --batch-size "${BATCH:-8192}" --threads "${THREADS:-2}" \
      --iterations "$k" --resolution 32 --refine off --projection-precision "$precision" -o "$tmp/mesh.ply" --json --quiet "$@" > "$tmp/$precision-$k.json"
  done
  per() { jq -rn --slurpfile a "$tmp/$precision-$first.json" --slurpfile b "$tmp/$precision-$last.json" \
    "((\$b[0]$1) - (\$a[0]$1)) / ($last - $first) * 1000 | round / 1000"; }
  echo "| ${NETWORK:-8x512} | ${BATCH:-8192} | ${THREADS:-2} | $precision | $(per .trainingSeconds)" \
    "| $(per '.secondsByStage.projection') | $(per '.secondsByStage["sample network"]') | $(per '.secondsByStage["backward + step"]')" \
    "| $(per '.secondsByStage["nearest neighbours"]') | $(per '.secondsByStage["free space"]') |"
done
