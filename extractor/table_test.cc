// Copyright 2026 The plan2json Authors.
//
// FindTable on synthetic pages: rulings drawn as strokes or as thin filled
// rectangles, spanning cells, glyphs assigned by centre, text outside the
// table kept above/below.

#include "extractor/table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace plan2json::extractor {
namespace {

// A page builder: rulings and one glyph per character of a string.
class PageBuilder {
 public:
  PageBuilder() { page_.number = 1, page_.width = 600, page_.height = 800; }
  PageBuilder& H(double y, double x0, double x1) {
    page_.rulings.push_back({Ruling::Axis::kHorizontal, y, x0, x1});
    return *this;
  }
  PageBuilder& V(double x, double y0, double y1) {
    page_.rulings.push_back({Ruling::Axis::kVertical, x, y0, y1});
    return *this;
  }
  // CJK text (3-byte UTF-8 per character), 10 pt glyphs from (x, y).
  PageBuilder& Text(const std::string& utf8, double x, double y) {
    for (size_t i = 0; i < utf8.size();) {
      size_t n = (static_cast<unsigned char>(utf8[i]) >= 0xE0) ? 3 : 1;
      Glyph g;
      g.text = utf8.substr(i, n);
      g.box = {x, y, x + 10, y + 10};
      g.font_size = 10;
      page_.glyphs.push_back(g);
      x += 10;
      i += n;
    }
    return *this;
  }
  // One glyph whose box is `h` tall: OCR's box for pieces of text at
  // different heights read as one line.
  PageBuilder& Tall(const std::string& utf8, double x, double y, double h) {
    Glyph g;
    g.text = utf8;
    g.box = {x, y, x + 10, y + h};
    g.font_size = 10;
    page_.glyphs.push_back(g);
    return *this;
  }
  const Page& page() const { return page_; }

