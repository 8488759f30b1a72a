#!/usr/bin/env bash
# Bounded inputs: time and peak memory of plan2json on generated inputs of
# growing size, to show that cost grows linearly (or that the tool stops
# with a clear error). Too slow for ctest; run by hand (bench/README.md).
#
# Usage: bench/bounded.sh [--build DIR] [--quick] [--with-pdftotext]
#   --build DIR        where plan2json was built (default: build)
#   --quick            skip the largest inputs (10,000 pages, 1 MB cell)
#   --with-pdftotext   also time pdftotext -bbox-layout on each PDF
#                      (slow: it is quadratic on one tall page)
# Inputs (bench/make_plan_pdf.py; text dumps from samples/):
#   pages-1000, pages-10000          ruled plan, 3 rows a page
#   rows-1000-1page, rows-5000-1page one tall page holding the whole table
#   rows-5000-500pages               10 rows a page
#   cell-100k, cell-1m               one measure cell of ~100 KB / ~1 MB
#   dump-1m, dump-10m                the sample pdftotext dump repeated
#   dump-over-limit                  a text dump above max_text_bytes (64 MiB)
#   pdf-over-limit                   a file above max_input_bytes (1 GiB;
#                                    sparse, so it costs no disk)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
quick=0
with_pdftotext=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --with-pdftotext) with_pdftotext=1; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "bounded.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done
bin=$build/cli/plan2json
[ -x "$bin" ] || { echo "bounded.sh: $bin not built" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bounded.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
gen="python3 $root/bench/make_plan_pdf.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make_dump() {  # make_dump OUT BYTES: the sample dump repeated, a page each
  python3 - "$1" "$2" "$root/samples/beijing-eco-2023.pdftotext.txt" <<'EOF'
import sys
out, want, src = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], 'rb').read()
page = src.rstrip(b'\f') + b'\f'
with open(out, 'wb') as f:
    n = 0
    while n < want:
        f.write(page)
        n += len(page)
EOF
}

inputs=()
add() { inputs+=("$1"); }
$gen "$tmp/pages-1000.pdf" --rows 3000 --rows-per-page 3; add pages-1000.pdf
[ $quick = 1 ] || { $gen "$tmp/pages-10000.pdf" --rows 30000 --rows-per-page 3; add pages-10000.pdf; }
$gen "$tmp/rows-1000-1page.pdf" --rows 1000 --rows-per-page 1000 --font-size 3; add rows-1000-1page.pdf
$gen "$tmp/rows-5000-1page.pdf" --rows 5000 --rows-per-page 5000 --font-size 3; add rows-5000-1page.pdf
$gen "$tmp/rows-5000-500pages.pdf" --rows 5000 --rows-per-page 10; add rows-5000-500pages.pdf
$gen "$tmp/cell-100k.pdf" --cell-chars 35000; add cell-100k.pdf
[ $quick = 1 ] || { $gen "$tmp/cell-1m.pdf" --cell-chars 350000; add cell-1m.pdf; }
make_dump "$tmp/dump-1m.txt" 1000000; add dump-1m.txt
[ $quick = 1 ] || { make_dump "$tmp/dump-10m.txt" 10000000; add dump-10m.txt; }
make_dump "$tmp/dump-over-limit.txt" $((64 * 1024 * 1024 + 1)); add dump-over-limit.txt
{ printf '%%PDF-1.7\n'; } >"$tmp/pdf-over-limit.pdf"
truncate -s $((1024 * 1024 * 1024 + 1)) "$tmp/pdf-over-limit.pdf"; add pdf-over-limit.pdf

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| input | bytes | exit | rows | wall s | peak RSS MB | stages ms (read/extract/table/normalize/validate) | pdftotext s |"
echo "|---|---:|---:|---:|---:|---:|---|---:|"
for name in "${inputs[@]}"; do
  f=$tmp/$name
  set +e
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" --timings "$f" >"$tmp/out.json" 2>"$tmp/err"
  rc=$?
  set -e
  # GNU time puts "Command exited with non-zero status N" first.
  read -r wall rss < <(tail -n 1 "$tmp/time") || true
  rss=$((${rss:-0} / 1024))
  rows=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['rows']))" "$tmp/out.json" 2>/dev/null || echo -)
  stages=$(sed -n 's/.*timings ms: //p' "$tmp/err" | head -1 |
           sed -E 's/[a-z+]+ //g; s/, /\//g')
  [ -n "$stages" ] || stages="error: $(grep -v timings "$tmp/err" | head -1 | cut -c1-100)"
  ptt=-
  if [ $with_pdftotext = 1 ] && [[ $name == *.pdf ]] && [[ $name != *over-limit* ]]; then
    ptt=$( { /usr/bin/time -f "%e" pdftotext -bbox-layout "$f" /dev/null; } 2>&1 | tail -1)
  fi
  echo "| $name | $(stat -c %s "$f") | $rc | $rows | $wall | $rss | $stages | $ptt |"
  rm -f "$tmp/out.json"
done
