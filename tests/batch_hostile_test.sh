#!/usr/bin/env bash
# Batch faults from issue 13: stale temporaries and outputs, a second run on
# the same --out-dir, an input a.pdf beside a directory a.pdf.json/, special
# files inside input directories, non-UTF-8 names, timeout entries.
# Usage: batch_hostile_test.sh PATH/TO/plan2json PROJECT_ROOT
set -u
bin=$1
root=$2
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"
pdf=$root/samples/beijing-eco-2023.word.pdf

# field MANIFEST PATH_SUFFIX KEY
field() {
  python3 - "$@" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    if e["path"].endswith(sys.argv[2]):
        print(json.dumps(e[sys.argv[3]]))
        break
else:
    print("MISSING")
PY
}

# --- stale temporaries from a killed run are removed ----------------------------
mkdir -p "$tmp/in1" "$tmp/out1/sub"
cp "$pdf" "$tmp/in1/a.pdf"
: >"$tmp/out1/a.pdf.json.tmp-99999"
: >"$tmp/out1/sub/x.pdf.json.tmp-123"
: >"$tmp/out1/keep.tmp-abc"
"$bin" -q "$tmp/in1" --out-dir "$tmp/out1" 2>/dev/null
left=$(find "$tmp/out1" -name '*.tmp-[0-9]*' | wc -l)
if [ "$left" = 0 ] && [ -e "$tmp/out1/keep.tmp-abc" ]; then ok; else
  bad "stale_temporaries_removed: $left left"
fi

# --- an input that now fails loses its old output ---------------------------------
printf 'garbage' >"$tmp/in1/a.pdf"
"$bin" -q "$tmp/in1" --out-dir "$tmp/out1" 2>/dev/null
if [ ! -e "$tmp/out1/a.pdf.json" ] && [ "$(field "$tmp/out1/manifest.jsonl" a.pdf status)" = '"error"' ]; then
  ok
else
  bad "stale_output_of_failing_input_removed"
fi

# --- a second concurrent run on one --out-dir is refused ----------------------------
cp "$pdf" "$tmp/in1/a.pdf"
flock "$tmp/out1" sleep 3 &
holder=$!
sleep 0.3
"$bin" -q "$tmp/in1" --out-dir "$tmp/out1" 2>"$tmp/err"; rc=$?
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
if [ "$rc" = 2 ] && grep -q 'another plan2json run' "$tmp/err" && [ "$(wc -l <"$tmp/err")" = 1 ]; then
  ok
else
  bad "out_dir_lock: exit $rc: $(cat "$tmp/err")"
fi

# --- a.pdf beside a directory a.pdf.json/: the same loser at -j1 and -j2 -------------
mkdir -p "$tmp/in2/a.pdf.json"
cp "$pdf" "$tmp/in2/a.pdf"
cp "$pdf" "$tmp/in2/a.pdf.json/b.pdf"
for j in 1 2; do
  "$bin" -q -j$j --force "$tmp/in2" --out-dir "$tmp/out2-$j" 2>/dev/null
done
a1=$(field "$tmp/out2-1/manifest.jsonl" /a.pdf status)
a2=$(field "$tmp/out2-2/manifest.jsonl" /a.pdf status)
b1=$(field "$tmp/out2-1/manifest.jsonl" b.pdf status)
if [ "$a1" = '"error"' ] && [ "$a2" = '"error"' ] && [ "$b1" != '"error"' ] &&
   [ -f "$tmp/out2-2/a.pdf.json/b.pdf.json" ]; then
  ok
else
  bad "output_dir_collision: a=$a1/$a2 b=$b1"
fi

# --- dangling links, link loops and FIFOs get a manifest line -----------------------
mkdir -p "$tmp/in3"
cp "$pdf" "$tmp/in3/good.pdf"
ln -s nowhere.pdf "$tmp/in3/dangling.pdf"
ln -s loop.pdf "$tmp/in3/loop.pdf"
mkfifo "$tmp/in3/fifo.pdf"
timeout 20 "$bin" -q "$tmp/in3" --out-dir "$tmp/out3" 2>/dev/null; rc=$?
for n in dangling.pdf loop.pdf fifo.pdf; do
  s=$(field "$tmp/out3/manifest.jsonl" "$n" status)
  [ "$s" = '"error"' ] && ok || bad "special_file_in_manifest ($n): $s (exit $rc)"
done

# --- non-UTF-8 names: escaped, not replaced, in the manifest --------------------------
mkdir -p "$tmp/in4"
cp "$pdf" "$tmp/in4/$(printf 'gbk\xca\xd0').pdf"
"$bin" -q "$tmp/in4" --out-dir "$tmp/out4" 2>/dev/null
if grep -qF 'gbk\\xca\\xd0.pdf' "$tmp/out4/manifest.jsonl" && ! grep -q $'\xef\xbf\xbd' "$tmp/out4/manifest.jsonl"; then
  ok
else
  bad "non_utf8_name_escaped: $(cat "$tmp/out4/manifest.jsonl")"
fi
# and a rerun recognises the entry (resume by the escaped name)
"$bin" -q "$tmp/in4" --out-dir "$tmp/out4" 2>/dev/null
[ "$(field "$tmp/out4/manifest.jsonl" 'd0.pdf' skipped)" = true ] && ok ||
  bad "non_utf8_name_resume"

# --- timeout entries carry the input's sha256 and the real time ------------------------
mkdir -p "$tmp/in5"
cp "$root/tests/hostile/xobj_fanout_10_9.pdf" "$tmp/in5/slow.pdf"
"$bin" -q --timeout 0.3 "$tmp/in5" --out-dir "$tmp/out5" 2>/dev/null
sha=$(field "$tmp/out5/manifest.jsonl" slow.pdf sha256)
ms=$(field "$tmp/out5/manifest.jsonl" slow.pdf ms)
want="\"$(sha256sum "$tmp/in5/slow.pdf" | cut -d' ' -f1)\""
if [ "$sha" = "$want" ] && python3 -c "import sys; assert float(sys.argv[1]) >= 250" "$ms"; then
  ok
else
  bad "timeout_entry_sha_ms: sha=$sha ms=$ms"
fi

# --- an output in DIR that is a link to its own input is never written ------------
mkdir -p "$tmp/in6" "$tmp/out6"
cp "$pdf" "$tmp/in6/a.pdf"
sum=$(sha256sum <"$tmp/in6/a.pdf")
ln -s "$tmp/in6/a.pdf" "$tmp/out6/a.pdf.json"
"$bin" -q "$tmp/in6" --out-dir "$tmp/out6" 2>/dev/null
if [ "$(sha256sum <"$tmp/in6/a.pdf")" = "$sum" ] &&
   [ "$(field "$tmp/out6/manifest.jsonl" a.pdf status)" = '"error"' ]; then
  ok
else
  bad "batch_output_link_to_input: the input was overwritten"
fi

# --- --timings for batches: stage times summed over the converted inputs -------------
"$bin" -q --timings --force "$tmp/in4" --out-dir "$tmp/out4" 2>"$tmp/err"
grep -qE '^plan2json: timings ms, summed over 1 converted inputs: read [0-9.]+, extract' "$tmp/err" &&
  ok || bad "batch_timings: $(cat "$tmp/err")"

finish batch_hostile_test
