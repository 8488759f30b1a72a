// Copyright 2026 The plan2json Authors.

#include "ocr/scan.h"

#include <leptonica/allheaders.h>

#include <cmath>
#include <cstdio>
#include <utility>

#include "ocr/image.h"
#include "ocr/pdf_render.h"

namespace plan2json::ocr {
namespace {

// Less ink than this, and no rulings: nothing printed on the page.
constexpr double kBlankInk = 0.0005;
// Skew above this is worth telling: OCR and cell boxes suffer from it.
constexpr double kReportedSkew = 0.5;
// Scans below this resolution lose strokes of Chinese characters.
constexpr double kLowSourceDpi = 200;
// Below this an embedded image is not a page scan (a logo, a stamp).
constexpr double kMinRenderDpi = 72;
// A page image coarser than this holds no readable text.
constexpr double kMinScanDpi = 50;

std::string Fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void Progress(const ScanOptions& options, const std::string& name, int done,
              int total) {
  if (!options.progress) return;
  std::fprintf(stderr, "\rplan2json: %s: OCR page %d/%d%s", name.c_str(), done,
               total, done == total ? "\n" : "");
  std::fflush(stderr);
}

// One page image to a Page; `blank` is set for a page with nothing on it.
Result<extractor::Page> ScanOne(Pix* pix, double source_dpi, int number,
                                const ScanOptions& options, ScanResult* out,
                                bool* blank) {
  Result<PreparedPage> prepared = Prepare(pix, source_dpi, options.dpi);
  if (!prepared.ok()) {
    return Status(prepared.status().code(),
                  "page " + std::to_string(number) + ": " + prepared.status().message());
  }
  if (std::fabs(prepared->skew_degrees) > kReportedSkew) {
    out->warnings.push_back({"scan_skew",
                             "page " + std::to_string(number) + " was scanned " +
                                 Fixed1(prepared->skew_degrees) +
                                 "° askew and has been straightened",
                             number});
  }
  if (prepared->noise > kNoisy) {
    out->warnings.push_back(
        {"scan_noise",
         "page " + std::to_string(number) + " is speckled (" +
             Fixed1(prepared->noise * 100) +
             " % of its pixels are isolated dots); the dots were "
             "removed before OCR (expect more misreadings)",
         number});
  }
  if (source_dpi > 0 && source_dpi < kLowSourceDpi) {
    out->warnings.push_back({"scan_resolution",
                             "page " + std::to_string(number) + " is scanned at " +
                                 std::to_string(static_cast<int>(std::lround(source_dpi))) +
                                 " dpi; upsampled to " +
                                 std::to_string(static_cast<int>(options.dpi)) +
                                 " for OCR (expect more misreadings)",
                             number});
  }
  extractor::Page page;
  page.number = number;
  page.width = pixGetWidth(prepared->grey.get()) * 72.0 / options.dpi;
  page.height = pixGetHeight(prepared->grey.get()) * 72.0 / options.dpi;
  *blank = prepared->ink < kBlankInk && prepared->rulings.empty();
  if (*blank) return page;
  Result<std::vector<extractor::Glyph>> glyphs =
      Recognize(*prepared, options.lang, options.method);
  if (!glyphs.ok()) return glyphs.status();
  page.glyphs = std::move(*glyphs);
  page.rulings = std::move(prepared->rulings);
  return page;
}

Status Named(const std::string& name, const Status& st) {
  return Status(st.code(), name + ": " + st.message());
}

}  // namespace

Result<ScanResult> ScanImageFile(std::string_view bytes, const std::string& name,
                                 const ScanOptions& options) {
  Result<std::vector<SourcePage>> decoded = DecodeImage(bytes, name);
  if (!decoded.ok()) return decoded.status();
  ScanResult out;
  out.dpi = static_cast<int>(std::lround(options.dpi));
  const int total = static_cast<int>(decoded->size());
  int blank_pages = 0;
  for (int i = 0; i < total; ++i) {
    SourcePage& source = (*decoded)[static_cast<size_t>(i)];
    bool blank = false;
    Result<extractor::Page> page =
        ScanOne(source.pix.get(), source.dpi, i + 1, options, &out, &blank);
    source.pix.reset();  // one page image in memory at a time
    if (!page.ok()) return Named(name, page.status());
    blank_pages += blank ? 1 : 0;
    out.pages.push_back(std::move(*page));
    Progress(options, name, i + 1, total);
  }
  if (blank_pages == total) {
    return Status(Status::Code::kNoPlanTable,
                  name + ": the scan is blank (no text or table on " +
                      (total == 1 ? std::string("its page")
                                  : "any of its " + std::to_string(total) + " pages") +
                      ")");
  }
  return out;
}

Result<ScanResult> ScanPdfPages(std::string_view bytes, const std::string& name,
                                const std::string& password,
                                const std::vector<int>& pages,
                                const ScanOptions& options) {
  Result<std::unique_ptr<PdfRenderer>> renderer =
      PdfRenderer::Open(bytes, name, password);
  if (!renderer.ok()) return renderer.status();
  ScanResult out;
  out.dpi = static_cast<int>(std::lround(options.dpi));
  int done = 0, unreadable = 0;
  std::string coarse;
  for (int number : pages) {
    // A scan at a lower resolution is rendered at its own (poppler would
    // upsample it by repeating pixels) and scaled by interpolation.
    const double source_dpi = (*renderer)->ImageDpi(number);
    if (source_dpi > 0 && source_dpi < kMinScanDpi) {
      // Nothing to read here (an icon blown up to page size); the document
      // fails only if no page is readable.
      coarse = "page " + std::to_string(number) + " is an image at " +
               Fixed1(source_dpi) + " dpi, too coarse to read";
      out.warnings.push_back({"scan_unreadable", coarse, number});
      extractor::Page empty;
      empty.number = number;
      out.pages.push_back(std::move(empty));
      ++unreadable;
      continue;
    }
    const double render_dpi =
        source_dpi >= kMinRenderDpi && source_dpi < options.dpi ? source_dpi
                                                                : options.dpi;
    Result<GreyImage> grey =
        (*renderer)->Render(number, render_dpi, options.max_pixels);
    if (!grey.ok()) return Named(name, grey.status());
    PixPtr pix = FromGrey(*grey);
    grey->pixels = {};
    bool blank = false;
    Result<extractor::Page> page =
        ScanOne(pix.get(), render_dpi, number, options, &out, &blank);
    if (!page.ok()) return Named(name, page.status());
    unreadable += blank ? 1 : 0;
    out.pages.push_back(std::move(*page));
    Progress(options, name, ++done, static_cast<int>(pages.size()));
  }
  if (!pages.empty() && unreadable == static_cast<int>(pages.size()) &&
      !coarse.empty()) {
    return Status(Status::Code::kInvalidArgument, name + ": " + coarse);
  }
  return out;
}

}  // namespace plan2json::ocr
