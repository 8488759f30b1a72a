// Copyright 2026 The plan2json Authors.
//
// Output formats of the command line: the schema'd JSON document as it is,
// or flattened into one record per measure row (JSON Lines, CSV).
//
//   json   the document (schema/plan.schema.json), indented, one per input
//   jsonl  one JSON object per row: file, attachment, title, year, then the
//          row's own fields in schema order (section, seq, task, measure,
//          deadline, due, lead, responsible, assisting, [extra],
//          [confidence], pages)
//   csv    RFC 4180 (CRLF line ends, fields quoted when they hold '"', ',',
//          CR or LF; '"' doubled). Columns: file, section, seq, task,
//          measure, deadline, due_kind, due_date, lead, responsible,
//          assisting, pages. Lists (departments, pages) are joined with
//          "、"; null is the empty field. Optional UTF-8 byte-order mark so
//          that Excel reads the file as UTF-8.
//
// Rendering never throws: bytes that are not UTF-8 (a file name in GBK, say)
// are replaced by U+FFFD, and a missing field renders as null.

#ifndef PLAN2JSON_CLI_FORMATS_H_
#define PLAN2JSON_CLI_FORMATS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plan2json::cli {

enum class Format { kJson, kJsonl, kCsv };

// "json", "jsonl" or "csv"; nullopt for anything else.
std::optional<Format> ParseFormat(std::string_view name);
const char* FormatName(Format format);
// The file name extension of batch outputs: ".json", ".jsonl", ".csv".
const char* FormatExtension(Format format);

struct RenderOptions {
  // CSV: start with a UTF-8 byte-order mark (for Excel). Default off.
  bool excel_bom = false;
  // CSV: start with the header record. Off when appending a second input's
  // rows to the same stream.
  bool csv_header = true;
  // CSV for Excel (--excel): a cell starting with = + - @ (or a tab or CR)
  // gets a leading ' so that Excel shows it as text and never evaluates it
  // as a formula (CSV injection). Default off: plain CSV keeps the text.
  bool excel_formula_guard = false;
  // JSON: the whole document on one line. Several inputs written to stdout
  // make JSON Lines this way (one document per line), never concatenated
  // pretty-printed documents. Default off (indented by 2).
  bool json_one_line = false;
};

// The whole output for one converted document. JSON ends with a newline;
// JSON Lines has one line per row (empty for a table without rows).
std::string Render(const nlohmann::ordered_json& doc, Format format,
                   const RenderOptions& options = {});

// `s` with every byte that is not part of a well-formed UTF-8 sequence
// replaced by U+FFFD (for file names and messages that end up in JSON).
std::string SanitizeUtf8(std::string_view s);

// `s` unchanged if it is well-formed UTF-8; otherwise each byte that is not
// part of a well-formed sequence becomes "\xNN" and each backslash "\\",
// so the text stays JSON and still names the real bytes (file names in the
// manifest: escaped, never replaced).
std::string EscapeInvalidUtf8(std::string_view s);

// `s` safe to print as one line on a terminal: line breaks and other C0/C1
// control characters (ESC sequences included) and malformed UTF-8 bytes as
// C-style escapes ("\n", "\x1b", "\u009b", "\xff").
std::string TerminalSafe(std::string_view s);

// Pieces, exposed for tests.
const std::vector<std::string>& CsvColumns();
// One field, quoted per RFC 4180 when needed.
std::string CsvField(std::string_view value);
// Fields joined with ',' and terminated by CRLF; with `excel_guard`, each
// field first passes through ExcelText.
std::string CsvRecord(const std::vector<std::string>& fields,
                      bool excel_guard = false);
// `value` with a leading ' if Excel would read it as a formula.
std::string ExcelText(std::string_view value);
// The CSV fields of one row of `doc`, in CsvColumns() order.
std::vector<std::string> CsvRow(const nlohmann::ordered_json& doc,
                                const nlohmann::ordered_json& row);
// The JSON Lines object of one row of `doc`.
nlohmann::ordered_json JsonlRow(const nlohmann::ordered_json& doc,
                                const nlohmann::ordered_json& row);

}  // namespace plan2json::cli

#endif  // PLAN2JSON_CLI_FORMATS_H_
