// Copyright 2026 The plan2json Authors.
//
// Word and Excel input through the whole pipeline: the corpus .docx files
// against their expected rows, an .xlsx with a second non-plan sheet, and
// every kind of bad office input (one line naming the file, no output).

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ooxml/office.h"
#include "ooxml/package.h"
#include "ooxml/testing/packages.h"
#include "pipeline/convert.h"
#include "schema/schema.h"
#include "tests/testing/read_file.h"

namespace plan2json {
namespace {

using nlohmann::ordered_json;
using ooxml::testing::MakeDocx;
using ooxml::testing::MakeXlsx;
using ooxml::testing::MakeZip;

namespace fs = std::filesystem;

using testutil::ReadFile;

std::vector<std::string> CorpusDocx() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(PLAN2JSON_CORPUS_DIR)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 10 && name.compare(name.size() - 10, 10, ".word.docx") == 0) {
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Text(const ordered_json& v) { return v.is_string() ? v.get<std::string>() : ""; }

std::string Departments(const ordered_json& row) {
  std::string all;
  for (const char* k : {"lead", "responsible", "assisting"}) {
    for (const auto& name : row[k]) all += name.get<std::string>() + "|";
  }
  return all;
}

// What the reader decides, per row: the section, number, deadline, the
// task and measure text (whichever column holds it) and every department
// name somewhere in the row's department text. Which column a text or a
// department goes to is the plan layer's and normalizer's business; whole
// rows are counted and printed.
TEST(OfficeCorpusTest, DocxRowsMatchExpectedText) {
  const std::vector<std::string> files = CorpusDocx();
  ASSERT_FALSE(files.empty());
  int rows = 0, exact = 0;
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    Result<Conversion> conv = ConvertFile(file, ConvertOptions());
    ASSERT_TRUE(conv.ok()) << conv.status().ToString();
    const ordered_json& doc = conv->document;
    EXPECT_TRUE(schema::Validator::Get().Validate(doc).ok());
    EXPECT_EQ(doc["source"]["format"], "docx");
    const std::string stem = file.substr(0, file.size() - 5);
    ordered_json expected = ordered_json::parse(ReadFile(stem + ".expected.json"));
    EXPECT_EQ(doc["document"], expected["document"]);
    const auto& want = expected["rows"];
    const auto& got = doc["rows"];
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      const auto& w = want[i];
      const auto& g = got[i];
      SCOPED_TRACE("row " + std::to_string(i + 1));
      EXPECT_EQ(g["section"], w["section"]);
      EXPECT_EQ(g["seq"], w["seq"]);
      EXPECT_EQ(g["deadline"], w["deadline"]);
      EXPECT_EQ(Text(g["task"]) + Text(g["measure"]), Text(w["task"]) + Text(w["measure"]));
      const std::string depts = Departments(g);
      for (const char* k : {"lead", "responsible", "assisting"}) {
        for (const auto& name : w[k]) {
          EXPECT_NE(depts.find(name.get<std::string>()), std::string::npos)
              << name << " not in " << depts;
        }
      }
      ASSERT_TRUE(g.contains("source"));
      EXPECT_FALSE(g.contains("pages"));
      EXPECT_GE(g["source"]["table"].get<int>(), 1);
      ASSERT_EQ(g["source"]["rows"].size(), 2u) << g["source"];
      EXPECT_LE(g["source"]["rows"][0].get<int>(), g["source"]["rows"][1].get<int>());
      bool same = true;
      for (auto it = w.begin(); it != w.end(); ++it) same &= g.contains(it.key()) && g[it.key()] == it.value();
      exact += same;
      ++rows;
    }
  }
  std::cout << "corpus .docx: " << exact << "/" << rows << " rows exact\n";
  RecordProperty("rows_exact", exact);
  RecordProperty("rows", rows);
}

