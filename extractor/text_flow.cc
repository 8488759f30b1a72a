// Copyright 2026 The plan2json Authors.
//
// Reading-order dumps (plain pdftotext) -> one Grid per page. What the dump
// has lost is the geometry; what is left is the order of the text and the
// text itself. This file decides where text sits in the table and how sure
// that is; what the table means (header roles, sections, tasks, page breaks,
// title) is BuildPlan's.
//
//  1. Pieces (text_pieces.cc): every line is cut where pdftotext joined text
//     of different columns on one baseline, and each piece gets a kind from
//     the lexicon (sequence number, deadline, placeholder, heading,
//     department names, note, running text); deadlines and sequence numbers
//     a wrap cut are rejoined when the joined text parses.
//  2. Header: the header words of the first page naming three known columns
//     (ClassifyHeader), in any order, split pieces rejoined (序/号, 完成/时限);
//     the same words on later pages are a repeated header and dropped.
//  3. Rows, per page (text_rows.cc): running text is cut into measures at
//     sentence ends; each measure is a row. Every other stream (sequence
//     numbers, tasks, deadlines, department cells, extra text) is matched to
//     the rows keeping its order. Where a stream has exactly one item per
//     row, an item shares a line with a row's text, or wrapped name lists
//     allow exactly as many cells as rows, the placement is hard evidence;
//     where only the distance in reading order ranks the choices, the cell
//     gets a confidence below Cell::kSureCell and BuildPlan flags its row.
//  4. Grids: one per physical page; the header as one row (two when a
//     责任单位-like word spans the department columns), a heading as one
//     cell spanning every column, `above` the text before the header on the
//     first table page (and whole pages before it), `below` notes and the
//     closing block. Column positions are synthetic (one unit per column).

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "extractor/text_flow_internal.h"
#include "lexicon/lexicon.h"

