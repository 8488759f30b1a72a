// Copyright 2026 The plan2json Authors.

#include "common/status.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace plan2json {
namespace {

TEST(Status, NamedConstructorsCarryTheirCode) {
  struct Case {
    Status status;
    Status::Code want;
  };
  const std::vector<Case> cases = {
      {Status::NotFound("m"), Status::Code::kNotFound},
      {Status::Corrupt("m"), Status::Code::kCorrupt},
      {Status::Encrypted("m"), Status::Code::kEncrypted},
      {Status::Limit("m"), Status::Code::kLimit},
      {Status::OutOfMemory("m"), Status::Code::kOutOfMemory},
      {Status::Internal("m"), Status::Code::kInternal},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.code(), c.want) << c.status.ToString();
    EXPECT_EQ(c.status.message(), "m");
  }
  EXPECT_EQ(Status(Status::Code::kLimit, "old form").code(), Status::Code::kLimit);
}

TEST(Status, WithContextAddsTheNameOnce) {
  struct Case {
    Status in;
    std::string context, want;
  };
  const std::vector<Case> cases = {
      {Status::Corrupt("page 3: bad"), "a.pdf", "a.pdf: page 3: bad"},
      {Status::Corrupt("a.pdf: bad"), "a.pdf", "a.pdf: bad"},
      {Status::Corrupt("a.pdfx: bad"), "a.pdf", "a.pdf: a.pdfx: bad"},
      {Status::Corrupt("bad"), "", "bad"},
  };
  for (const Case& c : cases) {
    Status got = c.in.WithContext(c.context);
    EXPECT_EQ(got.message(), c.want) << "in: " << c.in.message();
    EXPECT_EQ(got.code(), c.in.code());
  }
  EXPECT_TRUE(Status::Ok().WithContext("a.pdf").ok());
}

TEST(ResultDeathTest, ValueOfAnErrorAbortsWithTheStatus) {
  Result<int> r = Status::NotFound("x.pdf: no such file");
  EXPECT_DEATH((void)r.value(), "value\\(\\) of an error Result: not found: x.pdf");
  Result<int> good = 7;
  EXPECT_EQ(*good, 7);
}

}  // namespace
}  // namespace plan2json