// A workbook whose first sheet is notes and whose second holds the plan.
std::string TwoSheetWorkbook() {
  const std::vector<std::string> shared = {"序号", "重点任务", "具体措施", "完成时限", "牵头单位",
                                           "任务甲", "措施一", "措施二", "市发展改革委", "说明"};
  auto s = [](const std::string& ref, int i) {
    return "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(i) + "</v></c>";
  };
  std::string plan = "<sheetData><row r=\"2\">" + s("A2", 0) + s("B2", 1) + s("C2", 2) +
                     s("D2", 3) + s("E2", 4) + "</row><row r=\"3\"><c r=\"A3\"><v>1</v></c>" +
                     s("B3", 5) + s("C3", 6) + "<c r=\"D3\" t=\"str\"><v>2024年底前</v></c>" +
                     s("E3", 8) + "</row><row r=\"4\">" + s("C4", 7) +
                     "<c r=\"D4\" t=\"str\"><v>长期</v></c>" + s("E4", 8) +
                     "</row></sheetData><mergeCells><mergeCell ref=\"A3:A4\"/>"
                     "<mergeCell ref=\"B3:B4\"/></mergeCells>";
  std::string notes = "<sheetData><row r=\"1\">" + s("A1", 9) + "</row></sheetData>";
  return MakeXlsx({{"说明", notes}, {"任务表", plan}}, shared);
}

TEST(OfficeXlsxTest, PlanSheetFoundAndCellsCited) {
  Result<Conversion> conv = ConvertBytes(TwoSheetWorkbook(), "plan.xlsx", ConvertOptions());
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  const ordered_json& doc = conv->document;
  EXPECT_TRUE(schema::Validator::Get().Validate(doc).ok());
  EXPECT_EQ(doc["source"]["format"], "xlsx");
  EXPECT_EQ(doc["source"]["pages"], 0);
  ASSERT_EQ(doc["rows"].size(), 2u);
  EXPECT_EQ(doc["rows"][0]["measure"], "措施一");
  EXPECT_EQ(doc["rows"][1]["measure"], "措施二");
  EXPECT_EQ(doc["rows"][1]["task"], "任务甲");  // merged over both rows
  EXPECT_EQ(doc["rows"][1]["seq"], 1);
  // Provenance: the sheet and the cells of each row (the header is row 2).
  EXPECT_EQ(doc["rows"][0]["source"], (ordered_json{{"sheet", "任务表"}, {"cells", "A3:E3"}}));
  EXPECT_EQ(doc["rows"][1]["source"], (ordered_json{{"sheet", "任务表"}, {"cells", "A4:E4"}}));
}