 private:
  Page page_;
};

// Options for tables without rulings whose header cells are `words`.
TableOptions HeaderWords(std::vector<std::string> words) {
  TableOptions options;
  options.is_header_cell = [words](const std::string& t) {
    return std::find(words.begin(), words.end(), t) != words.end();
  };
  return options;
}

std::string CellText(const Grid& g, int row, int col) {
  const Cell* c = g.At(row, col);
  if (c == nullptr) return "<none>";
  std::string out;
  for (const TextLine& l : c->lines) out += (out.empty() ? "" : "/") + l.text;
  return out;
}

// 3 columns x 3 rows at x = 100, 200, 300, 400 and y = 100, 130, 160, 190;
// the first column's cell spans rows 1-2 (no ruling between them there).
PageBuilder SpanningTable() {
  PageBuilder b;
  b.H(100, 100, 400).H(130, 100, 400).H(160, 200, 400).H(190, 100, 400);
  b.V(100, 100, 190).V(200, 100, 190).V(300, 100, 190).V(400, 100, 190);
  b.Text("序号", 110, 110).Text("措施", 210, 110).Text("时限", 310, 110);
  b.Text("一", 110, 155);
  b.Text("甲事", 210, 140).Text("年底前", 310, 140);
  b.Text("乙事", 210, 170).Text("持续", 310, 170);
  b.Text("标题", 200, 50).Text("页脚", 200, 700);
  return b;
}

TEST(FindTable, GridFromStrokedRulingsWithSpans) {
  Grid g = FindTable(SpanningTable().page());
  ASSERT_TRUE(g.ruled);
  EXPECT_EQ(g.rows(), 3);
  EXPECT_EQ(g.cols(), 3);
  const Cell* span = g.At(2, 0);
  ASSERT_NE(span, nullptr);
  EXPECT_EQ(span->row, 1);
  EXPECT_EQ(span->row_span, 2);
  EXPECT_EQ(CellText(g, 1, 0), "一");
  EXPECT_EQ(CellText(g, 1, 1), "甲事");
  EXPECT_EQ(CellText(g, 2, 2), "持续");
  ASSERT_EQ(g.above.size(), 1u);
  EXPECT_EQ(g.above[0].text, "标题");
  ASSERT_EQ(g.below.size(), 1u);
  EXPECT_EQ(g.below[0].text, "页脚");
}

TEST(FindTable, BrokenRulingSegmentsMerge) {
  // The same table with every horizontal ruling drawn cell by cell, as
  // office software does.
  PageBuilder b;
  for (double y : {100.0, 130.0, 190.0}) b.H(y, 100, 200).H(y, 200, 300).H(y, 300, 400);
  b.H(160, 200, 300).H(160, 300, 400);
  for (double x : {100.0, 200.0, 300.0, 400.0}) b.V(x, 100, 130).V(x, 130, 190);
  b.Text("甲", 210, 140);
  Grid g = FindTable(b.page());
  EXPECT_EQ(g.rows(), 3);
  EXPECT_EQ(g.cols(), 3);
  EXPECT_EQ(g.At(2, 0)->row_span, 2);
}

TEST(FindTable, NoRulingsAndNoHeaderTestGivesNoGrid) {
  PageBuilder b;
  b.Text("正文", 100, 100);
  Grid g = FindTable(b.page());
  EXPECT_FALSE(g.ruled);
  EXPECT_EQ(g.rows(), 0);
  ASSERT_EQ(g.above.size(), 1u);
}

// Without rulings, a cell's lines join into one paragraph when the gap
// between them is no wider than the prose column's leading (its narrowest
// gap between lines). Pieces of one visual line, apart at a wide space,
// overlap: they are no gap, and must not make every line a paragraph.
TEST(FindTable, UnruledLeadingIgnoresPiecesOfOneLine) {
  const TableOptions options = HeaderWords({"措施", "时限", "单位"});
  PageBuilder b;
  b.Text("措施", 100, 100).Text("时限", 320, 100).Text("单位", 420, 100);
  // Row 1: one line, in two pieces apart at a wide space.
  b.Text("甲甲甲；", 100, 130).Text("乙乙乙。", 160, 130);
  b.Text("年底前", 320, 130).Text("市局", 420, 130);
  // Row 2: two lines, the other cells centred on them.
  b.Text("丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙", 100, 154).Text("丁丁丁。", 100, 166);
  b.Text("持续", 320, 160).Text("区局", 420, 160);
  Grid g = FindTable(b.page(), options);
  ASSERT_GE(g.rows(), 3);
  const int last = g.rows() - 1;
  EXPECT_EQ(CellText(g, last, 0), "丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙/丁丁丁。");
  EXPECT_EQ(CellText(g, last, 1), "持续");
}

// Without rulings, cells left of the prose sit centred on the rows they
// span. A task over two measures has its centre on the edge between them,
// and names the first: its key and text go there, whichever side of the
// edge their ink's centre falls by a fraction of a point.
TEST(FindTable, UnruledCentredSpanNamesItsFirstRow) {
  const TableOptions options = HeaderWords({"序号", "任务", "措施", "时限"});
  for (double shift : {-0.6, 0.0, 0.6}) {
    PageBuilder b;
    b.Text("序号", 60, 100).Text("任务", 100, 100).Text("措施", 160, 100).Text("时限", 420, 100);
    // Two measures of three lines each (130-164, 172-206): the span's
    // centre is 168, on the edge between them.
    b.Text("甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲", 160, 130)
        .Text("甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲", 160, 142)
        .Text("甲甲甲。", 160, 154)
        .Text("年底前", 420, 142);
    b.Text("乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙", 160, 172)
        .Text("乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙", 160, 184)
        .Text("乙乙乙。", 160, 196)
        .Text("持续", 420, 184);
    b.Text("（", 66, 157 + shift).Text("1）", 60, 169 + shift);
    b.Text("任务", 100, 157 + shift).Text("名称", 100, 169 + shift);
    Grid g = FindTable(b.page(), options);
    ASSERT_EQ(g.rows(), 3) << shift;
    EXPECT_EQ(CellText(g, 1, 0), "（/1）") << shift;
    EXPECT_EQ(CellText(g, 1, 1), "任务/名称") << shift;
    EXPECT_EQ(CellText(g, 2, 0), "") << shift;
    EXPECT_EQ(CellText(g, 2, 2), "乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙/乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙/乙乙乙。") << shift;
  }
}

// The prose column's leading is its narrowest gap between lines; a line
// box taller than a line (OCR's box over pieces at different heights) is
// no measure of it: its narrow gap must not cut other paragraphs apart.
TEST(FindTable, UnruledLeadingIgnoresLinesTallerThanALine) {
  const TableOptions options = HeaderWords({"措施", "时限", "单位"});
  PageBuilder b;
  b.Text("措施", 100, 100).Text("时限", 320, 100).Text("单位", 420, 100);
  // Row 1: two lines 6 pt apart.
  b.Text("甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲", 100, 130).Text("甲甲。", 100, 146);
  b.Text("年底前", 320, 138).Text("市局", 420, 138);
  // Row 2: a line with a 16 pt box, 2 pt above the next.
  b.Text("乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙", 100, 170).Tall("乙", 280, 168, 16);
  b.Text("乙乙。", 100, 186);
  b.Text("持续", 320, 178).Text("区局", 420, 178);
  Grid g = FindTable(b.page(), options);
  ASSERT_EQ(g.rows(), 3);
  EXPECT_EQ(CellText(g, 1, 0), "甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲/甲甲。");
  EXPECT_EQ(CellText(g, 1, 1), "年底前");
  EXPECT_EQ(CellText(g, 2, 1), "持续");
}

// Without rulings, the body ends at a gap of over 1.5 lines, unless the line
// below it still reads as a row (pieces under two columns or more: OCR lost
// the lines between) and nothing closes the table in the gap (a rule across
// it, a page number). A note under the table, one piece, stays below it.
TEST(FindTable, UnruledBodyGoesOnPastAGapWhenARowFollows) {
  TableOptions options = HeaderWords({"措施", "时限", "单位"});
  options.is_furniture = [](const std::string& t) { return t == "第1页"; };
  enum class After {
    kRow,
    kNote,
    kColophon,
    kRowPastARule,
    kRowPastAPageNumber
  };
  struct Case {
    const char* what;
    After after;
    int want_rows;  // header included
  };
  const Case cases[] = {
      {"a row after the gap", After::kRow, 4},
      {"a note after the gap", After::kNote, 3},
      {"a colophon in pieces after the gap", After::kColophon, 3},
      {"a row past a rule", After::kRowPastARule, 3},
      {"a row past a page number", After::kRowPastAPageNumber, 3}};
  for (const Case& c : cases) {
    PageBuilder b;
    b.Text("措施", 100, 100).Text("时限", 320, 100).Text("单位", 420, 100);
    b.Text("甲甲甲；", 100, 130).Text("年底前", 320, 130).Text("市局", 420, 130);
    b.Text("乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙", 100, 154)
        .Text("乙乙乙。", 100, 166);
    b.Text("持续", 320, 160).Text("区局", 420, 160);
    // A gap of over two lines (12 pt pitch): OCR lost them.
    if (c.after == After::kNote) {
      b.Text("注：丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙丙。",
             100, 206);
    } else if (c.after == After::kColophon) {
      b.Text("市政府办公厅", 100, 206).Text("2023年1月5日印发", 320, 206);
    } else {
      b.Text("丙丙丙。", 100, 206).Text("6月", 320, 206).Text("县局", 420, 206);
    }
    if (c.after == After::kRowPastARule) b.H(190, 90, 460);
    if (c.after == After::kRowPastAPageNumber) b.Text("第1页", 260, 186);
    Grid g = FindTable(b.page(), options);
    ASSERT_EQ(g.rows(), c.want_rows) << c.what;
    if (c.after == After::kRow) {
      EXPECT_EQ(CellText(g, 3, 1), "6月") << c.what;
    } else {
      EXPECT_FALSE(g.below.empty()) << c.what;
    }
  }
}

TEST(GroupLines, LinesTopToBottomWithSpacesAtGaps) {
  PageBuilder b;
  b.Text("下行", 100, 130).Text("上行", 100, 100).Text("40", 130, 100);
  std::vector<const Glyph*> glyphs;
  for (const Glyph& g : b.page().glyphs) glyphs.push_back(&g);
  std::vector<TextLine> lines = GroupLines(glyphs);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "上行 40");  // 10 pt gap > 0.25 em: a space
  EXPECT_EQ(lines[1].text, "下行");
}

