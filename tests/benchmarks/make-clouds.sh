#!/usr/bin/env bash
# Makes the reconstruction benchmark's inputs in DIR (default bench-out/, git-ignored):
# for the four shared meshes of ../shared/data/meshes (bunny-lowres.ply, camel.off, homer.off, knot1.off;
# NAMES="bunny camel" to make only some),
#   NAME-reference.ply  the mesh normalised (bounding box centred, largest side 1): what results are scored against
#   NAME-clean.ply      100,000 area-uniform points in the same units (seed 0)
#   NAME-noisy.ply      the same count with Gaussian noise sigma 0.0025 per coordinate (seed 1)
# Usage: tests/benchmarks/make-clouds.sh [DIR]
# NLSET: the nlset command to run (e.g. a published executable); by default the repository's CLI is
# built once and run with `dotnet run --no-build`. MESHES: where the source meshes are.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-bench-out}
meshes=${MESHES:-$repo/../shared/data/meshes}
if [[ -z "${NLSET:-}" ]]; then
  dotnet build "$repo/src/Nlset.Cli" -c Release -nologo -v quiet >&2
  NLSET="dotnet run --project $repo/src/Nlset.Cli -c Release --no-build --"
fi
mkdir -p "$out"
declare -A file=([bunny]=bunny-lowres.ply [camel]=camel.off [homer]=homer.off [knot1]=knot1.off)
for name in ${NAMES:-bunny camel homer knot1}; do
  mesh=$meshes/${file[$name]}
  $NLSET normalize "$mesh" -o "$out/$name-reference.ply"
  $NLSET sample "$mesh" --normalize -n 100000 --seed 0 -o "$out/$name-clean.ply"
  $NLSET sample "$mesh" --normalize -n 100000 --seed 1 --noise 0.0025 -o "$out/$name-noisy.ply"
done
echo "made $(ls "$out"/*-reference.ply "$out"/*-clean.ply "$out"/*-noisy.ply | wc -l) files in $out" >&2
