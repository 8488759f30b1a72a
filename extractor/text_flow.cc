// Copyright 2026 The plan2json Authors.
//
// Reading-order dumps (plain pdftotext): rows from the order of the text.
//
// The dump is read as a sequence of rows, each:
//   [seq [task…]]  measure… (ends a sentence)  deadline  departments…
// with section headings between them. A row's measure ends where a deadline
// follows a sentence end (on the same line or the next block); its
// departments run until a line that is not made of department names (the
// next measure), a sequence number or a section heading. Which department
// column each name belongs to is decided by AssignDepartments.
//
// When the dump went column by column instead (its header one word a line,
// or rows without deadlines: pdftotext on some office-produced PDFs), the
// body goes to the column-flow reading (text_columns.cc); if that does not
// take it either, this reading stands with every row low-confidence.

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "extractor/text_dump.h"

namespace plan2json::extractor::textdump {

// ---------------------------------------------------------------------------
// Departments over columns
// ---------------------------------------------------------------------------

namespace {

enum class Boundary { kFirst, kSameLine, kNewLine, kNewBlock };

struct Piece {
  std::vector<std::string> lines;
  bool mark = false;  // "———": an empty cell
  bool open = false;  // a name not finished yet (wrapped)
  int level = 0;
  int last_line = 0;
  Boundary before = Boundary::kFirst;
};

std::string Joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += Compact(l);
  return s;
}

// Costs of going against the evidence; a split is confident when every other
// split costs at least kMargin more.
constexpr double kBlockKeptTogether = 1.0;  // a new block, same column
constexpr double kLineSplit = 1.0;          // next line, new column
constexpr double kLevelMix = 0.25;          // 区政府 and 市… in one cell
constexpr double kLeadEmpty = 3.0;
constexpr double kGap = 1.5;                // an unmarked empty cell before a
                                            // filled one
constexpr double kLeadGrows = 0.1;          // tie-breakers: the lead is the
constexpr double kEarlyMerge = 0.01;        // first block; extra blocks go
                                            // to later columns
// One violation of the evidence above is common in real dumps (pdftotext
// cuts a tall cell into blocks), so a split is only trusted when every other
// split needs clearly more than one more.
constexpr double kMargin = 1.2;

}  // namespace

