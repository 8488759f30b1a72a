// Copyright 2026 The plan2json Authors.
//
// The deadline grammar (lexicon.h: MatchDeadline). The text is brought to a
// canonical form (repaired characters, no spaces, ASCII digits, Chinese
// numerals as digits, trailing punctuation removed) and matched as a whole:
// a textual phrase, an ongoing phrase, a range of two periods, a single
// period, or a list of those. A period is [year] + one of the forms of
// lexicon.h, with an optional 前/以前/之前/为止 [+完成] after it.

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/lexicon.h"
#include "lexicon/lexicon_internal.h"

namespace plan2json::lexicon {
namespace {

using normalizer::Due;

bool IsChineseNumeral(char32_t c) {
  return c == U'十' || internal::ChineseDigit(c) >= 0;
}

// Appends a run of Chinese numerals as ASCII digits: with 十 as a positional
// number up to 99 (十二 -> 12, 二十八 -> 28, 三十 -> 30); without it digit by
// digit (二〇二四 -> 2024, 九 -> 9). Runs it cannot read are kept as is.
void AppendNumeral(std::u32string_view run, std::u32string* out) {
  const size_t ten = run.find(U'十');
  if (ten == std::u32string_view::npos) {
    for (char32_t c : run) {
      out->push_back(static_cast<char32_t>(U'0' + internal::ChineseDigit(c)));
    }
    return;
  }
  const std::u32string_view tens = run.substr(0, ten);
  const std::u32string_view ones = run.substr(ten + 1);
  if (tens.size() > 1 || ones.size() > 1 ||
      (!tens.empty() && internal::ChineseDigit(tens[0]) <= 0) ||
      (!ones.empty() && internal::ChineseDigit(ones[0]) <= 0)) {
    out->append(run);
    return;
  }
  const int value = (tens.empty() ? 1 : internal::ChineseDigit(tens[0])) * 10 +
                    (ones.empty() ? 0 : internal::ChineseDigit(ones[0]));
  if (value >= 10) out->push_back(static_cast<char32_t>(U'0' + value / 10));
  out->push_back(static_cast<char32_t>(U'0' + value % 10));
}

bool IsTrailingPunctuation(char32_t c) {
  return c == U'。' || c == U'.' || c == U'，' || c == U',' || c == U'；' ||
         c == U';' || c == U'、' || c == U'：' || c == U':';
}

// The two forms the grammar reads: `words` keeps Chinese numerals (统一部署
// must not become 统1部署), `numbers` reads them as digits. Both: repaired,
// no spaces, ASCII digits, dashes unified to '—', trailing punctuation gone.
struct Canonical {
  std::string words;
  std::string numbers;
};

Canonical Canonicalize(std::string_view text) {
  std::u32string in = ToU32(NormCompact(text));
  while (!in.empty() && IsTrailingPunctuation(in.back())) in.pop_back();
  std::u32string words;
  std::u32string numbers;
  for (size_t i = 0; i < in.size();) {
    char32_t c = in[i];
    if (internal::DigitValue(c) >= 0) {
      c = static_cast<char32_t>(U'0' + internal::DigitValue(c));
    } else if (IsDash(c) || c == U'～' || c == U'〜' || c == U'~') {
      c = U'—';
      while (i + 1 < in.size() && IsDash(in[i + 1])) ++i;  // "——"
    }
    words.push_back(c);
    if (IsChineseNumeral(c)) {
      size_t j = i;
      while (j < in.size() && IsChineseNumeral(in[j])) ++j;
      AppendNumeral(std::u32string_view(in).substr(i, j - i), &numbers);
      words.append(in, i + 1, j - i - 1);
      i = j;
      continue;
    }
    numbers.push_back(c);
    ++i;
  }
  return {ToUtf8(words), ToUtf8(numbers)};
}

bool IsLeap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeap(year)) return 29;
  return kDays[month - 1];
}

Due TextDue() { return Due{}; }

