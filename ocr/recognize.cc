// Copyright 2026 The plan2json Authors.

#include "ocr/recognize.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "extractor/plan.h"
#include "extractor/table.h"
#include "lexicon/lexicon.h"
#include "ocr/recognize_internal.h"
#include "ocr/repair.h"  // kSureGlyph

namespace plan2json::ocr {
namespace {

using internal::CellRect;
using internal::LineBox;
using internal::PageEm;
using internal::PixelRect;
using internal::TextLineBands;
using tesseract::PageIteratorLevel;

// The language whose model reads the digits of sequence-number columns
// (Debian tesseract-ocr-eng). Without it they are read as the rest.
constexpr char kDigitLang[] = "eng";

}  // namespace

namespace internal {

// The engine, able to find a page's layout in one image and read its
// lines from another: Tesseract thresholds the image it is given for its
// layout analysis, and its line recogniser reads that image itself, grey
// when it is grey. While a layout image is set, it stands for Tesseract's
// own thresholding of an image of the same size.
class Engine : public tesseract::TessBaseAPI {
 public:
  void SetLayout(Pix* binary) { layout_ = binary; }

 protected:
  bool Threshold(Pix** pix) override {
    if (!TessBaseAPI::Threshold(pix)) return false;
    if (layout_ != nullptr && *pix != nullptr &&
        pixGetWidth(*pix) == pixGetWidth(layout_) &&
        pixGetHeight(*pix) == pixGetHeight(layout_)) {
      pixDestroy(pix);
      *pix = pixCopy(nullptr, layout_);
    }
    return true;
  }

