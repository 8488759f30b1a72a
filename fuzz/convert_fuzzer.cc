// Copyright 2026 The plan2json Authors.
//
// Fuzzes the whole pipeline on bytes in memory (ConvertBytes): PDF, Word or
// Excel package, or text dump, through extraction, normalization, JSON emission and schema
// validation. A conversion that succeeds must give a document valid against
// the schema; kSchema (an emitted document the schema rejects) is a bug.

#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_util.h"
#include "pipeline/convert.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plan2json;
  // No LibreOffice process per input that looks like a .doc or .rtf.
  static const ConvertOptions options = [] {
    ConvertOptions o;
    o.use_libreoffice = false;
    return o;
  }();
  Result<Conversion> conv =
      ConvertBytes(fuzz::AsView(data, size), "input", options);
  if (!conv.ok() && conv.status().code() == Status::Code::kSchema) {
    std::abort();
  }
  return 0;
}
