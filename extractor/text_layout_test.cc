// Copyright 2026 The plan2json Authors.
//
// Mechanisms of the layout-dump reader (text_layout.cc), each on small
// synthetic dumps laid out in code point columns as pdftotext -layout sets
// them: {dump, the rows BuildPlan reads from its grids}.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "extractor/plan.h"
#include "extractor/text_reader.h"
#include "lexicon/lexicon.h"

namespace plan2json::extractor {
namespace {

// One dump line: each text starts at its code point column.
std::string Line(const std::vector<std::pair<int, std::string>>& pieces) {
  std::string out;
  int at = 0;
  for (const auto& [col, text] : pieces) {
    if (col > at) out.append(static_cast<size_t>(col - at), ' ');
    out += text;
    at = std::max(at, col) + static_cast<int>(lexicon::CodePoints(text));
  }
  return out + "\n";
}

// Columns of the synthetic table (code points).
constexpr int kSeq = 1, kText = 8, kLead = 30, kAssist = 40, kDue = 50;

std::string Front() {
  return "附件\n\n" + Line({{10, "某市重点工作任务分工"}}) + "\n" +
         Line({{kSeq, "序号"}, {kText, "工作措施"}, {kLead, "牵头单位"},
               {kAssist, "配合单位"}, {kDue, "完成时限"}});
}

// The rows as "seq|measure|lead|assisting|deadline" (spaces dropped, lines
// joined), plus " low" for a row marked unsure.
std::vector<std::string> Rows(const std::string& dump) {
  std::vector<std::string> out;
  auto grids = TextDumpGrids(dump, DumpKind::kLayout);
  if (!grids.ok()) return {"error: " + grids.status().ToString()};
  auto plan = BuildPlan(*grids);
  if (!plan.ok()) return {"error: " + plan.status().ToString()};
  for (const RawRow& r : plan->rows) {
    std::string row;
    for (ColumnKey key : {ColumnKey::kSeq, ColumnKey::kTask, ColumnKey::kMeasure,
                          ColumnKey::kLead, ColumnKey::kAssisting,
                          ColumnKey::kResponsible, ColumnKey::kDeadline}) {
      for (size_t c = 0; c < plan->columns.size(); ++c) {
        if (plan->columns[c].key != key) continue;
        std::string text;
        for (const std::string& l : r.cells[c]) text += l;
        text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
        row += (row.empty() ? "" : "|") + text;
      }
    }
    out.push_back(row + (r.low_confidence ? " low" : ""));
  }
  return out;
}

struct Case {
  const char* name;
  std::string dump;
  std::vector<std::string> want;
};

void Check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(Rows(c.dump), c.want) << c.name << "\n" << c.dump;
  }
}

