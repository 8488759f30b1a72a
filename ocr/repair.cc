// Copyright 2026 The plan2json Authors.

#include "ocr/repair.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include "lexicon/lexicon.h"
#include "ocr/scan_score.h"

namespace plan2json::ocr {
namespace {

using extractor::ColumnKey;

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Replaces the first occurrence of `from` in the lines read as one text by
// `to`; line breaks outside the match stay. False when it does not occur.
bool ReplaceAcrossLines(std::vector<std::string>* lines, const std::string& from,
                        const std::string& to) {
  std::string all;
  std::vector<size_t> starts;
  for (const std::string& l : *lines) starts.push_back(all.size()), all += l;
  size_t at = all.find(from);
  if (from.empty() || at == std::string::npos) return false;
  auto line_of = [&](size_t offset) {
    return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), offset) -
                               starts.begin()) - 1;
  };
  size_t a = line_of(at), b = line_of(at + from.size() - 1);
  std::string& first = (*lines)[a];
  std::string tail = all.substr(at + from.size(),
                                starts[b] + (*lines)[b].size() - at - from.size());
  first = first.substr(0, at - starts[a]) + to + (a == b ? tail : "");
  if (a != b) {
    (*lines)[b] = tail;
    lines->erase(lines->begin() + static_cast<ptrdiff_t>(a + 1),
                 lines->begin() + static_cast<ptrdiff_t>(b));
  }
  return true;
}

// ASCII or full-width (U+FF10..U+FF19) digit.
bool HasDigit(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') return true;
    if (s.compare(i, 2, "\xEF\xBC") == 0 && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      return true;
    }
  }
  return false;
}

std::string Fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

bool IsOpening(char32_t c) { return c == U'（' || c == U'('; }
bool IsClosing(char32_t c) { return c == U'）' || c == U')'; }

// The Chinese numerals a section heading's enumerator counts with.
constexpr std::u32string_view kNumerals = U"一二三四五六七八九十";

// Section headings open with a numeral in brackets, （一）; OCR reads the
// numerals of one, two and three strokes as a dash, an equals sign or ≡.
// Returns the numeral `reading` stands for, given the previous heading's
// (0 when none): a dash is 一, ≡ is 三, and = the one of 二 and 三 that
// follows the previous heading (二 when neither does); nothing (0) or a
// zero is 一 (二 after 一). `guess` is set when the previous heading does
// not support the choice or the numeral was not read at all.
char32_t NumeralFor(char32_t reading, char32_t previous, bool* guess) {
  *guess = false;
  if (kNumerals.find(reading) != std::u32string_view::npos) return reading;
  if (std::u32string_view(U"—–-－ー_").find(reading) != std::u32string_view::npos) {
    return U'一';
  }
  if (reading == U'≡') return U'三';
  if (reading == 0 || std::u32string_view(U"0Oo〇").find(reading) !=
                          std::u32string_view::npos) {
    // Nothing read, or a zero no heading is numbered with: the engine loses
    // the numeral with least ink, 一's one thin stroke (on corpus scans
    // "( )" and "(0)" were all 一). Counting on from the previous heading
    // would be wrong after a higher-level heading restarts the count, which
    // the row does not show; after 一, though, 一 again is unlikely.
    *guess = true;
    return previous == U'一' ? U'二' : U'一';
  }
  if (reading != U'=' && reading != U'＝') return 0;
  if (previous == U'二') return U'三';
  *guess = previous != U'一';
  return U'二';
}

// Role words a department cell puts in brackets after a name, （牵头）
// (normalizer/departments.cc reads them; these are its two-character ones).
constexpr std::u32string_view kBracketRoles[] = {U"牵头", U"主责", U"主办", U"配合",
                                                 U"协办", U"协助", U"参与", U"负责"};

// The role word a two-character bracket group was misread from: the only
// one a single character away (奉头 is 牵头).
std::optional<std::u32string> RoleFor(std::u32string_view group) {
  std::optional<std::u32string> found;
  for (std::u32string_view role : kBracketRoles) {
    if (group == role) return std::nullopt;
    if (group.size() != 2 || (group[0] != role[0] && group[1] != role[1])) continue;
    if (found) return std::nullopt;  // two are as near
    found = std::u32string(role);
  }
  return found;
}

// True when the closing bracket at `at` closes no opening one.
bool Unopened(const std::u32string& text, size_t at) {
  const size_t open = text.rfind(U'（', at);
  const size_t close = text.rfind(U'）', at - 1);
  return open == std::u32string::npos || (close != std::u32string::npos && close > open);
}

