// Copyright 2026 The plan2json Authors.
//
// Fuzzes the deadline parser (ParseDeadline). The first two bytes choose the
// plan year (0 = unknown, else 1900..2155), the rest is the printed text.
// Checks the result's shape: a date exactly when the kind is kDate, and the
// date a real calendar day "YYYY-MM-DD".

#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_util.h"
#include "normalizer/normalizer.h"

namespace {

bool IsCalendarDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  int y = std::stoi(d.substr(0, 4)), m = std::stoi(d.substr(5, 2)),
      day = std::stoi(d.substr(8, 2));
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || day < 1 || day > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && day == 29 && !leap);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plan2json;
  int year = 0;
  if (size >= 2) {
    year = data[0] == 0 ? 0 : 1900 + data[1];
    data += 2;
    size -= 2;
  }
  normalizer::Due due = normalizer::ParseDeadline(fuzz::AsView(data, size), year);
  if ((due.kind == normalizer::Due::Kind::kDate) != due.date.has_value()) {
    std::abort();
  }
  if (due.date && !IsCalendarDate(*due.date)) std::abort();
  return 0;
}
