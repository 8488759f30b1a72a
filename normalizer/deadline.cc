// Copyright 2026 The plan2json Authors.
//
// ParseDeadline: a thin wrapper over the lexicon's one deadline grammar
// (lexicon/lexicon.h: MatchDeadline), which both recognises and resolves.
// DueKindName lives beside that grammar, in lexicon/deadline.cc.

#include <re2/re2.h>

#include <string>
#include <string_view>

#include "lexicon/lexicon.h"
#include "normalizer/normalizer.h"

namespace plan2json::normalizer {

Due ParseDeadline(std::string_view text, int year) {
  if (std::optional<Due> due = lexicon::MatchDeadline(text, year)) return *due;
  // The cell is known to hold a deadline: a recurring phrase followed by
  // more words ("持续推进，每年报送") is still ongoing.
  static const RE2* const kOngoing =
      new RE2("(?:持续|长期|常态化|每年|每半年|每季度|每月|定期).*");
  Due due;
  if (RE2::FullMatch(lexicon::NormCompact(text), *kOngoing)) {
    due.kind = Due::Kind::kOngoing;
  }
  return due;
}

}  // namespace plan2json::normalizer