// The number a sequence cell holds (ASCII digits, ignoring the rest), or -1.
int SeqNumber(const std::string& text) {
  int n = -1;
  for (char c : text) {
    if (c < '0' || c > '9') continue;
    n = std::max(n, 0) * 10 + (c - '0');
    if (n > 100000) return -1;
  }
  return n;
}

class Repairer {
 public:
  Repairer(const std::vector<extractor::Grid>& grids,
           const std::vector<int>& ocr_pages,
           const normalizer::DepartmentDict& dict, extractor::RawPlan* plan)
      : ocr_pages_(ocr_pages.begin(), ocr_pages.end()), dict_(dict), plan_(plan) {
    for (const extractor::Grid& g : grids) {
      if (!ocr_pages_.count(g.page)) continue;
      if (!g.ruled && g.rows() > 0) unruled_.insert(g.page);
      for (const extractor::Cell& c : g.cells) {
        for (const extractor::TextLine& l : c.lines) {
          auto [it, fresh] = line_confidence_.emplace(std::make_pair(g.page, l.text),
                                                      c.confidence);
          if (!fresh) it->second = std::min(it->second, c.confidence);
          auto [any, first] = any_page_confidence_.emplace(l.text, c.confidence);
          if (!first) any->second = std::min(any->second, c.confidence);
        }
      }
    }
    year_ = lexicon::TitleYear(normalizer::JoinLines(plan->title)).value_or(0);
    CountReadings();
  }

  void Run() {
    for (size_t i = 0; i < plan_->rows.size(); ++i) {
      extractor::RawRow& row = plan_->rows[i];
      if (!FromOcr(row)) continue;
      row_no_ = static_cast<int>(i) + 1;
      page_ = row.pages.empty() ? 0 : row.pages.front();
      CheckUnruled(&row);
      CheckSectionConfidence(&row);
      RepairSection(&row);
      for (size_t c = 0; c < plan_->columns.size() && c < row.cells.size(); ++c) {
        CheckCell(plan_->columns[c].key, &row.cells[c], &row);
      }
    }
  }

 private:
  bool FromOcr(const extractor::RawRow& row) const {
    return std::any_of(row.pages.begin(), row.pages.end(),
                       [&](int p) { return ocr_pages_.count(p) > 0; });
  }

  void Flag(extractor::RawRow* row, const std::string& code,
            const std::string& message) {
    row->low_confidence = true;
    plan_->warnings.push_back(
        {code, "row " + std::to_string(row_no_) + ": " + message, page_});
  }

  // The section heading in force may have been read on an earlier page.
  void CheckSectionConfidence(extractor::RawRow* row) {
    double conf = 1;
    for (const std::string& line : row->section) {
      auto it = any_page_confidence_.find(line);
      if (it != any_page_confidence_.end()) conf = std::min(conf, it->second);
    }
    if (conf < kSureGlyph) {
      Flag(row, "ocr_unsure",
           "OCR is unsure of the section heading '" + normalizer::JoinLines(row->section) +
               "' (confidence " + Fixed2(conf) + ")");
    }
  }

  // Restores a misread numeral at the start of the row's section heading
  // (NumeralFor); headings are repaired once, in order.
  void RepairSection(extractor::RawRow* row) {
    if (row->section.empty()) return;
    if (row->section == section_read_) {
      row->section = section_repaired_;
      return;
    }
    section_read_ = row->section;
    std::u32string first = lexicon::ToU32(row->section.front());
    char32_t numeral = 0;
    if (first.size() > 2 && (first[1] == U'）' || first[1] == U')') &&
        kNumerals.find(first[0]) != std::u32string_view::npos) {
      first.insert(first.begin(), U'（');  // the opening bracket was not read
      row->section.front() = lexicon::ToUtf8(first);
    }
    if (!first.empty() && IsOpening(first[0])) {  // OCR spaces out "( 一 )"
      const size_t close = first.find_first_of(U"）)");
      if (close != std::u32string::npos && close < 6) {
        first.erase(std::remove(first.begin() + 1, first.begin() + static_cast<long>(close),
                                U' '),
                    first.begin() + static_cast<long>(close));
      }
    }
    if (first.size() > 2 && IsOpening(first[0]) && IsClosing(first[1])) {
      first.insert(first.begin() + 1, U'\0');  // the numeral was not read
    }
    if (first.size() > 3 && IsOpening(first[0]) && IsClosing(first[2])) {
      bool guess = false;
      numeral = NumeralFor(first[1], section_numeral_, &guess);
      if (numeral != 0 && numeral != first[1]) {
        const std::string read = row->section.front();
        first[1] = numeral;
        row->section.front() = lexicon::ToUtf8(first);
        if (guess) {
          Flag(row, "ocr_section",
               "section heading read as '" + read + "' taken as '" +
                   row->section.front() + "'");
        }
      }
    }
    section_numeral_ = numeral;
    section_repaired_ = row->section;
  }

