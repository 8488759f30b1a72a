#!/usr/bin/env bash
# CLI tests: the tool as users run it (after simdjson's CLI tests in ctest).
# Builds a bad-input corpus in a temporary directory and checks, for each
# input: the exit code, one line on stderr naming the file, and that no
# output file (or partial temporary) is left behind.
# Usage: cli_test.sh PATH/TO/plan2json PROJECT_ROOT
set -u
# shellcheck source=bad_inputs.sh
source "$(dirname "$0")/bad_inputs.sh"
bin=$1
root=$2
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"

# expect_error NAME EXIT_CODE REGEX INPUT [ARGS...]
# Runs with -o into $tmp/out.json; checks exit code, one stderr line naming
# the input and matching REGEX, and that out.json was not created.
expect_error() {
  local name=$1 want=$2 regex=$3 input=$4
  shift 4
  rm -f "$tmp"/out.json*
  "$bin" "$input" -o "$tmp/out.json" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  local rc=$?
  local lines
  lines=$(wc -l <"$tmp/stderr")
  if [ "$rc" != "$want" ]; then
    bad "$name: exit $rc, want $want; stderr: $(cat "$tmp/stderr")"
  elif [ "$lines" != 1 ]; then
    bad "$name: $lines stderr lines, want 1: $(cat "$tmp/stderr")"
  elif ! grep -qF -- "$(basename "$input")" "$tmp/stderr"; then
    bad "$name: stderr does not name the file: $(cat "$tmp/stderr")"
  elif ! grep -qE -- "$regex" "$tmp/stderr"; then
    bad "$name: stderr does not match /$regex/: $(cat "$tmp/stderr")"
  elif ls "$tmp"/out.json* >/dev/null 2>&1; then
    bad "$name: left an output file behind"
  else
    ok
  fi
}

sample=$root/samples/beijing-eco-2023.word.pdf

# --- usage -----------------------------------------------------------------
"$bin" --help >"$tmp/help" 2>&1 && grep -q -- "--output" "$tmp/help" && ok || bad "--help"
"$bin" --version | grep -qE '^plan2json [0-9]+\.[0-9]+' && ok || bad "--version"
"$bin" --no-such-option >/dev/null 2>&1; [ $? = 1 ] && ok || bad "unknown option should exit 1"
"$bin" >/dev/null 2>&1; [ $? = 1 ] && ok || bad "no input should exit 1"

# --- a good input ----------------------------------------------------------
"$bin" "$sample" >"$tmp/stdout.json" 2>"$tmp/stderr"
rc=$?
[ "$rc" = 0 ] && ok || bad "sample: exit $rc: $(cat "$tmp/stderr")"
[ ! -s "$tmp/stderr" ] && ok || bad "sample: unexpected stderr: $(cat "$tmp/stderr")"
"$bin" "$sample" -o "$tmp/plan.json" && cmp -s "$tmp/plan.json" "$tmp/stdout.json" \
  && ok || bad "-o output differs from stdout"
ls "$tmp"/plan.json.tmp* >/dev/null 2>&1 && bad "temporary file left behind" || ok
"$bin" validate "$tmp/plan.json" 2>/dev/null && ok || bad "validate own output"
"$bin" schema | grep -q '"\$schema"' && ok || bad "schema subcommand"

# validate reports a broken document with a JSON pointer, exit 2
sed 's/"seq": 1,/"seq": "one",/' "$tmp/plan.json" >"$tmp/broken.json"
"$bin" validate "$tmp/broken.json" 2>"$tmp/stderr"
rc=$?
[ "$rc" = 2 ] && grep -q '/rows/0/seq' "$tmp/stderr" && ok \
  || bad "validate broken: exit $rc: $(cat "$tmp/stderr")"

# validate reports every error, each with its JSON pointer
sed -e 's/"seq": 1,/"seq": "one",/' -e 's/"sha256": "[0-9a-f]*"/"sha256": "xyz"/' \
  "$tmp/plan.json" >"$tmp/broken2.json"
"$bin" validate "$tmp/plan.json" "$tmp/broken2.json" 2>"$tmp/stderr"
rc=$?
[ "$rc" = 2 ] && grep -q "broken2.json: /rows/0/seq: " "$tmp/stderr" \
  && grep -q "broken2.json: /source/sha256: " "$tmp/stderr" \
  && grep -q "plan.json: valid" "$tmp/stderr" && ok \
  || bad "validate two errors: exit $rc: $(cat "$tmp/stderr")"
