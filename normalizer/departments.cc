// Copyright 2026 The plan2json Authors.
//
// DepartmentDict and SplitDepartments.

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "normalizer/normalizer.h"
#include "normalizer/text_internal.h"

namespace plan2json::normalizer {

namespace {

using internal::CharClass;
using internal::Classify;

// ---------------------------------------------------------------------------
// Character predicates
// ---------------------------------------------------------------------------

bool IsOpenBracket(char32_t c) {
  return c == U'（' || c == U'(' || c == U'〔' || c == U'【' || c == U'[' ||
         c == U'［';
}

bool IsCloseBracket(char32_t c) {
  return c == U'）' || c == U')' || c == U'〕' || c == U'】' || c == U']' ||
         c == U'］';
}

// Separators between names on one line (outside brackets).
bool IsDelimiter(char32_t c) {
  return c == U'、' || c == U'，' || c == U',' || c == U'；' || c == U';';
}

// Dashes that mark an empty cell: ASCII hyphen, ‐ ‑ ‒ – — ―, ─ and －.
bool IsDash(char32_t c) {
  return c == U'-' || (c >= 0x2010 && c <= 0x2015) || c == U'─' || c == U'－' ||
         c == U'━';
}

// Punctuation that cannot begin or end a name and is trimmed off it.
bool IsStrayPunctuation(char32_t c) {
  return c == U'。' || c == U'.' || c == U'：' || c == U':' || c == U'！' ||
         c == U'!' || c == U'？' || c == U'?' || IsDelimiter(c);
}

// Endings that make a name look complete. Judged by suffix only, so the
// list is of generic organisational heads, not of names.
constexpr std::u32string_view kNameSuffixes[] = {
    U"局", U"委", U"会",   U"府",   U"办",   U"院",   U"队",   U"所",
    U"厅", U"部", U"处",   U"室",   U"站",   U"馆",   U"联",   U"协",
    U"署", U"组", U"中心", U"公司", U"集团", U"海关", U"银行",
};

// Fragments that only ever continue a name ("市农业农村" + "局").
constexpr std::u32string_view kContinuations[] = {
    U"中心",   U"公司",   U"集团",     U"总队",   U"支队",   U"大队",
    U"管委会", U"委员会", U"办公室",   U"办公厅", U"政府",   U"人民政府",
    U"分局",   U"总站",   U"有限公司", U"管理局", U"管理处", U"工作组",
};

bool EndsWith(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  internal::AppendRepaired(utf8, &out);
  return out;
}

// ---------------------------------------------------------------------------
// Heuristics for a soft boundary (line break or space run)
// ---------------------------------------------------------------------------

bool LooksComplete(std::u32string_view name) {
  if (name.empty()) return false;
  if (IsCloseBracket(name.back())) return true;
  for (std::u32string_view suffix : kNameSuffixes) {
    if (EndsWith(name, suffix)) return true;
  }
  return false;
}

bool LooksLikeNewName(std::u32string_view piece) {
  if (piece.size() <= 1) return false;  // one character is never a name
  const char32_t first = piece.front();
  if (IsOpenBracket(first) || IsCloseBracket(first)) return false;
  if (Classify(first) != CharClass::kCjk &&
      Classify(first) != CharClass::kWord) {
    return false;
  }
  for (std::u32string_view fragment : kContinuations) {
    if (piece == fragment) return false;
  }
  return true;
}

// One run of text between boundaries.
struct Piece {
  enum class Before { kStart, kSoft, kHard };
  std::u32string text;
  Before before = Before::kStart;
  std::u32string delimiter;  // the delimiter before it when kHard
};

// "———", "—", "-", "无" or nothing (spaces ignored): the cell is empty.
bool IsPlaceholderText(std::u32string_view text) {
  std::u32string rest;
  for (char32_t c : text) {
    if (c != U' ' && c != U'\n') rest.push_back(c);
  }
  if (rest.empty() || rest == U"无") return true;
  return std::all_of(rest.begin(), rest.end(), IsDash);
}

// Splits the (repaired) lines of a cell into pieces. Delimiters and spaces
// end a piece only outside brackets; a line break inside brackets is a wrap.
std::vector<Piece> Tokenize(const std::vector<std::u32string>& lines) {
  std::vector<Piece> pieces;
  std::u32string current;
  Piece::Before pending = Piece::Before::kStart;
  std::u32string pending_delimiter;
  auto end_piece = [&](Piece::Before boundary, char32_t delimiter) {
    if (!current.empty()) {
      pieces.push_back(Piece{std::move(current), pending, pending_delimiter});
      current.clear();
      pending = boundary;
      pending_delimiter.clear();
      if (boundary == Piece::Before::kHard) pending_delimiter = delimiter;
      return;
    }
    if (pieces.empty()) return;  // leading separators mean nothing
    if (boundary == Piece::Before::kHard && pending != Piece::Before::kHard) {
      pending = Piece::Before::kHard;  // "局 、市" : the delimiter wins
      pending_delimiter = delimiter;
    }
  };
  int depth = 0;
  for (const std::u32string& line : lines) {
    for (char32_t c : line) {
      if (c == U' ' || c == U'\n') {
        if (depth == 0) end_piece(Piece::Before::kSoft, 0);
        continue;  // names hold no spaces
      }
      if (depth == 0 && IsDelimiter(c)) {
        end_piece(Piece::Before::kHard, c);
        continue;
      }
      if (IsOpenBracket(c)) ++depth;
      if (IsCloseBracket(c) && depth > 0) --depth;
      current.push_back(c);
    }
    if (depth == 0) end_piece(Piece::Before::kSoft, 0);
  }
  end_piece(Piece::Before::kSoft, 0);
  return pieces;
}

std::u32string TrimStray(std::u32string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && IsStrayPunctuation(s[b])) ++b;
  while (e > b && IsStrayPunctuation(s[e - 1])) --e;
  return std::u32string(s.substr(b, e - b));
}

}  // namespace

