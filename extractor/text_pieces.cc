// Copyright 2026 The plan2json Authors.
//
// Pieces of a reading-order dump (text_flow_internal.h): lines cut where
// pdftotext joined columns, each piece's kind by the lexicon, and pieces a
// wrap cut (deadlines, sequence numbers) rejoined.

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "extractor/text_flow_internal.h"
#include "lexicon/lexicon.h"

namespace plan2json::extractor::textdump::flow {
namespace {

// Longer text is no deadline phrase ("2024年11月10日前", "按国家统一部署要求"
// are 11 and 9), and a wrap cuts a deadline early on: the lexicon is only
// asked about short text (it is the costly question).
constexpr size_t kMaxDeadline = 14;
constexpr size_t kMaxDeadlinePrefix = 10;

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00a0'; }

// Punctuation after which Chinese typesetting never leaves a space: a space
// there is a gap between columns.
bool IsClosingPunct(char32_t c) {
  return std::u32string_view(U"、，。；：！？）”』」》〕】").find(c) != std::u32string_view::npos;
}

// Classifiers and units that follow a number inside running text ("600 家",
// "10 个"): a number before them is not a sequence cell.
bool IsCounterChar(char32_t c) {
  return std::u32string_view(U"个家项万亿元次人名条所户座处批件年月日号倍余多").find(c) !=
         std::u32string_view::npos;
}

std::string Join(const std::vector<std::u32string>& tokens, size_t from, size_t to) {
  std::u32string s;
  for (size_t i = from; i < to; ++i) {
    if (i > from) s += U' ';
    s += tokens[i];
  }
  return lexicon::ToUtf8(s);
}

// Strips brackets at either end: "委）" -> "委", "（市新经济委）" -> "市新经济委".
std::string StripBrackets(const std::string& s) {
  std::u32string u = lexicon::ToU32(s);
  auto bracket = [](char32_t c) { return c == U'（' || c == U'）' || c == U'(' || c == U')'; };
  while (!u.empty() && bracket(u.front())) u.erase(u.begin());
  while (!u.empty() && bracket(u.back())) u.pop_back();
  return lexicon::ToUtf8(u);
}

// Code points outside brackets.
size_t OutsideBrackets(const std::string& s) {
  size_t n = 0;
  int depth = 0;
  for (char32_t c : lexicon::ToU32(s)) {
    if (c == U'（' || c == U'(') ++depth;
    else if (c == U'）' || c == U')') depth = std::max(0, depth - 1);
    else if (depth == 0) ++n;
  }
  return n;
}

// A trailing role word of an inline role clause ("市委宣传部牵头").
std::string WithoutRole(const std::string& part) {
  for (const char* role : {"牵头", "配合", "协助", "参与", "负责"}) {
    const std::string r = role;
    if (part.size() > r.size() && part.compare(part.size() - r.size(), r.size(), r) == 0) {
      return part.substr(0, part.size() - r.size());
    }
  }
  return part;
}

bool IsNameLike(const std::string& part) {
  if (lexicon::LooksLikeDepartment(part)) return true;
  std::string bare = StripBrackets(part);
  if (!bare.empty() && (lexicon::IsNameSuffix(bare) || lexicon::LooksLikeDepartment(bare))) {
    return true;
  }
  size_t open = part.find("（");
  if (open == std::string::npos || open == 0) return false;
  std::string head = part.substr(0, open);  // "局（市新经济委）": a wrapped name's tail
  return lexicon::LooksLikeDepartment(head) || lexicon::IsNameSuffix(head);
}

// Department names or a wrapped piece of a list of them, possibly with
// inline role clauses ("市委宣传部牵头，市文广" / "旅局、市体育局配合").
bool IsDeptText(const std::string& norm) {
  if (norm.empty()) return false;
  for (char32_t c : lexicon::ToU32(norm)) {
    if (std::u32string_view(U"。；：！？").find(c) != std::u32string_view::npos) return false;
  }
  std::u32string u = lexicon::ToU32(norm);
  std::vector<std::string> parts;
  std::u32string cur;
  for (char32_t c : u) {
    if (c == U'、' || c == U'，') {
      if (!cur.empty()) parts.push_back(WithoutRole(lexicon::ToUtf8(cur)));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(WithoutRole(lexicon::ToUtf8(cur)));
  bool comma = norm.find("，") != std::string::npos;
  if (comma && norm.find("牵头") == std::string::npos && norm.find("配合") == std::string::npos &&
      norm.find("协助") == std::string::npos && norm.find("参与") == std::string::npos &&
      lexicon::CodePoints(norm) > 0 && norm.rfind("头，", 0) != 0) {
    return false;  // a clause of running text
  }
  for (const std::string& part : parts) {
    if (OutsideBrackets(part) > 14) return false;
  }
  for (const std::string& part : parts) {
    if (IsNameLike(part)) return true;
  }
  // A wrapped piece of a list ("、市住建局、各") or a bracket tail ("（含…").
  bool fragments = u.front() == U'、' || u.back() == U'、' || u.front() == U'（' ||
                   u.front() == U'(';
  for (const std::string& part : parts) fragments &= OutsideBrackets(part) <= 8;
  return fragments;
}

}  // namespace

namespace {
Kind ComputeKind(const std::string& norm, bool line_start);
}  // namespace

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kText: return "text";
    case Kind::kSeq: return "seq";
    case Kind::kDeadline: return "deadline";
    case Kind::kBlank: return "blank";
    case Kind::kDept: return "dept";
    case Kind::kSection: return "section";
    case Kind::kNote: return "note";
  }
  return "text";
}

std::vector<std::string> SplitLine(std::string_view line) {
  std::u32string u = lexicon::ToU32(line);
  std::vector<std::u32string> tokens;
  std::u32string cur;
  for (char32_t c : u) {
    if (IsSpace(c)) {
      if (!cur.empty()) tokens.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) tokens.push_back(cur);
  if (tokens.empty()) return {};
  // Letter-spaced by justification ("修 订 《党 委 常 委 会"): a run of four or
  // more tokens of one or two CJK characters is one piece.
  std::vector<bool> spaced(tokens.size(), false);
  for (size_t a = 0; a < tokens.size();) {
    size_t b = a;
    auto short_cjk = [&](const std::u32string& t) {
      if (t.size() > 2) return false;
      for (char32_t c : t) {
        if (!lexicon::IsCjk(c)) return false;
      }
      return true;
    };
    while (b < tokens.size() && short_cjk(tokens[b])) ++b;
    if (b - a >= 4) {
      for (size_t k = a; k < b; ++k) spaced[k] = true;
    }
    a = b > a ? b : a + 1;
  }
  // A trailing deadline of up to three tokens after CJK text.
  size_t tail = tokens.size();
  for (size_t k = 1; k <= 3 && k < tokens.size(); ++k) {
    size_t from = tokens.size() - k;
    if (!lexicon::IsCjk(tokens[from - 1].back())) continue;
    size_t len = 0;
    for (size_t k2 = from; k2 < tokens.size(); ++k2) len += tokens[k2].size();
    if (len > kMaxDeadline) break;  // deadlines are short
    if (lexicon::IsDeadline(lexicon::Compact(Join(tokens, from, tokens.size())))) tail = from;
  }
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    char32_t left = tokens[i].back(), right = tokens[i + 1].front();
    if (spaced[i] && spaced[i + 1]) continue;
    bool cut = (lexicon::IsCjk(left) && lexicon::IsCjk(right)) || IsClosingPunct(left) ||
               i + 1 == tail || lexicon::IsPlaceholder(lexicon::ToUtf8(tokens[i])) ||
               lexicon::IsPlaceholder(lexicon::ToUtf8(tokens[i + 1]));
    if (i == 0 && !cut && lexicon::ParseSeq(lexicon::ToUtf8(tokens[0])) &&
        !IsCounterChar(right) && tokens[0].size() <= 4) {
      cut = true;
    }
    if (cut) {
      out.push_back(Join(tokens, start, i + 1));
      start = i + 1;
    }
  }
  out.push_back(Join(tokens, start, tokens.size()));
  return out;
}

Kind KindOf(const std::string& norm, bool line_start) {
  // Names and deadlines repeat through a dump: remember the answers (per
  // thread, bounded).
  thread_local std::unordered_map<std::string, Kind> memo[2];
  auto& m = memo[line_start ? 1 : 0];
  auto it = m.find(norm);
  if (it != m.end()) return it->second;
  if (m.size() > 4096) m.clear();
  Kind kind = ComputeKind(norm, line_start);
  m.emplace(norm, kind);
  return kind;
}

namespace {

Kind ComputeKind(const std::string& norm, bool line_start) {
  if (norm.empty()) return Kind::kBlank;
  if (lexicon::IsNoteLine(norm) || lexicon::IsColophon(norm)) return Kind::kNote;
  if (lexicon::ParseSeq(norm)) return Kind::kSeq;
  if (lexicon::IsPlaceholder(norm)) return Kind::kBlank;
  const size_t cp = lexicon::CodePoints(norm);
  if (cp <= kMaxDeadline && (lexicon::IsDeadline(norm) ||
                            (cp <= kMaxDeadlinePrefix && lexicon::IsDeadlinePrefix(norm)))) {
    return Kind::kDeadline;
  }
  if (line_start && cp <= 40 && lexicon::SectionLevel(norm) > 0 && !lexicon::EndsSentence(norm)) {
    return Kind::kSection;
  }
  if (IsDeptText(norm)) return Kind::kDept;
  return Kind::kText;
}

}  // namespace

bool IsNoteColumnWord(const std::string& norm) {
  return norm == "备注" || norm == "说明" || norm == "备注说明";
}

namespace {

// "2021年" alone: a year, which a wrapped "6月30日前" makes finer.
bool BareYear(const std::string& norm) {
  std::u32string u = lexicon::ToU32(norm);
  if (u.size() < 2 || u.back() != U'年') return false;
  for (size_t i = 0; i + 1 < u.size(); ++i) {
    if (!(u[i] >= U'0' && u[i] <= U'9')) return false;
  }
  return true;
}

// A date cut between its parts: `before` ends in 年 or 月 and `after` opens
// with the number of the next part (月 or 日).
bool DateGoesOn(const std::string& before, const std::string& after) {
  std::u32string b = lexicon::ToU32(before), a = lexicon::ToU32(after);
  if (b.empty() || a.empty() || (b.back() != U'年' && b.back() != U'月')) return false;
  size_t k = 0;
  while (k < a.size() && a[k] >= U'0' && a[k] <= U'9') ++k;
  if (k == 0 || k == a.size()) return false;
  return a[k] == (b.back() == U'年' ? U'月' : U'日');
}

// An end a wrap cut from a complete deadline and left alone past pieces of
// other columns ("2024年11月底" … "备注" … "前"): a short piece that is no
// deadline alone joins the nearest deadline before it (at most five pieces
// back) that it still makes a deadline.
void JoinDeadlineEnds(std::vector<Piece>* ps) {
  std::vector<bool> gone(ps->size(), false);
  for (size_t j = 1; j < ps->size(); ++j) {
    const Piece& q = (*ps)[j];
    if (q.kind != Kind::kText || lexicon::CodePoints(q.norm) > 2 || lexicon::IsDeadline(q.norm)) {
      continue;
    }
    for (size_t i = j, n = 0; i-- > 0 && n < 5; ++n) {
      Piece& p = (*ps)[i];
      if (gone[i] || p.kind != Kind::kDeadline) continue;
      const std::string joined = p.norm + q.norm;
      if (lexicon::CodePoints(joined) > kMaxDeadline || !lexicon::IsDeadline(joined)) break;
      p.text += q.text;
      p.norm = joined;
      gone[j] = true;
      break;
    }
  }
  std::vector<Piece> out;
  for (size_t i = 0; i < ps->size(); ++i) {
    if (!gone[i]) out.push_back(std::move((*ps)[i]));
  }
  *ps = std::move(out);
}

// Joins a deadline a wrap cut ("第二季" + "度", "2024年7" + "月10日" + "前",
// "按国家部" ... "署") when the joined text is a deadline; up to four pieces of
// other columns may lie between the parts (lines interleaved by baseline).
// A complete deadline takes more only when what follows is a short end that
// is no deadline alone ("前"), or, on the very next line, the date's next
// part ("2021年6月" + "30日前": a day cut from its month).
void JoinDeadlines(std::vector<Piece>* ps) {
  std::vector<bool> gone(ps->size(), false);
  for (size_t i = 0; i < ps->size(); ++i) {
    Piece& p = (*ps)[i];
    if (gone[i] || p.kind != Kind::kDeadline) continue;
    int last_line = p.line;  // the line of the last part joined
    for (size_t j = i + 1, skipped = 0; j < ps->size() && skipped <= 4; ++j) {
      const Piece& q = (*ps)[j];
      if (gone[j]) continue;
      bool complete = lexicon::IsDeadline(p.norm);
      std::string joined = p.norm + q.norm;
      bool fits = q.kind != Kind::kSeq && q.kind != Kind::kSection &&
                  q.kind != Kind::kNote && q.kind != Kind::kBlank &&
                  lexicon::CodePoints(q.norm) <= 6 &&
                  lexicon::CodePoints(joined) <= kMaxDeadline &&
                  (lexicon::IsDeadline(joined) ||
                   (lexicon::CodePoints(joined) <= kMaxDeadlinePrefix &&
                    lexicon::IsDeadlinePrefix(joined))) &&
                  (!complete || BareYear(p.norm) ||
                   (lexicon::CodePoints(q.norm) <= 2 && !lexicon::IsDeadline(q.norm)) ||
                   (skipped == 0 && q.line == last_line + 1 && DateGoesOn(p.norm, q.norm)));
      if (!fits) {
        if (complete && !BareYear(p.norm)) break;  // a bare year waits for its month
        ++skipped;
        continue;
      }
      p.text += q.text;
      p.norm = joined;
      last_line = q.line;
      gone[j] = true;
      skipped = 0;
    }
  }
  std::vector<Piece> out;
  for (size_t i = 0; i < ps->size(); ++i) {
    if (!gone[i]) out.push_back(std::move((*ps)[i]));
  }
  *ps = std::move(out);
  JoinDeadlineEnds(ps);
}

// "（" + "1）" -> "（1）". The closing part may come after up to four
// pieces of other columns (a narrow number column wrapped, its lines
// interleaved by baseline with the other columns').
void JoinSeqs(std::vector<Piece>* ps) {
  std::vector<bool> gone(ps->size(), false);
  for (size_t i = 0; i < ps->size(); ++i) {
    Piece& p = (*ps)[i];
    if (gone[i] || (p.norm != "（" && p.norm != "(")) continue;
    for (size_t j = i + 1; j < ps->size() && j <= i + 4; ++j) {
      const Piece& q = (*ps)[j];
      if (gone[j] || (j > i + 1 && q.line <= p.line)) continue;
      if (!lexicon::ParseSeq(p.norm + q.norm)) continue;
      p.text += q.text;
      p.norm += q.norm;
      p.kind = Kind::kSeq;
      if (j == i + 1) p.line_end = q.line_end;
      gone[j] = true;
      break;
    }
  }
  std::vector<Piece> out;
  for (size_t i = 0; i < ps->size(); ++i) {
    if (!gone[i]) out.push_back(std::move((*ps)[i]));
  }
  *ps = std::move(out);
}

struct SeqState {
  int last = 0;
  bool restart = true;      // a heading since the last number
  bool new_page = false;    // a page break since the last number
  std::set<int> seen;       // numbers since the last restart
};

// Sequence numbers count up: a number is one where it follows the last,
// skips one, restarts at 1 after a heading, repeats the last across a page
// break (a task continued), or is one less and not seen yet (centred in a
// tall cell and read late). Any other number is text ("5000" of "5000 公
// 里", the points "2." "3." inside a measure); cut from the front of its
// line, it goes back to the text it led.
void CheckSeqs(std::vector<Piece>* ps, SeqState* st) {
  st->new_page = true;
  std::vector<bool> gone(ps->size(), false);
  for (size_t i = 0; i < ps->size(); ++i) {
    Piece& p = (*ps)[i];
    if (p.kind == Kind::kSection) st->restart = true;
    if (p.kind != Kind::kSeq) continue;
    const int v = lexicon::ParseSeq(p.norm).value_or(-1);
    bool ok = true;
    if (v == 1 && st->restart) {
      st->seen.clear();
      st->last = v;
    } else if ((v == st->last && st->new_page) || v == st->last + 1 || v == st->last + 2) {
      st->last = v;
    } else if (!(v == st->last - 1 && st->seen.count(v) == 0)) {
      ok = false;
    }
    if (ok) {
      st->restart = st->new_page = false;
      st->seen.insert(v);
      continue;
    }
    p.kind = Kind::kText;
    if (!p.line_end && i + 1 < ps->size() && (*ps)[i + 1].line == p.line &&
        (*ps)[i + 1].kind == Kind::kText) {
      Piece& next = (*ps)[i + 1];
      next.text = p.text + " " + next.text;
      next.norm = p.norm + next.norm;
      next.line_start = p.line_start;
      gone[i] = true;
    }
  }
  std::vector<Piece> out;
  for (size_t i = 0; i < ps->size(); ++i) {
    if (!gone[i]) out.push_back(std::move((*ps)[i]));
  }
  *ps = std::move(out);
}

// The names before piece i, past at most one deadline or placeholder of
// another column (lines interleaved by baseline), or nullptr.
const Piece* PrevName(const std::vector<Piece>& ps, size_t i) {
  for (size_t j = i, n = 0; j-- > 0 && n < 2; ++n) {
    const Piece& q = ps[j];
    if (q.kind == Kind::kDept) return &q;
    if (q.kind != Kind::kDeadline && q.kind != Kind::kBlank) return nullptr;
  }
  return nullptr;
}

}  // namespace

// A list of names (、) whose first part ends the name the names before it
// left cut ("…、成都高新区管" + "委会、成都市双流区人民"): its first part
// makes that name whole, which alone it is not, so the piece continues the
// list even though no part of it is a whole name.
bool ContinuesNameList(const std::string& norm, const Piece* prev) {
  if (prev == nullptr || norm.find("、") == std::string::npos) return false;
  for (char32_t c : lexicon::ToU32(norm)) {
    if (std::u32string_view(U"，。；：！？").find(c) != std::u32string_view::npos) return false;
  }
  size_t start = 0;
  std::string head;
  while (start <= norm.size()) {
    size_t cut = norm.find("、", start);
    std::string part = norm.substr(start, cut == std::string::npos ? std::string::npos : cut - start);
    if (lexicon::CodePoints(part) > 14) return false;
    if (start == 0) head = part;
    if (cut == std::string::npos) break;
    start = cut + 3;
  }
  size_t sep = prev->norm.rfind("、");
  const std::string tail = sep == std::string::npos ? prev->norm : prev->norm.substr(sep + 3);
  return !head.empty() && !tail.empty() && !lexicon::LooksLikeDepartment(tail) &&
         !lexicon::LooksLikeDepartment(head) && lexicon::LooksLikeDepartment(tail + head) &&
         lexicon::HasOrganisationHead(tail + head);
}

namespace {

// Lines interleaved by baseline: a name cut inside its organisational head
// word ends on a later line, after the pieces of the other columns of its
// line ("科学技术研" | "发展规划处、" | "长期坚持" | "究院"). The index of the
// first piece within reach (no heading or number between) whose first
// name ends that head word (lexicon::CutsNameHead), or 0. A head word cut
// in two is a wrap, never two names; a name that merely gains a suffix
// ("科学技术研" + "处") is no evidence.
// How far (in pieces) a cut head word's end may be read after its start:
// the other columns of the lines between (up to six columns, two lines).
constexpr size_t kNameEndReach = 12;
size_t NameEndBelow(const std::vector<Piece>& ps, const std::vector<bool>& gone, size_t i) {
  for (size_t j = i + 1; j < ps.size() && j <= i + kNameEndReach; ++j) {
    const Piece& q = ps[j];
    if (q.kind == Kind::kSection || q.kind == Kind::kSeq || q.kind == Kind::kNote) return 0;
    if (gone[j] || q.line <= ps[i].line || (q.kind != Kind::kDept && q.kind != Kind::kText)) continue;
    size_t cut = q.norm.find("、");
    const std::string head = cut == std::string::npos ? q.norm : q.norm.substr(0, cut);
    if (lexicon::CodePoints(head) <= 6 && lexicon::CutsNameHead(ps[i].norm, head)) return j;
  }
  return 0;
}

// Short text that may be a piece of a wrapped name: at most ten
// characters, a Han character among them ("11", a number out of sequence or
// a page number, is none), no punctuation.
bool CouldBeNamePiece(const std::string& norm) {
  if (lexicon::CodePoints(norm) > 10) return false;
  bool han = false;
  for (char32_t c : lexicon::ToU32(norm)) {
    if (std::u32string_view(U"，。；：！？、").find(c) != std::u32string_view::npos) return false;
    han |= lexicon::IsCjk(c) && c > 0x2FFF;
  }
  return han;
}

// Moves the first name of `end` (with its 、) to the end of `start`, which
// becomes a name piece; true when nothing of `end` is left.
bool TakeNameEnd(Piece* start, Piece* end) {
  start->kind = Kind::kDept;
  const size_t cut = end->text.find("、");
  const size_t ncut = end->norm.find("、");
  if (cut == std::string::npos || ncut == std::string::npos) {
    start->text += end->text;
    start->norm += end->norm;
    return true;
  }
  start->text += end->text.substr(0, cut + 3);
  start->norm += end->norm.substr(0, ncut + 3);
  end->text = end->text.substr(cut + 3);
  end->norm = end->norm.substr(ncut + 3);
  if (end->norm.empty()) return true;
  end->kind = KindOf(end->norm, false);
  return false;
}

// A wrapped name's first part has no name ending yet ("市园林绿化" + "局",
// "各区政府（含" + "北京经济技术" + "开发区管委"): short text without
// punctuation between names is a name piece when the name before it is
// still open (an unclosed bracket) or the piece after it is only a name's
// ending.
void JoinNamePieces(std::vector<Piece>* ps) {
  auto open_bracket = [](const std::string& norm) {
    int depth = 0;
    for (char32_t c : lexicon::ToU32(norm)) {
      depth += (c == U'（' || c == U'(') - (c == U'）' || c == U')');
    }
    return depth > 0;
  };
  std::vector<bool> gone(ps->size(), false);
  for (size_t i = 0; i < ps->size(); ++i) {
    Piece& p = (*ps)[i];
    if (gone[i] || p.kind != Kind::kText) continue;
    if (ContinuesNameList(p.norm, PrevName(*ps, i))) {
      p.kind = Kind::kDept;
      continue;
    }
    if (!CouldBeNamePiece(p.norm)) continue;
    if (const size_t j = NameEndBelow(*ps, gone, i); j > 0) {
      gone[j] = TakeNameEnd(&p, &(*ps)[j]);
      continue;
    }
    // The names around it, past at most one deadline or placeholder of
    // another column (lines interleaved by baseline).
    auto neighbour = [&](int step) -> const Piece* {
      for (int j = static_cast<int>(i) + step, n = 0; j >= 0 && j < static_cast<int>(ps->size()) && n < 2;
           j += step, ++n) {
        if (gone[static_cast<size_t>(j)]) continue;
        const Piece& q = (*ps)[static_cast<size_t>(j)];
        if (q.kind == Kind::kDept) return &q;
        if (q.kind != Kind::kDeadline && q.kind != Kind::kBlank) return nullptr;
      }
      return nullptr;
    };
    const Piece* prev = neighbour(-1);
    const Piece* next = neighbour(+1);
    bool after_open = prev != nullptr && open_bracket(prev->norm);
    if (prev != nullptr && lexicon::CodePoints(p.norm) <= 2) {
      // "各部" + "门": a short end completing the name before it.
      size_t sep = prev->norm.rfind("、");
      const std::string tail = sep == std::string::npos ? prev->norm : prev->norm.substr(sep + 3);
      after_open |= !lexicon::LooksLikeDepartment(tail) && lexicon::LooksLikeDepartment(tail + p.norm);
    }
    bool before_tail = false;
    if (next != nullptr) {
      size_t cut = next->norm.find("、");
      const std::string head = cut == std::string::npos ? next->norm : next->norm.substr(0, cut);
      // "局" alone, or a short end that makes one name ("党委学生工" + "作部").
      before_tail = lexicon::IsNameSuffix(head) ||
                    (lexicon::CodePoints(head) <= 2 && lexicon::LooksLikeDepartment(p.norm + head));
    }
    if (after_open || before_tail) p.kind = Kind::kDept;
  }
  std::vector<Piece> out;
  for (size_t i = 0; i < ps->size(); ++i) {
    if (!gone[i]) out.push_back(std::move((*ps)[i]));
  }
  *ps = std::move(out);
}

// Text that opens with a bare head character followed by a whole name
// ("局广东局") cannot start a name or a sentence: the character ends the
// nearest name before it (within reach, no heading or number between) that
// has no organisational head yet and that it makes one: "国家矿山安全监察" +
// "局广东局" is 国家矿山安全监察局广东局.
void JoinOrphanNameEnds(std::vector<Piece>* ps) {
  std::vector<bool> gone(ps->size(), false);
  for (size_t j = 1; j < ps->size(); ++j) {
    Piece& q = (*ps)[j];
    if (q.kind != Kind::kText) continue;  // a name piece already continues one
    const std::u32string u = lexicon::ToU32(q.norm);
    if (u.empty() || !lexicon::IsNameSuffix(lexicon::ToUtf8(u.substr(0, 1)))) continue;
    const size_t cut = q.norm.find("、");
    const std::string head = cut == std::string::npos ? q.norm : q.norm.substr(0, cut);
    // The head character and a whole name after it (a unit of the cut
    // name's body: 局 + 广东局); anything else is left to the other rules.
    const std::string rest = lexicon::ToUtf8(lexicon::ToU32(head).substr(1));
    if (lexicon::LooksLikeDepartment(head) || !lexicon::LooksLikeDepartment(rest) ||
        !lexicon::HasOrganisationHead(rest) || ClassifyHeader(q.norm) != ColumnKey::kExtra) {
      continue;
    }
    for (size_t i = j, n = 0; i-- > 0 && n < kNameEndReach; ++n) {
      Piece& p = (*ps)[i];
      if (p.kind == Kind::kSection || p.kind == Kind::kSeq || p.kind == Kind::kNote) break;
      if (gone[i] || (p.kind != Kind::kText && p.kind != Kind::kDept)) continue;
      const size_t sep = p.norm.rfind("、");
      const std::string tail = sep == std::string::npos ? p.norm : p.norm.substr(sep + 3);
      if (lexicon::CodePoints(tail) > 14 || lexicon::HasOrganisationHead(tail) ||
          lexicon::EndsSentence(p.norm)) {
        continue;
      }
      if (lexicon::LooksLikeDepartment(tail + head) &&
          lexicon::HasOrganisationHead(tail + head)) {
        gone[j] = TakeNameEnd(&p, &q);
        break;
      }
    }
  }
  std::vector<Piece> out;
  for (size_t i = 0; i < ps->size(); ++i) {
    if (!gone[i]) out.push_back(std::move((*ps)[i]));
  }
  *ps = std::move(out);
}

}  // namespace

std::vector<std::vector<Piece>> PagePieces(const DumpPages& dump) {
  std::vector<std::vector<Piece>> pages(static_cast<size_t>(std::max(dump.pages, 1)));
  int block = 0;
  for (const DumpLine& l : dump.lines) {
    if (l.furniture || l.blank()) {
      ++block;
      continue;
    }
    if (l.page < 1) continue;
    if (static_cast<size_t>(l.page) > pages.size()) pages.resize(static_cast<size_t>(l.page));
    std::vector<std::string> parts = SplitLine(l.text);
    for (size_t k = 0; k < parts.size(); ++k) {
      Piece p;
      p.text = parts[k];
      p.norm = lexicon::NormCompact(parts[k]);
      p.line = l.number;
      p.block = block;
      p.line_start = k == 0;
      p.line_end = k + 1 == parts.size();
      p.kind = KindOf(p.norm, p.line_start);
      if (p.kind == Kind::kBlank && !lexicon::IsPlaceholder(p.norm)) continue;
      pages[static_cast<size_t>(l.page) - 1].push_back(std::move(p));
    }
  }
  SeqState seqs;
  for (std::vector<Piece>& ps : pages) {
    JoinSeqs(&ps);
    CheckSeqs(&ps, &seqs);
    JoinDeadlines(&ps);
    JoinNamePieces(&ps);
    JoinOrphanNameEnds(&ps);
  }
  return pages;
}

}  // namespace plan2json::extractor::textdump::flow
