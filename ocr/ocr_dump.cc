// Copyright 2026 The plan2json Authors.
//
// ocr_dump FILE [page|cell]: what OCR makes of each page of an image file
// or an image-only PDF, as the table finder sees it (rulings, grid, cell
// text with confidence). A development tool, not installed. Environment:
// OCR_DUMP_LINES, _EDGES, _RULINGS print more; OCR_DUMP_GLYPHS=N page N's
// glyph boxes; OCR_DUMP_TEXT_LAYER reads a PDF's own text instead.

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "extractor/plan.h"
#include "extractor/table.h"
#include "ocr/image.h"
#include "ocr/pdf_render.h"
#include "ocr/repair.h"
#include "extractor/pdf_reader.h"
#include "ocr/scan.h"

int main(int argc, char** argv) {
  using namespace plan2json;  // NOLINT: a small tool
  if (argc < 2) {
    std::fprintf(stderr, "usage: ocr_dump FILE [page|cell]\n");
    return 1;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  ocr::ScanOptions options;
  options.method = argc > 2 && std::string(argv[2]) == "page" ? ocr::Method::kPage
                                                               : ocr::Method::kCell;
  if (std::getenv("OCR_DUMP_TEXT_LAYER") != nullptr) {  // the PDF's own, to compare
    extractor::PdfInfo info;
    Status status = extractor::ReadPdf(bytes, argv[1], extractor::PdfOptions(), &info,
                                       [](extractor::Page&& page) {
      std::vector<const extractor::Glyph*> all;
      for (const extractor::Glyph& g : page.glyphs) all.push_back(&g);
      std::printf("== page %d\n", page.number);
      for (const extractor::TextLine& l : extractor::GroupLines(all)) {
        std::printf("  line %.1f-%.1f x %.1f-%.1f fs %.1f: %s\n", l.box.y0, l.box.y1,
                    l.box.x0, l.box.x1, l.font_size, l.text.c_str());
      }
      extractor::Grid grid = extractor::FindTable(page, extractor::PlanTableOptions());
      for (const extractor::Cell& c : grid.cells) {
        std::printf("  [%d,%d] %.2f:", c.row, c.col, c.confidence);
        for (const extractor::TextLine& l : c.lines) std::printf(" |%s", l.text.c_str());
        std::printf("\n");
      }
    });
    return status.ok() ? 0 : 2;
  }
  Result<ocr::ScanResult> scan = Status(Status::Code::kInternal, "");
  if (ocr::LooksLikeImage(bytes)) {
    scan = ocr::ScanImageFile(bytes, argv[1], options);
  } else {
    std::vector<int> pages;
    for (int p = 1; p <= 200; ++p) pages.push_back(p);
    auto renderer = ocr::PdfRenderer::Open(bytes, argv[1], "");
    if (renderer.ok()) pages.resize(static_cast<size_t>((*renderer)->pages()));
    scan = ocr::ScanPdfPages(bytes, argv[1], "", pages, options);
  }
  if (!scan.ok()) {
    std::fprintf(stderr, "%s\n", scan.status().message().c_str());
    return 2;
  }
  for (const Warning& w : scan->warnings) std::printf("warning: %s\n", w.message.c_str());
  std::vector<extractor::Grid> grids;
  for (const extractor::Page& page : scan->pages) {
    extractor::Grid grid = extractor::FindTable(page, extractor::PlanTableOptions());
    grids.push_back(grid);
    ocr::SetCellConfidence(page, &grid);
    std::printf("== page %d: %zu glyphs, %zu rulings, grid %d x %d%s\n", page.number,
                page.glyphs.size(), page.rulings.size(), grid.rows(), grid.cols(),
                grid.ruled ? "" : " (unruled)");
    if (std::getenv("OCR_DUMP_EDGES") != nullptr) {
      std::printf("  columns at");
      for (double e : grid.col_edges) std::printf(" %.1f", e);
      std::printf("\n");
    }
    if (std::getenv("OCR_DUMP_RULINGS") != nullptr) {
      for (const extractor::Ruling& r : page.rulings) {
        std::printf("  %s pos %.1f from %.1f to %.1f\n",
                    r.axis == extractor::Ruling::Axis::kHorizontal ? "H" : "V", r.pos,
                    r.from, r.to);
      }
    }
    if (std::getenv("OCR_DUMP_LINES") != nullptr) {
      std::vector<const extractor::Glyph*> all;
      for (const extractor::Glyph& g : page.glyphs) all.push_back(&g);
      for (const extractor::TextLine& l : extractor::GroupLines(all)) {
        std::printf("  line %.1f-%.1f x %.1f-%.1f fs %.1f: %s\n", l.box.y0, l.box.y1,
                    l.box.x0, l.box.x1, l.font_size, l.text.c_str());
      }
    }
    // A page's glyph boxes.
    if (const char* only = std::getenv("OCR_DUMP_GLYPHS")) {
      if (std::atoi(only) == page.number) {
        for (const extractor::Glyph& g : page.glyphs) {
          std::printf("  glyph %s %.1f-%.1f x %.1f-%.1f %.2f%s\n",
                      g.text.c_str(), g.box.y0, g.box.y1, g.box.x0, g.box.x1,
                      g.confidence, g.space_after ? " _" : "");
        }
      }
    }
    for (const extractor::TextLine& l : grid.above) std::printf("  above: %s\n", l.text.c_str());
    for (const extractor::Cell& c : grid.cells) {
      std::printf("  [%d,%d] %.2f:", c.row, c.col, c.confidence);
      for (const extractor::TextLine& l : c.lines) std::printf(" |%s", l.text.c_str());
      std::printf("\n");
    }
  }
  Result<extractor::RawPlan> plan = extractor::BuildPlan(grids);
  if (!plan.ok()) {
    std::printf("plan: %s\n", plan.status().message().c_str());
    return 0;
  }
  for (size_t i = 0; i < plan->rows.size(); ++i) {
    std::printf("row %zu:", i + 1);
    for (const auto& cell : plan->rows[i].cells) {
      std::printf(" |%s", cell.empty() ? "" : cell.front().c_str());
    }
    std::printf("\n");
  }
  return 0;
}
