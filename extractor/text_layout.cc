// Copyright 2026 The plan2json Authors.
//
// Layout dumps (pdftotext -layout and alike) -> one Grid per page. This file
// recovers geometry only; what the table means (which column is which,
// sections in force, tasks carried over, rows cut by a page break, the
// attachment label and title) is BuildPlan's (plan.h).
//
// Per page (character positions never travel from one page to the next):
//  0. lines: a piece pdftotext set on a neighbouring line, starting with a
//     mark no line starts with where that line's piece ends, rejoins it;
//  1. positions: every character gets a column, in code points or in display
//     width (East Asian Wide = 2), whichever model aligns the body with the
//     header better over the whole dump;
//  2. header band: up to four lines of short pieces naming at least three
//     known columns (ClassifyHeader only finds the band). Pieces stacked in
//     one column are one wrapped cell (序/号, 完成/时限); a piece centred over
//     two columns of a lower line is the upper cell of a two-level header;
//  3. column edges: between two header cells, the position that cuts the
//     fewest body words (a vertical gutter). A page without a header takes
//     the previous table page's columns relative to its own left margin and
//     moves each edge to the best gutter nearby;
//  4. lines: a line with one piece per column is split piece by piece (rows
//     whose positions drift stay whole); other lines are cut at the edges,
//     and at a single space between two Chinese characters outside
//     letter-spaced text (a gutter pdftotext narrowed);
//  5. bands: a lone line reading as a section heading spans the table and
//     closes the open row; the trailing lines that span columns and are not
//     headings (notes, 抄送/印发) are below the table;
//  6. rows: the text column splits after sentence ends; a deadline (pieces
//     joined while the joined text parses as one) closes a row, so segments
//     are grouped to deadlines under the document's vertical alignment model
//     (top, centred, or centred on the row's first line, estimated once);
//     the other columns' lines go to rows by a monotone assignment under the
//     same model that never cuts a department name; sequence numbers and
//     task text make cells spanning the rows they sit on;
//  7. where an assignment was a guess (counts disagree, a fallback ran, a
//     cell sits far from its row) the cells get confidence below kSureCell.

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <string>
#include <utility>
#include <vector>

#include "extractor/text_dump.h"
#include "lexicon/lexicon.h"

