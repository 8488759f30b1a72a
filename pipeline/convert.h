// Copyright 2026 The plan2json Authors.
//
// The library behind the plan2json command: one input file (PDF or text
// dump) in, one schema-validated JSON document out. The CLI only parses
// arguments, calls Convert and writes what it returns.
//
// Thread safety: Convert may run concurrently on different inputs; options
// are read-only during the call.

#ifndef PLAN2JSON_PIPELINE_CONVERT_H_
#define PLAN2JSON_PIPELINE_CONVERT_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "normalizer/normalizer.h"
#include "ocr/scan.h"

namespace plan2json {

struct ConvertOptions {
  // Password for encrypted PDFs. Default: none.
  std::string password;
  // Character set of text dumps ("" = detect; e.g. "GB18030", "UTF-16LE").
  std::string encoding;
  // Known department names; nullptr = the built-in list.
  std::shared_ptr<const normalizer::DepartmentDict> departments;
  // Largest input accepted, in bytes. Default 1 GiB.
  size_t max_input_bytes = size_t{1} << 30;
  // Largest text dump accepted, in bytes (kLimit above it). A dump costs
  // about 30 times its size in memory (the document is built whole, then
  // validated), so 1 GiB of text would need ~30 GiB; a plan's dump is well
  // under 1 MiB. Default 64 MiB (~2 GiB of memory, under a minute).
  size_t max_text_bytes = size_t{64} << 20;
  // LibreOffice converting a .doc/.wps/.xls/.rtf/.odt/.ods is killed after
  // this many seconds. Default 120.
  double office_timeout_seconds = 120;
  // Whether LibreOffice may be run at all (false: such files fail, e.g.
  // when fuzzing). Default true.
  bool use_libreoffice = true;
  // When to read pages by OCR (ocr/scan.h). kAuto: image files, and the
  // pages of a PDF that have no text layer; kAlways: every page, text layer
  // or not; kNever: refuse them as before (kNoTextLayer). Default kAuto.
  enum class Ocr { kAuto, kAlways, kNever };
  Ocr ocr = Ocr::kAuto;
  // Language(s), recognition method, resolution, progress for OCR.
  ocr::ScanOptions scan;
};

// Wall time per stage, in milliseconds (for --timings).
struct StageTimes {
  double read = 0;       // reading the file, sha256
  double extract = 0;    // PDF interpretation: glyphs and rulings (poppler)
  double table = 0;      // grids and plan rows
  double normalize = 0;  // text repair, departments, deadlines, JSON build
  double validate = 0;   // schema validation
};

struct Conversion {
  nlohmann::ordered_json document;  // valid against schema/plan.schema.json
  int rows = 0;
  int pages = 0;
  int warnings = 0;
  std::string sha256;
  StageTimes times;
};

// Converts the file at `path`. The input kind is decided by content: "%PDF-"
// means PDF; a ZIP holding word/document.xml or xl/workbook.xml a Word or
// Excel file; an OLE2 compound file (.doc, .wps, .xls), RTF or an ODF package
// is converted by LibreOffice first; PNG/JPEG/TIFF magic an image (OCR);
// anything else is read as a text dump. Errors carry the file
// name in their message.
Result<Conversion> ConvertFile(const std::string& path,
                               const ConvertOptions& options);

// Same, for bytes already in memory; `name` is the file name reported in
// source.file and in messages.
Result<Conversion> ConvertBytes(std::string_view bytes, const std::string& name,
                                const ConvertOptions& options);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace plan2json

#endif  // PLAN2JSON_PIPELINE_CONVERT_H_
