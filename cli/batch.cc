// Copyright 2026 The plan2json Authors.
//
// See batch.h for what a batch does and why it runs worker processes.

#include "cli/batch.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <new>
#include <set>
#include <thread>
#include <utility>

#include "cli/exit_codes.h"
#include "cli/output.h"
#include "schema/schema.h"

namespace plan2json::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::ordered_json;

constexpr const char* kManifestName = "manifest.jsonl";

double SecondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Why a directory entry named like an input cannot be read as one; "" for a
// socket-less oddity not worth a line.
std::string WhyNotRegular(const fs::directory_entry& e) {
  std::error_code ec;
  fs::file_status st = e.status(ec);
  if (e.is_symlink(ec)) {
    if (ec || !fs::exists(st)) {
      std::error_code ec2;
      (void)fs::status(e.path(), ec2);
      return ec2 == std::errc::too_many_symbolic_link_levels
                 ? "symbolic link loop"
                 : "dangling symbolic link";
    }
  }
  if (fs::is_fifo(st)) return "a FIFO, not a regular file";
  if (fs::is_socket(st)) return "a socket, not a regular file";
  if (fs::is_block_file(st) || fs::is_character_file(st)) {
    return "a device, not a regular file";
  }
  if (ec) return "cannot read: " + ec.message();
  return "not a regular file";
}

bool IsInputName(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const char* const kInputs[] = {".pdf", ".txt", ".docx", ".doc",  ".wps",
                                        ".xlsx", ".xls", ".rtf",  ".odt",  ".png",
                                        ".jpg", ".jpeg", ".tif", ".tiff"};
  return std::find(std::begin(kInputs), std::end(kInputs), ext) != std::end(kInputs);
}

// The whole file if it is readable and at most `max_bytes` long.
std::optional<std::string> ReadBounded(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0 || static_cast<size_t>(size) > max_bytes) return std::nullopt;
  std::string bytes(static_cast<size_t>(size), '\0');
  if (size > 0 && !in.read(bytes.data(), size)) return std::nullopt;
  return bytes;
}

// The sha256 of the input's bytes, "" if it cannot be read or is not a
// regular file (opening a FIFO would block the parent forever).
std::string InputSha256(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::string();
  std::optional<std::string> bytes = ReadBounded(path, max_bytes);
  return bytes ? Sha256Hex(*bytes) : std::string();
}

// --- one input, in a worker ---------------------------------------------------

struct Task {
  BatchInput input;
  std::string out_path;                // out_dir / input.output
  std::optional<ManifestEntry> prior;  // the previous run's entry, if usable
};

// The entry for an input whose output is up to date, or nullopt.
std::optional<ManifestEntry> TrySkip(const Task& task, const BatchOptions& options) {
  if (options.force) return std::nullopt;
  std::error_code ec;
  if (!fs::is_regular_file(task.out_path, ec)) return std::nullopt;
  ManifestEntry entry;
  if (task.prior) {
    entry = *task.prior;
  } else if (options.format == Format::kJson) {
    // No manifest (the previous run was killed): the output says which
    // input bytes it was made from.
    std::optional<std::string> text = ReadBounded(task.out_path, size_t{1} << 30);
    if (!text) return std::nullopt;
    ordered_json doc = ordered_json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !schema::Validator::Get().Validate(doc).ok()) {
      return std::nullopt;
    }
    entry.sha256 = doc["source"]["sha256"].get<std::string>();
    entry.rows = static_cast<int>(doc["rows"].size());
    entry.pages = doc["source"]["pages"].get<int>();
    entry.warnings = static_cast<int>(doc["warnings"].size());
    entry.status = *entry.warnings > 0 ? EntryStatus::kWarnings : EntryStatus::kOk;
  } else {
    return std::nullopt;
  }
  std::optional<std::string> bytes =
      ReadBounded(task.input.path, options.convert.max_input_bytes);
  if (!bytes || Sha256Hex(*bytes) != entry.sha256) return std::nullopt;
  entry.path = task.input.path;
  entry.output = task.input.output;
  entry.error.clear();
  entry.skipped = true;
  return entry;
}

// Set by Process when the conversion ran out of memory: the worker exits
// after reporting it (its heap may stay fragmented and fail the next inputs).
bool g_worker_must_exit = false;

