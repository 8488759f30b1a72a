// Copyright 2026 The plan2json Authors.
//
// Scans made from a born-digital PDF, for tests and benchmarks: each page
// rendered grey by pdftoppm at a dpi, optionally damaged the way real scans
// are (a 1° rotation, 1 % salt-and-pepper noise), then wrapped as an
// image-only PDF (img2pdf), a multi-page TIFF, or a PDF whose first page
// keeps the original text layer (qpdf). Needs pdftoppm, img2pdf and qpdf on
// PATH.

#ifndef PLAN2JSON_OCR_SCAN_MAKER_H_
#define PLAN2JSON_OCR_SCAN_MAKER_H_

#include <string>

namespace plan2json::ocr {

enum class Damage { kNone, kRotate1, kSaltPepper };
enum class Container {
  kPdf,
  kTiff,
  kMixedPdf
};  // kMixedPdf: page 1 keeps its text

struct ScanRecipe {
  std::string pdf;  // the born-digital original
  int dpi = 200;
  Damage damage = Damage::kNone;
  Container container = Container::kPdf;
};

// Writes the scan into the existing directory `dir` (page images too,
// replacing those an earlier scan left there) and returns its path, or ""
// when a tool failed. Deterministic: the noise comes from a fixed seed.
std::string MakeScan(const ScanRecipe& recipe, const std::string& dir);

// "clean", "rotated", "noisy"; false for another word.
bool ParseDamage(const std::string& word, Damage* damage);

}  // namespace plan2json::ocr

#endif  // PLAN2JSON_OCR_SCAN_MAKER_H_
