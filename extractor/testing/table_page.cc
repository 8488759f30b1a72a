// Copyright 2026 The plan2json Authors.

#include "extractor/testing/table_page.h"

#include <algorithm>
#include <sstream>

namespace plan2json::extractor::testing {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}

// One glyph per UTF-8 character, 10 pt wide, starting at (x, y).
void AddText(const std::string& utf8, double x, double y, double size,
             Page* page) {
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    Glyph g;
    g.text = utf8.substr(i, n);
    double w = n == 1 ? size / 2 : size;
    g.box = {x, y, x + w, y + size};
    g.font_size = size;
    if (g.text != " ") page->glyphs.push_back(g);
    x += w;
    i += n;
  }
}

}  // namespace

Page MakeTablePage(int number, const std::vector<double>& col_edges,
                   const std::vector<std::vector<std::string>>& rows,
                   const std::vector<std::string>& above,
                   const std::vector<std::string>& below) {
  Page page;
  page.number = number;
  page.width = 600;
  page.height = 842;
  double y = 40;
  for (const std::string& l : above) {
    AddText(l, col_edges.front(), y, 16, &page);
    y += 25;
  }
  // Row heights from the tallest cell.
  std::vector<double> row_y{y + 10};
  for (const auto& row : rows) {
    size_t lines = 1;
    for (const std::string& cell : row) lines = std::max(lines, Lines(cell).size());
    row_y.push_back(row_y.back() + 15.0 * static_cast<double>(lines) + 10);
  }
  const size_t ncols = col_edges.size() - 1;
  auto cell = [&](size_t r, size_t c) -> const std::string& {
    static const std::string kEmpty;
    return c < rows[r].size() ? rows[r][c] : kEmpty;
  };
  for (size_t r = 0; r <= rows.size(); ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      bool merged = r > 0 && r < rows.size() && cell(r, c) == "^";
      if (!merged) {
        page.rulings.push_back({Ruling::Axis::kHorizontal, row_y[r],
                                col_edges[c], col_edges[c + 1]});
      }
    }
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c <= ncols; ++c) {
      bool merged = c > 0 && c < ncols && cell(r, c) == "<";
      if (!merged) {
        page.rulings.push_back({Ruling::Axis::kVertical, col_edges[c],
                                row_y[r], row_y[r + 1]});
      }
      if (c < ncols && cell(r, c) != "^" && cell(r, c) != "<") {
        double ly = row_y[r] + 5;
        for (const std::string& l : Lines(cell(r, c))) {
          AddText(l, col_edges[c] + 3, ly, 10, &page);
          ly += 15;
        }
      }
    }
  }
  double by = row_y.back() + 20;
  for (const std::string& l : below) {
    AddText(l, col_edges.front() + 100, by, 10, &page);
    by += 15;
  }
  return page;
}

}  // namespace plan2json::extractor::testing
