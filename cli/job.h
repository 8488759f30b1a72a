// Copyright 2026 The plan2json Authors.
//
// One run of the plan2json command, after qpdf's QPDFJob: options (parsed
// from the command line by ParseCommandLine, or filled in by a program)
// -> Job::Run() -> a RunSummary -> ExitCode(), the one exit-code policy
// (cli/exit_codes.h). A single input, several inputs on stdout, a batch
// (--out-dir, cli/batch.h) and `validate` all end in the same summary.

#ifndef PLAN2JSON_CLI_JOB_H_
#define PLAN2JSON_CLI_JOB_H_

#include <string>
#include <vector>

#include "cli/batch.h"
#include "cli/exit_codes.h"

namespace plan2json::cli {

struct JobOptions {
  enum class Mode { kConvert, kValidate, kSchema };
  Mode mode = Mode::kConvert;
  std::vector<std::string> inputs;  // files to convert, or to validate
  std::string output;               // -o FILE; "" or "-" = stdout
  std::string departments_file;     // --departments
  // Format, rendering, quiet, timings, conversion options; out_dir (and the
  // rest) only for batches.
  BatchOptions batch;
};

// Parses argv into `options`. Returns -1 to go on, or the exit code to
// return at once (--help, --version: 0; a parse error: kExitUsage).
int ParseCommandLine(int argc, char** argv, JobOptions* options);

class Job {
 public:
  explicit Job(JobOptions options) : options_(std::move(options)) {}
  // Runs the job; diagnostics on stderr, data on stdout or in files.
  RunSummary Run();

 private:
  RunSummary RunValidate();
  RunSummary RunConvert();
  RunSummary RunSingle();
  // Options that need the file system: -o naming an input, --departments.
  bool CheckOptions();

  JobOptions options_;
};

}  // namespace plan2json::cli

#endif  // PLAN2JSON_CLI_JOB_H_
