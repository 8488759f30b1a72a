// Copyright 2026 The plan2json Authors.
//
// Table-driven tests for the normalizer (after RE2's
// re2/testing/parse_test.cc): one table per rule, each row {input, expected}; a
// failing row prints its input, the expected value and what came out.

#include "lexicon/lexicon.h"
#include "normalizer/normalizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace plan2json::normalizer {
namespace {

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

struct StringCase {
  const char* input;
  const char* expected;
};

void RunNormalizeChars(const char* table,
                       const std::vector<StringCase>& cases) {
  for (const StringCase& c : cases) {
    const std::string got = NormalizeChars(c.input);
    EXPECT_EQ(got, c.expected) << "table: " << table << "\n  input:    \""
                               << c.input << "\"\n  expected: \"" << c.expected
                               << "\"\n  got:      \"" << got << "\"";
  }
}

std::string Show(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += ", ";
    out += "\"" + v[i] + "\"";
  }
  return out + "]";
}

struct JoinCase {
  std::vector<std::string> lines;
  std::string expected;
};

void RunJoinLines(const char* table, const std::vector<JoinCase>& cases) {
  for (const JoinCase& c : cases) {
    const std::string got = JoinLines(c.lines);
    EXPECT_EQ(got, c.expected)
        << "table: " << table << "\n  input:    " << Show(c.lines)
        << "\n  expected: \"" << c.expected << "\"\n  got:      \"" << got
        << "\"";
  }
}

struct SplitCase {
  std::vector<std::string> lines;
  std::vector<std::string> expected;
};

void RunSplit(const char* table, const std::vector<SplitCase>& cases,
              const DepartmentDict& dict) {
  for (const SplitCase& c : cases) {
    const DepartmentSplit got = SplitDepartments(c.lines, dict);
    EXPECT_EQ(got.names, c.expected)
        << "table: " << table << "\n  input:    " << Show(c.lines)
        << "\n  expected: " << Show(c.expected)
        << "\n  got:      " << Show(got.names);
  }
}

// ---------------------------------------------------------------------------
// NormalizeChars
// ---------------------------------------------------------------------------

TEST(NormalizeChars, RadicalsBecomeUnifiedIdeographs) {
  RunNormalizeChars(
      "radicals",
      {
          {"⽣态", "生态"},          // U+2F63 KANGXI RADICAL LIFE
          {"⾏动计划", "行动计划"},  // U+2F8F KANGXI RADICAL WALK ENCLOSURE
          {"⻓城", "长城"},          // U+2ED3 CJK RADICAL C-SIMPLIFIED LONG
          {"⻔头沟区政府", "门头沟区政府"},  // U+2ED4 C-SIMPLIFIED GATE
          {"⼯作", "工作"},                  // U+2F2F KANGXI RADICAL WORK
          {"⺠", "民"},                      // U+2EA0 CJK RADICAL CIVILIAN
          {"⼀⼆⼈", "一二人"},              // U+2F00, U+2F06, U+2F08
          {"⿕", "龠"},                      // U+2FD5, last Kangxi radical
          {"市⽣态环境局", "市生态环境局"},
      });
}

TEST(NormalizeChars, CompatibilityIdeographsBecomeCanonical) {
  RunNormalizeChars(
      "compat ideographs",
      {
          {"\uF900", "\u8C48"},          // 豈 -> 豈
          {"\uF963", "\u5317"},          // 北 -> 北
          {"\U0002F800", "\u4E3D"},      // 丽 -> 丽
          {"\U0002F803", "\U00020122"},  // -> supplementary ideograph
          {"\uFA0E", "\uFA0E"},          // 﨎 is unified: unchanged
          {"北京", "北京"},
      });
}

TEST(NormalizeChars, HalfWidthPunctuationNextToCjkBecomesFullWidth) {
  RunNormalizeChars(
      "to full width",
      {
          {"结合实际,依法依规", "结合实际，依法依规"},
          {"指数(EI)力争", "指数（EI）力争"},
          {"全市及各区生态环境质量指数(EI)力争稳中向好。",
           "全市及各区生态环境质量指数（EI）力争稳中向好。"},
          {"各区政府(含北京经济技术开发区管委会)",
           "各区政府（含北京经济技术开发区管委会）"},
          {"(含北京经济技术", "（含北京经济技术"},
          {"开发区管委会)", "开发区管委会）"},
          {"塘坝等设施;确需保留", "塘坝等设施；确需保留"},
          {"要求:推进", "要求：推进"},
          {"做好!", "做好！"},
          {"是否完成?", "是否完成？"},
          {"吗?!", "吗？！"},
          {"森林覆盖率达到44.9%,统筹", "森林覆盖率达到44.9%，统筹"},
          {"总值(GEP),探索", "总值（GEP），探索"},
          {"(1)加强监测", "（1）加强监测"},
          {"单位(区、地、库)加强", "单位（区、地、库）加强"},
          {"PM2.5(细颗粒物)浓度", "PM2.5（细颗粒物）浓度"},
          {"“十四五”,规划", "“十四五”，规划"},
          {"实际 , 依法", "实际 ， 依法"},
          {"网址:http://www.beijing.gov.cn", "网址：http://www.beijing.gov.cn"},
          {"(含北京经济技术开发区管委会)", "（含北京经济技术开发区管委会）"},
      });
}

TEST(NormalizeChars, PeriodAfterCjkAtEndBecomesIdeographicFullStop) {
  RunNormalizeChars("period", {
                                  {"稳中向好.", "稳中向好。"},
                                  {"稳中向好.  ", "稳中向好。  "},
                                  {"稳中向好.\n下一行", "稳中向好。\n下一行"},
                                  {"（EI）.", "（EI）。"},
                              });
}