// A line's size is the one most of its glyphs are set in: a scan's title
// line measures its digits shorter than its ideographs.
TEST(GroupLines, LineSizeIsMostGlyphsSize) {
  std::vector<Glyph> owned;
  double x = 100;
  for (double size : {22.0, 22.0, 22.0, 15.0, 15.0, 15.0, 15.0, 22.0, 22.0}) {
    Glyph g;
    g.text = "\xe5\xb9\xb4";  // 年
    g.box = {x, 100, x + 20, 122};
    g.font_size = size;
    owned.push_back(g);
    x += 20;
  }
  std::vector<const Glyph*> glyphs;
  for (const Glyph& g : owned) glyphs.push_back(&g);
  std::vector<TextLine> lines = GroupLines(glyphs);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_DOUBLE_EQ(lines[0].font_size, 22.0);
}

// bench/bounded.sh: n horizontal and n vertical rulings crossing each other
// (O(n) bytes of PDF) made an n x n grid: 1000 each way took 1.5 s and
// 130 MB, 10,000 each way would take minutes and 13 GB. Grids above
// TableOptions::max_grid_slots are not read as tables.
TEST(ScalingRegression, DenseRulingGridQuadraticMemory) {
  PageBuilder b;
  const int n = 600;  // 360,000 slots > 2^18
  for (int i = 0; i < n; ++i) {
    b.H(10 + 2.5 * i, 10, 10 + 2.5 * n).V(10 + 2.5 * i, 10, 10 + 2.5 * n);
  }
  Grid g = FindTable(b.page());
  EXPECT_LT(g.rows(), 1);
  EXPECT_TRUE(g.cells.empty());
  TableOptions small;
  small.max_grid_slots = 100;
  PageBuilder t;
  t.H(100, 100, 300).H(120, 100, 300).H(140, 100, 300);
  t.V(100, 100, 140).V(200, 100, 140).V(300, 100, 140);
  EXPECT_EQ(FindTable(t.page(), small).rows(), 2);  // 4 slots: a table
  small.max_grid_slots = 3;
  EXPECT_LT(FindTable(t.page(), small).rows(), 1);
}

}  // namespace
}  // namespace plan2json::extractor