// An input that fails has no output: one left by an earlier run would
// contradict the manifest. Only regular files are removed.
void RemoveStaleOutput(const std::string& out_path) {
  struct stat st;
  if (::lstat(out_path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    ::unlink(out_path.c_str());
  }
}

ManifestEntry Process(const Task& task, const BatchOptions& options) {
  const auto t0 = Clock::now();
  std::optional<ManifestEntry> skipped = TrySkip(task, options);
  if (skipped) {
    skipped->ms = SecondsSince(t0) * 1000;
    return *skipped;
  }
  ManifestEntry entry;
  entry.path = task.input.path;
  entry.output = task.input.output;
  entry.status = EntryStatus::kError;
  if (IsSameFile(task.input.path, task.out_path)) {
    // A link (or hard link) in DIR to the input itself: never written over.
    entry.error = task.input.path + ": its output " + task.input.output +
                  " is the input itself (a link in the output directory); "
                  "refusing to overwrite it";
    entry.sha256 = InputSha256(task.input.path, options.convert.max_input_bytes);
    entry.ms = SecondsSince(t0) * 1000;
    return entry;
  }
  {
    Result<Conversion> conv = ConvertFile(task.input.path, options.convert);
    if (conv.ok()) {
      entry.sha256 = conv->sha256;
      entry.times = conv->times;
      // The document is rendered, written and dropped here: nothing of it
      // outlives this block.
      Status st = WriteFileAtomically(
          task.out_path, Render(conv->document, options.format, options.render));
      if (st.ok()) {
        entry.status =
            conv->warnings > 0 ? EntryStatus::kWarnings : EntryStatus::kOk;
        entry.rows = conv->rows;
        entry.pages = conv->pages;
        entry.warnings = conv->warnings;
      } else {
        entry.error = task.input.path + ": " + st.message();
        RemoveStaleOutput(task.out_path);
      }
    } else {
      entry.error = conv.status().message();
      if (conv.status().code() == Status::Code::kOutOfMemory) {
        g_worker_must_exit = true;
      }
      RemoveStaleOutput(task.out_path);
      entry.sha256 = InputSha256(task.input.path, options.convert.max_input_bytes);
    }
  }
  entry.ms = SecondsSince(t0) * 1000;
  return entry;
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// A worker: reads task numbers ("17\n") until end of file, answers each with
// "17\t<manifest line>\n". Never returns.
[[noreturn]] void WorkerMain(int task_fd, int result_fd,
                             const std::vector<Task>& tasks,
                             const BatchOptions& options) {
  std::string buf;
  char chunk[256];
  for (;;) {
    size_t nl;
    while ((nl = buf.find('\n')) == std::string::npos) {
      ssize_t n = ::read(task_fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) _exit(0);
      buf.append(chunk, static_cast<size_t>(n));
    }
    size_t index = std::strtoul(buf.c_str(), nullptr, 10);
    buf.erase(0, nl + 1);
    if (index >= tasks.size()) _exit(3);
    ManifestEntry entry;
    const auto t0 = Clock::now();
    try {
      entry = Process(tasks[index], options);
    } catch (const std::exception& e) {
      const bool oom = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
      g_worker_must_exit = g_worker_must_exit || oom;
      entry = ManifestEntry();
      entry.path = tasks[index].input.path;
      entry.output = tasks[index].input.output;
      entry.status = EntryStatus::kError;
      entry.error = entry.path + (oom ? ": out of memory" : ": internal error: ") +
                    (oom ? "" : e.what());
      entry.sha256 = InputSha256(entry.path, options.convert.max_input_bytes);
      entry.ms = SecondsSince(t0) * 1000;
      RemoveStaleOutput(tasks[index].out_path);
    }
    const StageTimes& t = entry.times;
    char times[160];
    std::snprintf(times, sizeof times, "%.3f %.3f %.3f %.3f %.3f", t.read,
                  t.extract, t.table, t.normalize, t.validate);
    if (!WriteAll(result_fd, std::to_string(index) + "\t" + times + "\t" +
                                 ManifestLine(entry))) {
      _exit(0);  // the parent is gone
    }
    if (g_worker_must_exit) _exit(0);  // the parent starts a fresh worker
  }
}

// A worker's address space is capped (kWorkerMemoryBytes): a runaway
// allocation on a hostile input fails (bad_alloc: one input's error, then the
// worker exits) instead of driving the machine into swap. Not under
// AddressSanitizer, whose shadow memory needs terabytes of address space.
#if defined(__SANITIZE_ADDRESS__)
#define PLAN2JSON_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PLAN2JSON_ASAN 1
#endif
#endif
void LimitWorkerMemory() {
#ifndef PLAN2JSON_ASAN
  struct rlimit lim;
  if (::getrlimit(RLIMIT_AS, &lim) == 0 &&
      (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur > kWorkerMemoryBytes)) {
    lim.rlim_cur = kWorkerMemoryBytes;
    ::setrlimit(RLIMIT_AS, &lim);
  }
#endif
}

// --- the parent ---------------------------------------------------------------

int g_signal_pipe[2] = {-1, -1};
volatile sig_atomic_t g_last_signal = 0;

extern "C" void OnSignal(int sig) {
  int saved = errno;
  g_last_signal = sig;
  char c = 1;
  (void)!::write(g_signal_pipe[1], &c, 1);
  errno = saved;
}

struct Worker {
  pid_t pid = -1;
  int task_fd = -1;    // parent -> worker: task numbers
  int result_fd = -1;  // worker -> parent: results
  std::string buf;     // incomplete result line
  long task = -1;      // index in hand, -1 when idle
  Clock::time_point started;
  int served = 0;
  bool retiring = false;  // task_fd closed; exits when it reads EOF
};

class Progress {
 public:
  Progress(size_t total, bool quiet)
      : total_(total), quiet_(quiet), tty_(isatty(STDERR_FILENO) == 1),
        start_(Clock::now()),
        // On a terminal the first update draws at once, so the bar shows
        // however fast the batch is; plain lines wait their 5 s.
        last_(tty_ ? start_ - std::chrono::seconds(10) : start_) {}

  void Update(size_t done, long pages, bool force = false) {
    if (quiet_) return;
    auto now = Clock::now();
    double since = std::chrono::duration<double>(now - last_).count();
    if (!force && since < (tty_ ? 0.2 : 5.0)) return;
    last_ = now;
    std::string text =
        ProgressText(done, total_, pages, SecondsSince(start_), tty_);
    if (tty_) {
      text = "\r" + text + "\033[K";
      shown_ = true;
    } else {
      text += "\n";
    }
    std::fputs(text.c_str(), stderr);
    std::fflush(stderr);
  }
  // Before another line is printed: the bar line is cleared.
  void Clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }
  double Elapsed() const { return SecondsSince(start_); }

 private:
  size_t total_;
  bool quiet_;
  bool tty_;
  Clock::time_point start_;
  Clock::time_point last_;
  bool shown_ = false;
};

std::string DescribeExit(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* name = strsignal(sig);
    return "worker crashed (signal " + std::to_string(sig) +
           (name ? std::string(", ") + name : std::string()) + ")";
  }
  if (WIFEXITED(status)) {
    return "worker exited unexpectedly with status " +
           std::to_string(WEXITSTATUS(status));
  }
  return "worker stopped unexpectedly";
}