  void CheckCell(ColumnKey key, std::vector<std::string>* lines,
                 extractor::RawRow* row) {
    CheckConfidence(*lines, row);
    DropStrayPauses(lines, row);
    const std::string read = normalizer::JoinLines(*lines);
    if (internal::PairQuotes(lines) > 0) {
      Flag(row, "ocr_quote",
           "quotation marks of '" + read +
               "' paired (OCR mirrors marks and reads them out of specks)");
    }
    RepairPlaceholder(key, lines, row);
    const std::string text = normalizer::JoinLines(*lines);
    if (key == ColumnKey::kLead || key == ColumnKey::kResponsible ||
        key == ColumnKey::kAssisting) {
      SnapDepartments(lines, row);
    } else if (key == ColumnKey::kDeadline && !text.empty() &&
               !normalizer::IsPlaceholder(text) &&
               normalizer::ParseDeadline(text, year_).kind ==
                   normalizer::Due::Kind::kText &&
               !RepairDeadlineDigits(lines, row)) {
      Flag(row, "ocr_deadline",
           "deadline '" + text + "' does not parse (OCR may have misread it)");
    } else if (key == ColumnKey::kSeq && !text.empty() && !HasDigit(text)) {
      Flag(row, "ocr_seq", "sequence number read as '" + text + "'");
    } else if (key == ColumnKey::kSeq && !text.empty()) {
      CheckSeqOrder(normalizer::NormalizeChars(text), row);
    }
  }

  // A deadline that does not parse, with a digit's look-alike in it
  // (2024年了月10日前: 7 read as 了), is taken with the digit when that parses.
  bool RepairDeadlineDigits(std::vector<std::string>* lines,
                            extractor::RawRow* row) {
    static const std::pair<char32_t, char32_t> kLookAlikes[] = {
        {U'了', U'7'}, {U'l', U'1'}, {U'I', U'1'}, {U'|', U'1'},
        {U'O', U'0'},  {U'o', U'0'}, {U'S', U'5'}, {U'Z', U'2'}};
    std::vector<std::string> fixed;
    for (const std::string& line : *lines) {
      std::u32string u = lexicon::ToU32(line);
      for (char32_t& c : u) {
        for (const auto& [look_alike, digit] : kLookAlikes) {
          if (c == look_alike) c = digit;
        }
      }
      fixed.push_back(lexicon::ToUtf8(u));
    }
    const std::string read = normalizer::JoinLines(*lines);
    const std::string taken = normalizer::JoinLines(fixed);
    if (taken == read || normalizer::ParseDeadline(taken, year_).kind ==
                             normalizer::Due::Kind::kText) {
      return false;
    }
    *lines = std::move(fixed);
    Flag(row, "ocr_snapped",
         "deadline '" + read + "' taken as '" + taken + "'");
    return true;
  }

  // No cell starts with a pause or stop, and none follows another
  // (lexicon::IsNeverFirst): OCR reads them out of specks and the ends of
  // erased rulings (、年底前, 1500万户。，：). Of a run, the first stays.
  void DropStrayPauses(std::vector<std::string>* lines,
                       extractor::RawRow* row) {
    const std::string read = normalizer::JoinLines(*lines);
    bool stray = true;  // a mark here would be: at the start, or after one
    bool dropped = false;
    std::vector<std::string> kept;
    for (const std::string& line : *lines) {
      std::u32string out;
      bool emptied = false;
      for (char32_t c : lexicon::ToU32(line)) {
        if (lexicon::IsNeverFirst(c) && stray) {
          dropped = emptied = true;
          continue;
        }
        if (c == U' ' && dropped && out.empty() && kept.empty()) continue;
        if (c != U' ') stray = lexicon::IsNeverFirst(c);
        out += c;
      }
      if (!(emptied && lexicon::Trim(lexicon::ToUtf8(out)).empty())) {
        kept.push_back(lexicon::ToUtf8(out));
      }
    }
    if (!dropped) return;
    *lines = std::move(kept);
    const std::string taken = normalizer::JoinLines(*lines);
    Flag(row, "ocr_punct",
         "'" + read + "' taken as '" + taken +
             "' (no cell starts with a pause or stop, and none follows "
             "another)");
  }

  // A cell holding only 一 where a number means nothing (a deadline, a
  // department, a note) is the placeholder dash —, which OCR reads as the
  // numeral of the same stroke. A sequence or section number may be 一.
  void RepairPlaceholder(ColumnKey key, std::vector<std::string>* lines,
                         extractor::RawRow* row) {
    if (key == ColumnKey::kSeq || key == ColumnKey::kTask || key == ColumnKey::kMeasure ||
        lines->size() != 1 || lines->front() != "一") {
      return;
    }
    lines->front() = "—";
    Flag(row, "ocr_snapped", "'一' taken as the placeholder '—'");
  }

