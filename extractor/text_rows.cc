// Copyright 2026 The plan2json Authors.
//
// Rows of one page of a reading-order dump (text_flow_internal.h).
//
// The anchor column (the measure column, else the task column) defines the
// rows: its running text is cut at sentence ends, one measure a row. Every
// other stream is matched to those rows, the items keeping their order
// (PageReader::Place):
//  - text on one line is in one row (rows do not overlap): an item on a
//    line holding a row's text is in that row (hard);
//  - a single-valued stream (sequence number, deadline) with one item per
//    row goes in order (hard);
//  - a stream read column by column (nothing on a row's line, items in one
//    run outside the rows' text) is cut in order where the text allows it;
//    wrapped name lists (、) allow cuts only where a name ends (hard when
//    exactly as many cells as rows); with one department column, a block
//    of c name cells between rows is the c rows before it (with several,
//    c cells may be one row's columns, so blocks are not used);
//  - otherwise each item goes to the nearest row in reading order, on the
//    side the page's deadlines show cells fall (soft), a row left without a
//    deadline or a name costing more, a second deadline in a row more still.
// A row with any soft cell is soft in every cell; so is a row without a
// deadline or a name, and one whose heading was read out of place.

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
  int at = -1;                 // where its cells are, if not at its text
  int first() const { return at >= 0 ? at : static_cast<int>(pieces.front()); }
  int last() const { return at >= 0 ? at : static_cast<int>(pieces.back()); }
};

struct Placed {
  std::vector<int> row;   // per item: the row, or -1
  std::vector<bool> sure;  // per item: placed by hard evidence
};

// Distance in reading order from piece `pos` to the row's text (0 inside):
// the summed weights of the pieces between (`prefix` holds their prefix
// sums), so a section heading between them weighs most, and a stream's own
// pieces may weigh nothing (a run of names stays together).
// `after`: an item between two rows belongs rather to the row before it
// (the page prints cells below their row's first line) than to the one
// after it; the other side costs kWrongSide more.
constexpr double kWrongSide = 2;
// A row left without a cell of a column every row has (deadline, names).
constexpr double kFill = 5;
double Distance(int pos, const Unit& u, const std::vector<double>& prefix, bool after) {
  auto sum = [&](int a, int b) {  // pieces a..b-1
    return a >= b ? 0.0 : prefix[static_cast<size_t>(b)] - prefix[static_cast<size_t>(a)];
  };
  if (pos < u.first()) return 1 + sum(pos + 1, u.first()) + (after ? kWrongSide : 0);
  if (pos > u.last()) return 1 + sum(u.last() + 1, pos) + (after ? 0 : kWrongSide);
  return 0;
}

// Monotone assignment of items (positions, in order) to rows minimising the
// summed distance. `single`: a second item in a row costs kCrowd; `fill`:
// each row left without an item costs that much (every row has a cell);
// `pin`: an item on a row's line stays there; `glue`: the item stays in the
// row of the item before it.
struct Assignment {
  bool single = false;
  bool after = true;
  double fill = 0;
};

