// Copyright 2026 The plan2json Authors.
//
// Decoding, dump-kind detection and the entry point of the text-dump reader
// (text_reader.h). The readers themselves: text_flow.cc (reading order) and
// text_layout.cc (layout).

#include "extractor/text_reader.h"

#include <algorithm>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <memory>
#include <string>
#include <vector>

#include "extractor/text_dump.h"

namespace plan2json::extractor {
namespace {

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
size_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (d < lo || d > hi) : (d < 0x80 || d > 0xBF)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Strict conversion through ICU; on failure the message names the offset of
// the first byte that could not be converted.
Result<std::string> Convert(std::string_view bytes, const char* name,
                            const std::string& shown_name) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(name, &status));
  if (U_FAILURE(status)) {
    return Status(Status::Code::kInvalidArgument,
                  "unknown text encoding '" + shown_name + "'");
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr,
                      nullptr, &status);
  std::u16string utf16(2 * bytes.size() + 16, u'\0');
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar* dst = reinterpret_cast<UChar*>(&utf16[0]);
  UChar* dst_end = dst + utf16.size();
  status = U_ZERO_ERROR;
  ucnv_toUnicode(conv.get(), &dst, dst_end, &src, src_end, nullptr, true,
                 &status);
  if (U_FAILURE(status)) {
    char bad[32];
    int8_t bad_len = sizeof(bad);
    UErrorCode ignore = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv.get(), bad, &bad_len, &ignore);
    size_t consumed = static_cast<size_t>(src - bytes.data());
    size_t offset = consumed >= static_cast<size_t>(bad_len)
                        ? consumed - static_cast<size_t>(bad_len)
                        : consumed;
    return Status(Status::Code::kDecode,
                  "not valid " + shown_name + " text: byte " +
                      std::to_string(offset) + " cannot be decoded");
  }
  utf16.resize(static_cast<size_t>(dst - reinterpret_cast<UChar*>(&utf16[0])));
  // UTF-16 -> UTF-8.
  int32_t need = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &need, reinterpret_cast<const UChar*>(utf16.data()),
              static_cast<int32_t>(utf16.size()), &status);
  std::string out(static_cast<size_t>(need), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(&out[0], need, &need, reinterpret_cast<const UChar*>(utf16.data()),
              static_cast<int32_t>(utf16.size()), &status);
  if (U_FAILURE(status)) {
    return Status(Status::Code::kDecode,
                  "not valid " + shown_name + " text (unpaired surrogate)");
  }
  // A byte-order mark that the converter kept.
  if (out.rfind("\xEF\xBB\xBF", 0) == 0) out.erase(0, 3);
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

}  // namespace

const char* DumpKindName(DumpKind kind) {
  return kind == DumpKind::kLayout ? "layout" : "reading-order";
}

namespace {

// Line ends as "\n": "\r\n" (Windows) and a lone "\r" (classic Mac OS)
// alike, in one pass.
std::string UnixLineEnds(std::string text) {
  if (text.find('\r') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      out += '\n';
    }
  }
  return out;
}

Result<DecodedText> DecodeTextKeepLineEnds(std::string_view bytes,
                                           const std::string& encoding_override);

}  // namespace

Result<DecodedText> DecodeText(std::string_view bytes,
                               const std::string& encoding_override) {
  Result<DecodedText> r = DecodeTextKeepLineEnds(bytes, encoding_override);
  if (r.ok()) r->utf8 = UnixLineEnds(std::move(r->utf8));
  return r;
}

