// Copyright 2026 The plan2json Authors.
//
// The OCR engine as a loadable module. Tesseract and leptonica (and through
// them libcurl, GnuTLS, Kerberos, LDAP, ...) double the shared libraries a
// process maps and cost every run ~20 M instructions of dynamic linking,
// although most inputs have a text layer and never need OCR. So the parts
// of ocr/ that need them (image.cc, pdf_render.cc, recognize.cc, scan.cc)
// are built as the module `plan2json-ocr.so`, which the program loads with
// dlopen() the first time a page or image needs OCR; the rest of ocr/
// (LooksLikeImage, repair.h, scan_score.h) stays linked in.
//
// The module exports one C symbol, kEngineSymbol, a function returning the
// engine's entry points (struct Engine) for the interface version it was
// built with. Both sides are built from the same tree with the same
// compiler, so the entry points pass C++ types; the version and the sizes
// in Engine reject a module from another build. The module and the program
// share the one libpoppler.so; poppler's process-wide state is the
// program's, set up before the module is loaded.
//
// Where the module is looked for, first found wins:
//   1. $PLAN2JSON_OCR_MODULE, a path to the file (tests, relocated installs);
//   2. beside the executable (dirname of /proc/self/exe): the build tree;
//   3. PLAN2JSON_OCR_MODULE_DIR, fixed at build time: the install libdir.
#ifndef PLAN2JSON_OCR_ENGINE_H_
#define PLAN2JSON_OCR_ENGINE_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ocr/scan.h"

namespace plan2json::ocr {

// Bumped whenever Engine or a type it passes changes shape.
constexpr int kEngineVersion = 1;

// The module's file name, and its exported factory:
//   extern "C" const Engine* plan2json_ocr_engine(int version);
// which returns nullptr for a version it was not built with.
inline constexpr char kEngineFile[] = "plan2json-ocr.so";
inline constexpr char kEngineSymbol[] = "plan2json_ocr_engine";

struct Engine {
  int version = kEngineVersion;
  size_t options_size = sizeof(ScanOptions);
  size_t result_size = sizeof(ScanResult);
  // scan.h's ScanImageFile and ScanPdfPages.
  Result<ScanResult> (*scan_image_file)(std::string_view bytes,
                                        const std::string& name,
                                        const ScanOptions& options) = nullptr;
  Result<ScanResult> (*scan_pdf_pages)(std::string_view bytes,
                                       const std::string& name,
                                       const std::string& password,
                                       const std::vector<int>& pages,
                                       const ScanOptions& options) = nullptr;
};

using EngineFactory = const Engine* (*)(int version);

// The program's side: scan.h's two functions through the module, loaded on
// the first call (once per process, thread-safe). When the module cannot be
// loaded they return kInternal "<name>: OCR engine not available (<why>)".
namespace engine {

Result<ScanResult> ScanImageFile(std::string_view bytes, const std::string& name,
                                 const ScanOptions& options);
Result<ScanResult> ScanPdfPages(std::string_view bytes, const std::string& name,
                                const std::string& password,
                                const std::vector<int>& pages,
                                const ScanOptions& options);

}  // namespace engine
}  // namespace plan2json::ocr

#endif  // PLAN2JSON_OCR_ENGINE_H_
