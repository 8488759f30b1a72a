// Copyright 2026 The plan2json Authors.
//
// Synthetic geometry for grids read from Word and Excel, which have rows
// and columns but no page positions: the plan layer still looks at boxes
// (line heights, a cell's extent), so each text line gets 1.2 times its
// font size and each row the height of its tallest cell.

#ifndef PLAN2JSON_OOXML_LAYOUT_H_
#define PLAN2JSON_OOXML_LAYOUT_H_

#include <vector>

#include "extractor/table.h"

namespace plan2json::ooxml {

// Places `g`'s above lines from y = 0, its rows below them, then its below
// lines. Needs col_edges set and row_edges sized rows + 1.
void LayoutGrid(extractor::Grid* g);

}  // namespace plan2json::ooxml

#endif  // PLAN2JSON_OOXML_LAYOUT_H_
