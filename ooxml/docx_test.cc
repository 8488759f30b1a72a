// Copyright 2026 The plan2json Authors.
//
// The .docx reader on small documents built in the test: one case per Word
// feature, each {body XML, expected grid dump}.

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "ooxml/document.h"
#include "ooxml/testing/packages.h"

namespace plan2json::ooxml {
namespace {

using testing::Dump;
using testing::MakeDocx;

std::string R(const std::string& text, const std::string& rpr = "") {
  return "<w:r>" + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") +
         "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}
std::string P(const std::string& runs, const std::string& ppr = "") {
  return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}
std::string Tc(const std::string& content, const std::string& tcpr = "") {
  return "<w:tc>" + (tcpr.empty() ? "" : "<w:tcPr>" + tcpr + "</w:tcPr>") + content + "</w:tc>";
}
std::string Tr(const std::vector<std::string>& cells, const std::string& trpr = "") {
  std::string s = "<w:tr>" + (trpr.empty() ? "" : "<w:trPr>" + trpr + "</w:trPr>");
  for (const std::string& c : cells) s += c;
  return s + "</w:tr>";
}
std::string Tbl(const std::vector<std::string>& rows, int cols = 2) {
  std::string s = "<w:tbl><w:tblPr/><w:tblGrid>";
  for (int i = 0; i < cols; ++i) s += "<w:gridCol w:w=\"2000\"/>";
  s += "</w:tblGrid>";
  for (const std::string& r : rows) s += r;
  return s + "</w:tbl>";
}
std::string Cell(const std::string& text) { return Tc(P(R(text))); }

const char kNumbering[] =
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.\"/><w:suff w:val=\"nothing\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"9\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"%1、\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"2\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"ideographTraditional\"/>"
    "<w:lvlText w:val=\"%1\"/><w:suff w:val=\"nothing\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>";

std::string Num(int id, int ilvl = 0) {
  return "<w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" +
         std::to_string(id) + "\"/></w:numPr>";
}

struct Case {
  const char* name;
  std::string body;
  std::string want;  // Dump() of the first table
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"PlainCells", Tbl({Tr({Cell("序号"), Cell("任务")}), Tr({Cell("1"), Cell("甲")})}),
       "0,0 1x1: 序号\n0,1 1x1: 任务\n1,0 1x1: 1\n1,1 1x1: 甲\n"},
      {"RowsInsideContentControls",
       Tbl({Tr({Cell("a"), Cell("b")}),
            "<w:sdt><w:sdtPr/><w:sdtContent>" + Tr({Cell("c"), Cell("d")}) + "</w:sdtContent></w:sdt>"}),
       "0,0 1x1: a\n0,1 1x1: b\n1,0 1x1: c\n1,1 1x1: d\n"},
      {"GridSpanAndGridBefore",
       Tbl({Tr({Tc(P(R("一、总体")), "<w:gridSpan w:val=\"3\"/>")}),
            Tr({Cell("b")}, "<w:gridBefore w:val=\"2\"/>")}, 3),
       "0,0 1x3: 一、总体\n1,2 1x1: b\n"},
      {"VerticalMerge",
       Tbl({Tr({Tc(P(R("任务")), "<w:vMerge w:val=\"restart\"/>"), Cell("m1")}),
            Tr({Tc(P(""), "<w:vMerge/>"), Cell("m2")}),
            Tr({Tc(P(""), "<w:vMerge/>"), Cell("m3")}),
            Tr({Cell("next"), Cell("m4")})}),
       "0,0 3x1: 任务\n0,1 1x1: m1\n1,1 1x1: m2\n2,1 1x1: m3\n3,0 1x1: next\n3,1 1x1: m4\n"},
      {"RunsBreaksTabs",
       Tbl({Tr({Tc(P(R("市科技") + R("局") + "<w:r><w:br/><w:t>市财政局</w:t><w:tab/>"
                                                  "<w:t>（牵头）</w:t><w:cr/><w:t>x</w:t></w:r>")),
                Tc(P(R("a")) + P(R("")) + P(R("b")))})}),
       "0,0 1x1: 市科技局/市财政局 （牵头）/x\n0,1 1x1: a/b\n"},
      {"FieldResults",
       Tbl({Tr({Tc(P("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                     "<w:r><w:instrText> PAGE </w:instrText></w:r>"
                     "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + R("7") +
                     "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" + R("页"))),
                Tc(P("<w:fldSimple w:instr=\" SEQ x \">" + R("3") + "</w:fldSimple>"))})}),
       "0,0 1x1: 7页\n0,1 1x1: 3\n"},
      {"AutomaticNumbering",
       Tbl({Tr({Tc(P("", Num(2))), Cell("x")}), Tr({Tc(P("", Num(1))), Tc(P(R("甲"), Num(3)))}),
            Tr({Tc(P("", Num(1))), Tc(P(R("乙"), Num(3)))}),
            Tr({Tc(P(R("细则"), Num(1, 1))), Tc(P(R("丙"), Num(1)))})}),
       "0,0 1x1: 九、\n0,1 1x1: x\n1,0 1x1: 1.\n1,1 1x1: 甲甲\n2,0 1x1: 2.\n2,1 1x1: 乙乙\n"
       "3,0 1x1: （一）细则\n3,1 1x1: 3.丙\n"},
      {"TrackedChangesAccepted",
       Tbl({Tr({Tc(P(R("保留") + "<w:del><w:r><w:delText>删去</w:delText></w:r></w:del>" +
                     "<w:ins>" + R("新增") + "</w:ins>" + "<w:moveFrom>" + R("移走") +
                     "</w:moveFrom>")),
                Cell("b")}),
            Tr({Cell("deleted row"), Cell("x")}, "<w:del w:id=\"1\"/>"),
            Tr({Cell("c"), Cell("d")})}),
       "0,0 1x1: 保留新增\n0,1 1x1: b\n1,0 1x1: c\n1,1 1x1: d\n"},
      {"HiddenTextOut",
       Tbl({Tr({Tc(P(R("看得见") + R("看不见", "<w:vanish/>") + R("也见", "<w:vanish w:val=\"0\"/>"))),
                Cell("b")})}),
       "0,0 1x1: 看得见也见\n0,1 1x1: b\n"},
      {"NestedTableIsTextOfItsCell",
       Tbl({Tr({Tc(P(R("外")) + Tbl({Tr({Cell("内1"), Cell("内2")}), Tr({Cell("内3"), Cell("内4")})}) +
                   P(R("后"))),
                Cell("b")}),
            Tr({Cell("c"), Cell("d")})}),
       "0,0 1x1: 外/内1/内2/内3/内4/后\n0,1 1x1: b\n1,0 1x1: c\n1,1 1x1: d\n"},
      {"TextBoxDropped",
       Tbl({Tr({Tc(P(R("正文") + "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
                                 "<w:drawing><wps:txbx><w:txbxContent>" + P(R("框内")) +
                     "</w:txbxContent></wps:txbx></w:drawing></mc:Choice></mc:AlternateContent></w:r>")),
                Cell("b")})}),
       "0,0 1x1: 正文\n0,1 1x1: b\n"},
      {"AlternateRunsFromTheFallback",
       Tbl({Tr({Tc(P(R("甲") + "<mc:AlternateContent><mc:Choice Requires=\"w14\">" + R("新式") +
                     "</mc:Choice><mc:Fallback>" + R("乙") + "</mc:Fallback></mc:AlternateContent>")),
                Cell("b")})}),
       "0,0 1x1: 甲乙\n0,1 1x1: b\n"},
      {"AboveFromTheTablesPageBelowUntilNextBreak",
       P(R("通知正文")) + P("<w:r><w:br w:type=\"page\"/></w:r>") + P(R("附件1")) + P(R("标题")) +
           Tbl({Tr({Cell("a"), Cell("b")})}) + P(R("注：说明")) +
           P(R("下一页"), "<w:pageBreakBefore/>"),
       "above: 附件1/标题\n0,0 1x1: a\n0,1 1x1: b\nbelow: 注：说明\n"},
      {"AboveAfterWordsLastRenderedPageBreak",
       P(R("关于印发的通知")) + P(R("正文末句。") + "<w:r><w:lastRenderedPageBreak/><w:t>附件2</w:t></w:r>") +
           P(R("标题")) +
           Tbl({Tr({Tc(P(R("跨") + "<w:r><w:lastRenderedPageBreak/><w:t>页</w:t></w:r>")), Cell("b")})}),
       "above: 附件2/标题\n0,0 1x1: 跨页\n0,1 1x1: b\n"},
  };
  return cases;
}

class DocxCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(DocxCaseTest, GridMatches) {
  const Case& c = GetParam();
  Result<std::vector<Table>> tables = ReadDocx(MakeDocx(c.body, "", kNumbering));
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  ASSERT_FALSE(tables->empty());
  EXPECT_EQ(Dump(tables->front().grid), c.want) << "body: " << c.body;
}

INSTANTIATE_TEST_SUITE_P(Word, DocxCaseTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& p) {
                           return std::string(p.param.name);
                         });

