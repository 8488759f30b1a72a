// Copyright 2026 The plan2json Authors.

#include "ocr/recognize.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <utility>

#include "extractor/table.h"

namespace plan2json::ocr {
namespace {

using tesseract::PageIteratorLevel;

// Each engine uses one thread: batch -j runs documents in parallel, and
// OpenMP's own threads would only contend with them.
void OneThreadPerEngine() {
  static const bool kSet = [] { return setenv("OMP_THREAD_LIMIT", "1", 0) == 0; }();
  (void)kSet;
}

Result<tesseract::TessBaseAPI*> EngineFor(const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> engines;
  auto it = engines.find(lang);
  if (it != engines.end()) return it->second.get();
  OneThreadPerEngine();
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  // Tesseract's own diagnostics would interleave with ours.
  api->SetVariable("debug_file", "/dev/null");
  if (api->Init(nullptr, lang.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Status(Status::Code::kInvalidArgument,
                  "OCR language data '" + lang +
                      "' is not installed (Debian: tesseract-ocr-chi-sim, "
                      "tesseract-ocr-eng)");
  }
  api->SetVariable("debug_file", "/dev/null");
  api->SetVariable("preserve_interword_spaces", "1");
  return (engines[lang] = std::move(api)).get();
}

char32_t FirstCodePoint(const std::string& s) {
  if (s.empty()) return 0;
  auto b = static_cast<unsigned char>(s[0]);
  if (b < 0x80) return b;
  int n = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
  char32_t c = b & (0x3F >> n);
  for (int i = 1; i <= n && i < static_cast<int>(s.size()); ++i) {
    c = (c << 6) | (static_cast<unsigned char>(s[static_cast<size_t>(i)]) & 0x3F);
  }
  return c;
}

bool IsCjk(const std::string& s) {
  char32_t c = FirstCodePoint(s);
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// Appends the symbols of the last Recognize() call, shifted by (dx, dy);
// line numbers continue from `*line`.
void CollectSymbols(tesseract::TessBaseAPI* api, int dx, int dy, int* line,
                    std::vector<Symbol>* out) {
  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  if (!it) return;
  const auto kSym = tesseract::RIL_SYMBOL;
  do {
    if (it->Empty(kSym)) continue;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++*line;
    std::unique_ptr<char[]> text(it->GetUTF8Text(kSym));
    if (!text || text[0] == '\0' || text[0] == ' ') continue;
    Symbol s;
    s.text = text.get();
    it->BoundingBox(kSym, &s.x0, &s.y0, &s.x1, &s.y1);
    int lx0, lx1;
    it->BoundingBox(tesseract::RIL_TEXTLINE, &lx0, &s.line_y0, &lx1, &s.line_y1);
    s.x0 += dx, s.x1 += dx, s.y0 += dy, s.y1 += dy;
    s.line_y0 += dy, s.line_y1 += dy;
    s.line = *line;
    s.word_end = it->IsAtFinalElement(tesseract::RIL_WORD, kSym);
    s.confidence = std::clamp(it->Confidence(kSym) / 100.0, 0.0, 1.0);
    out->push_back(std::move(s));
  } while (it->Next(kSym));
}

// Pixel rectangles of the ruled table's cells, or none.
std::vector<Box*> CellRects(const PreparedPage& page) {
  extractor::Page rules;
  rules.rulings = page.rulings;
  rules.width = pixGetWidth(page.text.get()) * 72.0 / page.dpi;
  rules.height = pixGetHeight(page.text.get()) * 72.0 / page.dpi;
  extractor::Grid grid = extractor::FindTable(rules);
  std::vector<Box*> rects;
  if (!grid.ruled || grid.cells.empty()) return rects;
  const double px = page.dpi / 72.0;
  const int inset = 2;
  for (const extractor::Cell& c : grid.cells) {
    int x0 = static_cast<int>(c.box.x0 * px) + inset;
    int y0 = static_cast<int>(c.box.y0 * px) + inset;
    int x1 = static_cast<int>(c.box.x1 * px) - inset;
    int y1 = static_cast<int>(c.box.y1 * px) - inset;
    if (x1 - x0 < 8 || y1 - y0 < 8) continue;
    rects.push_back(boxCreate(x0, y0, x1 - x0, y1 - y0));
  }
  return rects;
}

// Recognises one cell: its ink, cut out with a white margin (the engine
// reads a character touching the image edge badly), as one raw line of text
// when it is no taller than one (the engine's layout analysis drops some
// lone short lines), else as one block.
void RecognizeCell(tesseract::TessBaseAPI* api, Pix* text, Box* rect, double dpi,
                   int* line, std::vector<Symbol>* out) {
  PixPtr clip(pixClipRectangle(text, rect, nullptr));
  if (!clip) return;
  Box* ink = nullptr;
  PixPtr tight;
  {
    Pix* fg = nullptr;
    if (pixClipToForeground(clip.get(), &fg, &ink) != 0 || fg == nullptr) return;
    tight.reset(fg);
  }
  const int margin = static_cast<int>(dpi / 15);
  PixPtr framed(pixAddBorder(tight.get(), margin, 0));
  pixSetResolution(framed.get(), static_cast<int>(dpi), static_cast<int>(dpi));
  const bool one_line = ink->h < dpi * 0.3;
  api->SetPageSegMode(one_line ? tesseract::PSM_RAW_LINE
                               : tesseract::PSM_SINGLE_BLOCK);
  api->SetImage(framed.get());
  api->SetSourceResolution(static_cast<int>(dpi));
  if (api->Recognize(nullptr) == 0) {
    CollectSymbols(api, rect->x + ink->x - margin, rect->y + ink->y - margin,
                   line, out);
  }
  boxDestroy(&ink);
}

void RecognizeCells(tesseract::TessBaseAPI* api, const PreparedPage& page,
                    const std::vector<Box*>& rects, std::vector<Symbol>* out) {
  // Outside the table first: the page with the table's area blanked.
  Box* table = boxCopy(rects.front());
  for (Box* r : rects) {
    Box* merged = boxBoundingRegion(table, r);
    boxDestroy(&table);
    table = merged;
  }
  PixPtr rest(pixCopy(nullptr, page.text.get()));
  pixClearInRect(rest.get(), table);
  boxDestroy(&table);
  int line = 0;
  api->SetPageSegMode(tesseract::PSM_AUTO);
  api->SetImage(rest.get());
  api->SetSourceResolution(static_cast<int>(page.dpi));
  if (api->Recognize(nullptr) == 0) CollectSymbols(api, 0, 0, &line, out);
  for (Box* r : rects) RecognizeCell(api, page.text.get(), r, page.dpi, &line, out);
}

bool IsIdeograph(const std::string& s) {
  char32_t c = FirstCodePoint(s);
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// Bracket shapes OCR confuses: 〈〉 (not used in these documents) are read
// for （）, and an opener whose line closes with another kind takes that
// kind (【一） is （一）).
void RepairBrackets(std::vector<Symbol>* symbols) {
  for (size_t i = 0; i < symbols->size(); ++i) {
    std::string& t = (*symbols)[i].text;
    if (t == "〈") t = "（";
    if (t == "〉") t = "）";
    if (t != "【" && t != "[" && t != "(" && t != "（") continue;
    for (size_t j = i + 1; j < symbols->size() && (*symbols)[j].line == (*symbols)[i].line; ++j) {
      const std::string& u = (*symbols)[j].text;
      if (u == "〉" || u == "）") {
        t = "（";
        break;
      }
      if (u == "】" || u == "]" || u == ")" || u == "（" || u == "(") break;
    }
  }
}

// The em box of a text line in pixels. Ideographs are drawn centred in their
// em square and fill about 0.9 of it, so the median of their ink boxes gives
// the line's centre and em (a line of fewer than five takes the page's em);
// a line without any keeps its ink extent. Like the PDF reader's font
// boxes, this does not wobble with which characters a line holds.
struct LineBox {
  double y0, y1;
};
LineBox EmBoxOf(const std::vector<Symbol>& symbols, size_t from, size_t to,
                double page_em) {
  std::vector<double> centres, heights;
  for (size_t i = from; i < to; ++i) {
    const Symbol& s = symbols[i];
    if (!IsIdeograph(s.text)) continue;
    centres.push_back((s.y0 + s.y1) / 2.0);
    heights.push_back(s.y1 - s.y0);
  }
  if (centres.empty()) {
    return {static_cast<double>(symbols[from].line_y0),
            static_cast<double>(std::max(symbols[from].line_y1, symbols[from].line_y0 + 1))};
  }
  double em = centres.size() >= 5 || page_em <= 0 ? Median(heights) / 0.9 : page_em;
  double centre = Median(centres);
  return {centre - em / 2, centre + em / 2};
}

double PageEm(const std::vector<Symbol>& symbols) {
  std::vector<double> heights;
  for (const Symbol& s : symbols) {
    if (IsIdeograph(s.text)) heights.push_back(s.y1 - s.y0);
  }
  return Median(std::move(heights)) / 0.9;
}

}  // namespace

const char* MethodName(Method method) {
  return method == Method::kPage ? "page" : "cell";
}

std::vector<extractor::Glyph> GlyphsFromSymbols(std::vector<Symbol> symbols,
                                                double dpi) {
  // The engine's order within a line is the reading order; its boxes
  // (approximate, from the LSTM's timesteps) may overlap out of order, and
  // the table finder sorts by x: make x grow along the line.
  std::stable_sort(symbols.begin(), symbols.end(),
                   [](const Symbol& a, const Symbol& b) { return a.line < b.line; });
  for (size_t i = 1; i < symbols.size(); ++i) {
    Symbol& s = symbols[i];
    const Symbol& prev = symbols[i - 1];
    if (s.line != prev.line) continue;
    s.x0 = std::max(s.x0, prev.x0 + 1);
    s.x1 = std::max(s.x1, s.x0 + 1);
  }
  RepairBrackets(&symbols);
  const double pt = 72.0 / dpi;
  std::vector<extractor::Glyph> glyphs;
  glyphs.reserve(symbols.size());
  LineBox line{0, 1};
  const double page_em = PageEm(symbols);
  for (size_t i = 0; i < symbols.size(); ++i) {
    const Symbol& s = symbols[i];
    if (i == 0 || symbols[i - 1].line != s.line) {
      size_t end = i;
      while (end < symbols.size() && symbols[end].line == s.line) ++end;
      line = EmBoxOf(symbols, i, end, page_em);
    }
    const double height = line.y1 - line.y0;
    int x1 = s.x1;
    bool space = s.word_end;
    if (i + 1 < symbols.size() && symbols[i + 1].line == s.line) {
      const Symbol& next = symbols[i + 1];
      bool cjk = IsCjk(s.text) || IsCjk(next.text);
      if (!s.word_end || (cjk && next.x0 - s.x1 < height)) {
        x1 = std::max(x1, next.x0);
        space = false;
      }
    }
    extractor::Glyph g;
    g.text = s.text;
    g.box = {s.x0 * pt, line.y0 * pt, x1 * pt, line.y1 * pt};
    g.font_size = height * pt;
    g.space_after = space;
    g.confidence = s.confidence;
    glyphs.push_back(std::move(g));
  }
  return glyphs;
}

Result<std::vector<extractor::Glyph>> Recognize(const PreparedPage& page,
                                                const std::string& lang,
                                                Method method) {
  Result<tesseract::TessBaseAPI*> engine = EngineFor(lang);
  if (!engine.ok()) return engine.status();
  tesseract::TessBaseAPI* api = *engine;
  std::vector<Symbol> symbols;
  std::vector<Box*> rects;
  if (method == Method::kCell) rects = CellRects(page);
  if (!rects.empty()) {
    RecognizeCells(api, page, rects, &symbols);
    for (Box* r : rects) boxDestroy(&r);
  } else {
    int line = 0;
    api->SetPageSegMode(tesseract::PSM_AUTO);
    api->SetImage(page.text.get());
    api->SetSourceResolution(static_cast<int>(page.dpi));
    if (api->Recognize(nullptr) == 0) CollectSymbols(api, 0, 0, &line, &symbols);
  }
  api->Clear();
  return GlyphsFromSymbols(std::move(symbols), page.dpi);
}

}  // namespace plan2json::ocr
