// Copyright 2026 The plan2json Authors.
//
// .docx → Grid: styles (font size, hidden) and numbering first, then one
// walk over the body collecting paragraphs' lines and page breaks, and one
// Grid per top-level table.

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ooxml/document.h"
#include "ooxml/layout.h"
#include "ooxml/numbering.h"
#include "ooxml/package.h"

namespace plan2json::ooxml {
namespace {

using extractor::Cell;
using extractor::Grid;
using extractor::TextLine;

constexpr double kDefaultHalfPoints = 21;  // 10.5 pt, Word's 五号
// Deeper nesting (content controls in content controls, tables in tables)
// is not read: bounds the recursion on hostile documents.
constexpr int kMaxDepth = 64;

// An on/off property (w:b, w:vanish): present and not "0"/"false"/"off".
std::optional<bool> Toggle(const pugi::xml_node& props, std::string_view name) {
  pugi::xml_node n = Child(props, name);
  if (!n) return std::nullopt;
  std::string_view v = Attr(n, "val").value();
  return !(v == "0" || v == "false" || v == "off");
}

// Run properties that matter here; unset = inherit.
struct RunProps {
  double half_points = 0;
  std::optional<bool> bold, hidden;
  void Read(const pugi::xml_node& rpr) {
    if (!rpr) return;
    if (pugi::xml_attribute sz = Attr(Child(rpr, "sz"), "val")) half_points = sz.as_double(0);
    if (auto b = Toggle(rpr, "b")) bold = b;
    if (auto v = Toggle(rpr, "vanish")) hidden = v;
  }
  // Fills what is unset here from `base`.
  void Inherit(const RunProps& base) {
    if (half_points <= 0) half_points = base.half_points;
    if (!bold) bold = base.bold;
    if (!hidden) hidden = base.hidden;
  }
};

struct Style {
  std::string based_on;
  RunProps run;
  int num_id = -1, ilvl = 0;  // paragraph styles' numbering
};

class Styles {
 public:
  void Load(const pugi::xml_node& root) {
    pugi::xml_node defaults = Child(Child(Child(root, "docDefaults"), "rPrDefault"), "rPr");
    defaults_.Read(defaults);
    if (defaults_.half_points <= 0) defaults_.half_points = kDefaultHalfPoints;
    for (pugi::xml_node s = root.first_child(); s; s = s.next_sibling()) {
      if (LocalName(s) != "style") continue;
      Style st;
      st.based_on = Attr(Child(s, "basedOn"), "val").value();
      st.run.Read(Child(s, "rPr"));
      pugi::xml_node num = Child(Child(s, "pPr"), "numPr");
      if (num) {
        st.num_id = Attr(Child(num, "numId"), "val").as_int(-1);
        st.ilvl = Attr(Child(num, "ilvl"), "val").as_int(0);
      }
      std::string id = Attr(s, "styleId").value();
      if (Attr(s, "default").as_bool() &&
          std::string_view(Attr(s, "type").value()) == "paragraph") {
        default_para_ = id;
      }
      styles_[id] = std::move(st);
    }
  }
  // The style's run properties with its basedOn chain (not the defaults).
  RunProps Run(const std::string& id) const {
    RunProps out;
    std::string cur = id;
    for (int depth = 0; depth < 16 && !cur.empty(); ++depth) {
      auto it = styles_.find(cur);
      if (it == styles_.end()) break;
      out.Inherit(it->second.run);
      cur = it->second.based_on;
    }
    return out;
  }
  const RunProps& defaults() const { return defaults_; }
  // The numbering a paragraph style carries (through basedOn), if any.
  std::pair<int, int> Num(const std::string& id) const {
    std::string cur = id;
    for (int depth = 0; depth < 16 && !cur.empty(); ++depth) {
      auto it = styles_.find(cur);
      if (it == styles_.end()) break;
      if (it->second.num_id >= 0) return {it->second.num_id, it->second.ilvl};
      cur = it->second.based_on;
    }
    return {-1, 0};
  }
  const std::string& default_paragraph() const { return default_para_; }

