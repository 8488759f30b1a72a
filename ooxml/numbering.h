// Copyright 2026 The plan2json Authors.
//
// Word's automatic paragraph numbering (word/numbering.xml): list
// definitions, per-list counters, and the number as Word prints it.

#ifndef PLAN2JSON_OOXML_NUMBERING_H_
#define PLAN2JSON_OOXML_NUMBERING_H_

#include <array>
#include <map>
#include <string>

#include <pugixml.hpp>

namespace plan2json::ooxml {

// `n` in Word's number format `fmt` (w:numFmt's value): "decimal" -> "12",
// "chineseCounting" -> "十二", "ideographTraditional" -> "乙",
// "decimalEnclosedCircle" -> "⑫", "upperRoman" -> "XII", "none" -> "".
// Unknown formats and numbers out of a format's range print as decimal.
std::string FormatCounter(int n, const std::string& fmt);

class Numbering {
 public:
  // Reads numbering.xml's root (w:numbering); a null node gives no lists.
  void Load(const pugi::xml_node& root);
  // Advances list `num_id` at level `ilvl` and returns the label as printed
  // (lvlText with every %k replaced, plus the separator Word puts after it:
  // a space for a tab or space suffix). "" for an unknown list, a bullet or
  // a "none" level.
  std::string Next(int num_id, int ilvl);

 private:
  struct Level {
    int start = 1;
    std::string fmt = "decimal";
    std::string text;
    std::string suffix = "tab";
    bool legal = false;  // w:isLgl: every level's number in decimal
  };
  using Levels = std::array<Level, 9>;
  struct List {
    int abstract_id = -1;
    std::map<int, int> start_override;
    std::map<int, Level> level_override;
  };
  struct Counters {
    std::array<int, 9> value{};
    std::array<bool, 9> started{};
  };
  const Level& LevelOf(const List& list, int ilvl) const;

  std::map<int, Levels> abstracts_;
  std::map<int, List> lists_;
  // Lists sharing an abstract definition share counters (as Word counts)
  // unless a list restarts them with a start override.
  std::map<std::string, Counters> counters_;
};

}  // namespace plan2json::ooxml

#endif  // PLAN2JSON_OOXML_NUMBERING_H_
