#!/usr/bin/env bash
# Installs what the benchmarks and fuzzing need on top of
# scripts/install-deps.sh (Debian 12): hyperfine, valgrind (callgrind),
# the other extractors compared (mupdf-tools, python3-pdfminer), Google
# Benchmark, clang with libFuzzer, GNU time. Idempotent; run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
packages=(
  hyperfine valgrind time python3           # compare.sh, bounded.sh
  mupdf-tools python3-pdfminer              # mutool, pdf2txt
  libbenchmark-dev                          # stages_bench
  clang-14 libclang-rt-14-dev               # libFuzzer (fuzz/)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
