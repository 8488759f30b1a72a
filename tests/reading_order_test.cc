// Copyright 2026 The plan2json Authors.
//
// Every reading-order dump (plain pdftotext) of the corpus and the samples:
// no row silently wrong. A reading-order dump has lost which column a name
// came from, so departments are compared as one set per row; every other
// field (section, seq, task, measure, deadline) must be exact. Output rows
// are paired with the expected rows by their measure text (a longest common
// subsequence; rows between two paired ones pair up in order), and:
//  - every expected row is paired with an output row that is exact or marked
//    confidence "low" (a missing row is silently wrong);
//  - every output row paired with nothing is marked "low".
// How many rows are exact is printed per dump, not asserted: the dumps
// differ in how much their reading order keeps; over the whole corpus at
// least half the rows must be exact (ReadingOrderCorpus). Dumps that still have rows silently wrong
// are listed in KnownGaps() with why; for them the test prints the problems
// and fails only once they are gone (so the list only shrinks).

#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/convert.h"
#include "tests/testing/read_file.h"

namespace plan2json {
namespace {

using Json = nlohmann::ordered_json;

using testutil::ReadFile;

std::string Key(const Json& row) {
  if (!row.is_object() || !row.contains("measure") || !row["measure"].is_string()) return "";
  std::string out;
  for (char c : row["measure"].get<std::string>()) {
    if (c != ' ' && c != '\n' && c != '\t') out += c;
  }
  return out;
}

std::multiset<std::string> Departments(const Json& row) {
  std::multiset<std::string> out;
  for (const char* k : {"lead", "responsible", "assisting"}) {
    if (!row.contains(k) || !row[k].is_array()) continue;
    for (const Json& n : row[k]) out.insert(n.is_string() ? n.get<std::string>() : n.dump());
  }
  return out;
}

// Exact in the text sense: every field but the department split.
bool TextExact(const Json& want, const Json& got, std::string* why) {
  for (const char* k : {"section", "seq", "task", "measure", "deadline"}) {
    Json g = got.contains(k) ? got[k] : Json();
    if (g != want[k]) {
      *why = std::string(k) + ": want " + want[k].dump() + " got " + g.dump();
      return false;
    }
  }
  std::multiset<std::string> w = Departments(want), g = Departments(got);
  if (std::set<std::string>(w.begin(), w.end()) != std::set<std::string>(g.begin(), g.end())) {
    *why = "departments differ";
    return false;
  }
  return true;
}

// Pairs (expected, output) by a longest common subsequence of measure keys;
// unmatched rows between two matched ones pair up in order.
std::vector<std::pair<int, int>> Pair(const std::vector<std::string>& a,
                                      const std::vector<std::string>& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> l(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      l[i][j] = a[i] == b[j] && !a[i].empty() ? l[i + 1][j + 1] + 1
                                              : std::max(l[i + 1][j], l[i][j + 1]);
    }
  }
  std::vector<std::pair<int, int>> matched;
  for (size_t i = 0, j = 0; i < n && j < m;) {
    if (a[i] == b[j] && !a[i].empty()) {
      matched.push_back({static_cast<int>(i), static_cast<int>(j)});
      ++i, ++j;
    } else if (l[i + 1][j] >= l[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  matched.push_back({static_cast<int>(n), static_cast<int>(m)});
  std::vector<std::pair<int, int>> pairs;
  int ti = 0, oi = 0;
  for (auto [ma, mb] : matched) {
    for (int k = 0; ti + k < ma && oi + k < mb; ++k) pairs.push_back({ti + k, oi + k});
    if (ma < static_cast<int>(n)) pairs.push_back({ma, mb});
    ti = ma + 1, oi = mb + 1;
  }
  return pairs;
}

struct Dump {
  std::string input, expected;
};

void PrintTo(const Dump& d, std::ostream* os) { *os << d.input; }

std::vector<Dump> Dumps() {
  std::vector<Dump> out;
  const std::string corpus = PLAN2JSON_CORPUS_DIR;
  if (DIR* dir = opendir(corpus.c_str())) {
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      const std::string suffix = ".raw.txt";
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        std::string stem = name.substr(0, name.size() - suffix.size());
        out.push_back({corpus + "/" + name, corpus + "/" + stem + ".expected.json"});
      }
    }
    closedir(dir);
  }
  const std::string samples = PLAN2JSON_SAMPLES_DIR;
  out.push_back({samples + "/beijing-eco-2023.pdftotext.txt",
                 samples + "/beijing-eco-2023.pdftotext.expected.json"});
  for (const char* v : {"word", "narrow", "quirky"}) {
    out.push_back({samples + "/beijing-eco-2023." + v + ".raw.txt",
                   samples + "/beijing-eco-2023." + v + ".expected.json"});
  }
  std::sort(out.begin(), out.end(), [](const Dump& a, const Dump& b) { return a.input < b.input; });
  return out;
}

// Reading-order dumps with rows still wrong and unmarked, and why. A row
// that is missing (not merely wrong) cannot be marked.
const std::set<std::string>& KnownGaps() {
  static const std::set<std::string> kGaps = {
      // pdftotext emitted some measures of a page out of their rows' order
      // (after cells and measures of later rows, or before the heading of
      // their section): the rows come out in another order, each flagged,
      // but a row out of order pairs with no expected row. Nothing in the
      // text (no number, deadline or name on the measure's lines) says where
      // they belong.
      "guangdong-safety-2024.word.raw.txt",
      "beijing-eco-2023.narrow.raw.txt",
      // The same, and the late measure's first line also follows another
      // measure's unfinished line with no sentence end between: they read
      // as one row.
      "jianghuai-univ-2024.word.raw.txt",
  };
  return kGaps;
}

class ReadingOrderDump : public ::testing::TestWithParam<Dump> {};

TEST_P(ReadingOrderDump, NoRowSilentlyWrong) {
  const Dump& d = GetParam();
  ConvertOptions options;
  Result<Conversion> conv = ConvertFile(d.input, options);
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  const Json expected = Json::parse(ReadFile(d.expected));
  const Json& want = expected["rows"];
  const Json& got = conv->document["rows"];
  std::vector<std::string> a, b;
  for (const Json& r : want) a.push_back(Key(r));
  for (const Json& r : got) b.push_back(Key(r));
  const std::string name = d.input.substr(d.input.rfind('/') + 1);
  const bool gap = KnownGaps().count(name) != 0;
  std::vector<std::string> problems;
  std::vector<bool> paired_out(got.size(), false);
  int exact = 0, flagged = 0;
  for (auto [i, j] : Pair(a, b)) {
    paired_out[static_cast<size_t>(j)] = true;
    const Json& o = got[static_cast<size_t>(j)];
    std::string why;
    if (TextExact(want[static_cast<size_t>(i)], o, &why)) {
      ++exact;
    } else if (o.value("confidence", "") == "low") {
      ++flagged;
    } else {
      problems.push_back("expected row " + std::to_string(i + 1) + " (output row " +
                         std::to_string(j + 1) + ") wrong and not marked low: " + why);
    }
  }
  const int missed = static_cast<int>(want.size()) - exact - flagged -
                     static_cast<int>(problems.size());
  int silent = static_cast<int>(problems.size()) + std::max(missed, 0);
  if (missed > 0) problems.push_back(std::to_string(missed) + " expected rows with no output row");
  for (size_t j = 0; j < got.size(); ++j) {
    if (!paired_out[j] && got[j].value("confidence", "") != "low") {
      problems.push_back("output row " + std::to_string(j + 1) + " matches no expected row");
      ++silent;
    }
  }
  std::cout << "[stats] " << name << ": " << exact << "/" << want.size() << " rows exact, "
            << flagged << " flagged, " << silent << " silently wrong\n";
  if (gap) {
    for (const std::string& p : problems) std::cout << "[known gap] " << name << ": " << p << "\n";
    EXPECT_FALSE(problems.empty()) << name << " has no silent row left: remove it from KnownGaps()";
    return;
  }
  for (const std::string& p : problems) ADD_FAILURE() << name << ": " << p;
}

// Over the whole corpus (not per dump: the dumps differ in how much of
// their reading order survives), at least half the rows are exact.
TEST(ReadingOrderCorpus, AtLeastHalfTheRowsExact) {
  int exact = 0, total = 0;
  for (const Dump& d : Dumps()) {
    if (d.input.find(PLAN2JSON_CORPUS_DIR) != 0) continue;
    Result<Conversion> conv = ConvertFile(d.input, ConvertOptions{});
    ASSERT_TRUE(conv.ok()) << d.input << ": " << conv.status().ToString();
    const Json want = Json::parse(ReadFile(d.expected))["rows"];
    const Json& got = conv->document["rows"];
    std::vector<std::string> a, b;
    for (const Json& r : want) a.push_back(Key(r));
    for (const Json& r : got) b.push_back(Key(r));
    for (auto [i, j] : Pair(a, b)) {
      std::string why;
      exact += TextExact(want[static_cast<size_t>(i)], got[static_cast<size_t>(j)], &why);
    }
    total += static_cast<int>(want.size());
  }
  std::cout << "[stats] corpus: " << exact << "/" << total << " rows exact\n";
  EXPECT_GT(total, 0);
  EXPECT_GE(2 * exact, total) << exact << " of " << total << " rows exact";
}

INSTANTIATE_TEST_SUITE_P(
    Dumps, ReadingOrderDump, ::testing::ValuesIn(Dumps()),
    [](const ::testing::TestParamInfo<Dump>& param_info) {
      std::string name = param_info.param.input.substr(param_info.param.input.rfind('/') + 1);
      std::string out;
      for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return out;
    });

}  // namespace
}  // namespace plan2json
