// Copyright 2026 The plan2json Authors.
//
// Column-flow reading of reading-order dumps (text_dump.h).
//
// pdftotext (without -layout) emits a page as "flows": runs of lines that lie
// in one column, separated by blank lines. On some office-produced PDFs the
// flows of a page come column by column: the deadline and department cells
// first, then the headings, numbers, tasks and measures, with the table's
// rows only to be found again by order. What holds, and what this reader
// relies on:
//  - the lines of one flow are one column, top to bottom; cells of adjacent
//    rows in one column may share a flow;
//  - per column, cells come in row order; per row, its department cells
//    mostly come in column order (牵头 before 主责 before 协办);
//  - every row has a measure (a paragraph ending a sentence), one deadline
//    and one cell per department column ("———" marks an empty one; 牵头 is
//    never empty);
//  - a row cut by a page break continues in the first flows of the next page.
// Each line is classified by pattern (section heading, sequence number,
// deadline, empty mark, measure line by sentence punctuation or width,
// department name by shape and the dictionary, task piece); measures become
// paragraphs (a sentence ending at a page's last line goes on when the next
// page has more paragraphs than deadlines).
//
// Department cells: one dynamic program over all department flows of the
// document assigns each flow to a column and to the next rows of that
// column (a flow of k cells: k rows), or continues a cell of the previous
// page's last row with it. Hard: per column, rows in order without gaps;
// 牵头 never "———"; rows complete by the next page; a block's cells keep
// names unique (so a block listing a name twice spans two rows). Costs
// (each a departure from how these dumps usually go): a row's cells out of
// column order (1.0); a name's tail placed as a new cell (3.0); a flow
// right after a deadline that is not a 牵头 (0.6) or continues the previous
// page (2.0); a 牵头 not right after a deadline (0.5); consecutive flows not
// going on row by row (0.3); a complete name appended to a complete cell
// across a page (0.5, less for the last column and for the page's leading
// flows); a known name finishing an open one (2.0); a cell of a later row
// while earlier rows miss cells (0.1 each). The column streams may drift at
// most four rows apart, and the program gives up (the plain reading stands)
// past 400000 states. A block that must be cut into several rows' cells is
// cut where the names' usual order in the document's other cells restarts,
// preferring cells that repeat a cell seen elsewhere.
//
// Deadlines: a run of deadlines directly followed by a 牵头 cell belongs to
// that row and the next ones; the rest go to the page's rows in order.
// Measures: a paragraph directly followed by a lone deadline is that
// deadline's row; the rest fill the page's other rows in order.
// Tasks: the task lines are cut into one task per sequence number (a line
// shorter than the column ends a task, a run end may, a number printed
// between two lines keeps them together; the tasks starting on a page are
// the numbers printed there), then spread over rows: a task stays in its
// section, its first row starts on its number's page, a task line printed
// amid a measure's lines ties that row to the task; ties are broken by the
// words a task name shares with the measures.
//
// Whatever the text does not decide — other department assignments within
// 0.25 of the best, a cut block with several valid cuts, measures or
// differing deadlines of a page tied by order across blocks, a row that
// fits more than one task, a task whose cut is not the only one within 0.5 —
// makes the row low-confidence with a warning naming the reason
// ("ambiguous_departments" or "ambiguous_row"); one "column_flow_reading"
// warning says the reading was used.
//
// Cost: about 10 ms CPU for the 12 KB sample dumps (the dynamic program
// dominates); linear in the number of flows, bounded as above.

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "extractor/text_dump.h"

namespace plan2json::extractor::textdump {
namespace {

enum class Kind {
  kHeading,
  kSeq,
  kTask,
  kMeasure,
  kDeadline,
  kDept,
  kEmpty,
  kShort,  // short text, department or task: decided per run
};

struct Item {
  Kind kind = Kind::kShort;
  std::vector<std::string> lines;  // a deadline may be head + wrapped tail
  int page = 1;
  int block = 0;
  bool after_furniture = false;
  bool after_header = false;
  // Nothing but blank lines between this item and the previous one.
  bool adjacent() const { return !after_furniture && !after_header; }
};

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF);
}

bool AllHan(const std::string& norm) {
  std::u32string u = ToU32(norm);
  if (u.empty()) return false;
  for (char32_t c : u) {
    if (!IsHan(c)) return false;
  }
  return true;
}

bool StartsHan(const std::string& norm) {
  std::u32string u = ToU32(norm);
  return !u.empty() && IsHan(u.front());
}

std::string JoinNorm(const std::vector<std::string>& lines, size_t from = 0) {
  std::string s;
  for (size_t i = from; i < lines.size(); ++i) s += NormCompact(lines[i]);
  return s;
}

// The text after the last 、 (the name a list ends with).
std::string LastListPart(const std::string& norm) {
  size_t cut = norm.rfind("、");
  return cut == std::string::npos ? norm : norm.substr(cut + 3);
}
std::string FirstListPart(const std::string& norm) {
  size_t cut = norm.find("、");
  return cut == std::string::npos ? norm : norm.substr(0, cut);
}

bool EndsWithListMark(const std::string& norm) {
  return norm.size() >= 3 && norm.compare(norm.size() - 3, 3, "、") == 0;
}

int BracketDepth(const std::string& norm) {
  int depth = 0;
  for (char32_t c : ToU32(norm)) {
    if (c == U'（' || c == U'(') ++depth;
    if (c == U'）' || c == U')') --depth;
  }
  return depth;
}

// ---------------------------------------------------------------------------
// Lines -> items
// ---------------------------------------------------------------------------

// Is a run of short lines (one flow) department names rather than a task?
bool IsDeptRun(const std::vector<std::string>& lines,
               const normalizer::DepartmentDict& dict) {
  std::string joined = JoinNorm(lines);
  if (joined.find("、") != std::string::npos) return true;
  for (const std::string& l : lines) {
    if (dict.Contains(NormCompact(l))) return true;
  }
  if (lines.size() == 1 && IsNameSuffix(lines[0])) return true;
  for (size_t k = 1; k <= std::min<size_t>(3, lines.size()); ++k) {
    std::string tail = JoinNorm(lines, lines.size() - k);
    NameShape s = ShapeOfName(tail, dict);
    if (s == NameShape::kComplete || s == NameShape::kBracketTail) return true;
  }
  const std::string& last = NormCompact(lines.back());
  return CodePoints(last) >= 2 && dict.IsProperPrefix(last);
}

std::vector<Item> Classify(const std::vector<FlowLine>& body, size_t long_len,
                           const normalizer::DepartmentDict& dict) {
  std::vector<Item> items;
  int pending_deadline = -1;  // a deadline head ("持续推") awaiting its tail
  auto push = [&](Kind k, const std::string& text, const FlowLine& l) {
    Item it;
    it.kind = k;
    it.lines.push_back(text);
    it.page = l.page;
    it.block = l.block;
    it.after_furniture = l.after_furniture;
    it.after_header = l.after_header;
    items.push_back(std::move(it));
  };
  for (const FlowLine& l : body) {
    std::string text = Trim(l.text);
    const std::string norm = NormCompact(text);
    if (norm.empty()) continue;
    size_t cps = CodePoints(norm);
    if (pending_deadline >= 0 && cps <= 3 &&
        IsDeadline(JoinNorm(items[static_cast<size_t>(pending_deadline)].lines) +
                   norm)) {
      items[static_cast<size_t>(pending_deadline)].lines.push_back(text);
      pending_deadline = -1;
      continue;
    }
    if (IsSectionHeading(text) && !EndsSentence(norm) && cps <= 40) {
      push(Kind::kHeading, text, l);
      continue;
    }
    if (ParseSeqNumber(norm) > 0) {
      push(Kind::kSeq, norm, l);
      continue;
    }
    if (IsDeadline(norm)) {
      push(Kind::kDeadline, text, l);
      continue;
    }
    if (IsDeadlinePrefix(norm)) {
      push(Kind::kDeadline, text, l);
      pending_deadline = static_cast<int>(items.size()) - 1;
      continue;
    }
    if (IsEmptyMark(norm)) {
      push(Kind::kEmpty, text, l);
      continue;
    }
    // A task piece and a measure line side by side on one line: the column
    // gap is the only space between two Han characters.
    if (l.tokens.size() >= 2) {
      const std::string& t0 = NormCompact(l.tokens[0]);
      std::string rest;
      for (size_t k = 1; k < l.tokens.size(); ++k) {
        if (!rest.empty()) rest += ' ';
        rest += l.tokens[k];
      }
      const std::string rest_norm = NormCompact(rest);
      if (AllHan(t0) && CodePoints(t0) * 2 <= long_len && StartsHan(rest_norm) &&
          (HasSentencePunctuation(rest_norm) || CodePoints(rest_norm) >= long_len)) {
        push(Kind::kShort, Trim(l.tokens[0]), l);
        items.back().kind = Kind::kTask;
        push(Kind::kMeasure, rest, l);
        continue;
      }
    }
    if (HasSentencePunctuation(norm) || cps >= long_len) {
      push(Kind::kMeasure, text, l);
      continue;
    }
    push(Kind::kShort, text, l);
  }
  // Short runs: department names or task pieces, decided per run.
  for (size_t i = 0; i < items.size();) {
    if (items[i].kind != Kind::kShort) {
      ++i;
      continue;
    }
    size_t j = i;
    std::vector<std::string> run;
    while (j < items.size() && items[j].kind == Kind::kShort &&
           items[j].block == items[i].block) {
      run.push_back(items[j].lines[0]);
      ++j;
    }
    Kind k = IsDeptRun(run, dict) ? Kind::kDept : Kind::kTask;
    for (size_t m = i; m < j; ++m) items[m].kind = k;
    i = j;
  }
  return items;
}

