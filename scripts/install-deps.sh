#!/usr/bin/env bash
# Installs the Debian 12 packages plan2json needs to build, test and
# benchmark. Idempotent: does nothing (and needs no network) when they are
# all present. Run as root (or with sudo available).
set -euo pipefail
packages=(
  build-essential cmake pkg-config git
  libpoppler-private-dev libpoppler-dev   # poppler's core API (PDFDoc, TextOutputDev)
  poppler-data                            # CMaps: CJK fonts without a ToUnicode map
  libicu-dev libre2-dev libssl-dev        # normalizer; sha256 (libcrypto)
  nlohmann-json3-dev libvalijson-dev libcli11-dev
  libgtest-dev unicode-data               # tests; EquivalentUnifiedIdeograph.txt
  qpdf poppler-utils strace               # tests: encrypted inputs, text dumps, worker forks
  libtesseract-dev libleptonica-dev       # OCR of scans (ocr/)
  tesseract-ocr-chi-sim tesseract-ocr-eng # OCR language data
  img2pdf                                 # tests: scans made from the corpus PDFs
  python3                                 # tests/gen: synthetic plans and property tests
  libzip-dev libpugixml-dev               # ooxml: .docx/.xlsx packages and XML
  libreoffice-writer-nogui libreoffice-calc-nogui  # ooxml: .doc/.wps/.rtf/.odt, .xls/.ods
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