 private:
  std::map<std::string, Style> styles_;
  RunProps defaults_;
  std::string default_para_;
};

// One piece of body text in reading order: a visual line, or a page break.
struct Item {
  TextLine line;
  bool page_break = false;
};

void TrimLine(std::string* s) {
  size_t b = s->find_first_not_of(" \t");
  if (b == std::string::npos) {
    s->clear();
    return;
  }
  size_t e = s->find_last_not_of(" \t");
  *s = s->substr(b, e - b + 1);
}

class BodyWalker {
 public:
  BodyWalker(const Styles* styles, Numbering* numbering)
      : styles_(styles), numbering_(numbering) {}

  // Appends the paragraph's lines (and page breaks) to `out`.
  void Paragraph(const pugi::xml_node& p, std::vector<Item>* out);
  // The lines of a table cell's content (paragraphs; nested tables' text).
  void CellContent(const pugi::xml_node& tc, std::vector<TextLine>* out, int depth = 0);

 private:
  void Inline(const pugi::xml_node& node, int depth = 0);
  void Run(const pugi::xml_node& r);
  void Text(std::string_view text, const RunProps& props);
  void NewLine() { items_->push_back({TextLine{}, false}); }

  const Styles* styles_;
  Numbering* numbering_;
  std::vector<bool> field_code_;  // open fields: true while in the code part
  int cell_depth_ = 0;            // > 0 while reading a table cell
  std::vector<Item>* items_ = nullptr;
  size_t para_first_ = 0;  // index in *items_ of the paragraph's first line
  std::string para_style_;
};

void BodyWalker::Paragraph(const pugi::xml_node& p, std::vector<Item>* out) {
  items_ = out;
  pugi::xml_node ppr = Child(p, "pPr");
  para_style_ = Attr(Child(ppr, "pStyle"), "val").value();
  if (para_style_.empty()) para_style_ = styles_->default_paragraph();
  if (Toggle(ppr, "pageBreakBefore").value_or(false)) out->push_back({TextLine{}, true});
  para_first_ = out->size();
  NewLine();
  // Automatic numbering, from the paragraph or its style.
  std::pair<int, int> num = styles_->Num(para_style_);
  if (pugi::xml_node np = Child(ppr, "numPr")) {
    num.first = Attr(Child(np, "numId"), "val").as_int(num.first);
    num.second = Attr(Child(np, "ilvl"), "val").as_int(num.second);
  }
  if (num.first > 0) {
    RunProps props;
    props.Read(Child(ppr, "rPr"));
    props.Inherit(styles_->Run(para_style_));
    props.Inherit(styles_->defaults());
    std::string label = numbering_->Next(num.first, num.second);
    if (!label.empty() && !props.hidden.value_or(false)) Text(label, props);
  }
  for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling()) Inline(c);
  // Drop lines left empty; a section break ends the page.
  std::vector<Item> kept(out->begin() + static_cast<long>(para_first_), out->end());
  out->resize(para_first_);
  for (Item& it : kept) {
    TrimLine(&it.line.text);
    if (it.page_break || !it.line.text.empty()) out->push_back(std::move(it));
  }
  pugi::xml_node sect = Child(ppr, "sectPr");
  if (sect && std::string_view(Attr(Child(sect, "type"), "val").value()) != "continuous") {
    out->push_back({TextLine{}, true});
  }
}

void BodyWalker::Inline(const pugi::xml_node& node, int depth) {
  if (depth > kMaxDepth) return;
  std::string_view name = LocalName(node);
  if (name == "r") {
    Run(node);
  } else if (name == "ins" || name == "moveTo" || name == "hyperlink" || name == "smartTag" ||
             name == "customXml" || name == "sdt" || name == "sdtContent" ||
             name == "fldSimple" || name == "bdo" || name == "dir") {
    // Accepted insertions, links, content controls, simple fields' results.
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) Inline(c, depth + 1);
  } else if (name == "AlternateContent") {
    // Runs offered in two forms: the fallback is what every reader shows
    // (drawings and text boxes inside it are skipped by Run).
    pugi::xml_node pick = Child(node, "Fallback");
    if (!pick) pick = Child(node, "Choice");
    for (pugi::xml_node c = pick.first_child(); c; c = c.next_sibling()) Inline(c, depth + 1);
  }
  // w:del, w:moveFrom (deleted text), m:oMath, bookmarks, proofing marks:
  // nothing shown as text here.
}

