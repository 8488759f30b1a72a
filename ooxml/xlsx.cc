// Copyright 2026 The plan2json Authors.
//
// .xlsx → one Grid per visible sheet: workbook and relationships, shared
// strings, number formats and fonts, then each sheet's cells, merged ranges
// and hidden rows/columns.

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "extractor/plan.h"
#include "ooxml/document.h"
#include "ooxml/layout.h"
#include "ooxml/package.h"

namespace plan2json::ooxml {
namespace {

using extractor::Cell;
using extractor::Grid;
using extractor::TextLine;

// "AB12" -> column 28, row 12 (1-based); false when malformed.
bool ParseRef(std::string_view ref, int* col, int* row) {
  size_t i = 0;
  long c = 0, r = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])) && c < 100000) {
    c = c * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    ++i;
  }
  while (i < ref.size() && ref[i] == '$') ++i;
  size_t digits = i;
  while (i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i])) && r < 10000000) {
    r = r * 10 + (ref[i] - '0');
    ++i;
  }
  if (c == 0 || i == digits || i != ref.size() || c > 16384 || r > 1048576) return false;
  *col = static_cast<int>(c);
  *row = static_cast<int>(r);
  return true;
}

struct Workbook {
  bool date1904 = false;
  std::vector<std::string> shared;           // shared strings
  std::vector<std::string> xf_format;        // per cell style: format code
  std::vector<double> xf_size;               // per cell style: font size (pt)
};

// The text of a rich or plain string item (w/o phonetic runs).
std::string ItemText(const pugi::xml_node& si) {
  std::string out;
  for (pugi::xml_node c = si.first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "t") out += c.text().get();
    if (name == "r") out += Child(c, "t").text().get();
  }
  return out;
}

void LoadStyles(const pugi::xml_node& root, Workbook* wb) {
  std::map<int, std::string> formats;
  for (pugi::xml_node f : Child(root, "numFmts").children()) {
    formats[Attr(f, "numFmtId").as_int(-1)] = Attr(f, "formatCode").value();
  }
  std::vector<double> fonts;
  for (pugi::xml_node f : Child(root, "fonts").children()) {
    fonts.push_back(Attr(Child(f, "sz"), "val").as_double(11));
  }
  for (pugi::xml_node xf : Child(root, "cellXfs").children()) {
    int id = Attr(xf, "numFmtId").as_int(0);
    auto it = formats.find(id);
    wb->xf_format.push_back(it != formats.end() ? it->second : BuiltinFormat(id));
    size_t font = Attr(xf, "fontId").as_uint(0);
    wb->xf_size.push_back(font < fonts.size() ? fonts[font] : 11);
  }
}

// The sheet's cell as displayed.
std::string CellText(const pugi::xml_node& c, const Workbook& wb, size_t style) {
  std::string_view type = Attr(c, "t").value();
  std::string v = Child(c, "v").text().get();
  if (type == "s") {
    size_t i = static_cast<size_t>(std::strtoul(v.c_str(), nullptr, 10));
    return i < wb.shared.size() ? wb.shared[i] : "";
  }
  if (type == "inlineStr") return ItemText(Child(c, "is"));
  if (type == "str" || type == "e" || type == "d") return v;
  if (type == "b") return v == "1" ? "TRUE" : v.empty() ? "" : "FALSE";
  if (v.empty()) return "";
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (end == v.c_str()) return v;
  const std::string& code = style < wb.xf_format.size() ? wb.xf_format[style] : "General";
  return FormatNumber(d, code, wb.date1904);
}

struct SheetCell {
  int row, col;
  std::string text;
  double size;
};

std::vector<TextLine> Lines(const std::string& text, double size) {
  std::vector<TextLine> out;
  size_t from = 0;
  while (from <= text.size()) {
    size_t nl = text.find('\n', from);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(from, nl - from);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    size_t b = line.find_first_not_of(' ');
    if (b != std::string::npos) out.push_back({line.substr(b), {}, size, false});
    from = nl + 1;
  }
  return out;
}

// The first grid row with two cells that name known plan columns; rows
// above it are text above the table. -1 when there is none.
int HeaderRow(const Grid& g) {
  std::map<int, int> known;
  for (const Cell& c : g.cells) {
    std::string text;
    for (const TextLine& l : c.lines) text += l.text;
    if (!text.empty() && extractor::ClassifyHeader(text) != extractor::ColumnKey::kExtra) {
      if (++known[c.row] == 2) return c.row;  // cells are row-major
    }
  }
  return -1;
}

// Hidden columns (cols/col with hidden="1"), as a flag per column 1..16384.
std::vector<bool> HiddenColumns(const pugi::xml_node& ws) {
  std::vector<int> diff(16386, 0);  // +1 at a range's start, -1 after it
  for (pugi::xml_node col : Child(ws, "cols").children()) {
    if (!Attr(col, "hidden").as_bool()) continue;
    int lo = std::clamp(Attr(col, "min").as_int(1), 1, 16384);
    int hi = std::clamp(Attr(col, "max").as_int(lo), lo, 16384);
    ++diff[static_cast<size_t>(lo)];
    --diff[static_cast<size_t>(hi + 1)];
  }
  std::vector<bool> hidden(16385, false);
  for (int c = 1, depth = 0; c <= 16384; ++c) {
    depth += diff[static_cast<size_t>(c)];
    hidden[static_cast<size_t>(c)] = depth > 0;
  }
  return hidden;
}