namespace {

Result<DecodedText> DecodeTextKeepLineEnds(std::string_view bytes,
                                           const std::string& encoding_override) {
  if (bytes.empty()) return Status(Status::Code::kEmpty, "the text is empty");
  DecodedText out;
  if (!encoding_override.empty()) {
    std::string upper = Upper(encoding_override);
    if (upper == "UTF-8" || upper == "UTF8") {
      std::string_view body = bytes;
      if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
      size_t bad = FirstInvalidUtf8(body);
      if (bad != std::string_view::npos) {
        return Status(Status::Code::kDecode,
                      "not valid UTF-8 text: byte " +
                          std::to_string(bad + (bytes.size() - body.size())) +
                          " cannot be decoded");
      }
      out.utf8 = std::string(body);
      out.encoding = encoding_override;
      return out;
    }
    Result<std::string> r =
        Convert(bytes, encoding_override.c_str(), encoding_override);
    if (!r.ok()) return r.status();
    out.utf8 = std::move(*r);
    out.encoding = encoding_override;
    return out;
  }
  // Byte-order marks.
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    std::string_view body = bytes.substr(3);
    size_t bad = FirstInvalidUtf8(body);
    if (bad != std::string_view::npos) {
      return Status(Status::Code::kDecode,
                    "not valid UTF-8 text: byte " + std::to_string(bad + 3) +
                        " cannot be decoded");
    }
    out.utf8 = std::string(body);
    out.encoding = "UTF-8-BOM";
    return out;
  }
  // UTF-32's marks first: FF FE 00 00 also starts like UTF-16LE's.
  if (bytes.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4) ||
      bytes.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) {
    const char* name = bytes[0] == '\xFF' ? "UTF-32LE" : "UTF-32BE";
    if ((bytes.size() - 4) % 4 != 0) {
      return Status::Decode(std::string("not valid ") + name + " text: " +
                            std::to_string(bytes.size()) +
                            " bytes are not whole code units");
    }
    Result<std::string> r = Convert(bytes.substr(4), name, name);
    if (!r.ok()) return r.status();
    out.utf8 = std::move(*r);
    out.encoding = name;
    return out;
  }
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    bool le = bytes[0] == '\xFF';
    const char* name = le ? "UTF-16LE" : "UTF-16BE";
    if ((bytes.size() - 2) % 2 != 0) {
      return Status(Status::Code::kDecode,
                    std::string("not valid ") + name + " text: byte " +
                        std::to_string(bytes.size() - 1) +
                        " is half a code unit");
    }
    Result<std::string> r = Convert(bytes.substr(2), name, name);
    if (!r.ok()) {
      // Offsets in the message count from after the mark; correct them.
      std::string msg = r.status().message();
      size_t at = msg.find("byte ");
      if (at != std::string::npos) {
        size_t end = msg.find(' ', at + 5);
        size_t off = std::stoul(msg.substr(at + 5, end - at - 5)) + 2;
        msg = msg.substr(0, at + 5) + std::to_string(off) + msg.substr(end);
      }
      return Status(r.status().code(), msg);
    }
    out.utf8 = std::move(*r);
    out.encoding = name;
    return out;
  }
  size_t bad_utf8 = FirstInvalidUtf8(bytes);
  if (bad_utf8 == std::string_view::npos) {
    out.utf8 = std::string(bytes);
    out.encoding = "UTF-8";
    return out;
  }
  // Not UTF-8: ask ICU. UTF-16/32 without a mark is taken when ICU is sure;
  // everything else is read as GB18030 (superset of GBK and GB2312; legacy
  // Chinese text is what these dumps are).
  std::string guess = "GB18030";
  {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector* det = ucsdet_open(&status);
    if (U_SUCCESS(status)) {
      ucsdet_setText(det, bytes.data(),
                     static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 20)),
                     &status);
      const UCharsetMatch* m = ucsdet_detect(det, &status);
      if (U_SUCCESS(status) && m != nullptr) {
        std::string name = ucsdet_getName(m, &status);
        int32_t confidence = ucsdet_getConfidence(m, &status);
        if (U_SUCCESS(status) && confidence >= 50 &&
            (name == "UTF-16LE" || name == "UTF-16BE" || name == "UTF-32LE" ||
             name == "UTF-32BE")) {
          guess = name;
        }
      }
      ucsdet_close(det);
    }
  }
  Result<std::string> r = Convert(bytes, guess.c_str(), guess);
  if (!r.ok()) {
    if (r.status().code() == Status::Code::kDecode) {
      return Status(Status::Code::kDecode,
                    "text is neither UTF-8 (byte " + std::to_string(bad_utf8) +
                        " is not) nor " + guess + " (" + r.status().message() +
                        "); name the encoding with --encoding");
    }
    return r.status();
  }
  out.utf8 = std::move(*r);
  out.encoding = guess;
  return out;
}

}  // namespace

DumpKind DetectDumpKind(const std::string& utf8) {
  int nonblank = 0, gapped = 0;
  size_t start = 0;
  while (start < utf8.size()) {
    size_t end = utf8.find('\n', start);
    if (end == std::string::npos) end = utf8.size();
    std::string_view line(utf8.data() + start, end - start);
    size_t first = line.find_first_not_of(" \t\f\r");
    if (first != std::string_view::npos) {
      ++nonblank;
      size_t last = line.find_last_not_of(" \t\f\r");
      std::string_view inner = line.substr(first, last - first + 1);
      if (inner.find("   ") != std::string_view::npos) ++gapped;
    }
    start = end + 1;
  }
  return gapped >= 3 && gapped * 100 >= nonblank * 15 ? DumpKind::kLayout
                                                      : DumpKind::kReadingOrder;
}

namespace {

Result<textdump::DumpPages> Pages(const std::string& utf8, const TextOptions& options) {
  const auto form_feeds = std::count(utf8.begin(), utf8.end(), '');
  if (form_feeds >= options.max_pages) {
    return Status::Limit(std::to_string(form_feeds) +
                         " form feeds: more pages than the limit of " +
                         std::to_string(options.max_pages));
  }
  textdump::DumpPages dump = textdump::SplitPages(utf8);
  bool any = false;
  for (const textdump::DumpLine& l : dump.lines) any = any || !l.blank();
  if (!any) return Status(Status::Code::kEmpty, "the text holds nothing but white space");
  return dump;
}

}  // namespace

Result<std::vector<Grid>> TextDumpGrids(const std::string& utf8, DumpKind kind,
                                        const TextOptions& options) {
  Result<textdump::DumpPages> dump = Pages(utf8, options);
  if (!dump.ok()) return dump.status();
  if (kind != DumpKind::kLayout) return textdump::ReadingOrderGrids(*dump, options);
  return textdump::LayoutGrids(*dump, options);
}

Result<RawPlan> ReadTextDump(const std::string& utf8, DumpKind kind,
                             const TextOptions& options) {
  if (kind == DumpKind::kLayout) {
    return Status(Status::Code::kInvalidArgument,
                  "layout dumps are read by TextDumpGrids and BuildPlan");
  }
  std::shared_ptr<const normalizer::DepartmentDict> dict =
      options.departments ? options.departments
                          : normalizer::DepartmentDict::BuiltIn();
  Result<textdump::DumpPages> dump = Pages(utf8, options);
  if (!dump.ok()) return dump.status();
  return textdump::ReadReadingOrder(*dump, *dict);
}

}  // namespace plan2json::extractor
