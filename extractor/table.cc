// Copyright 2026 The plan2json Authors.
//
// Table recovery from page geometry. Ruled tables: rulings are merged, the
// largest connected set of them is the table, its distinct x and y positions
// are the grid, and a slot merges with its neighbour wherever no ruling
// separates them (that is how spanning cells appear). Unruled tables: see
// alignment.cc (columns and rows from text alignment).

#include "extractor/table.h"
#include "extractor/table_lines.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace plan2json::extractor {

using internal::ClusterLines;
using internal::IndexOf;
using internal::MakeLine;

namespace {

// Union-find over small index sets.
class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), size_t{0});
  }
  size_t Find(size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void Union(size_t a, size_t b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<size_t> parent_;
};

// Merges collinear rulings of one axis that touch or overlap.
std::vector<Ruling> MergeRulings(std::vector<Ruling> in, double tol) {
  std::sort(in.begin(), in.end(), [](const Ruling& a, const Ruling& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.from < b.from;
  });
  // Group by position (within tol), then merge ranges inside each group.
  std::vector<Ruling> out;
  size_t i = 0;
  while (i < in.size()) {
    size_t j = i;
    double sum = 0;
    while (j < in.size() && in[j].pos - in[i].pos <= tol) sum += in[j++].pos;
    double pos = sum / static_cast<double>(j - i);
    std::vector<Ruling> group(in.begin() + static_cast<long>(i),
                              in.begin() + static_cast<long>(j));
    std::sort(group.begin(), group.end(),
              [](const Ruling& a, const Ruling& b) { return a.from < b.from; });
    Ruling cur = group[0];
    cur.pos = pos;
    for (size_t k = 1; k < group.size(); ++k) {
      if (group[k].from <= cur.to + tol) {
        cur.to = std::max(cur.to, group[k].to);
      } else {
        out.push_back(cur);
        cur = group[k];
        cur.pos = pos;
      }
    }
    out.push_back(cur);
    i = j;
  }
  return out;
}

// Distinct positions, snapped: values closer than tol collapse to their mean.
std::vector<double> Snap(std::vector<double> v, double tol) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  size_t i = 0;
  while (i < v.size()) {
    size_t j = i;
    double sum = 0;
    while (j < v.size() && v[j] - v[i] <= tol) sum += v[j++];
    out.push_back(sum / static_cast<double>(j - i));
    i = j;
  }
  return out;
}

bool ByPos(const Ruling& a, const Ruling& b) { return a.pos < b.pos; }

// True if some ruling of `rs` at `pos` covers the middle of [from, to].
// `rs` is sorted by pos (ByPos): only the rulings within tol of `pos` are
// looked at, so testing every slot of a grid is not O(slots x rulings).
bool Covered(const std::vector<Ruling>& rs, double pos, double from, double to,
             double tol) {
  double mid = (from + to) / 2;
  Ruling key{Ruling::Axis::kHorizontal, pos - tol, 0, 0};
  for (auto it = std::lower_bound(rs.begin(), rs.end(), key, ByPos);
       it != rs.end() && it->pos <= pos + tol; ++it) {
    if (it->from <= mid + tol && it->to >= mid - tol) return true;
  }
  return false;
}

void AssignGlyphs(const Page& page, Grid* grid,
                  const std::vector<int>& slot_to_cell) {
  int cols = grid->cols();
  std::vector<std::vector<const Glyph*>> in_cell(grid->cells.size());
  std::vector<const Glyph*> above, below;
  double top = grid->row_edges.front();
  for (const Glyph& g : page.glyphs) {
    if (g.text == " ") continue;
    int r = IndexOf(grid->row_edges, g.box.cy());
    int c = IndexOf(grid->col_edges, g.box.cx());
    if (r < 0 || c < 0) {
      (g.box.cy() < top ? above : below).push_back(&g);
      continue;
    }
    in_cell[static_cast<size_t>(slot_to_cell[static_cast<size_t>(r * cols + c)])]
        .push_back(&g);
  }
  for (size_t i = 0; i < grid->cells.size(); ++i) {
    grid->cells[i].lines = GroupLines(in_cell[i]);
  }
  grid->above = GroupLines(above);
  grid->below = GroupLines(below);
}

