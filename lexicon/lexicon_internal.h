// Copyright 2026 The plan2json Authors.
//
// Helpers shared by the lexicon's translation units; not part of its API.

#ifndef PLAN2JSON_LEXICON_LEXICON_INTERNAL_H_
#define PLAN2JSON_LEXICON_LEXICON_INTERNAL_H_

#include <string_view>

namespace plan2json::lexicon::internal {

// 0..9 for ASCII and full-width digits, else -1.
int DigitValue(char32_t c);
// 0..9 for 〇零一二两三四五六七八九, else -1 (十 is positional, not a digit).
int ChineseDigit(char32_t c);
bool IsOpenBracket(char32_t c);
bool IsCloseBracket(char32_t c);
// Closing brackets and quotes (general category Pf, 」』》 " ').
bool IsCloser(char32_t c);
bool EndsWith(std::u32string_view s, std::u32string_view suffix);
bool StartsWith(std::u32string_view s, std::u32string_view prefix);

}  // namespace plan2json::lexicon::internal

#endif  // PLAN2JSON_LEXICON_LEXICON_INTERNAL_H_
