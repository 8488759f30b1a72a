// Copyright 2026 The plan2json Authors.

#include "common/status.h"

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
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(code_)) + ": " + message_;
}

}  // namespace plan2json
