#!/usr/bin/env bash
# Hostile layout dumps (issue 13) whose fixes live in extractor/text_layout.cc,
# text_flow.cc and text_columns.cc (other branches). NOT registered in ctest
# yet: the lead wires it (add_test like hostile_test) once those land.
# Each must end within 10 s and 512 MB with a valid document or one error
# line; layout_rows_500_misaligned must keep its 500 rows apart.
# Usage: hostile_layout_test.sh PATH/TO/plan2json PROJECT_ROOT
set -u
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
run() {  # run NAME FILE
  (ulimit -v 524288; timeout 10 "$bin" -q "$2") >"$tmp/out" 2>"$tmp/err"
  rc=$?
  case $rc in
    0|3) "$bin" validate "$tmp/out" >/dev/null 2>&1 || bad "$1: invalid document" ;;
    2) [ "$(wc -l <"$tmp/err")" = 1 ] || bad "$1: more than one error line" ;;
    *) bad "$1: exit $rc (timeout, crash or out of memory)" ;;
  esac
}
dump=$(ls "$root"/tests/corpus/*.layout.txt | head -1)
# A header line repeated 10,000 times (was 24 s / 1.2 GB).
python3 - "$dump" "$tmp/header10k.txt" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
head = next(i for i, l in enumerate(lines) if "序号" in l)
out = lines[:head] + [lines[head]] * 10000 + lines[head + 1:]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
PY
run header_repeated_10000 "$tmp/header10k.txt"
# 20,000 rows on one layout page (was 138 s / 3.6 GB).
python3 - "$tmp/rows20k.txt" <<'PY'
import sys
rows = ["序号    重点任务        工作措施                  完成时限      牵头单位"]
for i in range(1, 20001):
    rows.append("%-6d  任务%-8d  措施内容第%d项            2024年底前    市发展改革委" % (i, i, i))
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(rows) + "\n")
PY
run rows_20000_one_page "$tmp/rows20k.txt"
# 500 rows slightly misaligned: rows 1-10 were merged into one, exit 0.
run layout_rows_500_misaligned "$root/tests/hostile/layout_rows_500_misaligned.txt"
if [ "$rc" = 0 ] || [ "$rc" = 3 ]; then
  n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["rows"]))' "$tmp/out")
  [ "$n" -ge 500 ] || bad "layout_rows_500_misaligned: $n rows, want 500 (rows merged)"
fi
echo "hostile_layout_test: $fails failed"
[ "$fails" = 0 ]
