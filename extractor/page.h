// Copyright 2026 The plan2json Authors.
//
// What the extractor sees of one physical page: characters with their boxes
// and fonts, and ruling lines. Produced by the PDF reader (pdf_reader.h) and
// by tests (extractor/testing/table_page.h, synthetic geometry); consumed by
// table.h. Text dumps do not go through Page (text_reader.h).
// Coordinates: points, origin at the page's top-left, y grows downwards.

#ifndef PLAN2JSON_EXTRACTOR_PAGE_H_
#define PLAN2JSON_EXTRACTOR_PAGE_H_

#include <algorithm>
#include <string>
#include <vector>

namespace plan2json::extractor {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double cx() const { return (x0 + x1) / 2; }
  double cy() const { return (y0 + y1) / 2; }
  void Extend(const Box& b) {
    x0 = std::min(x0, b.x0);
    y0 = std::min(y0, b.y0);
    x1 = std::max(x1, b.x1);
    y1 = std::max(y1, b.y1);
  }
};

// One glyph. `text` is its Unicode as UTF-8 (usually one code point; a
// ligature may give several).
struct Glyph {
  std::string text;
  Box box;
  double font_size = 0;
  bool bold = false;
  bool space_after = false;  // the producer put a word break after it
  // How sure the producer is of the character, 0..1: 1 for a PDF's text
  // layer; an OCR engine's confidence for recognised text. FindTable gives
  // a cell the lowest confidence of its glyphs.
  double confidence = 1.0;
};

// An axis-parallel ruling: a stroked line or a thin filled rectangle.
struct Ruling {
  enum class Axis { kHorizontal, kVertical };
  Axis axis;
  double pos;    // y for horizontal, x for vertical
  double from;   // start along the axis (x for horizontal, y for vertical)
  double to;     // end along the axis, from <= to
};

// Whether horizontal ruling `h` and vertical ruling `v` cross or meet,
// allowing `tol` points at either end (rules drawn or scanned to stop short
// of each other at a corner).
inline bool Intersects(const Ruling& h, const Ruling& v, double tol) {
  return v.pos >= h.from - tol && v.pos <= h.to + tol &&
         h.pos >= v.from - tol && h.pos <= v.to + tol;
}

struct Page {
  int number = 0;  // 1-based physical page number
  double width = 0, height = 0;
  // In content-stream order, within the page box (the PDF reader clamps
  // boxes to it and drops glyphs wholly off it, and drops fake-bold
  // duplicates: a repeat of a glyph at almost the same position).
  std::vector<Glyph> glyphs;
  std::vector<Ruling> rulings;
};

}  // namespace plan2json::extractor

#endif  // PLAN2JSON_EXTRACTOR_PAGE_H_
