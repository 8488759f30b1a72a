// Copyright 2026 The plan2json Authors.
//
// Internal to the reading-order reader (text_flow.cc): pieces of text with
// their kind (text_pieces.cc) and the per-page row reader (text_rows.cc).

#ifndef PLAN2JSON_EXTRACTOR_TEXT_FLOW_INTERNAL_H_
#define PLAN2JSON_EXTRACTOR_TEXT_FLOW_INTERNAL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extractor/plan.h"
#include "extractor/table.h"
#include "extractor/text_dump.h"

namespace plan2json::extractor::textdump::flow {

enum class Kind {
  kText,        // running text (a measure, a task, an extra cell)
  kSeq,         // a sequence number: 1, 1., （1）
  kDeadline,    // a deadline phrase (MatchDeadline), wrapped pieces joined
  kBlank,       // a placeholder: ———, —, 无
  kDept,        // department names (or a wrapped piece of them)
  kSection,     // a section heading: 一、… （一）…
  kNote,        // a note under the table or the closing block (抄送/印发)
};
const char* KindName(Kind kind);

struct Piece {
  std::string text;  // as printed, trimmed
  std::string norm;  // lexicon::NormCompact(text)
  Kind kind = Kind::kText;
  int line = 0;      // 0-based line in the dump
  int block = 0;     // blank-line block: pdftotext ends a flow with a blank
  bool line_start = false;  // first piece of its line
  bool line_end = false;    // last piece of its line
};

// Cuts one line where pdftotext joined the text of different columns: at a
// space between two CJK characters (Chinese text has none), after CJK
// punctuation, after a leading sequence number and before a trailing
// deadline. A line letter-spaced by justification (全 年 开 展) stays whole.
std::vector<std::string> SplitLine(std::string_view line);

// The kind of one piece by the lexicon.
Kind KindOf(const std::string& norm, bool line_start);

// True for the wording of a notes column (备注, 说明), which ClassifyHeader
// leaves kExtra.
bool IsNoteColumnWord(const std::string& norm);

// True when `norm` is a list of names (、, no sentence or clause
// punctuation) whose first part completes the last name of `prev` (the
// names read before it), which neither part is alone: "委会、成都市双流区人民"
// after "、成都高新区管".
bool ContinuesNameList(const std::string& norm, const Piece* prev);

// The dump's pieces per physical page, in reading order, with wrapped
// deadlines and sequence numbers rejoined. Page furniture is gone.
std::vector<std::vector<Piece>> PagePieces(const DumpPages& dump);

// One body row of a page's grid: its cells (a section heading is one cell
// spanning every column).
struct OutCell {
  int col = 0, col_span = 1;
  std::vector<std::string> lines;
  double confidence = 1.0;
};
using OutRow = std::vector<OutCell>;

// Reads the body pieces of each page, in page order, into rows. Keeps what
// runs over a page break (an unfinished measure). Names at the top of a page
// that only finish a name cut by the break go to `carry_back`: they end the
// previous page's last department cell.
class RowReader {
 public:
  explicit RowReader(std::vector<ColumnKey> keys) : keys_(std::move(keys)) {}
  std::vector<OutRow> ReadPage(const std::vector<Piece>& body,
                               std::vector<std::string>* carry_back);

 private:
  std::vector<ColumnKey> keys_;
  bool open_measure_ = false;  // the last page ended inside a measure
  bool had_rows_ = false;      // an earlier page gave rows
};

}  // namespace plan2json::extractor::textdump::flow

#endif  // PLAN2JSON_EXTRACTOR_TEXT_FLOW_INTERNAL_H_
