// Copyright 2026 The plan2json Authors.
//
// Header classification by meaning: a header cell's wording is matched
// against the vocabulary bureaus use for each canonical column, in an order
// that resolves overlaps (完成时限 before 任务, 牵头责任单位 is a lead column).

#include <re2/re2.h>

#include <string>

#include "extractor/plan.h"

namespace plan2json::extractor {

const char* ColumnKeyName(ColumnKey key) {
  switch (key) {
    case ColumnKey::kSeq: return "seq";
    case ColumnKey::kTask: return "task";
    case ColumnKey::kMeasure: return "measure";
    case ColumnKey::kDeadline: return "deadline";
    case ColumnKey::kLead: return "lead";
    case ColumnKey::kResponsible: return "responsible";
    case ColumnKey::kAssisting: return "assisting";
    case ColumnKey::kExtra: return "extra";
  }
  return "extra";
}

namespace {

struct HeaderRule {
  ColumnKey key;
  const RE2* pattern;
};

// Tried in order; the first match wins. Patterns are searched (unanchored)
// in the header text with all whitespace removed; header cells are short.
const HeaderRule* Rules(size_t* n) {
  static const RE2 kSeq("^(序号|编号|序|号)$");
  // A person column (责任领导, 分管领导, 联系人) is not a department list.
  static const RE2 kPerson("领导|联系人|负责人$");
  static const RE2 kDeadline("时限|时间|时间节点|完成期限|截止|进度安排|完成日期");
  static const RE2 kLead("牵头");
  static const RE2 kAssisting("协办|配合|协同|协助|参与|支持单位");
  static const RE2 kResponsible("主责|责任|负责|承办|实施单位|实施主体");
  static const RE2 kMeasure("措施|内容|举措|具体工作|工作要求|任务要求");
  static const RE2 kTask("任务|事项|项目|工作$");
  static const HeaderRule kRules[] = {
      {ColumnKey::kSeq, &kSeq},
      {ColumnKey::kExtra, &kPerson},
      {ColumnKey::kDeadline, &kDeadline},
      {ColumnKey::kLead, &kLead},
      {ColumnKey::kAssisting, &kAssisting},
      {ColumnKey::kResponsible, &kResponsible},
      {ColumnKey::kMeasure, &kMeasure},
      {ColumnKey::kTask, &kTask},
  };
  *n = sizeof(kRules) / sizeof(kRules[0]);
  return kRules;
}

}  // namespace

ColumnKey ClassifyHeader(const std::string& header_text) {
  std::string compact;
  compact.reserve(header_text.size());
  for (char c : header_text) {
    if (c != ' ' && c != '\t' && c != '\n') compact += c;
  }
  // Headers are a few characters; a long cell is body text, not a header.
  if (compact.empty() || compact.size() > 3 * 12) return ColumnKey::kExtra;
  size_t n = 0;
  const HeaderRule* rules = Rules(&n);
  for (size_t i = 0; i < n; ++i) {
    if (RE2::PartialMatch(compact, *rules[i].pattern)) return rules[i].key;
  }
  return ColumnKey::kExtra;
}

}  // namespace plan2json::extractor
