// Copyright 2026 The plan2json Authors.
//
// Pages, furniture, header and line classifiers shared by the reading-order
// and the layout reader (text_dump.h).

#include "extractor/text_dump.h"

#include "lexicon/lexicon.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace plan2json::extractor::textdump {

// ---------------------------------------------------------------------------
// UTF-8
// ---------------------------------------------------------------------------

std::u32string ToU32(std::string_view s) { return lexicon::ToU32(s); }

std::string ToUtf8(std::u32string_view text) { return lexicon::ToUtf8(text); }

size_t CodePoints(std::string_view s) { return lexicon::CodePoints(s); }

namespace {

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  // U+3000 IDEOGRAPHIC SPACE (E3 80 80), U+00A0 NBSP (C2 A0).
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    *len = 3;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;
    return true;
  }
  return false;
}

}  // namespace

std::string Compact(std::string_view s) { return lexicon::Compact(s); }

std::string Trim(std::string_view s) { return lexicon::Trim(s); }

std::vector<std::string> Tokens(std::string_view s, int min_run) {
  std::vector<std::string> out;
  std::string cur;
  int run = 0;  // white-space characters since the last text
  size_t i = 0, len = 0;
  while (i < s.size()) {
    if (IsSpaceAt(s, i, &len)) {
      if (!cur.empty()) ++run;
      i += len;
      continue;
    }
    if (run > 0) {
      if (run >= min_run) {
        out.push_back(cur);
        cur.clear();
      } else {
        cur.append(static_cast<size_t>(run), ' ');
      }
      run = 0;
    }
    cur += s[i++];
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool DumpLine::blank() const {
  size_t i = 0, len = 0;
  while (i < text.size()) {
    if (!IsSpaceAt(text, i, &len)) return false;
    i += len;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Pages and furniture
// ---------------------------------------------------------------------------

namespace {

const char kDashClass[] = "(?:-|‐|‑|‒|–|—|―|─|－|━)";

bool IsDashOnly(const std::string& t) {
  static const RE2 re(std::string("^") + kDashClass + "{1,2}$");
  return RE2::FullMatch(t, re);
}

bool IsNumberOnly(const std::string& t) {
  static const RE2 re("^[0-9０-９]{1,4}$");
  return RE2::FullMatch(t, re);
}

}  // namespace

bool IsFurnitureLine(std::string_view line) {
  return lexicon::IsPageFurniture(line);
}

namespace {

// The dump's lines with their form-feed page (a form feed starts a new page;
// text after it is on that page). One pass: each line is looked at once,
// whatever the number of form feeds in it (a million of them must stay
// linear). Sets *any_ff when the dump has form feeds.
std::vector<DumpLine> LinesByFormFeed(std::string_view all, bool* any_ff) {
  std::vector<DumpLine> lines;
  int page = 1;
  int number = 0;
  size_t start = 0;
  auto add = [&](std::string text, int line_number) {
    DumpLine l;
    l.text = std::move(text);
    l.page = page;
    l.number = line_number;
    lines.push_back(std::move(l));
  };
  while (start <= all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    std::string_view raw = all.substr(start, end - start);
    size_t ff;
    while ((ff = raw.find('\f')) != std::string_view::npos) {
      std::string before(raw.substr(0, ff));
      if (!Trim(before).empty()) add(std::move(before), number);
      raw.remove_prefix(ff + 1);
      ++page;
      *any_ff = true;
    }
    while (!raw.empty() && (raw.back() == '\r' || raw.back() == ' ' || raw.back() == '\t')) {
      raw.remove_suffix(1);
    }
    add(std::string(raw), number++);
    if (end == all.size()) break;
    start = end + 1;
  }
  return lines;
}

// Furniture: single lines, and pdftotext's split form "—" / "05" / "—".
// Marks `furniture` and returns each piece's first and last line.
std::vector<std::pair<size_t, size_t>> FindFurniture(const std::vector<DumpLine>& lines,
                                                     std::vector<bool>* furniture) {
  std::vector<std::pair<size_t, size_t>> groups;
  auto next_nonblank = [&](size_t i, size_t limit) -> size_t {
    for (size_t j = i + 1; j < lines.size() && j <= i + limit; ++j) {
      if (!lines[j].blank()) return j;
    }
    return lines.size();
  };
  furniture->assign(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank() || (*furniture)[i]) continue;
    if (IsFurnitureLine(lines[i].text)) {
      (*furniture)[i] = true;
      groups.push_back({i, i});
      continue;
    }
    if (!IsDashOnly(Compact(lines[i].text))) continue;
    size_t j = next_nonblank(i, 3);
    if (j >= lines.size() || !IsNumberOnly(Compact(lines[j].text))) continue;
    size_t k = next_nonblank(j, 3);
    if (k >= lines.size() || !IsDashOnly(Compact(lines[k].text))) continue;
    if (lines[i].page != lines[k].page) continue;
    (*furniture)[i] = (*furniture)[j] = (*furniture)[k] = true;
    groups.push_back({i, k});
    i = k;
  }
  return groups;
}

// The last page holding text that is not furniture, or 0.
int LastContentPage(const std::vector<DumpLine>& lines, const std::vector<bool>& furniture) {
  int last = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].blank() && !furniture[i]) last = std::max(last, lines[i].page);
  }
  return last;
}

// Without form feeds, furniture marks page ends (footer style) unless the
// first furniture comes before any text: then it starts pages. Renumbers
// the lines' pages; returns the number of pages.
int PagesFromFurniture(const std::vector<std::pair<size_t, size_t>>& groups,
                       const std::vector<bool>& furniture, std::vector<DumpLine>* lines) {
  size_t first_text = lines->size();
  for (size_t i = 0; i < lines->size(); ++i) {
    if (!(*lines)[i].blank() && !furniture[i]) {
      first_text = i;
      break;
    }
  }
  const bool header_style = groups.front().first < first_text;
  int p = 1;
  size_t g = header_style ? 1 : 0;
  for (size_t i = 0; i < lines->size(); ++i) {
    if (header_style && g < groups.size() && i == groups[g].first) {
      ++p;
      ++g;
    }
    (*lines)[i].page = p;
    if (!header_style && g < groups.size() && i == groups[g].second) {
      ++p;
      ++g;
    }
  }
  return std::max(LastContentPage(*lines, furniture), static_cast<int>(groups.size()));
}

}  // namespace

