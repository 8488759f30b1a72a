// Copyright 2026 The plan2json Authors.
//
// How close a conversion of a scan comes to the conversion of the born-
// digital PDF it was made from (issue 12's measure, as
// /work/shared/tools/score.py --mode ocr): rows are paired by the start of
// their measure text; a pair is usable when seq, deadline and the three
// department lists are equal and section, task and measure are each within
// 2 % character error. Comparing against the same build's PDF output
// isolates what OCR got wrong from what the plan layer gets wrong.

#ifndef PLAN2JSON_OCR_SCAN_SCORE_H_
#define PLAN2JSON_OCR_SCAN_SCORE_H_

#include <nlohmann/json.hpp>
#include <string>

namespace plan2json::ocr {

struct ScanScore {
  int reference_rows = 0;
  int scan_rows = 0;
  int usable = 0;
  // Rows that are neither usable nor marked confidence "low" (paired or
  // not, on either side): the silently wrong ones.
  int silent = 0;
  double cer = 0;  // section+task+measure character errors / characters, %
  std::string first_silent;  // what the first silent row looks like
};

// Code-point edit distance (exposed for tests).
int EditDistance(const std::u32string& a, const std::u32string& b);

ScanScore ScoreScan(const nlohmann::ordered_json& reference,
                    const nlohmann::ordered_json& scan);

}  // namespace plan2json::ocr

#endif  // PLAN2JSON_OCR_SCAN_SCORE_H_
