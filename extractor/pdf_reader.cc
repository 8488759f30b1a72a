// Copyright 2026 The plan2json Authors.

#include "extractor/pdf_reader.h"

#include <Error.h>
#include <GfxFont.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <unicode/usprep.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace plan2json::extractor {

void InitPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    globalParams = std::make_unique<GlobalParams>();
    // Poppler reports recoverable syntax problems on stderr by default; our
    // own diagnostics are the ones users see.
    setErrorCallback([](ErrorCategory, Goffset, const char*) {});
  });
}

namespace {

void AppendUtf8(Unicode u, std::string* out) {
  if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) u = 0xFFFD;
  if (u < 0x80) {
    *out += static_cast<char>(u);
  } else if (u < 0x800) {
    *out += static_cast<char>(0xC0 | (u >> 6));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else if (u < 0x10000) {
    *out += static_cast<char>(0xE0 | (u >> 12));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (u >> 18));
    *out += static_cast<char>(0x80 | ((u >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  }
}

using Clock = std::chrono::steady_clock;

// A TextOutputDev that also keeps axis-parallel path segments as rulings.
// Raw (content-stream) order: we do our own layout, so poppler's reading-order
// analysis would be wasted work.
//
// It also bounds the work of one page (PdfLimits): characters, path
// segments, form XObject draws, annotations, q nesting and wall time are
// counted; past a cap the page is abandoned cheaply (further glyphs and
// paths are dropped, further forms are not entered, poppler's abort check
// stops the content stream) and Exceeded() names the cap.
class PageDevice : public TextOutputDev {
 public:
  PageDevice(double max_thickness, const PdfLimits& limits)
      : TextOutputDev(nullptr, nullptr, false, 0, /*rawOrder=*/true, false),
        max_thickness_(max_thickness),
        limits_(limits) {}

  std::vector<Ruling> TakeRulings() { return std::move(rulings_); }

  // Starts a page: counters back to zero, the clock restarts.
  void StartPage() {
    chars_ = paths_ = forms_ = annots_ = depth_ = 0;
    exceeded_.clear();
    page_start_ = Clock::now();
  }
  // "" while within the limits, else what was exceeded.
  const std::string& Exceeded() const { return exceeded_; }

  // poppler's abort callbacks (PDFDoc::displayPage).
  static bool AbortCheck(void* self) {
    return static_cast<PageDevice*>(self)->CheckTime();
  }
  static bool AnnotDecide(Annot*, void* self) {
    auto* dev = static_cast<PageDevice*>(self);
    return dev->Count(&dev->annots_, dev->limits_.max_annotations,
                      "annotations") &&
           !dev->CheckTime();
  }

  void drawChar(GfxState* state, double x, double y, double dx, double dy,
                double ox, double oy, CharCode c, int n, const Unicode* u,
                int ulen) override {
    if (!Count(&chars_, limits_.max_glyphs, "characters")) return;
    TextOutputDev::drawChar(state, x, y, dx, dy, ox, oy, c, n, u, ulen);
  }
  bool useDrawForm() override {
    // Called before every form XObject draw: true makes poppler call
    // drawForm() (a no-op here) instead of interpreting the form.
    return !Count(&forms_, limits_.max_form_draws, "form XObject draws") ||
           CheckTime();
  }
  void drawForm(Ref) override {}
  // Pattern and shading fills carry no text or rulings: they are not
  // interpreted (a tiling pattern with a tiny step over a large area is a
  // classic fan-out; function shadings subdivide without bound).
  bool useTilingPatternFill() override { return true; }
  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*,
                         const double*, int, int, int, int, double,
                         double) override {
    return true;
  }
  bool useShadedFills(int) override { return true; }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override {
    return true;
  }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override {
    return true;
  }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double,
                        double) override {
    return true;
  }
  bool gouraudTriangleShadedFill(GfxState*, GfxGouraudTriangleShading*) override {
    return true;
  }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override {
    return true;
  }
  void saveState(GfxState* state) override {
    if (++depth_ > limits_.max_nesting && exceeded_.empty()) {
      exceeded_ = "graphics state nesting deeper than " +
                  std::to_string(limits_.max_nesting);
    }
    TextOutputDev::saveState(state);
  }
  void restoreState(GfxState* state) override {
    if (depth_ > 0) --depth_;
    TextOutputDev::restoreState(state);
  }

  void stroke(GfxState* state) override {
    if (!exceeded_.empty()) return;
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      int n = sub->getNumPoints();
      for (int j = 1; j < n; ++j) AddSegment(state, sub, j - 1, j);
      if (sub->isClosed() && n > 2) AddSegment(state, sub, n - 1, 0);
    }
  }
  void fill(GfxState* state) override { AddFilled(state); }
  void eoFill(GfxState* state) override { AddFilled(state); }

