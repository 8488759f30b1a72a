// Copyright 2026 The plan2json Authors.

#include "cli/formats.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace plan2json::cli {
namespace {

using nlohmann::ordered_json;

TEST(CsvField, QuotesPerRfc4180) {
  struct Case {
    std::string in, want;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"plain", "plain"},
      {"市生态环境局", "市生态环境局"},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"\"", "\"\"\"\""},
      {"line1\nline2", "\"line1\nline2\""},
      {"cr\rhere", "\"cr\rhere\""},
      {"crlf\r\n", "\"crlf\r\n\""},
      {" leading and trailing ", " leading and trailing "},
      {"；，、：", "；，、："},  // full-width punctuation needs no quoting
      {"=1+1", "=1+1"},         // data, not a formula: kept as it is
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CsvField(c.in), c.want) << "input: " << c.in;
  }
}

TEST(CsvRecord, JoinsWithCommaEndsWithCrlf) {
  EXPECT_EQ(CsvRecord({}), "\r\n");
  EXPECT_EQ(CsvRecord({"a"}), "a\r\n");
  EXPECT_EQ(CsvRecord({"a", "", "c,d"}), "a,,\"c,d\"\r\n");
}

// CSV injection (issue 13, csv_formula_injection.txt): under --excel a cell
// Excel would evaluate starts with '.
TEST(ExcelText, PrefixesFormulaStarts) {
  struct Case {
    std::string in, want;
  };
  const std::vector<Case> cases = {
      {"=1+2", "'=1+2"},       {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
      {"-2", "'-2"},           {"@SUM(A1)", "'@SUM(A1)"},
      {"\tx", "'\tx"},         {"a=b", "a=b"},
      {"", ""},                {"市生态环境局", "市生态环境局"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ExcelText(c.in), c.want) << "input: " << c.in;
  }
  EXPECT_EQ(CsvRecord({"=A1", "b"}, /*excel_guard=*/true), "'=A1,b\r\n");
  EXPECT_EQ(CsvRecord({"=A1", "b"}), "=A1,b\r\n");
}

// Stderr keeps one line per problem whatever a file is named (issue 13).
TEST(TerminalSafe, EscapesControlsAndBadBytes) {
  struct Case {
    std::string in, want;
  };
  const std::vector<Case> cases = {
      {"a.pdf", "a.pdf"},
      {"a\nb.pdf", "a\\nb.pdf"},
      {"x\x1b[31mred", "x\\x1b[31mred"},
      {"c1\xC2\x9B" "2J", "c1\\u009b2J"},
      {"bad\xFF", "bad\\xff"},
      {"市\t局", "市\\t局"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(TerminalSafe(c.in), c.want) << "input: " << c.in;
  }
}

// The manifest names the real file: invalid bytes escaped, not replaced.
TEST(EscapeInvalidUtf8, EscapesOnlyWhenNeeded) {
  struct Case {
    std::string in, want;
  };
  const std::vector<Case> cases = {
      {"a\\b.pdf", "a\\b.pdf"},             // valid: untouched
      {"gbk\xCA\xD0.pdf", "gbk\\xca\\xd0.pdf"},
      {"a\\b\xFF.pdf", "a\\\\b\\xff.pdf"},  // invalid: backslash doubled
      {"市.pdf", "市.pdf"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EscapeInvalidUtf8(c.in), c.want) << "input: " << c.in;
  }
}

TEST(SanitizeUtf8, ReplacesOnlyMalformedBytes) {
  struct Case {
    std::string in, want;
  };
  const std::string fffd = "\xEF\xBF\xBD";
  const std::vector<Case> cases = {
      {"ascii", "ascii"},
      {"北京", "北京"},
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},          // U+1F600
      {"gbk-\xB1\xB1\xBE\xA9", "gbk-" + fffd + fffd + fffd + fffd},
      {"\xC0\xAF", fffd + fffd},                          // overlong '/'
      {"\xED\xA0\x80", fffd + fffd + fffd},               // surrogate
      {"\xE5\x8C", fffd + fffd},                          // truncated 北
      {"\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},   // above U+10FFFF
  };
  for (const Case& c : cases) EXPECT_EQ(SanitizeUtf8(c.in), c.want);
}

TEST(ParseFormat, NamesAndExtensions) {
  EXPECT_EQ(ParseFormat("json"), Format::kJson);
  EXPECT_EQ(ParseFormat("jsonl"), Format::kJsonl);
  EXPECT_EQ(ParseFormat("csv"), Format::kCsv);
  EXPECT_EQ(ParseFormat("CSV"), std::nullopt);
  EXPECT_EQ(ParseFormat(""), std::nullopt);
  EXPECT_STREQ(FormatExtension(Format::kJson), ".json");
  EXPECT_STREQ(FormatExtension(Format::kJsonl), ".jsonl");
  EXPECT_STREQ(FormatExtension(Format::kCsv), ".csv");
  for (Format f : {Format::kJson, Format::kJsonl, Format::kCsv}) {
    EXPECT_EQ(ParseFormat(FormatName(f)), f);
  }
}

ordered_json SampleDoc() {
  return ordered_json::parse(R"({
    "schema_version": "1.1",
    "source": {"file": "plan.pdf", "sha256": "00", "format": "pdf", "pages": 2},
    "document": {"attachment": "附件5", "title": "北京市生态保护2023年行动计划",
                 "year": 2023},
    "columns": [{"key": "seq", "header": "序号"}],
    "rows": [
      {"section": "一、目标", "seq": 1, "task": "目标任务",
       "measure": "全市生态环境质量指数（EI）力争稳中向好，\"持续\"改善。",
       "deadline": "年底前", "due": {"kind": "date", "date": "2023-12-31"},
       "lead": ["市生态环境局"], "responsible": ["各区政府"],
       "assisting": ["市水务局", "市园林绿化局"], "pages": [1, 2]},
      {"section": null, "seq": null, "task": null, "measure": "a,b\nc",
       "deadline": null, "due": {"kind": "none", "date": null},
       "lead": [], "responsible": [], "assisting": [],
       "extra": {"备注": "x"}, "confidence": "low", "pages": [2]}
    ],
    "warnings": []
  })");
}

TEST(CsvRow, ColumnsInOrderListsJoinedNullsEmpty) {
  ordered_json doc = SampleDoc();
  EXPECT_EQ(CsvRow(doc, doc["rows"][0]),
            (std::vector<std::string>{
                "plan.pdf", "一、目标", "1", "目标任务",
                "全市生态环境质量指数（EI）力争稳中向好，\"持续\"改善。",
                "年底前", "date", "2023-12-31", "市生态环境局", "各区政府",
                "市水务局、市园林绿化局", "1、2"}));
  EXPECT_EQ(CsvRow(doc, doc["rows"][1]),
            (std::vector<std::string>{"plan.pdf", "", "", "", "a,b\nc", "",
                                      "none", "", "", "", "", "2"}));
  EXPECT_EQ(CsvRow(doc, doc["rows"][0]).size(), CsvColumns().size());
}

TEST(Render, Csv) {
  ordered_json doc = SampleDoc();
  std::string csv = Render(doc, Format::kCsv);
  const std::string header =
      "file,section,seq,task,measure,deadline,due_kind,due_date,lead,"
      "responsible,assisting,pages\r\n";
  ASSERT_EQ(csv.rfind(header, 0), 0u) << csv;
  EXPECT_NE(csv.find(",\"全市生态环境质量指数（EI）力争稳中向好，\"\"持续\"\"改善。\","),
            std::string::npos);
  EXPECT_NE(csv.find("plan.pdf,,,,\"a,b\nc\",,none,,,,,2\r\n"), std::string::npos);

  RenderOptions excel;
  excel.excel_bom = true;
  EXPECT_EQ(Render(doc, Format::kCsv, excel), "\xEF\xBB\xBF" + csv);
  RenderOptions no_header;
  no_header.csv_header = false;
  EXPECT_EQ(header + Render(doc, Format::kCsv, no_header), csv);
}

TEST(Render, JsonlOneLinePerRowWithDocumentFields) {
  ordered_json doc = SampleDoc();
  std::string text = Render(doc, Format::kJsonl);
  std::vector<ordered_json> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(ordered_json::parse(text.substr(start, nl - start)));
  }
  EXPECT_EQ(start, text.size()) << "text must end with a newline";
  ASSERT_EQ(lines.size(), 2u);
  std::vector<std::string> keys;
  for (auto it = lines[0].begin(); it != lines[0].end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "file", "attachment", "title", "year", "section", "seq",
                      "task", "measure", "deadline", "due", "lead",
                      "responsible", "assisting", "pages"}));
  EXPECT_EQ(lines[0]["file"], "plan.pdf");
  EXPECT_EQ(lines[0]["year"], 2023);
  EXPECT_EQ(lines[0]["assisting"], doc["rows"][0]["assisting"]);
  EXPECT_EQ(lines[1]["extra"]["备注"], "x");
  EXPECT_EQ(lines[1]["confidence"], "low");

  ordered_json empty = doc;
  empty["rows"] = ordered_json::array();
  EXPECT_EQ(Render(empty, Format::kJsonl), "");
}

TEST(Render, JsonIsTheIndentedDocument) {
  ordered_json doc = SampleDoc();
  EXPECT_EQ(Render(doc, Format::kJson), doc.dump(2) + "\n");
}

TEST(Render, InvalidUtf8NeverThrows) {
  ordered_json doc = SampleDoc();
  doc["source"]["file"] = "gbk-\xB1\xB1.pdf";
  for (Format f : {Format::kJson, Format::kJsonl, Format::kCsv}) {
    std::string out;
    EXPECT_NO_THROW(out = Render(doc, f));
    EXPECT_NE(out.find("gbk-\xEF\xBF\xBD\xEF\xBF\xBD.pdf"), std::string::npos)
        << FormatName(f);
  }
}

TEST(Render, MissingFieldsRenderAsNull) {
  ordered_json doc = ordered_json::parse(R"({"rows": [{"measure": "m"}]})");
  EXPECT_EQ(Render(doc, Format::kCsv, {false, false}), ",,,,m,,,,,,,\r\n");
  EXPECT_EQ(Render(doc, Format::kJsonl),
            "{\"file\":null,\"attachment\":null,\"title\":null,\"year\":null,"
            "\"measure\":\"m\"}\n");
}

}  // namespace
}  // namespace plan2json::cli