// ---------------------------------------------------------------------------
// DepartmentDict
// ---------------------------------------------------------------------------

struct DepartmentDict::Impl {
  std::vector<std::string> names;  // normalized, sorted, unique

  void Add(std::string_view raw) {
    std::string name;
    for (char c : NormalizeChars(raw)) {
      if (c != ' ' && c != '\n') name.push_back(c);
    }
    if (!name.empty()) names.push_back(std::move(name));
  }
  void Finish() {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
  }
  void AddText(std::string_view text) {
    while (!text.empty()) {
      size_t eol = text.find('\n');
      std::string_view line = text.substr(0, eol);
      text = eol == std::string_view::npos ? std::string_view()
                                           : text.substr(eol + 1);
      line = line.substr(0, line.find('#'));
      Add(line);
    }
  }
};

DepartmentDict::DepartmentDict() : impl_(std::make_unique<Impl>()) {}
DepartmentDict::~DepartmentDict() = default;

std::shared_ptr<const DepartmentDict> DepartmentDict::BuiltIn() {
  // Built once, thread-safely; shared by every caller for the process
  // lifetime.
  static const std::shared_ptr<const DepartmentDict>* const kDict = [] {
    auto dict = std::make_shared<DepartmentDict>();
    dict->impl_->AddText(internal::BuiltInDepartmentsText());
    dict->impl_->Finish();
    return new std::shared_ptr<const DepartmentDict>(std::move(dict));
  }();
  return *kDict;
}

Result<std::shared_ptr<const DepartmentDict>> DepartmentDict::FromFile(
    const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(Status::Code::kNotFound,
                  "cannot open department list " + path);
  }
  // Read in chunks up to a bound: the path may name a device that never
  // ends (/dev/zero) or a file far too large to be a list of names.
  constexpr size_t kMaxBytes = size_t{16} << 20;
  std::string text;
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxBytes) {
      return Status::Limit(path + ": department list over " +
                           std::to_string(kMaxBytes >> 20) + " MiB");
    }
  }
  if (in.bad()) {
    return Status(Status::Code::kIoError,
                  "cannot read department list " + path);
  }
  auto dict = std::make_shared<DepartmentDict>();
  dict->impl_->AddText(text);
  dict->impl_->Finish();
  return std::shared_ptr<const DepartmentDict>(std::move(dict));
}

std::shared_ptr<const DepartmentDict> DepartmentDict::FromNames(
    const std::vector<std::string>& names) {
  auto dict = std::make_shared<DepartmentDict>();
  for (const std::string& name : names) dict->impl_->Add(name);
  dict->impl_->Finish();
  return dict;
}

std::shared_ptr<const DepartmentDict> DepartmentDict::Merge(
    const DepartmentDict& a, const DepartmentDict& b) {
  auto dict = std::make_shared<DepartmentDict>();
  std::vector<std::string>& names = dict->impl_->names;
  names.reserve(a.impl_->names.size() + b.impl_->names.size());
  std::merge(a.impl_->names.begin(), a.impl_->names.end(),
             b.impl_->names.begin(), b.impl_->names.end(),
             std::back_inserter(names));
  dict->impl_->Finish();
  return dict;
}