 private:
  static constexpr double kAxisTolerance = 0.5;  // pt off-axis still counts

  // Counts one more of something capped at `max`; false (and the page
  // marked exceeded) once past it or once anything else was exceeded.
  bool Count(long* counter, long max, const char* what) {
    if (!exceeded_.empty()) return false;
    if (++*counter > max) {
      exceeded_ = std::string("more than ") + std::to_string(max) + " " +
                  what + " on one page";
      return false;
    }
    return true;
  }

  // True once the page is over its time (checked by poppler every few
  // operators, and here at each form and annotation).
  bool CheckTime() {
    if (!exceeded_.empty()) return true;
    double secs =
        std::chrono::duration<double>(Clock::now() - page_start_).count();
    if (secs > limits_.max_page_seconds) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "page took more than %g s",
                    limits_.max_page_seconds);
      exceeded_ = buf;
      return true;
    }
    return false;
  }

  void AddSegment(GfxState* state, const GfxSubpath* sub, int a, int b) {
    double x0, y0, x1, y1;
    state->transform(sub->getX(a), sub->getY(a), &x0, &y0);
    state->transform(sub->getX(b), sub->getY(b), &x1, &y1);
    AddLine(x0, y0, x1, y1);
  }

  void AddLine(double x0, double y0, double x1, double y1) {
    if (!Count(&paths_, limits_.max_segments, "path segments")) return;
    if (std::fabs(y0 - y1) <= kAxisTolerance && std::fabs(x0 - x1) > 1) {
      rulings_.push_back({Ruling::Axis::kHorizontal, (y0 + y1) / 2,
                          std::min(x0, x1), std::max(x0, x1)});
    } else if (std::fabs(x0 - x1) <= kAxisTolerance &&
               std::fabs(y0 - y1) > 1) {
      rulings_.push_back({Ruling::Axis::kVertical, (x0 + x1) / 2,
                          std::min(y0, y1), std::max(y0, y1)});
    }
  }

  // Thin filled rectangles are rulings (some producers draw borders so).
  void AddFilled(GfxState* state) {
    if (!exceeded_.empty()) return;
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      int n = sub->getNumPoints();
      if (n < 4 || n > 5) continue;
      double xmin = 1e30, ymin = 1e30, xmax = -1e30, ymax = -1e30;
      for (int j = 0; j < n; ++j) {
        double x, y;
        state->transform(sub->getX(j), sub->getY(j), &x, &y);
        xmin = std::min(xmin, x);
        xmax = std::max(xmax, x);
        ymin = std::min(ymin, y);
        ymax = std::max(ymax, y);
      }
      double w = xmax - xmin, h = ymax - ymin;
      if (h <= max_thickness_ && w > h) {
        AddLine(xmin, (ymin + ymax) / 2, xmax, (ymin + ymax) / 2);
      } else if (w <= max_thickness_ && h > w) {
        AddLine((xmin + xmax) / 2, ymin, (xmin + xmax) / 2, ymax);
      }
    }
  }

  double max_thickness_;
  PdfLimits limits_;
  std::vector<Ruling> rulings_;
  long chars_ = 0, paths_ = 0, forms_ = 0, annots_ = 0, depth_ = 0;
  std::string exceeded_;
  Clock::time_point page_start_ = Clock::now();
};

// Fake bold: some producers draw each glyph twice (or more) a fraction of
// a point apart. A glyph repeating the text of one already kept within
// this fraction of its font size, in both directions, is dropped (after
// pdfplumber's dedupe_chars, with a tolerance relative to the size).
constexpr double kDuplicateTolerance = 0.2;  // of the font size, >= 1 pt