  // Sequence numbers count up by one, or start again at 1: another number
  // after the previous row's is a misread digit here or there.
  void CheckSeqOrder(const std::string& text, extractor::RawRow* row) {
    const int n = SeqNumber(text);
    if (n < 0) return;
    if (previous_seq_ > 0 && n != previous_seq_ + 1 && n != 1) {
      Flag(row, "ocr_seq",
           "sequence number " + std::to_string(n) + " follows " +
               std::to_string(previous_seq_) + " (OCR may have misread one of them)");
    }
    previous_seq_ = n;
  }

  // A table without rulings is rebuilt from the alignment of the text, and
  // OCR'd boxes are too loose for that to be trusted: its rows are low,
  // with one warning per page.
  void CheckUnruled(extractor::RawRow* row) {
    for (int p : row->pages) {
      if (!unruled_.count(p)) continue;
      row->low_confidence = true;
      if (warned_unruled_.insert(p).second) {
        plan_->warnings.push_back(
            {"ocr_unruled",
             "page " + std::to_string(p) +
                 ": the scanned table has no rulings; its rows were recovered "
                 "from the alignment of OCR'd text and are marked low-confidence",
             p});
      }
    }
  }

  void CheckConfidence(const std::vector<std::string>& lines,
                       extractor::RawRow* row) {
    double conf = 1;
    for (const std::string& line : lines) {
      for (int p : row->pages) {
        auto it = line_confidence_.find({p, line});
        if (it != line_confidence_.end()) conf = std::min(conf, it->second);
      }
    }
    if (conf < kSureGlyph) {
      Flag(row, "ocr_unsure",
           "OCR is unsure of '" + normalizer::JoinLines(lines) + "' (confidence " +
               Fixed2(conf) + ")");
    }
  }

  void SnapDepartments(std::vector<std::string>* lines, extractor::RawRow* row) {
    std::vector<std::string> normalized;
    for (const std::string& l : *lines) normalized.push_back(normalizer::NormalizeChars(l));
    bool changed = RepairRoleWords(&normalized, row);
    for (const std::string& reading : UnknownNames(normalized)) {
      std::optional<std::string> known = Snap(reading);
      if (!known) known = SnapToDocument(reading);
      if (!known) known = SnapAtStart(reading);
      if (!known ||
          !ReplaceAcrossLines(&normalized, reading, *known)) {
        Flag(row, "ocr_department",
             "department '" + reading + "' is not a known name (OCR may have misread it)");
        continue;
      }
      changed = true;
      Flag(row, "ocr_snapped",
           "department read as '" + reading + "' taken as '" + *known + "'");
    }
    if (changed) *lines = std::move(normalized);
  }

  // The names of a department cell, role words aside, that the dictionary
  // does not know and that are no collective (lexicon::IsCollectiveName:
  // 市级有关部门 read right was taken as the listed 市有关部门).
  std::vector<std::string> UnknownNames(const std::vector<std::string>& lines) const {
    const normalizer::RoledDepartments roled = normalizer::SplitRoledDepartments(
        lines, normalizer::Role::kResponsible, false, dict_);
    std::vector<std::string> unknown;
    for (const auto* list : {&roled.lead, &roled.responsible, &roled.assisting}) {
      for (const std::string& name : *list) {
        if (!dict_.Contains(name) && !lexicon::IsCollectiveName(name) &&
            std::find(unknown.begin(), unknown.end(), name) == unknown.end()) {
          unknown.push_back(name);
        }
      }
    }
    return unknown;
  }

  // Restores role words in brackets misread by one character (（奉头） is
  // （牵头）), missing their opening bracket (市商务局牵头）) or with their
  // closing one read as a look-alike (（牵头八各区: 八 is ）、 run together).
  bool RepairRoleWords(std::vector<std::string>* lines, extractor::RawRow* row) {
    const std::u32string text = lexicon::ToU32(normalizer::JoinLines(*lines));
    bool changed = RepairRoleClosers(text, lines, row);
    for (size_t at = text.find(U'）'); at != std::u32string::npos;
         at = text.find(U'）', at + 1)) {
      if (at < 3) continue;
      const std::u32string group = text.substr(at - 2, 2);
      std::u32string from, to;
      if (text[at - 3] == U'（') {
        std::optional<std::u32string> role = RoleFor(group);
        if (!role) continue;
        from = U"（" + group + U"）", to = U"（" + *role + U"）";
      } else if (std::find(std::begin(kBracketRoles), std::end(kBracketRoles), group) !=
                     std::end(kBracketRoles) &&
                 Unopened(text, at)) {
        from = group + U"）", to = U"（" + group + U"）";
      } else {
        continue;
      }
      if (!ReplaceAcrossLines(lines, lexicon::ToUtf8(from), lexicon::ToUtf8(to))) continue;
      changed = true;
      Flag(row, "ocr_snapped",
           "'" + lexicon::ToUtf8(from) + "' taken as '" + lexicon::ToUtf8(to) + "'");
    }
    return changed;
  }

