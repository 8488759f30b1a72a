#!/usr/bin/env bash
# README command 1: install the packages, build, and run plan2json on the
# bundled sample (the JSON goes to stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
# Everything but the JSON goes to stderr, so `scripts/build-and-run.sh > plan.json` works.
scripts/install-deps.sh >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >&2
cmake --build build -j"$(nproc)" >&2
./build/cli/plan2json samples/beijing-eco-2023.word.pdf
