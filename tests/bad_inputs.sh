# Sourced by the CLI and batch tests: generators for the bad-input corpus.

# make_image_only_pdf OUT TMPDIR: a one-page PDF whose page is an 8x8 grey
# image and no text operators (what a scanner produces); qpdf writes the
# cross-reference table.
make_image_only_pdf() {
  local out=$1 work=$2
  {
    printf '%%PDF-1.4\n'
    printf '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
    printf '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n'
    printf '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
    printf '/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >> endobj\n'
    printf '4 0 obj << /Type /XObject /Subtype /Image /Width 8 /Height 8 '
    printf '/ColorSpace /DeviceGray /BitsPerComponent 8 /Length 64 >>\nstream\n'
    head -c 64 /dev/zero | tr '\0' '\200'
    printf '\nendstream endobj\n'
    printf '5 0 obj << /Length 31 >>\nstream\nq 500 0 0 700 40 60 cm /Im0 Do Q\nendstream endobj\n'
    printf 'trailer << /Root 1 0 R >>\n%%%%EOF\n'
  } >"$work/scan-raw.pdf"
  qpdf "$work/scan-raw.pdf" "$out" 2>/dev/null
}