// ---------------------------------------------------------------------------
// Streams
// ---------------------------------------------------------------------------

struct Para {
  std::vector<std::string> lines;
  std::vector<int> items;
  int page = 0;
  std::set<int> pages;
  std::set<int> blocks;
  int first = 0, last = 0;  // item indices
  int section = -1;         // item index of the heading in force
};

struct Deadline {
  int item = 0;
  int run = 0;  // deadlines with nothing between them share a run
};

struct Segment {
  std::vector<std::string> lines;
  std::vector<std::string> names;
};

struct Flow {
  std::vector<Segment> segs;
  bool hard = false;   // names joined by 、: every segment is a cell
  bool empty = false;  // "———"
  int first = 0, last = 0;  // item indices
  int page = 0;
  bool after_deadline = false;  // directly after a deadline (same page)
  bool leading = false;         // before the page's first deadline and measure
  bool follows_flow = false;    // the previous item is a department flow
  bool open_end = false;        // ends inside a name (wrapped onward)
  bool continues = false;       // starts with the tail of a name
  bool starts_name = false;     // starts with a name the dictionary knows
  std::vector<int> cells_allowed;  // feasible cell counts
};

// Splits a department flow at the places a cell may end.
Flow MakeFlow(const std::vector<Item>& items, int first, int last,
              const normalizer::DepartmentDict& dict) {
  Flow f;
  f.first = first;
  f.last = last;
  f.page = items[static_cast<size_t>(first)].page;
  if (items[static_cast<size_t>(first)].kind == Kind::kEmpty) {
    f.empty = true;
    Segment s;
    s.lines = items[static_cast<size_t>(first)].lines;
    f.segs.push_back(s);
    f.cells_allowed = {1};
    return f;
  }
  std::vector<std::string> lines;
  for (int i = first; i <= last; ++i) lines.push_back(items[static_cast<size_t>(i)].lines[0]);
  f.hard = JoinNorm(lines).find("、") != std::string::npos;
  Segment cur;
  for (size_t i = 0; i < lines.size(); ++i) {
    cur.lines.push_back(lines[i]);
    std::string text = JoinNorm(cur.lines);
    bool complete = false;
    if (!EndsWithListMark(text) && BracketDepth(text) <= 0) {
      std::string last_name = LastListPart(text);
      if (IsNameSuffix(last_name)) complete = true;  // the tail of a wrapped name
      NameShape s = ShapeOfName(last_name, dict);
      complete = complete || dict.Contains(last_name) || s == NameShape::kComplete ||
                 (s == NameShape::kBracketTail && BracketDepth(text) == 0 &&
                  text.find("（") != std::string::npos);
    }
    bool next_continues = false;
    if (i + 1 < lines.size()) {
      const std::string& nx = NormCompact(lines[i + 1]);
      next_continues = ShapeOfName(nx, dict) == NameShape::kBracketTail ||
                       IsNameSuffix(FirstListPart(nx)) || nx.rfind("、", 0) == 0;
      // The dictionary knows the joined name ("市规划自然资源委" + "员会").
      if (dict.IsProperPrefix(LastListPart(text)) &&
          dict.Contains(LastListPart(text) + FirstListPart(nx))) {
        next_continues = true;
      }
    }
    if (complete && !next_continues) {
      f.segs.push_back(cur);
      cur = Segment();
    }
  }
  if (!cur.lines.empty()) {
    f.open_end = true;
    f.segs.push_back(cur);
  }
  const std::string& first_norm = NormCompact(lines.front());
  const std::string first_part = FirstListPart(first_norm);
  f.continues = IsNameSuffix(first_part) ||
                (CodePoints(first_part) <= 2 && !dict.Contains(first_part)) ||
                ShapeOfName(first_norm, dict) == NameShape::kBracketTail ||
                first_norm.rfind("、", 0) == 0;
  f.starts_name = !f.continues && dict.Contains(FirstListPart(first_norm));
  for (Segment& s : f.segs) s.names = normalizer::SplitDepartments(s.lines, dict).names;
  if (f.hard) {
    f.cells_allowed = {static_cast<int>(f.segs.size())};
  } else {
    // Any number of cells whose names are unique within each cell: at least
    // as many as cutting only where a name repeats gives.
    int n = static_cast<int>(f.segs.size());
    int min_cells = 1;
    std::set<std::string> seen;
    for (const Segment& s : f.segs) {
      bool dup = false;
      for (const std::string& nm : s.names) dup = dup || seen.count(nm) > 0;
      if (dup) {
        ++min_cells;
        seen.clear();
      }
      for (const std::string& nm : s.names) seen.insert(nm);
    }
    for (int k = min_cells; k <= std::min(n, 6); ++k) f.cells_allowed.push_back(k);
    if (f.cells_allowed.empty()) f.cells_allowed.push_back(min_cells);
  }
  return f;
}

// ---------------------------------------------------------------------------
// Department cells over rows: a dynamic program over the flows
// ---------------------------------------------------------------------------

struct Choice {
  bool merge = false;  // continues the previous page's last row
  int col = 0;
  int cells = 1;
  double cost = 0;
};

class CellSolver {
 public:
  CellSolver(const std::vector<Flow>& flows, const std::vector<int>& page_first_row,
             const std::vector<int>& page_rows, int rows, int cols)
      : flows_(flows), first_row_(page_first_row), page_rows_(page_rows),
        rows_(rows), cols_(cols) {}

  // Best total cost, or infinity.
  double Solve() {
    if (cols_ > kMaxCols) return kInf;
    State s;
    s.last.fill(-1);
    return Best(0, s);
  }

  // The choices along the best path, and alternatives within `margin`.
  void Paths(double margin, std::vector<std::vector<Choice>>* out) {
    State s;
    s.last.fill(-1);
    double best = Best(0, s);
    std::vector<Choice> path;
    Enumerate(0, s, 0.0, best + margin, &path, out);
  }

 private:
  static constexpr int kMaxCols = 8;
  static constexpr int kMaxDrift = 4;  // rows between the columns' last cells
  struct State {
    std::array<int, kMaxCols> last{};  // per column: the last row with a cell
    int merge = -1;     // -1: merges allowed, -2: no more, c: last merged
    unsigned open = 0;  // per column: the cell at `last` ends mid-name
    int prev_row = -9, prev_col = -9;  // where the previous flow's last cell went
  };
  // Memo key (per flow index): merge, open, previous placement, last rows.
  struct Key {
    std::array<int32_t, kMaxCols + 4> v{};
    bool operator==(const Key& o) const { return v == o.v; }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      uint64_t h = 0;
      for (int32_t x : k.v) h = (h + static_cast<uint32_t>(x) + 1) * 0x9E3779B97F4A7C15ull;
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  Key KeyOf(size_t i, const State& s) const {
    Key k;
    k.v[0] = s.merge;
    k.v[1] = static_cast<int32_t>(s.open);
    // Where the previous flow went only matters to a flow that follows it.
    bool follows = i < flows_.size() && flows_[i].follows_flow;
    k.v[2] = follows ? s.prev_row : -9;
    k.v[3] = follows ? s.prev_col : -9;
    for (int c = 0; c < cols_; ++c) k.v[static_cast<size_t>(c + 4)] = s.last[static_cast<size_t>(c)];
    return k;
  }

  bool FirstOfPage(size_t i) const {
    return i == 0 || flows_[i].page != flows_[i - 1].page;
  }

  // Rows before the previous page's last row must be complete when a page
  // starts; at the end every row must be.
  bool PageStartOk(size_t i, const State& s) const {
    int first = first_row_[static_cast<size_t>(flows_[i].page)];
    int need = first - 2;  // rows up to here complete
    return s.last[static_cast<size_t>(cols_ - 1)] >= need;
  }

