#!/usr/bin/env bash
# Batch-mode tests (plan2json INPUT... --out-dir DIR): a tree of good and bad
# inputs built in a temporary directory; checks the manifest, the mirrored
# output tree, resume/skip, --force, -j1 vs -j2, formats, progress, timeouts,
# a crashing worker, a full disk, an unwritable output directory and SIGINT.
# Usage: batch_test.sh PATH/TO/plan2json PROJECT_ROOT
set -u
# shellcheck source=bad_inputs.sh
source "$(dirname "$0")/bad_inputs.sh"
bin=$1
root=$2
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"
mounts=()
cleanup() {
  local m
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
check() {  # check NAME COMMAND...: passes if COMMAND succeeds
  local name=$1
  shift
  if "$@"; then ok; else bad "$name"; fi
}

samples=$root/samples
word=$samples/beijing-eco-2023.word.pdf
narrow=$samples/beijing-eco-2023.narrow.pdf
quirky=$samples/beijing-eco-2023.quirky.pdf

# manifest_field FILE PATH_SUFFIX KEY: the KEY of the manifest line whose
# path ends with PATH_SUFFIX (python3 keeps this readable).
manifest_field() {
  python3 - "$@" <<'EOF'
import json, sys
path, suffix, key = sys.argv[1:4]
for line in open(path, encoding="utf-8"):
    e = json.loads(line)
    if e["path"].endswith(suffix):
        v = e[key]
        print("null" if v is None else (str(v).lower() if isinstance(v, bool) else v))
        break
else:
    print("MISSING")
EOF
}
# The manifest without the fields that may differ between runs.
manifest_stable() {
  python3 - "$1" <<'EOF'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    e.pop("ms"); e.pop("skipped")
    print(json.dumps(e, sort_keys=True, ensure_ascii=False))
EOF
}
no_temporaries() { ! find "$1" -name '*.tmp-*' | grep -q .; }

# --- the corpus ----------------------------------------------------------------
in=$tmp/in
mkdir -p "$in/2023/eco" "$in/2023/bad" "$in/empty-dir/nested"
cp "$word" "$in/2023/eco/word.pdf"
cp "$narrow" "$in/2023/eco/narrow.pdf"
cp "$quirky" "$in/quirky.pdf"
echo "not an input" >"$in/readme.md"
echo "not an input" >"$in/empty-dir/nested/readme.md"
: >"$in/2023/bad/empty.pdf"
head -c 20000 "$word" >"$in/2023/bad/truncated.pdf"
{ printf '%%PDF-1.7\n'; head -c 5000 /dev/urandom; } >"$in/2023/bad/garbage.pdf"
printf 'hello world\nthis is not a plan\n' >"$in/2023/bad/notes.txt"
cp "$root/tests/data/nonplan_gov_report.pdf" "$in/2023/bad/nonplan.pdf"
# A scan found by its extension (directories yield images too), corrupt.
{ printf '\211PNG\r\n\032\n'; head -c 300 /dev/urandom; } >"$in/2023/bad/corrupt.png"
bad_inputs="empty truncated garbage notes nonplan corrupt"
have_qpdf=0
if command -v qpdf >/dev/null; then
  have_qpdf=1
  qpdf --encrypt secret secret 256 -- "$word" "$in/2023/bad/encrypted.pdf"
  bad_inputs="$bad_inputs encrypted"
  make_image_only_pdf "$in/2023/bad/scanned.pdf" "$tmp"
  bad_inputs="$bad_inputs scanned"
fi
good_outputs="2023/eco/narrow.pdf.json 2023/eco/word.pdf.json quirky.pdf.json"

# --- a mixed batch ---------------------------------------------------------------
out=$tmp/out
mkdir -p "$tmp/dup" && cp "$quirky" "$tmp/dup/quirky.pdf"  # output name taken
"$bin" "$in" "$in/empty-dir" "$tmp/missing.pdf" "$tmp/dup/quirky.pdf" --out-dir "$out" -j2 \
  >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
check "mixed batch exits 2 (got $rc)" [ "$rc" = 2 ]
check "batch writes nothing on stdout" [ ! -s "$tmp/stdout" ]
for b in $bad_inputs; do
  name=$b.pdf
  [ "$b" = notes ] && name=notes.txt
  [ "$b" = corrupt ] && name=corrupt.png
  n=$(grep -c "/2023/bad/$name" "$tmp/stderr")
  check "one stderr line for $name (got $n)" [ "$n" = 1 ]
  check "$name: no output" [ ! -e "$out/2023/bad/$name.json" ]
  check "$name: manifest status error" [ "$(manifest_field "$out/manifest.jsonl" "/2023/bad/$name" status)" = error ]
done
grep -q "empty-dir: no \*.pdf or \*.txt files" "$tmp/stderr" && ok || bad "directory without inputs: $(cat "$tmp/stderr")"
grep -q "missing.pdf: no such file" "$tmp/stderr" && ok || bad "missing file message"
grep -q "dup/quirky.pdf: its output quirky.pdf.json is already that of $in/quirky.pdf" "$tmp/stderr" \
  && ok || bad "collision with an earlier output: $(cat "$tmp/stderr")"
grep -q "file is empty" "$tmp/stderr" && ok || bad "empty: message"
[ $have_qpdf = 0 ] || { grep -q "encrypted.pdf:.*encrypted" "$tmp/stderr" && ok || bad "encrypted: message"; }
[ $have_qpdf = 0 ] || { grep -qE "scanned.pdf:.*(no text layer|too coarse to read)" "$tmp/stderr" && ok || bad "image-only: message"; }
grep -qE "truncated.pdf: .*(damaged|truncated|not a readable PDF|no text layer)" "$tmp/stderr" && ok || bad "truncated: message"
grep -qE "garbage.pdf: .*(damaged|truncated|not a readable PDF)" "$tmp/stderr" && ok || bad "garbage: message"
grep -q "notes.txt: no action-plan table" "$tmp/stderr" && ok || bad "notes.txt: message"
grep -q "nonplan.pdf: no action-plan table" "$tmp/stderr" && ok || bad "nonplan: message"
# The summary line.
grep -qE "^plan2json: [0-9]+ of [0-9]+ inputs in .*manifest $out/manifest.jsonl$" "$tmp/stderr" \
  && ok || bad "summary line: $(tail -1 "$tmp/stderr")"

# The mirrored tree holds exactly the good outputs and the manifest.
(cd "$out" && find . -type f | sed 's|^\./||' | sort) >"$tmp/tree"
printf '%s\n' $good_outputs manifest.jsonl | sort >"$tmp/tree.want"
diff "$tmp/tree.want" "$tmp/tree" >/dev/null && ok || bad "output tree: $(diff "$tmp/tree.want" "$tmp/tree")"
check "no temporaries after a batch" no_temporaries "$out"
for f in $good_outputs; do
  "$bin" validate "$out/$f" 2>/dev/null && ok || bad "$f does not validate"
done
cmp -s "$out/2023/eco/word.pdf.json" <("$bin" "$in/2023/eco/word.pdf") \
  && ok || bad "batch output differs from single-file output"

# The manifest: one line per input, in input order, statuses and counts.
m=$out/manifest.jsonl
want_lines=$((3 + $(echo $bad_inputs | wc -w) + 3))  # + empty-dir, missing, collision
check "manifest has $want_lines lines (got $(wc -l <"$m"))" [ "$(wc -l <"$m")" = "$want_lines" ]
python3 - "$m" "$in" <<'EOF' && ok || bad "manifest content"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
keys = ["path", "output", "sha256", "status", "rows", "pages", "warnings",
        "error", "ms", "skipped"]
assert all(list(e) == keys for e in lines), "keys"
paths = [e["path"] for e in lines]
tree = [p for p in paths if p.startswith(sys.argv[2] + "/") and "empty-dir" not in p]
assert tree == sorted(tree, key=lambda p: p.split("/")), tree  # sorted by path
e = {p.rsplit("/", 1)[-1]: x for p, x in zip(paths, lines)}
w = e["word.pdf"]
assert w["status"] == "ok" and w["rows"] == 40 and w["pages"] == 8, w
assert w["warnings"] == 0 and w["error"] is None and len(w["sha256"]) == 64, w
assert w["output"] == "2023/eco/word.pdf.json" and not w["skipped"], w
assert w["ms"] > 0, w
for name in ["empty.pdf", "truncated.pdf", "garbage.pdf", "notes.txt", "nonplan.pdf", "corrupt.png"] + \
        [n for n in ["encrypted.pdf", "scanned.pdf"] if n in e]:
    b = e[name]
    assert b["status"] == "error" and b["rows"] is None, b
    assert b["error"].startswith(b["path"] + ":"), b
assert e["empty.pdf"]["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
assert e["missing.pdf"]["sha256"] is None
assert e["empty-dir"]["status"] == "error"
EOF

# --- resume: the same run again skips what is up to date -------------------------
touch -d '2000-01-01' "$out/quirky.pdf.json"
"$bin" "$in" "$in/empty-dir" "$tmp/missing.pdf" "$tmp/dup/quirky.pdf" --out-dir "$out" -j2 -q \
  2>"$tmp/stderr2"
rc=$?
check "re-run exits 2 (failures are retried)" [ "$rc" = 2 ]
for s in 2023/eco/word.pdf 2023/eco/narrow.pdf /in/quirky.pdf; do
  check "re-run skips $s" [ "$(manifest_field "$m" "$s" skipped)" = true ]
done
check "skipped output untouched" [ "$(stat -c %Y "$out/quirky.pdf.json")" = "$(date -d 2000-01-01 +%s)" ]
check "re-run: bad inputs tried again" [ "$(manifest_field "$m" /2023/bad/empty.pdf skipped)" = false ]
check "--quiet: only the failure lines" [ "$(grep -c -v -e 'no such file' -e 'empty' -e truncated -e garbage -e notes -e nonplan -e corrupt -e encrypted -e scanned -e 'already that of' "$tmp/stderr2")" = 0 ]
manifest_stable "$m" >"$tmp/m2"
"$bin" "$in" "$in/empty-dir" "$tmp/missing.pdf" "$tmp/dup/quirky.pdf" --out-dir "$out" -q 2>/dev/null
manifest_stable "$m" >"$tmp/m3"
cmp -s "$tmp/m2" "$tmp/m3" && ok || bad "re-run manifest differs: $(diff "$tmp/m2" "$tmp/m3")"

# --force converts everything again.
"$bin" "$in/2023/eco" --out-dir "$tmp/out-eco" -q
"$bin" "$in/2023/eco" --out-dir "$tmp/out-eco" -q --force
check "--force: nothing skipped" [ "$(grep -c '"skipped":true' "$tmp/out-eco/manifest.jsonl")" = 0 ]
check "--force: both converted" [ "$(grep -c '"status":"ok"' "$tmp/out-eco/manifest.jsonl")" = 2 ]
# A changed input is converted again.
cp "$quirky" "$in/2023/eco/word.pdf"
"$bin" "$in/2023/eco" --out-dir "$tmp/out-eco" -q
check "changed input: converted again" [ "$(manifest_field "$tmp/out-eco/manifest.jsonl" /word.pdf skipped)" = false ]
check "changed input: unchanged one skipped" [ "$(manifest_field "$tmp/out-eco/manifest.jsonl" /narrow.pdf skipped)" = true ]
grep -q '"file": "word.pdf"' "$tmp/out-eco/word.pdf.json" \
  && [ "$(manifest_field "$tmp/out-eco/manifest.jsonl" /word.pdf sha256)" = "$(sha256sum <"$quirky" | cut -d' ' -f1)" ] \
  && ok || bad "changed input: new output and sha256"
cp "$word" "$in/2023/eco/word.pdf"
# Without a manifest (a killed run), JSON outputs still say what they were made from.
rm "$tmp/out-eco/manifest.jsonl"
"$bin" "$in/2023/eco" --out-dir "$tmp/out-eco" -q
check "no manifest: JSON outputs checked by source.sha256" [ "$(grep -c '"skipped":true' "$tmp/out-eco/manifest.jsonl")" = 1 ]

# --- done with warnings: exit 3 ----------------------------------------------------
mkdir -p "$tmp/warn"
cp "$word" "$tmp/warn/plan.pdf"
cp "$samples/beijing-eco-2023.pdftotext.txt" "$tmp/warn/plan.txt"  # a text dump
"$bin" "$tmp/warn" --out-dir "$tmp/warn-out" -q 2>"$tmp/stderr"
rc=$?
check "warnings only: exit 3 (got $rc)" [ "$rc" = 3 ]
check "warnings are not printed per input in a batch" [ ! -s "$tmp/stderr" ]
check "text dump: status warnings" [ "$(manifest_field "$tmp/warn-out/manifest.jsonl" plan.txt status)" = warnings ]
check "text dump: warning count" [ "$(manifest_field "$tmp/warn-out/manifest.jsonl" plan.txt warnings)" -gt 0 ]
check "pdf and txt of the same name do not collide" [ -f "$tmp/warn-out/plan.pdf.json" ] && [ -f "$tmp/warn-out/plan.txt.json" ]
"$bin" "$tmp/warn" --out-dir "$tmp/warn-out" -q
check "warnings only, all skipped: still exit 3" [ $? = 3 ]

# --- -j1 and -j2 give identical outputs --------------------------------------------
"$bin" "$in" --out-dir "$tmp/j1" -j1 -q 2>/dev/null
"$bin" "$in" --out-dir "$tmp/j2" -j2 -q 2>/dev/null
diff -r -x manifest.jsonl "$tmp/j1" "$tmp/j2" >/dev/null && ok || bad "-j1 and -j2 outputs differ"
diff <(manifest_stable "$tmp/j1/manifest.jsonl" | sed "s|$tmp/j[12]||g") \
     <(manifest_stable "$tmp/j2/manifest.jsonl" | sed "s|$tmp/j[12]||g") >/dev/null \
  && ok || bad "-j1 and -j2 manifests differ"

# --- formats --------------------------------------------------------------------------
"$bin" "$in/2023/eco" --out-dir "$tmp/csv" --format csv --excel -q
check "csv output names" [ -f "$tmp/csv/word.pdf.csv" ] && [ -f "$tmp/csv/narrow.pdf.csv" ]
head -c 3 "$tmp/csv/word.pdf.csv" | od -An -tx1 | grep -q "ef bb bf" && ok || bad "--excel: BOM"
head -1 "$tmp/csv/word.pdf.csv" | sed 's/^\xEF\xBB\xBF//' | tr -d '\r' \
  | grep -qx "file,section,seq,task,measure,deadline,due_kind,due_date,lead,responsible,assisting,pages" \
  && ok || bad "csv header"
python3 - "$tmp/csv/word.pdf.csv" "$tmp/j1/2023/eco/word.pdf.json" <<'EOF' && ok || bad "csv content"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
assert len(rows) == len(doc["rows"]) == 40
for r, d in zip(rows, doc["rows"]):
    assert r["file"] == "word.pdf" and r["measure"] == d["measure"]
    assert r["lead"] == "、".join(d["lead"]) and r["assisting"] == "、".join(d["assisting"])
    assert r["seq"] == ("" if d["seq"] is None else str(d["seq"]))
    assert r["due_kind"] == d["due"]["kind"] and r["pages"] == "、".join(map(str, d["pages"]))
EOF
"$bin" "$in/2023/eco" --out-dir "$tmp/jsonl" --format jsonl -q
python3 - "$tmp/jsonl/word.pdf.jsonl" <<'EOF' && ok || bad "jsonl content"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(lines) == 40
assert list(lines[0])[:5] == ["file", "attachment", "title", "year", "section"]
assert lines[0]["title"] == "北京市生态保护2023年行动计划" and lines[0]["year"] == 2023
EOF

# --- progress ----------------------------------------------------------------------------
for i in $(seq 1 6); do cp "$word" "$tmp/prog-$i.pdf"; done
# Not a terminal: plain lines (at most every few seconds) and the summary.
"$bin" "$tmp"/prog-*.pdf --out-dir "$tmp/prog-plain" 2>"$tmp/stderr"
grep -q $'\r' "$tmp/stderr" && bad "plain progress has a carriage return" || ok
grep -q "6 of 6 inputs" "$tmp/stderr" && ok || bad "plain summary"
# A terminal (script(1) gives one): a bar redrawn in place.
if command -v script >/dev/null; then
  script -qec "'$bin' $tmp/prog-*.pdf --out-dir '$tmp/prog-tty' -j1" /dev/null >"$tmp/tty" 2>&1
  grep -q $'\r\[#*\.*\] [0-9]*/6' "$tmp/tty" && ok || bad "tty progress bar: $(od -c "$tmp/tty" | head -5)"
  script -qec "'$bin' $tmp/prog-*.pdf --out-dir '$tmp/prog-quiet' -q" /dev/null >"$tmp/tty" 2>&1
  [ ! -s "$tmp/tty" ] && ok || bad "--quiet on a tty prints: $(cat "$tmp/tty")"
fi

# --- workers are replaced after --files-per-worker inputs (default 64) ------------------
"$bin" "$in" --out-dir "$tmp/recycle" -j2 -q --files-per-worker 1 2>/dev/null
diff -r "$tmp/j1" "$tmp/recycle" -x manifest.jsonl >/dev/null && ok || bad "fresh worker per input: outputs differ"
if command -v strace >/dev/null; then
  # One trace file per traced process (-ff): the parent and its workers.
  mkdir -p "$tmp/strace"
  strace -ff -e trace=none -o "$tmp/strace/p" \
    "$bin" "$tmp"/prog-*.pdf --out-dir "$tmp/recycle2" -j1 -q --files-per-worker 2 2>/dev/null
  forks=$(( $(ls "$tmp/strace" | wc -l) - 1 ))
  check "6 inputs, 2 per worker: 3 workers (got $forks)" [ "$forks" = 3 ]
fi

# --- a stuck input (--timeout) and a crashing worker ------------------------------------
mkfifo "$tmp/stuck.pdf"  # opening it for reading blocks forever
"$bin" "$tmp/stuck.pdf" "$word" --out-dir "$tmp/timeout" --timeout 1 -q 2>"$tmp/stderr"
rc=$?
check "timeout: exit 2 (got $rc)" [ "$rc" = 2 ]
grep -q "stuck.pdf: timed out after 1 s" "$tmp/stderr" && ok || bad "timeout message: $(cat "$tmp/stderr")"
check "timeout: the other input converted" [ -f "$tmp/timeout/beijing-eco-2023.word.pdf.json" ]
check "timeout: no output" [ ! -e "$tmp/timeout/stuck.pdf.json" ]

"$bin" "$tmp/stuck.pdf" "$word" --out-dir "$tmp/crash" -j1 -q 2>"$tmp/stderr" &
pid=$!
worker=""
for _ in $(seq 50); do
  worker=$(pgrep -P "$pid" | head -1)
  [ -n "$worker" ] && break
  sleep 0.1
done
sleep 0.3
kill -SEGV "$worker" 2>/dev/null
wait "$pid"
rc=$?
check "crash: exit 2 (got $rc)" [ "$rc" = 2 ]
# (Under AddressSanitizer the worker reports the SEGV and exits with 1.)
grep -qE "stuck.pdf: worker (crashed \(signal 11|exited unexpectedly)" "$tmp/stderr" && ok || bad "crash message: $(cat "$tmp/stderr")"
check "crash: the batch goes on" [ -f "$tmp/crash/beijing-eco-2023.word.pdf.json" ]
check "crash: manifest records it" [ "$(manifest_field "$tmp/crash/manifest.jsonl" stuck.pdf status)" = error ]
rm "$tmp/stuck.pdf"

# --- output directory not writable ------------------------------------------------------
"$bin" "$word" --out-dir "$in/quirky.pdf/out" 2>"$tmp/stderr"
rc=$?
check "out-dir under a file: exit 2 (got $rc)" [ "$rc" = 2 ]
check "out-dir under a file: one line" [ "$(wc -l <"$tmp/stderr")" = 1 ]
grep -q "quirky.pdf/out: cannot create output directory" "$tmp/stderr" && ok || bad "out-dir message: $(cat "$tmp/stderr")"

# Mounts need root; skipped otherwise.
if mkdir -p "$tmp/ro" && mount -t tmpfs -o size=64k,ro tmpfs "$tmp/ro" 2>/dev/null; then
  mounts+=("$tmp/ro")
  "$bin" "$word" --out-dir "$tmp/ro" 2>"$tmp/stderr"
  rc=$?
  check "read-only out-dir: exit 2 (got $rc)" [ "$rc" = 2 ]
  grep -q "ro: output directory is not writable: Read-only file system" "$tmp/stderr" \
    && ok || bad "read-only out-dir message: $(cat "$tmp/stderr")"
else
  echo "SKIP: cannot mount tmpfs (read-only output directory)"
fi

# --- disk full mid-batch -----------------------------------------------------------------
if mkdir -p "$tmp/full" && mount -t tmpfs -o size=64k tmpfs "$tmp/full" 2>/dev/null; then
  mounts+=("$tmp/full")
  "$bin" "$in/2023/eco" "$in/quirky.pdf" "$word" "$narrow" --out-dir "$tmp/full" -j2 -q 2>"$tmp/stderr"
  rc=$?
  check "disk full: exit 2 (got $rc)" [ "$rc" = 2 ]
  grep -q "No space left on device" "$tmp/stderr" && ok || bad "disk full message: $(cat "$tmp/stderr")"
  check "disk full: no temporaries" no_temporaries "$tmp/full"
  for f in $(cd "$tmp/full" && find . -name '*.json'); do
    "$bin" validate "$tmp/full/$f" 2>/dev/null && ok || bad "disk full: partial output $f"
  done
  # Each line names the input it is about.
  check "disk full: lines name the input" [ "$(grep -c -v -e '^plan2json: /.*\.pdf: ' -e 'manifest.jsonl: cannot write' "$tmp/stderr")" = 0 ]
else
  echo "SKIP: cannot mount tmpfs (disk full)"
fi

# --- SIGINT during a batch ---------------------------------------------------------------
mkdir -p "$tmp/many"
for i in $(seq -w 1 50); do cp "$word" "$tmp/many/plan-$i.pdf"; done
"$bin" "$tmp/many" --out-dir "$tmp/int" -j2 -q 2>"$tmp/stderr" &
pid=$!
for _ in $(seq 100); do  # wait until a few are done
  [ "$(find "$tmp/int" -name '*.pdf.json' 2>/dev/null | wc -l)" -ge 3 ] && break
  sleep 0.05
done
kill -INT "$pid"
wait "$pid"
rc=$?
check "SIGINT: exit 130 (got $rc)" [ "$rc" = 130 ]
check "SIGINT: manifest written" [ -f "$tmp/int/manifest.jsonl" ]
check "SIGINT: no temporaries" no_temporaries "$tmp/int"
done_lines=$(wc -l <"$tmp/int/manifest.jsonl")
outputs=$(find "$tmp/int" -name '*.pdf.json' | wc -l)
check "SIGINT: stopped early ($done_lines of 50)" [ "$done_lines" -lt 50 ] && [ "$done_lines" -ge 3 ]
check "SIGINT: manifest lists every output ($done_lines vs $outputs)" [ "$done_lines" = "$outputs" ]
check "SIGINT: all finished inputs ok" [ "$(grep -c '"status":"ok"' "$tmp/int/manifest.jsonl")" = "$done_lines" ]
grep -q "Interrupt" "$tmp/stderr" && ok || bad "SIGINT: message: $(cat "$tmp/stderr")"
# ... and the next run resumes.
"$bin" "$tmp/many" --out-dir "$tmp/int" -j2 -q
rc=$?
check "resume after SIGINT: exit 0 (got $rc)" [ "$rc" = 0 ]
check "resume: 50 lines" [ "$(wc -l <"$tmp/int/manifest.jsonl")" = 50 ]
check "resume: finished ones skipped" [ "$(grep -c '"skipped":true' "$tmp/int/manifest.jsonl")" = "$done_lines" ]

# A second SIGINT discards the inputs in hand: a FIFO never finishes.
mkfifo "$tmp/stuck.pdf"
"$bin" "$tmp/stuck.pdf" "$word" --out-dir "$tmp/int2" -j2 -q 2>"$tmp/stderr" &
pid=$!
for _ in $(seq 100); do
  [ -f "$tmp/int2/beijing-eco-2023.word.pdf.json" ] && break
  sleep 0.05
done
kill -INT "$pid"; sleep 0.3; kill -INT "$pid"
wait "$pid"
rc=$?
check "second SIGINT: exit 130 (got $rc)" [ "$rc" = 130 ]
grep -q "discarded 1 input(s) in hand" "$tmp/stderr" && ok || bad "second SIGINT: message: $(cat "$tmp/stderr")"
check "second SIGINT: manifest has the finished input only" [ "$(wc -l <"$tmp/int2/manifest.jsonl")" = 1 ] \
  && grep -q '"status":"ok"' "$tmp/int2/manifest.jsonl"
check "second SIGINT: no temporaries" no_temporaries "$tmp/int2"
rm "$tmp/stuck.pdf"

# --- usage errors -----------------------------------------------------------------------------
"$bin" "$word" --out-dir "$tmp/u" -j 0 2>/dev/null; check "-j 0 is a usage error" [ $? = 1 ]
"$bin" "$word" --force 2>/dev/null; check "--force needs --out-dir" [ $? = 1 ]
"$bin" "$word" --out-dir "$tmp/u" -o "$tmp/u.json" 2>/dev/null; check "-o with --out-dir" [ $? = 1 ]
"$bin" "$word" --out-dir "$tmp/u" --format xml 2>/dev/null; check "unknown format" [ $? = 1 ]

finish
