// Copyright 2026 The plan2json Authors.
//
// The exit codes of the plan2json command (README "Exit codes").

#ifndef PLAN2JSON_CLI_EXIT_CODES_H_
#define PLAN2JSON_CLI_EXIT_CODES_H_

#include <cstddef>

namespace plan2json::cli {

inline constexpr int kExitOk = 0;        // every input converted, no warnings
inline constexpr int kExitUsage = 1;     // bad options or arguments
inline constexpr int kExitError = 2;     // at least one input failed
inline constexpr int kExitWarnings = 3;  // all converted, some with warnings
// Stopped by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
inline constexpr int kExitSignalBase = 128;

// What a run did (one input, several, a batch, validate).
struct RunSummary {
  size_t ok = 0, warned = 0, failed = 0;
  bool usage_error = false;  // bad options: nothing was tried
  int signal = 0;            // the signal that stopped the run, or 0
};

// The one exit-code policy: usage error, then signal, then failure, then
// warnings.
inline int ExitCode(const RunSummary& s) {
  if (s.usage_error) return kExitUsage;
  if (s.signal != 0) return kExitSignalBase + s.signal;
  if (s.failed > 0) return kExitError;
  if (s.warned > 0) return kExitWarnings;
  return kExitOk;
}

}  // namespace plan2json::cli

#endif  // PLAN2JSON_CLI_EXIT_CODES_H_