// The non-empty cells of the visible rows and columns.
Status ReadCells(const pugi::xml_node& ws, const Workbook& wb, const std::string& name,
                 std::vector<SheetCell>* cells) {
  const std::vector<bool> hidden_col = HiddenColumns(ws);
  int row_no = 0;
  for (pugi::xml_node r : Child(ws, "sheetData").children()) {
    if (LocalName(r) != "row") continue;
    row_no = Attr(r, "r").as_int(row_no + 1);
    if (Attr(r, "hidden").as_bool()) continue;
    int col_no = 0;
    for (pugi::xml_node c : r.children()) {
      if (LocalName(c) != "c") continue;
      int col = col_no + 1, row = row_no;
      if (pugi::xml_attribute ref = Attr(c, "r")) {
        if (!ParseRef(ref.value(), &col, &row)) {
          return Status(Status::Code::kCorrupt,
                        "sheet " + name + ": bad cell reference " + ref.value());
        }
      }
      col_no = col;
      if (col > 16384 || hidden_col[static_cast<size_t>(col)]) continue;
      size_t style = Attr(c, "s").as_uint(0);
      std::string text = CellText(c, wb, style);
      if (text.empty()) continue;
      double size = style < wb.xf_size.size() ? wb.xf_size[style] : 11;
      cells->push_back({row, col, std::move(text), size});
    }
  }
  return Status::Ok();
}

// Grid rows and columns: the sheet's rows and columns that hold text.
struct Axes {
  std::map<int, int> row, col;  // sheet number -> grid index
  int Count(const std::map<int, int>& idx, int lo, int hi) const {
    return static_cast<int>(std::distance(idx.lower_bound(lo), idx.upper_bound(hi)));
  }
};

// Merged ranges as spans of their first kept slot; the other slots they
// cover are marked in `covered` (row-major). kLimit when the ranges cover
// slots many times over (overlapping ranges in a hostile file).
Status ApplyMerges(const pugi::xml_node& ws, const Axes& ax, std::map<std::pair<int, int>, std::pair<int, int>>* spans,
                   std::vector<bool>* covered) {
  const size_t ncols = ax.col.size();
  size_t budget = 2 * covered->size() + 1000;
  for (pugi::xml_node m : Child(ws, "mergeCells").children()) {
    std::string ref = Attr(m, "ref").value();
    size_t colon = ref.find(':');
    int c0, r0, c1, r1;
    if (colon == std::string::npos || !ParseRef(ref.substr(0, colon), &c0, &r0) ||
        !ParseRef(ref.substr(colon + 1), &c1, &r1) || c1 < c0 || r1 < r0) {
      continue;
    }
    auto ri = ax.row.lower_bound(r0), ci = ax.col.lower_bound(c0);
    if (ri == ax.row.end() || ri->first > r1 || ci == ax.col.end() || ci->first > c1) continue;
    // Excel shows a range's text from its top-left cell; when that row or
    // column is hidden the text is shown nowhere, and the first kept slot
    // holds nothing.
    (*spans)[{ri->second, ci->second}] = {ax.Count(ax.row, r0, r1), ax.Count(ax.col, c0, c1)};
    for (auto r = ri; r != ax.row.end() && r->first <= r1; ++r) {
      for (auto c = ci; c != ax.col.end() && c->first <= c1; ++c) {
        if (budget-- == 0) {
          return Status(Status::Code::kLimit, "merged ranges overlap beyond reading");
        }
        if (r != ri || c != ci) (*covered)[static_cast<size_t>(r->second) * ncols + static_cast<size_t>(c->second)] = true;
      }
    }
  }
  return Status::Ok();
}