Due MakeDate(int year, int month, int day) {
  if (year <= 0 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return TextDue();
  }
  char buffer[40];  // room for any three ints, keeps -Wformat-truncation quiet
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  Due due;
  due.kind = Due::Kind::kDate;
  due.date = buffer;
  return due;
}

// A recognised period before resolution against the plan year.
struct Period {
  enum class Year { kPlan, kExplicit, kNext };
  Year year_mode = Year::kPlan;
  int year = 0;     // when kExplicit
  int month = 12;   // 1..12, or 0 for "no date" (年初, …起)
  int day = 0;      // 0 = last day of the month
  bool has_year_prefix = false;
};

// Each compiled on its first use (a document needs only some of them, and
// compiling all at start cost more than matching); LazyRE2 is thread-safe
// and never destroyed.
struct Patterns {
  LazyRE2 text_phrase{
      "(?:(?:按照?|根据|依据|依照|遵照)[^，。；]{0,6}?"
      "(?:部署|安排|要求|进度|规定|通知|时限|时间|计划)"
      "(?:推进|执行|完成|落实|实施|开展|办理|确定)?"
      "|另行(?:通知|安排|确定|部署|明确)"
      "|(?:待|视)[^，。；]{0,10}?(?:确定|情况|安排|而定|进展)(?:推进|确定|而定)"
      "?"
      "|(?:适时|近期|尽快|及早|立即)(?:推进|开展|启动|实施|完成)?"
      "|按期(?:推进|完成)?|如期(?:推进|完成)?)"};
  LazyRE2 ongoing{
      "(?:持续|长期|常态化|定期|每年|每半年|每季度|每月|每周|逐年|按月|"
      "按季度?|按年度?)"
      "(推进|坚持|开展|实施|落实|进行|完成|执行|更新|跟踪|推动|监测|报送|"
      "调度|组织)?(.*)"};
  LazyRE2 lead_in{"(?:截至|截止(?:到|至)?|于|至|到)?(.+)"};
  // What may follow a recurring word besides a period: "每月10日前".
  LazyRE2 recurring_day{
      "(?:\\d{1,2}[日号]|[上中下]旬|底|末|初)(?:以前|之前|前)?"};
  // Strips "前/以前/之前/为止/止" and an optional "完成" after it.
  LazyRE2 suffix{"(.+?)(?:以前|之前|为止|前|止)?(?:完成)?"};
  LazyRE2 start{"(.+?)(?:起|开始)(?:实施|执行)?"};
  // Year prefix: explicit, next, or current. Numerals are digits here, so
  // 下一年 reads 下1年.
  LazyRE2 year{
      "(?:(\\d{4})年|(次年|明年|翌年|下1?年度?)|(今年|当年|本年度?))?"
      "(.*)"};
  LazyRE2 year_end_after_prefix{"年?(?:底|末|内|度)?|全年"};
  LazyRE2 year_end{"年(?:底|末|内|度)|全年"};
  LazyRE2 year_start{"年?初"};
  LazyRE2 month_end{"(\\d{1,2})月份?(?:底|末)?"};
  LazyRE2 month_day{"(\\d{1,2})月(\\d{1,2})[日号]"};
  LazyRE2 month_third{"(\\d{1,2})月(上|中|下)旬"};
  LazyRE2 quarter{"第?([1-4])季度(?:末|底)?"};
  LazyRE2 first_half{"上半年|年中"};
  LazyRE2 second_half{"下半年"};
  LazyRE2 numeric_date{"(\\d{4})[.—/](\\d{1,2})(?:[.—/](\\d{1,2}))?"};
  LazyRE2 bare_year{"(\\d{4})年?"};
  LazyRE2 range{"(.+?)(?:—|至|到)(.+)"};
  LazyRE2 list_separator{"[、，,；;]|和|及"};
};

const Patterns& P() {
  static const Patterns kPatterns;
  return kPatterns;
}

