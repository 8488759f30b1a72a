#!/usr/bin/env bash
# Regenerates tests/data/*.unruled.pdf: the sample tables with every stroked
# ruling turned into an unpainted path (" l S" -> " l n"), i.e. the same
# text and layout without borders, as some producers emit tables.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for v in word narrow; do
  qpdf --qdf --object-streams=disable "samples/beijing-eco-2023.$v.pdf" "$tmp/q.pdf"
  sed -e 's/ l S$/ l n/' "$tmp/q.pdf" >"$tmp/n.pdf"
  fix-qdf "$tmp/n.pdf" >"$tmp/f.pdf"
  qpdf --object-streams=generate "$tmp/f.pdf" "tests/data/beijing-eco-2023.$v.unruled.pdf"
done
