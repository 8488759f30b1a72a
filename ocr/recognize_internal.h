// Copyright 2026 The plan2json Authors.
//
// Internals of recognize.cc that need no OCR engine, exposed for
// ocr_test only (not part of the engine's interface, engine.h).

#ifndef PLAN2JSON_OCR_RECOGNIZE_INTERNAL_H_
#define PLAN2JSON_OCR_RECOGNIZE_INTERNAL_H_

#include <leptonica/allheaders.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ocr/recognize.h"
#include "ocr/repair.h"  // kSureGlyph, kDisputed, kGuessed

namespace tesseract {
class TessBaseAPI;
}  // namespace tesseract

namespace plan2json::ocr::internal {

// The calling thread's engine for `lang` (one per language and thread).
Result<tesseract::TessBaseAPI*> EngineFor(const std::string& lang);

// Reads a whole page (PSM_AUTO) with `api` from EngineFor: its layout
// from the binary `layout`, its lines from `grey` (the same page with
// rulings and specks made white, PreparedPage::clean_grey; `layout` itself
// reads it as before); symbols are appended to `out`, line numbers
// continue from `*line`. Read from the binary image, thin strokes that
// anti-aliasing left light were gone from the characters our threshold
// made: on the jianghuai latex corpus scan at 200 dpi 宣 read as 定, 贯 as
// 鞭, 干 as 十 (CER 11.0 %; read from the grey image, 3.9 %). Given the
// grey image alone, the engine's own layout of it broke another scan's
// table (suzhou word at 200 dpi: 28 rows for 25).
void ReadPage(tesseract::TessBaseAPI* api, Pix* layout, Pix* grey, double dpi,
              int* line, std::vector<Symbol>* out);

// A ruled table's cell in pixels.
struct CellRect {
  Box* box = nullptr;
  int row = 0, col = 0;
  bool one_column = true;  // spans a single column
};

// Bands of pixel rows [y0, y1) of `ink` (a binary image cut to a cell's
// ink) that each hold one text line; {{0, h}} when no run of ink is as
// thick as a line, empty when lines touch.
std::vector<std::pair<int, int>> TextLineBands(Pix* ink, double dpi);

// Columns of sequence numbers, whose cells are read again as digits:
// `cells[i]` is what was read in `rects[i]`.
std::set<int> DigitColumns(const std::vector<CellRect>& rects,
                           const std::vector<std::vector<Symbol>>& cells);

// Reads the cells of DigitColumns again with the Latin model, digits only
// (`api` when that model is missing); a cell takes that reading when it is
// all digits. Header words are not read again.
void RereadDigitColumns(tesseract::TessBaseAPI* api, const PreparedPage& page,
                        const std::vector<CellRect>& rects, int* line,
                        std::vector<std::vector<Symbol>>* cells);

// On a page read whole (a table without rulings), the column of sequence
// numbers that open engine lines (the symbols before the line's first gap
// over an em, judged on boxes cut to their ink; at least three that
// lexicon::ParseSeq reads, their left edges' median its place): an opener
// of one or two symbols within an em of it that is no number nor a header
// word, on a line that is no section heading, is read again by the Latin
// model (digits, point and brackets only) and takes that reading, doubted
// (kDisputed), when it is a number read with every symbol sure
// (kSureGlyph). Read from the grey image, a
// turned suzhou word page gave 4. as 十, which started no row: two rows ran
// together. Symbols grouped by line.
void RereadSeqOpeners(tesseract::TessBaseAPI* api, const PreparedPage& page,
                      std::vector<Symbol>* symbols);

// A piece of ink under this fraction of the page's em both ways is a speck
// (the smallest mark a cell holds alone, a placeholder dash, is half an em
// wide; a 1 % salt-and-pepper speck scaled to 300 dpi, a tenth).
inline constexpr double kSpeck = 0.2;

// Empties the cells whose ink in `binary` is all specks, pieces each
// under kSpeck of the page's em each way (PageEm over every cell's
// symbols): dust, noise, a ruling's stub, whatever the engine read in them
// (a dash, a point that made an empty task cell look like a new task).
void EmptySpeckCells(Pix* binary, const std::vector<CellRect>& rects,
                     std::vector<std::vector<Symbol>>* cells);

// Two readings of one line with as many symbols: where they differ, the
// picked one takes the other's symbol when that is surer (text and
// confidence; boxes stay). DoubtDisputed still doubts every difference.
void TakeSurerSymbols(const std::vector<Symbol>& other,
                      std::vector<Symbol>* pick);

// Of two readings of the same ink, whether to keep the second: the one
// whose least sure symbol is surer wins (a misread character is mostly the
// line's least sure), the first on a tie; an empty reading never wins over
// one that read something. (Measured against the mean confidence and the
// mean log-confidence: the least confidence picked 77 usable rows where
// they picked 76, on the four ruled corpus scans at 200 dpi.)
bool PreferSecond(const std::vector<Symbol>& first, const std::vector<Symbol>& second);

using ::plan2json::ocr::kDisputed;
using ::plan2json::ocr::kGuessed;

// A page pass's line `pass` read again as `again`: when `again` has as many
// symbols and is surer (PreferSecond), they lend `pass` their text and
// confidence one for one, and `pass` keeps its boxes (the table is found
// from them; a line read alone gets boxes of its own, which moved rows).
// Either way the symbols the two readings disagree on are doubted.
void TakeSurerLine(const std::vector<Symbol>& again, std::vector<Symbol>* pass);

// Lowers to kDisputed the confidence of the symbols of `pick` where `other`
// (another reading of the same line) differs from it: the stretch between
// their common start and common end, or, where `pick` lacks what `other`
// has, the symbols either side of the gap.
void DoubtDisputed(const std::vector<Symbol>& other, std::vector<Symbol>* pick);

// A pixel rectangle.
struct PixelRect {
  int x = 0, y = 0, w = 0, h = 0;
};

// The pieces of `image`'s ink at `dpi` that the symbols `read` (a page
// pass's, in line order) leave unread, each to be read like a cell.
std::vector<PixelRect> UnreadPieces(Pix* image, double dpi,
                                    const std::vector<Symbol>& read);

// The characters of the column names extractor::CommonHeaderNames knows,
// each once, in order of first use.
std::string HeaderAlphabet();

// A header word OCR misread names no column, and that column's cells are
// then read as something else (具体措施 read as 具诗活记 on a noisy 150 dpi
// scan: the measures went into a notes column). Of
// `pieces` (the cells of one table row, or the pieces of one page line,
// read in `rects`), when at least three name a known column
// (extractor::ClassifyHeader), each that names none and holds a symbol
// under kSureGlyph is read again restricted to HeaderAlphabet(). The
// reading is taken, as a guess (kGuessed: SnapHeaders marks the rows low),
// when it is one of the names
// (extractor::CommonHeaderNames), its column is named by no other piece,
// and its ideographs hold, in order, every ideograph the first reading
// was sure of.
void RereadHeaderWords(tesseract::TessBaseAPI* api, const PreparedPage& page,
                       const std::vector<PixelRect>& rects,
                       std::vector<std::vector<Symbol>>* pieces);

// A text line's em box in pixels.
struct LineBox {
  double y0, y1;
};

// The page's em in pixels from its ideographs' ink heights (0 if none).
double PageEm(const std::vector<Symbol>& symbols);

// Narrows each symbol's box to the columns of `binary` (the page, 1 bpp)
// holding ink inside it. The engine's boxes come from its recogniser's
// timesteps and may take in the blank beside a character: a word's last
// character spanned a 16 pt gutter to the next column's header, which then
// read as one cell (配合单位时间节点). A box without ink is kept.
void TightenToInk(Pix* binary, std::vector<Symbol>* symbols);

// Drops the symbols read as an ideograph, a letter, a digit or a dash,
// alone (no symbol of their line within an em), over ink that is all
// specks: their box meets ink in `binary` but no piece of it of kSpeck of
// `em` or more either way (noise read as 和 in a header's gutter made a column
// of its own). Punctuation can be as small as a speck and is left to the
// repairs that doubt it; a box without ink is kept. Symbols sorted by line,
// then x.
void DropSpecks(Pix* binary, double em, std::vector<Symbol>* symbols);

// Drops one of two engine lines that read the same ink: the engine's layout
// analysis may give it to two overlapping text lines (a page straightened
// by 1°: 生物物药技术创创新新中中心心, the two readings interleaved). A line
// over half of whose symbols have their centre on a symbol of another line
// is a reading of that line's ink: when each is so on the other, the one
// PreferSecond picks is kept; otherwise the piece goes and the line stays.
// Symbols sorted by line.
void DropDoubleReadings(std::vector<Symbol>* symbols);

// Splits an engine line holding two text lines (symbols sorted by line).
void SplitMixedLines(std::vector<Symbol>* symbols);

// Each line's em box, made uniform across the page.
std::map<int, LineBox> LineBoxes(const std::vector<Symbol>& symbols, double page_em);

}  // namespace plan2json::ocr::internal

#endif  // PLAN2JSON_OCR_RECOGNIZE_INTERNAL_H_
