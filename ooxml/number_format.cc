// Copyright 2026 The plan2json Authors.
//
// Excel's display of numbers: General, fixed decimals, grouping, percent and
// date/time formats (the built-in ones and custom codes of the same tokens).

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ooxml/document.h"

namespace plan2json::ooxml {
namespace {

std::string General(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10G", v);  // Excel shows ~10-11 digits
  return buf;
}

struct Token {
  enum Kind { kLiteral, kYear, kMonth, kMinute, kDay, kHour, kSecond, kAmPm } kind;
  std::string text;  // literal text; otherwise the token as written
};

// The first section of a format code, without [color]/[$-locale] parts.
std::string FirstSection(const std::string& code) {
  std::string out;
  bool quoted = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') quoted = !quoted;
    if (!quoted && c == ';') break;
    if (!quoted && c == '\\' && i + 1 < code.size()) {
      out += code.substr(i, 2);
      ++i;
      continue;
    }
    if (!quoted && c == '[') {
      size_t close = code.find(']', i);
      if (close == std::string::npos) break;
      i = close;
      continue;
    }
    out += c;
  }
  return out;
}

// Splits a date/time code into tokens; empty when it has no date or time
// token (a number format).
std::vector<Token> DateTokens(const std::string& code) {
  std::vector<Token> out;
  bool any = false;
  for (size_t i = 0; i < code.size();) {
    char c = code[i];
    char lc = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t run = 1;
    while (i + run < code.size() &&
           std::tolower(static_cast<unsigned char>(code[i + run])) == lc) {
      ++run;
    }
    if (c == '"') {
      size_t close = code.find('"', i + 1);
      if (close == std::string::npos) close = code.size();
      out.push_back({Token::kLiteral, code.substr(i + 1, close - i - 1)});
      i = close + 1;
      continue;
    }
    if (c == '\\' && i + 1 < code.size()) {
      out.push_back({Token::kLiteral, code.substr(i + 1, 1)});
      i += 2;
      continue;
    }
    if (code.compare(i, 5, "AM/PM") == 0 || code.compare(i, 5, "am/pm") == 0) {
      out.push_back({Token::kAmPm, "AM/PM"});
      i += 5;
      continue;
    }
    Token::Kind kind = Token::kLiteral;
    if (lc == 'y') kind = Token::kYear;
    else if (lc == 'm') kind = Token::kMonth;
    else if (lc == 'd') kind = Token::kDay;
    else if (lc == 'h') kind = Token::kHour;
    else if (lc == 's') kind = Token::kSecond;
    if (kind == Token::kLiteral) {
      if (c == '_' || c == '*') {  // padding: skip the next character
        i += 2;
        continue;
      }
      out.push_back({Token::kLiteral, std::string(1, c)});
      ++i;
      continue;
    }
    any = true;
    out.push_back({kind, code.substr(i, run)});
    i += run;
  }
  if (!any) return {};
  // m after an hour or before a second is minutes.
  for (size_t k = 0; k < out.size(); ++k) {
    if (out[k].kind != Token::kMonth || out[k].text.size() > 2) continue;
    for (size_t j = k; j-- > 0;) {
      if (out[j].kind == Token::kLiteral) continue;
      if (out[j].kind == Token::kHour) out[k].kind = Token::kMinute;
      break;
    }
    for (size_t j = k + 1; j < out.size(); ++j) {
      if (out[j].kind == Token::kLiteral) continue;
      if (out[j].kind == Token::kSecond) out[k].kind = Token::kMinute;
      break;
    }
  }
  return out;
}

// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
void CivilFromDays(long z, int* y, int* m, int* d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

std::string FormatDate(double serial, const std::vector<Token>& tokens, bool date1904) {
  if (serial < 0 || serial > 2958465) return General(serial);  // past 9999-12-31
  long days = static_cast<long>(std::floor(serial));
  long secs = std::lround((serial - static_cast<double>(days)) * 86400);
  if (secs >= 86400) ++days, secs -= 86400;
  int y = 1900, m = 1, d = 0;
  if (date1904) {
    CivilFromDays(days - 24107, &y, &m, &d);  // 1904-01-01 is day 0
  } else if (days == 60) {
    m = 2, d = 29;  // Lotus's 1900-02-29
  } else if (days > 0) {
    CivilFromDays(days - 25569 + (days < 60 ? 1 : 0), &y, &m, &d);
  }
  bool ampm = false;
  for (const Token& t : tokens) ampm |= t.kind == Token::kAmPm;
  static const char* const kMon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto num = [](long v, size_t width) {
    std::string s = std::to_string(v);
    while (s.size() < width) s = "0" + s;
    return s;
  };
  std::string out;
  long h = secs / 3600;
  for (const Token& t : tokens) {
    const size_t n = t.text.size();
    switch (t.kind) {
      case Token::kLiteral: out += t.text; break;
      case Token::kYear: out += n <= 2 ? num(y % 100, 2) : num(y, 4); break;
      case Token::kMonth: out += n >= 3 ? kMon[m - 1] : num(m, n); break;
      case Token::kDay: out += num(d, std::min<size_t>(n, 2)); break;
      case Token::kHour: out += num(ampm ? (h % 12 == 0 ? 12 : h % 12) : h, n); break;
      case Token::kMinute: out += num(secs / 60 % 60, n); break;
      case Token::kSecond: out += num(secs % 60, n); break;
      case Token::kAmPm: out += h < 12 ? "AM" : "PM"; break;
    }
  }
  return out;
}

// Fixed-point codes: 0, 0.00, #,##0.00, 0%, with literal text around.
std::string FormatFixed(double v, const std::string& code) {
  std::string prefix, suffix;
  int decimals = 0;
  bool grouping = false, percent = false, in_number = false, after_point = false,
       seen_placeholder = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    std::string lit;
    if (c == '"') {
      size_t close = code.find('"', i + 1);
      if (close == std::string::npos) close = code.size();
      lit = code.substr(i + 1, close - i - 1);
      i = close;
    } else if (c == '\\' && i + 1 < code.size()) {
      lit = code.substr(++i, 1);
    } else if (c == '0' || c == '#' || c == '?') {
      seen_placeholder = in_number = true;
      if (after_point) ++decimals;
      continue;
    } else if (c == '.' && in_number) {
      after_point = true;
      continue;
    } else if (c == ',' && in_number) {
      grouping = true;
      continue;
    } else if (c == '%') {
      percent = true;
      lit = "%";
    } else if (c == '_' || c == '*') {
      ++i;
      continue;
    } else if (c == '@') {
      continue;
    } else {
      lit = std::string(1, c);
    }
    (seen_placeholder ? suffix : prefix) += lit;
    if (seen_placeholder) in_number = false;
  }
  if (!seen_placeholder) return General(v);
  if (percent) v *= 100;
  // Excel rounds halves away from zero (printf would round 2.5 to 2).
  const double scale = std::pow(10.0, std::min(decimals, 15));
  if (std::fabs(v) * scale < 1e15) v = std::round(v * scale) / scale;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::min(decimals, 15), v);
  std::string s = buf;
  if (grouping) {
    size_t start = s[0] == '-' ? 1 : 0;
    size_t point = s.find('.');
    if (point == std::string::npos) point = s.size();
    for (long k = static_cast<long>(point) - 3; k > static_cast<long>(start); k -= 3) {
      s.insert(static_cast<size_t>(k), ",");
    }
  }
  return prefix + s + suffix;
}

}  // namespace