namespace plan2json::extractor::textdump {
namespace {

using flow::Kind;
using flow::Piece;

// ---------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------

struct HeaderWord {
  ColumnKey key;
  std::string text;             // joined pieces
  std::vector<size_t> pieces;   // indexes into the page's pieces
};

struct Header {
  int page = 0;                  // physical page of the first table page
  size_t first_piece = 0;        // first header piece on that page
  std::vector<HeaderWord> cols;  // grid column order
  std::vector<std::string> words;  // every piece's text, to drop repeats
  int group_of_depts = -1;       // a 责任单位 spanning the department columns
};

bool IsCandidate(const Piece& p) {
  return p.kind == Kind::kText || p.kind == Kind::kDept;
}

// Header words among the pieces of one page: pieces that ClassifyHeader
// knows (a whole word is short: a longer line naming a column is a title,
// "重点任务分工表"), and split pieces joined: a short piece with a later short
// one within eight lines when the joined text names a column and either
// alone does not (or both are halves of 序号). Joins whose second half names
// the column the whole names go first (完成 + 时限 before 责任 + 完成: a
// header word ends in its head noun, so a known word cannot take an unknown
// tail another word needs as its head).
std::vector<HeaderWord> HeaderWords(const std::vector<Piece>& ps) {
  std::vector<size_t> cand;
  for (size_t i = 0; i < ps.size(); ++i) {
    if (IsCandidate(ps[i]) && lexicon::CodePoints(ps[i].norm) <= 8 &&
        !lexicon::AttachmentLabel(ps[i].norm)) {
      cand.push_back(i);
    }
  }
  std::vector<HeaderWord> words;
  std::vector<bool> used(cand.size(), false);
  auto join = [&](bool by_head) {
    for (size_t a = 0; a < cand.size(); ++a) {
      const Piece& pa = ps[cand[a]];
      const ColumnKey ka = ClassifyHeader(pa.norm);
      for (size_t b = a + 1; !used[a] && lexicon::CodePoints(pa.norm) <= 3 && b < cand.size();
           ++b) {
        const Piece& pb = ps[cand[b]];
        if (pb.line - pa.line > 8) break;
        // A department name is no half of a header word.
        if (used[b] || lexicon::CodePoints(pb.norm) > 3 || pb.kind == Kind::kDept) continue;
        const ColumnKey kb = ClassifyHeader(pb.norm);
        const ColumnKey kj = ClassifyHeader(pa.norm + pb.norm);
        if (kj == ColumnKey::kExtra) continue;
        bool halves = ka == kj && kb == kj && kj == ColumnKey::kSeq;
        if (!halves && ka != ColumnKey::kExtra && kb != ColumnKey::kExtra) continue;
        if (by_head && !halves && kb != kj) continue;
        words.push_back({kj, pa.norm + pb.norm, {cand[a], cand[b]}});
        used[a] = used[b] = true;
      }
    }
  };
  join(true);
  join(false);
  for (size_t a = 0; a < cand.size(); ++a) {
    if (used[a]) continue;
    const Piece& pa = ps[cand[a]];
    const ColumnKey ka = ClassifyHeader(pa.norm);
    if ((ka != ColumnKey::kExtra && lexicon::CodePoints(pa.norm) <= 6) ||
        flow::IsNoteColumnWord(pa.norm)) {
      words.push_back({ka, pa.norm, {cand[a]}});
      used[a] = true;
    }
  }
  std::stable_sort(words.begin(), words.end(), [](const HeaderWord& x, const HeaderWord& y) {
    return x.pieces[0] < y.pieces[0];
  });
  return words;
}

// Keeps the words with a neighbour of another kind within three lines (a
// lone 重大项目 in the body is no header; a split word or a notes column
// needs none); of two words of one kind, the one with more neighbours (the
// first on a tie).
std::vector<HeaderWord> KeepHeaderWords(const std::vector<Piece>& ps,
                                        const std::vector<HeaderWord>& words) {
  auto neighbours = [&](const HeaderWord& w) {
    int n = 0;
    for (const HeaderWord& o : words) {
      if (&o == &w || o.key == w.key || o.key == ColumnKey::kExtra) continue;
      int d = ps[o.pieces[0]].line - ps[w.pieces[0]].line;
      if (d >= -3 && d <= 3) ++n;
    }
    return n;
  };
  std::vector<HeaderWord> kept;
  std::vector<int> score;
  for (const HeaderWord& w : words) {
    int n = neighbours(w);
    bool joined = w.pieces.size() > 1;
    if (n == 0 && !joined && !(w.key == ColumnKey::kExtra && flow::IsNoteColumnWord(w.text))) {
      continue;
    }
    bool replaced = false, dropped = false;
    for (size_t k = 0; k < kept.size(); ++k) {
      if (kept[k].key != w.key || w.key == ColumnKey::kExtra) continue;
      if (n > score[k]) {
        kept[k] = w, score[k] = n, replaced = true;
      } else {
        dropped = true;
      }
    }
    if (!replaced && !dropped) kept.push_back(w), score.push_back(n);
  }
  return kept;
}

// The header of one page, if its words name at least three known columns,
// one of them the measure or task column.
bool CollectHeader(const std::vector<Piece>& ps, Header* out) {
  std::vector<HeaderWord> kept = KeepHeaderWords(ps, HeaderWords(ps));
  bool measure = false;
  std::vector<ColumnKey> known;
  for (const HeaderWord& w : kept) {
    if (w.key == ColumnKey::kMeasure || w.key == ColumnKey::kTask) measure = true;
    if (w.key != ColumnKey::kExtra &&
        std::find(known.begin(), known.end(), w.key) == known.end()) {
      known.push_back(w.key);
    }
  }
  if (known.size() < 3 || !measure) return false;
  std::stable_sort(kept.begin(), kept.end(), [&](const HeaderWord& a, const HeaderWord& b) {
    return a.pieces[0] < b.pieces[0];
  });
  out->cols = kept;
  out->first_piece = ps.size();
  for (const HeaderWord& w : kept) {
    for (size_t i : w.pieces) {
      out->first_piece = std::min(out->first_piece, i);
      out->words.push_back(ps[i].norm);
    }
    out->words.push_back(w.text);
  }
  return true;
}

// A 责任单位-like word read before two or more lead/assisting words is the
// upper level of a two-level header (printed above them): it spans them.
void FindGroup(Header* h) {
  int subs = 0, group = -1;
  for (size_t i = 0; i < h->cols.size(); ++i) {
    ColumnKey k = h->cols[i].key;
    if (k == ColumnKey::kLead || k == ColumnKey::kAssisting) {
      ++subs;
      if (group < 0) return;  // a sub-word first: three department columns
    }
    if (k == ColumnKey::kResponsible) group = group == -1 ? static_cast<int>(i) : -2;
  }
  if (subs < 2 || group < 0) return;
  // Move the sub-columns right after the group word, in their order.
  HeaderWord g = h->cols[static_cast<size_t>(group)];
  std::vector<HeaderWord> out, subs_v;
  for (const HeaderWord& w : h->cols) {
    if (w.key == ColumnKey::kLead || w.key == ColumnKey::kAssisting) subs_v.push_back(w);
  }
  for (const HeaderWord& w : h->cols) {
    if (w.key == ColumnKey::kLead || w.key == ColumnKey::kAssisting) continue;
    out.push_back(w);
    if (&w == &h->cols[static_cast<size_t>(group)]) {
      h->group_of_depts = static_cast<int>(out.size()) - 1;
      out.insert(out.end(), subs_v.begin(), subs_v.end());
    }
  }
  h->cols = std::move(out);
}

bool IsHeaderWord(const Header& h, const std::string& norm) {
  return std::find(h.words.begin(), h.words.end(), norm) != h.words.end();
}

// ---------------------------------------------------------------------------
// Grid building
// ---------------------------------------------------------------------------

constexpr double kColWidth = 100, kRowHeight = 20;

TextLine Line(const std::string& text, double x0, double y0, double x1) {
  TextLine l;
  l.text = text;
  l.box = {x0, y0, x1, y0 + kRowHeight};
  return l;
}

class GridWriter {
 public:
  GridWriter(int page, int cols) {
    grid_.page = page;
    grid_.ruled = true;  // rows and spans are explicit: nothing to infer from geometry
    for (int c = 0; c <= cols; ++c) grid_.col_edges.push_back(c * kColWidth);
    grid_.row_edges.push_back(0);
  }
  int NewRow() {
    grid_.row_edges.push_back(grid_.row_edges.back() + kRowHeight);
    return grid_.rows() - 1;
  }
  void Put(int row, int col, int col_span, const std::vector<std::string>& lines,
           double confidence, int row_span = 1) {
    Cell c;
    c.page = grid_.page;
    c.row = row;
    c.col = col;
    c.col_span = col_span;
    c.row_span = row_span;
    c.box = {col * kColWidth, row * kRowHeight, (col + col_span) * kColWidth,
             (row + row_span) * kRowHeight};
    for (const std::string& t : lines) {
      c.lines.push_back(Line(t, c.box.x0, c.box.y0, c.box.x1));
    }
    c.confidence = confidence;
    grid_.cells.push_back(std::move(c));
  }
  Grid& grid() { return grid_; }

