// Copyright 2026 The plan2json Authors.
//
// Glyphs into lines: the helpers table.cc (ruled tables) and alignment.cc
// (tables without rulings) share. Internal to the extractor target.

#ifndef PLAN2JSON_EXTRACTOR_TABLE_LINES_H_
#define PLAN2JSON_EXTRACTOR_TABLE_LINES_H_

#include <vector>

#include "extractor/page.h"
#include "extractor/table.h"

namespace plan2json::extractor::internal {

// A visual line (or any run) of glyphs, left to right.
using GlyphLine = std::vector<const Glyph*>;

// Glyphs clustered into visual lines: sorted top to bottom by vertical
// centre, a glyph joins the current line while its centre lies within the
// line's vertical extent; each line sorted left to right.
std::vector<GlyphLine> ClusterLines(const std::vector<const Glyph*>& glyphs);

// The text of a line, one space where the gap between two glyphs exceeds
// `space_factor` font sizes (or the producer marked a word break).
TextLine MakeLine(const GlyphLine& line, double space_factor);

// The bounding box and the mean font size of non-empty `glyphs`.
Box BoxOf(const GlyphLine& glyphs);
double FontSizeOf(const GlyphLine& glyphs);

// Index of the band [edges[i], edges[i+1]) holding v, or -1 outside.
int IndexOf(const std::vector<double>& edges, double v);

}  // namespace plan2json::extractor::internal

#endif  // PLAN2JSON_EXTRACTOR_TABLE_LINES_H_
