// Copyright 2026 The plan2json Authors.
//
// Internal to the text-dump reader (text_reader.h): what both kinds of dump
// share — pages and furniture, the header, and the small classifiers that
// recognise a line's role by pattern (section heading, sequence number,
// deadline, department name shape). Nothing here keys on any particular
// plan's wording.

#ifndef PLAN2JSON_EXTRACTOR_TEXT_DUMP_H_
#define PLAN2JSON_EXTRACTOR_TEXT_DUMP_H_

#include <string>
#include <string_view>
#include <vector>

#include "extractor/plan.h"
#include "extractor/table.h"
#include "extractor/text_reader.h"
#include "normalizer/normalizer.h"

namespace plan2json::extractor::textdump {

// ---------------------------------------------------------------------------
// UTF-8
// ---------------------------------------------------------------------------

std::u32string ToU32(std::string_view utf8);  // invalid bytes -> U+FFFD
std::string ToUtf8(std::u32string_view text);
size_t CodePoints(std::string_view utf8);
// The text with all white space removed.
std::string Compact(std::string_view utf8);
// Splits at runs of white space (`min_run` or more characters).
std::vector<std::string> Tokens(std::string_view line, int min_run = 1);
std::string Trim(std::string_view s);
// normalizer::NormalizeChars + Compact, memoized per thread. Returns a copy:
// the memo is cleared when it grows, so a reference into it would dangle.
std::string NormCompact(std::string_view s);

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

struct DumpLine {
  std::string text;  // trailing white space and '\r' removed
  int page = 1;      // physical page, 1-based
  int number = 0;    // 0-based line number in the file
  bool furniture = false;  // a page number, blanked (text cleared)
  bool blank() const;  // nothing but white space
};

struct DumpPages {
  std::vector<DumpLine> lines;  // furniture removed, blank lines kept
  int pages = 0;                // physical pages seen
  bool form_feeds = false;      // pages came from form feeds
};

// Splits the dump into lines with their physical page and drops page
// furniture. Pages: form feeds where the dump has them, else furniture marks
// page ends (or page starts, when the first furniture precedes all text).
DumpPages SplitPages(const std::string& utf8);

// A line that is nothing but a page number ("— 50 —", "- 3 -", "第 3 页",
// "第3页 共9页", "3/9").
bool IsFurnitureLine(std::string_view line);

// ---------------------------------------------------------------------------
// Classifiers (all judge NormalizeChars'd, trimmed text)
// ---------------------------------------------------------------------------

// 一、…  （一）…  第一部分…
bool IsSectionHeading(std::string_view line);
// 1..999 in ASCII or full-width digits, nothing else. Returns -1 if not.
int ParseSeqNumber(std::string_view token);
// A deadline by the vocabulary's pattern: 年底前, 6月底前, 2024年9月底前,
// 第三季度, 上半年, 持续推进, 长期坚持, "6月底前、年底前", ...
bool IsDeadline(std::string_view text);
// Could `text` start a deadline that a wrap cut ("持续推" of "持续推进")?
bool IsDeadlinePrefix(std::string_view text);
// One of the endings department names have (局, 委, 府, 中心, ...) alone:
// the tail of a name wrapped onto its own line.
bool IsNameSuffix(std::string_view text);
// "———", "—", "-", "无", "/": an empty cell.
bool IsEmptyMark(std::string_view text);
// Sentence-final punctuation at the end (。；！？ possibly before a closing
// quote or bracket).
bool EndsSentence(std::string_view text);
// Holds punctuation that only running text has (，。；：“”！？).
bool HasSentencePunctuation(std::string_view text);

// Department name shape.
enum class NameShape {
  kComplete,      // ends like a name (…局, …委, …政府, …）) or is known
  kFragment,      // a wrapped piece: no name ending yet, or an open bracket
  kBracketTail,   // starts with an opening bracket ("(含北京经济技术")
  kNotAName,      // running text
};
NameShape ShapeOfName(std::string_view token,
                      const normalizer::DepartmentDict& dict);
// Coarse administrative level of a complete name, by shape only: district
// governments (…区政府, 各区…, 相关区…) vs municipal bodies (市…) vs other.
int NameLevel(std::string_view name);

// ---------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------

struct HeaderColumn {
  ColumnKey key;
  std::string text;  // as printed, wrapped pieces joined
};

// True if `tokens` are header words only, naming at least three distinct
// known columns, one of them the measure or the task column.
bool IsHeaderTokens(const std::vector<std::string>& tokens,
                    std::vector<HeaderColumn>* columns);

// ---------------------------------------------------------------------------
// The two readers (text_flow.cc, text_layout.cc)
// ---------------------------------------------------------------------------

// One Grid per physical page of the dump (Grid::page 1-based), in page
// order: the table's header and body cells where the page holds the table,
// the lines above and below it in Grid::above / Grid::below; a page without
// the table gives a Grid with no rows and every line in Grid::above. Plan
// meaning is BuildPlan's (plan.h).
std::vector<Grid> LayoutGrids(const DumpPages& dump, const TextOptions& options);
std::vector<Grid> ReadingOrderGrids(const DumpPages& dump,
                                    const TextOptions& options);

// BuildPlan over ReadingOrderGrids (text_flow.cc), for ReadTextDump.
Result<RawPlan> ReadReadingOrder(const DumpPages& dump,
                                 const normalizer::DepartmentDict& dict);

}  // namespace plan2json::extractor::textdump

#endif  // PLAN2JSON_EXTRACTOR_TEXT_DUMP_H_
