// Copyright 2026 The plan2json Authors.
//
// Fast tests of the OCR module's parts that need no recognition engine run
// on a full page: glyph geometry from symbols, rulings from an image,
// the repair of what OCR read, the scan score, and bad images.

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "extractor/pdf_reader.h"
#include "extractor/plan.h"
#include "lexicon/lexicon.h"
#include "ocr/image.h"
#include "ocr/pdf_render.h"
#include "ocr/recognize.h"
#include "ocr/recognize_internal.h"
#include "ocr/repair.h"
#include "ocr/scan.h"
#include "ocr/scan_maker.h"
#include "ocr/scan_score.h"

namespace plan2json::ocr {
namespace {

using extractor::Ruling;

// --- GlyphsFromSymbols ------------------------------------------------------

Symbol Sym(const std::string& text, int x0, int x1, int line, bool word_end) {
  Symbol s;
  s.text = text;
  s.x0 = x0, s.x1 = x1, s.y0 = 100, s.y1 = 136;  // 40 px em at 300 dpi
  s.line_y0 = 98, s.line_y1 = 140;
  s.line = line;
  s.word_end = word_end;
  s.confidence = 0.9;
  return s;
}

std::string LineText(const std::vector<extractor::Glyph>& glyphs) {
  std::vector<const extractor::Glyph*> ptrs;
  for (const auto& g : glyphs) ptrs.push_back(&g);
  std::string out;
  for (const auto& l : extractor::GroupLines(ptrs)) out += l.text + "|";
  return out;
}

TEST(GlyphsFromSymbols, SpacesOnlyBetweenLatinWords) {
  struct Case {
    const char* name;
    std::vector<Symbol> symbols;
    std::string want;
  };
  const Case cases[] = {
      {"CJK word break with a narrow gap joins",
       {Sym("市", 0, 36, 1, true), Sym("科", 50, 86, 1, false), Sym("技", 90, 126, 1, true)},
       "市科技|"},
      {"ideographs an engine word runs across a gutter keep the gutter",
       {Sym("位", 0, 36, 1, false), Sym("时", 100, 136, 1, true)},
       "位 时|"},
      {"Latin words keep their space",
       {Sym("D", 0, 20, 1, false), Sym("o", 22, 40, 1, true), Sym("i", 70, 76, 1, true)},
       "Do i|"},
      {"engine order kept where boxes overlap out of order",
       {Sym("产", 40, 76, 1, false), Sym("业", 30, 66, 1, true)},
       "产业|"},
      {"confused brackets repaired",
       {Sym("【", 0, 36, 1, false), Sym("一", 40, 76, 1, false), Sym("）", 80, 116, 1, false),
        Sym("〈", 120, 156, 1, false), Sym("市", 160, 196, 1, false), Sym("〉", 200, 236, 1, true)},
       "（一）（市）|"},
      {"a book-title opener closed by a half-width bracket is a bracket",
       {Sym("《", 0, 36, 1, false), Sym("一", 40, 76, 1, false), Sym(")", 80, 96, 1, false),
        Sym("甲", 100, 136, 1, true)},
       "(一)甲|"},
      {"ASCII quotes in Chinese text open and close",
       {Sym("\"", 0, 20, 1, false), Sym("甲", 40, 76, 1, false), Sym("\"", 80, 96, 1, false),
        Sym("乙", 100, 136, 1, false), Sym("“", 140, 176, 1, false), Sym("丙", 180, 216, 1, false),
        Sym("\"", 220, 236, 1, false), Sym("。", 240, 276, 1, true)},
       "“甲”乙“丙”。|"},
      // Punctuation's ink sits to one side of its em slot: the gap after it
      // is up to an em wider than between characters, and is no word break.
      {"a semicolon after an ideograph fills its em slot",
       {Sym("家", 0, 36, 1, false), Sym(";", 40, 47, 1, true), Sym("建", 97, 133, 1, true)},
       "家;建|"},
      {"so does a full-width comma",
       {Sym("家", 0, 36, 1, false), Sym("，", 40, 50, 1, true), Sym("建", 100, 136, 1, true)},
       "家，建|"},
      {"an opening bracket's ink sits at its slot's right",
       {Sym("甲", 0, 36, 1, true), Sym("（", 80, 90, 1, false), Sym("乙", 94, 130, 1, true)},
       "甲（乙|"},
      {"a lone 《 above a line closing a bracket is its opener (a wrapped （1）)",
       {Sym("《", 0, 36, 1, true), Sym("1", 0, 16, 2, false), Sym("）", 20, 56, 2, true)},
       "（|1）|"},
      {"so is one beside the next column's text, over a piece closing a bracket",
       {Sym("《", 0, 36, 1, true), Sym("提", 200, 236, 1, true), Sym("2", 0, 16, 2, false),
        Sym(")", 20, 36, 2, true), Sym("养", 200, 236, 2, true)},
       "( 提|2) 养|"},
      {"so is a lone （ read as two look-alikes within an em",
       {Sym("（", 0, 20, 1, false), Sym("《", 22, 36, 1, true), Sym("提", 200, 236, 1, true),
        Sym("2", 0, 16, 2, false), Sym(")", 20, 36, 2, true)},
       "( 提|2)|"},
      {"two look-alikes wider than an em are text, not one opener",
       {Sym("人", 0, 36, 1, false), Sym("入", 40, 76, 1, true), Sym("2", 0, 16, 2, false),
        Sym(")", 20, 36, 2, true)},
       "人入|2)|"},
      {"the piece below need not be the engine's next line",
       {Sym("《", 0, 36, 1, true), Sym("甲", 200, 236, 2, true), Sym("2", 0, 16, 3, false),
        Sym(")", 20, 36, 3, true)},
       "(|2) 甲|"},
      {"brackets around an em of blank paper held a lost 一",
       {Sym("(", 0, 16, 1, false), Sym(")", 60, 76, 1, false), Sym("加", 80, 116, 1, true)},
       "(一)加|"},
      {"a dash alone in brackets is the numeral 一, one word with them",
       {Sym("(", 0, 16, 1, true), Sym("-", 40, 56, 1, true), Sym(")", 80, 96, 1, false),
        Sym("提", 100, 136, 1, true)},
       "(一)提|"},
      {"brackets set close stay empty",
       {Sym("(", 0, 16, 1, false), Sym(")", 20, 36, 1, false), Sym("加", 40, 76, 1, true)},
       "()加|"},
      {"a closing quote cannot start a line: dropped",
       {Sym("”", 0, 20, 1, false), Sym("提", 40, 76, 1, false), Sym("升", 80, 116, 1, true)},
       "提升|"},
      {"... or an opening one misread, when one closes after it",
       {Sym("”", 0, 20, 1, false), Sym("双", 40, 76, 1, false), Sym("”", 80, 100, 1, false),
        Sym("升", 120, 156, 1, true)},
       "“双”升|"},
      {"one closing a quote opened on its line stays",
       {Sym("“", 0, 36, 1, false), Sym("双", 40, 76, 1, false), Sym("”", 80, 100, 1, true)},
       "“双”|"},
      {"a lone 人 above text without a closing bracket stays",
       {Sym("人", 0, 36, 1, true), Sym("1", 0, 16, 2, false), Sym("号", 20, 56, 2, true)},
       "人|1号|"},
      {"a point between Latin words does not",
       {Sym("a", 0, 16, 1, false), Sym(".", 20, 26, 1, true), Sym("b", 80, 96, 1, true)},
       "a. b|"},
      {"a dash between digits read as 一 is a dash",
       {Sym("1", 0, 16, 1, true), Sym("一", 30, 66, 1, true), Sym("2", 80, 96, 1, false),
        Sym("一", 100, 136, 1, true)},
       "1—2一|"},
      {"two text lines stay apart",
       {Sym("年", 0, 36, 1, true), Sym("底", 0, 36, 2, true)},
       "年|底|"},
      {"no pause follows a line's opening sequence number: dropped",
       {Sym("3", 0, 16, 1, false), Sym(".", 18, 24, 1, false), Sym("，", 40, 50, 1, true),
        Sym("，", 100, 110, 1, false), Sym("支", 120, 156, 1, true)},
       "3. 支|"},
      {"... nor after 、",
       {Sym("1", 0, 16, 1, false), Sym("2", 18, 34, 1, false), Sym("、", 36, 72, 1, false),
        Sym("；", 76, 86, 1, false), Sym("市", 110, 146, 1, true)},
       "12、市|"},
      {"an opening quote after the number stays",
       {Sym("1", 0, 16, 1, false), Sym(".", 18, 24, 1, false), Sym("“", 40, 76, 1, false),
        Sym("科", 80, 116, 1, true)},
       "1.“科|"},
      {"a decimal point is no sequence number",
       {Sym("1", 0, 16, 1, false), Sym(".", 18, 24, 1, false), Sym("2", 26, 42, 1, false),
        Sym("，", 44, 54, 1, false), Sym("万", 80, 116, 1, true)},
       "1.2，万|"},
      {"nor a number inside the line",
       {Sym("年", 0, 36, 1, false), Sym("3", 40, 56, 1, false), Sym(".", 58, 64, 1, false),
        Sym("，", 66, 76, 1, false), Sym("万", 100, 136, 1, true)},
       "年3.，万|"},
  };
  for (const Case& c : cases) {
    std::vector<Symbol> symbols = c.symbols;
    for (Symbol& s : symbols) {  // lines 2 and 3 lie one line pitch lower
      if (s.line >= 2) s.y0 += 60, s.y1 += 60, s.line_y0 += 60, s.line_y1 += 60;
    }
    std::vector<extractor::Glyph> glyphs = GlyphsFromSymbols(symbols, 300);
    EXPECT_EQ(LineText(glyphs), c.want) << c.name;
  }
}

TEST(GlyphsFromSymbols, EngineLineOverTwoTextLinesIsSplit) {
  std::vector<Symbol> symbols;
  for (int i = 0; i < 6; ++i) {  // 甲乙丙 on one text line, 丁戊己 a line lower
    Symbol s = Sym(std::string(i == 0 ? "甲" : i == 1 ? "乙" : i == 2 ? "丙" : i == 3 ? "丁"
                                : i == 4 ? "戊" : "己"),
                   i * 40, i * 40 + 36, 1, i == 2);
    if (i >= 3) s.x0 += 100, s.x1 += 100, s.y0 += 60, s.y1 += 60;
    s.line_y0 = 98, s.line_y1 = 200;
    symbols.push_back(s);
  }
  EXPECT_EQ(LineText(GlyphsFromSymbols(symbols, 300)), "甲乙丙|丁戊己|");
}

TEST(GlyphsFromSymbols, LatinPointBetweenIdeographsIsUnsure) {
  struct Case {
    std::vector<Symbol> symbols;
    double want_min_confidence;
  };
  const Case cases[] = {
      {{Sym("责", 0, 36, 1, false), Sym(".", 40, 50, 1, false), Sym("厘", 60, 96, 1, true)},
       0.5},
      {{Sym("1", 0, 16, 1, false), Sym(".", 20, 26, 1, false), Sym("建", 30, 66, 1, true)},
       0.99},
      {{Sym("责", 0, 36, 1, false), Sym("。", 40, 76, 1, false), Sym("厘", 80, 116, 1, true)},
       0.99},
  };
  for (const Case& c : cases) {
    std::vector<Symbol> symbols = c.symbols;
    for (Symbol& s : symbols) s.confidence = 0.99;
    double low = 1;
    for (const auto& g : GlyphsFromSymbols(symbols, 300)) low = std::min(low, g.confidence);
    EXPECT_DOUBLE_EQ(low, c.want_min_confidence) << LineText(GlyphsFromSymbols(symbols, 300));
  }
}

TEST(GlyphsFromSymbols, PauseDroppedAfterASequenceNumberDoubtsIt) {
  std::vector<Symbol> symbols = {
      Sym("3", 0, 16, 1, false), Sym(".", 18, 24, 1, false),
      Sym("，", 40, 50, 1, true), Sym("支", 120, 156, 1, true)};
  for (Symbol& s : symbols) s.confidence = 0.99;
  std::vector<extractor::Glyph> glyphs = GlyphsFromSymbols(symbols, 300);
  ASSERT_EQ(LineText(glyphs), "3. 支|");
  EXPECT_DOUBLE_EQ(glyphs[0].confidence, 0.5) << "the number";
  EXPECT_DOUBLE_EQ(glyphs.back().confidence, 0.99) << "the text after it";
}

TEST(GlyphsFromSymbols, BoxesInPointsWithConfidence) {
  std::vector<extractor::Glyph> g =
      GlyphsFromSymbols({Sym("一", 300, 336, 1, true)}, 300);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_DOUBLE_EQ(g[0].box.x0, 72.0);  // 300 px at 300 dpi = 1 in
  EXPECT_NEAR(g[0].confidence, 0.9, 1e-9);
  EXPECT_GT(g[0].font_size, 0);
}

// --- FindRulings -------------------------------------------------------------

TEST(FindRulings, LongThinRunsOnlyAndInPoints) {
  // A 2-column, 2-row ruled table at 300 dpi, plus text-like short strokes
  // and a thick bar (a bold title stroke), which are not rulings.
  PixPtr pix(pixCreate(1200, 900, 1));
  auto line = [&](int x0, int y0, int x1, int y1, int width) {
    pixRenderLine(pix.get(), x0, y0, x1, y1, width, L_SET_PIXELS);
  };
  for (int y : {100, 300, 500}) line(100, y, 1100, y, 3);
  for (int x : {100, 600, 1100}) line(x, 100, x, 500, 3);
  line(200, 200, 240, 200, 3);   // a character's stroke, 40 px
  line(200, 700, 700, 700, 30);  // 30 px thick: not a rule
  std::vector<Ruling> rulings = FindRulings(pix.get(), 300, nullptr);
  int h = 0, v = 0;
  for (const Ruling& r : rulings) {
    (r.axis == Ruling::Axis::kHorizontal ? h : v)++;
    if (r.axis == Ruling::Axis::kHorizontal && std::abs(r.pos - 24) < 1) {
      EXPECT_NEAR(r.from, 24, 1) << "100 px at 300 dpi is 24 pt";
      EXPECT_NEAR(r.to, 264, 1);
    }
  }
  EXPECT_EQ(h, 3);
  EXPECT_EQ(v, 3);
}

// A short run that meets no ruling across it is no ruling when ink lies
// beside most of its length (the tops of bold characters set solid); alone
// (a drawn placeholder dash, also one a turned scan left slanting), meeting
// a vertical, or an inch long, it is one.
TEST(FindRulings, ShortRunAlongCharacterStrokesIsNoRuling) {
  struct Case {
    const char* what;
    int length;    // px at 300 dpi
    bool crossed;  // a vertical run meets it
    bool strokes;  // short vertical strokes hang from it, 3 px below
    bool want;
    int slant = 0;  // px its right end lies lower
  };
  const Case cases[] = {
      {"half an inch, strokes under it", 150, false, true, false},
      {"half an inch, alone", 150, false, false, true},
      {"half an inch, alone, slanting", 150, false, false, true, 3},
      {"half an inch, strokes under it, meeting a vertical", 150, true, true,
       true},
      {"an inch and a half, strokes under it", 450, false, true, true},
  };
  for (const Case& c : cases) {
    PixPtr pix(pixCreate(1200, 900, 1));
    pixRenderLine(pix.get(), 300, 400, 300 + c.length, 400 + c.slant, 3,
                  L_SET_PIXELS);
    if (c.crossed) {
      pixRenderLine(pix.get(), 300, 300, 300, 500, 3, L_SET_PIXELS);
    }
    for (int x = 300; c.strokes && x < 300 + c.length; x += 3) {
      pixRenderLine(pix.get(), x, 405, x, 435, 2, L_SET_PIXELS);
    }
    PixPtr lines;
    std::vector<Ruling> rulings = FindRulings(pix.get(), 300, &lines);
    int h = 0;
    for (const Ruling& r : rulings) {
      h += r.axis == Ruling::Axis::kHorizontal ? 1 : 0;
    }
    EXPECT_EQ(h, c.want ? 1 : 0) << c.what;
    l_uint32 at = 0;
    pixGetPixel(lines.get(), 300 + c.length / 2, 400 + c.slant / 2, &at);
    EXPECT_EQ(at != 0, c.want)
        << c.what << ": the run is erased only as a ruling";
  }
}

// A 500 x 500 grey page at 200 dpi: a ruling one pixel thin, two blocks of
// ink, and a one-pixel stroke (a Song horizontal at 200 dpi); with `noise`,
// a seeded 1 % of its pixels set black or white.
PixPtr NoisyPage(bool noise) {
  PixPtr pix(pixCreate(500, 500, 8));
  pixSetAllArbitrary(pix.get(), 255);
  auto fill = [&](int x, int y, int w, int h) {
    Box* b = boxCreate(x, y, w, h);
    pixClearInRect(pix.get(), b);
    boxDestroy(&b);
  };
  fill(50, 100, 400, 1);   // ruling
  fill(100, 200, 30, 30);  // ink
  fill(200, 200, 30, 30);
  fill(300, 215, 40, 1);  // thin stroke
  std::mt19937 rng(7);
  std::bernoulli_distribution hit(0.01), black(0.5);
  for (int y = 0; noise && y < 500; ++y) {
    for (int x = 0; x < 500; ++x) {
      if (hit(rng)) pixSetPixel(pix.get(), x, y, black(rng) ? 0 : 255);
    }
  }
  pixSetResolution(pix.get(), 200, 200);
  return pix;
}

TEST(Prepare, SaltAndPepperGoesThinStrokesAndRulingsStay) {
  for (bool noise : {false, true}) {
    PixPtr pix = NoisyPage(noise);
    Result<PreparedPage> page = Prepare(pix.get(), 200, 300);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_EQ(page->noise > kNoisy, noise) << "noise measured " << page->noise;
    ASSERT_EQ(page->rulings.size(), 1u) << "noise " << noise;
    // What is read: the two blocks and the stroke, nothing else, no holes.
    l_int32 pieces = 0;
    pixCountConnComp(page->text.get(), 8, &pieces);
    EXPECT_EQ(pieces, 3) << "noise " << noise;
    l_uint32 v = 0;
    pixGetPixel(page->text.get(), 480, 323, &v);  // the stroke's middle, x1.5
    EXPECT_EQ(v, 1u) << "noise " << noise << ": the thin stroke was erased";
    // The grey image the lines are read from: no dark speck at more than
    // two pixels from the ink, below the ruling.
    PixPtr ink(pixDilateBrick(nullptr, page->text.get(), 5, 5));
    PixPtr dark(pixThresholdToBinary(page->grey.get(), 128));
    pixSubtract(dark.get(), dark.get(), ink.get());
    Box* below = boxCreate(0, 200, 750, 550);
    l_int32 specks = 0;
    pixCountPixelsInRect(dark.get(), below, &specks, nullptr);
    boxDestroy(&below);
    EXPECT_EQ(specks, 0) << "noise " << noise;
  }
}

// The darkest value of `grey` in the rectangle (x, y, w, h).
l_uint32 Darkest(Pix* grey, int x, int y, int w, int h) {
  l_uint32 darkest = 255;
  for (int j = y; j < y + h; ++j) {
    for (int i = x; i < x + w; ++i) {
      l_uint32 v = 255;
      pixGetPixel(grey, i, j, &v);
      darkest = std::min(darkest, v);
    }
  }
  return darkest;
}

// The grey image lines are read from keeps what the threshold lost (a
// stroke anti-aliasing left light, far from other ink) and loses rulings.
TEST(Prepare, CleanGreyKeepsLightStrokesAndLosesRulings) {
  PixPtr pix = NoisyPage(false);
  Box* light = boxCreate(300, 400, 40, 1);
  pixSetInRectArbitrary(pix.get(), light, 200);
  boxDestroy(&light);
  Result<PreparedPage> page = Prepare(pix.get(), 200, 300);
  ASSERT_TRUE(page.ok()) << page.status().message();
  // At 300 dpi the light stroke is near y 600, x 450-510; the ruling at
  // y 150, x 75-675.
  PixPtr text(pixConvertTo8(page->text.get(), 0));  // ink 0, paper 255
  ASSERT_EQ(Darkest(text.get(), 455, 594, 50, 12), 255u)
      << "the threshold kept the light stroke: nothing to test";
  EXPECT_LT(Darkest(page->clean_grey.get(), 455, 594, 50, 12), 240u)
      << "the light stroke was made white";
  EXPECT_EQ(Darkest(page->clean_grey.get(), 100, 144, 500, 12), 255u)
      << "the ruling is still in the grey image";
}

// A table page of Chinese text, rendered at 200 dpi and turned: leptonica's
// sweep finds the angle but scores it under its own threshold of 3 (2.0-2.6
// on such pages); the halves of the page confirm it.
TEST(Prepare, ChineseTablePageTurnedIsStraightened) {
  std::ifstream in(
      std::string(PLAN2JSON_CORPUS_DIR) + "/jianghuai-univ-2024.word.pdf",
      std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto renderer = PdfRenderer::Open(bytes, "jianghuai", "");
  ASSERT_TRUE(renderer.ok()) << renderer.status().message();
  Result<GreyImage> grey = (*renderer)->Render(3, 200, 1u << 26);
  ASSERT_TRUE(grey.ok()) << grey.status().message();
  PixPtr pix = FromGrey(*grey);
  for (double degrees : {0.0, 1.0, -1.5}) {
    PixPtr turned(pixRotate(pix.get(),
                            static_cast<float>(degrees * 3.14159265 / 180),
                            L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
    Result<PreparedPage> page = Prepare(turned.get(), 200, 300);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_NEAR(page->skew_degrees, -degrees, 0.15)
        << "turned by " << degrees << "°";
  }
}

// --- Bad images ---------------------------------------------------------------

TEST(ScanImageFile, BadImagesFailWithOneNamedReason) {
  // A blank A4 page at 100 dpi, a postage stamp, and a truncated PNG.
  auto png = [](Pix* pix) {
    l_uint8* data = nullptr;
    size_t size = 0;
    pixWriteMem(&data, &size, pix, IFF_PNG);
    std::string bytes(reinterpret_cast<char*>(data), size);
    lept_free(data);
    pixDestroy(&pix);
    return bytes;
  };
  Pix* blank = pixCreate(827, 1169, 8);
  pixSetAll(blank);
  pixSetResolution(blank, 100, 100);
  Pix* stamp = pixCreate(40, 30, 8);
  pixSetResolution(stamp, 300, 300);
  std::string good_png = png(pixCreate(200, 200, 8));
  struct Case {
    const char* name;
    std::string bytes;
    Status::Code code;
    std::string says;
  };
  const Case cases[] = {
      {"blank.png", png(blank), Status::Code::kNoPlanTable, "blank"},
      {"stamp.png", png(stamp), Status::Code::kInvalidArgument, "too small"},
      {"cut.png", good_png.substr(0, 40), Status::Code::kCorrupt, "not a readable image"},
  };
  for (const Case& c : cases) {
    ASSERT_TRUE(LooksLikeImage(c.bytes)) << c.name;
    Result<ScanResult> r = ScanImageFile(c.bytes, c.name, ScanOptions());
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), c.code) << c.name << ": " << r.status().message();
    EXPECT_EQ(r.status().message().rfind(c.name, 0), 0u) << r.status().message();
    EXPECT_NE(r.status().message().find(c.says), std::string::npos)
        << c.name << ": " << r.status().message();
  }
}

TEST(LooksLikeImage, MagicBytes) {
  const std::pair<std::string, bool> cases[] = {
      {"\x89PNG\r\n\x1a\n....", true},
      {"\xFF\xD8\xFF\xE0....", true},
      {std::string("II*\0....", 8), true},
      {std::string("MM\0*....", 8), true},
      {"%PDF-1.7", false},
      {"序号 重点任务", false},
  };
  for (const auto& [bytes, want] : cases) {
    EXPECT_EQ(LooksLikeImage(bytes), want) << bytes;
  }
}

// --- RepairPlan ----------------------------------------------------------------

extractor::RawPlan OnePlan(const std::vector<std::string>& responsible,
                           const std::string& deadline, const std::string& seq) {
  extractor::RawPlan plan;
  plan.title = {"2024年工作要点"};
  plan.columns = {{extractor::ColumnKey::kSeq, "序号"},
                  {extractor::ColumnKey::kMeasure, "工作措施"},
                  {extractor::ColumnKey::kResponsible, "责任单位"},
                  {extractor::ColumnKey::kDeadline, "完成时限"}};
  extractor::RawRow row;
  row.cells = {{seq}, {"开展专项整治。"}, responsible, {deadline}};
  row.pages = {1};
  plan.rows.push_back(row);
  return plan;
}

TEST(RepairPlan, SnapsFlagsAndLeavesCleanRowsAlone) {
  const auto dict = normalizer::DepartmentDict::FromNames(
      {"市园林绿化局", "市水务局", "省应急管理厅", "市有关部门"});
  struct Case {
    const char* name;
    std::vector<std::string> responsible;
    std::string deadline, seq;
    std::vector<std::string> want_cell;
    bool want_low;
    std::string want_warning;  // a code, "" for none
  };
  const Case cases[] = {
      {"clean row", {"市水务局"}, "年底前", "1", {"市水务局"}, false, ""},
      {"one misread character is snapped",
       {"市园林録化局"},
       "年底前",
       "1",
       {"市园林绿化局"},
       true,
       "ocr_snapped"},
      {"a name wrapped over lines is snapped in place",
       {"市水务局、市园林", "録化局"},
       "年底前",
       "1",
       {"市水务局、市园林绿化局", ""},
       true,
       "ocr_snapped"},
      {"another level is not a misreading",
       {"市应急管理厅"},
       "年底前",
       "1",
       {"市应急管理厅"},
       true,
       "ocr_department"},
      {"unparsable deadline",
       {"市水务局"},
       "了解情况后",
       "1",
       {"市水务局"},
       true,
       "ocr_deadline"},
      {"a collective name is not snapped to a listed one",
       {"市水务局、市级有关部门"},
       "年底前",
       "1",
       {"市水务局、市级有关部门"},
       false,
       ""},
      {"a digit's look-alike in a deadline is the digit when that parses",
       {"市水务局"},
       "2024年了月10日前",
       "1",
       {"市水务局"},
       true,
       "ocr_snapped"},
      {"... l for 1 too",
       {"市水务局"},
       "l2月底前",
       "1",
       {"市水务局"},
       true,
       "ocr_snapped"},
      {"sequence number without a digit",
       {"市水务局"},
       "年底前",
       "]",
       {"市水务局"},
       true,
       "ocr_seq"},
      {"a role word one character off is restored",
       {"市水务局（奉头）"},
       "年底前",
       "1",
       {"市水务局（牵头）"},
       true,
       "ocr_snapped"},
      {"a role word without its opening bracket",
       {"市水务局牵头）"},
       "年底前",
       "1",
       {"市水务局（牵头）"},
       true,
       "ocr_snapped"},
      {"a role word read right stays",
       {"市水务局（牵头）"},
       "年底前",
       "1",
       {"市水务局（牵头）"},
       false,
       ""},
      {"its closing bracket and comma read as 八",
       {"市水务局（牵头八市园林绿化局"},
       "年底前",
       "1",
       {"市水务局（牵头）、市园林绿化局"},
       true,
       "ocr_snapped"},
      {"its closing bracket read as 】",
       {"市水务局（牵头】"},
       "年底前",
       "1",
       {"市水务局（牵头）"},
       true,
       "ocr_snapped"},
      {"a longer role word in brackets stays",
       {"市水务局（牵头单位）"},
       "年底前",
       "1",
       {"市水务局（牵头单位）"},
       false,
       ""},
  };
  for (const Case& c : cases) {
    extractor::RawPlan plan = OnePlan(c.responsible, c.deadline, c.seq);
    RepairPlan({}, {1}, *dict, &plan);
    EXPECT_EQ(plan.rows[0].cells[2], c.want_cell) << c.name;
    EXPECT_EQ(plan.rows[0].low_confidence, c.want_low) << c.name;
    std::string codes;
    for (const Warning& w : plan.warnings) codes += w.code + " ";
    if (c.want_warning.empty()) {
      EXPECT_TRUE(plan.warnings.empty()) << c.name << ": " << codes;
    } else {
      EXPECT_NE(codes.find(c.want_warning), std::string::npos) << c.name << ": " << codes;
    }
  }
}

// A digit's look-alike in a deadline that does not parse is the digit, when
// the deadline then parses.
TEST(RepairPlan, DeadlineDigitsReadAsLookAlikes) {
  const auto dict = normalizer::DepartmentDict::FromNames({"市水务局"});
  const std::pair<std::string, std::string> cases[] = {
      {"2024年了月10日前", "2024年7月10日前"},
      {"l2月底前", "12月底前"},
      {"2O24年底前", "2024年底前"},
      {"了解情况后", "了解情况后"},  // no deadline either way
      {"7月底前", "7月底前"},
  };
  for (const auto& [read, want] : cases) {
    extractor::RawPlan plan = OnePlan({"市水务局"}, read, "1");
    RepairPlan({}, {1}, *dict, &plan);
    EXPECT_EQ(plan.rows[0].cells[3], std::vector<std::string>{want}) << read;
  }
}

// No cell starts with a pause or stop, and none follows another; OCR reads
// them out of specks.
TEST(RepairPlan, StrayPausesAreDropped) {
  const auto dict = normalizer::DepartmentDict::FromNames({"市水务局"});
  struct Case {
    std::vector<std::string> measure;
    std::vector<std::string> want;
    bool want_low;
  };
  const Case cases[] = {
      {{"开展专项整治。"}, {"开展专项整治。"}, false},
      {{"、开展专项整治。"}, {"开展专项整治。"}, true},
      {{"。， 开展专项", "整治。"}, {"开展专项", "整治。"}, true},
      {{"、", "开展专项整治。"}, {"开展专项整治。"}, true},
      // a wrapped line of the cell may start with one
      {{"开展专项整治", "，完成验收。"},
       {"开展专项整治", "，完成验收。"},
       false},
      {{"“专项整治”行动"}, {"“专项整治”行动"}, false},
      {{"。"}, {}, true},
      {{"开展专项整治。，："}, {"开展专项整治。"}, true},
      {{"开展专项整治。", "、完成验收。"},
       {"开展专项整治。", "完成验收。"},
       true},
      {{"开展专项整治。", "、"}, {"开展专项整治。"}, true},
      {{"新增1.2万家，，-获批"}, {"新增1.2万家，-获批"}, true},
      {{"10:30前完成。"}, {"10:30前完成。"}, false},
      {{"市发改委（牵头）", "、市经信局"},
       {"市发改委（牵头）", "、市经信局"},
       false},
  };
  for (const Case& c : cases) {
    extractor::RawPlan plan = OnePlan({"市水务局"}, "年底前", "1");
    plan.rows[0].cells[1] = c.measure;
    RepairPlan({}, {1}, *dict, &plan);
    EXPECT_EQ(plan.rows[0].cells[1], c.want)
        << ::testing::PrintToString(c.measure);
    EXPECT_EQ(plan.rows[0].low_confidence, c.want_low)
        << ::testing::PrintToString(c.measure);
  }
  // The year of the title resolves the deadline once the pause is gone.
  extractor::RawPlan plan = OnePlan({"市水务局"}, "、年底前", "1");
  RepairPlan({}, {1}, *dict, &plan);
  EXPECT_EQ(plan.rows[0].cells[3], std::vector<std::string>{"年底前"});
  for (const Warning& w : plan.warnings) {
    EXPECT_NE(w.code, "ocr_deadline") << w.message;
  }
}

TEST(RepairPlan, RareReadingTakesTheDocumentsCommonerOne) {
  const auto dict = normalizer::DepartmentDict::FromNames({"市水务局"});
  struct Case {
    std::vector<std::string> cells;  // one row each
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {{"市经信局（市新经济委）", "市经信局（市新经济委）", "市经信和局（市新经济委）"},
       {"市经信局（市新经济委）", "市经信局（市新经济委）", "市经信局（市新经济委）"}},
      // as often either way: nothing to go by
      {{"市经信局（市新经济委）", "市经信和局（市新经济委）"},
       {"市经信局（市新经济委）", "市经信和局（市新经济委）"}},
      // two characters away is another unit
      {{"成都高新区管委会", "成都高新区管委会", "成都东部新区管委会"},
       {"成都高新区管委会", "成都高新区管委会", "成都东部新区管委会"}},
      // another level's unit is not a misreading
      {{"省经信局", "省经信局", "市经信局"}, {"省经信局", "省经信局", "市经信局"}},
      // the first character lost, or junk before it
      {{"省应急管理厅", "省应急管理厅", "应急管理厅"},
       {"省应急管理厅", "省应急管理厅", "省应急管理厅"}},
      {{"省应急管理厅", "省应急管理厅", "-省应急管理厅"},
       {"省应急管理厅", "省应急管理厅", "省应急管理厅"}},
      // two names it could be the end of: nothing to go by
      {{"省商务厅", "省商务厅", "市商务厅", "市商务厅", "商务厅"},
       {"省商务厅", "省商务厅", "市商务厅", "市商务厅", "商务厅"}},
      // a name with a level before it is not junk before a name
      {{"商务厅", "商务厅", "省商务厅"}, {"商务厅", "商务厅", "省商务厅"}},
  };
  for (const Case& c : cases) {
    extractor::RawPlan plan = OnePlan({c.cells[0]}, "年底前", "1");
    for (size_t i = 1; i < c.cells.size(); ++i) {
      plan.rows.push_back(plan.rows[0]);
      plan.rows.back().cells[2] = {c.cells[i]};
      plan.rows.back().cells[0] = {std::to_string(i + 1)};
    }
    RepairPlan({}, {1}, *dict, &plan);
    std::vector<std::string> got;
    for (const extractor::RawRow& r : plan.rows) got.push_back(r.cells[2].front());
    EXPECT_EQ(got, c.want) << ::testing::PrintToString(c.cells);
  }
}

TEST(RepairPlan, SequenceNumbersCountUp) {
  const auto dict = normalizer::DepartmentDict::FromNames({"市水务局"});
  struct Case {
    std::vector<std::string> seqs;
    std::vector<bool> want_low;
  };
  const Case cases[] = {
      {{"1", "2", "3"}, {false, false, false}},
      {{"1", "2", "1", "2"}, {false, false, false, false}},  // numbering restarts
      {{"1", "2", "2", "4"}, {false, false, true, true}},    // 3 misread as 2
  };
  for (const Case& c : cases) {
    extractor::RawPlan plan = OnePlan({"市水务局"}, "年底前", c.seqs[0]);
    for (size_t i = 1; i < c.seqs.size(); ++i) {
      plan.rows.push_back(plan.rows[0]);
      plan.rows.back().cells[0] = {c.seqs[i]};
    }
    RepairPlan({}, {1}, *dict, &plan);
    std::vector<bool> low;
    for (const extractor::RawRow& r : plan.rows) low.push_back(r.low_confidence);
    EXPECT_EQ(low, c.want_low) << ::testing::PrintToString(c.seqs);
  }
}

TEST(RepairPlan, LoneNumeralOneWhereNoNumberBelongsIsThePlaceholderDash) {
  const auto dict = normalizer::DepartmentDict::FromNames({"市水务局"});
  struct Case {
    const char* name;
    std::string seq, deadline;
    std::vector<std::string> want;  // seq, deadline after repair
    bool want_low;
  };
  const Case cases[] = {
      {"deadline 一 is —", "1", "一", {"1", "—"}, true},
      {"seq 一 stays (low: a seq without a digit)", "一", "年底前", {"一", "年底前"}, true},
      {"一 within text stays", "1", "一季度", {"1", "一季度"}, false},
  };
  for (const Case& c : cases) {
    extractor::RawPlan plan = OnePlan({"市水务局"}, c.deadline, c.seq);
    RepairPlan({}, {1}, *dict, &plan);
    const auto& cells = plan.rows[0].cells;
    EXPECT_EQ((std::vector<std::string>{cells[0].front(), cells[3].front()}), c.want)
        << c.name;
    EXPECT_EQ(plan.rows[0].low_confidence, c.want_low) << c.name;
  }
}

TEST(RepairPlan, SectionNumeralsReadAsDashesAreRestored) {
  const auto dict = normalizer::DepartmentDict::FromNames({"市水务局"});
  struct Case {
    std::vector<std::string> read;  // section headings of successive rows
    std::vector<std::string> want;
    std::vector<bool> want_low;
  };
  const Case cases[] = {
      {{"（—）甲", "（=）乙", "（=）丙"}, {"（一）甲", "（二）乙", "（三）丙"},
       {false, false, false}},
      {{"（一）甲", "（一）甲", "（=）乙"}, {"（一）甲", "（一）甲", "（二）乙"},
       {false, false, false}},
      {{"（=）乙"}, {"（二）乙"}, {true}},  // nothing before: a guess
      {{"（四）丁", "（五）戊"}, {"（四）丁", "（五）戊"}, {false, false}},
      {{"（一）甲", "二）乙"}, {"（一）甲", "（二）乙"}, {false, false}},
      // A numeral not read, or read as a zero: 一 (二 after 一), a guess.
      {{"（）甲"}, {"（一）甲"}, {true}},
      {{"( )甲", "( = )乙"}, {"(一)甲", "(二)乙"}, {true, false}},
      {{"（0）甲", "（二）乙"}, {"（一）甲", "（二）乙"}, {true, false}},
      {{"（二）乙", "（O）甲"}, {"（二）乙", "（一）甲"}, {false, true}},  // a restart
      {{"（一）甲", "（）乙"}, {"（一）甲", "（二）乙"}, {false, true}},
  };
  for (const Case& c : cases) {
    extractor::RawPlan plan;
    for (size_t i = 0; i < c.read.size(); ++i) {
      extractor::RawPlan one = OnePlan({"市水务局"}, "年底前", std::to_string(i + 1));
      one.rows[0].section = {c.read[i]};
      if (i == 0) plan = one;
      else plan.rows.push_back(one.rows[0]);
    }
    RepairPlan({}, {1}, *dict, &plan);
    std::vector<std::string> got;
    std::vector<bool> low;
    for (const extractor::RawRow& r : plan.rows) {
      got.push_back(r.section.front());
      low.push_back(r.low_confidence);
    }
    EXPECT_EQ(got, c.want) << ::testing::PrintToString(c.read);
    EXPECT_EQ(low, c.want_low) << ::testing::PrintToString(c.read);
  }
}

TEST(RepairPlan, UnsureGlyphMakesItsRowLow) {
  extractor::Page page;
  page.number = 1;
  extractor::Glyph sure, unsure;
  sure.box = {10, 10, 20, 20};
  sure.confidence = 0.99;
  unsure.box = {110, 10, 120, 20};
  unsure.confidence = 0.4;
  page.glyphs = {sure, unsure};
  extractor::Grid grid;
  grid.page = 1;
  extractor::Cell a, b;
  a.box = {0, 0, 100, 30};
  a.lines = {{"年底前", {}, 10, false}};
  b.box = {100, 0, 200, 30};
  b.lines = {{"开展专项整治。", {}, 10, false}};
  grid.cells = {a, b};
  SetCellConfidence(page, &grid);
  EXPECT_NEAR(grid.cells[0].confidence, 0.99, 1e-9);
  EXPECT_NEAR(grid.cells[1].confidence, 0.4, 1e-9);
  const auto dict = normalizer::DepartmentDict::FromNames({"市水务局"});
  extractor::RawPlan plan = OnePlan({"市水务局"}, "年底前", "1");
  RepairPlan({grid}, {1}, *dict, &plan);
  EXPECT_TRUE(plan.rows[0].low_confidence);
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_EQ(plan.warnings[0].code, "ocr_unsure");
  EXPECT_NE(plan.warnings[0].message.find("开展专项整治。"), std::string::npos);
  // An unsure section heading, read on an earlier page, makes the row low.
  extractor::Grid earlier;
  earlier.page = 1;
  extractor::Cell heading = b;
  heading.lines = {{"（一）加强安全监管", {}, 10, false}};
  heading.confidence = 0.6;
  earlier.cells = {heading};
  extractor::RawPlan sectioned = OnePlan({"市水务局"}, "年底前", "1");
  sectioned.rows[0].pages = {2};
  sectioned.rows[0].section = {"（一）加强安全监管"};
  RepairPlan({earlier}, {1, 2}, *dict, &sectioned);
  EXPECT_TRUE(sectioned.rows[0].low_confidence);
  // Rows from pages that were not OCR'd are left alone.
  extractor::RawPlan digital = OnePlan({"市水務局x"}, "?", "]");
  RepairPlan({grid}, {2}, *dict, &digital);
  EXPECT_FALSE(digital.rows[0].low_confidence);
  EXPECT_TRUE(digital.warnings.empty());
}

TEST(PairQuotes, MarksPairWithinACell) {
  struct Case {
    std::vector<std::string> lines;
    std::vector<std::string> want;
    int changed;
  };
  const Case cases[] = {
      {{"推进“双带头人”建设"}, {"推进“双带头人”建设"}, 0},
      {{"推进“双带头人“建设"}, {"推进“双带头人”建设"}, 1},       // mirrored close
      {{"推进”双带头人”建设"}, {"推进“双带头人”建设"}, 1},       // mirrored open
      {{"“上半年"}, {"上半年"}, 1},                             // a speck in the gutter
      {{"年底前”"}, {"年底前"}, 1},
      {{"构建“通识教育+", "创新教育”体系"}, {"构建“通识教育+", "创新教育”体系"}, 0},
      {{"“甲”和‘乙’"}, {"“甲”和‘乙’"}, 0},
      {{"“甲“乙”"}, {"“甲”乙"}, 2},  // the mirrored close, then a stray
  };
  for (const Case& c : cases) {
    std::vector<std::string> lines = c.lines;
    EXPECT_EQ(internal::PairQuotes(&lines), c.changed) << c.lines.front();
    EXPECT_EQ(lines, c.want) << c.lines.front();
  }
}

// --- RepeatHeaders -------------------------------------------------------------

extractor::Grid HeaderGrid(int page, const std::vector<std::string>& header,
                           double last_edge) {
  extractor::Grid g;
  g.page = page;
  g.ruled = true;
  g.col_edges = {0, 50, 150, 250, last_edge};
  g.row_edges = {0, 20, 60};
  for (int c = 0; c < 4; ++c) {
    extractor::Cell cell;
    cell.page = page;
    cell.col = c;
    cell.lines = {{header[static_cast<size_t>(c)], {}, 10, false}};
    g.cells.push_back(cell);
  }
  return g;
}

TEST(RepeatHeaders, MisreadRepeatedHeaderTakesTheFirstOnesText) {
  const std::vector<std::string> first = {"序号", "工作措施", "责任单位", "完成时限"};
  struct Case {
    const char* name;
    std::vector<std::string> later;
    double last_edge;
    std::string want_col1;
  };
  const Case cases[] = {
      {"one character misread", {"序号", "工作洪施", "责任单位", "完成时限"}, 300, "工作措施"},
      {"a different word stays", {"序号", "备注说明", "责任单位", "完成时限"}, 300, "备注说明"},
      {"other columns: not the same table", {"序号", "工作洪施", "责任单位", "完成时限"}, 340,
       "工作洪施"},
      // Without rulings, edges follow each page's text.
      {"unruled, edges apart but columns overlapping",
       {"序号", "工作洪施", "责任单位", "完成时限"}, -340, "工作措施"},
  };
  for (const Case& c : cases) {
    std::vector<extractor::Grid> grids = {HeaderGrid(1, first, 300),
                                          HeaderGrid(2, c.later, std::abs(c.last_edge))};
    if (c.last_edge < 0) grids[0].ruled = grids[1].ruled = false;
    RepeatHeaders({1, 2}, &grids);
    EXPECT_EQ(grids[1].cells[1].lines.front().text, c.want_col1) << c.name;
  }
}

TEST(SnapHeaders, UnsureUnknownHeaderCellTakesTheNearestCommonName) {
  struct Case {
    const char* name;
    std::string col1;  // column 1's header as read (the others: 序号 责任单位 完成时限)
    double confidence;
    int page;          // the grid's page; page 1 was OCR'd
    std::string want;
    bool warned;       // rows marked low: the header was changed or is a guess
  };
  const Case cases[] = {
      {"two of four characters misread", "具评座施", 0.77, 1, "具体措施", true},
      {"one misread", "工作洪施", 0.60, 1, "工作措施", true},
      {"read surely: another column's name", "具评座施", 0.99, 1, "具评座施", false},
      {"a text layer's page is left alone", "具评座施", 0.50, 2, "具评座施", false},
      {"too far from any name", "甲乙丙施", 0.50, 1, "甲乙丙施", false},
      {"nearest names a column another cell names", "完戒时间", 0.50, 1,
       "完戒时间", false},  // it names the deadline column itself
      {"as near to names of two columns", "完成单位", 0.50, 1, "完成单位", false},
      {"as near to names of one column: the first", "工作措容", 0.50, 1,
       "工作措施", true},
      {"a known name read again under a restriction stays, a guess", "工作内容", 0.25, 1,
       "工作内容", true},
      {"a known name read two ways", "工作内容", 0.50, 1, "工作内容", false},
      {"a known name read surely", "工作内容", 0.99, 1, "工作内容", false},
  };
  for (const Case& c : cases) {
    std::vector<extractor::Grid> grids = {
        HeaderGrid(c.page, {"序号", c.col1, "责任单位", "完成时限"}, 300)};
    grids[0].cells[1].confidence = c.confidence;
    const std::vector<Warning> snaps = SnapHeaders({1}, &grids);
    EXPECT_EQ(grids[0].cells[1].lines.front().text, c.want) << c.name;
    EXPECT_EQ(snaps.size(), c.warned ? 1u : 0u) << c.name;
  }
  // Half of an odd length rounds up: two edits in three characters.
  std::vector<extractor::Grid> grids = {
      HeaderGrid(1, {"序瑟一", "工作措施", "责任单位", "完成时限"}, 300)};
  grids[0].cells[0].confidence = 0.6;
  SnapHeaders({1}, &grids);
  EXPECT_EQ(grids[0].cells[0].lines.front().text, "序号");
}

TEST(RepeatHeaders, CopiesTakeTheReadingTheyAgreeOn) {
  struct Case {
    const char* name;
    std::vector<std::string> col1;    // column 1's header as read on pages 1, 2, ...
    std::vector<double> confidence;   // of that cell, per page
    std::vector<int> ocr_pages;
    std::vector<std::string> want;    // column 1's header per page after
  };
  const Case cases[] = {
      {"the first page misread, the later ones agree",
       {"工作洪施", "工作措施", "工作措施"},
       {0.99, 0.98, 0.98},
       {1, 2, 3},
       {"工作措施", "工作措施", "工作措施"}},
      {"two copies differ: the surer one",
       {"工作洪施", "工作措施"},
       {0.97, 0.99},
       {1, 2},
       {"工作措施", "工作措施"}},
      {"a text layer wins over OCR'd copies",
       {"工作措施", "工作洪施", "工作洪施"},
       {1, 0.99, 0.99},
       {2, 3},
       {"工作措施", "工作措施", "工作措施"}},
      {"a known name wins; an unsure copy far off takes it",
       {"5", "工作措施", "订施"},
       {0.5, 0.5, 0.5},
       {1, 2, 3},
       {"工作措施", "工作措施", "工作措施"}},
      {"a sure reading of another word stays",
       {"工作措施", "备注说明"},
       {0.99, 0.99},
       {1, 2},
       {"工作措施", "备注说明"}},
      {"a copy OCR read nothing in takes it",
       {"工作措施", "", "工作措施"},
       {0.99, 1, 0.99},
       {1, 2, 3},
       {"工作措施", "工作措施", "工作措施"}},
      {"a blank copy on a text layer stays blank",
       {"工作措施", ""},
       {0.99, 1},
       {1},
       {"工作措施", ""}},
  };
  const std::vector<std::string> others = {"序号", "", "责任单位", "完成时限"};
  for (const Case& c : cases) {
    std::vector<extractor::Grid> grids;
    for (size_t p = 0; p < c.col1.size(); ++p) {
      std::vector<std::string> header = others;
      header[1] = c.col1[p];
      grids.push_back(HeaderGrid(static_cast<int>(p) + 1, header, 300));
      grids.back().cells[1].confidence = c.confidence[p];
    }
    RepeatHeaders(c.ocr_pages, &grids);
    std::vector<std::string> got;
    for (const extractor::Grid& g : grids) got.push_back(g.cells[1].lines.front().text);
    EXPECT_EQ(got, c.want) << c.name;
  }
}

TEST(RepeatHeaders, APageContinuingWithoutAHeaderKeepsItsTopRow) {
  std::vector<extractor::Grid> grids = {
      HeaderGrid(1, {"序号", "工作措施", "责任单位", "完成时限"}, 300),
      HeaderGrid(2, {"5", "开展专项整治", "市水务局", "年底前"}, 300)};
  for (extractor::Cell& c : grids[1].cells) c.confidence = 0.5;  // unsure body text
  RepeatHeaders({1, 2}, &grids);
  std::vector<std::string> got;
  for (const extractor::Cell& c : grids[1].cells) got.push_back(c.lines.front().text);
  EXPECT_EQ(got, (std::vector<std::string>{"5", "开展专项整治", "市水务局", "年底前"}));
}

// --- ScoreScan ---------------------------------------------------------------

TEST(ScoreScan, UsableFlaggedAndSilentRows) {
  using nlohmann::ordered_json;
  auto row = [](int seq, const std::string& measure, const char* low) {
    ordered_json r = {{"section", nullptr}, {"seq", seq}, {"task", nullptr},
                      {"measure", measure}, {"deadline", "年底前"},
                      {"lead", ordered_json::array()},
                      {"responsible", {"市水务局"}}, {"assisting", ordered_json::array()}};
    if (low != nullptr) r["confidence"] = low;
    return r;
  };
  const std::string m = "开展城市河湖水环境综合治理专项行动一百次以上";  // 22 chars
  ordered_json pdf = {{"rows", {row(1, m, nullptr), row(2, m + "二", nullptr),
                                row(3, m + "三", nullptr)}}};
  ordered_json scan = {{"rows", {row(1, m, nullptr),       // usable
                                 row(2, m + "三", "low"),  // flagged
                                 row(4, m + "三", nullptr)}}};
  ScanScore s = ScoreScan(pdf, scan);
  EXPECT_EQ(s.reference_rows, 3);
  EXPECT_EQ(s.scan_rows, 3);
  EXPECT_EQ(s.usable, 1);  // row 2: 1 error in 23 characters is over 2 %
  EXPECT_EQ(s.silent, 1);  // row 3: wrong seq, not flagged
  EXPECT_EQ(EditDistance(U"市水务局", U"市水務局"), 1);
}


// --- Recognition internals (recognize_internal.h) ---------------------------

struct InkRect {
  int x, y, w, h;
};

// A binary image of w x h with the rectangles black.
PixPtr DrawInk(int w, int h, const std::vector<InkRect>& rects) {
  PixPtr pix(pixCreate(w, h, 1));
  for (const InkRect& r : rects) {
    Box* b = boxCreate(r.x, r.y, r.w, r.h);
    pixSetInRect(pix.get(), b);
    boxDestroy(&b);
  }
  return pix;
}

std::string BandsText(const std::vector<std::pair<int, int>>& bands) {
  std::string out;
  for (const auto& [y0, y1] : bands) {
    out += "[" + std::to_string(y0) + "," + std::to_string(y1) + ")";
  }
  return bands.empty() ? "(none: touching lines)" : out;
}

// Two readings of one line, as confidences per symbol.
TEST(PreferSecond, TheReadingWhoseLeastSureSymbolIsSurerWins) {
  struct Case {
    const char* name;
    std::vector<double> first, second;
    bool want;
  };
  const Case cases[] = {
      {"second's worst symbol surer", {0.99, 0.62, 0.98}, {0.96, 0.97, 0.95}, true},
      {"first's worst symbol surer", {0.96, 0.97, 0.95}, {0.99, 0.62, 0.99}, false},
      {"not the mean: one weak symbol loses", {0.99, 0.99, 0.70}, {0.90, 0.90, 0.90}, true},
      {"a tie keeps the first", {0.9, 0.95}, {0.95, 0.9}, false},
      {"an empty first loses", {}, {0.3}, true},
      {"an empty second never wins", {0.1}, {}, false},
      {"both empty keep the first", {}, {}, false},
  };
  auto reading = [](const std::vector<double>& confidences) {
    std::vector<Symbol> symbols;
    for (double c : confidences) {
      symbols.push_back(Sym("字", 0, 10, 1, false));
      symbols.back().confidence = c;
    }
    return symbols;
  };
  for (const Case& c : cases) {
    EXPECT_EQ(internal::PreferSecond(reading(c.first), reading(c.second)), c.want)
        << c.name;
  }
}

TEST(TakeSurerLine, ASurerReadingOfAsManySymbolsLendsItsTextOnly) {
  struct Case {
    const char* name;
    const char* pass;
    double pass_conf;
    const char* again;
    double again_conf;
    std::string want;  // text, then per symbol '?' doubted or '.'
  };
  const Case cases[] = {
      {"surer, as many: its text on the pass's boxes", "甲苹丙", 0.7, "甲量丙", 0.96, "甲量丙 .?."},
      {"less sure: the pass stays", "甲量丙", 0.96, "甲苹丙", 0.7, "甲量丙 .?."},
      {"another count: the pass stays", "甲苹丙", 0.7, "甲量", 0.99, "甲苹丙 .??"},
      {"the same text", "甲乙", 0.9, "甲乙", 0.99, "甲乙 .."},
  };
  for (const Case& c : cases) {
    auto symbols = [](const std::string& text, double conf, int x) {
      std::vector<Symbol> out;
      for (char32_t ch : lexicon::ToU32(text)) {
        out.push_back(Sym(lexicon::ToUtf8(std::u32string(1, ch)), x, x + 36, 1, false));
        out.back().confidence = conf;
        x += 40;
      }
      return out;
    };
    std::vector<Symbol> pass = symbols(c.pass, c.pass_conf, 0);
    internal::TakeSurerLine(symbols(c.again, c.again_conf, 500), &pass);
    std::string got;
    for (const Symbol& s : pass) got += s.text;
    got += " ";
    for (const Symbol& s : pass) got += s.confidence <= internal::kDisputed ? '?' : '.';
    EXPECT_EQ(got, c.want) << c.name;
    for (size_t k = 0; k < pass.size(); ++k) EXPECT_EQ(pass[k].x0, 40 * static_cast<int>(k)) << c.name;
  }
}

TEST(DoubtDisputed, SymbolsTheOtherReadingDisagreesOnAreDoubted) {
  struct Case {
    const char* pick;
    const char* other;
    const char* want;  // per symbol of pick: '?' doubted, '.' kept
  };
  const Case cases[] = {
      {"甲乙丙", "甲乙丙", "..."},
      {"甲乙丙", "甲丁丙", ".?."},
      {"甲乙丙", "甲丙", ".?."},    // pick has more
      {"甲丙", "甲乙丙", "??"},     // pick lacks 乙: both sides of the gap
      {"甲乙", "甲乙丙", ".?"},     // lacks the end
      {"乙丙", "甲乙丙", "?."},     // lacks the start
      {"", "甲", ""},
      {"甲", "", "?"},
  };
  auto symbols = [](const std::string& text) {
    std::vector<Symbol> out;
    for (char32_t c : lexicon::ToU32(text)) {
      out.push_back(Sym(lexicon::ToUtf8(std::u32string(1, c)), 0, 10, 1, false));
      out.back().confidence = 0.99;
    }
    return out;
  };
  for (const Case& c : cases) {
    std::vector<Symbol> pick = symbols(c.pick);
    internal::DoubtDisputed(symbols(c.other), &pick);
    std::string got;
    for (const Symbol& s : pick) got += s.confidence < 0.9 ? '?' : '.';
    EXPECT_EQ(got, c.want) << c.pick << " against " << c.other;
  }
}

TEST(TakeSurerSymbols, EachDifferingSymbolFromTheSurerReading) {
  struct Case {
    const char* pick;
    std::vector<double> pick_conf;
    const char* other;
    std::vector<double> other_conf;
    const char* want;
  };
  const Case cases[] = {
      {"成都敬", {0.99, 0.99, 0.6}, "成都蓉", {0.98, 0.98, 0.9}, "成都蓉"},
      {"成都蓉", {0.99, 0.99, 0.9}, "成都敬", {0.99, 0.99, 0.6}, "成都蓉"},
      {"甲乙",
       {0.99, 0.7},
       "甲丙丁",
       {0.99, 0.9, 0.9},
       "甲乙"},  // counts differ
      {"甲乙", {0.99, 0.99}, "丙乙", {0.999, 0.99}, "丙乙"},
  };
  auto symbols = [](const std::string& text, const std::vector<double>& conf) {
    std::vector<Symbol> out;
    for (char32_t c : lexicon::ToU32(text)) {
      out.push_back(
          Sym(lexicon::ToUtf8(std::u32string(1, c)), 0, 10, 1, false));
      out.back().confidence = conf[out.size() - 1];
    }
    return out;
  };
  for (const Case& c : cases) {
    std::vector<Symbol> pick = symbols(c.pick, c.pick_conf);
    internal::TakeSurerSymbols(symbols(c.other, c.other_conf), &pick);
    std::string got;
    for (const Symbol& s : pick) got += s.text;
    EXPECT_EQ(got, c.want) << c.pick << " against " << c.other;
  }
}

// At 300 dpi a band must be 12 px thick to be a line of its own.
TEST(TextLineBands, CellInkCutIntoLinesAtBlankRows) {
  struct Case {
    const char* name;
    int height;
    std::vector<InkRect> ink;  // full-width runs of ink, as text lines
    std::vector<std::pair<int, int>> want;
  };
  const Case cases[] = {
      {"one line is one band", 40, {{0, 0, 200, 40}}, {{0, 40}}},
      {"three lines at blank gaps",
       160,
       {{0, 0, 200, 40}, {0, 60, 200, 40}, {0, 120, 200, 40}},
       {{0, 40}, {60, 100}, {120, 160}}},
      {"a speck (dot of a colon) joins the nearer line",
       110,
       {{0, 0, 200, 40}, {30, 50, 4, 3}, {0, 70, 200, 40}},
       {{0, 53}, {70, 110}}},
      {"a line of thin strokes (二) joins the nearer line",
       130,
       {{0, 0, 200, 40}, {10, 48, 30, 4}, {10, 58, 30, 4}, {0, 90, 200, 40}},
       {{0, 62}, {90, 130}}},
      {"ink with no run as thick as a line is one line",
       15,
       {{0, 0, 200, 5}, {0, 10, 200, 5}},
       {{0, 15}}},
      {"lines that touch (a run far taller than the others) give no bands",
       210,
       {{0, 0, 200, 40}, {0, 60, 200, 40}, {0, 120, 200, 90}},
       {}},
  };
  for (const Case& c : cases) {
    PixPtr ink = DrawInk(200, c.height, c.ink);
    const auto got = internal::TextLineBands(ink.get(), 300);
    EXPECT_EQ(BandsText(got), BandsText(c.want)) << c.name;
  }
}

// A cell's symbols, one per UTF-8 character of `text`.
std::vector<Symbol> CellSymbols(const std::string& text) {
  std::vector<Symbol> out;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    Symbol s;
    s.text = text.substr(i, n);
    out.push_back(s);
    i += n;
  }
  return out;
}

TEST(DigitColumns, ShortCellsMostlyDigitsAreRereadAsDigits) {
  struct Cell {
    int col;
    std::string text;
    bool one_column = true;
  };
  struct Case {
    const char* name;
    std::vector<Cell> cells;
    std::set<int> want;
  };
  const Case cases[] = {
      {"sequence numbers under 序号, beside a task column",
       {{0, "序号"}, {1, "重点任务"}, {0, "1"}, {1, "加强安全生产"}, {0, "2"}, {1, "落实责任"}},
       {0}},
      {"half the cells misread (工 for 1, 了 for 7) still qualifies",
       {{0, "工"}, {0, "2"}, {0, "了"}, {0, "4"}},
       {0}},
      {"header words aside: 序号 over 1 and 工 is half digits",
       {{0, "序号"}, {0, "1"}, {0, "工"}},
       {0}},
      {"fewer than half digits does not",
       {{0, "工"}, {0, "了"}, {0, "3"}},
       {}},
      {"a column with a longer cell is not one of numbers",
       {{0, "1"}, {0, "2"}, {0, "2024年"}},
       {}},
      {"a column without any digit is not",
       {{0, "甲"}, {0, "乙"}},
       {}},
      {"empty cells and a spanning section row do not count",
       {{0, ""}, {0, "1"}, {0, "一、总体要求", false}, {0, ""}, {0, "2"}},
       {0}},
      {"a page may hold two columns of numbers",
       {{0, "1"}, {1, "安全生产"}, {2, "1"}, {0, "2"}, {1, "消防工作"}, {2, "3"}},
       {0, 2}},
  };
  for (const Case& c : cases) {
    std::vector<internal::CellRect> rects;
    std::vector<std::vector<Symbol>> read;
    std::string input;
    for (const Cell& cell : c.cells) {
      internal::CellRect r;
      r.col = cell.col;
      r.one_column = cell.one_column;
      rects.push_back(r);
      read.push_back(CellSymbols(cell.text));
      input += std::to_string(cell.col) + ":" + cell.text + (cell.one_column ? "" : "(span)") + " ";
    }
    const std::set<int> got = internal::DigitColumns(rects, read);
    auto text = [](const std::set<int>& cols) {
      std::string out = "{";
      for (int col : cols) out += " " + std::to_string(col);
      return out + " }";
    };
    EXPECT_EQ(text(got), text(c.want)) << c.name << "; cells " << input;
  }
}

// A symbol the page pass read, in pixels.
Symbol ReadSymbol(int x0, int x1, int y0, int y1, int line) {
  Symbol s;
  s.text = "字";
  s.x0 = x0, s.x1 = x1, s.y0 = y0, s.y1 = y1;
  s.line_y0 = y0, s.line_y1 = y1;
  s.line = line;
  return s;
}

// Which drawn rectangles each unread piece holds: "0+1 2" is a piece of
// rectangles 0 and 1 and a piece of rectangle 2.
std::string PiecesText(const std::vector<internal::PixelRect>& pieces,
                       const std::vector<InkRect>& ink) {
  std::vector<std::string> out;
  for (const internal::PixelRect& p : pieces) {
    std::string held;
    for (size_t i = 0; i < ink.size(); ++i) {
      const InkRect& r = ink[i];
      if (r.x >= p.x && r.y >= p.y && r.x + r.w <= p.x + p.w && r.y + r.h <= p.y + p.h) {
        held += (held.empty() ? "" : "+") + std::to_string(i);
      }
    }
    out.push_back(held.empty() ? "?" : held);
  }
  std::sort(out.begin(), out.end());
  std::string text;
  for (const std::string& s : out) text += (text.empty() ? "" : " ") + s;
  return text;
}

// At 100 dpi: ink joins across gaps under 8 px along a line and 2 px across
// lines; a piece must be 5 px wide and high and at most 60 px high.
TEST(UnreadPieces, InkThePagePassLeftIsCutIntoLinePieces) {
  struct Case {
    const char* name;
    std::vector<InkRect> ink;
    std::vector<Symbol> read;
    std::string want;
  };
  const Case cases[] = {
      {"nothing read: words a narrow gap apart are one piece",
       {{20, 50, 100, 20}, {124, 50, 60, 20}},
       {},
       "0+1"},
      {"words far apart are two pieces",
       {{20, 50, 100, 20}, {200, 50, 60, 20}},
       {},
       "0 1"},
      {"lines apart are not joined",
       {{20, 50, 100, 20}, {20, 80, 100, 20}},
       {},
       "0 1"},
      {"a read line is gone, the unread column beside it stays",
       {{20, 50, 100, 20}, {250, 50, 60, 20}},
       {ReadSymbol(20, 60, 50, 70, 1), ReadSymbol(80, 120, 51, 69, 1)},
       "1"},
      {"a read line's whole box is cleared, not its symbols' boxes only",
       {{20, 50, 200, 20}},
       {ReadSymbol(20, 40, 50, 70, 1), ReadSymbol(200, 220, 52, 68, 1)},
       ""},
      {"each read line clears its own box only",
       {{20, 50, 280, 20}, {20, 90, 100, 20}, {200, 90, 50, 20}},
       {ReadSymbol(20, 300, 50, 70, 1), ReadSymbol(20, 120, 90, 110, 2)},
       "2"},
      {"specks and picture-sized ink are not text",
       {{20, 20, 3, 3}, {200, 100, 100, 80}},
       {},
       ""},
      {"a lone thin stroke (a 1) is", {{100, 20, 2, 40}}, {}, "0"},
  };
  for (const Case& c : cases) {
    PixPtr page = DrawInk(400, 200, c.ink);
    const auto got = internal::UnreadPieces(page.get(), 100, c.read);
    std::string boxes;
    for (const auto& p : got) {
      boxes += " (" + std::to_string(p.x) + "," + std::to_string(p.y) + " " +
               std::to_string(p.w) + "x" + std::to_string(p.h) + ")";
    }
    EXPECT_EQ(PiecesText(got, c.ink), c.want) << c.name << "; pieces" << boxes;
  }
}

TEST(TightenToInk, BoxesNarrowToTheInkInside) {
  struct Case {
    const char* name;
    std::vector<InkRect> ink;
    int x0, x1;  // the engine's box (y 50-70)
    int want_x0, want_x1;
  };
  const Case cases[] = {
      {"a box over the blank after its character", {{20, 50, 20, 20}}, 20, 80, 20, 40},
      {"and before it", {{60, 50, 20, 20}}, 10, 80, 60, 80},
      {"ink above or below the box is not its", {{100, 10, 20, 20}, {20, 50, 10, 20}}, 0, 200,
       20, 30},
      {"a box without ink is kept", {{300, 50, 20, 20}}, 20, 80, 20, 80},
  };
  for (const Case& c : cases) {
    PixPtr page = DrawInk(400, 200, c.ink);
    Symbol s;
    s.x0 = c.x0, s.x1 = c.x1, s.y0 = 50, s.y1 = 70;
    std::vector<Symbol> symbols = {s};
    internal::TightenToInk(page.get(), &symbols);
    EXPECT_EQ(symbols[0].x0, c.want_x0) << c.name;
    EXPECT_EQ(symbols[0].x1, c.want_x1) << c.name;
  }
}

TEST(EmptySpeckCells, ACellOfSpecksOnlyIsEmpty) {
  // The page's em is 40 px (ideographs 36 px tall, in a second cell).
  struct Case {
    const char* name;
    std::vector<InkRect> ink;  // in the first cell, (0,0)-(300,100)
    bool emptied;
  };
  const Case cases[] = {
      {"one speck", {{100, 40, 3, 3}}, true},
      {"specks spread over the cell",
       {{10, 10, 4, 2}, {150, 60, 3, 3}, {280, 20, 7, 2}},
       true},
      {"a placeholder dash, half an em", {{100, 50, 20, 3}}, false},
      {"a point beside a character", {{10, 10, 30, 36}, {45, 40, 3, 3}}, false},
  };
  for (const Case& c : cases) {
    std::vector<InkRect> ink = c.ink;
    ink.push_back({400, 10, 36, 36});
    PixPtr page = DrawInk(800, 100, ink);
    std::vector<internal::CellRect> rects(2);
    rects[0].box = boxCreate(0, 0, 300, 100);
    rects[1].box = boxCreate(350, 0, 300, 100);
    Symbol dash = Sym("-", 100, 120, 1, true),
           word = Sym("字", 400, 436, 2, true);
    std::vector<std::vector<Symbol>> cells = {{dash}, {word, word, word}};
    internal::EmptySpeckCells(page.get(), rects, &cells);
    EXPECT_EQ(cells[0].empty(), c.emptied) << c.name;
    EXPECT_EQ(cells[1].size(), 3u) << c.name;
    for (internal::CellRect& r : rects) boxDestroy(&r.box);
  }
}

TEST(DropSpecks, ALoneCharacterReadFromSpecksIsDropped) {
  // em 40 px: a piece is a speck under 8 px either way. Symbols y 100-136.
  struct Case {
    const char* name;
    std::vector<InkRect> ink;
    std::vector<Symbol> symbols;
    const char* want;
  };
  const Case cases[] = {
      {"和 read from a speck in a gutter",
       {{20, 110, 36, 30}, {200, 115, 3, 3}},
       {Sym("任", 20, 56, 1, false), Sym("和", 195, 210, 1, false)},
       "任"},
      {"a character with ink of its own",
       {{20, 110, 36, 30}, {200, 110, 30, 30}},
       {Sym("任", 20, 56, 1, false), Sym("务", 200, 230, 1, false)},
       "任务"},
      {"beside another character: its box is too rough to judge",
       {{20, 110, 36, 30}, {60, 115, 3, 3}},
       {Sym("任", 20, 56, 1, false), Sym("务", 58, 70, 1, false)},
       "任务"},
      {"punctuation as small as a speck stays",
       {{20, 110, 36, 30}, {200, 130, 4, 4}},
       {Sym("任", 20, 56, 1, false), Sym(".", 198, 206, 1, false)},
       "任."},
      {"a box without ink stays",
       {{20, 110, 36, 30}},
       {Sym("任", 20, 56, 1, false), Sym("和", 195, 210, 1, false)},
       "任和"},
  };
  for (const Case& c : cases) {
    PixPtr page = DrawInk(400, 200, c.ink);
    std::vector<Symbol> symbols = c.symbols;
    internal::DropSpecks(page.get(), 40, &symbols);
    std::string got;
    for (const Symbol& s : symbols) got += s.text;
    EXPECT_EQ(got, c.want) << c.name;
  }
}

TEST(DropDoubleReadings, OneInkReadByTwoLinesIsKeptOnce) {
  // Each symbol: text, x0 (40 px wide), line, confidence, y0 (36 px tall).
  struct S {
    const char* text;
    int x0, line;
    double confidence;
    int y0;
  };
  struct Case {
    const char* name;
    std::vector<S> symbols;
    const char* want;  // the kept symbols' text, in order
  };
  const Case cases[] = {
      {"two readings of one line: the surer",
       {{"生", 0, 1, 0.99, 100},
        {"物", 40, 1, 0.99, 100},
        {"约", 80, 1, 0.7, 100},
        {"生", 2, 2, 0.98, 102},
        {"物", 42, 2, 0.99, 102},
        {"药", 82, 2, 0.99, 102}},
       "生物药"},
      {"a piece of a line read again goes, the line stays",
       {{"市", 0, 1, 0.9, 100},
        {"科", 40, 1, 0.9, 100},
        {"技", 80, 1, 0.9, 100},
        {"局", 120, 1, 0.9, 100},
        {"技", 82, 2, 0.99, 100},
        {"局", 122, 2, 0.99, 100}},
       "市科技局"},
      {"lines side by side stay",
       {{"甲", 0, 1, 0.9, 100},
        {"乙", 40, 1, 0.9, 100},
        {"丙", 300, 2, 0.9, 100},
        {"丁", 340, 2, 0.9, 100}},
       "甲乙丙丁"},
      {"lines one above the other stay",
       {{"甲", 0, 1, 0.9, 100},
        {"乙", 40, 1, 0.9, 100},
        {"丙", 0, 2, 0.9, 160},
        {"丁", 40, 2, 0.9, 160}},
       "甲乙丙丁"},
  };
  for (const Case& c : cases) {
    std::vector<Symbol> symbols;
    for (const S& s : c.symbols) {
      symbols.push_back(Sym(s.text, s.x0, s.x0 + 40, s.line, false));
      symbols.back().confidence = s.confidence;
      symbols.back().y0 = s.y0, symbols.back().y1 = s.y0 + 36;
    }
    internal::DropDoubleReadings(&symbols);
    std::string got;
    for (const Symbol& s : symbols) got += s.text;
    EXPECT_EQ(got, c.want) << c.name;
  }
}

// Ideographs fill 0.9 of their em: 36 px of ink is a 40 px em.
Symbol InkSymbol(const std::string& text, int y0, int y1, int line) {
  Symbol s;
  s.text = text;
  s.y0 = y0, s.y1 = y1;
  s.line_y0 = y0 - 2, s.line_y1 = y1 + 2;
  s.line = line;
  return s;
}

std::vector<Symbol> Ideographs(int n, int y0, int height, int line) {
  std::vector<Symbol> out;
  for (int i = 0; i < n; ++i) out.push_back(InkSymbol("中", y0, y0 + height, line));
  return out;
}

TEST(LineBoxes, EmBoxesUniformAcrossThePage) {
  struct Case {
    const char* name;
    std::vector<std::vector<Symbol>> lines;
    std::string want;  // line: [y0,y1) per line
  };
  const Case cases[] = {
      {"a body line's em from its ideographs, centred on their ink",
       {Ideographs(5, 100, 36, 1)},
       "1:[98,138) "},
      {"an em near the page's is the page's",
       {Ideographs(5, 100, 36, 1), Ideographs(5, 200, 36, 2), Ideographs(5, 300, 39, 3)},
       "1:[98,138) 2:[198,238) 3:[300,340) "},
      {"... and so is one 1.4 times it (pieces of two columns run together)",
       {Ideographs(5, 100, 36, 1), Ideographs(5, 200, 36, 2), Ideographs(5, 300, 50, 3)},
       "1:[98,138) 2:[198,238) 3:[305,345) "},
      {"a line of fewer than five ideographs takes the page's em",
       {Ideographs(5, 100, 36, 1), Ideographs(2, 200, 24, 2)},
       "1:[98,138) 2:[192,232) "},
      {"pieces of one text line read apart share their centre",
       {Ideographs(5, 100, 36, 1), Ideographs(5, 104, 36, 2)},
       "1:[100,140) 2:[100,140) "},
      {"a title's bigger em (1.5 times the body's) is its own",
       {Ideographs(5, 100, 36, 1), Ideographs(5, 200, 54, 2), Ideographs(5, 300, 36, 3)},
       "1:[98,138) 2:[197,257) 3:[298,338) "},
      {"... and so is a short piece's (fewer than five ideographs) far taller one",
       {Ideographs(5, 100, 36, 1), Ideographs(3, 200, 54, 2), Ideographs(5, 300, 36, 3)},
       "1:[98,138) 2:[197,257) 3:[298,338) "},
      {"... but not one of two heights (a misread box spanning lines)",
       {Ideographs(5, 100, 36, 1),
        {InkSymbol("中", 200, 254, 2), InkSymbol("中", 200, 290, 2)},
        Ideographs(5, 300, 36, 3)},
       "1:[98,138) 2:[225,265) 3:[298,338) "},
      {"a line without ideographs keeps its line's extent when far off an em",
       {Ideographs(5, 100, 36, 1), {InkSymbol("1", 200, 212, 2), InkSymbol("2", 201, 211, 2)}},
       "1:[98,138) 2:[198,214) "},
      {"... and takes the page's em within 45 % of it (digits' ink is short)",
       {Ideographs(5, 100, 36, 1), {InkSymbol("1", 200, 220, 2), InkSymbol("2", 201, 219, 2)}},
       "1:[98,138) 2:[190,230) "},
  };
  for (const Case& c : cases) {
    std::vector<Symbol> symbols;
    for (const auto& l : c.lines) symbols.insert(symbols.end(), l.begin(), l.end());
    const auto boxes = internal::LineBoxes(symbols, internal::PageEm(symbols));
    std::ostringstream got;
    for (const auto& [line, box] : boxes) {
      got << line << ":[" << std::lround(box.y0) << "," << std::lround(box.y1) << ") ";
    }
    EXPECT_EQ(got.str(), c.want) << c.name;
  }
}

TEST(SplitMixedLines, EngineLineOverTwoTextLinesSplitsAtHalfAnEm) {
  struct Case {
    const char* name;
    std::vector<Symbol> symbols;
    std::string want;  // line per symbol
  };
  std::vector<Symbol> two = Ideographs(3, 100, 36, 1);
  for (Symbol& s : Ideographs(3, 160, 36, 1)) two.push_back(s);
  two.push_back(InkSymbol("1", 165, 190, 1));
  std::vector<Symbol> jitter = Ideographs(3, 100, 36, 1);
  for (Symbol& s : Ideographs(3, 110, 36, 1)) jitter.push_back(s);
  const Case cases[] = {
      {"two text lines in one engine line part; a digit goes with its nearer part",
       two, "1 1 1 2 2 2 2 "},
      {"centres within half an em stay one line", jitter, "1 1 1 1 1 1 "},
  };
  for (const Case& c : cases) {
    std::vector<Symbol> symbols = c.symbols;
    internal::SplitMixedLines(&symbols);
    std::string got;
    for (const Symbol& s : symbols) got += std::to_string(s.line) + " ";
    EXPECT_EQ(got, c.want) << c.name;
  }
}

// Digits drawn with leptonica's bitmap font in a column of ruled cells, of
// which the first page pass read two as look-alike ideographs.
// ReadPage finds the lines in the binary image and reads them from the
// grey one: here the two hold different words at the same place.
TEST(ReadPage, LayoutFromTheBinaryImageTextFromTheGrey) {
  Result<tesseract::TessBaseAPI*> latin = internal::EngineFor("eng");
  ASSERT_TRUE(latin.ok()) << latin.status().message();
  L_BMF* font = bmfCreate(nullptr, 20);
  ASSERT_NE(font, nullptr);
  auto drawn = [&](int depth, const char* text) {
    PixPtr pix(pixCreate(900, 200, depth));
    if (depth == 8) pixSetAllArbitrary(pix.get(), 255);
    pixSetTextline(pix.get(), font, text, depth == 8 ? 0 : 1, 60, 110, nullptr,
                   nullptr);
    return pix;
  };
  PixPtr layout = drawn(1, "ZZZZZ QQQQQ");
  PixPtr grey = drawn(8, "PLAN TABLE");
  PixPtr blank(pixCreate(900, 200, 1));
  bmfDestroy(&font);
  auto read = [&](Pix* layout_image) {
    std::vector<Symbol> symbols;
    int line = 0;
    internal::ReadPage(*latin, layout_image, grey.get(), 300, &line, &symbols);
    std::string text;
    for (const Symbol& s : symbols) text += s.text;
    return text;
  };
  const std::string text = read(layout.get());
  EXPECT_NE(text.find("PLANTABLE"), std::string::npos) << text;
  EXPECT_EQ(text.find_first_of("ZQ"), std::string::npos) << text;
  EXPECT_EQ(read(blank.get()), "") << "no line in the layout image";
}

// A table without rulings read whole: its column of line-opening numbers
// (three read right) lends the Latin model an opener the Chinese one
// misread; a header word there stays.
TEST(RereadSeqOpeners, MisreadNumberInTheColumnIsReadAgain) {
  struct Line {
    const char* drawn;  // at the column's place
    const char* read;   // the opener the page pass gave
    std::string want;   // after
  };
  const Line lines[] = {{"1.", "1.", "1."},
                        {"2.", "2.", "2."},
                        {"3.", "3.", "3."},
                        // the bitmap font's point is a 2-px dot the
                        // model leaves out
                        {"4.", "十", "4"},
                        {"5.", "编号", "编号"}};
  const int kPitch = 90;
  PreparedPage page;
  page.dpi = 300;
  page.text.reset(
      pixCreate(800, kPitch * static_cast<int>(std::size(lines)), 1));
  L_BMF* font = bmfCreate(nullptr, 20);
  ASSERT_NE(font, nullptr);
  std::vector<Symbol> symbols;
  for (size_t i = 0; i < std::size(lines); ++i) {
    const int y = kPitch * static_cast<int>(i);
    pixSetTextline(page.text.get(), font, lines[i].drawn, 1, 40, y + 60,
                   nullptr, nullptr);
    std::vector<Symbol> opener = CellSymbols(lines[i].read);
    opener.push_back(CellSymbols("甲").front());  // the text after a gap
    for (size_t k = 0; k < opener.size(); ++k) {
      Symbol& s = opener[k];
      const bool text = k + 1 == opener.size();
      // A lone misread symbol's box spans all the number's ink (4. as 十).
      const int width = text ? 36 : opener.size() == 2 ? 40 : 18;
      s.x0 = text ? 500 : 36 + 20 * static_cast<int>(k);
      s.x1 = s.x0 + width;
      s.y0 = y + 24, s.y1 = y + 60;  // 36 px ideographs: a 40 px em
      s.line_y0 = y + 20, s.line_y1 = y + 66;
      s.line = static_cast<int>(i);
      s.confidence = 0.99;
      symbols.push_back(s);
    }
  }
  bmfDestroy(&font);
  page.sharp.reset(pixCopy(nullptr, page.text.get()));
  page.clean_grey.reset(pixConvertTo8(page.text.get(), 0));
  Result<tesseract::TessBaseAPI*> chinese = internal::EngineFor("chi_sim");
  ASSERT_TRUE(chinese.ok()) << chinese.status().message();
  internal::RereadSeqOpeners(*chinese, page, &symbols);
  for (size_t i = 0; i < std::size(lines); ++i) {
    std::string opener;
    double least = 1;
    for (const Symbol& s : symbols) {
      if (s.line != static_cast<int>(i) || s.text == "甲") continue;
      opener += s.text;
      least = std::min(least, s.confidence);
    }
    EXPECT_EQ(opener, lines[i].want)
        << "drawn " << lines[i].drawn << ", read " << lines[i].read;
    EXPECT_EQ(least <= internal::kDisputed, opener != lines[i].read) << opener;
  }
}

TEST(RereadDigitColumns, LatinModelReadsTheColumnsDigitsAgain) {
  // The page's own engine is only the fallback for a missing Latin model.
  Result<tesseract::TessBaseAPI*> latin = internal::EngineFor("eng");
  ASSERT_TRUE(latin.ok()) << latin.status().message();
  struct Case {
    const char* drawn;  // in the cell; empty: left blank
    std::string read;   // by the first pass
    std::string want;   // after the reread
  };
  const Case cases[] = {
      {"1", "工", "1"}, {"2", "2", "2"}, {"7", "了", "7"}, {"", "3", "3"}, {"16", "16", "16"},
  };
  const int kCellW = 120, kCellH = 90;
  PreparedPage page;
  page.dpi = 300;
  page.text.reset(pixCreate(kCellW, kCellH * static_cast<int>(std::size(cases)), 1));
  L_BMF* font = bmfCreate(nullptr, 20);
  ASSERT_NE(font, nullptr);
  std::vector<internal::CellRect> rects;
  std::vector<std::vector<Symbol>> cells;
  for (size_t i = 0; i < std::size(cases); ++i) {
    const int y = kCellH * static_cast<int>(i);
    if (*cases[i].drawn != '\0') {
      pixSetTextline(page.text.get(), font, cases[i].drawn, 1, 30, y + 60, nullptr, nullptr);
    }
    internal::CellRect r;
    r.box = boxCreate(4, y + 4, kCellW - 8, kCellH - 8);
    rects.push_back(r);
    cells.push_back(CellSymbols(cases[i].read));
  }
  bmfDestroy(&font);
  int line = 0;
  internal::RereadDigitColumns(*latin, page, rects, &line, &cells);
  std::string whitelist = "?";
  (*latin)->GetVariableAsString("tessedit_char_whitelist", &whitelist);
  EXPECT_EQ(whitelist, "") << "the engine stays restricted to digits";
  for (size_t i = 0; i < std::size(cases); ++i) {
    std::string got;
    for (const Symbol& s : cells[i]) got += s.text;
    EXPECT_EQ(got, cases[i].want) << "drawn '" << cases[i].drawn << "', first read '"
                                  << cases[i].read << "'";
    boxDestroy(&rects[i].box);
  }
}

// The header words of jianghuai word's page 3 rendered at 300 dpi, where the
// PDF's text layer puts them, read as `readings` (sure unless marked ?).
struct HeaderRow {
  PreparedPage page;
  std::vector<internal::PixelRect> rects;
  std::vector<std::vector<Symbol>> pieces;
};

HeaderRow HeaderOfJianghuai(const std::vector<std::string>& words,
                            const std::vector<std::string>& readings) {
  std::ifstream in(
      std::string(PLAN2JSON_CORPUS_DIR) + "/jianghuai-univ-2024.word.pdf",
      std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  HeaderRow row;
  std::vector<extractor::Glyph> glyphs;
  extractor::PdfInfo info;
  extractor::ReadPdf(bytes, "jianghuai", extractor::PdfOptions(), &info,
                     [&](extractor::Page&& p) {
                       if (p.number == 3) glyphs = std::move(p.glyphs);
                     });
  auto renderer = PdfRenderer::Open(bytes, "jianghuai", "");
  if (!renderer.ok()) return row;
  Result<GreyImage> grey = (*renderer)->Render(3, 300, 1u << 26);
  if (!grey.ok()) return row;
  Result<PreparedPage> page = Prepare(FromGrey(*grey).get(), 300, 300);
  if (!page.ok()) return row;
  row.page = std::move(*page);
  const double px = 300.0 / 72;
  for (size_t w = 0; w < words.size(); ++w) {
    const std::vector<Symbol> want = CellSymbols(words[w]);
    for (size_t i = 0; i + want.size() <= glyphs.size(); ++i) {
      size_t k = 0;
      while (k < want.size() && glyphs[i + k].text == want[k].text) ++k;
      if (k < want.size()) continue;
      const extractor::Box& a = glyphs[i].box;
      const extractor::Box& b = glyphs[i + k - 1].box;
      const int x0 = static_cast<int>(a.x0 * px) - 4;
      const int y0 = static_cast<int>(a.y0 * px) - 4;
      row.rects.push_back({x0, y0, static_cast<int>(b.x1 * px) + 4 - x0,
                           static_cast<int>(b.y1 * px) + 4 - y0});
      break;
    }
    if (row.rects.size() != w + 1) return row;  // not in the text layer
    std::vector<Symbol> piece;
    for (Symbol s : CellSymbols(readings[w])) {
      if (s.text == "?") {
        piece.back().confidence = 0.4;
        continue;
      }
      s.confidence = 0.99;
      s.line = 7;
      s.line_y0 = row.rects.back().y;
      s.line_y1 = row.rects.back().y + row.rects.back().h;
      piece.push_back(s);
    }
    row.pieces.push_back(piece);
  }
  return row;
}

std::string Joined(const std::vector<std::vector<Symbol>>& pieces) {
  std::string text;
  for (const std::vector<Symbol>& p : pieces) {
    for (const Symbol& s : p) text += s.text;
    text += "|";
  }
  return text;
}

// A header word misread beside three known ones (具剑证肥 for 具体措施, its
// last three characters unsure) is read again in the characters of the
// known column names, and doubted. A reading that would lose an ideograph
// the first was sure of (施 before 具), a word already naming a column, or a
// row naming fewer than three columns is left as read.
TEST(RereadHeaderWords, MisreadHeaderWordIsReadInTheNamesCharacters) {
  Result<tesseract::TessBaseAPI*> engine = internal::EngineFor("chi_sim");
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  const std::vector<std::string> words = {"序号", "主要任务", "具体措施",
                                          "牵头单位"};
  struct Case {
    std::vector<std::string> read;
    std::string want;
  };
  const Case cases[] = {
      {{"序号", "主要任务", "具剑?证?肥?", "牵头单位"},
       "序号|主要任务|具体措施|牵头单位|"},
      {{"序号", "主要任务", "施剑?证?具", "牵头单位"},
       "序号|主要任务|施剑证具|牵头单位|"},
      {{"序号", "主要任务", "具体措施?", "牵头单位"},
       "序号|主要任务|具体措施|牵头单位|"},
      {{"序号", "甲乙丙丁", "具剑?证?肥?", "牵头单位"},
       "序号|甲乙丙丁|具剑证肥|牵头单位|"},
  };
  for (const Case& c : cases) {
    HeaderRow row = HeaderOfJianghuai(words, c.read);
    ASSERT_EQ(row.rects.size(), words.size())
        << "header words not found in the PDF";
    const std::string before = Joined(row.pieces);
    internal::RereadHeaderWords(*engine, row.page, row.rects, &row.pieces);
    EXPECT_EQ(Joined(row.pieces), c.want) << "read " << before;
    if (Joined(row.pieces) == before) continue;
    for (const Symbol& s : row.pieces[2]) {
      EXPECT_LE(s.confidence, internal::kDisputed)
          << s.text << " in " << c.want;
    }
  }
  EXPECT_EQ((*engine)->GetStringVariable("tessedit_char_whitelist"),
            std::string())
      << "the engine is left unrestricted";
}

// The text above a ruled table (attachment label, title) is read from the
// page with the table blanked. On chengdu latex page 4 scanned at 150 dpi
// the engine's layout analysis of that page finds no text at all ("Empty
// page"); the ink it left is read piece by piece.
TEST(ScanPdfPages, TextAboveARuledTableIsRead) {
  const std::string pdf =
      std::string(PLAN2JSON_CORPUS_DIR) + "/chengdu-digital-2022.latex.pdf";
  std::ifstream in(pdf, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::vector<extractor::Glyph> want_glyphs;
  extractor::PdfInfo info;
  extractor::ReadPdf(bytes, "chengdu", extractor::PdfOptions(), &info,
                     [&](extractor::Page&& p) {
                       if (p.number == 4) want_glyphs = std::move(p.glyphs);
                     });
  const std::string dir = testing::TempDir() + "/chengdu-150";
  std::filesystem::create_directories(dir);
  ScanRecipe recipe;
  recipe.pdf = pdf;
  recipe.dpi = 150;
  const std::string scan_file = MakeScan(recipe, dir);
  ASSERT_FALSE(scan_file.empty()) << "no scan made (pdftoppm, img2pdf)";
  std::ifstream scan_in(scan_file, std::ios::binary);
  const std::string scan((std::istreambuf_iterator<char>(scan_in)), {});
  Result<ScanResult> read = ScanPdfPages(scan, "chengdu-150", "", {4}, {});
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->pages.size(), 1u);
  const extractor::Page& page = read->pages[0];
  double top = 1e9;
  for (const Ruling& r : page.rulings) {
    if (r.axis == Ruling::Axis::kHorizontal) top = std::min(top, r.pos);
  }
  auto above = [top](const std::vector<extractor::Glyph>& glyphs) {
    std::u32string text;
    for (const extractor::Glyph& g : glyphs) {
      if (g.box.y1 < top) text += lexicon::ToU32(g.text);
    }
    return text;
  };
  const std::u32string want = above(want_glyphs), got = above(page.glyphs);
  ASSERT_GE(want.size(), 20u) << "the PDF has no title above the table";
  // Characters of the PDF's read in order (longest common subsequence).
  std::vector<size_t> lcs(got.size() + 1, 0);
  for (char32_t c : want) {
    size_t diagonal = 0;
    for (size_t j = 1; j <= got.size(); ++j) {
      const size_t up = lcs[j];
      lcs[j] = c == got[j - 1] ? diagonal + 1 : std::max(lcs[j], lcs[j - 1]);
      diagonal = up;
    }
  }
  EXPECT_GE(lcs[got.size()], want.size() * 8 / 10)
      << "read above the table: " << lexicon::ToUtf8(got)
      << "\nthe PDF's: " << lexicon::ToUtf8(want);
}
}  // namespace
}  // namespace plan2json::ocr
