// Copyright 2026 The plan2json Authors.
//
// Table recovery from page geometry. Ruled tables: rulings are merged, the
// largest connected set of them is the table, its distinct x and y positions
// are the grid, and a slot merges with its neighbour wherever no ruling
// separates them (that is how spanning cells appear). Unruled tables: see
// GridFromAlignment (columns and rows from text alignment).

#include "extractor/table.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace plan2json::extractor {
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

bool Intersects(const Ruling& h, const Ruling& v, double tol) {
  return v.pos >= h.from - tol && v.pos <= h.to + tol &&
         h.pos >= v.from - tol && h.pos <= v.to + tol;
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

int IndexOf(const std::vector<double>& edges, double v) {
  // Index of the band [edges[i], edges[i+1]) holding v, or -1 outside.
  if (edges.size() < 2 || v < edges.front() || v >= edges.back()) return -1;
  auto it = std::upper_bound(edges.begin(), edges.end(), v);
  return static_cast<int>(it - edges.begin()) - 1;
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

namespace {

// Glyphs clustered into visual lines: sorted top to bottom by vertical
// centre, a glyph joins the current line while its centre lies within the
// line's vertical extent; each line sorted left to right.
std::vector<std::vector<const Glyph*>> ClusterLines(
    const std::vector<const Glyph*>& glyphs) {
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

TextLine MakeLine(const std::vector<const Glyph*>& cl, double space_factor) {
  TextLine line;
  line.box = cl.front()->box;
  int bold = 0;
  double size_sum = 0;
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
    size_sum += g->font_size;
    prev = g;
  }
  line.font_size = size_sum / static_cast<double>(cl.size());
  line.bold = bold * 2 > static_cast<int>(cl.size());
  return line;
}

Box BoxOf(const std::vector<const Glyph*>& glyphs) {
  Box b = glyphs.front()->box;
  for (const Glyph* g : glyphs) b.Extend(g->box);
  return b;
}

double FontSizeOf(const std::vector<const Glyph*>& glyphs) {
  double sum = 0;
  for (const Glyph* g : glyphs) sum += g->font_size;
  return glyphs.empty() ? 0 : sum / static_cast<double>(glyphs.size());
}

// A line split where the gap between glyphs exceeds `factor` font sizes.
std::vector<std::vector<const Glyph*>> SplitAtGaps(
    const std::vector<const Glyph*>& line, double factor) {
  std::vector<std::vector<const Glyph*>> out;
  for (const Glyph* g : line) {
    if (out.empty() ||
        g->box.x0 - out.back().back()->box.x1 > factor * g->font_size) {
      out.emplace_back();
    }
    out.back().push_back(g);
  }
  return out;
}

// Sentence-final punctuation (full- and half-width).
bool EndsSentence(const std::string& glyph) {
  static const char* const kEnds[] = {"。", "．", "！", "？", "；", ".", "!", "?", ";"};
  for (const char* e : kEnds) {
    if (glyph == e) return true;
  }
  return false;
}

}  // namespace

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

Grid GridFromAlignment(const Page& page, const TableOptions& options) {
  Grid grid;
  grid.page = page.number;
  grid.ruled = false;
  std::vector<const Glyph*> all;
  for (const Glyph& g : page.glyphs) {
    if (g.text != " ") all.push_back(&g);
  }
  std::vector<std::vector<const Glyph*>> lines = ClusterLines(all);
  auto above_all = [&] {
    for (const auto& l : lines) grid.above.push_back(MakeLine(l, 0.25));
    return grid;
  };
  if (!options.is_header_cell || lines.empty()) return above_all();

  // 1. The header band: a line plus the lines just below it (wrapped header
  //    cells), split into cells at wide gaps, cells merged by x-overlap.
  struct HeaderCell {
    Box box;
    std::vector<const Glyph*> glyphs;
  };
  std::vector<HeaderCell> header;
  size_t header_first = 0, header_end = 0;  // line range [first, end)
  for (size_t i = 0; i < lines.size() && header.empty(); ++i) {
    double fs = FontSizeOf(lines[i]);
    Box band = BoxOf(lines[i]);
    size_t end = i + 1;
    // Lines overlapping the band vertically (header cells wrap, and
    // one-line cells sit centred between the wrapped lines).
    while (end < lines.size() && end < i + 4 &&
           BoxOf(lines[end]).y0 < band.y1 - 0.1 * fs) {
      band.Extend(BoxOf(lines[end]));
      ++end;
    }
    std::vector<HeaderCell> cells;
    for (size_t j = i; j < end; ++j) {
      for (auto& seg : SplitAtGaps(lines[j], 1.0)) {
        Box b = BoxOf(seg);
        HeaderCell* into = nullptr;
        for (HeaderCell& c : cells) {
          if (b.x0 < c.box.x1 && b.x1 > c.box.x0) into = &c;
        }
        if (into == nullptr) {
          cells.push_back({b, seg});
        } else {
          into->box.Extend(b);
          into->glyphs.insert(into->glyphs.end(), seg.begin(), seg.end());
        }
      }
    }
    int known = 0;
    for (const HeaderCell& c : cells) {
      std::string text;
      for (const auto& l : ClusterLines(c.glyphs)) {
        for (const Glyph* g : l) text += g->text;
      }
      known += options.is_header_cell(text) ? 1 : 0;
    }
    if (known >= 3) {
      header = std::move(cells);
      header_first = i;
      header_end = end;
    }
  }
  if (header.empty()) return above_all();
  std::sort(header.begin(), header.end(),
            [](const HeaderCell& a, const HeaderCell& b) {
              return a.box.x0 < b.box.x0;
            });

  // 2. The body: lines below the header up to the first wide vertical gap
  //    (what follows is page furniture).
  std::vector<double> heights;
  for (size_t i = header_end; i < lines.size(); ++i) heights.push_back(BoxOf(lines[i]).height());
  if (heights.empty()) return above_all();
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  const double line_h = heights[heights.size() / 2];
  size_t body_end = header_end;
  double last_y1 = BoxOf(lines[header_end - 1]).y1;
  if (options.is_furniture) {
    // Page furniture below the header is not part of the table.
    auto furniture = [&](const std::vector<const Glyph*>& l) {
      return options.is_furniture(MakeLine(l, 0.25).text);
    };
    auto first = lines.begin() + static_cast<long>(header_end);
    auto keep = std::stable_partition(first, lines.end(),
                                      [&](const auto& l) { return !furniture(l); });
    for (auto it = keep; it != lines.end(); ++it) grid.below.push_back(MakeLine(*it, 0.25));
    lines.erase(keep, lines.end());
  }
  while (body_end < lines.size()) {
    Box b = BoxOf(lines[body_end]);
    if (b.y0 - last_y1 > 1.5 * line_h) break;
    last_y1 = std::max(last_y1, b.y1);
    ++body_end;
  }
  for (size_t i = 0; i < header_first; ++i) grid.above.push_back(MakeLine(lines[i], 0.25));
  for (size_t i = body_end; i < lines.size(); ++i) grid.below.push_back(MakeLine(lines[i], 0.25));
  if (body_end == header_end) return grid;

  // 3. Column edges: the least-covered x between neighbouring header cells.
  double x_min = header.front().box.x0, x_max = header.back().box.x1;
  for (size_t i = header_end; i < body_end; ++i) {
    x_min = std::min(x_min, lines[i].front()->box.x0);
    x_max = std::max(x_max, lines[i].back()->box.x1);
  }
  const double x0 = std::floor(x_min) - 1;
  std::vector<int> cover(static_cast<size_t>(std::ceil(x_max - x0) + 2), 0);
  for (size_t i = header_end; i < body_end; ++i) {
    for (const Glyph* g : lines[i]) {
      for (double x = std::floor(g->box.x0); x < g->box.x1; x += 1) {
        size_t bin = static_cast<size_t>(std::max(0.0, x - x0));
        if (bin < cover.size()) ++cover[bin];
      }
    }
  }
  grid.col_edges.push_back(x0);
  for (size_t c = 0; c + 1 < header.size(); ++c) {
    size_t lo = static_cast<size_t>(std::max(0.0, header[c].box.x1 - x0));
    size_t hi = static_cast<size_t>(std::max(0.0, header[c + 1].box.x0 - x0));
    hi = std::min(hi, cover.size() - 1);
    if (hi <= lo) {
      grid.col_edges.push_back((header[c].box.x1 + header[c + 1].box.x0) / 2);
      continue;
    }
    int best = cover[lo];
    for (size_t b = lo; b <= hi; ++b) best = std::min(best, cover[b]);
    // The middle of the longest run at the minimum.
    size_t run_start = lo, best_start = lo, best_len = 0;
    for (size_t b = lo; b <= hi + 1; ++b) {
      if (b <= hi && cover[b] == best) {
        if (b == lo || cover[b - 1] != best) run_start = b;
        if (b - run_start + 1 > best_len) best_len = b - run_start + 1, best_start = run_start;
      }
    }
    grid.col_edges.push_back(x0 + static_cast<double>(best_start) +
                             static_cast<double>(best_len) / 2);
  }
  grid.col_edges.push_back(x0 + static_cast<double>(cover.size()));
  const int ncols = grid.cols();

  // 4. Full-width lines (section headings) and per-column glyphs.
  struct Block {  // a paragraph of one column
    int col;
    Box box;
    std::vector<const Glyph*> glyphs;
  };
  std::vector<Block> spans;  // full-width lines
  std::vector<std::vector<std::vector<const Glyph*>>> col_lines(static_cast<size_t>(ncols));
  for (size_t i = header_end; i < body_end; ++i) {
    const auto& line = lines[i];
    bool crosses = false;
    for (size_t k = 1; k < line.size() && !crosses; ++k) {
      int ca = IndexOf(grid.col_edges, line[k - 1]->box.cx());
      int cb = IndexOf(grid.col_edges, line[k]->box.cx());
      crosses = ca != cb && line[k]->box.x0 - line[k - 1]->box.x1 <
                                0.5 * line[k]->font_size;
    }
    if (crosses) {
      spans.push_back({0, BoxOf(line), line});
      continue;
    }
    for (auto& seg : SplitAtGaps(line, 0.5)) {
      int c = IndexOf(grid.col_edges, BoxOf(seg).cx());
      if (c >= 0) col_lines[static_cast<size_t>(c)].push_back(seg);
    }
  }
  // 5. Rows are the paragraphs of the column with the most text (the prose
  //    column); full-width lines are rows of their own. A paragraph ends at a
  //    wider gap than the column's leading, or, in the prose column, after a
  //    line that stops short of the column's right text edge.
  size_t defining = 0, most = 0;
  for (size_t c = 0; c < col_lines.size(); ++c) {
    size_t n = 0;
    for (const auto& l : col_lines[c]) n += l.size();
    if (n > most) most = n, defining = c;
  }
  // The leading: the smallest gap between lines of the prose column.
  double leading = 1e9;
  const auto& prose = col_lines[defining];
  for (size_t k = 1; k < prose.size(); ++k) {
    leading = std::min(leading, BoxOf(prose[k]).y0 - BoxOf(prose[k - 1]).y1);
  }
  if (leading > line_h) leading = 0.2 * line_h;
  std::vector<std::vector<Block>> blocks(static_cast<size_t>(ncols));
  for (int c = 0; c < ncols; ++c) {
    auto& cl = col_lines[static_cast<size_t>(c)];
    const double min_gap = leading;
    double right = -1e9;
    for (const auto& l : cl) right = std::max(right, BoxOf(l).x1);
    auto& bs = blocks[static_cast<size_t>(c)];
    bool ended = true;
    for (size_t k = 0; k < cl.size(); ++k) {
      Box b = BoxOf(cl[k]);
      double fs = FontSizeOf(cl[k]);
      if (ended || b.y0 - bs.back().box.y1 > min_gap + 0.3 * fs) {
        bs.push_back({c, b, {}});
      }
      bs.back().box.Extend(b);
      bs.back().glyphs.insert(bs.back().glyphs.end(), cl[k].begin(), cl[k].end());
      ended = static_cast<size_t>(c) == defining && b.x1 < right - 1.5 * fs;
    }
  }
  // A prose paragraph beside two or more paragraphs of another column holds
  // that many rows whose last lines happened to be full: split it between
  // each pair of those paragraphs, after a line ending a sentence if there
  // is one, else at the widest gap.
  {
    std::vector<Block> split;
    for (Block& p : blocks[defining]) {
      std::vector<std::vector<const Glyph*>> plines = ClusterLines(p.glyphs);
      std::vector<double> centres;
      for (size_t c = 0; c < blocks.size(); ++c) {
        if (c == defining) continue;
        std::vector<double> inside;
        for (const Block& b : blocks[c]) {
          if (b.box.cy() > p.box.y0 && b.box.cy() < p.box.y1) inside.push_back(b.box.cy());
        }
        if (inside.size() > centres.size()) centres = inside;
      }
      std::sort(centres.begin(), centres.end());
      std::vector<size_t> cuts;
      for (size_t i = 0; i + 1 < centres.size(); ++i) {
        size_t best = 0;
        double score = -1e9;
        for (size_t k = 1; k < plines.size(); ++k) {
          double y = (BoxOf(plines[k - 1]).y1 + BoxOf(plines[k]).y0) / 2;
          if (y <= centres[i] || y >= centres[i + 1]) continue;
          double gap = BoxOf(plines[k]).y0 - BoxOf(plines[k - 1]).y1;
          double sc = gap + (EndsSentence(plines[k - 1].back()->text) ? 1000 : 0);
          if (sc > score) score = sc, best = k;
        }
        if (best > 0) cuts.push_back(best);
      }
      if (cuts.empty()) {
        split.push_back(std::move(p));
        continue;
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      cuts.push_back(plines.size());
      size_t from = 0;
      for (size_t cut : cuts) {
        Block part{p.col, BoxOf(plines[from]), {}};
        for (size_t k = from; k < cut; ++k) {
          part.box.Extend(BoxOf(plines[k]));
          part.glyphs.insert(part.glyphs.end(), plines[k].begin(), plines[k].end());
        }
        split.push_back(std::move(part));
        from = cut;
      }
    }
    blocks[defining] = std::move(split);
  }
  std::vector<Box> row_boxes;
  for (const Block& b : blocks[defining]) row_boxes.push_back(b.box);
  for (const Block& b : spans) row_boxes.push_back(b.box);
  std::sort(row_boxes.begin(), row_boxes.end(),
            [](const Box& a, const Box& b) { return a.y0 < b.y0; });
  if (row_boxes.empty()) return grid;
  grid.row_edges.push_back(BoxOf(lines[header_end - 1]).y1);
  // Between two rows, the edge goes where the fewest paragraphs of other
  // columns cross (the middle of the widest such stretch): cells are top-,
  // centre- or bottom-aligned, so the gap between prose paragraphs alone
  // does not say where one row ends.
  for (size_t r = 1; r < row_boxes.size(); ++r) {
    double lo = row_boxes[r - 1].y1, hi = row_boxes[r].y0;
    if (hi - lo < 1) {
      grid.row_edges.push_back((lo + hi) / 2);
      continue;
    }
    auto crossings = [&](double y) {
      int n = 0;
      for (const auto& bs : blocks) {
        for (const Block& b : bs) n += (b.box.y0 < y && b.box.y1 > y) ? 1 : 0;
      }
      return n;
    };
    int best = 1 << 30;
    double best_from = lo, best_len = -1, run_from = lo;
    int prev = -1;
    for (double y = lo; y <= hi; y += 0.5) {
      int n = crossings(y);
      if (n != prev) run_from = y;
      prev = n;
      if (n < best || (n == best && y - run_from > best_len)) {
        best = n, best_from = run_from, best_len = y - run_from;
      }
    }
    grid.row_edges.push_back(best_from + best_len / 2);
  }
  grid.row_edges.push_back(last_y1 + 1);
  const int nrows = grid.rows();

  // 6. Cells: one per (row, column); full-width rows are one spanning cell.
  std::vector<std::vector<const Glyph*>> cell_glyphs(static_cast<size_t>(nrows * ncols));
  std::vector<bool> full_row(static_cast<size_t>(nrows), false);
  for (const Block& b : spans) {
    int r = IndexOf(grid.row_edges, b.box.cy());
    if (r < 0) continue;
    full_row[static_cast<size_t>(r)] = true;
    auto& dst = cell_glyphs[static_cast<size_t>(r * ncols)];
    dst.insert(dst.end(), b.glyphs.begin(), b.glyphs.end());
  }
  for (const auto& bs : blocks) {
    for (const Block& b : bs) {
      int r = IndexOf(grid.row_edges, b.box.cy());
      if (r < 0) continue;
      int c = full_row[static_cast<size_t>(r)] ? 0 : b.col;
      auto& dst = cell_glyphs[static_cast<size_t>(r * ncols + c)];
      dst.insert(dst.end(), b.glyphs.begin(), b.glyphs.end());
    }
  }
  for (int r = 0; r < nrows; ++r) {
    int span = full_row[static_cast<size_t>(r)] ? ncols : 1;
    for (int c = 0; c < ncols; c += span) {
      Cell cell;
      cell.page = page.number;
      cell.row = r;
      cell.col = c;
      cell.col_span = span;
      cell.box = {grid.col_edges[static_cast<size_t>(c)], grid.row_edges[static_cast<size_t>(r)],
                  grid.col_edges[static_cast<size_t>(c + span)], grid.row_edges[static_cast<size_t>(r + 1)]};
      cell.lines = GroupLines(cell_glyphs[static_cast<size_t>(r * ncols + c)]);
      grid.cells.push_back(std::move(cell));
    }
  }
  // The header row itself, so the plan layer finds it as on ruled pages.
  Grid with_header;
  with_header.page = grid.page;
  with_header.ruled = false;
  with_header.col_edges = grid.col_edges;
  with_header.row_edges.push_back(BoxOf(lines[header_first]).y0 - 1);
  with_header.row_edges.insert(with_header.row_edges.end(), grid.row_edges.begin(), grid.row_edges.end());
  for (int c = 0; c < ncols; ++c) {
    Cell cell;
    cell.page = page.number;
    cell.col = c;
    cell.box = {grid.col_edges[static_cast<size_t>(c)], with_header.row_edges[0],
                grid.col_edges[static_cast<size_t>(c + 1)], with_header.row_edges[1]};
    cell.lines = GroupLines(header[static_cast<size_t>(c)].glyphs);
    with_header.cells.push_back(std::move(cell));
  }
  for (Cell& cell : grid.cells) {
    ++cell.row;
    with_header.cells.push_back(std::move(cell));
  }
  with_header.above = std::move(grid.above);
  with_header.below = std::move(grid.below);
  return with_header;
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