TEST(NormalizeChars, KeptAsIs) {
  RunNormalizeChars(
      "unchanged",
      {
          {"44.9%", "44.9%"},
          {"5·22", "5·22"},
          {"GB/T 15834", "GB/T 15834"},
          {"GB/T 15834-2011", "GB/T 15834-2011"},
          {"1:1000", "1:1000"},
          {"比例尺1:1000地形图", "比例尺1:1000地形图"},
          {"3.5", "3.5"},
          {"1,000", "1,000"},
          {"投资1,000万元", "投资1,000万元"},
          {"Gross (GEP) value", "Gross (GEP) value"},
          {"(GEP)", "(GEP)"},
          {"value, and more; see: this!", "value, and more; see: this!"},
          {"PM2.5浓度", "PM2.5浓度"},
          {"www.gov.cn", "www.gov.cn"},
          // Full-width punctuation and digits are correct and stay.
          {"结合实际，依法依规；确需（EI）：好！吗？",
           "结合实际，依法依规；确需（EI）：好！吗？"},
          {"，（）：；", "，（）：；"},
          {"２０２３年", "２０２３年"},
          {"１，０００", "１，０００"},
          {"ＧＢ／Ｔ", "ＧＢ／Ｔ"},
          // '.' between CJK is not a sentence end we can be sure of.
          {"北京.中关村", "北京。中关村"},  // a sentence end typed in ASCII
          {"完成建设.健全机制.", "完成建设。健全机制。"},
          {"第3.2节", "第3.2节"},
          {"2023.5", "2023.5"},
          {"三.加强保障", "三.加强保障"},  // a list marker after a numeral
          {"督查.做好宣传", "督查。做好宣传"},
          {"２０２３.５", "２０２３.５"},
          {"２０２３年.５月", "２０２３年.５月"},
          {"统筹推进.十二.其他", "统筹推进。十二.其他"},
          {"等...", "等..."},
          {"“两山”", "“两山”"},
          {"", ""},
      });
}

TEST(NormalizeChars, InvisibleAndControlCharacters) {
  RunNormalizeChars("invisible",
                    {
                        {"生\u200B态", "生态"},
                        {"生\u200C态\u200D保\u2060护\uFEFF", "生态保护"},
                        {"\uFEFF附件5", "附件5"},
                        {"生态\u00AD保护", "生态保护"},
                        {"a\x01"
                         "b\x1F"
                         "c\x7F",
                         "abc"},
                        {"a\u0085b\u009Fc", "abc"},
                        {"生态\u3000保护", "生态 保护"},
                        {"生态\u00A0保护", "生态 保护"},
                        {"a\u202Fb", "a b"},
                        {"第一行\n第二行", "第一行\n第二行"},
                        {"第一行\r\n第二行", "第一行\n第二行"},
                        {"a\tb", "a b"},
                        {"a\u2028b", "a\nb"},
                    });
}

TEST(NormalizeChars, IllFormedUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(NormalizeChars("a\xFF"
                           "b"),
            "a\uFFFD"
            "b");
  EXPECT_EQ(NormalizeChars("\xE7\x94"), "\uFFFD");  // truncated 生
}

// ---------------------------------------------------------------------------
// JoinLines
// ---------------------------------------------------------------------------

TEST(JoinLines, CjkLinesJoinWithNothing) {
  RunJoinLines("cjk", {
                          {{"全市及各区生态环境质量指数(EI)力争", "稳中向好。"},
                           "全市及各区生态环境质量指数（EI）力争稳中向好。"},
                          {{"建立落实生物多样性保护规划的部门会",
                            "商、进展报送、专家咨询和信息共享机", "制。"},
                           "建立落实生物多样性保护规划的部门会商、进展报送、专"
                           "家咨询和信息共享机制。"},
                          {{"结合实际,", "依法依规"}, "结合实际，依法依规"},
                          {{"⽣态", "保护"}, "生态保护"},
                          {{"生态\n保护"}, "生态保护"},
                          {{"", "生态", "   ", "保护"}, "生态保护"},
                          {{"加强", "“两山”", "转化"}, "加强“两山”转化"},
                      });
}

TEST(JoinLines, LatinWordsKeepOneSpace) {
  RunJoinLines("latin",
               {
                   {{"Gross Ecosystem", "Product"}, "Gross Ecosystem Product"},
                   {{"GB/T", "15834"}, "GB/T 15834"},
                   {{"value,", "and"}, "value, and"},
                   {{"a   b"}, "a b"},
                   {{"Gross (GEP) value"}, "Gross (GEP) value"},
                   {{"Gross", "(GEP)", "value"}, "Gross (GEP) value"},
               });
}

TEST(JoinLines, NumbersSplitAcrossLinesJoin) {
  RunJoinLines("numbers",
               {
                   {{"20", "23年"}, "2023年"},
                   {{"完成20", "23年鸟类调查"}, "完成2023年鸟类调查"},
                   {{"森林覆盖率达到44.", "9%。"}, "森林覆盖率达到44.9%。"},
                   {{"达到44", ".9%"}, "达到44.9%"},
                   {{"2023-", "2025年"}, "2023-2025年"},
                   {{"（2024—", "2026年）"}, "（2024—2026年）"},
                   {{"2024", "—2026年"}, "2024—2026年"},
                   {{"2021—2023", "年"}, "2021—2023年"},
                   {{"A–", "B"}, "A–B"},
                   {{"GB/", "T 15834"}, "GB/T 15834"},
               });
}

TEST(JoinLines, TypesettingSpacesBetweenCjkAndLatinGo) {
  RunJoinLines(
      "spaces",
      {
          {{"板块 40 处"}, "板块40处"},
          {{"附件 5"}, "附件5"},
          {{"北京市生态保护 2023 年行动计划"}, "北京市生态保护2023年行动计划"},
          {{"探索开展2022年全市 GEP核算"}, "探索开展2022年全市GEP核算"},
          {{"PM2.5 浓度"}, "PM2.5浓度"},
          {{"GB/T 15834"}, "GB/T 15834"},
          {{"指数 (EI) 力争"}, "指数（EI）力争"},
          {{"推动生态产品总值", "(GEP)", "核算标准化"},
           "推动生态产品总值（GEP）核算标准化"},
          {{"，  GEP"}, "，GEP"},
          {{"GEP ，核算"}, "GEP，核算"},
          {{"“十四五” 规划"}, "“十四五”规划"},
          {{"  前后  "}, "前后"},
          {{"生态\u3000保护"}, "生态保护"},
          {{"Gross  Ecosystem   Product"}, "Gross Ecosystem Product"},
          {{"板块", "40", "处"}, "板块40处"},
      });
}

