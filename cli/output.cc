// Copyright 2026 The plan2json Authors.

#include "cli/output.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace plan2json::cli {
namespace {

Status WriteError(const std::string& path, int err) {
  return Status(Status::Code::kIoError,
                path + ": cannot write: " + std::strerror(err));
}

// Writes and flushes; 0 or the errno of the first failure.
int WriteAndFlush(std::FILE* f, const std::string& data) {
  size_t n = std::fwrite(data.data(), 1, data.size(), f);
  int err = n == data.size() ? 0 : errno;
  if (std::fflush(f) != 0 && err == 0) err = errno;
  return err;
}

}  // namespace

std::string TempPath(const std::string& path, pid_t pid) {
  return path + ".tmp-" + std::to_string(pid);
}

namespace {

bool SameFile(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

bool IsSameFile(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 &&
         SameFile(sa, sb);
}

Status WriteFileAtomically(const std::string& path, const std::string& data) {
  struct stat lst;
  if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
    // Never replace the link itself: write to what it names.
    struct stat target, out;
    if (::stat(path.c_str(), &target) != 0) {
      return Status::IoError(path + ": cannot write: a symbolic link to a "
                                    "missing file (" + std::strerror(errno) + ")");
    }
    // /dev/stdout, /proc/self/fd/1: our own standard output.
    if (::fstat(STDOUT_FILENO, &out) == 0 && SameFile(target, out)) {
      return WriteStdout(data);
    }
    if (S_ISREG(target.st_mode)) {
      char* real = ::realpath(path.c_str(), nullptr);
      if (real != nullptr) {
        std::string resolved(real);
        std::free(real);
        return WriteFileAtomically(resolved, data);
      }
    }
    // A device or FIFO behind the link: falls through to the in-place write.
  }
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return WriteError(path, errno);
    int err = WriteAndFlush(f, data);
    if (std::fclose(f) != 0 && err == 0) err = errno;
    return err == 0 ? Status::Ok() : WriteError(path, err);
  }
  std::string tmp = TempPath(path, getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return WriteError(path, errno);
  int err = WriteAndFlush(f, data);
  if (err == 0 && fsync(fileno(f)) != 0) err = errno;
  if (std::fclose(f) != 0 && err == 0) err = errno;
  if (err == 0 && std::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    std::remove(tmp.c_str());
    return WriteError(path, err);
  }
  return Status::Ok();
}

Status WriteStdout(const std::string& data) {
  int err = WriteAndFlush(stdout, data);
  return err == 0 ? Status::Ok() : WriteError("<stdout>", err);
}

}  // namespace plan2json::cli