class DuplicateFilter {
 public:
  // True if `g` repeats a glyph seen before at (almost) the same place.
  bool Seen(const Glyph& g) {
    const double tol = std::max(1.0, kDuplicateTolerance * g.font_size);
    const auto qx = static_cast<long long>(std::floor(g.box.x0 / tol));
    const auto qy = static_cast<long long>(std::floor(g.box.y0 / tol));
    for (long long dx = -1; dx <= 1; ++dx) {
      for (long long dy = -1; dy <= 1; ++dy) {
        auto it = seen_.find(Key(qx + dx, qy + dy));
        if (it == seen_.end()) continue;
        for (const Entry& e : it->second) {
          if (e.text == g.text && std::fabs(e.box.x0 - g.box.x0) <= tol &&
              std::fabs(e.box.y0 - g.box.y0) <= tol) {
            return true;
          }
        }
      }
    }
    seen_[Key(qx, qy)].push_back({g.text, g.box});
    return false;
  }

 private:
  struct Entry {
    std::string text;
    Box box;
  };
  // The tolerance-sized square a position falls in (no string is built
  // per glyph: this runs for every character of every page).
  static unsigned long long Key(long long qx, long long qy) {
    return (static_cast<unsigned long long>(qx) << 32) ^
           (static_cast<unsigned long long>(qy) & 0xffffffffULL);
  }
  std::unordered_map<unsigned long long, std::vector<Entry>> seen_;
};

// Clamps `b` to the page; false if nothing of it is on the page (text drawn
// off the page is invisible, and must not stretch the table's extent).
bool ClampToPage(const Page& page, Box* b) {
  if (!std::isfinite(b->x0) || !std::isfinite(b->x1) ||
      !std::isfinite(b->y0) || !std::isfinite(b->y1)) {
    return false;
  }
  if (b->x1 < 0 || b->y1 < 0 || b->x0 > page.width || b->y0 > page.height) {
    return false;
  }
  b->x0 = std::max(0.0, b->x0);
  b->y0 = std::max(0.0, b->y0);
  b->x1 = std::min(page.width, b->x1);
  b->y1 = std::min(page.height, b->y1);
  return true;
}

// Returns how many characters lay off the page (dropped).
int CollectGlyphs(TextWordList* words, Page* page) {
  int off_page = 0;
  if (words == nullptr) return 0;
  DuplicateFilter duplicates;
  for (int w = 0; w < words->getLength(); ++w) {
    const TextWord* word = words->get(w);
    int len = word->getLength();
    double size = word->getFontSize();
    for (int i = 0; i < len; ++i) {
      Glyph g;
      AppendUtf8(*word->getChar(i), &g.text);
      word->getCharBBox(i, &g.box.x0, &g.box.y0, &g.box.x1, &g.box.y1);
      g.font_size = size;
      const TextFontInfo* font = word->getFontInfo(i);
      g.bold = font != nullptr && font->isBold();
      g.space_after = (i == len - 1) && word->getSpaceAfter();
      if (!ClampToPage(*page, &g.box)) {
        ++off_page;
        continue;
      }
      if (duplicates.Seen(g)) {
        // The kept copy ends the word if the dropped one did.
        if (g.space_after && !page->glyphs.empty()) {
          page->glyphs.back().space_after = true;
        }
        continue;
      }
      page->glyphs.push_back(std::move(g));
    }
  }
  return off_page;
}

// Rulings clamped to the page; those wholly off it are dropped.
std::vector<Ruling> ClampRulings(const Page& page, std::vector<Ruling> in) {
  std::vector<Ruling> out;
  out.reserve(in.size());
  for (Ruling r : in) {
    const bool h = r.axis == Ruling::Axis::kHorizontal;
    const double across = h ? page.height : page.width;
    const double along = h ? page.width : page.height;
    if (!std::isfinite(r.pos) || r.pos < 0 || r.pos > across) continue;
    r.from = std::max(0.0, r.from);
    r.to = std::min(along, r.to);
    if (!(r.from < r.to)) continue;
    out.push_back(r);
  }
  return out;
}

