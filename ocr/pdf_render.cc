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

// Draws nothing; keeps the pixels of a page that is one upright image
// covering the whole page and nothing else (a scan wrapped in a PDF), so
// that they are read as stored rather than resampled by rendering.
class LoneImageGrabber : public OutputDev {
 public:
  LoneImageGrabber(double page_w, double page_h, size_t max_pixels)
      : page_w_(page_w), page_h_(page_h), max_pixels_(max_pixels) {}
  bool upsideDown() override { return true; }
  bool useDrawChar() override { return true; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }

  void drawChar(GfxState*, double, double, double, double, double, double,
                CharCode, int, const Unicode*, int) override {
    other_ = true;
  }
  void stroke(GfxState*) override { other_ = true; }
  void fill(GfxState*) override { other_ = true; }
  void eoFill(GfxState*) override { other_ = true; }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height,
                     bool invert, bool interpolate, bool inline_img) override {
    other_ = true;
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate,
                             inline_img);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* color_map, bool interpolate, const int* mask_colors,
                 bool inline_img) override {
    if (++images_ > 1 || !Covers(state->getCTM(), width, height) ||
        static_cast<size_t>(width) * static_cast<size_t>(height) > max_pixels_) {
      OutputDev::drawImage(state, ref, str, width, height, color_map, interpolate,
                           mask_colors, inline_img);
      return;
    }
    Read(str, width, height, color_map);
  }

  // The image, when the page was one and nothing else.
  std::optional<GreyImage> Take() {
    if (other_ || images_ != 1 || image_.pixels.empty()) return std::nullopt;
    return std::move(image_);
  }

 private:
  // Upright (no rotation or mirroring) and spanning the page within 1 %,
  // at the same resolution across and down.
  bool Covers(const double* m, int width, int height) const {
    const double tol_w = page_w_ / 100, tol_h = page_h_ / 100;
    if (std::fabs(m[1]) > 1e-6 || std::fabs(m[2]) > 1e-6 || m[0] <= 0 || m[3] >= 0) {
      return false;
    }
    if (std::fabs(m[0] - page_w_) > tol_w || std::fabs(-m[3] - page_h_) > tol_h ||
        std::fabs(m[4]) > tol_w || std::fabs(m[5] - page_h_) > tol_h) {
      return false;
    }
    const double dpi_x = width / (m[0] / 72), dpi_y = height / (-m[3] / 72);
    return std::fabs(dpi_x - dpi_y) < 0.02 * dpi_x;
  }

  void Read(Stream* str, int width, int height, GfxImageColorMap* color_map) {
    ImageStream in(str, width, color_map->getNumPixelComps(), color_map->getBits());
    in.reset();
    image_.width = width;
    image_.height = height;
    image_.dpi = width / (page_w_ / 72);
    image_.pixels.resize(static_cast<size_t>(width) * static_cast<size_t>(height));
    const int step = color_map->getNumPixelComps();
    for (int y = 0; y < height; ++y) {
      unsigned char* line = in.getLine();
      if (line == nullptr) {
        image_.pixels.clear();
        break;
      }
      uint8_t* out = &image_.pixels[static_cast<size_t>(y) * static_cast<size_t>(width)];
      for (int x = 0; x < width; ++x) {
        GfxGray grey;
        color_map->getGray(line + static_cast<ptrdiff_t>(x) * step, &grey);
        out[x] = colToByte(grey);
      }
    }
    in.close();
  }

  double page_w_, page_h_;
  size_t max_pixels_;
  int images_ = 0;
  bool other_ = false;
  GreyImage image_;
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

std::optional<GreyImage> PdfRenderer::LoneImage(int page, size_t max_pixels) {
  PDFDoc* doc = impl_->doc.get();
  if (doc->getPageRotate(page) != 0) return std::nullopt;
  LoneImageGrabber grabber(doc->getPageCropWidth(page), doc->getPageCropHeight(page),
                           max_pixels);
  doc->displayPage(&grabber, page, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/true,
                   /*printing=*/false);
  return grabber.Take();
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
