// Copyright 2026 The plan2json Authors.
//
// End to end on scans made at test time from corpus PDFs (pdftoppm, then
// leptonica for a 1° rotation or salt-and-pepper noise, then img2pdf or a
// multi-page TIFF), each converted next to the born-digital PDF by this
// build. What must hold, whatever the OCR engine misreads: the scan gives as
// many rows as the PDF, and no row is silently wrong (each is usable, or
// marked confidence "low"). Rows usable and character error are printed;
// the target (90 % usable) is measured by bench/ocr.sh over the
// whole matrix. Slow (OCR): ctest label "slow".

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "ocr/scan_score.h"
#include "pipeline/convert.h"

namespace plan2json::ocr {
namespace {

namespace fs = std::filesystem;

enum class Damage { kNone, kRotate1, kSaltPepper };
enum class Container { kPdf, kTiff, kMixedPdf };  // kMixedPdf: page 1 keeps its text

struct ScanCase {
  const char* pdf;  // under tests/corpus
  int dpi;
  Damage damage;
  Container container;
};

std::string Corpus(const std::string& name) {
  return std::string(PLAN2JSON_CORPUS_DIR) + "/" + name;
}

bool Run(const std::string& command) {
  return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

void Damage1(Pix** pix, Damage damage, std::mt19937* rng) {
  if (damage == Damage::kRotate1) {
    Pix* rotated = pixRotate(*pix, 1.0f * 3.14159265f / 180, L_ROTATE_AREA_MAP,
                             L_BRING_IN_WHITE, 0, 0);
    pixDestroy(pix);
    *pix = rotated;
  } else if (damage == Damage::kSaltPepper) {
    std::bernoulli_distribution hit(0.01);
    std::bernoulli_distribution black(0.5);
    for (int y = 0; y < pixGetHeight(*pix); ++y) {
      for (int x = 0; x < pixGetWidth(*pix); ++x) {
        if (hit(*rng)) pixSetPixel(*pix, x, y, black(*rng) ? 0 : 255);
      }
    }
  }
}

// Makes the scan of `c` in `dir`; returns its path ("" on failure).
std::string MakeScan(const ScanCase& c, const fs::path& dir) {
  const std::string prefix = (dir / "page").string();
  if (!Run("pdftoppm -r " + std::to_string(c.dpi) + " -gray -png '" + Corpus(c.pdf) +
           "' '" + prefix + "'")) {
    return "";
  }
  std::vector<std::string> pages;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".png") pages.push_back(e.path().string());
  }
  std::sort(pages.begin(), pages.end());
  std::mt19937 rng(12);
  Pixa* pixa = pixaCreate(0);
  for (const std::string& page : pages) {
    Pix* pix = pixRead(page.c_str());
    if (pix == nullptr) return "";
    Damage1(&pix, c.damage, &rng);
    pixSetResolution(pix, c.dpi, c.dpi);
    pixWrite(page.c_str(), pix, IFF_PNG);
    pixaAddPix(pixa, pix, L_INSERT);
  }
  std::string out;
  if (c.container == Container::kTiff) {
    out = (dir / "scan.tif").string();
    if (pixaWriteMultipageTiff(out.c_str(), pixa) != 0) out.clear();
  } else {
    std::string list;
    for (const std::string& p : pages) list += " '" + p + "'";
    out = (dir / "scan.pdf").string();
    if (!Run("img2pdf" + list + " -o '" + out + "'")) out.clear();
    if (!out.empty() && c.container == Container::kMixedPdf) {
      std::string mixed = (dir / "mixed.pdf").string();
      if (!Run("qpdf --empty --pages '" + Corpus(c.pdf) + "' 1 '" + out + "' 2-z -- '" +
               mixed + "'")) {
        out.clear();
      } else {
        out = mixed;
      }
    }
  }
  pixaDestroy(&pixa);
  return out;
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
  const std::string scan = MakeScan(c, dir);
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
  if (c.damage == Damage::kRotate1) {
    bool told = false;
    for (const auto& w : ocr->document["warnings"]) {
      told = told || (w["code"] == "scan_skew" &&
                      w["message"].get<std::string>().find("1.0°") != std::string::npos);
    }
    EXPECT_TRUE(told) << "no warning naming the 1.0° skew";
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