TEST(JoinLines, Empty) {
  EXPECT_EQ(JoinLines({}), "");
  EXPECT_EQ(JoinLines({"", "  ", "\u200B"}), "");
}

// ---------------------------------------------------------------------------
// SplitDepartments
// ---------------------------------------------------------------------------

TEST(SplitDepartments, WrappedNamesRejoin) {
  RunSplit(
      "wrapped",
      {
          {{"市农业农村", "局、市水务局"}, {"市农业农村局", "市水务局"}},
          {{"市规划自然资源", "委"}, {"市规划自然资源委"}},
          {{"市规划自然资", "源委、市园林", "绿化局、市水", "务局、市农业",
            "农村局"},
           {"市规划自然资源委", "市园林绿化局", "市水务局", "市农业农村局"}},
          {{"市发展改革", "委、市财政局"}, {"市发展改革委", "市财政局"}},
          {{"国家统计局北京", "调查总队"}, {"国家统计局北京调查总队"}},
          {{"市人力资源社会", "保障局"}, {"市人力资源社会保障局"}},
          {{"市公安局", "公安交通管理局"}, {"市公安局公安交通管理局"}},
          {{"市 水 务 局"}, {"市水务局"}},
          {{"市生态环", "境局 市水务局"}, {"市生态环境局", "市水务局"}},
      },
      *DepartmentDict::BuiltIn());
}

TEST(SplitDepartments, BracketsStayWithTheirName) {
  RunSplit(
      "brackets",
      {
          {{"各区政府（含北京经济技术", "开发区管委会）"},
           {"各区政府（含北京经济技术开发区管委会）"}},
          {{"各区政府", "(含北京经济技术", "开发区管委会)"},
           {"各区政府（含北京经济技术开发区管委会）"}},
          {{"各区政府(含北京经济技术开发区管委会)"},
           {"各区政府（含北京经济技术开发区管委会）"}},
          {{"市园林绿化局", "各区政府", "(含北京经济技术", "开发区管委会)"},
           {"市园林绿化局", "各区政府（含北京经济技术开发区管委会）"}},
          {{"相关区政府（含北京经济技术开发区管委会、", "市财政局）"},
           {"相关区政府（含北京经济技术开发区管委会、市财政局）"}},
      },
      *DepartmentDict::BuiltIn());
}

TEST(SplitDepartments, OneNamePerLineOrDelimited) {
  RunSplit(
      "lists",
      {
          {{"市规划自然资源委", "市园林绿化局", "市水务局", "市农业农村局"},
           {"市规划自然资源委", "市园林绿化局", "市水务局", "市农业农村局"}},
          {{"门头沟区政府、房山区政府、昌平区政府"},
           {"门头沟区政府", "房山区政府", "昌平区政府"}},
          {{"门头沟区政府", "房山区政府", "昌平区政府", "平谷区政府",
            "怀柔区政府", "密云区政府", "延庆区政府"},
           {"门头沟区政府", "房山区政府", "昌平区政府", "平谷区政府",
            "怀柔区政府", "密云区政府", "延庆区政府"}},
          {{"市园林绿化局 市农业农村局"}, {"市园林绿化局", "市农业农村局"}},
          {{"市生态环境局，市水务局；市财政局"},
           {"市生态环境局", "市水务局", "市财政局"}},
          {{"市生态环境局,市水务局;市财政局"},
           {"市生态环境局", "市水务局", "市财政局"}},
          {{"市水务局、", "市财政局"}, {"市水务局", "市财政局"}},
          {{"有关单位", "市科技局"}, {"有关单位", "市科技局"}},  // a collective ends
          {{"相关部门", "各区政府"}, {"相关部门", "各区政府"}},
          {{"市水务局", "、市财政局"}, {"市水务局", "市财政局"}},
          {{"市水务局 、 市财政局"}, {"市水务局", "市财政局"}},
          {{"市生态环境局", "市统计局"}, {"市生态环境局", "市统计局"}},
          {{"市⽣态环境局"}, {"市生态环境局"}},
          {{"市发展改革委", "市财政局"}, {"市发展改革委", "市财政局"}},
          {{"市水务局。"}, {"市水务局"}},
      },
      *DepartmentDict::BuiltIn());
}

TEST(SplitDepartments, KnownNamesWithDelimiterStayWhole) {
  RunSplit("known with 、",
           {
               {{"市科委、中关村管委会"}, {"市科委、中关村管委会"}},
               {{"市科委、中关村管委会、市财政局"},
                {"市科委、中关村管委会", "市财政局"}},
               {{"市财政局、市科委、中关村管委会"},
                {"市财政局", "市科委、中关村管委会"}},
               {{"市科委、", "中关村管委会"}, {"市科委、中关村管委会"}},
               {{"市科委、中关", "村管委会"}, {"市科委、中关村管委会"}},
           },
           *DepartmentDict::BuiltIn());
}

TEST(SplitDepartments, PlaceholdersGiveNothing) {
  RunSplit("placeholders",
           {
               {{"———"}, {}},
               {{"—"}, {}},
               {{"——"}, {}},
               {{"-"}, {}},
               {{"无"}, {}},
               {{""}, {}},
               {{}, {}},
               {{"  ", ""}, {}},
               {{"各区政府", "———"}, {"各区政府"}},
           },
           *DepartmentDict::BuiltIn());
}

