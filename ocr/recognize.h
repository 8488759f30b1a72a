// Copyright 2026 The plan2json Authors.
//
// Text recognition with Tesseract's C++ API: symbols with boxes and
// confidences, turned into extractor::Glyph in points so that the page model
// is the PDF reader's.

#ifndef PLAN2JSON_OCR_RECOGNIZE_H_
#define PLAN2JSON_OCR_RECOGNIZE_H_

#include <string>
#include <vector>

#include "common/status.h"
#include "extractor/page.h"
#include "ocr/image.h"

namespace plan2json::ocr {

// Whole page: one Tesseract pass with automatic layout analysis. Per cell:
// the table's cells (from the image's rulings) are recognised one by one as
// single text blocks, the rest of the page (title, notes) in one pass.
enum class Method { kPage, kCell };
const char* MethodName(Method method);  // "page", "cell"

// Recognises `page.text` in language(s) `lang` (Tesseract's "chi_sim+eng"
// form). Each thread keeps one engine per language, loaded on first use.
// kInvalidArgument when the language data is not installed.
Result<std::vector<extractor::Glyph>> Recognize(const PreparedPage& page,
                                                const std::string& lang,
                                                Method method);

// Raw symbol from the engine, in pixels (exposed for tests).
struct Symbol {
  std::string text;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // ink box
  int line_y0 = 0, line_y1 = 0;        // its text line's top and bottom
  int line = 0;                        // text-line number, in engine order
  bool word_end = false;
  double confidence = 0;  // 0..1
};

// Glyphs in points from symbols at `dpi`: each glyph spans its text line's
// height (so lines group as the PDF reader's glyphs do); the ink gap between
// neighbours inside a word, or next to a CJK character when under an em, is
// closed (an em box has none); a space is kept after the other word ends.
// Within a line the engine's order is kept (x made to grow along it), and
// brackets OCR confuses are repaired: 〈〉 become （）, and an opener whose
// line closes with ） becomes （.
std::vector<extractor::Glyph> GlyphsFromSymbols(std::vector<Symbol> symbols,
                                                double dpi);

}  // namespace plan2json::ocr

#endif  // PLAN2JSON_OCR_RECOGNIZE_H_
