// Copyright 2026 The plan2json Authors.
//
// From per-page grids to plan rows. The steps, per page in order:
//  1. find the header row by meaning (ClassifyHeader) — it may repeat on every
//     page or appear only on the first; columns are mapped to the first
//     header's columns by kind, else by horizontal overlap;
//  2. text around the table: the 附件N label and the title on the first
//     table page; page numbers and running heads elsewhere are furniture;
//  3. body: a cell spanning (nearly) the whole width is a section heading;
//     every distinct cell of the anchor column (the measure column) is one
//     row; cells of other columns that cover it belong to it, so a task cell
//     spanning several measures is repeated for each of them;
//  4. the first row of a page whose deadline and lead cells are empty
//     continues the previous page's last row (a row cut by the page break);
//     a blank or repeated task/seq cell means the task continues.

#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "extractor/plan.h"
#include "lexicon/lexicon.h"

namespace plan2json::extractor {
namespace {

std::string Compact(const std::vector<TextLine>& lines) {
  std::string out;
  for (const TextLine& l : lines) {
    for (char c : l.text) {
      if (c != ' ') out += c;
    }
  }
  return out;
}

// Same text once typesetting spaces and line breaks are ignored.
bool SameText(const std::vector<std::string>& a,
              const std::vector<std::string>& b) {
  auto compact = [](const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& l : lines) {
      for (char c : l) {
        if (c != ' ') out += c;
      }
    }
    return out;
  };
  return compact(a) == compact(b);
}

std::vector<std::string> Texts(const std::vector<TextLine>& lines) {
  std::vector<std::string> out;
  out.reserve(lines.size());
  for (const TextLine& l : lines) out.push_back(l.text);
  return out;
}


struct HeaderCell {
  ColumnKey key;
  std::string text;
  std::string group;  // the spanning header above it (two-level headers)
  double x0, x1;
};

// The text of a header cell, typesetting spaces and line breaks removed.
std::string HeaderText(const Cell& c) { return Compact(c.lines); }

// The header of one page: the first grid row (of the first few) whose cells
// classify as at least three distinct known columns, one of them the measure
// or task column. The header band runs from that row to the end of its
// tallest cell; each column's header is the lowest band cell over it, and a
// cell above it spanning several columns is its group:
//
//   +----+------+-----------------+------+        group 责任单位
//   |序号| 任务 |    责任单位     | 时限 |        columns 序号 任务 牵头单位
//   |    |      +--------+--------+      |                配合单位 时限
//   |    |      |牵头单位|配合单位|      |
//   +----+------+--------+--------+------+
bool FindHeader(const Grid& g, int* header_row, int* body_start,
                std::vector<HeaderCell>* header) {
  const int kMaxHeaderSearch = 4;
  for (int r = 0; r < std::min(g.rows(), kMaxHeaderSearch); ++r) {
    std::set<ColumnKey> known;
    int band_end = r + 1;
    for (const Cell& c : g.cells) {
      if (c.row > r || c.row + c.row_span <= r) continue;
      ColumnKey key = ClassifyHeader(HeaderText(c));
      if (key != ColumnKey::kExtra) known.insert(key);
      band_end = std::max(band_end, c.row + c.row_span);
    }
    if (known.size() < 3 ||
        (!known.count(ColumnKey::kMeasure) && !known.count(ColumnKey::kTask))) {
      continue;
    }
    header->clear();
    const Cell* last_leaf = nullptr;
    for (int c = 0; c < g.cols(); ++c) {
      const Cell* leaf = g.At(band_end - 1, c);
      if (leaf == nullptr || leaf == last_leaf || leaf->row + leaf->row_span <= r) continue;
      last_leaf = leaf;
      HeaderCell h{ClassifyHeader(HeaderText(*leaf)), HeaderText(*leaf), "",
                   leaf->box.x0, leaf->box.x1};
      for (int rr = r; rr < leaf->row; ++rr) {
        const Cell* above = g.At(rr, c);
        if (above != nullptr && above != leaf && above->col_span > leaf->col_span) {
          h.group = HeaderText(*above);
          if (h.key == ColumnKey::kExtra) h.key = ClassifyHeader(h.group);
        }
      }
      header->push_back(std::move(h));
    }
    *header_row = r;
    *body_start = band_end;
    return true;
  }
  return false;
}

// A table with one text column only (工作任务, 任务内容) has no task/measure
// split: that column holds the measures, and task is null.
void OneTextColumnIsMeasure(std::vector<HeaderCell>* header) {
  int tasks = 0, measures = 0;
  for (const HeaderCell& h : *header) {
    tasks += h.key == ColumnKey::kTask;
    measures += h.key == ColumnKey::kMeasure;
  }
  if (tasks != 1 || measures != 0) return;
  for (HeaderCell& h : *header) {
    if (h.key == ColumnKey::kTask) h.key = ColumnKey::kMeasure;
  }
}

// Grid::At scans every cell. Code that looks up every (row, column) of a
// grid uses this index instead, built once in O(cells + rows x cols), so a
// page holding thousands of rows does not cost O(rows x cells). Same answer
// as Grid::At: the first cell, in storage order, covering the slot.
class CellIndex {
 public:
  explicit CellIndex(const Grid& g)
      : rows_(std::max(0, g.rows())), cols_(std::max(0, g.cols())),
        slots_(static_cast<size_t>(rows_) * static_cast<size_t>(cols_), nullptr) {
    for (const Cell& c : g.cells) {
      const int r_end = std::min(c.row + c.row_span, rows_);
      const int c_end = std::min(c.col + c.col_span, cols_);
      for (int r = std::max(c.row, 0); r < r_end; ++r) {
        for (int k = std::max(c.col, 0); k < c_end; ++k) {
          const Cell*& slot = slots_[Slot(r, k)];
          if (slot == nullptr) slot = &c;
        }
      }
    }
  }
  const Cell* At(int row, int col) const {
    if (row < 0 || col < 0 || row >= rows_ || col >= cols_) return nullptr;
    return slots_[Slot(row, col)];
  }

