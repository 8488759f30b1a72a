// Copyright 2026 The plan2json Authors.
//
// BuildPlan on synthetic ruled tables (testing/table_page.h): header wording
// and column order of other years, missing and unknown columns, headers not
// repeated on later pages, rows and task cells cut by a page break, section
// rows, page furniture, and tables that are not plans.

#include "extractor/plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include "extractor/testing/table_page.h"

namespace plan2json::extractor {
namespace {

using testing::MakeTablePage;

std::vector<Grid> Grids(const std::vector<Page>& pages) {
  std::vector<Grid> grids;
  for (const Page& p : pages) grids.push_back(FindTable(p, PlanTableOptions()));
  return grids;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

std::string Keys(const RawPlan& plan) {
  std::string out;
  for (const Column& c : plan.columns) out += std::string(out.empty() ? "" : ",") + ColumnKeyName(c.key);
  return out;
}

TEST(ClassifyHeader, WordingsOfDifferentYears) {
  struct {
    const char* header;
    ColumnKey want;
  } cases[] = {
      {"序号", ColumnKey::kSeq},           {"编号", ColumnKey::kSeq},
      {"重点任务", ColumnKey::kTask},      {"主要任务", ColumnKey::kTask},
      {"任务", ColumnKey::kTask},          {"工作措施", ColumnKey::kMeasure},
      {"具体措施", ColumnKey::kMeasure},   {"工作内容", ColumnKey::kMeasure},
      {"主要内容", ColumnKey::kMeasure},   {"完成时限", ColumnKey::kDeadline},
      {"完成时间", ColumnKey::kDeadline},  {"时间节点", ColumnKey::kDeadline},
      {"时限", ColumnKey::kDeadline},      {"完成时\n限", ColumnKey::kDeadline},
      {"牵头部门", ColumnKey::kLead},      {"牵头单位", ColumnKey::kLead},
      {"主责单位", ColumnKey::kResponsible}, {"责任单位", ColumnKey::kResponsible},
      {"责任部门", ColumnKey::kResponsible}, {"协办单位", ColumnKey::kAssisting},
      {"配合单位", ColumnKey::kAssisting}, {"配合部门", ColumnKey::kAssisting},
      {"协同单位", ColumnKey::kAssisting}, {"备注", ColumnKey::kExtra},
      {"", ColumnKey::kExtra},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ClassifyHeader(c.header), c.want)
        << "header: " << c.header << "\n  want: " << ColumnKeyName(c.want)
        << "\n  got:  " << ColumnKeyName(ClassifyHeader(c.header));
  }
}

// The wordings OCR repair snaps misread header cells to name their columns.
TEST(CommonHeaderNames, EachNamesAColumnButTheNotes) {
  for (const std::string& name : CommonHeaderNames()) {
    const bool notes = name == "备注" || name == "说明";
    EXPECT_EQ(ClassifyHeader(name) == ColumnKey::kExtra, notes) << name;
  }
}

TEST(BuildPlan, OtherWordingOrderAndAnUnknownColumn) {
  // Another year: 编号 / 主要任务 / 具体措施 / 牵头单位 / 完成时间 / 备注.
  Page p = MakeTablePage(
      1, {40, 80, 160, 320, 400, 460, 520},
      {{"编号", "主要任务", "具体措施", "牵头单位", "完成时间", "备注"},
       {"一、总体", "<", "<", "<", "<", "<"},
       {"1", "甲任务", "做甲。", "市甲局", "6月底前", "新增"},
       {"^", "^", "做乙。", "市乙局", "年底前", ""}},
      {"附件2", "某市2024年工作方案"});
  Result<RawPlan> plan = BuildPlan(Grids({p}));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Keys(*plan), "seq,task,measure,lead,deadline,extra");
  EXPECT_EQ(plan->columns[5].header, "备注");
  ASSERT_EQ(plan->rows.size(), 2u);
  const RawRow& r1 = plan->rows[1];
  EXPECT_EQ(Joined(r1.section), "一、总体");
  EXPECT_EQ(Joined(r1.cells[0]), "1");      // task spans both measures
  EXPECT_EQ(Joined(r1.cells[1]), "甲任务");
  EXPECT_EQ(Joined(r1.cells[2]), "做乙。");
  EXPECT_EQ(Joined(r1.cells[4]), "年底前");
  EXPECT_EQ(Joined(plan->rows[0].cells[5]), "新增");
  EXPECT_EQ(Joined(plan->attachment), "附件2");
  EXPECT_EQ(Joined(plan->title), "某市2024年工作方案");
}

TEST(BuildPlan, HeaderNotRepeatedAndRowCutByPageBreak) {
  std::vector<double> cols{40, 80, 160, 320, 400, 480};
  Page p1 = MakeTablePage(
      1, cols,
      {{"序号", "重点任务", "工作措施", "完成时限", "牵头部门"},
       {"1", "甲任务", "做甲。", "年底前", "市甲局"},
       {"2", "乙任务跨", "做乙的前", "年底前", "市乙"}},
      {}, {"— 7 —"});
  // Page 2 repeats no header; its first row is the rest of row 2 (the lead
  // name cut mid-name, the task name cut too), then a new measure.
  Page p2 = MakeTablePage(2, cols,
                          {{"", "页任务", "半句。", "", "局"},
                           {"^", "^", "做丙。", "持续推进", "市丙局"}},
                          {}, {"— 8 —"});
  Result<RawPlan> plan = BuildPlan(Grids({p1, p2}));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->rows.size(), 3u);
  const RawRow& cut = plan->rows[1];
  EXPECT_EQ(Joined(cut.cells[1]), "乙任务跨页任务");
  EXPECT_EQ(Joined(cut.cells[2]), "做乙的前半句。");
  EXPECT_EQ(Joined(cut.cells[4]), "市乙局");
  EXPECT_EQ(cut.pages, (std::vector<int>{1, 2}));
  const RawRow& next = plan->rows[2];
  EXPECT_EQ(Joined(next.cells[0]), "2");  // the same task continues
  EXPECT_EQ(Joined(next.cells[1]), "乙任务跨页任务");
  EXPECT_EQ(Joined(next.cells[2]), "做丙。");
  EXPECT_EQ(next.pages, (std::vector<int>{2}));
}

