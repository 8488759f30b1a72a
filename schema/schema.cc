// Copyright 2026 The plan2json Authors.

#include "schema/schema.h"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace plan2json::schema {
namespace {

// At most this many violations are spelled out in a Validate() message.
constexpr size_t kMaxErrorsInStatus = 20;

bool StartsWith(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

// True if `pointer` is `ancestor` or lies below it.
bool IsAtOrBelow(const std::string& pointer, const std::string& ancestor) {
  if (!StartsWith(pointer, ancestor.c_str())) return false;
  return pointer.size() == ancestor.size() || pointer[ancestor.size()] == '/';
}

// RFC 6901 reference token escaping.
std::string EscapeToken(const std::string& token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// valijson's context is {"<root>", "[rows]", "[3]", "[lead]", ...}: object keys
// and array indexes look alike ("[3]" may be either), so walk the document
// alongside to tell them apart.
std::string ToPointer(const std::vector<std::string>& context,
                      const nlohmann::json& doc) {
  std::string pointer;
  const nlohmann::json* node = &doc;
  for (size_t i = 0; i < context.size(); ++i) {
    std::string token = context[i];
    if (i == 0 && token == "<root>") continue;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') {
      token = token.substr(1, token.size() - 2);
    }
    if (node != nullptr && node->is_array()) {
      size_t index = 0;
      bool numeric = !token.empty();
      for (char c : token) {
        if (c < '0' || c > '9') {
          numeric = false;
          break;
        }
        index = index * 10 + static_cast<size_t>(c - '0');
      }
      node = numeric && index < node->size() ? &(*node)[index] : nullptr;
    } else if (node != nullptr && node->is_object()) {
      auto it = node->find(token);
      node = it != node->end() ? &*it : nullptr;
    } else {
      node = nullptr;
    }
    pointer += '/';
    pointer += EscapeToken(token);
  }
  return pointer;
}

// One valijson error, with its context turned into a pointer.
struct RawError {
  std::string pointer;
  std::string message;
  // Summary errors are pushed onto an ancestor (or the value itself) in
  // addition to the root cause; `target` is the value they are about.
  bool summary = false;
  std::string target;
  std::string child_message;  // root-cause wording if nothing explains it
};

std::string Quoted(const std::string& message, size_t from) {
  size_t end = message.rfind('\'');
  return end != std::string::npos && end >= from
             ? message.substr(from, end - from)
             : std::string();
}

RawError Classify(const valijson::ValidationResults::Error& e,
                  const nlohmann::json& doc) {
  static constexpr char kUnwanted[] =
      "Object contains a property that could not be validated using "
      "'properties' or 'additionalProperties' constraints: '";
  static constexpr char kProperty[] =
      "Failed to validate against schema associated with property name '";
  static constexpr char kItem[] = "Failed to validate item #";

  RawError r{ToPointer(e.context, doc), e.description, false, "", ""};
  r.target = r.pointer;
  if (StartsWith(r.message, kUnwanted)) {
    // additionalProperties: false. Point at the unwanted key itself.
    std::string key = Quoted(r.message, sizeof(kUnwanted) - 1);
    r.pointer += "/" + EscapeToken(key);
    r.target = r.pointer;
    r.message = "Property '" + key + "' is not allowed by the schema.";
  } else if (StartsWith(r.message, kProperty)) {
    std::string key = Quoted(r.message, sizeof(kProperty) - 1);
    r.summary = true;
    r.target = r.pointer + "/" + EscapeToken(key);
    // Left unexplained only by a `false` subschema, which reports nothing.
    r.child_message = "Property '" + key + "' is not allowed here.";
  } else if (StartsWith(r.message, kItem)) {
    std::string index = r.message.substr(sizeof(kItem) - 1);
    index = index.substr(0, index.find_first_not_of("0123456789"));
    r.summary = true;
    // "... against corresponding item schema." is pushed at the item itself.
    if (r.message.find("corresponding item schema") == std::string::npos) {
      r.target = r.pointer + "/" + index;
    }
    r.child_message = "Item " + index + " is not allowed here.";
  } else if (StartsWith(r.message, "Failed to validate against ") &&
             (r.message.find("additional properties") != std::string::npos ||
              r.message.find("conditional schema") != std::string::npos ||
              r.message.find("associated with pattern") != std::string::npos ||
              r.message.find("dependent schema") != std::string::npos)) {
    r.summary = true;
  }
  return r;
}

size_t Depth(const std::string& pointer) {
  size_t depth = 0;
  for (char c : pointer) depth += c == '/' ? 1 : 0;
  return depth;
}

// Keeps root causes: a summary is dropped when some root cause lies at or
// below the value it is about, and becomes a root cause itself (at that value)
// when nothing does. Deepest targets are settled first, so a summary's
// descendants are final when it is looked at. Duplicates are dropped; the
// result keeps valijson's order.
std::vector<ValidationError> RootCauses(std::vector<RawError> raw) {
  std::vector<size_t> order(raw.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return Depth(raw[a].target) > Depth(raw[b].target);
  });
  // Root causes by pointer, sorted: those at or below a target are the
  // range starting at the target (linear overall, not quadratic: 10,000
  // errors must not take minutes).
  std::set<std::string> causes;
  for (const RawError& r : raw) {
    if (!r.summary) causes.insert(r.pointer);
  }
  auto explained_at = [&](const std::string& target) {
    auto it = causes.lower_bound(target);
    if (it != causes.end() && IsAtOrBelow(*it, target)) return true;
    it = causes.lower_bound(target + "/");
    return it != causes.end() && IsAtOrBelow(*it, target);
  };
  std::vector<bool> keep(raw.size(), true);
  for (size_t i : order) {
    if (!raw[i].summary) continue;
    if (explained_at(raw[i].target)) {
      keep[i] = false;
    } else if (!raw[i].child_message.empty()) {
      raw[i].summary = false;
      raw[i].pointer = raw[i].target;
      raw[i].message = raw[i].child_message;
      causes.insert(raw[i].pointer);
    }
  }
  std::vector<ValidationError> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (!keep[i]) continue;
    if (seen.emplace(raw[i].pointer, raw[i].message).second) {
      out.push_back({raw[i].pointer, raw[i].message});
    }
  }
  return out;
}

}  // namespace

