// Copyright 2026 The plan2json Authors.

#include "pipeline/convert.h"

#include <openssl/evp.h>
#include <re2/re2.h>

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

// The plan's year: the first 4-digit year (19xx/20xx) followed by 年 in the
// title, else 0.
int YearOf(const std::string& title) {
  static const RE2 kYear(R"(((?:19|20)\d\d)\s*年)");
  int year = 0;
  if (RE2::PartialMatch(title, kYear, &year)) return year;
  return 0;
}

// A printed sequence number ("3", "３", "3.", "（3）") as an integer.
std::optional<int> ParseSeq(const std::string& text) {
  std::string digits;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= '0' && c <= '9') {
      digits += static_cast<char>(c);
    } else if (c == 0xEF && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xBC) {
      unsigned char d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x90 && d <= 0x99) {  // U+FF10..U+FF19 full-width digits
        digits += static_cast<char>('0' + (d - 0x90));
        i += 2;
      }
    }
  }
  if (digits.empty() || digits.size() > 6) return std::nullopt;
  return std::stoi(digits);
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
  std::string format;  // "pdf" | "text"
  int pages = 0;
  std::string text_kind;  // text only
  std::string encoding;   // text only
};

// Normalizes a RawPlan into the published document.
ordered_json Emit(const extractor::RawPlan& plan, const SourceInfo& src,
                  const normalizer::DepartmentDict& dict) {
  ordered_json doc;
  doc["schema_version"] = "1.0";
  ordered_json source;
  source["file"] = src.file;
  source["sha256"] = src.sha256;
  source["format"] = src.format;
  source["pages"] = src.pages;
  if (!src.text_kind.empty()) source["text_kind"] = src.text_kind;
  if (!src.encoding.empty()) source["encoding"] = src.encoding;
  doc["source"] = std::move(source);

  ordered_json title = TextOrNull(plan.title);
  int year = title.is_string() ? YearOf(title.get<std::string>()) : 0;
  ordered_json document;
  document["attachment"] = TextOrNull(plan.attachment);
  document["title"] = title;
  document["year"] = year > 0 ? ordered_json(year) : ordered_json(nullptr);
  doc["document"] = std::move(document);

  ordered_json columns = ordered_json::array();
  for (const extractor::Column& c : plan.columns) {
    columns.push_back({{"key", extractor::ColumnKeyName(c.key)},
                       {"header", normalizer::JoinLines({c.header})}});
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
  const int dept_cols[3] = {column_of(ColumnKey::kLead),
                            column_of(ColumnKey::kResponsible),
                            column_of(ColumnKey::kAssisting)};
  static const char* const kDeptKeys[3] = {"lead", "responsible", "assisting"};

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
      seq = ParseSeq(seq_text.get<std::string>());
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
    if (deadline.is_string()) {
      due = normalizer::ParseDeadline(deadline.get<std::string>(), year);
    }
    row["due"] = {{"kind", normalizer::DueKindName(due.kind)},
                  {"date", due.date ? ordered_json(*due.date)
                                    : ordered_json(nullptr)}};
    for (int k = 0; k < 3; ++k) {
      normalizer::DepartmentSplit split =
          normalizer::SplitDepartments(cell(dept_cols[k]), dict);
      for (const std::string& name : split.unknown) {
        warn("unknown_department",
             "row " + std::to_string(row_no) + " (" + kDeptKeys[k] +
                 "): '" + name + "' is not in the department list",
             page, row_no);
      }
      row[kDeptKeys[k]] = split.names;
    }
    ordered_json extra = ordered_json::object();
    for (size_t i = 0; i < plan.columns.size(); ++i) {
      if (plan.columns[i].key != ColumnKey::kExtra) continue;
      std::string header = normalizer::JoinLines({plan.columns[i].header});
      // The schema wants a non-empty name per column: a column without
      // header text (or repeating another's) is named by its position.
      if (header.empty() || extra.contains(header)) {
        header = "第" + std::to_string(i + 1) + "列";
      }
      extra[header] = TextOrNull(raw.cells[i]);
    }
    if (!extra.empty()) row["extra"] = std::move(extra);
    if (raw.low_confidence) row["confidence"] = "low";
    row["pages"] = raw.pages;
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

Result<Conversion> ConvertPdf(std::string_view bytes, const std::string& name,
                              SourceInfo src,
                              const ConvertOptions& options, Conversion conv) {
  extractor::PdfOptions pdf_options;
  pdf_options.password = options.password;
  std::vector<extractor::Grid> grids;
  double table_ms = 0;
  auto t0 = Clock::now();
  extractor::PdfInfo info;
  const extractor::TableOptions table_options = extractor::PlanTableOptions();
  Status st = extractor::ReadPdf(
      bytes, name, pdf_options, &info, [&](extractor::Page&& page) {
        auto t = Clock::now();
        grids.push_back(extractor::FindTable(page, table_options));
        table_ms += MsSince(t);
      });
  conv.times.extract = MsSince(t0) - table_ms;
  if (!st.ok()) return st;
  t0 = Clock::now();
  Result<extractor::RawPlan> plan = extractor::BuildPlan(grids);
  conv.times.table = table_ms + MsSince(t0);
  if (!plan.ok()) {
    return plan.status();  // ConvertBytes names the file
  }
  src.pages = info.pages;
  return Finish(*plan, std::move(src), options, std::move(conv));
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
  Result<extractor::RawPlan> plan = extractor::ReadTextDump(text->utf8, kind, text_options);
  conv.times.table = MsSince(t0);
  if (!plan.ok()) return plan.status();
  src.text_kind = extractor::DumpKindName(kind);
  src.encoding = text->encoding;
  src.pages = plan->pages;
  return Finish(*plan, std::move(src), options, std::move(conv));
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
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