TEST(BuildPlan, RepeatedHeaderAndRepeatedTaskOnNextPage) {
  std::vector<double> cols{40, 80, 160, 320, 400, 480};
  std::vector<std::string> header{"序号", "重点任务", "工作措施", "完成时限", "牵头部门"};
  Page p1 = MakeTablePage(1, cols, {header, {"1", "甲任务", "做甲。", "年底前", "市甲局"}});
  Page p2 = MakeTablePage(2, cols, {header, {"1", "甲任务", "再做甲。", "年底前", "市乙局"}});
  Result<RawPlan> plan = BuildPlan(Grids({p1, p2}));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->rows.size(), 2u);  // the repeated header is no row
  EXPECT_EQ(Joined(plan->rows[1].cells[1]), "甲任务");
  EXPECT_EQ(Joined(plan->rows[1].cells[2]), "再做甲。");
}

TEST(BuildPlan, MissingColumns) {
  Page p = MakeTablePage(1, {40, 80, 300, 400},
                         {{"序号", "工作内容", "责任单位"},
                          {"1", "做甲。", "市甲局"}});
  Result<RawPlan> plan = BuildPlan(Grids({p}));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Keys(*plan), "seq,measure,responsible");
  ASSERT_EQ(plan->rows.size(), 1u);
}

// Header shapes: how the columns come out (keys, and groups of a two-level
// header), including cases that must not change.
TEST(BuildPlan, HeaderShapes) {
  struct Case {
    const char* name;
    std::vector<double> edges;
    std::vector<std::vector<std::string>> rows;
    const char* keys;
    const char* groups;  // per column, "" where none, joined with ','
  };
  const Case cases[] = {
      {"two-level 责任单位 over 牵头单位 | 配合单位",
       {40, 80, 160, 320, 400, 480, 540},
       {{"序号", "重点任务", "工作措施", "责任单位", "<", "完成时限"},
        {"^", "^", "^", "牵头单位", "配合单位", "^"},
        {"1", "甲任务", "做甲。", "省甲厅", "省乙厅", "年底前"}},
       "seq,task,measure,lead,assisting,deadline",
       ",,,责任单位,责任单位,"},
      {"one text column (工作任务) holds the measures",
       {40, 80, 320, 400, 460},
       {{"序号", "工作任务", "责任单位", "完成时限"}, {"1", "做甲。", "市甲局", "年底前"}},
       "seq,measure,responsible,deadline",
       ",,,"},
      {"a task column beside a measure column stays task (must not change)",
       {40, 80, 160, 320, 400, 460},
       {{"序号", "重点任务", "工作措施", "牵头单位", "完成时限"},
        {"1", "甲任务", "做甲。", "市甲局", "年底前"}},
       "seq,task,measure,lead,deadline",
       ",,,,"},
      {"a person column (责任领导) is extra, not a department column",
       {40, 80, 320, 400, 460, 520},
       {{"序号", "工作内容", "责任单位", "责任领导", "完成时限"},
        {"1", "做甲。", "市甲局", "张三", "年底前"}},
       "seq,measure,responsible,extra,deadline",
       ",,,,"},
  };
  for (const Case& c : cases) {
    Result<RawPlan> plan = BuildPlan(Grids({MakeTablePage(1, c.edges, c.rows)}));
    ASSERT_TRUE(plan.ok()) << c.name << ": " << plan.status().ToString();
    std::string groups;
    for (size_t i = 0; i < plan->columns.size(); ++i) {
      groups += (i ? "," : "") + plan->columns[i].group;
    }
    EXPECT_EQ(Keys(*plan), c.keys) << c.name << "\n  want: " << c.keys << "\n  got:  " << Keys(*plan);
    EXPECT_EQ(groups, c.groups) << c.name << "\n  want: " << c.groups << "\n  got:  " << groups;
    EXPECT_EQ(plan->rows.size(), 1u) << c.name;
  }
}

