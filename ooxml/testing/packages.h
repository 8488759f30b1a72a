// Copyright 2026 The plan2json Authors.
//
// Builds small office packages in memory for the reader's tests.

#ifndef PLAN2JSON_OOXML_TESTING_PACKAGES_H_
#define PLAN2JSON_OOXML_TESTING_PACKAGES_H_

#include <string>
#include <utility>
#include <vector>

#include "extractor/table.h"

namespace plan2json::ooxml::testing {

using Entries = std::vector<std::pair<std::string, std::string>>;

// A ZIP archive holding `entries` (deflated); with a password, every entry
// is encrypted (traditional PKWARE encryption).
std::string MakeZip(const Entries& entries, const char* password = nullptr);

// A .docx whose body is `body` (WordprocessingML, prefix w:), with optional
// styles.xml and numbering.xml content (the root elements' inner XML).
std::string MakeDocx(const std::string& body, const std::string& styles = "",
                     const std::string& numbering = "");

// A .xlsx from sheets (name, worksheet inner XML), shared strings (plain),
// and styles.xml's inner XML.
std::string MakeXlsx(const std::vector<std::pair<std::string, std::string>>& sheets,
                     const std::vector<std::string>& shared, const std::string& styles = "");

// A grid as text, one cell per line: "r,c RxC: line1/line2", then
// "above: ..." and "below: ..." lines.
std::string Dump(const extractor::Grid& g);

// The namespace declarations of WordprocessingML, markup compatibility and
// spreadsheetML used by the builders.
extern const char kWordNs[];

}  // namespace plan2json::ooxml::testing

#endif  // PLAN2JSON_OOXML_TESTING_PACKAGES_H_