// The password poppler is given. For AES-256 (R5/R6) the PDF 2.0 spec
// prepares it with SASLprep and takes at most 127 bytes of the UTF-8;
// poppler 22 overflows a stack buffer with longer ones. Other security
// handlers pad or cut at 32 bytes, so truncating to 127 bytes is harmless
// for them; SASLprep is tried only as a second attempt (it may change the
// bytes a legacy handler expects).
constexpr size_t kMaxPasswordBytes = 127;

std::string TruncateUtf8(std::string s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  // Do not cut a multi-byte sequence: back up to its lead byte.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

std::optional<std::string> SaslPrep(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  UStringPrepProfile* prep = usprep_openByType(USPREP_RFC4013_SASLPREP, &err);
  if (U_FAILURE(err)) return std::nullopt;
  std::u16string in(utf8.size() + 1, u'\0');
  int32_t in_len = 0;
  u_strFromUTF8(in.data(), static_cast<int32_t>(in.size()), &in_len,
                utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  std::u16string out(4 * in.size() + 16, u'\0');
  int32_t out_len = 0;
  if (U_SUCCESS(err)) {
    out_len = usprep_prepare(prep, in.data(), in_len, out.data(),
                             static_cast<int32_t>(out.size()),
                             USPREP_DEFAULT, nullptr, &err);
  }
  usprep_close(prep);
  if (U_FAILURE(err)) return std::nullopt;
  std::string result(4 * static_cast<size_t>(out_len) + 4, '\0');
  int32_t len = 0;
  u_strToUTF8(result.data(), static_cast<int32_t>(result.size()), &len,
              out.data(), out_len, &err);
  if (U_FAILURE(err)) return std::nullopt;
  result.resize(static_cast<size_t>(len));
  return result;
}

Status FromPopplerError(int code, const std::string& name, bool has_password) {
  switch (code) {
    case errEncrypted:
      return Status(Status::Code::kEncrypted,
                    name + ": " +
                        (has_password ? "the password does not open this PDF"
                                      : "PDF is encrypted (use --password)"));
    case errOpenFile:
      return Status(Status::Code::kNotFound, name + ": cannot open file");
    default:
      return Status(Status::Code::kCorrupt,
                    name + ": not a readable PDF (damaged or truncated; "
                           "poppler error " + std::to_string(code) + ")");
  }
}

}  // namespace

bool LooksLikePdf(std::string_view bytes) {
  const size_t at = bytes.substr(0, 1024).find("%PDF-");
  if (at == std::string_view::npos) return false;
  // The header at the start (after white space, as editors and mailers
  // leave it) is a PDF. Further in, poppler also accepts it, but so would a
  // text dump that quotes "%PDF-1.7" on its first lines: there the file
  // must also end like a PDF (startxref / %%EOF in its last 1 KiB).
  if (bytes.find_first_not_of(" \t\r\n\f", 0) == at) return true;
  const std::string_view tail =
      bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
  return tail.find("%%EOF") != std::string_view::npos ||
         tail.find("startxref") != std::string_view::npos;
}

namespace {

// What the content streams of one page may still cost: decoded bytes, and
// compound objects ("[" arrays, "<<" dictionaries), each of which poppler's
// parser allocates (nested, they cost ~100 bytes per opening byte).
struct ContentBudget {
  long bytes;
  long compounds;
  bool spent() const { return bytes < 0 || compounds < 0; }
};

// The compounds `chunk` opens: every "[", and every "<<" of a run of "<"
// ("<<<<" is two). `*open_lt` says a "<" is left unpaired at the end of the
// previous chunk, and is updated. Searches with memchr and std::count,
// which scan many bytes an instruction, rather than byte by byte.
long CountCompounds(std::string_view chunk, bool* open_lt) {
  long count = static_cast<long>(std::count(chunk.begin(), chunk.end(), '['));
  size_t at = chunk.find('<');
  if (at != 0) *open_lt = false;  // a run from the previous chunk ended
  while (at != std::string_view::npos) {
    size_t end = chunk.find_first_not_of('<', at);
    if (end == std::string_view::npos) end = chunk.size();
    const size_t run = end - at + (*open_lt ? 1 : 0);
    count += static_cast<long>(run / 2);
    *open_lt = end == chunk.size() && run % 2 == 1;
    at = chunk.find('<', end);
  }
  return count;
}

// Reads `str` in chunks, spending from `*budget`; false once it is spent.
bool SpendOnStream(Stream* str, ContentBudget* budget) {
  unsigned char buf[65536];
  str->reset();
  int n;
  bool open_lt = false;
  while (!budget->spent() && (n = str->doGetChars(sizeof buf, buf)) > 0) {
    budget->bytes -= n;
    budget->compounds -=
        CountCompounds(std::string_view(reinterpret_cast<const char*>(buf),
                                        static_cast<size_t>(n)),
                       &open_lt);
  }
  str->close();
  return !budget->spent();
}

// The form XObjects reachable from `resources` (each once, at most
// kMaxForms of them), spending their decoded size from `*budget`.
bool SpendOnForms(Dict* resources, ContentBudget* budget, std::set<int>* seen) {
  constexpr size_t kMaxForms = 10000;
  if (resources == nullptr) return true;
  Object xobjects = resources->lookup("XObject");
  if (!xobjects.isDict()) return true;
  Dict* dict = xobjects.getDict();
  for (int i = 0; i < dict->getLength(); ++i) {
    const Object& ref = dict->getValNF(i);
    if (ref.isRef()) {
      if (seen->size() >= kMaxForms || !seen->insert(ref.getRefNum()).second) {
        continue;
      }
    }
    Object form = dict->getVal(i);
    if (!form.isStream() || !form.streamGetDict()->lookup("Subtype").isName("Form")) {
      continue;
    }
    if (!SpendOnStream(form.getStream(), budget)) return false;
    Object inner = form.streamGetDict()->lookup("Resources");
    if (inner.isDict() && !SpendOnForms(inner.getDict(), budget, seen)) {
      return false;
    }
  }
  return true;
}

// True if the page's content streams and the form XObjects its resources
// reach decode to at most `cap` bytes in all (each read in chunks, stopping
// at the cap). poppler parses one operand as a whole, so a small file whose
// content stream inflates to 200 MB of "[" exhausts memory inside one call;
// this bounds it before interpretation.
bool ContentWithin(::Page* page, long cap, long max_compounds) {
  if (page == nullptr) return true;
  ContentBudget budget{cap, max_compounds};
  Object contents = page->getContents();
  if (contents.isStream()) {
    if (!SpendOnStream(contents.getStream(), &budget)) return false;
  } else if (contents.isArray()) {
    for (int i = 0; i < contents.arrayGetLength(); ++i) {
      Object o = contents.arrayGet(i);
      if (o.isStream() && !SpendOnStream(o.getStream(), &budget)) return false;
    }
  }
  std::set<int> seen;
  return SpendOnForms(page->getResourceDict(), &budget, &seen);
}

// Opens the document, trying the password as given (cut to 127 bytes) and
// then its SASLprep form.
std::unique_ptr<PDFDoc> OpenDoc(std::string_view bytes,
                                const std::string& password) {
  std::vector<std::string> tries;
  if (!password.empty()) {
    tries.push_back(TruncateUtf8(password, kMaxPasswordBytes));
    std::optional<std::string> prepped = SaslPrep(password);
    if (prepped) {
      std::string p = TruncateUtf8(*prepped, kMaxPasswordBytes);
      if (p != tries.front()) tries.push_back(p);
    }
  }
  std::unique_ptr<PDFDoc> doc;
  size_t i = 0;
  do {
    std::optional<GooString> pw;
    if (i < tries.size()) pw.emplace(tries[i]);
    // MemStream does not own the buffer; `bytes` outlives the document.
    auto* stream = new MemStream(bytes.data(), 0,
                                 static_cast<Goffset>(bytes.size()),
                                 Object(objNull));
    doc = std::make_unique<PDFDoc>(stream, pw, pw);  // owns `stream`
    ++i;
  } while (!doc->isOk() && doc->getErrorCode() == errEncrypted &&
           i < tries.size());
  return doc;
}

Status ReadPdfUnguarded(std::string_view bytes, const std::string& name,
                        const PdfOptions& options, PdfInfo* info,
                        const std::function<void(Page&&)>& on_page) {
  if (bytes.empty()) {
    return Status(Status::Code::kEmpty, name + ": file is empty");
  }
  if (!LooksLikePdf(bytes)) {
    return Status(Status::Code::kCorrupt, name + ": not a PDF (no %PDF- header)");
  }
  std::unique_ptr<PDFDoc> doc = OpenDoc(bytes, options.password);
  if (!doc->isOk()) {
    return FromPopplerError(doc->getErrorCode(), name, !options.password.empty());
  }
  int n = doc->getNumPages();
  if (n <= 0) {
    return Status(Status::Code::kCorrupt, name + ": PDF has no pages");
  }
  if (n > options.max_pages) {
    return Status(Status::Code::kLimit,
                  name + ": " + std::to_string(n) + " pages exceed the limit of " +
                      std::to_string(options.max_pages));
  }
  PdfInfo local;
  local.pages = n;
  PageDevice device(options.max_ruling_thickness, options.limits);
  for (int p = 1; p <= n; ++p) {
    device.StartPage();
    if (!ContentWithin(doc->getPage(p), options.limits.max_content_bytes,
                       options.limits.max_content_compounds)) {
      return Status::Limit(name + ": page " + std::to_string(p) +
                           ": content streams over " +
                           std::to_string(options.limits.max_content_bytes >> 20) +
                           " MiB or " +
                           std::to_string(options.limits.max_content_compounds) +
                           " arrays and dictionaries (a limit against hostile "
                           "files)");
    }
    doc->displayPage(&device, p, 72, 72, 0, /*useMediaBox=*/false,
                     /*crop=*/true, /*printing=*/false, &PageDevice::AbortCheck,
                     &device, &PageDevice::AnnotDecide, &device);
    if (!device.Exceeded().empty()) {
      (void)device.TakeRulings();
      return Status(Status::Code::kLimit, name + ": page " + std::to_string(p) +
                                              ": " + device.Exceeded() +
                                              " (a limit against hostile files)");
    }
    Page page;
    page.number = p;
    page.width = doc->getPageCropWidth(p);
    page.height = doc->getPageCropHeight(p);
    if (doc->getPageRotate(p) % 180 != 0) std::swap(page.width, page.height);
    // An oversized page box (up to 1e17 pt in hostile files) would size
    // the table's grid: what lies beyond PDF's own page-size limit is cut
    // off like anything else off the page.
    const bool capped = page.width > options.limits.max_page_extent ||
                        page.height > options.limits.max_page_extent;
    page.width = std::min(page.width, options.limits.max_page_extent);
    page.height = std::min(page.height, options.limits.max_page_extent);
    if (!(page.width > 0) || !(page.height > 0)) {  // NaN too
      return Status(Status::Code::kCorrupt,
                    name + ": page " + std::to_string(p) + " has no area");
    }
    const int off_page = CollectGlyphs(device.makeWordList().get(), &page);
    if (capped && off_page > 0) {  // text the cut left out: say so
      if (local.cut_glyphs == 0) local.first_cut_page = p;
      local.cut_glyphs += off_page;
    }
    page.rulings = ClampRulings(page, device.TakeRulings());
    local.glyphs += static_cast<int>(page.glyphs.size());
    on_page(std::move(page));
  }
  if (info != nullptr) *info = local;
  if (local.glyphs == 0) {
    return Status(Status::Code::kNoTextLayer,
                  name + ": no text layer on any of its " + std::to_string(n) +
                      " pages (a scanned image? OCR it first)");
  }
  return Status::Ok();
}

}  // namespace

Status ReadPdf(std::string_view bytes, const std::string& name,
               const PdfOptions& options, PdfInfo* info,
               const std::function<void(Page&&)>& on_page) {
  InitPoppler();
  // Some hostile structures (deeply nested arrays in a content stream) make
  // poppler's parser allocate without bound inside one call, where no
  // limit of ours can stop it: the allocation failure ends this document.
  try {
    return ReadPdfUnguarded(bytes, name, options, info, on_page);
  } catch (const std::bad_alloc&) {
    return Status::OutOfMemory(name + ": out of memory while interpreting "
                                      "the PDF (a limit against hostile files)");
  }
}

}  // namespace plan2json::extractor
