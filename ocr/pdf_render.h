// Copyright 2026 The plan2json Authors.
//
// Rasterises PDF pages for OCR with poppler's core API (SplashOutputDev, 8-bit
// grey). Besides extractor/pdf_reader.cc this is the only file that includes
// a poppler header; what it hands out is plain pixels.
//
// Thread safety: one PdfRenderer per thread; several may exist at once.

#ifndef PLAN2JSON_OCR_PDF_RENDER_H_
#define PLAN2JSON_OCR_PDF_RENDER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace plan2json::ocr {

// An 8-bit grey image, row-major, one byte per pixel (0 black, 255 white).
struct GreyImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // width * height
  double dpi = 0;               // resolution it was rendered at
};

class PdfRenderer {
 public:
  // Opens the PDF held in `bytes` (kept alive by the caller while the
  // renderer lives). Errors as extractor::ReadPdf's (kCorrupt, kEncrypted).
  static Result<std::unique_ptr<PdfRenderer>> Open(std::string_view bytes,
                                                   const std::string& name,
                                                   const std::string& password);
  ~PdfRenderer();
  PdfRenderer(const PdfRenderer&) = delete;
  PdfRenderer& operator=(const PdfRenderer&) = delete;

  int pages() const;
  // The resolution at which the page shows its largest image (pixels per
  // inch along the image's width), or 0 when the page draws no image.
  double ImageDpi(int page);
  // Renders 1-based `page` at `dpi`. kLimit when the bitmap would exceed
  // `max_pixels`.
  Result<GreyImage> Render(int page, double dpi, size_t max_pixels);

 private:
  struct Impl;
  explicit PdfRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace plan2json::ocr

#endif  // PLAN2JSON_OCR_PDF_RENDER_H_
