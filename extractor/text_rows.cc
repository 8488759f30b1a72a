// Copyright 2026 The plan2json Authors.
//
// Rows of one page of a reading-order dump (text_flow_internal.h).
//
// The anchor column (the measure column, else the task column) defines the
// rows: its running text is cut at sentence ends, one measure a row. Every
// other stream is matched to those rows in reading order, the items keeping
// their order (AssignStream):
//  - a stream read row by row (its items lie among the rows' text) goes by
//    position: an item inside a row's text is on that row's baseline (hard);
//    one between two rows goes to the nearer (soft);
//  - a stream read column by column (its items come in one run before or
//    after the rows' text) goes by count: with one item per row the order
//    decides (hard); otherwise cut points the text allows are ranked (a
//    deadline between two names, a blank line, a short line) and the cells
//    are soft.
// Single-valued columns (sequence number, deadline) take at most one item a
// row; a second one in a row costs more than any distance.

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "extractor/text_flow_internal.h"
#include "lexicon/lexicon.h"

namespace plan2json::extractor::textdump::flow {
namespace {

constexpr double kSure = 1.0;
constexpr double kSoft = 0.5;
// Work bound for the assignment (items x rows per stream and page).
constexpr size_t kMaxAssignWork = size_t{1} << 22;

struct Unit {
  std::vector<size_t> pieces;  // anchor pieces, in order
  bool closed = false;         // ends a sentence
  bool continued = false;      // continues the previous page's last measure
  bool soft = false;           // its start or end rests on soft evidence
  int first() const { return static_cast<int>(pieces.front()); }
  int last() const { return static_cast<int>(pieces.back()); }
};

struct Placed {
  std::vector<int> row;   // per item: the row, or -1
  std::vector<bool> sure;  // per item: placed by hard evidence
};

// Distance in reading order from piece `pos` to the row's text (0 inside).
double Distance(int pos, const Unit& u) {
  if (pos < u.first()) return u.first() - pos;
  if (pos > u.last()) return pos - u.last();
  return 0;
}

// Monotone assignment of items (positions, in order) to rows minimising the
// summed distance; `single`: a second item in a row costs kCrowd.
Placed ByPosition(const std::vector<int>& pos, const std::vector<Unit>& units, bool single) {
  const size_t n = pos.size(), r = units.size();
  Placed out{std::vector<int>(n, -1), std::vector<bool>(n, false)};
  if (n == 0 || r == 0) return out;
  if (n * r > kMaxAssignWork) return out;  // hostile input: leave unplaced
  const double kCrowd = 1e6;
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> f(n, std::vector<double>(r, inf));
  std::vector<std::vector<int>> from(n, std::vector<int>(r, -1));
  for (size_t k = 0; k < r; ++k) f[0][k] = Distance(pos[0], units[k]);
  for (size_t i = 1; i < n; ++i) {
    double best = inf;
    int arg = -1;
    for (size_t k = 0; k < r; ++k) {
      // best over rows < k
      double same = f[i - 1][k] + (single ? kCrowd : 0);
      double cost = best, prev = static_cast<double>(arg);
      if (same < cost) cost = same, prev = static_cast<double>(k);
      f[i][k] = cost + Distance(pos[i], units[k]);
      from[i][k] = static_cast<int>(prev);
      if (f[i - 1][k] < best) best = f[i - 1][k], arg = static_cast<int>(k);
    }
  }
  size_t k = static_cast<size_t>(std::min_element(f[n - 1].begin(), f[n - 1].end()) - f[n - 1].begin());
  for (size_t i = n; i-- > 0;) {
    out.row[i] = static_cast<int>(k);
    out.sure[i] = Distance(pos[i], units[k]) == 0;
    if (i > 0) k = static_cast<size_t>(from[i][k]);
  }
  return out;
}

// Column by column: `cuts[i]` ranks the cut before item i (0: not allowed,
// higher: better). The items are cut into `rows` runs, in order. Hard when
// exactly rows - 1 cuts are allowed.
Placed ByOrder(const std::vector<int>& cuts, int first_row, int rows) {
  const size_t n = cuts.size();
  Placed out{std::vector<int>(n, -1), std::vector<bool>(n, false)};
  if (n == 0 || rows <= 0) return out;
  std::vector<size_t> allowed;
  for (size_t i = 1; i < n; ++i) {
    if (cuts[i] > 0) allowed.push_back(i);
  }
  const size_t need = static_cast<size_t>(rows - 1);
  bool sure = allowed.size() == need;
  std::vector<size_t> chosen = allowed;
  if (chosen.size() > need) {
    // Keep the best-ranked cuts (earlier first on a tie).
    std::stable_sort(chosen.begin(), chosen.end(),
                     [&](size_t a, size_t b) { return cuts[a] > cuts[b]; });
    chosen.resize(need);
    std::sort(chosen.begin(), chosen.end());
  }
  int row = first_row;
  size_t c = 0;
  for (size_t i = 0; i < n; ++i) {
    if (c < chosen.size() && chosen[c] == i) ++row, ++c;
    out.row[i] = std::min(row, first_row + rows - 1);
    out.sure[i] = sure;
  }
  return out;
}

bool EndsName(const std::string& norm) {
  if (norm.empty()) return false;
  std::u32string u = lexicon::ToU32(norm);
  char32_t c = u.back();
  if (c == U'、' || c == U'（' || c == U'(') return false;
  int depth = 0;
  for (char32_t ch : u) depth += (ch == U'（' || ch == U'(') - (ch == U'）' || ch == U')');
  if (depth > 0) return false;
  // The last name after the last 、 must look complete.
  size_t cut = norm.rfind("、");
  std::string last = cut == std::string::npos ? norm : norm.substr(cut + 3);
  return lexicon::LooksLikeDepartment(last) || last.find("牵头") != std::string::npos ||
         last.find("配合") != std::string::npos;
}

bool StartsName(const std::string& norm) {
  if (norm.empty()) return false;
  std::u32string u = lexicon::ToU32(norm);
  char32_t c = u.front();
  if (c == U'、' || c == U'（' || c == U'(' || c == U'）' || c == U')') return false;
  size_t cut = norm.find("、");
  std::string first = cut == std::string::npos ? norm : norm.substr(0, cut);
  return !lexicon::IsNameSuffix(first);
}

}  // namespace

std::vector<OutRow> RowReader::ReadPage(const std::vector<Piece>& body) {
  auto col_of = [&](ColumnKey k) {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == k) return static_cast<int>(i);
    }
    return -1;
  };
  const int ncols = static_cast<int>(keys_.size());
  int anchor = col_of(ColumnKey::kMeasure);
  int task = col_of(ColumnKey::kTask);
  if (anchor < 0) anchor = task, task = -1;
  const int seq = col_of(ColumnKey::kSeq), deadline = col_of(ColumnKey::kDeadline);
  std::vector<int> depts, extras;
  for (int i = 0; i < ncols; ++i) {
    ColumnKey k = keys_[static_cast<size_t>(i)];
    if (k == ColumnKey::kLead || k == ColumnKey::kResponsible || k == ColumnKey::kAssisting) {
      depts.push_back(i);
    }
    if (k == ColumnKey::kExtra) extras.push_back(i);
  }

  // Running text: the anchor's, or short text of a task / extra column.
  size_t maxlen = 0;
  for (const Piece& p : body) {
    if (p.kind == Kind::kText) maxlen = std::max(maxlen, lexicon::CodePoints(p.norm));
  }
  const bool have_short = task >= 0 || !extras.empty();
  auto is_short = [&](const Piece& p) {
    if (!have_short || p.kind != Kind::kText) return false;
    size_t n = lexicon::CodePoints(p.norm);
    return !lexicon::EndsSentence(p.norm) && n * 20 <= maxlen * 9 &&
           p.norm.find("，") == std::string::npos && p.norm.find("；") == std::string::npos;
  };

  // Measures and section headings.
  std::vector<Unit> units;
  std::vector<std::pair<size_t, size_t>> sections;  // piece, units before it
  Unit cur;
  cur.continued = open_measure_;
  for (size_t i = 0; i < body.size(); ++i) {
    const Piece& p = body[i];
    if (p.kind == Kind::kSection) {
      if (!cur.pieces.empty()) units.push_back(cur), cur = Unit{};
      sections.push_back({i, units.size()});
      continue;
    }
    if (p.kind != Kind::kText || is_short(p)) continue;
    cur.pieces.push_back(i);
    if (lexicon::EndsSentence(p.norm)) {
      cur.closed = true;
      units.push_back(cur);
      cur = Unit{};
    }
  }
  if (!cur.pieces.empty()) units.push_back(cur);
  open_measure_ = !units.empty() && !units.back().closed;

  const int R = static_cast<int>(units.size());
  std::vector<OutRow> rows(static_cast<size_t>(R));
  std::vector<bool> soft_row(static_cast<size_t>(R), false);
  auto cell = [&](int r, int col) -> OutCell& {
    OutRow& row = rows[static_cast<size_t>(r)];
    for (OutCell& c : row) {
      if (c.col == col) return c;
    }
    row.push_back(OutCell{col, 1, {}, kSure});
    return row.back();
  };
  for (int r = 0; r < R; ++r) {
    OutCell& c = cell(r, anchor);
    for (size_t i : units[static_cast<size_t>(r)].pieces) c.lines.push_back(body[i].text);
    if (!units[static_cast<size_t>(r)].closed) c.confidence = kSoft;
  }

  // One stream: its items' pieces, placed on rows.
  auto place = [&](const std::vector<size_t>& items, bool single, const std::vector<int>& order_cuts,
                   auto&& put) {
    if (items.empty() || R == 0) return;
    int inside = 0;
    for (size_t i : items) {
      int pos = static_cast<int>(i);
      inside += pos > units.front().first() && pos < units.back().last();
    }
    Placed pl;
    if (inside * 2 >= static_cast<int>(items.size())) {
      std::vector<int> pos;
      for (size_t i : items) pos.push_back(static_cast<int>(i));
      pl = ByPosition(pos, units, single);
    } else {
      int first = units.front().continued && static_cast<int>(items.size()) < R ? 1 : 0;
      pl = ByOrder(order_cuts, first, R - first);
    }
    for (size_t k = 0; k < items.size(); ++k) {
      if (pl.row[k] < 0) continue;
      put(pl.row[k], items[k], pl.sure[k]);
    }
  };
  auto put_into = [&](int col) {
    return [&, col](int r, size_t i, bool sure) {
      OutCell& c = cell(r, col);
      c.lines.push_back(body[i].text);
      if (!sure) c.confidence = kSoft;
    };
  };

  // Single-valued streams: every item may start a new row in order.
  auto singles = [&](Kind kind, int col) {
    std::vector<size_t> items;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i].kind == kind) items.push_back(i);
    }
    if (col < 0) {
      for (size_t i : items) {  // no such column: keep the text with its row
        (void)i;
      }
      return;
    }
    std::vector<int> cuts(items.size(), 1);
    place(items, true, cuts, put_into(col));
  };
  singles(Kind::kSeq, seq);
  singles(Kind::kDeadline, deadline);

  // Department names: cut between two pieces where one name ends and
  // another starts; a deadline or a blank line between them ranks higher.
  {
    std::vector<size_t> items;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i].kind == Kind::kDept) items.push_back(i);
    }
    std::vector<int> cuts(items.size(), 0);
    for (size_t k = 1; k < items.size(); ++k) {
      const Piece& a = body[items[k - 1]];
      const Piece& b = body[items[k]];
      if (!EndsName(a.norm) || !StartsName(b.norm)) continue;
      cuts[k] = 1;
      for (size_t j = items[k - 1] + 1; j < items[k]; ++j) {
        if (body[j].kind == Kind::kDeadline) cuts[k] = 3;
      }
      if (cuts[k] == 1 && a.block != b.block) cuts[k] = 2;
    }
    if (!depts.empty()) {
      const bool one_col = depts.size() == 1;
      place(items, false, cuts, [&](int r, size_t i, bool sure) {
        OutCell& c = cell(r, depts.front());
        c.lines.push_back(body[i].text);
        if (!sure || !one_col) c.confidence = kSoft;
      });
    }
  }

  // Short text: a task cell before its measure, an extra cell after it.
  {
    std::vector<size_t> items;
    for (size_t i = 0; i < body.size(); ++i) {
      if (is_short(body[i])) items.push_back(i);
    }
    std::vector<int> cuts(items.size(), 0);
    size_t widest = 0;
    for (size_t i : items) widest = std::max(widest, lexicon::CodePoints(body[i].norm));
    for (size_t k = 1; k < items.size(); ++k) {
      if (lexicon::CodePoints(body[items[k - 1]].norm) < widest) cuts[k] = 1;
      if (body[items[k - 1]].block != body[items[k]].block) cuts[k] += 1;
    }
    place(items, false, cuts, [&](int r, size_t i, bool sure) {
      const Unit& u = units[static_cast<size_t>(r)];
      int col = task;
      if (!extras.empty() && (task < 0 || static_cast<int>(i) > u.last())) col = extras.front();
      if (col < 0) col = anchor;
      OutCell& c = cell(r, col);
      c.lines.push_back(body[i].text);
      if (!sure || (task >= 0 && !extras.empty())) c.confidence = kSoft;
    });
  }

  // Rows with any soft cell: the anchor too, so the row is flagged whatever
  // BuildPlan reads first.
  for (OutRow& row : rows) {
    bool soft = false;
    for (const OutCell& c : row) soft |= c.confidence < kSure;
    if (!soft) continue;
    for (OutCell& c : row) c.confidence = std::min(c.confidence, kSoft);
  }

  // Interleave the section headings: a full-width row before the unit that
  // follows them.
  std::vector<OutRow> out;
  size_t s = 0;
  for (int r = 0; r <= R; ++r) {
    while (s < sections.size() && sections[s].second == static_cast<size_t>(r)) {
      OutCell c{0, ncols, {body[sections[s].first].text}, kSure};
      out.push_back({c});
      ++s;
    }
    if (r < R) out.push_back(std::move(rows[static_cast<size_t>(r)]));
  }
  return out;
}

}  // namespace plan2json::extractor::textdump::flow