  void Options(size_t i, const State& in, std::vector<std::pair<Choice, State>>* out) const {
    const Flow& f = flows_[i];
    State s = in;
    if (FirstOfPage(i)) s.merge = -1;
    int page = f.page;
    int first = first_row_[static_cast<size_t>(page)];
    int lo = std::max(0, first - 1);
    int hi = first + page_rows_[static_cast<size_t>(page)] - 1;
    int cont = first - 1;
    // Merge: the flow continues a cell of the previous page's last row —
    // among the page's first flows, or later when it starts with the tail
    // of a name that a cell of that row left open.
    if (cont >= 0 && !f.empty) {
      for (int c = 0; c < cols_; ++c) {
        if (s.last[static_cast<size_t>(c)] != cont) continue;
        bool open = (s.open >> c) & 1u;
        bool early = s.merge != -2 && c > s.merge;
        if (!early && !(f.continues && open)) continue;
        if (f.continues && !open) continue;
        // Earlier open cells of that row must have been continued.
        bool skipped_open = false;
        if (early) {
          for (int d = s.merge + 1; d < c; ++d) {
            if (s.last[static_cast<size_t>(d)] == cont && ((s.open >> d) & 1u)) skipped_open = true;
          }
        }
        if (skipped_open) continue;
        Choice ch;
        ch.merge = true;
        ch.col = c;
        ch.cells = 1;
        // A complete name added to a complete cell: the row's tallest cell,
        // most often the last one, runs over the page break.
        ch.cost = open ? 0.0 : (f.leading ? 0.0 : 0.5) + 0.1 * (cols_ - 1 - c);
        // A name the dictionary knows does not finish someone else's.
        if (open && f.starts_name) ch.cost += 2.0;
        // A deadline starts a row: the flow right after it is no continuation.
        if (f.after_deadline) ch.cost += 2.0;
        State t = s;
        if (early) t.merge = c;
        t.open = f.open_end ? (t.open | (1u << c)) : (t.open & ~(1u << c));
        t.prev_row = cont;
        t.prev_col = c;
        out->push_back({ch, t});
      }
    }
    // Place: new cells in column c, the rows after its last one.
    for (int c = 0; c < cols_; ++c) {
      if (c == 0 && f.empty) continue;  // 牵头 is never empty
      int r0 = s.last[static_cast<size_t>(c)] + 1;
      if (r0 < lo) continue;
      for (int k : f.cells_allowed) {
        int r1 = r0 + k - 1;
        if (r1 > hi) continue;
        double cost = 0;
        for (int r = r0; r <= r1; ++r) {
          // Per row, columns come in order: column c-1 already holds row r.
          if (c > 0 && s.last[static_cast<size_t>(c - 1)] < r) cost += 1.0;
        }
        // Prefer row by row: cells of a row placed while earlier rows of the
        // page still miss cells cost a little.
        for (int r = r0; r <= r1; ++r) {
          for (int q = lo; q < r; ++q) {
            if (s.last[static_cast<size_t>(cols_ - 1)] < q) cost += 0.1;
          }
        }
        // A deadline and its row's 牵头 cell lie side by side.
        if (f.after_deadline && c != 0) cost += 0.6;
        // Flows before the page's first deadline and measure continue the
        // previous page's row when they can.
        if (f.leading && s.merge != -2 && cont >= 0 && r0 > cont) cost += 0.5;
        if (f.continues) cost += 3.0;  // the tail of a name is no new cell
        // A row's 牵头 cell mostly follows the row's deadline directly.
        if (c == 0) cost += 0.5 * (k - (f.after_deadline ? 1 : 0));
        // Flows that follow each other directly mostly go on row by row:
        // the same row's next column.
        if (f.follows_flow && !(s.prev_col + 1 == c && r0 <= s.prev_row && s.prev_row <= r1)) {
          cost += 0.3;
        }
        // The column streams never drift far apart (bounded work).
        int lo_last = r1, hi_last = r1;
        for (int d = 0; d < cols_; ++d) {
          if (d == c) continue;
          lo_last = std::min(lo_last, s.last[static_cast<size_t>(d)]);
          hi_last = std::max(hi_last, s.last[static_cast<size_t>(d)]);
        }
        if (hi_last - lo_last > kMaxDrift) continue;
        State t = s;
        t.merge = -2;
        t.last[static_cast<size_t>(c)] = r1;
        t.prev_row = r1;
        t.prev_col = c;
        t.open = f.open_end ? (s.open | (1u << c)) : (s.open & ~(1u << c));
        Choice ch;
        ch.col = c;
        ch.cells = k;
        ch.cost = cost;
        out->push_back({ch, t});
      }
    }
  }

  double EndCost(const State& s) const {
    return s.last[static_cast<size_t>(cols_ - 1)] >= rows_ - 1 ? 0.0 : kInf;
  }

  double Best(size_t i, const State& s) {
    if (i == flows_.size()) return EndCost(s);
    if (FirstOfPage(i) && !PageStartOk(i, s)) return kInf;
    Key key = KeyOf(i, s);
    if (memo_.size() < flows_.size()) memo_.resize(flows_.size());
    auto& memo = memo_[i];
    auto it = memo.find(key);
    if (it != memo.end()) return it->second;
    if (++states_ > kMaxStates) return kInf;  // pathological input: give up
    double best = kInf;
    // One buffer per flow index: Best(i) only recurses into Best(i + 1).
    if (bufs_.size() < flows_.size()) bufs_.resize(flows_.size());
    std::vector<std::pair<Choice, State>>& opts = bufs_[i];
    opts.clear();
    Options(i, s, &opts);
    for (size_t o = 0; o < opts.size(); ++o) {
      const Choice ch = opts[o].first;
      double rest = Best(i + 1, opts[o].second);
      if (rest == kInf) continue;
      best = std::min(best, ch.cost + rest);
    }
    memo[key] = best;
    return best;
  }

  void Enumerate(size_t i, const State& s, double so_far, double limit,
                 std::vector<Choice>* path,
                 std::vector<std::vector<Choice>>* out) {
    if (out->size() >= 16) return;
    if (i == flows_.size()) {
      if (EndCost(s) == 0) out->push_back(*path);
      return;
    }
    if (FirstOfPage(i) && !PageStartOk(i, s)) return;
    std::vector<std::pair<Choice, State>> opts;
    Options(i, s, &opts);
    // Best options first, so that out->front() is the optimum.
    std::vector<std::pair<double, size_t>> order;
    for (size_t k = 0; k < opts.size(); ++k) {
      double rest = Best(i + 1, opts[k].second);
      if (rest == kInf) continue;
      order.push_back({opts[k].first.cost + rest, k});
    }
    std::sort(order.begin(), order.end());
    for (const auto& [total, k] : order) {
      if (so_far + total > limit + 1e-9) break;
      path->push_back(opts[k].first);
      Enumerate(i + 1, opts[k].second, so_far + opts[k].first.cost, limit, path, out);
      path->pop_back();
    }
  }

