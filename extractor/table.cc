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

// A line split where the gap between glyphs exceeds `factor` font sizes or
// holds one of `edges`.
std::vector<std::vector<const Glyph*>> SplitAtGapsAndEdges(
    const std::vector<const Glyph*>& line, double factor,
    const std::vector<double>& edges) {
  std::vector<std::vector<const Glyph*>> out;
  for (const Glyph* g : line) {
    bool cut = out.empty();
    if (!cut) {
      const Glyph* prev = out.back().back();
      cut = g->box.x0 - prev->box.x1 > factor * g->font_size;
      for (double e : edges) cut = cut || (prev->box.cx() < e && g->box.cx() > e);
    }
    if (cut) out.emplace_back();
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

// The leftmost column, left of `prose`, whose paragraphs all hold at most a
// few glyphs (a 序号 column: "1", "12.", "（3）") and at least two of them,
// or -1.
// It names the rows only if between two keys every other column but the
// prose one holds at most one paragraph (one cell per column per row); a
// key spanning several rows (a task's number beside its measures, each
// with its own deadline) names tasks, not rows.
template <typename Blocks>
int KeyColumn(const Blocks& blocks, size_t prose) {
  const size_t kMaxKeyGlyphs = 5;
  for (size_t c = 0; c < prose && c < blocks.size(); ++c) {
    if (blocks[c].size() < 2) continue;
    bool short_only = true;
    for (const auto& b : blocks[c]) short_only &= b.glyphs.size() <= kMaxKeyGlyphs;
    if (!short_only) continue;
    std::vector<double> starts;  // a key's row runs from its top to the next's
    for (const auto& b : blocks[c]) starts.push_back(b.box.y0);
    std::sort(starts.begin(), starts.end());
    for (size_t o = 0; o < blocks.size(); ++o) {
      if (o == c || o == prose) continue;
      std::vector<int> per_key(starts.size() + 1, 0);
      for (const auto& b : blocks[o]) {
        size_t k = static_cast<size_t>(
            std::upper_bound(starts.begin(), starts.end(), b.box.cy()) - starts.begin());
        if (++per_key[k] > 1 && k > 0) return -1;
      }
    }
    return static_cast<int>(c);
  }
  return -1;
}

// Removes row 0 when none of its cells holds text.
void DropEmptyFirstRow(Grid* g) {
  if (g->rows() < 2) return;
  for (const Cell& c : g->cells) {
    if (c.row == 0 && !c.empty()) return;
  }
  g->row_edges.erase(g->row_edges.begin() + 1);
  std::vector<Cell> kept;
  for (Cell& c : g->cells) {
    if (c.row == 0) continue;
    --c.row;
    kept.push_back(std::move(c));
  }
  g->cells = std::move(kept);
}

// Whether a paragraph begins with a sequence marker ("1.…", "（2）…").
template <typename Block>
bool StartsWithMarker(const Block& p, const TableOptions& options) {
  std::string head;
  for (size_t i = 0; i < p.glyphs.size() && i < 4; ++i) {
    head += p.glyphs[i]->text;
    if (options.is_row_key && i > 0 && options.is_row_key(head)) return true;
  }
  return false;
}

// How many of a prose column's paragraphs start a row: not those that begin
// with a sequence marker (the enumerated sub-points of the paragraph before).
template <typename Block>
size_t ProseRows(const std::vector<Block>& paragraphs, const TableOptions& options) {
  size_t rows = 0;
  for (const Block& p : paragraphs) rows += StartsWithMarker(p, options) ? 0 : 1;
  return rows;
}

// A list introduced by a colon ("…改革：" then "1.…；" "2.…；") is one cell:
// paragraphs that begin with a sequence marker join the paragraph whose
// text ends in a colon above them (prose paragraphs sorted top to bottom).
template <typename Block>
void JoinListItems(std::vector<Block>* paragraphs, const TableOptions& options) {
  std::vector<Block> out;
  bool in_list = false;
  for (Block& p : *paragraphs) {
    if (!out.empty() && in_list && StartsWithMarker(p, options)) {
      out.back().box.Extend(p.box);
      out.back().glyphs.insert(out.back().glyphs.end(), p.glyphs.begin(), p.glyphs.end());
      continue;
    }
    const std::string& last = p.glyphs.empty() ? std::string() : p.glyphs.back()->text;
    in_list = last == "：" || last == ":";
    out.push_back(std::move(p));
  }
  *paragraphs = std::move(out);
}

// Shares out lines (sorted top to bottom) among rows so that each row takes
// consecutive lines (possibly none) whose middle is nearest its centre and
// which are spaced like one cell's lines (gaps wider than the column's
// narrowest gap cost their square too): least squares over the rows, by
// dynamic programming in O(rows x lines^2).
// Row r's lines lie within [lo[r], hi[r]] (they cannot reach over the
// neighbouring rows' keys); rows not `allowed` take none; with
// `free_first`, row 0 takes lines at no cost (it has no centre). Returns each
// line's row; a line no row can take goes to the last row.
std::vector<int> AssignCentred(const std::vector<Box>& lines, const std::vector<double>& centres,
                               const std::vector<bool>& allowed, const std::vector<double>& lo,
                               const std::vector<double>& hi, bool free_first) {
  const size_t m = lines.size(), n = centres.size();
  const double kInf = 1e300;
  double leading = 1e30;  // the narrowest gap between lines: a cell's own
  for (size_t k = 1; k < m; ++k) leading = std::min(leading, std::max(0.0, lines[k].y0 - lines[k - 1].y1));
  // best[r][i]: least cost of giving lines [0, i) to rows [0, r).
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(m + 1, kInf));
  std::vector<std::vector<size_t>> from(n + 1, std::vector<size_t>(m + 1, 0));
  best[0][0] = 0;
  for (size_t r = 0; r < n; ++r) {
    for (size_t i = 0; i <= m; ++i) {
      if (best[r][i] >= kInf) continue;
      // Row r takes lines [i, j).
      double top = 1e30, bottom = -1e30, gaps = 0;
      for (size_t j = i; j <= m; ++j) {
        double cost = 0;
        if (j > i) {
          if (!allowed[r]) break;
          top = std::min(top, lines[j - 1].y0);
          bottom = std::max(bottom, lines[j - 1].y1);
          if (top < lo[r] || bottom > hi[r]) break;  // over a neighbour's key
          if (j > i + 1) {  // a gap wider than the leading inside one cell
            double g = std::max(0.0, lines[j - 1].y0 - lines[j - 2].y1 - leading);
            gaps += g * g;
          }
          double d = (top + bottom) / 2 - centres[r];
          cost = (free_first && r == 0) ? 0 : d * d + gaps;
        }
        if (best[r][i] + cost < best[r + 1][j]) best[r + 1][j] = best[r][i] + cost, from[r + 1][j] = i;
      }
    }
  }
  if (best[n][m] >= kInf) {
    // No sharing keeps every row within its neighbours' anchors: share
    // without that bound (the caller sees the cells off their centres).
    // The free first row keeps its bound: it takes only what lies above
    // the first anchor.
    std::vector<double> no_lo(n, -1e30), no_hi(n, 1e30);
    if (free_first && n > 0) no_hi[0] = hi[0];
    if (lo != no_lo || hi != no_hi) return AssignCentred(lines, centres, allowed, no_lo, no_hi, free_first);
  }
  std::vector<int> row_of(m, static_cast<int>(n) - 1);
  size_t j = m;
  for (size_t r = n; r > 0; --r) {
    size_t i = from[r][j];
    for (size_t k = i; k < j; ++k) row_of[k] = static_cast<int>(r) - 1;
    j = i;
  }
  return row_of;
}

// Whether cells are set at the top of their rows: nearly every paragraph
// of the other columns (9 in 10) starts level (within 0.3 line) with a
// paragraph of the column naming the rows (`prose`: the key or the prose
// column). Centred cells taller or shorter than their row's prose start
// above or below it.
template <typename Blocks>
bool TopAligned(const Blocks& blocks, size_t prose, double line_h) {
  int level = 0, total = 0;
  for (size_t c = 0; c < blocks.size(); ++c) {
    if (c == prose) continue;
    for (const auto& b : blocks[c]) {
      ++total;
      bool found = false;
      for (const auto& p : blocks[prose]) found |= std::fabs(b.box.y0 - p.box.y0) < 0.3 * line_h;
      level += found ? 1 : 0;
    }
  }
  return total >= 3 && level * 10 >= total * 9;
}

// With top-aligned cells, a row holding nothing but a paragraph of prose is
// the rest of the row above it (a measure's sub-points on lines of their
// own: "1.…", "2.…"); its edge goes.
template <typename Blocks, typename Spans, typename AnchorY>
void MergeProseOnlyRows(const Blocks& blocks, const Spans& spans, size_t prose,
                        AnchorY anchor_y, std::vector<double>* edges) {
  const int nrows = static_cast<int>(edges->size()) - 1;
  if (nrows < 2) return;
  std::vector<bool> prose_only(static_cast<size_t>(nrows), false), other(static_cast<size_t>(nrows), false),
      full(static_cast<size_t>(nrows), false);
  for (const auto& b : spans) {
    int r = IndexOf(*edges, b.box.cy());
    if (r >= 0) full[static_cast<size_t>(r)] = true;
  }
  for (size_t c = 0; c < blocks.size(); ++c) {
    for (const auto& b : blocks[c]) {
      int r = IndexOf(*edges, anchor_y(b.box));
      if (r < 0) continue;
      (c == prose ? prose_only : other)[static_cast<size_t>(r)] = true;
    }
  }
  std::vector<double> kept{edges->front()};
  for (int r = 1; r < nrows; ++r) {
    const size_t i = static_cast<size_t>(r);
    bool merge = prose_only[i] && !other[i] && !full[i] && !full[i - 1];
    if (!merge) kept.push_back((*edges)[i]);
  }
  kept.push_back(edges->back());
  *edges = std::move(kept);
}

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
  // A page continuing the previous page's table without repeating its
  // header: the previous page's columns, and the body from the top.
  const bool continued = header.empty() && options.continued_columns.size() >= 3;
  if (header.empty() && !continued) return above_all();
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
  double last_y1 = continued ? BoxOf(lines.front()).y0 : BoxOf(lines[header_end - 1]).y1;
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
    // The rule under a header (三线表) leaves more room above the first row.
    const double max_gap = (body_end == header_end ? 4.0 : 1.5) * line_h;
    if (b.y0 - last_y1 > max_gap) break;
    last_y1 = std::max(last_y1, b.y1);
    ++body_end;
  }
  for (size_t i = 0; i < header_first; ++i) grid.above.push_back(MakeLine(lines[i], 0.25));
  for (size_t i = body_end; i < lines.size(); ++i) grid.below.push_back(MakeLine(lines[i], 0.25));
  if (body_end == header_end) return grid;

  // 3. Column edges: the least-covered x between neighbouring header cells.
  if (continued) {
    grid.col_edges = options.continued_columns;
    grid.col_edges.front() = std::min(grid.col_edges.front(), BoxOf(lines[header_end]).x0 - 1);
  }
  double x_min = continued ? 0 : header.front().box.x0;
  double x_max = continued ? 0 : header.back().box.x1;
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
  if (!continued) grid.col_edges.push_back(x0);
  for (size_t c = 0; !continued && c + 1 < header.size(); ++c) {
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
  if (!continued) grid.col_edges.push_back(x0 + static_cast<double>(cover.size()));
  grid.col_edges.back() = std::max(grid.col_edges.back(), x_max + 1);
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
    // A line of one piece crossing a column edge inside a word (a glyph
    // over the edge, or glyphs set solid across it) is a full-width row: a
    // section heading. Any gap at an edge separates cells, however narrow (a full
    // cell's last glyph may nearly touch the next column's text).
    // A line of several pieces apart (gaps of half a character or more) is
    // a row of cells whatever its glyphs' boxes do: a hanging quotation
    // mark may reach over an edge.
    bool crosses = false;
    const bool one_piece = SplitAtGaps(line, 0.5).size() == 1;
    for (size_t k = 0; k < line.size() && one_piece && !crosses; ++k) {
      const Glyph* g = line[k];
      for (size_t e = 1; e + 1 < grid.col_edges.size() && !crosses; ++e) {
        double edge = grid.col_edges[e];
        crosses = g->box.x0 < edge - 0.2 * g->font_size && g->box.x1 > edge + 0.2 * g->font_size;
      }
      if (k > 0 && !crosses) {
        int ca = IndexOf(grid.col_edges, line[k - 1]->box.cx());
        int cb = IndexOf(grid.col_edges, g->box.cx());
        crosses = ca != cb && g->box.x0 - line[k - 1]->box.x1 < 0.1 * g->font_size;
      }
    }
    if (crosses) {
      spans.push_back({0, BoxOf(line), line});
      continue;
    }
    for (auto& seg : SplitAtGapsAndEdges(line, 0.5, grid.col_edges)) {
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
  // A key column (sequence numbers: the leftmost column whose paragraphs
  // are all a few glyphs long) names the rows better than prose, whose
  // paragraphs a cell may hold several of (sub-points on lines of their own).
  // Keys set close together run into one paragraph ("3." over "4."): a
  // paragraph whose every line is a key on its own is that many keys.
  if (options.is_row_key) {
    for (size_t c = 0; c < defining; ++c) {
      std::vector<Block> split;
      for (Block& b : blocks[c]) {
        auto ls = ClusterLines(b.glyphs);
        bool all_keys = ls.size() > 1;
        for (const auto& l : ls) all_keys = all_keys && options.is_row_key(MakeLine(l, 0.25).text);
        if (!all_keys) {
          split.push_back(std::move(b));
          continue;
        }
        for (auto& l : ls) split.push_back({b.col, BoxOf(l), l});
      }
      blocks[c] = std::move(split);
    }
  }
  std::sort(blocks[defining].begin(), blocks[defining].end(),
            [](const Block& a, const Block& b) { return a.box.y0 < b.box.y0; });
  JoinListItems(&blocks[defining], options);
  const int key = KeyColumn(blocks, defining);
  std::vector<Box> row_boxes;
  for (const Block& b : blocks[key >= 0 ? static_cast<size_t>(key) : defining]) {
    row_boxes.push_back(b.box);
  }
  for (const Block& b : spans) row_boxes.push_back(b.box);
  std::sort(row_boxes.begin(), row_boxes.end(),
            [](const Box& a, const Box& b) { return a.y0 < b.y0; });
  if (row_boxes.empty()) return grid;
  grid.row_edges.push_back(continued ? BoxOf(lines[header_end]).y0 - 1
                                     : BoxOf(lines[header_end - 1]).y1);
  // Cells set at the top of their rows: each row starts just above its
  // first line, a paragraph belongs to the row it starts in, and a row of
  // prose alone continues the row above (MergeProseOnlyRows).
  const bool top = TopAligned(blocks, key >= 0 ? static_cast<size_t>(key) : defining, line_h);
  for (size_t r = 1; top && r < row_boxes.size(); ++r) {
    double start = row_boxes[r].y0;  // the row's first line, in any column
    for (const auto& bs : blocks) {
      for (const Block& b : bs) {
        if (std::fabs(b.box.y0 - row_boxes[r].y0) < 0.5 * line_h) start = std::min(start, b.box.y0);
      }
    }
    grid.row_edges.push_back(std::max(start - 0.2 * line_h, grid.row_edges.back()));
  }
  // Otherwise, between two rows, the edge goes where the fewest paragraphs
  // of other columns cross (the middle of the widest such stretch): cells
  // are centre- or bottom-aligned, so the gap between prose paragraphs
  // alone does not say where one row ends.
  for (size_t r = 1; !top && r < row_boxes.size(); ++r) {
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
      // Ties: with a key column, the stretch nearest the next key (the
      // gaps above it may be gaps between a cell's own paragraphs); else
      // the widest.
      if (n < best || (n == best && (key >= 0 || y - run_from > best_len))) {
        best = n, best_from = run_from, best_len = y - run_from;
      }
    }
    grid.row_edges.push_back(best_from + best_len / 2);
  }
  grid.row_edges.push_back(last_y1 + 1);
  // Where a paragraph goes: the row holding its first line (top-aligned
  // cells) or its centre.
  auto anchor_y = [&](const Box& b) { return top ? b.y0 + 0.3 * line_h : b.cy(); };
  if (top) {
    MergeProseOnlyRows(blocks, spans, defining, anchor_y, &grid.row_edges);
    // A row's cells lie wholly below its start: each line of a short column
    // goes to the row it starts in (cells of neighbouring rows set close
    // together may have run into one paragraph).
    for (size_t c = 0; c < blocks.size(); ++c) {
      if (c == defining) continue;
      std::vector<Block> lines_of;
      for (const Block& b : blocks[c]) {
        for (auto& l : ClusterLines(b.glyphs)) lines_of.push_back({b.col, BoxOf(l), l});
      }
      blocks[c] = std::move(lines_of);
    }
  }
  // Centred cells: each row has an anchor, its key (where keys name rows:
  // at least as many keys as prose paragraphs that start a row; a key
  // spanning several measures names a task) or else its prose paragraph,
  // and the other columns' lines are shared out among the anchors (see
  // AssignCentred). Lines above the first anchor that no row can centre
  // are the rest of the previous page's last row: they get a row of their
  // own on top (row 0, free of any centre), which the plan layer joins to
  // that row.
  const bool keyed = key >= 0 && blocks[static_cast<size_t>(key)].size() >=
                                     ProseRows(blocks[defining], options);
  const int anchor_col = keyed ? key : static_cast<int>(defining);
  const bool centred = !top && (keyed || key < 0);
  if (centred) {
    const double first = std::min(row_boxes.front().y0, grid.row_edges[1]);
    grid.row_edges.insert(grid.row_edges.begin() + 1,
                          std::max(grid.row_edges.front(), first - 0.1 * line_h));
  }
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
  // Paragraphs per cell: a cell of a short column (not the prose one) that
  // gathers two paragraphs may hold two rows' cells; it is a guess.
  std::vector<int> paragraphs(static_cast<size_t>(nrows * ncols), 0);
  // Centred cells: each other column's lines are shared out so that each
  // row's lines are consecutive and centred on its anchor (cells of
  // neighbouring rows set close together run into one paragraph, so
  // paragraphs cannot be trusted). A cell whose lines sit off its anchor's
  // centre by more than half a line is a guess.
  std::vector<bool> off_centre(static_cast<size_t>(nrows * ncols), false);
  if (centred) {
    std::vector<double> centres(static_cast<size_t>(nrows));
    std::vector<bool> allowed(static_cast<size_t>(nrows));
    for (int r = 0; r < nrows; ++r) {
      centres[static_cast<size_t>(r)] = (grid.row_edges[static_cast<size_t>(r)] + grid.row_edges[static_cast<size_t>(r + 1)]) / 2;
      allowed[static_cast<size_t>(r)] = !full_row[static_cast<size_t>(r)];
    }
    // Each row's anchor: its key, or its heading; a row's lines stay
    // between the neighbouring anchors.
    std::vector<Box> anchor(static_cast<size_t>(nrows), Box{0, 0, 0, -1});
    for (const Block& b : blocks[static_cast<size_t>(anchor_col)]) {
      int r = IndexOf(grid.row_edges, b.box.cy());
      if (r >= 0) centres[static_cast<size_t>(r)] = b.box.cy(), anchor[static_cast<size_t>(r)] = b.box;
    }
    for (const Block& b : spans) {
      int r = IndexOf(grid.row_edges, b.box.cy());
      if (r >= 0) anchor[static_cast<size_t>(r)] = b.box;
    }
    std::vector<double> lo(static_cast<size_t>(nrows), -1e30), hi(static_cast<size_t>(nrows), 1e30);
    for (int r = 1; r < nrows; ++r) {
      const Box& a = anchor[static_cast<size_t>(r - 1)];
      lo[static_cast<size_t>(r)] = a.y1 >= a.y0 ? a.y1 - 0.1 * line_h : lo[static_cast<size_t>(r - 1)];
    }
    for (int r = nrows - 2; r >= 0; --r) {
      const Box& a = anchor[static_cast<size_t>(r + 1)];
      hi[static_cast<size_t>(r)] = a.y1 >= a.y0 ? a.y0 + 0.1 * line_h : hi[static_cast<size_t>(r + 1)];
    }
    for (size_t c = 0; c < blocks.size(); ++c) {
      if (static_cast<int>(c) == anchor_col) continue;
      // Without keys, the columns left of the prose (seq, task) span rows:
      // the plan layer reads their spans (InferTaskSpans).
      if (!keyed && c < defining) continue;
      std::vector<std::vector<const Glyph*>> col;
      for (const Block& b : blocks[c]) {
        for (auto& l : ClusterLines(b.glyphs)) col.push_back(std::move(l));
      }
      std::sort(col.begin(), col.end(), [](const auto& a, const auto& b) { return BoxOf(a).y0 < BoxOf(b).y0; });
      std::vector<Box> boxes;
      for (const auto& l : col) boxes.push_back(BoxOf(l));
      std::vector<int> row_of = AssignCentred(boxes, centres, allowed, lo, hi, /*free_first=*/true);
      std::vector<Box> extent(static_cast<size_t>(nrows), Box{1e30, 1e30, -1e30, -1e30});
      for (size_t i = 0; i < col.size(); ++i) {
        const size_t slot = static_cast<size_t>(row_of[i]) * static_cast<size_t>(ncols) + c;
        cell_glyphs[slot].insert(cell_glyphs[slot].end(), col[i].begin(), col[i].end());
        extent[static_cast<size_t>(row_of[i])].Extend(boxes[i]);
      }
      for (int r = 0; r < nrows; ++r) {
        const Box& e = extent[static_cast<size_t>(r)];
        if (e.y1 > e.y0 && std::fabs(e.cy() - centres[static_cast<size_t>(r)]) > 0.5 * line_h) {
          off_centre[static_cast<size_t>(r * ncols) + c] = true;
        }
      }
    }
  }
  for (const auto& bs : blocks) {
    for (const Block& b : bs) {
      const bool shared = b.col != anchor_col && (keyed || static_cast<size_t>(b.col) > defining);
      if (centred && shared) continue;  // shared out above
      int r = IndexOf(grid.row_edges, anchor_y(b.box));
      if (r < 0) continue;
      int c = full_row[static_cast<size_t>(r)] ? 0 : b.col;
      auto& dst = cell_glyphs[static_cast<size_t>(r * ncols + c)];
      dst.insert(dst.end(), b.glyphs.begin(), b.glyphs.end());
      if (!top && static_cast<size_t>(b.col) != defining) ++paragraphs[static_cast<size_t>(r * ncols + c)];
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
      const size_t slot = static_cast<size_t>(r * ncols + c);
      if (span == 1 && (paragraphs[slot] > 1 || off_centre[slot])) cell.confidence = 0.5;
      grid.cells.push_back(std::move(cell));
    }
  }
  if (centred) DropEmptyFirstRow(&grid);
  if (continued) return grid;
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
