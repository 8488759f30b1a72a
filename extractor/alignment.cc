// Copyright 2026 The plan2json Authors.
//
// Tables without rulings (GridFromAlignment): columns and rows recovered from
// how text is aligned. The passes, over one page's visual lines:
//
// clang-format off
//   title / 附件 ...                     <- above (the plan layer reads it)
//   序号  重点任务   工作措施     时限      <- 1. header band: >= 3 header cells
//   ----+--------+-----------+---------     (cells merged by x-overlap)
//   1   | 任务甲  | 措施一……… | 6月底前   <- 2. body: down to a wide gap;
//       |        | ……。       |              furniture lines go below
//       |        | 措施二……… | 年底前    <- 3. columns: the least-covered x
//   二、章节标题跨列………………………            between header cells
//   2   | 任务乙  | ……          |          <- 4. a line crossing an edge inside
//   ...                                       a word is a full-width row
// clang-format on
//
//   5. Paragraphs per column; the prose column (most text) or a key column
//      (short paragraphs, one cell of every other column between two keys)
//      names the rows. Prose paragraphs beside several paragraphs of another
//      column are split between them; keys run together are split.
//   6. Row edges by one vertical-alignment model per page: top (cells start
//      level with their row's anchor; a row of prose alone continues the row
//      above) or centred (edges where fewest paragraphs cross; each other
//      column's lines shared out among the anchors by least squares, with a
//      free first row for text cut by the page break).
//   7. Cells, one per (row, column), full-width rows spanning; a cell that
//      gathered two paragraphs or sits off its anchor's centre is a guess
//      (confidence 0.5). The header row goes on top, as on ruled pages.
//
// A page without a header of its own continues the previous page's table
// (TableOptions::continued_columns): its columns, its body from the top.

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "extractor/table.h"
#include "extractor/table_lines.h"
#include "lexicon/lexicon.h"

