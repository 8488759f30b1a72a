// Copyright 2026 The plan2json Authors.
//
// DepartmentDict and SplitDepartments.

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "lexicon/lexicon.h"
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

// What a role word says: lead, assisting, or "the column's own role"
// (负责, 责任单位: a marker to strip that changes nothing).
enum class Marker { kNone, kLead, kAssisting, kColumn };

Marker RoleWord(std::u32string_view w) {
  static constexpr std::u32string_view kLead[] = {
      U"牵头", U"牵头单位", U"牵头部门", U"牵头负责", U"负责牵头", U"主责",
      U"主责单位", U"主责部门", U"主办", U"主办单位", U"牵头抓总"};
  static constexpr std::u32string_view kAssisting[] = {
      U"配合", U"配合单位", U"配合部门", U"协助", U"协办", U"协办单位",
      U"参与", U"参与单位", U"协同", U"协同配合", U"配合完成", U"共同参与",
      U"按职责配合", U"按职责分工配合"};
  static constexpr std::u32string_view kColumn[] = {
      U"负责", U"责任单位", U"责任部门", U"按职责负责", U"分别负责"};
  for (std::u32string_view word : kLead) {
    if (w == word) return Marker::kLead;
  }
  for (std::u32string_view word : kAssisting) {
    if (w == word) return Marker::kAssisting;
  }
  for (std::u32string_view word : kColumn) {
    if (w == word) return Marker::kColumn;
  }
  return Marker::kNone;
}

// One run of text between boundaries.
struct Piece {
  enum class Before { kStart, kSoft, kHard };
  std::u32string text;
  Before before = Before::kStart;
  std::u32string delimiter;  // the delimiter before it when kHard
};

// A placeholder piece (lexicon::IsPlaceholder: ———, —, -, 无, /, nothing).
bool IsPlaceholderText(std::u32string_view text) {
  return lexicon::IsPlaceholder(internal::ToUtf8(text));
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
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return Status(Status::Code::kIoError,
                  "cannot read department list " + path);
  }
  auto dict = std::make_shared<DepartmentDict>();
  dict->impl_->AddText(buffer.str());
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

