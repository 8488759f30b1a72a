// Copyright 2026 The plan2json Authors.
//
// Layout dumps (pdftotext -layout): columns from character positions.

#include "extractor/text_dump.h"

namespace plan2json::extractor::textdump {

Result<RawPlan> ReadLayout(const DumpPages& dump,
                           const normalizer::DepartmentDict& dict) {
  (void)dump;
  (void)dict;
  return Status(Status::Code::kInternal, "layout dumps: not yet");
}

}  // namespace plan2json::extractor::textdump