void BodyWalker::Run(const pugi::xml_node& r) {
  RunProps props;
  props.Read(Child(r, "rPr"));
  props.Inherit(styles_->Run(Attr(Child(Child(r, "rPr"), "rStyle"), "val").value()));
  props.Inherit(styles_->Run(para_style_));
  props.Inherit(styles_->defaults());
  const bool hidden = props.hidden.value_or(false);
  for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "fldChar") {
      std::string_view type = Attr(c, "fldCharType").value();
      if (type == "begin") field_code_.push_back(true);
      if (type == "separate" && !field_code_.empty()) field_code_.back() = false;
      if (type == "end" && !field_code_.empty()) field_code_.pop_back();
      continue;
    }
    if (hidden || std::find(field_code_.begin(), field_code_.end(), true) != field_code_.end()) {
      continue;
    }
    if (name == "t") {
      Text(c.text().get(), props);
    } else if (name == "tab" || name == "ptab") {
      Text(" ", props);
    } else if (name == "br" || name == "cr") {
      if (std::string_view(Attr(c, "type").value()) == "page") {
        items_->push_back({TextLine{}, true});
      }
      NewLine();
    } else if (name == "lastRenderedPageBreak" && cell_depth_ == 0) {
      // Where Word last broke the page when it saved the file: the text
      // after it was on the next page (in a cell it changes nothing).
      items_->push_back({TextLine{}, true});
      NewLine();
    } else if (name == "noBreakHyphen") {
      Text("-", props);
    } else if (name == "sym") {
      // A symbol-font character: Word's private-use codes say nothing here.
      long code = std::strtol(Attr(c, "char").value(), nullptr, 16);
      if (code > 0 && (code < 0xE000 || code > 0xF8FF)) {
        Text(EncodeUtf8(static_cast<char32_t>(code)), props);
      }
    }
    // w:delText, w:instrText, drawings, pictures, text boxes: not shown.
  }
}

void BodyWalker::Text(std::string_view text, const RunProps& props) {
  TextLine& line = items_->back().line;
  line.text += text;
  double size = props.half_points / 2;
  if (text.find_first_not_of(' ') != std::string_view::npos && size > line.font_size) {
    line.font_size = size;
    line.bold = props.bold.value_or(false);
  }
}

void BodyWalker::CellContent(const pugi::xml_node& tc, std::vector<TextLine>* out, int depth) {
  if (depth > kMaxDepth) return;
  ++cell_depth_;
  for (pugi::xml_node c = tc.first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "p") {
      std::vector<Item> items;
      Paragraph(c, &items);
      for (Item& it : items) {
        if (!it.page_break) out->push_back(std::move(it.line));
      }
    } else if (name == "tbl" || name == "tr" || name == "tc" || name == "sdt" ||
               name == "sdtContent" || name == "customXml") {
      CellContent(c, out, depth + 1);  // a nested table: its text, row by row
    }
  }
  --cell_depth_;
}

// ---- tables ----------------------------------------------------------

struct RawCell {
  int col = 0, span = 1;
  bool merge_continue = false, merge_restart = false;
  std::vector<TextLine> lines;
};