TEST(SplitDepartments, DictionaryResolvesAmbiguousBreaks) {
  // "局" ends a name and "分析处" looks like a new one: without the
  // dictionary that is a boundary, with it a wrap.
  const std::vector<std::string> lines = {"市测试局", "分析处"};
  const auto empty = DepartmentDict::FromNames({});
  EXPECT_EQ(SplitDepartments(lines, *empty).names,
            (std::vector<std::string>{"市测试局", "分析处"}));
  const auto dict = DepartmentDict::FromNames({"市测试局分析处"});
  EXPECT_EQ(SplitDepartments(lines, *dict).names,
            (std::vector<std::string>{"市测试局分析处"}));
  // A proper prefix of a known name is enough to join.
  const auto dict2 = DepartmentDict::FromNames({"市测试局分析处第一科"});
  EXPECT_EQ(SplitDepartments({"市测试局", "分析处", "第一科"}, *dict2).names,
            (std::vector<std::string>{"市测试局分析处第一科"}));
}

TEST(SplitDepartments, UnknownNamesAreListed) {
  const auto dict = DepartmentDict::BuiltIn();
  DepartmentSplit split =
      SplitDepartments({"市水务局、市未知局", "市未知局"}, *dict);
  EXPECT_EQ(split.names,
            (std::vector<std::string>{"市水务局", "市未知局", "市未知局"}));
  EXPECT_EQ(split.unknown, (std::vector<std::string>{"市未知局"}));

  split = SplitDepartments(
      {"市生态环境局", "各区政府", "(含北京经济技术", "开发区管委会)"}, *dict);
  EXPECT_TRUE(split.unknown.empty()) << Show(split.unknown);
}

TEST(SplitDepartments, NamesHaveNoSpaces) {
  const auto dict = DepartmentDict::BuiltIn();
  const DepartmentSplit split = SplitDepartments(
      {"各区政府（含北京经济技术 ", " 开发区管委会）", "市 园林绿化局"}, *dict);
  for (const std::string& name : split.names) {
    EXPECT_EQ(name.find(' '), std::string::npos) << name;
  }
  EXPECT_EQ(split.names,
            (std::vector<std::string>{"各区政府（含北京经济技术开发区管委会）",
                                      "市园林绿化局"}));
}

// ---------------------------------------------------------------------------
// SplitRoledDepartments
// ---------------------------------------------------------------------------

struct RoledCase {
  std::vector<std::string> lines;
  Role column_role;
  bool first_listed_leads;
  std::vector<std::string> lead, responsible, assisting;
};

std::string ShowRoles(const RoledDepartments& r) {
  return "lead " + Show(r.lead) + " responsible " + Show(r.responsible) +
         " assisting " + Show(r.assisting);
}

void RunRoled(const char* table, const std::vector<RoledCase>& cases,
              const DepartmentDict& dict) {
  for (const RoledCase& c : cases) {
    const RoledDepartments got = SplitRoledDepartments(
        c.lines, c.column_role, c.first_listed_leads, dict);
    RoledDepartments want;
    want.lead = c.lead;
    want.responsible = c.responsible;
    want.assisting = c.assisting;
    EXPECT_EQ(ShowRoles(got), ShowRoles(want))
        << "table: " << table << "\n  input: " << Show(c.lines)
        << (c.first_listed_leads ? " (first listed leads)" : "");
  }
}

constexpr Role kLeadCol = Role::kLead;
constexpr Role kResp = Role::kResponsible;
constexpr Role kAssist = Role::kAssisting;

TEST(SplitRoledDepartments, InlineMarkers) {
  RunRoled(
      "markers",
      {
          {{"市经信局（市新经济委）（牵头）、市住建局、各区（市）县政府"},
           kResp, false,
           {"市经信局（市新经济委）"}, {"市住建局", "各区（市）县政府"}, {}},
          {{"市经信局（市新经济委）", "（牵头）、市住建局、各", "区（市）县政府"},
           kResp, false,
           {"市经信局（市新经济委）"}, {"市住建局", "各区（市）县政府"}, {}},
          {{"市发改委(牵头)、市财政局"}, kResp, false,
           {"市发改委"}, {"市财政局"}, {}},
          {{"市农业农村局（牵头）"}, kResp, false, {"市农业农村局"}, {}, {}},
          {{"市发改委、市财政局（配合）"}, kResp, false,
           {}, {"市发改委"}, {"市财政局"}},
          {{"市财政局（牵头单位）"}, kResp, false, {"市财政局"}, {}, {}},
          {{"*市发改委、市财政局"}, kResp, false, {"市发改委"}, {"市财政局"}, {}},
          {{"市发改委★", "市财政局"}, kResp, true,
           {"市发改委"}, {"市财政局"}, {}},
      },
      *DepartmentDict::BuiltIn());
}

TEST(SplitRoledDepartments, Clauses) {
  RunRoled(
      "clauses",
      {
          {{"市科技局牵头，市财政局、市教育局配合"}, kResp, false,
           {"市科技局"}, {}, {"市财政局", "市教育局"}},
          {{"市委宣传部牵头，市文广", "旅局、市体育局配合"}, kResp, false,
           {"市委宣传部"}, {}, {"市文广旅局", "市体育局"}},
          {{"市金融监管局牵头，市财", "政局、市科技局、人行成",
            "都分行营业管理部配合"},
           kResp, false,
           {"市金融监管局"}, {}, {"市财政局", "市科技局", "人行成都分行营业管理部"}},
          {{"市经信局（市新经济委）", "牵头，市商务局、各区", "（市）县政府配合"},
           kResp, false,
           {"市经信局（市新经济委）"}, {}, {"市商务局", "各区（市）县政府"}},
          {{"市委宣传部", "牵头", "市体育局", "配合"}, kResp, false,
           {"市委宣传部"}, {}, {"市体育局"}},
          {{"省科技厅、省财政厅牵头；省教育厅参与"}, kResp, false,
           {"省科技厅", "省财政厅"}, {}, {"省教育厅"}},
          {{"市发改委牵头，市财政局"}, kResp, false,
           {"市发改委"}, {"市财政局"}, {}},
          {{"牵头单位：市发改委；配合单位：市财政局、市科技局"}, kResp, false,
           {"市发改委"}, {}, {"市财政局", "市科技局"}},
          {{"市水务局协助"}, kLeadCol, false, {}, {}, {"市水务局"}},
          {{"有关单位", "市科技局"}, kLeadCol, false,
           {"有关单位", "市科技局"}, {}, {}},
          {{"牵头单位：", "市发改委", "配合单位：", "市财政局、市科技局"}, kResp,
           false, {"市发改委"}, {}, {"市财政局", "市科技局"}},
          {{"市发改委牵头，市财政局、市科技局等按职责分工负责"}, kResp, false,
           {"市发改委"}, {"市财政局", "市科技局"}, {}},
          {{"市发改委、市财政局等"}, kResp, false,
           {}, {"市发改委", "市财政局"}, {}},
          {{"市发改委等有关部门"}, kResp, false, {}, {"市发改委"}, {}},
      },
      *DepartmentDict::BuiltIn());
}

