// Copyright 2026 The plan2json Authors.
//
// ParseDeadline: printed deadline text -> date / ongoing / text.
//
// The text is first brought to a canonical form (repaired characters, no
// spaces, ASCII digits, Chinese numerals as digits, trailing punctuation and
// "前/以前/之前/为止" + "完成" removed), then matched as a whole against a
// small grammar:  [year] period.  Anything the grammar does not cover is
// kText; a recognized period without a resolvable year is kText too.

#include <re2/re2.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "normalizer/normalizer.h"
#include "normalizer/text_internal.h"

namespace plan2json::normalizer {
namespace {

// Value of a Chinese numeral digit, or -1. 十 is handled separately.
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

bool IsChineseNumeral(char32_t c) { return c == U'十' || ChineseDigit(c) >= 0; }

// Appends a run of Chinese numerals as ASCII digits: with 十 as a positional
// number up to 99 (十二 -> 12, 二十八 -> 28, 三十 -> 30); without it digit by
// digit (二〇二四 -> 2024, 九 -> 9). Runs it cannot read are kept as is.
void AppendNumeral(std::u32string_view run, std::u32string* out) {
  const size_t ten = run.find(U'十');
  if (ten == std::u32string_view::npos) {
    for (char32_t c : run) {
      out->push_back(static_cast<char32_t>(U'0' + ChineseDigit(c)));
    }
    return;
  }
  const std::u32string_view tens = run.substr(0, ten);
  const std::u32string_view ones = run.substr(ten + 1);
  if (tens.size() > 1 || ones.size() > 1 ||
      (!tens.empty() && ChineseDigit(tens[0]) <= 0) ||
      (!ones.empty() && ChineseDigit(ones[0]) <= 0)) {
    out->append(run);
    return;
  }
  const int value = (tens.empty() ? 1 : ChineseDigit(tens[0])) * 10 +
                    (ones.empty() ? 0 : ChineseDigit(ones[0]));
  if (value >= 10) out->push_back(static_cast<char32_t>(U'0' + value / 10));
  out->push_back(static_cast<char32_t>(U'0' + value % 10));
}

bool IsTrailingPunctuation(char32_t c) {
  return c == U'。' || c == U'.' || c == U'，' || c == U',' || c == U'；' ||
         c == U';' || c == U'、' || c == U'：' || c == U':';
}

std::string Canonicalize(std::string_view text) {
  std::u32string in;
  internal::AppendRepaired(text, &in);
  std::u32string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    const char32_t c = in[i];
    if (c == U' ' || c == U'\n') {
      ++i;
    } else if (c >= U'０' && c <= U'９') {
      out.push_back(U'0' + (c - U'０'));
      ++i;
    } else if (IsChineseNumeral(c)) {
      size_t j = i;
      while (j < in.size() && IsChineseNumeral(in[j])) ++j;
      AppendNumeral(std::u32string_view(in).substr(i, j - i), &out);
      i = j;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  while (!out.empty() && IsTrailingPunctuation(out.back())) out.pop_back();
  return internal::ToUtf8(out);
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

Due MakeDate(int year, int month, int day) {
  Due due;
  if (year <= 0 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return due;  // kText
  }
  char buffer[40];  // room for any three ints, keeps -Wformat-truncation quiet
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  due.kind = Due::Kind::kDate;
  due.date = buffer;
  return due;
}

// Compiled once; RE2 objects are thread-safe for matching. Never destroyed
// (Google style: no non-trivial static destructors).
struct Patterns {
  RE2 ongoing{"^(?:持续|长期|常态化|每年|每半年|每季度|每月|定期)"};
  // Strips "前/以前/之前/为止/止" and an optional "完成" after it.
  RE2 suffix{"(.*?)(?:以前|之前|为止|前|止)?(?:完成)?"};
  // Year prefix: explicit, next, or current. Group 1 = digits,
  // group 2 = next-year word, group 3 = rest.
  // Numerals are already digits here, so 下一年 reads 下1年.
  RE2 year{
      "(?:(\\d{4})年|(次年|明年|翌年|下1?年度?)|今年|当年|本年度?)?"
      "(.*)"};
  // After a year prefix ("2024年" + "底"); without one ("年底").
  RE2 year_end_after_prefix{"年?(?:底|末|内|度)?|全年"};
  RE2 year_end{"年(?:底|末|内|度)|全年"};
  RE2 month_end{"(\\d{1,2})月份?(?:底|末)?"};
  RE2 month_day{"(\\d{1,2})月(\\d{1,2})[日号]"};
  RE2 month_third{"(\\d{1,2})月(上|中|下)旬"};
  RE2 quarter{"第?([1-4])季度(?:末|底)?"};
  RE2 first_half{"上半年|年中"};
  RE2 second_half{"下半年"};
};

const Patterns& GetPatterns() {
  static const Patterns* const kPatterns = new Patterns();
  return *kPatterns;
}

}  // namespace

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

Due ParseDeadline(std::string_view text, int year) {
  const Patterns& p = GetPatterns();
  const std::string canonical = Canonicalize(text);
  Due due;  // kText
  if (canonical.empty()) return due;
  if (RE2::PartialMatch(canonical, p.ongoing)) {
    due.kind = Due::Kind::kOngoing;
    return due;
  }

  std::string body;
  if (!RE2::FullMatch(canonical, p.suffix, &body) || body.empty()) return due;

  std::string explicit_year;
  std::string next_year;
  std::string period;
  if (!RE2::FullMatch(body, p.year, &explicit_year, &next_year, &period)) {
    return due;
  }
  const bool has_year_prefix = period.size() < body.size();
  int resolved = year;
  if (!explicit_year.empty()) {
    resolved = std::stoi(explicit_year);
    if (resolved < 1900 || resolved > 2199) return due;
  } else if (!next_year.empty()) {
    resolved = year > 0 ? year + 1 : 0;
  }
  if (resolved <= 0) return due;

  int month = 0;
  int day = 0;
  std::string third;
  if (RE2::FullMatch(period,
                     has_year_prefix ? p.year_end_after_prefix : p.year_end)) {
    return MakeDate(resolved, 12, 31);
  }
  if (RE2::FullMatch(period, p.month_end, &month)) {
    if (month < 1 || month > 12) return due;
    return MakeDate(resolved, month, DaysInMonth(resolved, month));
  }
  if (RE2::FullMatch(period, p.month_day, &month, &day)) {
    return MakeDate(resolved, month, day);
  }
  if (RE2::FullMatch(period, p.month_third, &month, &third)) {
    if (month < 1 || month > 12) return due;
    const int end = third == "上"   ? 10
                    : third == "中" ? 20
                                    : DaysInMonth(resolved, month);
    return MakeDate(resolved, month, end);
  }
  int quarter = 0;
  if (RE2::FullMatch(period, p.quarter, &quarter)) {
    return MakeDate(resolved, quarter * 3, DaysInMonth(resolved, quarter * 3));
  }
  if (RE2::FullMatch(period, p.first_half)) return MakeDate(resolved, 6, 30);
  if (RE2::FullMatch(period, p.second_half)) return MakeDate(resolved, 12, 31);
  return due;
}

}  // namespace plan2json::normalizer
