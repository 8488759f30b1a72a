// Copyright 2026 The plan2json Authors.
//
// The reading-order reader (text_flow.cc, text_pieces.cc, text_rows.cc):
// pieces and their kinds, the header in any order with split words, and
// rows from the three flows pdftotext produces, with the confidence each
// placement deserves.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extractor/plan.h"
#include "extractor/text_dump.h"
#include "extractor/text_flow_internal.h"

namespace plan2json::extractor::textdump {
namespace {

using flow::Kind;

// ---------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------

struct SplitCase {
  std::string line;
  std::vector<std::string> pieces;
};

TEST(SplitLine, CutsWherePdftotextJoinedColumns) {
  const std::vector<SplitCase> cases = {
      // A space between two CJK characters: a column gap.
      {"稳中向好。 年底前 市生态环境局", {"稳中向好。", "年底前", "市生态环境局"}},
      // Spaces around Latin and digits inside running text stay.
      {"新建 5G 基站 1 万个以上，实现中心城区", {"新建 5G 基站 1 万个以上，实现中心城区"}},
      // A leading sequence number, but not a number before its counter.
      {"1 目标任务 全市及各区生态环境质量指数", {"1", "目标任务", "全市及各区生态环境质量指数"}},
      {"600 家。", {"600 家。"}},
      // After CJK punctuation, and before a trailing deadline.
      {"体系布局。 市科技局、市财政局、 2021—2023 年",
       {"体系布局。", "市科技局、市财政局、", "2021—2023 年"}},
      // Placeholders are cells of their own.
      {"年底前 市园林绿化局 ———", {"年底前", "市园林绿化局", "———"}},
      // Letter-spaced by justification: one piece.
      {"全 年 开 展 集 体 学 习 研 讨", {"全 年 开 展 集 体 学 习 研 讨"}},
  };
  for (const SplitCase& c : cases) {
    EXPECT_EQ(flow::SplitLine(c.line), c.pieces) << "line: " << c.line;
  }
}

struct KindCase {
  std::string text;
  Kind kind;
};

TEST(KindOf, ByTheLexicon) {
  const std::vector<KindCase> cases = {
      {"1.", Kind::kSeq},
      {"（1）", Kind::kSeq},
      {"年底前", Kind::kDeadline},
      {"第二季", Kind::kDeadline},  // a prefix a wrap cut
      {"———", Kind::kBlank},
      {"一、强化战略科技力量", Kind::kSection},
      {"市科技局、市发改委", Kind::kDept},
      {"市委宣传部牵头，市文广", Kind::kDept},
      {"（含北京经济技术", Kind::kDept},
      {"、市住建局、各", Kind::kDept},
      {"全力支持材料科学姑苏实验室建设，推动实验室纳入国家实验室体系布局。", Kind::kText},
      {"聚焦生物医药、纳米技术应用、人工智能三大先导产业和新一代信息技术、", Kind::kText},
      {"注：排在第一位的为牵头单位。", Kind::kNote},
  };
  for (const KindCase& c : cases) {
    EXPECT_EQ(flow::KindName(flow::KindOf(c.text, true)), flow::KindName(c.kind))
        << "text: " << c.text;
  }
}

std::vector<std::string> PieceTexts(const std::string& dump, std::vector<Kind>* kinds) {
  std::vector<std::string> out;
  for (const auto& page : flow::PagePieces(SplitPages(dump))) {
    for (const flow::Piece& p : page) {
      out.push_back(p.norm);
      if (kinds != nullptr) kinds->push_back(p.kind);
    }
  }
  return out;
}

TEST(PagePieces, RejoinsWhatAWrapCut) {
  struct Case {
    std::string dump;
    std::vector<std::string> pieces;
  };
  const std::vector<Case> cases = {
      {"第二季\n度\n", {"第二季度"}},
      {"2024 年 7\n月 10 日\n前\n", {"2024年7月10日前"}},
      {"（\n1）\n", {"（1）"}},
      // Pieces of another column between the parts of a deadline.
      {"按国家部\n局（市新经济委）、市网络\n署\n", {"按国家部署", "局（市新经济委）、市网络"}},
      // A wrapped （1） whose lines are interleaved with other columns'.
      {"（\n深化本科教育\n完成新一轮修订。\n1）\n", {"（1）", "深化本科教育", "完成新一轮修订。"}},
      // A placeholder never joins a deadline.
      {"年底前\n—\n", {"年底前", "—"}},
      // A day cut from its month on the next line: the date goes on.
      {"2021 年 6 月\n30 日前\n", {"2021年6月30日前"}},
      // A bare year waits for its month past a name of another column.
      {"2024 年\n省自然资源厅\n11 月底前\n", {"2024年11月底前", "省自然资源厅"}},
      // An end left alone past other columns joins the nearest deadline
      // before it that it still makes one; no farther one.
      {"2024 年 11 月底\n达到较低安全风险等级。\n备注\n前\n",
       {"2024年11月底前", "达到较低安全风险等级。", "备注"}},
      {"6 月底\n年底前\n市甲局\n前\n", {"6月底", "年底前", "市甲局", "前"}},
      // Two whole deadlines stay two.
      {"2021 年 6 月\n年底前\n", {"2021年6月", "年底前"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PieceTexts(c.dump, nullptr), c.pieces) << "dump: " << c.dump;
  }
}

TEST(PagePieces, AHeadWordCutAcrossInterleavedLinesIsRejoined) {
  // Lines interleaved by baseline: the end of a name cut inside its head
  // word (研|究院, 管理|处) comes after the other columns of its line; it
  // moves up to its start, with its 、. Each end is taken once, in order.
  struct Case {
    std::string dump;
    std::vector<std::string> pieces;
  };
  const std::vector<Case> cases = {
      {"科学技术研\n发展规划处、\n长期坚持\n究院\n财务处\n",
       {"科学技术研究院", "发展规划处、", "长期坚持", "财务处"}},
      {"科学技术研\n科学技术研\n年底前\n究院\n究院、人文社\n会科学处\n",
       {"科学技术研究院", "科学技术研究院、", "年底前", "人文社", "会科学处"}},
      // Text opening with a bare head character and a whole name ends the
      // nearest name before it that has no head yet, past other text.
      {"国家矿山安全监察\n执法检查。\n局广东局\n", {"国家矿山安全监察局广东局", "执法检查。"}},
      // A task cut at 党|委 is no name.
      {"坚持和完善党\n委领导下的校\n", {"坚持和完善党", "委领导下的校"}},
      // A name that only gains a suffix is no cut head word: no evidence.
      {"科学技术研\n年底前\n处、财务处\n", {"科学技术研", "年底前", "处、财务处"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PieceTexts(c.dump, nullptr), c.pieces) << "dump: " << c.dump;
  }
}

TEST(PagePieces, WrappedNamePiecesAreNames) {
  struct Case {
    std::string dump;
    std::vector<std::string> kinds;
  };
  const std::vector<Case> cases = {
      {"市园林绿化\n局\n", {"dept", "dept"}},                     // a bare ending after it
      {"各区政府（含\n北京经济技术\n开发区管委会）\n", {"dept", "dept", "dept"}},  // open bracket
      {"党委学生工\n年底前\n作部、各学院\n", {"dept", "deadline", "dept"}},  // across a deadline
      {"重大项目\n苏州工业园区管委会\n", {"text", "dept"}},          // a whole name after: no
      // A list whose first part ends the name cut before it, across a
      // deadline of another column.
      {"市科技局、成都高新区管\n年底前\n委会、成都市双流区人民\n政府\n",
       {"dept", "deadline", "dept", "dept"}},
      // Running text with 、 after names: its first part completes nothing.
      {"市科技局、成都高新区管\n推进智慧医疗、智慧教育\n", {"dept", "text"}},
      // A number (here out of sequence: text) before a name's ending is no
      // name piece.
      {"11\n管委会\n", {"text", "dept"}},
  };
  for (const Case& c : cases) {
    std::vector<Kind> kinds;
    PieceTexts(c.dump, &kinds);
    std::vector<std::string> got;
    for (Kind k : kinds) got.push_back(flow::KindName(k));
    EXPECT_EQ(got, c.kinds) << "dump: " << c.dump;
  }
}

TEST(PagePieces, SequenceNumbersCountUp) {
  std::vector<Kind> kinds;
  // 5000 is text; "1." restarts only after a heading; "2." inside a measure
  // after 7 is text.
  PieceTexts("1\n2\n5000\n一、总体要求\n1.\n7\n2.\n", &kinds);
  std::vector<std::string> got;
  for (Kind k : kinds) got.push_back(flow::KindName(k));
  EXPECT_EQ(got, (std::vector<std::string>{"seq", "seq", "text", "section", "seq", "text",
                                           "seq"}));
}

// ---------------------------------------------------------------------------
// Whole dumps: grids, then BuildPlan
// ---------------------------------------------------------------------------

std::vector<Grid> Grids(const std::string& dump) {
  return ReadingOrderGrids(SplitPages(dump), TextOptions{});
}

RawPlan Plan(const std::string& dump) {
  Result<RawPlan> plan = BuildPlan(Grids(dump));
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  return plan.ok() ? *plan : RawPlan{};
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) {
    for (char c : l) {
      if (c != ' ') out += c;
    }
  }
  return out;
}

// The plan's rows as "key=text|key=text..." over the given keys, in order.
std::vector<std::string> Rows(const RawPlan& plan, const std::vector<ColumnKey>& keys) {
  std::vector<std::string> out;
  for (const RawRow& r : plan.rows) {
    std::string s;
    for (ColumnKey k : keys) {
      for (size_t c = 0; c < plan.columns.size(); ++c) {
        if (plan.columns[c].key != k) continue;
        if (!s.empty()) s += "|";
        s += std::string(ColumnKeyName(k)) + "=" + Joined(r.cells[c]);
      }
    }
    out.push_back(s + (r.low_confidence ? " (low)" : ""));
  }
  return out;
}

TEST(ReadingOrderGrids, HeaderWordsInAnyOrderWithSplitPieces) {
  // The header one word a line, scrambled, 序/号 and 完成/时限 split apart.
  const std::string dump =
      "附件\n某市工作要点任务分工\n序\n号\n工作措施\n完成\n牵头单位\n时限\n配合单位\n"
      "1\n推进甲项工作，形成长效机制。 年底前 市甲局 市乙局\n";
  std::vector<Grid> grids = Grids(dump);
  ASSERT_EQ(grids.size(), 1u);
  std::vector<std::string> header;
  for (const Cell& c : grids[0].cells) {
    if (c.row == 0) header.push_back(Joined({c.lines[0].text}));
  }
  EXPECT_EQ(header, (std::vector<std::string>{"序号", "工作措施", "完成时限", "牵头单位",
                                              "配合单位"}));
  std::vector<std::string> above;
  for (const TextLine& l : grids[0].above) above.push_back(l.text);
  EXPECT_EQ(above, (std::vector<std::string>{"附件", "某市工作要点任务分工"}));
}

TEST(ReadingOrderGrids, SplitHeaderWordsJoinByTheirHeadNoun) {
  // A header word ends in its head noun: 完成 + 时限 is joined before a
  // short body piece that names a column (责任, the end of a task cell) can
  // take 完成 as its tail.
  struct Case {
    std::string dump;
    std::vector<std::string> header;
  };
  const std::vector<Case> cases = {
      {"序\n号\n1\n责任单位\n工作措施\n压实安全生产\n责任\n完成\n时限\n"
       "推进甲项工作，形成长效机制。\n年底前\n市甲局\n",
       {"序号", "责任单位", "工作措施", "完成时限"}},
      {"序\n号\n工作措施\n完成\n牵头单位\n时限\n1\n推进甲项工作，形成长效机制。\n"
       "年底前\n市甲局\n",
       {"序号", "工作措施", "完成时限", "牵头单位"}},
  };
  for (const Case& c : cases) {
    std::vector<Grid> grids = Grids(c.dump);
    ASSERT_FALSE(grids.empty()) << c.dump;
    std::vector<std::string> header;
    for (const Cell& cell : grids[0].cells) {
      if (cell.row == 0) header.push_back(Joined({cell.lines[0].text}));
    }
    EXPECT_EQ(header, c.header) << "dump:\n" << c.dump;
  }
}

TEST(ReadingOrderGrids, NameBlocksWithSeveralDepartmentColumnsStayWithTheirRow) {
  // Read column by column, a row's lead and assisting lists follow its
  // measure as one block of two cells: that is one row's two columns, not
  // two rows' leads (the rows after the block keep their own names).
  const std::string dump =
      "序号\n工作措施\n完成时限\n牵头单位\n配合单位\n"
      "1\n推进甲项工作，形成长效机制。\n年底前\n市甲局、\n市乙局\n市丙局、\n市丁局\n"
      "二、第二部分\n"
      "2\n推进乙项工作，形成长效机制。\n年底前\n市戊局\n"
      "3\n推进丙项工作，形成长效机制。\n年底前\n市己局\n";
  RawPlan plan = Plan(dump);
  std::vector<std::string> rows = Rows(plan, {ColumnKey::kSeq, ColumnKey::kLead,
                                              ColumnKey::kAssisting});
  ASSERT_EQ(rows.size(), 3u) << ::testing::PrintToString(rows);
  for (const char* name : {"市甲局", "市乙局", "市丙局", "市丁局"}) {
    EXPECT_NE(rows[0].find(name), std::string::npos) << name << " in " << rows[0];
  }
  EXPECT_NE(rows[1].find("市戊局"), std::string::npos) << rows[1];
  EXPECT_NE(rows[2].find("市己局"), std::string::npos) << rows[2];
}

TEST(ReadingOrderGrids, DepartmentRolesComeFromTheHeaderKeys) {
  // Department columns printed 协办/牵头/主责: the names on a row's line fill
  // the columns in the header's order, whatever their roles.
  const std::string dump =
      "序号 工作措施 完成时限 协办单位 牵头单位 主责单位\n"
      "1 推进甲项工作，形成长效机制。 年底前 市甲局 市乙局 市丙局\n"
      "2 推进乙项工作，形成长效机制。 年底前 市丁局 市戊局 市己局\n";
  RawPlan plan = Plan(dump);
  EXPECT_EQ(Rows(plan, {ColumnKey::kSeq, ColumnKey::kLead, ColumnKey::kResponsible,
                        ColumnKey::kAssisting}),
            (std::vector<std::string>{"seq=1|lead=市乙局|responsible=市丙局|assisting=市甲局",
                                      "seq=2|lead=市戊局|responsible=市己局|assisting=市丁局"}));
}

TEST(ReadingOrderGrids, RowByRowFlow) {
  // Each row's cells follow its measure; names on the measure's line are
  // sure, the rest of a name list on lines of their own is not.
  const std::string dump =
      "序号 工作措施 完成时限 责任单位\n"
      "一、加强基础建设\n"
      "1 推进甲项工作，形成\n长效机制。 年底前 市甲局、市乙局\n"
      "2 推进乙项工作。 6月底前 市丙局\n";
  RawPlan plan = Plan(dump);
  EXPECT_EQ(Rows(plan, {ColumnKey::kSeq, ColumnKey::kMeasure, ColumnKey::kDeadline,
                        ColumnKey::kResponsible}),
            (std::vector<std::string>{
                "seq=1|measure=推进甲项工作，形成长效机制。|deadline=年底前|responsible=市甲局、市乙局",
                "seq=2|measure=推进乙项工作。|deadline=6月底前|responsible=市丙局"}));
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_EQ(Joined(plan.rows[0].section), "一、加强基础建设");
}

TEST(ReadingOrderGrids, ColumnByColumnFlow) {
  // A page's measures, then its name lists, then its deadlines. One cut is
  // allowed between the lists (a name ends, another starts), one deadline a
  // row: the order decides, and the rows are sure.
  const std::string dump =
      "序号\n\n工作措施\n\n责任单位\n\n完成时限\n\n"
      "1\n\n2\n\n推进甲项工作，形成长效机制。\n推进乙项工作，完善\n工作体系。\n\n"
      "市甲局、市乙\n局、市丙局\n市丁局、市戊局\n\n年底前\n\n6月底前\n";
  RawPlan plan = Plan(dump);
  EXPECT_EQ(Rows(plan, {ColumnKey::kSeq, ColumnKey::kMeasure, ColumnKey::kDeadline,
                        ColumnKey::kResponsible}),
            (std::vector<std::string>{
                "seq=1|measure=推进甲项工作，形成长效机制。|deadline=年底前|responsible=市甲局、市乙局、市丙局",
                "seq=2|measure=推进乙项工作，完善工作体系。|deadline=6月底前|responsible=市丁局、市戊局"}));
}

TEST(ReadingOrderGrids, LinesInterleavedByBaseline) {
  // pdftotext joined the lines of the measure and the names that stand on
  // one baseline; a line belongs to one row.
  const std::string dump =
      "序号 工作措施 责任单位 完成时限\n"
      "1\n推进甲项工作，建立健全 市甲局（牵头）、市乙\n"
      "年底前\n长效机制。 局、市丙局\n"
      "2\n推进乙项工作。 市丁局\n6月底前\n";
  RawPlan plan = Plan(dump);
  EXPECT_EQ(Rows(plan, {ColumnKey::kMeasure, ColumnKey::kDeadline, ColumnKey::kResponsible}),
            (std::vector<std::string>{
                "measure=推进甲项工作，建立健全长效机制。|deadline=年底前|responsible=市甲局（牵头）、市乙局、市丙局",
                "measure=推进乙项工作。|deadline=6月底前|responsible=市丁局"}));
}

TEST(ReadingOrderGrids, AMeasureReadLateGoesFirst) {
  // The page opens with a row's cells, every other measure is followed by
  // its own: the one without is the row those first cells belong to.
  const std::string dump =
      "序号 工作措施 完成时限 责任单位\n"
      "年底前\n市甲局\n推进乙项工作。\n6月底前\n市乙局\n推进甲项工作。\n"
      "推进丙项工作。\n9月底前\n市丙局\n";
  RawPlan plan = Plan(dump);
  std::vector<std::string> rows =
      Rows(plan, {ColumnKey::kMeasure, ColumnKey::kDeadline, ColumnKey::kResponsible});
  for (std::string& r : rows) r = r.substr(0, r.find(" (low)"));
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "measure=推进甲项工作。|deadline=年底前|responsible=市甲局",
                      "measure=推进乙项工作。|deadline=6月底前|responsible=市乙局",
                      "measure=推进丙项工作。|deadline=9月底前|responsible=市丙局"}));
  ASSERT_FALSE(plan.rows.empty());
  EXPECT_TRUE(plan.rows[0].low_confidence);  // the text's order said otherwise
}

