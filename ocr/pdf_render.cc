// Copyright 2026 The plan2json Authors.

#include "ocr/pdf_render.h"

#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <Stream.h>
#include <splash/SplashBitmap.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <utility>

#include "extractor/pdf_reader.h"

namespace plan2json::ocr {
namespace {

// Draws nothing; notes the resolution of the largest image a page shows.
class ImageProbe : public OutputDev {
 public:
  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }

  void drawImage(GfxState* state, Object* ref, Stream* str, int width,
                 int height, GfxImageColorMap* color_map, bool interpolate,
                 const int* mask_colors, bool inline_img) override {
    Note(state, width, height);
    OutputDev::drawImage(state, ref, str, width, height, color_map,
                         interpolate, mask_colors, inline_img);
  }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width,
                     int height, bool invert, bool interpolate,
                     bool inline_img) override {
    Note(state, width, height);
    OutputDev::drawImageMask(state, ref, str, width, height, invert,
                             interpolate, inline_img);
  }

  void Reset() { best_area_ = 0, dpi_ = 0; }
  double dpi() const { return dpi_; }

 private:
  // At 72 dpi the CTM maps the unit square onto the image's extent in
  // points.
  void Note(GfxState* state, int width, int height) {
    const double* m = state->getCTM();
    double w_pt = std::hypot(m[0], m[1]), h_pt = std::hypot(m[2], m[3]);
    if (w_pt < 1 || h_pt < 1 || width <= 0 || height <= 0) return;
    double area = w_pt * h_pt;
    if (area <= best_area_) return;
    best_area_ = area;
    dpi_ = width / (w_pt / 72.0);
  }

  double best_area_ = 0, dpi_ = 0;
};

}  // namespace

struct PdfRenderer::Impl {
  std::unique_ptr<PDFDoc> doc;
  ImageProbe probe;
};

PdfRenderer::PdfRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfRenderer::~PdfRenderer() = default;

Result<std::unique_ptr<PdfRenderer>> PdfRenderer::Open(
    std::string_view bytes, const std::string& name,
    const std::string& password) {
  extractor::InitPoppler();
  auto* stream = new MemStream(bytes.data(), 0,
                               static_cast<Goffset>(bytes.size()), Object(objNull));
  std::optional<GooString> pw;
  if (!password.empty()) pw.emplace(password);
  auto impl = std::make_unique<Impl>();
  impl->doc = std::make_unique<PDFDoc>(stream, pw, pw);  // owns `stream`
  if (!impl->doc->isOk()) {
    return Status(Status::Code::kCorrupt,
                  name + ": cannot open the PDF for rendering (poppler error " +
                      std::to_string(impl->doc->getErrorCode()) + ")");
  }
  return std::unique_ptr<PdfRenderer>(new PdfRenderer(std::move(impl)));
}

int PdfRenderer::pages() const { return impl_->doc->getNumPages(); }

double PdfRenderer::ImageDpi(int page) {
  impl_->probe.Reset();
  impl_->doc->displayPage(&impl_->probe, page, 72, 72, 0, /*useMediaBox=*/false,
                          /*crop=*/true, /*printing=*/false);
  return impl_->probe.dpi();
}

Result<GreyImage> PdfRenderer::Render(int page, double dpi, size_t max_pixels) {
  PDFDoc* doc = impl_->doc.get();
  double w = doc->getPageCropWidth(page) * dpi / 72.0;
  double h = doc->getPageCropHeight(page) * dpi / 72.0;
  if (w * h > static_cast<double>(max_pixels)) {
    return Status(Status::Code::kLimit,
                  "page " + std::to_string(page) + " at " +
                      std::to_string(static_cast<int>(dpi)) + " dpi needs " +
                      std::to_string(static_cast<long long>(w * h)) +
                      " pixels, over the limit of " + std::to_string(max_pixels));
  }
  SplashColor white;
  white[0] = 255;
  SplashOutputDev device(splashModeMono8, 4, false, white);
  device.startDoc(doc);
  doc->displayPage(&device, page, dpi, dpi, 0, /*useMediaBox=*/false,
                   /*crop=*/true, /*printing=*/false);
  SplashBitmap* bitmap = device.getBitmap();
  GreyImage image;
  image.width = bitmap->getWidth();
  image.height = bitmap->getHeight();
  image.dpi = dpi;
  image.pixels.resize(static_cast<size_t>(image.width) * static_cast<size_t>(image.height));
  const unsigned char* data = bitmap->getDataPtr();
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(&image.pixels[static_cast<size_t>(y) * static_cast<size_t>(image.width)],
                data + static_cast<ptrdiff_t>(y) * bitmap->getRowSize(),
                static_cast<size_t>(image.width));
  }
  return image;
}

}  // namespace plan2json::ocr