// The cells of one w:tr (looking through content controls).
void RowCells(const pugi::xml_node& node, BodyWalker* walker, std::vector<RawCell>* out,
              int depth = 0) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "sdt" || name == "sdtContent" || name == "customXml") {
      RowCells(c, walker, out, depth + 1);
    } else if (name == "tc") {
      RawCell cell;
      pugi::xml_node tcpr = Child(c, "tcPr");
      cell.span = std::clamp(Attr(Child(tcpr, "gridSpan"), "val").as_int(1), 1, 1000);
      if (pugi::xml_node vm = Child(tcpr, "vMerge")) {
        (std::string_view(Attr(vm, "val").value()) == "restart" ? cell.merge_restart
                                                               : cell.merge_continue) = true;
      }
      walker->CellContent(c, &cell.lines);
      out->push_back(std::move(cell));
    }
  }
}

// Word allows 63 columns; a table wider than this is not read.
constexpr int kMaxColumns = 1000;

// Places one row's cells from column `col` on: a new cell each, or a vMerge
// continuation extending the cell above it. `above_cell[c]` is the index in
// g->cells of the cell covering column c in the previous row; it is updated.
// Returns the column after the last cell, or -1 past kMaxColumns.
int PlaceRow(std::vector<RawCell>* cells, int col, int row, Grid* g, std::vector<int>* above_cell) {
  std::vector<int> covering;
  for (RawCell& rc : *cells) {
    rc.col = col;
    col += rc.span;
    if (col > kMaxColumns) return -1;
    const size_t end = static_cast<size_t>(col);
    if (above_cell->size() < end) above_cell->resize(end, -1);
    if (covering.size() < end) covering.resize(end, -1);
    const int up = (*above_cell)[static_cast<size_t>(rc.col)];
    int owner = up;
    if (rc.merge_continue && up >= 0 && g->cells[static_cast<size_t>(up)].col == rc.col &&
        g->cells[static_cast<size_t>(up)].col_span == rc.span) {
      Cell& origin = g->cells[static_cast<size_t>(up)];
      origin.row_span = row - origin.row + 1;
      for (TextLine& l : rc.lines) origin.lines.push_back(std::move(l));
    } else {
      Cell cell;
      cell.page = g->page;
      cell.row = row;
      cell.col = rc.col;
      cell.col_span = rc.span;
      cell.lines = std::move(rc.lines);
      g->cells.push_back(std::move(cell));
      owner = static_cast<int>(g->cells.size()) - 1;
    }
    for (int k = rc.col; k < col; ++k) covering[static_cast<size_t>(k)] = owner;
  }
  *above_cell = std::move(covering);
  return col;
}

// The table's rows, also those inside content controls (w:sdt) and custom
// XML elements.
void TableRows(const pugi::xml_node& node, std::vector<pugi::xml_node>* out, int depth = 0) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "tr") {
      out->push_back(c);
    } else if (name == "sdt" || name == "sdtContent" || name == "customXml") {
      TableRows(c, out, depth + 1);
    }
  }
}

// One top-level table as a Grid; nullopt when it exceeds the bounds a
// plan table keeps (columns, rows x columns slots), like a PDF page whose
// ruled grid is too large.
std::optional<Table> ReadTable(const pugi::xml_node& tbl, int index, BodyWalker* walker) {
  Table t;
  Grid& g = t.grid;
  g.page = index;
  g.ruled = true;
  std::vector<double> widths;  // points (w:gridCol is in twips)
  for (pugi::xml_node gc : Child(tbl, "tblGrid").children()) {
    if (LocalName(gc) == "gridCol" && widths.size() < kMaxColumns) {
      widths.push_back(std::max(1.0, Attr(gc, "w").as_double(1440)) / 20);
    }
  }
  std::vector<int> above_cell;
  int row = 0, tr_number = 0;
  const size_t max_slots = extractor::TableOptions().max_grid_slots;
  std::vector<pugi::xml_node> trs;
  TableRows(tbl, &trs);
  for (const pugi::xml_node& tr : trs) {
    ++tr_number;
    pugi::xml_node trpr = Child(tr, "trPr");
    if (Child(trpr, "del")) continue;  // a deleted row, accepted
    std::vector<RawCell> cells;
    RowCells(tr, walker, &cells);
    const int first = std::clamp(Attr(Child(trpr, "gridBefore"), "val").as_int(0), 0, kMaxColumns);
    const int end = PlaceRow(&cells, first, row, &g, &above_cell);
    if (end < 0) return std::nullopt;
    if (static_cast<size_t>(end) > widths.size()) widths.resize(static_cast<size_t>(end), 72.0);
    t.source.row_numbers.push_back(tr_number);
    if (static_cast<size_t>(++row) * widths.size() > max_slots) return std::nullopt;
  }
  g.col_edges.assign(1, 0.0);
  for (double w : widths) g.col_edges.push_back(g.col_edges.back() + w);
  for (size_t c = 1; c <= widths.size(); ++c) t.source.col_numbers.push_back(static_cast<int>(c));
  g.row_edges.assign(static_cast<size_t>(row + 1), 0.0);
  return t;
}