  bool RepairRoleClosers(const std::u32string& text,
                         std::vector<std::string>* lines,
                         extractor::RawRow* row) {
    // What a closing bracket, alone or with the enumeration comma after it,
    // is read as beside a role word.
    static const std::pair<char32_t, std::u32string_view> kClosers[] = {
        {U'八', U"）、"},
        {U'】', U"）"},
        {U'〕', U"）"},
        {U'」', U"）"},
        {U'丿', U"）"}};
    bool changed = false;
    for (std::u32string_view role : kBracketRoles) {
      const std::u32string opened = U"（" + std::u32string(role);
      for (size_t at = text.find(opened); at != std::u32string::npos;
           at = text.find(opened, at + 1)) {
        const size_t next = at + opened.size();
        if (next >= text.size()) continue;
        for (const auto& [reading, closer] : kClosers) {
          if (text[next] != reading) continue;
          const std::string from = lexicon::ToUtf8(opened + reading);
          const std::string to =
              lexicon::ToUtf8(opened + std::u32string(closer));
          if (!ReplaceAcrossLines(lines, from, to)) continue;
          changed = true;
          Flag(row, "ocr_snapped", "'" + from + "' taken as '" + to + "'");
        }
      }
    }
    return changed;
  }

  // How often each department name is read in the OCR'd rows' department
  // cells (SnapToDocument).
  void CountReadings() {
    for (const extractor::RawRow& row : plan_->rows) {
      if (!FromOcr(row)) continue;
      for (size_t c = 0; c < plan_->columns.size() && c < row.cells.size(); ++c) {
        const ColumnKey key = plan_->columns[c].key;
        if (key != ColumnKey::kLead && key != ColumnKey::kResponsible &&
            key != ColumnKey::kAssisting) {
          continue;
        }
        std::vector<std::string> normalized;
        for (const std::string& l : row.cells[c]) {
          normalized.push_back(normalizer::NormalizeChars(l));
        }
        const normalizer::RoledDepartments roled = normalizer::SplitRoledDepartments(
            normalized, normalizer::Role::kResponsible, false, dict_);
        for (const auto* list : {&roled.lead, &roled.responsible, &roled.assisting}) {
          for (const std::string& name : *list) ++readings_[name];
        }
      }
    }
  }

  // How often the document's OCR rows read `name` (CountReadings).
  int TimesRead(const std::string& name) const {
    const auto it = readings_.find(name);
    return it == readings_.end() ? 0 : it->second;
  }

  // A name the dictionary does not know may still be read several times in
  // the document: a reading is taken as the unique other reading one
  // character away, with the same first character, that the document shows
  // more often (OCR misreads a name now and then, not mostly; two
  // characters away are other units: 成都东部新区 and 成都高新区).
  std::optional<std::string> SnapToDocument(const std::string& reading) const {
    if (CodePoints(reading) < 4) return std::nullopt;
    const int own = TimesRead(reading);
    const std::u32string want = lexicon::ToU32(reading);
    const int limit = 1;
    std::optional<std::string> found;
    int best = limit + 1;
    bool tie = false;
    for (const auto& [name, count] : readings_) {
      if (count <= own || name == reading) continue;
      const std::u32string have = lexicon::ToU32(name);
      if (have.empty() || have[0] != want[0]) continue;
      const int d = EditDistance(want, have);
      if (d > limit || d > best) continue;
      tie = d == best;
      best = d;
      found = name;
    }
    if (tie) return std::nullopt;
    return found;
  }

  // The document's commoner name `reading` is with its first character lost
  // (应急管理厅 for 省应急管理厅, on noisy scans) or with junk
  // before it (-省应急管理厅), when that name is the only one.
  std::optional<std::string> SnapAtStart(const std::string& reading) const {
    const std::u32string want = lexicon::ToU32(reading);
    if (want.size() < 3) return std::nullopt;
    const int own = TimesRead(reading);
    const bool junk_first =
        !lexicon::IsIdeograph(want[0]) &&
        !(want[0] < 0x80 && std::isalnum(static_cast<int>(want[0])));
    std::optional<std::string> found;
    for (const auto& [name, count] : readings_) {
      if (count <= own) continue;
      const std::u32string have = lexicon::ToU32(name);
      const bool lost = have.size() == want.size() + 1 &&
                        lexicon::IsIdeograph(have[0]) &&
                        have.compare(1, std::u32string::npos, want) == 0;
      const bool extra =
          junk_first && want.compare(1, std::u32string::npos, have) == 0;
      if (!lost && !extra) continue;
      if (found) return std::nullopt;  // two names fit
      found = name;
    }
    return found;
  }

