// Copyright 2026 The plan2json Authors.

#include "extractor/pdf_reader.h"

#include <Error.h>
#include <GfxFont.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Stream.h>
#include <TextOutputDev.h>

#include <cmath>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace plan2json::extractor {

void InitPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    globalParams = std::make_unique<GlobalParams>();
    // Poppler reports recoverable syntax problems on stderr by default; our
    // own diagnostics are the ones users see.
    setErrorCallback([](ErrorCategory, Goffset, const char*) {});
  });
}

namespace {

void AppendUtf8(Unicode u, std::string* out) {
  if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) u = 0xFFFD;
  if (u < 0x80) {
    *out += static_cast<char>(u);
  } else if (u < 0x800) {
    *out += static_cast<char>(0xC0 | (u >> 6));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else if (u < 0x10000) {
    *out += static_cast<char>(0xE0 | (u >> 12));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (u >> 18));
    *out += static_cast<char>(0x80 | ((u >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  }
}

// A TextOutputDev that also keeps axis-parallel path segments as rulings.
// Raw (content-stream) order: we do our own layout, so poppler's reading-order
// analysis would be wasted work.
class PageDevice : public TextOutputDev {
 public:
  explicit PageDevice(double max_thickness)
      : TextOutputDev(nullptr, nullptr, false, 0, /*rawOrder=*/true, false),
        max_thickness_(max_thickness) {}

  std::vector<Ruling> TakeRulings() { return std::move(rulings_); }

  void stroke(GfxState* state) override {
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      int n = sub->getNumPoints();
      for (int j = 1; j < n; ++j) AddSegment(state, sub, j - 1, j);
      if (sub->isClosed() && n > 2) AddSegment(state, sub, n - 1, 0);
    }
  }
  void fill(GfxState* state) override { AddFilled(state); }
  void eoFill(GfxState* state) override { AddFilled(state); }

 private:
  static constexpr double kAxisTolerance = 0.5;  // pt off-axis still counts

  void AddSegment(GfxState* state, const GfxSubpath* sub, int a, int b) {
    double x0, y0, x1, y1;
    state->transform(sub->getX(a), sub->getY(a), &x0, &y0);
    state->transform(sub->getX(b), sub->getY(b), &x1, &y1);
    AddLine(x0, y0, x1, y1);
  }

  void AddLine(double x0, double y0, double x1, double y1) {
    if (std::fabs(y0 - y1) <= kAxisTolerance && std::fabs(x0 - x1) > 1) {
      rulings_.push_back({Ruling::Axis::kHorizontal, (y0 + y1) / 2,
                          std::min(x0, x1), std::max(x0, x1)});
    } else if (std::fabs(x0 - x1) <= kAxisTolerance &&
               std::fabs(y0 - y1) > 1) {
      rulings_.push_back({Ruling::Axis::kVertical, (x0 + x1) / 2,
                          std::min(y0, y1), std::max(y0, y1)});
    }
  }

  // Thin filled rectangles are rulings (some producers draw borders so).
  void AddFilled(GfxState* state) {
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      int n = sub->getNumPoints();
      if (n < 4 || n > 5) continue;
      double xmin = 1e30, ymin = 1e30, xmax = -1e30, ymax = -1e30;
      for (int j = 0; j < n; ++j) {
        double x, y;
        state->transform(sub->getX(j), sub->getY(j), &x, &y);
        xmin = std::min(xmin, x);
        xmax = std::max(xmax, x);
        ymin = std::min(ymin, y);
        ymax = std::max(ymax, y);
      }
      double w = xmax - xmin, h = ymax - ymin;
      if (h <= max_thickness_ && w > h) {
        AddLine(xmin, (ymin + ymax) / 2, xmax, (ymin + ymax) / 2);
      } else if (w <= max_thickness_ && h > w) {
        AddLine((xmin + xmax) / 2, ymin, (xmin + xmax) / 2, ymax);
      }
    }
  }

  double max_thickness_;
  std::vector<Ruling> rulings_;
};

void CollectGlyphs(TextWordList* words, Page* page) {
  if (words == nullptr) return;
  for (int w = 0; w < words->getLength(); ++w) {
    const TextWord* word = words->get(w);
    int len = word->getLength();
    double size = word->getFontSize();
    for (int i = 0; i < len; ++i) {
      Glyph g;
      AppendUtf8(*word->getChar(i), &g.text);
      word->getCharBBox(i, &g.box.x0, &g.box.y0, &g.box.x1, &g.box.y1);
      g.font_size = size;
      const TextFontInfo* font = word->getFontInfo(i);
      g.bold = font != nullptr && font->isBold();
      g.space_after = (i == len - 1) && word->getSpaceAfter();
      page->glyphs.push_back(std::move(g));
    }
  }
}

Status FromPopplerError(int code, const std::string& name, bool has_password) {
  switch (code) {
    case errEncrypted:
      return Status(Status::Code::kEncrypted,
                    name + ": " +
                        (has_password ? "the password does not open this PDF"
                                      : "PDF is encrypted (use --password)"));
    case errOpenFile:
      return Status(Status::Code::kNotFound, name + ": cannot open file");
    default:
      return Status(Status::Code::kCorrupt,
                    name + ": not a readable PDF (damaged or truncated; "
                           "poppler error " + std::to_string(code) + ")");
  }
}

}  // namespace