Placed ByPosition(const std::vector<int>& pos, const std::vector<Unit>& units,
                  const std::vector<double>& prefix, const std::vector<int>& pin,
                  const std::vector<bool>& glue, const Assignment& how) {
  const size_t n = pos.size(), r = units.size();
  Placed out{std::vector<int>(n, -1), std::vector<bool>(n, false)};
  if (n == 0 || r == 0) return out;
  if (n * r > kMaxAssignWork) return out;  // hostile input: leave unplaced
  const double kCrowd = 1e6, kPinned = 1e9;
  const double inf = std::numeric_limits<double>::infinity();
  auto cost = [&](size_t i, size_t k) {
    if (pin[i] >= 0) return pin[i] == static_cast<int>(k) ? 0.0 : kPinned;
    return Distance(pos[i], units[k], prefix, how.after);
  };
  std::vector<std::vector<double>> f(n, std::vector<double>(r, inf));
  std::vector<std::vector<int>> from(n, std::vector<int>(r, -1));
  for (size_t k = 0; k < r; ++k) f[0][k] = cost(0, k) + how.fill * static_cast<double>(k);
  for (size_t i = 1; i < n; ++i) {
    // best = min over k' < k of f[i-1][k'] + fill * (k - k' - 1)
    double best = inf;
    int arg = -1;
    for (size_t k = 0; k < r; ++k) {
      double same = f[i - 1][k] + (how.single ? kCrowd : 0);
      double moved = glue[i] ? inf : best;
      if (same <= moved) {
        f[i][k] = same + cost(i, k), from[i][k] = static_cast<int>(k);
      } else {
        f[i][k] = moved + cost(i, k), from[i][k] = arg;
      }
      best += how.fill;
      if (f[i - 1][k] < best) best = f[i - 1][k], arg = static_cast<int>(k);
    }
  }
  size_t k = 0;
  double total = inf;
  for (size_t j = 0; j < r; ++j) {
    double t = f[n - 1][j] + how.fill * static_cast<double>(r - 1 - j);
    if (t < total) total = t, k = j;
  }
  for (size_t i = n; i-- > 0;) {
    out.row[i] = static_cast<int>(k);
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
  // The last name after the last 、 or ， must look complete, or end its
  // role clause ("…牵头", "…配合").
  std::u32string last;
  for (char32_t ch : u) {
    if (ch == U'、' || ch == U'，') {
      last.clear();
    } else {
      last += ch;
    }
  }
  const std::string name = lexicon::ToUtf8(last);
  for (const char* role : {"牵头", "配合", "协助", "参与"}) {
    const std::string r = role;
    if (name.size() > r.size() && name.compare(name.size() - r.size(), r.size(), r) == 0) {
      return true;
    }
  }
  return lexicon::LooksLikeDepartment(name);
}

// A line break inside a cell of names that may end a name or wrap one:
// "…、成都东部" + "新区管委会" is 成都东部 and 新区管委会, or 成都东部新区管委会.
// Only a dictionary could tell; the cell is a guess.
bool AmbiguousWrap(const std::string& before, const std::string& after) {
  const std::string a = lexicon::NormCompact(before), b = lexicon::NormCompact(after);
  size_t sep = a.rfind("、");
  const std::string tail = sep == std::string::npos ? a : a.substr(sep + 3);
  size_t cut = b.find("、");
  const std::string head = cut == std::string::npos ? b : b.substr(0, cut);
  return lexicon::LooksLikeDepartment(tail) && lexicon::LooksLikeDepartment(head) &&
         lexicon::LooksLikeDepartment(tail + head);
}

bool StartsName(const std::string& norm) {
  if (norm.empty()) return false;
  std::u32string u = lexicon::ToU32(norm);
  char32_t c = u.front();
  if (c == U'、' || c == U'（' || c == U'(' || c == U'）' || c == U')') return false;
  for (const char* role : {"牵头", "配合", "协助", "参与", "负责"}) {
    if (norm.rfind(role, 0) == 0) return false;  // the role clause of the name before
  }
  size_t cut = norm.find("、");
  std::string first = cut == std::string::npos ? norm : norm.substr(0, cut);
  return !lexicon::IsNameSuffix(first);
}

}  // namespace


namespace {

// The columns of the plan by role.
struct Roles {
  int anchor = -1, task = -1, seq = -1, deadline = -1;
  std::vector<int> depts, extras;
};

Roles RolesOf(const std::vector<ColumnKey>& keys) {
  Roles r;
  for (size_t i = 0; i < keys.size(); ++i) {
    const int c = static_cast<int>(i);
    switch (keys[i]) {
      case ColumnKey::kMeasure: if (r.anchor < 0) r.anchor = c; break;
      case ColumnKey::kTask: if (r.task < 0) r.task = c; break;
      case ColumnKey::kSeq: if (r.seq < 0) r.seq = c; break;
      case ColumnKey::kDeadline: if (r.deadline < 0) r.deadline = c; break;
      case ColumnKey::kLead:
      case ColumnKey::kResponsible:
      case ColumnKey::kAssisting: r.depts.push_back(c); break;
      case ColumnKey::kExtra: r.extras.push_back(c); break;
    }
  }
  if (r.anchor < 0) r.anchor = r.task, r.task = -1;
  return r;
}

// One page's reading.
class PageReader {
 public:
  PageReader(const std::vector<Piece>& body, const Roles& roles, bool continued,
             std::vector<std::string>* carry_back)
      : body_(body), roles_(roles), carry_back_(carry_back) {
    for (const Piece& p : body_) {
      if (p.kind == Kind::kText) maxlen_ = std::max(maxlen_, lexicon::CodePoints(p.norm));
    }
    std::vector<bool> memo;
    for (const Piece& p : body_) memo.push_back(IsShort(p));
    short_ = std::move(memo);
    BuildUnits(continued);
  }
  bool open() const { return !units_.empty() && !units_.back().closed; }
  std::vector<OutRow> Read(int ncols);

 private:
  bool IsShort(const Piece& p) const;
  void BuildUnits(bool continued);
  void MoveLateMeasure();
  Placed Place(const std::vector<size_t>& items, bool single, const std::vector<int>& cuts,
               bool after, double fill, bool glued = false) const;
  OutCell& CellAt(int row, int col);
  bool CellsFollowRows() const;
  void PinBlocks(const std::vector<size_t>& items, const std::vector<int>& cuts,
                 std::vector<int>* pin, std::vector<bool>* sure) const;
  void FindBursts();
  void PlaceSingles(Kind kind, int col, bool after);
  void PlaceDepartments(bool after);
  void CarryBackNames(std::vector<size_t>* items);
  std::vector<int> NameCuts(const std::vector<size_t>& items) const;
  void PlaceShortText(bool after);

