#!/usr/bin/env bash
# 30 random SIGKILLs of a batch's whole process group, then one normal run:
# no *.tmp-* may remain, and every manifest entry's sha256 must be the
# source.sha256 of its output (issue 13). Labelled slow.
# Usage: batch_kill_test.sh PATH/TO/plan2json PROJECT_ROOT
set -u
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in/d"
i=0
for f in "$root"/tests/corpus/*.pdf "$root"/tests/corpus/*.layout.txt; do
  i=$((i + 1))
  cp "$f" "$tmp/in/$i-$(basename "$f")"
  # A second copy with different bytes (a different sha256).
  { cat "$f"; printf '\n'; } >"$tmp/in/d/$i-$(basename "$f")"
done
RANDOM=13
for k in $(seq 30); do
  # Every other run changes an input, so that resumes see new bytes.
  if [ $((k % 2)) = 0 ]; then
    victim=$(ls "$tmp/in" | grep -v '^d$' | sed -n "$((RANDOM % i + 1))p")
    printf '\n' >>"$tmp/in/$victim"
  fi
  setsid "$bin" -q -j2 --files-per-worker 3 "$tmp/in" --out-dir "$tmp/out" \
    >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 9 + 1))"
  kill -KILL -- -"$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
done
sleep 0.2
"$bin" -q -j2 "$tmp/in" --out-dir "$tmp/out" >/dev/null 2>"$tmp/err"
rc=$?
fails=0
left=$(find "$tmp/out" -name '*.tmp-*' | wc -l)
if [ "$left" != 0 ]; then
  echo "FAIL: $left temporaries left: $(find "$tmp/out" -name '*.tmp-*')"
  fails=1
fi
python3 - "$tmp/out" "$tmp/in" <<'PY' || fails=1
import hashlib, json, os, sys
out, src = sys.argv[1], sys.argv[2]
n = 0
for line in open(os.path.join(out, "manifest.jsonl"), encoding="utf-8"):
    e = json.loads(line)
    real = hashlib.sha256(open(e["path"], "rb").read()).hexdigest()
    assert e["sha256"] == real, ("manifest sha256 is not the input's", e["path"])
    if e["status"] == "error":
        continue
    doc = json.load(open(os.path.join(out, e["output"]), encoding="utf-8"))
    assert doc["source"]["sha256"] == e["sha256"], ("output of other bytes", e["output"])
    n += 1
assert n > 0
print("batch_kill_test: %d outputs match their manifest entries" % n)
PY
[ "$rc" -le 3 ] || { echo "FAIL: final run exit $rc: $(cat "$tmp/err")"; fails=1; }
[ "$fails" = 0 ]
