// Copyright 2026 The plan2json Authors.
//
// normalizer: turns text as a PDF producer or text dump delivers it into the
// text a person reads on the printed page. No poppler dependency: the PDF path
// and the text-dump path share it unchanged. All strings are UTF-8.
//
// Thread safety: every function here is safe to call concurrently. A
// DepartmentDict is immutable after construction and may be shared.

#ifndef PLAN2JSON_NORMALIZER_NORMALIZER_H_
#define PLAN2JSON_NORMALIZER_NORMALIZER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace plan2json::normalizer {

// ---------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------

// Per-character repair of one string (one line or one joined cell):
//  - Kangxi radicals (U+2F00..U+2FD5), CJK Radicals Supplement (U+2E80..U+2EFF)
//    and CJK compatibility ideographs become the unified ideograph they stand
//    for (Unicode's EquivalentUnifiedIdeograph.txt / canonical decompositions).
//    NFKC is NOT applied to whole strings (it would fold ，（）：； to ASCII).
//  - half-width punctuation , ; : ( ) ! ? adjacent to CJK text becomes the
//    full-width form (，；：（）！？); inside Latin/number runs it is kept
//    (44.9%, 5·22, GB/T 15834, 1:1000).
//  - zero-width characters, soft hyphens, BOM and C0/C1 controls (except \n)
//    are removed; U+3000 and NBSP become an ASCII space.
// Details of the choices made where text is ambiguous:
//  - "CJK" means script Han/Hiragana/Katakana/Hangul/Bopomofo or
//    East_Asian_Width W/F (so ，。（） and full-width digits count as CJK).
//    Context is the nearest character that is not a space or a quotation
//    mark (“ ” " ' are looked through).
//  - , ; : ! ? become full-width when that context is CJK on either side;
//    between two letters/digits they stay ("1,000", "1:1000").
//  - an ASCII ( ) pair is converted when the text outside it is CJK on
//    either side ("指数(EI)力争"); with no letter/digit outside, the text
//    inside decides ("(含…)" alone). An unmatched bracket (cell wrapped
//    mid-bracket) looks at its own neighbours.
//  - '.' becomes '。' directly after CJK at the end of the text or of a
//    line ("稳中向好."), and between two Han characters ("建设.健全": a
//    sentence end typed in ASCII); every other '.' stays (2023.5, 第3.2节).
//  - all Cf (format) characters are removed; every Zs space becomes ' ';
//    TAB becomes ' ' (it separates tokens); CR is removed; U+2028/U+2029
//    become '\n'; ill-formed UTF-8 becomes U+FFFD. Spaces are not collapsed
//    here (JoinLines does that).
std::string NormalizeChars(std::string_view text);

// ---------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------

// Joins the visual lines of one cell into one string, by Unicode properties:
//  - CJK + CJK: joined with nothing;
//  - Latin word + Latin word: one space;
//  - digits split across a line end: joined with nothing;
//  - spaces inserted by typesetting between CJK and Latin/digits are dropped
//    ("板块 40 处" -> "板块40处", "附件 5" -> "附件5"), within a line too;
//  - runs of spaces collapse to one; leading/trailing spaces go.
// Callers pass lines that already went through NormalizeChars (JoinLines
// calls it itself, so passing raw lines is also fine).
// Across a line break: no space when either side is CJK, when a number is
// split ("20"+"23年", "44."+"9%"), after / - or an opening bracket/quote,
// and before , . ; : ! ? % / or a closing bracket/quote; otherwise one
// space ("GB/T"+"15834" -> "GB/T 15834"). Punctuation width is decided on
// the joined text, so "(GEP)" on a line of its own sees its CJK neighbours.
// A space next to CJK (after looking through quotes) is dropped; a space
// between two Latin/digit tokens stays ("GB/T 15834", "PM2.5 浓度" ->
// "PM2.5浓度"). A '\n' inside a line counts as a line break.
std::string JoinLines(const std::vector<std::string>& lines);

// ---------------------------------------------------------------------------
// Departments
// ---------------------------------------------------------------------------

// Known department names, used to resolve ambiguous splits and to flag
// unknown names. Immutable once built.
class DepartmentDict {
 public:
  // The dictionary compiled into the binary (data/departments.txt).
  static std::shared_ptr<const DepartmentDict> BuiltIn();
  // One name per line, UTF-8, '#' starts a comment; blank lines ignored.
  // Replaces nothing: callers may Merge() it with BuiltIn().
  static Result<std::shared_ptr<const DepartmentDict>> FromFile(
      const std::string& path);
  static std::shared_ptr<const DepartmentDict> FromNames(
      const std::vector<std::string>& names);
  // A dictionary holding the names of both.
  static std::shared_ptr<const DepartmentDict> Merge(const DepartmentDict& a,
                                                     const DepartmentDict& b);

  bool Contains(std::string_view name) const;
  // True if some known name starts with `prefix` (and is longer than it).
  bool IsProperPrefix(std::string_view prefix) const;
  size_t size() const;
  // The known name nearest to `name` by edit distance over code points, when
  // it is at most `max_edits` away and no other known name is as near (a tie
  // gives nullopt: the reading stays ambiguous). `name` itself when known.
  std::optional<std::string> Nearest(std::string_view name,
                                     int max_edits) const;

