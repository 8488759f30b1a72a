// Copyright 2026 The plan2json Authors.
//
// The lexicon against the output contract of every plan the project holds
// (tests/corpus/*.expected.json and samples/*.expected.json): each cell's
// text as printed must get the answer the contract implies, and must NOT be
// taken for anything else (a measure is no deadline, no department name, no
// page number; a department name is no deadline).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lexicon/lexicon.h"

namespace plan2json::lexicon {
namespace {

using nlohmann::json;

std::vector<std::filesystem::path> ExpectedFiles() {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {PLAN2JSON_CORPUS_DIR, PLAN2JSON_SAMPLES_DIR}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name.size() > 14 &&
          name.compare(name.size() - 14, 14, ".expected.json") == 0) {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

json Load(const std::filesystem::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

std::string DueText(const std::optional<normalizer::Due>& due) {
  if (!due) return "none";
  return std::string(normalizer::DueKindName(due->kind)) + " " +
         due->date.value_or("null");
}

std::vector<std::string> Names(const json& row) {
  std::vector<std::string> names;
  for (const char* key : {"lead", "responsible", "assisting"}) {
    if (!row.contains(key)) continue;
    for (const json& name : row[key]) names.push_back(name.get<std::string>());
  }
  return names;
}

TEST(Corpus, FilesArePresent) { EXPECT_GE(ExpectedFiles().size(), 8u); }

TEST(Corpus, DocumentLabelTitleYearAndSections) {
  for (const auto& path : ExpectedFiles()) {
    const json doc = Load(path);
    const std::string label = doc["document"]["attachment"];
    EXPECT_EQ(AttachmentLabel(label).value_or("nullopt"), label)
        << path.filename();
    const std::string title = doc["document"]["title"];
    EXPECT_EQ(TitleYear(title).value_or(0), doc["document"]["year"].get<int>())
        << path.filename() << ": " << title;
    EXPECT_TRUE(LooksLikeTitle(title)) << path.filename() << ": " << title;
    for (const json& row : doc["rows"]) {
      if (!row["section"].is_string()) continue;
      const std::string section = row["section"];
      EXPECT_GT(SectionLevel(section), 0) << path.filename() << ": " << section;
    }
  }
}

TEST(Corpus, DeadlinesResolveToTheContractsDue) {
  for (const auto& path : ExpectedFiles()) {
    const json doc = Load(path);
    const int year = doc["document"]["year"];
    for (const json& row : doc["rows"]) {
      if (!row["deadline"].is_string()) continue;
      const std::string deadline = row["deadline"];
      const auto got = MatchDeadline(deadline, year);
      if (row.contains("due")) {
        const json& due = row["due"];
        const std::string want =
            due["kind"].get<std::string>() + " " +
            (due["date"].is_string() ? due["date"].get<std::string>()
                                     : std::string("null"));
        EXPECT_EQ(DueText(got), want)
            << path.filename() << ": \"" << deadline << "\" (" << year << ")";
      } else {
        EXPECT_TRUE(got.has_value()) << path.filename() << ": " << deadline;
      }
      EXPECT_FALSE(LooksLikeDepartment(deadline)) << deadline;
      EXPECT_FALSE(IsPlaceholder(deadline)) << deadline;
    }
  }
}

// The same deadline printed another way: full-width digits, Chinese
// numerals, spaces between the characters (as -layout dumps set them).
std::string FullWidth(const std::string& text) {
  std::u32string u = ToU32(text);
  for (char32_t& c : u) {
    if (c >= U'0' && c <= U'9') c = c - U'0' + U'０';
  }
  return ToUtf8(u);
}

std::string Numerals(const std::string& text) {
  static const char32_t kDigit[] = U"〇一二三四五六七八九";
  const std::u32string u = ToU32(text);
  std::u32string out;
  for (size_t i = 0; i < u.size();) {
    if (u[i] < U'0' || u[i] > U'9') {
      out.push_back(u[i++]);
      continue;
    }
    size_t j = i;
    while (j < u.size() && u[j] >= U'0' && u[j] <= U'9') ++j;
    if (j - i >= 3) {  // a year: digit by digit
      for (size_t k = i; k < j; ++k) out.push_back(kDigit[u[k] - U'0']);
    } else {  // 1..99 positionally
      const int v = std::stoi(ToUtf8(u.substr(i, j - i)));
      if (v >= 20) out.push_back(kDigit[v / 10]);
      if (v >= 10) out.push_back(U'十');
      if (v % 10 != 0 || v < 10) out.push_back(kDigit[v % 10]);
    }
    i = j;
  }
  return ToUtf8(out);
}

std::string Spaced(const std::string& text) {
  std::u32string out;
  for (char32_t c : ToU32(text)) {
    if (!out.empty()) out.push_back(U' ');
    out.push_back(c);
  }
  return ToUtf8(out);
}

TEST(Corpus, DeadlinesReadTheSameHoweverPrinted) {
  for (const auto& path : ExpectedFiles()) {
    const json doc = Load(path);
    const int year = doc["document"]["year"];
    for (const json& row : doc["rows"]) {
      if (!row["deadline"].is_string()) continue;
      const std::string deadline = row["deadline"];
      const std::string want = DueText(MatchDeadline(deadline, year));
      for (const std::string& variant :
           {FullWidth(deadline), Numerals(deadline), Spaced(deadline)}) {
        EXPECT_EQ(DueText(MatchDeadline(variant, year)), want)
            << path.filename() << ": \"" << variant << "\" vs \"" << deadline
            << "\"";
      }
    }
  }
}

// Two rows' deadlines run together (an unruled table, a dump) split back
// into the two -- unless together they read as one deadline.
TEST(Corpus, RunTogetherDeadlinesSplitBack) {
  for (const auto& path : ExpectedFiles()) {
    const json doc = Load(path);
    std::string previous;
    for (const json& row : doc["rows"]) {
      if (!row["deadline"].is_string()) continue;
      const std::string deadline = row["deadline"];
      if (!previous.empty()) {
        const std::string joined = previous + deadline;
        const auto got = SplitDeadlines(joined);
        if (IsDeadline(joined)) {
          EXPECT_FALSE(got.has_value()) << joined;
        } else {
          EXPECT_EQ(got.value_or(std::vector<std::string>{}),
                    (std::vector<std::string>{previous, deadline}))
              << path.filename() << ": " << joined;
        }
      }
      previous = deadline;
    }
  }
}

// Sentence ends do not depend on which full stop the plan was typed with.
TEST(Corpus, SentenceEndsReadTheSameWithAsciiStops) {
  for (const auto& path : ExpectedFiles()) {
    const json doc = Load(path);
    for (const json& row : doc["rows"]) {
      if (!row["measure"].is_string()) continue;
      const std::string measure = row["measure"];
      std::string ascii = measure;
      for (size_t at; (at = ascii.find("。")) != std::string::npos;) {
        ascii.replace(at, std::string("。").size(), ".");
      }
      EXPECT_EQ(EndsSentence(ascii), EndsSentence(measure))
          << path.filename() << ": " << ascii;
    }
  }
}

TEST(Corpus, DepartmentNamesAreWellFormed) {
  for (const auto& path : ExpectedFiles()) {
    const json doc = Load(path);
    for (const json& row : doc["rows"]) {
      for (const std::string& name : Names(row)) {
        EXPECT_TRUE(LooksLikeDepartment(name)) << path.filename() << ": " << name;
        EXPECT_FALSE(IsDeadline(name)) << path.filename() << ": " << name;
        EXPECT_FALSE(IsNameSuffix(name)) << path.filename() << ": " << name;
      }
    }
  }
}

// Every name of the built-in list reads as a department by shape alone,
// except the few official names that hold 、 themselves.
TEST(Corpus, DictionaryNamesAreWellFormed) {
  std::ifstream in(PLAN2JSON_DEPARTMENTS_FILE);
  ASSERT_TRUE(in.good());
  int names = 0;
  for (std::string line; std::getline(in, line);) {
    line = Trim(line.substr(0, line.find('#')));
    if (line.empty() || line.find("、") != std::string::npos) continue;
    ++names;
    EXPECT_TRUE(LooksLikeDepartment(line)) << line;
  }
  EXPECT_GT(names, 100);
}

TEST(Corpus, MeasuresAreNothingElse) {
  for (const auto& path : ExpectedFiles()) {
    const json doc = Load(path);
    for (const json& row : doc["rows"]) {
      for (const char* key : {"measure", "task"}) {
        if (!row[key].is_string()) continue;
        const std::string text = row[key];
        EXPECT_FALSE(IsDeadline(text)) << path.filename() << ": " << text;
        EXPECT_FALSE(LooksLikeDepartment(text))
            << path.filename() << ": " << text;
        EXPECT_FALSE(IsPageNumberLine(text)) << path.filename() << ": " << text;
        EXPECT_FALSE(IsPlaceholder(text)) << path.filename() << ": " << text;
        EXPECT_FALSE(AttachmentLabel(text).has_value()) << text;
        EXPECT_FALSE(IsColophon(text)) << path.filename() << ": " << text;
      }
    }
  }
}

}  // namespace
}  // namespace plan2json::lexicon
