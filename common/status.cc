// Copyright 2026 The plan2json Authors.

#include "common/status.h"

#include <cstdio>
#include <cstdlib>

namespace plan2json {

const char* Status::CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "OK";
    case Code::kNotFound: return "not found";
    case Code::kEmpty: return "empty input";
    case Code::kCorrupt: return "corrupt input";
    case Code::kEncrypted: return "encrypted";
    case Code::kNoTextLayer: return "no text layer";
    case Code::kNoPlanTable: return "no plan table";
    case Code::kDecode: return "undecodable text";
    case Code::kInvalidArgument: return "invalid argument";
    case Code::kIoError: return "I/O error";
    case Code::kLimit: return "limit exceeded";
    case Code::kSchema: return "schema violation";
    case Code::kInternal: return "internal error";
    case Code::kOutOfMemory: return "out of memory";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(code_)) + ": " + message_;
}

Status Status::WithContext(const std::string& context) const {
  if (ok() || context.empty()) return *this;
  if (message_.compare(0, context.size(), context) == 0 &&
      message_.compare(context.size(), 2, ": ") == 0) {
    return *this;
  }
  return Status(code_, context + ": " + message_);
}

namespace internal {
void DieOnValueOfError(const Status& status) {
  std::fprintf(stderr, "plan2json: internal error: value() of an error Result: %s\n",
               status.ToString().c_str());
  std::abort();
}
}  // namespace internal

}  // namespace plan2json