class Batch {
 public:
  Batch(const BatchOptions& options, std::vector<Task> tasks)
      : options_(options),
        tasks_(std::move(tasks)),
        lines_(tasks_.size()),
        progress_(tasks_.size(), options.quiet) {
    jobs_ = options.jobs > 0 ? options.jobs : UsableCores();
    if (options.files_per_worker > 0) files_per_worker_ = options.files_per_worker;
  }

  // Runs everything; returns the signal that stopped the run, or 0.
  int Run();

  size_t ok = 0, warned = 0, failed = 0, skipped = 0, done = 0;
  long pages = 0;
  size_t timed = 0;   // converted inputs whose times are in `times`
  StageTimes times;   // summed over them
  const std::vector<std::string>& lines() const { return lines_; }
  double Elapsed() const { return progress_.Elapsed(); }
  void ClearProgress() { progress_.Clear(); }

 private:
  void Finish(size_t index, const ManifestEntry& entry);
  // An input that fails without a worker's answer. `tried`: it was handed
  // to a worker (crashed, timed out): the entry gets the input's sha256 and
  // the time since `started`, and a stale output is removed.
  void FailTask(size_t index, const std::string& message, bool tried = false,
                Clock::time_point started = {});
  bool Spawn();
  void Dispatch(Worker& w, size_t index);
  void Reap(Worker& w, bool killed);
  void ReadResults(Worker& w);
  void HandleResultLine(Worker& w, const std::string& line);
  void CloseWorker(Worker& w);
  void Retire(Worker& w);
  // The passes of Run's loop.
  void HandOut();
  bool RetireIdle();
  int Wait(std::vector<pollfd>* fds);
  void HandleSignals();
  void EnforceTimeouts();

  const BatchOptions& options_;
  std::vector<Task> tasks_;
  std::vector<std::string> lines_;
  Progress progress_;
  int jobs_ = 1;
  int files_per_worker_ = kFilesPerWorker;
  std::vector<Worker> workers_;
  size_t next_ = 0;
  int stop_ = 0;  // the signal that stopped handing out inputs, or 0
  int signals_seen_ = 0;
};

void Batch::Finish(size_t index, const ManifestEntry& entry) {
  lines_[index] = ManifestLine(entry);
  ++done;
  if (entry.skipped) ++skipped;
  if (entry.status == EntryStatus::kOk) ++ok;
  if (entry.status == EntryStatus::kWarnings) ++warned;
  if (entry.status == EntryStatus::kError) {
    ++failed;
    progress_.Clear();
    std::fprintf(stderr, "plan2json: %s\n", TerminalSafe(entry.error).c_str());
  }
  if (entry.pages && !entry.skipped) pages += *entry.pages;
  if (entry.status != EntryStatus::kError && !entry.skipped) {
    ++timed;
    times.read += entry.times.read;
    times.extract += entry.times.extract;
    times.table += entry.times.table;
    times.normalize += entry.times.normalize;
    times.validate += entry.times.validate;
  }
  progress_.Update(done, pages);
}

void Batch::FailTask(size_t index, const std::string& message, bool tried,
                     Clock::time_point started) {
  ManifestEntry entry;
  entry.path = tasks_[index].input.path;
  entry.output = tasks_[index].input.output;
  entry.status = EntryStatus::kError;
  entry.error = message;
  if (tried) {
    entry.ms = SecondsSince(started) * 1000;
    entry.sha256 =
        InputSha256(entry.path, options_.convert.max_input_bytes);
    RemoveStaleOutput(tasks_[index].out_path);
  }
  Finish(index, entry);
}

