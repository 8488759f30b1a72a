// Copyright 2026 The plan2json Authors.
//
// Layout dumps (pdftotext -layout and alike): the table from character
// positions.
//
// Per page:
//  1. positions: every character gets a column (code points or display
//     width, whichever model aligns body and header better over the dump);
//  2. header: the line of header words, with wrapped pieces above/below
//     ("完成时" / "限") joined to the cell they overlap;
//  3. column edges: in the gap between two header cells, the position that
//     cuts the fewest words of the body (a vertical gutter);
//  4. zones between section headings (一、…), which span the table;
//  5. rows: the measure column splits at lines ending a sentence; every row
//     owns one deadline cell; segments are grouped so that each group is
//     centred on (or top-aligned with) its deadline; segments before the
//     page's first deadline continue the previous page's last row;
//  6. the other columns' lines go to rows by a monotone assignment that keeps
//     each cell centred on (or top-aligned with) its row, never cuts a
//     wrapped name and never puts a name twice in one cell;
//  7. task cells (序号 + 重点任务) span the rows they are centred on.

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractor/text_dump.h"

namespace plan2json::extractor::textdump {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Glyph {
  char32_t c;
  int x;  // first column
  int w;  // columns wide
};

struct Chunk {
  int x0, x1;  // [x0, x1)
  std::string text;
};

struct LayoutLine {
  int page_line = 0;  // line index within the page
  std::vector<Glyph> glyphs;
  bool blank() const { return glyphs.empty(); }
};

struct LayoutPage {
  int number = 0;
  std::vector<LayoutLine> lines;
};

int DisplayWidth(char32_t c) {
  int ea = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

std::vector<Glyph> Place(const std::string& text, bool wide) {
  std::vector<Glyph> out;
  int x = 0;
  for (char32_t c : ToU32(text)) {
    if (c == U'\t') {
      x = (x / 8 + 1) * 8;
      continue;
    }
    int w = wide ? DisplayWidth(c) : 1;
    if (c != U' ' && c != 0x3000 && c != 0xA0) out.push_back({c, x, w});
    x += w;
  }
  return out;
}

// Runs of glyphs separated by at least `gap` empty columns.
std::vector<Chunk> Chunks(const std::vector<Glyph>& g, int gap) {
  std::vector<Chunk> out;
  std::u32string cur;
  int x0 = 0, end = 0;
  for (size_t i = 0; i < g.size(); ++i) {
    if (!cur.empty() && g[i].x - end >= gap) {
      out.push_back({x0, end, ToUtf8(cur)});
      cur.clear();
    }
    if (cur.empty()) {
      x0 = g[i].x;
    } else if (g[i].x > end) {
      cur += U' ';
    }
    cur += g[i].c;
    end = g[i].x + g[i].w;
  }
  if (!cur.empty()) out.push_back({x0, end, ToUtf8(cur)});
  return out;
}

struct HeaderCell {
  ColumnKey key;
  std::string text;
  int x0, x1;
};

struct PageHeader {
  int line = -1;         // the header line
  int first = -1, last = -1;  // header band (lines), inclusive
  std::vector<HeaderCell> cells;
};

int CountKnown(const std::vector<HeaderCell>& cells) {
  int n = 0;
  for (const HeaderCell& c : cells) n += c.key != ColumnKey::kExtra ? 1 : 0;
  return n;
}

// Attaches a wrapped header line's chunks to the cells they overlap.
bool Attach(std::vector<HeaderCell>* cells, const std::vector<Chunk>& chunks,
            bool above) {
  for (const Chunk& ch : chunks) {
    if (CodePoints(Compact(ch.text)) > 6) return false;
    HeaderCell* best = nullptr;
    int best_ov = -1;
    for (HeaderCell& c : *cells) {
      int ov = std::min(c.x1, ch.x1) - std::max(c.x0, ch.x0);
      if (ov > best_ov && ov >= -1) {
        best_ov = ov;
        best = &c;
      }
    }
    if (best != nullptr) {
      best->text = above ? ch.text + best->text : best->text + ch.text;
      best->x0 = std::min(best->x0, ch.x0);
      best->x1 = std::max(best->x1, ch.x1);
      if (CodePoints(Compact(best->text)) > 8) return false;
      best->key = ClassifyHeader(Compact(best->text));
    } else {
      cells->push_back({ClassifyHeader(Compact(ch.text)), ch.text, ch.x0, ch.x1});
    }
  }
  std::sort(cells->begin(), cells->end(),
            [](const HeaderCell& a, const HeaderCell& b) { return a.x0 < b.x0; });
  return true;
}

bool FindPageHeader(const LayoutPage& page, PageHeader* out) {
  int seen = 0;
  for (size_t i = 0; i < page.lines.size() && seen < 16; ++i) {
    if (page.lines[i].blank()) continue;
    ++seen;
    std::vector<Chunk> chunks = Chunks(page.lines[i].glyphs, 2);
    std::vector<std::string> words;
    for (const Chunk& c : chunks) words.push_back(c.text);
    std::vector<HeaderColumn> cols;
    if (!IsHeaderTokens(words, &cols)) continue;
    std::vector<HeaderCell> base;
    for (const Chunk& c : chunks) {
      base.push_back({ClassifyHeader(Compact(c.text)), c.text, c.x0, c.x1});
    }
    // Wrapped pieces right above / below.
    const int n = static_cast<int>(page.lines.size());
    int ii = static_cast<int>(i);
    std::vector<Chunk> up, down;
    if (ii > 0 && !page.lines[static_cast<size_t>(ii - 1)].blank()) {
      up = Chunks(page.lines[static_cast<size_t>(ii - 1)].glyphs, 2);
    }
    if (ii + 1 < n && !page.lines[static_cast<size_t>(ii + 1)].blank()) {
      down = Chunks(page.lines[static_cast<size_t>(ii + 1)].glyphs, 2);
    }
    std::vector<HeaderCell> best = base;
    int best_known = CountKnown(base), best_first = ii, best_last = ii;
    for (int mask = 1; mask < 4; ++mask) {
      bool use_up = (mask & 1) != 0, use_down = (mask & 2) != 0;
      if ((use_up && up.empty()) || (use_down && down.empty())) continue;
      std::vector<HeaderCell> cells = base;
      if (use_up && !Attach(&cells, up, true)) continue;
      if (use_down && !Attach(&cells, down, false)) continue;
      int known = CountKnown(cells);
      if (known > best_known && known == static_cast<int>(cells.size())) {
        best = cells;
        best_known = known;
        best_first = use_up ? ii - 1 : ii;
        best_last = use_down ? ii + 1 : ii;
      }
    }
    out->line = ii;
    out->first = best_first;
    out->last = best_last;
    out->cells = best;
    return true;
  }
  return false;
}

bool IsSectionLine(const LayoutLine& l, int first_edge) {
  std::vector<Chunk> ch = Chunks(l.glyphs, 2);
  return ch.size() == 1 && ch[0].x0 <= first_edge &&
         IsSectionHeading(ch[0].text) && !EndsSentence(ch[0].text);
}

// Column edges (size = cells + 1; edges[0] = -inf-ish, edges.back() = big).
std::vector<int> ColumnEdges(const LayoutPage& page, const PageHeader& h,
                             int* cut_total) {
  std::vector<int> edges;
  edges.push_back(-1000000);
  *cut_total = 0;
  for (size_t c = 0; c + 1 < h.cells.size(); ++c) {
    // Between the two header words' centres: body text may start left of
    // its (centred) header word.
    int lo = (h.cells[c].x0 + h.cells[c].x1 + 1) / 2;
    int hi = (h.cells[c + 1].x0 + h.cells[c + 1].x1) / 2;
    if (hi < lo) std::swap(lo, hi);
    int best_b = (lo + hi) / 2, best_cost = std::numeric_limits<int>::max();
    int best_run = 0;
    int run_start = lo, run_cost = -1;
    for (int b = lo; b <= hi; ++b) {
      int cost = 0;
      for (size_t i = static_cast<size_t>(h.last) + 1; i < page.lines.size(); ++i) {
        const LayoutLine& l = page.lines[i];
        if (l.blank()) continue;
        bool left = false, right = false;
        for (const Glyph& g : l.glyphs) {
          if (g.x < b && g.x + g.w > b) {
            left = right = true;  // a wide glyph straddles b
            break;
          }
          if (g.x + g.w == b) left = true;
          if (g.x == b) right = true;
        }
        if (left && right) ++cost;
      }
      if (cost != run_cost) {
        run_start = b;
        run_cost = cost;
      }
      int run = b - run_start + 1;
      if (cost < best_cost || (cost == best_cost && run > best_run)) {
        best_cost = cost;
        best_run = run;
        best_b = run_start + (run - 1) / 2 + ((run - 1) % 2);
      }
    }
    *cut_total += best_cost;
    edges.push_back(best_b);
  }
  edges.push_back(1000000);
  return edges;
}

// Text of each column on one line: glyphs by position, a word that crosses
// an edge going wholly to the column holding most of it.
std::vector<std::string> SplitLine(const LayoutLine& l, const std::vector<int>& edges) {
  size_t ncol = edges.size() - 1;
  std::vector<int> col(l.glyphs.size());
  for (size_t i = 0; i < l.glyphs.size(); ++i) {
    auto it = std::upper_bound(edges.begin(), edges.end(), l.glyphs[i].x);
    col[i] = std::clamp(static_cast<int>(it - edges.begin()) - 1, 0,
                        static_cast<int>(ncol) - 1);
  }
  // Words: glyphs touching each other.
  size_t i = 0;
  while (i < l.glyphs.size()) {
    size_t j = i + 1;
    while (j < l.glyphs.size() &&
           l.glyphs[j].x == l.glyphs[j - 1].x + l.glyphs[j - 1].w) {
      ++j;
    }
    std::map<int, int> votes;
    for (size_t k = i; k < j; ++k) ++votes[col[k]];
    if (votes.size() > 1) {
      int winner = col[i], most = -1;
      for (auto [c, v] : votes) {
        if (v > most) most = v, winner = c;
      }
      for (size_t k = i; k < j; ++k) col[k] = winner;
    }
    i = j;
  }
  std::vector<std::u32string> text(ncol);
  std::vector<int> end(ncol, -1);
  for (size_t k = 0; k < l.glyphs.size(); ++k) {
    size_t c = static_cast<size_t>(col[k]);
    if (!text[c].empty() && l.glyphs[k].x > end[c]) text[c] += U' ';
    text[c] += l.glyphs[k].c;
    end[c] = l.glyphs[k].x + l.glyphs[k].w;
  }
  std::vector<std::string> out(ncol);
  for (size_t c = 0; c < ncol; ++c) out[c] = ToUtf8(text[c]);
  return out;
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

struct Span {
  int top = 0, bottom = 0;  // inclusive page-line indices
  double center() const { return (top + bottom) / 2.0; }
};

// How badly `cell` sits in a row anchored at `anchor`: centred or top-aligned.
double Misalign(const Span& cell, const Span& anchor) {
  return std::min(std::fabs(cell.center() - anchor.center()),
                  std::fabs(static_cast<double>(cell.top - anchor.top)));
}

struct CellLine {
  int line;  // page line
  std::string text;
};

struct ZoneRow {
  std::vector<CellLine> measure, deadline;
  std::vector<std::vector<CellLine>> other;  // per page column
  Span anchor;    // measure (+ deadline) lines
  Span band;      // all its lines
  bool continuation = false;
};

class LayoutReader {
 public:
  explicit LayoutReader(const normalizer::DepartmentDict& dict) : dict_(dict) {}
  Result<RawPlan> Read(const DumpPages& dump);

 private:
  void ReadPage(const LayoutPage& page, const PageHeader& header,
                const std::vector<int>& edges, bool first_table_page);
  void ReadZone(const LayoutPage& page, const std::vector<std::vector<std::string>>& cells,
                int begin, int end, bool first_zone, bool closed_by_section);
  std::vector<int> AssignLines(const std::vector<CellLine>& lines,
                               const std::vector<ZoneRow>& rows, bool lead) const;
  int PlanColumn(const HeaderCell& h) const;

  const normalizer::DepartmentDict& dict_;
  RawPlan plan_;
  std::vector<int> page_to_plan_;  // page column -> plan column
  std::vector<ColumnKey> page_keys_;
  std::vector<std::string> section_;
  bool have_prev_task_ = false;
  std::vector<std::string> prev_seq_, prev_task_;
};

int LayoutReader::PlanColumn(const HeaderCell& h) const {
  for (size_t j = 0; j < plan_.columns.size(); ++j) {
    if (plan_.columns[j].key == h.key &&
        (h.key != ColumnKey::kExtra ||
         Compact(plan_.columns[j].header) == Compact(h.text))) {
      return static_cast<int>(j);
    }
  }
  return -1;
}

// Monotone assignment of one column's lines to the zone's rows.
std::vector<int> LayoutReader::AssignLines(const std::vector<CellLine>& lines,
                                           const std::vector<ZoneRow>& rows,
                                           bool lead) const {
  const size_t p = lines.size(), r = rows.size();
  std::vector<int> owner(p, -1);
  if (p == 0 || r == 0) return owner;
  // Penalty for cutting between line i-1 and i: a name wrapped over lines
  // (the text so far does not end like a name yet).
  std::vector<double> cut(p + 1, 0);
  std::string acc = lines[0].text;
  for (size_t i = 1; i < p; ++i) {
    bool far = lines[i].line - lines[i - 1].line > 2;
    bool done = IsEmptyMark(acc) ||
                ShapeOfName(acc, dict_) == NameShape::kComplete;
    if (far || done) {
      acc = lines[i].text;
    } else {
      cut[i] = 4;
      acc += lines[i].text;
    }
  }
  std::vector<std::string> norm(p);
  std::vector<bool> complete(p);
  for (size_t k = 0; k < p; ++k) {
    norm[k] = Compact(normalizer::NormalizeChars(lines[k].text));
    complete[k] = ShapeOfName(norm[k], dict_) == NameShape::kComplete;
  }
  auto group_cost = [&](size_t row, size_t i, size_t j) -> double {
    if (i == j) return lead && !rows[row].continuation ? 2.0 : 0.0;
    Span s{lines[i].line, lines[j - 1].line};
    double c = Misalign(s, rows[row].anchor);
    // A cell stays between its neighbours' measures.
    if (row + 1 < r) {
      int limit = rows[row + 1].anchor.top;
      for (size_t k = i; k < j; ++k) c += lines[k].line >= limit ? 10 : 0;
    }
    if (row > 0 && !rows[row - 1].measure.empty()) {
      int limit = rows[row - 1].anchor.bottom;
      for (size_t k = i; k < j; ++k) c += lines[k].line <= limit ? 10 : 0;
    }
    // A continuation row without text of its own in the measure column is
    // only a guess.
    if (rows[row].continuation && rows[row].measure.empty()) c += 1;
    // A cell's lines follow each other (pdftotext may put one line of
    // another column between them).
    for (size_t k = i + 1; k < j; ++k) {
      c += std::max(0, lines[k].line - lines[k - 1].line - 2);
    }
    for (size_t k = i; k < j; ++k) {
      if (!complete[k]) continue;
      for (size_t q = i; q < k; ++q) c += complete[q] && norm[q] == norm[k] ? 4 : 0;
    }
    return c + (i > 0 ? cut[i] : 0);
  };
  // Bounded work on pathological input: a cell holds at most kMaxCellLines
  // lines; beyond kMaxWork the nearest row takes each line.
  constexpr size_t kMaxCellLines = 64;
  constexpr size_t kMaxWork = 4000000;
  if (r * p * std::min(p, kMaxCellLines) > kMaxWork) {
    for (size_t k = 0; k < p; ++k) {
      double best = kInf;
      for (size_t row = 0; row < r; ++row) {
        double d = std::fabs(lines[k].line - rows[row].anchor.center());
        if (d < best) best = d, owner[k] = static_cast<int>(row);
      }
    }
    return owner;
  }
  std::vector<std::vector<double>> dp(r + 1, std::vector<double>(p + 1, kInf));
  std::vector<std::vector<size_t>> from(r + 1, std::vector<size_t>(p + 1, 0));
  dp[0][0] = 0;
  for (size_t row = 0; row < r; ++row) {
    for (size_t i = 0; i <= p; ++i) {
      if (dp[row][i] == kInf) continue;
      for (size_t j = i; j <= p && j - i <= kMaxCellLines; ++j) {
        double c = dp[row][i] + group_cost(row, i, j);
        if (c < dp[row + 1][j]) {
          dp[row + 1][j] = c;
          from[row + 1][j] = i;
        }
      }
    }
  }
  size_t j = p;
  for (size_t row = r; row > 0; --row) {
    size_t i = from[row][j];
    for (size_t k = i; k < j; ++k) owner[k] = static_cast<int>(row - 1);
    j = i;
  }
  return owner;
}

void LayoutReader::ReadZone(const LayoutPage& page,
                            const std::vector<std::vector<std::string>>& cells,
                            int begin, int end, bool first_zone,
                            bool closed_by_section) {
  const size_t ncol = page_keys_.size();
  int measure_c = -1, deadline_c = -1, seq_c = -1, task_c = -1;
  for (size_t c = 0; c < ncol; ++c) {
    int ci = static_cast<int>(c);
    switch (page_keys_[c]) {
      case ColumnKey::kMeasure: if (measure_c < 0) measure_c = ci; break;
      case ColumnKey::kDeadline: if (deadline_c < 0) deadline_c = ci; break;
      case ColumnKey::kSeq: if (seq_c < 0) seq_c = ci; break;
      case ColumnKey::kTask: if (task_c < 0) task_c = ci; break;
      default: break;
    }
  }
  if (measure_c < 0) return;
  auto text = [&](int line, int c) -> const std::string& {
    return cells[static_cast<size_t>(line)][static_cast<size_t>(c)];
  };

  // Measure segments (split after a sentence end).
  std::vector<std::vector<CellLine>> segments;
  bool open = false;
  for (int i = begin; i < end; ++i) {
    const std::string& m = text(i, measure_c);
    if (m.empty()) continue;
    if (!open) segments.emplace_back();
    segments.back().push_back({i, m});
    open = !EndsSentence(m);
  }
  // Deadline cells.
  std::vector<std::vector<CellLine>> deadlines;
  if (deadline_c >= 0) {
    std::string cur;
    int last = -10;
    for (int i = begin; i < end; ++i) {
      const std::string& d = text(i, deadline_c);
      if (d.empty()) continue;
      bool join = false;
      if (!deadlines.empty() && i - last <= 2 && !IsDeadline(cur)) {
        join = IsDeadline(cur + d) || IsDeadlinePrefix(cur) ||
               (!IsDeadline(d) && i - last <= 1);
      }
      if (join) {
        deadlines.back().push_back({i, d});
        cur += d;
      } else {
        deadlines.push_back({{i, d}});
        cur = d;
      }
      last = i;
    }
  }
  // A deadline piece at the top that completes the previous page's deadline.
  std::vector<CellLine> cont_deadline;
  bool prev_row_open = first_zone && !plan_.rows.empty();
  if (prev_row_open && !deadlines.empty() && deadline_c >= 0) {
    const RawRow& prev = plan_.rows.back();
    int pdc = page_to_plan_[static_cast<size_t>(deadline_c)];
    std::string prev_dl;
    if (pdc >= 0) {
      for (const auto& l : prev.cells[static_cast<size_t>(pdc)]) prev_dl += l;
    }
    std::string first;
    for (const auto& l : deadlines.front()) first += l.text;
    if (!IsDeadline(first) && !prev_dl.empty() && !IsDeadline(prev_dl) &&
        IsDeadline(prev_dl + first)) {
      cont_deadline = deadlines.front();
      deadlines.erase(deadlines.begin());
    }
  }
  bool prev_mid_sentence = false;
  if (prev_row_open && measure_c >= 0) {
    int pmc = page_to_plan_[static_cast<size_t>(measure_c)];
    if (pmc >= 0) {
      const auto& pm = plan_.rows.back().cells[static_cast<size_t>(pmc)];
      prev_mid_sentence = !pm.empty() && !EndsSentence(pm.back());
    }
  }

  // Group segments: an optional continuation prefix, then one group per
  // deadline cell.
  const size_t m = segments.size(), k = deadlines.size();
  auto seg_span = [&](size_t a, size_t b) {  // segments [a, b)
    return Span{segments[a].front().line, segments[b - 1].back().line};
  };
  auto dl_span = [&](size_t d) {
    return Span{deadlines[d].front().line, deadlines[d].back().line};
  };
  std::vector<std::vector<double>> dp(k + 1, std::vector<double>(m + 1, kInf));
  std::vector<std::vector<size_t>> from(k + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i0 = 0; i0 <= m; ++i0) {
    double c;
    if (i0 == 0) {
      c = prev_mid_sentence && m > 0 ? 10 : 0;
    } else {
      c = prev_row_open ? (prev_mid_sentence ? 0 : 0.5) : 20;
      // Segments reaching below the first deadline are no continuation.
      if (k > 0 && seg_span(0, i0).bottom > dl_span(0).top) c += 5;
    }
    dp[0][i0] = c;
  }
  for (size_t d = 0; d < k; ++d) {
    for (size_t i = 0; i < m; ++i) {
      if (dp[d][i] == kInf) continue;
      for (size_t j = i + 1; j <= m && j - i <= 64; ++j) {
        Span s = seg_span(i, j), ds = dl_span(d);
        double c = Misalign(ds, s);
        if (ds.center() < s.top - 1 || ds.center() > s.bottom + 1) c += 3;
        if (dp[d][i] + c < dp[d + 1][j]) {
          dp[d + 1][j] = dp[d][i] + c;
          from[d + 1][j] = i;
        }
      }
    }
  }
  std::vector<ZoneRow> rows;
  std::vector<std::pair<size_t, size_t>> groups(k);
  size_t cont_end = 0;
  if (k > 0 && dp[k][m] < kInf) {
    size_t j = m;
    for (size_t d = k; d > 0; --d) {
      groups[d - 1] = {from[d][j], j};
      j = from[d][j];
    }
    cont_end = j;
  } else {
    // No deadlines (or more deadlines than segments): continuation only, or
    // one row per segment.
    if (k == 0) {
      cont_end = prev_row_open ? m : 0;
      if (!prev_row_open) {
        for (size_t s = 0; s < m; ++s) groups.push_back({s, s + 1});
      }
    } else {
      groups.clear();
      for (size_t s = 0; s < m; ++s) groups.push_back({s, s + 1});
    }
  }
  // A row cut by the page break may also continue with department lines
  // only: keep a continuation row whenever a previous row exists; its lines
  // are top-aligned at the zone's start.
  bool has_cont = prev_row_open;
  if (has_cont) {
    ZoneRow r;
    r.continuation = true;
    for (size_t s = 0; s < cont_end; ++s) {
      r.measure.insert(r.measure.end(), segments[s].begin(), segments[s].end());
    }
    r.deadline = cont_deadline;
    if (!r.measure.empty()) {
      r.anchor = {r.measure.front().line, r.measure.back().line};
    } else {
      r.anchor = {begin, begin};
    }
    rows.push_back(std::move(r));
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    ZoneRow r;
    for (size_t s = groups[g].first; s < groups[g].second; ++s) {
      r.measure.insert(r.measure.end(), segments[s].begin(), segments[s].end());
    }
    if (g < deadlines.size() && k > 0 && groups.size() == k) r.deadline = deadlines[g];
    r.anchor = {r.measure.front().line, r.measure.back().line};
    rows.push_back(std::move(r));
  }
  if (rows.empty()) return;

  // Other columns (not seq/task/measure/deadline): monotone assignment.
  for (ZoneRow& r : rows) r.other.assign(ncol, {});
  for (size_t c = 0; c < ncol; ++c) {
    int ci = static_cast<int>(c);
    if (ci == measure_c || ci == deadline_c || ci == seq_c || ci == task_c) continue;
    std::vector<CellLine> lines;
    for (int i = begin; i < end; ++i) {
      if (!text(i, ci).empty()) lines.push_back({i, text(i, ci)});
    }
    std::vector<int> owner =
        AssignLines(lines, rows, page_keys_[c] == ColumnKey::kLead);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (owner[i] >= 0) rows[static_cast<size_t>(owner[i])].other[c].push_back(lines[i]);
    }
  }
  for (ZoneRow& r : rows) {
    r.band = r.anchor;
    auto extend = [&](const std::vector<CellLine>& ls) {
      for (const CellLine& l : ls) {
        r.band.top = std::min(r.band.top, l.line);
        r.band.bottom = std::max(r.band.bottom, l.line);
      }
    };
    extend(r.deadline);
    for (const auto& o : r.other) extend(o);
  }

  // Tasks. Every sequence number starts a task whose cell (seq + task)
  // spans the rows it lies in; rows above the zone's first number may
  // continue the previous task. The number sits centred in its cell, or at
  // its top where the cell is cut by the page break (the last task on a page
  // that is not closed by a section heading), so the rows are grouped to fit.
  std::vector<CellLine> seqs, task_lines;
  for (int i = begin; i < end; ++i) {
    if (seq_c >= 0 && ParseSeqNumber(text(i, seq_c)) > 0) {
      seqs.push_back({i, text(i, seq_c)});
    }
    if (task_c >= 0 && !text(i, task_c).empty()) {
      task_lines.push_back({i, text(i, task_c)});
    }
  }
  const size_t nr = rows.size(), nt = seqs.size();
  // The zone's last measure stops mid-sentence at the page end: its row,
  // and so its task, goes on on the next page.
  bool zone_cut_at_end = !closed_by_section && !segments.empty() &&
                         !EndsSentence(segments.back().back().text);

  std::vector<std::vector<double>> tp(nt + 1, std::vector<double>(nr + 1, kInf));
  std::vector<std::vector<size_t>> tf(nt + 1, std::vector<size_t>(nr + 1, 0));
  // Rows continuing the previous task: free for a row continuing a cut
  // measure, else a small cost (a task cell cut by the page break).
  tp[0][0] = 0;
  for (size_t i0 = 1; i0 <= nr && have_prev_task_; ++i0) {
    tp[0][i0] = tp[0][i0 - 1] + (rows[i0 - 1].continuation ? 0 : 0.75);
  }
  for (size_t t = 0; t < nt; ++t) {
    const double s = seqs[t].line;
    bool may_be_cut = t + 1 == nt && !closed_by_section;
    bool is_cut = may_be_cut && zone_cut_at_end;
    for (size_t i = 0; i < nr; ++i) {
      if (tp[t][i] == kInf) continue;
      Span rs = rows[i].band;
      for (size_t j = i + 1; j <= nr && j - i <= 256; ++j) {
        rs.top = std::min(rs.top, rows[j - 1].band.top);
        rs.bottom = std::max(rs.bottom, rows[j - 1].band.bottom);
        if (s < rs.top - 1 || s > rs.bottom + 1) continue;  // not its rows
        double centred = std::fabs(rs.center() - s);
        double top = std::fabs(rs.top - s);
        double c = is_cut ? top
                   : may_be_cut ? std::min(top, centred + 1)
                                : std::min(top, centred);
        if (tp[t][i] + c < tp[t + 1][j]) {
          tp[t + 1][j] = tp[t][i] + c;
          tf[t + 1][j] = i;
        }
      }
    }
  }
  std::vector<int> row_task(nr, -1);
  if (tp[nt][nr] < kInf) {
    size_t j = nr;
    for (size_t t = nt; t > 0; --t) {
      for (size_t i = tf[t][j]; i < j; ++i) row_task[i] = static_cast<int>(t - 1);
      j = tf[t][j];
    }
  } else {
    // Fallback: the last number at or above the row.
    for (size_t i = 0; i < nr; ++i) {
      for (size_t t = 0; t < nt; ++t) {
        if (seqs[t].line <= rows[i].band.bottom) row_task[i] = static_cast<int>(t);
      }
    }
  }
  // Task text to the task whose rows hold it (the nearest, between rows).
  std::vector<std::vector<std::string>> task_text(nt);
  std::vector<std::string> lead_in;
  for (const CellLine& l : task_lines) {
    int best = -1;
    double best_d = kInf;
    for (size_t i = 0; i < nr; ++i) {
      const Span& b = rows[i].band;
      double d = l.line < b.top ? b.top - l.line : l.line > b.bottom ? l.line - b.bottom : 0;
      if (d < best_d) best_d = d, best = static_cast<int>(i);
    }
    int t = best >= 0 ? row_task[static_cast<size_t>(best)] : -1;
    if (t >= 0) {
      task_text[static_cast<size_t>(t)].push_back(l.text);
    } else {
      lead_in.push_back(l.text);
    }
  }
  if (!lead_in.empty() && have_prev_task_ && task_c >= 0) {
    int ptc = page_to_plan_[static_cast<size_t>(task_c)];
    size_t old = prev_task_.size();
    for (const std::string& l : lead_in) prev_task_.push_back(l);
    if (ptc >= 0) {
      // Rows already emitted for the continuing task get the full text.
      for (auto it = plan_.rows.rbegin(); it != plan_.rows.rend(); ++it) {
        auto& cell = it->cells[static_cast<size_t>(ptc)];
        if (cell.size() != old) break;
        cell = prev_task_;
      }
    }
  }

  // Emit.
  auto put = [&](RawRow& row, int page_col, const std::vector<CellLine>& ls) {
    if (page_col < 0) return;
    int pc = page_to_plan_[static_cast<size_t>(page_col)];
    if (pc < 0) return;
    auto& dst = row.cells[static_cast<size_t>(pc)];
    for (const CellLine& l : ls) dst.push_back(l.text);
  };
  for (size_t i = 0; i < nr; ++i) {
    ZoneRow& zr = rows[i];
    if (zr.continuation) {
      RawRow& prev = plan_.rows.back();
      bool any = !zr.measure.empty() || !zr.deadline.empty();
      for (const auto& o : zr.other) any = any || !o.empty();
      if (!any) continue;
      put(prev, measure_c, zr.measure);
      put(prev, deadline_c, zr.deadline);
      for (size_t c = 0; c < ncol; ++c) put(prev, static_cast<int>(c), zr.other[c]);
      if (std::find(prev.pages.begin(), prev.pages.end(), page.number) == prev.pages.end()) {
        prev.pages.push_back(page.number);
      }
      continue;
    }
    RawRow row;
    row.section = section_;
    row.cells.assign(plan_.columns.size(), {});
    if (row_task[i] >= 0) {
      size_t t = static_cast<size_t>(row_task[i]);
      prev_seq_ = {seqs[t].text};
      prev_task_ = task_text[t];
      have_prev_task_ = true;
    }
    if (have_prev_task_) {
      std::vector<CellLine> s, t;
      for (const auto& x : prev_seq_) s.push_back({0, x});
      for (const auto& x : prev_task_) t.push_back({0, x});
      put(row, seq_c, s);
      put(row, task_c, t);
    }
    put(row, measure_c, zr.measure);
    put(row, deadline_c, zr.deadline);
    for (size_t c = 0; c < ncol; ++c) put(row, static_cast<int>(c), zr.other[c]);
    row.pages = {page.number};
    plan_.rows.push_back(std::move(row));
  }
}

void LayoutReader::ReadPage(const LayoutPage& page, const PageHeader& header,
                            const std::vector<int>& edges, bool first_table_page) {
  // Above the header: label and title (first table page only).
  if (first_table_page) {
    for (int i = 0; i < header.first; ++i) {
      const LayoutLine& l = page.lines[static_cast<size_t>(i)];
      if (l.blank()) continue;
      std::string t;
      for (const Chunk& c : Chunks(l.glyphs, 1)) {
        if (!t.empty()) t += ' ';
        t += c.text;
      }
      std::string compact = Compact(normalizer::NormalizeChars(t));
      static const std::string kLabel = "附件";
      bool label = compact.rfind(kLabel, 0) == 0 && CodePoints(compact) <= 5;
      if (label && plan_.attachment.empty() && plan_.title.empty()) {
        plan_.attachment.push_back(t);
      } else if (IsFurnitureLine(t)) {
        continue;
      } else {
        plan_.title.push_back(t);
      }
    }
  }
  // Cells per line.
  std::vector<std::vector<std::string>> cells(page.lines.size());
  std::vector<bool> section(page.lines.size(), false);
  int first_edge = edges.size() > 1 ? edges[1] : 0;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    cells[i].assign(edges.size() - 1, "");
    if (static_cast<int>(i) <= header.last || page.lines[i].blank()) continue;
    if (IsSectionLine(page.lines[i], first_edge)) {
      section[i] = true;
      continue;
    }
    // Lines that only hold a page number.
    std::vector<Chunk> ch = Chunks(page.lines[i].glyphs, 1);
    if (ch.size() == 1 && ch[0].x0 > first_edge + 4 &&
        ParseSeqNumber(ch[0].text) > 0) {
      bool last_text = true;
      for (size_t j = i + 1; j < page.lines.size(); ++j) {
        last_text = last_text && page.lines[j].blank();
      }
      if (last_text) continue;
    }
    cells[i] = SplitLine(page.lines[i], edges);
  }
  // Zones between section headings.
  int begin = header.last + 1;
  bool first_zone = true;
  for (int i = begin; i <= static_cast<int>(page.lines.size()); ++i) {
    bool at_end = i == static_cast<int>(page.lines.size());
    if (at_end || section[static_cast<size_t>(i)]) {
      if (i > begin) ReadZone(page, cells, begin, i, first_zone, !at_end);
      first_zone = false;
      if (!at_end) {
        std::vector<Chunk> ch = Chunks(page.lines[static_cast<size_t>(i)].glyphs, 1);
        std::string t;
        for (const Chunk& c : ch) t += (t.empty() ? "" : " ") + c.text;
        section_ = {t};
        have_prev_task_ = false;
      }
      begin = i + 1;
    }
  }
}

Result<RawPlan> LayoutReader::Read(const DumpPages& dump) {
  plan_.pages = dump.pages;
  // Pages of lines, positioned under both width models.
  std::vector<LayoutPage> pages_cp, pages_wide;
  for (const DumpLine& l : dump.lines) {
    while (static_cast<int>(pages_cp.size()) < l.page) {
      pages_cp.emplace_back();
      pages_cp.back().number = static_cast<int>(pages_cp.size());
      pages_wide.emplace_back();
      pages_wide.back().number = static_cast<int>(pages_wide.size());
    }
    LayoutPage& pc = pages_cp[static_cast<size_t>(l.page - 1)];
    LayoutPage& pw = pages_wide[static_cast<size_t>(l.page - 1)];
    LayoutLine a, b;
    a.page_line = b.page_line = static_cast<int>(pc.lines.size());
    a.glyphs = Place(l.text, false);
    b.glyphs = Place(l.text, true);
    pc.lines.push_back(std::move(a));
    pw.lines.push_back(std::move(b));
  }
  // The width model that cuts fewer words at the column edges.
  int cuts_cp = 0, cuts_wide = 0;
  for (size_t p = 0; p < pages_cp.size(); ++p) {
    PageHeader h;
    int cut = 0;
    if (FindPageHeader(pages_cp[p], &h)) {
      ColumnEdges(pages_cp[p], h, &cut);
      cuts_cp += cut;
    }
    if (FindPageHeader(pages_wide[p], &h)) {
      ColumnEdges(pages_wide[p], h, &cut);
      cuts_wide += cut;
    }
  }
  const std::vector<LayoutPage>& pages = cuts_wide < cuts_cp ? pages_wide : pages_cp;

  PageHeader last_header;
  std::vector<int> last_edges;
  bool have_table = false;
  for (const LayoutPage& page : pages) {
    PageHeader h;
    std::vector<int> edges;
    bool found = FindPageHeader(page, &h);
    if (found) {
      int cut = 0;
      edges = ColumnEdges(page, h, &cut);
    } else if (have_table) {
      h = last_header;
      h.first = h.last = h.line = -1;
      edges = last_edges;
    } else {
      continue;
    }
    bool first_table_page = !have_table;
    if (!have_table) {
      have_table = true;
      for (const HeaderCell& c : h.cells) plan_.columns.push_back({c.key, c.text});
    }
    page_keys_.clear();
    page_to_plan_.clear();
    for (const HeaderCell& c : h.cells) {
      page_keys_.push_back(c.key);
      page_to_plan_.push_back(PlanColumn(c));
    }
    ReadPage(page, h, edges, first_table_page);
    last_header = h;
    last_edges = edges;
  }
  if (!have_table) {
    return Status(Status::Code::kNoPlanTable,
                  "no action-plan table: no line of the layout text names at "
                  "least three known columns (序号, 重点任务, 工作措施, 完成时限, "
                  "牵头部门, 主责单位, 协办单位 or their synonyms)");
  }
  if (plan_.rows.empty()) {
    return Status(Status::Code::kNoPlanTable,
                  "the plan table's header was found but no rows under it");
  }
  return std::move(plan_);
}

}  // namespace

Result<RawPlan> ReadLayout(const DumpPages& dump,
                           const normalizer::DepartmentDict& dict) {
  LayoutReader reader(dict);
  return reader.Read(dump);
}

}  // namespace plan2json::extractor::textdump