  // The known name `reading` was most likely misread from: the unique one
  // within SnapDistance that starts with the same character (a department
  // name's first character names its level or place, 省/市/区, and a real
  // unit of another level is not a misreading of this one).
  std::optional<std::string> Snap(const std::string& reading) const {
    if (CodePoints(reading) < 4) return std::nullopt;
    std::optional<std::string> known = dict_.Nearest(reading, SnapDistance(reading));
    if (!known || *known == reading) return std::nullopt;
    const auto lead = static_cast<unsigned char>(reading[0]);
    const size_t first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (known->compare(0, first, reading, 0, first) != 0) return std::nullopt;
    return known;
  }

  std::set<int> ocr_pages_;
  std::set<int> unruled_, warned_unruled_;
  const normalizer::DepartmentDict& dict_;
  extractor::RawPlan* plan_;
  std::map<std::pair<int, std::string>, double> line_confidence_;
  std::map<std::string, double> any_page_confidence_;
  std::map<std::string, int> readings_;  // department name -> times read
  int year_ = 0;
  std::vector<std::string> section_read_, section_repaired_;
  char32_t section_numeral_ = 0;
  int previous_seq_ = 0;
  int row_no_ = 0;
  int page_ = 0;
};

}  // namespace

void SetCellConfidence(const extractor::Page& page, extractor::Grid* grid) {
  for (extractor::Cell& cell : grid->cells) {
    for (const extractor::Glyph& g : page.glyphs) {
      double x = g.box.cx(), y = g.box.cy();
      if (x >= cell.box.x0 && x < cell.box.x1 && y >= cell.box.y0 &&
          y < cell.box.y1) {
        cell.confidence = std::min(cell.confidence, g.confidence);
      }
    }
  }
}

namespace {

std::string CellText(const extractor::Cell& c) {
  std::string text;
  for (const extractor::TextLine& l : c.lines) text += l.text;
  return lexicon::Compact(text);
}

// Whether `g`'s top row is a header: it names at least three known columns.
bool HeaderRow(const extractor::Grid& g) {
  int known = 0;
  for (const extractor::Cell& c : g.cells) {
    if (c.row == 0 && extractor::ClassifyHeader(CellText(c)) !=
                          extractor::ColumnKey::kExtra) {
      ++known;
    }
  }
  return known >= 3;
}

// The first grid whose top row is a header.
const extractor::Grid* FirstHeader(const std::vector<extractor::Grid>& grids) {
  for (const extractor::Grid& g : grids) {
    if (HeaderRow(g)) return &g;
  }
  return nullptr;
}

// Whether two pages' tables have the same columns: as many, with edges
// within 3 pt where both are ruled (copies of one ruled layout); without
// rulings edges follow each page's text, and each column need only overlap
// its counterpart by half the narrower one's width.
bool SameColumns(const extractor::Grid& a, const extractor::Grid& b) {
  if (a.cols() != b.cols()) return false;
  for (size_t i = 0; i + 1 < a.col_edges.size(); ++i) {
    const double a0 = a.col_edges[i], a1 = a.col_edges[i + 1];
    const double b0 = b.col_edges[i], b1 = b.col_edges[i + 1];
    if (a.ruled && b.ruled) {
      if (std::abs(a0 - b0) > 3 || std::abs(a1 - b1) > 3) return false;
    } else if (std::min(a1, b1) - std::max(a0, b0) < 0.5 * std::min(a1 - a0, b1 - b0)) {
      return false;
    }
  }
  return true;
}

// The reading of one header cell its copies agree on: a copy from a text
// layer (not OCR'd) if there is one; else a known column name
// (extractor::ClassifyHeader) over an unknown one; then the text most copies
// give; then the surest copy's (cell confidence); then the earliest.
const extractor::Cell* ConsensusOf(const std::vector<extractor::Cell*>& copies,
                                   const std::function<bool(int)>& is_ocr) {
  const extractor::Cell* best = nullptr;
  std::tuple<bool, bool, int, double> best_key{};
  for (const extractor::Cell* c : copies) {
    const std::string text = CellText(*c);
    int votes = 0;
    for (const extractor::Cell* other : copies) votes += CellText(*other) == text;
    const std::tuple<bool, bool, int, double> key{
        !is_ocr(c->page),
        extractor::ClassifyHeader(text) != extractor::ColumnKey::kExtra, votes,
        c->confidence};
    if (best == nullptr || key > best_key) best = c, best_key = key;
  }
  return best;
}

// Whether `g`'s top rows repeat the header `header` (its first
// `header_rows` rows): at least half of the header's cells have a
// counterpart at their place a few characters off.
bool Repeats(const extractor::Grid& header, int header_rows, const extractor::Grid& g) {
  int cells = 0, alike = 0;
  for (const extractor::Cell& want : header.cells) {
    if (want.row >= header_rows) continue;
    const std::u32string text = lexicon::ToU32(CellText(want));
    if (text.empty()) continue;
    ++cells;
    const int near = std::max<int>(1, static_cast<int>(text.size()) / 4);
    for (const extractor::Cell& c : g.cells) {
      if (c.row == want.row && c.col == want.col &&
          EditDistance(lexicon::ToU32(CellText(c)), text) <= near) {
        ++alike;
      }
    }
  }
  return cells > 0 && 2 * alike >= cells;
}

}  // namespace