TEST(DocxTest, FontSizeFromRunStyleAndDefaults) {
  const std::string styles =
      "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:rPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Base\"><w:rPr><w:sz w:val=\"44\"/><w:b/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:basedOn w:val=\"Base\"/></w:style>";
  const std::string body = P(R("附件2")) + P(R("大标题"), "<w:pStyle w:val=\"Title\"/>") +
                           P(R("小字", "<w:sz w:val=\"21\"/>"), "<w:pStyle w:val=\"Title\"/>") +
                           Tbl({Tr({Cell("a"), Cell("b")})});
  Result<std::vector<Table>> tables = ReadDocx(MakeDocx(body, styles));
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  const auto& above = tables->front().grid.above;
  ASSERT_EQ(above.size(), 3u);
  const double want[] = {12, 22, 10.5};
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(above[i].font_size, want[i]) << above[i].text;
  EXPECT_TRUE(above[1].bold);
  // Without styles.xml: Word's default 10.5 pt.
  tables = ReadDocx(MakeDocx(P(R("x")) + Tbl({Tr({Cell("a")})})));
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables->front().grid.above.at(0).font_size, 10.5);
}

TEST(DocxTest, TablesAreNumberedInBodyOrder) {
  const std::string body = Tbl({Tr({Cell("a")})}) + P(R("间")) + Tbl({Tr({Cell("b")}), Tr({Cell("c")})});
  Result<std::vector<Table>> tables = ReadDocx(MakeDocx(body));
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->size(), 2u);
  EXPECT_EQ((*tables)[0].grid.page, 1);
  EXPECT_EQ((*tables)[1].grid.page, 2);
  EXPECT_EQ((*tables)[1].grid.above.at(0).text, "间");
  EXPECT_EQ((*tables)[1].source.row_numbers, (std::vector<int>{1, 2}));
  for (const auto& cell : (*tables)[1].grid.cells) {
    EXPECT_EQ(cell.page, 2);
    EXPECT_EQ(cell.confidence, 1.0);
  }
  EXPECT_EQ((*tables)[1].grid.rows(), 2);
  EXPECT_EQ((*tables)[1].grid.cols(), 2);  // the table's grid has two columns
}