  static constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::vector<Flow>& flows_;
  const std::vector<int>& first_row_;
  const std::vector<int>& page_rows_;
  int rows_, cols_;
  static constexpr size_t kMaxStates = 400000;
  std::vector<std::unordered_map<Key, double, KeyHash>> memo_;
  size_t states_ = 0;
  std::vector<std::vector<std::pair<Choice, State>>> bufs_;
};

using NameOrder = std::map<std::pair<std::string, std::string>, int>;
using KnownCells = std::set<std::set<std::string>>;

// Ways to cut a flow's segments into `k` cells, names unique per cell,
// best first, each with its score: pairs of names in one cell listed against
// the order the document's other cells use, minus cells that repeat a cell
// seen elsewhere (the same set of names).
struct SplitOption {
  std::vector<int> cuts;  // segment index where each cell after the first starts
  int score = 0;
};

std::vector<SplitOption> SplitOptions(const Flow& f, int k, const NameOrder& order,
                                      const KnownCells& known) {
  const int n = static_cast<int>(f.segs.size());
  std::vector<SplitOption> all;
  if (f.hard || k >= n || k <= 1) {
    SplitOption o;
    if (k > 1) {
      for (int i = 1; i < n; ++i) o.cuts.push_back(i);
    }
    all.push_back(o);
    return all;
  }
  // Names as small ids; the order evidence between every two of them.
  std::vector<std::string> names;
  std::vector<std::vector<int>> seg_ids(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    for (const std::string& nm : f.segs[static_cast<size_t>(i)].names) {
      auto it = std::find(names.begin(), names.end(), nm);
      int id = static_cast<int>(it - names.begin());
      if (it == names.end()) names.push_back(nm);
      seg_ids[static_cast<size_t>(i)].push_back(id);
    }
  }
  const size_t m = names.size();
  std::vector<int> against(m * m, 0);  // against[a*m+b]: a listed before b goes against
  for (size_t x = 0; x < m; ++x) {
    for (size_t y = 0; y < m; ++y) {
      if (x == y) continue;
      auto fw = order.find({names[x], names[y]});
      auto bw = order.find({names[y], names[x]});
      int with = fw == order.end() ? 0 : fw->second;
      int ag = bw == order.end() ? 0 : bw->second;
      against[x * m + y] = ag > with ? 1 : 0;
    }
  }
  auto score = [&](const std::vector<int>& cs) -> int {
    int bad = 0, from = 0;
    for (size_t g = 0; g <= cs.size(); ++g) {
      int to = g < cs.size() ? cs[g] : n;
      std::vector<int> ids;
      for (int i = from; i < to; ++i) {
        for (int id : seg_ids[static_cast<size_t>(i)]) {
          if (std::find(ids.begin(), ids.end(), id) != ids.end()) return -1;  // repeated
          ids.push_back(id);
        }
      }
      for (size_t x = 0; x < ids.size(); ++x) {
        for (size_t y = x + 1; y < ids.size(); ++y) {
          bad += against[static_cast<size_t>(ids[x]) * m + static_cast<size_t>(ids[y])];
        }
      }
      std::set<std::string> set;
      for (int id : ids) set.insert(names[static_cast<size_t>(id)]);
      if (known.count(set) != 0) bad -= 2;
      from = to;
    }
    return bad + 1000;  // >= 0 for valid cuts
  };
  std::vector<int> cuts;
  auto rec = [&](auto&& self, int from, int left) -> void {
    if (all.size() >= 256) return;
    if (left == 0) {
      int sc = score(cuts);
      if (sc >= 0) all.push_back({cuts, sc - 1000});
      return;
    }
    for (int c = from; c <= n - left; ++c) {
      cuts.push_back(c);
      self(self, c + 1, left - 1);
      cuts.pop_back();
    }
  };
  rec(rec, 1, k - 1);
  std::stable_sort(all.begin(), all.end(), [](const SplitOption& a, const SplitOption& b) {
    return a.score < b.score;
  });
  return all;
}

// Character bigrams shared by two texts (a task name and a measure).
int SharedBigrams(const std::string& a, const std::string& b) {
  std::u32string x = ToU32(a), y = ToU32(b);
  std::set<std::u32string> bx;
  for (size_t i = 0; i + 1 < x.size(); ++i) {
    if (IsHan(x[i]) && IsHan(x[i + 1])) bx.insert(x.substr(i, 2));
  }
  std::set<std::u32string> seen;
  int n = 0;
  for (size_t i = 0; i + 1 < y.size(); ++i) {
    std::u32string g = y.substr(i, 2);
    if (bx.count(g) != 0 && seen.insert(g).second) ++n;
  }
  return n;
}

// ---------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------

struct RowBuild {
  int para = -1;
  int deadline = -1;
  int task = -1;
  std::vector<std::vector<std::string>> depts;
  std::set<int> pages;
  bool guessed_depts = false;  // department cells: several readings fit
  bool guessed_order = false;  // measure / deadline / task tied by order only
  std::vector<std::string> why;
};

class ColumnReader {
 public:
  ColumnReader(const std::vector<FlowLine>& body, const FlowColumns& cols,
               size_t max_dept_len, const normalizer::DepartmentDict& dict)
      : body_(body), cols_(cols), dict_(dict) {
    long_len_ = std::max<size_t>(max_dept_len + 1, 9);
  }

  bool Read(RawPlan* plan);

 private:
  bool Looks() const;
  void Paragraphs();
  void Deadlines();
  void Flows();
  bool Departments();
  void Tie();
  void Tasks();
  void Emit(RawPlan* plan);

  const std::vector<FlowLine>& body_;
  const FlowColumns& cols_;
  const normalizer::DepartmentDict& dict_;
  size_t long_len_;

  std::vector<Item> items_;
  std::vector<Para> paras_;
  std::vector<Deadline> deadlines_;
  std::vector<Flow> flows_;
  int pages_ = 0;
  std::vector<int> page_first_row_;  // per page: first row starting there
  std::vector<int> page_rows_;       // per page: rows starting there
  std::vector<int> row_para_;        // rows in paragraph order (page-wise)
  std::vector<RowBuild> rows_;
  std::map<int, std::pair<int, int>> flow_at_;  // flow's first item -> row, column

  struct Task {
    int seq_item = -1;
    std::string seq;
    std::vector<std::string> lines;
    int page = 0;
    int section = -1;
  };
  std::vector<Task> tasks_;
};

// The dump went column by column when deadlines sit between department
// cells (a deadline column read down the page) rather than after measures,
// or when pages start with their deadline and department cells.
bool ColumnReader::Looks() const {
  std::map<int, int> first_measure, first_tail;
  int deadlines = 0, amid_cells = 0;
  for (size_t i = 0; i < items_.size(); ++i) {
    const Item& it = items_[i];
    int idx = static_cast<int>(i);
    if (it.kind == Kind::kMeasure && first_measure.count(it.page) == 0) {
      first_measure[it.page] = idx;
    }
    if ((it.kind == Kind::kDeadline || it.kind == Kind::kDept) &&
        first_tail.count(it.page) == 0) {
      first_tail[it.page] = idx;
    }
    if (it.kind == Kind::kDeadline) {
      ++deadlines;
      Kind prev = i > 0 ? items_[i - 1].kind : Kind::kShort;
      if (prev == Kind::kDept || prev == Kind::kEmpty) ++amid_cells;
    }
  }
  int early = 0, pages = 0;
  for (const auto& [page, m] : first_measure) {
    ++pages;
    auto t = first_tail.find(page);
    if (t != first_tail.end() && t->second < m) ++early;
  }
  return pages > 0 && (early * 3 >= pages || amid_cells * 3 >= deadlines);
}

void ColumnReader::Paragraphs() {
  int section = -1;
  Para cur;
  bool open = false;
  for (size_t i = 0; i < items_.size(); ++i) {
    const Item& it = items_[i];
    int idx = static_cast<int>(i);
    if (it.kind == Kind::kHeading) section = idx;
    if (it.kind != Kind::kMeasure) continue;
    if (!open) {
      cur = Para();
      cur.page = it.page;
      cur.first = idx;
      cur.section = section;
      open = true;
    }
    cur.lines.push_back(it.lines[0]);
    cur.items.push_back(idx);
    cur.pages.insert(it.page);
    cur.blocks.insert(it.block);
    cur.last = idx;
    if (EndsSentence(NormCompact(it.lines[0]))) {
      paras_.push_back(cur);
      open = false;
    }
  }
  if (open) paras_.push_back(cur);
  // A measure whose sentence ended at the last line of a page may go on at
  // the top of the next: when a page has more paragraphs than deadlines and
  // its first measure line opens a paragraph, that line continues the
  // previous page's last one.
  std::map<int, int> deadlines_on, paras_on, first_measure;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].kind == Kind::kDeadline) ++deadlines_on[items_[i].page];
    if (items_[i].kind == Kind::kMeasure && first_measure.count(items_[i].page) == 0) {
      first_measure[items_[i].page] = static_cast<int>(i);
    }
  }
  for (const Para& p : paras_) ++paras_on[p.page];
  for (size_t a = 1; a < paras_.size(); ++a) {
    Para& prev = paras_[a - 1];
    Para& next = paras_[a];
    if (next.page != prev.page + 1 || prev.pages.size() != 1) continue;
    if (next.first != first_measure[next.page]) continue;
    if (paras_on[next.page] <= deadlines_on[next.page]) continue;
    prev.lines.insert(prev.lines.end(), next.lines.begin(), next.lines.end());
    prev.items.insert(prev.items.end(), next.items.begin(), next.items.end());
    prev.pages.insert(next.pages.begin(), next.pages.end());
    prev.blocks.insert(next.blocks.begin(), next.blocks.end());
    prev.last = next.last;
    --paras_on[next.page];
    paras_.erase(paras_.begin() + static_cast<long>(a));
    --a;
  }
}

void ColumnReader::Deadlines() {
  int run = -1;
  int prev = -2;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].kind != Kind::kDeadline) continue;
    int idx = static_cast<int>(i);
    if (prev != idx - 1 || items_[i].page != items_[static_cast<size_t>(idx - 1)].page ||
        !items_[i].adjacent()) {
      ++run;
    }
    deadlines_.push_back({idx, run});
    prev = idx;
  }
}

void ColumnReader::Flows() {
  for (size_t i = 0; i < items_.size();) {
    Kind k = items_[i].kind;
    if (k != Kind::kDept && k != Kind::kEmpty) {
      ++i;
      continue;
    }
    size_t j = i;
    if (k == Kind::kDept) {
      while (j + 1 < items_.size() && items_[j + 1].kind == Kind::kDept &&
             items_[j + 1].block == items_[i].block) {
        ++j;
      }
    }
    Flow f = MakeFlow(items_, static_cast<int>(i), static_cast<int>(j), dict_);
    f.after_deadline = i > 0 && items_[i - 1].kind == Kind::kDeadline &&
                       items_[i].adjacent() && items_[i - 1].page == items_[i].page;
    f.follows_flow = i > 0 && items_[i].adjacent() && items_[i - 1].page == items_[i].page &&
                     (items_[i - 1].kind == Kind::kDept || items_[i - 1].kind == Kind::kEmpty);
    f.leading = true;
    for (size_t b = i; b-- > 0 && items_[b].page == items_[i].page;) {
      if (items_[b].kind == Kind::kDeadline || items_[b].kind == Kind::kMeasure) {
        f.leading = false;
        break;
      }
    }
    flows_.push_back(std::move(f));
    i = j + 1;
  }
}

