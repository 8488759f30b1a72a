// Copyright 2026 The plan2json Authors.
//
// Internal helpers shared by the normalizer's translation units. Not part of
// the module's API: other modules include only normalizer/normalizer.h.
//
// Text is handled as std::u32string (one element per code point) between
// decoding and encoding, so every pass is a single linear scan.
//
// Thread safety: all functions are reentrant; the lookup tables they use are
// immutable after a thread-safe one-time initialization.

#ifndef PLAN2JSON_NORMALIZER_TEXT_INTERNAL_H_
#define PLAN2JSON_NORMALIZER_TEXT_INTERNAL_H_

#include <string>
#include <string_view>

namespace plan2json::normalizer::internal {

// How a code point behaves when deciding punctuation width and spacing.
enum class CharClass {
  kNone,   // no character (start or end of text); never returned by Classify
  kSpace,  // ASCII space or '\n' (all other spaces are mapped to ' ' first)
  kCjk,    // Han/Kana/Hangul/Bopomofo script, or East_Asian_Width W/F
         // (full-width punctuation such as ，。（）、 and full-width digits)
  kWord,   // any other letter or digit (Latin, Greek, ASCII digits, ...)
  kOther,  // half-width punctuation and symbols: % . / - · " ...
};

CharClass Classify(char32_t c);

// Quotation marks (general category Pi/Pf and ASCII ' ") say nothing about
// the script around them; context scans look through them.
bool IsTransparent(char32_t c);

// Decodes `text` and appends its code points to `out`, repairing each one:
// radicals and compatibility ideographs become unified ideographs; Cc/Cf
// characters are dropped except '\n' (TAB becomes a space, CR is dropped);
// every space separator (Zs: U+3000, NBSP, ...) becomes ' '; U+2028/U+2029
// become '\n'. Ill-formed UTF-8 becomes U+FFFD.
void AppendRepaired(std::string_view text, std::u32string* out);

// Half-width , ; : ! ? ( ) next to CJK become full-width; a '.' right after
// CJK at the end of the text or of a line becomes '。'. In place, O(n).
void FixPunctuationWidth(std::u32string* text);

// Drops space runs at the ends and next to CJK; other runs become one ' '.
// '\n' is treated like a space. Returns the result; O(n).
std::u32string CollapseSpaces(const std::u32string& text);

// UTF-8 encoding of `text` (code points are assumed valid scalar values).
std::string ToUtf8(std::u32string_view text);
void AppendUtf8(char32_t c, std::string* out);

// The bytes of data/departments.txt; defined in the source file CMake
// generates at build time (normalizer/embed_file.cmake).
std::string_view BuiltInDepartmentsText();

}  // namespace plan2json::normalizer::internal

#endif  // PLAN2JSON_NORMALIZER_TEXT_INTERNAL_H_
