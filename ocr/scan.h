// Copyright 2026 The plan2json Authors.
//
// Scanned pages to the extractor's page model: image files (PNG, JPEG,
// TIFF incl. multi-page) and the pages of a PDF that have no text layer are
// rendered or decoded, brought to one working resolution, deskewed, and read
// by OCR (recognize.h); rulings come from the image (image.h). The Pages
// that come out go through extractor::FindTable and BuildPlan like a born-
// digital PDF's, and RepairPlan (repair.h) checks what OCR read.
//
// Memory per call is bounded by ScanOptions::max_pixels (one page image at
// a time, a few copies of it) plus the OCR engine (~100 MB per thread for
// chi_sim+eng).

#ifndef PLAN2JSON_OCR_SCAN_H_
#define PLAN2JSON_OCR_SCAN_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extractor/page.h"
#include "ocr/recognize.h"

namespace plan2json::ocr {

struct ScanOptions {
  // Tesseract language(s). Default "chi_sim": its model reads the Latin
  // letters and digits of these plans too, and measured better than
  // "chi_sim+eng", where lines of Chinese were misread as English words.
  std::string lang = "chi_sim";
  // Default per cell: measured better on the corpus (README, bench/ocr.sh).
  Method method = Method::kCell;
  // Working resolution: pages are rendered at it, images scaled to it.
  double dpi = 300;
  // A page whose image at `dpi` would have more pixels is refused (kLimit).
  // Default 64 Mpx: an A3 page at 400 dpi; ~300 MB of working copies.
  size_t max_pixels = size_t{64} << 20;
  // Writes "plan2json: FILE: OCR page i/n" to stderr as pages finish.
  bool progress = false;
};

struct ScanResult {
  std::vector<extractor::Page> pages;  // the OCR'd pages, in order
  std::vector<Warning> warnings;       // skew, low source resolution
  int dpi = 0;                         // the working resolution
};

// OCRs every page of an image file. Errors name the file: kCorrupt (does
// not decode), kInvalidArgument (too small to read), kNoPlanTable (every
// page blank).
Result<ScanResult> ScanImageFile(std::string_view bytes, const std::string& name,
                                 const ScanOptions& options);

// OCRs the listed 1-based pages of a PDF (the caller knows which pages lack
// a text layer).
Result<ScanResult> ScanPdfPages(std::string_view bytes, const std::string& name,
                                const std::string& password,
                                const std::vector<int>& pages,
                                const ScanOptions& options);

}  // namespace plan2json::ocr

#endif  // PLAN2JSON_OCR_SCAN_H_