std::string BuiltinFormat(int id) {
  switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 9: return "0%";
    case 10: return "0.00%";
    case 14: return "yyyy/m/d";  // the short date of a zh-CN system
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "yyyy/m/d h:mm";
    case 27: case 36: case 50: case 52: case 57:
      return "yyyy\"年\"m\"月\"";
    case 28: case 29: case 51: case 53: case 54: case 58:
      return "m\"月\"d\"日\"";
    case 30: return "m-d-yy";
    case 31: return "yyyy\"年\"m\"月\"d\"日\"";
    case 32: return "h\"时\"mm\"分\"";
    case 33: return "h\"时\"mm\"分\"ss\"秒\"";
    case 37: case 38: return "#,##0";
    case 39: case 40: return "#,##0.00";
    case 45: return "mm:ss";
    case 46: return "h:mm:ss";
    case 49: return "@";
    default: return "";
  }
}

std::string FormatNumber(double value, const std::string& code, bool date1904) {
  if (!std::isfinite(value)) return General(value);
  std::string section = FirstSection(code);
  if (section.empty() || section == "General" || section == "@") return General(value);
  std::vector<Token> tokens = DateTokens(section);
  if (!tokens.empty()) return FormatDate(value, tokens, date1904);
  return FormatFixed(value, section);
}

}  // namespace plan2json::ooxml
