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

#include "extractor/text_dump.h"
#include "pipeline/convert.h"
#include "tests/testing/read_file.h"

namespace plan2json {
namespace {

using testutil::ReadFile;

std::string ReadSample(const std::string& name) {
  return ReadFile(std::string(PLAN2JSON_SAMPLES_DIR) + "/" + name);
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

// Fuzzing (convert): a ruled table with a column whose header cell is
// empty gave rows[].extra a "" key, which the schema rejects (propertyNames
// minLength 1), so the conversion failed with kSchema. Such a column is now
// named by its position ("第N列").
TEST(FuzzRegression, ExtraColumnEmptyHeaderSchemaReject) {
  const std::string pdf = ReadFile(std::string(PLAN2JSON_FUZZ_CORPUS_DIR) +
                                   "/convert/crash-extra-column-empty-header.pdf");
  ASSERT_FALSE(pdf.empty());
  Result<Conversion> r = ConvertBytes(pdf, "input", ConvertOptions());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  bool named = false;
  for (const auto& row : r->document["rows"]) {
    if (!row.contains("extra")) continue;
    for (const auto& [key, value] : row["extra"].items()) {
      EXPECT_FALSE(key.empty());
      named |= key.rfind("第", 0) == 0;
    }
  }
  EXPECT_TRUE(named);
}

// Fuzzing (text_reader, after ~30,000 inputs): heap-use-after-free in the
// column-flow reader. textdump::NormCompact returned a reference into a
// per-thread memo that it clears once it holds 8192 entries, so a caller
// holding one result across further calls (text_columns.cc: the first token,
// then the rest of the line) read freed memory once the memo filled up. It
// returns a copy now; under ASan (.ci/run) the old code fails here.
TEST(FuzzRegression, NormCompactMemoUseAfterFree) {
  const std::string& held = extractor::textdump::NormCompact("市 生态 环境局");
  for (int i = 0; i < 20000; ++i) {
    extractor::textdump::NormCompact("token " + std::to_string(i));
  }
  EXPECT_EQ(held, "市生态环境局");
}

}  // namespace
}  // namespace plan2json