bool ColumnReader::Departments() {
  const int ncols = static_cast<int>(cols_.depts.size());
  const int nrows = static_cast<int>(paras_.size());
  rows_.assign(static_cast<size_t>(nrows), RowBuild());
  for (RowBuild& r : rows_) r.depts.assign(static_cast<size_t>(ncols), {});
  if (ncols == 0 || flows_.empty()) return ncols == 0;
  CellSolver solver(flows_, page_first_row_, page_rows_, nrows, ncols);
  if (solver.Solve() == std::numeric_limits<double>::infinity()) return false;
  std::vector<std::vector<Choice>> paths;
  solver.Paths(0.25, &paths);
  if (paths.empty()) return false;

  // Rows and columns of every cell, per path.
  struct Placed {
    int flow;
    int col;
    int row0;
    int cells;
    bool merge;
  };
  auto place = [&](const std::vector<Choice>& path) {
    std::vector<Placed> out;
    std::vector<int> last(static_cast<size_t>(ncols), -1);
    for (size_t i = 0; i < path.size(); ++i) {
      const Choice& ch = path[i];
      if (ch.merge) {
        out.push_back({static_cast<int>(i), ch.col, last[static_cast<size_t>(ch.col)], 1, true});
      } else {
        int r0 = last[static_cast<size_t>(ch.col)] + 1;
        out.push_back({static_cast<int>(i), ch.col, r0, ch.cells, false});
        last[static_cast<size_t>(ch.col)] = r0 + ch.cells - 1;
      }
    }
    return out;
  };
  std::vector<std::vector<Placed>> placed;
  for (const auto& p : paths) placed.push_back(place(p));
  const std::vector<Placed>& best = placed.front();

  // The usual order of names, and the cells seen, from flows that are one
  // cell.
  NameOrder order;
  KnownCells known;
  for (const Placed& p : best) {
    if (p.cells != 1) continue;
    std::vector<std::string> names;
    for (const Segment& s : flows_[static_cast<size_t>(p.flow)].segs) {
      names.insert(names.end(), s.names.begin(), s.names.end());
    }
    if (!names.empty()) known.insert(std::set<std::string>(names.begin(), names.end()));
    for (size_t a = 0; a < names.size(); ++a) {
      for (size_t b = a + 1; b < names.size(); ++b) ++order[{names[a], names[b]}];
    }
  }

  // Cells of the best path.
  for (const Placed& p : best) {
    const Flow& f = flows_[static_cast<size_t>(p.flow)];
    if (!p.merge) flow_at_[f.first] = {p.row0, p.col};
    std::vector<int> cuts;
    if (p.cells > 1) {
      std::vector<SplitOption> opts = SplitOptions(f, p.cells, order, known);
      if (opts.empty()) return false;
      cuts = opts.front().cuts;
      bool tie = opts.size() > 1 && opts[1].score == opts[0].score;
      if (opts.size() > 1) {
        for (int r = p.row0; r < p.row0 + p.cells; ++r) {
          RowBuild& rb = rows_[static_cast<size_t>(r)];
          rb.guessed_depts = true;
          rb.why.push_back(tie ? "a block of names spans several rows and the text does "
                                 "not show where one row's cell ends"
                               : "a block of names spans several rows; cut where the "
                                 "names' usual order restarts");
        }
      }
    }
    int from = 0;
    for (int c = 0; c < p.cells; ++c) {
      int to = c < static_cast<int>(cuts.size()) ? cuts[static_cast<size_t>(c)]
                                                 : static_cast<int>(f.segs.size());
      if (c + 1 == p.cells) to = static_cast<int>(f.segs.size());
      RowBuild& rb = rows_[static_cast<size_t>(p.row0 + c)];
      auto& dst = rb.depts[static_cast<size_t>(p.col)];
      for (int s = from; s < to; ++s) {
        const auto& ls = f.segs[static_cast<size_t>(s)].lines;
        dst.insert(dst.end(), ls.begin(), ls.end());
      }
      for (int it = f.first; it <= f.last; ++it) {
        rb.pages.insert(items_[static_cast<size_t>(it)].page);
      }
      from = to;
    }
  }
  // Rows whose cells differ between readings that fit about equally well.
  auto key_of = [&](const std::vector<Placed>& ps) {
    std::vector<std::vector<std::string>> k(static_cast<size_t>(nrows));
    for (const Placed& p : ps) {
      for (int c = 0; c < p.cells; ++c) {
        k[static_cast<size_t>(p.row0 + c)].push_back(
            std::to_string(p.col) + "/" + std::to_string(p.flow) + "/" +
            std::to_string(c) + "/" + std::to_string(p.cells));
      }
    }
    return k;
  };
  auto k0 = key_of(best);
  for (size_t a = 1; a < placed.size(); ++a) {
    auto ka = key_of(placed[a]);
    for (size_t r = 0; r < static_cast<size_t>(nrows); ++r) {
      if (ka[r] != k0[r] && !rows_[r].guessed_depts) {
        rows_[r].guessed_depts = true;
        rows_[r].why.push_back("the order of the department blocks fits more than one "
                               "assignment to rows and columns");
      }
    }
  }
  return true;
}

