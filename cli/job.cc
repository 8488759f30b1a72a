// Copyright 2026 The plan2json Authors.

#include "cli/job.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cli/formats.h"
#include "cli/output.h"
#include "pipeline/convert.h"
#include "schema/schema.h"

namespace plan2json::cli {
namespace {

void PrintTimings(const std::string& name, const plan2json::StageTimes& t) {
  std::fprintf(stderr,
               "%s: timings ms: read %.2f, extract %.2f, table %.2f, "
               "normalize+emit %.2f, validate %.2f\n",
               TerminalSafe(name).c_str(), t.read, t.extract, t.table,
               t.normalize, t.validate);
}

}  // namespace

// Options: where inputs and outputs go, and in which format. Returns
// --out-dir, which the batch options need.
CLI::Option* AddOutputOptions(CLI::App& app, JobOptions* job,
                              std::string* format_name) {
  BatchOptions& batch = job->batch;
  app.add_option("inputs", job->inputs,
                 "Input files: PDF, pdftotext dumps (.txt), .docx .doc .wps "
                 ".xlsx .xls .rtf .odt, scans (.png .jpg .tif); with --out-dir "
                 "also directories, searched recursively for those");
  auto* output_opt = app.add_option(
      "-o,--output", job->output, "Write the output to FILE (default: stdout)")
      ->type_name("FILE");
  auto* out_dir_opt = app.add_option(
      "--out-dir", batch.out_dir,
      "Batch mode: one output per input under DIR (mirroring directory "
      "arguments) and DIR/manifest.jsonl")
      ->type_name("DIR");
  out_dir_opt->excludes(output_opt);
  app.add_option("-f,--format", *format_name,
                 "json (the schema'd document, default), jsonl (one row per "
                 "line) or csv (one row per measure)")
      ->check(CLI::IsMember({"json", "jsonl", "csv"}));
  app.add_flag("--excel", batch.render.excel_bom,
               "CSV for Excel: a UTF-8 byte-order mark first, and cells that "
               "start with = + - @ prefixed with ' (never run as formulas)");
  app.add_flag("-q,--quiet", batch.quiet,
               "No progress or summary (batch), no warning lines (single "
               "input); errors are still reported");
  app.add_flag("--timings", batch.timings,
               "Print per-stage timings on stderr (a batch: summed over its "
               "inputs)");
  return out_dir_opt;
}

// Options of batch mode (each needs --out-dir).
void AddBatchOptions(CLI::App& app, BatchOptions& batch, CLI::Option* out_dir) {
  app.add_option("-j,--jobs", batch.jobs,
                 "Batch: inputs converted in parallel (default: number of CPUs)")
      ->check(CLI::PositiveNumber)
      ->type_name("N")
      ->needs(out_dir);
  app.add_flag("--force", batch.force,
               "Batch: convert again inputs whose output is up to date")
      ->needs(out_dir);
  app.add_option("--timeout", batch.timeout_seconds,
                 "Batch: give up on an input after SECONDS (default: no limit)")
      ->check(CLI::PositiveNumber)
      ->type_name("SECONDS")
      ->needs(out_dir);
  // For tests and benchmarks: how often workers are replaced.
  app.add_option("--files-per-worker", batch.files_per_worker)
      ->check(CLI::PositiveNumber)
      ->needs(out_dir)
      ->group("");
}

// Options of how inputs are read: passwords, encodings, office formats,
// OCR, department names.
void AddReadOptions(CLI::App& app, JobOptions* job) {
  plan2json::ConvertOptions& options = job->batch.convert;
  app.add_option("--password", options.password,
                 "Password for an encrypted PDF");
  app.add_option("--encoding", options.encoding,
                 "Character set of text dumps (default: detect)");
  app.add_option("--office-timeout", options.office_timeout_seconds,
                 "Kill LibreOffice converting a .doc/.wps/.xls/.rtf/.odt after "
                 "SECONDS (default: 120)")
      ->check(CLI::PositiveNumber)
      ->type_name("SECONDS");
  const std::map<std::string, plan2json::ConvertOptions::Ocr> ocr_modes = {
      {"auto", plan2json::ConvertOptions::Ocr::kAuto},
      {"always", plan2json::ConvertOptions::Ocr::kAlways},
      {"never", plan2json::ConvertOptions::Ocr::kNever}};
  app.add_option("--ocr", options.ocr,
                 "Read scans by OCR: auto (images and pages without a text "
                 "layer), always (every page), never (refuse them)")
      ->transform(CLI::CheckedTransformer(ocr_modes, CLI::ignore_case))
      ->type_name("auto|always|never");
  app.add_option("--ocr-lang", options.scan.lang,
                 "OCR language(s), Tesseract's names (default chi_sim)");
  app.add_option("--departments", job->departments_file,
                 "Extra known department names, one per line")
      ->check(CLI::ExistingFile);
}

int ParseCommandLine(int argc, char** argv, JobOptions* job) {
  CLI::App app{
      "plan2json: Chinese action-plan attachment tables (PDF, pdftotext "
      "dump, Word/WPS/Excel, scan) to schema-validated JSON"};
  app.set_version_flag("--version", std::string("plan2json ") + PLAN2JSON_VERSION);
  std::vector<std::string>& inputs = job->inputs;
  const std::string& output = job->output;
  std::string format_name = "json";
  BatchOptions& batch = job->batch;
  plan2json::ConvertOptions& options = batch.convert;
  CLI::Option* out_dir = AddOutputOptions(app, job, &format_name);
  AddBatchOptions(app, batch, out_dir);
  AddReadOptions(app, job);

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
    job->mode = JobOptions::Mode::kSchema;
    return -1;
  }
  if (*validate) {
    job->mode = JobOptions::Mode::kValidate;
    inputs = to_validate;
    return -1;
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "plan2json: no input file (see --help)\n");
    return kExitUsage;
  }
  if (inputs.size() > 1 && !output.empty() && output != "-") {
    std::fprintf(stderr, "plan2json: -o takes one input (use --out-dir for several)\n");
    return kExitUsage;
  }
  batch.format = *ParseFormat(format_name);
  batch.render.excel_formula_guard = batch.render.excel_bom;
  // OCR takes seconds a page: on a terminal, say how far a single input is
  // (a batch shows its own progress).
  options.scan.progress =
      isatty(STDERR_FILENO) == 1 && batch.out_dir.empty() && !batch.quiet;
  return -1;
}