// Walks the body: top-level tables (also inside content controls) and the
// paragraphs between them.
void WalkBody(const pugi::xml_node& node, BodyWalker* walker, std::vector<Item>* items,
              std::vector<std::pair<size_t, Table>>* tables, int* count, int depth = 0) {
  if (depth > kMaxDepth) return;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "p") {
      walker->Paragraph(c, items);
    } else if (name == "tbl") {
      // Every top-level table counts for the numbering, read or not.
      const int index = ++*count;
      if (std::optional<Table> t = ReadTable(c, index, walker)) {
        tables->emplace_back(items->size(), std::move(*t));
      }
    } else if (name == "sdt" || name == "sdtContent" || name == "customXml") {
      WalkBody(c, walker, items, tables, count, depth + 1);
    }
  }
}

}  // namespace

Result<std::vector<Table>> ReadDocx(std::string_view bytes, const PackageLimits& limits) {
  Result<std::unique_ptr<Package>> pkg = Package::Open(bytes, limits);
  if (!pkg.ok()) return pkg.status();
  Package& p = **pkg;
  if (!p.Has("word/document.xml")) {
    return Status(Status::Code::kCorrupt, "not a Word document (no word/document.xml)");
  }
  Styles styles;
  std::unique_ptr<pugi::xml_document> styles_xml, numbering_xml;
  if (p.Has("word/styles.xml")) {
    auto x = p.ReadXml("word/styles.xml");
    if (!x.ok()) return x.status();
    styles.Load(Child(**x, "styles"));
  } else {
    styles.Load(pugi::xml_node());
  }
  Numbering numbering;
  if (p.Has("word/numbering.xml")) {
    auto x = p.ReadXml("word/numbering.xml");
    if (!x.ok()) return x.status();
    numbering.Load(Child(**x, "numbering"));
  }
  auto doc = p.ReadXml("word/document.xml");
  if (!doc.ok()) return doc.status();
  pugi::xml_node body = Child(Child(**doc, "document"), "body");
  if (!body) return Status(Status::Code::kCorrupt, "word/document.xml has no w:body");

  BodyWalker walker(&styles, &numbering);
  std::vector<Item> items;
  std::vector<std::pair<size_t, Table>> at;  // (items before it, table)
  int count = 0;
  WalkBody(body, &walker, &items, &at, &count);

  std::vector<Table> out;
  for (size_t k = 0; k < at.size(); ++k) {
    Table t = std::move(at[k].second);
    Grid& g = t.grid;
    const size_t from = k == 0 ? 0 : at[k - 1].first, to = at[k].first;
    const size_t next = k + 1 < at.size() ? at[k + 1].first : items.size();
    for (size_t i = from; i < to; ++i) {  // above: after the last page break
      if (items[i].page_break) g.above.clear();
      else g.above.push_back(items[i].line);
    }
    for (size_t i = to; i < next && !items[i].page_break; ++i) g.below.push_back(items[i].line);
    LayoutGrid(&g);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace plan2json::ooxml
