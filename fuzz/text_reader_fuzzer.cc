// Copyright 2026 The plan2json Authors.
//
// Fuzzes the text-dump reader (text_reader.h): DecodeText on the raw bytes,
// then ReadTextDump with the detected kind and with the other kind too, so
// both readers see every input. Checks that every row has one cell list per
// column and page numbers within the pages counted.

#include <cstdint>
#include <cstdlib>
#include <string>

#include "extractor/text_reader.h"
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plan2json;
  using extractor::DumpKind;
  auto decoded = extractor::DecodeText(fuzz::AsView(data, size));
  if (!decoded.ok()) return 0;
  const DumpKind detected = extractor::DetectDumpKind(decoded->utf8);
  for (DumpKind kind : {detected, detected == DumpKind::kLayout
                                      ? DumpKind::kReadingOrder
                                      : DumpKind::kLayout}) {
    auto plan = extractor::ReadTextDump(decoded->utf8, kind);
    if (!plan.ok()) continue;
    for (const extractor::RawRow& row : plan->rows) {
      if (row.cells.size() != plan->columns.size()) std::abort();
      for (int p : row.pages) {
        if (p < 1 || (plan->pages > 0 && p > plan->pages)) std::abort();
      }
    }
  }
  return 0;
}
