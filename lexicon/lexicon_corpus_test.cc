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

TEST(Corpus, DocumentLabelAndSections) {
  for (const auto& path : ExpectedFiles()) {
    const json doc = Load(path);
    const std::string label = doc["document"]["attachment"];
    EXPECT_EQ(AttachmentLabel(label).value_or("nullopt"), label)
        << path.filename();
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
