// Copyright 2026 The plan2json Authors.
//
// UTF-8 helpers and the line/cell predicates of lexicon.h.

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lexicon/lexicon.h"
#include "normalizer/text_internal.h"
#include "lexicon/lexicon_internal.h"

namespace plan2json::lexicon {

// ---------------------------------------------------------------------------
// UTF-8
// ---------------------------------------------------------------------------

std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string ToUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    UChar32 cp = static_cast<UChar32>(c);
    if (c > 0x10FFFF || U_IS_SURROGATE(cp)) cp = 0xFFFD;
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buffer, n, U8_MAX_LENGTH, cp, error);
    (void)error;  // cannot fail: the buffer holds any code point
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
  }
  return out;
}

size_t CodePoints(std::string_view utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  size_t n = 0;
  for (int32_t i = 0; i < length; ++n) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
  }
  return n;
}

namespace {

bool IsWhite(UChar32 c) {
  if (c < 0x80) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
  }
  return c >= 0 && u_isUWhiteSpace(c);
}

// Calls visit(start, end, is_white) for each code point of `utf8`.
template <typename Visit>
void ForEachCodePoint(std::string_view utf8, Visit visit) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    visit(static_cast<size_t>(start), static_cast<size_t>(i), IsWhite(c));
  }
}

}  // namespace

std::string Compact(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  ForEachCodePoint(utf8, [&](size_t b, size_t e, bool white) {
    if (!white) out.append(utf8.substr(b, e - b));
  });
  return out;
}

std::string Trim(std::string_view utf8) {
  size_t first = std::string_view::npos;
  size_t last = 0;
  ForEachCodePoint(utf8, [&](size_t b, size_t e, bool white) {
    if (white) return;
    if (first == std::string_view::npos) first = b;
    last = e;
  });
  if (first == std::string_view::npos) return std::string();
  return std::string(utf8.substr(first, last - first));
}

std::string NormCompact(std::string_view utf8) {
  thread_local std::unordered_map<std::string, std::string> memo;
  std::string key(utf8);
  auto it = memo.find(key);
  if (it != memo.end()) return it->second;
  if (memo.size() > 8192) memo.clear();
  std::string value = Compact(normalizer::NormalizeChars(utf8));
  memo.emplace(std::move(key), value);
  return value;
}

// The normalizer's one notion of CJK (script, or East Asian width W/F).
bool IsCjk(char32_t c) {
  return normalizer::internal::Classify(c) == normalizer::internal::CharClass::kCjk;
}