Result<Table> ReadSheet(const pugi::xml_node& ws, const Workbook& wb, int index,
                        const std::string& name) {
  std::vector<SheetCell> cells;
  Status st = ReadCells(ws, wb, name, &cells);
  if (!st.ok()) return st;
  Axes ax;
  for (const SheetCell& c : cells) ax.row[c.row] = 0, ax.col[c.col] = 0;
  const size_t nrows = ax.row.size(), ncols = ax.col.size();
  if (nrows * ncols > extractor::TableOptions().max_grid_slots) {
    return Status(Status::Code::kLimit, "sheet " + name + " spans more than " +
                                            std::to_string(extractor::TableOptions().max_grid_slots) +
                                            " cells (rows x columns)");
  }
  Table t;
  t.source.sheet = name;
  for (auto& [r, i] : ax.row) i = static_cast<int>(t.source.row_numbers.size()), t.source.row_numbers.push_back(r);
  for (auto& [c, i] : ax.col) i = static_cast<int>(t.source.col_numbers.size()), t.source.col_numbers.push_back(c);
  std::map<std::pair<int, int>, std::pair<int, int>> spans;  // origin -> (rows, cols)
  std::vector<bool> covered(nrows * ncols, false);
  st = ApplyMerges(ws, ax, &spans, &covered);
  if (!st.ok()) return Status(st.code(), "sheet " + name + ": " + st.message());
  std::map<std::pair<int, int>, const SheetCell*> at;
  for (const SheetCell& c : cells) at[{ax.row.at(c.row), ax.col.at(c.col)}] = &c;
  Grid& g = t.grid;
  g.page = index;
  g.ruled = true;
  for (size_t k = 0; k < nrows * ncols; ++k) {
    if (covered[k]) continue;
    Cell cell;
    cell.page = index;
    cell.row = static_cast<int>(k / ncols);
    cell.col = static_cast<int>(k % ncols);
    auto s = spans.find({cell.row, cell.col});
    if (s != spans.end()) cell.row_span = s->second.first, cell.col_span = s->second.second;
    auto it = at.find({cell.row, cell.col});
    if (it != at.end()) cell.lines = Lines(it->second->text, it->second->size);
    g.cells.push_back(std::move(cell));
  }
  for (size_t c = 0; c <= ncols; ++c) g.col_edges.push_back(72.0 * static_cast<double>(c));
  g.row_edges.assign(nrows + 1, 0.0);
  return t;
}

// Moves the rows before the header into `above` (left to right).
void SplitAbove(Table* t) {
  Grid& g = t->grid;
  const int h = HeaderRow(g);
  if (h <= 0) return;
  std::vector<Cell> kept;
  for (Cell& c : g.cells) {
    if (c.row < h) {
      for (TextLine& l : c.lines) g.above.push_back(std::move(l));
      continue;
    }
    c.row -= h;
    kept.push_back(std::move(c));
  }
  g.cells = std::move(kept);
  g.row_edges.resize(g.row_edges.size() - static_cast<size_t>(h));
  t->source.row_numbers.erase(t->source.row_numbers.begin(),
                              t->source.row_numbers.begin() + h);
}

// "/xl/worksheets/sheet1.xml" or "worksheets/sheet1.xml" (relative to xl/)
// as a package part name.
std::string PartName(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

Status LoadWorkbookParts(Package& p, Workbook* wb) {
  if (p.Has("xl/sharedStrings.xml")) {
    auto x = p.ReadXml("xl/sharedStrings.xml");
    if (!x.ok()) return x.status();
    for (pugi::xml_node si : Child(**x, "sst").children()) {
      if (LocalName(si) == "si") wb->shared.push_back(ItemText(si));
    }
  }
  if (p.Has("xl/styles.xml")) {
    auto x = p.ReadXml("xl/styles.xml");
    if (!x.ok()) return x.status();
    LoadStyles(Child(**x, "styleSheet"), wb);
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Table>> ReadXlsx(std::string_view bytes, const PackageLimits& limits) {
  Result<std::unique_ptr<Package>> pkg = Package::Open(bytes, limits);
  if (!pkg.ok()) return pkg.status();
  Package& p = **pkg;
  if (!p.Has("xl/workbook.xml")) {
    return Status(Status::Code::kCorrupt, "not an Excel workbook (no xl/workbook.xml)");
  }
  auto book = p.ReadXml("xl/workbook.xml");
  if (!book.ok()) return book.status();
  pugi::xml_node root = Child(**book, "workbook");
  Workbook wb;
  wb.date1904 = Attr(Child(root, "workbookPr"), "date1904").as_bool();
  std::map<std::string, std::string> targets;  // relationship id -> part
  if (p.Has("xl/_rels/workbook.xml.rels")) {
    auto rels = p.ReadXml("xl/_rels/workbook.xml.rels");
    if (!rels.ok()) return rels.status();
    for (pugi::xml_node r : Child(**rels, "Relationships").children()) {
      targets[Attr(r, "Id").value()] = PartName(Attr(r, "Target").value());
    }
  }
  Status st = LoadWorkbookParts(p, &wb);
  if (!st.ok()) return st;
  std::vector<Table> out;
  int index = 0;
  for (pugi::xml_node sheet : Child(root, "sheets").children()) {
    if (LocalName(sheet) != "sheet") continue;
    ++index;
    std::string_view state = Attr(sheet, "state").value();
    if (state == "hidden" || state == "veryHidden") continue;
    auto target = targets.find(Attr(sheet, "id").value());
    if (target == targets.end() || !p.Has(target->second)) continue;  // a chart sheet
    auto xml = p.ReadXml(target->second);
    if (!xml.ok()) return xml.status();
    pugi::xml_node ws = Child(**xml, "worksheet");
    if (!ws) continue;
    Result<Table> t = ReadSheet(ws, wb, index, Attr(sheet, "name").value());
    if (!t.ok()) return t.status();
    SplitAbove(&*t);
    LayoutGrid(&t->grid);
    out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace plan2json::ooxml
