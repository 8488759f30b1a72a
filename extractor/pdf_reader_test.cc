// Copyright 2026 The plan2json Authors.
//
// ReadPdf on small PDFs written here: pages that share one Gfx (same page
// box and resources, see PageRenderer) must read exactly as pages read on
// their own, whatever the page before left behind.

#include "extractor/pdf_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace plan2json::extractor {
namespace {

// One page: its MediaBox, content stream and resources object number.
struct TestPage {
  std::string media_box;
  std::string content;
  int resources;
};

// A PDF with `pages`, objects: 1 catalog, 2 pages, 3 font Helvetica (/F1),
// 4 font Courier, 5 resources {F1, oc1}, 6 resources {F1, F2=Courier},
// 7 an optional content group, 8 resources {F1}, then each page and its
// content.
std::string MakePdf(const std::vector<TestPage>& pages, bool optional_content) {
  std::vector<std::string> objects = {
      optional_content ? "<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [7 0 R] "
                         "/D << /OFF [7 0 R] >> >> >>"
                       : "<< /Type /Catalog /Pages 2 0 R >>",
      "",  // the page tree, below
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
      "<< /Font << /F1 3 0 R >> /Properties << /oc1 7 0 R >> >>",
      "<< /Font << /F1 3 0 R /F2 4 0 R >> >>",
      "<< /Type /OCG /Name (hidden) >>",
      "<< /Font << /F1 3 0 R >> >>",
  };
  std::string kids;
  for (const TestPage& p : pages) {
    const size_t page_id = objects.size() + 1;
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [" + p.media_box +
                      "] /Resources " + std::to_string(p.resources) + " 0 R /Contents " +
                      std::to_string(page_id + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(p.content.size()) + " >>\nstream\n" +
                      p.content + "\nendstream");
    kids += std::to_string(page_id) + " 0 R ";
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) +
               " >>";
  std::string pdf = "%PDF-1.5\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Each page's text and where its first glyph sits.
struct Read {
  std::string text;
  double x0 = -1, y0 = -1, size = -1;
};

std::vector<Read> ReadAll(const std::string& pdf) {
  std::vector<Read> out;
  Status s = ReadPdf(pdf, "test.pdf", PdfOptions{}, nullptr, [&](Page&& page) {
    Read r;
    for (const Glyph& g : page.glyphs) r.text += g.text;
    if (!page.glyphs.empty()) {
      r.x0 = page.glyphs[0].box.x0;
      r.y0 = page.glyphs[0].box.y0;
      r.size = page.glyphs[0].font_size;
    }
    out.push_back(r);
  });
  EXPECT_TRUE(s.ok()) << s.message();
  return out;
}

const char kPortrait[] = "0 0 600 800";
const char kLandscape[] = "0 0 800 600";

TEST(ReadPdf, PagesSharingResourcesReadAsOnTheirOwn) {
  // Page 1 leaves a saved state, a doubled CTM and an open text object;
  // page 3 is landscape; page 4 names a font page 1's resources lack;
  // page 5's resources are a part of page 4's.
  const std::string plain = "BT /F1 12 Tf 100 700 Td (BBB) Tj ET";
  const std::vector<TestPage> pages = {
      {kPortrait, "q 2 0 0 2 0 0 cm BT /F1 12 Tf 10 10 Td (AAA) Tj", 5},
      {kPortrait, plain, 5},
      {kLandscape, "BT /F1 12 Tf 100 500 Td (CCC) Tj ET", 5},
      {kLandscape, "BT /F2 10 Tf 100 500 Td (DDD) Tj ET", 6},
      {kLandscape, "BT /F1 12 Tf 100 500 Td (EEE) Tj ET", 8},
  };
  const std::vector<Read> shared = ReadAll(MakePdf(pages, false));
  ASSERT_EQ(shared.size(), pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    const std::vector<Read> alone = ReadAll(MakePdf({pages[i]}, false));
    ASSERT_EQ(alone.size(), 1u);
    SCOPED_TRACE("page " + std::to_string(i + 1) + ": " + pages[i].content);
    EXPECT_EQ(shared[i].text, alone[0].text);
    EXPECT_DOUBLE_EQ(shared[i].x0, alone[0].x0);
    EXPECT_DOUBLE_EQ(shared[i].y0, alone[0].y0);
    EXPECT_DOUBLE_EQ(shared[i].size, alone[0].size);
  }
  EXPECT_EQ(shared[1].text, "BBB");
  EXPECT_NEAR(shared[1].x0, 100, 0.5);  // not scaled by page 1's CTM
  EXPECT_NEAR(shared[1].size, 12, 0.01);
  EXPECT_EQ(shared[3].text, "DDD");
}

TEST(ReadPdf, HiddenContentLeftOpenDoesNotHideTheNextPage) {
  // Page 1 ends inside hidden optional content (no EMC).
  const std::vector<TestPage> pages = {
      {kPortrait, "/OC /oc1 BDC BT /F1 12 Tf 100 700 Td (HID) Tj ET", 5},
      {kPortrait, "BT /F1 12 Tf 100 700 Td (SEEN) Tj ET", 5},
  };
  const std::vector<Read> read = ReadAll(MakePdf(pages, true));
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].text, "");
  EXPECT_EQ(read[1].text, "SEEN");
}

}  // namespace
}  // namespace plan2json::extractor
