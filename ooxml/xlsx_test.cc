// Copyright 2026 The plan2json Authors.
//
// The .xlsx reader and Excel's number display, on workbooks built in the
// test.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extractor/plan.h"
#include "ooxml/document.h"
#include "ooxml/numbering.h"
#include "ooxml/testing/packages.h"

namespace plan2json::ooxml {
namespace {

using testing::Dump;
using testing::MakeXlsx;

// Cell XML: a shared string, an inline string, a number with a style.
std::string S(const std::string& ref, int index) {
  return "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(index) + "</v></c>";
}
std::string Is(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}
std::string N(const std::string& ref, const std::string& v, int style = 0) {
  return "<c r=\"" + ref + "\" s=\"" + std::to_string(style) + "\"><v>" + v + "</v></c>";
}

// Styles: 0 General (11 pt), 1 a date (numFmtId 14), 2 a custom yyyy年m月
// code, 3 the 18 pt title font.
const char kStyles[] =
    "<numFmts count=\"1\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/></numFmts>"
    "<fonts count=\"2\"><font><sz val=\"11\"/></font><font><sz val=\"18\"/></font></fonts>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\"/><xf numFmtId=\"14\" fontId=\"0\"/>"
    "<xf numFmtId=\"176\" fontId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\"/></cellXfs>";

const std::vector<std::string> kShared = {"序号", "重点任务", "具体措施", "完成时限", "牵头单位",
                                          "一、第一部分", "任务甲", "措施一\n第二行", "措施二",
                                          "市发展改革委", "隐藏行", "隐藏列"};

// A plan sheet: title (merged A1:F1, big font), header, section row
// (merged A3:F3), a task merged over rows 4-6 with row 5 hidden, a hidden
// column C between.
std::string PlanSheet() {
  return "<cols><col min=\"3\" max=\"3\" hidden=\"1\"/></cols><sheetData>"
         "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\" s=\"3\"><is><t>2024年某市工作任务分解表</t></is></c></row>"
         "<row r=\"2\">" + S("A2", 0) + S("B2", 1) + S("C2", 11) + S("D2", 2) + S("E2", 3) + S("F2", 4) + "</row>"
         "<row r=\"3\">" + S("A3", 5) + "</row>"
         "<row r=\"4\">" + N("A4", "1") + S("B4", 6) + S("D4", 7) + N("E4", "45657", 1) + S("F4", 9) + "</row>"
         "<row r=\"5\" hidden=\"1\">" + S("D5", 10) + "</row>"
         "<row r=\"6\">" + S("D6", 8) + N("E6", "45444", 2) + S("F6", 9) + "</row>"
         "</sheetData><mergeCells count=\"4\"><mergeCell ref=\"A1:F1\"/><mergeCell ref=\"A3:F3\"/>"
         "<mergeCell ref=\"A4:A6\"/><mergeCell ref=\"B4:B6\"/></mergeCells>";
}

TEST(XlsxTest, MergedCellsHiddenRowsAndColumnsAboveLines) {
  Result<std::vector<Table>> sheets = ReadXlsx(MakeXlsx({{"任务表", PlanSheet()}}, kShared, kStyles));
  ASSERT_TRUE(sheets.ok()) << sheets.status().ToString();
  ASSERT_EQ(sheets->size(), 1u);
  const Table& t = sheets->front();
  EXPECT_EQ(Dump(t.grid),
            "above: 2024年某市工作任务分解表\n"
            "0,0 1x1: 序号\n0,1 1x1: 重点任务\n0,2 1x1: 具体措施\n0,3 1x1: 完成时限\n0,4 1x1: 牵头单位\n"
            "1,0 1x5: 一、第一部分\n"
            "2,0 2x1: 1\n2,1 2x1: 任务甲\n2,2 1x1: 措施一/第二行\n2,3 1x1: 2024/12/31\n2,4 1x1: 市发展改革委\n"
            "3,2 1x1: 措施二\n3,3 1x1: 2024年6月\n3,4 1x1: 市发展改革委\n");
  EXPECT_EQ(t.grid.above.at(0).font_size, 18);
  EXPECT_EQ(t.source.sheet, "任务表");
  EXPECT_EQ(t.source.row_numbers, (std::vector<int>{2, 3, 4, 6}));
  EXPECT_EQ(t.source.col_numbers, (std::vector<int>{1, 2, 4, 5, 6}));
}

TEST(XlsxTest, HiddenSheetSkippedAndEverySheetRead) {
  std::string notes = "<sheetData><row r=\"1\">" + Is("A1", "说明") + "</row></sheetData>";
  Result<std::vector<Table>> sheets =
      ReadXlsx(MakeXlsx({{"说明", notes}, {"任务表", PlanSheet()}}, kShared, kStyles));
  ASSERT_TRUE(sheets.ok()) << sheets.status().ToString();
  ASSERT_EQ(sheets->size(), 2u);
  EXPECT_EQ((*sheets)[0].grid.page, 1);
  EXPECT_EQ((*sheets)[1].grid.page, 2);
  EXPECT_EQ((*sheets)[1].source.sheet, "任务表");
  // The plan layer accepts the plan sheet and refuses the notes.
  EXPECT_FALSE(extractor::BuildPlan({(*sheets)[0].grid}).ok());
  Result<extractor::RawPlan> plan = extractor::BuildPlan({(*sheets)[1].grid});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->rows.size(), 2u);
}

struct NumberCase {
  double value;
  std::string code;
  std::string want;
};

TEST(XlsxTest, NumbersAsExcelShowsThem) {
  const NumberCase cases[] = {
      {3, "General", "3"},
      {0.1 + 0.2, "General", "0.3"},
      {1234.5, "General", "1234.5"},
      {2.5, "0", "3"},
      {1234.567, "#,##0.00", "1,234.57"},
      {0.125, "0.0%", "12.5%"},
      {45657, BuiltinFormat(14), "2024/12/31"},
      {45657.75, BuiltinFormat(22), "2024/12/31 18:00"},
      {45444, "yyyy\"年\"m\"月\"", "2024年6月"},
      {45444, BuiltinFormat(31), "2024年6月1日"},
      {45444, "yyyy-mm-dd", "2024-06-01"},
      {45444, "[$-804]yyyy/m/d;@", "2024/6/1"},
      {0.5, "h:mm", "12:00"},
      {0.75, "h:mm AM/PM", "6:00 PM"},
      {59, "yyyy/m/d", "1900/2/28"},
      {61, "yyyy/m/d", "1900/3/1"},
      {12, "0\"项\"", "12项"},
  };
  for (const NumberCase& c : cases) {
    EXPECT_EQ(FormatNumber(c.value, c.code), c.want) << c.value << " in " << c.code;
  }
  EXPECT_EQ(FormatNumber(0, "yyyy/m/d", /*date1904=*/true), "1904/1/1");
}

TEST(NumberingTest, CountersInWordFormats) {
  struct Case {
    int n;
    const char* fmt;
    const char* want;
  };
  const Case cases[] = {
      {1, "decimal", "1"},           {12, "chineseCounting", "十二"},
      {20, "chineseCounting", "二十"}, {105, "chineseCountingThousand", "一百零五"},
      {2, "ideographTraditional", "乙"}, {3, "decimalEnclosedCircle", "③"},
      {4, "upperRoman", "IV"},       {28, "upperLetter", "BB"},
      {7, "decimalFullWidth", "７"},  {5, "none", ""},
      {11, "ideographTraditional", "11"}, {3, "decimalZero", "03"},
  };
  for (const Case& c : cases) EXPECT_EQ(FormatCounter(c.n, c.fmt), c.want) << c.n << " " << c.fmt;
}

}  // namespace
}  // namespace plan2json::ooxml