TEST(DocxTest, TableWiderThanAnyPlanIsNotRead) {
  const std::string wide = Tbl({Tr({Tc(P(R("x")), "<w:gridSpan w:val=\"999\"/>"),
                                    Tc(P(R("y")), "<w:gridSpan w:val=\"999\"/>")})});
  Result<std::vector<Table>> tables = ReadDocx(MakeDocx(wide + Tbl({Tr({Cell("a")})})));
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  ASSERT_EQ(tables->size(), 1u);
  EXPECT_EQ(tables->front().grid.page, 2);  // still the body's second table
}

TEST(DocxTest, DeepNestingIsBoundedNotRecursedWithoutEnd) {
  std::string deep_body, deep_cell;
  for (int i = 0; i < 20000; ++i) deep_body += "<w:sdt><w:sdtContent>";
  deep_body += Tbl({Tr({Cell("a")})});
  for (int i = 0; i < 20000; ++i) deep_body += "</w:sdtContent></w:sdt>";
  Result<std::vector<Table>> tables = ReadDocx(MakeDocx(Tbl({Tr({Cell("top")})}) + deep_body));
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  EXPECT_EQ(tables->size(), 1u);  // the table below the depth bound is not read

  std::string cell = P(R("x"));
  for (int i = 0; i < 20000; ++i) cell = "<w:tbl><w:tr><w:tc>" + cell;
  for (int i = 0; i < 20000; ++i) cell += "</w:tc></w:tr></w:tbl>";
  tables = ReadDocx(MakeDocx(Tbl({Tr({Tc(P(R("外")) + cell), Cell("b")})})));
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  EXPECT_EQ(Dump(tables->front().grid), "0,0 1x1: 外\n0,1 1x1: b\n");
}

}  // namespace
}  // namespace plan2json::ooxml