TEST(SplitRoledDepartments, FirstListedLeads) {
  RunRoled(
      "first listed",
      {
          {{"市科技局、市发改委、市财政局"}, kResp, true,
           {"市科技局"}, {"市发改委", "市财政局"}, {}},
          {{"市科技局", "市发改委"}, kResp, true, {"市科技局"}, {"市发改委"}, {}},
          {{"苏州工业园区管委会"}, kResp, true, {"苏州工业园区管委会"}, {}, {}},
          {{"—"}, kResp, true, {}, {}, {}},
          // A role printed in the cell wins over the note.
          {{"市发改委、市科技局（牵头）"}, kResp, true,
           {"市科技局"}, {"市发改委"}, {}},
          {{"市科技局、市发改委"}, kResp, false,
           {}, {"市科技局", "市发改委"}, {}},
          // The note speaks of 责任单位 lists: other columns keep their role.
          {{"市科技局、市发改委"}, kAssist, true,
           {}, {}, {"市科技局", "市发改委"}},
      },
      *DepartmentDict::BuiltIn());
}

TEST(SplitRoledDepartments, ColumnRolesAndPlaceholders) {
  RunRoled(
      "columns",
      {
          {{"省安委办"}, kLeadCol, false, {"省安委办"}, {}, {}},
          {{"广东海事局、省交通运输厅"}, kLeadCol, false,
           {"广东海事局", "省交通运输厅"}, {}, {}},
          {{"省公安厅", "省农业农村厅"}, kAssist, false,
           {}, {}, {"省公安厅", "省农业农村厅"}},
          {{"———"}, kAssist, false, {}, {}, {}},
          {{"无"}, kLeadCol, false, {}, {}, {}},
          {{""}, kResp, false, {}, {}, {}},
          {{"/"}, kResp, false, {}, {}, {}},
      },
      *DepartmentDict::BuiltIn());
}

// The Beijing samples' department cells keep the names SplitDepartments
// gives them, all in the column's role.
TEST(SplitRoledDepartments, BeijingCellsUnchanged) {
  const auto dict = DepartmentDict::BuiltIn();
  const std::vector<std::vector<std::string>> cells = {
      {"市规划自然资源委", "市园林绿化局", "市水务局", "市农业农村局"},
      {"各区政府（含北京经济技术", "开发区管委会）"},
      {"市规划自然资", "源委、市园林", "绿化局"},
      {"市科委、中关村管委会、市财政局"},
      {"门头沟区政府、房山区政府、昌平区政府"},
  };
  for (const auto& cell : cells) {
    const DepartmentSplit plain = SplitDepartments(cell, *dict);
    const RoledDepartments roled =
        SplitRoledDepartments(cell, Role::kResponsible, false, *dict);
    EXPECT_EQ(Show(roled.responsible), Show(plain.names)) << Show(cell);
    EXPECT_TRUE(roled.lead.empty() && roled.assisting.empty()) << Show(cell);
    EXPECT_TRUE(roled.unknown.empty()) << Show(roled.unknown);
  }
}

// Property: wrapping a cell's text at any column width (as a narrow PDF
// column does) never changes the names or their roles.
TEST(SplitRoledDepartments, WrapWidthChangesNothing) {
  const auto dict = DepartmentDict::BuiltIn();
  const std::vector<std::string> cells = {
      "市经信局（市新经济委）（牵头）、市住建局、各区（市）县政府、"
      "成都高新区管委会、四川天府新区成都管委会、成都东部新区管委会",
      "市经信局（市新经济委）牵头，市商务局、各区（市）县政府配合",
      "市金融监管局牵头，市财政局、市科技局、人行成都分行营业管理部配合",
      "市网络理政办（牵头）、市大数据中心、成都市大数据集团股份有限公司",
      "党委组织部、纪委办公室",
      "后勤管理处、实验室与设备管理处",
      "市地方金融监管局、市科技局、人行苏州市中心支行、苏州银保监分局",
      "教务处、发展规划处、各学院、各部门",
      "省住房城乡建设厅、省人力资源社会保障厅、省消防救援总队",
      "各区政府（含北京经济技术开发区管委会）、市规划自然资源委",
      "市委宣传部、门头沟区政府、市园林绿化局",
      "科学技术研究院、人文社会科学处、人行成都分行营业管理部",
      "有关单位、市科技局",
  };
  for (const std::string& cell : cells) {
    const std::u32string text = lexicon::ToU32(cell);
    const RoledDepartments whole =
        SplitRoledDepartments({cell}, Role::kResponsible, false, *dict);
    for (size_t width = 4; width <= 16; ++width) {
      std::vector<std::string> lines;
      for (size_t i = 0; i < text.size(); i += width) {
        lines.push_back(lexicon::ToUtf8(text.substr(i, width)));
      }
      const RoledDepartments wrapped =
          SplitRoledDepartments(lines, Role::kResponsible, false, *dict);
      EXPECT_EQ(ShowRoles(wrapped), ShowRoles(whole))
          << "width " << width << ": " << Show(lines);
    }
  }
}

