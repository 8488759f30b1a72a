// Copyright 2026 The plan2json Authors.
//
// Status and Result<T>: errors cross module boundaries as values, never as
// exceptions (after LevelDB's include/leveldb/status.h).
//
// A Status is either OK or carries a Code and a one-line message that already
// names where the problem is (file, page, row) when the producer knows it.
// Status is cheap to copy for the OK case (empty string).

#ifndef PLAN2JSON_COMMON_STATUS_H_
#define PLAN2JSON_COMMON_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace plan2json {

class Status {
 public:
  // Each code maps to one documented CLI behaviour; see README "Exit codes".
  enum class Code {
    kOk = 0,
    kNotFound,        // input file missing or unreadable
    kEmpty,           // input file has zero bytes / no content
    kCorrupt,         // not a PDF, truncated, unparsable
    kEncrypted,       // needs a password (or the one given is wrong)
    kNoTextLayer,     // image-only (scanned) PDF
    kNoPlanTable,     // readable, but holds no action-plan table
    kDecode,          // text input that cannot be decoded
    kInvalidArgument, // bad option or value
    kIoError,         // cannot write output
    kLimit,           // input exceeds a documented bound
    kSchema,          // output failed schema validation (a bug)
    kInternal,
    kOutOfMemory,     // an allocation failed (std::bad_alloc): the process
                      // may be left fragmented; a batch worker exits
  };

  Status() = default;  // OK
  Status(Code code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  // Named constructors (LevelDB style), one per code.
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status Empty(std::string msg) { return {Code::kEmpty, std::move(msg)}; }
  static Status Corrupt(std::string msg) { return {Code::kCorrupt, std::move(msg)}; }
  static Status Encrypted(std::string msg) { return {Code::kEncrypted, std::move(msg)}; }
  static Status NoTextLayer(std::string msg) { return {Code::kNoTextLayer, std::move(msg)}; }
  static Status NoPlanTable(std::string msg) { return {Code::kNoPlanTable, std::move(msg)}; }
  static Status Decode(std::string msg) { return {Code::kDecode, std::move(msg)}; }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status Limit(std::string msg) { return {Code::kLimit, std::move(msg)}; }
  static Status Schema(std::string msg) { return {Code::kSchema, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }
  static Status OutOfMemory(std::string msg) {
    return {Code::kOutOfMemory, std::move(msg)};
  }

  // The same status with `context` ("file.pdf", "page 3") put in front of
  // its message ("context: message"), unless the message already starts so.
  // OK stays OK. The pipeline boundary adds the file name this way.
  Status WithContext(const std::string& context) const;

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "<code name>: <message>", or "OK".
  std::string ToString() const;
  static const char* CodeName(Code code);

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

namespace internal {
// Prints "plan2json: internal error: value() of an error Result: <status>"
// on stderr and aborts.
[[noreturn]] void DieOnValueOfError(const Status& status);
}  // namespace internal

// Holds either a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT
  Result(Status::Code code, std::string message)
      : status_(code, std::move(message)) {}

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // The value; on an error Result these abort with the status (checked in
  // every build: reading a value that is not there is a bug, never data).
  T& value() & { return *Checked(); }
  const T& value() const& { return *Checked(); }
  T&& value() && { return std::move(*Checked()); }
  T* operator->() { return &*Checked(); }
  const T* operator->() const { return &*Checked(); }
  T& operator*() & { return *Checked(); }
  const T& operator*() const& { return *Checked(); }

 private:
  std::optional<T>& Checked() {
    if (!value_) internal::DieOnValueOfError(status_);
    return value_;
  }
  const std::optional<T>& Checked() const {
    if (!value_) internal::DieOnValueOfError(status_);
    return value_;
  }

  Status status_;
  std::optional<T> value_;
};

// A non-fatal observation that ends up in the document's "warnings".
struct Warning {
  std::string code;     // stable machine-readable identifier, e.g. "unknown_department"
  std::string message;  // one human-readable line
  int page = 0;         // 1-based physical page, 0 if not tied to a page
};

}  // namespace plan2json

#endif  // PLAN2JSON_COMMON_STATUS_H_
