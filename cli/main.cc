// Copyright 2026 The plan2json Authors.
//
// plan2json: a thin command line over the pipeline library (after qpdf's
// qpdf.cc over QPDFJob). Options are parsed into a Job (cli/job.h), which
// runs one file, several, a batch (--out-dir, cli/batch.h) or `validate`
// alike and ends in a RunSummary; ExitCode() is the one exit policy. Data
// goes to stdout or files, diagnostics to stderr.
//
// Exit codes (README "Exit codes", cli/exit_codes.h):
//   0    every input converted, no warnings
//   1    usage error (bad options; -o naming an input)
//   2    at least one input failed (or the output could not be written)
//   3    done, with warnings
//   130  interrupted (SIGINT; 143 for SIGTERM), batch mode

#include <utility>

#include "cli/exit_codes.h"
#include "cli/job.h"

int main(int argc, char** argv) {
  plan2json::cli::JobOptions options;
  const int early = plan2json::cli::ParseCommandLine(argc, argv, &options);
  if (early >= 0) return early;
  plan2json::cli::Job job(std::move(options));
  return plan2json::cli::ExitCode(job.Run());
}