TEST(BuildPlan, NoteRowEndsTheTableAndSaysTheFirstListedLeads) {
  Page p = MakeTablePage(1, {40, 80, 320, 400, 460},
                         {{"编号", "任务内容", "责任部门", "完成时间"},
                          {"1.", "做甲。", "市甲局、市乙局", "年底前"},
                          {"注：责任部门中排在第一位的为牵头单位。", "<", "<", "<"},
                          {"2.", "不是计划的行。", "市丙局", "年底前"}});
  Result<RawPlan> plan = BuildPlan(Grids({p}));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(plan->first_listed_leads);
  ASSERT_EQ(plan->rows.size(), 1u);  // nothing after the note is a row
  for (const RawRow& r : plan->rows) EXPECT_TRUE(r.section.empty());
}

TEST(BuildPlan, TitleIsTheHeadingNotTheProseAndOtherAttachmentsAreNamed) {
  // No type sizes to tell title from prose (all glyphs alike): the heading
  // lines are the title; a 附件1 page before the table is named.
  Grid prose;  // a page of prose: no table, all its lines above
  prose.page = 1;
  for (const char* l : {"附件1", "一、总体要求。这是一段说明。"}) prose.above.push_back({l, {}, 10, false});
  Page table = MakeTablePage(
      2, {40, 80, 320, 400, 460},
      {{"序号", "工作措施", "责任单位", "完成时限"}, {"1", "做甲。", "市甲局", "年底前"}},
      {"附件2", "某市2024年工作要点", "重点任务分工", "为落实部署，现将任务分解如下。"});
  std::vector<Grid> grids = Grids({table});
  grids.insert(grids.begin(), prose);
  Result<RawPlan> plan = BuildPlan(grids);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Joined(plan->attachment), "附件2");
  EXPECT_EQ(Joined(plan->title), "某市2024年工作要点重点任务分工");
  bool named = false;
  for (const Warning& w : plan->warnings) {
    named |= w.code == "attachment_skipped" && w.message.find("附件1") != std::string::npos;
  }
  EXPECT_TRUE(named);
}

TEST(BuildPlan, TableThatIsNotAPlan) {
  Page p = MakeTablePage(1, {40, 140, 240},
                         {{"项目", "金额"}, {"收入", "100"}});
  Result<RawPlan> plan = BuildPlan(Grids({p}));
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), Status::Code::kNoPlanTable);
}

TEST(IsPageFurniture, PageNumbersOnly) {
  for (const char* yes : {"— 50 —", "—1—", "- 3 -", "12", "—５０—", "第 3 页", "第3页共8页", "3/8"}) {
    EXPECT_TRUE(IsPageFurniture(yes)) << yes;
  }
  for (const char* no : {"附件5", "一、总体要求", "2023年", "年底前"}) {
    EXPECT_FALSE(IsPageFurniture(no)) << no;
  }
}

// Bounded inputs (bench/bounded.sh): a page holding thousands of ruled rows
// cost O(rows x cells) in the plan layer (Grid::At per slot) and O(slots x
// rulings) in FindTable (Covered). 8x the rows must cost well under the 64x
// of quadratic work (CPU time, so a busy machine does not matter much).
TEST(ScalingRegression, TallRuledPageQuadratic) {
  auto run = [](int rows, size_t* got) {
    std::vector<std::vector<std::string>> table = {{"序号", "工作措施", "完成时限", "牵头单位"}};
    for (int i = 1; i <= rows; ++i) {
      table.push_back({std::to_string(i), "做甲。", "年底前", "市甲局"});
    }
    Page p = MakeTablePage(1, {40, 80, 300, 360, 440}, table);
    std::clock_t t0 = std::clock();
    Result<RawPlan> plan = BuildPlan(Grids({p}));
    double cpu = static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    *got = plan.ok() ? plan->rows.size() : 0;
    return cpu;
  };
  size_t small_rows = 0, big_rows = 0;
  double small = run(1000, &small_rows);
  double big = run(8000, &big_rows);
  EXPECT_EQ(small_rows, 1000u);
  EXPECT_EQ(big_rows, 8000u);
  RecordProperty("ratio", std::to_string(big / std::max(small, 0.005)));
  EXPECT_LT(big, 24 * std::max(small, 0.005))
      << "1000 rows: " << small << " s, 8000 rows: " << big << " s";
}

}  // namespace
}  // namespace plan2json::extractor