// Valid OOXML that holds no plan, and every kind of broken input.
struct BadCase {
  const char* name;
  std::string bytes;
  Status::Code code;
  const char* says;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

// A compound file (MS-CFB, 512-byte sectors) whose directory holds the
// given stream names: what an encrypted OOXML package or a .doc looks like
// from outside.
std::string CompoundFile(const std::vector<std::string>& names) {
  std::string f(512 * 3, '\0');
  auto put32 = [&](size_t at, uint32_t v) {
    for (int k = 0; k < 4; ++k) f[at + static_cast<size_t>(k)] = static_cast<char>(v >> (8 * k));
  };
  const char magic[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  f.replace(0, 8, magic, 8);
  f[0x18] = 0x3E, f[0x1A] = 3, f[0x1C] = '\xFE', f[0x1D] = '\xFF', f[0x1E] = 9, f[0x20] = 6;
  put32(0x2C, 1);            // one FAT sector
  put32(0x30, 1);            // directory at sector 1
  put32(0x38, 4096);
  put32(0x3C, 0xFFFFFFFE);   // no mini FAT
  put32(0x44, 0xFFFFFFFE);   // no DIFAT chain
  put32(0x4C, 0);            // FAT at sector 0
  for (size_t i = 1; i < 109; ++i) put32(0x4C + 4 * i, 0xFFFFFFFF);
  for (size_t i = 0; i < 128; ++i) put32(512 + 4 * i, 0xFFFFFFFF);
  put32(512, 0xFFFFFFFD);    // sector 0: FAT
  put32(516, 0xFFFFFFFE);    // sector 1: directory, end of chain
  std::vector<std::string> all = {"Root Entry"};
  all.insert(all.end(), names.begin(), names.end());
  for (size_t e = 0; e < all.size() && e < 4; ++e) {
    const size_t at = 1024 + 128 * e;
    for (size_t k = 0; k < all[e].size(); ++k) f[at + 2 * k] = all[e][k];
    f[at + 0x40] = static_cast<char>(2 * (all[e].size() + 1));
    f[at + 0x42] = e == 0 ? 5 : 2;  // root storage, streams
  }
  return f;
}

std::string NotAPlanDocx() {
  return MakeDocx("<w:p><w:r><w:t>说明</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>"
                  "姓名</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>电话</w:t></w:r></w:p>"
                  "</w:tc></w:tr></w:tbl>");
}

std::vector<BadCase> BadCases() {
  const std::string good = MakeDocx("<w:p/>");
  const std::string xml_bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
      "<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>";
  return {
      {"ZipNotOoxml", MakeZip({{"readme.txt", "hello"}}), Status::Code::kCorrupt,
       "not a Word, Excel or OpenDocument file"},
      {"TruncatedPackage", good.substr(0, good.size() / 2), Status::Code::kCorrupt,
       "corrupt or truncated"},
      {"CorruptXml", MakeZip({{"word/document.xml", "<w:document><w:body><w:p>"}}),
       Status::Code::kCorrupt, "not well-formed XML"},
      {"XmlBomb", MakeZip({{"word/document.xml", xml_bomb}}), Status::Code::kCorrupt, "DOCTYPE"},
      {"PasswordProtected", CompoundFile({"EncryptionInfo", "EncryptedPackage"}),
       Status::Code::kEncrypted, "password-protected"},
      {"EncryptedZipEntries",
       MakeZip({{"word/document.xml", "<w:document/>"}}, /*password=*/"secret"),
       Status::Code::kEncrypted, "password-protected"},
      {"NoTable", MakeDocx("<w:p><w:r><w:t>只有正文</w:t></w:r></w:p>"), Status::Code::kNoPlanTable,
       "no plan table"},
      {"TableNotAPlan", NotAPlanDocx(), Status::Code::kNoPlanTable, ""},
      {"WorkbookWithoutPlan",
       MakeXlsx({{"Sheet1", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is>"
                            "</c></row></sheetData>"}},
                {}),
       Status::Code::kNoPlanTable, ""},
  };
}

class OfficeBadInputTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(OfficeBadInputTest, OneLineNamingTheFile) {
  const BadCase& c = GetParam();
  Result<Conversion> conv = ConvertBytes(c.bytes, "in/bad.docx", ConvertOptions());
  ASSERT_FALSE(conv.ok());
  const std::string& m = conv.status().message();
  EXPECT_EQ(conv.status().code(), c.code) << m;
  EXPECT_EQ(m.rfind("in/bad.docx: ", 0), 0u) << m;
  EXPECT_NE(m.find(c.says), std::string::npos) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
}

INSTANTIATE_TEST_SUITE_P(Bad, OfficeBadInputTest, ::testing::ValuesIn(BadCases()),
                         [](const ::testing::TestParamInfo<BadCase>& p) {
                           return std::string(p.param.name);
                         });

TEST(OfficeSniffTest, KindByContentNotName) {
  struct Case {
    std::string bytes;
    std::string name;
    ooxml::OfficeKind kind;
    std::string format;
  };
  const Case cases[] = {
      {MakeDocx("<w:p/>"), "x.xlsx", ooxml::OfficeKind::kDocx, "docx"},
      {TwoSheetWorkbook(), "x.docx", ooxml::OfficeKind::kXlsx, "xlsx"},
      {MakeZip({{"mimetype", "application/vnd.oasis.opendocument.text"}}), "x",
       ooxml::OfficeKind::kOdfText, "odt"},
      {MakeZip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}}), "x",
       ooxml::OfficeKind::kOdfSheet, "ods"},
      {CompoundFile({"WordDocument", "1Table"}), "a.doc", ooxml::OfficeKind::kOle2Word, "doc"},
      {CompoundFile({"WordDocument", "1Table"}), "a.WPS", ooxml::OfficeKind::kOle2Word, "wps"},
      {CompoundFile({"Workbook"}), "a.doc", ooxml::OfficeKind::kOle2Excel, "xls"},
      {"{\\rtf1\\ansi hello}", "a.txt", ooxml::OfficeKind::kRtf, "rtf"},
      {"%PDF-1.4", "a.docx", ooxml::OfficeKind::kNone, ""},
      {"序号 任务", "a.docx", ooxml::OfficeKind::kNone, ""},
  };
  for (const Case& c : cases) {
    Result<ooxml::Sniffed> s = ooxml::Sniff(c.bytes, c.name);
    ASSERT_TRUE(s.ok()) << c.name;
    EXPECT_EQ(s->kind, c.kind) << c.name << " " << c.format;
    EXPECT_EQ(s->format, c.format) << c.name;
  }
}