// Builds cells from a grid whose slots are merged where `separated` says
// no ruling divides two neighbours.
template <typename RightFn, typename BelowFn>
void BuildCells(const Page& page, Grid* grid, RightFn separated_right,
                BelowFn separated_below) {
  int rows = grid->rows(), cols = grid->cols();
  size_t n = static_cast<size_t>(rows * cols);
  DisjointSets sets(n);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      size_t i = static_cast<size_t>(r * cols + c);
      if (c + 1 < cols && !separated_right(r, c)) sets.Union(i, i + 1);
      if (r + 1 < rows && !separated_below(r, c)) {
        sets.Union(i, i + static_cast<size_t>(cols));
      }
    }
  }
  // Each set becomes the bounding rectangle of its slots.
  std::vector<int> root_to_cell(n, -1), slot_to_cell(n, -1);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      size_t i = static_cast<size_t>(r * cols + c);
      size_t root = sets.Find(i);
      if (root_to_cell[root] < 0) {
        root_to_cell[root] = static_cast<int>(grid->cells.size());
        Cell cell;
        cell.page = page.number;
        cell.row = r;
        cell.col = c;
        grid->cells.push_back(cell);
      }
      Cell& cell = grid->cells[static_cast<size_t>(root_to_cell[root])];
      cell.row_span = std::max(cell.row_span, r - cell.row + 1);
      cell.col_span = std::max(cell.col_span, c - cell.col + 1);
      slot_to_cell[i] = root_to_cell[root];
    }
  }
  for (Cell& cell : grid->cells) {
    size_t r = static_cast<size_t>(cell.row), c = static_cast<size_t>(cell.col);
    cell.box = {grid->col_edges[c], grid->row_edges[r],
                grid->col_edges[c + static_cast<size_t>(cell.col_span)],
                grid->row_edges[r + static_cast<size_t>(cell.row_span)]};
  }
  AssignGlyphs(page, grid, slot_to_cell);
}

}  // namespace

const Cell* Grid::At(int row, int col) const {
  for (const Cell& c : cells) {
    if (row >= c.row && row < c.row + c.row_span && col >= c.col &&
        col < c.col + c.col_span) {
      return &c;
    }
  }
  return nullptr;
}

namespace internal {

int IndexOf(const std::vector<double>& edges, double v) {
  if (edges.size() < 2 || v < edges.front() || v >= edges.back()) return -1;
  auto it = std::upper_bound(edges.begin(), edges.end(), v);
  return static_cast<int>(it - edges.begin()) - 1;
}

// Glyphs clustered into visual lines: sorted top to bottom by vertical
// centre, a glyph joins the current line while its centre lies within the
// line's vertical extent; each line sorted left to right.
std::vector<GlyphLine> ClusterLines(const std::vector<const Glyph*>& glyphs) {
  std::vector<const Glyph*> sorted(glyphs);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Glyph* a, const Glyph* b) {
                     return a->box.cy() < b->box.cy();
                   });
  std::vector<std::vector<const Glyph*>> clusters;
  Box band;
  for (const Glyph* g : sorted) {
    if (clusters.empty() || g->box.cy() > band.y1) {
      clusters.emplace_back();
      band = g->box;
    } else {
      band.Extend(g->box);
    }
    clusters.back().push_back(g);
  }
  for (auto& cl : clusters) {
    std::stable_sort(cl.begin(), cl.end(), [](const Glyph* a, const Glyph* b) {
      return a->box.x0 < b->box.x0;
    });
  }
  return clusters;
}

TextLine MakeLine(const GlyphLine& cl, double space_factor) {
  TextLine line;
  line.box = cl.front()->box;
  int bold = 0;
  std::vector<double> sizes;
  const Glyph* prev = nullptr;
  for (const Glyph* g : cl) {
    if (prev != nullptr) {
      double size = std::max(prev->font_size, g->font_size);
      double gap = g->box.x0 - prev->box.x1;
      if (prev->space_after || gap > space_factor * size) line.text += ' ';
    }
    line.text += g->text;
    line.box.Extend(g->box);
    bold += g->bold ? 1 : 0;
    sizes.push_back(g->font_size);
    prev = g;
  }
  // The size most of its glyphs are set in: a scan's sizes are measured,
  // and a short piece of a title (digits, a bracket) measures smaller.
  std::nth_element(sizes.begin(),
                   sizes.begin() + static_cast<ptrdiff_t>(sizes.size() / 2),
                   sizes.end());
  line.font_size = sizes[sizes.size() / 2];
  line.bold = bold * 2 > static_cast<int>(cl.size());
  return line;
}