bool Batch::Spawn() {
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0) return false;
  if (::pipe2(from, O_CLOEXEC) != 0) {
    ::close(to[0]);
    ::close(to[1]);
    return false;
  }
  // Signals stay blocked across fork so that the child never runs the
  // parent's handler; it sets its own dispositions first.
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  sigprocmask(SIG_BLOCK, &block, &old);
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::signal(SIGINT, SIG_IGN);  // a terminal's ^C: finish the file in hand
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGPIPE, SIG_DFL);
    sigprocmask(SIG_SETMASK, &old, nullptr);
    ::close(to[1]);
    ::close(from[0]);
    for (const Worker& w : workers_) {
      if (w.task_fd >= 0) ::close(w.task_fd);
      ::close(w.result_fd);
    }
    ::close(g_signal_pipe[0]);
    ::close(g_signal_pipe[1]);
    LimitWorkerMemory();
    WorkerMain(to[0], from[1], tasks_, options_);
  }
  sigprocmask(SIG_SETMASK, &old, nullptr);
  ::close(to[0]);
  ::close(from[1]);
  if (pid < 0) {
    ::close(to[1]);
    ::close(from[0]);
    return false;
  }
  Worker w;
  w.pid = pid;
  w.task_fd = to[1];
  w.result_fd = from[0];
  workers_.push_back(std::move(w));
  return true;
}

void Batch::Dispatch(Worker& w, size_t index) {
  const Task& task = tasks_[index];
  std::error_code ec;
  fs::create_directories(fs::path(task.out_path).parent_path(), ec);
  if (ec) {
    FailTask(index, task.input.path + ": cannot create directory for " +
                        task.out_path + ": " + ec.message());
    return;
  }
  w.task = static_cast<long>(index);
  w.started = Clock::now();
  // If the worker has died, the write fails (EPIPE; SIGPIPE is ignored) and
  // its end of file on result_fd reports the task as failed.
  WriteAll(w.task_fd, std::to_string(index) + "\n");
}

// Closes the worker's task pipe: it exits when it reads end of file, and is
// reaped when its result pipe reports end of file.
void Batch::Retire(Worker& w) {
  ::close(w.task_fd);
  w.task_fd = -1;
  w.retiring = true;
}

void Batch::CloseWorker(Worker& w) {
  if (w.task_fd >= 0) ::close(w.task_fd);
  ::close(w.result_fd);
  w.task_fd = w.result_fd = -1;
  w.pid = -1;
}

// The worker has exited or is being killed: collect it, fail its task (unless
// `killed` by a second interrupt: then the task is discarded) and remove the
// temporary file it may have left.
void Batch::Reap(Worker& w, bool killed) {
  int status = 0;
  while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
  // A SIGTERM or SIGINT sent to the whole process group while stopping (by
  // `timeout`, a service manager, `kill -- -PGID`) stopped the worker, not
  // its input: discard that input like a second interrupt would.
  if (stop_ != 0 && WIFSIGNALED(status) &&
      (WTERMSIG(status) == SIGTERM || WTERMSIG(status) == SIGINT)) {
    killed = true;
  }
  if (w.task >= 0) {
    const auto index = static_cast<size_t>(w.task);
    ::unlink(TempPath(tasks_[index].out_path, w.pid).c_str());
    if (!killed) {
      FailTask(index, tasks_[index].input.path + ": " + DescribeExit(status),
               /*tried=*/true, w.started);
    }
  }
  CloseWorker(w);
}

// "<index>\t<5 stage times>\t<manifest line>"
void Batch::HandleResultLine(Worker& w, const std::string& line) {
  size_t tab = line.find('\t');
  size_t tab2 = tab == std::string::npos ? tab : line.find('\t', tab + 1);
  std::optional<ManifestEntry> entry;
  if (tab2 != std::string::npos) entry = ParseManifestLine(line.substr(tab2 + 1));
  if (entry) {
    StageTimes& t = entry->times;
    if (std::sscanf(line.c_str() + tab + 1, "%lf %lf %lf %lf %lf", &t.read,
                    &t.extract, &t.table, &t.normalize, &t.validate) != 5) {
      entry.reset();
    }
  }
  size_t index = std::strtoul(line.c_str(), nullptr, 10);
  if (!entry || w.task < 0 || index != static_cast<size_t>(w.task)) {
    // Cannot happen with a sane worker; treat it as a crash.
    ::kill(w.pid, SIGKILL);
    return;
  }
  w.task = -1;
  ++w.served;
  Finish(index, *entry);
}