"$bin" validate "$tmp/does-not-exist.json" 2>/dev/null; [ $? = 2 ] && ok || bad "validate missing file"

# --- formats (single input) ----------------------------------------------------
"$bin" "$sample" --format csv >"$tmp/plan.csv" 2>/dev/null && ok || bad "--format csv exit"
head -1 "$tmp/plan.csv" | grep -qx $'file,section,seq,task,measure,deadline,due_kind,due_date,lead,responsible,assisting,pages\r' \
  && ok || bad "csv header: $(head -1 "$tmp/plan.csv")"
python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1],encoding="utf-8",newline=""))); assert len(r)==41 and all(len(x)==12 for x in r), len(r)' \
  "$tmp/plan.csv" && ok || bad "csv: 40 rows of 12 fields"
"$bin" "$sample" --format csv --excel -o "$tmp/excel.csv" && head -c 3 "$tmp/excel.csv" | od -An -tx1 | grep -q "ef bb bf" \
  && cmp -s <(tail -c +4 "$tmp/excel.csv") "$tmp/plan.csv" && ok || bad "--excel: BOM + same CSV"
"$bin" "$sample" "$sample" --format csv >"$tmp/two.csv" 2>/dev/null
[ "$(grep -c '^file,section' "$tmp/two.csv")" = 1 ] && [ "$(wc -l <"$tmp/two.csv")" = 81 ] && ok \
  || bad "two inputs to one CSV stream: one header"
"$bin" "$sample" -f jsonl -o "$tmp/plan.jsonl" && [ "$(wc -l <"$tmp/plan.jsonl")" = 40 ] \
  && head -1 "$tmp/plan.jsonl" | grep -q '^{"file":"beijing-eco-2023.word.pdf","attachment":"附件5","title":' \
  && ok || bad "--format jsonl"
"$bin" "$sample" -o - | cmp -s - "$tmp/stdout.json" && ok || bad "-o - is stdout"
"$bin" "$sample" --format yaml >/dev/null 2>&1; [ $? = 1 ] && ok || bad "unknown format is a usage error"
# A file name that is not UTF-8 (GBK) must not crash the JSON writer.
gbk=$tmp/$(printf 'plan-\xb1\xb1\xbe\xa9.pdf')
cp "$sample" "$gbk"
"$bin" "$gbk" -o "$tmp/gbk.json" 2>"$tmp/stderr" && "$bin" validate "$tmp/gbk.json" 2>/dev/null \
  && ok || bad "non-UTF-8 file name: $(cat "$tmp/stderr")"

# --- bad inputs --------------------------------------------------------------
expect_error missing 2 "no such file" "$tmp/does-not-exist.pdf"
: >"$tmp/empty.pdf"
expect_error empty 2 "empty" "$tmp/empty.pdf"
head -c 20000 "$sample" >"$tmp/truncated.pdf"
expect_error truncated 2 "damaged|truncated|not a readable PDF|no text layer" "$tmp/truncated.pdf"
{ printf '%%PDF-1.7\n'; head -c 5000 /dev/urandom; } >"$tmp/garbage.pdf"
expect_error corrupt 2 "damaged|truncated|not a readable PDF" "$tmp/garbage.pdf"
expect_error nonplan 2 "no action-plan table" "$root/tests/data/nonplan_gov_report.pdf"
printf 'hello world\nthis is not a plan\n' >"$tmp/notes.txt"
expect_error nonplan-text 2 "no action-plan table|not a PDF" "$tmp/notes.txt"

if command -v qpdf >/dev/null; then
  qpdf --encrypt secret secret 256 -- "$sample" "$tmp/encrypted.pdf"
  expect_error encrypted 2 "encrypted" "$tmp/encrypted.pdf"
  expect_error wrong-password 2 "password" "$tmp/encrypted.pdf" --password nope
  "$bin" "$tmp/encrypted.pdf" --password secret -o "$tmp/enc.json" 2>/dev/null \
    && cmp -s <(sed '/"sha256"/d;/"file"/d' "$tmp/enc.json") \
              <(sed '/"sha256"/d;/"file"/d' "$tmp/plan.json") \
    && ok || bad "encrypted with --password should convert like the original"

  make_image_only_pdf "$tmp/scanned.pdf" "$tmp"
  expect_error image-only 2 "no text layer" "$tmp/scanned.pdf" --ocr never
  expect_error image-only-ocr 2 "too coarse to read" "$tmp/scanned.pdf"
  # The OCR engine is a module loaded for scans only (ocr/engine.h): one
  # without it is one error line, exit 2.
  PLAN2JSON_OCR_MODULE=/nonexistent/plan2json-ocr.so \
    expect_error ocr-module-missing 2 "OCR engine not available \(.*nonexistent" \
    "$tmp/scanned.pdf"
