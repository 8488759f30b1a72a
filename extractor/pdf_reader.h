// Copyright 2026 The plan2json Authors.
//
// The one place that talks to poppler's core API (libpoppler-private-dev:
// PDFDoc, OutputDev, TextOutputDev, GfxState). That API changes between
// poppler releases, so nothing else includes a poppler header.
//
// Each page is interpreted exactly once: one TextOutputDev subclass records
// the characters (with boxes and fonts) and also the stroked and filled paths
// that are table rulings.
//
// Thread safety: ReadPdf may be called from several threads at once on
// different documents (poppler's global state is set up once, under
// std::call_once; each call owns its own PDFDoc and output device).

#ifndef PLAN2JSON_EXTRACTOR_PDF_READER_H_
#define PLAN2JSON_EXTRACTOR_PDF_READER_H_

#include <functional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "extractor/page.h"

namespace plan2json::extractor {

struct PdfOptions {
  // Password for encrypted documents (tried as owner and user password).
  // Default: none.
  std::string password;
  // Documents with more pages are refused with kLimit. Default 10000.
  int max_pages = 10000;
  // A filled path thinner than this (pt) in one direction is a ruling.
  // Default 2.0.
  double max_ruling_thickness = 2.0;
};

struct PdfInfo {
  int pages = 0;
  int glyphs = 0;  // characters with a text layer, over all pages
};

// Parses the PDF held in `bytes` (the caller keeps them alive for the call)
// and calls `on_page` once per page, in order; the Page is the callee's to
// keep. `name` is used in error messages only. Errors: kEmpty, kCorrupt,
// kEncrypted, kLimit; kNoTextLayer when no page has any text (a scan).
Status ReadPdf(std::string_view bytes, const std::string& name,
               const PdfOptions& options, PdfInfo* info,
               const std::function<void(Page&&)>& on_page);

// Sets up poppler's process-wide state, once and thread-safely. ReadPdf
// calls it; any other user of poppler's core API (ocr/pdf_render.cc, which
// rasterises scanned pages) calls it before opening a document.
void InitPoppler();

// True when `bytes` starts like a PDF ("%PDF-" within the first 1 KiB).
bool LooksLikePdf(std::string_view bytes);

}  // namespace plan2json::extractor

#endif  // PLAN2JSON_EXTRACTOR_PDF_READER_H_
