#!/usr/bin/env bash
# Seeded CPU runs of two nlset builds must give byte-identical outputs (a refactor or a numerically neutral fix
# proves itself this way). Usage:
#   tests/benchmarks/bit-identity.sh BASE_NLSET NEW_NLSET [WORKDIR]
# e.g. build the previous commit in a worktree (git worktree add /tmp/base HEAD~1 && (cd /tmp/base && ./build.sh build))
# and compare /tmp/base/src/Nlset.Cli/bin/Release/net10.0/nlset with src/Nlset.Cli/bin/Release/net10.0/nlset.
# Covers reconstruct (surface, curve), extract (a surface offset, a curve model), sample, normalize, eval-chamfer,
# train-margin and train-robust. Small inputs: about two minutes per build on one thread. Needs ../shared/data/mnist-10k
# for the classifiers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
base=$1 new=$2 work=${3:-$(mktemp -d)}
mnist=../shared/data/mnist-10k
run() { # run NAME BINARY ARGS... (outputs under $work/NAME/)
  local name=$1 bin=$2; shift 2
  mkdir -p "$work/$name"
  (cd "$work/$name" && "$bin" "$@" --quiet >stdout.txt 2>stderr.txt) || { echo "$name: exit $? ($(tail -1 "$work/$name/stderr.txt"))"; return 1; }
}
both() { # both LABEL ARGS... with @ standing for the output folder
  local label=$1; shift
  for side in base new; do
    local bin=$base; [ $side = new ] && bin=$new
    run "$side-$label" "$(readlink -f "$bin")" "${@//@/$work/$side-$label}"
  done
}
both surface reconstruct "$PWD/data-samples/bunny.ply" --iterations 200 --resolution 48 --seed 3 --threads 1 -o @/mesh.ply --save-model @/model.nlnet
both curve reconstruct "$PWD/data-samples/trefoil.xyz" --curve --iterations 100 --seed 3 --threads 1 -o @/curve.obj --save-model @/model.nlnet
both extract extract "$work/base-surface/model.nlnet" --level 0.01 --resolution 48 -o @/offset.ply
# A curve model traced again, judged against its training cloud (still in data-samples/).
both curve-extract extract "$work/base-curve/model.nlnet" --resolution 96 -o @/again.obj
# The geometry commands on one mesh both sides read (the base build's surface): seeded draws, a transform, the scores.
both sample sample "$work/base-surface/mesh.ply" -n 5000 --seed 7 --noise 0.002 --normals --normalize -o @/cloud.ply
both normalize normalize "$work/base-surface/mesh.ply" -o @/normalised.obj
both chamfer eval-chamfer "$work/base-surface/mesh.ply" "$PWD/data-samples/bunny.ply" -n 20000 --seed 5 --json
both margin train-margin --data-dir "$PWD/$mnist" --test-split 2000 --no-download --fraction 0.5% --runs 1 --epochs 20 --seed 1 --save-model @/margin.nlcls
both robust train-robust --data-dir "$PWD/$mnist" --test-split 9900 --no-download --method ours --epochs 1 --pgd-steps 3 --validation 16 --seed 1 -o @/robust.pt
status=0
stdout_is_result=" chamfer "   # commands whose result is what they print
for label in surface curve extract curve-extract sample normalize chamfer margin robust; do
  keep=stdout.txt; [[ $stdout_is_result == *" $label "* ]] && keep=no-such-file
  for f in $(cd "$work/base-$label" && ls | grep -v -e stderr.txt -e "$keep"); do
    # A robust checkpoint records each epoch's wall time ("Seconds") beside the weights: the one field that may differ.
    if cmp -s <(perl -0pe 's/"Seconds":[0-9.eE+-]+/"Seconds":_/g' "$work/base-$label/$f") \
              <(perl -0pe 's/"Seconds":[0-9.eE+-]+/"Seconds":_/g' "$work/new-$label/$f"); then
      echo "identical  $label/$f ($(stat -c %s "$work/new-$label/$f") bytes)"
    else echo "DIFFERENT  $label/$f"; status=1; fi
  done
done
exit $status