TEST(ReadingOrderGrids, AGuessIsLowConfidence) {
  // Names one a line after all measures: three ways to cut them into two
  // rows. The reader takes one and says it guessed.
  const std::string dump =
      "序号\n\n工作措施\n\n责任单位\n\n完成时限\n\n"
      "1\n\n2\n\n推进甲项工作。\n推进乙项工作。\n\n"
      "市甲局\n市乙局\n市丙局\n市丁局\n\n年底前\n\n6月底前\n";
  RawPlan plan = Plan(dump);
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_TRUE(plan.rows[0].low_confidence);
  EXPECT_TRUE(plan.rows[1].low_confidence);
}

TEST(ReadingOrderGrids, NotesAndClosingBlockStayBelowTheTable) {
  const std::string dump =
      "序号 工作措施 完成时限 责任单位\n"
      "1 推进甲项工作。 年底前 市甲局\n"
      "注：排在第一位的为牵头单位。\n抄送：市委办公厅。\n";
  std::vector<Grid> grids = Grids(dump);
  ASSERT_EQ(grids.size(), 1u);
  std::vector<std::string> below;
  for (const TextLine& l : grids[0].below) below.push_back(l.text);
  EXPECT_EQ(below, (std::vector<std::string>{"注：排在第一位的为牵头单位。", "抄送：市委办公厅。"}));
  EXPECT_EQ(BuildPlan(grids)->rows.size(), 1u);
}

TEST(ReadingOrderGrids, HostileInputStaysBounded) {
  // One page of 5,000 rows, their cells interleaved out of step with the
  // measures: the positional assignment (items x rows) is past its work
  // bound and gives up instead of running long; the rows are still read.
  std::string dump = "序号 工作措施 完成时限 责任单位\n";
  for (int i = 1; i <= 5000; ++i) dump += "推进工作。\n年底前\n年底前\n市甲局\n";
  std::vector<Grid> grids = Grids(dump);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_GT(grids[0].rows(), 5000);
}

}  // namespace
}  // namespace plan2json::extractor::textdump
