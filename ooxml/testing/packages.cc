// Copyright 2026 The plan2json Authors.

#include "ooxml/testing/packages.h"

#include <zip.h>

#include <cstdio>
#include <stdexcept>

namespace plan2json::ooxml::testing {

const char kWordNs[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"";

std::string MakeZip(const Entries& entries, const char* password) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  if (za == nullptr) throw std::runtime_error("zip_open_from_source");
  zip_source_keep(src);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    zip_int64_t index = zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (index < 0) throw std::runtime_error("zip_file_add " + name);
    if (password != nullptr &&
        zip_file_set_encryption(za, static_cast<zip_uint64_t>(index), ZIP_EM_TRAD_PKWARE,
                                password) != 0) {
      throw std::runtime_error("zip_file_set_encryption " + name);
    }
  }
  if (zip_close(za) != 0) throw std::runtime_error("zip_close");
  std::string out;
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  out.resize(static_cast<size_t>(size));
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&error);
  return out;
}

std::string MakeDocx(const std::string& body, const std::string& styles,
                     const std::string& numbering) {
  const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  Entries e = {
      {"[Content_Types].xml", head + "<Types/>"},
      {"word/document.xml", head + "<w:document " + kWordNs + "><w:body>" + body +
                                "</w:body></w:document>"},
  };
  if (!styles.empty()) e.push_back({"word/styles.xml", head + "<w:styles " + kWordNs + ">" + styles + "</w:styles>"});
  if (!numbering.empty()) {
    e.push_back({"word/numbering.xml", head + "<w:numbering " + kWordNs + ">" + numbering + "</w:numbering>"});
  }
  return MakeZip(e);
}

std::string MakeXlsx(const std::vector<std::pair<std::string, std::string>>& sheets,
                     const std::vector<std::string>& shared, const std::string& styles) {
  const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  const std::string ns =
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  std::string book = head + "<workbook " + ns + "><sheets>";
  std::string rels = head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  std::string types =
      head + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
             "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
             "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
  for (size_t i = 0; i < sheets.size(); ++i) {
    types += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
             ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  }
  Entries e = {{"[Content_Types].xml", types + "</Types>"},
               {"_rels/.rels", head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                                      "</Relationships>"}};
  for (size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    book += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
    e.push_back({"xl/worksheets/sheet" + n + ".xml",
                 head + "<worksheet " + ns + ">" + sheets[i].second + "</worksheet>"});
  }
  e.push_back({"xl/workbook.xml", book + "</sheets></workbook>"});
  rels += "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>";
  e.push_back({"xl/_rels/workbook.xml.rels", rels + "</Relationships>"});
  std::string sst = head + "<sst " + ns + ">";
  for (const std::string& s : shared) sst += "<si><t xml:space=\"preserve\">" + s + "</t></si>";
  e.push_back({"xl/sharedStrings.xml", sst + "</sst>"});
  if (!styles.empty()) e.push_back({"xl/styles.xml", head + "<styleSheet " + ns + ">" + styles + "</styleSheet>"});
  return MakeZip(e);
}

std::string Dump(const extractor::Grid& g) {
  std::string out;
  auto lines = [](const std::vector<extractor::TextLine>& ls) {
    std::string s;
    for (size_t i = 0; i < ls.size(); ++i) s += (i ? "/" : "") + ls[i].text;
    return s;
  };
  if (!g.above.empty()) out += "above: " + lines(g.above) + "\n";
  for (const extractor::Cell& c : g.cells) {
    out += std::to_string(c.row) + "," + std::to_string(c.col) + " " + std::to_string(c.row_span) +
           "x" + std::to_string(c.col_span) + ": " + lines(c.lines) + "\n";
  }
  if (!g.below.empty()) out += "below: " + lines(g.below) + "\n";
  return out;
}

}  // namespace plan2json::ooxml::testing