void Batch::ReadResults(Worker& w) {
  char chunk[4096];
  ssize_t n = ::read(w.result_fd, chunk, sizeof chunk);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) {
    Reap(w, false);
    return;
  }
  w.buf.append(chunk, static_cast<size_t>(n));
  size_t nl;
  while ((nl = w.buf.find('\n')) != std::string::npos) {
    std::string line = w.buf.substr(0, nl);
    w.buf.erase(0, nl + 1);
    HandleResultLine(w, line);
  }
}

// Hands out inputs to idle workers, starting workers up to jobs_; inputs
// that failed before conversion (unreadable, special files) fail here.
void Batch::HandOut() {
  const size_t n = tasks_.size();
  while (!stop_ && next_ < n) {
    if (!tasks_[next_].input.error.empty()) {
      FailTask(next_, tasks_[next_].input.error);
      ++next_;
      continue;
    }
    Worker* idle = nullptr;
    int alive = 0;
    for (Worker& w : workers_) {
      if (w.pid < 0 || w.retiring) continue;
      if (w.task < 0 && w.served >= files_per_worker_) {
        Retire(w);  // served its share: a fresh worker takes over
        continue;
      }
      ++alive;
      if (w.task < 0 && idle == nullptr) idle = &w;
    }
    if (idle == nullptr) {
      if (alive >= jobs_) break;
      if (!Spawn()) {
        if (alive > 0) break;  // carry on with the workers we have
        FailTask(next_, tasks_[next_].input.path +
                            ": cannot start a worker process: " +
                            std::strerror(errno));
        ++next_;
        continue;
      }
      idle = &workers_.back();
    }
    Dispatch(*idle, next_++);
  }
}

// Once nothing is left to hand out, idle workers go. False when no worker
// is left and nothing remains to do.
bool Batch::RetireIdle() {
  const bool all_out = stop_ || next_ >= tasks_.size();
  for (Worker& w : workers_) {
    if (w.pid < 0 || w.task >= 0 || w.retiring) continue;
    if (all_out) Retire(w);
  }
  workers_.erase(std::remove_if(workers_.begin(), workers_.end(),
                                [](const Worker& w) { return w.pid < 0; }),
                 workers_.end());
  return !(workers_.empty() && all_out);
}

// Waits for results, a signal, the next progress refresh or the nearest
// timeout. fds[0] is the signal pipe, then one per worker; returns poll's
// count.
int Batch::Wait(std::vector<pollfd>* fds) {
  fds->clear();
  fds->push_back({g_signal_pipe[0], POLLIN, 0});
  for (const Worker& w : workers_) fds->push_back({w.result_fd, POLLIN, 0});
  int wait_ms = 250;  // progress refresh
  if (options_.timeout_seconds > 0) {
    for (const Worker& w : workers_) {
      if (w.task < 0) continue;
      double left = options_.timeout_seconds - SecondsSince(w.started);
      wait_ms = std::min(wait_ms, std::max(0, static_cast<int>(left * 1000) + 1));
    }
  }
  int ready = ::poll(fds->data(), fds->size(), wait_ms);
  if (ready < 0 && errno != EINTR) {
    progress_.Clear();
    std::fprintf(stderr, "plan2json: poll: %s\n", std::strerror(errno));
    stop_ = SIGTERM;
  }
  if (ready > 0 && ((*fds)[0].revents & POLLIN)) {
    char drain[64];
    while (::read(g_signal_pipe[0], drain, sizeof drain) > 0) {
    }
  }
  return ready;
}

// The first SIGINT/SIGTERM stops handing out inputs (those in hand
// finish); the second kills the workers and discards their inputs.
void Batch::HandleSignals() {
  while (g_last_signal != 0) {
    int sig = g_last_signal;
    g_last_signal = 0;
    ++signals_seen_;
    progress_.Clear();
    if (signals_seen_ == 1) {
      stop_ = sig;
      int busy = 0;
      for (const Worker& w : workers_) busy += w.task >= 0;
      std::fprintf(stderr,
                   "plan2json: %s: finishing %d input(s) in hand, then "
                   "writing the manifest (again to abort them)\n",
                   strsignal(sig), busy);
      continue;
    }
    int discarded = 0;
    for (Worker& w : workers_) {
      if (w.pid < 0) continue;
      discarded += w.task >= 0;
      ::kill(w.pid, SIGKILL);
      Reap(w, true);
    }
    std::fprintf(stderr, "plan2json: %s: discarded %d input(s) in hand\n",
                 strsignal(sig), discarded);
  }
}

// Kills the workers whose input has run past --timeout; the input fails.
void Batch::EnforceTimeouts() {
  if (options_.timeout_seconds <= 0) return;
  for (Worker& w : workers_) {
    if (w.pid < 0 || w.task < 0) continue;
    if (SecondsSince(w.started) < options_.timeout_seconds) continue;
    const auto index = static_cast<size_t>(w.task);
    const Clock::time_point started = w.started;
    ::kill(w.pid, SIGKILL);
    Reap(w, true);
    char secs[32];
    std::snprintf(secs, sizeof secs, "%g", options_.timeout_seconds);
    FailTask(index,
             tasks_[index].input.path + ": timed out after " + secs +
                 " s (--timeout)",
             /*tried=*/true, started);
  }
}

