// Copyright 2026 The plan2json Authors.
//
// plan2json: a thin command line over the pipeline library (after qpdf's
// qpdf.cc). Data goes to stdout or files, diagnostics to stderr.
//
// Exit codes (README "Exit codes"):
//   0  every input converted, no warnings
//   1  usage error (bad options)
//   2  at least one input failed
//   3  done, with warnings

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/output.h"
#include "pipeline/convert.h"
#include "schema/schema.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitError = 2;
constexpr int kExitWarnings = 3;

void PrintTimings(const std::string& name, const plan2json::StageTimes& t) {
  std::fprintf(stderr,
               "%s: timings ms: read %.2f, extract %.2f, table %.2f, "
               "normalize+emit %.2f, validate %.2f\n",
               name.c_str(), t.read, t.extract, t.table, t.normalize,
               t.validate);
}

int RunValidate(const std::vector<std::string>& files) {
  int rc = kExitOk;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "plan2json: %s: cannot open\n", file.c_str());
      rc = kExitError;
      continue;
    }
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
      std::fprintf(stderr, "plan2json: %s: not valid JSON\n", file.c_str());
      rc = kExitError;
      continue;
    }
    const auto errors = plan2json::schema::Validator::Get().Errors(doc);
    for (const auto& e : errors) {
      std::fprintf(stderr, "plan2json: %s: %s: %s\n", file.c_str(),
                   e.pointer.c_str(), e.message.c_str());
    }
    if (errors.empty()) {
      std::fprintf(stderr, "%s: valid\n", file.c_str());
    } else {
      rc = kExitError;
    }
  }
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "plan2json: Chinese action-plan attachment tables (PDF or pdftotext "
      "dump) to schema-validated JSON"};
  app.set_version_flag("--version", std::string("plan2json ") + PLAN2JSON_VERSION);
  std::vector<std::string> inputs;
  std::string output;
  std::string departments_file;
  bool timings = false;
  plan2json::ConvertOptions options;
  app.add_option("inputs", inputs, "Input files: *.pdf or pdftotext dumps");
  app.add_option("-o,--output", output,
                 "Write the JSON document to FILE (default: stdout)");
  app.add_option("--password", options.password,
                 "Password for an encrypted PDF");
  app.add_option("--encoding", options.encoding,
                 "Character set of text dumps (default: detect)");
  app.add_option("--departments", departments_file,
                 "Extra known department names, one per line")
      ->check(CLI::ExistingFile);
  app.add_flag("--timings", timings, "Print per-stage timings on stderr");

  auto* validate = app.add_subcommand(
      "validate", "Check JSON documents against the published schema");
  std::vector<std::string> to_validate;
  validate->add_option("files", to_validate, "JSON documents")->required();
  auto* schema_cmd =
      app.add_subcommand("schema", "Print the JSON Schema of the output");
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (*schema_cmd) {
    std::fputs(plan2json::schema::SchemaText().c_str(), stdout);
    return kExitOk;
  }
  if (*validate) return RunValidate(to_validate);
  if (inputs.empty()) {
    std::fprintf(stderr, "plan2json: no input file (see --help)\n");
    return kExitUsage;
  }
  if (inputs.size() > 1 && !output.empty()) {
    std::fprintf(stderr, "plan2json: -o takes one input\n");
    return kExitUsage;
  }
  if (!departments_file.empty()) {
    auto dict = plan2json::normalizer::DepartmentDict::FromFile(departments_file);
    if (!dict.ok()) {
      std::fprintf(stderr, "plan2json: %s\n", dict.status().message().c_str());
      return kExitUsage;
    }
    options.departments = plan2json::normalizer::DepartmentDict::Merge(
        *plan2json::normalizer::DepartmentDict::BuiltIn(), **dict);
  }

  int rc = kExitOk;
  for (const std::string& input : inputs) {
    plan2json::Result<plan2json::Conversion> conv =
        plan2json::ConvertFile(input, options);
    if (!conv.ok()) {
      std::fprintf(stderr, "plan2json: %s\n", conv.status().message().c_str());
      rc = kExitError;
      continue;
    }
    if (timings) PrintTimings(input, conv->times);
    std::string text = conv->document.dump(2, ' ', false) + "\n";
    if (output.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fflush(stdout);
    } else {
      plan2json::Status st = plan2json::cli::WriteFileAtomically(output, text);
      if (!st.ok()) {
        std::fprintf(stderr, "plan2json: %s\n", st.message().c_str());
        rc = kExitError;
        continue;
      }
    }
    for (const auto& w : conv->document["warnings"]) {
      std::fprintf(stderr, "plan2json: %s: warning: %s\n", input.c_str(),
                   w["message"].get<std::string>().c_str());
    }
    if (conv->warnings > 0 && rc == kExitOk) rc = kExitWarnings;
  }
  return rc;
}
