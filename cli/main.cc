// Copyright 2026 The plan2json Authors.
//
// plan2json: a thin command line over the pipeline library (after qpdf's
// qpdf.cc). Data goes to stdout or files, diagnostics to stderr. Batches
// (--out-dir) live in cli/batch.h, output formats in cli/formats.h.
//
// Exit codes (README "Exit codes", cli/exit_codes.h):
//   0    every input converted, no warnings
//   1    usage error (bad options)
//   2    at least one input failed (or the output could not be written)
//   3    done, with warnings
//   130  interrupted (SIGINT; 143 for SIGTERM), batch mode

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "cli/batch.h"
#include "cli/exit_codes.h"
#include "cli/formats.h"
#include "cli/output.h"
#include "pipeline/convert.h"
#include "schema/schema.h"

namespace {

using namespace plan2json::cli;  // NOLINT: exit codes, formats

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
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
      std::fprintf(stderr, "plan2json: %s: is a directory (validate takes JSON files)\n",
                   TerminalSafe(file).c_str());
      rc = kExitError;
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "plan2json: %s: cannot open\n", TerminalSafe(file).c_str());
      rc = kExitError;
      continue;
    }
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
      std::fprintf(stderr, "plan2json: %s: not valid JSON\n", TerminalSafe(file).c_str());
      rc = kExitError;
      continue;
    }
    const auto errors = plan2json::schema::Validator::Get().Errors(doc);
    for (const auto& e : errors) {
      std::fprintf(stderr, "plan2json: %s: %s: %s\n", TerminalSafe(file).c_str(),
                   e.pointer.empty() ? "(root)" : e.pointer.c_str(),
                   TerminalSafe(e.message).c_str());
    }
    if (errors.empty()) {
      std::fprintf(stderr, "%s: valid\n", TerminalSafe(file).c_str());
    } else {
      rc = kExitError;
    }
  }
  return rc;
}

// Converts inputs one after the other into `output` ("" or "-": stdout).
int RunSingle(const std::vector<std::string>& inputs, const std::string& output,
              Format format, RenderOptions render, bool timings, bool quiet,
              const plan2json::ConvertOptions& options) {
  int rc = kExitOk;
  const bool to_stdout = output.empty() || output == "-";
  // Several documents on stdout: JSON Lines (README "Output").
  if (to_stdout && inputs.size() > 1) render.json_one_line = true;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      std::fprintf(stderr,
                   "plan2json: %s: is a directory (convert directories with "
                   "--out-dir DIR)\n",
                   TerminalSafe(input).c_str());
      rc = kExitError;
      continue;
    }
    plan2json::Result<plan2json::Conversion> conv =
        plan2json::ConvertFile(input, options);
    if (!conv.ok()) {
      std::fprintf(stderr, "plan2json: %s\n",
                   TerminalSafe(conv.status().message()).c_str());
      rc = kExitError;
      continue;
    }
    if (timings) PrintTimings(input, conv->times);
    const std::string text = Render(conv->document, format, render);
    plan2json::Status st = to_stdout ? WriteStdout(text)
                                     : WriteFileAtomically(output, text);
    if (!st.ok()) {
      std::fprintf(stderr, "plan2json: %s: %s\n", TerminalSafe(input).c_str(),
                   TerminalSafe(st.message()).c_str());
      rc = kExitError;
      continue;
    }
    // Several documents on one stream make one CSV table.
    render.csv_header = false;
    render.excel_bom = false;
    if (!quiet) {
      for (const auto& w : conv->document["warnings"]) {
        std::fprintf(stderr, "plan2json: %s: warning: %s\n",
                     TerminalSafe(input).c_str(),
                     TerminalSafe(w["message"].get<std::string>()).c_str());
      }
    }
    if (conv->warnings > 0 && rc == kExitOk) rc = kExitWarnings;
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
  std::string format_name = "json";
  bool timings = false;
  BatchOptions batch;
  plan2json::ConvertOptions& options = batch.convert;
  app.add_option("inputs", inputs,
                 "Input files (*.pdf or pdftotext dumps); with --out-dir also "
                 "directories, searched recursively for *.pdf and *.txt");
  auto* output_opt = app.add_option(
      "-o,--output", output, "Write the output to FILE (default: stdout)")
      ->type_name("FILE");
  auto* out_dir_opt = app.add_option(
      "--out-dir", batch.out_dir,
      "Batch mode: one output per input under DIR (mirroring directory "
      "arguments) and DIR/manifest.jsonl")
      ->type_name("DIR");
  out_dir_opt->excludes(output_opt);
  app.add_option("-f,--format", format_name,
                 "json (the schema'd document, default), jsonl (one row per "
                 "line) or csv (one row per measure)")
      ->check(CLI::IsMember({"json", "jsonl", "csv"}));
  app.add_flag("--excel", batch.render.excel_bom,
               "CSV for Excel: a UTF-8 byte-order mark first, and cells that "
               "start with = + - @ prefixed with ' (never run as formulas)");
  app.add_option("-j,--jobs", batch.jobs,
                 "Batch: inputs converted in parallel (default: number of CPUs)")
      ->check(CLI::PositiveNumber)
      ->type_name("N")
      ->needs(out_dir_opt);
  app.add_flag("--force", batch.force,
               "Batch: convert again inputs whose output is up to date")
      ->needs(out_dir_opt);
  app.add_option("--timeout", batch.timeout_seconds,
                 "Batch: give up on an input after SECONDS (default: no limit)")
      ->check(CLI::PositiveNumber)
      ->type_name("SECONDS")
      ->needs(out_dir_opt);
  // For tests and benchmarks: how often workers are replaced.
  app.add_option("--files-per-worker", batch.files_per_worker)
      ->check(CLI::PositiveNumber)
      ->needs(out_dir_opt)
      ->group("");
  app.add_flag("-q,--quiet", batch.quiet,
               "No progress or summary (batch), no warning lines (single "
               "input); errors are still reported");
  app.add_option("--password", options.password,
                 "Password for an encrypted PDF");
  app.add_option("--encoding", options.encoding,
                 "Character set of text dumps (default: detect)");
  app.add_option("--departments", departments_file,
                 "Extra known department names, one per line")
      ->check(CLI::ExistingFile);
  app.add_flag("--timings", timings, "Print per-stage timings on stderr")
      ->excludes(out_dir_opt);

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
  if (inputs.size() > 1 && !output.empty() && output != "-") {
    std::fprintf(stderr, "plan2json: -o takes one input (use --out-dir for several)\n");
    return kExitUsage;
  }
  if (!output.empty() && output != "-") {
    for (const std::string& input : inputs) {
      if (IsSameFile(input, output)) {
        std::fprintf(stderr,
                     "plan2json: %s: -o names the input itself; refusing to "
                     "overwrite it\n",
                     TerminalSafe(output).c_str());
        return kExitUsage;
      }
    }
  }
  batch.format = *ParseFormat(format_name);
  batch.render.excel_formula_guard = batch.render.excel_bom;
  if (!departments_file.empty()) {
    auto dict = plan2json::normalizer::DepartmentDict::FromFile(departments_file);
    if (!dict.ok()) {
      std::fprintf(stderr, "plan2json: %s\n", dict.status().message().c_str());
      return kExitUsage;
    }
    options.departments = plan2json::normalizer::DepartmentDict::Merge(
        *plan2json::normalizer::DepartmentDict::BuiltIn(), **dict);
  }
  if (!batch.out_dir.empty()) {
    batch.inputs = inputs;
    return RunBatch(batch);
  }
  return RunSingle(inputs, output, batch.format, batch.render, timings,
                   batch.quiet, options);
}
