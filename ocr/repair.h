// Copyright 2026 The plan2json Authors.
//
// Checks and repairs what OCR read, once the plan layer has built rows from
// OCR'd pages: department names a small edit away from a known name are
// snapped to it; a row is marked low-confidence, with a warning saying why,
// when it holds a word OCR was unsure of, a snapped or unknown department
// name, an unparsable deadline or a sequence number that is not a number,
// or when its page's table has no rulings (rows recovered from the
// alignment of OCR'd text).

#ifndef PLAN2JSON_OCR_REPAIR_H_
#define PLAN2JSON_OCR_REPAIR_H_

#include <string>
#include <vector>

#include "extractor/page.h"
#include "extractor/plan.h"
#include "extractor/table.h"
#include "normalizer/normalizer.h"

namespace plan2json::ocr {

// A glyph below this confidence makes its cell (and row) unsure. Measured
// on corpus scans: cells read right have glyphs at 0.95-0.99; misread ones
// mostly lower (0.62-0.94), a few not (a dropped digit at 0.97).
constexpr double kSureGlyph = 0.95;

// The confidence of a symbol two readings of its line disagree on: a coin
// toss between them (the engine's own confidence stays high when it drops a
// comma one image shows).
constexpr double kDisputed = 0.5;

// The confidence of a symbol read again restricted to the characters
// expected there (a header word in the header names' characters): the
// restriction, as much as the ink, chose it.
constexpr double kGuessed = 0.25;

// Gives each cell of `grid` the lowest confidence of the glyphs of `page`
// whose centre lies in it (never raising a cell's confidence).
void SetCellConfidence(const extractor::Page& page, extractor::Grid* grid);

// A table's header repeated on later pages is a copy of the first page's.
// The copies of each header cell are the cells at its place on every grid
// with the same columns (column count, edges within 3 pt where ruled). They
// agree on one reading: a text layer's if a copy has one, else a known
// column name over an unknown one, else the commonest, then the surest
// (cell confidence). On the OCR'd pages in `ocr_pages`, a copy a few
// characters off that reading, one read with a glyph under kSureGlyph, or
// one OCR read nothing in, takes it. So one misread or lost header word, on the
// first page or a later one, does not give a column a wrong name or cost a page
// its column meanings. The first header is the first grid whose top row names
// at least three known columns (extractor::ClassifyHeader).
void RepeatHeaders(const std::vector<int>& ocr_pages,
                   std::vector<extractor::Grid>* grids);

// A header cell OCR misread may name no column, and its column then goes
// unread (具体措施 read as 具评座施: the measures land in a notes column).
// On the pages in `ocr_pages`, in every grid whose top row names at least
// three known columns, a top-row cell that names none and holds a glyph
// under kSureGlyph is taken as the nearest of extractor::CommonHeaderNames
// when no other is as near, it is at most half the reading's length away
// (rounded up), and no other cell of the row names its column. A top-row
// cell that names a column with a glyph under kDisputed (read again in the
// header names' characters: kGuessed) is a guess too. Returns one warning
// (ocr_header) per cell changed or guessed; the caller marks the rows low.
std::vector<Warning> SnapHeaders(const std::vector<int>& ocr_pages,
                                 std::vector<extractor::Grid>* grids);

// How far (in code points) an OCR reading may be from a known department
// name to be snapped to it: 1 up to 6 characters, 2 above. Readings under 4
// characters, and edits of the first character, are never snapped.
int SnapDistance(const std::string& reading);

// Snaps department names and marks rows of `plan`, built from `grids` (the
// OCR'd pages' grids and any text-layer pages'), adding one warning per
// finding to plan->warnings. `ocr_pages` lists the pages read by OCR: rows
// wholly from other pages are left alone.
void RepairPlan(const std::vector<extractor::Grid>& grids,
                const std::vector<int>& ocr_pages,
                const normalizer::DepartmentDict& dict,
                extractor::RawPlan* plan);

namespace internal {

// Pairs a cell's quotation marks (“” and ‘’ alike; a quotation never runs
// from one cell into another, and the same kind never nests). OCR mistakes
// one mark for its mirror image, and reads marks out of specks in the
// gutters between columns: a second opening mark before a closing one is
// the closing one; a closing mark with none open is an opening one when
// another closing mark follows before any opening one; any other mark that
// pairs with none is dropped. Returns how many marks were changed; RepairPlan
// flags the row when any was.
int PairQuotes(std::vector<std::string>* lines);

}  // namespace internal

}  // namespace plan2json::ocr

#endif  // PLAN2JSON_OCR_REPAIR_H_
