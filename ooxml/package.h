// Copyright 2026 The plan2json Authors.
//
// A ZIP package (OOXML, ODF) in memory, read with libzip under bounds that
// hold against zip bombs: the entry count, each entry's size and the total
// inflated so far are checked while inflating, not only against the sizes the
// central directory claims. XML parts are parsed with pugixml, which never
// expands entities; a part carrying a DOCTYPE is refused all the same.

#ifndef PLAN2JSON_OOXML_PACKAGE_H_
#define PLAN2JSON_OOXML_PACKAGE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "common/status.h"

namespace plan2json::ooxml {

struct PackageLimits {
  // More entries than this: not a document (an office file has tens).
  size_t max_entries = 10000;
  // Largest part inflated, in bytes (a plan's document.xml is < 1 MiB; the
  // XML tree costs a few times the text).
  size_t max_entry_bytes = size_t{128} << 20;
  // Largest total inflated over all parts read from one package.
  size_t max_total_bytes = size_t{512} << 20;
};

class Package {
 public:
  // Opens `bytes` (which must outlive the Package). kCorrupt when it is not
  // a readable ZIP, kLimit when it has too many entries.
  static Result<std::unique_ptr<Package>> Open(std::string_view bytes,
                                               const PackageLimits& limits = {});
  ~Package();
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  bool Has(const std::string& name) const;
  // The part's bytes, inflated under the limits (kLimit beyond them,
  // kEncrypted for an encrypted entry, kCorrupt for a damaged one).
  Result<std::string> Read(const std::string& name);
  // The part parsed as XML (pugixml: no entity expansion; DOCTYPE refused).
  Result<std::unique_ptr<pugi::xml_document>> ReadXml(const std::string& name);

 private:
  struct Impl;
  explicit Package(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Parses XML text under the same rules as Package::ReadXml; `what` names the
// part in messages.
Result<std::unique_ptr<pugi::xml_document>> ParseXml(std::string_view text,
                                                     const std::string& what);

// UTF-8 of code point `cp`.
std::string EncodeUtf8(char32_t cp);

// The element name without its namespace prefix ("w:p" -> "p").
std::string_view LocalName(const pugi::xml_node& node);
// The attribute `local` (any prefix), or an empty attribute.
pugi::xml_attribute Attr(const pugi::xml_node& node, std::string_view local);
// The first child element named `local` (any prefix), or an empty node.
pugi::xml_node Child(const pugi::xml_node& node, std::string_view local);

}  // namespace plan2json::ooxml

#endif  // PLAN2JSON_OOXML_PACKAGE_H_