// A single space between two Chinese characters, outside letter-spaced
// text, is a gutter pdftotext narrowed: what follows it is the next
// column's, though set left of that column. Spaces beside Latin letters or
// digits, and letter-spaced runs, stay inside their cell.
TEST(LayoutGutters, SingleSpaceBetweenChineseCharacters) {
  Check({
      {"glued lead",
       Front() +
           Line({{kSeq, "1"}, {kText, "推进某项重点工作，完善 市财政局"}, {kAssist, "市税务局"},
                 {kDue, "年底前"}}) +
           Line({{kText, "工作机制。"}}) +
           Line({{kSeq, "2"}, {kText, "开展专项检查。"}, {kLead, "市教育局"}, {kAssist, "市人社局"},
                 {kDue, "6月底前"}}),
       {"1|推进某项重点工作，完善工作机制。|市财政局|市税务局|年底前",
        "2|开展专项检查。|市教育局|市人社局|6月底前"}},
      {"glued lead and assisting",
       Front() +
           Line({{kSeq, "1"}, {kText, "推进某项重点工作，完善 市财政局 市税务局"}, {kDue, "年底前"}}) +
           Line({{kText, "工作机制。"}}),
       {"1|推进某项重点工作，完善工作机制。|市财政局|市税务局|年底前"}},
      {"letter-spaced task: the space beside the longer word is the gutter",
       "附件\n\n" + Line({{10, "某市重点工作任务分工"}}) + "\n" +
           Line({{0, "序号"}, {6, "主要任务"}, {16, "工作措施"}, {36, "牵头单位"}, {46, "完成时限"}}) +
           Line({{1, "1"}, {5, "强 化 生 态 推进某项重点工作，"}, {36, "市财政局"}, {46, "年底前"}}) +
           Line({{5, "环 境 管 控 完善工作机制。"}}) +
           Line({{1, "2"}, {5, "提 升 服 务 开展专项检查。"}, {36, "市教育局"}, {46, "6月底前"}}) +
           Line({{5, "水 平"}}),
       {"1|强化生态环境管控|推进某项重点工作，完善工作机制。|市财政局|年底前",
        "2|提升服务水平|开展专项检查。|市教育局|6月底前"}},
      {"letter-spaced task before a word starting with digits",
       "附件\n\n" + Line({{10, "某市重点工作任务分工"}}) + "\n" +
           Line({{0, "序号"}, {6, "主要任务"}, {16, "工作措施"}, {36, "牵头单位"}, {46, "完成时限"}}) +
           Line({{1, "1"}, {5, "提 升 垃 圾 推动某项试点，完成"}, {36, "市财政局"}, {46, "年底前"}}) +
           Line({{5, "分 类 处 理 13个重点项目建设。"}}) + Line({{5, "设施"}}),
       {"1|提升垃圾分类处理设施|推动某项试点，完成13个重点项目建设。|市财政局|年底前"}},
      {"letter-spaced and Latin word spaces stay",
       Front() +
           Line({{kSeq, "1"}, {kText, "修 订 《工 作 规 则》。"}, {kLead, "市教育局"},
                 {kAssist, "市人社局"}, {kDue, "6月底前"}}) +
           Line({{kSeq, "2"}, {kText, "新建 5G 基站 100 个，"}, {kLead, "市经信局"},
                 {kAssist, "市通信局"}, {kDue, "9月底前"}}) +
           Line({{kText, "提升覆盖水平。"}}),
       {"1|修订《工作规则》。|市教育局|市人社局|6月底前",
        "2|新建5G基站100个，提升覆盖水平。|市经信局|市通信局|9月底前"}},
  });
}

// A piece starting with a mark no line starts with (，、。), set where a
// piece of the line above or below ends, is the rest of that piece's
// visual line; a sequence number left alone above its row still heads it.
TEST(LayoutSplitLines, PunctuationStartedPieceRejoinsItsLine) {
  Check({
      {"rest above the row's first line",
       Front() + Line({{kSeq, "1"}, {kText + 8, "，完成年度目标。"}}) +
           Line({{kText, "推进某项重点工作"}, {kLead, "市财政局"}, {kAssist, "市税务局"},
                 {kDue, "年底前"}}) +
           Line({{kSeq, "2"}, {kText + 8, "，健全工作机制。"}}) +
           Line({{kText, "加强统筹协调力度"}, {kLead, "市教育局"}, {kAssist, "市人社局"},
                 {kDue, "6月底前"}}),
       {"1|推进某项重点工作，完成年度目标。|市财政局|市税务局|年底前",
        "2|加强统筹协调力度，健全工作机制。|市教育局|市人社局|6月底前"}},
      {"rest below",
       Front() +
           Line({{kSeq, "1"}, {kText, "落实《某某规定》"}, {kLead, "市财政局"}, {kAssist, "市税务局"},
                 {kDue, "年底前"}}) +
           Line({{kText + 8, "，督促各地"}}) + Line({{kText, "制定工作清单。"}}),
       {"1|落实《某某规定》，督促各地制定工作清单。|市财政局|市税务局|年底前"}},
  });
}

// Deadline pieces join when the joined text parses as a deadline: a bare
// year over a month; a range over the next row's month stays apart.
TEST(LayoutDeadlines, BareYearTakesTheMonthBelow) {
  Check({
      {"year over month",
       Front() +
           Line({{kSeq, "1"}, {kText, "推进某项重点工作，"}, {kLead, "市财政局"}, {kAssist, "市税务局"},
                 {kDue, "2024 年"}}) +
           Line({{kText, "完善工作机制。"}}) + Line({{kDue, "12 月"}}) +
           Line({{kSeq, "2"}, {kText, "开展专项检查。"}, {kLead, "市卫健委"}, {kAssist, "市民政局"},
                 {kDue, "年底前"}}),
       {"1|推进某项重点工作，完善工作机制。|市财政局|市税务局|2024年12月",
        "2|开展专项检查。|市卫健委|市民政局|年底前"}},
      {"range stays apart",
       Front() +
           Line({{kSeq, "1"}, {kText, "推进某项重点工作。"}, {kLead, "市财政局"}, {kAssist, "市税务局"},
                 {kDue, "2021—2023年"}}) +
           Line({{kSeq, "2"}, {kText, "开展专项检查。"}, {kLead, "市卫健委"}, {kAssist, "市民政局"},
                 {kDue, "12月底前"}}),
       {"1|推进某项重点工作。|市财政局|市税务局|2021—2023年",
        "2|开展专项检查。|市卫健委|市民政局|12月底前"}},
  });
}