// Names from any province, city, county, university or company are well
// formed by shape: with an empty dictionary none is reported unknown.
TEST(SplitRoledDepartments, NamesFromAnywhereAreNotUnknown) {
  const auto empty = DepartmentDict::FromNames({});
  const std::vector<std::string> cells = {
      "自治区发展改革委、自治区党委宣传部、内蒙古自治区林业和草原局",
      "新疆生产建设兵团、兵团发展改革委",
      "黔东南州人民政府、各市州人民政府、延边州",
      "各旗县（市、区）、各县（市、区）政府、各乡镇（街道）",
      "海南省大数据管理局、省委军民融合办、武警广东省总队",
      "市委社会工作部、市数据局、区委办、区政府办、镇人民政府",
      "县融媒体中心、市住房公积金中心、市公共资源交易中心",
      "市城投集团、国网浙江省电力有限公司、中国铁塔股份有限公司杭州市分公司",
      "校工会、校团委、各二级党组织、研究生院、继续教育学院、离退休工作处",
      "学生资助管理中心、党委教师工作部、高等教育研究所、国际合作与交流处",
      "市公安局交通警察支队、市综合行政执法局、市消防救援支队",
      "市纪委监委机关、市供销社、市人大常委会办公厅、市政协办公厅",
      "中国人民银行杭州中心支行、国家金融监督管理总局浙江监管局",
      "市委党校、市档案馆、市科学技术协会、市残疾人联合会、共青团杭州市委",
      "各地各部门、各有关单位、市直有关单位、各级党委",
  };
  for (const std::string& cell : cells) {
    const RoledDepartments r =
        SplitRoledDepartments({cell}, Role::kResponsible, false, *empty);
    EXPECT_TRUE(r.unknown.empty()) << cell << "\n  unknown: " << Show(r.unknown);
    EXPECT_GE(r.responsible.size(), 2u) << cell;
  }
}

TEST(SplitRoledDepartments, UnknownOnlyWhenNotWellFormed) {
  const auto empty = DepartmentDict::FromNames({});
  const RoledDepartments r = SplitRoledDepartments(
      {"黔东南州发展改革委、省大数据局、加强统筹协调"}, Role::kResponsible,
      false, *empty);
  EXPECT_EQ(Show(r.responsible),
            Show({"黔东南州发展改革委", "省大数据局", "加强统筹协调"}));
  EXPECT_EQ(Show(r.unknown), Show({"加强统筹协调"}));
}

TEST(IsPlaceholder, Table) {
  const struct {
    const char* text;
    bool expected;
  } kCases[] = {
      {"", true},    {"  ", true},        {"—", true},     {"——", true},
      {"———", true}, {"-", true},         {"－", true},    {"无", true},
      {" — ", true}, {"市水务局", false}, {"无锡", false}, {"-1", false},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(IsPlaceholder(c.text), c.expected)
        << "input: \"" << c.text << "\"";
  }
}

// ---------------------------------------------------------------------------
// DepartmentDict
// ---------------------------------------------------------------------------

TEST(DepartmentDict, BuiltInKnowsTheSampleAndBeijingBodies) {
  const auto dict = DepartmentDict::BuiltIn();
  EXPECT_GE(dict->size(), 150u);
  EXPECT_EQ(dict.get(), DepartmentDict::BuiltIn().get());  // built once
  for (const char* name : {"市公安局",
                           "海淀区政府",
                           "延庆区政府",
                           "石景山区政府",
                           "市财政局",
                           "市气象局",
                           "顺义区政府",
                           "各区政府（含北京经济技术开发区管委会）",
                           "市农业农村局",
                           "市统计局",
                           "相关区政府",
                           "市生态环境局",
                           "门头沟区政府",
                           "房山区政府",
                           "平谷区政府",
                           "市住房城乡建设委",
                           "市规划自然资源委",
                           "市园林绿化局",
                           "各区政府",
                           "怀柔区政府",
                           "市水务局",
                           "市文化和旅游局",
                           "市发展改革委",
                           "丰台区政府",
                           "密云区政府",
                           "昌平区政府",
                           "市交通委",
                           "大兴区政府",
                           "国家统计局北京调查总队",
                           "市科委、中关村管委会",
                           "北京经济技术开发区管委会",
                           "东城区政府",
                           "西城区政府",
                           "朝阳区政府",
                           "通州区政府",
                           "市教委",
                           "市消防救援总队",
                           "市公安局公安交通管理局",
                           "北京市生态环境局"}) {
    EXPECT_TRUE(dict->Contains(name)) << name;
  }
  EXPECT_FALSE(dict->Contains("市未知局"));
  EXPECT_FALSE(dict->Contains(""));
}

TEST(DepartmentDict, ContainsAndProperPrefix) {
  const auto dict =
      DepartmentDict::FromNames({"市水务局", " 市水务局 ", "市园林绿化局",
                                 "各区政府(含北京经济技术开发区管委会)"});
  EXPECT_EQ(dict->size(), 3u);  // normalized and deduplicated
  EXPECT_TRUE(dict->Contains("市水务局"));
  EXPECT_TRUE(dict->Contains("各区政府（含北京经济技术开发区管委会）"));
  EXPECT_FALSE(dict->Contains("市水务"));
  EXPECT_TRUE(dict->IsProperPrefix("市水务"));
  EXPECT_TRUE(dict->IsProperPrefix("市"));
  EXPECT_FALSE(dict->IsProperPrefix("市水务局"));  // equal is not proper
  EXPECT_FALSE(dict->IsProperPrefix("市水务局局"));
  EXPECT_TRUE(dict->IsProperPrefix("各区政府（含"));
  EXPECT_FALSE(dict->IsProperPrefix("区"));
}

