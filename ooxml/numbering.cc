// Copyright 2026 The plan2json Authors.

#include "ooxml/numbering.h"

#include <cctype>
#include <cstdlib>
#include <string_view>

#include "ooxml/package.h"

namespace plan2json::ooxml {
namespace {

const char* const kCnDigits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// 1..99999 in Chinese counting: 十二, 二十, 一百零五, 一千二百.
std::string ChineseCounting(int n) {
  if (n == 0) return kCnDigits[0];
  if (n >= 10 && n < 20) return std::string("十") + (n % 10 ? kCnDigits[n % 10] : "");
  static const char* const kUnits[] = {"", "十", "百", "千", "万"};
  std::string out;
  bool zero = false;
  for (int unit = 4, div = 10000; unit >= 0; --unit, div /= 10) {
    int d = (n / div) % 10;
    if (d == 0) {
      if (!out.empty()) zero = true;
      continue;
    }
    if (zero) out += "零";
    zero = false;
    out += kCnDigits[d];
    out += kUnits[unit];
  }
  return out;
}

std::string Roman(int n) {
  static const std::pair<int, const char*> kTable[] = {
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
      {50, "L"},   {40, "XL"},  {10, "X"},  {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [v, s] : kTable) {
    while (n >= v) out += s, n -= v;
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int IntAttr(const pugi::xml_node& node, std::string_view child, int fallback) {
  pugi::xml_node c = Child(node, child);
  pugi::xml_attribute a = Attr(c, "val");
  return a ? a.as_int(fallback) : fallback;
}

std::string StrAttr(const pugi::xml_node& node, std::string_view child,
                    const std::string& fallback) {
  pugi::xml_attribute a = Attr(Child(node, child), "val");
  return a ? std::string(a.value()) : fallback;
}

}  // namespace

std::string FormatCounter(int n, const std::string& fmt) {
  if (fmt == "none" || fmt == "bullet") return "";
  if (n <= 0) return std::to_string(n);
  if (fmt == "chineseCounting" || fmt == "chineseCountingThousand" ||
      fmt == "japaneseCounting" || fmt == "taiwaneseCounting" ||
      fmt == "chineseLegalSimplified") {
    if (n < 100000) return ChineseCounting(n);
  } else if (fmt == "ideographDigital" || fmt == "taiwaneseDigital") {
    std::string out;
    for (char c : std::to_string(n)) out += kCnDigits[c - '0'];
    return out;
  } else if (fmt == "ideographTraditional") {
    static const char* const kStems[] = {"甲", "乙", "丙", "丁", "戊",
                                         "己", "庚", "辛", "壬", "癸"};
    if (n <= 10) return kStems[n - 1];
  } else if (fmt == "ideographZodiac") {
    static const char* const kBranches[] = {"子", "丑", "寅", "卯", "辰", "巳",
                                            "午", "未", "申", "酉", "戌", "亥"};
    if (n <= 12) return kBranches[n - 1];
  } else if (fmt == "decimalEnclosedCircle" || fmt == "decimalEnclosedCircleChinese") {
    if (n <= 20) return EncodeUtf8(static_cast<char32_t>(0x2460 + n - 1));
  } else if (fmt == "decimalEnclosedParen") {
    if (n <= 20) return EncodeUtf8(static_cast<char32_t>(0x2474 + n - 1));
  } else if (fmt == "decimalEnclosedFullstop") {
    if (n <= 20) return EncodeUtf8(static_cast<char32_t>(0x2488 + n - 1));
  } else if (fmt == "decimalFullWidth" || fmt == "decimalFullWidth2") {
    std::string out;
    for (char c : std::to_string(n)) out += EncodeUtf8(static_cast<char32_t>(0xFF10 + (c - '0')));
    return out;
  } else if (fmt == "decimalZero") {
    return (n < 10 ? "0" : "") + std::to_string(n);
  } else if (fmt == "upperRoman" || fmt == "lowerRoman") {
    if (n < 4000) return fmt == "upperRoman" ? Roman(n) : Lower(Roman(n));
  } else if (fmt == "upperLetter" || fmt == "lowerLetter") {
    // Word repeats the letter: 27 -> AA, 28 -> BB.
    std::string out(static_cast<size_t>((n - 1) / 26 + 1),
                    static_cast<char>((fmt == "upperLetter" ? 'A' : 'a') + (n - 1) % 26));
    if (out.size() <= 10) return out;
  }
  return std::to_string(n);
}

void Numbering::Load(const pugi::xml_node& root) {
  auto read_level = [](const pugi::xml_node& lvl) {
    Level l;
    l.start = IntAttr(lvl, "start", 1);
    l.fmt = StrAttr(lvl, "numFmt", "decimal");
    l.text = StrAttr(lvl, "lvlText", "");
    l.suffix = StrAttr(lvl, "suff", "tab");
    pugi::xml_node lgl = Child(lvl, "isLgl");
    l.legal = lgl && std::string_view(Attr(lgl, "val").value()) != "0" &&
              std::string_view(Attr(lgl, "val").value()) != "false";
    return l;
  };
  for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
    if (LocalName(n) == "abstractNum") {
      Levels& levels = abstracts_[Attr(n, "abstractNumId").as_int(-1)];
      for (pugi::xml_node lvl = n.first_child(); lvl; lvl = lvl.next_sibling()) {
        if (LocalName(lvl) != "lvl") continue;
        int i = Attr(lvl, "ilvl").as_int(-1);
        if (i >= 0 && i < 9) levels[static_cast<size_t>(i)] = read_level(lvl);
      }
    } else if (LocalName(n) == "num") {
      List& list = lists_[Attr(n, "numId").as_int(-1)];
      list.abstract_id = IntAttr(n, "abstractNumId", -1);
      for (pugi::xml_node o = n.first_child(); o; o = o.next_sibling()) {
        if (LocalName(o) != "lvlOverride") continue;
        int i = Attr(o, "ilvl").as_int(-1);
        if (i < 0 || i >= 9) continue;
        if (Child(o, "startOverride")) list.start_override[i] = IntAttr(o, "startOverride", 1);
        if (pugi::xml_node lvl = Child(o, "lvl")) list.level_override[i] = read_level(lvl);
      }
    }
  }
}

const Numbering::Level& Numbering::LevelOf(const List& list, int ilvl) const {
  static const Level kNone{1, "none", "", "nothing", false};
  auto o = list.level_override.find(ilvl);
  if (o != list.level_override.end()) return o->second;
  auto a = abstracts_.find(list.abstract_id);
  return a == abstracts_.end() ? kNone : a->second[static_cast<size_t>(ilvl)];
}

std::string Numbering::Next(int num_id, int ilvl) {
  auto it = lists_.find(num_id);
  if (it == lists_.end() || ilvl < 0 || ilvl >= 9) return "";
  const List& list = it->second;
  const std::string key = list.start_override.empty()
                              ? "a" + std::to_string(list.abstract_id)
                              : "n" + std::to_string(num_id);
  Counters& c = counters_[key];
  auto start_of = [&](int level) {
    auto s = list.start_override.find(level);
    return s != list.start_override.end() ? s->second : LevelOf(list, level).start;
  };
  const size_t i = static_cast<size_t>(ilvl);
  c.value[i] = c.started[i] ? c.value[i] + 1 : start_of(ilvl);
  c.started[i] = true;
  for (size_t deeper = i + 1; deeper < 9; ++deeper) c.started[deeper] = false;

  const Level& level = LevelOf(list, ilvl);
  if (level.fmt == "bullet" || level.fmt == "none") return "";
  std::string out;
  const std::string& t = level.text;
  for (size_t k = 0; k < t.size(); ++k) {
    if (t[k] == '%' && k + 1 < t.size() && t[k + 1] >= '1' && t[k + 1] <= '9') {
      const size_t l = static_cast<size_t>(t[k + 1] - '1');
      const int value = l <= i && c.started[l] ? c.value[l] : start_of(static_cast<int>(l));
      out += FormatCounter(value, level.legal && l < i ? "decimal"
                                                       : LevelOf(list, static_cast<int>(l)).fmt);
      ++k;
    } else {
      out += t[k];
    }
  }
  if (!out.empty() && level.suffix != "nothing") out += ' ';
  return out;
}

}  // namespace plan2json::ooxml
