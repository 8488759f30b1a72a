// Copyright 2026 The plan2json Authors.
//
// Batch conversion (`plan2json INPUT... --out-dir DIR`): many inputs, one
// output file each, a manifest, in parallel, robust to bad inputs.
//
//  - Inputs: files as given, directories searched recursively for *.pdf and
//    *.txt (any letter case), sorted by path so that runs are deterministic.
//  - Outputs: DIR/<path relative to its directory argument><ext>, e.g.
//    `plan2json in/ --out-dir out` turns in/a/b.pdf into out/a/b.pdf.json;
//    a file argument's output goes to the top of DIR (out/b.pdf.json). The
//    input's extension is kept, so b.pdf and b.txt do not collide.
//  - DIR/manifest.jsonl: one line per input, in input order (ManifestEntry),
//    written atomically when the run ends, also when it is interrupted.
//  - Resume: an input whose output exists and whose bytes have the sha256
//    recorded for it (in the previous manifest, or for JSON in the output's
//    source.sha256) is skipped, unless `force`.
//
// Design: worker processes, not threads. The parent forks `jobs` workers;
// each converts one input at a time (the parent hands out task numbers over
// a pipe and reads one result line back), writes the output itself (temp
// name + rename) and keeps nothing once the file is written. Why processes:
//  - poppler's core API is only partly thread-safe (GlobalParams, caches,
//    the error callback are process-wide) and is not instrumented for
//    ThreadSanitizer, so a thread design could not be shown race-free;
//  - a crash, abort or runaway allocation in poppler on a hostile PDF kills
//    one worker and fails one input; the parent records it, starts a new
//    worker and the batch goes on (threads would lose the whole run);
//  - a stuck input can be stopped (`timeout_seconds`: the worker is killed);
//  - memory is returned to the system with the worker: each worker is
//    replaced after kFilesPerWorker inputs, so heap fragmentation cannot
//    build up over a long archive; the parent holds only paths and one
//    manifest line per input.
// The cost is one poppler start-up (~30 ms) per worker, paid once per
// kFilesPerWorker inputs, and a pipe round trip per input.
//
// Signals: the first SIGINT/SIGTERM stops handing out inputs; workers ignore
// SIGINT (a terminal's Ctrl-C reaches them too) and finish the file in hand;
// then the manifest is written and RunBatch returns 128 + signal. A second
// signal kills the workers and discards their files in hand (their
// temporaries are removed; they are not in the manifest).

#ifndef PLAN2JSON_CLI_BATCH_H_
#define PLAN2JSON_CLI_BATCH_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_codes.h"
#include "cli/formats.h"
#include "pipeline/convert.h"

namespace plan2json::cli {

struct BatchOptions {
  std::vector<std::string> inputs;  // files and directories
  std::string out_dir;
  Format format = Format::kJson;
  RenderOptions render;
  int jobs = 0;                  // parallel workers; 0 = UsableCores()
  bool force = false;            // redo inputs whose output is up to date
  bool quiet = false;            // no progress, no summary
  double timeout_seconds = 0;    // per input; 0 = no limit
  int files_per_worker = 0;      // inputs per worker process before it is
                                 // replaced; 0 = kFilesPerWorker
  bool timings = false;          // print the stage times summed over the
                                 // converted inputs at the end
  ConvertOptions convert;
};

// Converts every input. Failures count an input that failed, and DIR or the
// manifest that cannot be written. Prints one line per failed input, and
// progress unless quiet, on stderr.
RunSummary RunBatch(const BatchOptions& options);

// --- pieces, exposed for tests ----------------------------------------------

// Each worker process is replaced after this many inputs.
inline constexpr int kFilesPerWorker = 64;
// A worker's address-space limit (RLIMIT_AS; not in ASan builds).
inline constexpr unsigned long kWorkerMemoryBytes = 4UL << 30;

struct BatchInput {
  std::string path;    // the file to convert: an argument, or a file found
                       // under a directory argument
  std::string output;  // its output, relative to the output directory
  std::string error;   // if set, the input fails without being tried
                       // (directory without inputs, output name collision)
};

// Expands arguments into inputs, in argument order; a directory's files are
// sorted by relative path (component by component, bytewise). A file
// argument is taken whatever its name (a missing one fails when tried). A
// directory without *.pdf / *.txt files yields one input with `error` set;
// so does every input whose output name is already taken by an earlier one
// or is a directory other outputs need (a.pdf beside a directory
// a.pdf.json/), and every entry named like an input that is not a regular
// file (dangling symbolic link, link loop, FIFO, device).
std::vector<BatchInput> ExpandInputs(const std::vector<std::string>& args,
                                     Format format);

// One line of manifest.jsonl. Keys, in this order: path, output, sha256
// (null if the file could not be read), status ("ok", "warnings",
// "error"), rows, pages, warnings (null for an error), error (null unless
// status is error), ms (wall time for this input), skipped (true if the
// output was up to date and kept).
// A manifest entry's outcome; written as "ok", "warnings", "error".
enum class EntryStatus { kOk, kWarnings, kError };
const char* EntryStatusName(EntryStatus status);
std::optional<EntryStatus> ParseEntryStatus(std::string_view name);

struct ManifestEntry {
  std::string path;
  std::string output;
  std::string sha256;  // "" = null
  EntryStatus status = EntryStatus::kError;
  std::optional<int> rows;
  std::optional<int> pages;
  std::optional<int> warnings;
  std::string error;   // "" = null
  double ms = 0;
  bool skipped = false;
  StageTimes times;  // not in the manifest: worker -> parent for --timings
};

// The entry as one JSON line, ending with '\n'. Invalid UTF-8 in paths and
// messages is replaced by U+FFFD.
std::string ManifestLine(const ManifestEntry& entry);
// The entry a ManifestLine() holds; nullopt if it is not one.
std::optional<ManifestEntry> ParseManifestLine(std::string_view line);

// Progress text for `done` of `total` inputs after `seconds`. With `bar`, a
// terminal line ("[####......]  12/50  24%  ..."), else a plain log line
// ("plan2json: 12/50 inputs (24%), ...").
std::string ProgressText(size_t done, size_t total, long pages, double seconds,
                         bool bar);
// "0:07", "12:34", "1:02:03"; "--:--" for a negative or non-finite value.
std::string FormatDuration(double seconds);

// CPUs this process may run on (sched_getaffinity), at least 1.
int UsableCores();

}  // namespace plan2json::cli

#endif  // PLAN2JSON_CLI_BATCH_H_
