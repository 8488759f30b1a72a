// Copyright 2026 The plan2json Authors.

#include "extractor/text_reader.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "extractor/text_dump.h"
#include "normalizer/normalizer.h"
#include "tests/testing/read_file.h"

namespace plan2json::extractor {
namespace {

std::string Sample(const std::string& name) {
  return std::string(PLAN2JSON_SAMPLES_DIR) + "/" + name;
}

using testutil::ReadFile;

// ---------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------

const char kText[] = "附件5\n序号 重点任务 工作措施\n一、生态环境质量状况目标\n";

std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", &out[0],
                           static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<size_t>(n));
  return out;
}

struct EncodingCase {
  const char* name;
  std::string bytes;
  const char* encoding;  // expected DecodedText::encoding
};

TEST(DecodeText, DetectsEncodings) {
  const std::string utf8 = kText;
  const std::vector<EncodingCase> cases = {
      {"utf8", utf8, "UTF-8"},
      {"utf8 bom", "\xEF\xBB\xBF" + utf8, "UTF-8-BOM"},
      {"utf16le bom", "\xFF\xFE" + Encode(utf8, "UTF-16LE"), "UTF-16LE"},
      {"utf16be bom", "\xFE\xFF" + Encode(utf8, "UTF-16BE"), "UTF-16BE"},
      {"gb18030", Encode(utf8, "GB18030"), "GB18030"},
  };
  for (const EncodingCase& c : cases) {
    SCOPED_TRACE(c.name);
    Result<DecodedText> r = DecodeText(c.bytes);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->utf8, utf8);
    EXPECT_EQ(r->encoding, c.encoding);
  }
}

TEST(DecodeText, OverrideNamesAnyIcuConverter) {
  const std::string utf8 = kText;
  Result<DecodedText> r = DecodeText(Encode(utf8, "GBK"), "GBK");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->utf8, utf8);
  EXPECT_EQ(r->encoding, "GBK");
  r = DecodeText(Encode(utf8, "UTF-16LE"), "UTF-16LE");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->utf8, utf8);

  r = DecodeText(utf8, "no-such-charset");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
}

struct BadCase {
  const char* name;
  std::string bytes;
  std::string override_name;
  std::string offset;  // "byte N" expected in the message
};

TEST(DecodeText, UndecodableInputNamesTheByteOffset) {
  const std::vector<BadCase> cases = {
      // Neither UTF-8 nor GB18030: 0xFF is no lead byte in either.
      {"auto", std::string("abc\xFF" "def", 7), "", "byte 3"},
      {"utf-8 override", std::string("ab\xC3(", 4), "UTF-8", "byte 2"},
      {"bom then bad utf-8", std::string("\xEF\xBB\xBF" "ab\xC0\x80", 7), "",
       "byte 5"},
      {"gb18030 override", std::string("\xC4\xE3\x81\x20", 4), "GB18030",
       "byte 2"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.name);
    Result<DecodedText> r = DecodeText(c.bytes, c.override_name);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kDecode);
    EXPECT_NE(r.status().message().find(c.offset), std::string::npos)
        << r.status().message();
  }
  Result<DecodedText> empty = DecodeText("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kEmpty);
}

// ---------------------------------------------------------------------------
// Dump kind, pages and furniture
// ---------------------------------------------------------------------------

TEST(DetectDumpKind, TellsLayoutFromReadingOrder) {
  EXPECT_EQ(DetectDumpKind(ReadFile(Sample("beijing-eco-2023.pdftotext.txt"))),
            DumpKind::kReadingOrder);
  for (const char* v : {"word", "narrow", "quirky"}) {
    SCOPED_TRACE(v);
    EXPECT_EQ(DetectDumpKind(ReadFile(Sample(std::string("beijing-eco-2023.") +
                                             v + ".layout.txt"))),
              DumpKind::kLayout);
    EXPECT_EQ(DetectDumpKind(ReadFile(Sample(std::string("beijing-eco-2023.") +
                                             v + ".raw.txt"))),
              DumpKind::kReadingOrder);
  }
  EXPECT_EQ(DetectDumpKind("序号     重点任务     工作措施\n"
                           " 1       目标任务     全市…\n"
                           " 2       建立机制     建立…\n"),
            DumpKind::kLayout);
  EXPECT_STREQ(DumpKindName(DumpKind::kLayout), "layout");
  EXPECT_STREQ(DumpKindName(DumpKind::kReadingOrder), "reading-order");
}

