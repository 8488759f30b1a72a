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

// Bounds on the work of one page, against hostile files: past any of them
// ReadPdf fails with kLimit ("page N: more than ... on one page"). The
// defaults are far above real plans (a dense page has ~5,000 characters,
// ~2,000 path segments, a few forms, depth < 10, < 1 MiB of content, and
// takes ~10 ms).
struct PdfLimits {
  long max_glyphs = 200000;       // characters drawn
  long max_segments = 200000;     // ruling candidates (stroked/filled)
  long max_form_draws = 1000;     // form XObjects entered (~1 ms each
                                  // with fonts in their resources)
  long max_annotations = 10000;   // annotations drawn
  long max_nesting = 1000;        // q (save) depth
  long max_content_bytes = 16L << 20;  // page content and its forms,
                                       // decoded (~5x that in memory)
  long max_content_compounds = 200000;  // "[" and "<<" in them (poppler
                                        // allocates each; nested ones
                                        // cost ~100 bytes per byte)
  double max_page_seconds = 2;    // wall time per page
  double max_page_extent = 14400; // pt per side (PDF's own limit)
};

struct PdfOptions {
  // Password for encrypted documents (tried as owner and user password).
  // Default: none.
  std::string password;
  // Documents with more pages are refused with kLimit. Default 10000.
  int max_pages = 10000;
  // A filled path thinner than this (pt) in one direction is a ruling.
  // Default 2.0.
  double max_ruling_thickness = 2.0;
  PdfLimits limits;
};

struct PdfInfo {
  int pages = 0;
  int glyphs = 0;  // characters with a text layer, over all pages
  // Characters beyond a page box cut to PdfLimits::max_page_extent (not
  // read), and the first page that lost any.
  int cut_glyphs = 0;
  int first_cut_page = 0;
};

// Parses the PDF held in `bytes` (the caller keeps them alive for the call)
// and calls `on_page` once per page, in order; the Page is the callee's to
// keep. `name` is used in error messages only. Errors: kEmpty, kCorrupt,
// kEncrypted, kLimit (pages, or a PdfLimits cap on one page);
// kNoTextLayer when no page has any text (a scan).
Status ReadPdf(std::string_view bytes, const std::string& name,
               const PdfOptions& options, PdfInfo* info,
               const std::function<void(Page&&)>& on_page);

// Sets up poppler's process-wide state, once and thread-safely. ReadPdf
// calls it; any other user of poppler's core API (ocr/pdf_render.cc, which
// rasterises scanned pages) calls it before opening a document.
void InitPoppler();

// True when `bytes` are a PDF: "%PDF-" at the start (after white space),
// or elsewhere within the first 1 KiB in a file that ends like a PDF
// (%%EOF or startxref within its last 1 KiB). A text dump quoting a
// "%PDF-" header is not one.
bool LooksLikePdf(std::string_view bytes);

}  // namespace plan2json::extractor

#endif  // PLAN2JSON_EXTRACTOR_PDF_READER_H_
