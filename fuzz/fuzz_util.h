// Copyright 2026 The plan2json Authors.
//
// Helpers shared by the fuzz targets: cutting the fuzzer's bytes into the
// shapes the APIs take (lines, a year) without rejecting inputs.

#ifndef PLAN2JSON_FUZZ_FUZZ_UTIL_H_
#define PLAN2JSON_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace plan2json::fuzz {

// Splits at '\n' (the pieces keep everything else, invalid UTF-8 included).
inline std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace plan2json::fuzz

#endif  // PLAN2JSON_FUZZ_FUZZ_UTIL_H_