void RepeatHeaders(const std::vector<int>& ocr_pages,
                   std::vector<extractor::Grid>* grids) {
  const extractor::Grid* first = FirstHeader(*grids);
  if (first == nullptr) return;
  int header_rows = 0;  // rows whose cells all stay above the first body row
  for (const extractor::Cell& c : first->cells) {
    if (c.row == 0) header_rows = std::max(header_rows, c.row_span);
  }
  const extractor::Grid header = *first;
  auto is_ocr = [&](int page) {
    return std::find(ocr_pages.begin(), ocr_pages.end(), page) != ocr_pages.end();
  };
  // The grids whose top rows repeat the header (a page may continue the
  // table without one: its top row is body text).
  std::vector<extractor::Grid*> repeats;
  for (extractor::Grid& g : *grids) {
    if (g.page == header.page || (SameColumns(header, g) && Repeats(header, header_rows, g))) {
      repeats.push_back(&g);
    }
  }
  for (const extractor::Cell& want : header.cells) {
    if (want.row >= header_rows) continue;
    // The copies of this cell: the cell at its place on every repeat.
    // Copies OCR read nothing in lost the word: they take the reading too.
    std::vector<extractor::Cell*> copies, blanks;
    for (extractor::Grid* g_ptr : repeats) {
      extractor::Grid& g = *g_ptr;
      for (extractor::Cell& c : g.cells) {
        if (c.row != want.row || c.col != want.col) continue;
        if (!CellText(c).empty()) {
          copies.push_back(&c);
        } else if (is_ocr(c.page)) {
          blanks.push_back(&c);
        }
      }
    }
    if (copies.empty()) continue;
    const extractor::Cell* best = ConsensusOf(copies, is_ocr);
    const std::u32string agreed = lexicon::ToU32(CellText(*best));
    const int near = std::max<int>(1, static_cast<int>(agreed.size()) / 4);
    const std::vector<extractor::TextLine> lines = best->lines;
    // A copy a few characters off, or one OCR was unsure of, is a misreading
    // of it; a sure reading of another word is another column's name.
    for (extractor::Cell* c : copies) {
      if (!is_ocr(c->page) || c == best) continue;
      if (EditDistance(lexicon::ToU32(CellText(*c)), agreed) <= near ||
          c->confidence < kSureGlyph) {
        c->lines = lines;
      }
    }
    for (extractor::Cell* c : blanks) c->lines = lines;
  }
}

namespace {

// The common header name `reading` was misread from: the one nearest, if
// every other as near names the same column (人措施 is as near 工作措施 as
// 具体措施: measures either way), and at most half the reading's length
// away (rounded up: 序瑟一 is 序号). Marks read out of specks (”, .) are
// not counted.
std::optional<std::string> NearestHeaderName(const std::string& reading) {
  std::u32string have;
  for (char32_t c : lexicon::ToU32(reading)) {
    const bool word = lexicon::IsIdeograph(c) ||
                      (c < 0x80 && std::isalnum(static_cast<int>(c)));
    if (word) have.push_back(c);
  }
  const int limit = static_cast<int>(have.size() + 1) / 2;
  std::optional<std::string> found;
  int best = limit;
  bool tie = false;  // with a name of another column
  for (const std::string& name : extractor::CommonHeaderNames()) {
    const int d = EditDistance(have, lexicon::ToU32(name));
    if (d > best || have.empty()) continue;
    if (d == best && found) {
      tie = tie || extractor::ClassifyHeader(name) !=
                       extractor::ClassifyHeader(*found);
      continue;
    }
    tie = false;
    best = d;
    found = name;
  }
  if (tie || !found) return std::nullopt;
  return found;
}

}  // namespace

