#!/usr/bin/env bash
# OCR accuracy and speed over the corpus matrix (issue 12): each
# tests/corpus/*.pdf is rendered with pdftoppm at each dpi, damaged or not
# (clean; rotated by 1°; 1 % salt-and-pepper noise), wrapped with img2pdf
# into an image-only PDF (make_scan, ocr/scan_maker.h), and converted by this build with each
# recognition method; ocr_eval compares the rows with the same build's
# conversion of the born-digital PDF (ocr/scan_score.h) and times the scan.
# One process at a time, so s/page is one core's. With --batch, also pages/s
# of `plan2json --out-dir -j2` over the 200 dpi scans.
#
#   bench/ocr.sh [--build build] [--dpi "150 200 300"] [--methods "cell page"]
#                [--damage "clean rotated noisy"] [--cases 'guangdong*'] [--batch]
#
# Prints one line per case: rows (scan/PDF), rows usable, rows silently
# wrong (neither usable nor marked low), mean character error of
# section+task+measure, seconds per page; then the issue's target per line
# (usable >= 90 % of the PDF's rows).
set -euo pipefail
build=build dpis="150 200 300" methods="cell page" damages=clean cases='*' batch=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --dpi) dpis=$2; shift 2 ;;
    --methods) methods=$2; shift 2 ;;
    --damage) damages=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --batch) batch=1; shift ;;
    *) echo "usage: $0 [--build DIR] [--dpi LIST] [--methods LIST] [--damage LIST] [--cases GLOB] [--batch]" >&2; exit 1 ;;
  esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
eval_bin="$build/ocr/ocr_eval"
# ocr_eval loads the OCR engine module built beside plan2json (ocr/engine.h).
export PLAN2JSON_OCR_MODULE=${PLAN2JSON_OCR_MODULE:-$(cd "$build" && pwd)/cli/plan2json-ocr.so}
[ -x "$build/ocr/make_scan" ] || { echo "build $build/ocr/make_scan first" >&2; exit 1; }
[ -x "$eval_bin" ] || { echo "build $eval_bin first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-34s %4s %-7s %-5s %7s %6s %6s %6s %7s %s\n' case dpi damage meth rows usable silent cer s/page target
for pdf in "$root"/tests/corpus/$cases.pdf; do
  name=$(basename "$pdf" .pdf)
  for dpi in $dpis; do
    for damage in $damages; do
      dir="$work/$name.$dpi.$damage"
      mkdir -p "$dir"
      scan=$("$build/ocr/make_scan" "$pdf" "$dpi" "$damage" "$dir")
      rm -f "$dir"/page-*.png
      for m in $methods; do
        line=$("$eval_bin" "$pdf" "$scan" "$m" 2>/dev/null || true)
        # rows S/T usable U silent X cer C pages P seconds S s/page Q
        read -r _ rows _ usable _ silent _ cer _ _ _ _ _ spp <<<"$line" || true
        if [[ "$line" != rows* ]]; then
          printf '%-34s %4s %-7s %-5s %s\n' "$name" "$dpi" "$damage" "$m" "${line:-failed}"
          continue
        fi
        total=${rows#*/}
        ok=$([ $((usable * 10)) -ge $((total * 9)) ] && echo met || echo missed)
        printf '%-34s %4s %-7s %-5s %7s %6s %6s %5s%% %7s %s\n' "$name" "$dpi" "$damage" \
          "$m" "$rows" "$usable" "$silent" "$cer" "$spp" "$ok"
      done
      [ "$dpi" = 200 ] && [ "$damage" = clean ] && [ "$batch" = 1 ] &&
        cp "$scan" "$work/batch-$name.pdf"
    done
  done
done

if [ "$batch" = 1 ]; then
  pages=0
  for f in "$work"/batch-*.pdf; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages/{print $2}'))); done
  start=$(date +%s.%N)
  "$build/cli/plan2json" --out-dir "$work/out" -j 2 -q "$work"/batch-*.pdf || true
  end=$(date +%s.%N)
  awk -v p="$pages" -v s="$start" -v e="$end" \
    'BEGIN { printf "batch -j2: %d pages in %.1f s = %.3f pages/s\n", p, e - s, p / (e - s) }'
fi