TEST(DepartmentDict, FromFileAndMerge) {
  const std::string path =
      ::testing::TempDir() + "/plan2json_normalizer_departments.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF# comment line\r\n"
           "市测试局   # trailing comment\r\n"
           "\r\n"
           "  市演示委\n";
  }
  auto loaded = DepartmentDict::FromFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const auto& file_dict = *loaded.value();
  EXPECT_EQ(file_dict.size(), 2u);
  EXPECT_TRUE(file_dict.Contains("市测试局"));
  EXPECT_TRUE(file_dict.Contains("市演示委"));
  std::remove(path.c_str());

  const auto merged =
      DepartmentDict::Merge(*DepartmentDict::BuiltIn(), file_dict);
  EXPECT_EQ(merged->size(), DepartmentDict::BuiltIn()->size() + 2);
  EXPECT_TRUE(merged->Contains("市测试局"));
  EXPECT_TRUE(merged->Contains("市水务局"));

  auto missing = DepartmentDict::FromFile(path + ".does-not-exist");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
}

TEST(DepartmentDict, NearestWithinEditDistance) {
  const auto dict = DepartmentDict::FromNames(
      {"市水务局", "市商务局", "市园林绿化局", "市教育委员会"});
  struct Case {
    std::string name;
    int max_edits;
    std::optional<std::string> want;
  };
  const Case cases[] = {
      {"市水务局", 0, "市水务局"},          // known: itself
      {"市园林録化局", 1, "市园林绿化局"},  // one substitution
      {"市教育委", 1, std::nullopt},         // two deletions, limit 1
      {"市教育委", 2, "市教育委员会"},
      {"市X务局", 1, std::nullopt},          // 水务局 and 商务局 tie
      {"", 1, std::nullopt},
  };
  for (const Case& c : cases) {
    std::optional<std::string> got = dict->Nearest(c.name, c.max_edits);
    EXPECT_EQ(got, c.want) << "name '" << c.name << "' max " << c.max_edits
                           << ": got " << got.value_or("(none)")
                           << ", want " << c.want.value_or("(none)");
  }
}

// ---------------------------------------------------------------------------
// ParseDeadline
// ---------------------------------------------------------------------------

struct DeadlineCase {
  const char* text;
  int year;
  Due::Kind kind;
  const char* date;  // nullptr when no date
};

void RunDeadlines(const char* table, const std::vector<DeadlineCase>& cases) {
  for (const DeadlineCase& c : cases) {
    const Due got = ParseDeadline(c.text, c.year);
    const std::string want = std::string(DueKindName(c.kind)) + " " +
                             (c.date != nullptr ? c.date : "null");
    const std::string have = std::string(DueKindName(got.kind)) + " " +
                             (got.date ? *got.date : "null");
    EXPECT_EQ(have, want) << "table: " << table << "\n  input:    \"" << c.text
                          << "\" (plan year " << c.year
                          << ")\n  expected: " << want
                          << "\n  got:      " << have;
  }
}

constexpr Due::Kind kDate = Due::Kind::kDate;
constexpr Due::Kind kOngoing = Due::Kind::kOngoing;
constexpr Due::Kind kText = Due::Kind::kText;

TEST(ParseDeadline, YearEnd) {
  RunDeadlines("year end", {
                               {"年底前", 2023, kDate, "2023-12-31"},
                               {"年底", 2023, kDate, "2023-12-31"},
                               {"年底前完成", 2023, kDate, "2023-12-31"},
                               {"年 底 前", 2023, kDate, "2023-12-31"},
                               {"年底前。", 2023, kDate, "2023-12-31"},
                               {"年内", 2023, kDate, "2023-12-31"},
                               {"2024年底前", 2023, kDate, "2024-12-31"},
                               {"2024年年底前", 2023, kDate, "2024-12-31"},
                               {"2024年", 2023, kDate, "2024-12-31"},
                               {"二〇二四年底前", 2023, kDate, "2024-12-31"},
                               {"本年度", 2023, kDate, "2023-12-31"},
                               {"次年底前", 2023, kDate, "2024-12-31"},
                               {"下一年度", 2023, kDate, "2024-12-31"},
                               {"年度", 2023, kDate, "2023-12-31"},
                           });
}

TEST(ParseDeadline, MonthEnd) {
  RunDeadlines("month end",
               {
                   {"6月底前", 2023, kDate, "2023-06-30"},
                   {"6月底", 2023, kDate, "2023-06-30"},
                   {"6月30日前", 2023, kDate, "2023-06-30"},
                   {"6月", 2023, kDate, "2023-06-30"},
                   {"6月份", 2023, kDate, "2023-06-30"},
                   {"06月底前", 2023, kDate, "2023-06-30"},
                   {"2024年9月底前", 2023, kDate, "2024-09-30"},
                   {"2024年3月", 2023, kDate, "2024-03-31"},
                   {"次年3月底前", 2023, kDate, "2024-03-31"},
                   {"明年3月底前", 2023, kDate, "2024-03-31"},
                   {"11月底前", 2023, kDate, "2023-11-30"},
                   {"12月31日前", 2023, kDate, "2023-12-31"},
                   {"6月15日", 2023, kDate, "2023-06-15"},
                   {"２０２４年６月底前", 2023, kDate, "2024-06-30"},
                   {"6月上旬", 2023, kDate, "2023-06-10"},
                   {"6月中旬", 2023, kDate, "2023-06-20"},
                   {"6月下旬", 2023, kDate, "2023-06-30"},
               });
}

TEST(ParseDeadline, LeapFebruary) {
  RunDeadlines("february", {
                               {"2月底前", 2024, kDate, "2024-02-29"},
                               {"2月底前", 2023, kDate, "2023-02-28"},
                               {"2月底前", 2000, kDate, "2000-02-29"},
                               {"2月底前", 2100, kDate, "2100-02-28"},
                               {"2月下旬", 2024, kDate, "2024-02-29"},
                               {"2月29日", 2024, kDate, "2024-02-29"},
                               {"2月29日", 2023, kText, nullptr},
                               {"2月30日", 2024, kText, nullptr},
                           });
}

TEST(ParseDeadline, ChineseNumeralMonths) {
  RunDeadlines("numerals", {
                               {"九月底前", 2023, kDate, "2023-09-30"},
                               {"十二月", 2023, kDate, "2023-12-31"},
                               {"十一月底前", 2023, kDate, "2023-11-30"},
                               {"十月", 2023, kDate, "2023-10-31"},
                               {"二月底", 2024, kDate, "2024-02-29"},
                               {"六月三十日前", 2023, kDate, "2023-06-30"},
                               {"二〇二四年九月底前", 0, kDate, "2024-09-30"},
                           });
}