int Batch::Run() {
  std::vector<pollfd> fds;
  for (;;) {
    HandOut();
    if (!RetireIdle()) break;
    const int ready = Wait(&fds);
    HandleSignals();
    // Results (and workers that ended).
    for (size_t i = 1; ready > 0 && i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      for (Worker& w : workers_) {
        if (w.pid >= 0 && w.result_fd == fds[i].fd) {
          ReadResults(w);
          break;
        }
      }
    }
    EnforceTimeouts();
    progress_.Update(done, pages);
  }
  return stop_;
}

// True for "<anything>.tmp-<digits>", the name WriteFileAtomically writes
// before its rename.
bool IsTemporaryName(const std::string& name) {
  const size_t at = name.rfind(".tmp-");
  if (at == std::string::npos || at + 5 >= name.size()) return false;
  return name.find_first_not_of("0123456789", at + 5) == std::string::npos;
}

// Temporaries left by an earlier run that was killed (SIGKILL leaves no
// chance to clean up). Called under the directory's lock, so no other run
// is writing them.
void RemoveStaleTemporaries(const std::string& out_dir) {
  std::error_code ec;
  fs::recursive_directory_iterator it(
      out_dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code ec2;
    if (it->is_regular_file(ec2) &&
        IsTemporaryName(it->path().filename().string())) {
      fs::remove(it->path(), ec2);
    }
  }
}

// The previous run's manifest, by output path.
std::map<std::string, ManifestEntry> ReadPriorManifest(const std::string& path) {
  std::map<std::string, ManifestEntry> prior;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    std::optional<ManifestEntry> e = ParseManifestLine(line);
    if (e && e->status != EntryStatus::kError && !e->sha256.empty()) {
      prior[e->output] = std::move(*e);
    }
  }
  return prior;
}

}  // namespace

// --- public pieces -------------------------------------------------------------

std::vector<BatchInput> ExpandInputs(const std::vector<std::string>& args,
                                     Format format) {
  std::vector<BatchInput> inputs;
  const std::string ext = FormatExtension(format);
  for (const std::string& arg : args) {
    std::error_code ec;
    if (!fs::is_directory(arg, ec)) {
      inputs.push_back({arg, fs::path(arg).filename().string() + ext, ""});
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(
        arg, fs::directory_options::skip_permission_denied, ec);
    std::map<fs::path, std::string> unusable;  // relative path -> why
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code ec2;
      if (!IsInputName(it->path())) continue;
      if (it->is_regular_file(ec2)) {
        found.push_back(it->path().lexically_relative(arg));
      } else if (!it->is_directory(ec2)) {
        // Named like an input but not a file to read: say so in the
        // manifest instead of skipping it without a word.
        std::string why = WhyNotRegular(*it);
        if (!why.empty()) unusable[it->path().lexically_relative(arg)] = why;
      }
    }
    if (ec) {
      inputs.push_back({arg, "", arg + ": cannot read directory: " + ec.message()});
      continue;
    }
    if (found.empty() && unusable.empty()) {
      inputs.push_back({arg, "", arg + ": no *.pdf or *.txt files in this directory"});
      continue;
    }
    for (const auto& [rel, why] : unusable) found.push_back(rel);
    std::sort(found.begin(), found.end());
    for (const fs::path& rel : found) {
      const std::string path = (fs::path(arg) / rel).string();
      auto bad = unusable.find(rel);
      inputs.push_back({path, rel.string() + ext,
                        bad == unusable.end() ? "" : path + ": " + bad->second});
    }
  }
  std::map<std::string, std::string> owner;  // output -> first input
  owner[kManifestName] = "the manifest";
  // Directories that outputs need (a/b.pdf.json needs "a"): an output with
  // such a name (input a.pdf next to a directory a.pdf.json/) cannot be
  // written, whatever the order the workers finish in.
  std::map<std::string, std::string> dirs;  // directory -> an input needing it
  for (const BatchInput& in : inputs) {
    if (!in.error.empty() || in.output.empty()) continue;
    for (fs::path d = fs::path(in.output).parent_path(); !d.empty();
         d = d.parent_path()) {
      dirs.emplace(d.string(), in.path);
    }
  }
  for (BatchInput& in : inputs) {
    if (!in.error.empty()) continue;
    if (auto d = dirs.find(in.output); d != dirs.end()) {
      in.error = in.path + ": its output " + in.output +
                 " is the directory of other outputs (" + d->second +
                 "); rename one of them";
      continue;
    }
    auto [it, fresh] = owner.emplace(in.output, in.path);
    if (!fresh) {
      in.error = in.path + ": its output " + in.output + " is already that of " +
                 it->second + "; rename one of them";
    }
  }
  return inputs;
}

const char* EntryStatusName(EntryStatus status) {
  switch (status) {
    case EntryStatus::kOk: return "ok";
    case EntryStatus::kWarnings: return "warnings";
    case EntryStatus::kError: return "error";
  }
  return "error";
}

