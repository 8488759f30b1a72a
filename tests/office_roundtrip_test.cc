// Copyright 2026 The plan2json Authors.
//
// LibreOffice round trips (label slow): each corpus .docx saved as .doc,
// .odt and .rtf at test time must give the rows of the .docx; a workbook
// saved as .xls the rows of the .xlsx; a conversion past its time limit is
// killed and reported.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ooxml/office.h"
#include "ooxml/testing/packages.h"
#include "pipeline/convert.h"
#include "tests/testing/read_file.h"

namespace plan2json {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

using testutil::ReadFile;

constexpr double kTimeout = 120;

class RoundTripTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTripTest, SameRowsAsTheDocx) {
  const std::string format = GetParam();
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(PLAN2JSON_CORPUS_DIR)) {
    if (e.path().extension() == ".docx") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  for (const std::string& file : files) {
    SCOPED_TRACE(file + " as ." + format);
    const std::string docx = ReadFile(file);
    Result<Conversion> direct = ConvertBytes(docx, file, ConvertOptions());
    ASSERT_TRUE(direct.ok()) << direct.status().ToString();
    Result<std::string> saved = ooxml::ConvertWithLibreOffice(docx, "docx", format, kTimeout);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    const std::string name = fs::path(file).stem().string() + "." + format;
    Result<Conversion> round = ConvertBytes(*saved, name, ConvertOptions());
    ASSERT_TRUE(round.ok()) << round.status().ToString();
    EXPECT_EQ(round->document["source"]["format"], format);
    EXPECT_EQ(round->document["document"], direct->document["document"]);
    const ordered_json& want = direct->document["rows"];
    const ordered_json& got = round->document["rows"];
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << "row " << i + 1;
  }
}

INSTANTIATE_TEST_SUITE_P(LibreOffice, RoundTripTest, ::testing::Values("doc", "odt", "rtf"));

TEST(RoundTripXlsTest, SameRowsAsTheXlsx) {
  const std::vector<std::string> shared = {"序号", "重点任务", "具体措施", "完成时限", "牵头单位",
                                           "任务甲", "措施一", "措施二", "市发展改革委"};
  auto s = [](const std::string& ref, int i) {
    return "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(i) + "</v></c>";
  };
  const std::string sheet =
      "<sheetData><row r=\"1\">" + s("A1", 0) + s("B1", 1) + s("C1", 2) + s("D1", 3) + s("E1", 4) +
      "</row><row r=\"2\"><c r=\"A2\"><v>1</v></c>" + s("B2", 5) + s("C2", 6) +
      "<c r=\"D2\" t=\"str\"><v>2024年底前</v></c>" + s("E2", 8) + "</row><row r=\"3\">" +
      s("C3", 7) + "<c r=\"D3\" t=\"str\"><v>长期</v></c>" + s("E3", 8) +
      "</row></sheetData><mergeCells><mergeCell ref=\"A2:A3\"/><mergeCell ref=\"B2:B3\"/></mergeCells>";
  const std::string xlsx = ooxml::testing::MakeXlsx({{"计划", sheet}}, shared);
  Result<Conversion> direct = ConvertBytes(xlsx, "plan.xlsx", ConvertOptions());
  ASSERT_TRUE(direct.ok()) << direct.status().ToString();
  Result<std::string> xls = ooxml::ConvertWithLibreOffice(xlsx, "xlsx", "xls", kTimeout);
  ASSERT_TRUE(xls.ok()) << xls.status().ToString();
  ASSERT_EQ(ooxml::Sniff(*xls, "plan.xls")->kind, ooxml::OfficeKind::kOle2Excel);
  Result<Conversion> round = ConvertBytes(*xls, "plan.xls", ConvertOptions());
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  EXPECT_EQ(round->document["source"]["format"], "xls");
  EXPECT_EQ(round->document["rows"], direct->document["rows"]);
}

TEST(LibreOfficeTimeoutTest, KilledAndReported) {
  std::string first;
  for (const auto& e : fs::directory_iterator(PLAN2JSON_CORPUS_DIR)) {
    if (e.path().extension() == ".docx") first = e.path().string();
  }
  Result<std::string> doc = ooxml::ConvertWithLibreOffice(ReadFile(first), "docx", "doc", kTimeout);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ConvertOptions options;
  options.office_timeout_seconds = 0.05;
  Result<Conversion> r = ConvertBytes(*doc, "slow.doc", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kLimit);
  EXPECT_NE(r.status().message().find("killed"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace plan2json