TEST(ParseDeadline, QuartersAndHalves) {
  RunDeadlines("quarters", {
                               {"第三季度", 2023, kDate, "2023-09-30"},
                               {"三季度", 2023, kDate, "2023-09-30"},
                               {"第3季度", 2023, kDate, "2023-09-30"},
                               {"三季度末", 2023, kDate, "2023-09-30"},
                               {"第一季度", 2023, kDate, "2023-03-31"},
                               {"二季度前", 2023, kDate, "2023-06-30"},
                               {"第四季度", 2023, kDate, "2023-12-31"},
                               {"2024年第一季度", 2023, kDate, "2024-03-31"},
                               {"上半年", 2023, kDate, "2023-06-30"},
                               {"下半年", 2023, kDate, "2023-12-31"},
                               {"2024年上半年", 2023, kDate, "2024-06-30"},
                               {"第五季度", 2023, kText, nullptr},
                           });
}

TEST(ParseDeadline, Ongoing) {
  RunDeadlines("ongoing", {
                              {"持续推进", 2023, kOngoing, nullptr},
                              {"长期坚持", 2023, kOngoing, nullptr},
                              {"长期", 2023, kOngoing, nullptr},
                              {"持续开展", 2023, kOngoing, nullptr},
                              {"持续实施", 2023, kOngoing, nullptr},
                              {"持续推进", 0, kOngoing, nullptr},
                              {"常态化开展", 2023, kOngoing, nullptr},
                              {"每年年底前", 2023, kOngoing, nullptr},
                          });
}

TEST(ParseDeadline, UnknownYearAndOtherText) {
  RunDeadlines("text", {
                           {"年底前", 0, kText, nullptr},
                           {"6月底前", 0, kText, nullptr},
                           {"第三季度", 0, kText, nullptr},
                           {"次年3月底前", 0, kText, nullptr},
                           {"2024年9月底前", 0, kDate, "2024-09-30"},
                           {"2024年3月", 0, kDate, "2024-03-31"},
                           {"", 2023, kText, nullptr},
                           {"———", 2023, kText, nullptr},
                           {"视情况而定", 2023, kText, nullptr},
                           {"13月底前", 2023, kText, nullptr},
                           {"6月底前、12月底前", 2023, kText, nullptr},
                           {"完成", 2023, kText, nullptr},
                           {"年", 2023, kText, nullptr},
                           {"底前", 2023, kText, nullptr},
                           {"9999年", 2023, kText, nullptr},
                       });
}

// Part 7's ranges: the end of the last year, kind date.
TEST(ParseDeadline, Ranges) {
  RunDeadlines("ranges", {
                             {"2023—2025年", 2023, kDate, "2025-12-31"},
                             {"2023-2025年", 0, kDate, "2025-12-31"},
                             {"2023年～2025年", 2023, kDate, "2025-12-31"},
                             {"2023至2025年", 2023, kDate, "2025-12-31"},
                             {"2023年3月—6月", 2022, kDate, "2023-06-30"},
                         });
}

TEST(ParseDeadline, KindNames) {
  EXPECT_STREQ(DueKindName(Due::Kind::kDate), "date");
  EXPECT_STREQ(DueKindName(Due::Kind::kOngoing), "ongoing");
  EXPECT_STREQ(DueKindName(Due::Kind::kText), "text");
}

// ---------------------------------------------------------------------------
// Whole-dump smoke test: the 12 KB pdftotext sample normalizes quickly and
// leaves no half-width comma between two CJK characters.
// ---------------------------------------------------------------------------

TEST(Normalizer, SampleDumpIsFast) {
  std::ifstream in(
      std::string(PLAN2JSON_SAMPLES_DIR) + "/beijing-eco-2023.pdftotext.txt",
      std::ios::binary);
  if (!in) GTEST_SKIP() << "sample dump not found";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string dump = buffer.str();
  std::vector<std::string> lines;
  std::istringstream stream(dump);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);

  std::string normalized;
  std::string joined;
  double best_ms = 1e9;
  for (int round = 0; round < 5; ++round) {
    const auto start = std::chrono::steady_clock::now();
    normalized = NormalizeChars(dump);
    joined = JoinLines(lines);
    const auto stop = std::chrono::steady_clock::now();
    best_ms = std::min(
        best_ms,
        std::chrono::duration<double, std::milli>(stop - start).count());
  }
  // Typically well under a millisecond in a release build; the bound is
  // loose so sanitizer and debug builds pass too.
  EXPECT_LT(best_ms, 50.0);
  EXPECT_EQ(normalized.find("实际,"), std::string::npos);
  EXPECT_NE(normalized.find("结合实际，依法依规"), std::string::npos);
  EXPECT_NE(normalized.find("指数（EI）力争"), std::string::npos);
  EXPECT_NE(normalized.find("44.9%"), std::string::npos);
  EXPECT_NE(joined.find("探索开展2022年全市GEP核算"), std::string::npos);
}

// Every function is documented as safe to call concurrently, including the
// first call that builds the lazily initialized tables (run under TSan with
// PLAN2JSON_SANITIZE=thread to check).
TEST(Normalizer, ConcurrentFirstUse) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(8);
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([t, &results] {
      const auto dict = DepartmentDict::BuiltIn();
      const DepartmentSplit split =
          SplitDepartments({"市规划自然资", "源委、市园林", "绿化局"}, *dict);
      results[t] = NormalizeChars("\uF900⽣态(EI),") +
                   JoinLines({"20", "23年"}) + split.names.back() +
                   ParseDeadline("九月底前", 2023).date.value_or("");
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) {
    EXPECT_EQ(result, "\u8C48生态（EI），2023年市园林绿化局2023-09-30");
  }
}

}  // namespace
}  // namespace plan2json::normalizer