// A sequence number wrapped in a narrow column ("（" over "1）") is one
// number even with a line of other columns between its parts.
TEST(LayoutSequence, WrappedNumberAcrossALine) {
  const std::string front =
      "附件\n\n" + Line({{10, "某市重点工作任务分工"}}) + "\n" +
      Line({{0, "序号"}, {6, "主要任务"}, {17, "具体措施"}, {40, "牵头单位"}, {50, "完成时限"}});
  Check({
      {"number split around a line",
       front +
           Line({{0, "（"}, {6, "加强组织"}, {17, "推进某项重点工作，"}, {40, "市财政局"},
                 {50, "年底前"}}) +
           Line({{6, "建设"}, {17, "完善工作机制。"}}) +
           Line({{0, "1）"}, {17, "开展专项检查。"}, {40, "市卫健委"}, {50, "6月底前"}}) +
           Line({{0, "（"}, {6, "提升服务"}, {17, "健全长效制度。"}, {40, "市教育局"},
                 {50, "9月底前"}}) +
           Line({{6, "水平"}}) + Line({{0, "2）"}, {17, "加强统筹协调。"}, {40, "市民政局"},
                                      {50, "年底前"}}),
       {"（1）|加强组织建设|推进某项重点工作，完善工作机制。|市财政局|年底前",
        "（1）|加强组织建设|开展专项检查。|市卫健委|6月底前",
        "（2）|提升服务水平|健全长效制度。|市教育局|9月底前",
        "（2）|提升服务水平|加强统筹协调。|市民政局|年底前"}},
  });
}

// Cells centred on their rows (the document's alignment model): a task's
// text starts above its rows' text; two tasks' texts part where each is
// best centred on its number.
TEST(LayoutTasks, CentredTaskTextAboveItsRows) {
  const std::string front =
      "附件\n\n" + Line({{5, "某市二〇二一年重点工作任务分工表"}}) +
      Line({{0, "序号"}, {6, "重点任务"}, {16, "工作措施"}, {26, "完成时限"}, {37, "牵头单位"},
            {47, "配合单位"}}) +
      "\n";
  Check({
      {"two centred tasks",
       front + Line({{13, "落实科技成果转化专项行动，"}}) + Line({{5, "加快数字"}}) +
           Line({{1, "1"}, {13, "全年新增3个示范项目。加强"}, {31, "上半年"}, {41, "各区政府"},
                 {54, "市公安局"}}) +
           Line({{5, "政府建设"}}) + Line({{13, "部门协同和督促检查。"}}) + "\n" +
           Line({{5, "推进重点"}}) + Line({{13, "组织生态环境分区管控长效机"}}) +
           Line({{1, "2"}, {5, "河湖生态"}, {31, "每季度"}, {38, "市教育局"}, {55, "—"}}) +
           Line({{13, "制，组织开展21次专项督查。"}}) + Line({{5, "修复"}}),
       {"1|加快数字政府建设|落实科技成果转化专项行动，全年新增3个示范项目。加强部门协同和督促检查。|"
        "各区政府|市公安局|上半年",
        "2|推进重点河湖生态修复|组织生态环境分区管控长效机制，组织开展21次专项督查。|市教育局|—|每季度"}},
  });
}

