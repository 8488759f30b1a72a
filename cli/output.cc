// Copyright 2026 The plan2json Authors.

#include "cli/output.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace plan2json::cli {

Status WriteFileAtomically(const std::string& path, const std::string& data) {
  std::string tmp = path + ".tmp-" + std::to_string(getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return Status(Status::Code::kIoError,
                  path + ": cannot write: " + std::strerror(errno));
  }
  size_t n = std::fwrite(data.data(), 1, data.size(), f);
  int err = n == data.size() ? 0 : errno;
  if (std::fflush(f) != 0 && err == 0) err = errno;
  if (err == 0 && fsync(fileno(f)) != 0) err = errno;
  if (std::fclose(f) != 0 && err == 0) err = errno;
  if (err == 0 && std::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    std::remove(tmp.c_str());
    return Status(Status::Code::kIoError,
                  path + ": cannot write: " + std::strerror(err));
  }
  return Status::Ok();
}

}  // namespace plan2json::cli
