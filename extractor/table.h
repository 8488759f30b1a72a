// Copyright 2026 The plan2json Authors.
//
// The generic table model: the seam between "where text came from" (PDF
// geometry, layout dumps) and "what the table means" (plan.h). Nothing in here
// knows about action plans.

#ifndef PLAN2JSON_EXTRACTOR_TABLE_H_
#define PLAN2JSON_EXTRACTOR_TABLE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "extractor/page.h"

namespace plan2json::extractor {

// One visual line of text inside a cell (or outside the table), as extracted:
// words on a line separated by a single space where the producer left a gap.
struct TextLine {
  std::string text;
  Box box;
  double font_size = 0;
  bool bold = false;
};

struct Cell {
  int page = 0;  // 1-based
  Box box;
  int row = 0, col = 0;            // top-left grid position
  int row_span = 1, col_span = 1;  // >= 1
  std::vector<TextLine> lines;     // top to bottom
  // How sure the reader is that this text belongs to this cell, 0..1. PDF
  // geometry, Word and Excel give 1; a reader that had to choose between
  // readings (a text dump without geometry, OCR) gives less, and the plan
  // layer marks every row built from a cell below kSureCell low-confidence.
  double confidence = 1.0;
  static constexpr double kSureCell = 0.75;

  bool empty() const { return lines.empty(); }
};

// The table found on one page. Cells are stored row-major by their origin;
// a spanning cell appears once.
struct Grid {
  int page = 0;
  std::vector<double> col_edges;  // x, size = columns + 1
  std::vector<double> row_edges;  // y, size = rows + 1
  std::vector<Cell> cells;
  bool ruled = true;  // false: recovered from text alignment only
  // Text on the page outside the table, top to bottom (title, labels, page
  // furniture): the plan layer decides what it means.
  std::vector<TextLine> above;
  std::vector<TextLine> below;

  int rows() const { return row_edges.size() < 2 ? 0 : static_cast<int>(row_edges.size()) - 1; }
  int cols() const { return col_edges.size() < 2 ? 0 : static_cast<int>(col_edges.size()) - 1; }
  // The cell covering (row, col), or nullptr.
  const Cell* At(int row, int col) const;
  // The row whose band holds y (the column whose band holds x), or -1.
  int RowAt(double y) const;
  int ColAt(double x) const;
};

// Options for table recovery. Defaults suit office-produced PDFs.
struct TableOptions {
  // Rulings closer than this (pt) are merged into one. Default 2.0.
  double snap_tolerance = 2.0;
  // A filled rectangle thinner than this (pt) counts as a ruling. Default 2.0.
  double max_ruling_thickness = 2.0;
  // A ruled grid with more slots (rows x columns) than this is not a table
  // to read: the page is treated as holding none. Bounds time and memory on
  // hostile pages (n crossing rulings each way make n^2 slots from O(n)
  // bytes; a 1000 x 1000 grid costs ~1.5 s and 130 MB). A plan table has
  // thousands of slots (5,000 rows x 7 columns = 35,000). Default 2^18.
  size_t max_grid_slots = size_t{1} << 18;
  // Tells whether a text is a header cell of the table sought. Needed for
  // tables without rulings, whose columns come from the header cells'
  // x-ranges. Default: none (pages without rulings give no grid).
  std::function<bool(const std::string&)> is_header_cell;
  // Tells whether a line is page furniture (a page number, a running head),
  // for tables without rulings, where nothing else separates it from the
  // body. Default: none.
  std::function<bool(const std::string&)> is_furniture;
  // Tells whether a text is a row key (a sequence number such as "3." or
  // "（3）"), for tables without rulings: keys set close together run into
  // one paragraph, and this tells them apart. Default: none.
  std::function<bool(const std::string&)> is_row_key;
  // The column edges of the table without rulings found on the previous
  // page. A page without a header of its own continues that table (a plan
  // printing its header on the first page only): its body is read with
  // these columns. Default: none (such a page holds no table).
  std::vector<double> continued_columns;
};

// Finds the main table on `page`: from its rulings when it has them, else
// from text alignment (GridFromAlignment). Returns a Grid with zero rows when
// the page has no table-like content. Never fails; the caller judges it.
Grid FindTable(const Page& page, const TableOptions& options = {});

// A table without rulings, recovered from text alignment: the header is the
// first band of lines holding at least three cells that
// `options.is_header_cell` accepts; column edges lie in the emptiest vertical
// strip between neighbouring header cells; a line running across column
// edges is a full-width row (a section heading); the column with the most
// paragraphs defines the rows, and every other column's paragraphs go to the
// row holding their vertical centre. Spanning cells cannot be seen without
// rulings: every cell has span 1 and the plan layer carries blank task cells
// over. Returns a Grid with zero rows when no header is found.
Grid GridFromAlignment(const Page& page, const TableOptions& options);

// Groups glyphs into visual lines (by baseline overlap), left to right,
// inserting one space where the horizontal gap between glyphs exceeds
// `space_factor` times the font size (default 0.25).
std::vector<TextLine> GroupLines(const std::vector<const Glyph*>& glyphs,
                                 double space_factor = 0.25);

}  // namespace plan2json::extractor

#endif  // PLAN2JSON_EXTRACTOR_TABLE_H_
