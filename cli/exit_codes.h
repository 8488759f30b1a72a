// Copyright 2026 The plan2json Authors.
//
// The exit codes of the plan2json command (README "Exit codes").

#ifndef PLAN2JSON_CLI_EXIT_CODES_H_
#define PLAN2JSON_CLI_EXIT_CODES_H_

namespace plan2json::cli {

inline constexpr int kExitOk = 0;        // every input converted, no warnings
inline constexpr int kExitUsage = 1;     // bad options or arguments
inline constexpr int kExitError = 2;     // at least one input failed
inline constexpr int kExitWarnings = 3;  // all converted, some with warnings
// Stopped by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
inline constexpr int kExitSignalBase = 128;

}  // namespace plan2json::cli

#endif  // PLAN2JSON_CLI_EXIT_CODES_H_
