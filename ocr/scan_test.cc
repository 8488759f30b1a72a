// Copyright 2026 The plan2json Authors.
//
// End to end on scans made at test time from corpus PDFs (scan_maker.h: a
// clean, 1°-rotated or noisy scan in an image-only PDF, a multi-page TIFF or
// a PDF whose first page keeps its text), each converted next to the
// born-digital PDF by this build. What must hold, whatever the OCR engine
// misreads: the scan gives as many rows as the PDF, and no row is silently
// wrong (each is usable, or marked confidence "low"). Rows usable and character
// error are printed; the target (90 % usable) is measured by
// bench/ocr.sh over the whole matrix. Slow (OCR): ctest label "slow".

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "ocr/scan_maker.h"
#include "ocr/scan_score.h"
#include "pipeline/convert.h"

namespace plan2json::ocr {
namespace {

namespace fs = std::filesystem;

struct ScanCase {
  const char* pdf;  // under tests/corpus
  int dpi;
  Damage damage;
  Container container;
};

std::string Corpus(const std::string& name) {
  return std::string(PLAN2JSON_CORPUS_DIR) + "/" + name;
}

// Threads of this process (Linux): OpenMP keeps its pool alive once made.
int ThreadCount() {
  int n = 0;
  for (const auto& e : fs::directory_iterator("/proc/self/task")) n += e.exists();
  return n;
}

class ScanTest : public ::testing::TestWithParam<ScanCase> {};

TEST_P(ScanTest, AsManyRowsAsThePdfAndNoneSilentlyWrong) {
  const ScanCase& c = GetParam();
  fs::path dir = fs::path(::testing::TempDir()) /
                 ("plan2json_scan_" + std::to_string(::getpid()) + "_" +
                  std::to_string(c.dpi) + "_" + std::to_string(static_cast<int>(c.damage)));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string scan = MakeScan(
      ScanRecipe{Corpus(c.pdf), c.dpi, c.damage, c.container}, dir.string());
  ASSERT_FALSE(scan.empty()) << "could not make the scan of " << c.pdf
                             << " (pdftoppm, img2pdf, qpdf installed?)";
  Result<Conversion> pdf = ConvertFile(Corpus(c.pdf), ConvertOptions());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  Result<Conversion> ocr = ConvertFile(scan, ConvertOptions());
  ASSERT_TRUE(ocr.ok()) << ocr.status().message();
  // Tesseract ran on this thread alone (engine.cc limits OpenMP before the
  // module loads): batch -j workers must not each spawn a pool per core.
  EXPECT_EQ(ThreadCount(), 1);
  const auto& source = ocr->document["source"];
  EXPECT_EQ(source["format"], "scan");
  EXPECT_EQ(source["dpi"], 300);
  if (c.damage != Damage::kNone) {
    // Rotated: the angle is named; noisy: the noise is.
    const char* code =
        c.damage == Damage::kRotate1 ? "scan_skew" : "scan_noise";
    const char* says = c.damage == Damage::kRotate1 ? "1.0°" : "speckled";
    bool told = false;
    for (const auto& w : ocr->document["warnings"]) {
      told = told || (w["code"] == code && w["message"].get<std::string>().find(
                                               says) != std::string::npos);
    }
    EXPECT_TRUE(told) << "no " << code << " warning saying " << says;
  }
  ScanScore s = ScoreScan(pdf->document, ocr->document);
  std::printf("%s at %d dpi: %d/%d rows, %d usable, %d silent, CER %.1f %%\n", c.pdf,
              c.dpi, s.scan_rows, s.reference_rows, s.usable, s.silent, s.cer);
  EXPECT_EQ(s.scan_rows, s.reference_rows);
  EXPECT_EQ(s.silent, 0) << "first silently wrong row:\n" << s.first_silent;
  fs::remove_all(dir);
}

std::string CaseName(const ::testing::TestParamInfo<ScanCase>& param) {
  static const char* const kDamage[] = {"clean", "rotated", "noisy"};
  static const char* const kContainer[] = {"pdf", "tiff", "mixed"};
  std::string name = param.param.pdf;
  name = name.substr(0, name.find('-'));
  return name + "_" + std::to_string(param.param.dpi) + "_" +
         kDamage[static_cast<int>(param.param.damage)] + "_" +
         kContainer[static_cast<int>(param.param.container)];
}

// CI runs these three (a few minutes of OCR); bench/ocr.sh runs the matrix.
INSTANTIATE_TEST_SUITE_P(
    Corpus, ScanTest,
    ::testing::Values(
        ScanCase{"guangdong-safety-2024.word.pdf", 200, Damage::kNone, Container::kMixedPdf},
        ScanCase{"guangdong-safety-2024.word.pdf", 200, Damage::kRotate1, Container::kPdf},
        ScanCase{"guangdong-safety-2024.latex.pdf", 300, Damage::kSaltPepper,
                 Container::kTiff}),
    CaseName);

}  // namespace
}  // namespace plan2json::ocr