namespace {

// Levenshtein distance, giving up (returning limit + 1) once every path
// exceeds `limit`.
int BoundedEditDistance(const std::u32string& a, const std::u32string& b,
                        int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> prev(static_cast<size_t>(m + 1)), cur(prev.size());
  for (int j = 0; j <= m; ++j) prev[static_cast<size_t>(j)] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = i;
    for (int j = 1; j <= m; ++j) {
      const size_t uj = static_cast<size_t>(j);
      int sub = prev[uj - 1] + (a[static_cast<size_t>(i - 1)] != b[uj - 1]);
      cur[uj] = std::min({prev[uj] + 1, cur[uj - 1] + 1, sub});
      row_min = std::min(row_min, cur[uj]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[static_cast<size_t>(m)];
}

}  // namespace

std::optional<std::string> DepartmentDict::Nearest(std::string_view name,
                                                   int max_edits) const {
  if (Contains(name)) return std::string(name);
  const std::u32string query = lexicon::ToU32(name);
  int best = max_edits + 1;
  const std::string* found = nullptr;
  bool tie = false;
  for (const std::string& known : impl_->names) {
    int d = BoundedEditDistance(query, lexicon::ToU32(known), best);
    if (d < best) {
      best = d, found = &known, tie = false;
    } else if (d == best && found != nullptr) {
      tie = true;
    }
  }
  if (found == nullptr || tie) return std::nullopt;
  return *found;
}

// ---------------------------------------------------------------------------
// SplitDepartments
// ---------------------------------------------------------------------------

bool IsPlaceholder(std::string_view text) {
  return lexicon::IsPlaceholder(text);
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
  // A role word on its own ("牵头" on a line of its own) ends its clause:
  // the next line starts a name.
  if (RoleWord(left) != Marker::kNone) return false;
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

namespace {

// One name of a cell with what separated it from the previous one: a
// delimiter (、，；…) or, for a line break or space run, nothing.
struct Named {
  std::u32string name;
  std::u32string delimiter;
};

// The names of a cell before any role is read: pieces rejoined across
// wraps, placeholders dropped, and runs of up to four pieces joined by 、
// merged back where the dictionary knows the whole ("市科委、中关村管委会").
std::vector<Named> AssembleNames(const std::vector<std::string>& lines,
                                 const DepartmentDict& dict) {
  std::vector<std::u32string> repaired;
  repaired.reserve(lines.size());
  for (const std::string& line : lines) {
    std::u32string cps;
    internal::AppendRepaired(line, &cps);
    internal::FixPunctuationWidth(&cps);
    repaired.push_back(std::move(cps));
  }

  std::vector<Named> pieces;
  for (Piece& piece : Tokenize(repaired)) {
    piece.text = TrimStray(piece.text);
    if (piece.text.empty() || IsPlaceholderText(piece.text)) continue;
    if (!pieces.empty() && piece.before == Piece::Before::kSoft &&
        JoinAcrossSoftBoundary(pieces.back().name, piece.text, dict)) {
      pieces.back().name += piece.text;
      continue;
    }
    pieces.push_back(Named{std::move(piece.text),
                           piece.before == Piece::Before::kHard
                               ? piece.delimiter
                               : std::u32string()});
  }

  constexpr size_t kMaxParts = 4;
  std::vector<Named> names;
  for (size_t i = 0; i < pieces.size();) {
    Named named = pieces[i];
    size_t used = 1;
    std::u32string candidate = pieces[i].name;
    for (size_t k = i + 1; k < pieces.size() && k < i + kMaxParts; ++k) {
      if (pieces[k].delimiter.empty()) break;
      candidate += pieces[k].delimiter;
      candidate += pieces[k].name;
      if (dict.Contains(internal::ToUtf8(candidate))) {
        named.name = candidate;
        used = k - i + 1;
      }
    }
    i += used;
    names.push_back(std::move(named));
  }
  return names;
}

}  // namespace

DepartmentSplit SplitDepartments(const std::vector<std::string>& lines,
                                 const DepartmentDict& dict) {
  DepartmentSplit split;
  std::unordered_set<std::string> unknown_seen;
  for (const Named& named : AssembleNames(lines, dict)) {
    std::string name = internal::ToUtf8(named.name);
    if (!dict.Contains(name) && unknown_seen.insert(name).second) {
      split.unknown.push_back(name);
    }
    split.names.push_back(std::move(name));
  }
  return split;
}

// ---------------------------------------------------------------------------
// SplitRoledDepartments
// ---------------------------------------------------------------------------

namespace {

// A name with the role words around it taken off.
struct MarkedName {
  std::u32string name;        // may be empty: the piece was only a marker
  Marker prefix = Marker::kNone;      // "牵头：…": applies from here on
  Marker own = Marker::kNone;         // "…（牵头）": this name only
  Marker clause_end = Marker::kNone;  // "…牵头", "…配合": the clause so far
};

// Strips "牵头：" / "配合单位：" at the start.
void TakePrefix(MarkedName* m) {
  for (size_t i = 1; i < m->name.size() && i <= 8; ++i) {
    if (m->name[i] != U'：' && m->name[i] != U':') continue;
    const Marker marker = RoleWord(std::u32string_view(m->name).substr(0, i));
    if (marker == Marker::kNone) return;
    m->prefix = marker;
    m->name.erase(0, i + 1);
    return;
  }
}

// Strips a trailing bracketed role word ("（牵头）", "(配合)").
void TakeBracketMarker(MarkedName* m) {
  std::u32string& n = m->name;
  if (n.size() < 3 || !IsCloseBracket(n.back())) return;
  const size_t open = n.find_last_of(U"（(〔【[［");
  if (open == std::u32string::npos) return;
  const Marker marker = RoleWord(
      std::u32string_view(n).substr(open + 1, n.size() - open - 2));
  if (marker == Marker::kNone) return;
  m->own = marker;
  n.erase(open);
}

// Strips a trailing clause role word ("…牵头", "…配合"); a piece that is
// only a role word becomes an empty name carrying the marker.
void TakeClauseMarker(MarkedName* m) {
  std::u32string& n = m->name;
  for (size_t len = std::min<size_t>(n.size(), 7); len >= 2; --len) {
    const Marker marker =
        RoleWord(std::u32string_view(n).substr(n.size() - len));
    if (marker == Marker::kNone) continue;
    m->clause_end = marker;
    n.erase(n.size() - len);
    return;
  }
}

MarkedName Mark(const std::u32string& name) {
  MarkedName m;
  m.name = name;
  TakePrefix(&m);
  TakeBracketMarker(&m);
  TakeClauseMarker(&m);
  m.name = TrimStray(m.name);
  TakeBracketMarker(&m);  // "X（牵头）负责"
  return m;
}

bool IsClauseDelimiter(std::u32string_view delimiter) {
  return delimiter == U"，" || delimiter == U"," || delimiter == U"；" ||
         delimiter == U";";
}

Role ToRole(Marker marker, Role column_role) {
  switch (marker) {
    case Marker::kLead:
      return Role::kLead;
    case Marker::kAssisting:
      return Role::kAssisting;
    case Marker::kNone:
    case Marker::kColumn:
      break;
  }
  return column_role;
}

// Role of every name of a cell, in printed order. `marked` is set when some
// role word decided a role.
struct RoledName {
  std::string name;
  Role role;
};

std::vector<RoledName> AssignRoles(const std::vector<Named>& names,
                                   Role column_role, bool* marked) {
  std::vector<RoledName> out;
  struct Pending {
    std::u32string name;
    Marker own;
  };
  std::vector<Pending> pending;
  Marker prefix = Marker::kNone;
  auto flush = [&](Marker clause) {
    for (Pending& p : pending) {
      Marker marker = p.own != Marker::kNone     ? p.own
                      : clause != Marker::kNone ? clause
                                                : prefix;
      if (marker == Marker::kLead || marker == Marker::kAssisting) {
        *marked = true;
      }
      out.push_back({internal::ToUtf8(p.name), ToRole(marker, column_role)});
    }
    pending.clear();
  };
  for (const Named& named : names) {
    if (IsClauseDelimiter(named.delimiter)) flush(Marker::kNone);
    MarkedName m = Mark(named.name);
    if (m.prefix != Marker::kNone) {
      flush(Marker::kNone);
      prefix = m.prefix;
    }
    if (!m.name.empty() && !IsPlaceholderText(m.name)) {
      pending.push_back({std::move(m.name), m.own});
    }
    if (m.clause_end != Marker::kNone) flush(m.clause_end);
  }
  flush(Marker::kNone);
  return out;
}

}  // namespace

RoledDepartments SplitRoledDepartments(const std::vector<std::string>& lines,
                                       Role column_role,
                                       bool first_listed_leads,
                                       const DepartmentDict& dict) {
  bool marked = false;
  std::vector<RoledName> roled =
      AssignRoles(AssembleNames(lines, dict), column_role, &marked);
  // The note "the unit listed first leads" says less than a role word
  // printed in the cell: it applies only to cells without one.
  if (first_listed_leads && !marked && !roled.empty()) {
    roled.front().role = Role::kLead;
  }
  RoledDepartments out;
  std::unordered_set<std::string> unknown_seen;
  for (RoledName& r : roled) {
    if (!dict.Contains(r.name) && !lexicon::LooksLikeDepartment(r.name) &&
        unknown_seen.insert(r.name).second) {
      out.unknown.push_back(r.name);
    }
    std::vector<std::string>& list = r.role == Role::kLead ? out.lead
                                     : r.role == Role::kAssisting
                                         ? out.assisting
                                         : out.responsible;
    list.push_back(std::move(r.name));
  }
  return out;
}

}  // namespace plan2json::normalizer