std::vector<Warning> SnapHeaders(const std::vector<int>& ocr_pages,
                                 std::vector<extractor::Grid>* grids) {
  // What a header cell names: a known column's key, else its own text.
  auto column_of = [](const std::string& text) -> std::string {
    const extractor::ColumnKey key = extractor::ClassifyHeader(text);
    return key == extractor::ColumnKey::kExtra ? text
                                               : extractor::ColumnKeyName(key);
  };
  std::vector<Warning> snaps;
  for (extractor::Grid& g : *grids) {
    if (std::find(ocr_pages.begin(), ocr_pages.end(), g.page) ==
            ocr_pages.end() ||
        !HeaderRow(g)) {
      continue;
    }
    std::set<std::string> named;
    for (const extractor::Cell& c : g.cells) {
      if (c.row == 0) named.insert(column_of(CellText(c)));
    }
    for (extractor::Cell& c : g.cells) {
      const std::string read = CellText(c);
      if (c.row != 0 || read.empty() || c.confidence >= kSureGlyph) continue;
      if (extractor::ClassifyHeader(read) != extractor::ColumnKey::kExtra) {
        if (c.confidence < kDisputed) {
          snaps.push_back({"ocr_header",
                           "column header '" + read +
                               "' is a guess (read with characters under "
                               "50 % confidence); the rows are marked "
                               "low-confidence",
                           g.page});
        }
        continue;
      }
      const std::optional<std::string> name = NearestHeaderName(read);
      if (!name || *name == read || !named.insert(column_of(*name)).second) {
        continue;  // none, or another cell names that column
      }
      c.lines.resize(1);
      c.lines.front().text = *name;
      snaps.push_back({"ocr_header",
                       "column header read as '" + read + "' taken as '" +
                           *name + "'; the rows are marked low-confidence",
                       g.page});
    }
  }
  return snaps;
}

int SnapDistance(const std::string& reading) {
  return CodePoints(reading) <= 6 ? 1 : 2;
}

void RepairPlan(const std::vector<extractor::Grid>& grids,
                const std::vector<int>& ocr_pages,
                const normalizer::DepartmentDict& dict,
                extractor::RawPlan* plan) {
  Repairer(grids, ocr_pages, dict, plan).Run();
}

namespace internal {

// Pairs a cell's quotation marks (“” and ‘’ alike; a quotation never runs
// from one cell into another, and the same kind never nests). OCR mistakes
// one mark for its mirror image, and reads marks out of specks in the
// gutters between columns: a second opening mark before a closing one is
// the closing one; a closing mark with none open is an opening one when
// another closing mark follows before any opening one; any other mark that
// pairs with none is dropped. Returns how many marks were changed.
int PairQuotes(std::vector<std::string>* lines) {
  struct Mark {
    size_t line, at;
  };
  std::vector<std::u32string> text;
  for (const std::string& l : *lines) text.push_back(lexicon::ToU32(l));
  std::vector<Mark> dropped;
  int changed = 0;
  for (const auto& [open, close] :
       {std::pair{U'“', U'”'}, std::pair{U'‘', U'’'}}) {
    std::vector<Mark> marks_of;  // every mark of this kind, in reading order
    for (size_t i = 0; i < text.size(); ++i) {
      for (size_t j = 0; j < text[i].size(); ++j) {
        if (text[i][j] == open || text[i][j] == close) {
          marks_of.push_back({i, j});
        }
      }
    }
    auto at = [&](const Mark& m) -> char32_t& { return text[m.line][m.at]; };
    bool is_open = false;
    for (size_t k = 0; k < marks_of.size(); ++k) {
      char32_t& c = at(marks_of[k]);
      if (c == open && is_open) {  // the closing mark, mirrored
        c = close;
        ++changed;
      }
      if (c == close && !is_open) {
        const bool closes_later =
            k + 1 < marks_of.size() && at(marks_of[k + 1]) == close;
        if (!closes_later) {  // a speck
          dropped.push_back(marks_of[k]);
          continue;
        }
        c = open;  // the opening mark, mirrored
        ++changed;
      }
      is_open = c == open;
    }
    if (is_open) dropped.push_back(marks_of.back());
  }
  // Erased from the back, so the positions still to erase hold.
  std::sort(dropped.begin(), dropped.end(), [](const Mark& a, const Mark& b) {
    return a.line != b.line ? a.line > b.line : a.at > b.at;
  });
  for (const Mark& m : dropped) text[m.line].erase(m.at, 1);
  for (size_t i = 0; i < text.size(); ++i) {
    (*lines)[i] = lexicon::ToUtf8(text[i]);
  }
  return changed + static_cast<int>(dropped.size());
}

}  // namespace internal

}  // namespace plan2json::ocr
