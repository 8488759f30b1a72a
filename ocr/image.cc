// Copyright 2026 The plan2json Authors.

#include "ocr/image.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <utility>

namespace plan2json::ocr {
namespace {

constexpr double kPi = 3.14159265358979323846;
// A skew under this many degrees is left as scanned.
constexpr double kMinSkew = 0.1;

// Leptonica reports every failed call on stderr; ours are the diagnostics
// users see.
void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

PixPtr Own(Pix* pix) { return PixPtr(pix); }

// Otsu's threshold over the whole page (one tile): scans have even light.
PixPtr Binarise(Pix* grey) {
  Pix* binary = nullptr;
  int tile = std::max(pixGetWidth(grey), pixGetHeight(grey));
  if (pixOtsuAdaptiveThreshold(grey, tile, tile, 0, 0, 0.0f, nullptr,
                               &binary) != 0) {
    return Own(pixConvertTo1(grey, 128));
  }
  return Own(binary);
}

double InkFraction(Pix* binary) {
  l_int32 count = 0;
  pixCountPixels(binary, &count, nullptr);
  double area = static_cast<double>(pixGetWidth(binary)) * pixGetHeight(binary);
  return area > 0 ? count / area : 0;
}

// Salt-and-pepper noise taken out of a grey page, and how much there was:
// the fraction of pixels black among 8 white neighbours. Text rendered or
// scanned at a readable resolution has almost none (a stroke one pixel thin
// still has two neighbours along it); noise makes them by the thousand.
// Above kNoisy, black specks of one or two pixels become their
// neighbourhood's lightest value, and white ones its darkest. A median
// filter would do more, and erase the one-pixel horizontals of Song type
// and thin rulings.
double Despeckle(Pix* grey) {
  PixPtr binary = Binarise(grey);
  Sel* sel = selCreateFromString("ooooXoooo", 3, 3, "isolated");
  PixPtr isolated = Own(pixHMT(nullptr, binary.get(), sel));
  selDestroy(&sel);
  l_int32 count = 0;
  pixCountPixels(isolated.get(), &count, nullptr);
  const double noise =
      static_cast<double>(count) / pixGetWidth(grey) / pixGetHeight(grey);
  if (noise <= kNoisy) return noise;
  constexpr float kSpeckArea = 2.5f;
  PixPtr pepper = Own(
      pixSelectByArea(binary.get(), kSpeckArea, 8, L_SELECT_IF_LT, nullptr));
  pixInvert(binary.get(), binary.get());
  PixPtr salt = Own(
      pixSelectByArea(binary.get(), kSpeckArea, 8, L_SELECT_IF_LT, nullptr));
  PixPtr light = Own(pixDilateGray(grey, 3, 3));
  PixPtr dark = Own(pixErodeGray(grey, 3, 3));
  pixCombineMasked(grey, light.get(), pepper.get());
  pixCombineMasked(grey, dark.get(), salt.get());
  return noise;
}

// A page of unknown resolution is taken to be A4 (11.69 in on its long
// side): what an archive's scanner produces.
double GuessDpi(Pix* pix) {
  return std::max(pixGetWidth(pix), pixGetHeight(pix)) / 11.69;
}

// A ruling and its box in pixels.
struct FoundRuling {
  extractor::Ruling ruling;
  l_int32 x, y, w, h;
};

// Rulings of one axis from a mask holding only long runs of that axis: the
// components long enough and thin enough (a bold title's strokes are thicker
// than a table's rules).
std::vector<FoundRuling> RulingsIn(Pix* mask, bool horizontal, double dpi,
                                   int min_length) {
  std::vector<FoundRuling> found;
  Boxa* boxes = pixConnComp(mask, nullptr, 8);
  if (boxes == nullptr) return found;
  const double pt = 72.0 / dpi;
  const int max_thickness = std::max(2, static_cast<int>(dpi * 2 / 72));
  for (int i = 0; i < boxaGetCount(boxes); ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    const int length = horizontal ? w : h;
    // A residual skew makes a long rule's box a little taller than the rule.
    const int thickness = (horizontal ? h : w) - length / 200;
    if (length < min_length || thickness > max_thickness) continue;
    extractor::Ruling r;
    if (horizontal) {
      r = {extractor::Ruling::Axis::kHorizontal, (y + h / 2.0) * pt, x * pt,
           (x + w) * pt};
    } else {
      r = {extractor::Ruling::Axis::kVertical, (x + w / 2.0) * pt, y * pt,
           (y + h) * pt};
    }
    found.push_back({r, x, y, w, h});
  }
  boxaDestroy(&boxes);
  return found;
}

// The fraction of a ruling's length along which `binary` has ink beside
// it, `from` to `to` pixels past its box on either side.
double InkBeside(Pix* binary, const FoundRuling& f, bool horizontal, int from,
                 int to) {
  const int length = horizontal ? f.w : f.h;
  const int w = pixGetWidth(binary), h = pixGetHeight(binary);
  int touched = 0;
  for (int i = 0; i < length; ++i) {
    bool ink = false;
    for (int d = from; d <= to && !ink; ++d) {
      for (int side : {-1, 1}) {
        const int x = horizontal ? f.x + i
                      : side < 0 ? f.x - d
                                 : f.x + f.w - 1 + d;
        const int y =
            horizontal ? (side < 0 ? f.y - d : f.y + f.h - 1 + d) : f.y + i;
        l_uint32 v = 0;
        if (x >= 0 && y >= 0 && x < w && y < h) pixGetPixel(binary, x, y, &v);
        ink = ink || v != 0;
      }
    }
    touched += ink ? 1 : 0;
  }
  return length > 0 ? static_cast<double>(touched) / length : 0;
}

// Keeps the rulings of `found` (along the axis `horizontal`) but the runs
// of characters' strokes: a run that meets none of `across`, is shorter
// than kLoneRuling, and has ink of `binary` beside it (0.015 to 0.04 inch
// past its box: nearer is a rule's own blur) along more than half its
// length. Their boxes are painted into `drawn`.
void KeepRulings(const std::vector<FoundRuling>& found,
                 const std::vector<FoundRuling>& across, bool horizontal,
                 Pix* binary, double dpi, Pix* drawn,
                 std::vector<extractor::Ruling>* out) {
  const int from = std::max(1, static_cast<int>(dpi * 0.015));
  const int to = std::max(from, static_cast<int>(dpi * 0.04));
  for (const FoundRuling& f : found) {
    const extractor::Ruling& r = f.ruling;
    bool keep = r.to - r.from >= kLoneRuling * 72;
    for (size_t k = 0; !keep && k < across.size(); ++k) {
      const extractor::Ruling& a = across[k].ruling;
      // Within 2 pt: a scanned table's rules may stop short at a corner.
      keep = horizontal ? extractor::Intersects(r, a, 2)
                        : extractor::Intersects(a, r, 2);
    }
    if (!keep && InkBeside(binary, f, horizontal, from, to) > 0.5) continue;
    out->push_back(r);
    Box* box = boxCreate(f.x, f.y, f.w, f.h);
    pixSetInRect(drawn, box);
    boxDestroy(&box);
  }
}

// PNG ends with an IEND chunk, JPEG with an EOI marker (allowing trailing
// padding).
bool Truncated(std::string_view bytes) {
  std::string_view tail = bytes.substr(bytes.size() > 64 ? bytes.size() - 64 : 0);
  if (bytes.substr(0, 4) == "\x89PNG") {
    return tail.find(std::string_view("IEND\xAE\x42\x60\x82", 8)) == std::string_view::npos;
  }
  if (bytes.substr(0, 3) == "\xFF\xD8\xFF") {
    return tail.find("\xFF\xD9") == std::string_view::npos;
  }
  return false;
}

PixPtr Scale(PixPtr grey, double scale) {
  if (std::fabs(scale - 1) <= 0.02) return grey;
  return Own(pixScale(grey.get(), static_cast<float>(scale),
                      static_cast<float>(scale)));
}

PixPtr Rotate(PixPtr grey, double degrees) {
  if (degrees == 0) return grey;
  return Own(pixRotate(grey.get(), static_cast<float>(degrees * kPi / 180.0),
                       L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
}

// Black components at most `speck` pixels across, removed.
PixPtr WithoutSpecks(Pix* binary, int speck) {
  return Own(pixSelectBySize(binary, speck, speck, 8, L_SELECT_IF_EITHER,
                             L_SELECT_IF_GT, nullptr));
}

// The page's skew in degrees (0 when unsure), by leptonica's projection
// sweep, which also gives a confidence (the best score over the mean);
// leptonica's own deskew trusts 3 and above. Tables of Chinese text score
// lower: the corpus' pages turned by 1° scored 2.0-2.6 and were measured
// within 0.1°. A lower score is trusted when the left and the right half of
// the page, measured apart, agree with the whole within kSkewAgree (halves
// of those pages measured within 0.2° of the whole; halves of pages of
// scattered text, up to 0.7° apart).
double FindSkew(Pix* binary) {
  constexpr double kSkewAgree = 0.3;
  l_float32 angle = 0, conf = 0;
  if (pixFindSkew(binary, &angle, &conf) != 0 || conf <= 0) return 0;
  // An angle under kMinSkew is not undone: nothing to confirm.
  if (conf >= 3.0f || std::fabs(angle) < kMinSkew) return angle;
  const int w = pixGetWidth(binary), h = pixGetHeight(binary);
  for (int left : {0, w / 2}) {
    Box* half = boxCreate(left, 0, w / 2, h);
    PixPtr part = Own(pixClipRectangle(binary, half, nullptr));
    boxDestroy(&half);
    l_float32 a = 0, c = 0;
    if (part == nullptr || pixFindSkew(part.get(), &a, &c) != 0 || c <= 0 ||
        std::fabs(a - angle) > kSkewAgree) {
      return 0;
    }
  }
  return angle;
}

}  // namespace

void PixDeleter::operator()(Pix* pix) const { pixDestroy(&pix); }

Result<std::vector<SourcePage>> DecodeImage(std::string_view bytes,
                                            const std::string& name) {
  QuietLeptonica();
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  std::vector<SourcePage> pages;
  auto add = [&](Pix* pix) {
    SourcePage page;
    page.dpi = pixGetXRes(pix);
    page.pix = Own(pix);
    pages.push_back(std::move(page));
  };
  // A truncated PNG or JPEG makes libpng/libjpeg talk on stderr before they
  // fail: refuse one that lacks its end marker first.
  if (Truncated(bytes)) {
    return Status(Status::Code::kCorrupt,
                  name + ": not a readable image (truncated: no end marker)");
  }
  l_int32 format = IFF_UNKNOWN;
  findFileFormatBuffer(data, &format);
  if (format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3 ||
      format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP ||
      format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE ||
      format == IFF_TIFF_JPEG) {
    Pixa* pixa = pixaReadMemMultipageTiff(data, bytes.size());
    if (pixa != nullptr) {
      for (int i = 0; i < pixaGetCount(pixa); ++i) add(pixaGetPix(pixa, i, L_COPY));
      pixaDestroy(&pixa);
    }
  } else if (Pix* pix = pixReadMem(data, bytes.size())) {
    add(pix);
  }
  if (pages.empty()) {
    return Status(Status::Code::kCorrupt,
                  name + ": not a readable image (damaged or truncated)");
  }
  return pages;
}

PixPtr FromGrey(const GreyImage& image) {
  Pix* pix = pixCreate(image.width, image.height, 8);
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = pixGetData(pix) + static_cast<ptrdiff_t>(y) * pixGetWpl(pix);
    const uint8_t* src = &image.pixels[static_cast<size_t>(y) * static_cast<size_t>(image.width)];
    for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, src[x]);
  }
  int dpi = static_cast<int>(std::lround(image.dpi));
  pixSetResolution(pix, dpi, dpi);
  return Own(pix);
}

std::vector<extractor::Ruling> FindRulings(Pix* binary, double dpi,
                                           PixPtr* lines) {
  QuietLeptonica();
  // A ruling is at least 0.3 inch long; a stroke of a character at text
  // sizes is shorter. Closing first bridges breaks of a pixel or two in a
  // scanned line.
  const int min_length = std::max(10, static_cast<int>(dpi * 0.3));
  PixPtr closed_h = Own(pixCloseBrick(nullptr, binary, 3, 1));
  PixPtr h = Own(pixOpenBrick(nullptr, closed_h.get(), min_length, 1));
  PixPtr closed_v = Own(pixCloseBrick(nullptr, binary, 1, 3));
  PixPtr v = Own(pixOpenBrick(nullptr, closed_v.get(), 1, min_length));
  PixPtr drawn = Own(pixCreate(pixGetWidth(binary), pixGetHeight(binary), 1));
  const std::vector<FoundRuling> hs = RulingsIn(h.get(), true, dpi, min_length);
  const std::vector<FoundRuling> vs =
      RulingsIn(v.get(), false, dpi, min_length);
  std::vector<extractor::Ruling> rulings;
  KeepRulings(hs, vs, true, binary, dpi, drawn.get(), &rulings);
  KeepRulings(vs, hs, false, binary, dpi, drawn.get(), &rulings);
  if (lines != nullptr) *lines = std::move(drawn);
  return rulings;
}

Result<PreparedPage> Prepare(Pix* pix, double source_dpi, double dpi) {
  QuietLeptonica();
  if (source_dpi <= 0) source_dpi = GuessDpi(pix);
  const double scale = dpi / source_dpi;
  if (std::min(pixGetWidth(pix), pixGetHeight(pix)) * scale < dpi ||
      source_dpi < 50) {
    return Status(Status::Code::kInvalidArgument,
                  "image too small to read (" + std::to_string(pixGetWidth(pix)) +
                      " x " + std::to_string(pixGetHeight(pix)) + " pixels at " +
                      std::to_string(static_cast<int>(source_dpi)) + " dpi)");
  }
  PixPtr grey = Own(pixConvertTo8(pix, 0));
  PreparedPage page;
  page.dpi = dpi;
  page.noise = Despeckle(grey.get());
  grey = Scale(std::move(grey), scale);
  PixPtr binary = Binarise(grey.get());
  const double angle = FindSkew(binary.get());
  if (std::fabs(angle) >= kMinSkew) {
    page.skew_degrees = angle;
    grey = Rotate(std::move(grey), angle);
    binary = Binarise(grey.get());
  }
  const bool resampled = std::fabs(scale - 1) > 0.02 || page.skew_degrees != 0;
  page.ink = InkFraction(binary.get());
  // Specks (salt-and-pepper noise, dust) are at most a few pixels across;
  // the smallest mark of text, a full stop, is larger.
  const int speck = std::max(1, static_cast<int>(dpi / 100));
  PixPtr clean = WithoutSpecks(binary.get(), speck);
  PixPtr lines;
  page.rulings = FindRulings(clean.get(), dpi, &lines);
  PixPtr wide = Own(pixDilateBrick(nullptr, lines.get(), 5, 5));
  page.sharp = Own(pixSubtract(nullptr, clean.get(), wide.get()));
  // Lines and cells are read from a smooth image. Scaling and rotation
  // interpolate; an image used at its own resolution gets a 3x3 mean
  // instead. On the four ruled corpus PDFs scanned at 300 dpi: 64 usable
  // rows unsmoothed, 84 smoothed (scans upsampled from 150 and 200 dpi: 82
  // and 78; with the mean on top they lost rows). Whole-page passes keep
  // the sharp image: on the smoothed one the engine's layout analysis ran
  // words of neighbouring header cells together (编号 任务内容).
  if (resampled) {
    page.text = Own(pixClone(page.sharp.get()));
  } else {
    grey = Own(pixBlockconv(grey.get(), 1, 1));
    PixPtr kept = WithoutSpecks(Binarise(grey.get()).get(), speck);
    page.text = Own(pixSubtract(nullptr, kept.get(), wide.get()));
  }
  int res = static_cast<int>(std::lround(dpi));
  pixSetResolution(page.text.get(), res, res);
  pixSetResolution(page.sharp.get(), res, res);
  pixSetResolution(grey.get(), res, res);
  // The grey image with rulings and specks made white. Made white away
  // from the binary image's ink instead, it also lost the thin strokes the
  // threshold had lost; that is kept for a noisy page, whose grey away
  // from the ink is the noise Despeckle left.
  PixPtr specks = Own(pixSubtract(nullptr, binary.get(), clean.get()));
  PixPtr gone = Own(pixDilateBrick(nullptr, specks.get(), 3, 3));
  pixOr(gone.get(), gone.get(), wide.get());
  if (page.noise > kNoisy) {
    PixPtr far = Own(pixDilateBrick(nullptr, page.text.get(), 5, 5));
    pixInvert(far.get(), far.get());
    pixOr(gone.get(), gone.get(), far.get());
  }
  page.clean_grey = Own(pixCopy(nullptr, grey.get()));
  pixSetMasked(page.clean_grey.get(), gone.get(), 255);
  pixSetResolution(page.clean_grey.get(), res, res);
  page.grey = std::move(grey);
  return page;
}

}  // namespace plan2json::ocr