 private:
  Grid grid_;
};

// Header rows: one row, or two when a group word spans the department
// columns (the group above, its sub-columns below, the rest spanning both).
void WriteHeader(const Header& h, GridWriter* w) {
  const int n = static_cast<int>(h.cols.size());
  if (h.group_of_depts < 0) {
    int r = w->NewRow();
    for (int c = 0; c < n; ++c) w->Put(r, c, 1, {h.cols[static_cast<size_t>(c)].text}, 1.0);
    return;
  }
  int r0 = w->NewRow();
  int r1 = w->NewRow();
  int subs = 0;
  for (const HeaderWord& hw : h.cols) {
    subs += hw.key == ColumnKey::kLead || hw.key == ColumnKey::kAssisting;
  }
  // Grid columns: every column but the group word.
  int c = 0;
  for (int i = 0; i < n; ++i) {
    const HeaderWord& hw = h.cols[static_cast<size_t>(i)];
    if (i == h.group_of_depts) {
      w->Put(r0, c, subs, {hw.text}, 1.0);
      continue;
    }
    bool sub = hw.key == ColumnKey::kLead || hw.key == ColumnKey::kAssisting;
    if (sub) {
      w->Put(r1, c, 1, {hw.text}, 1.0);
    } else {
      w->Put(r0, c, 1, {hw.text}, 1.0, 2);
    }
    ++c;
  }
}

std::vector<TextLine> Lines(const std::vector<std::string>& texts) {
  std::vector<TextLine> out;
  for (const std::string& t : texts) out.push_back(Line(t, 0, 0, 0));
  return out;
}

// Appends `lines` to the last department cell of the last grid with body
// rows (a name the page break cut); the cell becomes soft.
void CarryBack(const std::vector<std::string>& lines, std::vector<Grid>* grids,
               const std::vector<ColumnKey>& keys) {
  for (auto g = grids->rbegin(); g != grids->rend(); ++g) {
    Cell* best = nullptr;
    for (Cell& c : g->cells) {
      const ColumnKey k = keys[static_cast<size_t>(c.col)];
      if (c.col_span != 1 || (k != ColumnKey::kLead && k != ColumnKey::kResponsible &&
                              k != ColumnKey::kAssisting)) {
        continue;
      }
      if (best == nullptr || c.row > best->row || (c.row == best->row && c.col > best->col)) best = &c;
    }
    if (best == nullptr) continue;
    for (const std::string& t : lines) best->lines.push_back(Line(t, best->box.x0, best->box.y0, best->box.x1));
    best->confidence = std::min(best->confidence, 0.5);
    return;
  }
}

// One table page's pieces: before the header on the first table page is
// `above`; the words of a repeated header (on a page holding two or more of
// them) are dropped; from a note or the closing block on (but for cells read
// after a note on its page), and a bare page number at a page's foot, is
// `under`; the rest is the body.
void Sort(const Header& header, int page, const std::vector<Piece>& ps, bool form_feeds,
          bool* below, std::vector<std::string>* above, std::vector<Piece>* body,
          std::vector<std::string>* under) {
  int repeats = 0;
  for (const Piece& pc : ps) repeats += IsCandidate(pc) && IsHeaderWord(header, pc.norm);
  bool note_here = false;  // a note (not the closing block) began on this page
  for (size_t i = 0; i < ps.size(); ++i) {
    const Piece& pc = ps[i];
    if (page == header.page && i < header.first_piece) {
      above->push_back(pc.text);
      continue;
    }
    if (IsCandidate(pc) && IsHeaderWord(header, pc.norm) &&
        (page == header.page || repeats >= 2)) {
      continue;
    }
    if (pc.kind == Kind::kNote) {
      *below = true;
      note_here = !lexicon::IsColophon(pc.norm);
    }
    const bool page_number = i + 1 == ps.size() && form_feeds && !body->empty() &&
                             lexicon::IsPageNumberLine(pc.norm);
    // Cells of the last row that the reading order put after a note under
    // the table (not after the closing block) are still the table's.
    const bool cell = pc.kind == Kind::kDeadline || pc.kind == Kind::kDept ||
                      pc.kind == Kind::kBlank;
    if ((*below && !(note_here && cell)) || page_number) {
      under->push_back(pc.text);
      continue;
    }
    body->push_back(pc);
  }
}

}  // namespace

std::vector<Grid> ReadingOrderGrids(const DumpPages& dump, const TextOptions& options) {
  (void)options;
  std::vector<std::vector<Piece>> pages = flow::PagePieces(dump);
  Header header;
  bool found = false;
  for (size_t p = 0; p < pages.size() && !found; ++p) {
    if (CollectHeader(pages[p], &header)) {
      header.page = static_cast<int>(p) + 1;
      found = true;
    }
  }
  std::vector<Grid> grids;
  if (!found) {
    for (size_t p = 0; p < pages.size(); ++p) {
      Grid g;
      g.page = static_cast<int>(p) + 1;
      std::vector<std::string> texts;
      for (const Piece& pc : pages[p]) texts.push_back(pc.text);
      g.above = Lines(texts);
      grids.push_back(std::move(g));
    }
    return grids;
  }
  FindGroup(&header);
  // Grid columns: the header's columns without a group word.
  std::vector<ColumnKey> keys;
  for (int i = 0; i < static_cast<int>(header.cols.size()); ++i) {
    if (i != header.group_of_depts) keys.push_back(header.cols[static_cast<size_t>(i)].key);
  }
  flow::RowReader reader(keys);
  bool below = false;
  for (size_t p = 0; p < pages.size(); ++p) {
    const int page = static_cast<int>(p) + 1;
    GridWriter w(page, static_cast<int>(keys.size()));
    std::vector<std::string> above, under;
    std::vector<Piece> body;
    std::vector<Piece>& ps = pages[p];
    if (page < header.page) {
      for (const Piece& pc : ps) above.push_back(pc.text);
    } else {
      if (page == header.page) WriteHeader(header, &w);
      Sort(header, page, ps, dump.form_feeds, &below, &above, &body, &under);
      std::vector<std::string> carry;
      std::vector<flow::OutRow> rows = reader.ReadPage(body, &carry);
      if (!carry.empty()) CarryBack(carry, &grids, keys);
      for (const flow::OutRow& row : rows) {
        int r = w.NewRow();
        for (const flow::OutCell& c : row) w.Put(r, c.col, c.col_span, c.lines, c.confidence);
      }
    }
    w.grid().above = Lines(above);
    w.grid().below = Lines(under);
    grids.push_back(std::move(w.grid()));
  }
  return grids;
}

// Until the dispatch (TextDumpGrids) takes the grids itself.
Result<RawPlan> ReadReadingOrder(const DumpPages& dump,
                                 const normalizer::DepartmentDict& dict) {
  (void)dict;
  return BuildPlan(ReadingOrderGrids(dump, TextOptions{}));
}

}  // namespace plan2json::extractor::textdump