bool LooksLikePdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

Status ReadPdf(std::string_view bytes, const std::string& name,
               const PdfOptions& options, PdfInfo* info,
               const std::function<void(Page&&)>& on_page) {
  InitPoppler();
  if (bytes.empty()) {
    return Status(Status::Code::kEmpty, name + ": file is empty");
  }
  if (!LooksLikePdf(bytes)) {
    return Status(Status::Code::kCorrupt, name + ": not a PDF (no %PDF- header)");
  }
  // MemStream does not own the buffer; `bytes` outlives the document.
  auto* stream = new MemStream(bytes.data(), 0,
                               static_cast<Goffset>(bytes.size()), Object(objNull));
  std::optional<GooString> pw;
  if (!options.password.empty()) pw.emplace(options.password);
  PDFDoc doc(stream, pw, pw);  // takes ownership of `stream`
  if (!doc.isOk()) {
    return FromPopplerError(doc.getErrorCode(), name, pw.has_value());
  }
  int n = doc.getNumPages();
  if (n <= 0) {
    return Status(Status::Code::kCorrupt, name + ": PDF has no pages");
  }
  if (n > options.max_pages) {
    return Status(Status::Code::kLimit,
                  name + ": " + std::to_string(n) + " pages exceed the limit of " +
                      std::to_string(options.max_pages));
  }
  PdfInfo local;
  local.pages = n;
  PageDevice device(options.max_ruling_thickness);
  for (int p = 1; p <= n; ++p) {
    doc.displayPage(&device, p, 72, 72, 0, /*useMediaBox=*/false,
                    /*crop=*/true, /*printing=*/false);
    Page page;
    page.number = p;
    page.width = doc.getPageCropWidth(p);
    page.height = doc.getPageCropHeight(p);
    if (doc.getPageRotate(p) % 180 != 0) std::swap(page.width, page.height);
    CollectGlyphs(device.makeWordList().get(), &page);
    page.rulings = device.TakeRulings();
    local.glyphs += static_cast<int>(page.glyphs.size());
    on_page(std::move(page));
  }
  if (info != nullptr) *info = local;
  if (local.glyphs == 0) {
    return Status(Status::Code::kNoTextLayer,
                  name + ": no text layer on any of its " + std::to_string(n) +
                      " pages (a scanned image? OCR it first)");
  }
  return Status::Ok();
}

}  // namespace plan2json::extractor
