#!/usr/bin/env bash
# README command 1: install the packages, build, and run plan2json on the
# bundled sample (the JSON goes to stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
./build/cli/plan2json samples/beijing-eco-2023.word.pdf
