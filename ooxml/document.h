// Copyright 2026 The plan2json Authors.
//
// Word (.docx) and Excel (.xlsx) files as the generic tables of
// extractor/table.h. Their structure is explicit, so every cell has
// confidence 1 and the geometry is synthetic: column edges from the
// document's column widths, one line height per text line.

#ifndef PLAN2JSON_OOXML_DOCUMENT_H_
#define PLAN2JSON_OOXML_DOCUMENT_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extractor/table.h"
#include "ooxml/package.h"

namespace plan2json::ooxml {

// Where a grid's rows and columns are in the file, for provenance.
struct GridSource {
  std::string sheet;             // xlsx: the sheet's name; docx: empty
  std::vector<int> row_numbers;  // per grid row: 1-based row in the table/sheet
  std::vector<int> col_numbers;  // per grid column: 1-based column
};

struct Table {
  extractor::Grid grid;
  GridSource source;
};

// The body's top-level tables of a .docx, in document order; Grid::page is
// the table's 1-based index among them. Text is what Word shows: runs
// joined, w:br/w:cr start a new line, w:tab is a space, fields give their
// displayed result, automatic numbering is printed, tracked changes are
// accepted, hidden text (w:vanish) is dropped. A table nested in a cell
// gives its text, row by row, as lines of that cell (never rows); text
// boxes, drawings, headers and footers are dropped. Header rows marked
// w:tblHeader are ordinary rows: the plan layer finds the header by meaning
// (a Word table has no repeated headers to drop). `above` holds the
// paragraphs since the previous table that sit on the table's page (after
// the last page or section break, or w:lastRenderedPageBreak); `below` the paragraphs after
// it up to the next table or page break. kCorrupt when the package is not
// a Word document; an empty vector when it has no table.
Result<std::vector<Table>> ReadDocx(std::string_view bytes,
                                    const PackageLimits& limits = {});

// The visible sheets of an .xlsx, one table each (Grid::page = the sheet's
// 1-based position among the workbook's sheets). Shared and inline strings,
// merged ranges as spans, hidden rows and columns skipped, numbers and dates
// as Excel displays them for the built-in formats and yyyy/m/d-like custom
// ones. Rows before the header (the first row with two cells that
// extractor::ClassifyHeader knows) are `above` lines.
Result<std::vector<Table>> ReadXlsx(std::string_view bytes,
                                    const PackageLimits& limits = {});

// Excel's display of `value` in number format `code` ("General", "0.00",
// "yyyy/m/d", "yyyy\"年\"m\"月\"d\"日\"", ...); `date1904` for workbooks
// counting from 1904. Exposed for tests.
std::string FormatNumber(double value, const std::string& code, bool date1904 = false);
// The format code of a built-in numFmtId (zh-CN display for dates), or "".
std::string BuiltinFormat(int id);

}  // namespace plan2json::ooxml

#endif  // PLAN2JSON_OOXML_DOCUMENT_H_
