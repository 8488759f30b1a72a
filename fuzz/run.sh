#!/usr/bin/env bash
# Runs libFuzzer targets for a while each, two at a time (fuzz/README.md).
# Usage: fuzz/run.sh [--build DIR] [--seconds N] [--jobs J] [TARGET...]
#   --build DIR   a build configured with -DPLAN2JSON_FUZZ=ON (default build-fuzz;
#                 configured and built here when missing)
#   --seconds N   per target (default 600)
#   --jobs J      targets run at once (default 2)
# Work corpora and crash artifacts go to $FUZZ_WORK (default /tmp/plan2json-fuzz);
# a finding is printed and left there as crash-*/timeout-*/oom-*. Add it to
# fuzz/corpus/<target>/ together with its fix and a regression test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
seconds=600
jobs=2
targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(normalizer departments deadline text_reader convert cli)
work=${FUZZ_WORK:-/tmp/plan2json-fuzz}
if [ ! -d "$build" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DPLAN2JSON_FUZZ=ON \
    -DPLAN2JSON_SANITIZE=address -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" >/dev/null
# Longest input per target: text dumps need room, single fields do not.
max_len() {
  case $1 in
    deadline) echo 256 ;;
    normalizer|departments) echo 4096 ;;
    text_reader) echo 32768 ;;
    convert) echo 65536 ;;
    cli) echo 300000 ;;
  esac
}
run_one() {
  local t=$1
  mkdir -p "$work/$t" "$work/$t-artifacts"
  "$build/fuzz/${t}_fuzzer" "$work/$t" "$root/fuzz/corpus/$t" \
    -max_len="$(max_len "$t")" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=3072 -artifact_prefix="$work/$t-artifacts/" \
    -print_final_stats=1 >"$work/$t.log" 2>&1 || true
  local execs
  execs=$(awk '/number_of_executed_units/{print $2}' "$work/$t.log")
  local found
  found=$(ls "$work/$t-artifacts" | wc -l)
  echo "$t: ${execs:-?} executions in ${seconds}s, $found finding(s) in $work/$t-artifacts"
}
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait
