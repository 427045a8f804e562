#!/usr/bin/env bash
# `nlset batch` on a real Slurm: a one-node cluster on this machine (slurmctld + slurmd on localhost, munge, no cgroups,
# no accounting), a job array of 4 tasks over 8 small clouds, one array element cancelled (scancel) while it trains,
# the array submitted again, and the checks an HPC user would make: every mesh exists once, the report is complete,
# and no row was computed twice (each row's "done" appears once in all the tasks' logs, and a row done by the first
# submission was not started again).
#
#   sudo tests/cluster/slurm-array.sh [WORKDIR]        (as root; installs slurm-wlm and munge with apt-get when missing)
#
# NLSET=path/to/nlset picks the binary (default: this worktree's Release build, built when missing). CPU-light: the
# rows are 100 steps on one thread each, under nice. Not part of ./build.sh test. Exit code 0 when every check passes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$PWD
work=$(readlink -f "${1:-$(mktemp -d /tmp/nlset-slurm-XXXXXX)}")
mkdir -p "$work"
nlset=${NLSET:-$repo/src/Nlset.Cli/bin/Release/net10.0/nlset}
say() { echo "== $*"; }
fail() { echo "FAILED: $*"; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (slurmd and munged are started here)"

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge"
  DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge >/dev/null; }
fi
[ -x "$nlset" ] || { say "building nlset"; dotnet build src/Nlset.Cli/Nlset.Cli.csproj -c Release --nologo -v quiet >/dev/null; }
say "slurm $(slurmctld -V | awk '{print $2}'), nlset $("$nlset" --version), work folder $work"

# --- munge: the key the Debian package made (or a new one), the daemon unless one runs already.
started_munge=
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  [ -s /etc/munge/munge.key ] || mungekey --create --keyfile /etc/munge/munge.key
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/log/munge /var/lib/munge && chown munge:munge /run/munge /var/log/munge /var/lib/munge
  runuser -u munge -- /usr/sbin/munged
  started_munge=1
  munge -n | unmunge >/dev/null || fail "munge does not work"
fi

# --- a one-node cluster whose files all live in the work folder (SLURM_CONF points every daemon and client at them).
node=$(hostname -s)
mkdir -p "$work/slurm/state" "$work/slurm/spool" "$work/logs"
export SLURM_CONF=$work/slurm/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=nlsettest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/slurm/state
SlurmdSpoolDir=$work/slurm/spool
SlurmctldPidFile=$work/slurm/slurmctld.pid
SlurmdPidFile=$work/slurm/slurmd.pid
SlurmctldLogFile=$work/slurm/slurmctld.log
SlurmdLogFile=$work/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
KillWait=10
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
cleanup() {
  scontrol shutdown >/dev/null 2>&1 || true
  [ -n "$started_munge" ] && [ -s /run/munge/munged.pid ] && kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
}
trap cleanup EXIT
slurmctld -i
slurmd
for _ in $(seq 60); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo -h -o %T | grep -q idle || { tail -5 "$work/slurm/slurmctld.log" "$work/slurm/slurmd.log"; fail "the node did not come up"; }
say "cluster up: $(sinfo -h -o '%P %D node(s) %c CPUs %T')"

# --- 8 small clouds: a tetrahedron from the test fixtures, 3,000 points each, different seeds.
mkdir -p "$work/clouds" "$work/out"
for i in $(seq 0 7); do
  "$nlset" sample tests/Nlset.Geometry.Tests/corpus/tetra-ascii.stl -n 3000 --seed "$i" --normalize -o "$work/clouds/tetra$i.xyz" -q
done
cat > "$work/batch.sbatch" <<JOB
#!/bin/bash
#SBATCH --job-name=nlset-batch
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --output=$work/logs/%A_%a.out
# Every task takes its shard from SLURM_ARRAY_TASK_ID; rows done before are skipped.
exec nice "$nlset" batch "$work/clouds" --output-dir "$work/out" -- --iterations 100 --resolution 64 --threads 1
JOB
submit() { sbatch --parsable "$work/batch.sbatch"; }
wait_gone() { # wait_gone JOBID: until no task of the array is pending or running
  for _ in $(seq 900); do [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return; sleep 1; done; fail "job $1 did not end"
}
status() { sed -n 's/.*"status": "\(.*\)".*/\1/p' "$1"; }

say "submitting the array"
job1=$(submit)
# Task 1 runs rows 1 and 5: cancel it while row 1 or row 5 trains (its result file says running).
victim=
for _ in $(seq 600); do
  for r in 1 5; do
    f=$work/out/tetra$r.recon.ply.result.json
    if [ -f "$f" ] && [ "$(status "$f")" = running ]; then victim=$r; break 2; fi
  done
  sleep 0.5
done
[ -n "$victim" ] || fail "task 1 never started a row"
sleep 3
say "scancel ${job1}_1 while row $victim trains"
scancel "${job1}_1"
wait_gone "$job1"
squeue -h -j "$job1" || true
echo "after the first submission:"
for r in $(seq 0 7); do printf '  row %d: %s\n' "$r" "$(status "$work/out/tetra$r.recon.ply.result.json" 2>/dev/null || echo 'no result')"; done
declare -A first_finish
for r in $(seq 0 7); do
  f=$work/out/tetra$r.recon.ply.result.json
  if [ -f "$f" ] && [ "$(status "$f")" = done ]; then first_finish[$r]=$(sed -n 's/.*"finishedAt": "\(.*\)".*/\1/p' "$f"); fi
done
[ "${#first_finish[@]}" -lt 8 ] || fail "the cancelled task had nothing left to do"
grep -h "SIGTERM\|interrupted" "$work/logs/${job1}_1.out" | sed 's/^/  task 1: /' || true

say "submitting the array again"
job2=$(submit)
wait_gone "$job2"

say "checks"
meshes=$(ls "$work/out"/*.recon.ply | wc -l)
[ "$meshes" = 8 ] || fail "$meshes meshes, not 8"
leftovers=$(ls -a "$work/out" | grep -c -e '\.tmp$' -e '\.partial$' -e 'checkpoint' || true)
[ "$leftovers" = 0 ] || fail "$leftovers temporary or checkpoint files left in $work/out"
for r in $(seq 0 7); do
  n=$(cat "$work"/logs/*.out | grep -c "Row $((r + 1))/8: done")
  [ "$n" = 1 ] || fail "row $r was finished $n times"
  f=$work/out/tetra$r.recon.ply.result.json
  if [ -n "${first_finish[$r]:-}" ]; then
    [ "$(sed -n 's/.*"finishedAt": "\(.*\)".*/\1/p' "$f")" = "${first_finish[$r]}" ] || fail "row $r, done by the first submission, ran again"
    grep -q '"attempts": 1,' "$f" || fail "row $r, done by the first submission, was started again"
  fi
done
echo "8 meshes, each row finished once; rows done by the first submission untouched: ${!first_finish[*]}"
"$nlset" batch-report "$work/clouds" --output-dir "$work/out" -- --iterations 100 --resolution 64 --threads 1 | tee "$work/report.txt"
grep -q "^8 rows: 8 done" "$work/report.txt" || fail "the report is not complete"
say "all checks passed (logs: $work/logs, results: $work/out)"
