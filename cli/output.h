// Copyright 2026 The plan2json Authors.
//
// Writing results: atomically (a temporary file in the target directory,
// renamed into place on success), so a failed or interrupted run never
// leaves a partial output file.

#ifndef PLAN2JSON_CLI_OUTPUT_H_
#define PLAN2JSON_CLI_OUTPUT_H_

#include <string>

#include "common/status.h"

namespace plan2json::cli {

// Writes `data` to `path` via "<path>.tmp-<pid>" + rename. On any error the
// temporary file is removed and `path` is left as it was.
Status WriteFileAtomically(const std::string& path, const std::string& data);

}  // namespace plan2json::cli

#endif  // PLAN2JSON_CLI_OUTPUT_H_