TEST(Furniture, SingleLineForms) {
  struct Case {
    const char* text;
    bool furniture;
  };
  const Case cases[] = {
      {"— 50 —", true},   {"—1—", true},       {"- 3 -", true},
      {"第 3 页", true},  {"第3页 共9页", true}, {"  3/9 ", true},
      {"———", false},     {"12", false},       {"一、生态", false},
      {"市水务局", false}, {"2023", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(textdump::IsFurnitureLine(c.text), c.furniture) << c.text;
  }
}

TEST(Furniture, PagesFromFurnitureAndFormFeeds) {
  // pdftotext's reading order: "—" / reversed digits / "—" ends a page.
  textdump::DumpPages d = textdump::SplitPages(
      "甲\n\n—\n05\n\n—\n\n乙\n———\n—\n15\n—\n丙\n");
  EXPECT_EQ(d.pages, 3);
  std::vector<std::pair<std::string, int>> kept;
  for (const auto& l : d.lines) {
    if (!l.blank()) kept.push_back({l.text, l.page});
  }
  std::vector<std::pair<std::string, int>> want = {
      {"甲", 1}, {"乙", 2}, {"———", 2}, {"丙", 3}};
  EXPECT_EQ(kept, want);

  // Form feeds decide; the page number line is dropped wherever it is.
  d = textdump::SplitPages("甲\n— 1 —\n\f乙\n第 2 页\n\f");
  EXPECT_EQ(d.pages, 2);
  kept.clear();
  for (const auto& l : d.lines) {
    if (!l.blank()) kept.push_back({l.text, l.page});
  }
  want = {{"甲", 1}, {"乙", 2}};
  EXPECT_EQ(kept, want);

  // Furniture on top of each page starts pages.
  d = textdump::SplitPages("- 1 -\n甲\n- 2 -\n乙\n");
  EXPECT_EQ(d.pages, 2);
}

TEST(Classifiers, DeadlinesBySomePattern) {
  for (const char* s : {"年底前", "6月底前", "2024年9月底前", "第三季度", "上半年",
                        "持续推进", "长期坚持", "6月底前、年底前", "2023年底前",
                        "次年3月底前", "12月31日前", "年内"}) {
    EXPECT_TRUE(textdump::IsDeadline(s)) << s;
  }
  for (const char* s : {"市水务局", "完成年度防控报告。", "相关区政府", "2023"}) {
    EXPECT_FALSE(textdump::IsDeadline(s)) << s;
  }
  EXPECT_TRUE(textdump::IsDeadlinePrefix("持续推"));
  EXPECT_FALSE(textdump::IsDeadlinePrefix("市水务"));
}

// ---------------------------------------------------------------------------
// Whole dumps against the expected rows
// ---------------------------------------------------------------------------

struct Stats {
  int rows = 0;
  int fields_exact = 0;    // section, seq, task, measure, deadline all equal
  int dept_sets_equal = 0;  // lead ∪ responsible ∪ assisting as a set
  int split_exact = 0;     // lead, responsible, assisting each equal
  int low_confidence = 0;
  std::vector<std::string> problems;
};

std::vector<std::string> Names(const RawRow& row, const RawPlan& plan,
                               ColumnKey key,
                               const normalizer::DepartmentDict& dict) {
  for (size_t i = 0; i < plan.columns.size(); ++i) {
    if (plan.columns[i].key == key) {
      return normalizer::SplitDepartments(row.cells[i], dict).names;
    }
  }
  return {};
}

std::string Text(const RawRow& row, const RawPlan& plan, ColumnKey key) {
  for (size_t i = 0; i < plan.columns.size(); ++i) {
    if (plan.columns[i].key == key) return normalizer::JoinLines(row.cells[i]);
  }
  return "";
}

Stats Compare(const RawPlan& plan, const nlohmann::json& expected) {
  auto dict = normalizer::DepartmentDict::BuiltIn();
  Stats st;
  const nlohmann::json& rows = expected["rows"];
  st.rows = static_cast<int>(plan.rows.size());
  if (plan.rows.size() != rows.size()) {
    st.problems.push_back("row count " + std::to_string(plan.rows.size()) +
                          " != " + std::to_string(rows.size()));
  }
  for (size_t i = 0; i < std::min(plan.rows.size(), rows.size()); ++i) {
    const RawRow& r = plan.rows[i];
    const nlohmann::json& e = rows[i];
    std::string where = "row " + std::to_string(i) + ": ";
    bool ok = true;
    auto check = [&](const std::string& field, const std::string& got,
                     const std::string& want) {
      if (got != want) {
        ok = false;
        st.problems.push_back(where + field + " '" + got + "' != '" + want + "'");
      }
    };
    check("section", normalizer::JoinLines(r.section), e["section"].get<std::string>());
    check("seq", Text(r, plan, ColumnKey::kSeq), std::to_string(e["seq"].get<int>()));
    check("task", Text(r, plan, ColumnKey::kTask), e["task"].get<std::string>());
    check("measure", Text(r, plan, ColumnKey::kMeasure), e["measure"].get<std::string>());
    check("deadline", Text(r, plan, ColumnKey::kDeadline),
          e["deadline"].is_null() ? "" : e["deadline"].get<std::string>());
    st.fields_exact += ok ? 1 : 0;

    auto lead = Names(r, plan, ColumnKey::kLead, *dict);
    auto resp = Names(r, plan, ColumnKey::kResponsible, *dict);
    auto assist = Names(r, plan, ColumnKey::kAssisting, *dict);
    std::multiset<std::string> got(lead.begin(), lead.end());
    got.insert(resp.begin(), resp.end());
    got.insert(assist.begin(), assist.end());
    std::multiset<std::string> want;
    for (const char* k : {"lead", "responsible", "assisting"}) {
      for (const auto& n : e[k]) want.insert(n.get<std::string>());
    }
    if (got == want) {
      ++st.dept_sets_equal;
    } else {
      std::string g, w;
      for (const auto& n : got) g += n + ",";
      for (const auto& n : want) w += n + ",";
      st.problems.push_back(where + "departments {" + g + "} != {" + w + "}");
    }
    bool split = lead == e["lead"].get<std::vector<std::string>>() &&
                 resp == e["responsible"].get<std::vector<std::string>>() &&
                 assist == e["assisting"].get<std::vector<std::string>>();
    st.split_exact += split ? 1 : 0;
    st.low_confidence += r.low_confidence ? 1 : 0;
    if (std::getenv("TEXT_READER_VERBOSE") != nullptr) {
      std::string cells;
      for (const auto& v : {lead, resp, assist}) {
        cells += "[";
        for (const auto& n : v) cells += n + " ";
        cells += "]";
      }
      std::cout << where << (r.low_confidence ? "LOW " : "    ")
                << (split ? "exact " : "WRONG ") << cells << "\n";
    }
    if (!split && !r.low_confidence) {
      st.problems.push_back(where + "wrong department split not flagged");
    }
    if (!ok && !r.low_confidence) {
      st.problems.push_back(where + "wrong field not flagged");
    }
  }
  return st;
}

void Report(const std::string& name, const Stats& st) {
  std::cout << "[stats] " << name << ": rows " << st.rows << ", fields exact "
            << st.fields_exact << ", department sets equal "
            << st.dept_sets_equal << ", three-way split exact "
            << st.split_exact << ", low-confidence " << st.low_confidence
            << "\n";
  for (size_t i = 0; i < st.problems.size() && i < 80; ++i) {
    std::cout << "  " << st.problems[i] << "\n";
  }
}

Result<RawPlan> ReadSample(const std::string& file) {
  std::string bytes = ReadFile(Sample(file));
  Result<DecodedText> text = DecodeText(bytes);
  if (!text.ok()) return text.status();
  DumpKind kind = DetectDumpKind(text->utf8);
  if (kind == DumpKind::kReadingOrder) return ReadTextDump(text->utf8, kind);
  Result<std::vector<Grid>> grids = TextDumpGrids(text->utf8, kind);
  if (!grids.ok()) return grids.status();
  return BuildPlan(*grids);
}

nlohmann::json Expected() {
  return nlohmann::json::parse(
      ReadFile(Sample("beijing-eco-2023.pdftotext.expected.json")));
}

class LayoutDump : public ::testing::TestWithParam<const char*> {};

TEST_P(LayoutDump, EveryFieldExact) {
  std::string file = std::string("beijing-eco-2023.") + GetParam() + ".layout.txt";
  Result<RawPlan> plan = ReadSample(file);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  nlohmann::json expected = Expected();
  EXPECT_EQ(normalizer::JoinLines(plan->attachment),
            expected["document"]["attachment"].get<std::string>());
  EXPECT_EQ(normalizer::JoinLines(plan->title),
            expected["document"]["title"].get<std::string>());
  EXPECT_EQ(plan->pages, 8);
  Stats st = Compare(*plan, expected);
  Report(file, st);
  EXPECT_EQ(st.rows, 40);
  EXPECT_EQ(st.fields_exact, 40);
  EXPECT_EQ(st.dept_sets_equal, 40);
  EXPECT_EQ(st.split_exact, 40);
  EXPECT_EQ(st.low_confidence, 0);
}

INSTANTIATE_TEST_SUITE_P(Samples, LayoutDump,
                         ::testing::Values("word", "narrow", "quirky"));

}  // namespace
}  // namespace plan2json::extractor
