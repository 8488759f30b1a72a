// Copyright 2026 The plan2json Authors.
//
// What every golden and corpus test needs first: a file's bytes.

#ifndef PLAN2JSON_TESTS_TESTING_READ_FILE_H_
#define PLAN2JSON_TESTS_TESTING_READ_FILE_H_

#include <fstream>
#include <iterator>
#include <string>

namespace plan2json::testutil {

// The whole file as bytes; "" when it cannot be read (the test's
// comparison then fails and prints what it got).
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace plan2json::testutil

#endif  // PLAN2JSON_TESTS_TESTING_READ_FILE_H_
