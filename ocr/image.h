// Copyright 2026 The plan2json Authors.
//
// Page images for OCR (leptonica): loading image files, normalising to 8-bit
// grey at the working resolution, deskewing, binarising, and finding the
// table's rulings by morphology.

#ifndef PLAN2JSON_OCR_IMAGE_H_
#define PLAN2JSON_OCR_IMAGE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extractor/page.h"
#include "ocr/pdf_render.h"

struct Pix;

namespace plan2json::ocr {

struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// PNG, JPEG or TIFF by magic bytes (magic.cc: linked into the program, not
// the OCR engine module, engine.h).
bool LooksLikeImage(std::string_view bytes);

// One page of an image file, as stored, with the resolution the file states
// (0 when it states none).
struct SourcePage {
  PixPtr pix;
  double dpi = 0;
};

// Decodes an image file; a multi-page TIFF gives one entry per page.
// kCorrupt when the bytes do not decode.
Result<std::vector<SourcePage>> DecodeImage(std::string_view bytes,
                                            const std::string& name);

// 8-bit grey copy of a rendered PDF page.
PixPtr FromGrey(const GreyImage& image);

// A page ready for recognition, at `dpi`.
struct PreparedPage {
  PixPtr grey;        // 8 bpp, deskewed, smooth (resampled, or a 3x3 mean)
  PixPtr text;        // 1 bpp from `grey`, specks and ruling lines removed
  PixPtr clean_grey;  // 8 bpp, `grey` with rulings and specks made white
  PixPtr sharp;       // `text` before smoothing: for whole-page passes
  std::vector<extractor::Ruling> rulings;  // in points, top-left origin
  double dpi = 0;
  double skew_degrees = 0;  // the rotation that was undone
  double ink = 0;           // fraction of black pixels (before cleaning)
  double noise = 0;  // fraction of isolated black pixels, as the source came
};

// Above this `noise` (clean renderings at 150-300 dpi measured below 5e-5,
// 1 % salt-and-pepper noise 4e-3 and more), isolated pixels are taken out
// at the source's resolution before anything else.
inline constexpr double kNoisy = 1e-3;

// Scales `pix` from `source_dpi` to `dpi` (when the source states no
// resolution it is assumed to show an A4 page, portrait or landscape),
// deskews it, binarises it, and finds the rulings. kInvalidArgument when the
// image is too small to hold readable text.
Result<PreparedPage> Prepare(Pix* pix, double source_dpi, double dpi);

// A run that meets no ruling across it and is shorter than this (inches)
// is a ruling only when no ink lies beside most of its length. The
// tops of a bold header word set solid make a horizontal run as long as the
// word, with the characters' strokes under it (具体措施 on a 150 dpi scan:
// 0.4 inch, erased as a rule, and the tops of the word with it); a drawn
// placeholder dash in an empty cell (——) is as short, with nothing beside
// it; the lone rules of a table without vertical ones span the table.
inline constexpr double kLoneRuling = 1.0;

// Long thin horizontal and vertical runs of black pixels in a binary image
// at `dpi`, as rulings in points (at least 0.3 inch long; see kLoneRuling);
// `lines` (optional) receives the mask of their pixels.
std::vector<extractor::Ruling> FindRulings(Pix* binary, double dpi,
                                           PixPtr* lines);

}  // namespace plan2json::ocr

#endif  // PLAN2JSON_OCR_IMAGE_H_
