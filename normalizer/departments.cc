// Copyright 2026 The plan2json Authors.
//
// DepartmentDict, SplitDepartments and SplitRoledDepartments. Names are
// recognised by shape (lexicon::LooksLikeDepartment, IsNameSuffix,
// CutsNameHead); the dictionary only helps to rejoin wrapped names.

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

// ---------------------------------------------------------------------------
// Heuristics for a soft boundary (line break or space run)
// ---------------------------------------------------------------------------

bool LooksLikeNewName(std::u32string_view piece) {
  if (piece.size() <= 1) return false;  // one character is never a name
  const char32_t first = piece.front();
  if (IsOpenBracket(first) || IsCloseBracket(first)) return false;
  if (Classify(first) != CharClass::kCjk &&
      Classify(first) != CharClass::kWord) {
    return false;
  }
  // A bare tail only continues a name ("市农业农村" + "局", + "管委会").
  return !lexicon::IsNameSuffix(internal::ToUtf8(piece));
}

// What a role word says: lead, assisting, or "the column's own role"
// (负责, 责任单位: a marker to strip that changes nothing).
enum class Marker { kNone, kLead, kAssisting, kColumn };

Marker RoleWord(std::u32string_view w) {
  static constexpr std::u32string_view kLead[] = {
      U"牵头", U"牵头单位", U"牵头部门", U"牵头负责", U"负责牵头", U"主责",
      U"主责单位", U"主责部门", U"主办", U"主办单位", U"牵头抓总",
      U"牵头落实", U"牵头推进"};
  static constexpr std::u32string_view kAssisting[] = {
      U"配合", U"配合单位", U"配合部门", U"协助", U"协办", U"协办单位",
      U"参与", U"参与单位", U"协同", U"协同配合", U"配合完成", U"共同参与",
      U"按职责配合", U"按职责分工配合", U"配合落实", U"协助落实",
      U"参与落实"};
  static constexpr std::u32string_view kColumn[] = {
      U"负责", U"责任单位", U"责任部门", U"按职责负责", U"分别负责",
      U"按职责分工负责", U"按职责分工落实", U"按职责落实", U"分工负责",
      U"共同负责", U"负责落实"};
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

bool IsAdministrativeLevel(char32_t c) {
  return c == U'省' || c == U'市' || c == U'区' || c == U'县' || c == U'州' ||
         c == U'旗' || c == U'乡' || c == U'镇';
}

// Ends with a bracket holding only administrative levels: "（市）",
// "（市、区）".
bool EndsWithLevelRemark(const std::u32string& s) {
  if (s.size() < 3 || !IsCloseBracket(s.back())) return false;
  size_t i = s.size() - 1;
  bool any = false;
  while (i > 0) {
    --i;
    const char32_t c = s[i];
    if (IsOpenBracket(c)) return any;
    if (IsAdministrativeLevel(c)) {
      any = true;
    } else if (c != U'、') {
      return false;
    }
  }
  return false;
}

// Symbols plans set on a name to mark the lead unit.
bool IsLeadMark(char32_t c) {
  return std::u32string_view(U"*＊★☆※▲△").find(c) != std::u32string_view::npos;
}

// The name without lead marks at its ends ("市发改委★" -> "市发改委").
std::u32string_view WithoutMarks(std::u32string_view s) {
  while (!s.empty() && IsLeadMark(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsLeadMark(s.back())) s.remove_suffix(1);
  return s;
}

bool IsBranchWithOffice(std::u32string_view left, std::u32string_view right) {
  static constexpr std::u32string_view kBranches[] = {U"分行", U"支行",
                                                      U"分公司", U"分局"};
  static constexpr std::u32string_view kOffices[] = {U"部", U"处", U"室",
                                                     U"科", U"中心"};
  static constexpr std::u32string_view kPrefixes[] = {
      U"省", U"市", U"区", U"县", U"国家", U"中国", U"各", U"有关", U"相关"};
  auto ends = [](std::u32string_view s, std::u32string_view t) {
    return s.size() > t.size() && s.substr(s.size() - t.size()) == t;
  };
  bool branch = false;
  for (std::u32string_view b : kBranches) branch = branch || ends(left, b);
  bool office = false;
  for (std::u32string_view o : kOffices) office = office || ends(right, o);
  if (!branch || !office) return false;
  for (std::u32string_view prefix : kPrefixes) {
    if (right.substr(0, prefix.size()) == prefix) return false;
  }
  return true;
}

// "牵头单位：", "配合：": a role word and a colon.
bool IsRoleLabel(std::u32string_view s) {
  return s.size() >= 3 && (s.back() == U'：' || s.back() == U':') &&
         RoleWord(s.substr(0, s.size() - 1)) != Marker::kNone;
}

// The text after a leading role label ("牵头单位：市发改委" -> "市发改委").
std::u32string_view WithoutRoleLabel(std::u32string_view s) {
  for (size_t i = 2; i < s.size() && i <= 8; ++i) {
    if (IsRoleLabel(s.substr(0, i + 1))) return s.substr(i + 1);
  }
  return s;
}

// Decides whether a soft boundary between `left` (the name so far) and
// `right` (the next piece) is a wrap inside one name.
bool JoinAcrossSoftBoundary(const std::u32string& left,
                            const std::u32string& right,
                            const DepartmentDict& dict) {
  // A bracket always belongs to the name before it.
  if (IsOpenBracket(right.front()) || IsCloseBracket(right.front())) {
    return true;
  }
  // A role word on its own ("牵头" on a line of its own) ends its clause,
  // and a role label ("配合单位：") starts one: a boundary either way.
  if (RoleWord(left) != Marker::kNone || IsRoleLabel(right)) return false;
  // No name starts with a conjunction ("实验室" + "与设备管理处").
  if (right.front() == U'与' || right.front() == U'和' ||
      right.front() == U'及' || right.front() == U'暨') {
    return true;
  }
  // Levels listed with a bracket run on: "各区（市）" + "县政府" is
  // 各区（市）县政府, as "各县（市、区）" + "人民政府" is one name.
  if (EndsWithLevelRemark(left) && IsAdministrativeLevel(right.front())) {
    return true;
  }
  const std::string joined = internal::ToUtf8(left + right);
  if (dict.Contains(joined) || dict.IsProperPrefix(joined)) return true;
  const std::u32string_view left_core = WithoutMarks(WithoutRoleLabel(left));
  const std::u32string_view right_core = WithoutMarks(right);
  if (left_core.empty() || right_core.empty()) return true;
  const std::string left_utf8 = internal::ToUtf8(left_core);
  const std::string right_utf8 = internal::ToUtf8(right_core);
  // The break cuts a head word ("纪委办" + "公室") or leaves a bare tail
  // ("人行苏州市中心" + "支行").
  if (lexicon::CutsNameHead(left_utf8, right_utf8) ||
      lexicon::IsNameSuffix(right_utf8)) {
    return true;
  }
  // Complete: a well-formed name by shape that ends in an organisational
  // head or a bracketed remark ("有关单位", "各区政府（含…）"); not a place,
  // which may go on ("四川天府新区" + "成都管委会"), nor a word that only
  // ends like a head ("成都东部" + "新区管委会"). Or a name the list knows.
  // A branch (…分行, …支行, …分公司, …分局) goes on with its own office
  // when the next piece has no prefix of its own ("人行成都分行" +
  // "营业管理部"; not + "市财政局").
  if (IsBranchWithOffice(left_core, right_core)) return true;
  const bool complete =
      dict.Contains(left_utf8) ||
      (lexicon::LooksLikeDepartment(left_utf8) &&
       (IsCloseBracket(left_core.back()) ||
        lexicon::HasOrganisationHead(left_utf8)));
  const bool fresh = LooksLikeNewName(right_core) ||
                     dict.Contains(right_utf8) ||
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
    // A role label ("牵头单位：") keeps its colon: it sets the role of what
    // follows, where a bare "牵头" closes what came before.
    const bool label = !piece.text.empty() &&
                       (piece.text.back() == U'：' || piece.text.back() == U':');
    piece.text = TrimStray(piece.text);
    if (label && RoleWord(piece.text) != Marker::kNone) piece.text += U'：';
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

// Strips a lead mark set on the name itself ("*市发改委", "市发改委★"):
// plans that mark the lead unit with a symbol mark it so.
void TakeSymbolMarker(MarkedName* m) {
  const std::u32string core(WithoutMarks(m->name));
  if (core.size() == m->name.size()) return;
  m->name = core;
  if (!core.empty()) m->own = Marker::kLead;
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

// Strips "等" / "等单位" / "等部门" after a well-formed name ("市财政局等"):
// it says the list is not complete, it is not part of the name.
void TakeEtc(MarkedName* m) {
  static constexpr std::u32string_view kEtc[] = {
      U"等有关单位", U"等有关部门", U"等相关单位", U"等相关部门",
      U"等单位", U"等部门", U"等"};
  for (std::u32string_view etc : kEtc) {
    if (m->name.size() <= etc.size() ||
        m->name.compare(m->name.size() - etc.size(), etc.size(), etc) != 0) {
      continue;
    }
    const std::u32string rest = m->name.substr(0, m->name.size() - etc.size());
    if (lexicon::LooksLikeDepartment(internal::ToUtf8(rest))) m->name = rest;
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
  TakeEtc(&m);
  TakeSymbolMarker(&m);
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
  // The note "the unit listed first leads" speaks of a 责任单位-type list
  // and says less than a role word printed in the cell: it applies only to
  // responsible columns, and only to cells without a role word.
  if (first_listed_leads && column_role == Role::kResponsible && !marked &&
      !roled.empty()) {
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
