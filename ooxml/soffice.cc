// Copyright 2026 The plan2json Authors.
//
// LibreOffice as a converter: one headless soffice process per file, its
// own user profile (so concurrent conversions never share one), in its own
// process group (so a timeout kills oosplash and soffice.bin together).

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "ooxml/office.h"

extern char** environ;

namespace plan2json::ooxml {
namespace {

namespace fs = std::filesystem;

// The soffice executable on PATH, or "".
std::string FindSoffice() {
  const char* path = std::getenv("PATH");
  std::string p = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::stringstream ss(p);
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    for (const char* exe : {"soffice", "libreoffice"}) {
      fs::path f = fs::path(dir.empty() ? "." : dir) / exe;
      if (access(f.c_str(), X_OK) == 0) return f.string();
    }
  }
  return "";
}

// Removes the directory when it goes out of scope.
struct TempDir {
  std::string path;
  ~TempDir() {
    if (path.empty()) return;
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Runs argv in a new process group; kills the group after `timeout`.
// Returns the exit status, or -1 after a timeout (-2: cannot start).
int RunWithTimeout(const std::vector<std::string>& argv, const std::string& log,
                   double timeout) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0].c_str(), &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return -2;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<long>(timeout * 1000));
  // The leader is checked without being reaped (WNOWAIT): while it is a
  // zombie its process group id cannot be reused, so killing the group
  // after it exited reaches only helpers it left behind.
  for (auto wait = std::chrono::milliseconds(5);; wait = std::min(wait * 2, std::chrono::milliseconds(50))) {
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return -2;
    if (info.si_pid == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      return -1;
    }
    std::this_thread::sleep_for(wait);
  }
  kill(-pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string LastLine(const std::string& file) {
  std::ifstream in(file);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last.substr(0, 200);
}

}  // namespace

Result<std::string> ConvertWithLibreOffice(std::string_view bytes, const std::string& from,
                                           const std::string& to, double timeout_seconds) {
  const std::string soffice = FindSoffice();
  if (soffice.empty()) {
    return Status(Status::Code::kInvalidArgument,
                  "reading ." + from + " files needs LibreOffice (install the Debian package " +
                      (to == "xlsx" ? "libreoffice-calc-nogui" : "libreoffice-writer-nogui") +
                      ")");
  }
  std::error_code ec;
  std::string tmpl = (fs::temp_directory_path(ec) / "plan2json-office-XXXXXX").string();
  TempDir dir;
  if (mkdtemp(tmpl.data()) == nullptr) {
    return Status(Status::Code::kIoError, "cannot create a temporary directory for LibreOffice");
  }
  dir.path = tmpl;
  const std::string input = dir.path + "/input." + from;
  {
    std::ofstream out(input, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status(Status::Code::kIoError, "cannot write " + input);
  }
  const std::string log = dir.path + "/soffice.log";
  int rc = RunWithTimeout({soffice, "--headless", "--norestore", "--nologo", "--nodefault",
                           "--nolockcheck", "-env:UserInstallation=file://" + dir.path + "/profile",
                           "--convert-to", to, "--outdir", dir.path + "/out", input},
                          log, timeout_seconds);
  if (rc == -1) {
    return Status(Status::Code::kLimit, "LibreOffice did not convert the file within " +
                                            std::to_string(static_cast<int>(timeout_seconds)) +
                                            " s (killed)");
  }
  if (rc == -2) return Status(Status::Code::kInternal, "cannot run " + soffice);
  const std::string output = dir.path + "/out/input." + to;
  std::ifstream in(output, std::ios::binary);
  if (rc != 0 || !in) {
    std::string why = LastLine(log);
    return Status(Status::Code::kCorrupt,
                  "LibreOffice could not convert the ." + from + " file to ." + to +
                      (why.empty() ? "" : " (" + why + ")"));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace plan2json::ooxml