  const std::vector<Piece>& body_;
  const Roles& roles_;
  std::vector<std::string>* carry_back_;  // names ending the last page's cell
  size_t maxlen_ = 0;
  std::vector<bool> short_;  // IsShort per piece, once computed
  std::vector<Unit> units_;
  std::vector<std::pair<size_t, size_t>> sections_;  // piece, units before it
  std::vector<int> line_row_;                        // per piece: its line's row or -1
  std::vector<int> placed_row_;                      // per piece: its row once placed
  std::vector<int> burst_row_;                       // per piece: see FindBursts
  std::vector<OutRow> rows_;
};

// Short text of a task or extra column: no sentence end or clause
// punctuation, under half the page's longest line of running text.
bool PageReader::IsShort(const Piece& p) const {
  const size_t i = static_cast<size_t>(&p - body_.data());
  if (i < short_.size()) return short_[i];
  if (p.kind != Kind::kText || (roles_.task < 0 && roles_.extras.empty())) return false;
  size_t n = lexicon::CodePoints(p.norm);
  return !lexicon::EndsSentence(p.norm) && n * 20 <= maxlen_ * 9 &&
         p.norm.find("，") == std::string::npos && p.norm.find("；") == std::string::npos &&
         p.norm.find("：") == std::string::npos;  // a colon opens running text
}

// A measure ends at a sentence end, but not at
// a ；where the page's measures end with 。 (a list of clauses inside one).
bool EndsSemicolon(const std::string& norm) {  // (see BuildUnits)
  return norm.size() >= 1 && (norm.back() == ';' || (norm.size() >= 3 &&
                              norm.compare(norm.size() - 3, 3, "；") == 0));
}

void PageReader::BuildUnits(bool continued) {
  bool strong = false;
  for (const Piece& p : body_) {
    strong |= p.kind == Kind::kText && lexicon::EndsSentence(p.norm) && !EndsSemicolon(p.norm);
  }
  Unit cur;
  cur.continued = continued;
  for (size_t i = 0; i < body_.size(); ++i) {
    const Piece& p = body_[i];
    if (p.kind == Kind::kSection) {
      // A heading inside an unfinished measure was printed above its row and
      // read late (the row's first line came first): it goes before the row.
      // At the top of a page the open measure is the last page's: close it.
      if (!cur.pieces.empty() && cur.continued) units_.push_back(cur), cur = Unit{};
      sections_.push_back({i, units_.size()});
      continue;
    }
    if (p.kind != Kind::kText || IsShort(p)) continue;
    cur.pieces.push_back(i);
    if (lexicon::EndsSentence(p.norm) && !(strong && EndsSemicolon(p.norm))) {
      cur.closed = true;
      units_.push_back(cur);
      cur = Unit{};
    }
  }
  if (!cur.pieces.empty()) units_.push_back(cur);
  MoveLateMeasure();
  // Text on one line belongs to one row (rows do not overlap): a line
  // holding a row's running text puts every piece on it in that row.
  std::vector<std::pair<int, int>> line_unit;  // (line, unit)
  for (size_t u = 0; u < units_.size(); ++u) {
    for (size_t i : units_[u].pieces) line_unit.push_back({body_[i].line, static_cast<int>(u)});
  }
  std::sort(line_unit.begin(), line_unit.end());
  line_row_.assign(body_.size(), -1);
  for (size_t i = 0; i < body_.size(); ++i) {
    auto it = std::lower_bound(line_unit.begin(), line_unit.end(), std::make_pair(body_[i].line, -1));
    if (it == line_unit.end() || it->first != body_[i].line) continue;
    int u = it->second;
    bool one = true;
    for (auto jt = it; jt != line_unit.end() && jt->first == body_[i].line; ++jt) one &= jt->second == u;
    if (one) line_row_[i] = u;
  }
}

// Measures read late: every row's deadline follows its text (or, for the
// page's first row, may open the page), but some measures have none after
// them while one gap between rows holds as many extra deadlines: pdftotext
// emitted those measures after others. They go, in order, to that gap, one
// after each extra deadline's cells (soft: the order of the text says
// otherwise).
void PageReader::MoveLateMeasure() {
  const size_t R = units_.size();
  if (R < 2 || !sections_.empty()) return;
  // A measure continued from the last page may have its deadline there.
  const size_t u0 = units_.front().continued ? 1 : 0;
  auto deadlines = [&](int a, int b) {  // in pieces a..b-1
    std::vector<int> out;
    for (int i = std::max(a, 0); i < b && i < static_cast<int>(body_.size()); ++i) {
      if (body_[static_cast<size_t>(i)].kind == Kind::kDeadline) out.push_back(i);
    }
    return out;
  };
  std::vector<size_t> late;
  int gap = -2;                 // unit after which the extra deadlines are; -1: page top
  std::vector<int> extra;       // their positions
  auto take_gap = [&](int g, const std::vector<int>& d, size_t skip) {
    if (d.size() <= skip) return true;
    if (gap != -2) return false;  // two gaps with extras: not this case
    gap = g;
    extra.assign(d.begin() + static_cast<long>(skip), d.end());
    return true;
  };
  if (u0 == 0 && !take_gap(-1, deadlines(0, units_.front().first()), 0)) return;
  for (size_t u = 0; u < R; ++u) {
    int end = u + 1 < R ? units_[u + 1].first() : static_cast<int>(body_.size());
    std::vector<int> d = deadlines(units_[u].last() + 1, end);
    if (u < u0) {
      if (d.size() > 1) return;
      continue;
    }
    if (d.empty()) late.push_back(u);
    if (!take_gap(static_cast<int>(u), d, 1)) return;
  }
  if (late.empty() || extra.size() != late.size() || gap == -2) return;
  if (static_cast<int>(late.front()) <= gap) return;  // only later measures move back
  std::vector<Unit> moved;
  for (size_t k = late.size(); k-- > 0;) {
    moved.insert(moved.begin(), units_[late[k]]);
    units_.erase(units_.begin() + static_cast<long>(late[k]));
  }
  // Each moved measure sits where its cells start: after the deadline
  // before it in the gap (or at the gap's start).
  const int gap_start = gap < 0 ? 0 : units_[static_cast<size_t>(gap)].last() + 1;
  for (size_t k = 0; k < moved.size(); ++k) {
    moved[k].at = gap < 0 ? (k == 0 ? 0 : extra[k - 1] + 1)
                          : (k == 0 ? std::max(gap_start, extra[0] - 1) : extra[k - 1] + 1);
    moved[k].soft = true;
  }
  units_.insert(units_.begin() + (gap + 1), moved.begin(), moved.end());
}

OutCell& PageReader::CellAt(int row, int col) {
  OutRow& r = rows_[static_cast<size_t>(row)];
  for (OutCell& c : r) {
    if (c.col == col) return c;
  }
  r.push_back(OutCell{col, 1, {}, kSure});
  return r.back();
}

// Places one stream's items (piece indexes, in order) on rows:
//  1. an item on a line holding a row's running text is in that row (hard);
//  2. a single-valued stream with one item per row goes in order (hard);
//  3. a stream read column by column (nothing on a row's line, items in one
//     run outside the rows' text) is cut in order at the best-ranked cuts
//     `cuts` allows (hard when exactly the needed cuts are allowed);
//  4. else each item goes to the nearest row in reading order (soft), the
//     items on lines of rows staying where they are.
Placed PageReader::Place(const std::vector<size_t>& items, bool single,
                         const std::vector<int>& cuts, bool after, double fill,
                         bool glued) const {
  const int R = static_cast<int>(units_.size());
  const size_t n = items.size();
  Placed out{std::vector<int>(n, -1), std::vector<bool>(n, false)};
  if (n == 0 || R == 0) return out;
  int fixed = 0;
  for (size_t k = 0; k < n; ++k) fixed += line_row_[items[k]] >= 0 || burst_row_[items[k]] >= 0;
  // 2. One item per row.
  const int skip = units_.front().continued && static_cast<int>(n) == R - 1 ? 1 : 0;
  if (single && static_cast<int>(n) == R - skip) {
    bool agrees = true;
    for (size_t k = 0; k < n; ++k) {
      int r = line_row_[items[k]];
      agrees &= r < 0 || r == static_cast<int>(k) + skip;
    }
    if (agrees) {
      for (size_t k = 0; k < n; ++k) out.row[k] = static_cast<int>(k) + skip, out.sure[k] = true;
      return out;
    }
  }
  // 3. Column by column.
  int inside = 0;
  for (size_t i : items) {
    int pos = static_cast<int>(i);
    inside += pos > units_.front().first() && pos < units_.back().last();
  }
  if (fixed == 0 && inside * 2 < static_cast<int>(n)) {
    int first = units_.front().continued && static_cast<int>(n) < R ? 1 : 0;
    return ByOrder(cuts, first, R - first);
  }
  // 4. By position; items on a row's line are pinned there.
  std::vector<double> prefix(body_.size() + 1, 0);
  const Kind own = body_[items.front()].kind;
  for (size_t i = 0; i < body_.size(); ++i) {
    const Kind k = body_[i].kind;
    double w = k == Kind::kSection ? 100 : k == Kind::kSeq ? 2 : 1;
    if (!single && k == own) w = 0;
    prefix[i + 1] = prefix[i] + w;
  }
  std::vector<int> pos;
  std::vector<int> pin;
  for (size_t i : items) {
    pos.push_back(static_cast<int>(i));
    pin.push_back(line_row_[i] >= 0 ? line_row_[i] : burst_row_[i]);
  }
  std::vector<bool> block_sure(n, false);
  // Blocks only where the page went column by column: no name of the page
  // stands on a line of running text.
  bool on_text_lines = false;
  for (size_t i : items) on_text_lines |= line_row_[i] >= 0;
  // With several department columns a row may have a cell in each, so c
  // cells are not c rows: no blocks (a block of 2 cells is one row's lead
  // and assisting as often as two rows' leads).
  if (glued && !on_text_lines && roles_.depts.size() == 1) {
    PinBlocks(items, cuts, &pin, &block_sure);
  }
  // `glued`: where no cut is allowed, the item stays in its predecessor's row.
  std::vector<bool> glue(n, false);
  for (size_t k = 1; k < n; ++k) glue[k] = glued && cuts[k] == 0;
  Assignment how;
  how.single = single;
  how.after = after;
  how.fill = fill;
  out = ByPosition(pos, units_, prefix, pin, glue, how);
  for (size_t k = 0; k < n; ++k) {
    out.sure[k] = (line_row_[items[k]] >= 0 || block_sure[k]) && out.row[k] == pin[k];
    // A wrapped piece continues the item before it (no cut allowed).
    if (!out.sure[k] && k > 0 && glue[k] && out.sure[k - 1] &&
        out.row[k] == out.row[k - 1]) {
      out.sure[k] = true;
    }
  }
  return out;
}

// Column by column within a page: a block of name lists with no running
// text between them, holding c > 1 cells by the cuts the names allow, is the
// c rows before it (or, if there are not so many, after it). Sure when c is
// exactly the number of rows since the last such block (or the page start).
void PageReader::PinBlocks(const std::vector<size_t>& items, const std::vector<int>& cuts,
                           std::vector<int>* pin, std::vector<bool>* sure) const {
  std::vector<int> units_before(body_.size() + 1, 0);  // units ending before piece i
  {
    size_t u = 0;
    for (size_t i = 0; i <= body_.size(); ++i) {
      while (u < units_.size() && units_[u].last() < static_cast<int>(i)) ++u;
      units_before[i] = static_cast<int>(u);
    }
  }
  std::vector<size_t> sections_before(body_.size(), 0);
  for (size_t i = 0, s = 0; i < body_.size(); ++i) {
    while (s < sections_.size() && sections_[s].first < i) ++s;
    sections_before[i] = s;
  }
  const int R = static_cast<int>(units_.size());
  int filled = 0;  // rows taken by earlier blocks
  for (size_t a = 0; a < items.size();) {
    size_t b = a + 1;
    while (b < items.size() && units_before[items[b]] == units_before[items[a]] &&
           sections_before[items[b]] == sections_before[items[a]] &&
           (units_before[items[b]] >= R || units_[static_cast<size_t>(units_before[items[b]])].first() >
                                                static_cast<int>(items[b]))) {
      ++b;
    }
    int c = 1;
    bool pinned = false, wrapped = false;
    for (size_t k = a; k < b; ++k) {
      if (k > a && cuts[k] > 0) ++c;
      if (k > a && cuts[k] == 0) wrapped = true;
      pinned |= (*pin)[k] >= 0;
    }
    const int before = units_before[items[a]];
    // Only lists that wrap (names joined by 、) tell their cells apart; one
    // name a line does not.
    if (c > 1 && !pinned && wrapped) {
      int first = before - c >= filled ? before - c : (before + c <= R ? before : -1);
      if (first >= 0) {
        int row = first;
        for (size_t k = a; k < b; ++k) {
          if (k > a && cuts[k] > 0) ++row;
          (*pin)[k] = row;
          (*sure)[k] = first == filled && before - c == filled;
        }
        filled = first + c;
      }
    }
    a = b;
  }
}

// Which side an item between two rows belongs to, learnt from the page's
// deadlines: the reading that gives more rows exactly one deadline (the
// row before on a tie).
bool PageReader::CellsFollowRows() const {
  std::vector<size_t> items;
  for (size_t i = 0; i < body_.size(); ++i) {
    if (body_[i].kind == Kind::kDeadline) items.push_back(i);
  }
  auto score = [&](bool after) {
    Placed pl = Place(items, true, std::vector<int>(items.size(), 1), after, kFill);
    std::vector<int> count(units_.size(), 0);
    for (int r : pl.row) {
      if (r >= 0) ++count[static_cast<size_t>(r)];
    }
    return std::count(count.begin(), count.end(), 1);
  };
  return items.empty() || score(true) >= score(false);
}

void PageReader::PlaceSingles(Kind kind, int col, bool after) {
  std::vector<size_t> items;
  for (size_t i = 0; i < body_.size(); ++i) {
    if (body_[i].kind == kind) items.push_back(i);
  }
  if (col < 0 || items.empty()) return;
  if (kind == Kind::kSeq) {
    // A number one less than the one before it was centred in a taller
    // cell and read late: rows go in the order of their numbers.
    auto value = [&](size_t i) { return lexicon::ParseSeq(body_[i].norm).value_or(0); };
    for (size_t k = 1; k < items.size(); ++k) {
      if (value(items[k]) + 1 == value(items[k - 1])) std::swap(items[k], items[k - 1]);
    }
  }
  Placed pl = Place(items, true, std::vector<int>(items.size(), 1), after,
                    kind == Kind::kDeadline ? kFill : 0);
  for (size_t k = 0; k < items.size(); ++k) {
    if (pl.row[k] < 0) continue;
    placed_row_[items[k]] = pl.row[k];
    OutCell& c = CellAt(pl.row[k], col);
    if (!c.lines.empty()) pl.sure[k] = false, c.confidence = kSoft;  // two in one row
    c.lines.push_back(body_[items[k]].text);
    if (!pl.sure[k]) c.confidence = kSoft;
  }
}

// A burst: pdftotext sometimes emits the cells of several rows in one run
// between two lines of running text, row after row (names, deadline, names,
// deadline, ...). In a run holding two or more placed deadlines with names
// between them, the other
// cells go with the deadline they precede, or the one they follow, whichever
// reading gives more of the deadlines a department cell (soft: a ranking).
void PageReader::FindBursts() {
  std::vector<bool> anchor(body_.size(), false);
  for (const Unit& u : units_) {
    for (size_t i : u.pieces) anchor[i] = true;
  }
  size_t start = 0;
  while (start < body_.size()) {
    size_t end = start;
    while (end < body_.size() && !anchor[end] && body_[end].kind != Kind::kSection) ++end;
    std::vector<size_t> dl;
    for (size_t i = start; i < end; ++i) {
      if (body_[i].kind == Kind::kDeadline && placed_row_[i] >= 0) dl.push_back(i);
    }
    bool interleaved = false;  // a name between two of the deadlines
    for (size_t i = dl.empty() ? end : dl.front(); !dl.empty() && i < dl.back(); ++i) {
      interleaved |= body_[i].kind == Kind::kDept;
    }
    if (dl.size() >= 2 && interleaved) {
      // group[g] for "precede": (dl[g-1], dl[g]]; for "follow": [dl[g], dl[g+1]).
      auto covered = [&](bool precede) {
        int n = 0;
        for (size_t g = 0; g < dl.size(); ++g) {
          size_t a = precede ? (g == 0 ? start : dl[g - 1] + 1) : dl[g] + 1;
          size_t b = precede ? dl[g] : (g + 1 < dl.size() ? dl[g + 1] : end);
          bool dept = false;
          for (size_t i = a; i < b; ++i) dept |= body_[i].kind == Kind::kDept;
          n += dept;
        }
        return n;
      };
      const bool precede = covered(true) >= covered(false);
      for (size_t g = 0; g < dl.size(); ++g) {
        size_t a = precede ? (g == 0 ? start : dl[g - 1] + 1) : dl[g] + 1;
        size_t b = precede ? dl[g] : (g + 1 < dl.size() ? dl[g + 1] : end);
        for (size_t i = a; i < b; ++i) {
          if (body_[i].kind == Kind::kDept || IsShort(body_[i])) burst_row_[i] = placed_row_[dl[g]];
        }
      }
    }
    start = end + 1;
  }
}

// A name cut by the page break: the page's first names that only continue
// a name ("政府", "（牵头）、…") end the previous page's last cell.
void PageReader::CarryBackNames(std::vector<size_t>* items) {
  if (carry_back_ == nullptr || items->empty() || StartsName(body_[items->front()].norm)) return;
  std::string tail = body_[items->front()].norm;
  carry_back_->push_back(body_[items->front()].text);
  size_t carried = 1;
  for (; carried < items->size(); ++carried) {
    const Piece& p = body_[(*items)[carried]];
    if ((EndsName(tail) || lexicon::IsNameSuffix(tail)) && StartsName(p.norm)) break;
    tail += p.norm;
    carry_back_->push_back(p.text);
  }
  items->erase(items->begin(), items->begin() + static_cast<long>(carried));
}

// Where a cell of names may end: after a complete name (the text since the
// last 、 or allowed cut) and before one that starts; a deadline or a blank
// line between them ranks the cut higher.
std::vector<int> PageReader::NameCuts(const std::vector<size_t>& items) const {
  std::vector<int> cuts(items.size(), 0);
  std::string tail;
  for (size_t k = 1; k < items.size(); ++k) {
    const Piece& a = body_[items[k - 1]];
    const Piece& b = body_[items[k]];
    size_t sep = a.norm.rfind("、");
    tail = sep == std::string::npos ? tail + a.norm : a.norm.substr(sep + 3);
    if (!EndsName(tail) || !StartsName(b.norm)) continue;
    tail.clear();
    cuts[k] = 1;
    for (size_t j = items[k - 1] + 1; j < items[k]; ++j) {
      if (body_[j].kind == Kind::kDeadline) cuts[k] = 3;
    }
    if (cuts[k] == 1 && a.block != b.block) cuts[k] = 2;
  }
  return cuts;
}

// Department names: cut into cells where NameCuts allows and placed on rows.
// With several department columns, the names of a row's first line fill
// them in order (blanks on that line taking theirs); the rest is soft.
void PageReader::PlaceDepartments(bool after) {
  std::vector<size_t> items;
  for (size_t i = 0; i < body_.size(); ++i) {
    if (body_[i].kind == Kind::kDept) items.push_back(i);
  }
  if (roles_.depts.empty() || items.empty()) return;
  CarryBackNames(&items);
  if (items.empty()) return;
  const std::vector<int> cuts = NameCuts(items);
  Placed pl = Place(items, false, cuts, after, kFill, true);
  const size_t D = roles_.depts.size();
  std::vector<int> first_line(rows_.size(), -1);
  std::vector<size_t> next_col(rows_.size(), 0);
  for (size_t k = 0; k < items.size(); ++k) {
    const int r = pl.row[k];
    if (r < 0) continue;
    const Piece& p = body_[items[k]];
    const size_t ri = static_cast<size_t>(r);
    if (first_line[ri] < 0) first_line[ri] = p.line;
    size_t col = 0;
    bool sure = pl.sure[k];
    if (D > 1) {
      // Pieces of the row's first line go to the columns in order, blanks
      // on that line taking their column.
      if (p.line == first_line[ri]) {
        col = std::min(next_col[ri], D - 1);
        next_col[ri] = col + 1;
        for (size_t j = items[k] + 1; j < body_.size() && body_[j].line == p.line; ++j) {
          if (body_[j].kind == Kind::kBlank) ++next_col[ri];
          if (body_[j].kind != Kind::kBlank) break;
        }
      } else {
        col = next_col[ri] == 0 ? 0 : std::min(next_col[ri], D) - 1;
        sure = false;
      }
    }
    OutCell& c = CellAt(r, roles_.depts[col]);
    if (!c.lines.empty() && AmbiguousWrap(c.lines.back(), p.text)) sure = false;
    // A piece no cut may precede continues the name before it: one line, so
    // no later reading splits the name at the wrap.
    if (!c.lines.empty() && k > 0 && cuts[k] == 0 && pl.row[k - 1] == r) {
      c.lines.back() += p.text;
    } else {
      c.lines.push_back(p.text);
    }
    if (!sure) c.confidence = kSoft;
  }
  if (D > 1) {
    // A first line that did not name every column leaves the split a guess.
    for (size_t r = 0; r < rows_.size(); ++r) {
      if (first_line[r] >= 0 && next_col[r] != D) {
        for (OutCell& c : rows_[r]) {
          if (std::find(roles_.depts.begin(), roles_.depts.end(), c.col) != roles_.depts.end()) {
            c.confidence = kSoft;
          }
        }
      }
    }
  }
}

// Short text: a task cell before its row's text, an extra cell after it. A
// line shorter than the widest ends a paragraph (where the cut goes).
void PageReader::PlaceShortText(bool after) {
  std::vector<size_t> items;
  for (size_t i = 0; i < body_.size(); ++i) {
    if (IsShort(body_[i])) items.push_back(i);
  }
  if (items.empty()) return;
  std::vector<int> cuts(items.size(), 0);
  size_t widest = 0;
  for (size_t i : items) widest = std::max(widest, lexicon::CodePoints(body_[i].norm));
  for (size_t k = 1; k < items.size(); ++k) {
    if (lexicon::CodePoints(body_[items[k - 1]].norm) < widest) cuts[k] = 1;
    if (body_[items[k - 1]].block != body_[items[k]].block) cuts[k] += 1;
    // A task starts at its number: one between the pieces, or on the
    // piece's line before it, ends the cell before.
    for (size_t j = items[k - 1] + 1; j < items[k]; ++j) {
      if (body_[j].kind == Kind::kSeq) cuts[k] = 3;
    }
  }
  // A line as wide as the widest continues its paragraph: it stays with the
  // line before (a ranking; these cells are soft unless on a row's line).
  Placed pl = Place(items, false, cuts, roles_.task >= 0 ? false : after, 0, true);
  for (size_t k = 0; k < items.size(); ++k) {
    const int r = pl.row[k];
    if (r < 0) continue;
    const Unit& u = units_[static_cast<size_t>(r)];
    int col = roles_.task;
    const bool behind = static_cast<int>(items[k]) > u.last();
    if (!roles_.extras.empty() && (roles_.task < 0 || behind)) col = roles_.extras.front();
    if (col < 0) col = roles_.anchor;
    OutCell& c = CellAt(r, col);
    c.lines.push_back(body_[items[k]].text);
    if (!pl.sure[k] || (roles_.task >= 0 && !roles_.extras.empty())) c.confidence = kSoft;
  }
}

std::vector<OutRow> PageReader::Read(int ncols) {
  const int R = static_cast<int>(units_.size());
  rows_.assign(static_cast<size_t>(R), {});
  placed_row_.assign(body_.size(), -1);
  burst_row_.assign(body_.size(), -1);
  for (int r = 0; r < R; ++r) {
    OutCell& c = CellAt(r, roles_.anchor);
    for (size_t i : units_[static_cast<size_t>(r)].pieces) c.lines.push_back(body_[i].text);
    if (!units_[static_cast<size_t>(r)].closed || units_[static_cast<size_t>(r)].soft) {
      c.confidence = kSoft;
    }
  }
  const bool after = CellsFollowRows();
  PlaceSingles(Kind::kSeq, roles_.seq, false);  // a number starts its row
  PlaceSingles(Kind::kDeadline, roles_.deadline, after);
  FindBursts();
  PlaceDepartments(after);
  PlaceShortText(after);
  // Every row names a deadline and a department (a row cut by the page
  // break may have left them on the page before).
  for (int r = 0; r < R; ++r) {
    if (r == 0 && units_.front().continued) continue;
    for (int col : {roles_.deadline, roles_.depts.empty() ? -1 : roles_.depts.front()}) {
      if (col < 0) continue;
      bool found = false;
      for (const OutCell& c : rows_[static_cast<size_t>(r)]) {
        bool dept = std::find(roles_.depts.begin(), roles_.depts.end(), c.col) !=
                    roles_.depts.end();
        found |= !c.lines.empty() && (c.col == col || (dept && col != roles_.deadline));
      }
      if (!found) CellAt(r, roles_.anchor).confidence = kSoft;
    }
  }
  // A heading is sure where the row after it starts right after it (only a
  // sequence number or a task between); else the row after it is soft.
  for (const auto& [piece, before] : sections_) {
    if (before >= units_.size()) continue;
    bool adjacent = static_cast<int>(piece) < units_[before].first();
    for (int i = static_cast<int>(piece) + 1; i < units_[before].first(); ++i) {
      const Piece& p = body_[static_cast<size_t>(i)];
      adjacent &= p.kind == Kind::kSeq || p.kind == Kind::kSection || IsShort(p);
    }
    if (!adjacent) CellAt(static_cast<int>(before), roles_.anchor).confidence = kSoft;
  }
  // A row with any soft cell is soft in every cell, so BuildPlan flags it
  // whichever cell it reads.
  for (OutRow& row : rows_) {
    bool soft = false;
    for (const OutCell& c : row) soft |= c.confidence < kSure;
    if (!soft) continue;
    for (OutCell& c : row) c.confidence = std::min(c.confidence, kSoft);
  }
  // Section headings: a full-width row before the row that follows them.
  std::vector<OutRow> out;
  size_t s = 0;
  for (int r = 0; r <= R; ++r) {
    while (s < sections_.size() && sections_[s].second == static_cast<size_t>(r)) {
      out.push_back({OutCell{0, ncols, {body_[sections_[s].first].text}, kSure}});
      ++s;
    }
    if (r < R) out.push_back(std::move(rows_[static_cast<size_t>(r)]));
  }
  return out;
}

}  // namespace

std::vector<OutRow> RowReader::ReadPage(const std::vector<Piece>& body,
                                        std::vector<std::string>* carry_back) {
  Roles roles = RolesOf(keys_);
  PageReader page(body, roles, open_measure_, had_rows_ ? carry_back : nullptr);
  std::vector<OutRow> rows = page.Read(static_cast<int>(keys_.size()));
  open_measure_ = page.open();
  for (const OutRow& r : rows) had_rows_ |= !(r.size() == 1 && r[0].col_span > 1);
  return rows;
}

}  // namespace plan2json::extractor::textdump::flow
