// Copyright 2026 The plan2json Authors.
//
// The OCR engine module's entry point (engine.h).

#include <GlobalParams.h>

#include <memory>

#include "extractor/pdf_reader.h"
#include "ocr/engine.h"
#include "ocr/scan.h"

// pdf_render.cc calls extractor::InitPoppler() before opening a document.
// The module does not link extractor/pdf_reader.cc: a second copy of its
// once-flag would replace the program's globalParams. Poppler's state is the
// program's, set up by the loader before dlopen(); this only covers a
// caller that did not.
namespace plan2json::extractor {
void InitPoppler() {
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
}
}  // namespace plan2json::extractor

extern "C" __attribute__((visibility("default"))) const plan2json::ocr::Engine*
plan2json_ocr_engine(int version) {
  namespace ocr = plan2json::ocr;
  static const ocr::Engine engine = [] {
    ocr::Engine e;
    e.scan_image_file = &ocr::ScanImageFile;
    e.scan_pdf_pages = &ocr::ScanPdfPages;
    return e;
  }();
  return version == ocr::kEngineVersion ? &engine : nullptr;
}
