// Copyright 2026 The plan2json Authors.
//
// Test helper: a synthetic ruled table page, so extractor tests can describe
// a table as text instead of shipping PDFs.
//
//   MakeTablePage(1, {50, 90, 200, 400}, {{"序号", "任务", "措施"},
//                                         {"1", "甲\n乙", "一句。"},
//                                         {"^", "^", "二句。"}});
//
// Cell markers: "^" merges with the cell above (no ruling between), "<" with
// the cell to the left. "\n" separates lines. Glyphs are 10 pt squares;
// rows are 15 pt per line + 10 pt padding. `above` lines go over the table.

#ifndef PLAN2JSON_EXTRACTOR_TESTING_TABLE_PAGE_H_
#define PLAN2JSON_EXTRACTOR_TESTING_TABLE_PAGE_H_

#include <string>
#include <vector>

#include "extractor/page.h"

namespace plan2json::extractor::testing {

Page MakeTablePage(int number, const std::vector<double>& col_edges,
                   const std::vector<std::vector<std::string>>& rows,
                   const std::vector<std::string>& above = {},
                   const std::vector<std::string>& below = {});

}  // namespace plan2json::extractor::testing

#endif  // PLAN2JSON_EXTRACTOR_TESTING_TABLE_PAGE_H_
