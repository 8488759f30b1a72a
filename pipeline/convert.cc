// Copyright 2026 The plan2json Authors.

#include "pipeline/convert.h"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP,
// whose first digest fetches the algorithm from the default provider (and
// reads openssl.cnf): ~5 M instructions a process, 2% of converting a
// sample PDF, for the same hashing code (SHA-NI where the CPU has it).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <new>
#include <set>
#include <utility>

#include "extractor/pdf_reader.h"
#include "extractor/plan.h"
#include "extractor/table.h"
#include "extractor/text_reader.h"
#include "lexicon/lexicon.h"
#include "ocr/engine.h"
#include "ocr/image.h"
#include "ocr/repair.h"
#include "ooxml/office.h"
#include "schema/schema.h"

namespace plan2json {
namespace {

using Clock = std::chrono::steady_clock;
double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

using extractor::ColumnKey;
using nlohmann::ordered_json;

Result<std::string> ReadWholeFile(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return Status(Status::Code::kNotFound, path + ": no such file");
  }
  if (std::filesystem::is_directory(status)) {
    return Status(Status::Code::kInvalidArgument, path + ": is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Status::Code::kNotFound, path + ": cannot open for reading");
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0) return Status(Status::Code::kIoError, path + ": cannot read");
  if (static_cast<size_t>(size) > max_bytes) {
    return Status(Status::Code::kLimit,
                  path + ": " + std::to_string(size) +
                      " bytes exceed the input limit of " +
                      std::to_string(max_bytes));
  }
  std::string bytes(static_cast<size_t>(size), '\0');
  if (size > 0 && !in.read(bytes.data(), size)) {
    return Status(Status::Code::kIoError, path + ": read failed");
  }
  return bytes;
}

ordered_json TextOrNull(const std::vector<std::string>& lines) {
  if (lines.empty()) return nullptr;
  std::string text = normalizer::JoinLines(lines);
  if (text.empty()) return nullptr;
  return text;
}

struct SourceInfo {
  std::string file;
  std::string sha256;
  std::string format;  // "pdf" | "text" | "docx" | "xlsx" | "doc" | ... | "scan"
  int pages = 0;
  std::string converted;  // office input converted by LibreOffice: how
  // Office input: where each grid's rows are (rows get "source", not "pages").
  const ooxml::OfficePlan* office = nullptr;
  int dpi = 0;            // scan only
  std::string text_kind;  // text only
  std::string encoding;   // text only
};

// "A", ..., "Z", "AA": the spreadsheet name of 1-based column `col`.
std::string ColumnName(int col) {
  std::string out;
  for (; col > 0; col = (col - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (col - 1) % 26));
  return out;
}

// Provenance of a row read from Word or Excel, which have no pages: the
// table (1-based among the body's top-level tables) and its first and last
// rows, or the sheet and the cell range. Rows come from the first grid the
// row's source_rows name; without source_rows, the grid of its first page.
ordered_json OfficeRowSource(const extractor::RawRow& raw, const ooxml::OfficePlan& office) {
  int grid = !raw.source_rows.empty() ? raw.source_rows.front().first
             : !raw.pages.empty()     ? raw.pages.front()
                                      : 0;
  const ooxml::GridSource* gs = grid >= 1 && static_cast<size_t>(grid) <= office.sources.size()
                                    ? &office.sources[static_cast<size_t>(grid - 1)]
                                    : nullptr;
  int first = 0, last = 0;  // 1-based rows in the table or sheet
  for (const auto& [g, r] : raw.source_rows) {
    if (g != grid || gs == nullptr || r < 0 ||
        static_cast<size_t>(r) >= gs->row_numbers.size()) {
      continue;
    }
    int n = gs->row_numbers[static_cast<size_t>(r)];
    first = first == 0 ? n : std::min(first, n);
    last = std::max(last, n);
  }
  ordered_json out = ordered_json::object();
  if (!office.spreadsheet) {
    out["table"] = std::max(grid, 1);
    if (first > 0) out["rows"] = {first, last};
    return out;
  }
  out["sheet"] = gs != nullptr && !gs->sheet.empty() ? gs->sheet : "Sheet" + std::to_string(grid);
  if (first > 0 && !gs->col_numbers.empty()) {
    out["cells"] = ColumnName(gs->col_numbers.front()) + std::to_string(first) + ":" +
                   ColumnName(gs->col_numbers.back()) + std::to_string(last);
  }
  return out;
}

// Normalizes a RawPlan into the published document.
ordered_json Emit(const extractor::RawPlan& plan, const SourceInfo& src,
                  const normalizer::DepartmentDict& dict) {
  ordered_json doc;
  doc["schema_version"] = "1.1";
  ordered_json source;
  source["file"] = src.file;
  source["sha256"] = src.sha256;
  source["format"] = src.format;
  source["pages"] = src.pages;
  if (!src.text_kind.empty()) source["text_kind"] = src.text_kind;
  if (!src.encoding.empty()) source["encoding"] = src.encoding;
  if (!src.converted.empty()) source["converted"] = src.converted;
  if (src.dpi > 0) source["dpi"] = src.dpi;
  doc["source"] = std::move(source);

  ordered_json title = TextOrNull(plan.title);
  int year = title.is_string()
                 ? lexicon::TitleYear(title.get<std::string>()).value_or(0)
                 : 0;
  ordered_json document;
  document["attachment"] = TextOrNull(plan.attachment);
  document["title"] = title;
  document["year"] = year > 0 ? ordered_json(year) : ordered_json(nullptr);
  doc["document"] = std::move(document);

  ordered_json columns = ordered_json::array();
  for (const extractor::Column& c : plan.columns) {
    ordered_json col = {{"key", extractor::ColumnKeyName(c.key)},
                        {"header", normalizer::JoinLines({c.header})}};
    if (!c.group.empty()) col["group"] = normalizer::JoinLines({c.group});
    columns.push_back(std::move(col));
  }
  doc["columns"] = std::move(columns);

  ordered_json warnings = ordered_json::array();
  auto warn = [&](const std::string& code, const std::string& message,
                  int page, int row) {
    ordered_json w;
    w["code"] = code;
    w["message"] = message;
    if (page > 0) w["page"] = page;
    if (row > 0) w["row"] = row;
    warnings.push_back(std::move(w));
  };
  for (const Warning& w : plan.warnings) warn(w.code, w.message, w.page, 0);

  auto column_of = [&](ColumnKey key) -> int {
    for (size_t i = 0; i < plan.columns.size(); ++i) {
      if (plan.columns[i].key == key) return static_cast<int>(i);
    }
    return -1;
  };
  const int seq_col = column_of(ColumnKey::kSeq);
  const int task_col = column_of(ColumnKey::kTask);
  const int measure_col = column_of(ColumnKey::kMeasure);
  const int deadline_col = column_of(ColumnKey::kDeadline);
  // Every column of a department key, in column order (省牵头单位 and
  // 市牵头单位 both feed lead).
  std::vector<int> dept_cols[3];
  const ColumnKey kDeptColumnKeys[3] = {ColumnKey::kLead, ColumnKey::kResponsible,
                                        ColumnKey::kAssisting};
  for (size_t i = 0; i < plan.columns.size(); ++i) {
    for (int k = 0; k < 3; ++k) {
      if (plan.columns[i].key == kDeptColumnKeys[k]) dept_cols[k].push_back(static_cast<int>(i));
    }
  }
  static const char* const kDeptKeys[3] = {"lead", "responsible", "assisting"};
  static const normalizer::Role kRoles[3] = {normalizer::Role::kLead,
                                             normalizer::Role::kResponsible,
                                             normalizer::Role::kAssisting};

  ordered_json rows = ordered_json::array();
  int row_no = 0;
  for (const extractor::RawRow& raw : plan.rows) {
    ++row_no;
    const int page = raw.pages.empty() ? 0 : raw.pages.front();
    auto cell = [&](int col) -> const std::vector<std::string>& {
      static const std::vector<std::string> kNone;
      return col < 0 ? kNone : raw.cells[static_cast<size_t>(col)];
    };
    ordered_json row;
    row["section"] = TextOrNull(raw.section);
    ordered_json seq_text = TextOrNull(cell(seq_col));
    std::optional<int> seq;
    if (seq_text.is_string()) {
      seq = lexicon::ParseSeq(seq_text.get<std::string>());
      if (!seq) {
        warn("unparsed_seq",
             "row " + std::to_string(row_no) + ": sequence number '" +
                 seq_text.get<std::string>() + "' is not a number",
             page, row_no);
      }
    }
    row["seq"] = seq ? ordered_json(*seq) : ordered_json(nullptr);
    row["task"] = TextOrNull(cell(task_col));
    row["measure"] = TextOrNull(cell(measure_col));
    ordered_json deadline = TextOrNull(cell(deadline_col));
    row["deadline"] = deadline;
    normalizer::Due due;
    bool low = raw.low_confidence;
    if (deadline.is_string()) {
      // One grammar recognises and resolves. A deadline cell that reads as
      // no deadline at all may hold a neighbour's text (or two deadlines
      // run together): the row is a guess.
      std::optional<normalizer::Due> match =
          lexicon::MatchDeadline(deadline.get<std::string>(), year);
      if (match) {
        due = *match;
      } else if (!normalizer::IsPlaceholder(deadline.get<std::string>())) {
        low = true;
        warn("unrecognised_deadline",
             "row " + std::to_string(row_no) + ": deadline '" +
                 deadline.get<std::string>() + "' does not read as a deadline",
             page, row_no);
      }
    }
    row["due"] = {{"kind", normalizer::DueKindName(due.kind)},
                  {"date", due.date ? ordered_json(*due.date)
                                    : ordered_json(nullptr)}};
    // Departments: each column by its key's role, with the roles a cell
    // marks itself (（牵头）, "…牵头，…配合") and the note that the first-listed
    // unit leads; every column of a key feeds it, in column order.
    std::vector<std::string> by_role[3];
    for (int k = 0; k < 3; ++k) {
      for (int col : dept_cols[k]) {
        normalizer::RoledDepartments split = normalizer::SplitRoledDepartments(
            cell(col), kRoles[k], plan.first_listed_leads, dict);
        // A name that does not read as a department is likely cut or run
        // together with a neighbour's text: the row is a guess.
        if (!split.unknown.empty()) low = true;
        for (const std::string& name : split.unknown) {
          warn("unknown_department",
               "row " + std::to_string(row_no) + " (" + kDeptKeys[k] + "): '" + name +
                   "' does not read as a department name",
               page, row_no);
        }
        const std::vector<std::string>* parts[3] = {&split.lead, &split.responsible,
                                                    &split.assisting};
        for (int r = 0; r < 3; ++r) {
          by_role[r].insert(by_role[r].end(), parts[r]->begin(), parts[r]->end());
        }
      }
    }
    for (int k = 0; k < 3; ++k) row[kDeptKeys[k]] = std::move(by_role[k]);
    ordered_json extra = ordered_json::object();
    for (size_t i = 0; i < plan.columns.size(); ++i) {
      if (plan.columns[i].key != ColumnKey::kExtra) continue;
      std::string header = normalizer::JoinLines({plan.columns[i].header});
      // The schema wants a non-empty name per column: a column without
      // header text (or repeating another's) is named by its position.
      if (header.empty() || extra.contains(header)) {
        header = "第" + std::to_string(i + 1) + "列";
      }
      ordered_json text = TextOrNull(raw.cells[i]);
      if (text.is_string() && normalizer::IsPlaceholder(text.get<std::string>())) text = nullptr;
      extra[header] = std::move(text);
    }
    if (!extra.empty()) row["extra"] = std::move(extra);
    if (low) row["confidence"] = "low";
    if (src.office != nullptr) {
      row["source"] = OfficeRowSource(raw, *src.office);
    } else {
      row["pages"] = raw.pages;
    }
    rows.push_back(std::move(row));
  }
  doc["rows"] = std::move(rows);
  doc["warnings"] = std::move(warnings);
  return doc;
}

Result<Conversion> Finish(const extractor::RawPlan& plan, SourceInfo src,
                          const ConvertOptions& options, Conversion conv) {
  auto t0 = Clock::now();
  std::shared_ptr<const normalizer::DepartmentDict> dict =
      options.departments ? options.departments
                          : normalizer::DepartmentDict::BuiltIn();
  conv.document = Emit(plan, src, *dict);
  conv.times.normalize = MsSince(t0);
  t0 = Clock::now();
  Status valid = schema::Validator::Get().Validate(conv.document);
  conv.times.validate = MsSince(t0);
  if (!valid.ok()) {
    return Status(Status::Code::kSchema,
                  "output does not match the schema (a bug; "
                             "please report it): " + valid.message());
  }
  conv.rows = static_cast<int>(plan.rows.size());
  conv.pages = src.pages;
  conv.warnings = static_cast<int>(conv.document["warnings"].size());
  return conv;
}

// The plan from per-page grids; where pages were read by OCR, cells get
// their glyphs' confidence before and ocr::RepairPlan checks the rows after.
Result<extractor::RawPlan> PlanOf(std::vector<extractor::Grid> grids,
                                  const std::vector<extractor::Page>& ocr_pages,
                                  std::vector<Warning> scan_warnings,
                                  const ConvertOptions& options) {
  std::vector<int> numbers;
  for (const extractor::Page& page : ocr_pages) {
    for (extractor::Grid& grid : grids) {
      if (grid.page == page.number) ocr::SetCellConfidence(page, &grid);
    }
    numbers.push_back(page.number);
  }
  ocr::RepeatHeaders(numbers, &grids);
  const std::vector<Warning> header_snaps = ocr::SnapHeaders(numbers, &grids);
  Result<extractor::RawPlan> plan = extractor::BuildPlan(grids);
  if (!plan.ok() || numbers.empty()) return plan;
  if (!header_snaps.empty()) {  // which column holds what was a guess
    for (extractor::RawRow& row : plan->rows) row.low_confidence = true;
    scan_warnings.insert(scan_warnings.end(), header_snaps.begin(),
                         header_snaps.end());
  }
  std::shared_ptr<const normalizer::DepartmentDict> dict =
      options.departments ? options.departments
                          : normalizer::DepartmentDict::BuiltIn();
  ocr::RepairPlan(grids, numbers, *dict, &*plan);
  plan->warnings.insert(plan->warnings.begin(), scan_warnings.begin(),
                        scan_warnings.end());
  return plan;
}

// A page without a header may continue the previous page's unruled table:
// the options for the page at `index` of `grids`.
extractor::TableOptions ContinuingOptions(const extractor::TableOptions& base,
                                          const std::vector<extractor::Grid>& grids,
                                          size_t index) {
  extractor::TableOptions options = base;
  if (index > 0 && !grids[index - 1].ruled && grids[index - 1].rows() > 0) {
    options.continued_columns = grids[index - 1].col_edges;
  }
  return options;
}

// The pages of a PDF to read by OCR: those without a text layer (kAuto) or
// all (kAlways).
std::vector<int> PagesToOcr(const std::vector<int>& glyphs_per_page,
                            ConvertOptions::Ocr mode) {
  std::vector<int> pages;
  if (mode == ConvertOptions::Ocr::kNever) return pages;
  for (size_t i = 0; i < glyphs_per_page.size(); ++i) {
    if (mode == ConvertOptions::Ocr::kAlways || glyphs_per_page[i] == 0) {
      pages.push_back(static_cast<int>(i) + 1);
    }
  }
  return pages;
}

Result<Conversion> ConvertPdf(std::string_view bytes, const std::string& name,
                              SourceInfo src,
                              const ConvertOptions& options, Conversion conv) {
  extractor::PdfOptions pdf_options;
  pdf_options.password = options.password;
  std::vector<extractor::Grid> grids;
  std::vector<int> glyphs_per_page;
  double table_ms = 0;
  auto t0 = Clock::now();
  extractor::PdfInfo info;
  const extractor::TableOptions table_options = extractor::PlanTableOptions();
  Status st = extractor::ReadPdf(
      bytes, name, pdf_options, &info, [&](extractor::Page&& page) {
        auto t = Clock::now();
        glyphs_per_page.push_back(static_cast<int>(page.glyphs.size()));
        grids.push_back(extractor::FindTable(
            page, ContinuingOptions(table_options, grids, grids.size())));
        table_ms += MsSince(t);
      });
  const bool scan = st.code() == Status::Code::kNoTextLayer &&
                    options.ocr != ConvertOptions::Ocr::kNever;
  if (!st.ok() && !scan) return st;
  const std::vector<int> ocr_numbers = PagesToOcr(glyphs_per_page, options.ocr);
  std::vector<extractor::Page> ocr_pages;
  std::vector<Warning> scan_warnings;
  if (!ocr_numbers.empty()) {
    Result<ocr::ScanResult> scanned = ocr::engine::ScanPdfPages(
        bytes, name, options.password, ocr_numbers, options.scan);
    if (!scanned.ok()) return scanned.status();
    for (extractor::Page& page : scanned->pages) {
      auto t = Clock::now();
      const size_t index = static_cast<size_t>(page.number - 1);
      grids[index] = extractor::FindTable(
          page, ContinuingOptions(table_options, grids, index));
      table_ms += MsSince(t);
    }
    ocr_pages = std::move(scanned->pages);
    scan_warnings = std::move(scanned->warnings);
    src.format = "scan";
    src.dpi = scanned->dpi;
  }
  conv.times.extract = MsSince(t0) - table_ms;
  t0 = Clock::now();
  Result<extractor::RawPlan> plan =
      PlanOf(std::move(grids), ocr_pages, std::move(scan_warnings), options);
  conv.times.table = table_ms + MsSince(t0);
  if (!plan.ok()) {
    return plan.status();  // ConvertBytes names the file
  }
  src.pages = info.pages;
  if (info.cut_glyphs > 0) {
    plan->warnings.push_back(
        {"page_cut",
         "page " + std::to_string(info.first_cut_page) +
             " is larger than PDF's page-size limit of 14,400 pt: " +
             std::to_string(info.cut_glyphs) +
             " characters beyond it were not read, so rows may be missing",
         info.first_cut_page});
  }
  return Finish(*plan, std::move(src), options, std::move(conv));
}

// An image file (PNG, JPEG, TIFF): every page by OCR.
Result<Conversion> ConvertImage(std::string_view bytes, const std::string& name,
                                SourceInfo src, const ConvertOptions& options,
                                Conversion conv) {
  auto t0 = Clock::now();
  Result<ocr::ScanResult> scanned = ocr::engine::ScanImageFile(bytes, name, options.scan);
  if (!scanned.ok()) return scanned.status();
  conv.times.extract = MsSince(t0);
  t0 = Clock::now();
  const extractor::TableOptions table_options = extractor::PlanTableOptions();
  std::vector<extractor::Grid> grids;
  for (const extractor::Page& page : scanned->pages) {
    grids.push_back(extractor::FindTable(
        page, ContinuingOptions(table_options, grids, grids.size())));
  }
  src.pages = static_cast<int>(scanned->pages.size());
  src.dpi = scanned->dpi;
  Result<extractor::RawPlan> plan = PlanOf(std::move(grids), scanned->pages,
                                           std::move(scanned->warnings), options);
  conv.times.table = MsSince(t0);
  if (!plan.ok()) return plan.status();
  return Finish(*plan, std::move(src), options, std::move(conv));
}

// Word, Excel and the formats LibreOffice converts to them (ooxml/).
Result<Conversion> ConvertOffice(std::string_view bytes, const ooxml::Sniffed& kind,
                                 SourceInfo src, const ConvertOptions& options,
                                 Conversion conv) {
  auto t0 = Clock::now();
  ooxml::OfficeOptions office_options;
  office_options.soffice_timeout_seconds = options.office_timeout_seconds;
  office_options.use_libreoffice = options.use_libreoffice;
  Result<ooxml::OfficePlan> office = ooxml::ReadOfficePlan(bytes, kind, office_options);
  if (!office.ok()) return office.status();
  conv.times.extract = office->read_ms;  // LibreOffice, ZIP and XML
  conv.times.table = MsSince(t0) - office->read_ms;
  src.format = office->format;
  src.converted = office->converted;
  src.office = &*office;
  return Finish(office->plan, std::move(src), options, std::move(conv));
}

Result<Conversion> ConvertText(std::string_view bytes, SourceInfo src,
                               const ConvertOptions& options, Conversion conv) {
  auto t0 = Clock::now();
  Result<extractor::DecodedText> text = extractor::DecodeText(bytes, options.encoding);
  if (!text.ok()) return text.status();
  extractor::DumpKind kind = extractor::DetectDumpKind(text->utf8);
  conv.times.extract = MsSince(t0);
  t0 = Clock::now();
  extractor::TextOptions text_options;
  text_options.departments = options.departments;
  Result<std::vector<extractor::Grid>> grids =
      extractor::TextDumpGrids(text->utf8, kind, text_options);
  if (!grids.ok()) return grids.status();
  Result<extractor::RawPlan> plan = extractor::BuildPlan(*grids);
  conv.times.table = MsSince(t0);
  if (!plan.ok()) return plan.status();
  src.text_kind = extractor::DumpKindName(kind);
  src.encoding = text->encoding;
  src.pages = plan->pages;
  return Finish(*plan, std::move(src), options, std::move(conv));
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  constexpr unsigned int len = SHA256_DIGEST_LENGTH;
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, bytes.data(), bytes.size());
  SHA256_Final(digest, &context);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

namespace {

Result<Conversion> ConvertBytesUnguarded(std::string_view bytes,
                                         const std::string& name,
                                         const ConvertOptions& options) {
  Conversion conv;
  auto t0 = Clock::now();
  SourceInfo src;
  src.file = std::filesystem::path(name).filename().string();
  src.sha256 = Sha256Hex(bytes);
  conv.sha256 = src.sha256;
  conv.times.read += MsSince(t0);
  if (bytes.empty()) {
    return Status(Status::Code::kEmpty, name + ": file is empty");
  }
  if (extractor::LooksLikePdf(bytes)) {
    src.format = "pdf";
    Result<Conversion> r =
        ConvertPdf(bytes, name, std::move(src), options, std::move(conv));
    if (!r.ok()) return r.status().WithContext(name);
    return r;
  }
  if (ocr::LooksLikeImage(bytes)) {
    if (options.ocr == ConvertOptions::Ocr::kNever) {
      return Status(Status::Code::kNoTextLayer,
                    name + ": an image has no text layer (OCR is off: --ocr never)");
    }
    src.format = "scan";
    Result<Conversion> r =
        ConvertImage(bytes, name, std::move(src), options, std::move(conv));
    if (!r.ok() && r.status().message().rfind(name, 0) != 0) {
      return Status(r.status().code(), name + ": " + r.status().message());
    }
    return r;
  }
  Result<ooxml::Sniffed> office = ooxml::Sniff(bytes, name);
  if (!office.ok() || office->kind != ooxml::OfficeKind::kNone) {
    Result<Conversion> r =
        office.ok() ? ConvertOffice(bytes, *office, std::move(src), options, std::move(conv))
                    : Result<Conversion>(office.status());
    if (!r.ok()) return Status(r.status().code(), name + ": " + r.status().message());
    return r;
  }
  // A file named *.pdf that does not start like one is a broken PDF, not a
  // text dump.
  std::string ext = std::filesystem::path(name).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".pdf") {
    return Status(Status::Code::kCorrupt, name + ": not a PDF (no %PDF- header)");
  }
  if (bytes.size() > options.max_text_bytes) {
    return Status(Status::Code::kLimit,
                  name + ": " + std::to_string(bytes.size()) +
                      " bytes of text exceed the limit of " +
                      std::to_string(options.max_text_bytes) +
                      " for text dumps (convert the PDF instead, or split the dump)");
  }
  src.format = "text";
  Result<Conversion> r = ConvertText(bytes, std::move(src), options, std::move(conv));
  if (!r.ok()) return r.status().WithContext(name);  // names the file once
  return r;
}

}  // namespace

// The pipeline boundary: an allocation failure anywhere below (a hostile
// input's runaway structure) is one input's error, not the process's end.
Result<Conversion> ConvertBytes(std::string_view bytes, const std::string& name,
                                const ConvertOptions& options) {
  try {
    return ConvertBytesUnguarded(bytes, name, options);
  } catch (const std::bad_alloc&) {
    return Status::OutOfMemory(name + ": out of memory (input too large or "
                                      "hostile; a limit against such files)");
  }
}

Result<Conversion> ConvertFile(const std::string& path,
                               const ConvertOptions& options) {
  auto t0 = Clock::now();
  Result<std::string> bytes = ReadWholeFile(path, options.max_input_bytes);
  if (!bytes.ok()) return bytes.status();
  double read_ms = MsSince(t0);
  Result<Conversion> r = ConvertBytes(*bytes, path, options);
  if (r.ok()) r->times.read += read_ms;
  return r;
}

}  // namespace plan2json
