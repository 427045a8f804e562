#!/usr/bin/env bash
# Oriented normals against the truth (issue 19): for each shared mesh, a cloud of 100,000 points sampled WITH its
# true normals (face normals; clean, seed 0, and with Gaussian noise sigma 0.0025 after normalising to unit largest
# side, seed 1, as make-clouds.sh makes its clouds), reconstructed by `nlset reconstruct --normals-out` (default
# options plus any EXTRA given after DIR); then tests/benchmarks/normals_compare.py scores nlset's normals and
# Open3D's (estimate_normals + orient_normals_consistent_tangent_plane) against the truth and runs screened Poisson
# (depth 9) on each, and `nlset eval-chamfer --json` scores both Poisson meshes against the normalised mesh.
# Prints a Markdown table (also DIR/normals-table[-TAG].md); files go to DIR/normals[-TAG]/.
# Usage: tests/benchmarks/normals-table.sh [DIR] [EXTRA reconstruct options...]
#   NAMES="bunny camel homer knot1" (default: all four), KINDS="clean noisy", TAG=name, MESHES=folder of the meshes.
# NLSET: the nlset command (default: the repository's Release build, built once). Needs jq and GNU time.
# Open3D: Debian's python3-open3d; installed with apt-get when missing, and left out of the table if that fails.
# Not part of the CI tests: a default reconstruction of 100K points takes minutes.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${1:-bench-out}
shift || true
meshes=${MESHES:-$repo/../shared/data/meshes}
if [[ -z "${NLSET:-}" ]]; then
  dotnet build "$repo/src/Nlset.Cli" -c Release -nologo -v quiet >&2
  NLSET="$repo/src/Nlset.Cli/bin/Release/net10.0/nlset"
fi
if ! /usr/bin/python3 -c 'import open3d' 2>/dev/null; then
  echo "normals-table: installing python3-open3d for the Open3D columns" >&2
  { [[ $(id -u) == 0 ]] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-open3d >&2; } \
    || { command -v sudo >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-open3d >&2; } \
    || echo "normals-table: no Open3D; its columns are left empty" >&2
fi
tag=${TAG:+-$TAG}
out=$dir/normals$tag
mkdir -p "$out"
declare -A source=([bunny]=bunny-lowres.ply [camel]=camel.off [homer]=homer.off [knot1]=knot1.off)
r3() { jq -r "if $1 == null then \"-\" else $1 * $2 | . * 1000 | round / 1000 end" "$3"; }
{
  echo "| input | steps | reconstruct (s) | normals (s) | share of the time | filled | nlset oriented | nlset mean angle | nlset unoriented | Open3D oriented | Open3D mean angle | Open3D unoriented (PCA) | Open3D normals (s) | Poisson on nlset's ×1000 | Poisson on Open3D's ×1000 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in ${NAMES:-bunny camel homer knot1}; do
    mesh=$meshes/${source[$name]}
    [[ -f $dir/$name-reference.ply ]] || $NLSET normalize "$mesh" -o "$dir/$name-reference.ply" --quiet
    for kind in ${KINDS:-clean noisy}; do
      cloud=$dir/$name-$kind-truth.ply
      if [[ ! -f $cloud ]]; then
        if [[ $kind == clean ]]; then noise=(--seed 0); else noise=(--seed 1 --noise 0.0025); fi
        $NLSET sample "$mesh" --normalize -n 100000 --normals "${noise[@]}" -o "$cloud" --quiet
      fi
      base=$out/$name-$kind
      mkdir -p "$base"
      /usr/bin/time -f '{"wall": %e, "maxrss_kb": %M}' -o "$base/time.json" \
        $NLSET reconstruct "$cloud" -o "$base/recon.ply" --normals-out "$base/oriented.ply" --json --quiet "$@" > "$base/summary.json"
      /usr/bin/python3 "$repo/tests/benchmarks/normals_compare.py" "$cloud" "$base/oriented.ply" "$dir/$name-reference.ply" "$base" > "$base/compare.json"
      for m in nlset open3d; do
        if [[ -f $base/poisson-$m.ply ]]; then
          $NLSET eval-chamfer "$base/poisson-$m.ply" "$dir/$name-reference.ply" --json > "$base/poisson-$m.eval.json"
        else echo '{"exactSurfaceError": {"sum": null}}' > "$base/poisson-$m.eval.json"; fi
      done
      s=$base/summary.json
      c=$base/compare.json
      echo "| $name-$kind | $(jq -r .iterations "$s") | $(jq -r .wall "$base/time.json") | $(r3 .normals.seconds 1 "$s")" \
        "| $(jq -r '.normals.seconds / (.trainingSeconds + .extractionSeconds + .normals.seconds) * 100 | . * 100 | round / 100' "$s") %" \
        "| $(jq -r .normals.filledFromNeighbours "$s") | $(r3 .nlset.oriented_share 100 "$c") % | $(r3 .nlset.mean_angle 1 "$c")° | $(r3 .nlset.mean_unoriented_angle 1 "$c")°" \
        "| $(r3 .open3d.oriented_share 100 "$c") % | $(r3 .open3d.mean_angle 1 "$c")° | $(r3 .open3d.mean_unoriented_angle 1 "$c")°" \
        "| $(jq -r 'if .open3d == null then "-" else .open3d.seconds.pca + .open3d.seconds.orientation end' "$c")" \
        "| $(r3 .exactSurfaceError.sum 1000 "$base/poisson-nlset.eval.json") | $(r3 .exactSurfaceError.sum 1000 "$base/poisson-open3d.eval.json") |"
    done
  done
} | tee "$dir/normals-table$tag.md"
