#!/usr/bin/env bash
# Issue 20's start-up target: `nlset batch` over a manifest of 1,000 tiny rows, run once (each row a 12-point cloud,
# one training step, resolution 8), then again: the second run checks every row, finds each done and skips it.
# Prints the wall time of both runs. Usage: tests/benchmarks/batch-skip.sh [DIR] (default bench-out/batch-skip;
# NLSET as in nlset-table.sh). The first run takes minutes; only the second is the figure.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${1:-bench-out/batch-skip}
NLSET=${NLSET:-$repo/out/nlset/nlset}
rows=${ROWS:-1000}
mkdir -p "$dir/clouds" "$dir/out"
printf 'ply\nformat ascii 1.0\nelement vertex 12\nproperty float x\nproperty float y\nproperty float z\nend_header\n' > "$dir/tiny.ply"
for v in "0 0.5 0.8" "0 -0.5 0.8" "0 0.5 -0.8" "0 -0.5 -0.8" "0.5 0.8 0" "-0.5 0.8 0" "0.5 -0.8 0" "-0.5 -0.8 0" "0.8 0 0.5" "-0.8 0 0.5" "0.8 0 -0.5" "-0.8 0 -0.5"; do echo "$v" >> "$dir/tiny.ply"; done
{ echo "input,output"; for i in $(seq 0 $((rows - 1))); do echo "clouds/c$i.ply,out/c$i.recon.ply"; done; } > "$dir/manifest.csv"
for i in $(seq 0 $((rows - 1))); do [[ -f $dir/clouds/c$i.ply ]] || cp "$dir/tiny.ply" "$dir/clouds/c$i.ply"; done
first=$( { /usr/bin/time -f %e "$NLSET" batch "$dir/manifest.csv" --quiet -- --iterations 1 --resolution 8 --threads 1 > /dev/null; } 2>&1 | tail -1)
second=$( { /usr/bin/time -f %e "$NLSET" batch "$dir/manifest.csv" --quiet -- --iterations 1 --resolution 8 --threads 1 > /dev/null; } 2>&1 | tail -1)
echo "$rows rows: first run $first s (every row trained), rerun $second s (every row checked and skipped)"