namespace plan2json::extractor::textdump {
namespace {

// The lexicon's questions, in the words this file asks them.
namespace lex {
using lexicon::EndsSentence;
using lexicon::IsDeadline;
using lexicon::IsDeadlinePrefix;
using lexicon::IsPlaceholder;
bool IsSection(std::string_view t) { return lexicon::SectionLevel(t) > 0; }
bool IsSeq(std::string_view t) { return lexicon::ParseSeq(t).has_value(); }
// A department name list that is closed: its last name is well formed (or
// known), nothing trails after it.
bool NameComplete(std::string_view t, const normalizer::DepartmentDict& d) {
  std::string n = lexicon::NormCompact(t);
  // A role word closing a clause ("…县政府配合", "…局（牵头）") follows a
  // whole name.
  for (const char* role : {"（牵头）", "(牵头)", "（配合）", "(配合)", "（协办）", "(协办)",
                           "牵头", "配合", "协助", "协办", "参与", "协同"}) {
    const std::string r = role;
    if (n.size() > r.size() && n.compare(n.size() - r.size(), r.size(), r) == 0) {
      n.resize(n.size() - r.size());
      break;
    }
  }
  if (n.empty()) return false;
  size_t cut = 0;
  for (const char* sep : {"、", "，", ","}) {
    size_t at = n.rfind(sep);
    if (at != std::string::npos) {
      if (at + std::string(sep).size() == n.size()) return false;  // list goes on
      cut = std::max(cut, at + std::string(sep).size());
    }
  }
  std::string last = n.substr(cut);
  return lexicon::LooksLikeDepartment(last) || d.Contains(last);
}
// A year and nothing else: "2024年", "2024 年".
bool BareYear(std::string_view t) {
  std::string n = lexicon::NormCompact(t);
  const std::string nian = "年";
  if (n.size() != 4 + nian.size() || n.compare(4, std::string::npos, nian) != 0) return false;
  return std::all_of(n.begin(), n.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}
// Joining `b` to `a` gives a deadline that neither is alone, or a finer
// one than both ("2024年" + "11月底"); two deadlines that read as one only
// loosely stay apart ("常态化" over "年底前").
bool JoinsDeadline(const std::string& a, const std::string& b) {
  auto joined = lexicon::MatchDeadline(a + b, 2000);
  if (!joined) return false;
  auto da = lexicon::MatchDeadline(a, 2000), db = lexicon::MatchDeadline(b, 2000);
  if (!da || !db) return true;
  // "2024年" over "12月": a bare year gives the year the lower piece
  // lacks ("2021—2023年" over "12月底前" is a range and the next row's).
  using Kind = normalizer::Due::Kind;
  auto own = [](const std::string& t) {  // resolves without the plan's year
    auto d = lexicon::MatchDeadline(t, 0);
    return d && d->kind == Kind::kDate;
  };
  if (BareYear(a) && !own(b) && db->kind == Kind::kDate && own(a + b)) return true;
  auto same = [](const normalizer::Due& x, const normalizer::Due& y) {
    return x.kind == y.kind && x.date == y.date;
  };
  return joined->kind == normalizer::Due::Kind::kDate && !same(*joined, *da) &&
         !same(*joined, *db);
}
}  // namespace lex

constexpr double kInf = std::numeric_limits<double>::infinity();
// Confidence of a cell whose row or column was a guess.
constexpr double kGuess = 0.5;

struct Glyph {
  char32_t c;
  int x;  // first column
  int w;  // columns wide
};

struct Chunk {
  int x0, x1;  // [x0, x1)
  std::string text;
  double cx() const { return (x0 + x1) / 2.0; }
};

struct PLine {
  std::vector<Glyph> glyphs;
  // One piece of running text across the table (a section heading, a note,
  // a closing line): says nothing about where the gutters are.
  bool across = false;
  bool blank() const { return glyphs.empty(); }
};

struct PPage {
  int number = 0;
  std::vector<PLine> lines;
};

int DisplayWidth(char32_t c) {
  int ea = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

std::vector<Glyph> Place(const std::string& text, bool wide) {
  std::vector<Glyph> out;
  int x = 0;
  for (char32_t c : lexicon::ToU32(text)) {
    if (c == U'\t') {
      x = (x / 8 + 1) * 8;
      continue;
    }
    int w = wide ? DisplayWidth(c) : 1;
    if (c != U' ' && c != 0x3000 && c != 0xA0) out.push_back({c, x, w});
    x += w;
  }
  return out;
}

// Runs of glyphs separated by at least `gap` empty columns; glyphs with a
// smaller gap are joined by one space.
std::vector<Chunk> Chunks(const std::vector<Glyph>& g, int gap) {
  std::vector<Chunk> out;
  std::u32string cur;
  int x0 = 0, end = 0;
  for (const Glyph& gl : g) {
    if (!cur.empty() && gl.x - end >= gap) {
      out.push_back({x0, end, lexicon::ToUtf8(cur)});
      cur.clear();
    }
    if (cur.empty()) {
      x0 = gl.x;
    } else if (gl.x > end) {
      cur += U' ';
    }
    cur += gl.c;
    end = gl.x + gl.w;
  }
  if (!cur.empty()) out.push_back({x0, end, lexicon::ToUtf8(cur)});
  return out;
}

bool Across(const std::string& text) {
  std::string t = lexicon::Trim(text);
  if (t.empty()) return false;
  if (lexicon::IsNoteLine(t) || lexicon::IsColophon(t)) return true;
  return t.find("  ") == std::string::npos && lexicon::SectionLevel(t) > 0;
}

std::string LineText(const PLine& l) {
  std::string t;
  for (const Chunk& c : Chunks(l.glyphs, 1)) t += (t.empty() ? "" : " ") + c.text;
  return t;
}

TextLine MakeLine(std::string text, double x0, double x1, int y) {
  TextLine l;
  l.text = std::move(text);
  l.box = {static_cast<double>(x0), static_cast<double>(y),
           static_cast<double>(x1), static_cast<double>(y + 1)};
  return l;
}

// ---------------------------------------------------------------------------
// Header band
// ---------------------------------------------------------------------------

struct HeadCell {
  int x0 = 0, x1 = 0;
  std::vector<std::pair<int, std::string>> pieces;  // (line, text)
  int first_leaf = 0, leaves = 1;                   // columns covered
  ColumnKey key = ColumnKey::kExtra;
};

struct Header {
  int first = -1, last = -1;      // band lines, inclusive
  std::vector<HeadCell> leaves;   // one per column, left to right
  std::vector<HeadCell> groups;   // upper cells of a two-level header
  int stray = 0;                  // pieces that are neither
  int Score() const;
};

int Header::Score() const {
  std::vector<ColumnKey> known;
  bool text_col = false;
  for (const HeadCell& c : leaves) {
    if (c.key == ColumnKey::kExtra) continue;
    if (std::find(known.begin(), known.end(), c.key) == known.end()) known.push_back(c.key);
    text_col = text_col || c.key == ColumnKey::kMeasure || c.key == ColumnKey::kTask;
  }
  if (known.size() < 3 || !text_col) return -1;
  return 10 * static_cast<int>(known.size()) - static_cast<int>(leaves.size() - known.size()) -
         5 * stray;
}

constexpr size_t kMaxHeaderPiece = 10;  // code points of one header piece

bool ShortPieces(const std::vector<Chunk>& chunks) {
  if (chunks.empty()) return false;
  for (const Chunk& c : chunks) {
    if (lexicon::CodePoints(lexicon::Compact(c.text)) > kMaxHeaderPiece) return false;
  }
  return true;
}

std::string CellText(const HeadCell& c) {
  std::string t;
  for (const auto& p : c.pieces) t += lexicon::Compact(p.second);
  return t;
}

bool Overlaps(const Chunk& a, const Chunk& b) { return a.x0 < b.x1 && b.x0 < a.x1; }

// The piece `a` on band line `la`, centred over the gap between two
// neighbouring pieces b1, b2 of a lower line and touching no other piece of
// the band, is the upper cell of a two-level header, unless something else
// on its line lies over the pair, or the pair are the tails of cells wrapped
// from its line or above ("重点任" / "务" beside "工作措施").
bool SpansPair(const Chunk& a, size_t la, const std::vector<std::vector<Chunk>>& band,
               const Chunk& b1, const Chunk& b2) {
  if (a.cx() < b1.cx() || a.cx() > b2.cx()) return false;
  if (std::fabs(a.cx() - (b1.x1 + b2.x0) / 2.0) * 4 > b2.x1 - b1.x0) return false;
  if (Overlaps(a, b1) != Overlaps(a, b2)) return false;
  for (size_t l = 0; l < band.size(); ++l) {
    for (const Chunk& o : band[l]) {
      if (&o == &a || &o == &b1 || &o == &b2) continue;
      if (Overlaps(o, a)) return false;
      if (l == la && o.x0 < b2.x1 && o.x1 > b1.x0) return false;
      if (l <= la && (Overlaps(o, b1) || Overlaps(o, b2))) return false;
    }
  }
  return true;
}

// One chunk of a header band, and whether it spans a pair of sub-columns.
struct HeadPiece {
  int line;
  const Chunk* chunk;
  bool spanner = false;
  bool stray = false;        // looked like an upper cell, is none
  int over0 = 0, over1 = 0;  // a spanner: the x-range of the pair below
  int pair_line = 0;         // and their line
  const Chunk* b1 = nullptr;
  const Chunk* b2 = nullptr;
};

// The band's chunks, each spanner marked with the pair below it (SpansPair);
// a pair that holds an upper cell itself is no pair of sub-columns, and its
// would-be spanner is a stray.
std::vector<HeadPiece> HeadPieces(const std::vector<std::vector<Chunk>>& band) {
  std::vector<HeadPiece> pieces;
  for (size_t i = 0; i < band.size(); ++i) {
    for (const Chunk& c : band[i]) pieces.push_back({static_cast<int>(i), &c});
  }
  for (HeadPiece& p : pieces) {
    for (size_t b = static_cast<size_t>(p.line) + 1; b < band.size() && !p.spanner; ++b) {
      for (size_t k = 0; k + 1 < band[b].size(); ++k) {
        if (SpansPair(*p.chunk, static_cast<size_t>(p.line), band, band[b][k], band[b][k + 1])) {
          p.spanner = true;
          p.over0 = band[b][k].x0;
          p.over1 = band[b][k + 1].x1;
          p.pair_line = static_cast<int>(b);
          p.b1 = &band[b][k];
          p.b2 = &band[b][k + 1];
          break;
        }
      }
    }
  }
  for (HeadPiece& p : pieces) {
    if (!p.spanner) continue;
    for (const HeadPiece& q : pieces) {
      if (q.spanner && (q.chunk == p.b1 || q.chunk == p.b2)) p.spanner = false;
    }
    if (!p.spanner) p.stray = true;
  }
  return pieces;
}

// Leaves: the pieces that are neither spanners nor strays, joined where
// their x-ranges overlap, each classified by meaning.
void AddLeaves(const std::vector<HeadPiece>& pieces, Header* h) {
  std::vector<const HeadPiece*> rest;
  for (const HeadPiece& p : pieces) {
    if (!p.spanner && !p.stray) rest.push_back(&p);
    if (p.stray) ++h->stray;
  }
  std::sort(rest.begin(), rest.end(), [](const HeadPiece* a, const HeadPiece* b) {
    return a->chunk->x0 < b->chunk->x0;
  });
  for (const HeadPiece* p : rest) {
    if (h->leaves.empty() || p->chunk->x0 > h->leaves.back().x1) {
      h->leaves.emplace_back();
      h->leaves.back().x0 = p->chunk->x0;
    }
    HeadCell& c = h->leaves.back();
    c.x1 = std::max(c.x1, p->chunk->x1);
    c.pieces.push_back({h->first + p->line, p->chunk->text});
  }
  for (size_t i = 0; i < h->leaves.size(); ++i) {
    HeadCell& c = h->leaves[i];
    std::sort(c.pieces.begin(), c.pieces.end());
    c.first_leaf = static_cast<int>(i);
    c.key = ClassifyHeader(CellText(c));
  }
}

// Groups: each spanner over two or more leaves. Its sub-columns sit on the
// pair's line or below; a cell reaching higher is no sub-column (a title
// line over the header is no group) and the spanner is a stray.
void AddGroups(const std::vector<HeadPiece>& pieces, Header* h) {
  for (const HeadPiece& p : pieces) {
    if (!p.spanner) continue;
    HeadCell g;
    g.x0 = p.chunk->x0;
    g.x1 = p.chunk->x1;
    g.pieces.push_back({h->first + p.line, p.chunk->text});
    g.first_leaf = -1;
    g.leaves = 0;
    bool subs = true;
    for (size_t i = 0; i < h->leaves.size(); ++i) {
      if (h->leaves[i].x1 > p.over0 && h->leaves[i].x0 < p.over1) {
        if (g.first_leaf < 0) g.first_leaf = static_cast<int>(i);
        ++g.leaves;
        for (const auto& piece : h->leaves[i].pieces) {
          subs = subs && piece.first >= h->first + p.pair_line;
        }
      }
    }
    if (!subs) {
      ++h->stray;
    } else if (g.leaves >= 2) {
      g.key = ClassifyHeader(CellText(g));
      h->groups.push_back(std::move(g));
    }
  }
}

Header BuildHeader(const std::vector<std::vector<Chunk>>& band, int first) {
  Header h;
  h.first = first;
  h.last = first + static_cast<int>(band.size()) - 1;
  const std::vector<HeadPiece> pieces = HeadPieces(band);
  AddLeaves(pieces, &h);
  AddGroups(pieces, &h);
  return h;
}

// `a` sits within the columns of one of `line`'s pieces (stacked header
// words: "完成" over "时限").
bool Within(const Chunk& a, const std::vector<Chunk>& line) {
  for (const Chunk& b : line) {
    if (a.x0 >= b.x0 - 1 && a.x1 <= b.x1 + 1) return true;
  }
  return false;
}

// Line s, above the header line i, is one piece centred under a lone
// piece above it: the last line of a title block ("成都市…工作要点" over
// "重点任务分工"), not a header cell. `chunks` holds lines s..i.
bool TitleLine(const PPage& page, const std::vector<std::vector<Chunk>>& chunks, int s, int i) {
  if (s >= i || chunks[static_cast<size_t>(s)].size() != 1) return false;
  int above = s - 1;
  while (above >= 0 && page.lines[static_cast<size_t>(above)].blank()) --above;
  if (above < 0) return false;
  std::vector<Chunk> a = Chunks(page.lines[static_cast<size_t>(above)].glyphs, 2);
  return a.size() == 1 && std::fabs(a[0].cx() - chunks[static_cast<size_t>(s)][0].cx()) <= 1;
}

// The header band of a page: the first line of short pieces that, with up
// to two such lines above and below it, names three known columns.
bool FindHeader(const PPage& page, Header* out) {
  const int n = static_cast<int>(page.lines.size());
  std::vector<std::vector<Chunk>> chunks(page.lines.size());
  std::vector<char> done(page.lines.size(), 0);
  auto short_line = [&](int i) {
    if (i < 0 || i >= n || page.lines[static_cast<size_t>(i)].blank()) return false;
    size_t k = static_cast<size_t>(i);
    if (!done[k]) {
      chunks[k] = Chunks(page.lines[k].glyphs, 2);
      done[k] = 1;
    }
    return ShortPieces(chunks[k]);
  };
  for (int i = 0; i < n; ++i) {
    if (!short_line(i) || chunks[static_cast<size_t>(i)].size() < 2) continue;
    Header best;
    int best_score = -1, best_stacked = 0;
    for (int s = i; s >= i - 2 && short_line(s) && !TitleLine(page, chunks, s, i); --s) {
      for (int e = i; e <= i + 2 && short_line(e); ++e) {
        // Lines above i whose pieces all sit on pieces of the band (below
        // i, the body's first short lines would sit on them as well).
        int stacked = 0;
        for (int k = s; k < i && stacked >= 0; ++k) {
          bool on = true;
          for (const Chunk& a : chunks[static_cast<size_t>(k)]) {
            bool in = false;
            for (int o = s; o <= e && !in; ++o) {
              if (o != k) in = Within(a, chunks[static_cast<size_t>(o)]);
            }
            on = on && in;
          }
          stacked = on ? stacked + 1 : -1;
        }
        std::vector<std::vector<Chunk>> band(chunks.begin() + s, chunks.begin() + e + 1);
        Header h = BuildHeader(band, s);
        int score = h.Score();
        // Ties: the band that finds the upper cells of a two-level header,
        // then the one taking in more lines above of pieces stacked on it.
        bool tie = score == best_score && best_score > 0;
        if (score > best_score || (tie && h.groups.size() > best.groups.size()) ||
            (tie && h.groups.size() == best.groups.size() && stacked > best_stacked)) {
          best_score = score;
          best_stacked = stacked;
          best = std::move(h);
        }
      }
    }
    if (best_score > 0) {
      *out = std::move(best);
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------

// Lines [from, to) of the page that hold body text.
struct Body {
  int from = 0, to = 0;
  // Lines split piece by piece (Banded): they do not vote on gutters.
  const std::vector<char>* banded = nullptr;
};

// Lines in runs of three or more that hold one piece per column each, every
// piece starting within two positions of the one above it.
std::vector<char> Banded(const PPage& page, const Body& body, size_t ncol) {
  std::vector<char> out(page.lines.size(), 0);
  std::vector<Chunk> prev, cur;
  int run = 0;
  for (int i = body.from; i < body.to; ++i) {
    cur = Chunks(page.lines[static_cast<size_t>(i)].glyphs, 2);
    bool full = cur.size() == ncol && ncol > 1;
    bool same = full && prev.size() == ncol;
    for (size_t c = 0; same && c < ncol; ++c) same = std::abs(cur[c].x0 - prev[c].x0) <= 2;
    run = same ? run + 1 : full ? 1 : 0;
    if (run == 3) {
      for (int k = i - 2; k <= i; ++k) out[static_cast<size_t>(k)] = 1;
    } else if (run > 3) {
      out[static_cast<size_t>(i)] = 1;
    }
    prev = std::move(cur);
  }
  return out;
}


// Number of body lines in which a word runs across position b.
int CutsAt(const PPage& page, const Body& body, int b) {
  int cost = 0;
  for (int i = body.from; i < body.to; ++i) {
    if (page.lines[static_cast<size_t>(i)].across) continue;
    if (body.banded != nullptr && (*body.banded)[static_cast<size_t>(i)]) continue;
    bool left = false, right = false;
    for (const Glyph& g : page.lines[static_cast<size_t>(i)].glyphs) {
      if (g.x < b && g.x + g.w > b) {
        left = right = true;  // a wide glyph straddles b
        break;
      }
      if (g.x + g.w == b) left = true;
      if (g.x == b) right = true;
      if (g.x > b) break;
    }
    if (left && right) ++cost;
  }
  return cost;
}

// The least-cut position in [lo, hi], the middle of the widest such run.
int BestGutter(const PPage& page, const Body& body, int lo, int hi, int* cost) {
  if (hi < lo) std::swap(lo, hi);
  int best_b = (lo + hi) / 2, best_cost = std::numeric_limits<int>::max();
  int best_run = 0, run_start = lo, run_cost = -1;
  for (int b = lo; b <= hi; ++b) {
    int c = CutsAt(page, body, b);
    if (c != run_cost) run_start = b, run_cost = c;
    int run = b - run_start + 1;
    if (c < best_cost || (c == best_cost && run > best_run)) {
      best_cost = c;
      best_run = run;
      best_b = run_start + (run - 1) / 2 + ((run - 1) % 2);
    }
  }
  *cost = best_cost;
  return best_b;
}

constexpr int kFar = 1000000;

// Column edges from the header: between the centres of neighbouring header
// cells (body text may start left of a centred header word).
std::vector<int> EdgesFromHeader(const PPage& page, const Header& h,
                                 const Body& body, int* cuts) {
  std::vector<int> edges{-kFar};
  *cuts = 0;
  for (size_t c = 0; c + 1 < h.leaves.size(); ++c) {
    int lo = (h.leaves[c].x0 + h.leaves[c].x1 + 1) / 2;
    int hi = (h.leaves[c + 1].x0 + h.leaves[c + 1].x1) / 2;
    int cost = 0;
    edges.push_back(BestGutter(page, body, lo, hi, &cost));
    *cuts += cost;
  }
  edges.push_back(kFar);
  return edges;
}

int LeftMargin(const PPage& page, const Body& body) {
  int m = kFar;
  for (int i = body.from; i < body.to; ++i) {
    const PLine& l = page.lines[static_cast<size_t>(i)];
    if (!l.blank()) m = std::min(m, l.glyphs.front().x);
  }
  return m == kFar ? 0 : m;
}

int RightEnd(const PPage& page, const Body& body) {
  int r = 0;
  for (int i = body.from; i < body.to; ++i) {
    const PLine& l = page.lines[static_cast<size_t>(i)];
    if (!l.blank() && !l.across) r = std::max(r, l.glyphs.back().x + l.glyphs.back().w);
  }
  return r;
}

int EmptyColumns(const PPage& page, const Body& body, const std::vector<int>& edges) {
  std::vector<char> used(edges.size() - 1, 0);
  for (int i = body.from; i < body.to; ++i) {
    const PLine& l = page.lines[static_cast<size_t>(i)];
    if (l.across) continue;
    for (const Glyph& g : l.glyphs) {
      auto it = std::upper_bound(edges.begin(), edges.end(), g.x);
      size_t c = static_cast<size_t>(std::clamp(static_cast<int>(it - edges.begin()) - 1, 0,
                                                static_cast<int>(used.size()) - 1));
      used[c] = 1;
    }
  }
  return static_cast<int>(std::count(used.begin(), used.end(), 0));
}

// Edges 1..n-1 at positions 0..cost.size()-1, edge k expected at
// expect[k]: each cut word costs kCut, a distance d from the expected
// position d * d / 2 (a gutter a few positions away is fine, a far one not).
std::vector<int> PlaceEdges(const std::vector<double>& expect, const std::vector<int>& cost,
                            int* cuts, double* total) {
  constexpr double kCut = 10;
  const size_t n = expect.size() - 1;
  const int w = static_cast<int>(cost.size());
  std::vector<int> edges(n + 1, 0);
  *cuts = 0;
  std::vector<std::vector<double>> dp(n, std::vector<double>(static_cast<size_t>(w), kInf));
  std::vector<std::vector<int>> from(n, std::vector<int>(static_cast<size_t>(w), -1));
  for (size_t k = 1; k < n; ++k) {
    double best = k == 1 ? 0 : kInf;
    int best_b = -1;
    for (int b = 1; b < w; ++b) {
      // Best previous edge at least two positions to the left.
      if (k > 1 && b - 2 >= 0 && dp[k - 1][static_cast<size_t>(b - 2)] < best) {
        best = dp[k - 1][static_cast<size_t>(b - 2)];
        best_b = b - 2;
      }
      if (best == kInf) continue;
      dp[k][static_cast<size_t>(b)] =
          best + kCut * cost[static_cast<size_t>(b)] + (b - expect[k]) * (b - expect[k]) / 2;
      from[k][static_cast<size_t>(b)] = best_b;
    }
  }
  int b = static_cast<int>(std::min_element(dp[n - 1].begin(), dp[n - 1].end()) - dp[n - 1].begin());
  *total = dp[n - 1][static_cast<size_t>(b)];
  for (size_t k = n - 1; k >= 1 && b >= 0; --k) {
    edges[k] = b;
    *cuts += cost[static_cast<size_t>(b)];
    b = from[k][static_cast<size_t>(b)];
  }
  return edges;
}

// A page without a header: as many edges as the previous table page's
// columns, each in a gutter of this page near where the previous page's
// edge lies relative to its margins (pages may be set at other widths). One
// dynamic program over positions: a body word cut costs kCut, a position
// away from the expected one costs 1 per position.
std::vector<int> EdgesFromPrevious(const PPage& page, const Body& body,
                                   const std::vector<int>& prev, int prev_left,
                                   int prev_right, int* cuts) {
  const size_t n = prev.size() - 1;  // columns
  std::vector<int> edges(n + 1);
  edges[0] = -kFar;
  edges[n] = kFar;
  *cuts = 0;
  if (n < 2) return edges;
  const int left = LeftMargin(page, body), right = std::max(RightEnd(page, body), left + 2);
  const int w = right - left + 1;
  std::vector<int> cost(static_cast<size_t>(w));
  for (int b = 0; b < w; ++b) cost[static_cast<size_t>(b)] = CutsAt(page, body, left + b);
  // The page set like the previous one (shifted only), or scaled to its own
  // width: whichever finds cleaner gutters.
  double best_total = kInf;
  for (double scale : {1.0, (right - left) / std::max(1.0, 1.0 * (prev_right - prev_left))}) {
    std::vector<double> expect(n + 1, 0);
    for (size_t k = 1; k < n; ++k) expect[k] = (prev[k] - prev_left) * scale;
    int c = 0;
    double total = 0;
    std::vector<int> e = PlaceEdges(expect, cost, &c, &total);
    // A column left without text on the page is a column missed.
    std::vector<int> abs_edges(n + 1, -kFar);
    for (size_t k = 1; k < n; ++k) abs_edges[k] = left + e[k];
    abs_edges[n] = kFar;
    total += 100.0 * static_cast<double>(EmptyColumns(page, body, abs_edges));
    if (total < best_total) {
      best_total = total;
      *cuts = c;
      for (size_t k = 1; k < n; ++k) edges[k] = left + e[k];
    }
  }
  return edges;
}


// Text of each column on one line. A line holding exactly one piece per
// column, each piece near its column, is split piece by piece (positions
// drift between rows: "9  任务9" and "10  任务10"); otherwise glyphs go by
// position, a word crossing an edge going wholly to the column holding most
// of it.

// Glyph k follows a single space between two wide characters, in a run of
// glyphs (gaps under two), unless it is a letter space. Chinese text sets
// no space between its characters save in letter-spaced (justified) runs
// ("修 订 《党 委 常 委": two or more spaces between Chinese words of at
// most two glyphs, or such words only), so such a space is a gutter that
// pdftotext narrowed to one space (cells set closer than its column
// spacing, XeLaTeX: "清单， 纪委办公室"), and what follows it was placed
// right after the text before it, left of its own column. Spaces beside
// Latin letters or digits ("5G 用户数") are word spaces, except after
// letter-spaced text, which no unspaced Chinese word continues ("分 类 处
// 理 13个重点…").
std::vector<char> HardGutters(const std::vector<Glyph>& g) {
  std::vector<char> out(g.size(), 0);
  auto space_before = [&](size_t k) { return g[k].x - (g[k - 1].x + g[k - 1].w) == 1; };
  size_t i = 0;
  while (i < g.size()) {
    size_t j = i + 1;
    while (j < g.size() && g[j].x - (g[j - 1].x + g[j - 1].w) < 2) ++j;
    // Words of the run: [starts[w], starts[w + 1]).
    std::vector<size_t> starts{i};
    for (size_t k = i + 1; k < j; ++k) {
      if (space_before(k)) starts.push_back(k);
    }
    starts.push_back(j);
    auto letter_space = [&](size_t w) {  // between two short Chinese words
      return starts[w] - starts[w - 1] <= 2 && starts[w + 1] - starts[w] <= 2 &&
             DisplayWidth(g[starts[w] - 1].c) == 2 && DisplayWidth(g[starts[w]].c) == 2;
    };
    int letter = 0;
    bool all_short = true;
    for (size_t w = 1; w + 1 < starts.size(); ++w) letter += letter_space(w) ? 1 : 0;
    for (size_t w = 0; w + 1 < starts.size(); ++w) all_short = all_short && starts[w + 1] - starts[w] <= 2;
    // A word of three glyphs or more holding a Chinese character: no
    // letter-spaced text ("13个重点项目").
    auto unspaced = [&](size_t w) {
      if (starts[w + 1] - starts[w] < 3) return false;
      for (size_t k = starts[w]; k < starts[w + 1]; ++k) {
        if (DisplayWidth(g[k].c) == 2) return true;
      }
      return false;
    };
    const bool spaced = letter >= 2 || all_short;
    for (size_t w = 1; w + 1 < starts.size(); ++w) {
      size_t k = starts[w];
      // In a letter-spaced run ("水 平" too) only the space beside a longer
      // word is one ("强 化 生 态 推进重点…", "分 类 处 理 13个重点…").
      if (spaced && letter_space(w)) continue;
      if ((DisplayWidth(g[k - 1].c) == 2 && DisplayWidth(g[k].c) == 2) ||
          (spaced && (unspaced(w - 1) || unspaced(w)))) {
        out[k] = 1;
      }
    }
    i = j;
  }
  return out;
}

// A run of glyphs without a wide gap (justified text "不 少 于 12") that
// crosses an edge into a column where more text follows after a wide gap
// belongs wholly to the column it starts in: the next column's own text is
// the later piece. A gutter (HardGutters) ends a run.
void KeepSpacedRunsWhole(const std::vector<Glyph>& g, const std::vector<char>& gutter,
                         std::vector<int>* col) {
  size_t i = 0;
  while (i < g.size()) {
    size_t j = i + 1;
    while (j < g.size() && g[j].x - (g[j - 1].x + g[j - 1].w) < 2 && !gutter[j]) ++j;
    const int first = (*col)[i], last = (*col)[j - 1];
    bool more = j < g.size() && (*col)[j] == last;
    if (last != first && more) {
      for (size_t k = i; k < j; ++k) (*col)[k] = first;
    }
    i = j;
  }
}

// Text after a gutter (HardGutters) that position left in the column of the
// text before it goes to the next column, and what follows it no further
// left (columns only rise along a line).
void CrossGutters(const std::vector<char>& gutter, int ncol, std::vector<int>* col) {
  for (size_t k = 1; k < col->size(); ++k) {
    int need = (*col)[k - 1] + (gutter[k] ? 1 : 0);
    if ((*col)[k] < need && need < ncol) (*col)[k] = need;
  }
}

// `banded`: the line is one of a run of lines holding one piece per column
// at the same positions, wherever those lie (a band whose positions drifted
// away from the header's).
std::vector<std::string> SplitLine(const PLine& l, const std::vector<int>& edges,
                                   bool banded) {
  const size_t ncol = edges.size() - 1;
  std::vector<Chunk> pieces = Chunks(l.glyphs, 2);
  if (pieces.size() == ncol && ncol > 1) {
    constexpr int kDrift = 4;
    bool near = true;
    for (size_t c = 0; c < ncol && near; ++c) {
      near = pieces[c].x0 >= edges[c] - kDrift && pieces[c].x1 <= edges[c + 1] + kDrift;
    }
    if (near || banded) {
      std::vector<std::string> out(ncol);
      for (size_t c = 0; c < ncol; ++c) out[c] = pieces[c].text;
      return out;
    }
  }
  std::vector<int> col(l.glyphs.size());
  for (size_t i = 0; i < l.glyphs.size(); ++i) {
    auto it = std::upper_bound(edges.begin(), edges.end(), l.glyphs[i].x);
    col[i] = std::clamp(static_cast<int>(it - edges.begin()) - 1, 0,
                        static_cast<int>(ncol) - 1);
  }
  for (size_t i = 0; i < l.glyphs.size();) {
    size_t j = i + 1;
    while (j < l.glyphs.size() && l.glyphs[j].x == l.glyphs[j - 1].x + l.glyphs[j - 1].w) ++j;
    std::vector<int> votes(ncol, 0);
    for (size_t k = i; k < j; ++k) ++votes[static_cast<size_t>(col[k])];
    int winner = static_cast<int>(std::max_element(votes.begin(), votes.end()) - votes.begin());
    for (size_t k = i; k < j; ++k) col[k] = winner;
    i = j;
  }
  const std::vector<char> gutter = HardGutters(l.glyphs);
  KeepSpacedRunsWhole(l.glyphs, gutter, &col);
  CrossGutters(gutter, static_cast<int>(ncol), &col);
  std::vector<std::u32string> text(ncol);
  std::vector<int> end(ncol, -1);
  for (size_t k = 0; k < l.glyphs.size(); ++k) {
    size_t c = static_cast<size_t>(col[k]);
    if (!text[c].empty() && l.glyphs[k].x > end[c]) text[c] += U' ';
    text[c] += l.glyphs[k].c;
    end[c] = l.glyphs[k].x + l.glyphs[k].w;
  }
  std::vector<std::string> out(ncol);
  for (size_t c = 0; c < ncol; ++c) out[c] = lexicon::ToUtf8(text[c]);
  return out;
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

// How the cells of one row sit vertically, estimated once per document.
enum class Align { kTop, kCentre, kFirstLine };
constexpr Align kAligns[] = {Align::kTop, Align::kCentre, Align::kFirstLine};

struct Span {
  int top = 0, bottom = 0;  // inclusive page-line indices
  double center() const { return (top + bottom) / 2.0; }
};

// How badly `cell` sits in a row anchored at `anchor`.
double Misalign(const Span& cell, const Span& anchor, Align a) {
  switch (a) {
    case Align::kTop: return std::fabs(static_cast<double>(cell.top - anchor.top));
    case Align::kCentre: return std::fabs(cell.center() - anchor.center());
    case Align::kFirstLine: return std::fabs(cell.center() - anchor.top);
  }
  return 0;
}

struct CellLine {
  int line;
  std::string text;
  int last = -1;  // a piece joined from lines [line, last]; -1: one line
  double mid() const { return last < 0 ? line : (line + last) / 2.0; }
};

struct ZoneRow {
  std::vector<CellLine> anchor_lines, deadline;
  std::vector<std::vector<CellLine>> other;  // per column
  Span anchor;  // anchor (+ deadline) lines
  Span band;    // all its lines
  bool guess = false;
};

// Column roles for row geometry, from the header's keys.
struct Roles {
  int anchor = -1, deadline = -1, seq = -1, task = -1;
  std::vector<int> names;  // department columns
};

// One zone: body lines [begin, end) between section headings, split into
// columns.
struct Zone {
  int begin = 0, end = 0;
  bool page_top = false;  // the first zone of the page
  bool page_end = false;  // the last zone of the page
  // The first zone of a page whose previous table page stopped inside a
  // sentence of the text column: its first lines finish that sentence.
  bool continues = false;
  bool after_table_page = false;  // an earlier page holds the table
  // Cut from a longer zone where no row boundary was certain: its rows are
  // a guess.
  bool forced = false;
};

class ZoneReader {
 public:
  ZoneReader(const std::vector<std::vector<std::string>>& cells, const Roles& roles,
             size_t ncol, Align align, const normalizer::DepartmentDict& dict)
      : cells_(cells), roles_(roles), ncol_(ncol), align_(align), dict_(dict) {}

  Align align() const { return align_; }
  // Groups the zone's text lines into rows; returns the alignment cost.
  double Rows(const Zone& z, std::vector<ZoneRow>* rows) const;
  double GroupRows(const Zone& z, std::vector<ZoneRow>* rows) const;
  void AssignOthers(const Zone& z, std::vector<ZoneRow>* rows) const;
  // Task groups: for each row, the index of the sequence number whose cell
  // spans it (-1: the zone's lead-in, continuing an earlier task).
  std::vector<int> Tasks(const Zone& z, const std::vector<ZoneRow>& rows,
                         std::vector<CellLine>* seqs) const;

 private:
  const std::string& Text(int line, int c) const {
    return cells_[static_cast<size_t>(line)][static_cast<size_t>(c)];
  }
  // Sets *guess when the assignment fell back to the nearest row.
  std::vector<int> AssignLines(const std::vector<CellLine>& lines,
                               const std::vector<ZoneRow>& rows, bool names,
                               bool* guess) const;

  const std::vector<std::vector<std::string>>& cells_;
  const Roles& roles_;
  size_t ncol_;
  Align align_;
  const normalizer::DepartmentDict& dict_;
};

// Deadline cells: pieces on nearby lines join while the text so far is not a
// deadline and joining makes one (or may still make one).
std::vector<std::vector<CellLine>> DeadlineCells(const std::vector<CellLine>& pieces) {
  std::vector<std::vector<CellLine>> out;
  std::string cur;
  int last = -10;
  for (const CellLine& d : pieces) {
    bool join = false;
    if (!out.empty() && d.line - last <= 2) {
      join = lex::JoinsDeadline(cur, d.text) ||
             (!lex::IsDeadline(cur) && (lex::IsDeadlinePrefix(cur) ||
                                        (!lex::IsDeadline(d.text) && d.line - last <= 1)));
    }
    if (join) {
      out.back().push_back(d);
      cur += d.text;
    } else {
      out.push_back({d});
      cur = d.text;
    }
    last = d.line;
  }
  return out;
}

double ZoneReader::Rows(const Zone& z, std::vector<ZoneRow>* rows) const {
  double cost = GroupRows(z, rows);
  if (z.forced) {
    for (ZoneRow& r : *rows) r.guess = true;
  }
  return cost;
}

// Each deadline closes a row: an optional lead-in (a row continued from the
// previous page, at the page's top only), then one group of the text
// column's segments per deadline, each group aligned with its deadline
// (least misalignment, by dynamic programming). Bounded: a group holds at
// most kMaxGroup segments. Returns the cost and each group's first segment
// in *starts (size deadlines + 1, the last = segments), or kInf when there
// are no deadlines or more deadlines than segments.
double GroupByDeadlines(const std::vector<Span>& segs, const std::vector<Span>& dls,
                        const Zone& z, Align align, std::vector<size_t>* starts) {
  const size_t m = segs.size(), k = dls.size();
  if (k == 0 || k > m) return kInf;
  auto seg_span = [&](size_t a, size_t b) { return Span{segs[a].top, segs[b - 1].bottom}; };
  constexpr size_t kMaxGroup = 64;
  std::vector<std::vector<double>> dp(k + 1, std::vector<double>(m + 1, kInf));
  std::vector<std::vector<size_t>> from(k + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i0 = 0; i0 <= m; ++i0) {
    double c = i0 == 0 ? (z.continues ? 10 : 0) : z.continues ? 0 : z.page_top ? 0.5 : 20;
    if (i0 > 0 && seg_span(0, i0).bottom > dls[0].top) c += 5;
    dp[0][i0] = c;
  }
  for (size_t d = 0; d < k; ++d) {
    for (size_t i = 0; i < m; ++i) {
      if (dp[d][i] == kInf) continue;
      for (size_t j = i + 1; j <= m && j - i <= kMaxGroup; ++j) {
        Span s = seg_span(i, j);
        double c = Misalign(dls[d], s, align);
        if (dls[d].center() < s.top - 1 || dls[d].center() > s.bottom + 1) c += 3;
        if (dp[d][i] + c < dp[d + 1][j]) {
          dp[d + 1][j] = dp[d][i] + c;
          from[d + 1][j] = i;
        }
      }
    }
  }
  if (dp[k][m] == kInf) return kInf;
  starts->assign(k + 1, 0);
  (*starts)[k] = m;
  for (size_t d = k; d > 0; --d) (*starts)[d - 1] = from[d][(*starts)[d]];
  return dp[k][m];
}

double ZoneReader::GroupRows(const Zone& z, std::vector<ZoneRow>* rows) const {
  rows->clear();
  // Segments of the text column, split after sentence ends.
  std::vector<std::vector<CellLine>> segs;
  bool open = false;
  std::vector<CellLine> dl_pieces;
  for (int i = z.begin; i < z.end; ++i) {
    const std::string& m = Text(i, roles_.anchor);
    if (!m.empty()) {
      if (!open) segs.emplace_back();
      segs.back().push_back({i, m});
      open = !lex::EndsSentence(m);
    }
    if (roles_.deadline >= 0 && !Text(i, roles_.deadline).empty()) {
      dl_pieces.push_back({i, Text(i, roles_.deadline)});
    }
  }
  std::vector<std::vector<CellLine>> dls = DeadlineCells(dl_pieces);
  const size_t m = segs.size(), k = dls.size();
  auto seg_span = [&](size_t a, size_t b) {
    return Span{segs[a].front().line, segs[b - 1].back().line};
  };
  auto dl_span = [&](size_t d) { return Span{dls[d].front().line, dls[d].back().line}; };
  auto add_row = [&](size_t a, size_t b, const std::vector<CellLine>* dl, bool guess) {
    ZoneRow r;
    for (size_t s = a; s < b; ++s) {
      r.anchor_lines.insert(r.anchor_lines.end(), segs[s].begin(), segs[s].end());
    }
    if (dl != nullptr) r.deadline = *dl;
    r.anchor = {r.anchor_lines.front().line, r.anchor_lines.back().line};
    r.guess = guess;
    rows->push_back(std::move(r));
  };
  if (m == 0) return 0;
  std::vector<Span> seg_spans, dl_spans;
  for (size_t s = 0; s < m; ++s) seg_spans.push_back(seg_span(s, s + 1));
  for (size_t d = 0; d < k; ++d) dl_spans.push_back(dl_span(d));
  std::vector<size_t> starts;
  const double cost = GroupByDeadlines(seg_spans, dl_spans, z, align_, &starts);
  if (cost < kInf) {
    if (starts[0] > 0) add_row(0, starts[0], nullptr, false);
    for (size_t d = 0; d < k; ++d) {
      // A row far from its deadline is a guess.
      Span s = seg_span(starts[d], starts[d + 1]);
      bool far = Misalign(dl_span(d), s, align_) > 2.5;
      add_row(starts[d], starts[d + 1], &dls[d], far);
    }
    return cost;
  }
  // No deadlines: one row per segment. More deadlines than segments: the
  // rows are a guess; each deadline goes to the nearest segment.
  bool guess = k > 0;
  for (size_t s = 0; s < m; ++s) add_row(s, s + 1, nullptr, guess);
  for (size_t d = 0; d < k; ++d) {
    size_t best = 0;
    double bd = kInf;
    for (size_t s = 0; s < m; ++s) {
      double dd = std::fabs((*rows)[s].anchor.center() - dl_span(d).center());
      if (dd < bd) bd = dd, best = s;
    }
    auto& dst = (*rows)[best].deadline;
    dst.insert(dst.end(), dls[d].begin(), dls[d].end());
  }
  return guess ? 5.0 * static_cast<double>(k) : 0;
}

// Monotone assignment of one column's lines to the zone's rows.
std::vector<int> ZoneReader::AssignLines(const std::vector<CellLine>& lines,
                                         const std::vector<ZoneRow>& rows,
                                         bool names, bool* guess) const {
  const size_t p = lines.size(), r = rows.size();
  std::vector<int> owner(p, -1);
  if (p == 0 || r == 0) return owner;
  // Cutting between lines i-1 and i inside a wrapped name costs.
  std::vector<double> cut(p + 1, 0);
  std::vector<std::string> norm(p);
  std::vector<bool> complete(p);
  for (size_t i = 0; i < p; ++i) {
    norm[i] = lexicon::NormCompact(lines[i].text);
    complete[i] = names && lex::NameComplete(norm[i], dict_);
  }
  if (names) {
    std::string acc = lines[0].text;
    for (size_t i = 1; i < p; ++i) {
      bool far = lines[i].line - lines[i - 1].line > 2;
      // A bare suffix ("政府" at a page's top) ends a name begun above the
      // zone; it starts none.
      bool closed = lex::IsPlaceholder(acc) || lex::NameComplete(acc, dict_) ||
                    lexicon::IsNameSuffix(acc);
      // "延庆区" / "政府", "各县级市" / "（区）人民政府": a suffix or a
      // bracketed part alone continues the name above.
      std::string next = lexicon::NormCompact(lines[i].text);
      bool tail = lexicon::IsNameSuffix(next) || next.rfind("（", 0) == 0 ||
                  next.rfind("(", 0) == 0;
      if (far || (closed && !tail)) {
        acc = lines[i].text;
      } else {
        cut[i] = 4;
        acc += lines[i].text;
      }
    }
  }
  // The cost of lines [i, j) as row `row`'s cell, built line by line (one
  // extension in O(1), so a start costs O(kMaxCellLines)).
  // Names as small integers (-1: not a complete name), counted per group.
  std::vector<int> id(p, -1);
  {
    std::unordered_map<std::string, int> ids;
    for (size_t k = 0; k < p; ++k) {
      if (complete[k]) id[k] = ids.emplace(norm[k], static_cast<int>(ids.size())).first->second;
    }
  }
  std::vector<int> seen(p, 0);
  struct Group {
    double fixed = 0;  // neighbours' text, gaps, names listed twice
    std::vector<int> touched;
  };
  auto extend = [&](size_t row, size_t i, size_t k, Group* g) {
    if (row + 1 < r && lines[k].line >= rows[row + 1].anchor.top) g->fixed += 10;
    if (row > 0 && !rows[row - 1].anchor_lines.empty() &&
        lines[k].line <= rows[row - 1].anchor.bottom) {
      g->fixed += 10;
    }
    if (k > i) g->fixed += std::max(0, lines[k].line - lines[k - 1].line - 2);
    if (id[k] >= 0) {
      int& n = seen[static_cast<size_t>(id[k])];
      g->fixed += 4.0 * n++;
      g->touched.push_back(id[k]);
    }
  };
  auto group_cost = [&](size_t row, size_t i, size_t j, const Group& g) -> double {
    if (i == j) return 0.0;
    Span cell{lines[i].line, lines[j - 1].line};
    // A lead-in row's lines start at the zone's top.
    double c = rows[row].anchor_lines.empty() && rows[row].deadline.empty()
                   ? Misalign(cell, rows[row].anchor, Align::kTop)
                   : Misalign(cell, rows[row].anchor, align_);
    return c + g.fixed + (i > 0 ? cut[i] : 0);
  };
  // Bounded work: a cell holds at most kMaxCellLines lines; beyond kMaxWork
  // the nearest row takes each line.
  constexpr size_t kMaxCellLines = 64;
  constexpr size_t kMaxWork = 4000000;
  auto nearest = [&]() {
    size_t row = 0;
    for (size_t k = 0; k < p; ++k) {
      while (row + 1 < r && std::fabs(lines[k].line - rows[row + 1].anchor.center()) <=
                                std::fabs(lines[k].line - rows[row].anchor.center())) {
        ++row;
      }
      owner[k] = static_cast<int>(row);
    }
    *guess = true;
    return owner;
  };
  if (r * p * std::min(p, kMaxCellLines) > kMaxWork) return nearest();
  std::vector<std::vector<double>> dp(r + 1, std::vector<double>(p + 1, kInf));
  std::vector<std::vector<size_t>> from(r + 1, std::vector<size_t>(p + 1, 0));
  dp[0][0] = 0;
  for (size_t row = 0; row < r; ++row) {
    // A cell never reaches past its neighbours' text.
    const int lo = row > 0 && !rows[row - 1].anchor_lines.empty()
                       ? rows[row - 1].anchor.top
                       : std::numeric_limits<int>::min();
    const int hi = row + 1 < r ? rows[row + 1].anchor.bottom : std::numeric_limits<int>::max();
    for (size_t i = 0; i <= p; ++i) {
      if (dp[row][i] == kInf) continue;
      Group g;
      const size_t last = i < p && lines[i].line < lo ? i : p;  // empty only
      for (size_t j = i; j <= last && j - i <= kMaxCellLines; ++j) {
        if (j > i && lines[j - 1].line > hi) break;
        if (j > i) extend(row, i, j - 1, &g);
        double c = dp[row][i] + group_cost(row, i, j, g);
        if (c < dp[row + 1][j]) dp[row + 1][j] = c, from[row + 1][j] = i;
      }
      for (int t : g.touched) seen[static_cast<size_t>(t)] = 0;
    }
  }
  if (dp[r][p] == kInf) return nearest();
  size_t j = p;
  for (size_t row = r; row > 0; --row) {
    size_t i = from[row][j];
    for (size_t k = i; k < j; ++k) owner[k] = static_cast<int>(row - 1);
    j = i;
  }
  return owner;
}

void ZoneReader::AssignOthers(const Zone& z, std::vector<ZoneRow>* rows) const {
  // At a page's top, lines of other columns above the first row's text
  // finish a row cut by the page break: a lead-in row without text of its
  // own in the text column.
  if (z.page_top && !rows->empty() && !rows->front().deadline.empty()) {
    ZoneRow lead;
    lead.anchor = {z.begin, z.begin};
    rows->insert(rows->begin(), std::move(lead));
  }
  for (ZoneRow& r : *rows) r.other.assign(ncol_, {});
  for (size_t c = 0; c < ncol_; ++c) {
    int ci = static_cast<int>(c);
    if (ci == roles_.anchor || ci == roles_.deadline || ci == roles_.seq ||
        ci == roles_.task) {
      continue;
    }
    std::vector<CellLine> lines;
    for (int i = z.begin; i < z.end; ++i) {
      if (!Text(i, ci).empty()) lines.push_back({i, Text(i, ci)});
    }
    bool names = std::find(roles_.names.begin(), roles_.names.end(), ci) != roles_.names.end();
    bool guess = false;
    std::vector<int> owner = AssignLines(lines, *rows, names, &guess);
    if (guess) {
      for (ZoneRow& r : *rows) r.guess = true;
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      if (owner[i] >= 0) (*rows)[static_cast<size_t>(owner[i])].other[c].push_back(lines[i]);
    }
  }
  for (ZoneRow& r : *rows) {
    r.band = r.anchor;
    auto extend = [&](const std::vector<CellLine>& ls) {
      for (const CellLine& l : ls) {
        r.band.top = std::min(r.band.top, l.line);
        r.band.bottom = std::max(r.band.bottom, l.line);
      }
    };
    extend(r.deadline);
    for (const auto& o : r.other) extend(o);
  }
}

std::vector<int> ZoneReader::Tasks(const Zone& z, const std::vector<ZoneRow>& rows,
                                   std::vector<CellLine>* seqs) const {
  const size_t nr = rows.size();
  std::vector<int> row_task(nr, -1);
  seqs->clear();
  if (roles_.seq >= 0) {
    // A number wrapped in a narrow column ("（" over "1）", maybe a line
    // of other columns between) is one number.
    for (int i = z.begin; i < z.end; ++i) {
      const std::string& a = Text(i, roles_.seq);
      if (lex::IsSeq(a)) {
        seqs->push_back({i, a});
        continue;
      }
      if (a.empty()) continue;
      int k = i + 1;
      while (k < z.end && k <= i + 2 && Text(k, roles_.seq).empty()) ++k;
      if (k < z.end && k <= i + 2 && lex::IsSeq(a + Text(k, roles_.seq))) {
        seqs->push_back({i, a + Text(k, roles_.seq), k});
        i = k;
      }
    }
  }
  const size_t nt = seqs->size();
  if (nt == 0 || nr == 0) return row_task;
  // The page ends inside the zone's last row: its task goes on overleaf.
  const auto& tail = rows.back().anchor_lines;
  const bool cut = z.page_end && !tail.empty() && !lex::EndsSentence(tail.back().text);
  // Each number's cell spans consecutive rows it sits on, placed by the
  // alignment model; the last number of a zone may be cut by the page end
  // (then it sits at its cell's top). Rows above the first number continue
  // an earlier task.
  std::vector<std::vector<double>> tp(nt + 1, std::vector<double>(nr + 1, kInf));
  std::vector<std::vector<size_t>> tf(nt + 1, std::vector<size_t>(nr + 1, 0));
  tp[0][0] = 0;
  for (size_t i0 = 1; i0 <= nr; ++i0) {
    bool free = z.page_top && z.after_table_page && i0 == 1;
    tp[0][i0] = tp[0][i0 - 1] + (free ? 0 : 0.75);
  }
  for (size_t t = 0; t < nt; ++t) {
    const CellLine& q = (*seqs)[t];
    const double s = q.mid();
    const Span number{q.line, std::max(q.line, q.last)};
    const bool last = t + 1 == nt;
    for (size_t i = 0; i < nr; ++i) {
      if (tp[t][i] == kInf) continue;
      Span rs = rows[i].band;
      for (size_t j = i + 1; j <= nr && j - i <= 256; ++j) {
        rs.top = std::min(rs.top, rows[j - 1].band.top);
        rs.bottom = std::max(rs.bottom, rows[j - 1].band.bottom);
        if (s < rs.top - 1 || s > rs.bottom + 1) continue;
        // A cell cut by the page end shows its top part only: the number
        // sits at that part's top.
        double top = std::fabs(rs.top - q.line);
        double c = Misalign(number, rs, align_);
        if (last) c = cut ? top : std::min(c, top);
        if (tp[t][i] + c < tp[t + 1][j]) tp[t + 1][j] = tp[t][i] + c, tf[t + 1][j] = i;
      }
    }
  }
  if (tp[nt][nr] < kInf) {
    size_t j = nr;
    for (size_t t = nt; t > 0; --t) {
      for (size_t i = tf[t][j]; i < j; ++i) row_task[i] = static_cast<int>(t - 1);
      j = tf[t][j];
    }
  } else {
    for (size_t i = 0; i < nr; ++i) {
      for (size_t t = 0; t < nt; ++t) {
        if ((*seqs)[t].line <= rows[i].band.bottom) row_task[i] = static_cast<int>(t);
      }
    }
  }
  return row_task;
}

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

struct PageTable {
  bool table = false;
  bool own_header = false;
  Header header;
  std::vector<int> edges;          // on this page
  std::vector<double> frame;       // the same edges where the header's page
                                   // has them (what Grid::col_edges holds)
  int cuts = 0;
  Body body;
  int left = 0, right = 0;                      // the body's extent
  std::vector<char> banded;                     // per page line (Banded)
  std::vector<std::vector<std::string>> cells;  // per page line, per column
  std::vector<char> section;                    // per page line
  std::vector<Zone> zones;
};

Roles RolesOf(const Header& h) {
  Roles r;
  for (size_t c = 0; c < h.leaves.size(); ++c) {
    int ci = static_cast<int>(c);
    switch (h.leaves[c].key) {
      case ColumnKey::kMeasure: if (r.anchor < 0) r.anchor = ci; break;
      case ColumnKey::kDeadline: if (r.deadline < 0) r.deadline = ci; break;
      case ColumnKey::kSeq: if (r.seq < 0) r.seq = ci; break;
      case ColumnKey::kTask: if (r.task < 0) r.task = ci; break;
      case ColumnKey::kLead:
      case ColumnKey::kResponsible:
      case ColumnKey::kAssisting: r.names.push_back(ci); break;
      default: break;
    }
  }
  if (r.anchor < 0) std::swap(r.anchor, r.task);  // one text column
  return r;
}

// A lone piece that starts in the first column and runs past it.
bool Spanning(const PLine& l, const std::vector<int>& edges) {
  std::vector<Chunk> ch = Chunks(l.glyphs, 2);
  return ch.size() == 1 && edges.size() > 2 && ch[0].x0 < edges[1] && ch[0].x1 > edges[1];
}

bool SectionLine(const PLine& l, const std::vector<int>& edges) {
  std::vector<Chunk> ch = Chunks(l.glyphs, 2);
  if (ch.size() != 1 || (edges.size() > 2 && ch[0].x0 >= edges[1])) return false;
  std::string t = lexicon::NormCompact(ch[0].text);
  return lex::IsSection(t) && !lex::EndsSentence(t);
}

// Lines of the table's body and below it: the trailing lines that span
// columns without being section headings are below the table.
void SplitBody(const PPage& page, PageTable* t) {
  int k = static_cast<int>(page.lines.size());
  bool last = true;  // the page's last text: a bare page number there
  while (k > t->body.from) {
    const PLine& l = page.lines[static_cast<size_t>(k - 1)];
    bool outside = l.blank() ||
                   ((Spanning(l, t->edges) || l.across) && !SectionLine(l, t->edges)) ||
                   (last && lexicon::IsPageNumberLine(LineText(l)));
    if (!outside) break;
    last = last && l.blank();
    --k;
  }
  t->body.to = k;
}

// A deadline that overflows its column ("…财政局、 2021—2023 | 年",
// "2021 年 6 | 月"): the neighbouring column's word joins the deadline cell
// when the joined text is a deadline and the cell alone is not one.
void MoveDeadlineWords(int deadline, std::vector<std::string>* cells) {
  if (deadline < 0) return;
  std::string& mine = (*cells)[static_cast<size_t>(deadline)];
  // Rightwards: "2021 年 6 | 月".
  if (static_cast<size_t>(deadline) + 1 < cells->size() && !mine.empty() &&
      !lex::IsDeadline(mine)) {
    std::string& right = (*cells)[static_cast<size_t>(deadline) + 1];
    size_t sp = right.find(' ');
    std::string word = right.substr(0, sp);
    if (!word.empty() && lex::IsDeadline(mine + word)) {
      mine += " " + word;
      right = sp == std::string::npos ? "" : lexicon::Trim(right.substr(sp + 1));
    }
  }
  if (deadline == 0) return;
  std::string& left = (*cells)[static_cast<size_t>(deadline - 1)];
  size_t sp = left.rfind(' ');
  if (sp == std::string::npos || mine.empty()) return;
  std::string word = left.substr(sp + 1);
  if (lex::IsDeadline(mine) || !lex::IsDeadline(word + mine)) return;
  mine = word + " " + mine;
  left = lexicon::Trim(left.substr(0, sp));
}

// A sentence end pushed past the text column's edge ("…100 | 家。 市科技局"):
// the first word of the next column, when it ends a sentence, goes back.
void MoveSentenceEnd(int anchor, std::vector<std::string>* cells) {
  if (anchor < 0 || static_cast<size_t>(anchor) + 1 >= cells->size()) return;
  std::string& mine = (*cells)[static_cast<size_t>(anchor)];
  std::string& right = (*cells)[static_cast<size_t>(anchor) + 1];
  size_t sp = right.find(' ');
  if (mine.empty() || sp == std::string::npos || lex::EndsSentence(mine)) return;
  std::string word = right.substr(0, sp);
  if (!lex::EndsSentence(word) || lexicon::CodePoints(word) > 3) return;
  mine += word;
  right = lexicon::Trim(right.substr(sp + 1));
}

// A row certainly starts at line i: the text column starts a sentence there
// (the line above ends one or is empty) beside a sequence number or a
// deadline.
bool CleanBreak(const PageTable& t, const Roles& roles, int i) {
  auto text = [&](int line, int c) -> const std::string& {
    return t.cells[static_cast<size_t>(line)][static_cast<size_t>(c)];
  };
  if (roles.anchor < 0 || text(i, roles.anchor).empty()) return false;
  const std::string& above = text(i - 1, roles.anchor);
  if (!above.empty() && !lex::EndsSentence(above)) return false;
  return (roles.seq >= 0 && !text(i, roles.seq).empty()) ||
         (roles.deadline >= 0 && !text(i, roles.deadline).empty());
}

// Zones of lines [begin, end). Rows are found by dynamic programs quadratic
// in a zone's size; a real page holds some tens of lines, so a zone longer
// than kMaxZoneLines (hostile input) is cut at a certain row start, or,
// failing one, anywhere, its rows then marked as guesses.
void AddZones(int begin, int end, PageTable* t) {
  constexpr int kMaxZoneLines = 120;
  const Roles roles = RolesOf(t->header);
  bool forced_before = false;
  while (begin < end) {
    int cut = end;
    bool forced = false;
    if (end - begin > kMaxZoneLines) {
      cut = -1;
      for (int i = begin + kMaxZoneLines; i < std::min(end, begin + 2 * kMaxZoneLines); ++i) {
        if (CleanBreak(*t, roles, i)) {
          cut = i;
          break;
        }
      }
      forced = cut < 0;
      if (forced) cut = begin + kMaxZoneLines;
    }
    Zone z;
    z.begin = begin;
    z.end = cut;
    z.page_top = t->zones.empty() && begin == t->body.from;
    z.page_end = cut == t->body.to;
    z.forced = forced || forced_before;
    t->zones.push_back(z);
    forced_before = forced;
    begin = cut;
  }
}

void SplitCells(const PPage& page, PageTable* t) {
  const size_t ncol = t->edges.size() - 1;
  t->cells.assign(page.lines.size(), std::vector<std::string>(ncol));
  t->section.assign(page.lines.size(), 0);
  const std::vector<char>& banded = t->banded;
  for (int i = t->body.from; i < t->body.to; ++i) {
    const PLine& l = page.lines[static_cast<size_t>(i)];
    if (l.blank()) continue;
    if (SectionLine(l, t->edges)) {
      t->section[static_cast<size_t>(i)] = 1;
      continue;
    }
    t->cells[static_cast<size_t>(i)] = SplitLine(l, t->edges, banded[static_cast<size_t>(i)]);
    const Roles roles = RolesOf(t->header);
    MoveDeadlineWords(roles.deadline, &t->cells[static_cast<size_t>(i)]);
    MoveSentenceEnd(roles.anchor, &t->cells[static_cast<size_t>(i)]);
  }
  int begin = t->body.from;
  for (int i = t->body.from; i <= t->body.to; ++i) {
    if (i == t->body.to || t->section[static_cast<size_t>(i)]) {
      if (i > begin) AddZones(begin, i, t);
      begin = i + 1;
    }
  }
}

// The page's last text-column line does not end a sentence.
bool EndsOpen(const PageTable& t) {
  Roles roles = RolesOf(t.header);
  if (roles.anchor < 0 || t.zones.empty() || !t.zones.back().page_end) return false;
  for (int i = t.body.to - 1; i >= t.body.from; --i) {
    const std::string& m = t.cells[static_cast<size_t>(i)][static_cast<size_t>(roles.anchor)];
    if (!m.empty()) return !lex::EndsSentence(m);
  }
  return false;
}

// The body ends before a note or closing block that follows its last
// tabular line (two or more pieces): such lines do not vote on gutters.
void TrimNotes(const PPage& page, Body* body) {
  int cut = body->to;
  for (int i = body->to - 1; i >= body->from; --i) {
    const PLine& l = page.lines[static_cast<size_t>(i)];
    if (l.blank()) continue;
    if (!l.across && Chunks(l.glyphs, 2).size() >= 2) break;
    if (l.across && lexicon::SectionLevel(LineText(l)) == 0) cut = i;
  }
  body->to = cut;
}

// Lines holding two or more pieces: a page of table, not of prose.
bool LooksTabular(const PPage& page, const Body& body) {
  int nonblank = 0, tabular = 0;
  for (int i = body.from; i < body.to; ++i) {
    const PLine& l = page.lines[static_cast<size_t>(i)];
    if (l.blank()) continue;
    ++nonblank;
    tabular += Chunks(l.glyphs, 2).size() >= 2 ? 1 : 0;
  }
  return tabular >= 2 && tabular * 5 >= nonblank;
}

// Grid::col_edges of a page with its own header: the inner edges, the left
// margin and the right end of the header or body.
std::vector<double> Frame(const PPage& page, const PageTable& t) {
  const size_t ncol = t.edges.size() - 1;
  int left = LeftMargin(page, t.body), right = 0;
  for (const HeadCell& c : t.header.leaves) left = std::min(left, c.x0), right = std::max(right, c.x1);
  for (int i = t.body.from; i < t.body.to; ++i) {
    const PLine& l = page.lines[static_cast<size_t>(i)];
    if (!l.blank()) right = std::max(right, l.glyphs.back().x + l.glyphs.back().w);
  }
  std::vector<double> out(t.edges.begin(), t.edges.end());
  out[0] = ncol > 1 ? std::min(left, t.edges[1] - 1) : left;
  out[ncol] = ncol > 1 ? std::max(right, t.edges[ncol - 1] + 1) : std::max(right, left + 1);
  return out;
}

// ---------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------

class LayoutReader {
 public:
  explicit LayoutReader(const normalizer::DepartmentDict& dict) : dict_(dict) {}
  std::vector<Grid> Read(const DumpPages& in);

 private:
  std::vector<PageTable> Analyse(const std::vector<PPage>& pages, int* cuts) const;
  Grid MakeGrid(const PPage& page, const PageTable& t, Align align) const;
  void AddHeader(const PageTable& t, Grid* g) const;
  void AddZone(const PageTable& t, const Zone& z, const ZoneReader& reader,
               Grid* g) const;

  const normalizer::DepartmentDict& dict_;
};

std::vector<PageTable> LayoutReader::Analyse(const std::vector<PPage>& pages,
                                             int* cuts) const {
  std::vector<PageTable> out(pages.size());
  *cuts = 0;
  const PageTable* prev = nullptr;
  bool open = false;  // the previous table page ends inside a sentence
  for (size_t p = 0; p < pages.size(); ++p) {
    const PPage& page = pages[p];
    PageTable& t = out[p];
    t.body.to = static_cast<int>(page.lines.size());
    if (FindHeader(page, &t.header)) {
      t.own_header = t.table = true;
      t.body.from = t.header.last + 1;
      TrimNotes(page, &t.body);
      t.banded = Banded(page, t.body, t.header.leaves.size());
      t.body.banded = &t.banded;
      t.edges = EdgesFromHeader(page, t.header, t.body, &t.cuts);
    } else if (prev != nullptr && LooksTabular(page, t.body)) {
      t.table = true;
      t.header = prev->header;
      TrimNotes(page, &t.body);
      t.banded = Banded(page, t.body, prev->header.leaves.size());
      t.body.banded = &t.banded;
      t.edges = EdgesFromPrevious(page, t.body, prev->edges, prev->left, prev->right, &t.cuts);
    }
    if (!t.table) continue;
    t.left = LeftMargin(page, t.body);
    t.right = RightEnd(page, t.body);
    if (t.own_header) {
      t.frame = Frame(page, t);
    } else {
      t.frame = prev->frame;  // column k is the previous page's column k
    }
    SplitBody(page, &t);
    SplitCells(page, &t);
    if (!t.zones.empty() && t.zones.front().page_top) {
      t.zones.front().continues = open;
      t.zones.front().after_table_page = prev != nullptr;
    }
    open = EndsOpen(t);
    *cuts += t.cuts;
    prev = &t;
  }
  return out;
}

// A wide punctuation mark no line may start with (Unicode line breaking:
// closing punctuation, exclamation/interrogation, infix separators,
// nonstarters): "，", "。", "、", "；", "）".
bool NeverStartsLine(char32_t c) {
  if (DisplayWidth(c) != 2) return false;
  switch (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_LINE_BREAK)) {
    case U_LB_CLOSE_PUNCTUATION:
    case U_LB_CLOSE_PARENTHESIS:
    case U_LB_EXCLAMATION:
    case U_LB_INFIX_NUMERIC:
    case U_LB_NONSTARTER:
      return true;
    default:
      return false;
  }
}

std::string Render(const std::vector<Glyph>& glyphs) {
  std::u32string out;
  for (const Glyph& g : glyphs) {
    if (static_cast<int>(out.size()) < g.x) out.append(static_cast<size_t>(g.x) - out.size(), U' ');
    out += g.c;
  }
  return lexicon::ToUtf8(out);
}

bool Free(const std::vector<Glyph>& line, int x0, int x1) {
  for (const Glyph& g : line) {
    if (g.x < x1 && g.x + g.w > x0) return false;
  }
  return true;
}

// pdftotext sets a piece that overlaps the end of another right at (or one
// column inside) that end; when the two, one visual line, come out on
// neighbouring lines (a baseline nudged by a quote mark or a Latin font:
// "实施千兆光网“追光行动”" under "，新增 10G-PON"), the second starts a
// line with a mark no line starts with. Such a piece goes onto the line of
// the piece it continues (the line above first), when nothing else is in
// the way. In code point columns, the ones pdftotext counts.
void RejoinSplitLines(DumpPages* dump) {
  std::vector<DumpLine>& lines = dump->lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank()) continue;
    std::vector<Glyph> gf = Place(lines[i].text, false);
    for (const Chunk& c : Chunks(gf, 2)) {
      if (!NeverStartsLine(lexicon::ToU32(c.text).front())) continue;
      for (size_t o : {i - 1, i + 1}) {
        if (o >= lines.size() || lines[o].page != lines[i].page || lines[o].blank()) continue;
        std::vector<Glyph> go = Place(lines[o].text, false);
        const std::vector<Chunk> co = Chunks(go, 2);
        const Chunk* d = nullptr;
        for (const Chunk& k : co) {
          if (d == nullptr && c.x0 >= k.x1 - 1 && c.x0 <= k.x1) d = &k;
        }
        const int shift = d == nullptr ? 0 : d->x1 - c.x0;
        if (d == nullptr || !Free(go, d->x1, c.x1 + shift) || !Free(gf, d->x0, c.x0)) continue;
        std::vector<Glyph> keep;
        for (Glyph g : gf) {
          if (g.x >= c.x0 && g.x < c.x1) {
            g.x += shift;
            go.push_back(g);
          } else {
            keep.push_back(g);
          }
        }
        std::sort(go.begin(), go.end(), [](const Glyph& a, const Glyph& b) { return a.x < b.x; });
        lines[i].text = Render(keep);
        lines[o].text = Render(go);
        gf = std::move(keep);
        break;
      }
    }
  }
}

// For debugging (PLAN2JSON_DEBUG_LAYOUT set): each table page's column
// edges and its body lines cut into columns, on stderr.
void DumpCells(const std::vector<PageTable>& tables, bool wide) {
  std::fprintf(stderr, "layout: %s width model\n", wide ? "display" : "code point");
  for (size_t p = 0; p < tables.size(); ++p) {
    const PageTable& t = tables[p];
    if (!t.table) continue;
    std::fprintf(stderr, "page %zu edges:", p + 1);
    for (int e : t.edges) std::fprintf(stderr, " %d", e);
    std::fprintf(stderr, "\n");
    for (int i = t.body.from; i < t.body.to; ++i) {
      std::fprintf(stderr, "%3d", i);
      for (const std::string& c : t.cells[static_cast<size_t>(i)]) {
        std::fprintf(stderr, " | %s", c.c_str());
      }
      std::fprintf(stderr, "\n");
    }
  }
}

std::vector<Grid> LayoutReader::Read(const DumpPages& in) {
  DumpPages dump = in;
  RejoinSplitLines(&dump);
  // Pages of lines, positioned under both width models.
  std::vector<PPage> narrow, wide;
  for (const DumpLine& l : dump.lines) {
    if (l.page > dump.pages && l.blank()) continue;  // after the last form feed
    while (static_cast<int>(narrow.size()) < l.page) {
      narrow.emplace_back();
      narrow.back().number = static_cast<int>(narrow.size());
      wide.emplace_back();
      wide.back().number = static_cast<int>(wide.size());
    }
    bool across = Across(l.text);
    narrow[static_cast<size_t>(l.page - 1)].lines.push_back({Place(l.text, false), across});
    wide[static_cast<size_t>(l.page - 1)].lines.push_back({Place(l.text, true), across});
  }
  int cuts_narrow = 0, cuts_wide = 0;
  std::vector<PageTable> t_narrow = Analyse(narrow, &cuts_narrow);
  std::vector<PageTable> t_wide = Analyse(wide, &cuts_wide);
  const bool use_wide = cuts_wide < cuts_narrow;
  const std::vector<PPage>& pages = use_wide ? wide : narrow;
  const std::vector<PageTable>& tables = use_wide ? t_wide : t_narrow;

  // The vertical alignment model that fits the whole document best.
  Align align = Align::kCentre;
  double best = kInf;
  for (Align a : kAligns) {
    double cost = 0;
    for (const PageTable& t : tables) {
      if (!t.table) continue;
      Roles roles = RolesOf(t.header);
      if (roles.anchor < 0) continue;
      ZoneReader reader(t.cells, roles, t.edges.size() - 1, a, dict_);
      std::vector<ZoneRow> rows;
      for (const Zone& z : t.zones) cost += reader.Rows(z, &rows);
    }
    if (cost < best) best = cost, align = a;
  }
  if (std::getenv("PLAN2JSON_DEBUG_LAYOUT") != nullptr) DumpCells(tables, use_wide);
  std::vector<Grid> grids;
  for (size_t p = 0; p < pages.size(); ++p) grids.push_back(MakeGrid(pages[p], tables[p], align));
  return grids;
}

void LayoutReader::AddHeader(const PageTable& t, Grid* g) const {
  const Header& h = t.header;
  const bool two_level = !h.groups.empty();
  const int header_rows = two_level ? 2 : 1;
  auto lines_of = [&](const HeadCell& c) {
    std::vector<TextLine> out;
    for (const auto& [line, text] : c.pieces) out.push_back(MakeLine(text, c.x0, c.x1, line));
    return out;
  };
  auto under_group = [&](int leaf) {
    for (const HeadCell& gr : h.groups) {
      if (leaf >= gr.first_leaf && leaf < gr.first_leaf + gr.leaves) return true;
    }
    return false;
  };
  for (const HeadCell& gr : h.groups) {
    Cell c;
    c.page = g->page;
    c.row = 0;
    c.col = gr.first_leaf;
    c.col_span = gr.leaves;
    c.lines = lines_of(gr);
    g->cells.push_back(std::move(c));
  }
  for (size_t i = 0; i < h.leaves.size(); ++i) {
    Cell c;
    c.page = g->page;
    bool sub = two_level && under_group(static_cast<int>(i));
    c.row = sub ? 1 : 0;
    c.row_span = sub ? 1 : header_rows;
    c.col = static_cast<int>(i);
    c.lines = lines_of(h.leaves[i]);
    g->cells.push_back(std::move(c));
  }
  double top = h.first, bottom = h.last + 1;
  g->row_edges.push_back(top);
  if (two_level) g->row_edges.push_back((top + bottom) / 2);
  g->row_edges.push_back(bottom);
}

void LayoutReader::AddZone(const PageTable& t, const Zone& z, const ZoneReader& reader,
                           Grid* g) const {
  std::vector<ZoneRow> rows;
  reader.Rows(z, &rows);
  if (rows.empty()) return;
  reader.AssignOthers(z, &rows);
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const ZoneRow& r) {
               if (!r.anchor_lines.empty() || !r.deadline.empty()) return false;
               for (const auto& o : r.other) {
                 if (!o.empty()) return false;
               }
               return true;
             }), rows.end());
  std::vector<CellLine> seqs;
  std::vector<int> row_task = reader.Tasks(z, rows, &seqs);
  const Roles roles = RolesOf(t.header);
  const int first_row = g->rows();
  // Text in the sequence column that is no sequence number: the task cells
  // were built without their anchors.
  bool odd_seq = false;
  for (int i = z.begin; i < z.end && roles.seq >= 0; ++i) {
    const std::string& s = t.cells[static_cast<size_t>(i)][static_cast<size_t>(roles.seq)];
    bool joined = false;
    for (const CellLine& q : seqs) joined = joined || (q.line <= i && i <= q.last);
    odd_seq = odd_seq || (!s.empty() && !lex::IsSeq(s) && !joined);
  }