 private:
  Pix* layout_ = nullptr;  // not owned
};

Result<tesseract::TessBaseAPI*> EngineFor(const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<Engine>> engines;
  auto it = engines.find(lang);
  if (it != engines.end()) return it->second.get();
  auto api = std::make_unique<Engine>();
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

}  // namespace internal

namespace {

using internal::EngineFor;

// The first code point of a symbol's text (0 for none), by the lexicon's
// UTF-8 decoder.
char32_t FirstCodePoint(const std::string& s) {
  const std::u32string u = lexicon::ToU32(s);
  return u.empty() ? 0 : u.front();
}

bool IsCjk(const std::string& s) {
  char32_t c = FirstCodePoint(s);
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool IsIdeograph(const std::string& s) {
  return lexicon::IsIdeograph(FirstCodePoint(s));
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
std::vector<CellRect> CellRects(const PreparedPage& page) {
  extractor::Page rules;
  rules.rulings = page.rulings;
  rules.width = pixGetWidth(page.text.get()) * 72.0 / page.dpi;
  rules.height = pixGetHeight(page.text.get()) * 72.0 / page.dpi;
  extractor::Grid grid = extractor::FindTable(rules);
  std::vector<CellRect> rects;
  if (!grid.ruled || grid.cells.empty()) return rects;
  const double px = page.dpi / 72.0;
  const int inset = 2;
  for (const extractor::Cell& c : grid.cells) {
    int x0 = static_cast<int>(c.box.x0 * px) + inset;
    int y0 = static_cast<int>(c.box.y0 * px) + inset;
    int x1 = static_cast<int>(c.box.x1 * px) - inset;
    int y1 = static_cast<int>(c.box.y1 * px) - inset;
    if (x1 - x0 < 8 || y1 - y0 < 8) continue;
    rects.push_back({boxCreate(x0, y0, x1 - x0, y1 - y0), c.row, c.col, c.col_span == 1});
  }
  return rects;
}

}  // namespace

namespace internal {

// Bands of pixel rows (y0, y1) that each hold one line of a cell's text:
// runs of rows with ink between blank rows. A run thinner than a stroke
// group (the strokes of 二, a dash, the dot of a colon) joins the nearest
// other run; a cell whose ink has no thicker run is one line. Empty when
// lines touch (a run much taller than the others holds more than one).
std::vector<std::pair<int, int>> TextLineBands(Pix* ink, double dpi) {
  const int w = pixGetWidth(ink), h = pixGetHeight(ink);
  const int min_line = std::max(2, static_cast<int>(dpi * 0.04));
  const l_uint32* data = pixGetData(ink);
  const int wpl = pixGetWpl(ink);
  std::vector<std::pair<int, int>> runs;
  int start = -1;
  for (int y = 0; y <= h; ++y) {
    bool inked = false;
    if (y < h) {
      const l_uint32* row = data + static_cast<ptrdiff_t>(y) * wpl;
      for (int x = 0; x < w && !inked; ++x) inked = GET_DATA_BIT(row, x) != 0;
    }
    if (inked && start < 0) start = y;
    if (!inked && start >= 0) runs.emplace_back(start, y), start = -1;
  }
  std::vector<std::pair<int, int>> bands;
  std::vector<double> heights;
  for (const auto& r : runs) {
    if (r.second - r.first >= min_line) {
      bands.push_back(r);
      heights.push_back(r.second - r.first);
    }
  }
  if (bands.empty()) return {{0, h}};
  for (const auto& r : runs) {
    if (r.second - r.first >= min_line) continue;
    auto nearest = std::min_element(bands.begin(), bands.end(), [&](auto& a, auto& b) {
      auto gap = [&](const std::pair<int, int>& band) {
        return std::max(band.first - r.second, r.first - band.second);
      };
      return gap(a) < gap(b);
    });
    nearest->first = std::min(nearest->first, r.first);
    nearest->second = std::max(nearest->second, r.second);
  }
  std::nth_element(heights.begin(), heights.begin() + static_cast<ptrdiff_t>(heights.size() / 2),
                   heights.end());
  const double typical = heights[heights.size() / 2];
  for (const auto& b : bands) {
    if (b.second - b.first > 1.6 * typical) return {};
  }
  return bands;
}

}  // namespace internal

namespace {

// Reads `area` of `image` (binary, or grey whose white is `white`) with a
// white margin in `mode`, appending its symbols to `out`.
void ReadArea(tesseract::TessBaseAPI* api, Pix* image, l_uint32 white, double dpi,
              Box* area, tesseract::PageSegMode mode, int* line,
              std::vector<Symbol>* out) {
  PixPtr clip(pixClipRectangle(image, area, nullptr));
  if (!clip) return;
  const int margin = static_cast<int>(dpi / 15);
  PixPtr framed(pixAddBorder(clip.get(), margin, white));
  pixSetResolution(framed.get(), static_cast<int>(dpi), static_cast<int>(dpi));
  api->SetPageSegMode(mode);
  api->SetImage(framed.get());
  api->SetSourceResolution(static_cast<int>(dpi));
  if (api->Recognize(nullptr) == 0) {
    CollectSymbols(api, area->x - margin, area->y - margin, line, out);
  }
}

// Recognises the page's area `area` (a cell's text line, or a piece of
// ink) in `mode` twice, from the binary image and from the grey one
// (PreparedPage::clean_grey), each with a white margin around it (the engine
// reads a character touching the image edge badly), and keeps the reading
// PreferSecond picks. The two misread different characters: on the four
// ruled corpus scans at 200 dpi, 70 rows were usable from the binary image
// alone, 67 from the grey alone, 77 from the pick (CER 0.5-3.5 % to
// 0.3-2.2 %), for 1.5x the time. Readings of as many symbols then swap
// symbols (TakeSurerSymbols): 78 -> 81 usable rows on the same scans; over
// all 24 clean corpus scans 395 either way (+4 at 200 and 300 dpi, -4 at
// 150).
void RecognizeArea(tesseract::TessBaseAPI* api, const PreparedPage& page, Box* area,
                   tesseract::PageSegMode mode, int* line, std::vector<Symbol>* out) {
  std::vector<Symbol> binary, grey;
  int binary_line = *line, grey_line = *line;
  ReadArea(api, page.text.get(), 0, page.dpi, area, mode, &binary_line, &binary);
  ReadArea(api, page.clean_grey.get(), 255, page.dpi, area, mode, &grey_line, &grey);
  const bool second = internal::PreferSecond(binary, grey);
  std::vector<Symbol>& pick = second ? grey : binary;
  const std::vector<Symbol>& other = second ? binary : grey;
  internal::TakeSurerSymbols(other, &pick);
  internal::DoubtDisputed(other, &pick);
  *line = second ? grey_line : binary_line;
  out->insert(out->end(), std::make_move_iterator(pick.begin()),
              std::make_move_iterator(pick.end()));
}

// Recognises one cell: its ink line by line, each as a single line in
// `mode` (the engine's layout analysis, asked for a block, drops some short
// lines and characters at line ends; a raw line adds stray punctuation),
// or as one block when its lines touch. A line read as nothing is read
// again raw (a lone short word).
void RecognizeCell(tesseract::TessBaseAPI* api, const PreparedPage& page, Box* rect,
                   int* line, std::vector<Symbol>* out,
                   tesseract::PageSegMode mode = tesseract::PSM_SINGLE_LINE) {
  PixPtr clip(pixClipRectangle(page.text.get(), rect, nullptr));
  if (!clip) return;
  Box* ink = nullptr;
  PixPtr tight;
  {
    Pix* fg = nullptr;
    if (pixClipToForeground(clip.get(), &fg, &ink) != 0 || fg == nullptr) return;
    tight.reset(fg);
  }
  const int x = rect->x + ink->x, y = rect->y + ink->y;
  boxDestroy(&ink);
  const int w = pixGetWidth(tight.get());
  const std::vector<std::pair<int, int>> bands = TextLineBands(tight.get(), page.dpi);
  if (bands.empty()) {
    Box* all = boxCreate(x, y, w, pixGetHeight(tight.get()));
    RecognizeArea(api, page, all, tesseract::PSM_SINGLE_BLOCK, line, out);
    boxDestroy(&all);
    return;
  }
  for (const auto& [y0, y1] : bands) {
    Box* band = boxCreate(x, y + y0, w, y1 - y0);
    const size_t before = out->size();
    RecognizeArea(api, page, band, mode, line, out);
    if (out->size() == before) {
      RecognizeArea(api, page, band, tesseract::PSM_RAW_LINE, line, out);
    }
    boxDestroy(&band);
  }
}

}  // namespace

namespace internal {

// The ink of `image` (the binary page, or part of it) that a page pass left
// unread: the engine's layout analysis drops whole words and columns of a
// table without rulings. `read` is what the pass read (in line order); the
// rest of the ink is cut into line pieces (ink joined across gaps under
// half an em, not across lines).
std::vector<PixelRect> UnreadPieces(Pix* image, double dpi,
                                    const std::vector<Symbol>& read) {
  PixPtr rest(pixCopy(nullptr, image));
  const int pad = std::max(1, static_cast<int>(dpi * 0.02));
  // A symbol's box is approximate (from the recogniser's timesteps) and may
  // leave part of its character's ink: each read line's whole box is read.
  for (size_t i = 0; i < read.size();) {
    int x0 = read[i].x0, x1 = read[i].x1;
    int y0 = std::min(read[i].y0, read[i].line_y0);
    int y1 = std::max(read[i].y1, read[i].line_y1);
    size_t end = i;
    for (; end < read.size() && read[end].line == read[i].line; ++end) {
      const Symbol& s = read[end];
      x0 = std::min(x0, s.x0), x1 = std::max(x1, s.x1);
      y0 = std::min(y0, s.y0), y1 = std::max(y1, s.y1);
    }
    Box* b = boxCreate(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
    pixClearInRect(rest.get(), b);
    boxDestroy(&b);
    i = end;
  }
  PixPtr joined(pixDilateBrick(nullptr, rest.get(), std::max(1, static_cast<int>(dpi * 0.08)),
                               std::max(1, static_cast<int>(dpi * 0.02))));
  if (!joined) return {};
  BOXA* boxes = pixConnCompBB(joined.get(), 8);
  if (boxes == nullptr) return {};
  const int min_size = static_cast<int>(dpi * 0.05);
  const int max_height = static_cast<int>(dpi * 0.6);
  std::vector<PixelRect> pieces;
  for (int i = 0; i < boxaGetCount(boxes); ++i) {
    Box* b = boxaGetBox(boxes, i, L_CLONE);
    if (b->w >= min_size && b->h >= min_size && b->h <= max_height) {
      pieces.push_back({b->x, b->y, b->w, b->h});
    }
    boxDestroy(&b);
  }
  boxaDestroy(&boxes);
  return pieces;
}

}  // namespace internal

namespace {

// Reads the ink of `image` that a page pass left unread (UnreadPieces),
// each piece like a table cell. Symbols from `from` on in `out` are what
// the pass read.
void ReadLeftovers(tesseract::TessBaseAPI* api, const PreparedPage& page, Pix* image,
                   size_t from, int* line, std::vector<Symbol>* out) {
  const std::vector<Symbol> read(out->begin() + static_cast<ptrdiff_t>(from), out->end());
  for (const PixelRect& r : internal::UnreadPieces(image, page.dpi, read)) {
    Box* b = boxCreate(r.x, r.y, r.w, r.h);
    RecognizeCell(api, page, b, line, out);
    boxDestroy(&b);
  }
}

std::string TextOf(const std::vector<Symbol>& symbols) {
  std::string text;
  for (const Symbol& s : symbols) text += s.text;
  return text;
}

bool AllDigits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

namespace internal {

// Columns of sequence numbers: their single-column cells, header words
// aside, are short (three symbols at most) and at least half of them read
// as digits alone.
std::set<int> DigitColumns(const std::vector<CellRect>& rects,
                           const std::vector<std::vector<Symbol>>& cells) {
  std::map<int, std::pair<int, int>> digits_of;  // col -> (digit cells, cells)
  std::set<int> long_text;                        // cols with a longer cell
  for (size_t i = 0; i < rects.size(); ++i) {
    if (!rects[i].one_column) continue;
    const std::string text = TextOf(cells[i]);
    if (text.empty() || extractor::ClassifyHeader(text) != extractor::ColumnKey::kExtra) {
      continue;
    }
    auto& [digits, all] = digits_of[rects[i].col];
    digits += AllDigits(text) ? 1 : 0;
    ++all;
    if (cells[i].size() > 3) long_text.insert(rects[i].col);
  }
  std::set<int> columns;
  for (const auto& [col, counts] : digits_of) {
    if (!long_text.count(col) && counts.first > 0 && counts.first * 2 >= counts.second) {
      columns.insert(col);
    }
  }
  return columns;
}

void DoubtDisputed(const std::vector<Symbol>& other, std::vector<Symbol>* pick) {
  // Both readings are of one line, so they differ in one stretch, between
  // the symbols they share at either end.
  const size_t n = pick->size(), m = other.size();
  size_t head = 0, tail = 0;
  while (head < n && head < m && (*pick)[head].text == other[head].text) ++head;
  while (tail < n - head && tail < m - head &&
         (*pick)[n - 1 - tail].text == other[m - 1 - tail].text) {
    ++tail;
  }
  if (head == n && n == m) return;  // the same text
  // What the other reading has and this one lacks sits between two kept
  // symbols: both are doubted.
  const size_t from = head == n - tail && head > 0 ? head - 1 : head;
  const size_t to = std::min(n, std::max(n - tail, head + 1));
  for (size_t i = from; i < to; ++i) {
    (*pick)[i].confidence = std::min((*pick)[i].confidence, kDisputed);
  }
}

void TakeSurerSymbols(const std::vector<Symbol>& other,
                      std::vector<Symbol>* pick) {
  if (other.size() != pick->size()) return;
  for (size_t k = 0; k < pick->size(); ++k) {
    Symbol& s = (*pick)[k];
    if (s.text != other[k].text && other[k].confidence > s.confidence) {
      s.text = other[k].text;
      s.confidence = other[k].confidence;
    }
  }
}

void TakeSurerLine(const std::vector<Symbol>& again,
                   std::vector<Symbol>* pass) {
  if (again.size() == pass->size() && PreferSecond(*pass, again)) {
    std::vector<Symbol> lent = *pass;
    for (size_t k = 0; k < lent.size(); ++k) {
      lent[k].text = again[k].text;
      lent[k].confidence = again[k].confidence;
    }
    DoubtDisputed(*pass, &lent);
    *pass = std::move(lent);
  } else {
    DoubtDisputed(again, pass);
  }
}

bool PreferSecond(const std::vector<Symbol>& first,
                  const std::vector<Symbol>& second) {
  auto least_sure = [](const std::vector<Symbol>& reading) {
    double least = reading.empty() ? -1 : 1;
    for (const Symbol& s : reading) least = std::min(least, s.confidence);
    return least;
  };
  return least_sure(second) > least_sure(first);
}

// OCR reads a lone digit of a sequence-number column (DigitColumns) as a
// look-alike character (1 as 工, 7 as 了), another digit or not at all; the
// column's cells, header words aside, are read again by the Latin model as
// digits only, and take that reading when there is one.
}  // namespace internal

namespace {

// An engine restricted to reading `chars` while this lives. The restriction
// ends with it, so that the engine reads the next page in full.
class RestrictedReader {
 public:
  RestrictedReader(tesseract::TessBaseAPI* api, const char* chars) : api_(api) {
    api_->SetVariable("tessedit_char_whitelist", chars);
  }
  ~RestrictedReader() { api_->SetVariable("tessedit_char_whitelist", ""); }
  RestrictedReader(const RestrictedReader&) = delete;
  RestrictedReader& operator=(const RestrictedReader&) = delete;
  tesseract::TessBaseAPI* get() const { return api_; }

 private:
  tesseract::TessBaseAPI* api_;
};

// The Latin model (else `fallback`, the page's own engine), restricted to
// `chars`: it reads a lone digit far better than chi_sim's, which has no
// context to go on (a clean 1 read as 工, a 5 as nothing).
class DigitReader : public RestrictedReader {
 public:
  DigitReader(tesseract::TessBaseAPI* fallback, const char* chars)
      : RestrictedReader(LatinOr(fallback), chars) {}

 private:
  static tesseract::TessBaseAPI* LatinOr(tesseract::TessBaseAPI* fallback) {
    Result<tesseract::TessBaseAPI*> latin = internal::EngineFor(kDigitLang);
    return latin.ok() ? *latin : fallback;
  }
};

// Whether the ideographs of `symbols` that are sure (kSureGlyph) appear, in
// order, among the code points of `text`.
bool KeepsSureIdeographs(const std::vector<Symbol>& symbols,
                         const std::u32string& text) {
  size_t at = 0;
  for (const Symbol& s : symbols) {
    if (s.confidence < kSureGlyph || !IsIdeograph(s.text)) continue;
    at = text.find(FirstCodePoint(s.text), at);
    if (at == std::u32string::npos) return false;
    ++at;
  }
  return true;
}

}  // namespace

namespace internal {

void RereadDigitColumns(tesseract::TessBaseAPI* api, const PreparedPage& page,
                        const std::vector<CellRect>& rects, int* line,
                        std::vector<std::vector<Symbol>>* cells) {
  const std::set<int> columns = internal::DigitColumns(rects, *cells);
  DigitReader reader(api, "0123456789");
  tesseract::TessBaseAPI* digits = reader.get();
  for (size_t i = 0; i < rects.size(); ++i) {
    if (!rects[i].one_column || !columns.count(rects[i].col)) continue;
    const std::string text = TextOf((*cells)[i]);
    if (!text.empty() && extractor::ClassifyHeader(text) != extractor::ColumnKey::kExtra) {
      continue;
    }
    std::vector<Symbol> again;
    RecognizeCell(digits, page, rects[i].box, line, &again);
    if (AllDigits(TextOf(again))) (*cells)[i] = std::move(again);
  }
}

std::string HeaderAlphabet() {
  static const std::string alphabet = [] {
    std::u32string chars;
    for (const std::string& name : extractor::CommonHeaderNames()) {
      for (char32_t c : lexicon::ToU32(name)) {
        if (chars.find(c) == std::u32string::npos) chars += c;
      }
    }
    return lexicon::ToUtf8(chars);
  }();
  return alphabet;
}

void RereadHeaderWords(tesseract::TessBaseAPI* api, const PreparedPage& page,
                       const std::vector<PixelRect>& rects,
                       std::vector<std::vector<Symbol>>* pieces) {
  std::set<extractor::ColumnKey> named;
  int known = 0;
  for (const std::vector<Symbol>& piece : *pieces) {
    const extractor::ColumnKey key = extractor::ClassifyHeader(TextOf(piece));
    if (key == extractor::ColumnKey::kExtra) continue;
    named.insert(key);
    ++known;
  }
  if (known < 3) return;
  const std::vector<std::string>& names = extractor::CommonHeaderNames();
  const std::string alphabet = HeaderAlphabet();
  RestrictedReader reader(api, alphabet.c_str());
  for (size_t i = 0; i < pieces->size(); ++i) {
    std::vector<Symbol>& piece = (*pieces)[i];
    const bool unsure =
        std::any_of(piece.begin(), piece.end(),
                    [](const Symbol& s) { return s.confidence < kSureGlyph; });
    if (piece.empty() || !unsure ||
        extractor::ClassifyHeader(TextOf(piece)) !=
            extractor::ColumnKey::kExtra) {
      continue;
    }
    std::vector<Symbol> again;
    int unused = 0;
    Box* box = boxCreate(rects[i].x, rects[i].y, rects[i].w, rects[i].h);
    RecognizeCell(reader.get(), page, box, &unused, &again);
    boxDestroy(&box);
    const std::string text = lexicon::Compact(TextOf(again));
    if (std::find(names.begin(), names.end(), text) == names.end() ||
        !named.insert(extractor::ClassifyHeader(text)).second ||
        !KeepsSureIdeographs(piece, lexicon::ToU32(text))) {
      continue;
    }
    for (Symbol& s : again) {
      s.line = piece.front().line;
      s.line_y0 = piece.front().line_y0, s.line_y1 = piece.front().line_y1;
      s.confidence = std::min(s.confidence, kGuessed);
    }
    piece = std::move(again);
  }
}

void ReadPage(tesseract::TessBaseAPI* api, Pix* layout, Pix* grey, double dpi,
              int* line, std::vector<Symbol>* out) {
  auto* engine = dynamic_cast<Engine*>(api);
  if (engine == nullptr) {
    grey = layout;  // not from EngineFor: one image for both
  } else {
    engine->SetLayout(layout);
  }
  api->SetPageSegMode(tesseract::PSM_AUTO);
  api->SetImage(grey);
  api->SetSourceResolution(static_cast<int>(dpi));
  if (api->Recognize(nullptr) == 0) CollectSymbols(api, 0, 0, line, out);
  if (engine != nullptr) engine->SetLayout(nullptr);
}

}  // namespace internal

namespace {

// The image a whole page's lines are read from (ReadPage): the grey one,
// but for a noisy page, whose grey keeps what Despeckle left next to the
// strokes; its binary image is cleaner (jianghuai word with 1 % noise at
// 150 dpi: 13 PDF rows missing when read from the grey, none from it).
Pix* PageLines(const PreparedPage& page) {
  return page.noise > kNoisy ? page.sharp.get() : page.clean_grey.get();
}

PixelRect RectOf(Box* box) {
  l_int32 x, y, w, h;
  boxGetGeometry(box, &x, &y, &w, &h);
  return {x, y, w, h};
}

// The header words of each row of ruled cells (RereadHeaderWords).
void RereadHeaderCells(tesseract::TessBaseAPI* api, const PreparedPage& page,
                       const std::vector<CellRect>& rects,
                       std::vector<std::vector<Symbol>>* cells) {
  std::map<int, std::vector<size_t>> rows;
  for (size_t i = 0; i < rects.size(); ++i) {
    if (rects[i].one_column) rows[rects[i].row].push_back(i);
  }
  for (const auto& [row, at] : rows) {
    if (at.size() < 3) continue;
    std::vector<PixelRect> pieces_at;
    std::vector<std::vector<Symbol>> pieces;
    for (size_t i : at) {
      pieces_at.push_back(RectOf(rects[i].box));
      pieces.push_back((*cells)[i]);
    }
    internal::RereadHeaderWords(api, page, pieces_at, &pieces);
    for (size_t k = 0; k < at.size(); ++k) {
      (*cells)[at[k]] = std::move(pieces[k]);
    }
  }
}

// A run of a page pass's symbols [begin, end) and the rectangle it covers.
struct Piece {
  size_t begin, end;
  PixelRect at;
};

// The pieces of each engine line of `symbols` (grouped by line): the runs
// between gaps over `em`, judged on `inked` (the same symbols with boxes cut
// to their ink), each as tall as its line.
std::vector<Piece> PiecesApart(const std::vector<Symbol>& inked, double em) {
  std::vector<Piece> pieces;
  for (size_t k = 0; k < inked.size(); ++k) {
    const Symbol& s = inked[k];
    if (k == 0 || s.line != inked[k - 1].line || s.x0 - inked[k - 1].x1 > em) {
      pieces.push_back({k, k, {s.x0, s.line_y0, 0, s.line_y1 - s.line_y0}});
    }
    pieces.back().end = k + 1;
    pieces.back().at.w =
        std::max(pieces.back().at.w, s.x1 - pieces.back().at.x);
  }
  return pieces;
}

// The header words of a page pass (RereadHeaderWords). The engine reads a
// header's words as lines of their own, so its pieces (PiecesApart) side by
// side, with centres within the first one's line, are read as one row.
// Symbols grouped by line.
void RereadHeaderLines(tesseract::TessBaseAPI* api, const PreparedPage& page,
                       std::vector<Symbol>* symbols) {
  const double em = internal::PageEm(*symbols);
  if (em <= 0) return;
  std::vector<Symbol> inked = *symbols;
  internal::TightenToInk(page.sharp.get(), &inked);
  const std::vector<Piece> pieces = PiecesApart(inked, em);
  auto centre = [&](size_t k) { return pieces[k].at.y + pieces[k].at.h / 2; };
  std::vector<size_t> order(pieces.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return centre(a) < centre(b); });
  auto text_of = [&](size_t k) {
    return std::vector<Symbol>(
        symbols->begin() + static_cast<ptrdiff_t>(pieces[k].begin),
        symbols->begin() + static_cast<ptrdiff_t>(pieces[k].end));
  };
  std::vector<std::vector<Symbol>> read(pieces.size());
  for (size_t b = 0; b < order.size();) {
    const PixelRect& first = pieces[order[b]].at;
    size_t e = b + 1;
    while (e < order.size() && centre(order[e]) <= first.y + first.h) ++e;
    std::vector<PixelRect> at;
    std::vector<std::vector<Symbol>> row;
    for (size_t k = b; k < e; ++k) {
      at.push_back(pieces[order[k]].at);
      row.push_back(text_of(order[k]));
    }
    if (row.size() >= 3) internal::RereadHeaderWords(api, page, at, &row);
    for (size_t k = b; k < e; ++k) read[order[k]] = std::move(row[k - b]);
    b = e;
  }
  std::vector<Symbol> out;
  for (std::vector<Symbol>& r : read) {
    out.insert(out.end(), std::make_move_iterator(r.begin()),
               std::make_move_iterator(r.end()));
  }
  *symbols = std::move(out);
}

void RecognizeCells(tesseract::TessBaseAPI* api, const PreparedPage& page,
                    const std::vector<CellRect>& rects, std::vector<Symbol>* out) {
  // Outside the table first: the page with the table's area blanked.
  Box* table = boxCopy(rects.front().box);
  for (const CellRect& r : rects) {
    Box* merged = boxBoundingRegion(table, r.box);
    boxDestroy(&table);
    table = merged;
  }
  PixPtr rest(pixCopy(nullptr, page.sharp.get()));
  pixClearInRect(rest.get(), table);
  PixPtr rest_lines(pixCopy(nullptr, PageLines(page)));
  if (pixGetDepth(rest_lines.get()) == 1) {
    pixClearInRect(rest_lines.get(), table);
  } else {
    pixSetInRectArbitrary(rest_lines.get(), table, 255);
  }
  boxDestroy(&table);
  int line = 0;
  const size_t from = out->size();
  internal::ReadPage(api, rest.get(), rest_lines.get(), page.dpi, &line, out);
  // The engine's layout analysis may find no text at all on a page whose
  // table is blanked (a bold title alone above it: "Empty page").
  ReadLeftovers(api, page, rest.get(), from, &line, out);
  std::vector<std::vector<Symbol>> cells(rects.size());
  for (size_t i = 0; i < rects.size(); ++i) {
    RecognizeCell(api, page, rects[i].box, &line, &cells[i]);
  }
  RereadHeaderCells(api, page, rects, &cells);
  internal::RereadDigitColumns(api, page, rects, &line, &cells);
  internal::EmptySpeckCells(page.sharp.get(), rects, &cells);
  for (std::vector<Symbol>& c : cells) {
    out->insert(out->end(), std::make_move_iterator(c.begin()),
                std::make_move_iterator(c.end()));
  }
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// A narrow cell wraps （1） as （ over 1）, and a lone （ is read as what it
// looks like alone: 《, 〈, 【, 人, 入, or two of them (（《). Such a piece
// alone on its line (no neighbour within an em: a page pass reads a key
// column and the next one as one line), no wider than an em and made of
// look-alikes only, right above a piece (the nearest line below, within
// three ems, with symbols under it, whatever the engine's order of lines)
// that ends with a closing bracket and opens none is that bracket's opener.
void RepairWrappedOpeners(std::vector<Symbol>* symbols) {
  static const char* const kLookAlikes[] = {"《", "〈", "【", "[", "人", "入", "(", "（"};
  auto look_alike = [](const Symbol& s) {
    return std::count(std::begin(kLookAlikes), std::end(kLookAlikes), s.text) >
           0;
  };
  std::vector<Symbol>& v = *symbols;
  for (size_t i = 0; i < v.size(); ++i) {
    const Symbol& s = v[i];
    const int em = std::max(1, s.line_y1 - s.line_y0);
    if (!look_alike(s) ||
        (i > 0 && v[i - 1].line == s.line && s.x0 - v[i - 1].x1 <= em)) {
      continue;
    }
    size_t end = i + 1;  // the piece is [i, end)
    while (end < v.size() && v[end].line == s.line &&
           v[end].x0 - v[end - 1].x1 <= em) {
      ++end;
    }
    const Symbol& last_of = v[end - 1];
    if (!std::all_of(v.begin() + static_cast<ptrdiff_t>(i),
                     v.begin() + static_cast<ptrdiff_t>(end), look_alike) ||
        last_of.x1 - s.x0 > em + em / 4) {
      continue;
    }
    int below = -1, below_y = s.line_y0 + 3 * em;
    for (const Symbol& t : v) {
      if (t.line_y0 > s.line_y0 && t.line_y0 < below_y && t.x1 >= s.x0 - em &&
          t.x0 <= last_of.x1 + 2 * em) {
        below = t.line, below_y = t.line_y0;
      }
    }
    std::string last;
    bool opens = false;
    for (const Symbol& t : v) {
      if (t.line != below || t.x1 < s.x0 - em || t.x0 > last_of.x1 + 2 * em) {
        continue;  // not under it
      }
      opens = opens || t.text == "(" || t.text == "（";
      last = t.text;
    }
    if (opens || (last != ")" && last != "）")) continue;
    v[i].text = last == ")" ? "(" : "（";
    v[i].x1 = last_of.x1;
    v[i].word_end = last_of.word_end;
    v.erase(v.begin() + static_cast<ptrdiff_t>(i) + 1,
            v.begin() + static_cast<ptrdiff_t>(end));
  }
}

// Bracket shapes OCR confuses: 〈〉 (not used in these documents) are read
// for （）, and an opener whose line closes with another kind takes that
// kind (【一） and 《一） are （一）; 《书名》 stays).
void RepairBrackets(std::vector<Symbol>* symbols) {
  for (size_t i = 0; i < symbols->size(); ++i) {
    std::string& t = (*symbols)[i].text;
    if (t == "〈") t = "（";
    if (t == "〉") t = "）";
    if (t != "【" && t != "[" && t != "(" && t != "（" && t != "《") continue;
    for (size_t j = i + 1; j < symbols->size() && (*symbols)[j].line == (*symbols)[i].line; ++j) {
      const std::string& u = (*symbols)[j].text;
      if (u == "〉" || u == "）") {
        t = "（";
        break;
      }
      if (u == ")" && t != "(") {  // 《一) is (一)
        t = "(";
        break;
      }
      if (u == "】" || u == "]" || u == ")" || u == "（" || u == "(" || u == "》") break;
    }
  }
}

// A section enumerator's 一, the numeral with least ink (one thin stroke),
// is often lost between its brackets or read as the dash it looks like.
// Brackets around an em of blank paper get it back; a lone dash between
// them, (-) or ( - ) (also _ or ~), is it. Either is doubted (kDisputed:
// the row is flagged), and the three are one word, so the heading stays
// one piece of text instead of being cut at the gap or the spaces.
void RestoreBracketedNumerals(std::vector<Symbol>* symbols) {
  auto opens = [](const Symbol& s) { return s.text == "(" || s.text == "（"; };
  auto closes = [](const Symbol& s) { return s.text == ")" || s.text == "）"; };
  auto dash = [](const Symbol& s) {
    const char32_t c = FirstCodePoint(s.text);
    return s.text.size() <= 3 &&
           (lexicon::IsDash(c) || c == U'一' || c == U'_' || c == U'~');
  };
  std::vector<Symbol>& v = *symbols;
  for (size_t i = 0; i + 1 < v.size(); ++i) {
    if (!opens(v[i]) || v[i + 1].line != v[i].line) continue;
    const Symbol open = v[i];  // a copy: inserting after it moves v[i]
    const int em = open.line_y1 - open.line_y0;
    if (closes(v[i + 1]) && 2 * (v[i + 1].x0 - open.x1) >= em) {
      Symbol one = open;
      one.x0 = open.x1 + 1, one.x1 = std::max(one.x0 + 1, v[i + 1].x0 - 1);
      one.text = "一";
      one.confidence = internal::kDisputed;
      v.insert(v.begin() + static_cast<ptrdiff_t>(i) + 1, one);
    } else if (!(i + 2 < v.size() && v[i + 2].line == open.line &&
                 closes(v[i + 2]) && dash(v[i + 1]))) {
      continue;
    }
    Symbol& numeral = v[i + 1];
    if (numeral.text != "一") {
      numeral.text = "一";
      numeral.confidence = std::min(numeral.confidence, internal::kDisputed);
    }
    v[i].word_end = numeral.word_end = false;
    ++i;
  }
}

// Chinese typesetting never starts a line with a closing quote, so one
// that starts a piece of text (its line's first symbol, or after a gap over
// an em) is a misreading: of an opening quote when a closing one follows
// in the piece, else of nothing (the engine read one out of a speck or a
// stroke of the next column). The first is turned, the second dropped, and
// the symbol after it doubted (kDisputed) either way.
void RepairOpeningClosers(std::vector<Symbol>* symbols) {
  std::vector<Symbol>& v = *symbols;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i].text != "”" && v[i].text != "’") continue;
    const int em = std::max(1, v[i].line_y1 - v[i].line_y0);
    if (i > 0 && v[i - 1].line == v[i].line && v[i].x0 - v[i - 1].x1 <= em) continue;
    std::string closes;  // the next quote of the piece
    for (size_t k = i + 1; k < v.size() && v[k].line == v[i].line; ++k) {
      if (v[k].x0 - v[k - 1].x1 > em) break;  // the piece ends
      if (v[k].text == "“" || v[k].text == "”" || v[k].text == "‘" || v[k].text == "’") {
        closes = v[k].text;
        break;
      }
    }
    if (i + 1 < v.size() && v[i + 1].line == v[i].line) {
      v[i + 1].confidence = std::min(v[i + 1].confidence, internal::kDisputed);
    }
    if (closes == v[i].text) {
      v[i].text = v[i].text == "”" ? "“" : "‘";
    } else {
      v.erase(v.begin() + static_cast<long>(i));
      --i;
    }
  }
}

// A dash between digits (2021—2023) is read as the numeral 一, which never
// stands between Arabic digits.
void RepairDashes(std::vector<Symbol>* symbols) {
  for (size_t i = 1; i + 1 < symbols->size(); ++i) {
    Symbol& s = (*symbols)[i];
    Symbol& prev = (*symbols)[i - 1];
    const Symbol& next = (*symbols)[i + 1];
    if (s.text == "一" && prev.line == s.line && next.line == s.line &&
        prev.text.size() == 1 && AllDigits(prev.text) && next.text.size() == 1 &&
        AllDigits(next.text)) {
      s.text = "—";
      prev.word_end = s.word_end = false;  // one token, 2021—2023
    }
  }
}

// Erases the symbols whose `drop` is set, keeping the others' order.
void EraseMarked(const std::vector<bool>& drop, std::vector<Symbol>* symbols) {
  size_t kept = 0;
  for (size_t i = 0; i < symbols->size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) (*symbols)[kept] = std::move((*symbols)[i]);
    ++kept;
  }
  symbols->resize(kept);
}

// A line that opens with a sequence number (digits, then . ． or 、) never
// goes on with a pause or a stop (，、。；：,;:): one read there is the
// recogniser's filling of the gap after the number (3.， ，支持 from the
// grey image of a turned page, where the binary one read 3. 支持; the
// number did not start a row, and two rows ran together). It is dropped
// and the number doubted.
void DropPausesAfterNumbers(std::vector<Symbol>* symbols) {
  static const std::set<std::string> kPauses = {"，", "、", "。", "；",
                                                "：", ",",  ";",  ":"};
  std::vector<bool> drop(symbols->size());
  for (size_t from = 0; from < symbols->size();) {
    size_t to = from;
    while (to < symbols->size() &&
           (*symbols)[to].line == (*symbols)[from].line) {
      ++to;
    }
    size_t i = from;
    while (i < to && AllDigits((*symbols)[i].text)) ++i;
    const bool marker =
        i > from && i < to &&
        ((*symbols)[i].text == "." || (*symbols)[i].text == "．" ||
         (*symbols)[i].text == "、");
    size_t k = i + 1;
    for (; marker && k < to && kPauses.count((*symbols)[k].text); ++k) {
      drop[k] = true;
    }
    for (size_t n = from; k > i + 1 && n <= i; ++n) {
      (*symbols)[n].confidence =
          std::min((*symbols)[n].confidence, internal::kDisputed);
    }
    from = to;
  }
  EraseMarked(drop, symbols);
}

// Chinese text quotes with “”; OCR reads some as ASCII ". In a line with
// ideographs, a " closes the “ left open before it on the line, else opens
// when an ideograph follows it, else closes.
void RepairQuotes(std::vector<Symbol>* symbols) {
  for (size_t from = 0; from < symbols->size();) {
    size_t to = from;
    bool chinese = false;
    for (; to < symbols->size() && (*symbols)[to].line == (*symbols)[from].line; ++to) {
      chinese = chinese || IsIdeograph((*symbols)[to].text);
    }
    bool open = false;
    for (size_t i = from; i < to && chinese; ++i) {
      std::string& t = (*symbols)[i].text;
      if (t == "\"") {
        t = !open && i + 1 < to && IsIdeograph((*symbols)[i + 1].text) ? "“" : "”";
      }
      if (t == "“") open = true;
      if (t == "”") open = false;
    }
    from = to;
  }
}

// A Latin full stop between two ideographs is a misread Chinese mark, and
// whether of ， or 。 the dot does not tell (LaTeX's fonts draw ， small):
// it is made unsure, so that its row is marked.
void DoubtLatinPoints(std::vector<Symbol>* symbols) {
  for (size_t i = 1; i + 1 < symbols->size(); ++i) {
    Symbol& s = (*symbols)[i];
    const Symbol& prev = (*symbols)[i - 1];
    const Symbol& next = (*symbols)[i + 1];
    if (s.text == "." && prev.line == s.line && next.line == s.line &&
        IsIdeograph(prev.text) && IsIdeograph(next.text)) {
      s.confidence = std::min(s.confidence, 0.5);
    }
  }
}

// An em this many times the page's, or more, is a size of its own (a
// title's); nearer, it is the page's (LineBoxes).
constexpr double kOwnSize = 1.45;
// Ink heights of ideographs of one size differ by less than this factor.
constexpr double kOneHeight = 1.15;

// The em box of a text line in pixels. Ideographs are drawn centred in their
// em square and fill about 0.9 of it, so the median of their ink boxes gives
// the line's centre and em (a line of fewer than five takes the page's em,
// unless two or more of one height are kOwnSize times it); a line without
// any keeps its ink extent. Like the PDF reader's font boxes, this does not
// wobble with which characters a line holds.
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
  // Fewer give no reliable median (一 is flat; a misread box may span
  // lines), but a title's short piece (成都市, read apart from 2022) has
  // ideographs of one height, each far taller than the page's em.
  double em = centres.size() >= 5 || page_em <= 0 ? Median(heights) / 0.9 : page_em;
  const double shortest = *std::min_element(heights.begin(), heights.end());
  const double tallest = *std::max_element(heights.begin(), heights.end());
  if (centres.size() < 5 && heights.size() >= 2 &&
      tallest < kOneHeight * shortest && shortest / 0.9 > kOwnSize * page_em) {
    em = shortest / 0.9;
  }
  double centre = Median(centres);
  return {centre - em / 2, centre + em / 2};
}

}  // namespace

namespace internal {

void TightenToInk(Pix* binary, std::vector<Symbol>* symbols) {
  for (Symbol& s : *symbols) {
    if (s.x1 <= s.x0 || s.y1 <= s.y0) continue;
    Box* area = boxCreate(s.x0, s.y0, s.x1 - s.x0, s.y1 - s.y0);
    Box* ink = nullptr;
    if (pixClipBoxToForeground(binary, area, nullptr, &ink) == 0 &&
        ink != nullptr) {
      s.x0 = ink->x, s.x1 = ink->x + ink->w;
    }
    boxDestroy(&ink);
    boxDestroy(&area);
  }
}

void EmptySpeckCells(Pix* binary, const std::vector<CellRect>& rects,
                     std::vector<std::vector<Symbol>>* cells) {
  std::vector<Symbol> all;
  for (const std::vector<Symbol>& c : *cells) {
    all.insert(all.end(), c.begin(), c.end());
  }
  const double em = PageEm(all);
  if (em <= 0) return;
  for (size_t i = 0; i < rects.size(); ++i) {
    if ((*cells)[i].empty()) continue;
    PixPtr ink(pixClipRectangle(binary, rects[i].box, nullptr));
    Boxa* pieces = ink == nullptr ? nullptr : pixConnCompBB(ink.get(), 8);
    bool specks = pieces != nullptr;
    for (int k = 0; specks && k < boxaGetCount(pieces); ++k) {
      l_int32 x, y, w, h;
      boxaGetBoxGeometry(pieces, k, &x, &y, &w, &h);
      specks = std::max(w, h) < em * kSpeck;
    }
    boxaDestroy(&pieces);
    if (specks) (*cells)[i].clear();
  }
}

void DropSpecks(Pix* binary, double em, std::vector<Symbol>* symbols) {
  const int piece = static_cast<int>(em * kSpeck);  // rounded down
  if (piece < 1) return;
  PixPtr big(pixSelectBySize(binary, piece, piece, 8, L_SELECT_IF_EITHER,
                             L_SELECT_IF_GTE, nullptr));
  auto inked = [](Pix* pix, Box* box) {
    Box* ink = nullptr;
    const bool any =
        pixClipBoxToForeground(pix, box, nullptr, &ink) == 0 && ink != nullptr;
    boxDestroy(&ink);
    return any;
  };
  // Alone: no symbol of its line within an em (the engine's boxes of
  // characters inside a line are too rough to judge their ink by).
  auto near = [&](const Symbol& s, size_t j) {
    const Symbol& t = (*symbols)[j];
    return t.line == s.line && t.x0 <= s.x1 + em && t.x1 >= s.x0 - em;
  };
  auto alone = [&](size_t i) {
    const Symbol& s = (*symbols)[i];
    return !(i > 0 && near(s, i - 1)) &&
           !(i + 1 < symbols->size() && near(s, i + 1));
  };
  std::vector<bool> drop(symbols->size());
  for (size_t i = 0; i < symbols->size(); ++i) {
    const Symbol& s = (*symbols)[i];
    const char32_t c = FirstCodePoint(s.text);
    const bool sizable = IsIdeograph(s.text) || lexicon::IsDash(c) ||
                         (c < 0x80 && std::isalnum(static_cast<int>(c)));
    if (!sizable || big == nullptr || s.x1 <= s.x0 || s.y1 <= s.y0 || !alone(i))
      continue;
    Box* box = boxCreate(s.x0, s.y0, s.x1 - s.x0, s.y1 - s.y0);
    drop[i] = inked(binary, box) && !inked(big.get(), box);
    boxDestroy(&box);
  }
  EraseMarked(drop, symbols);
}

namespace {

// A line of symbols [from, to) and the box their centres can fall in.
struct LineSpan {
  size_t from, to;
  int x0, x1, y0, y1;
};

std::vector<LineSpan> LineSpans(const std::vector<Symbol>& v) {
  std::vector<LineSpan> lines;
  for (size_t i = 0; i < v.size();) {
    LineSpan l{i, i, v[i].x0, v[i].x1, v[i].y0, v[i].y1};
    for (; l.to < v.size() && v[l.to].line == v[i].line; ++l.to) {
      l.x0 = std::min(l.x0, v[l.to].x0), l.x1 = std::max(l.x1, v[l.to].x1);
      l.y0 = std::min(l.y0, v[l.to].y0), l.y1 = std::max(l.y1, v[l.to].y1);
    }
    lines.push_back(l);
    i = l.to;
  }
  return lines;
}

// How many symbols of line `a` have their centre on a symbol of line `b`.
int SymbolsOn(const std::vector<Symbol>& v, const LineSpan& a,
              const LineSpan& b) {
  if (a.x1 < b.x0 - 2 || a.x0 > b.x1 + 2 || a.y1 < b.y0 || a.y0 > b.y1)
    return 0;
  int n = 0;
  for (size_t i = a.from; i < a.to; ++i) {
    const double cx = (v[i].x0 + v[i].x1) / 2.0, cy = (v[i].y0 + v[i].y1) / 2.0;
    for (size_t j = b.from; j < b.to; ++j) {
      if (cx >= v[j].x0 - 2 && cx <= v[j].x1 + 2 && cy >= v[j].y0 &&
          cy <= v[j].y1) {
        ++n;
        break;
      }
    }
  }
  return n;
}

std::vector<Symbol> SymbolsOf(const std::vector<Symbol>& v, const LineSpan& l) {
  return {v.begin() + static_cast<ptrdiff_t>(l.from),
          v.begin() + static_cast<ptrdiff_t>(l.to)};
}

}  // namespace

void DropDoubleReadings(std::vector<Symbol>* symbols) {
  const std::vector<Symbol>& v = *symbols;
  const std::vector<LineSpan> lines = LineSpans(v);
  std::vector<bool> dropped(lines.size());
  for (size_t a = 0; a < lines.size(); ++a) {
    for (size_t b = a + 1; b < lines.size() && !dropped[a]; ++b) {
      if (dropped[b]) continue;
      const LineSpan& la = lines[a];
      const LineSpan& lb = lines[b];
      const bool a_on_b =
          2 * SymbolsOn(v, la, lb) > static_cast<int>(la.to - la.from);
      const bool b_on_a =
          2 * SymbolsOn(v, lb, la) > static_cast<int>(lb.to - lb.from);
      if (a_on_b && b_on_a) {  // two readings of one line: the surer
        dropped[PreferSecond(SymbolsOf(v, la), SymbolsOf(v, lb)) ? a : b] =
            true;
      } else if (a_on_b || b_on_a) {  // a piece read again: the line stays
        dropped[a_on_b ? a : b] = true;
      }
    }
  }
  std::vector<Symbol> kept;
  for (size_t l = 0; l < lines.size(); ++l) {
    if (!dropped[l]) {
      const std::vector<Symbol> line = SymbolsOf(v, lines[l]);
      kept.insert(kept.end(), line.begin(), line.end());
    }
  }
  *symbols = std::move(kept);
}

double PageEm(const std::vector<Symbol>& symbols) {
  std::vector<double> heights;
  for (const Symbol& s : symbols) {
    if (IsIdeograph(s.text)) heights.push_back(s.y1 - s.y0);
  }
  return Median(std::move(heights)) / 0.9;
}

// A line of the engine's may hold the symbols of two text lines (its layout
// analysis joins the columns of a table without rulings where their lines
// sit at slightly different heights); it is split where the vertical
// centres of its ideographs leave a gap of half an em, and every other
// symbol goes with the part whose centres are nearest.
void SplitMixedLines(std::vector<Symbol>* symbols) {
  const double em = PageEm(*symbols);
  if (em <= 0 || symbols->empty()) return;
  int next = 0;
  for (const Symbol& s : *symbols) next = std::max(next, s.line + 1);
  for (size_t from = 0; from < symbols->size();) {
    size_t to = from;
    std::vector<double> centres;
    for (; to < symbols->size() && (*symbols)[to].line == (*symbols)[from].line; ++to) {
      const Symbol& s = (*symbols)[to];
      if (IsIdeograph(s.text)) centres.push_back((s.y0 + s.y1) / 2.0);
    }
    std::sort(centres.begin(), centres.end());
    std::vector<double> cuts;  // between the parts
    for (size_t i = 1; i < centres.size(); ++i) {
      if (centres[i] - centres[i - 1] > em / 2) cuts.push_back((centres[i] + centres[i - 1]) / 2);
    }
    if (!cuts.empty()) {
      const int first = next;
      next += static_cast<int>(cuts.size());
      for (size_t i = from; i < to; ++i) {
        Symbol& s = (*symbols)[i];
        const double c = (s.y0 + s.y1) / 2.0;
        const auto part = std::upper_bound(cuts.begin(), cuts.end(), c) - cuts.begin();
        if (part > 0) s.line = first + static_cast<int>(part) - 1;
      }
    }
    from = to;
  }
  std::stable_sort(symbols->begin(), symbols->end(),
                   [](const Symbol& a, const Symbol& b) { return a.line < b.line; });
}

// Each engine line's em box (EmBoxOf), made as uniform as the PDF
// reader's font boxes: an em within a fifth of the page's is the page's,
// and lines whose centres lie within a quarter em of each other (pieces of
// one text line read apart, whose ink boxes jitter) share their centre.
std::map<int, LineBox> LineBoxes(const std::vector<Symbol>& symbols, double page_em) {
  struct Line {
    int id;
    double centre, em;
  };
  std::vector<Line> lines;
  for (size_t i = 0; i < symbols.size();) {
    size_t end = i;
    while (end < symbols.size() && symbols[end].line == symbols[i].line) ++end;
    const LineBox box = EmBoxOf(symbols, i, end, page_em);
    double em = box.y1 - box.y0;
    // An em within 45 % of the page's is the page's, as a PDF glyph's box is
    // its font's whatever its ink. An engine line that runs pieces of
    // neighbouring columns together at slightly different heights gets
    // symbol boxes up to 1.4 ems tall (measured at 300 dpi), a line of
    // digits or brackets ink boxes half an em tall; either box moves its
    // gaps to the lines beside it off the cells' leading (three-line table
    // at 300 dpi: 48 -> 46 rows for 29, CER 27 -> 24 %; suzhou word 24 -> 26
    // rows for 25, CER 16 -> 4.4 %, no silent row). A title (1.5 times the
    // body size and more) keeps its own.
    if (page_em > 0 && std::fabs(em / page_em - 1) < kOwnSize - 1) em = page_em;
    lines.push_back({symbols[i].line, (box.y0 + box.y1) / 2, em});
    i = end;
  }
  std::sort(lines.begin(), lines.end(),
            [](const Line& a, const Line& b) { return a.centre < b.centre; });
  std::map<int, LineBox> boxes;
  for (size_t i = 0; i < lines.size();) {
    size_t end = i + 1;
    double sum = lines[i].centre;
    while (end < lines.size() && lines[end].em == lines[i].em &&
           lines[end].centre - lines[i].centre < lines[i].em / 4) {
      sum += lines[end++].centre;
    }
    const double centre = sum / static_cast<double>(end - i);
    for (; i < end; ++i) {
      boxes[lines[i].id] = {centre - lines[i].em / 2, centre + lines[i].em / 2};
    }
  }
  return boxes;
}

}  // namespace internal

namespace {

// Where symbols[i]'s ink sits in its em slot, for punctuation a PDF's glyph
// box spans whole: -1 at the left (，。、；：！？）》” and their ASCII
// forms after an ideograph; OCR reads ； as ;), +1 at the right (（《“ and
// ASCII ( before an ideograph), 0 for anything else. Its ink box alone
// leaves a gap of up to an em to its neighbour, which would cut the line
// there as a gutter does.
int InkSide(const std::vector<Symbol>& symbols, size_t i) {
  static constexpr std::u32string_view kLeft = U"，。、；：！？）》”’」』";
  static constexpr std::u32string_view kRight = U"（《“‘「『";
  const Symbol& s = symbols[i];
  const char32_t c = FirstCodePoint(s.text);
  if (kLeft.find(c) != std::u32string_view::npos) return -1;
  if (kRight.find(c) != std::u32string_view::npos) return 1;
  auto ideograph = [&](size_t j) {
    return j < symbols.size() && symbols[j].line == s.line && IsCjk(symbols[j].text) &&
           FirstCodePoint(symbols[j].text) < 0xFF00;
  };
  if (s.text.size() != 1) return 0;
  if (std::string_view(",.;:!?)").find(s.text[0]) != std::string_view::npos) {
    return i > 0 && ideograph(i - 1) ? -1 : 0;
  }
  return s.text[0] == '(' && ideograph(i + 1) ? 1 : 0;
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
  internal::SplitMixedLines(&symbols);
  internal::DropDoubleReadings(&symbols);
  for (size_t i = 1; i < symbols.size(); ++i) {
    Symbol& s = symbols[i];
    const Symbol& prev = symbols[i - 1];
    if (s.line != prev.line) continue;
    s.x0 = std::max(s.x0, prev.x0 + 1);
    s.x1 = std::max(s.x1, s.x0 + 1);
  }
  RepairWrappedOpeners(&symbols);
  RepairBrackets(&symbols);
  RestoreBracketedNumerals(&symbols);
  RepairQuotes(&symbols);
  RepairOpeningClosers(&symbols);
  RepairDashes(&symbols);
  DropPausesAfterNumbers(&symbols);
  DoubtLatinPoints(&symbols);
  const double pt = 72.0 / dpi;
  std::vector<extractor::Glyph> glyphs;
  glyphs.reserve(symbols.size());
  const double page_em = PageEm(symbols);
  const std::map<int, LineBox> boxes = internal::LineBoxes(symbols, page_em);
  // Punctuation spans its em slot (InkSide): an opener's box reaches back,
  // a closer's forward (below), never over a neighbour's ink.
  std::vector<int> side(symbols.size());
  for (size_t i = 0; i < symbols.size(); ++i) side[i] = InkSide(symbols, i);
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (side[i] <= 0) continue;
    Symbol& s = symbols[i];
    const LineBox& line = boxes.at(s.line);
    int x0 = std::min(s.x0, s.x1 - static_cast<int>(std::lround(line.y1 - line.y0)));
    if (i > 0 && symbols[i - 1].line == s.line) x0 = std::max(x0, symbols[i - 1].x1);
    s.x0 = std::min(s.x0, x0);
  }
  for (size_t i = 0; i < symbols.size(); ++i) {
    const Symbol& s = symbols[i];
    const LineBox& line = boxes.at(s.line);
    const double height = line.y1 - line.y0;
    int x1 = s.x1;
    const bool same_line = i + 1 < symbols.size() && symbols[i + 1].line == s.line;
    if (side[i] < 0) {
      x1 = std::max(x1, s.x0 + static_cast<int>(std::lround(height)));
      if (same_line) x1 = std::min(x1, std::max(s.x1, symbols[i + 1].x0));
    }
    bool space = s.word_end;
    if (same_line) {
      const Symbol& next = symbols[i + 1];
      bool cjk = IsCjk(s.text) || IsCjk(next.text);
      // The engine may run words apart by a gutter into one (配合单位时间节点):
      // ideographs further apart than an em keep their gap.
      if (next.x0 - x1 < height ? cjk || !s.word_end : !s.word_end && !cjk) {
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

namespace {

// Each line of a page pass with a symbol under kSureGlyph is read again on
// its own (RecognizeArea: the binary and the grey image; TakeSurerLine). A
// line taller than 1.5 ems runs pieces of neighbouring columns together and
// is left as read. On the unruled corpus scans (12 at 150-300 dpi): 3 more
// usable rows than without it (the page method), row counts unchanged, for
// 0.3-1.4 s more per page; re-reading sure lines too gained one more row
// for 15-45 % more time.
void RereadPageLines(tesseract::TessBaseAPI* api, const PreparedPage& page,
                     std::vector<Symbol>* symbols) {
  const double em = PageEm(*symbols);
  if (em <= 0) return;
  int next = 0;
  for (const Symbol& s : *symbols) next = std::max(next, s.line + 1);
  std::vector<Symbol> out;
  for (size_t i = 0; i < symbols->size();) {
    size_t end = i;
    int x0 = (*symbols)[i].x0, x1 = (*symbols)[i].x1;
    while (end < symbols->size() &&
           (*symbols)[end].line == (*symbols)[i].line) {
      x0 = std::min(x0, (*symbols)[end].x0);
      x1 = std::max(x1, (*symbols)[end].x1);
      ++end;
    }
    std::vector<Symbol> pass(symbols->begin() + static_cast<ptrdiff_t>(i),
                             symbols->begin() + static_cast<ptrdiff_t>(end));
    const int y0 = pass.front().line_y0, y1 = pass.front().line_y1;
    i = end;
    const bool sure =
        std::all_of(pass.begin(), pass.end(),
                    [](const Symbol& s) { return s.confidence >= kSureGlyph; });
    if (y1 - y0 > 1.5 * em || sure) {
      out.insert(out.end(), pass.begin(), pass.end());
      continue;
    }
    std::vector<Symbol> again;
    int line = next;
    Box* box = boxCreate(x0, y0, x1 - x0, y1 - y0);
    RecognizeArea(api, page, box, tesseract::PSM_SINGLE_LINE, &line, &again);
    boxDestroy(&box);
    internal::TakeSurerLine(again, &pass);
    out.insert(out.end(), pass.begin(), pass.end());
  }
  *symbols = std::move(out);
}

// An engine line of `symbols` (grouped by line): [begin, end), its opener
// [begin, cut), the symbols before its first gap over `em` in `inked` (the
// same symbols with boxes cut to their ink), and the text of both.
struct OpenerLine {
  size_t begin, cut, end;
  std::string opener, text;
};

std::vector<OpenerLine> OpenerLines(const std::vector<Symbol>& symbols,
                                    const std::vector<Symbol>& inked,
                                    double em) {
  std::vector<OpenerLine> lines;
  for (const Piece& p : PiecesApart(inked, em)) {
    const bool opens =
        lines.empty() || symbols[p.begin].line != symbols[lines.back().begin].line;
    if (opens) lines.push_back({p.begin, p.end, p.end, "", ""});
    OpenerLine& l = lines.back();
    for (size_t k = p.begin; k < p.end; ++k) {
      if (opens) l.opener += symbols[k].text;
      l.text += symbols[k].text;
    }
    l.end = p.end;
  }
  return lines;
}

}  // namespace

namespace internal {

void RereadSeqOpeners(tesseract::TessBaseAPI* api, const PreparedPage& page,
                      std::vector<Symbol>* symbols) {
  const double em = PageEm(*symbols);
  if (em <= 0) return;
  // Gaps are judged on boxes cut to their ink: the engine's box of a
  // misread number can span the gap after it.
  std::vector<Symbol> inked = *symbols;
  TightenToInk(page.sharp.get(), &inked);
  const std::vector<OpenerLine> lines = OpenerLines(*symbols, inked, em);
  std::vector<double> column;  // left edges of openers that are numbers
  for (const OpenerLine& l : lines) {
    if (lexicon::ParseSeq(l.opener)) column.push_back(inked[l.begin].x0);
  }
  if (column.size() < 3) return;
  const double x = Median(column);
  DigitReader reader(api, "0123456789.()");
  // By the line's first symbol: its opener's end and what replaces it.
  std::map<size_t, std::pair<size_t, std::vector<Symbol>>> readings;
  for (const OpenerLine& l : lines) {
    const Symbol& first = inked[l.begin];
    if (l.cut - l.begin > 2 || std::fabs(first.x0 - x) > em ||
        lexicon::ParseSeq(l.opener) || lexicon::SectionLevel(l.text) > 0 ||
        extractor::ClassifyHeader(l.opener) != extractor::ColumnKey::kExtra) {
      continue;
    }
    int x1 = first.x1;
    for (size_t k = l.begin; k < l.cut; ++k) x1 = std::max(x1, inked[k].x1);
    Box* box = boxCreate(first.x0, first.line_y0, x1 - first.x0,
                         first.line_y1 - first.line_y0);
    std::vector<Symbol> again;
    int unused = 0;
    RecognizeCell(reader.get(), page, box, &unused, &again);
    boxDestroy(&box);
    const bool sure =
        std::all_of(again.begin(), again.end(),
                    [](const Symbol& s) { return s.confidence >= kSureGlyph; });
    if (!sure || !lexicon::ParseSeq(TextOf(again))) continue;
    for (Symbol& s : again) {
      s.line = first.line;
      s.line_y0 = first.line_y0, s.line_y1 = first.line_y1;
      s.confidence = std::min(s.confidence, kDisputed);
    }
    readings[l.begin] = {l.cut, std::move(again)};
  }
  if (readings.empty()) return;
  std::vector<Symbol> out;
  for (size_t i = 0; i < symbols->size(); ++i) {
    auto it = readings.find(i);
    if (it == readings.end()) {
      out.push_back(std::move((*symbols)[i]));
      continue;
    }
    const auto& [cut, again] = it->second;
    out.insert(out.end(), again.begin(), again.end());
    i = cut - 1;  // the opener's symbols are replaced
  }
  *symbols = std::move(out);
}

}  // namespace internal

Result<std::vector<extractor::Glyph>> Recognize(const PreparedPage& page,
                                                const std::string& lang,
                                                Method method) {
  Result<tesseract::TessBaseAPI*> engine = EngineFor(lang);
  if (!engine.ok()) return engine.status();
  tesseract::TessBaseAPI* api = *engine;
  std::vector<Symbol> symbols;
  std::vector<CellRect> rects;
  if (method == Method::kCell) rects = CellRects(page);
  if (!rects.empty()) {
    RecognizeCells(api, page, rects, &symbols);
    for (CellRect& r : rects) boxDestroy(&r.box);
  } else {
    int line = 0;
    internal::ReadPage(api, page.sharp.get(), PageLines(page), page.dpi, &line,
                       &symbols);
    if (method == Method::kCell) {
      RereadPageLines(api, page, &symbols);
      RereadHeaderLines(api, page, &symbols);
      internal::RereadSeqOpeners(api, page, &symbols);
    }
    ReadLeftovers(api, page, page.sharp.get(), 0, &line, &symbols);
  }
  api->Clear();
  internal::TightenToInk(page.sharp.get(), &symbols);
  internal::DropSpecks(page.sharp.get(), internal::PageEm(symbols), &symbols);
  return GlyphsFromSymbols(std::move(symbols), page.dpi);
}

}  // namespace plan2json::ocr