// Deadlines and measures to rows.
void ColumnReader::Tie() {
  const int nrows = static_cast<int>(rows_.size());
  // Flows placed as a 牵头 cell: first item -> row.
  std::map<int, int> lead_flow_row;
  for (const auto& [item, at] : flow_at_) {
    if (at.second == 0) lead_flow_row[item] = at.first;
  }
  std::vector<int> row_deadline(static_cast<size_t>(nrows), -1);
  std::vector<bool> dl_used(deadlines_.size(), false);
  // A run of deadlines directly followed by a 牵头 cell: the rows from there.
  for (size_t d = 0; d < deadlines_.size();) {
    size_t e = d;
    while (e + 1 < deadlines_.size() && deadlines_[e + 1].run == deadlines_[d].run) ++e;
    int after = deadlines_[e].item + 1;
    if (after < static_cast<int>(items_.size()) &&
        items_[static_cast<size_t>(after)].adjacent() &&
        items_[static_cast<size_t>(after)].page == items_[static_cast<size_t>(deadlines_[e].item)].page) {
      auto it = lead_flow_row.find(after);
      if (it != lead_flow_row.end()) {
        int r = it->second;
        bool ok = r + static_cast<int>(e - d) < nrows;
        for (size_t k = d; k <= e && ok; ++k) {
          ok = row_deadline[static_cast<size_t>(r + static_cast<int>(k - d))] < 0;
        }
        if (ok) {
          for (size_t k = d; k <= e; ++k) {
            row_deadline[static_cast<size_t>(r + static_cast<int>(k - d))] = static_cast<int>(k);
            dl_used[k] = true;
          }
        }
      }
    }
    d = e + 1;
  }
  // The rest in order, per page: rows of the page without a deadline.
  std::vector<bool> guessed_dl(static_cast<size_t>(nrows), false);
  for (int page = 1; page <= pages_; ++page) {
    std::vector<size_t> free_dl;
    for (size_t d = 0; d < deadlines_.size(); ++d) {
      if (!dl_used[d] && items_[static_cast<size_t>(deadlines_[d].item)].page == page) {
        free_dl.push_back(d);
      }
    }
    std::vector<int> free_rows;
    int first = page_first_row_[static_cast<size_t>(page)];
    int n = page_rows_[static_cast<size_t>(page)];
    if (first - 1 >= 0 && row_deadline[static_cast<size_t>(first - 1)] < 0 &&
        static_cast<int>(free_dl.size()) > n) {
      free_rows.push_back(first - 1);
    }
    for (int r = first; r < first + n; ++r) {
      if (row_deadline[static_cast<size_t>(r)] < 0) free_rows.push_back(r);
    }
    std::set<std::string> texts;
    std::set<int> runs;
    for (size_t k = 0; k < free_dl.size() && k < free_rows.size(); ++k) {
      texts.insert(JoinNorm(items_[static_cast<size_t>(deadlines_[free_dl[k]].item)].lines));
      runs.insert(deadlines_[free_dl[k]].run);
    }
    bool by_order_matters = texts.size() > 1 && runs.size() > 1;
    for (size_t k = 0; k < free_dl.size() && k < free_rows.size(); ++k) {
      row_deadline[static_cast<size_t>(free_rows[k])] = static_cast<int>(free_dl[k]);
      dl_used[free_dl[k]] = true;
      if (by_order_matters) guessed_dl[static_cast<size_t>(free_rows[k])] = true;
    }
  }
  // Measures: a paragraph directly followed by a lone deadline is that
  // deadline's row; the rest fill the page's other rows in order.
  std::vector<int> row_para(static_cast<size_t>(nrows), -1);
  std::vector<bool> para_used(paras_.size(), false);
  std::map<int, int> dl_row;
  for (int r = 0; r < nrows; ++r) {
    if (row_deadline[static_cast<size_t>(r)] >= 0) dl_row[row_deadline[static_cast<size_t>(r)]] = r;
  }
  for (size_t p = 0; p < paras_.size(); ++p) {
    int after = paras_[p].last + 1;
    for (size_t d = 0; d < deadlines_.size(); ++d) {
      if (deadlines_[d].item != after) continue;
      bool lone = (d == 0 || deadlines_[d - 1].run != deadlines_[d].run) &&
                  (d + 1 == deadlines_.size() || deadlines_[d + 1].run != deadlines_[d].run);
      auto it = dl_row.find(static_cast<int>(d));
      if (lone && it != dl_row.end() && row_para[static_cast<size_t>(it->second)] < 0 &&
          items_[static_cast<size_t>(after)].adjacent() &&
          items_[static_cast<size_t>(after)].page == paras_[p].page) {
        row_para[static_cast<size_t>(it->second)] = static_cast<int>(p);
        para_used[p] = true;
      }
    }
  }
  std::vector<bool> guessed_para(static_cast<size_t>(nrows), false);
  for (int page = 1; page <= pages_; ++page) {
    std::vector<size_t> free_p;
    for (size_t p = 0; p < paras_.size(); ++p) {
      if (!para_used[p] && paras_[p].page == page) free_p.push_back(p);
    }
    std::vector<int> free_rows;
    int first = page_first_row_[static_cast<size_t>(page)];
    int n = page_rows_[static_cast<size_t>(page)];
    for (int r = first; r < first + n; ++r) {
      if (row_para[static_cast<size_t>(r)] < 0) free_rows.push_back(r);
    }
    std::set<int> blocks;
    for (size_t p : free_p) blocks.insert(*paras_[p].blocks.begin());
    bool by_order_matters = free_p.size() > 1 && blocks.size() > 1;
    for (size_t k = 0; k < free_p.size() && k < free_rows.size(); ++k) {
      row_para[static_cast<size_t>(free_rows[k])] = static_cast<int>(free_p[k]);
      para_used[free_p[k]] = true;
      if (by_order_matters) guessed_para[static_cast<size_t>(free_rows[k])] = true;
    }
  }
  for (int r = 0; r < nrows; ++r) {
    RowBuild& rb = rows_[static_cast<size_t>(r)];
    rb.para = row_para[static_cast<size_t>(r)];
    rb.deadline = row_deadline[static_cast<size_t>(r)];
    if (rb.para < 0 || rb.deadline < 0) {
      rb.guessed_order = true;
      rb.why.push_back(rb.para < 0 ? "no measure found for the row"
                                   : "no deadline found for the row");
    }
    if (guessed_para[static_cast<size_t>(r)] && guessed_dl[static_cast<size_t>(r)]) {
      rb.guessed_order = true;
      rb.why.push_back("the measures of the page lie in separate blocks; tied to "
                       "rows by order");
    } else if (guessed_para[static_cast<size_t>(r)] || guessed_dl[static_cast<size_t>(r)]) {
      rb.guessed_order = true;
      rb.why.push_back(guessed_para[static_cast<size_t>(r)]
                           ? "the measures of the page lie in separate blocks; tied "
                             "to rows by order"
                           : "the deadlines of the page differ and lie apart; tied to "
                             "rows by order");
    }
    if (rb.para >= 0) {
      const Para& p = paras_[static_cast<size_t>(rb.para)];
      rb.pages.insert(p.pages.begin(), p.pages.end());
    }
    if (rb.deadline >= 0) {
      rb.pages.insert(items_[static_cast<size_t>(deadlines_[static_cast<size_t>(rb.deadline)].item)].page);
    }
  }
}

