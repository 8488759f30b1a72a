#!/usr/bin/env bash
# Regenerates tests/golden/<sample>.json from the current build. Run it only
# after checking that a difference in golden_test is intended, and review the
# diff before committing: these files are the regression baseline for the
# fields samples/*.expected.json does not carry (source, columns, due, pages).
# Usage: tests/update_golden.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/cli/plan2json
for f in samples/*.pdf samples/*.txt; do
  [ -e "$f" ] || continue
  case "$f" in *.expected.*) continue ;; esac
  "$bin" "$f" -o "tests/golden/$(basename "$f").json" || echo "skipped $f" >&2
done
