// Copyright 2026 The plan2json Authors.
//
// The text-dump input: a plan table that reached us as plain text (for
// instance `pdftotext` output, with or without -layout) instead of as a PDF.
//
//   bytes --DecodeText--> UTF-8 --DetectDumpKind--> kind --TextDumpGrids-->
//   Grids --BuildPlan--> RawPlan
//
// The grids are the same model the PDF path builds (table.h): raw visual
// lines per cell, meaning given by BuildPlan (plan.h), normalized later by
// the pipeline (normalizer.h).
//
// What is recognised, for both kinds of dump:
//  - pages: form feeds (U+000C) separate physical pages; where a dump has
//    none, page furniture does ("— 50 —", "—1—", "- 3 -", "第 3 页",
//    "第3页 共9页", and pdftotext's three-line "—\n05\n—" with the page
//    number's digits reversed). RawRow::pages and Warning::page are physical
//    page numbers, 1-based from the start of the file, whatever is printed;
//  - furniture, the table header repeated on every page and a header wrapped
//    over several lines ("完成时" / "限") are dropped;
//  - the 附件N label and the title above the first header go to
//    RawPlan::attachment / RawPlan::title;
//  - the header names the columns by meaning (ClassifyHeader), so column
//    order and wording may vary between plans;
//  - section headings (一、… / （一）…) span the table and set RawRow::section.
//
// Layout dumps (`pdftotext -layout`, or any fixed-width rendering of the
// table), text_layout.cc: one Grid per page from geometry alone. Columns
// come from the header band's character positions and the body's vertical
// gutters, per page (a page without a header finds its own gutters near the
// previous page's); positions are counted in code points (what pdftotext
// -layout does) or in display width (CJK wide characters count two, ICU's
// UCHAR_EAST_ASIAN_WIDTH W/F), whichever aligns the body with the header
// better. Rows: the text column splits after sentence ends; each deadline
// closes a row; the other columns' lines go to rows under one vertical
// alignment model per document (top, centred, or centred on the row's first
// line); sequence numbers make task cells spanning rows; where a choice was
// a guess the cells' confidence is below Cell::kSureCell. What the table
// means (header keys, sections, task carry-over, rows cut by a page break,
// label and title) is BuildPlan's.
//
// Reading-order dumps (plain `pdftotext`) have lost the geometry. Rows are
// recovered from what is left: section headings, sequence numbers (rising by
// one; a repeated number after a page break continues its task), sentence
// ends, the deadline vocabulary (a pattern: 年底前, 6月底前, 2024年9月底前,
// 第三季度, 上半年, 持续推进, 长期坚持, …), blank-line blocks, department
// name shapes (…局/委/政府/管委会/总队, a bracketed part "(含…)") and the
// department dictionary. Measures, tasks, sequence numbers, sections and
// deadlines are recovered exactly where the dump keeps each row's text
// together. Which department belongs to 牵头/主责/协办 is decided by the
// evidence the dump keeps (names on one line belong to different columns,
// "———" is an empty cell, a blank-line block tends to be a cell, a wrapped
// name or a "(含…)" tail stays with its name, 牵头 is never empty). Each way
// of splitting the row's names over the department columns is scored by how
// often it goes against that evidence; a split is trusted only when every
// other split needs more than one further departure. Otherwise the reader
// takes the best-scoring split, sets RawRow::low_confidence and adds a
// Warning "ambiguous_departments" naming the row's seq, the start of its
// measure and its page. On the real 2023 dump: 35 of 40 rows get the exact
// three-way split, 23 rows are flagged, every wrong one among them.
//
// Dumps whose reading order runs column by column (pdftotext does this on
// some office-produced PDFs: a page's deadline and department cells before
// its measures) are read by the column-flow reader (text_columns.cc): lines
// classified by pattern, department flows assigned to columns and rows by
// one dynamic program over the document, deadlines, measures and tasks
// matched by order. Rows whose assignment another reading fits almost as
// well are low-confidence with a warning ("ambiguous_row" /
// "ambiguous_departments"), and the document gets "column_flow_reading".
// On the sample PDFs' plain dumps 38/27/38 of 40 rows come out exact (every
// wrong row flagged). Where even that reader declines, the plain reading
// stands, every row low-confidence, with "scrambled_reading_order". Prefer
// a layout dump (-layout) or the PDF.
//
// Cost: reading the 12 KB real dump takes about 0.5 ms CPU (layout dumps of
// 20 KB about 2.5 ms); work per page is bounded for pathological input.
//
// Thread safety: all functions are reentrant (small per-thread memo tables);
// the dictionary is shared read-only.