// Reads the period form after the year prefix. False if not a period.
bool ReadPeriodBody(const std::string& body, bool has_prefix, Period* out) {
  const Patterns& p = P();
  int month = 0;
  int day = 0;
  std::string third;
  if (RE2::FullMatch(body,
                     has_prefix ? *p.year_end_after_prefix : *p.year_end)) {
    out->month = 12;
    return true;
  }
  if (RE2::FullMatch(body, *p.year_start)) {
    out->month = 0;  // recognised, no date
    return true;
  }
  if (RE2::FullMatch(body, *p.month_end, &month)) {
    out->month = month;
    return month >= 1 && month <= 12;
  }
  if (RE2::FullMatch(body, *p.month_day, &month, &day) ||
      RE2::FullMatch(body, *p.month_third, &month, &third)) {
    out->month = month;
    out->day = third.empty() ? day : third == "上" ? 10 : third == "中" ? 20 : 0;
    return month >= 1 && month <= 12;
  }
  int quarter = 0;
  if (RE2::FullMatch(body, *p.quarter, &quarter)) {
    out->month = quarter * 3;
    return true;
  }
  if (RE2::FullMatch(body, *p.first_half)) {
    out->month = 6;
    return true;
  }
  if (RE2::FullMatch(body, *p.second_half)) {
    out->month = 12;
    return true;
  }
  return false;
}

// [year] period [前…], on the numbers form. nullopt if not a period.
std::optional<Period> ReadPeriod(const std::string& text) {
  const Patterns& p = P();
  Period period;
  int y = 0;
  int m = 0;
  int d = 0;
  if (RE2::FullMatch(text, *p.numeric_date, &y, &m, &d)) {
    period.year_mode = Period::Year::kExplicit;
    period.year = y;
    period.month = m;
    period.day = d;
    if (y < 1900 || y > 2199 || m < 1 || m > 12) return std::nullopt;
    return period;
  }
  std::string body;
  if (!RE2::FullMatch(text, *p.suffix, &body) || body.empty()) {
    return std::nullopt;
  }
  std::string explicit_year, next_year, this_year, rest;
  if (!RE2::FullMatch(body, *p.year, &explicit_year, &next_year, &this_year,
                      &rest)) {
    return std::nullopt;
  }
  period.has_year_prefix = rest.size() < body.size();
  if (!explicit_year.empty()) {
    period.year_mode = Period::Year::kExplicit;
    period.year = std::stoi(explicit_year);
    if (period.year < 1900 || period.year > 2199) return std::nullopt;
  } else if (!next_year.empty()) {
    period.year_mode = Period::Year::kNext;
  }
  if (!ReadPeriodBody(rest, period.has_year_prefix, &period)) {
    return std::nullopt;
  }
  return period;
}

Due Resolve(const Period& period, int plan_year) {
  int year = plan_year;
  if (period.year_mode == Period::Year::kExplicit) year = period.year;
  if (period.year_mode == Period::Year::kNext && plan_year > 0) {
    year = plan_year + 1;
  }
  if (period.year_mode == Period::Year::kNext && plan_year <= 0) year = 0;
  if (year <= 0 || period.month == 0) return TextDue();
  const int day =
      period.day > 0 ? period.day
                     : (period.month >= 1 && period.month <= 12
                            ? DaysInMonth(year, period.month)
                            : 0);
  return MakeDate(year, period.month, day);
}

// A range "A—B": B resolved, taking A's explicit year when B has none.
std::optional<Due> ReadRange(const std::string& numbers, int plan_year) {
  const Patterns& p = P();
  std::string a, b;
  if (!RE2::FullMatch(numbers, *p.range, &a, &b)) return std::nullopt;
  std::optional<Period> first;
  int bare = 0;
  if (RE2::FullMatch(a, *p.bare_year, &bare)) {
    if (bare < 1900 || bare > 2199) return std::nullopt;
    first = Period{Period::Year::kExplicit, bare, 12, 0, true};
  } else {
    first = ReadPeriod(a);
  }
  std::optional<Period> last = ReadPeriod(b);
  if (!last && first && first->has_year_prefix &&
      RE2::FullMatch(b, *p.bare_year, &bare)) {
    // "2023-2025": two bare years.
    if (bare < 1900 || bare > 2199) return std::nullopt;
    last = Period{Period::Year::kExplicit, bare, 12, 0, true};
  }
  if (!first || !last) return std::nullopt;
  if (last->year_mode == Period::Year::kPlan &&
      first->year_mode != Period::Year::kPlan) {
    last->year_mode = first->year_mode;
    last->year = first->year;
  }
  return Resolve(*last, plan_year);
}

