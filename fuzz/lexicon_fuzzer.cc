// Copyright 2026 The plan2json Authors.
//
// Fuzzes every lexicon predicate (lexicon/lexicon.h) on arbitrary bytes and
// checks what the API promises: UTF-8 round trips, counts that agree,
// sequence numbers in 1..9999, a label that starts with 附件, levels 0..2,
// IsDeadline == MatchDeadline().has_value(), a date exactly for kind date,
// SplitDeadlines gives two or more deadlines that make up the text,
// and role splitting that never keeps a role word as a name.

#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_util.h"
#include "lexicon/lexicon.h"
#include "normalizer/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plan2json;
  const std::string_view text = fuzz::AsView(data, size);
  const std::u32string u = lexicon::ToU32(text);
  if (u.size() != lexicon::CodePoints(text)) std::abort();
  const std::string utf8 = lexicon::ToUtf8(u);
  if (lexicon::ToU32(utf8) != u) std::abort();  // well formed after one trip
  if (lexicon::Compact(text).find(' ') != std::string::npos) std::abort();
  if (const auto seq = lexicon::ParseSeq(text); seq && (*seq < 1 || *seq > 9999)) {
    std::abort();
  }
  if (const auto label = lexicon::AttachmentLabel(text);
      label && label->rfind("附件", 0) != 0) {
    std::abort();
  }
  const int level = lexicon::SectionLevel(text);
  if (level < 0 || level > 2) std::abort();
  const auto due = lexicon::MatchDeadline(text, 2023);
  if (due.has_value() != lexicon::IsDeadline(text)) std::abort();
  if (due && (due->kind == normalizer::Due::Kind::kDate) != due->date.has_value()) {
    std::abort();
  }
  lexicon::IsDeadlinePrefix(text);
  if (const auto pieces = lexicon::SplitDeadlines(text)) {
    std::string joined;
    for (const std::string& piece : *pieces) {
      if (!lexicon::IsDeadline(piece)) std::abort();
      joined += piece;
    }
    if (pieces->size() < 2 || joined != lexicon::NormCompact(text)) std::abort();
  }
  lexicon::TitleYear(text);
  lexicon::LooksLikeTitle(text);
  lexicon::CutsNameHead(text, text.substr(text.size() / 2));
  lexicon::EndsSentence(text);
  lexicon::IsPageNumberLine(text);
  lexicon::IsPlaceholder(text);
  lexicon::LooksLikeDepartment(text);
  lexicon::IsNameSuffix(text);
  lexicon::IsNoteLine(text);
  lexicon::IsFirstListedLeadNote(text);
  lexicon::IsColophon(text);
  const auto split = normalizer::SplitRoledDepartments(
      fuzz::Lines(text), normalizer::Role::kResponsible, size % 2 == 0,
      *normalizer::DepartmentDict::BuiltIn());
  for (const auto* list : {&split.lead, &split.responsible, &split.assisting}) {
    for (const std::string& name : *list) {
      if (name.empty() || name == "牵头" || name == "配合") std::abort();
    }
  }
  return 0;
}