// Tasks: the task stream cut into one task per sequence number, then spread
// over rows.
void ColumnReader::Tasks() {
  // Sequence numbers and the heading in force at each.
  int section = -1;
  std::vector<std::pair<int, int>> seqs;  // item, section
  struct TLine {
    std::string text;
    int page;
    int block;
    int item;
  };
  std::vector<TLine> tl;
  for (size_t i = 0; i < items_.size(); ++i) {
    const Item& it = items_[i];
    if (it.kind == Kind::kHeading) section = static_cast<int>(i);
    if (it.kind == Kind::kSeq) seqs.push_back({static_cast<int>(i), section});
    if (it.kind == Kind::kTask) {
      tl.push_back({it.lines[0], it.page, it.block, static_cast<int>(i)});
    }
  }
  const int K = static_cast<int>(seqs.size());
  if (K == 0) return;
  // Cut the task lines into K tasks: a line shorter than the column's width
  // ends a task; so may the end of a run; the number of tasks starting on
  // each page is the number of sequence numbers there.
  size_t width = 0;
  for (const TLine& t : tl) width = std::max(width, CodePoints(NormCompact(t.text)));
  const int L = static_cast<int>(tl.size());
  std::vector<int> strength(static_cast<size_t>(L), 0);  // after line i: 2 must, 1 may, 0 weak
  for (int i = 0; i < L; ++i) {
    const std::string& tn = NormCompact(tl[static_cast<size_t>(i)].text);
    // Han text fills the column evenly; other characters are narrower.
    size_t w = CodePoints(tn) + (AllHan(tn) ? 0 : 1);
    bool run_end = i + 1 == L || tl[static_cast<size_t>(i + 1)].item != tl[static_cast<size_t>(i)].item + 1;
    strength[static_cast<size_t>(i)] = w < width ? 2 : run_end ? 1 : 0;
    if (i + 1 == L) {
      strength[static_cast<size_t>(i)] = 2;
    } else if (strength[static_cast<size_t>(i)] == 1 &&
               tl[static_cast<size_t>(i + 1)].block == tl[static_cast<size_t>(i)].block) {
      // A sequence number printed between two task lines of one flow is
      // centred on its task: the task goes on.
      for (int m = tl[static_cast<size_t>(i)].item + 1; m < tl[static_cast<size_t>(i + 1)].item; ++m) {
        if (items_[static_cast<size_t>(m)].kind == Kind::kSeq) strength[static_cast<size_t>(i)] = 0;
      }
    }
  }
  std::map<int, int> seqs_on_page;
  for (const auto& s : seqs) ++seqs_on_page[items_[static_cast<size_t>(s.first)].page];
  // DP over lines: ways[i][k] = the cheapest way to cut lines [0, i) into k
  // tasks (cost = weak cuts used + 0.1 * "may" cuts), checking per-page starts.
  const double kInf = std::numeric_limits<double>::infinity();
  // starts: the lines where tasks start. Search: choose cut positions.
  std::vector<std::vector<double>> best(static_cast<size_t>(L + 1),
                                        std::vector<double>(static_cast<size_t>(K + 1), kInf));
  std::vector<std::vector<int>> from(static_cast<size_t>(L + 1),
                                     std::vector<int>(static_cast<size_t>(K + 1), -1));
  std::vector<std::vector<int>> count(static_cast<size_t>(L + 1),
                                      std::vector<int>(static_cast<size_t>(K + 1), 0));
  // Cumulative sequence numbers up to each page.
  auto seqs_upto = [&](int page) {
    int n = 0;
    for (const auto& [p, c] : seqs_on_page) {
      if (p <= page) n += c;
    }
    return n;
  };
  auto starts_ok = [&](int start_line, int k_after) {
    // Task number k_after (1-based) starts at start_line: it must not start
    // on a page before its number's page, and tasks whose numbers are on
    // earlier pages must have started by then.
    int page = tl[static_cast<size_t>(start_line)].page;
    return k_after <= seqs_upto(page) && k_after > seqs_upto(page - 1);
  };
  best[0][0] = 0;
  count[0][0] = 1;
  for (int i = 0; i < L; ++i) {
    for (int k = 0; k < K; ++k) {
      if (best[static_cast<size_t>(i)][static_cast<size_t>(k)] == kInf) continue;
      if (!starts_ok(i, k + 1)) continue;
      // Task k+1 spans lines [i, j].
      for (int j = i; j < L; ++j) {
        int s = strength[static_cast<size_t>(j)];
        double c = s == 2 ? 0 : s == 1 ? 0.1 : 1.0;
        double v = best[static_cast<size_t>(i)][static_cast<size_t>(k)] + c;
        double& dst = best[static_cast<size_t>(j + 1)][static_cast<size_t>(k + 1)];
        int ways = count[static_cast<size_t>(i)][static_cast<size_t>(k)];
        if (v < dst - 1e-9) {
          dst = v;
          from[static_cast<size_t>(j + 1)][static_cast<size_t>(k + 1)] = i;
          count[static_cast<size_t>(j + 1)][static_cast<size_t>(k + 1)] = ways;
        } else if (v < dst + 1e-9) {
          count[static_cast<size_t>(j + 1)][static_cast<size_t>(k + 1)] += ways;
        }
        if (s == 2) break;  // a short line always ends its task
      }
    }
  }
  std::vector<bool> task_guessed(static_cast<size_t>(K), false);
  tasks_.assign(static_cast<size_t>(K), Task());
  for (int k = 0; k < K; ++k) {
    tasks_[static_cast<size_t>(k)].seq_item = seqs[static_cast<size_t>(k)].first;
    tasks_[static_cast<size_t>(k)].seq = items_[static_cast<size_t>(seqs[static_cast<size_t>(k)].first)].lines[0];
    tasks_[static_cast<size_t>(k)].page = items_[static_cast<size_t>(seqs[static_cast<size_t>(k)].first)].page;
    tasks_[static_cast<size_t>(k)].section = seqs[static_cast<size_t>(k)].second;
  }
  bool cut_ok = L > 0 && best[static_cast<size_t>(L)][static_cast<size_t>(K)] < kInf;
  if (cut_ok) {
    int j = L;
    for (int k = K; k > 0; --k) {
      int i = from[static_cast<size_t>(j)][static_cast<size_t>(k)];
      for (int m = i; m < j; ++m) tasks_[static_cast<size_t>(k - 1)].lines.push_back(tl[static_cast<size_t>(m)].text);
      j = i;
    }
    // A task's cut is certain when no other span for it comes within 0.5 of
    // the best total: backward costs, then every span (k, i, j) checked.
    std::vector<std::vector<double>> rest(static_cast<size_t>(L + 2),
                                          std::vector<double>(static_cast<size_t>(K + 1), kInf));
    rest[static_cast<size_t>(L)][static_cast<size_t>(K)] = 0;
    for (int i = L - 1; i >= 0; --i) {
      for (int k = K - 1; k >= 0; --k) {
        if (!starts_ok(i, k + 1)) continue;
        for (int e = i; e < L; ++e) {
          int st = strength[static_cast<size_t>(e)];
          double c = st == 2 ? 0 : st == 1 ? 0.1 : 1.0;
          double v = c + rest[static_cast<size_t>(e + 1)][static_cast<size_t>(k + 1)];
          rest[static_cast<size_t>(i)][static_cast<size_t>(k)] =
              std::min(rest[static_cast<size_t>(i)][static_cast<size_t>(k)], v);
          if (st == 2) break;
        }
      }
    }
    const double total = best[static_cast<size_t>(L)][static_cast<size_t>(K)];
    for (int k = 0; k < K; ++k) {
      int spans = 0;
      for (int i = 0; i < L; ++i) {
        if (best[static_cast<size_t>(i)][static_cast<size_t>(k)] == kInf || !starts_ok(i, k + 1)) continue;
        for (int e = i; e < L; ++e) {
          int st = strength[static_cast<size_t>(e)];
          double c = st == 2 ? 0 : st == 1 ? 0.1 : 1.0;
          double v = best[static_cast<size_t>(i)][static_cast<size_t>(k)] + c +
                     rest[static_cast<size_t>(e + 1)][static_cast<size_t>(k + 1)];
          if (v <= total + 0.5) ++spans;
          if (st == 2) break;
        }
      }
      if (spans != 1) task_guessed[static_cast<size_t>(k)] = true;
    }
  } else {
    for (int k = 0; k < K; ++k) task_guessed[static_cast<size_t>(k)] = true;
  }

  // Tasks over rows: each task a run of consecutive rows, in order; a task
  // stays in its section; its first row is on its number's page (or starts
  // on the page before and continues onto it). Ties: the task name shares
  // words with the measures of its rows.
  const int R = static_cast<int>(rows_.size());
  std::vector<int> row_section(static_cast<size_t>(R), -1);
  std::vector<std::string> row_text(static_cast<size_t>(R));
  for (int r = 0; r < R; ++r) {
    const RowBuild& rb = rows_[static_cast<size_t>(r)];
    if (rb.para >= 0) {
      row_section[static_cast<size_t>(r)] = paras_[static_cast<size_t>(rb.para)].section;
      row_text[static_cast<size_t>(r)] = JoinNorm(paras_[static_cast<size_t>(rb.para)].lines);
    }
  }
  bool strict = true;
  auto first_ok = [&](int k, int r) {
    const Task& t = tasks_[static_cast<size_t>(k)];
    const RowBuild& rb = rows_[static_cast<size_t>(r)];
    if (rb.para < 0) return true;
    const Para& p = paras_[static_cast<size_t>(rb.para)];
    return strict ? p.page == t.page : p.pages.count(t.page) != 0;
  };
  // A task line printed amid a measure's lines (one flow, sorted by height)
  // lies beside that measure: its row belongs to the task.
  std::vector<int> pinned(static_cast<size_t>(R), -1);
  {
    std::map<int, int> para_row;
    for (int r = 0; r < R; ++r) {
      if (rows_[static_cast<size_t>(r)].para >= 0) para_row[rows_[static_cast<size_t>(r)].para] = r;
    }
    // Which task each task line went to.
    std::map<int, int> line_task;
    int line = 0;
    for (int k = 0; k < K; ++k) {
      for (size_t m = 0; m < tasks_[static_cast<size_t>(k)].lines.size(); ++m) {
        if (line < L) line_task[tl[static_cast<size_t>(line)].item] = k;
        ++line;
      }
    }
    for (size_t p = 0; p < paras_.size(); ++p) {
      const Para& pa = paras_[p];
      for (const auto& [item, task] : line_task) {
        if (item <= pa.first || item >= pa.last) continue;
        if (items_[static_cast<size_t>(item)].block != items_[static_cast<size_t>(pa.first)].block) continue;
        auto it = para_row.find(static_cast<int>(p));
        if (it != para_row.end()) pinned[static_cast<size_t>(it->second)] = task;
      }
    }
  }
  auto row_ok = [&](int k, int r) {
    int pin = pinned[static_cast<size_t>(r)];
    return pin < 0 || pin == k;
  };
  auto span_ok = [&](int k, int r, int e) {
    for (int m = r; m <= e; ++m) {
      int pin = pinned[static_cast<size_t>(m)];
      if (pin >= 0 && pin != k) return false;
    }
    return true;
  };
  auto pins_left = [&](int k, int r) {
    // Rows before r pinned to task k or later would be left out.
    for (int m = 0; m < r; ++m) {
      if (pinned[static_cast<size_t>(m)] >= k) return false;
    }
    return true;
  };
  std::vector<std::string> task_text(static_cast<size_t>(K));
  for (int k = 0; k < K; ++k) task_text[static_cast<size_t>(k)] = JoinNorm(tasks_[static_cast<size_t>(k)].lines);
  // fwd[k][r]: tasks [0, k) cover rows [0, r) feasibly; value = best score.
  const double kNeg = -std::numeric_limits<double>::infinity();
  std::vector<std::vector<int>> sim(static_cast<size_t>(K), std::vector<int>(static_cast<size_t>(R)));
  for (int k = 0; k < K; ++k) {
    for (int r = 0; r < R; ++r) {
      sim[static_cast<size_t>(k)][static_cast<size_t>(r)] =
          SharedBigrams(task_text[static_cast<size_t>(k)], row_text[static_cast<size_t>(r)]);
    }
  }
  std::vector<std::vector<double>> fwd;
  std::vector<std::vector<int>> back;
  std::vector<std::vector<bool>> can_fwd, can_bwd;
  // First with each task's first row starting on its number's page, then
  // also with a row that only goes on there.
  for (int attempt = 0; attempt < 2; ++attempt) {
    strict = attempt == 0;
    fwd = std::vector<std::vector<double>>(static_cast<size_t>(K + 1), std::vector<double>(static_cast<size_t>(R + 1), kNeg));
    back = std::vector<std::vector<int>>(static_cast<size_t>(K + 1), std::vector<int>(static_cast<size_t>(R + 1), -1));
    fwd[0][0] = 0;
    for (int k = 0; k < K; ++k) {
      for (int r = 0; r < R; ++r) {
        if (fwd[static_cast<size_t>(k)][static_cast<size_t>(r)] == kNeg) continue;
        if (!first_ok(k, r) || !pins_left(k, r)) continue;
        double score = fwd[static_cast<size_t>(k)][static_cast<size_t>(r)];
        for (int e = r; e < R; ++e) {
          if (row_section[static_cast<size_t>(e)] != tasks_[static_cast<size_t>(k)].section) break;
          if (!row_ok(k, e)) break;  // rows r..e-1 passed already
          score += sim[static_cast<size_t>(k)][static_cast<size_t>(e)];
          double& dst = fwd[static_cast<size_t>(k + 1)][static_cast<size_t>(e + 1)];
          if (score > dst) {
            dst = score;
            back[static_cast<size_t>(k + 1)][static_cast<size_t>(e + 1)] = r;
          }
        }
      }
    }
    // Which tasks can each row take (feasibility both ways)?
    can_fwd = std::vector<std::vector<bool>>(static_cast<size_t>(K + 1), std::vector<bool>(static_cast<size_t>(R + 1), false));
    can_bwd = std::vector<std::vector<bool>>(static_cast<size_t>(K + 1), std::vector<bool>(static_cast<size_t>(R + 1), false));
    for (int k = 0; k <= K; ++k) {
      for (int r = 0; r <= R; ++r) can_fwd[static_cast<size_t>(k)][static_cast<size_t>(r)] = fwd[static_cast<size_t>(k)][static_cast<size_t>(r)] != kNeg;
    }
    can_bwd[static_cast<size_t>(K)][static_cast<size_t>(R)] = true;
    for (int k = K - 1; k >= 0; --k) {
      for (int r = R - 1; r >= 0; --r) {
        if (!first_ok(k, r) || !pins_left(k, r)) continue;
        for (int e = r; e < R; ++e) {
          if (row_section[static_cast<size_t>(e)] != tasks_[static_cast<size_t>(k)].section) break;
          if (!row_ok(k, e)) break;  // rows r..e-1 passed already
          if (can_bwd[static_cast<size_t>(k + 1)][static_cast<size_t>(e + 1)]) {
            can_bwd[static_cast<size_t>(k)][static_cast<size_t>(r)] = true;
            break;
          }
        }
      }
    }
    if (fwd[static_cast<size_t>(K)][static_cast<size_t>(R)] != kNeg) break;
  }
  if (fwd[static_cast<size_t>(K)][static_cast<size_t>(R)] == kNeg) {
    for (RowBuild& rb : rows_) {
      rb.guessed_order = true;
      rb.why.push_back("the rows could not be spread over the tasks");
    }
    // Fallback: first rows in order.
    for (int r = 0; r < R; ++r) rows_[static_cast<size_t>(r)].task = std::min(r, K - 1);
    return;
  }
  int r = R;
  for (int k = K; k > 0; --k) {
    int s = back[static_cast<size_t>(k)][static_cast<size_t>(r)];
    for (int m = s; m < r; ++m) rows_[static_cast<size_t>(m)].task = k - 1;
    r = s;
  }
  // A row is certain when every feasible spread gives it the same task:
  // task k covers row r iff some start s <= r and end e >= r work. (Cubic:
  // on very long plans every row is taken as a guess instead.)
  const bool analyse = static_cast<double>(R) * R * K <= 4e6;
  for (int row = 0; row < R; ++row) {
    if (!analyse) {
      rows_[static_cast<size_t>(row)].guessed_order = true;
      rows_[static_cast<size_t>(row)].why.push_back("which task the row belongs to is not shown by the text");
      continue;
    }
    int options = 0;
    for (int k = 0; k < K; ++k) {
      bool possible = false;
      for (int s = 0; s <= row && !possible; ++s) {
        if (!can_fwd[static_cast<size_t>(k)][static_cast<size_t>(s)] || !first_ok(k, s) ||
            !pins_left(k, s)) {
          continue;
        }
        bool same_section = true;
        for (int m = s; m <= row; ++m) {
          same_section = same_section && row_section[static_cast<size_t>(m)] == tasks_[static_cast<size_t>(k)].section;
        }
        if (!same_section || !span_ok(k, s, row)) continue;
        for (int e = row; e < R && !possible; ++e) {
          if (row_section[static_cast<size_t>(e)] != tasks_[static_cast<size_t>(k)].section) break;
          if (!row_ok(k, e)) break;
          possible = can_bwd[static_cast<size_t>(k + 1)][static_cast<size_t>(e + 1)];
        }
      }
      options += possible ? 1 : 0;
    }
    RowBuild& rb = rows_[static_cast<size_t>(row)];
    if (options > 1) {
      rb.guessed_order = true;
      rb.why.push_back("which task the row belongs to is not shown by the text "
                       "(taken from shared words)");
    }
    if (rb.task >= 0 && task_guessed[static_cast<size_t>(rb.task)]) {
      rb.guessed_order = true;
      rb.why.push_back("where the task names end is not shown by the text");
    }
  }
}

