#!/usr/bin/env bash
# Whole-process speed of plan2json against other PDF text extractors on the
# same files (bench/README.md):
#   plan2json FILE                  (this project: text, rulings, table, JSON)
#   pdftotext -bbox-layout FILE     (poppler's own text extraction: our floor)
#   mutool draw -F stext FILE       (MuPDF's structured text)
#   pdf2txt FILE                    (pdfminer.six, Python)
# Each command runs under hyperfine (warm cache, several runs); the table
# gives the median and the ratio to pdftotext -bbox-layout. Tools that are
# not installed are skipped (bench/install-bench-deps.sh installs them).
#
# Usage: bench/compare.sh [--build DIR] [--runs N] [--callgrind] [PDF...]
#   --build DIR   where plan2json was built (default: build)
#   --runs N      hyperfine runs per command (default 10; pdf2txt gets 3)
#   --callgrind   also count instructions with valgrind --tool=callgrind
#                 (stable on a busy machine, unlike wall time)
#   PDF...        default: samples/beijing-eco-2023.{word,narrow,quirky}.pdf
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
runs=10
callgrind=0
files=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --callgrind) callgrind=1; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
[ ${#files[@]} -gt 0 ] || files=("$root"/samples/beijing-eco-2023.{word,narrow,quirky}.pdf)
bin=$build/cli/plan2json
[ -x "$bin" ] || { echo "compare.sh: $bin not built (cmake --build $build)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "compare.sh: needs hyperfine (bench/install-bench-deps.sh)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "compare.sh: needs python3" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name|command template (%f = the file); only tools that exist.
tools=("plan2json|$bin %f")
command -v pdftotext >/dev/null && tools+=("pdftotext -bbox-layout|pdftotext -bbox-layout %f /dev/null")
command -v mutool >/dev/null && tools+=("mutool draw -F stext|mutool draw -q -F stext -o /dev/null %f")
command -v pdf2txt >/dev/null && tools+=("pdf2txt (pdfminer.six)|pdf2txt %f")

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m), $(nproc) cores; plan2json $("$bin" --version | awk '{print $2}'), $(pdftotext -v 2>&1 | head -1)"
for f in "${files[@]}"; do
  base=$(basename "$f")
  args=()
  i=0
  for t in "${tools[@]}"; do
    name=${t%%|*}
    cmd=${t#*|}
    cmd=${cmd//%f/$f}
    n=$runs
    [[ $name == pdf2txt* ]] && n=$(( runs < 3 ? runs : 3 ))
    # One hyperfine call per tool so each gets its own run count.
    hyperfine -N -i --warmup 1 --runs "$n" --style none \
      --export-json "$tmp/$i.json" -n "$name" "$cmd" >/dev/null 2>&1 ||
      hyperfine -i --warmup 1 --runs "$n" --style none \
        --export-json "$tmp/$i.json" -n "$name" "$cmd > /dev/null" >/dev/null
    args+=("$tmp/$i.json")
    i=$((i + 1))
  done
  echo
  echo "## $base ($(stat -c %s "$f") bytes, $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}') pages)"
  python3 - "${args[@]}" <<'EOF'
import json, sys
rows = []
for path in sys.argv[1:]:
    r = json.load(open(path))["results"][0]
    rows.append((r["command"], r["median"] * 1000, r["mean"] * 1000,
                 r["stddev"] * 1000 if r.get("stddev") is not None else 0.0,
                 len(r["times"])))
floor = next((m for c, m, *_ in rows if c.startswith("pdftotext")), None)
print("| tool | median ms | mean ± sd ms | runs | × pdftotext -bbox-layout |")
print("|---|---:|---:|---:|---:|")
for c, med, mean, sd, n in rows:
    ratio = "%.2f" % (med / floor) if floor else "-"
    print("| %s | %.1f | %.1f ± %.1f | %d | %s |" % (c, med, mean, sd, n, ratio))
EOF
  if [ $callgrind = 1 ] && command -v valgrind >/dev/null; then
    count() {  # instructions executed (Ir) by a command, whole process
      valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" \
        >/dev/null 2>"$tmp/cg.err" || true
      awk '/^summary:/{print $2}' "$tmp/cg.out"
    }
    a=$(count "$bin" "$f")
    b=$(count pdftotext -bbox-layout "$f" /dev/null)
    python3 -c "
a, b = $a, $b
print()
print('| callgrind (instructions) | Ir | ratio |')
print('|---|---:|---:|')
print('| plan2json | {:,} | {:.3f} |'.format(a, a / b))
print('| pdftotext -bbox-layout | {:,} | 1.000 |'.format(b))"
  fi
done