#ifndef PLAN2JSON_EXTRACTOR_TEXT_READER_H_
#define PLAN2JSON_EXTRACTOR_TEXT_READER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extractor/plan.h"
#include "extractor/table.h"
#include "normalizer/normalizer.h"

namespace plan2json::extractor {

struct DecodedText {
  std::string utf8;      // the text as UTF-8, without a byte-order mark
  std::string encoding;  // "UTF-8", "UTF-8-BOM", "UTF-16LE", "UTF-16BE",
                         // "GB18030", or the override as given
};

// Decodes a text dump. Without an override, in this order:
//  - a byte-order mark decides (UTF-8 "UTF-8-BOM", UTF-16LE, UTF-16BE);
//  - bytes that are valid UTF-8 are UTF-8;
//  - otherwise ICU's charset detector (ucsdet) is asked; a Chinese legacy
//    guess (GB18030, GBK, GB2312, and also Big5 since legacy CJK text is
//    ambiguous) and anything else that is not UTF-16/32 is decoded as
//    GB18030, the superset of GBK and GB2312;
// `encoding_override` (the CLI's --encoding; default "" = detect) names any
// converter ICU knows ("GBK", "UTF-16LE", "Big5", ...).
// Decoding is strict: a byte sequence the converter cannot map fails with
// kDecode, and the message names the byte offset ("byte 1234"). Bad
// override names fail with kInvalidArgument; empty input with kEmpty.
Result<DecodedText> DecodeText(std::string_view bytes,
                               const std::string& encoding_override = "");

enum class DumpKind {
  kReadingOrder,  // source.text_kind "reading-order": plain pdftotext
  kLayout,        // source.text_kind "layout": pdftotext -layout and alike
};
const char* DumpKindName(DumpKind kind);  // "reading-order" / "layout"

// A dump is a layout dump when a good share of its non-blank lines
// (default: at least 15% of them, and at least 3) hold a run of three or more
// spaces between two pieces of text, i.e. it keeps columns apart with spaces.
DumpKind DetectDumpKind(const std::string& utf8);

struct TextOptions {
  // Known department names; nullptr (the default) = DepartmentDict::BuiltIn().
  std::shared_ptr<const normalizer::DepartmentDict> departments;
  // Dumps with more pages (form feeds + 1) are refused with kLimit, as PDFs
  // with more pages are (PdfOptions::max_pages). Default 10000.
  int max_pages = 10000;
};

// Decoded text -> one Grid per physical page (form feeds, else page
// furniture), for BuildPlan (plan.h): the text readers recover geometry
// only. Layout dumps: LayoutGrids (text_layout.cc); reading-order dumps:
// ReadingOrderGrids (text_flow.cc). Fails with kEmpty for text without
// content.
Result<std::vector<Grid>> TextDumpGrids(const std::string& utf8, DumpKind kind,
                                        const TextOptions& options = {});

// Reading-order dumps only: decoded text -> RawPlan. RawPlan::pages is the
// number of physical pages seen. Fails with kEmpty for text without content,
// kInvalidArgument for a layout dump (use TextDumpGrids), and kNoPlanTable
// when no line reads as a plan table header.
Result<RawPlan> ReadTextDump(const std::string& utf8, DumpKind kind,
                             const TextOptions& options = {});

}  // namespace plan2json::extractor

#endif  // PLAN2JSON_EXTRACTOR_TEXT_READER_H_
