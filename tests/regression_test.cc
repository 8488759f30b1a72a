// Copyright 2026 The plan2json Authors.
//
// Regression tests for findings of the bounded-input benchmarks
// (bench/bounded.sh) and of fuzzing (fuzz/README.md), each named after its
// finding. The fuzzers' inputs themselves are replayed from fuzz/corpus/ by
// the fuzz.* tests.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "pipeline/convert.h"

namespace plan2json {
namespace {

std::string ReadSample(const std::string& name) {
  std::ifstream in(std::string(PLAN2JSON_SAMPLES_DIR) + "/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// bench/bounded.sh: a text dump costs ~30x its size in memory, so a 1 GB
// dump ran out of memory instead of failing clearly. Dumps above
// ConvertOptions::max_text_bytes are refused with kLimit, naming the file.
TEST(BoundedInputRegression, HugeTextDumpOutOfMemory) {
  const std::string dump = ReadSample("beijing-eco-2023.pdftotext.txt");
  ConvertOptions options;
  EXPECT_GE(options.max_text_bytes, size_t{1} << 20);
  EXPECT_TRUE(ConvertBytes(dump, "plan.txt", options).ok());
  options.max_text_bytes = dump.size() - 1;
  Result<Conversion> r = ConvertBytes(dump, "plan.txt", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kLimit);
  EXPECT_NE(r.status().message().find("plan.txt"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("limit"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace plan2json