std::optional<Due> MatchOne(const Canonical& c, int year);

// Items joined by 、，；和及, each a deadline: recognised, no single date.
std::optional<Due> ReadList(const Canonical& c, int year) {
  const Patterns& p = P();
  if (!RE2::PartialMatch(c.words, *p.list_separator)) return std::nullopt;
  std::string words = c.words;
  std::string numbers = c.numbers;
  // Split both forms at the same separators (they share them verbatim).
  RE2::GlobalReplace(&words, *p.list_separator, "\x1f");
  RE2::GlobalReplace(&numbers, *p.list_separator, "\x1f");
  auto split = [](const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || s[i] == '\x1f') {
        out.push_back(s.substr(start, i - start));
        start = i + 1;
      }
    }
    return out;
  };
  const std::vector<std::string> w = split(words);
  const std::vector<std::string> n = split(numbers);
  if (w.size() != n.size() || w.size() < 2) return std::nullopt;
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i].empty() || !MatchOne({w[i], n[i]}, year)) return std::nullopt;
  }
  return TextDue();
}

// Whether `text` starts with one of `leads`. The first words of every
// alternative of text_phrase and ongoing, so that those patterns are only
// compiled and run for a cell that can match: text_phrase alone compiles to
// ~2 M instructions (each bounded gap "[^，。；]{0,6}" is a copy of a UTF-8
// automaton), and most documents' deadlines are dates. Keep each list in
// step with its pattern.
bool StartsWithAny(std::string_view text,
                   std::initializer_list<std::string_view> leads) {
  return std::any_of(leads.begin(), leads.end(), [&](std::string_view lead) {
    return text.substr(0, lead.size()) == lead;
  });
}

bool MayBeTextPhrase(std::string_view words) {
  return StartsWithAny(
      words, {"按", "根据", "依据", "依照", "遵照", "另行", "待", "视", "适时",
              "近期", "尽快", "及早", "立即", "如期"});
}

bool MayBeOngoing(std::string_view numbers) {
  return StartsWithAny(numbers,
                       {"持续", "长期", "常态化", "定期", "每", "逐年", "按"});
}

std::optional<Due> MatchOne(const Canonical& c, int year) {
  const Patterns& p = P();
  if (c.numbers.empty()) return std::nullopt;
  if (MayBeTextPhrase(c.words) && RE2::FullMatch(c.words, *p.text_phrase)) {
    return TextDue();
  }
  // Recurring: a word alone, + a verb ("持续推进"), or + a period or day
  // ("每年年底前", "每月10日前"); never a verb and then more.
  std::string verb, rest;
  if (MayBeOngoing(c.numbers) &&
      RE2::FullMatch(c.numbers, *p.ongoing, &verb, &rest) &&
      (rest.empty() ||
       (verb.empty() &&
        (ReadPeriod(rest) || RE2::FullMatch(rest, *p.recurring_day))))) {
    Due due;
    due.kind = Due::Kind::kOngoing;
    return due;
  }
  std::string body;
  if (!RE2::FullMatch(c.numbers, *p.lead_in, &body)) return std::nullopt;
  if (std::optional<Period> period = ReadPeriod(body)) {
    return Resolve(*period, year);
  }
  if (std::optional<Due> range = ReadRange(body, year)) return range;
  std::string from;
  if (RE2::FullMatch(body, *p.start, &from) && ReadPeriod(from)) {
    return TextDue();  // a start, not a deadline: recognised, no date
  }
  return std::nullopt;
}

}  // namespace

}  // namespace plan2json::lexicon