// Zip bombs: the bounds hold on what is inflated, not on what headers say.
TEST(OfficePackageTest, LimitsHoldWhileInflating) {
  const std::string big(size_t{2} << 20, 'a');
  ooxml::PackageLimits small;
  small.max_entry_bytes = size_t{1} << 20;
  small.max_total_bytes = size_t{3} << 20;
  small.max_entries = 8;

  std::string zip = MakeZip({{"word/document.xml", big}});
  auto pkg = ooxml::Package::Open(zip, small);
  ASSERT_TRUE(pkg.ok());
  EXPECT_EQ((*pkg)->Read("word/document.xml").status().code(), Status::Code::kLimit);

  // The same archive with both headers claiming 100 bytes: refused anyway.
  std::string lying = zip;
  for (size_t at = lying.find("PK\x03\x04"); at != std::string::npos; at = std::string::npos) {
    lying.replace(at + 22, 4, std::string("\x64\0\0\0", 4));
  }
  size_t central = lying.find("PK\x01\x02");
  ASSERT_NE(central, std::string::npos);
  lying.replace(central + 24, 4, std::string("\x64\0\0\0", 4));
  pkg = ooxml::Package::Open(lying, small);
  if (pkg.ok()) {
    Result<std::string> got = (*pkg)->Read("word/document.xml");
    EXPECT_TRUE(!got.ok() || got->size() <= small.max_entry_bytes);
  }

  // The total over parts.
  const std::string part(size_t{900} << 10, 'b');
  zip = MakeZip({{"a", part}, {"b", part}, {"c", part}, {"d", part}});
  pkg = ooxml::Package::Open(zip, small);
  ASSERT_TRUE(pkg.ok());
  Status last;
  for (const char* n : {"a", "b", "c", "d"}) last = (*pkg)->Read(n).status();
  EXPECT_EQ(last.code(), Status::Code::kLimit) << last.ToString();

  // The entry count.
  ooxml::testing::Entries many;
  for (int i = 0; i < 9; ++i) many.push_back({"f" + std::to_string(i), "x"});
  zip = MakeZip(many);
  EXPECT_EQ(ooxml::Package::Open(zip, small).status().code(), Status::Code::kLimit);
}

TEST(OfficeLibreOfficeTest, MissingSofficeNamesThePackage) {
  const char* old = getenv("PATH");
  const std::string saved = old ? old : "";
  setenv("PATH", "/nonexistent", 1);
  Result<Conversion> doc =
      ConvertBytes(CompoundFile({"WordDocument"}), "old.doc", ConvertOptions());
  Result<Conversion> xls = ConvertBytes(CompoundFile({"Workbook"}), "old.xls", ConvertOptions());
  setenv("PATH", saved.c_str(), 1);
  ASSERT_FALSE(doc.ok());
  ASSERT_FALSE(xls.ok());
  EXPECT_NE(doc.status().message().find("libreoffice-writer-nogui"), std::string::npos)
      << doc.status().message();
  EXPECT_NE(xls.status().message().find("libreoffice-calc-nogui"), std::string::npos)
      << xls.status().message();
  EXPECT_EQ(doc.status().message().rfind("old.doc: ", 0), 0u);
}

}  // namespace
}  // namespace plan2json
