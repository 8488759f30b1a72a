// Copyright 2026 The plan2json Authors.
//
// Office documents as plans: the input kind by content (OOXML and ODF
// packages, OLE2 compound files, RTF), LibreOffice for the formats not read
// directly, and extractor::BuildPlan over the tables read.

#ifndef PLAN2JSON_OOXML_OFFICE_H_
#define PLAN2JSON_OOXML_OFFICE_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extractor/plan.h"
#include "ooxml/document.h"
#include "ooxml/package.h"

namespace plan2json::ooxml {

enum class OfficeKind {
  kNone,          // not an office file (PDF, text, ...)
  kDocx,          // ZIP with word/document.xml
  kXlsx,          // ZIP with xl/workbook.xml
  kOdfText,       // ODF package (mimetype ...opendocument.text)
  kOdfSheet,      // ODF package (mimetype ...opendocument.spreadsheet)
  kZipOther,      // a ZIP that is none of these
  kOle2Word,      // compound file: .doc, .wps
  kOle2Excel,     // compound file with a Workbook/Book stream: .xls
  kEncrypted,     // compound file holding an EncryptedPackage (OOXML)
  kRtf,           // {\rtf
};

// The kind of `bytes`, by content only; `name` only tells .wps from .doc
// in the reported format. kCorrupt for a ZIP that cannot be opened.
struct Sniffed {
  OfficeKind kind = OfficeKind::kNone;
  std::string format;  // "docx", "xlsx", "odt", "ods", "doc", "wps", "xls", "rtf"
};
Result<Sniffed> Sniff(std::string_view bytes, const std::string& name,
                      const PackageLimits& limits = {});

struct OfficeOptions {
  PackageLimits limits;
  // LibreOffice's conversion is killed after this many seconds.
  double soffice_timeout_seconds = 120;
  // false: formats that need LibreOffice fail instead (kInvalidArgument).
  bool use_libreoffice = true;
};

struct OfficePlan {
  extractor::RawPlan plan;
  std::string format;     // as Sniffed::format
  std::string converted;  // "" or how: "LibreOffice: doc → docx"
  // Per Grid::page - 1: where that grid's rows and columns are.
  std::vector<GridSource> sources;
  bool spreadsheet = false;
  // Wall time reading the file (LibreOffice, ZIP, XML) before BuildPlan, ms.
  double read_ms = 0;
};

// Reads an office file and builds its plan: a Word document's top-level
// tables together (one grid each), or of a workbook's sheets the first that
// gives a plan. Errors are one line without the file name.
Result<OfficePlan> ReadOfficePlan(std::string_view bytes, const Sniffed& kind,
                                  const OfficeOptions& options);

// Converts `bytes` (a file of format `from`, e.g. "doc") to `to` ("docx" or
// "xlsx") with LibreOffice (soffice --headless --convert-to) in a private
// temporary directory and profile, killed after `timeout_seconds`; the
// directory is removed. Fails naming the Debian package to install when
// soffice is missing.
Result<std::string> ConvertWithLibreOffice(std::string_view bytes, const std::string& from,
                                           const std::string& to, double timeout_seconds);

}  // namespace plan2json::ooxml

#endif  // PLAN2JSON_OOXML_OFFICE_H_