namespace plan2json::normalizer {

// Declared in normalizer.h; defined here so that the lexicon, which the
// normalizer links, has every symbol of the Due type it returns.
const char* DueKindName(Due::Kind kind) {
  switch (kind) {
    case Due::Kind::kDate:
      return "date";
    case Due::Kind::kOngoing:
      return "ongoing";
    case Due::Kind::kText:
      return "text";
  }
  return "text";
}

}  // namespace plan2json::normalizer

namespace plan2json::lexicon {

std::optional<normalizer::Due> MatchDeadline(std::string_view text, int year) {
  if (CodePoints(text) > 60) return std::nullopt;
  const Canonical c = Canonicalize(text);
  if (c.numbers.empty()) return std::nullopt;
  if (std::optional<Due> one = MatchOne(c, year)) return one;
  return ReadList(c, year);
}

std::optional<int> TitleYear(std::string_view title) {
  if (title.size() > 2000) title = title.substr(0, 2000);
  static const RE2* const kYear =
      new RE2("((?:19|20)\\d\\d)(?:年|(?:—|至|到)(?:19|20)\\d\\d年)");
  int year = 0;
  if (RE2::PartialMatch(Canonicalize(title).numbers, *kYear, &year)) {
    return year;
  }
  return std::nullopt;
}

bool IsDeadline(std::string_view text) {
  thread_local std::unordered_map<std::string, bool> memo;
  std::string key(text);
  auto it = memo.find(key);
  if (it != memo.end()) return it->second;
  if (memo.size() > 8192) memo.clear();
  const bool is = MatchDeadline(text, 2000).has_value();
  memo.emplace(std::move(key), is);
  return is;
}

std::optional<std::vector<std::string>> SplitDeadlines(std::string_view text) {
  const std::u32string u = ToU32(NormCompact(text));
  constexpr size_t kMaxLength = 40;
  if (u.size() < 4 || u.size() > kMaxLength || IsDeadline(ToUtf8(u))) {
    return std::nullopt;
  }
  // best[i]: fewest deadline pieces covering u[0, i); from[i]: where the
  // last of them starts. Pieces are tried shortest end first, so ties keep
  // the earlier cut.
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> best(u.size() + 1, kNone);
  std::vector<size_t> from(u.size() + 1, 0);
  best[0] = 0;
  for (size_t end = 1; end <= u.size(); ++end) {
    for (size_t start = 0; start < end; ++start) {
      if (best[start] == kNone || best[start] + 1 >= best[end]) continue;
      if (!IsDeadline(ToUtf8(u.substr(start, end - start)))) continue;
      best[end] = best[start] + 1;
      from[end] = start;
    }
  }
  if (best[u.size()] == kNone || best[u.size()] < 2) return std::nullopt;
  std::vector<std::string> pieces;
  for (size_t end = u.size(); end > 0; end = from[end]) {
    pieces.push_back(ToUtf8(u.substr(from[end], end - from[end])));
  }
  return std::vector<std::string>(pieces.rbegin(), pieces.rend());
}

bool IsDeadlinePrefix(std::string_view text) {
  const std::string t = NormCompact(text);
  if (t.empty() || CodePoints(t) > 10 || IsDeadline(t)) return false;
  static const RE2* const kRangeStart = new RE2(
      "(?:截至|截止)?[0-9０-９]{4}年?(?:[0-9０-９]{1,2}月)?"
      "(?:[-‐‑‒–—―─━－～〜~]+|至|到)");
  if (RE2::FullMatch(t, *kRangeStart)) return true;
  static constexpr const char* kEndings[] = {
      "前",   "底前", "月底前", "月",   "日前", "年底前", "年",   "度",
      "季度", "进",   "推进",   "持",   "坚持", "期坚持", "期",   "化",
      "态化", "部署", "统一部署", "通知", "安排", "要求",   "旬"};
  for (const char* ending : kEndings) {
    if (IsDeadline(t + ending)) return true;
  }
  return false;
}

}  // namespace plan2json::lexicon