DeptSplit AssignDepartments(const std::vector<DeptToken>& tokens,
                            size_t columns,
                            const normalizer::DepartmentDict& dict) {
  DeptSplit out;
  out.columns.assign(columns, {});
  if (tokens.empty() || columns == 0) return out;

  // Tokens -> pieces: wrapped names and bracket tails rejoin their name.
  std::vector<Piece> pieces;
  int prev_line = -1, prev_block = -1;
  for (const DeptToken& t : tokens) {
    Boundary b = pieces.empty()          ? Boundary::kFirst
                 : t.line == prev_line   ? Boundary::kSameLine
                 : t.block == prev_block ? Boundary::kNewLine
                                         : Boundary::kNewBlock;
    prev_line = t.line;
    prev_block = t.block;
    if (IsEmptyMark(t.text)) {
      Piece p;
      p.mark = true;
      p.lines.push_back(t.text);
      p.before = b;
      p.last_line = t.line;
      pieces.push_back(std::move(p));
      continue;
    }
    NameShape shape = ShapeOfName(t.text, dict);
    if (!pieces.empty() && !pieces.back().mark && b != Boundary::kSameLine &&
        (pieces.back().open || shape == NameShape::kBracketTail)) {
      Piece& p = pieces.back();
      p.lines.push_back(t.text);
      p.open = ShapeOfName(Joined(p.lines), dict) == NameShape::kFragment;
      p.level = NameLevel(Joined(p.lines));
      p.last_line = t.line;
      continue;
    }
    Piece p;
    p.lines.push_back(t.text);
    p.open = shape == NameShape::kFragment;
    p.level = NameLevel(t.text);
    p.before = b;
    p.last_line = t.line;
    pieces.push_back(std::move(p));
  }

  const size_t n = pieces.size();
  const int k = static_cast<int>(columns);
  constexpr double kBad = std::numeric_limits<double>::infinity();
  // Cost of the boundary before piece i given both pieces' columns.
  auto step = [&](size_t i, int prev, int cur) -> double {
    bool same = prev == cur;
    if (pieces[i].mark || pieces[i - 1].mark) return same ? kBad : 0;
    double cost = 0;
    switch (pieces[i].before) {
      case Boundary::kSameLine:
        if (same) return kBad;
        break;
      case Boundary::kNewBlock:
        if (same) {
          cost += kBlockKeptTogether + kEarlyMerge * (k - 1 - cur);
          if (cur == 0) cost += kLeadGrows;
        }
        break;
      case Boundary::kNewLine:
        if (!same) cost += kLineSplit;
        break;
      case Boundary::kFirst:
        break;
    }
    if (same && pieces[i].level != pieces[i - 1].level) cost += kLevelMix;
    return cost;
  };
  // Cost of which columns ended up empty.
  auto usage = [&](const std::vector<int>& a) -> double {
    bool used[8] = {false, false, false, false, false, false, false, false};
    for (size_t i = 0; i < n; ++i) used[static_cast<size_t>(a[i])] = true;
    double cost = used[0] ? 0 : kLeadEmpty;
    int last_used = -1;
    for (int c = 0; c < k; ++c) {
      if (used[static_cast<size_t>(c)]) last_used = c;
    }
    for (int c = 1; c < last_used; ++c) {
      if (!used[static_cast<size_t>(c)]) cost += kGap;
    }
    return cost;
  };

  double best = std::numeric_limits<double>::infinity();
  double second = best;
  std::vector<int> best_assign;
  if (n <= 60 && columns <= 8) {
    // Depth-first over non-decreasing column sequences; a branch whose cost
    // so far already reaches the runner-up cannot matter.
    std::vector<int> a(n, 0);
    auto walk = [&](auto&& self, size_t i, double partial) -> void {
      if (partial >= second) return;
      if (i == n) {
        double c = partial + usage(a);
        if (c < best) {
          second = best;
          best = c;
          best_assign = a;
        } else if (c < second) {
          second = c;
        }
        return;
      }
      int from = i == 0 ? 0 : a[i - 1];
      for (int c = from; c < k; ++c) {
        double add = i == 0 ? 0 : step(i, a[i - 1], c);
        if (add == kBad) continue;
        a[i] = c;
        self(self, i + 1, partial + add);
      }
    };
    walk(walk, 0, 0.0);
  }
  if (best_assign.empty()) {
    // Too many pieces (or nothing consistent): blocks to columns in order.
    best_assign.assign(n, 0);
    int c = 0;
    for (size_t i = 1; i < n; ++i) {
      if (pieces[i].before != Boundary::kNewLine && c + 1 < k) ++c;
      best_assign[i] = c;
    }
    second = best = 0;
  }
  out.confident = second - best >= kMargin;
  for (size_t i = 0; i < n; ++i) {
    if (pieces[i].mark) {
      out.columns[static_cast<size_t>(best_assign[i])].push_back(pieces[i].lines[0]);
      continue;
    }
    auto& dst = out.columns[static_cast<size_t>(best_assign[i])];
    dst.insert(dst.end(), pieces[i].lines.begin(), pieces[i].lines.end());
  }
  return out;
}

// ---------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------

