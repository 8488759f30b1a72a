// Copyright 2026 The plan2json Authors.

#include "ooxml/layout.h"

#include <algorithm>

namespace plan2json::ooxml {
namespace {

using extractor::Cell;
using extractor::Grid;
using extractor::TextLine;

double LineHeight(const TextLine& l) { return 1.2 * (l.font_size > 0 ? l.font_size : 10.5); }

// Page-relative placement of the lines around a table.
void PlaceLines(std::vector<TextLine>* lines, double* y, double width) {
  for (TextLine& l : *lines) {
    double h = 1.25 * LineHeight(l);
    l.box = {0, *y, width, *y + h};
    *y += h;
  }
}

// Lays the table's cells out on synthetic geometry: columns from the grid
// widths (twips), each text line 1.2 of its font size high.
void LayoutRows(Grid* g, double top) {
  g->row_edges.assign(static_cast<size_t>(g->rows() + 1), top);
  const int rows = static_cast<int>(g->row_edges.size()) - 1;
  std::vector<double> need(static_cast<size_t>(rows), 14.0);
  auto height = [](const Cell& c) {
    double h = 4;
    for (const TextLine& l : c.lines) h += LineHeight(l);
    return h;
  };
  for (const Cell& c : g->cells) {
    if (c.row_span == 1) need[static_cast<size_t>(c.row)] = std::max(need[static_cast<size_t>(c.row)], height(c));
  }
  for (const Cell& c : g->cells) {  // spanning cells: grow their last row
    if (c.row_span == 1) continue;
    double have = 0;
    for (int r = c.row; r < c.row + c.row_span; ++r) have += need[static_cast<size_t>(r)];
    need[static_cast<size_t>(c.row + c.row_span - 1)] += std::max(0.0, height(c) - have);
  }
  for (int r = 0; r < rows; ++r) {
    g->row_edges[static_cast<size_t>(r + 1)] = g->row_edges[static_cast<size_t>(r)] + need[static_cast<size_t>(r)];
  }
  for (Cell& c : g->cells) {
    c.box = {g->col_edges[static_cast<size_t>(c.col)], g->row_edges[static_cast<size_t>(c.row)],
             g->col_edges[static_cast<size_t>(c.col + c.col_span)],
             g->row_edges[static_cast<size_t>(c.row + c.row_span)]};
    double y = c.box.y0 + 2;
    for (TextLine& l : c.lines) {
      double h = LineHeight(l);
      l.box = {c.box.x0 + 2, y, c.box.x1 - 2, y + h};
      y += h;
    }
  }
}

}  // namespace

void LayoutGrid(Grid* g) {
  double y = 0, width = g->col_edges.empty() ? 0 : g->col_edges.back();
  PlaceLines(&g->above, &y, width);
  LayoutRows(g, y);
  y = g->row_edges.back();
  PlaceLines(&g->below, &y, width);
}

}  // namespace plan2json::ooxml