RunSummary Job::RunValidate() {
  RunSummary summary;
  const std::vector<std::string>& files = options_.inputs;
  for (const std::string& file : files) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
      std::fprintf(stderr, "plan2json: %s: is a directory (validate takes JSON files)\n",
                   TerminalSafe(file).c_str());
      ++summary.failed;
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "plan2json: %s: cannot open\n", TerminalSafe(file).c_str());
      ++summary.failed;
      continue;
    }
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
      std::fprintf(stderr, "plan2json: %s: not valid JSON\n", TerminalSafe(file).c_str());
      ++summary.failed;
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
      ++summary.ok;
    } else {
      ++summary.failed;
    }
  }
  return summary;
}

RunSummary Job::Run() {
  switch (options_.mode) {
    case JobOptions::Mode::kSchema:
      std::fputs(plan2json::schema::SchemaText().c_str(), stdout);
      return RunSummary();
    case JobOptions::Mode::kValidate:
      return RunValidate();
    case JobOptions::Mode::kConvert:
      break;
  }
  return RunConvert();
}

bool Job::CheckOptions() {
  const std::string& output = options_.output;
  if (!output.empty() && output != "-") {
    for (const std::string& input : options_.inputs) {
      if (IsSameFile(input, output)) {
        std::fprintf(stderr,
                     "plan2json: %s: -o names the input itself; refusing to "
                     "overwrite it\n",
                     TerminalSafe(output).c_str());
        return false;
      }
    }
  }
  if (!options_.departments_file.empty()) {
    auto dict = plan2json::normalizer::DepartmentDict::FromFile(
        options_.departments_file);
    if (!dict.ok()) {
      std::fprintf(stderr, "plan2json: %s\n",
                   TerminalSafe(dict.status().message()).c_str());
      return false;
    }
    options_.batch.convert.departments =
        plan2json::normalizer::DepartmentDict::Merge(
            *plan2json::normalizer::DepartmentDict::BuiltIn(), **dict);
  }
  return true;
}

RunSummary Job::RunConvert() {
  if (!CheckOptions()) {
    RunSummary usage;
    usage.usage_error = true;
    return usage;
  }
  if (!options_.batch.out_dir.empty()) {
    options_.batch.inputs = options_.inputs;
    return RunBatch(options_.batch);
  }
  return RunSingle();
}

// Converts inputs one after the other into -o or stdout (several inputs on
// stdout: JSON Lines).
RunSummary Job::RunSingle() {
  RunSummary summary;
  const BatchOptions& b = options_.batch;
  RenderOptions render = b.render;
  const std::string& output = options_.output;
  const bool to_stdout = output.empty() || output == "-";
  if (to_stdout && options_.inputs.size() > 1) render.json_one_line = true;
  for (const std::string& input : options_.inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      std::fprintf(stderr,
                   "plan2json: %s: is a directory (convert directories with "
                   "--out-dir DIR)\n",
                   TerminalSafe(input).c_str());
      ++summary.failed;
      continue;
    }
    Result<Conversion> conv = ConvertFile(input, b.convert);
    if (!conv.ok()) {
      std::fprintf(stderr, "plan2json: %s\n",
                   TerminalSafe(conv.status().WithContext(input).message()).c_str());
      ++summary.failed;
      continue;
    }
    if (b.timings) PrintTimings(input, conv->times);
    const std::string text = Render(conv->document, b.format, render);
    Status st = to_stdout ? WriteStdout(text) : WriteFileAtomically(output, text);
    if (!st.ok()) {
      std::fprintf(stderr, "plan2json: %s: %s\n", TerminalSafe(input).c_str(),
                   TerminalSafe(st.message()).c_str());
      ++summary.failed;
      continue;
    }
    // Several documents on one stream make one CSV table.
    render.csv_header = false;
    render.excel_bom = false;
    if (!b.quiet) {
      for (const auto& w : conv->document["warnings"]) {
        std::fprintf(stderr, "plan2json: %s: warning: %s\n",
                     TerminalSafe(input).c_str(),
                     TerminalSafe(w["message"].get<std::string>()).c_str());
      }
    }
    if (conv->warnings > 0) {
      ++summary.warned;
    } else {
      ++summary.ok;
    }
  }
  return summary;
}

}  // namespace plan2json::cli
