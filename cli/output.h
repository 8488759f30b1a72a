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
// If `path` is a symbolic link, the link is never replaced: the data goes
// to its target (atomically if that is a regular file; to stdout if the
// target is this process's standard output, as /dev/stdout and
// /proc/self/fd/1 are); a dangling link is an error.
Status WriteFileAtomically(const std::string& path, const std::string& data);

// True if both paths exist and name the same file (device and inode), by
// whatever path, links followed.
bool IsSameFile(const std::string& a, const std::string& b);

// The temporary name WriteFileAtomically uses in process `pid`:
// "<path>.tmp-<pid>". A parent that kills a writer removes it.
std::string TempPath(const std::string& path, pid_t pid);

// Writes all of `data` to stdout and flushes; kIoError ("<stdout>: cannot
// write: ...") if that fails (e.g. a full disk).
Status WriteStdout(const std::string& data);

}  // namespace plan2json::cli

#endif  // PLAN2JSON_CLI_OUTPUT_H_
