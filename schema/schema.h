// Copyright 2026 The plan2json Authors.
//
// schema: the published output contract (schema/plan.schema.json, JSON Schema
// draft-07) and a validator for it.
//
// The schema text is embedded into the library at build time; nothing here
// reads the source tree at run time. The pipeline validates every document it
// emits against it, so a failure means a plan2json bug (Status::Code::kSchema),
// not bad input.
//
// Usage:
//   const auto& v = plan2json::schema::Validator::Get();
//   Status s = v.Validate(doc);            // OK, or kSchema with all problems
//   for (const auto& e : v.Errors(doc)) {  // the same problems, structured
//     std::cerr << e.pointer << ": " << e.message << "\n";
//   }
//
// Errors never propagate as exceptions: everything nlohmann::json or valijson
// may throw is caught and reported as a Status / ValidationError.

#ifndef PLAN2JSON_SCHEMA_SCHEMA_H_
#define PLAN2JSON_SCHEMA_SCHEMA_H_

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace plan2json::schema {

// The schema document (plan.schema.json) as UTF-8 text, exactly as in the
// source tree when the library was built. The reference lives for the whole
// program. What `plan2json schema` prints.
const std::string& SchemaText();

// The value of "schema_version" this schema requires ("1.1").
inline constexpr const char* kSchemaVersion = "1.1";

// One schema violation.
struct ValidationError {
  // RFC 6901 JSON pointer to the offending value, e.g. "/rows/3/lead/0";
  // "" is the whole document. The pointer always resolves in the validated
  // document: a missing required key is reported at the object that lacks it
  // (the message names the key); a key the schema does not allow is reported
  // at that key, e.g. "/sourse".
  std::string pointer;
  // One line, e.g. "Missing required property 'sha256'.".
  std::string message;
};

// Validates documents against the embedded schema.
//
// The schema is parsed once, on the first call to Get(); the instance lives
// until program exit and is immutable. Validate() and Errors() are const and
// keep no shared mutable state, so any number of threads may call them on the
// shared instance concurrently.
class Validator {
 public:
  // The process-wide validator for the embedded schema. Construction is
  // thread-safe (function-local static). Never fails: if the embedded schema
  // could not be parsed (a build defect), every Validate() returns kInternal.
  static const Validator& Get();

  // OK if `doc` conforms. Otherwise Status(kSchema, "<pointer>: <message>;
  // ...") listing the violations Errors() returns, in its order (the first 20,
  // then "... and N more"; "<pointer>" is "(root)" for the whole document).
  // kInternal if the schema itself is unusable or validation threw.
  Status Validate(const nlohmann::json& doc) const;
  // Same for the key-order-preserving type the pipeline emits. Converts to
  // nlohmann::json first (one copy of the document); key order is irrelevant
  // to validation.
  Status Validate(const nlohmann::ordered_json& doc) const;

  // Every violation found; empty iff `doc` conforms. The order is valijson's,
  // which is deterministic (sibling keys come in name order). Summary errors
  // that valijson adds to each ancestor of a failing value ("Failed to
  // validate item #3 in array.") are dropped, so each entry is a root cause.
  // If validation cannot run at all, returns one entry with pointer "" and a
  // message starting "internal:".
  std::vector<ValidationError> Errors(const nlohmann::json& doc) const;
  std::vector<ValidationError> Errors(const nlohmann::ordered_json& doc) const;

  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;
  ~Validator();

 private:
  struct Impl;
  Validator();
  std::unique_ptr<const Impl> impl_;
};

}  // namespace plan2json::schema

#endif  // PLAN2JSON_SCHEMA_SCHEMA_H_