void ColumnReader::Emit(RawPlan* plan) {
  std::vector<RawRow> rows;
  std::vector<Warning> warnings;
  int guessed = 0;
  for (size_t r = 0; r < rows_.size(); ++r) {
    const RowBuild& rb = rows_[r];
    RawRow row;
    row.cells.assign(plan->columns.size(), {});
    if (rb.para >= 0) {
      const Para& p = paras_[static_cast<size_t>(rb.para)];
      if (p.section >= 0) row.section = {Trim(items_[static_cast<size_t>(p.section)].lines[0])};
      if (cols_.measure >= 0) row.cells[static_cast<size_t>(cols_.measure)] = p.lines;
    }
    if (rb.task >= 0 && rb.task < static_cast<int>(tasks_.size())) {
      const Task& t = tasks_[static_cast<size_t>(rb.task)];
      if (cols_.seq >= 0) row.cells[static_cast<size_t>(cols_.seq)] = {t.seq};
      if (cols_.task >= 0) row.cells[static_cast<size_t>(cols_.task)] = t.lines;
    }
    if (rb.deadline >= 0 && cols_.deadline >= 0) {
      row.cells[static_cast<size_t>(cols_.deadline)] =
          items_[static_cast<size_t>(deadlines_[static_cast<size_t>(rb.deadline)].item)].lines;
    }
    for (size_t c = 0; c < cols_.depts.size(); ++c) {
      row.cells[static_cast<size_t>(cols_.depts[c])] = rb.depts[c];
    }
    row.pages.assign(rb.pages.begin(), rb.pages.end());
    row.low_confidence = rb.guessed_depts || rb.guessed_order;
    if (row.low_confidence) {
      ++guessed;
      std::string start;
      if (rb.para >= 0) {
        std::u32string m = ToU32(JoinNorm(paras_[static_cast<size_t>(rb.para)].lines));
        start = ToUtf8(m.substr(0, std::min<size_t>(m.size(), 12)));
      }
      std::string seq = rb.task >= 0 && rb.task < static_cast<int>(tasks_.size())
                            ? tasks_[static_cast<size_t>(rb.task)].seq
                            : "?";
      std::string why;
      for (const std::string& w : rb.why) {
        if (why.find(w) != std::string::npos) continue;
        if (!why.empty()) why += "; ";
        why += w;
      }
      int page = row.pages.empty() ? 0 : row.pages.front();
      warnings.push_back({rb.guessed_depts ? "ambiguous_departments" : "ambiguous_row",
                          "row " + seq + " \"" + start + "…\" (page " +
                              std::to_string(page) + "), read column by column: " +
                              why + "; best guess used",
                          page});
    }
    rows.push_back(std::move(row));
  }
  plan->rows = std::move(rows);
  plan->warnings.push_back(
      {"column_flow_reading",
       "the text dump's reading order goes column by column (a page's deadline "
       "and department cells apart from its measures); rows were rebuilt from "
       "the column streams, " + std::to_string(guessed) + " of " +
           std::to_string(rows_.size()) +
           " with a guess (low-confidence); a layout dump (pdftotext -layout) "
           "or the PDF gives them exactly",
       0});
  plan->warnings.insert(plan->warnings.end(), warnings.begin(), warnings.end());
}

bool ColumnReader::Read(RawPlan* plan) {
  items_ = Classify(body_, long_len_, dict_);
  if (!Looks()) return false;
  Paragraphs();
  if (paras_.empty()) return false;
  Deadlines();
  Flows();
  for (const Item& it : items_) pages_ = std::max(pages_, it.page);
  page_first_row_.assign(static_cast<size_t>(pages_ + 2), 0);
  page_rows_.assign(static_cast<size_t>(pages_ + 2), 0);
  for (const Para& p : paras_) ++page_rows_[static_cast<size_t>(p.page)];
  int acc = 0;
  for (int p = 0; p <= pages_ + 1; ++p) {
    page_first_row_[static_cast<size_t>(p)] = acc;
    acc += page_rows_[static_cast<size_t>(p)];
  }
  if (!Departments()) return false;
  Tie();
  Tasks();
  Emit(plan);
  return true;
}

}  // namespace

bool ReadColumnFlow(const std::vector<FlowLine>& body, const FlowColumns& cols,
                    size_t max_dept_len, const normalizer::DepartmentDict& dict,
                    RawPlan* plan) {
  ColumnReader reader(body, cols, max_dept_len, dict);
  RawPlan out = *plan;
  if (!reader.Read(&out)) return false;
  *plan = std::move(out);
  return true;
}

}  // namespace plan2json::extractor::textdump
