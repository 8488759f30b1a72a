// Copyright 2026 The plan2json Authors.
//
// make_scan PDF DPI clean|rotated|noisy DIR: writes a scan of PDF into DIR
// (scan_maker.h) and prints its path. bench/ocr.sh makes its matrix with it.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "ocr/scan_maker.h"

int main(int argc, char** argv) {
  plan2json::ocr::ScanRecipe recipe;
  if (argc != 5 || !plan2json::ocr::ParseDamage(argv[3], &recipe.damage) ||
      std::atoi(argv[2]) <= 0) {
    std::fprintf(stderr, "usage: make_scan PDF DPI clean|rotated|noisy DIR\n");
    return 1;
  }
  recipe.pdf = argv[1];
  recipe.dpi = std::atoi(argv[2]);
  const std::string scan = plan2json::ocr::MakeScan(recipe, argv[4]);
  if (scan.empty()) {
    std::fprintf(stderr, "make_scan: %s: pdftoppm or img2pdf failed\n",
                 argv[1]);
    return 2;
  }
  std::printf("%s\n", scan.c_str());
  return 0;
}
