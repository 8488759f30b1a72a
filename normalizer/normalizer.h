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
DepartmentSplit SplitDepartments(const std::vector<std::string>& lines,
                                 const DepartmentDict& dict);

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
// which case only texts carrying their own year resolve to a date):
// 年底前 -> 12-31, 6月底前 -> 06-30, 2024年9月底前, 第三季度 -> 09-30,
// 上半年 -> 06-30, 次年3月底前 -> next year 03-31, 持续推进/长期坚持 -> ongoing,
// anything else -> text.
Due ParseDeadline(std::string_view text, int year);

}  // namespace plan2json::normalizer

#endif  // PLAN2JSON_NORMALIZER_NORMALIZER_H_