struct Validator::Impl {
  valijson::Schema schema;
  Status status;  // OK if `schema` was parsed from SchemaText()

  Impl() {
    try {
      const nlohmann::json doc = nlohmann::json::parse(SchemaText());
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter adapter(doc);
      parser.populateSchema(adapter, schema);
    } catch (const std::exception& e) {
      status = Status(Status::Code::kInternal,
                      std::string("embedded output schema is unusable: ") +
                          e.what());
    }
  }

  // Fills `errors` (root causes only, deduplicated); non-OK only if
  // validation could not run.
  Status Run(const nlohmann::json& doc,
             std::vector<ValidationError>* errors) const {
    errors->clear();
    if (!status.ok()) return status;
    try {
      // valijson::Validator caches compiled regexes in itself, so one per call
      // keeps the shared Validator free of mutable state.
      valijson::Validator validator(valijson::Validator::kStrongTypes);
      valijson::ValidationResults results;
      valijson::adapters::NlohmannJsonAdapter adapter(doc);
      if (validator.validate(schema, adapter, &results)) return Status::Ok();

      std::vector<RawError> raw;
      valijson::ValidationResults::Error e;
      while (results.popError(e)) raw.push_back(Classify(e, doc));
      *errors = RootCauses(std::move(raw));
      return Status::Ok();
    } catch (const std::exception& e) {
      errors->clear();
      return Status(Status::Code::kInternal,
                    std::string("schema validation failed to run: ") +
                        e.what());
    }
  }
};

Validator::Validator() : impl_(std::make_unique<const Impl>()) {}
Validator::~Validator() = default;

const Validator& Validator::Get() {
  // Leaked on purpose: stays valid during static destruction elsewhere.
  static const Validator* const instance = new Validator();
  return *instance;
}

std::vector<ValidationError> Validator::Errors(
    const nlohmann::json& doc) const {
  std::vector<ValidationError> errors;
  Status status = impl_->Run(doc, &errors);
  if (!status.ok()) {
    errors.assign(1, ValidationError{"", "internal: " + status.message()});
  }
  return errors;
}

std::vector<ValidationError> Validator::Errors(
    const nlohmann::ordered_json& doc) const {
  try {
    return Errors(nlohmann::json(doc));
  } catch (const std::exception& e) {
    return {ValidationError{
        "", std::string("internal: cannot convert document: ") + e.what()}};
  }
}

Status Validator::Validate(const nlohmann::json& doc) const {
  std::vector<ValidationError> errors;
  Status status = impl_->Run(doc, &errors);
  if (!status.ok() || errors.empty()) return status;

  std::string message;
  for (size_t i = 0; i < errors.size() && i < kMaxErrorsInStatus; ++i) {
    if (i > 0) message += "; ";
    message += errors[i].pointer.empty() ? "(root)" : errors[i].pointer;
    message += ": ";
    message += errors[i].message;
  }
  if (errors.size() > kMaxErrorsInStatus) {
    message += "; ... and " +
               std::to_string(errors.size() - kMaxErrorsInStatus) + " more";
  }
  return Status(Status::Code::kSchema, std::move(message));
}

Status Validator::Validate(const nlohmann::ordered_json& doc) const {
  try {
    return Validate(nlohmann::json(doc));
  } catch (const std::exception& e) {
    return Status(Status::Code::kInternal,
                  std::string("cannot convert document for validation: ") +
                      e.what());
  }
}

}  // namespace plan2json::schema
