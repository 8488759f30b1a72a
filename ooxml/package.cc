// Copyright 2026 The plan2json Authors.

#include "ooxml/package.h"

#include <zip.h>

#include <cstring>
#include <utility>

namespace plan2json::ooxml {

struct Package::Impl {
  zip_t* zip = nullptr;
  PackageLimits limits;
  size_t total = 0;  // bytes inflated so far
  ~Impl() {
    if (zip != nullptr) zip_discard(zip);
  }
};

Package::Package(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Package::~Package() = default;

Result<std::unique_ptr<Package>> Package::Open(std::string_view bytes,
                                               const PackageLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) {
    zip_error_fini(&error);
    return Status(Status::Code::kInternal, "cannot read the ZIP package");
  }
  zip_t* zip = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (zip == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_source_free(src);
    zip_error_fini(&error);
    return Status(Status::Code::kCorrupt, "corrupt or truncated ZIP package (" + why + ")");
  }
  zip_error_fini(&error);
  auto impl = std::make_unique<Impl>();
  impl->zip = zip;
  impl->limits = limits;
  zip_int64_t n = zip_get_num_entries(zip, 0);
  if (n < 0 || static_cast<size_t>(n) > limits.max_entries) {
    return Status(Status::Code::kLimit,
                  "ZIP package has " + std::to_string(n) +
                      " entries, more than the limit of " +
                      std::to_string(limits.max_entries));
  }
  return std::unique_ptr<Package>(new Package(std::move(impl)));
}

bool Package::Has(const std::string& name) const {
  return zip_name_locate(impl_->zip, name.c_str(), 0) >= 0;
}

Result<std::string> Package::Read(const std::string& name) {
  zip_int64_t index = zip_name_locate(impl_->zip, name.c_str(), 0);
  if (index < 0) {
    return Status(Status::Code::kCorrupt, "package has no part " + name);
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(impl_->zip, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return Status(Status::Code::kCorrupt, "cannot read part " + name);
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    return Status(Status::Code::kEncrypted, "part " + name + " is encrypted (password-protected)");
  }
  const PackageLimits& lim = impl_->limits;
  auto too_big = [&](const char* what) {
    return Status(Status::Code::kLimit,
                  "part " + name + " inflates beyond the " + what + " limit of " +
                      std::to_string(std::strcmp(what, "per-part") == 0
                                         ? lim.max_entry_bytes
                                         : lim.max_total_bytes) +
                      " bytes (zip bomb?)");
  };
  // The header's claim is checked first, then the bytes actually inflated.
  if ((st.valid & ZIP_STAT_SIZE) && st.size > lim.max_entry_bytes) return too_big("per-part");
  zip_file_t* file = zip_fopen_index(impl_->zip, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    int ze = zip_error_code_zip(zip_get_error(impl_->zip));
    if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD) {
      return Status(Status::Code::kEncrypted, "part " + name + " is password-protected");
    }
    return Status(Status::Code::kCorrupt, "cannot open part " + name + " (" +
                                              zip_strerror(impl_->zip) + ")");
  }
  std::string out;
  char buf[1 << 16];
  Status status;
  for (;;) {
    zip_int64_t got = zip_fread(file, buf, sizeof buf);
    if (got < 0) {
      status = Status(Status::Code::kCorrupt, "part " + name + " is corrupt or truncated (" +
                                                  zip_file_strerror(file) + ")");
      break;
    }
    if (got == 0) break;
    size_t g = static_cast<size_t>(got);
    if (out.size() + g > lim.max_entry_bytes) {
      status = too_big("per-part");
      break;
    }
    if (impl_->total + g > lim.max_total_bytes) {
      status = too_big("total");
      break;
    }
    impl_->total += g;
    out.append(buf, g);
  }
  zip_fclose(file);
  if (!status.ok()) return status;
  return out;
}

Result<std::unique_ptr<pugi::xml_document>> ParseXml(std::string_view text,
                                                     const std::string& what) {
  auto doc = std::make_unique<pugi::xml_document>();
  // parse_doctype keeps the DOCTYPE as a node so that it can be refused;
  // pugixml expands no entity beyond the five predefined and numeric ones.
  unsigned flags = pugi::parse_default | pugi::parse_doctype;
  pugi::xml_parse_result r = doc->load_buffer(text.data(), text.size(), flags,
                                              pugi::encoding_auto);
  if (!r) {
    return Status(Status::Code::kCorrupt, "part " + what + " is not well-formed XML (" +
                                              r.description() + " at byte " +
                                              std::to_string(r.offset) + ")");
  }
  for (pugi::xml_node n = doc->first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      return Status(Status::Code::kCorrupt,
                    "part " + what + " has a DOCTYPE (refused: entity definitions)");
    }
  }
  return doc;
}

Result<std::unique_ptr<pugi::xml_document>> Package::ReadXml(const std::string& name) {
  Result<std::string> text = Read(name);
  if (!text.ok()) return text.status();
  return ParseXml(*text, name);
}

std::string EncodeUtf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view n = node.name();
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_attribute Attr(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view n = a.name();
    size_t colon = n.find(':');
    if ((colon == std::string_view::npos ? n : n.substr(colon + 1)) == local) return a;
  }
  return {};
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  }
  return {};
}

}  // namespace plan2json::ooxml
