#!/usr/bin/env bash
# Instructions (valgrind --tool=callgrind, whole process) of plan2json and of
# `pdftotext -bbox-layout` on the same PDFs, their ratio, the shared
# libraries plan2json maps, and with --top N plan2json's N costliest
# functions by inclusive count (start-up costs: dynamic loading, static
# initialisers, pattern compilation). Instruction counts do not move with
# machine load, unlike times.
#
# Usage: bench/callgrind.sh [--build DIR] [--top N] [PDF...]
#   default PDFs: samples/beijing-eco-2023.{word,narrow,quirky}.pdf
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
top=0
files=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --top) top=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
[ ${#files[@]} -gt 0 ] ||
  files=("$root"/samples/beijing-eco-2023.{word,narrow,quirky}.pdf)
bin=$build/cli/plan2json
[ -x "$bin" ] || { echo "build $bin first" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "needs valgrind (bench/install-bench-deps.sh)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Instructions of one command, in millions.
count() {
  local out=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' |
    awk '{ printf "%.1f", $1 / 1e6 }'
}

echo "plan2json maps $(ldd "$bin" | wc -l) shared libraries"
printf '%-40s %12s %12s %7s\n' file "plan2json M" "pdftotext M" ratio
for f in "${files[@]}"; do
  a=$(count "$work/p.out" "$bin" "$f")
  b=$(count "$work/t.out" pdftotext -bbox-layout "$f" /dev/null)
  printf '%-40s %12s %12s %6.3fx\n' "$(basename "$f")" "$a" "$b" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
  if [ "$top" -gt 0 ]; then
    callgrind_annotate --inclusive=yes "$work/p.out" 2>/dev/null |
      grep -E '^ *[0-9,]+ \(' | sed -n "2,$((top + 1))p" | cut -c1-160
  fi
done
