// Copyright 2026 The plan2json Authors.
//
// Table-driven tests of the lexicon: each table lists inputs with the
// expected answer, including the cases that must NOT match.

#include "lexicon/lexicon.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace plan2json::lexicon {
namespace {

struct BoolCase {
  const char* text;
  bool want;
};

void RunBool(const char* name, bool (*fn)(std::string_view),
             const std::vector<BoolCase>& cases) {
  for (const BoolCase& c : cases) {
    EXPECT_EQ(fn(c.text), c.want)
        << name << "(\"" << c.text << "\"): expected "
        << (c.want ? "true" : "false");
  }
}

TEST(Utf8, RoundTripAndCounts) {
  EXPECT_EQ(ToU32("附件2"), std::u32string(U"附件2"));
  EXPECT_EQ(ToUtf8(U"附件2"), "附件2");
  EXPECT_EQ(ToU32("a\xFF" "b"), std::u32string(U"a\uFFFDb"));
  EXPECT_EQ(ToUtf8(std::u32string(1, char32_t{0xD800})), "\uFFFD");
  EXPECT_EQ(CodePoints("第3页"), 3u);
  EXPECT_EQ(CodePoints(""), 0u);
  EXPECT_EQ(Compact(" 附 件\u3000２\t\u00A0"), "附件２");
  EXPECT_EQ(Trim("\u3000 市水务局  \n"), "市水务局");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(NormCompact("年 底 前 ,"), "年底前，");
}

TEST(Utf8, IsCjk) {
  struct Case {
    char32_t c;
    bool want;
  };
  const std::vector<Case> cases = {
      {U'市', true},  {U'，', true},  {U'。', true}, {U'１', true},
      {U'か', true},  {U'a', false},  {U'1', false}, {U'-', false},
      {U'—', false},  {U'é', false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsCjk(c.c), c.want) << "IsCjk(U+" << std::hex
                                  << static_cast<unsigned>(c.c) << ")";
  }
}

TEST(Utf8, IsIdeograph) {
  struct Case {
    char32_t c;
    bool want;
  };
  const std::vector<Case> cases = {
      {U'市', true},  {U'㐀', true},  {U'豈', true},  {U'𠀀', true},
      {U'，', false}, {U'か', false}, {U'１', false}, {U'a', false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsIdeograph(c.c), c.want)
        << "IsIdeograph(U+" << std::hex << static_cast<unsigned>(c.c) << ")";
  }
}

TEST(Utf8, IsNeverFirst) {
  struct Case {
    char32_t c;
    bool want;
  };
  const std::vector<Case> cases = {
      {U'、', true},  {U'，', true},  {U'。', true},  {U'；', true},
      {U'：', true},  {U'.', true},   {U',', true},   {U'（', false},
      {U'“', false}, {U'《', false}, {U'—', false}, {U'…', false},
      {U'1', false}, {U'市', false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsNeverFirst(c.c), c.want)
        << "IsNeverFirst(U+" << std::hex << static_cast<unsigned>(c.c) << ")";
  }
}

TEST(Lines, EndsSentence) {
  RunBool("EndsSentence", EndsSentence,
          {
              {"加强生态保护。", true},
              {"加强生态保护.", true},  // ASCII full stop after CJK
              {"加强生态保护；", true},
              {"加强生态保护;", true},
              {"是否完成？", true},
              {"确保完成!", true},
              {"落实“河长制”。", true},
              {"（详见附件。）", true},
              {"达到95%.", true},
              {"加强生态保护。  ", true},
              {"加强生态保护", false},
              {"加强生态保护，", false},
              {"其中：", false},
              {"PM2.", false},  // a number cut by a wrap
              {"1.", false},
              {"", false},
              {"。", true},
          });
}

TEST(Lines, PageFurniture) {
  RunBool("IsPageFurniture", IsPageFurniture,
          {
              {"— 50 —", true},
              {"-3-", true},
              {"- 3 -", true},
              {"—1—", true},
              {"－３－", true},
              {"– 12 –", true},
              {"── 7 ──", true},
              {"第3页", true},
              {"第 3 页 共 9 页", true},
              {"第3页/共9页", true},
              {"第３页，共９页", true},
              {"共9页 第3页", true},
              {"3/9", true},
              {"Page 3 of 9", true},
              {"· 3 ·", true},
              {"一 3 一", true},
              {"一3", false},
              {"第3页（共9页）", true},
              {"3", false},  // bare numbers: IsPageNumberLine
              {"１２", false},
              {"—", false},
              {"第3页的内容", false},
              {"2023—2025年", false},
              {"-3-5-", false},
              {"第三页", false},
              {"12345", false},
          });
  RunBool("IsPageNumberLine", IsPageNumberLine,
          {
              {"3", true},
              {" １２ ", true},
              {"— 50 —", true},
              {"第 3 页 共 9 页", true},
              {"12345", false},
              {"3.", false},
              {"（3）", false},
              {"市水务局", false},
          });
}

TEST(Lines, AttachmentLabel) {
  struct Case {
    const char* line;
    std::optional<std::string> want;
  };
  const std::vector<Case> cases = {
      {"附件", "附件"},
      {"附件2", "附件2"},
      {"附件 2", "附件2"},
      {"附件二", "附件二"},
      {"附件：", "附件"},
      {"附件:", "附件"},
      {"附件2：", "附件2"},
      {" 附 件 1 ", "附件1"},
      {"附件１", "附件１"},
      {"附件2：《成都市2022年数字经济发展工作要点重点任务分工》", std::nullopt},
      {"附件2.xlsx", std::nullopt},
      {"附件1-2", "附件1-2"},
      {"附件材料", std::nullopt},
      {"见附件2", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(AttachmentLabel(c.line), c.want)
        << "AttachmentLabel(\"" << c.line << "\"): expected "
        << c.want.value_or("nullopt");
  }
}

TEST(Lines, SectionLevel) {
  struct Case {
    const char* line;
    int want;
  };
  const std::vector<Case> cases = {
      {"一、推动数字产业化", 1},
      {"十二、其他", 1},
      {"三.加强保障", 1},
      {"第一部分 总体要求", 1},
      {"第二章 发展目标", 1},
      {"（一）加快数字基础设施建设", 2},
      {"(二)完善制度", 2},
      {"（十一）其他", 2},
      {"第三节 保障措施", 2},
      {"1.加强保障", 0},
      {"（1）加强保障", 0},
      {"1、加强保障", 0},
      {"一是加强保障", 0},
      {"一、", 0},
      {"（一）", 0},
      {"统一、规范", 0},
      {"", 0},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SectionLevel(c.line), c.want)
        << "SectionLevel(\"" << c.line << "\")";
  }
}

TEST(Lines, ParseSeq) {
  struct Case {
    const char* cell;
    std::optional<int> want;
  };
  const std::vector<Case> cases = {
      {"1", 1},          {"1.", 1},        {"1、", 1},     {"（1）", 1},
      {"(1)", 1},        {"１", 1},        {"１．", 1},    {"12", 12},
      {" 3 ", 3},        {"9999", 9999},   {"1)", 1},      {"[4]", 4},
      {"①", 1},          {"⑳", 20},        {"10000", std::nullopt},
      {"0", std::nullopt},     {"一", std::nullopt},   {"1.2", std::nullopt},
      {"市水务局", std::nullopt}, {"", std::nullopt},  {"（1", 1},
      {"1）", 1},         {"2023年", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseSeq(c.cell), c.want)
        << "ParseSeq(\"" << c.cell << "\"): expected "
        << (c.want ? std::to_string(*c.want) : "nullopt");
  }
}

TEST(Lines, Placeholder) {
  RunBool("IsPlaceholder", IsPlaceholder,
          {
              {"", true},    {"  ", true},      {"无", true},   {"———", true},
              {"—", true},   {"-", true},       {"－", true},   {"─", true},
              {"/", true},   {" — ", true},     {"暂无", true}, {"－－", true},
              {"无锡", false}, {"-1", false}, {"市水务局", false},
              {"2023—2025年", false},
          });
}

TEST(Lines, TitleYearAndTitle) {
  struct Case {
    const char* title;
    std::optional<int> want;
  };
  const std::vector<Case> cases = {
      {"成都市2022年数字经济发展工作要点重点任务分工", 2022},
      {"２０２４年安全生产工作要点", 2024},
      {"二〇二一年苏州市科技创新工作要点", 2021},
      {"2021—2023年行动计划", 2021},
      {"北京市生态保护 2023 年行动计划", 2023},
      {"江淮理工大学党政工作要点任务分工", std::nullopt},
      {"完成2500个", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(TitleYear(c.title), c.want) << "TitleYear(\"" << c.title << "\")";
  }
  RunBool("LooksLikeTitle", LooksLikeTitle,
          {
              {"成都市2022年数字经济发展工作要点重点任务分工", true},
              {"广东省2024年安全生产工作要点重点任务分工表", true},
              {"《2021年苏州市科技创新工作要点任务分解表》", true},
              {"北京市生态保护2023年行动计划", true},
              {"成都市2022年数字经济发展工作要点重点任务", true},
              {"成都市2022年数字经济发展工作", false},
              {"现印发给你们，请结合实际认真贯彻落实。", false},
              {"附件2", false},
              {"分工", false},
          });
}

// ---------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------

struct DeadlineCase {
  const char* text;
  int year;
  const char* want;  // "date YYYY-MM-DD", "ongoing", "text", or "none"
};

std::string Describe(const std::optional<normalizer::Due>& due) {
  if (!due) return "none";
  std::string out = normalizer::DueKindName(due->kind);
  if (due->date) out += " " + *due->date;
  return out;
}

void RunDeadlines(const char* table, const std::vector<DeadlineCase>& cases) {
  for (const DeadlineCase& c : cases) {
    EXPECT_EQ(Describe(MatchDeadline(c.text, c.year)), c.want)
        << table << ": MatchDeadline(\"" << c.text << "\", " << c.year << ")";
  }
}

TEST(Deadline, CorpusGrammar) {
  RunDeadlines("part 7",
               {
                   {"年底前", 2022, "date 2022-12-31"},
                   {"12月底前", 2022, "date 2022-12-31"},
                   {"6月底前", 2024, "date 2024-06-30"},
                   {"9月", 2024, "date 2024-09-30"},
                   {"2023年6月底前", 2022, "date 2023-06-30"},
                   {"2024年3月", 2024, "date 2024-03-31"},
                   {"2024年5月20日前", 2024, "date 2024-05-20"},
                   {"上半年", 2024, "date 2024-06-30"},
                   {"下半年", 2024, "date 2024-12-31"},
                   {"第二季度", 2024, "date 2024-06-30"},
                   {"第4季度", 2024, "date 2024-12-31"},
                   {"2023—2025年", 2021, "date 2025-12-31"},
                   {"2021-2023年", 2021, "date 2023-12-31"},
                   {"2021–2023年", 2021, "date 2023-12-31"},
                   {"2021～2023年", 2021, "date 2023-12-31"},
                   {"2021年至2023年", 2021, "date 2023-12-31"},
                   {"2021到2023年", 2021, "date 2023-12-31"},
                   {"2021-2023", 2021, "date 2023-12-31"},
                   {"2025年前", 2021, "date 2025-12-31"},
                   {"今年底", 2021, "date 2021-12-31"},
                   {"长期坚持", 2021, "ongoing"},
                   {"持续推进", 2022, "ongoing"},
                   {"常态化", 2024, "ongoing"},
                   {"每年", 2024, "ongoing"},
                   {"每季度", 2024, "ongoing"},
                   {"按国家部署", 2022, "text"},
                   {"按国家统一部署", 2022, "text"},
                   {"另行通知", 2024, "text"},
                   {"根据工作安排", 2024, "text"},
                   {"按省委要求", 2024, "text"},
                   {"尽快完成", 2024, "text"},
                   {"近期", 2024, "text"},
               });
}

TEST(Deadline, NumeralsAndWidths) {
  RunDeadlines("numerals",
               {
                   {"十二月底前", 2022, "date 2022-12-31"},
                   {"九月", 2024, "date 2024-09-30"},
                   {"６月底前", 2024, "date 2024-06-30"},
                   {"２０２３—２０２５年", 2021, "date 2025-12-31"},
                   {"二〇二三年六月底前", 0, "date 2023-06-30"},
                   {"第三季度", 2024, "date 2024-09-30"},
                   {"年 底 前", 2022, "date 2022-12-31"},
                   {"年底前。", 2022, "date 2022-12-31"},
                   {"2024.6.30", 0, "date 2024-06-30"},
                   {"2024-06-30", 0, "date 2024-06-30"},
                   {"截至2023年底", 2022, "date 2023-12-31"},
                   {"至2025年", 2022, "date 2025-12-31"},
                   {"到2023年6月", 2022, "date 2023-06-30"},
               });
}

TEST(Deadline, RecognisedWithoutDate) {
  RunDeadlines("no date",
               {
                   {"年底前", 0, "text"},
                   {"第三季度", 0, "text"},
                   {"2月30日", 2024, "text"},
                   {"6月底前、12月底前", 2023, "text"},
                   {"2023年6月起", 2023, "text"},
                   {"每年年底前", 2023, "ongoing"},
                   {"每月10日前", 2023, "ongoing"},
                   {"每季度末", 2023, "ongoing"},
                   {"常态化开展", 2023, "ongoing"},
               });
}

TEST(Deadline, NotADeadline) {
  RunDeadlines("none",
               {
                   {"", 2023, "none"},
                   {"———", 2023, "none"},
                   {"市水务局", 2023, "none"},
                   {"加强生态保护", 2023, "none"},
                   {"持续加强生态保护", 2023, "none"},
                   {"完成", 2023, "none"},
                   {"年", 2023, "none"},
                   {"底前", 2023, "none"},
                   {"9999年", 2023, "none"},
                   {"统一部署", 2023, "none"},
                   {"2023年全市GDP增长5%", 2023, "none"},
                   {"按国家部署加快推进新型基础设施建设，全面提升", 2023,
                    "none"},
                   {"按照本市森林城市发展规划有关要求", 2023, "none"},
                   // A range whose first part is no period (read it, not
                   // the part that is missing: UBSan found this).
                   {"生态—2025", 2023, "none"},
                   {"加强—12月", 2023, "none"},
               });
}

TEST(Deadline, SplitRunTogether) {
  struct Case {
    const char* text;
    std::vector<std::string> want;  // empty: nullopt
  };
  const std::vector<Case> cases = {
      {"2021年6月30日前下半年", {"2021年6月30日前", "下半年"}},
      {"年底前持续推进", {"年底前", "持续推进"}},
      {"6月底前 12月底前", {"6月底前", "12月底前"}},
      {"第三季度长期坚持年底前", {"第三季度", "长期坚持", "年底前"}},
      {"6月底前、12月底前", {}},  // a list is one deadline
      {"年底前", {}},
      {"市水务局年底前", {}},
      {"", {}},
  };
  for (const Case& c : cases) {
    const auto got = SplitDeadlines(c.text);
    EXPECT_EQ(got.value_or(std::vector<std::string>{}), c.want)
        << "SplitDeadlines(\"" << c.text << "\")";
  }
}

TEST(Deadline, Prefix) {
  RunBool("IsDeadlinePrefix", IsDeadlinePrefix,
          {
              {"持续推", true},
              {"持续", false},  // already a deadline
              {"2023—", true},
              {"2023-", true},
              {"2023年", false},  // already a deadline (that year's end)
              {"2024年12", true},
              {"6月底", false},  // 6月底 is already one
              {"第三季", true},
              {"按国家", true},
              {"另行", true},
              {"长期坚", true},
              {"常态", true},
              {"市水务", false},
              {"加强", false},
              {"", false},
          });
}

// ---------------------------------------------------------------------------
// Department names
// ---------------------------------------------------------------------------

TEST(Names, LooksLikeDepartment) {
  RunBool("LooksLikeDepartment", LooksLikeDepartment,
          {
              {"市发展改革委", true},
              {"省财政厅", true},
              {"省科技厅", true},
              {"市水务局", true},
              {"市委网信办", true},
              {"教务处", true},
              {"党委办公室", true},
              {"学生工作部（处）", true},
              {"各区政府（含北京经济技术开发区管委会）", true},
              {"成都高新区管委会", true},
              {"国网四川省电力公司", true},
              {"中国人民银行成都分行", true},
              {"马克思主义学院", true},
              {"图书馆", true},
              {"市妇联", true},
              {"省科协", true},
              {"市委", true},
              {"团市委", true},
              {"财政部", true},
              {"国家税务总局", true},
              {"各区（市）县", true},
              {"各设区市", true},
              {"相关部门", true},
              {"各学院", true},
              {"天府新区", true},
              {"东城区", true},
              {"XX街道办事处", true},
              {"市公安局交管局", true},
              {"市财政局", true},
              {"省人力资源社会保障厅", true},
              {"国家矿山安全监察局广东局", true},
              {"新疆生产建设兵团", true},
              {"各旗县（市、区）", true},
              {"各县（市、区）政府", true},
              {"省委军民融合办", true},
              {"市纪委监委机关", true},
              {"市供销社", true},
              {"各地", true},
              {"各有关方面", true},
              {"各高校", true},
              {"组织部", true},
              {"发展规划处", true},
              {"市国家安全局", true},
              {"国家安全部", true},
              {"新华社", true},
              {"共青团中央", true},
              {"全部", false},
              {"局", false},
              {"各学", false},  // cut from 各学院
              {"各县级", false},  // cut from 各县级市（区）人民政府
              {"各级", true},
              {"牵头单位", false},  // a header
              {"责任部门", false},
              {"委组织部", false},  // cut from 党委组织部
              {"与管理中心", false},
              {"推动数据中心", false},
              {"依法治校", false},
              {"坚持和完善党委领导下的校", false},  // a task cut at 党|委
              {"年底纳入部门", false},
              {"管委会", false},
              {"中心", false},
              {"加强生态保护", false},
              {"优化产业布局", false},
              {"全社会", false},
              {"按国家部署", false},
              {"培养干部", false},
              {"市水务局、市财政局", false},
              {"市发展改革委牵头，", false},
              {"（处）", false},
              {"市规划自然资源", false},
              {"示范区", false},
              {"全市", false},
              {"", false},
          });
}

TEST(Names, IsCollectiveName) {
  for (const char* yes : {"市级有关部门", "有关部门", "各相关单位", "区级相关部门", "省有关单位",
                          "各区有关部门", "市各有关部门"}) {
    EXPECT_TRUE(IsCollectiveName(yes)) << yes;
  }
  for (const char* no : {"有关部门负责人", "市有关", "市科技局", "级有关部门", "各部门", ""}) {
    EXPECT_FALSE(IsCollectiveName(no)) << no;
  }
}

TEST(Names, HasOrganisationHead) {
  RunBool("HasOrganisationHead", HasOrganisationHead,
          {
              {"有关单位", true},         {"市水务局", true},
              {"学生工作部（处）", true}, {"各区政府（含北京经济技术开发区管委会）", true},
              {"东城区", false},          {"各区", false},
              {"四川天府新区", false},    {"成都东部", false},
          });
}

TEST(Names, IsNameSuffix) {
  RunBool("IsNameSuffix", IsNameSuffix,
          {
              {"局", true},       {"委", true},       {"管委会", true},
              {"办公室", true},   {"总队", true},     {" 中心 ", true},
              {"人民政府", true}, {"街道办事处", true}, {"市水务局", false},
              {"加强", false},    {"", false},        {"（处）", false},
          });
}

TEST(Lines, IsProseLine) {
  const struct {
    const char* line;
    bool want;
  } cases[] = {
      {"为深入贯彻落实决策部署，现将任务分解如下。", true},
      {"各责任单位要细化工作方案", false},  // no punctuation: could be a heading
      {"某市2023年数字经济发展工作要点", false},
      {"“十四五”规划重点任务分工表", false},
      {"全面推进.", true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsProseLine(c.line), c.want) << "IsProseLine(\"" << c.line << "\")";
  }
}

TEST(Names, CutsNameHead) {
  struct Case {
    const char* before;
    const char* after;
    bool want;
  };
  const std::vector<Case> cases = {
      {"纪委办", "公室", true},        {"各部", "门", true},
      {"人行苏州市中", "心支行", true}, {"成都高新区管委", "会", true},
      {"市委宣传部", "门头沟区政府", false}, {"市科技", "局", false},
      {"市水务局", "市财政局", false},  {"", "公室", false},
      {"区委组", "织部", true},         {"市委宣", "传部", true},
      {"区委组织部", "区水务局", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CutsNameHead(c.before, c.after), c.want)
        << "CutsNameHead(\"" << c.before << "\", \"" << c.after << "\")";
  }
}

// ---------------------------------------------------------------------------
// Notes and closing blocks
// ---------------------------------------------------------------------------

TEST(Notes, Lines) {
  RunBool("IsNoteLine", IsNoteLine,
          {
              {"注：排在第一位的为牵头单位。", true},
              {"注:各单位按职责分工落实", true},
              {"备注：无", true},
              {"说明：本表由市发展改革委负责解释", true},
              {"注1：略", true},
              {"注：各地级以上市人民政府负责本地区相关任务落实，表中不再逐项列出。",
               true},
              {"注意安全", false},
              {"备注", false},
              {"加强注：", false},
          });
  RunBool("IsFirstListedLeadNote", IsFirstListedLeadNote,
          {
              {"注：排在第一位的为牵头单位。", true},
              {"第一个单位为牵头单位", true},
              {"列在首位的单位牵头", true},
              {"责任单位中排名第一的为牵头单位", true},
              {"注：多个责任部门的，排在首位的部门为牵头部门", true},
              {"第1个单位为牵头单位", true},
              {"牵头单位为第一责任人", false},
              {"注：责任部门中排在第一位的为牵头单位。", true},
              {"注：各地级以上市人民政府负责本地区相关任务落实，表中不再逐项列出。",
               false},
              {"注：各单位按职责分工落实", false},
              {"首先要加强领导", false},
          });
  RunBool("IsColophon", IsColophon,
          {
              {"抄送：市委各部门，市人大常委会办公厅。", true},
              {"成都市人民政府办公厅 2022年3月1日印发", true},
              {"印发日期：2022年3月1日", true},
              {"（此件公开发布）", true},
              {"公开方式：主动公开", true},
              {"关于印发《成都市2022年数字经济发展工作要点》的通知", false},
              {"市水务局", false},
          });
}

}  // namespace
}  // namespace plan2json::lexicon
