// Copyright 2026 The plan2json Authors.
//
// Maps generic tables (table.h) onto an action plan: the header row found by
// meaning, sections, tasks spanning measure rows, rows cut by a page break
// rejoined, repeated headers and page furniture dropped. Text is kept as the
// cells' raw lines; the pipeline normalizes it (normalizer.h).

#ifndef PLAN2JSON_EXTRACTOR_PLAN_H_
#define PLAN2JSON_EXTRACTOR_PLAN_H_

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "extractor/table.h"

namespace plan2json::extractor {

// Canonical columns. Output keys: seq, task, measure, deadline, lead,
// responsible, assisting; kExtra is a column the plan layer does not know.
enum class ColumnKey {
  kSeq,
  kTask,
  kMeasure,
  kDeadline,
  kLead,
  kResponsible,
  kAssisting,
  kExtra,
};
const char* ColumnKeyName(ColumnKey key);  // "seq", ..., "extra"

// Classifies one header cell's (normalized, joined) text by meaning, e.g.
// 序号/编号 -> kSeq, 完成时限/完成时间/时间节点 -> kDeadline. Unknown -> kExtra.
ColumnKey ClassifyHeader(const std::string& header_text);

// Whole wordings bureaus commonly print in a plan table's header, for
// every column ClassifyHeader knows and the notes column (备注, 说明). Each
// classifies as its column. OCR repair (ocr::SnapHeaders) snaps a header
// cell it misread to the nearest of them.
const std::vector<std::string>& CommonHeaderNames();

// True for page furniture: page numbers (— 50 —, -3-, 第3页, 3/8).
bool IsPageFurniture(const std::string& line);

// TableOptions for finding plan tables: header cells and page furniture
// recognised as this layer does (needed for tables without rulings).
TableOptions PlanTableOptions();

struct Column {
  ColumnKey key;
  std::string header;  // the header text as printed, lines joined
  std::string group = {};  // a two-level header's spanning text, or ""
};

// One measure row, before normalization. cells[i] belongs to columns[i].
struct RawRow {
  std::vector<std::string> section;  // lines of the section heading in force
  std::vector<std::vector<std::string>> cells;  // per column: visual lines
  std::vector<int> pages;  // physical pages the row's text came from, sorted
  // Where the row's cells came from: (Grid::page, grid row) pairs in order.
  // For readers without pages (Word, Excel) Grid::page is the table's index.
  std::vector<std::pair<int, int>> source_rows;
  bool low_confidence = false;  // column assignment was a guess
};

struct RawPlan {
  std::vector<std::string> attachment;  // lines of the 附件N label, if any
  std::vector<std::string> title;       // lines of the title, if any
  std::vector<Column> columns;          // in document order
  std::vector<RawRow> rows;
  std::vector<Warning> warnings;
  int pages = 0;
  // A note under the table says the unit listed first in a department cell
  // leads (注：排在第一位的为牵头单位).
  bool first_listed_leads = false;
};

// Builds the plan from the per-page tables of one document, in page order.
// Fails with kNoPlanTable when no page has a header row recognised by
// meaning (at least a measure column plus two other known columns).
Result<RawPlan> BuildPlan(const std::vector<Grid>& grids);

}  // namespace plan2json::extractor

#endif  // PLAN2JSON_EXTRACTOR_PLAN_H_
