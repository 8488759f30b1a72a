// Copyright 2026 The plan2json Authors.
//
// Finds and loads the OCR engine module (engine.h) the first time it is
// needed.

#include "ocr/engine.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>

#include "extractor/pdf_reader.h"

namespace plan2json::ocr::engine {
namespace {

// The directory of the running executable, "" when unknown.
std::string ExecutableDir() {
  std::string path(4096, '\0');
  const ssize_t n = readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0 || static_cast<size_t>(n) >= path.size()) return "";
  path.resize(static_cast<size_t>(n));
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// The candidate paths, in the order engine.h gives.
std::vector<std::string> Candidates() {
  std::vector<std::string> paths;
  if (const char* env = std::getenv("PLAN2JSON_OCR_MODULE"); env && *env) {
    paths.emplace_back(env);
    return paths;  // an explicit choice is not second-guessed
  }
  if (std::string dir = ExecutableDir(); !dir.empty()) {
    paths.push_back(dir + "/" + kEngineFile);
  }
#ifdef PLAN2JSON_OCR_MODULE_DIR
  paths.push_back(std::string(PLAN2JSON_OCR_MODULE_DIR) + "/" + kEngineFile);
#endif
  return paths;
}

// Opens the first candidate that loads and yields a matching engine; on
// failure, `why` says what went wrong with the best candidate (a file that
// exists but does not load says more than one that is missing).
const Engine* Load(std::string* why) {
  // The module uses the program's poppler state (engine.h).
  extractor::InitPoppler();
  // Tesseract runs parts of its LSTM under OpenMP. Each engine keeps to one
  // thread: batch -j runs documents in parallel, and OpenMP's threads only
  // contend with them (on a loaded 2-core machine a page took 10 s, 16 s of
  // it spinning in the kernel, against 1.5 s with one thread). libgomp reads
  // the limit once, when it is loaded with the module: set it before dlopen.
  // A limit the user set is kept.
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  *why = "";
  for (const std::string& path : Candidates()) {
    const bool exists = access(path.c_str(), F_OK) == 0;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* error = dlerror();
      if (exists || why->empty()) *why = error ? error : path + ": dlopen failed";
      continue;
    }
    auto factory =
        reinterpret_cast<EngineFactory>(dlsym(handle, kEngineSymbol));
    const Engine* engine = factory ? factory(kEngineVersion) : nullptr;
    if (engine != nullptr && engine->version == kEngineVersion &&
        engine->options_size == sizeof(ScanOptions) &&
        engine->result_size == sizeof(ScanResult) &&
        engine->scan_image_file != nullptr && engine->scan_pdf_pages != nullptr) {
      return engine;  // the handle stays open for the life of the process
    }
    *why = path + ": not an OCR engine of this build of plan2json";
    dlclose(handle);
  }
  if (why->empty()) *why = std::string(kEngineFile) + ": not found";
  return nullptr;
}

// The loaded engine, or the status that says why there is none.
Result<const Engine*> Get(const std::string& name) {
  static std::once_flag once;
  static const Engine* engine = nullptr;
  static std::string why;
  std::call_once(once, [] { engine = Load(&why); });
  if (engine != nullptr) return engine;
  return Status(Status::Code::kInternal,
                name + ": OCR engine not available (" + why + ")");
}

}  // namespace

Result<ScanResult> ScanImageFile(std::string_view bytes, const std::string& name,
                                 const ScanOptions& options) {
  Result<const Engine*> engine = Get(name);
  if (!engine.ok()) return engine.status();
  return (*engine)->scan_image_file(bytes, name, options);
}

Result<ScanResult> ScanPdfPages(std::string_view bytes, const std::string& name,
                                const std::string& password,
                                const std::vector<int>& pages,
                                const ScanOptions& options) {
  Result<const Engine*> engine = Get(name);
  if (!engine.ok()) return engine.status();
  return (*engine)->scan_pdf_pages(bytes, name, password, pages, options);
}

}  // namespace plan2json::ocr::engine
