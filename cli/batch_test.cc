// Copyright 2026 The plan2json Authors.
//
// Unit tests of the batch pieces that do not fork: input expansion, manifest
// lines, progress text. The batch itself is tested end to end by
// tests/batch_test.sh.

#include "cli/batch.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace plan2json::cli {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "batch_test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void Touch(const std::string& rel) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel) << "x";
  }

 private:
  fs::path path_;
};

struct Expanded {
  std::string path, output, error;
  bool operator==(const Expanded& o) const {
    return path == o.path && output == o.output && error == o.error;
  }
};
std::ostream& operator<<(std::ostream& os, const Expanded& e) {
  return os << "{" << e.path << " -> " << e.output << " | " << e.error << "}";
}

std::vector<Expanded> Expand(const std::vector<std::string>& args, Format f) {
  std::vector<Expanded> out;
  for (const BatchInput& in : ExpandInputs(args, f)) {
    out.push_back({in.path, in.output, in.error});
  }
  return out;
}

TEST(ExpandInputs, DirectoriesRecursiveSortedMirrored) {
  TempDir t;
  for (const char* rel : {"b.pdf", "a.txt", "A.PDF", "notes.md", "sub/z.pdf",
                          "sub/deeper/y.pdf", "a-c.pdf", "sub/x.pptx", "sub/w.docx"}) {
    t.Touch(rel);
  }
  const std::string d = t.path().string();
  EXPECT_EQ(Expand({d}, Format::kJson),
            (std::vector<Expanded>{
                {d + "/A.PDF", "A.PDF.json", ""},
                {d + "/a-c.pdf", "a-c.pdf.json", ""},
                {d + "/a.txt", "a.txt.json", ""},
                {d + "/b.pdf", "b.pdf.json", ""},
                {d + "/sub/deeper/y.pdf", "sub/deeper/y.pdf.json", ""},
                {d + "/sub/w.docx", "sub/w.docx.json", ""},
                {d + "/sub/z.pdf", "sub/z.pdf.json", ""},
            }));
  // A trailing slash changes nothing; the extension follows the format.
  auto csv = Expand({d + "/sub/"}, Format::kCsv);
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[0].output, "deeper/y.pdf.csv");
  EXPECT_EQ(csv[2].output, "z.pdf.csv");
}

TEST(ExpandInputs, FilesGoToTheTopInArgumentOrder) {
  TempDir t;
  t.Touch("sub/z.pdf");
  t.Touch("report");
  const std::string d = t.path().string();
  EXPECT_EQ(Expand({d + "/sub/z.pdf", d + "/missing.pdf", d + "/report"},
                   Format::kJsonl),
            (std::vector<Expanded>{
                {d + "/sub/z.pdf", "z.pdf.jsonl", ""},
                {d + "/missing.pdf", "missing.pdf.jsonl", ""},  // fails later
                {d + "/report", "report.jsonl", ""},
            }));
}

TEST(ExpandInputs, EmptyDirectoryAndCollisionsAreErrors) {
  TempDir t;
  t.Touch("one/a.pdf");
  t.Touch("two/a.pdf");
  t.Touch("empty/readme.md");
  t.Touch("manifest");
  const std::string d = t.path().string();
  auto got = Expand({d + "/one", d + "/two", d + "/empty", d + "/one/a.pdf",
                     d + "/manifest"},
                    Format::kJsonl);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0].error, "");
  EXPECT_NE(got[1].error.find("already that of " + d + "/one/a.pdf"),
            std::string::npos) << got[1];
  EXPECT_NE(got[2].error.find("no *.pdf or *.txt files"), std::string::npos);
  EXPECT_EQ(got[2].path, d + "/empty");
  EXPECT_NE(got[3].error.find("already that of"), std::string::npos);
  EXPECT_NE(got[4].error.find("the manifest"), std::string::npos) << got[4];
}

TEST(Manifest, LineRoundTrips) {
  ManifestEntry e;
  e.path = "in/a.pdf";
  e.output = "a.pdf.json";
  e.sha256 = std::string(64, 'a');
  e.status = EntryStatus::kWarnings;
  e.rows = 12;
  e.pages = 3;
  e.warnings = 2;
  e.ms = 12.345;
  std::string line = ManifestLine(e);
  EXPECT_EQ(line,
            "{\"path\":\"in/a.pdf\",\"output\":\"a.pdf.json\",\"sha256\":\"" +
                std::string(64, 'a') +
                "\",\"status\":\"warnings\",\"rows\":12,\"pages\":3,"
                "\"warnings\":2,\"error\":null,\"ms\":12.3,\"skipped\":false}\n");
  auto back = ParseManifestLine(line);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->path, e.path);
  EXPECT_EQ(back->sha256, e.sha256);
  EXPECT_EQ(back->rows, 12);
  EXPECT_EQ(back->warnings, 2);
  EXPECT_DOUBLE_EQ(back->ms, 12.3);
}

TEST(Manifest, ErrorLineHasNulls) {
  ManifestEntry e;
  e.path = "gbk-\xB1\xB1.pdf";
  e.output = "x.json";
  e.status = EntryStatus::kError;
  e.error = "gbk-\xB1\xB1.pdf: no such file";
  std::string line = ManifestLine(e);
  EXPECT_NE(line.find("\"sha256\":null"), std::string::npos);
  EXPECT_NE(line.find("\"rows\":null,\"pages\":null,\"warnings\":null"),
            std::string::npos);
  EXPECT_NE(line.find("gbk-\xEF\xBF\xBD\xEF\xBF\xBD.pdf: no such file"),
            std::string::npos);
  auto back = ParseManifestLine(line);
  ASSERT_TRUE(back.has_value());
  EXPECT_FALSE(back->rows.has_value());
  EXPECT_EQ(back->sha256, "");
}

TEST(Manifest, RejectsWhatIsNotAnEntry) {
  for (const char* bad : {"", "null", "[]", "{\"path\":\"a\"}",
                          "{\"path\":\"a\",\"status\":\"fine\"}",
                          "{\"path\":\"a\",\"status\":\"ok\",\"rows\":\"1\"}",
                          "{\"path\":\"a\",\"status\":\"ok\""}) {
    EXPECT_FALSE(ParseManifestLine(bad).has_value()) << bad;
  }
}

TEST(Progress, DurationsAndText) {
  EXPECT_EQ(FormatDuration(0), "0:00");
  EXPECT_EQ(FormatDuration(7.4), "0:07");
  EXPECT_EQ(FormatDuration(754), "12:34");
  EXPECT_EQ(FormatDuration(3723), "1:02:03");
  EXPECT_EQ(FormatDuration(-1), "--:--");
  EXPECT_EQ(ProgressText(12, 50, 96, 4.0, false),
            "plan2json: 12/50 inputs (24%), 3.0 files/s, 24 pages/s, elapsed "
            "0:04, ETA 0:13");
  EXPECT_EQ(ProgressText(0, 50, 0, 0.5, false),
            "plan2json: 0/50 inputs (0%), 0.0 files/s, 0 pages/s, elapsed "
            "0:01, ETA --:--");
  EXPECT_EQ(ProgressText(25, 50, 200, 10.0, true),
            "[############............] 25/50  50%  2.5 files/s  20 pages/s  "
            "ETA 0:10");
}

TEST(UsableCores, AtLeastOne) { EXPECT_GE(UsableCores(), 1); }

}  // namespace
}  // namespace plan2json::cli