Box BoxOf(const GlyphLine& glyphs) {
  Box b = glyphs.front()->box;
  for (const Glyph* g : glyphs) b.Extend(g->box);
  return b;
}

double FontSizeOf(const GlyphLine& glyphs) {
  double sum = 0;
  for (const Glyph* g : glyphs) sum += g->font_size;
  return glyphs.empty() ? 0 : sum / static_cast<double>(glyphs.size());
}

}  // namespace internal

int Grid::RowAt(double y) const { return IndexOf(row_edges, y); }
int Grid::ColAt(double x) const { return IndexOf(col_edges, x); }

std::vector<TextLine> GroupLines(const std::vector<const Glyph*>& glyphs,
                                 double space_factor) {
  std::vector<TextLine> lines;
  for (const auto& cl : ClusterLines(glyphs)) {
    lines.push_back(MakeLine(cl, space_factor));
  }
  return lines;
}

Grid FindTable(const Page& page, const TableOptions& options) {
  Grid grid;
  grid.page = page.number;
  const double tol = options.snap_tolerance;
  std::vector<Ruling> hs, vs;
  for (const Ruling& r : page.rulings) {
    (r.axis == Ruling::Axis::kHorizontal ? hs : vs).push_back(r);
  }
  hs = MergeRulings(std::move(hs), tol);
  vs = MergeRulings(std::move(vs), tol);

  // The table is the largest connected set of crossing rulings. Only the
  // verticals whose x lies within a horizontal's extent can cross it (vs is
  // sorted by pos), so this costs O(h log v + crossings), not O(h x v).
  std::stable_sort(vs.begin(), vs.end(), ByPos);
  size_t nh = hs.size(), nv = vs.size();
  DisjointSets sets(nh + nv);
  for (size_t i = 0; i < nh; ++i) {
    Ruling key{Ruling::Axis::kVertical, hs[i].from - tol, 0, 0};
    for (auto it = std::lower_bound(vs.begin(), vs.end(), key, ByPos);
         it != vs.end() && it->pos <= hs[i].to + tol; ++it) {
      size_t j = static_cast<size_t>(it - vs.begin());
      if (Intersects(hs[i], vs[j], tol)) sets.Union(i, nh + j);
    }
  }
  std::vector<double> extent(nh + nv, 0);
  for (size_t i = 0; i < nh + nv; ++i) {
    const Ruling& r = i < nh ? hs[i] : vs[i - nh];
    extent[sets.Find(i)] += r.to - r.from;
  }
  size_t best = 0;
  double best_extent = -1;
  for (size_t i = 0; i < nh + nv; ++i) {
    if (extent[i] > best_extent) best_extent = extent[i], best = i;
  }
  std::vector<Ruling> th, tv;
  for (size_t i = 0; i < nh + nv; ++i) {
    if (sets.Find(i) != best) continue;
    (i < nh ? th : tv).push_back(i < nh ? hs[i] : vs[i - nh]);
  }
  if (th.size() < 2 || tv.size() < 2) return GridFromAlignment(page, options);
  std::stable_sort(th.begin(), th.end(), ByPos);  // for Covered()
  std::stable_sort(tv.begin(), tv.end(), ByPos);
  std::vector<double> xs, ys;
  for (const Ruling& r : tv) xs.push_back(r.pos);
  for (const Ruling& r : th) ys.push_back(r.pos);
  grid.col_edges = Snap(xs, tol);
  grid.row_edges = Snap(ys, tol);
  if (grid.rows() < 1 || grid.cols() < 1 ||
      static_cast<double>(grid.rows()) * static_cast<double>(grid.cols()) >
          static_cast<double>(options.max_grid_slots)) {
    grid.ruled = false;
    grid.col_edges.clear();
    grid.row_edges.clear();
    return grid;
  }
  const auto& ce = grid.col_edges;
  const auto& re = grid.row_edges;
  BuildCells(
      page, &grid,
      [&](int r, int c) {
        return Covered(tv, ce[static_cast<size_t>(c + 1)],
                       re[static_cast<size_t>(r)],
                       re[static_cast<size_t>(r + 1)], tol);
      },
      [&](int r, int c) {
        return Covered(th, re[static_cast<size_t>(r + 1)],
                       ce[static_cast<size_t>(c)],
                       ce[static_cast<size_t>(c + 1)], tol);
      });
  return grid;
}

}  // namespace plan2json::extractor