else
  echo "SKIP: qpdf not installed (encrypted and image-only cases)"
fi

# Text that is not a plan table, and text that is no known encoding.
printf '名称\t数量\t金额\n办公用品\t3\t120\n' >"$tmp/table.txt"
expect_error header-not-recognised 2 "no action-plan table" "$tmp/table.txt"
printf '\xff\x80\xff\x80\xfe\xff\x81\xff%.0s' $(seq 50) >"$tmp/binary.txt"
expect_error undecodable 2 "neither UTF-8.*GB18030|decod" "$tmp/binary.txt"
# A directory needs --out-dir.
mkdir -p "$tmp/somedir"
# Office inputs: a truncated .docx, a ZIP that is no office file; a
# corpus .docx converts to a valid document.
head -c 400 "$root/fuzz/corpus/convert/plan-small.docx" >"$tmp/truncated.docx"
expect_error office-truncated 2 "corrupt or truncated" "$tmp/truncated.docx"
printf 'PK\005\006\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' >"$tmp/empty-zip.docx"
expect_error office-not-ooxml 2 "not a Word, Excel or OpenDocument" "$tmp/empty-zip.docx"
"$bin" -q "$root/fuzz/corpus/convert/plan-small.docx" -o "$tmp/docx.json"
rc=$?
if [ "$rc" = 0 ] && "$bin" validate "$tmp/docx.json" >/dev/null 2>&1 &&
   grep -q '"format": "docx"' "$tmp/docx.json"; then
  ok
else
  bad "office-docx: exit $rc or invalid output"
fi
rm -f "$tmp/docx.json"

expect_error directory 2 "is a directory.*--out-dir" "$tmp/somedir"

# A full disk: /dev/full fails every write with ENOSPC (and stays a device).
"$bin" "$sample" -o /dev/full 2>"$tmp/stderr"
rc=$?
[ "$rc" = 2 ] && [ "$(wc -l <"$tmp/stderr")" = 1 ] && grep -q "word.pdf: /dev/full: cannot write: No space left on device" "$tmp/stderr" \
  && [ -c /dev/full ] && ok || bad "-o /dev/full: exit $rc: $(cat "$tmp/stderr")"
"$bin" "$sample" >/dev/full 2>"$tmp/stderr"
rc=$?
[ "$rc" = 2 ] && grep -q "<stdout>: cannot write: No space left on device" "$tmp/stderr" && ok \
  || bad "stdout to /dev/full: exit $rc: $(cat "$tmp/stderr")"

# An output directory that cannot be written.
"$bin" "$sample" -o "$tmp/no/such/dir/out.json" 2>"$tmp/stderr"
rc=$?
[ "$rc" = 2 ] && grep -q "cannot write" "$tmp/stderr" && ok \
  || bad "unwritable output: exit $rc: $(cat "$tmp/stderr")"

# Several inputs: a bad one does not stop the good one; exit 2.
"$bin" "$tmp/does-not-exist.pdf" "$sample" >"$tmp/multi.json" 2>"$tmp/stderr"
rc=$?
[ "$rc" = 2 ] && grep -q '"schema_version"' "$tmp/multi.json" && ok \
  || bad "mixed inputs: exit $rc"

# The same text dump re-encoded as GB18030 and as UTF-16 (with BOM) gives
# the same document; only source.sha256 and source.encoding differ.
dump=$root/samples/beijing-eco-2023.pdftotext.txt
"$bin" "$dump" -o "$tmp/utf8.json" 2>/dev/null
iconv -f UTF-8 -t GB18030 "$dump" >"$tmp/dump-gb.txt"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$dump"; } >"$tmp/dump-u16.txt"
for enc in gb u16; do
  "$bin" "$tmp/dump-$enc.txt" -o "$tmp/$enc.json" 2>/dev/null
  rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
    bad "re-encoded dump ($enc): exit $rc"
  elif cmp -s <(grep -vE '"(sha256|encoding|file)"' "$tmp/utf8.json") \
              <(grep -vE '"(sha256|encoding|file)"' "$tmp/$enc.json"); then
    ok
  else
    bad "re-encoded dump ($enc) gives a different document"
  fi
done
grep -q '"encoding": "GB18030"' "$tmp/gb.json" && ok || bad "GB18030 not reported in source.encoding"

finish
