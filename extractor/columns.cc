// Copyright 2026 The plan2json Authors.
//
// Header classification by meaning: a header cell's wording is matched
// against the vocabulary bureaus use for each canonical column, in an order
// that resolves overlaps (完成时限 before 任务, 牵头责任单位 is a lead column).

#include <re2/re2.h>

#include <string>
#include <vector>

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

const std::vector<std::string>& CommonHeaderNames() {
  // One line per column, in ClassifyHeader's order.
  // clang-format off
  static const std::vector<std::string> kNames = {
      "序号", "编号",
      "任务", "重点任务", "主要任务", "工作任务", "任务名称", "工作事项", "重点项目",
      "具体措施", "工作措施", "主要措施", "重点措施", "推进措施", "工作内容", "任务内容",
      "主要内容", "具体内容", "主要举措", "具体工作", "工作要求", "任务要求",
      "时限", "完成时限", "时间节点", "完成时间", "时间安排", "完成期限", "截止时间",
      "进度安排", "完成日期",
      "牵头单位", "牵头部门",
      "责任单位", "主责单位", "责任部门", "负责单位", "承办单位", "实施单位", "实施主体",
      "配合单位", "协办单位", "配合部门", "协同单位", "协助单位", "参与单位", "支持单位",
      "备注", "说明",
  };
  // clang-format on
  return kNames;
}

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