std::optional<EntryStatus> ParseEntryStatus(std::string_view name) {
  if (name == "ok") return EntryStatus::kOk;
  if (name == "warnings") return EntryStatus::kWarnings;
  if (name == "error") return EntryStatus::kError;
  return std::nullopt;
}

std::string ManifestLine(const ManifestEntry& e) {
  auto opt = [](const std::optional<int>& v) {
    return v ? ordered_json(*v) : ordered_json(nullptr);
  };
  auto str = [](const std::string& s) {
    return s.empty() ? ordered_json(nullptr) : ordered_json(SanitizeUtf8(s));
  };
  ordered_json j;
  j["path"] = EscapeInvalidUtf8(e.path);
  j["output"] = EscapeInvalidUtf8(e.output);
  j["sha256"] = str(e.sha256);
  j["status"] = EntryStatusName(e.status);
  j["rows"] = opt(e.rows);
  j["pages"] = opt(e.pages);
  j["warnings"] = opt(e.warnings);
  j["error"] = str(e.error);
  j["ms"] = std::round(e.ms * 10) / 10;
  j["skipped"] = e.skipped;
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::optional<ManifestEntry> ParseManifestLine(std::string_view line) {
  ordered_json j = ordered_json::parse(line, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  ManifestEntry e;
  std::string status;
  auto get_str = [&](const char* key, std::string* out, bool required) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return !required;
    if (!it->is_string()) return false;
    *out = it->get<std::string>();
    return true;
  };
  auto get_int = [&](const char* key, std::optional<int>* out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_number_integer()) return false;
    *out = it->get<int>();
    return true;
  };
  if (!get_str("path", &e.path, true) || !get_str("output", &e.output, false) ||
      !get_str("sha256", &e.sha256, false) || !get_str("status", &status, true) ||
      !get_str("error", &e.error, false) || !get_int("rows", &e.rows) ||
      !get_int("pages", &e.pages) || !get_int("warnings", &e.warnings)) {
    return std::nullopt;
  }
  std::optional<EntryStatus> parsed = ParseEntryStatus(status);
  if (!parsed) return std::nullopt;
  e.status = *parsed;
  if (auto it = j.find("ms"); it != j.end() && it->is_number()) {
    e.ms = it->get<double>();
  }
  if (auto it = j.find("skipped"); it != j.end() && it->is_boolean()) {
    e.skipped = it->get<bool>();
  }
  return e;
}

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  auto s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60,
                  s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  }
  return buf;
}

std::string ProgressText(size_t done, size_t total, long pages, double seconds,
                         bool bar) {
  const double fraction =
      total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const double page_rate = seconds > 0 ? static_cast<double>(pages) / seconds : 0;
  const double eta =
      done == 0 ? -1 : static_cast<double>(total - done) / static_cast<double>(done) * seconds;
  const int percent = static_cast<int>(fraction * 100);
  char buf[256];
  if (bar) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string cells(static_cast<size_t>(filled), '#');
    cells.append(static_cast<size_t>(kWidth - filled), '.');
    std::snprintf(buf, sizeof buf,
                  "[%s] %zu/%zu %3d%%  %.1f files/s  %.0f pages/s  ETA %s",
                  cells.c_str(), done, total, percent, rate, page_rate,
                  FormatDuration(eta).c_str());
  } else {
    std::snprintf(buf, sizeof buf,
                  "plan2json: %zu/%zu inputs (%d%%), %.1f files/s, %.0f "
                  "pages/s, elapsed %s, ETA %s",
                  done, total, percent, rate, page_rate,
                  FormatDuration(seconds).c_str(), FormatDuration(eta).c_str());
  }
  return buf;
}

int UsableCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

namespace {

// Creates the output directory, checks that it takes files and locks it:
// one run per output directory at a time (a second one would overwrite the
// outputs the first one's manifest describes). The directory itself is
// locked, so no lock file is left behind; the lock goes with the process
// (and its workers), also when it is killed. Returns the locked descriptor,
// or -1 after saying why on stderr.
int LockOutputDir(const std::string& out_dir) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec || !fs::is_directory(out_dir)) {
    std::fprintf(stderr, "plan2json: %s: cannot create output directory: %s\n",
                 out_dir.c_str(),
                 (ec ? ec : std::make_error_code(std::errc::not_a_directory))
                     .message()
                     .c_str());
    return -1;
  }
  std::string probe = (fs::path(out_dir) / ".plan2json-probe-XXXXXX").string();
  int fd = ::mkstemp(probe.data());
  if (fd < 0) {
    std::fprintf(stderr, "plan2json: %s: output directory is not writable: %s\n",
                 out_dir.c_str(), std::strerror(errno));
    return -1;
  }
  ::close(fd);
  ::unlink(probe.c_str());
  const int lock_fd = ::open(out_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock_fd < 0 || ::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::fprintf(stderr, "plan2json: %s: %s\n", TerminalSafe(out_dir).c_str(),
                 lock_fd >= 0 && err == EWOULDBLOCK
                     ? "another plan2json run is writing to this output "
                       "directory (wait for it, or use another --out-dir)"
                     : (std::string("cannot lock the output directory: ") +
                        std::strerror(err)).c_str());
    if (lock_fd >= 0) ::close(lock_fd);
    return -1;
  }
  return lock_fd;
}