bool DepartmentDict::Contains(std::string_view name) const {
  return std::binary_search(impl_->names.begin(), impl_->names.end(), name);
}

bool DepartmentDict::IsProperPrefix(std::string_view prefix) const {
  if (prefix.empty()) return !impl_->names.empty();
  // Names starting with `prefix` sort right at or after it; the first one
  // that is not `prefix` itself decides.
  auto it = std::lower_bound(impl_->names.begin(), impl_->names.end(), prefix);
  if (it != impl_->names.end() && *it == prefix) ++it;
  return it != impl_->names.end() && it->size() > prefix.size() &&
         std::string_view(*it).substr(0, prefix.size()) == prefix;
}

size_t DepartmentDict::size() const { return impl_->names.size(); }

// ---------------------------------------------------------------------------
// SplitDepartments
// ---------------------------------------------------------------------------

bool IsPlaceholder(std::string_view text) {
  std::u32string cps = ToU32(text);
  return IsPlaceholderText(cps);
}

namespace {

// Decides whether a soft boundary between `left` (the name so far) and
// `right` (the next piece) is a wrap inside one name.
bool JoinAcrossSoftBoundary(const std::u32string& left,
                            const std::u32string& right,
                            const DepartmentDict& dict) {
  // A bracket always belongs to the name before it.
  if (IsOpenBracket(right.front()) || IsCloseBracket(right.front())) {
    return true;
  }
  const std::string joined = internal::ToUtf8(left + right);
  if (dict.Contains(joined) || dict.IsProperPrefix(joined)) return true;
  const std::string left_utf8 = internal::ToUtf8(left);
  const std::string right_utf8 = internal::ToUtf8(right);
  const bool complete = LooksComplete(left) || dict.Contains(left_utf8);
  const bool fresh = LooksLikeNewName(right) || dict.Contains(right_utf8) ||
                     dict.IsProperPrefix(right_utf8);
  return !(complete && fresh);
}

}  // namespace

DepartmentSplit SplitDepartments(const std::vector<std::string>& lines,
                                 const DepartmentDict& dict) {
  std::vector<std::u32string> repaired;
  repaired.reserve(lines.size());
  for (const std::string& line : lines) {
    std::u32string cps;
    internal::AppendRepaired(line, &cps);
    internal::FixPunctuationWidth(&cps);
    repaired.push_back(std::move(cps));
  }

  // Assemble names from pieces; `delimiters[i]` is what separated name i
  // from name i-1 (empty for a soft boundary).
  std::vector<std::u32string> names;
  std::vector<std::u32string> delimiters;
  for (Piece& piece : Tokenize(repaired)) {
    piece.text = TrimStray(piece.text);
    if (piece.text.empty() || IsPlaceholderText(piece.text)) continue;
    if (!names.empty() && piece.before == Piece::Before::kSoft &&
        JoinAcrossSoftBoundary(names.back(), piece.text, dict)) {
      names.back() += piece.text;
      continue;
    }
    names.push_back(std::move(piece.text));
    delimiters.push_back(piece.before == Piece::Before::kHard
                             ? piece.delimiter
                             : std::u32string());
  }

  // Names that contain a delimiter themselves ("市科委、中关村管委会"): merge
  // runs of up to four pieces when the dictionary knows the result.
  constexpr size_t kMaxParts = 4;
  DepartmentSplit split;
  std::unordered_set<std::string> unknown_seen;
  for (size_t i = 0; i < names.size();) {
    std::string name = internal::ToUtf8(names[i]);
    size_t used = 1;
    std::u32string candidate = names[i];
    for (size_t k = i + 1; k < names.size() && k < i + kMaxParts; ++k) {
      if (delimiters[k].empty()) break;
      candidate += delimiters[k];
      candidate += names[k];
      std::string candidate_utf8 = internal::ToUtf8(candidate);
      if (dict.Contains(candidate_utf8)) {
        name = std::move(candidate_utf8);
        used = k - i + 1;
      }
    }
    i += used;
    if (!dict.Contains(name) && unknown_seen.insert(name).second) {
      split.unknown.push_back(name);
    }
    split.names.push_back(std::move(name));
  }
  return split;
}

}  // namespace plan2json::normalizer
