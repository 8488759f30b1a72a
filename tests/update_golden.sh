#!/usr/bin/env bash
# Regenerates tests/golden/<input>.json for every sample that has an
# expected file (samples/<name>.expected.json beside samples/<name>.pdf or
# .txt) from the current build. Run it only after checking that a
# difference in golden_test is intended, and review the diff before
# committing: these files pin the fields the expected files do not carry
# (source, columns, due, pages, confidence, warnings).
# Usage: tests/update_golden.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/cli/plan2json
for expected in samples/*.expected.json; do
  name=${expected%.expected.json}
  for input in "$name.pdf" "$name.txt"; do
    [ -e "$input" ] || continue
    rc=0
    "$bin" "$input" -o "tests/golden/$(basename "$input").json" 2>/dev/null || rc=$?
    # 0 = ok, 3 = done with warnings (written); anything else is a failure.
    if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
      echo "failed: $input (exit $rc)" >&2
      exit 1
    fi
  done
done
