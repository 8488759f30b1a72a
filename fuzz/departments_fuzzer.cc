// Copyright 2026 The plan2json Authors.
//
// Fuzzes the department splitter (SplitDepartments) with the built-in
// dictionary: the input's lines are one cell's visual lines. Checks that
// every unknown name is one of the names and that no name is empty.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "normalizer/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plan2json;
  static const auto dict = normalizer::DepartmentDict::BuiltIn();
  std::vector<std::string> lines = fuzz::Lines(fuzz::AsView(data, size));
  normalizer::DepartmentSplit split = normalizer::SplitDepartments(lines, *dict);
  for (const std::string& name : split.names) {
    if (name.empty()) std::abort();
  }
  for (const std::string& name : split.unknown) {
    if (std::find(split.names.begin(), split.names.end(), name) ==
        split.names.end()) {
      std::abort();
    }
  }
  return 0;
}
