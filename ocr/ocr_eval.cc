// Copyright 2026 The plan2json Authors.
//
// ocr_eval PDF SCAN [page|cell [OUT [LANG]]]: converts the born-digital PDF and a scan of
// it with this build, and prints how the scan's rows compare (scan_score.h)
// and the time spent. bench/ocr.sh runs it over the corpus matrix.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "ocr/scan_score.h"
#include "pipeline/convert.h"

int main(int argc, char** argv) {
  using plan2json::ConvertOptions;
  if (argc < 3) {
    std::fprintf(stderr, "usage: ocr_eval PDF SCAN [page|cell]\n");
    return 1;
  }
  ConvertOptions options;
  auto reference = plan2json::ConvertFile(argv[1], options);
  if (!reference.ok()) {
    std::fprintf(stderr, "ocr_eval: %s\n", reference.status().message().c_str());
    return 2;
  }
  options.scan.method = argc > 3 && std::string(argv[3]) == "page"
                            ? plan2json::ocr::Method::kPage
                            : plan2json::ocr::Method::kCell;
  if (argc > 5) options.scan.lang = argv[5];
  auto t0 = std::chrono::steady_clock::now();
  auto scan = plan2json::ConvertFile(argv[2], options);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!scan.ok()) {
    std::printf("error %s\n", scan.status().message().c_str());
    return 2;
  }
  plan2json::ocr::ScanScore s =
      plan2json::ocr::ScoreScan(reference->document, scan->document);
  std::printf("rows %d/%d usable %d silent %d cer %.1f pages %d seconds %.1f "
              "s/page %.1f\n",
              s.scan_rows, s.reference_rows, s.usable, s.silent, s.cer, scan->pages,
              seconds, seconds / std::max(1, scan->pages));
  if (argc > 4) {  // both documents, for a closer look
    std::ofstream(std::string(argv[4]) + ".pdf.json") << reference->document.dump(1);
    std::ofstream(std::string(argv[4]) + ".scan.json") << scan->document.dump(1);
  }
  if (!s.first_silent.empty()) std::fprintf(stderr, "%s\n", s.first_silent.c_str());
  return 0;
}