bool IsIdeograph(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

bool IsDash(char32_t c) {
  return c == U'-' || (c >= 0x2010 && c <= 0x2015) || c == U'─' ||
         c == U'━' || c == U'－' || c == U'⁃' || c == U'﹣' || c == U'﹘' ||
         c == U'—';
}

bool IsNeverFirst(char32_t c) {
  return std::u32string_view(U"、，。．；：！？,.;:!?").find(c) !=
         std::u32string_view::npos;
}

namespace internal {

int DigitValue(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}

int ChineseDigit(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

bool IsOpenBracket(char32_t c) {
  return c == U'（' || c == U'(' || c == U'〔' || c == U'【' || c == U'[' ||
         c == U'［' || c == U'〖' || c == U'｛' || c == U'{';
}

bool IsCloseBracket(char32_t c) {
  return c == U'）' || c == U')' || c == U'〕' || c == U'】' || c == U']' ||
         c == U'］' || c == U'〗' || c == U'｝' || c == U'}';
}

bool IsCloser(char32_t c) {
  if (IsCloseBracket(c) || c == U'"' || c == U'\'' || c == U'」' ||
      c == U'』' || c == U'》' || c == U'〉') {
    return true;
  }
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_FINAL_PUNCTUATION;
}

bool EndsWith(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::u32string_view s, std::u32string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace internal

// ---------------------------------------------------------------------------
// Lines and cells
// ---------------------------------------------------------------------------

using internal::IsCloser;

bool IsProseLine(std::string_view line) {
  for (char32_t c : ToU32(line)) {
    if (std::u32string_view(U"，。；！？").find(c) != std::u32string_view::npos) return true;
  }
  return EndsSentence(line);
}

bool EndsSentence(std::string_view text) {
  const std::u32string t = ToU32(NormCompact(text));
  size_t i = t.size();
  while (i > 0 && IsCloser(t[i - 1])) --i;
  if (i == 0) return false;
  const char32_t last = t[i - 1];
  if (std::u32string_view(U"。！？；!?;｡").find(last) !=
      std::u32string_view::npos) {
    return true;
  }
  if (last != U'.' && last != U'．') return false;
  size_t k = i - 1;
  if (k == 0) return false;
  const char32_t before = t[k - 1];
  if (internal::DigitValue(before) >= 0) return false;  // "1." "PM2."
  if (before == U'.' || before == U'．') return false;  // "……" typed "..."
  return true;
}

namespace {

// Dash class for RE2 (every form IsDash accepts).
constexpr char kDashes[] = "[-‐‑‒–—―─━－⁃﹣﹘]";

}  // namespace

bool IsPageFurniture(std::string_view line) {
  if (line.size() > 120) return false;  // page numbers are short
  const std::string t = Compact(line);
  if (t.empty() || t.size() > 60) return false;
  static const RE2* const kRe = new RE2(
      std::string("(?:") + kDashes + "+[0-9０-９]{1,4}" + kDashes +
      "+|[·•・]+[0-9０-９]{1,4}[·•・]+"
      // some producers set the dashes as the ideograph 一
      "|一[0-9０-９]{1,4}一"
      "|第[0-9０-９]{1,4}页(?:[,，/／、]?[（(]?共[0-9０-９]{1,4}页[）)]?)?"
      "|共[0-9０-９]{1,4}页第[0-9０-９]{1,4}页"
      "|[0-9０-９]{1,4}[/／][0-9０-９]{1,4}"
      "|(?i:page)[0-9]{1,4}(?:(?:(?i:of)|/)[0-9]{1,4})?)");
  return RE2::FullMatch(t, *kRe);
}

bool IsPageNumberLine(std::string_view line) {
  if (IsPageFurniture(line)) return true;
  if (line.size() > 40) return false;
  static const RE2* const kBare = new RE2("[0-9０-９]{1,4}");
  return RE2::FullMatch(Compact(line), *kBare);
}

std::optional<std::string> AttachmentLabel(std::string_view line) {
  if (line.size() > 60) return std::nullopt;
  const std::string t = NormCompact(line);
  static const RE2* const kRe = new RE2(
      "(附件(?:[0-9０-９]{1,3}(?:[-－—][0-9０-９]{1,2})?"
      "|[一二三四五六七八九十]{1,3})?)[：:]?");
  std::string label;
  if (!RE2::FullMatch(t, *kRe, &label)) return std::nullopt;
  return label;
}

int SectionLevel(std::string_view line) {
  const std::string t = NormCompact(line);
  static const RE2* const kLevel1 = new RE2(
      "(?:[一二三四五六七八九十百]+[、.．]|"
      "第[一二三四五六七八九十百]+(?:部分|章|篇))[^、.．].*");
  static const RE2* const kLevel2 = new RE2(
      "(?:[（(][一二三四五六七八九十百]+[）)]|"
      "第[一二三四五六七八九十百]+节).+");
  if (RE2::FullMatch(t, *kLevel1)) return 1;
  if (RE2::FullMatch(t, *kLevel2)) return 2;
  return 0;
}

std::optional<int> ParseSeq(std::string_view cell) {
  const std::u32string t = ToU32(Compact(cell));
  if (t.empty() || t.size() > 8) return std::nullopt;
  if (t.size() == 1 && t[0] >= U'①' && t[0] <= U'⑳') {
    return static_cast<int>(t[0] - U'①') + 1;
  }
  size_t b = 0;
  size_t e = t.size();
  const bool open = internal::IsOpenBracket(t[0]);
  if (open) ++b;
  if (b < e && (internal::IsCloseBracket(t[e - 1]) ||
                (!open && std::u32string_view(U".．、,，").find(t[e - 1]) !=
                              std::u32string_view::npos))) {
    --e;
  }
  if (b >= e || e - b > 4) return std::nullopt;
  int value = 0;
  for (size_t i = b; i < e; ++i) {
    const int d = internal::DigitValue(t[i]);
    if (d < 0) return std::nullopt;
    value = value * 10 + d;
  }
  if (value <= 0) return std::nullopt;
  return value;
}

bool IsPlaceholder(std::string_view text) {
  const std::u32string t = ToU32(Compact(text));
  if (t.empty() || t == U"无" || t == U"暂无" || t == U"/" || t == U"／" ||
      t == U"\\") {
    return true;
  }
  return std::all_of(t.begin(), t.end(), IsDash);
}

bool LooksLikeTitle(std::string_view text) {
  if (text.size() > 400) return false;
  const std::string t = NormCompact(text);
  const size_t n = CodePoints(t);
  if (n < 4 || n > 80) return false;
  static const RE2* const kTitle = new RE2(
      "[^，。；：！？,;:!?]*(?:表|分工|分解|清单|台账|计划|方案|要点|任务|"
      "安排|措施|名单|事项|细则|意见|办法|规划|通知)[》）)]?");
  return RE2::FullMatch(t, *kTitle);
}

// ---------------------------------------------------------------------------
// Notes and closing blocks
// ---------------------------------------------------------------------------

bool IsNoteLine(std::string_view line) {
  static const RE2* const kRe = new RE2(
      "(?:注|备注|说明|注释)(?:[0-9０-９①-⑩]|[（(][0-9０-９]+[）)])?[：:].*");
  return RE2::FullMatch(NormCompact(line), *kRe);
}

// The two tests below are written out rather than as RE2 patterns: their
// bounded gaps of any character ("[^牵]{0,12}", ".{0,12}") compiled to a
// dozen copies of a UTF-8 automaton each, ~0.8 M instructions per process,
// more than all the matching a document needs. The comments give the
// patterns they implement, over NormCompact(line) (valid UTF-8 without
// white space).

// (?:第[一1](?:位|个|名|家)?|首位|首个|首家|居首|列首|排首)
// [^牵]{0,12}?(?:牵头|主责|负总责), anywhere in the line.
bool IsFirstListedLeadNote(std::string_view line) {
  if (line.size() > 400) return false;
  const std::u32string t = ToU32(NormCompact(line));
  static constexpr std::u32string_view kMarkers[] = {
      U"第一", U"第1", U"首位", U"首个", U"首家", U"居首", U"列首", U"排首"};
  static constexpr std::u32string_view kSuffixes = U"位个名家";  // after 第一
  static constexpr std::u32string_view kLeads[] = {U"牵头", U"主责", U"负总责"};
  const std::u32string_view u = t;
  auto lead_at = [&](size_t j) {
    return std::any_of(
        std::begin(kLeads), std::end(kLeads),
        [&](std::u32string_view k) { return u.substr(j, k.size()) == k; });
  };
  for (size_t i = 0; i + 2 <= u.size(); ++i) {
    const std::u32string_view marker = u.substr(i, 2);
    if (std::find(std::begin(kMarkers), std::end(kMarkers), marker) ==
        std::end(kMarkers)) {
      continue;
    }
    const size_t e = i + 2;
    // 第一's optional suffix is not 牵, so it only lengthens the gap by one.
    const bool suffix = marker[0] == U'第' && e < u.size() &&
                        kSuffixes.find(u[e]) != std::u32string_view::npos;
    const size_t max_gap = suffix ? 13 : 12;
    for (size_t j = e; j < u.size() && j - e <= max_gap; ++j) {
      if (lead_at(j)) return true;
      if (u[j] == U'牵') break;  // the gap holds no 牵
    }
  }
  return false;
}

// 抄送[：:]?.+ | 主送[：:].+ | .*印发 | .*印发(?:日期|时间).*
// | [（(]此件.{0,12}[）)] | 公开(?:方式|属性)[：:].*, the whole line.
bool IsColophon(std::string_view line) {
  const std::string n = NormCompact(line);
  if (n.empty() || n.size() > 600) return false;
  const std::u32string t = ToU32(n);
  const std::u32string_view u = t;
  auto colon_at = [&](size_t i) {
    return i < u.size() && (u[i] == U'：' || u[i] == U':');
  };
  auto has = [&](std::u32string_view what) {
    return u.find(what) != std::u32string_view::npos;
  };
  if (internal::StartsWith(u, U"抄送") && u.size() > 2) return true;
  if (internal::StartsWith(u, U"主送") && colon_at(2) && u.size() > 3)
    return true;
  if (internal::EndsWith(u, U"印发") || has(U"印发日期") || has(U"印发时间")) {
    return true;
  }
  if (u.size() >= 4 && (u[0] == U'（' || u[0] == U'(') &&
      u.substr(1, 2) == U"此件" && (u.back() == U'）' || u.back() == U')') &&
      u.size() - 4 <= 12) {
    return true;
  }
  return (internal::StartsWith(u, U"公开方式") ||
          internal::StartsWith(u, U"公开属性")) &&
         colon_at(4);
}

}  // namespace plan2json::lexicon
