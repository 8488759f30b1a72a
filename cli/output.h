// Copyright 2026 The plan2json Authors.
//
// Writing results: atomically (a temporary file in the target directory,
// renamed into place on success), so a failed or interrupted run never
// leaves a partial output file.

#ifndef PLAN2JSON_CLI_OUTPUT_H_
#define PLAN2JSON_CLI_OUTPUT_H_

#include <string>
#include <sys/types.h>

#include "common/status.h"

namespace plan2json::cli {

// Writes `data` to `path` via TempPath(path, getpid()) + rename. On any
// error the temporary file is removed and `path` is left as it was.
// If `path` exists and is not a regular file (a device such as /dev/null or
// /dev/full, a FIFO), it is written in place instead: renaming over it
// would replace the device.
Status WriteFileAtomically(const std::string& path, const std::string& data);

// The temporary name WriteFileAtomically uses in process `pid`:
// "<path>.tmp-<pid>". A parent that kills a writer removes it.
std::string TempPath(const std::string& path, pid_t pid);

// Writes all of `data` to stdout and flushes; kIoError ("<stdout>: cannot
// write: ...") if that fails (e.g. a full disk).
Status WriteStdout(const std::string& data);

}  // namespace plan2json::cli

#endif  // PLAN2JSON_CLI_OUTPUT_H_
