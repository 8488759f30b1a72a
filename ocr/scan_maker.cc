// Copyright 2026 The plan2json Authors.

#include "ocr/scan_maker.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

namespace plan2json::ocr {
namespace {

namespace fs = std::filesystem;

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

// The rendered pages, damaged in place; "" entries never.
std::vector<std::string> RenderPages(const ScanRecipe& r, const fs::path& dir,
                                     Pixa* pixa) {
  const std::string prefix = (dir / "page").string();
  auto page_images = [&dir] {  // pdftoppm's names: page-1.png, page-01.png
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("page-", 0) == 0 && e.path().extension() == ".png") {
        found.push_back(e.path().string());
      }
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  // Pages a scan made earlier in this directory left are not this one's.
  for (const std::string& stale : page_images()) fs::remove(stale);
  if (!Run("pdftoppm -r " + std::to_string(r.dpi) + " -gray -png '" + r.pdf +
           "' '" + prefix + "'")) {
    return {};
  }
  std::vector<std::string> pages = page_images();
  std::mt19937 rng(12);
  for (const std::string& page : pages) {
    Pix* pix = pixRead(page.c_str());
    if (pix == nullptr) return {};
    Damage1(&pix, r.damage, &rng);
    pixSetResolution(pix, r.dpi, r.dpi);
    pixWrite(page.c_str(), pix, IFF_PNG);
    pixaAddPix(pixa, pix, L_INSERT);
  }
  return pages;
}

}  // namespace

std::string MakeScan(const ScanRecipe& r, const std::string& dir_name) {
  const fs::path dir(dir_name);
  Pixa* pixa = pixaCreate(0);
  std::vector<std::string> pages = RenderPages(r, dir, pixa);
  std::string out;
  if (pages.empty()) {
    // nothing rendered: out stays empty
  } else if (r.container == Container::kTiff) {
    out = (dir / "scan.tif").string();
    if (pixaWriteMultipageTiff(out.c_str(), pixa) != 0) out.clear();
  } else {
    std::string list;
    for (const std::string& p : pages) list += " '" + p + "'";
    out = (dir / "scan.pdf").string();
    if (!Run("img2pdf" + list + " -o '" + out + "'")) out.clear();
    if (!out.empty() && r.container == Container::kMixedPdf) {
      std::string mixed = (dir / "mixed.pdf").string();
      out = Run("qpdf --empty --pages '" + r.pdf + "' 1 '" + out +
                "' 2-z -- '" + mixed + "'")
                ? mixed
                : "";
    }
  }
  pixaDestroy(&pixa);
  return out;
}

bool ParseDamage(const std::string& word, Damage* damage) {
  static const char* const kWords[] = {"clean", "rotated", "noisy"};
  for (int i = 0; i < 3; ++i) {
    if (word == kWords[i]) {
      *damage = static_cast<Damage>(i);
      return true;
    }
  }
  return false;
}

}  // namespace plan2json::ocr