  auto cell = [&](int row, int col, const std::vector<CellLine>& ls, bool guess) {
    Cell c;
    c.page = g->page;
    c.row = row;
    c.col = col;
    for (const CellLine& l : ls) {
      c.lines.push_back(MakeLine(l.text, t.edges[static_cast<size_t>(col)],
                                 t.edges[static_cast<size_t>(col) + 1], l.line));
    }
    c.confidence = guess ? kGuess : 1.0;
    return c;
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    const ZoneRow& r = rows[i];
    int row = first_row + static_cast<int>(i);
    g->row_edges.push_back(r.band.bottom + 1);
    g->cells.push_back(cell(row, roles.anchor, r.anchor_lines, r.guess));
    if (roles.deadline >= 0) g->cells.push_back(cell(row, roles.deadline, r.deadline, r.guess));
    for (size_t c = 0; c < r.other.size(); ++c) {
      if (!r.other[c].empty()) g->cells.push_back(cell(row, static_cast<int>(c), r.other[c], r.guess));
    }
  }
  // Task cells: a sequence number and the task text beside it span the
  // rows the number's cell covers; text above the zone's first number sits
  // in the rows continuing an earlier task.
  for (int col : {roles.seq, roles.task}) {
    if (col < 0) continue;
    std::vector<CellLine> lines;
    for (int i = z.begin; i < z.end; ++i) {
      const std::string& s = t.cells[static_cast<size_t>(i)][static_cast<size_t>(col)];
      if (!s.empty()) lines.push_back({i, s});
    }
    // A group of rows starts at its first row's top, or higher at its
    // number's line (a number set above its row's text).
    auto group_top = [&](size_t i) {
      int top = rows[i].band.top;
      if (row_task[i] >= 0) top = std::min(top, seqs[static_cast<size_t>(row_task[i])].line);
      // Cells centred on their rows: a task's text may start above its
      // rows. Two tasks' texts part where each is best centred on its
      // number (as many lines above it as below), the rows' top kept on a
      // tie.
      if (col == roles.task && reader.align() != Align::kTop && i > 0 && row_task[i] >= 0 &&
          row_task[i - 1] >= 0) {
        const size_t ta = static_cast<size_t>(row_task[i - 1]), tb = static_cast<size_t>(row_task[i]);
        // Each number's own lines reach halfway to its neighbours'.
        const double sa = seqs[ta].mid(), sb = seqs[tb].mid();
        const double before = ta > 0 ? (seqs[ta - 1].mid() + sa) / 2 : z.begin - 1;
        const double after = tb + 1 < seqs.size() ? (sb + seqs[tb + 1].mid()) / 2 : z.end;
        auto count = [&](double from, double to) {  // task lines in (from, to)
          int n = 0;
          for (const CellLine& l : lines) n += l.line > from && l.line < to ? 1 : 0;
          return n;
        };
        auto off_centre = [&](int part) {
          return std::abs(count(before, sa) - count(sa, part)) +
                 std::abs(count(part - 1, sb) - count(sb, after));
        };
        const int rows_top = top;
        int best = off_centre(rows_top);
        for (const CellLine& l : lines) {
          if (l.line <= sa || l.line >= rows_top) continue;
          if (off_centre(l.line) < best) best = off_centre(l.line), top = l.line;
        }
      }
      return top;
    };
    size_t i = 0;
    while (i < rows.size()) {
      size_t j = i + 1;
      while (j < rows.size() && row_task[j] == row_task[i]) ++j;
      int top = i == 0 ? z.begin : group_top(i);
      int bottom = j == rows.size() ? z.end - 1 : group_top(j) - 1;
      std::vector<CellLine> mine;
      for (const CellLine& l : lines) {
        if (l.line >= top && l.line <= bottom) mine.push_back(l);
      }
      Cell c = cell(first_row + static_cast<int>(i), col, mine, false);
      c.row_span = static_cast<int>(j - i);
      for (size_t k = i; k < j; ++k) c.confidence = std::min(c.confidence, rows[k].guess ? kGuess : 1.0);
      if (odd_seq) c.confidence = kGuess;
      g->cells.push_back(std::move(c));
      i = j;
    }
  }
}

Grid LayoutReader::MakeGrid(const PPage& page, const PageTable& t, Align align) const {
  Grid g;
  g.page = page.number;
  g.ruled = true;  // spans are decided here; BuildPlan takes them as given
  auto outside = [&](int from, int to, std::vector<TextLine>* dst) {
    for (int i = from; i < to; ++i) {
      const PLine& l = page.lines[static_cast<size_t>(i)];
      if (l.blank()) continue;
      dst->push_back(MakeLine(LineText(l), l.glyphs.front().x,
                              l.glyphs.back().x + l.glyphs.back().w, i));
    }
  };
  if (!t.table) {
    outside(0, static_cast<int>(page.lines.size()), &g.above);
    return g;
  }
  const size_t ncol = t.edges.size() - 1;
  g.col_edges = t.frame;
  if (t.own_header) {
    outside(0, t.header.first, &g.above);
    AddHeader(t, &g);
  } else {
    outside(0, t.body.from, &g.above);
    g.row_edges.push_back(t.body.from);
  }
  const Roles roles = RolesOf(t.header);
  ZoneReader reader(t.cells, roles, ncol, align, dict_);
  size_t next_zone = 0;
  for (int i = t.body.from; i < t.body.to; ++i) {
    if (t.section[static_cast<size_t>(i)]) {
      Cell c;
      c.page = g.page;
      c.row = g.rows();
      c.col = 0;
      c.col_span = static_cast<int>(ncol);
      c.lines.push_back(MakeLine(LineText(page.lines[static_cast<size_t>(i)]), g.col_edges.front(),
                                 g.col_edges.back(), i));
      g.cells.push_back(std::move(c));
      g.row_edges.push_back(i + 1);
      continue;
    }
    while (next_zone < t.zones.size() && t.zones[next_zone].begin <= i) {
      if (t.zones[next_zone].begin == i && roles.anchor >= 0) {
        AddZone(t, t.zones[next_zone], reader, &g);
      }
      ++next_zone;
    }
  }
  // Row edges rise strictly; boxes follow them.
  for (size_t r = 1; r < g.row_edges.size(); ++r) {
    g.row_edges[r] = std::max(g.row_edges[r], g.row_edges[r - 1] + 0.01);
  }
  for (Cell& c : g.cells) {
    size_t r0 = static_cast<size_t>(c.row), r1 = r0 + static_cast<size_t>(c.row_span);
    size_t c0 = static_cast<size_t>(c.col), c1 = c0 + static_cast<size_t>(c.col_span);
    c.box = {g.col_edges[c0], g.row_edges[r0], g.col_edges[std::min(c1, ncol)],
             g.row_edges[std::min(r1, g.row_edges.size() - 1)]};
  }
  outside(t.body.to, static_cast<int>(page.lines.size()), &g.below);
  return g;
}

}  // namespace

std::vector<Grid> LayoutGrids(const DumpPages& dump, const TextOptions& options) {
  std::shared_ptr<const normalizer::DepartmentDict> dict =
      options.departments ? options.departments : normalizer::DepartmentDict::BuiltIn();
  LayoutReader reader(*dict);
  return reader.Read(dump);
}

}  // namespace plan2json::extractor::textdump