// The inputs, each with its output path and what the previous run's
// manifest says of that output (for resuming).
std::vector<Task> PlanTasks(const BatchOptions& options,
                            const std::string& manifest_path) {
  std::map<std::string, ManifestEntry> prior;
  if (!options.force) prior = ReadPriorManifest(manifest_path);
  std::vector<Task> tasks;
  for (BatchInput& in : ExpandInputs(options.inputs, options.format)) {
    Task t;
    t.out_path = (fs::path(options.out_dir) / in.output).string();
    if (auto it = prior.find(EscapeInvalidUtf8(in.output));
        it != prior.end() && in.error.empty()) {
      t.prior = std::move(it->second);
    }
    t.input = std::move(in);
    tasks.push_back(std::move(t));
  }
  return tasks;
}

// SIGINT/SIGTERM wake the poll loop through a self-pipe, SIGPIPE is
// ignored; the destructor puts the previous handlers back.
class SignalScope {
 public:
  SignalScope() {
    ok_ = ::pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) == 0;
    if (!ok_) return;
    struct sigaction sa {};
    sa.sa_handler = OnSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: poll() returns EINTR
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &old_pipe_);
  }
  ~SignalScope() {
    if (!ok_) return;
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    sigaction(SIGPIPE, &old_pipe_, nullptr);
    ::close(g_signal_pipe[0]);
    ::close(g_signal_pipe[1]);
    g_signal_pipe[0] = g_signal_pipe[1] = -1;
  }
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;
  bool ok() const { return ok_; }

 private:
  bool ok_ = false;
  struct sigaction old_int_ {}, old_term_ {}, old_pipe_ {};
};

// The closing summary line and, with --timings, the summed stage times.
void Report(const BatchOptions& options, Batch& batch,
            const std::string& manifest_path) {
  if (!options.quiet) {
    const double secs = batch.Elapsed();
    const double rate = secs > 0 ? static_cast<double>(batch.pages) / secs : 0.0;
    // Scans go at well under a page a second: keep a decimal there.
    std::fprintf(stderr,
                 "plan2json: %zu of %zu inputs in %.1f s: %zu ok, %zu with "
                 "warnings, %zu failed (%zu up to date, skipped); %ld pages "
                 "converted, %.*f pages/s; manifest %s\n",
                 batch.done, batch.lines().size(), secs, batch.ok, batch.warned,
                 batch.failed, batch.skipped, batch.pages, rate < 10 ? 2 : 0, rate,
                 manifest_path.c_str());
  }
  if (options.timings && batch.timed > 0) {
    const StageTimes& t = batch.times;
    std::fprintf(stderr,
                 "plan2json: timings ms, summed over %zu converted inputs: "
                 "read %.2f, extract %.2f, table %.2f, normalize+emit %.2f, "
                 "validate %.2f\n",
                 batch.timed, t.read, t.extract, t.table, t.normalize,
                 t.validate);
  }
}

}  // namespace

RunSummary RunBatch(const BatchOptions& options) {
  RunSummary failed_setup;
  failed_setup.failed = 1;
  const int lock_fd = LockOutputDir(options.out_dir);
  if (lock_fd < 0) return failed_setup;
  RemoveStaleTemporaries(options.out_dir);
  const std::string manifest_path =
      (fs::path(options.out_dir) / kManifestName).string();
  std::vector<Task> tasks = PlanTasks(options, manifest_path);

  // Load what every worker needs once, before forking, so that workers share
  // it (copy-on-write) instead of each building its own.
  (void)schema::Validator::Get();
  if (!options.convert.departments) (void)normalizer::DepartmentDict::BuiltIn();

  Batch batch(options, std::move(tasks));
  int stopped_by = 0;
  {
    SignalScope signals;
    if (!signals.ok()) {
      std::fprintf(stderr, "plan2json: pipe: %s\n", std::strerror(errno));
      ::close(lock_fd);
      return failed_setup;
    }
    stopped_by = batch.Run();
  }

  // The manifest: every input finished, in input order.
  std::string manifest;
  for (const std::string& line : batch.lines()) manifest += line;
  Status written = WriteFileAtomically(manifest_path, manifest);
  batch.ClearProgress();
  if (!written.ok()) {
    std::fprintf(stderr, "plan2json: %s\n", TerminalSafe(written.message()).c_str());
  }
  ::close(lock_fd);  // releases the lock
  Report(options, batch, manifest_path);
  RunSummary summary;
  summary.ok = batch.ok;
  summary.warned = batch.warned;
  summary.failed = batch.failed + (written.ok() ? 0 : 1);
  summary.signal = stopped_by;
  return summary;
}

}  // namespace plan2json::cli
