// Copyright 2026 The plan2json Authors.
//
// Hostile `-layout` dumps: tables far larger than any plan, positions that
// drift from row to row, a header line repeated thousands of times. Each must
// convert in bounded time and memory (speed is bench/'s business, not
// asserted here) and give rows that are either exact or marked
// confidence "low": never a silently wrong row.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "pipeline/convert.h"
#include "tests/testing/read_file.h"

namespace plan2json {
namespace {

const char kHeader[] = "序号   重点任务   工作措施   完成时限   牵头单位   协办单位";

// One row per line, every column's text three spaces after the previous one:
// the columns drift right as the numbers grow.
std::string OneLineRows(int n) {
  std::string out = std::string(kHeader) + "\n";
  for (int i = 1; i <= n; ++i) {
    std::string k = std::to_string(i);
    out += k + "   任务" + k + "   措施内容" + k + "。   年底前   市水务局   各区政府\n";
  }
  return out;
}

using testutil::ReadFile;

struct Tally {
  int exact = 0, flagged = 0, silent = 0;
  std::string first_silent;
};

// Rows of OneLineRows-like input: row i must be task i's row.
Tally Check(const nlohmann::ordered_json& rows) {
  Tally t;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    std::string k = std::to_string(i + 1);
    bool exact = r["seq"] == static_cast<int>(i + 1) && r["task"] == "任务" + k &&
                 r["measure"] == "措施内容" + k + "。" && r["deadline"] == "年底前" &&
                 r["lead"] == nlohmann::ordered_json::array({"市水务局"}) &&
                 r["assisting"] == nlohmann::ordered_json::array({"各区政府"});
    if (exact) {
      ++t.exact;
    } else if (r.value("confidence", "") == "low") {
      ++t.flagged;
    } else {
      if (t.silent++ == 0) t.first_silent = "row " + k + ": " + r.dump();
    }
  }
  return t;
}

// Rows 1-9, 10-99 and 100-500 sit at different positions; today's reader
// used to merge rows 1-10 into one without a warning.
TEST(LayoutHostile, MisalignedRowsStaySeparate) {
  std::string bytes = ReadFile(std::string(PLAN2JSON_HOSTILE_DIR) +
                               "/layout_rows_500_misaligned.txt");
  Result<Conversion> conv = ConvertBytes(bytes, "misaligned.txt", ConvertOptions());
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  const auto& rows = conv->document["rows"];
  ASSERT_EQ(rows.size(), 500u);
  Tally t = Check(rows);
  EXPECT_EQ(t.silent, 0) << t.first_silent;
  // Rows of one line each leave nothing to guess.
  EXPECT_EQ(t.exact, 500);
}

// 20,000 one-line rows on one page (the row dynamic programs used to need
// gigabytes here). Sequence numbers above 9999 are not sequence numbers to
// the lexicon: those rows must come out flagged, not wrong.
TEST(LayoutHostile, TwentyThousandRowsOnOnePage) {
  const int kRows = 20000;
  Result<Conversion> conv = ConvertBytes(OneLineRows(kRows), "rows.txt", ConvertOptions());
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  const auto& rows = conv->document["rows"];
  ASSERT_EQ(rows.size(), static_cast<size_t>(kRows));
  Tally t = Check(rows);
  EXPECT_EQ(t.silent, 0) << t.first_silent;
  // Nearly every row whose number the lexicon reads (a row beside the
  // unreadable ones may be flagged too).
  EXPECT_GE(t.exact, 9900);
}

// The header line 10,000 times: header words in every body cell. Whatever
// rows come out carry no sentence, deadline or name, so all are guesses.
TEST(LayoutHostile, HeaderRepeatedTenThousandTimes) {
  std::string bytes;
  for (int i = 0; i < 10000; ++i) bytes += std::string(kHeader) + "\n";
  Result<Conversion> conv = ConvertBytes(bytes, "headers.txt", ConvertOptions());
  if (!conv.ok()) {
    EXPECT_EQ(conv.status().code(), Status::Code::kNoPlanTable) << conv.status().ToString();
    return;
  }
  for (const auto& r : conv->document["rows"]) {
    EXPECT_EQ(r.value("confidence", ""), "low") << r.dump();
  }
}

}  // namespace
}  // namespace plan2json
