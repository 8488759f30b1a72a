#!/usr/bin/env bash
# Batch throughput and memory: `plan2json DIR --out-dir OUT` over N copies of
# the sample PDFs, against `xargs -P JOBS pdftotext -bbox-layout` over the
# same files (poppler alone, writing its word boxes: a floor for "read every
# glyph with its position").
#
# Reports per run: wall time, pages/s, files/s, CPU time, the peak RSS of the
# largest single process (GNU time's "Maximum resident set size", which for
# a process tree is the largest descendant, not the sum), and the peak total
# RSS of the whole process tree (sampled every 50 ms from /proc). plan2json
# is also run on N/10 inputs, to show that peak memory does not grow with
# the number of inputs, and once more on the finished output directory
# (resume: every input up to date, only hashed).
#
# Usage: bench/batch.sh [PLAN2JSON [N [JOBS]]]
#   defaults: build/cli/plan2json, 500, number of CPUs
# Needs: GNU time (/usr/bin/time), poppler-utils (pdftotext, pdfinfo).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/cli/plan2json}
n=${2:-500}
jobs=${3:-$(nproc)}
[ -x "$bin" ] || { echo "no plan2json binary at $bin (build first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# N real copies (not links), cycling through the three sample layouts.
make_inputs() {  # make_inputs DIR COUNT
  local dir=$1 count=$2 i kinds=(word narrow quirky)
  mkdir -p "$dir"
  for ((i = 0; i < count; i++)); do
    local k=${kinds[$((i % 3))]}
    cp "$root/samples/beijing-eco-2023.$k.pdf" "$(printf '%s/plan-%04d-%s.pdf' "$dir" "$i" "$k")"
  done
}
pages_of() {  # total pages of the PDFs in DIR
  local total=0 f p
  declare -A cache
  for f in "$1"/*.pdf; do
    local k=${f##*-}
    if [ -z "${cache[$k]:-}" ]; then
      cache[$k]=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
    fi
    total=$((total + cache[$k]))
  done
  echo "$total"
}

# run LABEL FILES PAGES COMMAND...: runs COMMAND in its own process group,
# samples the group's total RSS, prints one result line.
run() {
  local label=$1 files=$2 pages=$3
  shift 3
  local timefile=$work/time.txt
  setsid /usr/bin/time -v -o "$timefile" "$@" >/dev/null 2>"$work/stderr" &
  local pid=$! peak=0 rss
  while kill -0 "$pid" 2>/dev/null; do
    rss=$( (ps -o rss= -g "$pid" 2>/dev/null || true) | awk '{s += $1} END {print s + 0}')
    if [ "$rss" -gt "$peak" ]; then peak=$rss; fi
    sleep 0.05
  done
  local rc=0
  wait "$pid" || rc=$?
  local wall user sys maxrss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$timefile" |
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  user=$(awk -F': ' '/User time/ {print $2}' "$timefile")
  sys=$(awk -F': ' '/System time/ {print $2}' "$timefile")
  maxrss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timefile")
  awk -v l="$label" -v f="$files" -v p="$pages" -v w="$wall" -v u="$user" \
      -v s="$sys" -v m="$maxrss" -v t="$peak" -v rc="$rc" 'BEGIN {
    printf "%-42s %5d files %6d pages %7.2f s %7.1f pages/s %6.1f files/s  cpu %6.2f s  max-rss %6.1f MB  tree-rss %6.1f MB  exit %d\n",
      l, f, p, w, (w > 0 ? p / w : 0), (w > 0 ? f / w : 0), u + s, m / 1024, t / 1024, rc }'
}

echo "plan2json batch benchmark: $n inputs, -j $jobs, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $bin ($("$bin" --version))"
make_inputs "$work/small" $((n / 10))
make_inputs "$work/in" "$n"
small_pages=$(pages_of "$work/small")
pages=$(pages_of "$work/in")

run "plan2json --out-dir (N/10)" $((n / 10)) "$small_pages" \
  "$bin" "$work/small" --out-dir "$work/out-small" -j "$jobs" -q
run "plan2json --out-dir" "$n" "$pages" \
  "$bin" "$work/in" --out-dir "$work/out" -j "$jobs" -q
run "plan2json --out-dir (resume, all skipped)" "$n" "$pages" \
  "$bin" "$work/in" --out-dir "$work/out" -j "$jobs" -q
mkdir -p "$work/bbox"
run "xargs -P$jobs pdftotext -bbox-layout" "$n" "$pages" \
  sh -c 'cd "$1" && ls | xargs -P "$2" -I{} pdftotext -bbox-layout {} "$3/{}.html"' \
  sh "$work/in" "$jobs" "$work/bbox"

# The outputs must be complete: every line of the manifest "ok".
ok=$(grep -c '"status":"ok"' "$work/out/manifest.jsonl" || true)
echo "manifest: $ok of $n ok"
