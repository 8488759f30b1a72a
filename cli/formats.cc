// Copyright 2026 The plan2json Authors.

#include "cli/formats.h"

#include <cstdio>

#include <utility>

namespace plan2json::cli {
namespace {

using nlohmann::ordered_json;

constexpr auto kReplace = ordered_json::error_handler_t::replace;
constexpr const char* kListSeparator = "、";  // U+3001 IDEOGRAPHIC COMMA

// j[key], or null when j is not an object or lacks the key.
const ordered_json& Field(const ordered_json& j, const char* key) {
  static const ordered_json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

// A scalar as CSV text: strings as they are, numbers and booleans as JSON
// writes them, null as "".
std::string ScalarText(const ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return SanitizeUtf8(v.get_ref<const std::string&>());
  return v.dump(-1, ' ', false, kReplace);
}

std::string CellText(const ordered_json& v) {
  if (!v.is_array()) return ScalarText(v);
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += kListSeparator;
    out += ScalarText(v[i]);
  }
  return out;
}

}  // namespace

namespace {

// Walks `s` as UTF-8: on_char(code point, its bytes) for each well-formed
// sequence, on_bad(byte) for each byte that is not part of one.
template <typename OnChar, typename OnBad>
void WalkUtf8(std::string_view s, OnChar on_char, OnBad on_bad) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    unsigned int cp = 0;
    if (b < 0x80) {
      on_char(b, s.substr(i, 1));
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2, cp = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3, cp = b & 0x0Fu;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4, cp = b & 0x07u;
    }
    bool valid = len > 0 && i + len <= s.size();
    for (size_t k = 1; valid && k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) valid = false;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    // Reject overlong forms, surrogates and code points above U+10FFFF.
    if (valid && ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
                  (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)) {
      valid = false;
    }
    if (valid) {
      on_char(cp, s.substr(i, len));
      i += len;
    } else {
      on_bad(b);
      ++i;
    }
  }
}

void AppendHexByte(unsigned int b, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  *out += "\\x";
  *out += kHex[(b >> 4) & 15];
  *out += kHex[b & 15];
}

}  // namespace

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  WalkUtf8(
      s, [&](unsigned int, std::string_view bytes) { out.append(bytes); },
      [&](unsigned char) { out += "\xEF\xBF\xBD"; });  // U+FFFD
  return out;
}

std::string EscapeInvalidUtf8(std::string_view s) {
  bool valid = true;
  WalkUtf8(s, [](unsigned int, std::string_view) {},
           [&](unsigned char) { valid = false; });
  if (valid) return std::string(s);
  std::string out;
  WalkUtf8(
      s,
      [&](unsigned int cp, std::string_view bytes) {
        if (cp == '\\') out += '\\';
        out.append(bytes);
      },
      [&](unsigned char b) { AppendHexByte(b, &out); });
  return out;
}

std::string TerminalSafe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  WalkUtf8(
      s,
      [&](unsigned int cp, std::string_view bytes) {
        if (cp == '\n') {
          out += "\\n";
        } else if (cp == '\t') {
          out += "\\t";
        } else if (cp == '\r') {
          out += "\\r";
        } else if (cp < 0x20 || cp == 0x7F) {
          AppendHexByte(cp, &out);
        } else if (cp >= 0x80 && cp <= 0x9F) {  // C1 controls (CSI, NEL...)
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", cp);
          out += buf;
        } else {
          out.append(bytes);
        }
      },
      [&](unsigned char b) { AppendHexByte(b, &out); });
  return out;
}

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "json") return Format::kJson;
  if (name == "jsonl") return Format::kJsonl;
  if (name == "csv") return Format::kCsv;
  return std::nullopt;
}

const char* FormatName(Format format) {
  switch (format) {
    case Format::kJson: return "json";
    case Format::kJsonl: return "jsonl";
    case Format::kCsv: return "csv";
  }
  return "json";
}

const char* FormatExtension(Format format) {
  switch (format) {
    case Format::kJson: return ".json";
    case Format::kJsonl: return ".jsonl";
    case Format::kCsv: return ".csv";
  }
  return ".json";
}

const std::vector<std::string>& CsvColumns() {
  static const std::vector<std::string> kColumns = {
      "file",     "section",  "seq",  "task",        "measure",   "deadline",
      "due_kind", "due_date", "lead", "responsible", "assisting", "pages"};
  return kColumns;
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of("\",\r\n") == std::string_view::npos) {
    return std::string(value);
  }
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string ExcelText(std::string_view value) {
  if (!value.empty() && std::string_view("=+-@\t\r").find(value[0]) !=
                            std::string_view::npos) {
    return "'" + std::string(value);
  }
  return std::string(value);
}

std::string CsvRecord(const std::vector<std::string>& fields, bool excel_guard) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(excel_guard ? ExcelText(fields[i]) : fields[i]);
  }
  out += "\r\n";
  return out;
}

std::vector<std::string> CsvRow(const ordered_json& doc,
                                const ordered_json& row) {
  const ordered_json& due = Field(row, "due");
  return {
      ScalarText(Field(Field(doc, "source"), "file")),
      ScalarText(Field(row, "section")),
      ScalarText(Field(row, "seq")),
      ScalarText(Field(row, "task")),
      ScalarText(Field(row, "measure")),
      ScalarText(Field(row, "deadline")),
      ScalarText(Field(due, "kind")),
      ScalarText(Field(due, "date")),
      CellText(Field(row, "lead")),
      CellText(Field(row, "responsible")),
      CellText(Field(row, "assisting")),
      CellText(Field(row, "pages")),
  };
}

ordered_json JsonlRow(const ordered_json& doc, const ordered_json& row) {
  const ordered_json& document = Field(doc, "document");
  ordered_json out;
  out["file"] = Field(Field(doc, "source"), "file");
  out["attachment"] = Field(document, "attachment");
  out["title"] = Field(document, "title");
  out["year"] = Field(document, "year");
  if (row.is_object()) {
    for (auto it = row.begin(); it != row.end(); ++it) out[it.key()] = it.value();
  }
  return out;
}

std::string Render(const ordered_json& doc, Format format,
                   const RenderOptions& options) {
  const ordered_json& rows = Field(doc, "rows");
  std::string out;
  switch (format) {
    case Format::kJson:
      out = doc.dump(options.json_one_line ? -1 : 2, ' ', false, kReplace);
      out += '\n';
      break;
    case Format::kJsonl:
      if (rows.is_array()) {
        for (const ordered_json& row : rows) {
          out += JsonlRow(doc, row).dump(-1, ' ', false, kReplace);
          out += '\n';
        }
      }
      break;
    case Format::kCsv:
      if (options.excel_bom) out += "\xEF\xBB\xBF";
      if (options.csv_header) out += CsvRecord(CsvColumns());
      if (rows.is_array()) {
        for (const ordered_json& row : rows) {
          out += CsvRecord(CsvRow(doc, row), options.excel_formula_guard);
        }
      }
      break;
  }
  return out;
}

}  // namespace plan2json::cli
