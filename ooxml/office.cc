// Copyright 2026 The plan2json Authors.

#include "ooxml/office.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <vector>
#include <filesystem>
#include <utility>

namespace plan2json::ooxml {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

uint32_t Le32(std::string_view b, size_t at) {
  if (at + 4 > b.size()) return 0xFFFFFFFF;
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

// The names (ASCII part) of a compound file's directory entries, read by
// following the directory's sector chain through the FAT (MS-CFB). Empty
// when the structure is damaged.
std::vector<std::string> CompoundFileNames(std::string_view b) {
  if (b.size() < 512) return {};
  const unsigned shift = static_cast<unsigned char>(b[0x1E]);
  if (shift != 9 && shift != 12) return {};
  const size_t sector = size_t{1} << shift;
  auto offset = [&](uint32_t s) { return (static_cast<size_t>(s) + 1) * sector; };
  // FAT sector numbers: 109 in the header, then the DIFAT chain.
  std::vector<uint32_t> fat_sectors;
  for (size_t i = 0; i < 109; ++i) fat_sectors.push_back(Le32(b, 0x4C + 4 * i));
  uint32_t difat = Le32(b, 0x44);
  for (int guard = 0; difat < 0xFFFFFFFA && guard < 1000; ++guard) {
    for (size_t i = 0; i + 1 < sector / 4; ++i) fat_sectors.push_back(Le32(b, offset(difat) + 4 * i));
    difat = Le32(b, offset(difat) + sector - 4);
  }
  auto next = [&](uint32_t s) -> uint32_t {
    const size_t per = sector / 4, idx = s / per;
    if (idx >= fat_sectors.size() || fat_sectors[idx] >= 0xFFFFFFFA) return 0xFFFFFFFE;
    return Le32(b, offset(fat_sectors[idx]) + 4 * (s % per));
  };
  std::vector<std::string> names;
  uint32_t dir = Le32(b, 0x30);
  for (int guard = 0; dir < 0xFFFFFFFA && guard < 10000; ++guard, dir = next(dir)) {
    const size_t at = offset(dir);
    if (at + sector > b.size()) break;
    for (size_t e = at; e + 128 <= at + sector; e += 128) {
      size_t len = static_cast<unsigned char>(b[e + 0x40]) | static_cast<size_t>(static_cast<unsigned char>(b[e + 0x41])) << 8;
      std::string name;
      for (size_t k = 0; k + 1 < std::min<size_t>(len, 64); k += 2) {
        if (b[e + k + 1] == 0 && b[e + k] >= 0x20) name += b[e + k];
      }
      if (!name.empty()) names.push_back(name);
    }
  }
  return names;
}

bool Has(const std::vector<std::string>& names, const char* name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string LowerExtension(const std::string& name) {
  std::string ext = std::filesystem::path(name).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext.empty() ? ext : ext.substr(1);
}

Result<Sniffed> SniffZip(std::string_view bytes, const PackageLimits& limits) {
  Result<std::unique_ptr<Package>> pkg = Package::Open(bytes, limits);
  if (!pkg.ok()) return pkg.status();
  Package& p = **pkg;
  if (p.Has("word/document.xml")) return Sniffed{OfficeKind::kDocx, "docx"};
  if (p.Has("xl/workbook.xml")) return Sniffed{OfficeKind::kXlsx, "xlsx"};
  if (p.Has("mimetype")) {
    Result<std::string> mime = p.Read("mimetype");
    if (mime.ok() && StartsWith(*mime, "application/vnd.oasis.opendocument.text")) {
      return Sniffed{OfficeKind::kOdfText, "odt"};
    }
    if (mime.ok() && StartsWith(*mime, "application/vnd.oasis.opendocument.spreadsheet")) {
      return Sniffed{OfficeKind::kOdfSheet, "ods"};
    }
  }
  return Sniffed{OfficeKind::kZipOther, "zip"};
}

}  // namespace

Result<Sniffed> Sniff(std::string_view bytes, const std::string& name,
                      const PackageLimits& limits) {
  if (StartsWith(bytes, "PK\x03\x04") || StartsWith(bytes, std::string_view("PK\x05\x06", 4))) {
    return SniffZip(bytes, limits);
  }
  if (StartsWith(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    const std::vector<std::string> names = CompoundFileNames(bytes);
    if (Has(names, "EncryptedPackage")) return Sniffed{OfficeKind::kEncrypted, "docx"};
    if (Has(names, "Workbook") || Has(names, "Book")) {
      return Sniffed{OfficeKind::kOle2Excel, "xls"};
    }
    return Sniffed{OfficeKind::kOle2Word, LowerExtension(name) == "wps" ? "wps" : "doc"};
  }
  if (StartsWith(bytes, "{\\rtf")) return Sniffed{OfficeKind::kRtf, "rtf"};
  return Sniffed{};
}

namespace {

using Clock = std::chrono::steady_clock;
double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

Result<OfficePlan> PlanFromWord(std::string_view docx, const OfficeOptions& options) {
  const auto t0 = Clock::now();
  Result<std::vector<Table>> tables = ReadDocx(docx, options.limits);
  if (!tables.ok()) return tables.status();
  if (tables->empty()) {
    return Status(Status::Code::kNoPlanTable, "no table in the document (no plan table)");
  }
  std::vector<extractor::Grid> grids;
  OfficePlan out;
  out.read_ms = MsSince(t0);
  for (Table& t : *tables) {  // sources by Grid::page (tables may be skipped)
    out.sources.resize(static_cast<size_t>(t.grid.page));
    out.sources.back() = std::move(t.source);
    grids.push_back(std::move(t.grid));
  }
  Result<extractor::RawPlan> plan = extractor::BuildPlan(grids);
  if (!plan.ok()) return plan.status();
  out.plan = std::move(*plan);
  return out;
}

// The first sheet that gives a plan; a later one that does too is named in
// a warning.
Result<OfficePlan> PlanFromWorkbook(std::string_view xlsx, const OfficeOptions& options) {
  const auto t0 = Clock::now();
  Result<std::vector<Table>> sheets = ReadXlsx(xlsx, options.limits);
  if (!sheets.ok()) return sheets.status();
  OfficePlan out;
  out.read_ms = MsSince(t0);
  out.spreadsheet = true;
  std::optional<Status> first_error;
  std::string chosen;
  for (Table& t : *sheets) {
    Result<extractor::RawPlan> plan = extractor::BuildPlan({t.grid});
    if (!plan.ok()) {
      if (!first_error) first_error = plan.status();
      continue;
    }
    if (!chosen.empty()) {
      out.plan.warnings.push_back(
          {"other_plan_sheet", "sheet '" + t.source.sheet + "' also holds a plan table; sheet '" +
                                   chosen + "' was read", 0});
      continue;
    }
    chosen = t.source.sheet;
    std::vector<Warning> warnings = std::move(out.plan.warnings);
    out.plan = std::move(*plan);
    out.plan.warnings.insert(out.plan.warnings.end(), warnings.begin(), warnings.end());
    out.sources.assign(static_cast<size_t>(t.grid.page), GridSource{});
    out.sources.back() = std::move(t.source);
  }
  if (chosen.empty()) {
    if (first_error) return *first_error;
    return Status(Status::Code::kNoPlanTable, "no visible sheet with cells (no plan table)");
  }
  return out;
}

}  // namespace

Result<OfficePlan> ReadOfficePlan(std::string_view bytes, const Sniffed& kind,
                                  const OfficeOptions& options) {
  switch (kind.kind) {
    case OfficeKind::kNone:
      return Status(Status::Code::kCorrupt, "not an office document");
    case OfficeKind::kZipOther:
      return Status(Status::Code::kCorrupt,
                    "a ZIP archive, but not a Word, Excel or OpenDocument file");
    case OfficeKind::kEncrypted:
      return Status(Status::Code::kEncrypted,
                    "password-protected Office document (encrypted package); save it "
                    "without a password first");
    case OfficeKind::kDocx: {
      Result<OfficePlan> r = PlanFromWord(bytes, options);
      if (r.ok()) r->format = kind.format;
      return r;
    }
    case OfficeKind::kXlsx: {
      Result<OfficePlan> r = PlanFromWorkbook(bytes, options);
      if (r.ok()) r->format = kind.format;
      return r;
    }
    default:
      break;
  }
  const bool sheet = kind.kind == OfficeKind::kOle2Excel || kind.kind == OfficeKind::kOdfSheet;
  const std::string to = sheet ? "xlsx" : "docx";
  if (!options.use_libreoffice) {
    return Status(Status::Code::kInvalidArgument,
                  "reading ." + kind.format + " files needs LibreOffice, which is disabled here");
  }
  const auto t0 = Clock::now();
  Result<std::string> converted =
      ConvertWithLibreOffice(bytes, kind.format, to, options.soffice_timeout_seconds);
  const double convert_ms = MsSince(t0);
  if (!converted.ok()) return converted.status();
  Result<OfficePlan> r = sheet ? PlanFromWorkbook(*converted, options)
                               : PlanFromWord(*converted, options);
  if (!r.ok()) return r;
  r->format = kind.format;
  r->converted = "LibreOffice: " + kind.format + " → " + to;
  r->read_ms += convert_ms;
  return r;
}

}  // namespace plan2json::ooxml