DumpPages SplitPages(const std::string& utf8) {
  DumpPages out;
  std::vector<DumpLine> lines = LinesByFormFeed(utf8, &out.form_feeds);
  std::vector<bool> furniture;
  const auto groups = FindFurniture(lines, &furniture);
  // Pages that hold nothing at the end (pdftotext ends with a form feed)
  // do not count; with form feeds, furniture counts as content.
  const std::vector<bool> none(lines.size(), false);
  if (!out.form_feeds && !groups.empty()) {
    out.pages = PagesFromFurniture(groups, furniture, &lines);
  } else if (out.form_feeds) {
    // A final form feed ends the last page; text after it starts another.
    int last_page = lines.empty() ? 0 : lines.back().page;
    bool text_on_last = false;
    for (const DumpLine& l : lines) {
      if (l.page == last_page && !l.blank()) text_on_last = true;
    }
    out.pages = std::max(text_on_last ? last_page : last_page - 1,
                         LastContentPage(lines, none));
  } else {
    out.pages = LastContentPage(lines, none) > 0 ? 1 : 0;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    if (furniture[i]) {
      // Keep a blank in its place: furniture separates blocks.
      DumpLine l = lines[i];
      l.text.clear();
      l.furniture = true;
      out.lines.push_back(std::move(l));
    } else {
      out.lines.push_back(std::move(lines[i]));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Classifiers
// ---------------------------------------------------------------------------

namespace {

// NormalizeChars + Compact (lexicon::NormCompact, memoized per thread).
std::string Norm(std::string_view s) { return NormCompact(s); }

}  // namespace

std::string NormCompact(std::string_view s) { return lexicon::NormCompact(s); }

bool IsSectionHeading(std::string_view line) {
  return lexicon::SectionLevel(line) > 0;
}

int ParseSeqNumber(std::string_view token) {
  return lexicon::ParseSeq(token).value_or(-1);
}

bool IsDeadline(std::string_view text) { return lexicon::IsDeadline(text); }

bool IsDeadlinePrefix(std::string_view text) {
  return lexicon::IsDeadlinePrefix(text);
}

bool IsEmptyMark(std::string_view text) {
  return !lexicon::Compact(text).empty() && lexicon::IsPlaceholder(text);
}

bool EndsSentence(std::string_view text) { return lexicon::EndsSentence(text); }

bool HasSentencePunctuation(std::string_view text) {
  for (char32_t c : ToU32(text)) {
    if (std::u32string_view(U"，。；：“”！？,;:!?").find(c) != std::u32string_view::npos) {
      return true;
    }
  }
  return false;
}

namespace {

bool IsOpen(char32_t c) {
  return c == U'（' || c == U'(' || c == U'〔' || c == U'【' || c == U'[' || c == U'［';
}
bool IsClose(char32_t c) {
  return c == U'）' || c == U')' || c == U'〕' || c == U'】' || c == U']' || c == U'］';
}

constexpr std::u32string_view kSuffixes[] = {
    U"局", U"委", U"会", U"府", U"办", U"院", U"队", U"所", U"厅", U"部",
    U"处", U"室", U"站", U"馆", U"联", U"协", U"署", U"组", U"中心", U"公司",
    U"集团", U"海关", U"银行", U"街道", U"法院", U"单位", U"机构", U"乡镇"};

bool EndsWithU(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsCjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF);
}

}  // namespace

namespace {
NameShape ComputeShape(std::string_view token,
                       const normalizer::DepartmentDict& dict);
}  // namespace

bool IsNameSuffix(std::string_view text) { return lexicon::IsNameSuffix(text); }

NameShape ShapeOfName(std::string_view token,
                      const normalizer::DepartmentDict& dict) {
  thread_local std::unordered_map<std::string, NameShape> cache;
  thread_local const normalizer::DepartmentDict* cache_dict = nullptr;
  if (cache_dict != &dict || cache.size() > 8192) {
    cache.clear();
    cache_dict = &dict;
  }
  std::string key(token);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  NameShape shape = ComputeShape(token, dict);
  cache.emplace(std::move(key), shape);
  return shape;
}

namespace {
NameShape ComputeShape(std::string_view token,
                       const normalizer::DepartmentDict& dict) {
  std::string n = Norm(token);
  if (n.empty() || IsEmptyMark(n)) return NameShape::kNotAName;
  // A list "甲、乙" is judged by its last name.
  std::u32string u = ToU32(n);
  if (u.size() > 40) return NameShape::kNotAName;
  static const RE2 kRunning("[，。；：“”！？,;:!?]");
  if (RE2::PartialMatch(n, kRunning)) return NameShape::kNotAName;
  int depth = 0, min_depth = 0;
  for (char32_t c : u) {
    if (IsOpen(c)) ++depth;
    if (IsClose(c)) --depth;
    min_depth = std::min(min_depth, depth);
  }
  for (char32_t c : u) {
    if (!IsCjk(c) && !IsOpen(c) && !IsClose(c) && c != U'、' && c != U'·' &&
        !(c >= U'0' && c <= U'9') && !(c >= U'A' && c <= U'Z') &&
        !(c >= U'a' && c <= U'z')) {
      return NameShape::kNotAName;
    }
  }
  if (IsOpen(u.front())) return NameShape::kBracketTail;
  if (min_depth < 0) return NameShape::kBracketTail;  // closes an earlier "("
  if (dict.Contains(n)) return NameShape::kComplete;
  if (depth > 0) return NameShape::kFragment;
  size_t cut = u.rfind(U'、');
  std::u32string_view last(u);
  if (cut != std::u32string::npos) last = last.substr(cut + 1);
  if (last.empty()) return NameShape::kFragment;
  if (IsClose(last.back())) return NameShape::kComplete;
  std::string last8 = ToUtf8(last);
  if (dict.Contains(last8)) return NameShape::kComplete;
  if (dict.IsProperPrefix(last8)) return NameShape::kFragment;
  for (std::u32string_view s : kSuffixes) {
    if (EndsWithU(last, s) && last.size() > s.size()) return NameShape::kComplete;
  }
  return NameShape::kFragment;
}
}  // namespace

int NameLevel(std::string_view name) {
  const std::string& n = Norm(name);
  auto has = [&](const char* w) { return n.find(w) != std::string::npos; };
  auto starts = [&](const char* w) { return n.rfind(w, 0) == 0; };
  if (has("区政府") || has("区人民政府") || has("县政府") || has("县人民政府") ||
      starts("各区") || starts("相关区") || starts("各县") || starts("有关区") ||
      has("街道") || has("乡镇") || starts("各乡") || starts("各镇")) {
    return 1;
  }
  if (starts("市") || starts("省") || starts("自治区")) return 2;
  return 3;
}

bool IsHeaderTokens(const std::vector<std::string>& tokens,
                    std::vector<HeaderColumn>* columns) {
  std::vector<HeaderColumn> cols;
  std::set<ColumnKey> known;
  for (const std::string& t : tokens) {
    std::string c = Norm(t);
    if (c.empty()) continue;
    ColumnKey key = ClassifyHeader(c);
    if (key == ColumnKey::kExtra) return false;
    // Header words are short; long text naming a column is body text.
    if (CodePoints(c) > 8) return false;
    cols.push_back({key, Trim(t)});
    known.insert(key);
  }
  if (known.size() < 3 ||
      (known.count(ColumnKey::kMeasure) == 0 && known.count(ColumnKey::kTask) == 0)) {
    return false;
  }
  if (columns != nullptr) *columns = std::move(cols);
  return true;
}

}  // namespace plan2json::extractor::textdump
