#!/usr/bin/env bash
# README command 2: install the packages, build, and run the whole test
# suite with ctest. Works on its own on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# PLAN2JSON_CMAKE_ARGS: extra configure options (CI adds -DPLAN2JSON_WERROR=ON).
# shellcheck disable=SC2086
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release ${PLAN2JSON_CMAKE_ARGS:-} >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