 private:
  size_t Slot(int r, int c) const {
    return static_cast<size_t>(r) * static_cast<size_t>(cols_) + static_cast<size_t>(c);
  }
  int rows_, cols_;
  std::vector<const Cell*> slots_;
};

double Overlap(double a0, double a1, double b0, double b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

// Without rulings a task cell's span is invisible: its text sits at the top
// of the rows it spans, or centred on them, and two tasks' texts may run
// together in one paragraph. Steps:
//  1. pieces: the seq and task cells' text; a task paragraph holding the
//     centres of several sequence numbers is split between each pair at the
//     widest line gap (cell padding makes it wider than the leading);
//  2. groups: pieces overlapping vertically are one task ("7" centred beside
//     a three-line name may sit in another row than the name's first line);
//  3. spans: a group whose text starts level with its row's first line is
//     top-aligned: it runs from that row to the next task. Otherwise the
//     centred reading is tried: rows [p, e] around the group whose middle is
//     nearest the text's centre, within half a line; rows above it that it
//     does not claim continue the previous task;
//  4. the grid's seq/task cells are replaced by one spanning cell per group,
//     as a ruled grid has them.
void InferTaskSpans(Grid* g, int body_start, const std::vector<int>& seq_cols,
                    const std::vector<int>& text_cols) {
  std::vector<int> task_cols = seq_cols;
  task_cols.insert(task_cols.end(), text_cols.begin(), text_cols.end());
  if (task_cols.empty()) return;
  const int rows = g->rows();
  const CellIndex index(*g);  // g->cells is only replaced at the end
  auto is_section = [&](int r) {
    const Cell* c = index.At(r, 0);
    return c != nullptr && c->col_span >= std::max(2, g->cols() - 1);
  };
  auto in = [](const std::vector<int>& v, int c) {
    return std::find(v.begin(), v.end(), c) != v.end();
  };
  struct Piece {
    int col;
    std::vector<TextLine> lines;
    Box box;
  };
  auto make_piece = [](int col, std::vector<TextLine> lines) {
    Piece p{col, std::move(lines), {}};
    p.box = p.lines.front().box;
    for (const TextLine& l : p.lines) p.box.Extend(l.box);
    return p;
  };
  std::vector<double> seq_centres;
  std::vector<Piece> pieces;
  for (const Cell& cell : g->cells) {
    if (cell.row < body_start || cell.col_span != 1 || cell.empty() ||
        !in(task_cols, cell.col)) {
      continue;
    }
    if (in(seq_cols, cell.col)) {
      pieces.push_back(make_piece(cell.col, cell.lines));
      seq_centres.push_back(pieces.back().box.cy());
    }
  }
  std::sort(seq_centres.begin(), seq_centres.end());
  for (const Cell& cell : g->cells) {
    if (cell.row < body_start || cell.col_span != 1 || cell.empty() ||
        !in(text_cols, cell.col)) {
      continue;
    }
    // Split points: between each pair of sequence centres inside the
    // paragraph, the widest gap between its lines.
    std::vector<size_t> cuts;
    const auto& ls = cell.lines;
    for (size_t i = 0; i + 1 < seq_centres.size(); ++i) {
      double a = seq_centres[i], b = seq_centres[i + 1];
      if (a < ls.front().box.y0 || b > ls.back().box.y1) continue;
      size_t best = 0;
      double widest = -1e9;
      for (size_t k = 1; k < ls.size(); ++k) {
        double gap_mid = (ls[k - 1].box.y1 + ls[k].box.y0) / 2;
        double gap = ls[k].box.y0 - ls[k - 1].box.y1;
        if (gap_mid > a && gap_mid < b && gap > widest) widest = gap, best = k;
      }
      if (best > 0) cuts.push_back(best);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    size_t from = 0;
    cuts.push_back(ls.size());
    for (size_t cut : cuts) {
      pieces.push_back(make_piece(
          cell.col, std::vector<TextLine>(ls.begin() + static_cast<long>(from),
                                          ls.begin() + static_cast<long>(cut))));
      from = cut;
    }
  }
  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    return a.box.y0 < b.box.y0;
  });
  auto row_of = [&](double y) {
    int r = g->RowAt(y);
    return std::max(r, body_start);
  };
  struct Group {
    Box box;
    double line_h = 0;
    int first_row = 0, last_row = 0;
    std::vector<const Piece*> pieces;
  };
  std::vector<Group> groups;
  for (const Piece& p : pieces) {
    double lh = p.lines.front().box.height();
    int r0 = row_of(p.box.y0 + 0.5 * lh), r1 = row_of(p.box.y1 - 0.5 * lh);
    bool section_between = false;
    if (!groups.empty()) {
      for (int r = groups.back().last_row + 1; r <= r0; ++r) section_between |= is_section(r);
    }
    if (groups.empty() || section_between || p.box.y0 > groups.back().box.y1 - 0.2 * lh) {
      groups.push_back({p.box, lh, r0, r1, {}});
    } else {
      Group& gr = groups.back();
      gr.box.Extend(p.box);
      gr.first_row = std::min(gr.first_row, r0);
      gr.last_row = std::max(gr.last_row, r1);
    }
    groups.back().pieces.push_back(&p);
  }
  // owner[r]: the group whose task row r belongs to (-1: none).
  std::vector<int> owner(static_cast<size_t>(rows), -1);
  int next_free = body_start;
  for (size_t k = 0; k < groups.size(); ++k) {
    const Group& gr = groups[k];
    bool after_section = false;
    for (int r = next_free; r < gr.first_row; ++r) {
      if (is_section(r)) next_free = r + 1, after_section = true;
    }
    int start = std::max(gr.first_row, next_free), end = std::max(gr.last_row, start);
    double row_top = 1e30;
    for (const Cell& cell : g->cells) {
      if (cell.row == start && !cell.lines.empty() && !in(task_cols, cell.col)) {
        row_top = std::min(row_top, cell.lines.front().box.y0);
      }
    }
    bool top_aligned = std::fabs(gr.box.y0 - row_top) < 0.3 * gr.line_h;
    if (!top_aligned) {
      double best = 1e9;
      int best_p = start, best_e = end;
      for (int p = start; p >= next_free; --p) {
        double top = g->row_edges[static_cast<size_t>(p)];
        for (int e = end; e < rows && !is_section(e); ++e) {
          double mid = (top + g->row_edges[static_cast<size_t>(e + 1)]) / 2;
          double err = std::fabs(mid - gr.box.cy());
          if (err < best - 1e-6) best = err, best_p = p, best_e = e;
        }
      }
      if (best <= 0.5 * gr.line_h) start = best_p, end = best_e;
    }
    // No task continues across a section heading: the rows between the
    // heading and this task's text are this task's (its text is centred
    // lower, on all its rows).
    if (after_section) start = std::min(start, next_free);
    for (int q = start; q <= end && q < rows; ++q) owner[static_cast<size_t>(q)] = static_cast<int>(k);
    next_free = end + 1;
  }
  // Rebuild the task columns: one spanning cell per group and column; the
  // rows a group does not own keep empty cells (the task continues).
  std::vector<Cell> kept;
  for (Cell& cell : g->cells) {
    if (cell.row >= body_start && cell.col_span == 1 && in(task_cols, cell.col)) continue;
    kept.push_back(std::move(cell));
  }
  for (int c : task_cols) {
    std::vector<bool> covered(static_cast<size_t>(rows), false);
    for (size_t k = 0; k < groups.size(); ++k) {
      int first = -1, last = -1;
      for (int r = body_start; r < rows; ++r) {
        if (owner[static_cast<size_t>(r)] == static_cast<int>(k)) {
          if (first < 0) first = r;
          last = r;
        }
      }
      if (first < 0) continue;
      Cell span;
      span.page = g->page;
      span.row = first;
      span.col = c;
      span.row_span = last - first + 1;
      span.box = {g->col_edges[static_cast<size_t>(c)], g->row_edges[static_cast<size_t>(first)],
                  g->col_edges[static_cast<size_t>(c + 1)], g->row_edges[static_cast<size_t>(last + 1)]};
      for (const Piece* p : groups[k].pieces) {
        if (p->col == c) span.lines.insert(span.lines.end(), p->lines.begin(), p->lines.end());
      }
      for (int r = first; r <= last; ++r) covered[static_cast<size_t>(r)] = true;
      kept.push_back(std::move(span));
    }
    for (int r = body_start; r < rows; ++r) {
      if (covered[static_cast<size_t>(r)] || is_section(r)) continue;
      Cell empty;
      empty.page = g->page;
      empty.row = r;
      empty.col = c;
      empty.box = {g->col_edges[static_cast<size_t>(c)], g->row_edges[static_cast<size_t>(r)],
                   g->col_edges[static_cast<size_t>(c + 1)], g->row_edges[static_cast<size_t>(r + 1)]};
      kept.push_back(std::move(empty));
    }
  }
  g->cells = std::move(kept);
}

// The cell's last line ends a sentence (lexicon::EndsSentence: 。 or '.').
bool EndsSentence(const std::vector<std::string>& lines) {
  return !lines.empty() && lexicon::EndsSentence(lines.back());
}

// For developers: every grid as the plan layer receives it, on stderr
// (environment variable PLAN2JSON_DEBUG_GRIDS set).
void DumpGrids(const std::vector<Grid>& grids) {
  for (const Grid& g : grids) {
    std::fprintf(stderr, "=== page %d: %d rows x %d cols%s\n", g.page, g.rows(), g.cols(),
                 g.ruled ? "" : " (unruled)");
    for (const TextLine& l : g.above) std::fprintf(stderr, "  above: %s\n", l.text.c_str());
    for (const Cell& c : g.cells) {
      std::fprintf(stderr, "  [%d,%d %dx%d c=%.2f]", c.row, c.col, c.row_span, c.col_span,
                   c.confidence);
      for (const TextLine& l : c.lines) std::fprintf(stderr, " |%s", l.text.c_str());
      std::fprintf(stderr, "\n");
    }
    for (const TextLine& l : g.below) std::fprintf(stderr, "  below: %s\n", l.text.c_str());
  }
}

class PlanBuilder {
 public:
  Result<RawPlan> Build(const std::vector<Grid>& grids);