// Names: a bare suffix at a page's top ends the name cut by the page
// break; a role word (配合) closes a name, so the line after it is the next
// row's.
TEST(LayoutNames, SuffixOverleafAndRoleWords) {
  Check({
      {"suffix at the page top",
       Front() +
           Line({{kSeq, "1"}, {kText, "推进某项重点工作，"}, {kLead, "市财政局"}, {kAssist, "某某区"},
                 {kDue, "年底前"}}) +
           Line({{kText, "完善工作机制。"}, {kAssist, "人民"}}) + "\f" +
           Line({{kAssist, "政府"}}) +
           Line({{kSeq, "2"}, {kText, "开展专项检查。"}, {kLead, "市卫健委"}, {kAssist, "市民政局"},
                 {kDue, "6月底前"}}) +
           Line({{kSeq, "3"}, {kText, "健全长效制度。"}, {kLead, "市教育局"}, {kAssist, "市人社局"},
                 {kDue, "9月底前"}}),
       {"1|推进某项重点工作，完善工作机制。|市财政局|某某区人民政府|年底前",
        "2|开展专项检查。|市卫健委|市民政局|6月底前",
        "3|健全长效制度。|市教育局|市人社局|9月底前"}},
      {"role word closes the name",
       Front() +
           Line({{kSeq, "1"}, {kText, "推进某项重点工作，"}, {kLead, "市财政局"}, {kAssist, "市商务"},
                 {kDue, "年底前"}}) +
           Line({{kText, "完善工作机制。"}, {kAssist, "局、各区"}}) +
           Line({{kAssist, "县政府配合"}}) +
           Line({{kSeq, "2"}, {kText, "开展专项检查，"}, {kLead, "市卫健委"}, {kAssist, "市民政局"},
                 {kDue, "6月底前"}}) +
           Line({{kText, "健全长效制度。"}}) +
           Line({{kSeq, "3"}, {kText, "加强统筹协调，"}, {kLead, "市教育局"}, {kAssist, "市人社局"},
                 {kDue, "9月底前"}}) +
           Line({{kText, "提升服务水平。"}}),
       {"1|推进某项重点工作，完善工作机制。|市财政局|市商务局、各区县政府配合|年底前",
        "2|开展专项检查，健全长效制度。|市卫健委|市民政局|6月底前",
        "3|加强统筹协调，提升服务水平。|市教育局|市人社局|9月底前"}},
  });
}

// The header band takes in words stacked above its line ("完成" over
// "时限"); a lone line centred under the title is the title's, not the
// upper cell of a two-level header.
TEST(LayoutHeader, StackedWordsAndTitleLines) {
  const std::string body =
      Line({{1, "1"}, {10, "推进某项重点工作，完善"}, {40, "市财政局"}, {54, "年底前"}}) +
      Line({{10, "工作机制。"}}) +
      Line({{1, "2"}, {10, "加强统筹协调力度。"}, {40, "市教育局"}, {54, "6月底前"}});
  struct HeaderCase {
    const char* name;
    std::string dump;
    std::string title, deadline_header;
    bool groups;
  } cases[] = {
      {"stacked deadline header",
       "附件\n\n" + Line({{14, "某市二〇二四年重点工作任务分工"}}) + Line({{54, "完成"}}) +
           Line({{1, "序号"}, {10, "工作措施"}, {40, "责任单位"}}) + Line({{54, "时限"}}) + body,
       "某市二〇二四年重点工作任务分工", "完成时限", false},
      {"two-line title over the header",
       "附件\n\n" + Line({{12, "某市二〇二四年重点工作要点"}}) + Line({{15, "任务分工表"}}) +
           Line({{1, "序号"}, {10, "工作措施"}, {40, "责任单位"}, {54, "完成时限"}}) + body,
       "某市二〇二四年重点工作要点任务分工表", "完成时限", false},
  };
  for (const HeaderCase& c : cases) {
    auto grids = TextDumpGrids(c.dump, DumpKind::kLayout);
    ASSERT_TRUE(grids.ok()) << c.name;
    auto plan = BuildPlan(*grids);
    ASSERT_TRUE(plan.ok()) << c.name;
    std::string title, deadline;
    bool groups = false;
    for (const std::string& t : plan->title) title += t;
    title.erase(std::remove(title.begin(), title.end(), ' '), title.end());
    for (const Column& col : plan->columns) {
      if (col.key == ColumnKey::kDeadline) deadline = col.header;
      groups = groups || !col.group.empty();
    }
    EXPECT_EQ(title, c.title) << c.name << "\n" << c.dump;
    EXPECT_EQ(deadline, c.deadline_header) << c.name << "\n" << c.dump;
    EXPECT_EQ(groups, c.groups) << c.name << "\n" << c.dump;
    ASSERT_EQ(plan->rows.size(), 2u) << c.name;
  }
}

}  // namespace
}  // namespace plan2json::extractor