namespace plan2json::extractor {
namespace {

using internal::BoxOf;
using internal::ClusterLines;
using internal::FontSizeOf;
using internal::GlyphLine;
using internal::IndexOf;
using internal::MakeLine;

// A paragraph of one column (or a full-width line, col 0).
struct Block {
  int col;
  Box box;
  GlyphLine glyphs;
};
using Columns = std::vector<std::vector<Block>>;

struct HeaderCell {
  Box box;
  GlyphLine glyphs;
};

size_t U(int i) { return static_cast<size_t>(i); }

// A line split where the gap between glyphs exceeds `factor` font sizes.
std::vector<GlyphLine> SplitAtGaps(const GlyphLine& line, double factor) {
  std::vector<GlyphLine> out;
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
std::vector<GlyphLine> SplitAtGapsAndEdges(const GlyphLine& line, double factor,
                                           const std::vector<double>& edges) {
  std::vector<GlyphLine> out;
  for (const Glyph* g : line) {
    bool cut = out.empty();
    if (!cut) {
      const Glyph* prev = out.back().back();
      cut = g->box.x0 - prev->box.x1 > factor * g->font_size;
      for (double e : edges)
        cut = cut || (prev->box.cx() < e && g->box.cx() > e);
    }
    if (cut) out.emplace_back();
    out.back().push_back(g);
  }
  return out;
}

// Sentence-final punctuation (full- and half-width).
bool EndsSentence(const std::string& glyph) {
  static const char* const kEnds[] = {"。", "．", "！", "？", "；",
                                      ".",  "!",  "?",  ";"};
  for (const char* e : kEnds) {
    if (glyph == e) return true;
  }
  return false;
}

// Whether a line of one piece crosses a column edge inside a word (a glyph
// over the edge, or glyphs set solid across it): a full-width row, a
// section heading. Any gap at an edge separates cells, however narrow (a
// full cell's last glyph may nearly touch the next column's text). A line
// of several pieces apart (gaps of half a character or more) is a row of
// cells whatever its glyphs' boxes do: a hanging quotation mark may reach
// over an edge.
bool CrossesEdge(const GlyphLine& line, const std::vector<double>& edges) {
  if (SplitAtGaps(line, 0.5).size() != 1) return false;
  for (size_t k = 0; k < line.size(); ++k) {
    const Glyph* g = line[k];
    for (size_t e = 1; e + 1 < edges.size(); ++e) {
      if (g->box.x0 < edges[e] - 0.2 * g->font_size &&
          g->box.x1 > edges[e] + 0.2 * g->font_size) {
        return true;
      }
    }
    if (k > 0) {
      int ca = IndexOf(edges, line[k - 1]->box.cx());
      int cb = IndexOf(edges, g->box.cx());
      if (ca != cb && g->box.x0 - line[k - 1]->box.x1 < 0.1 * g->font_size)
        return true;
    }
  }
  return false;
}

// The middle of the longest run of the least value of cover[lo..hi].
double LeastCoveredMiddle(const std::vector<int>& cover, size_t lo, size_t hi) {
  int best = cover[lo];
  for (size_t b = lo; b <= hi; ++b) best = std::min(best, cover[b]);
  size_t run_start = lo, best_start = lo, best_len = 0;
  for (size_t b = lo; b <= hi; ++b) {
    if (cover[b] != best) continue;
    if (b == lo || cover[b - 1] != best) run_start = b;
    if (b - run_start + 1 > best_len)
      best_len = b - run_start + 1, best_start = run_start;
  }
  return static_cast<double>(best_start) + static_cast<double>(best_len) / 2;
}

// The leftmost column, left of `prose`, whose paragraphs all hold at most a
// few glyphs (a 序号 column: "1", "12.", "（3）") and at least two of them,
// or -1.
// It names the rows only if between two keys every other column but the
// prose one holds at most one paragraph (one cell per column per row); a
// key spanning several rows (a task's number beside its measures, each
// with its own deadline) names tasks, not rows.
int KeyColumn(const Columns& blocks, size_t prose) {
  const size_t kMaxKeyGlyphs = 5;
  for (size_t c = 0; c < prose && c < blocks.size(); ++c) {
    if (blocks[c].size() < 2) continue;
    bool short_only = true;
    for (const Block& b : blocks[c])
      short_only &= b.glyphs.size() <= kMaxKeyGlyphs;
    if (!short_only) continue;
    std::vector<double> starts;  // a key's row runs from its top to the next's
    for (const Block& b : blocks[c]) starts.push_back(b.box.y0);
    std::sort(starts.begin(), starts.end());
    for (size_t o = 0; o < blocks.size(); ++o) {
      if (o == c || o == prose) continue;
      std::vector<int> per_key(starts.size() + 1, 0);
      for (const Block& b : blocks[o]) {
        size_t k = static_cast<size_t>(
            std::upper_bound(starts.begin(), starts.end(), b.box.cy()) -
            starts.begin());
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
size_t ProseRows(const std::vector<Block>& paragraphs,
                 const TableOptions& options) {
  size_t rows = 0;
  for (const Block& p : paragraphs)
    rows += StartsWithMarker(p, options) ? 0 : 1;
  return rows;
}

// A list introduced by a colon ("…改革：" then "1.…；" "2.…；") is one cell:
// paragraphs that begin with a sequence marker join the paragraph whose
// text ends in a colon above them (prose paragraphs sorted top to bottom).
void JoinListItems(std::vector<Block>* paragraphs,
                   const TableOptions& options) {
  std::vector<Block> out;
  bool in_list = false;
  for (Block& p : *paragraphs) {
    if (!out.empty() && in_list && StartsWithMarker(p, options)) {
      out.back().box.Extend(p.box);
      out.back().glyphs.insert(out.back().glyphs.end(), p.glyphs.begin(),
                               p.glyphs.end());
      continue;
    }
    const std::string& last =
        p.glyphs.empty() ? std::string() : p.glyphs.back()->text;
    in_list = last == "：" || last == ":";
    out.push_back(std::move(p));
  }
  *paragraphs = std::move(out);
}

// Whether cells are set at the top of their rows: nearly every paragraph
// of the other columns (9 in 10) starts level (within 0.3 line) with a
// paragraph of the column naming the rows (`prose`: the key or the prose
// column). Centred cells taller or shorter than their row's prose start
// above or below it.
bool TopAligned(const Columns& blocks, size_t prose, double line_h) {
  int level = 0, total = 0;
  for (size_t c = 0; c < blocks.size(); ++c) {
    if (c == prose) continue;
    for (const Block& b : blocks[c]) {
      ++total;
      bool found = false;
      for (const Block& p : blocks[prose])
        found |= std::fabs(b.box.y0 - p.box.y0) < 0.3 * line_h;
      level += found ? 1 : 0;
    }
  }
  return total >= 3 && level * 10 >= total * 9;
}

// With top-aligned cells, a row holding nothing but a paragraph of prose is
// the rest of the row above it (a measure's sub-points on lines of their
// own: "1.…", "2.…"); its edge goes. A paragraph belongs to the row holding
// its first line (0.3 line below its top).
void MergeProseOnlyRows(const Columns& blocks, const std::vector<Block>& spans,
                        size_t prose, double line_h,
                        std::vector<double>* edges) {
  const int nrows = static_cast<int>(edges->size()) - 1;
  if (nrows < 2) return;
  std::vector<bool> prose_only(U(nrows), false), other(U(nrows), false),
      full(U(nrows), false);
  for (const Block& b : spans) {
    int r = IndexOf(*edges, b.box.cy());
    if (r >= 0) full[U(r)] = true;
  }
  for (size_t c = 0; c < blocks.size(); ++c) {
    for (const Block& b : blocks[c]) {
      int r = IndexOf(*edges, b.box.y0 + 0.3 * line_h);
      if (r < 0) continue;
      (c == prose ? prose_only : other)[U(r)] = true;
    }
  }
  std::vector<double> kept{edges->front()};
  for (int r = 1; r < nrows; ++r) {
    const size_t i = U(r);
    bool merge = prose_only[i] && !other[i] && !full[i] && !full[i - 1];
    if (!merge) kept.push_back((*edges)[i]);
  }
  kept.push_back(edges->back());
  *edges = std::move(kept);
}

// Where to cut a prose paragraph (its lines `plines`) between each pair of
// neighbouring `centres` (sorted) of another column's paragraphs: after a
// line ending a sentence if there is one, else at the widest gap. Line
// indexes, sorted, unique.
std::vector<size_t> CutsBetween(const std::vector<GlyphLine>& plines,
                                const std::vector<double>& centres) {
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
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
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
std::vector<int> AssignCentred(const std::vector<Box>& lines,
                               const std::vector<double>& centres,
                               const std::vector<bool>& allowed,
                               const std::vector<double>& lo,
                               const std::vector<double>& hi, bool free_first) {
  const size_t m = lines.size(), n = centres.size();
  const double kInf = 1e300;
  double leading = 1e30;  // the narrowest gap between lines: a cell's own
  for (size_t k = 1; k < m; ++k)
    leading = std::min(leading, std::max(0.0, lines[k].y0 - lines[k - 1].y1));
  // best[r][i]: least cost of giving lines [0, i) to rows [0, r).
  std::vector<std::vector<double>> best(n + 1,
                                        std::vector<double>(m + 1, kInf));
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
            double g =
                std::max(0.0, lines[j - 1].y0 - lines[j - 2].y1 - leading);
            gaps += g * g;
          }
          double d = (top + bottom) / 2 - centres[r];
          cost = (free_first && r == 0) ? 0 : d * d + gaps;
        }
        if (best[r][i] + cost < best[r + 1][j])
          best[r + 1][j] = best[r][i] + cost, from[r + 1][j] = i;
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
    if (lo != no_lo || hi != no_hi)
      return AssignCentred(lines, centres, allowed, no_lo, no_hi, free_first);
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

// One page's table without rulings, read pass by pass (see the top of this
// file). Each pass leaves its result in the members the next one reads.
class AlignmentReader {
 public:
  AlignmentReader(const Page& page, const TableOptions& options)
      : page_(page), options_(options) {}
  Grid Read();

 private:
  Grid AllAbove();
  bool FindHeader();                                 // pass 1
  bool FindBody();                                   // pass 2
  void FindColumns();                                // pass 3
  std::vector<std::vector<GlyphLine>> SplitLines();  // pass 4
  void FindParagraphs(
      const std::vector<std::vector<GlyphLine>>& col_lines);  // 5
  void SplitProseBetweenCells();
  void SplitRunTogetherKeys();
  bool FindRowEdges();  // pass 6
  double QuietestY(double lo, double hi) const;
  bool ReadsAsRow(const GlyphLine& line) const;
  bool ClosedBetween(double y0, double y1) const;
  void ChooseAnchors();
  void ShareOutCentred();  // pass 7
  void PlaceBlocks();
  void BuildCells();
  Grid WithHeaderRow();

  const Page& page_;
  const TableOptions& options_;
  Grid grid_;
  std::vector<GlyphLine> lines_;
  std::vector<HeaderCell> header_;
  size_t header_first_ = 0, header_end_ = 0;  // the header's lines [first, end)
  size_t body_end_ = 0;
  bool continued_ = false;
  double line_h_ = 0, last_y1_ = 0;
  int ncols_ = 0;
  std::vector<Box> furniture_;  // page furniture below the header
  std::vector<Block> spans_;    // full-width lines
  Columns blocks_;
  size_t defining_ = 0;  // the prose column
  int key_ = -1;         // the key column, or -1
  std::vector<Box> row_boxes_;
  bool top_ = false, keyed_ = false, centred_ = false;
  int anchor_col_ = 0;
  // Per (row, column) slot.
  std::vector<GlyphLine> cell_glyphs_;
  std::vector<int> paragraphs_;
  std::vector<bool> off_centre_;
  std::vector<bool> full_row_;
};

Grid AlignmentReader::AllAbove() {
  for (const GlyphLine& l : lines_) grid_.above.push_back(MakeLine(l, 0.25));
  return grid_;
}

// Pass 1. The header band: a line plus the lines just below it (wrapped
// header cells), split into cells at wide gaps, cells merged by x-overlap;
// the first band with three cells `is_header_cell` accepts.
bool AlignmentReader::FindHeader() {
  for (size_t i = 0; i < lines_.size() && header_.empty(); ++i) {
    double fs = FontSizeOf(lines_[i]);
    Box band = BoxOf(lines_[i]);
    size_t end = i + 1;
    // Lines overlapping the band vertically (header cells wrap, and
    // one-line cells sit centred between the wrapped lines).
    while (end < lines_.size() && end < i + 4 &&
           BoxOf(lines_[end]).y0 < band.y1 - 0.1 * fs) {
      band.Extend(BoxOf(lines_[end]));
      ++end;
    }
    std::vector<HeaderCell> cells;
    for (size_t j = i; j < end; ++j) {
      for (auto& seg : SplitAtGaps(lines_[j], 1.0)) {
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
      known += options_.is_header_cell(text) ? 1 : 0;
    }
    if (known >= 3) {
      header_ = std::move(cells);
      header_first_ = i;
      header_end_ = end;
    }
  }
  std::sort(header_.begin(), header_.end(),
            [](const HeaderCell& a, const HeaderCell& b) {
              return a.box.x0 < b.box.x0;
            });
  return !header_.empty();
}

// Pass 2. The body: lines below the header up to the first wide vertical
// gap (what follows is page furniture), unless a row of the table follows
// it (ReadsAsRow) and nothing closes the table in it (ClosedBetween);
// furniture lines go below. False when nothing follows the header.
bool AlignmentReader::FindBody() {
  std::vector<double> heights;
  for (size_t i = header_end_; i < lines_.size(); ++i)
    heights.push_back(BoxOf(lines_[i]).height());
  if (heights.empty()) return false;
  std::nth_element(heights.begin(),
                   heights.begin() + static_cast<long>(heights.size() / 2),
                   heights.end());
  line_h_ = heights[heights.size() / 2];
  body_end_ = header_end_;
  last_y1_ =
      continued_ ? BoxOf(lines_.front()).y0 : BoxOf(lines_[header_end_ - 1]).y1;
  if (options_.is_furniture) {
    auto first = lines_.begin() + static_cast<long>(header_end_);
    auto keep =
        std::stable_partition(first, lines_.end(), [&](const GlyphLine& l) {
          return !options_.is_furniture(MakeLine(l, 0.25).text);
        });
    for (auto it = keep; it != lines_.end(); ++it) {
      grid_.below.push_back(MakeLine(*it, 0.25));
      furniture_.push_back(BoxOf(*it));
    }
    lines_.erase(keep, lines_.end());
  }
  while (body_end_ < lines_.size()) {
    Box b = BoxOf(lines_[body_end_]);
    // The rule under a header (三线表) leaves more room above the first row.
    const double max_gap = (body_end_ == header_end_ ? 4.0 : 1.5) * line_h_;
    if (b.y0 - last_y1_ > max_gap &&
        (ClosedBetween(last_y1_, b.y0) || !ReadsAsRow(lines_[body_end_]))) {
      break;
    }
    last_y1_ = std::max(last_y1_, b.y1);
    ++body_end_;
  }
  for (size_t i = 0; i < header_first_; ++i)
    grid_.above.push_back(MakeLine(lines_[i], 0.25));
  for (size_t i = body_end_; i < lines_.size(); ++i)
    grid_.below.push_back(MakeLine(lines_[i], 0.25));
  return true;
}

// Whether a line below a wide gap still reads as a row of the table: its
// pieces (apart by an em or more) lie under at least two different columns
// (between the midpoints of neighbouring header cells, or a continued
// page's edges), and it is no note or closing line (lexicon::IsNoteLine,
// IsColophon: 抄送…, …印发). A signature under a table is one piece; OCR
// that lost a table's lines leaves a gap inside it (with no rule across
// it: ClosedBetween).
bool AlignmentReader::ReadsAsRow(const GlyphLine& line) const {
  const std::string text = MakeLine(line, 0.25).text;
  if (lexicon::IsNoteLine(text) || lexicon::IsColophon(text)) return false;
  std::vector<double> edges = options_.continued_columns;
  if (!continued_) {
    edges.clear();
    for (size_t c = 1; c < header_.size(); ++c) {
      edges.push_back((header_[c - 1].box.x1 + header_[c].box.x0) / 2);
    }
  }
  std::set<long> columns;
  for (const GlyphLine& piece : SplitAtGaps(line, 1.0)) {
    columns.insert(
        std::upper_bound(edges.begin(), edges.end(), BoxOf(piece).cx()) -
        edges.begin());
  }
  return columns.size() >= 2;
}

// Whether something that closes a table lies between y0 and y1: page
// furniture (a page number), or a horizontal rule at least half the
// table's width (the bottom rule of a 三线表, the rules of a colophon: 抄送,
// 印发). A table's body goes on past neither.
bool AlignmentReader::ClosedBetween(double y0, double y1) const {
  const double x0 =
      continued_ ? options_.continued_columns.front() : header_.front().box.x0;
  const double x1 =
      continued_ ? options_.continued_columns.back() : header_.back().box.x1;
  for (const Box& f : furniture_) {
    if (f.y0 >= y0 && f.y1 <= y1) return true;
  }
  for (const Ruling& r : page_.rulings) {
    if (r.axis == Ruling::Axis::kHorizontal && r.pos > y0 && r.pos < y1 &&
        std::min(r.to, x1) - std::max(r.from, x0) >= (x1 - x0) / 2) {
      return true;
    }
  }
  return false;
}

// Pass 3. Column edges: the least-covered x between neighbouring header
// cells (a continued page: the previous page's edges).
void AlignmentReader::FindColumns() {
  if (continued_) {
    grid_.col_edges = options_.continued_columns;
    grid_.col_edges.front() =
        std::min(grid_.col_edges.front(), BoxOf(lines_[header_end_]).x0 - 1);
  }
  double x_min = continued_ ? 0 : header_.front().box.x0;
  double x_max = continued_ ? 0 : header_.back().box.x1;
  for (size_t i = header_end_; i < body_end_; ++i) {
    x_min = std::min(x_min, lines_[i].front()->box.x0);
    x_max = std::max(x_max, lines_[i].back()->box.x1);
  }
  const double x0 = std::floor(x_min) - 1;
  std::vector<int> cover(static_cast<size_t>(std::ceil(x_max - x0) + 2), 0);
  for (size_t i = header_end_; i < body_end_; ++i) {
    for (const Glyph* g : lines_[i]) {
      for (double x = std::floor(g->box.x0); x < g->box.x1; x += 1) {
        size_t bin = static_cast<size_t>(std::max(0.0, x - x0));
        if (bin < cover.size()) ++cover[bin];
      }
    }
  }
  if (!continued_) {
    grid_.col_edges.push_back(x0);
    for (size_t c = 0; c + 1 < header_.size(); ++c) {
      size_t lo = static_cast<size_t>(std::max(0.0, header_[c].box.x1 - x0));
      size_t hi =
          static_cast<size_t>(std::max(0.0, header_[c + 1].box.x0 - x0));
      hi = std::min(hi, cover.size() - 1);
      grid_.col_edges.push_back(
          hi <= lo ? (header_[c].box.x1 + header_[c + 1].box.x0) / 2
                   : x0 + LeastCoveredMiddle(cover, lo, hi));
    }
    grid_.col_edges.push_back(x0 + static_cast<double>(cover.size()));
  }
  grid_.col_edges.back() = std::max(grid_.col_edges.back(), x_max + 1);
  ncols_ = grid_.cols();
}

// Pass 4. Full-width lines (section headings) to spans_, and each other
// line's pieces to their columns.
std::vector<std::vector<GlyphLine>> AlignmentReader::SplitLines() {
  std::vector<std::vector<GlyphLine>> col_lines(U(ncols_));
  for (size_t i = header_end_; i < body_end_; ++i) {
    const GlyphLine& line = lines_[i];
    if (CrossesEdge(line, grid_.col_edges)) {
      spans_.push_back({0, BoxOf(line), line});
      continue;
    }
    for (auto& seg : SplitAtGapsAndEdges(line, 0.5, grid_.col_edges)) {
      int c = IndexOf(grid_.col_edges, BoxOf(seg).cx());
      if (c >= 0) col_lines[U(c)].push_back(seg);
    }
  }
  return col_lines;
}

// Pass 5. Paragraphs per column. The prose column (`defining_`) has the
// most text. A paragraph ends at a wider gap than the prose column's
// leading, or, in the prose column, after a line that stops short of the
// column's right text edge.
void AlignmentReader::FindParagraphs(
    const std::vector<std::vector<GlyphLine>>& col_lines) {
  size_t most = 0;
  for (size_t c = 0; c < col_lines.size(); ++c) {
    size_t n = 0;
    for (const auto& l : col_lines[c]) n += l.size();
    if (n > most) most = n, defining_ = c;
  }
  // The smallest gap between lines of the prose column; pieces of one
  // visual line (a gap too wide to join them) overlap, and are no leading.
  // Nor is the gap beside a line box taller than a line (pieces of text at
  // different heights taken for one line: OCR's boxes), which would set the
  // leading too narrow and cut every paragraph into lines.
  double leading = 1e9;
  const auto& prose = col_lines[defining_];
  auto one_line = [&](const Box& b) { return b.y1 - b.y0 <= 1.2 * line_h_; };
  for (size_t k = 1; k < prose.size(); ++k) {
    const Box above = BoxOf(prose[k - 1]), below = BoxOf(prose[k]);
    const double gap = below.y0 - above.y1;
    if (gap >= 0 && one_line(above) && one_line(below)) {
      leading = std::min(leading, gap);
    }
  }
  if (leading > line_h_) leading = 0.2 * line_h_;
  blocks_.assign(U(ncols_), {});
  for (int c = 0; c < ncols_; ++c) {
    const auto& cl = col_lines[U(c)];
    double right = -1e9;
    for (const auto& l : cl) right = std::max(right, BoxOf(l).x1);
    auto& bs = blocks_[U(c)];
    bool ended = true;
    for (const GlyphLine& l : cl) {
      Box b = BoxOf(l);
      double fs = FontSizeOf(l);
      if (ended || b.y0 - bs.back().box.y1 > leading + 0.3 * fs)
        bs.push_back({c, b, {}});
      bs.back().box.Extend(b);
      bs.back().glyphs.insert(bs.back().glyphs.end(), l.begin(), l.end());
      ended = U(c) == defining_ && b.x1 < right - 1.5 * fs;
    }
  }
}

// A prose paragraph beside two or more paragraphs of another column holds
// that many rows whose last lines happened to be full: split it between
// each pair of those paragraphs (CutsBetween).
void AlignmentReader::SplitProseBetweenCells() {
  std::vector<Block> split;
  for (Block& p : blocks_[defining_]) {
    std::vector<GlyphLine> plines = ClusterLines(p.glyphs);
    std::vector<double> centres;
    for (size_t c = 0; c < blocks_.size(); ++c) {
      if (c == defining_) continue;
      std::vector<double> inside;
      for (const Block& b : blocks_[c]) {
        if (b.box.cy() > p.box.y0 && b.box.cy() < p.box.y1)
          inside.push_back(b.box.cy());
      }
      if (inside.size() > centres.size()) centres = inside;
    }
    std::sort(centres.begin(), centres.end());
    std::vector<size_t> cuts = CutsBetween(plines, centres);
    if (cuts.empty()) {
      split.push_back(std::move(p));
      continue;
    }
    cuts.push_back(plines.size());
    size_t from = 0;
    for (size_t cut : cuts) {
      Block part{p.col, BoxOf(plines[from]), {}};
      for (size_t k = from; k < cut; ++k) {
        part.box.Extend(BoxOf(plines[k]));
        part.glyphs.insert(part.glyphs.end(), plines[k].begin(),
                           plines[k].end());
      }
      split.push_back(std::move(part));
      from = cut;
    }
  }
  blocks_[defining_] = std::move(split);
}

// Keys set close together run into one paragraph ("3." over "4."): in the
// columns left of the prose, a paragraph whose every line is a key on its
// own is that many keys.
void AlignmentReader::SplitRunTogetherKeys() {
  for (size_t c = 0; c < defining_; ++c) {
    std::vector<Block> split;
    for (Block& b : blocks_[c]) {
      auto ls = ClusterLines(b.glyphs);
      bool all_keys = ls.size() > 1;
      for (const auto& l : ls)
        all_keys = all_keys && options_.is_row_key(MakeLine(l, 0.25).text);
      if (!all_keys) {
        split.push_back(std::move(b));
        continue;
      }
      for (auto& l : ls) split.push_back({b.col, BoxOf(l), l});
    }
    blocks_[c] = std::move(split);
  }
}

// Between two rows of centred cells, the edge goes where the fewest
// paragraphs of other columns cross (the middle of that stretch): the gap
// between prose paragraphs alone does not say where one row ends. Ties:
// with a key column, the stretch nearest the next key (the gaps above it
// may be gaps between a cell's own paragraphs); else the widest.
double AlignmentReader::QuietestY(double lo, double hi) const {
  if (hi - lo < 1) return (lo + hi) / 2;
  auto crossings = [&](double y) {
    int n = 0;
    for (const auto& bs : blocks_) {
      for (const Block& b : bs) n += (b.box.y0 < y && b.box.y1 > y) ? 1 : 0;
    }
    return n;
  };
  int best = 1 << 30, prev = -1;
  double best_from = lo, best_len = -1, run_from = lo;
  for (double y = lo; y <= hi; y += 0.5) {
    int n = crossings(y);
    if (n != prev) run_from = y;
    prev = n;
    if (n < best || (n == best && (key_ >= 0 || y - run_from > best_len))) {
      best = n, best_from = run_from, best_len = y - run_from;
    }
  }
  return best_from + best_len / 2;
}

// Pass 6. Rows are the paragraphs of the key column, else of the prose
// column; full-width lines are rows of their own. Top-aligned cells: each
// row starts just above its first line, in any column. Otherwise the edges
// lie where fewest paragraphs cross (QuietestY). False without rows.
bool AlignmentReader::FindRowEdges() {
  std::sort(blocks_[defining_].begin(), blocks_[defining_].end(),
            [](const Block& a, const Block& b) { return a.box.y0 < b.box.y0; });
  JoinListItems(&blocks_[defining_], options_);
  key_ = KeyColumn(blocks_, defining_);
  const size_t namer = key_ >= 0 ? U(key_) : defining_;
  for (const Block& b : blocks_[namer]) row_boxes_.push_back(b.box);
  for (const Block& b : spans_) row_boxes_.push_back(b.box);
  std::sort(row_boxes_.begin(), row_boxes_.end(),
            [](const Box& a, const Box& b) { return a.y0 < b.y0; });
  if (row_boxes_.empty()) return false;
  grid_.row_edges.push_back(continued_ ? BoxOf(lines_[header_end_]).y0 - 1
                                       : BoxOf(lines_[header_end_ - 1]).y1);
  top_ = TopAligned(blocks_, namer, line_h_);
  for (size_t r = 1; r < row_boxes_.size(); ++r) {
    if (!top_) {
      grid_.row_edges.push_back(
          QuietestY(row_boxes_[r - 1].y1, row_boxes_[r].y0));
      continue;
    }
    double start = row_boxes_[r].y0;  // the row's first line, in any column
    for (const auto& bs : blocks_) {
      for (const Block& b : bs) {
        if (std::fabs(b.box.y0 - row_boxes_[r].y0) < 0.5 * line_h_)
          start = std::min(start, b.box.y0);
      }
    }
    grid_.row_edges.push_back(
        std::max(start - 0.2 * line_h_, grid_.row_edges.back()));
  }
  grid_.row_edges.push_back(last_y1_ + 1);
  return true;
}

// Top-aligned cells: a row of prose alone continues the row above
// (MergeProseOnlyRows), and each line of a short column goes to the row it
// starts in (cells of neighbouring rows set close together may have run
// into one paragraph). Centred cells: each row has an anchor, its key
// (where keys name rows: at least as many keys as prose paragraphs that
// start a row; a key spanning several measures names a task) or else its
// prose paragraph; lines above the first anchor that no row can centre
// are the rest of the previous page's last row: they get a row of their
// own on top (row 0, free of any centre), which the plan layer joins to it.
void AlignmentReader::ChooseAnchors() {
  if (top_) {
    MergeProseOnlyRows(blocks_, spans_, defining_, line_h_, &grid_.row_edges);
    for (size_t c = 0; c < blocks_.size(); ++c) {
      if (c == defining_) continue;
      std::vector<Block> lines_of;
      for (const Block& b : blocks_[c]) {
        for (auto& l : ClusterLines(b.glyphs))
          lines_of.push_back({b.col, BoxOf(l), l});
      }
      blocks_[c] = std::move(lines_of);
    }
  }
  keyed_ = key_ >= 0 &&
           blocks_[U(key_)].size() >= ProseRows(blocks_[defining_], options_);
  anchor_col_ = keyed_ ? key_ : static_cast<int>(defining_);
  centred_ = !top_ && (keyed_ || key_ < 0);
  if (centred_) {
    const double first = std::min(row_boxes_.front().y0, grid_.row_edges[1]);
    grid_.row_edges.insert(
        grid_.row_edges.begin() + 1,
        std::max(grid_.row_edges.front(), first - 0.1 * line_h_));
  }
}

// Pass 7, centred cells: each other column's lines are shared out so that
// each row's lines are consecutive and centred on its anchor
// (AssignCentred; cells of neighbouring rows set close together run into
// one paragraph, so paragraphs cannot be trusted). A row's lines stay
// between the neighbouring anchors. A cell whose lines sit off its
// anchor's centre by more than half a line is a guess.
void AlignmentReader::ShareOutCentred() {
  const int nrows = grid_.rows();
  std::vector<double> centres(U(nrows));
  std::vector<bool> allowed(U(nrows));
  for (int r = 0; r < nrows; ++r) {
    centres[U(r)] = (grid_.row_edges[U(r)] + grid_.row_edges[U(r + 1)]) / 2;
    allowed[U(r)] = !full_row_[U(r)];
  }
  std::vector<Box> anchor(U(nrows), Box{0, 0, 0, -1});
  for (const Block& b : blocks_[U(anchor_col_)]) {
    int r = IndexOf(grid_.row_edges, b.box.cy());
    if (r >= 0) centres[U(r)] = b.box.cy(), anchor[U(r)] = b.box;
  }
  for (const Block& b : spans_) {
    int r = IndexOf(grid_.row_edges, b.box.cy());
    if (r >= 0) anchor[U(r)] = b.box;
  }
  std::vector<double> lo(U(nrows), -1e30), hi(U(nrows), 1e30);
  for (int r = 1; r < nrows; ++r) {
    const Box& a = anchor[U(r - 1)];
    lo[U(r)] = a.y1 >= a.y0 ? a.y1 - 0.1 * line_h_ : lo[U(r - 1)];
  }
  for (int r = nrows - 2; r >= 0; --r) {
    const Box& a = anchor[U(r + 1)];
    hi[U(r)] = a.y1 >= a.y0 ? a.y0 + 0.1 * line_h_ : hi[U(r + 1)];
  }
  for (size_t c = 0; c < blocks_.size(); ++c) {
    if (static_cast<int>(c) == anchor_col_) continue;
    // Without keys, the columns left of the prose (seq, task) span rows:
    // the plan layer reads their spans (InferTaskSpans).
    if (!keyed_ && c < defining_) continue;
    std::vector<GlyphLine> col;
    for (const Block& b : blocks_[c]) {
      for (auto& l : ClusterLines(b.glyphs)) col.push_back(std::move(l));
    }
    std::sort(col.begin(), col.end(), [](const auto& a, const auto& b) {
      return BoxOf(a).y0 < BoxOf(b).y0;
    });
    std::vector<Box> boxes;
    for (const auto& l : col) boxes.push_back(BoxOf(l));
    std::vector<int> row_of =
        AssignCentred(boxes, centres, allowed, lo, hi, /*free_first=*/true);
    std::vector<Box> extent(U(nrows), Box{1e30, 1e30, -1e30, -1e30});
    for (size_t i = 0; i < col.size(); ++i) {
      const size_t slot = U(row_of[i]) * U(ncols_) + c;
      cell_glyphs_[slot].insert(cell_glyphs_[slot].end(), col[i].begin(),
                                col[i].end());
      extent[U(row_of[i])].Extend(boxes[i]);
    }
    for (int r = 0; r < nrows; ++r) {
      const Box& e = extent[U(r)];
      if (e.y1 > e.y0 && std::fabs(e.cy() - centres[U(r)]) > 0.5 * line_h_) {
        off_centre_[U(r * ncols_) + c] = true;
      }
    }
  }
}

// Pass 7: full-width lines fill their row's one spanning cell; every
// paragraph not shared out goes to the row holding its first line
// (top-aligned cells) or its centre. A cell of a short column (not the
// prose one) that gathers two paragraphs may hold two rows' cells; it is a
// guess.
void AlignmentReader::PlaceBlocks() {
  const int nrows = grid_.rows();
  cell_glyphs_.assign(U(nrows * ncols_), {});
  paragraphs_.assign(U(nrows * ncols_), 0);
  off_centre_.assign(U(nrows * ncols_), false);
  full_row_.assign(U(nrows), false);
  for (const Block& b : spans_) {
    int r = IndexOf(grid_.row_edges, b.box.cy());
    if (r < 0) continue;
    full_row_[U(r)] = true;
    auto& dst = cell_glyphs_[U(r * ncols_)];
    dst.insert(dst.end(), b.glyphs.begin(), b.glyphs.end());
  }
  if (centred_) ShareOutCentred();
  for (const auto& bs : blocks_) {
    for (const Block& b : bs) {
      const bool shared =
          b.col != anchor_col_ && (keyed_ || U(b.col) > defining_);
      if (centred_ && shared) continue;  // shared out above
      // A centred cell spanning rows (seq and task left of unkeyed prose)
      // has its centre mid-span: on an edge between two of its rows when
      // it spans an even number. It names the first row of its span.
      const bool spans = centred_ && b.col != anchor_col_;
      int r = IndexOf(grid_.row_edges, top_    ? b.box.y0 + 0.3 * line_h_
                                       : spans ? b.box.cy() - 0.4 * line_h_
                                               : b.box.cy());
      if (r < 0) continue;
      int c = full_row_[U(r)] ? 0 : b.col;
      auto& dst = cell_glyphs_[U(r * ncols_ + c)];
      dst.insert(dst.end(), b.glyphs.begin(), b.glyphs.end());
      if (!top_ && U(b.col) != defining_) ++paragraphs_[U(r * ncols_ + c)];
    }
  }
}

// One cell per (row, column); full-width rows are one spanning cell.
void AlignmentReader::BuildCells() {
  for (int r = 0; r < grid_.rows(); ++r) {
    int span = full_row_[U(r)] ? ncols_ : 1;
    for (int c = 0; c < ncols_; c += span) {
      Cell cell;
      cell.page = page_.number;
      cell.row = r;
      cell.col = c;
      cell.col_span = span;
      cell.box = {grid_.col_edges[U(c)], grid_.row_edges[U(r)],
                  grid_.col_edges[U(c + span)], grid_.row_edges[U(r + 1)]};
      const size_t slot = U(r * ncols_ + c);
      cell.lines = GroupLines(cell_glyphs_[slot]);
      if (span == 1 && (paragraphs_[slot] > 1 || off_centre_[slot]))
        cell.confidence = 0.5;
      grid_.cells.push_back(std::move(cell));
    }
  }
}

// The header row itself on top, so the plan layer finds it as on ruled
// pages.
Grid AlignmentReader::WithHeaderRow() {
  Grid with_header;
  with_header.page = grid_.page;
  with_header.ruled = false;
  with_header.col_edges = grid_.col_edges;
  with_header.row_edges.push_back(BoxOf(lines_[header_first_]).y0 - 1);
  with_header.row_edges.insert(with_header.row_edges.end(),
                               grid_.row_edges.begin(), grid_.row_edges.end());
  for (int c = 0; c < ncols_; ++c) {
    Cell cell;
    cell.page = page_.number;
    cell.col = c;
    cell.box = {grid_.col_edges[U(c)], with_header.row_edges[0],
                grid_.col_edges[U(c + 1)], with_header.row_edges[1]};
    cell.lines = GroupLines(header_[U(c)].glyphs);
    with_header.cells.push_back(std::move(cell));
  }
  for (Cell& cell : grid_.cells) {
    ++cell.row;
    with_header.cells.push_back(std::move(cell));
  }
  with_header.above = std::move(grid_.above);
  with_header.below = std::move(grid_.below);
  return with_header;
}

Grid AlignmentReader::Read() {
  grid_.page = page_.number;
  grid_.ruled = false;
  std::vector<const Glyph*> all;
  for (const Glyph& g : page_.glyphs) {
    if (g.text != " ") all.push_back(&g);
  }
  lines_ = ClusterLines(all);
  if (!options_.is_header_cell || lines_.empty()) return AllAbove();
  continued_ = !FindHeader() && options_.continued_columns.size() >= 3;
  if (header_.empty() && !continued_) return AllAbove();
  if (!FindBody()) return AllAbove();
  if (body_end_ == header_end_) return grid_;
  FindColumns();
  FindParagraphs(SplitLines());
  SplitProseBetweenCells();
  if (options_.is_row_key) SplitRunTogetherKeys();
  if (!FindRowEdges()) return grid_;
  ChooseAnchors();
  PlaceBlocks();
  BuildCells();
  if (centred_) DropEmptyFirstRow(&grid_);
  return continued_ ? grid_ : WithHeaderRow();
}

}  // namespace

Grid GridFromAlignment(const Page& page, const TableOptions& options) {
  return AlignmentReader(page, options).Read();
}

}  // namespace plan2json::extractor