 private:
  bool MapColumns(const Grid& g, const std::vector<HeaderCell>* page_header,
                  std::vector<int>* grid_to_plan);
  void TakeSurroundings(const Grid& g, bool first_table_page);
  void TakeNotes(const Grid& g);
  void TakeBody(const Grid& g, int body_start,
                const std::vector<int>& grid_to_plan);
  bool ContinuesPreviousRow(const RawRow& row, int seq_col, int deadline_col,
                            int lead_col) const;
  int PlanIndex(ColumnKey key) const {
    for (size_t i = 0; i < plan_.columns.size(); ++i) {
      if (plan_.columns[i].key == key) return static_cast<int>(i);
    }
    return -1;
  }

  RawPlan plan_;
  bool table_ended_ = false;  // a note or colophon closed the table
  std::set<size_t> unruled_rows_;  // rows read from pages without rulings
  void FlagUnruledGaps();
  void WarnSkippedAttachments(const std::vector<Grid>& grids);
  std::vector<HeaderCell> first_header_;  // x-ranges of the plan's columns
  std::vector<std::string> section_;
  int anchor_ = -1;  // plan column that defines rows
  // How many rows' anchor text ends a sentence (kept current by AddRow so
  // the page-break test costs O(1), not O(rows)).
  int terminated_rows_ = 0;
  void AddRow(RawRow row) {
    if (anchor_ >= 0 && EndsSentence(row.cells[static_cast<size_t>(anchor_)])) ++terminated_rows_;
    plan_.rows.push_back(std::move(row));
  }
};

bool PlanBuilder::MapColumns(const Grid& g,
                             const std::vector<HeaderCell>* page_header,
                             std::vector<int>* grid_to_plan) {
  grid_to_plan->assign(static_cast<size_t>(g.cols()), -1);
  // The header repeated as on the first page: its columns in order (two
  // columns may share a key, e.g. 省牵头单位 and 市牵头单位).
  if (page_header != nullptr && page_header->size() == plan_.columns.size()) {
    bool same = true;
    for (size_t j = 0; j < plan_.columns.size(); ++j) {
      same &= (*page_header)[j].key == plan_.columns[j].key;
    }
    if (same) {
      for (int c = 0; c < g.cols(); ++c) {
        double mid = (g.col_edges[static_cast<size_t>(c)] + g.col_edges[static_cast<size_t>(c + 1)]) / 2;
        for (size_t j = 0; j < page_header->size(); ++j) {
          if (mid >= (*page_header)[j].x0 && mid <= (*page_header)[j].x1) {
            (*grid_to_plan)[static_cast<size_t>(c)] = static_cast<int>(j);
          }
        }
      }
      return true;
    }
  }
  for (int c = 0; c < g.cols(); ++c) {
    double x0 = g.col_edges[static_cast<size_t>(c)];
    double x1 = g.col_edges[static_cast<size_t>(c + 1)];
    // This page's header cell over the column, if the header repeats.
    int plan_col = -1;
    if (page_header != nullptr) {
      for (const HeaderCell& h : *page_header) {
        if (Overlap(x0, x1, h.x0, h.x1) < 0.5 * (x1 - x0)) continue;
        // Same kind (or, for extra columns, same wording) in the plan.
        for (size_t j = 0; j < plan_.columns.size(); ++j) {
          const Column& pc = plan_.columns[j];
          if (pc.key == h.key &&
              (h.key != ColumnKey::kExtra || pc.header == h.text)) {
            plan_col = static_cast<int>(j);
            break;
          }
        }
      }
    }
    if (plan_col < 0) {
      // No (matching) header: the first header's column it overlaps most.
      double best = 0;
      for (size_t j = 0; j < first_header_.size(); ++j) {
        double ov = Overlap(x0, x1, first_header_[j].x0, first_header_[j].x1);
        if (ov > best) best = ov, plan_col = static_cast<int>(j);
      }
    }
    (*grid_to_plan)[static_cast<size_t>(c)] = plan_col;
  }
  return true;
}

void PlanBuilder::TakeSurroundings(const Grid& g, bool first_table_page) {
  if (!first_table_page) return;  // running heads, page numbers
  std::vector<const TextLine*> rest;
  for (const TextLine& l : g.above) {
    if (IsPageFurniture(l.text)) continue;
    std::optional<std::string> label = lexicon::AttachmentLabel(l.text);
    if (plan_.attachment.empty() && label) {
      plan_.attachment.push_back(*label);
      continue;
    }
    rest.push_back(&l);
  }
  // The title: the consecutive lines set in the largest type. Where every
  // line has the same size (a text dump has none), the first lines that
  // read as a heading rather than prose: no sentence punctuation.
  double max_size = 0, min_size = 1e30;
  for (const TextLine* l : rest) {
    max_size = std::max(max_size, l->font_size);
    min_size = std::min(min_size, l->font_size);
  }
  const bool sized = !rest.empty() && min_size < max_size * 0.95;
  bool in_title = false;
  for (const TextLine* l : rest) {
    bool title_line = sized ? l->font_size >= max_size * 0.95 : !lexicon::IsProseLine(l->text);
    if (title_line) {
      plan_.title.push_back(l->text);
      in_title = true;
    } else if (in_title) {
      break;
    }
  }
}

// Notes under the table that change how cells read: "注：排在第一位的为牵头
// 单位" (the unit listed first in a department cell leads).
void PlanBuilder::TakeNotes(const Grid& g) {
  for (const TextLine& l : g.below) {
    if (lexicon::IsFirstListedLeadNote(l.text)) plan_.first_listed_leads = true;
  }
}

void PlanBuilder::TakeBody(const Grid& g, int body_start,
                           const std::vector<int>& grid_to_plan) {
  const size_t ncols = plan_.columns.size();
  const int seq_col = PlanIndex(ColumnKey::kSeq);
  const int task_col = PlanIndex(ColumnKey::kTask);
  const int deadline_col = PlanIndex(ColumnKey::kDeadline);
  const int lead_col = PlanIndex(ColumnKey::kLead);
  bool first_on_page = true;

  // Grid columns of the anchor.
  std::vector<int> anchor_cols;
  for (int c = 0; c < g.cols(); ++c) {
    if (grid_to_plan[static_cast<size_t>(c)] == anchor_) anchor_cols.push_back(c);
  }
  if (anchor_ < 0 || anchor_cols.empty()) return;

  const CellIndex index(g);
  std::set<const Cell*> seen_anchor;
  const Cell* last_task_cell = nullptr;  // the task cell of the last row here
  for (int r = body_start; r < g.rows(); ++r) {
    // A section heading: one non-empty cell spanning nearly the full width.
    const Cell* first = index.At(r, 0);
    if (first != nullptr && first->row == r &&
        first->col_span >= std::max(2, g.cols() - 1) && !first->empty()) {
      // A note (注：…) or the closing 抄送/印发 block set across the table's
      // width ends the table: it is read as a note, never as a section.
      if (lexicon::IsNoteLine(first->lines.front().text) ||
          lexicon::IsColophon(first->lines.front().text)) {
        for (const TextLine& l : first->lines) {
          if (lexicon::IsFirstListedLeadNote(l.text)) plan_.first_listed_leads = true;
        }
        table_ended_ = true;
        return;
      }
      section_ = Texts(first->lines);
      first_on_page = false;
      continue;
    }
    const Cell* anchor = index.At(r, anchor_cols.front());
    if (anchor == nullptr || anchor->row != r ||
        seen_anchor.count(anchor) != 0) {
      continue;
    }
    seen_anchor.insert(anchor);
    int r0 = anchor->row, r1 = anchor->row + anchor->row_span;

    RawRow row;
    row.section = section_;
    row.cells.assign(ncols, {});
    std::set<int> pages;
    const Cell* task_cell = nullptr;
    // Collect, per plan column, every cell overlapping the anchor's rows.
    for (int c = 0; c < g.cols(); ++c) {
      int pc = grid_to_plan[static_cast<size_t>(c)];
      if (pc < 0) continue;
      std::set<const Cell*> taken;
      for (int rr = r0; rr < r1; ++rr) {
        const Cell* cell = index.At(rr, c);
        if (cell == nullptr || cell->col != c || !taken.insert(cell).second) {
          continue;
        }
        if (pc == task_col && task_cell == nullptr) task_cell = cell;
        auto& dst = row.cells[static_cast<size_t>(pc)];
        for (const TextLine& l : cell->lines) dst.push_back(l.text);
        if (!cell->empty() && cell->confidence < Cell::kSureCell) row.low_confidence = true;
        if (!cell->empty() && cell->row >= r0) pages.insert(g.page);
      }
    }
    auto empty = [&](int pc) {
      return pc < 0 || row.cells[static_cast<size_t>(pc)].empty();
    };
    bool all_empty = true;
    for (size_t pc = 0; pc < ncols; ++pc) all_empty &= row.cells[pc].empty();
    if (all_empty) continue;
    const bool first_task_on_page = last_task_cell == nullptr;
    const bool same_task_cell = task_cell != nullptr && task_cell == last_task_cell;
    if (task_cell != nullptr) last_task_cell = task_cell;

    // A row cut by the page break continues at the top of the next page.
    if (first_on_page && !plan_.rows.empty() &&
        ContinuesPreviousRow(row, seq_col, deadline_col, lead_col)) {
      RawRow& prev = plan_.rows.back();
      if (EndsSentence(prev.cells[static_cast<size_t>(anchor_)])) --terminated_rows_;
      for (size_t pc = 0; pc < ncols; ++pc) {
        int ipc = static_cast<int>(pc);
        if ((ipc == seq_col || ipc == task_col) &&
            (row.cells[pc].empty() || SameText(row.cells[pc], prev.cells[pc]))) {
          continue;  // the task cell repeated or left blank
        }
        for (auto& l : row.cells[pc]) prev.cells[pc].push_back(std::move(l));
      }
      prev.pages.push_back(g.page);
      for (int rr = r0; rr < r1; ++rr) prev.source_rows.emplace_back(g.page, rr);
      prev.low_confidence |= row.low_confidence;
      if (EndsSentence(prev.cells[static_cast<size_t>(anchor_)])) ++terminated_rows_;
      first_on_page = false;
      continue;
    }
    first_on_page = false;

    // The task continues: its cell spans from the previous row; or the
    // sequence cell is blank and the task cell is blank, repeated, or (first
    // on a page) holds the rest of a task cut by the page break.
    if (!plan_.rows.empty() && (same_task_cell || empty(seq_col))) {
      const RawRow& prev = plan_.rows.back();
      auto take = [&](int pc) {
        if (pc >= 0) row.cells[static_cast<size_t>(pc)] = prev.cells[static_cast<size_t>(pc)];
      };
      if (same_task_cell || empty(task_col) ||
          SameText(row.cells[static_cast<size_t>(task_col)],
                   prev.cells[static_cast<size_t>(task_col)])) {
        take(seq_col);
        take(task_col);
      } else if (first_task_on_page) {
        std::vector<std::string> rest = row.cells[static_cast<size_t>(task_col)];
        take(seq_col);
        take(task_col);
        for (auto& l : rest) row.cells[static_cast<size_t>(task_col)].push_back(l);
      }
    }
    if (pages.empty()) pages.insert(g.page);
    row.pages.assign(pages.begin(), pages.end());
    for (int rr = r0; rr < r1; ++rr) row.source_rows.emplace_back(g.page, rr);
    if (!g.ruled) unruled_rows_.insert(plan_.rows.size());
    AddRow(std::move(row));
  }
}

// The first row on a page continues the previous page's last row when its
// sequence cell is blank (or repeats the task's) and either its lead or its
// deadline cell is empty, or the previous measure stopped mid-sentence in a
// plan whose measures otherwise end with sentence punctuation.
bool PlanBuilder::ContinuesPreviousRow(const RawRow& row, int seq_col,
                                       int deadline_col, int lead_col) const {
  const RawRow& prev = plan_.rows.back();
  auto cell = [](const RawRow& r, int col) -> const std::vector<std::string>& {
    return r.cells[static_cast<size_t>(col)];
  };
  if (seq_col >= 0 && !cell(row, seq_col).empty() &&
      cell(row, seq_col) != cell(prev, seq_col)) {
    return false;
  }
  // A measure always names a lead and a deadline; the part of a cut row on
  // the new page usually lacks one of them (it fitted on the previous page).
  if (lead_col >= 0 && cell(row, lead_col).empty()) return true;
  if (deadline_col >= 0 && cell(row, deadline_col).empty() &&
      !cell(prev, deadline_col).empty()) {
    return true;
  }
  if (anchor_ < 0) return false;
  // Rows before the last are finished; the counters cover them.
  const int finished = static_cast<int>(plan_.rows.size()) - 1;
  const int terminated = terminated_rows_ - (EndsSentence(cell(prev, anchor_)) ? 1 : 0);
  bool plan_uses_full_stops = finished >= 3 && terminated * 5 >= finished * 4;
  return plan_uses_full_stops && !EndsSentence(cell(prev, anchor_));
}

// Several attachments in one file: the plan's is converted; the others
// (labels on lines of their own, 附件1 before the table's 附件2) are named.
void PlanBuilder::WarnSkippedAttachments(const std::vector<Grid>& grids) {
  const std::string ours = plan_.attachment.empty() ? "" : plan_.attachment.front();
  std::set<std::string> seen;
  for (const Grid& g : grids) {
    for (const auto* lines : {&g.above, &g.below}) {
      for (const TextLine& l : *lines) {
        std::optional<std::string> label = lexicon::AttachmentLabel(l.text);
        if (!label || *label == ours || !seen.insert(*label).second) continue;
        plan_.warnings.push_back(
            {"attachment_skipped",
             *label + " holds no plan table; converted " + (ours.empty() ? "the plan table" : ours),
             g.page});
      }
    }
  }
}

// Rows read from text alignment alone (no rulings) are a guess where they
// break what nearly every row of the plan has: a deadline and a department
// cell. Such a row has likely lost its cell to a neighbour: flag it.
void PlanBuilder::FlagUnruledGaps() {
  const size_t n = plan_.rows.size();
  for (size_t pc = 0; pc < plan_.columns.size(); ++pc) {
    ColumnKey key = plan_.columns[pc].key;
    if (key != ColumnKey::kDeadline && key != ColumnKey::kLead &&
        key != ColumnKey::kResponsible) {
      continue;
    }
    size_t filled = 0;
    for (const RawRow& r : plan_.rows) filled += r.cells[pc].empty() ? 0 : 1;
    if (filled * 2 <= n) continue;  // the column is often empty
    for (size_t i = 0; i < n; ++i) {
      RawRow& r = plan_.rows[i];
      if (r.cells[pc].empty() && unruled_rows_.count(i)) r.low_confidence = true;
    }
  }
}

Result<RawPlan> PlanBuilder::Build(const std::vector<Grid>& grids) {
  bool have_header = false;
  if (std::getenv("PLAN2JSON_DEBUG_GRIDS") != nullptr) DumpGrids(grids);
  for (const Grid& g : grids) {
    plan_.pages = std::max(plan_.pages, g.page);
    if (g.rows() < 1 || table_ended_) continue;
    int header_row = -1, body_start = 0;
    std::vector<HeaderCell> header;
    bool page_has_header = FindHeader(g, &header_row, &body_start, &header);
    if (page_has_header) OneTextColumnIsMeasure(&header);
    bool first_table_page = false;
    if (!have_header) {
      if (!page_has_header) continue;  // a table before the plan table
      have_header = true;
      first_table_page = true;
      first_header_ = header;
      for (const HeaderCell& h : header) {
        plan_.columns.push_back({h.key, h.text, h.group});
      }
      anchor_ = PlanIndex(ColumnKey::kMeasure);
      if (anchor_ < 0) anchor_ = PlanIndex(ColumnKey::kTask);
    }
    if (!page_has_header) body_start = 0;
    std::vector<int> grid_to_plan;
    MapColumns(g, page_has_header ? &header : nullptr, &grid_to_plan);
    TakeSurroundings(g, first_table_page);
    TakeNotes(g);
    if (g.ruled) {
      TakeBody(g, body_start, grid_to_plan);
    } else {
      Grid spanned = g;
      std::vector<int> seq_cols, text_cols;
      for (int c = 0; c < g.cols(); ++c) {
        int pc = grid_to_plan[static_cast<size_t>(c)];
        if (pc < 0) continue;
        ColumnKey key = plan_.columns[static_cast<size_t>(pc)].key;
        if (key == ColumnKey::kSeq) seq_cols.push_back(c);
        if (key == ColumnKey::kTask) text_cols.push_back(c);
      }
      InferTaskSpans(&spanned, body_start, seq_cols, text_cols);
      TakeBody(spanned, body_start, grid_to_plan);
    }
  }
  if (!have_header) {
    return Status(Status::Code::kNoPlanTable,
                  "no action-plan table: no page has a header row naming at "
                  "least three known columns (序号, 重点任务, 工作措施, "
                  "完成时限, 牵头部门, 主责单位, 协办单位 or their synonyms)");
  }
  if (plan_.rows.empty()) {
    return Status(Status::Code::kNoPlanTable,
                  "the plan table's header was found but no rows under it");
  }
  FlagUnruledGaps();
  WarnSkippedAttachments(grids);
  for (size_t i = 0; i < plan_.rows.size(); ++i) {
    const RawRow& row = plan_.rows[i];
    if (!row.low_confidence) continue;
    plan_.warnings.push_back(
        {"uncertain_row",
         "row " + std::to_string(i + 1) +
             ": the reader was unsure which row or column some of its text "
             "belongs to; check it against the document",
         row.pages.empty() ? 0 : row.pages.front()});
  }
  return std::move(plan_);
}

}  // namespace

// Outside the table a bare number is a page number too.
bool IsPageFurniture(const std::string& line) { return lexicon::IsPageNumberLine(line); }

TableOptions PlanTableOptions() {
  TableOptions options;
  options.is_header_cell = [](const std::string& text) {
    return ClassifyHeader(text) != ColumnKey::kExtra;
  };
  options.is_furniture = IsPageFurniture;
  options.is_row_key = [](const std::string& text) {
    return lexicon::ParseSeq(text).has_value();
  };
  return options;
}

Result<RawPlan> BuildPlan(const std::vector<Grid>& grids) {
  PlanBuilder builder;
  return builder.Build(grids);
}

}  // namespace plan2json::extractor