namespace {

using Line = FlowLine;

bool IsAttachmentLabel(const std::string& text) {
  std::string c = Compact(normalizer::NormalizeChars(text));
  if (c.rfind("附件", 0) != 0) return false;
  std::u32string rest = ToU32(c.substr(std::string("附件").size()));
  if (rest.size() > 4) return false;
  for (char32_t ch : rest) {
    bool ok = (ch >= U'0' && ch <= U'9') || (ch >= U'０' && ch <= U'９') ||
              std::u32string_view(U"一二三四五六七八九十：:").find(ch) !=
                  std::u32string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// Finds the header: a line of header words, or (where the dump put each
// header cell on its own line) a run of such lines, wrapped words rejoined.
// Returns the index past the header, or -1.
int FindHeaderRun(const std::vector<DumpLine>& lines, size_t from,
                  std::vector<HeaderColumn>* columns, size_t* begin,
                  std::set<std::string>* vocabulary) {
  for (size_t i = from; i < lines.size(); ++i) {
    if (lines[i].blank()) continue;
    std::vector<std::string> words;
    std::vector<std::string> pieces;
    size_t j = i;
    while (j < lines.size()) {
      if (lines[j].blank()) {
        ++j;
        continue;
      }
      std::vector<std::string> t = Tokens(lines[j].text);
      std::vector<HeaderColumn> dummy;
      bool all_known = !t.empty();
      for (const std::string& w : t) {
        all_known = all_known &&
                    ClassifyHeader(Compact(w)) != ColumnKey::kExtra &&
                    CodePoints(Compact(w)) <= 8;
      }
      if (all_known) {
        for (const std::string& w : t) words.push_back(w);
        ++j;
        continue;
      }
      // A header word wrapped onto the next line ("完成时" / "限").
      size_t nj = j + 1;
      while (nj < lines.size() && lines[nj].blank()) ++nj;
      if (t.size() == 1 && nj < lines.size()) {
        std::vector<std::string> u = Tokens(lines[nj].text);
        if (u.size() == 1 && CodePoints(Compact(t[0] + u[0])) <= 8 &&
            ClassifyHeader(Compact(t[0] + u[0])) != ColumnKey::kExtra) {
          words.push_back(t[0] + u[0]);
          pieces.push_back(Compact(t[0]));
          pieces.push_back(Compact(u[0]));
          j = nj + 1;
          continue;
        }
      }
      break;
    }
    if (!words.empty() && IsHeaderTokens(words, columns)) {
      *begin = i;
      for (const std::string& w : words) vocabulary->insert(Compact(w));
      for (const std::string& p : pieces) vocabulary->insert(p);
      return static_cast<int>(j);
    }
  }
  return -1;
}

class FlowReader {
 public:
  explicit FlowReader(const normalizer::DepartmentDict& dict) : dict_(dict) {}
  Result<RawPlan> Read(const DumpPages& dump);

 private:
  enum class State { kStart, kTask, kMeasure, kTail };

  void Body(const std::vector<Line>& body);
  void StartTask(const Line& line, int seq);
  void MeasureTokens(const std::vector<Line>& body, size_t* li,
                     size_t first_token);
  bool DeadlineAt(const std::vector<Line>& body, size_t li, size_t k,
                  std::vector<std::string>* deadline, size_t* next_li,
                  size_t* next_k) const;
  bool IsDeptLine(const std::vector<std::string>& tokens) const;
  void AddDepts(const Line& line, size_t li, size_t from);
  void FinishRow();
  bool MeasureEndsSentence() const {
    return !measure_.empty() && EndsSentence(measure_.back());
  }

  const normalizer::DepartmentDict& dict_;
  RawPlan plan_;
  int seq_col_ = -1, task_col_ = -1, measure_col_ = -1, deadline_col_ = -1;
  std::vector<int> dept_cols_;
  size_t max_dept_len_ = 10;

  State state_ = State::kStart;
  std::vector<std::string> section_;
  int last_seq_ = -1;
  int last_seq_page_ = 0;
  std::string seq_text_;
  std::vector<std::string> task_;
  bool task_repeat_ = false;
  std::vector<std::string> repeat_task_;
  int task_block_ = -1;
  std::set<int> task_pages_;
  bool task_pages_used_ = false;

  // The row being read.
  std::vector<std::string> measure_;
  std::vector<std::string> deadline_;
  std::vector<DeptToken> depts_;
  std::set<int> pages_;
  int first_page_ = 0;
  int scrambled_hints_ = 0;
};

bool FlowReader::IsDeptLine(const std::vector<std::string>& tokens) const {
  if (tokens.empty()) return false;
  for (const std::string& t : tokens) {
    if (IsEmptyMark(t)) continue;
    NameShape s = ShapeOfName(t, dict_);
    if (s == NameShape::kNotAName) return false;
    const std::string& c = NormCompact(t);
    if (CodePoints(c) > max_dept_len_ && !dict_.Contains(c)) return false;
  }
  return true;
}

// A deadline starting at token k of line li, possibly wrapped onto the next
// line's first token ("持续推" / "进").
bool FlowReader::DeadlineAt(const std::vector<Line>& body, size_t li, size_t k,
                            std::vector<std::string>* deadline, size_t* next_li,
                            size_t* next_k) const {
  const std::vector<std::string>& t = body[li].tokens;
  if (k >= t.size()) return false;
  if (IsDeadline(t[k])) {
    deadline->push_back(t[k]);
    *next_li = li;
    *next_k = k + 1;
    return true;
  }
  if (k + 1 == t.size() && IsDeadlinePrefix(t[k])) {
    size_t n = li + 1;
    while (n < body.size() && body[n].tokens.empty()) ++n;
    if (n < body.size() && IsDeadline(t[k] + body[n].tokens[0])) {
      deadline->push_back(t[k]);
      deadline->push_back(body[n].tokens[0]);
      *next_li = n;
      *next_k = 1;
      return true;
    }
  }
  return false;
}

void FlowReader::AddDepts(const Line& line, size_t li, size_t from) {
  for (size_t k = from; k < line.tokens.size(); ++k) {
    depts_.push_back({line.tokens[k], static_cast<int>(li), line.block});
    pages_.insert(line.page);
  }
}

void FlowReader::StartTask(const Line& line, int seq) {
  FinishRow();
  if (seq != last_seq_) {
    seq_text_ = line.tokens[0];
    task_.clear();
    task_repeat_ = false;
    task_pages_.clear();
    task_pages_used_ = false;
  } else {
    task_repeat_ = true;
    repeat_task_.clear();
  }
  last_seq_ = seq;
  last_seq_page_ = line.page;
  task_block_ = line.block;
  task_pages_.insert(line.page);
  state_ = State::kTask;
}

void FlowReader::MeasureTokens(const std::vector<Line>& body, size_t* li,
                               size_t first_token) {
  const Line& line = body[*li];
  const std::vector<std::string>& t = line.tokens;
  if (measure_.empty()) first_page_ = line.page;
  for (size_t k = first_token; k < t.size(); ++k) {
    bool sentence_before = k > first_token ? EndsSentence(t[k - 1])
                                           : MeasureEndsSentence();
    if (!sentence_before) continue;
    std::vector<std::string> dl;
    size_t nli = 0, nk = 0;
    if (!DeadlineAt(body, *li, k, &dl, &nli, &nk)) continue;
    if (k > first_token) {
      std::string text;
      for (size_t m = first_token; m < k; ++m) {
        if (!text.empty()) text += ' ';
        text += t[m];
      }
      measure_.push_back(text);
    }
    deadline_ = dl;
    pages_.insert(line.page);
    if (nli != *li) pages_.insert(body[nli].page);
    *li = nli;
    AddDepts(body[nli], nli, nk);
    state_ = State::kTail;
    return;
  }
  std::string text;
  for (size_t m = first_token; m < t.size(); ++m) {
    if (!text.empty()) text += ' ';
    text += t[m];
  }
  if (!text.empty()) {
    measure_.push_back(text);
    pages_.insert(line.page);
  }
  state_ = State::kMeasure;
}

void FlowReader::FinishRow() {
  if (measure_.empty() && deadline_.empty() && depts_.empty()) return;
  RawRow row;
  row.section = section_;
  row.cells.assign(plan_.columns.size(), {});
  if (seq_col_ >= 0 && !seq_text_.empty()) {
    row.cells[static_cast<size_t>(seq_col_)] = {seq_text_};
  }
  if (task_col_ >= 0) row.cells[static_cast<size_t>(task_col_)] = task_;
  if (measure_col_ >= 0) row.cells[static_cast<size_t>(measure_col_)] = measure_;
  if (deadline_col_ >= 0) row.cells[static_cast<size_t>(deadline_col_)] = deadline_;
  DeptSplit split = AssignDepartments(depts_, dept_cols_.size(), dict_);
  for (size_t i = 0; i < dept_cols_.size(); ++i) {
    row.cells[static_cast<size_t>(dept_cols_[i])] = split.columns[i];
  }
  if (!task_pages_used_) {
    pages_.insert(task_pages_.begin(), task_pages_.end());
    task_pages_used_ = true;
  }
  row.pages.assign(pages_.begin(), pages_.end());
  if (deadline_.empty()) ++scrambled_hints_;
  if (!split.confident) {
    row.low_confidence = true;
    std::string start;
    std::u32string m = ToU32(Compact(measure_.empty() ? "" : measure_.front()));
    start = ToUtf8(m.substr(0, std::min<size_t>(m.size(), 12)));
    std::string names;
    for (size_t i = 0; i < dept_cols_.size(); ++i) {
      if (!names.empty()) names += "/";
      names += plan_.columns[static_cast<size_t>(dept_cols_[i])].header;
    }
    plan_.warnings.push_back(
        {"ambiguous_departments",
         "row " + (seq_text_.empty() ? std::string("?") : seq_text_) + " \"" +
             start + "…\" (page " + std::to_string(first_page_) +
             "): the text dump does not show which of " + names +
             " each department belongs to; best guess used",
         first_page_});
  }
  plan_.rows.push_back(std::move(row));
  measure_.clear();
  deadline_.clear();
  depts_.clear();
  pages_.clear();
}

void FlowReader::Body(const std::vector<Line>& body) {
  for (size_t li = 0; li < body.size(); ++li) {
    const Line& line = body[li];
    const std::vector<std::string>& t = line.tokens;
    if (t.empty()) continue;
    bool mid_sentence = state_ == State::kMeasure && !MeasureEndsSentence();
    bool can_start = !mid_sentence && state_ != State::kTask;

    if (can_start && t.size() == 1 && IsSectionHeading(line.text)) {
      FinishRow();
      section_ = {Trim(line.text)};
      state_ = State::kStart;
      continue;
    }
    int seq = ParseSeqNumber(t[0]);
    if (seq > 0 && can_start &&
        (last_seq_ < 0 || seq == last_seq_ + 1 ||
         (seq == last_seq_ && line.page != last_seq_page_))) {
      StartTask(line, seq);
      if (t.size() >= 2) {
        (task_repeat_ ? repeat_task_ : task_).push_back(t[1]);
        if (t.size() >= 3) MeasureTokens(body, &li, 2);
      }
      continue;
    }
    switch (state_) {
      case State::kStart:
        MeasureTokens(body, &li, 0);
        break;
      case State::kTask: {
        bool task_like = line.block == task_block_ &&
                         !HasSentencePunctuation(t[0]) &&
                         CodePoints(Compact(t[0])) <= max_dept_len_;
        if (task_like) {
          (task_repeat_ ? repeat_task_ : task_).push_back(t[0]);
          task_pages_.insert(line.page);
          if (t.size() >= 2) MeasureTokens(body, &li, 1);
        } else {
          MeasureTokens(body, &li, 0);
        }
        break;
      }
      case State::kMeasure:
        MeasureTokens(body, &li, 0);
        break;
      case State::kTail: {
        std::vector<std::string> dl;
        size_t nli = 0, nk = 0;
        if (deadline_.empty() && DeadlineAt(body, li, 0, &dl, &nli, &nk)) {
          deadline_ = dl;
          pages_.insert(line.page);
          li = nli;
          AddDepts(body[li], li, nk);
        } else if (IsDeptLine(t)) {
          AddDepts(line, li, 0);
        } else {
          FinishRow();
          MeasureTokens(body, &li, 0);
        }
        break;
      }
    }
  }
  FinishRow();
}

Result<RawPlan> FlowReader::Read(const DumpPages& dump) {
  plan_.pages = dump.pages;
  const std::vector<DumpLine>& lines = dump.lines;
  std::vector<HeaderColumn> header;
  size_t header_begin = 0;
  std::set<std::string> vocab;
  int header_end = FindHeaderRun(lines, 0, &header, &header_begin, &vocab);
  if (header_end < 0) {
    return Status(Status::Code::kNoPlanTable,
                  "no action-plan table: no line of the text names at least "
                  "three known columns (序号, 重点任务, 工作措施, 完成时限, "
                  "牵头部门, 主责单位, 协办单位 or their synonyms)");
  }
  for (const HeaderColumn& h : header) plan_.columns.push_back({h.key, h.text});
  for (size_t i = 0; i < plan_.columns.size(); ++i) {
    int ii = static_cast<int>(i);
    switch (plan_.columns[i].key) {
      case ColumnKey::kSeq: if (seq_col_ < 0) seq_col_ = ii; break;
      case ColumnKey::kTask: if (task_col_ < 0) task_col_ = ii; break;
      case ColumnKey::kMeasure: if (measure_col_ < 0) measure_col_ = ii; break;
      case ColumnKey::kDeadline: if (deadline_col_ < 0) deadline_col_ = ii; break;
      case ColumnKey::kLead:
      case ColumnKey::kResponsible:
      case ColumnKey::kAssisting:
        dept_cols_.push_back(ii);
        break;
      case ColumnKey::kExtra: break;
    }
  }
  // Above the header: the 附件N label and the title.
  for (size_t i = 0; i < header_begin; ++i) {
    if (lines[i].blank()) continue;
    std::string t = Trim(lines[i].text);
    if (plan_.attachment.empty() && plan_.title.empty() && IsAttachmentLabel(t)) {
      plan_.attachment.push_back(t);
    } else {
      plan_.title.push_back(t);
    }
  }
  // A header split over many lines means the dump went column by column.
  size_t header_lines = 0;
  for (size_t i = header_begin; i < static_cast<size_t>(header_end); ++i) {
    header_lines += lines[i].blank() ? 0 : 1;
  }

  // Body lines: repeated headers dropped, blocks numbered.
  std::vector<Line> body;
  int block = 0;
  int page = lines[static_cast<size_t>(header_end) - 1].page;
  std::vector<size_t> measure_like;
  bool furniture = false;
  bool header_between = false;
  for (size_t i = static_cast<size_t>(header_end); i < lines.size(); ++i) {
    const DumpLine& l = lines[i];
    if (l.page != page) {
      page = l.page;
      ++block;
    }
    if (l.blank()) {
      furniture = furniture || l.furniture;
      ++block;
      continue;
    }
    std::vector<std::string> t = Tokens(l.text);
    bool header_words = !t.empty() && l.text.size() < 200;
    for (const std::string& w : t) {
      header_words = header_words && w.size() <= 30 && vocab.count(Compact(w)) != 0;
    }
    if (header_words) {
      // A lone piece of a wrapped header word counts only next to its mate.
      bool lone_piece = t.size() == 1 &&
                        ClassifyHeader(Compact(t[0])) == ColumnKey::kExtra;
      if (!lone_piece || true) {
        ++block;
        header_between = true;
        continue;
      }
    }
    Line line;
    line.text = l.text;
    line.tokens = std::move(t);
    line.page = l.page;
    line.block = block;
    line.after_furniture = furniture;
    line.after_header = header_between;
    furniture = false;
    header_between = false;
    if (HasSentencePunctuation(line.tokens[0])) {
      measure_like.push_back(CodePoints(Compact(line.tokens[0])));
    }
    body.push_back(std::move(line));
  }
  // Department names are much shorter than a full measure line.
  if (!measure_like.empty()) {
    std::sort(measure_like.begin(), measure_like.end());
    size_t w = measure_like[measure_like.size() * 3 / 4];
    max_dept_len_ = std::max<size_t>(8, w * 7 / 10);
  }
  RawPlan skeleton;
  skeleton.attachment = plan_.attachment;
  skeleton.title = plan_.title;
  skeleton.columns = plan_.columns;
  skeleton.pages = plan_.pages;
  Body(body);
  bool scrambled = header_lines >= 4 ||
                   scrambled_hints_ * 5 > static_cast<int>(plan_.rows.size());
  if (scrambled) {
    // pdftotext went column by column: read the columns as streams.
    FlowColumns cols;
    cols.seq = seq_col_;
    cols.task = task_col_;
    cols.measure = measure_col_;
    cols.deadline = deadline_col_;
    cols.depts = dept_cols_;
    if (ReadColumnFlow(body, cols, max_dept_len_, dict_, &skeleton)) {
      return skeleton;
    }
  }
  if (plan_.rows.empty()) {
    return Status(Status::Code::kNoPlanTable,
                  "the plan table's header was found but no rows under it");
  }
  if (scrambled) {
    for (RawRow& r : plan_.rows) r.low_confidence = true;
    plan_.warnings.push_back(
        {"scrambled_reading_order",
         "the text dump's reading order interleaves cells of different rows "
         "(its header is split over " + std::to_string(header_lines) +
             " lines, " + std::to_string(scrambled_hints_) +
             " rows have no deadline); rows are a best guess — use a layout "
             "dump (pdftotext -layout) or the PDF",
         0});
  }
  return std::move(plan_);
}

}  // namespace

Result<RawPlan> ReadReadingOrder(const DumpPages& dump,
                                 const normalizer::DepartmentDict& dict) {
  FlowReader reader(dict);
  return reader.Read(dump);
}

}  // namespace plan2json::extractor::textdump