  DepartmentDict();
  ~DepartmentDict();
  DepartmentDict(const DepartmentDict&) = delete;
  DepartmentDict& operator=(const DepartmentDict&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct DepartmentSplit {
  std::vector<std::string> names;    // in document order, normalized
  std::vector<std::string> unknown;  // subset of names the dict does not know
};

// Splits one department cell (its visual lines, unjoined) into names:
// one name per line, or several joined by 、，, ；or spaces on one line; a
// name wrapped across lines ("市规划自然资源" + "委") is rejoined first;
// brackets stay with their name ("各区政府（含北京经济技术" + "开发区管委会）"
// is one name); a known name containing 、 stays whole. "———", "—", "-",
// "无" and empty give an empty list.
// Rules: lines are NormalizeChars'd; 、，,；; outside brackets always
// separate names. A line break or a run of spaces outside brackets is a
// boundary only if the name so far looks complete (ends in a department
// suffix such as 局 委 会 府 办 院 队 所 厅 部 处 室 站 中心 公司 集团, or a
// closing bracket, or is a known name) and the next piece looks like a new
// name (two or more characters, not a bare continuation such as 局 总队
// 管委会 办公室, not starting with a bracket); otherwise it is a wrap. The
// dictionary is asked first: if the two pieces together are a known name
// or a proper prefix of one, they join. Inside brackets nothing splits.
// Pieces separated by 、 are merged back when the dictionary knows the whole
// ("市科委、中关村管委会"). Spaces never survive inside a name; stray 。:!?
// at a name's ends are trimmed. `unknown` is deduplicated.
DepartmentSplit SplitDepartments(const std::vector<std::string>& lines,
                                 const DepartmentDict& dict);

// The role a department column gives its names (from the header's key).
enum class Role { kLead, kResponsible, kAssisting };

struct RoledDepartments {
  std::vector<std::string> lead, responsible, assisting;  // printed order
  // Names that are not well formed (lexicon::LooksLikeDepartment) and that
  // the dictionary does not know; deduplicated. A well-formed name no list
  // knows is not reported.
  std::vector<std::string> unknown;
};

// Splits one department cell like SplitDepartments and reads the roles its
// text marks (issue 10, corpus README "Departments"):
//  - a name marked （牵头）/(牵头) (also 牵头单位, 主责) or with a symbol
//    (*, ★, ※, ▲ before or after it) is lead; （配合）, （协助）, （协办）,
//    （参与） make it assisting;
//  - a clause "…牵头" makes its names lead, a clause ending 配合 / 协助 /
//    参与 / 协同 makes them assisting ("市科技局牵头，市财政局、市教育局
//    配合"). Clauses end at ，；(and at such a role word); 、 and line
//    breaks do not end them. "牵头：…" / "配合单位：…" at a name's start
//    sets the role of the names after it;
//  - every other name keeps `column_role`;
//  - with `first_listed_leads` (a note under the table says the unit listed
//    first leads) the first name of a responsible column's cell is lead and
//    the others stay responsible -- unless the cell marks roles itself,
//    which wins; lead and assisting columns keep their role;
//  - role words are never part of the names; a name is never split inside
//    brackets ("市经信局（市新经济委）（牵头）" -> lead 市经信局（市新经济委））;
//  - placeholders give nothing.
RoledDepartments SplitRoledDepartments(const std::vector<std::string>& lines,
                                       Role column_role,
                                       bool first_listed_leads,
                                       const DepartmentDict& dict);

// True when a cell's text only says "nothing here": empty, spaces, "无",
// "暂无", "/", or dashes only ("———", "—", "——", "-", "－"); the same as
// lexicon::IsPlaceholder. SplitDepartments drops such pieces; other columns
// may use it to the same effect.
bool IsPlaceholder(std::string_view text);

// ---------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------

struct Due {
  enum class Kind { kDate, kOngoing, kText };
  Kind kind = Kind::kText;
  std::optional<std::string> date;  // "YYYY-MM-DD" when kind == kDate
};
const char* DueKindName(Due::Kind kind);  // "date", "ongoing", "text"

// Resolves printed deadline text against the plan's year (0 = unknown, in
// which case only texts carrying their own year resolve to a date). The
// grammar is the lexicon's (lexicon/lexicon.h: MatchDeadline, which also
// says whether a text is a deadline at all): 年底前 -> 12-31, 6月底前 ->
// 06-30, 2024年9月底前, 第三季度 -> 09-30, 上半年 -> 06-30, 次年3月底前 ->
// next year 03-31, 2023—2025年 -> 2025-12-31, 持续推进/长期坚持 ->
// ongoing, 按国家部署/另行通知 -> text. Text the grammar does not know is
// kText, except that a text *starting* with 持续, 长期, 常态化, 每年, 每半年,
// 每季度, 每月 or 定期 is ongoing (the cell is a deadline cell). Lists
// (6月底前、12月底前) are kText; so is a recognised deadline whose year cannot
// be resolved (year == 0 and no explicit year) or an impossible date
// (2月30日).
Due ParseDeadline(std::string_view text, int year);

}  // namespace plan2json::normalizer

#endif  // PLAN2JSON_NORMALIZER_NORMALIZER_H_
