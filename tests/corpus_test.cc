// Copyright 2026 The plan2json Authors.
//
// The corpus (tests/corpus/, README there): plans from other provinces,
// levels, years, column sets and producers, each with the rows a conversion
// must give (NAME.expected.json, an independent truth). Every case is tried
// on every input path it ships:
//
//   NAME.pdf         exact: document, column keys/headers/groups, every field
//                    of every row (due and extra included)
//   NAME.layout.txt  exact, the same rows as the PDF
//   (NAME.raw.txt, the reading-order dump: tests/reading_order_test.cc,
//   nothing silently wrong, with the samples' dumps)
//   NAME.docx        exact (Word: the table structure is in the file)
//
// Paths the tool does not get right yet are listed in kKnownGaps with the
// reason; for them the test prints what differs and checks only that the
// output validates. A known gap that starts passing fails the test, so the
// list only ever shrinks (README "What the tool still gets wrong").

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/convert.h"
#include "schema/schema.h"
#include "tests/testing/read_file.h"

namespace plan2json {
namespace {

using Json = nlohmann::ordered_json;

using testutil::ReadFile;

struct Case {
  std::string input;     // file name under tests/corpus/
  std::string expected;  // its truth
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.input; }

// Inputs whose rows are not all right yet, with why (kept honest: a gap
// that closes fails the test until it is removed from here).
const std::set<std::string>& KnownGaps() {
  static const std::set<std::string> kGaps = {};
  return kGaps;
}

std::vector<Case> Cases() {
  std::vector<Case> out;
  const std::filesystem::path dir = PLAN2JSON_CORPUS_DIR;
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string f = e.path().filename().string();
    const std::string suffix = ".expected.json";
    if (f.size() > suffix.size() &&
        f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0) {
      names.push_back(f.substr(0, f.size() - suffix.size()));
    }
  }
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    const std::string truth = n + ".expected.json";
    for (const char* ext : {".pdf", ".layout.txt", ".docx"}) {
      if (std::filesystem::exists(dir / (n + ext))) out.push_back({n + ext, truth});
    }
  }
  return out;
}

// The fields of `want` that `got` gets wrong ("" when none).
std::string RowDiff(const Json& want, const Json& got) {
  std::string diff;
  for (const auto& [key, value] : want.items()) {
    if (key == "features") continue;
    if (!got.contains(key) || got[key] != value) {
      diff += "\n    " + key + ": want " + value.dump() + "\n    " +
              std::string(key.size(), ' ') + "  got  " +
              (got.contains(key) ? got[key].dump() : "(absent)");
    }
  }
  return diff;
}

// Pairs truth and output rows by measure text (longest common subsequence),
// so one missing row does not shift every row after it.
std::vector<std::pair<int, int>> PairRows(const Json& want, const Json& got) {
  auto key = [](const Json& r) {
    return r.contains("measure") && r["measure"].is_string() ? r["measure"].get<std::string>()
                                                             : std::string();
  };
  const size_t n = want.size(), m = got.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = key(want[i]) == key(got[j]) ? lcs[i + 1][j + 1] + 1
                                              : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::pair<int, int>> pairs;  // -1: unpaired
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && key(want[i]) == key(got[j])) {
      pairs.emplace_back(i++, j++);
    } else if (i < n && j < m && lcs[i + 1][j] == lcs[i][j + 1]) {
      pairs.emplace_back(i++, j++);  // a changed row: compare in place
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      pairs.emplace_back(i++, -1);
    } else {
      pairs.emplace_back(-1, j++);
    }
  }
  return pairs;
}

// Everything wrong with `doc` against `truth`, one problem per line.
std::vector<std::string> Problems(const Json& truth, const Json& doc) {
  std::vector<std::string> out;
  if (doc["document"] != truth["document"]) {
    out.push_back("document: want " + truth["document"].dump() + " got " +
                  doc["document"].dump());
  }
  if (truth.contains("columns") && doc["columns"] != truth["columns"]) {
    out.push_back("columns: want " + truth["columns"].dump() + "\n  got " + doc["columns"].dump());
  }
  const Json& want = truth["rows"];
  const Json& got = doc["rows"];
  for (auto [i, j] : PairRows(want, got)) {
    if (i < 0) {
      out.push_back("output row " + std::to_string(j + 1) + " has no truth row");
    } else if (j < 0) {
      out.push_back("truth row " + std::to_string(i + 1) + " is missing");
    } else {
      std::string d = RowDiff(want[static_cast<size_t>(i)], got[static_cast<size_t>(j)]);
      if (!d.empty()) out.push_back("row " + std::to_string(i + 1) + ":" + d);
    }
  }
  return out;
}

class CorpusTest : public ::testing::TestWithParam<Case> {};

TEST_P(CorpusTest, GivesTheExpectedRows) {
  const Case& c = GetParam();
  const std::string dir = PLAN2JSON_CORPUS_DIR;
  Result<Conversion> conv = ConvertFile(dir + "/" + c.input, ConvertOptions());
  const bool gap = KnownGaps().count(c.input) != 0;
  if (!conv.ok()) {
    EXPECT_TRUE(gap) << c.input << ": " << conv.status().ToString();
    return;
  }
  Status valid = schema::Validator::Get().Validate(conv->document);
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  Json truth = Json::parse(ReadFile(dir + "/" + c.expected));
  std::vector<std::string> problems = Problems(truth, conv->document);
  std::string report;
  for (const std::string& p : problems) report += "\n  " + p;
  if (gap) {
    std::cout << "[known gap] " << c.input << ": " << problems.size() << " problems"
              << report.substr(0, 2000) << "\n";
    EXPECT_FALSE(problems.empty())
        << c.input << " now passes: remove it from kKnownGaps";
  } else {
    EXPECT_TRUE(problems.empty()) << c.input << ":" << report;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, CorpusTest, ::testing::ValuesIn(Cases()),
    [](const ::testing::TestParamInfo<Case>& param_info) {
      std::string out;
      for (char ch : param_info.param.input) {
        out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
      }
      return out;
    });

}  // namespace
}  // namespace plan2json
