// Copyright 2026 The plan2json Authors.
//
// Character repair (NormalizeChars) and line joining (JoinLines).
//
// Every decision is made from Unicode properties via ICU (script,
// East_Asian_Width, general category), never from word lists. Each pass is a
// single linear scan over a std::u32string.

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/normalizer.h"
#include "normalizer/text_internal.h"

namespace plan2json::normalizer {
namespace internal {
namespace {

// A character with a numeric value (一, 三, 十, ２, ...).
bool IsNumeral(char32_t c) {
  return u_getNumericValue(static_cast<UChar32>(c)) != U_NO_NUMERIC_VALUE;
}

// A Han ideograph (script Han; not a digit or punctuation of any width).
bool IsHan(char32_t c) {
  UErrorCode err = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &err) == USCRIPT_HAN && U_SUCCESS(err);
}

constexpr size_t kNpos = static_cast<size_t>(-1);

// ---------------------------------------------------------------------------
// Ideograph tables
// ---------------------------------------------------------------------------

// U+2E80..U+2FDF -> Equivalent_Unified_Ideograph, 0 = none. Generated at
// build time from Unicode's EquivalentUnifiedIdeograph.txt.
constexpr char32_t kRadicalFirst = 0x2E80;
constexpr char32_t kRadicalLast = 0x2FDF;
constexpr char32_t kRadicals[kRadicalLast - kRadicalFirst + 1] = {
#include "radicals.inc"
};

// CJK compatibility ideographs -> their singleton canonical decomposition,
// 0 = none (some code points in U+F900..U+FAFF are unified ideographs such
// as U+FA0E and have no decomposition).
constexpr char32_t kCompatBmpFirst = 0xF900;
constexpr char32_t kCompatBmpLast = 0xFAFF;
constexpr char32_t kCompatSupFirst = 0x2F800;
constexpr char32_t kCompatSupLast = 0x2FA1F;

struct CompatTable {
  std::array<char32_t, kCompatBmpLast - kCompatBmpFirst + 1> bmp{};
  std::array<char32_t, kCompatSupLast - kCompatSupFirst + 1> sup{};
};

template <size_t N>
void FillCompat(const icu::Normalizer2& nfd, char32_t first,
                std::array<char32_t, N>* table) {
  for (size_t i = 0; i < N; ++i) {
    const auto c = static_cast<UChar32>(first + i);
    icu::UnicodeString decomposition;
    if (nfd.getDecomposition(c, decomposition) &&
        decomposition.countChar32() == 1) {
      (*table)[i] = static_cast<char32_t>(decomposition.char32At(0));
    }
  }
}

// Built once, thread-safely (function-local static); trivially destructible.
const CompatTable& Compat() {
  static const CompatTable table = [] {
    CompatTable t;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_SUCCESS(status) && nfd != nullptr) {
      FillCompat(*nfd, kCompatBmpFirst, &t.bmp);
      FillCompat(*nfd, kCompatSupFirst, &t.sup);
    }
    return t;
  }();
  return table;
}

// The unified ideograph `c` stands for, or `c` itself.
char32_t UnifyIdeograph(char32_t c) {
  char32_t mapped = 0;
  if (c >= kRadicalFirst && c <= kRadicalLast) {
    mapped = kRadicals[c - kRadicalFirst];
  } else if (c >= kCompatBmpFirst && c <= kCompatBmpLast) {
    mapped = Compat().bmp[c - kCompatBmpFirst];
  } else if (c >= kCompatSupFirst && c <= kCompatSupLast) {
    mapped = Compat().sup[c - kCompatSupFirst];
  }
  return mapped != 0 ? mapped : c;
}

// For each position, the index of the nearest significant (not space, not
// transparent) character before / after it, or kNpos.
void ComputeContext(const std::u32string& text,
                    const std::vector<CharClass>& cls,
                    std::vector<size_t>* prev, std::vector<size_t>* next) {
  const size_t n = text.size();
  prev->assign(n, kNpos);
  next->assign(n, kNpos);
  size_t last = kNpos;
  for (size_t i = 0; i < n; ++i) {
    (*prev)[i] = last;
    if (cls[i] != CharClass::kSpace && !IsTransparent(text[i])) last = i;
  }
  last = kNpos;
  for (size_t i = n; i-- > 0;) {
    (*next)[i] = last;
    if (cls[i] != CharClass::kSpace && !IsTransparent(text[i])) last = i;
  }
}

char32_t FullWidth(char32_t c) {
  switch (c) {
    case U',':
      return U'，';
    case U';':
      return U'；';
    case U':':
      return U'：';
    case U'!':
      return U'！';
    case U'?':
      return U'？';
    case U'(':
      return U'（';
    case U')':
      return U'）';
    default:
      return c;
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------

CharClass Classify(char32_t c) {
  if (c < 0x80) {
    if (c == U' ' || c == U'\n') return CharClass::kSpace;
    if ((c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') ||
        (c >= U'A' && c <= U'Z')) {
      return CharClass::kWord;
    }
    return CharClass::kOther;
  }
  const auto cp = static_cast<UChar32>(c);
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(cp, &status)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
      return CharClass::kCjk;
    default:
      break;
  }
  const int width = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
  if (width == U_EA_WIDE || width == U_EA_FULLWIDTH) return CharClass::kCjk;
  if (u_isalnum(cp)) return CharClass::kWord;
  return CharClass::kOther;
}

bool IsTransparent(char32_t c) {
  if (c == U'"' || c == U'\'') return true;
  if (c < 0x80) return false;
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_INITIAL_PUNCTUATION || type == U_FINAL_PUNCTUATION;
}

// ---------------------------------------------------------------------------
// Per-code-point repair
// ---------------------------------------------------------------------------

namespace {

// Appends the repaired form of one decoded code point.
void AppendRepairedCodePoint(UChar32 cp, std::u32string* out) {
  const auto c = static_cast<char32_t>(cp);
  if (c < 0x80) {
    if (c == U'\n') {
      out->push_back(c);
    } else if (c == U'\t') {
      out->push_back(U' ');  // a tab separates tokens; deleting it would glue
    } else if (c >= 0x20 && c != 0x7F) {
      out->push_back(c);
    }  // other C0 controls and DEL (CR included) are dropped
    return;
  }
  if (c <= 0x9F) return;  // C1 controls
  switch (u_charType(cp)) {
    case U_FORMAT_CHAR:  // ZWSP, ZWJ, ZWNJ, WJ, BOM, soft hyphen, bidi marks
    case U_CONTROL_CHAR:
      return;
    case U_SPACE_SEPARATOR:  // U+3000, NBSP, thin spaces, ...
      out->push_back(U' ');
      return;
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      out->push_back(U'\n');
      return;
    default:
      out->push_back(UnifyIdeograph(c));
  }
}

}  // namespace

void AppendRepaired(std::string_view text, std::u32string* out) {
  out->reserve(out->size() + text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  size_t done = 0;
  // U8_NEXT works on int32_t offsets; walk huge inputs in windows that end
  // on a character boundary.
  constexpr size_t kWindow = size_t{1} << 30;
  while (done < text.size()) {
    size_t window = text.size() - done;
    if (window > kWindow) {
      window = kWindow;
      while (window > 0 && (bytes[done + window] & 0xC0) == 0x80) --window;
    }
    const uint8_t* s = bytes + done;
    const auto length = static_cast<int32_t>(window);
    int32_t i = 0;
    while (i < length) {
      UChar32 c;
      U8_NEXT_OR_FFFD(s, i, length, c);
      AppendRepairedCodePoint(c, out);
    }
    done += window;
  }
}

// ---------------------------------------------------------------------------
// Punctuation width
// ---------------------------------------------------------------------------

namespace {

// Context of every character: its class and the nearest significant
// neighbours on each side (ComputeContext).
struct Context {
  std::vector<CharClass> cls;
  std::vector<size_t> prev, next;
  CharClass At(size_t i) const { return i == kNpos ? CharClass::kNone : cls[i]; }
  bool Cjk(size_t i) const { return At(i) == CharClass::kCjk; }
};

// 1. Brackets. A matched ASCII pair is converted when the text outside it
//    is CJK on either side; when both outer sides are absent or neutral
//    (neither CJK nor a letter/digit), the first/last character inside
//    decides. An unmatched bracket looks at its two neighbours. Converted
//    brackets are CJK context for the rest.
void FixBrackets(std::u32string& s, Context& ctx) {
  const size_t n = s.size();
  auto convert_pair = [&](size_t open, size_t close) {
    const CharClass left = ctx.At(ctx.prev[open]);
    const CharClass right = ctx.At(ctx.next[close]);
    bool convert = left == CharClass::kCjk || right == CharClass::kCjk;
    if (!convert && left != CharClass::kWord && right != CharClass::kWord) {
      const size_t first = ctx.next[open];
      const size_t last = ctx.prev[close];
      convert = (first != kNpos && first < close && ctx.Cjk(first)) ||
                (last != kNpos && last > open && ctx.Cjk(last));
    }
    if (convert) {
      s[open] = U'（';
      s[close] = U'）';
    }
  };
  std::vector<size_t> open_stack;
  std::vector<size_t> unmatched;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == U'(') {
      open_stack.push_back(i);
    } else if (s[i] == U')') {
      if (open_stack.empty()) {
        unmatched.push_back(i);
      } else {
        convert_pair(open_stack.back(), i);
        open_stack.pop_back();
      }
    }
  }
  unmatched.insert(unmatched.end(), open_stack.begin(), open_stack.end());
  for (size_t i : unmatched) {
    if (ctx.Cjk(ctx.prev[i]) || ctx.Cjk(ctx.next[i])) s[i] = FullWidth(s[i]);
  }
  bool any_bracket = false;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == U'（' || s[i] == U'）') {
      any_bracket = any_bracket || ctx.cls[i] != CharClass::kCjk;
      ctx.cls[i] = CharClass::kCjk;
    }
  }
  if (any_bracket) ComputeContext(s, ctx.cls, &ctx.prev, &ctx.next);
}

// 2. , ; : ! ? next to CJK (looking through spaces and quotes); the left
//    context includes conversions made earlier in this pass ("吗?!").
//    '.' right after CJK with nothing but spaces up to the end of the line,
//    or between two Han characters, is a sentence end and becomes '。'; any
//    other '.' is kept (a date or section separator, "2023.5", "第3.2节").
void FixMarks(std::u32string& s, Context& ctx) {
  const size_t n = s.size();
  size_t last = kNpos;  // previous significant index, after conversions
  for (size_t i = 0; i < n; ++i) {
    const char32_t c = s[i];
    if (c == U',' || c == U';' || c == U':' || c == U'!' || c == U'?') {
      if (ctx.Cjk(last) || ctx.Cjk(ctx.next[i])) {
        s[i] = FullWidth(c);
        ctx.cls[i] = CharClass::kCjk;
      }
    } else if (c == U'.' && ctx.Cjk(last) && last + 1 == i) {
      size_t j = i + 1;
      while (j < n && s[j] == U' ') ++j;
      // A sentence end typed in ASCII: at the end of a line, or between two
      // Han characters ("建设.健全") unless after a numeral ("三.加强": a
      // list marker).
      if (j == n || s[j] == U'\n' ||
          (IsHan(s[last]) && IsHan(s[j]) && !IsNumeral(s[last]))) {
        s[i] = U'。';
        ctx.cls[i] = CharClass::kCjk;
      }
    }
    if (ctx.cls[i] != CharClass::kSpace && !IsTransparent(s[i])) last = i;
  }
}

}  // namespace

void FixPunctuationWidth(std::u32string* text) {
  std::u32string& s = *text;
  if (s.empty()) return;
  Context ctx;
  ctx.cls.resize(s.size());
  for (size_t i = 0; i < s.size(); ++i) ctx.cls[i] = Classify(s[i]);
  ComputeContext(s, ctx.cls, &ctx.prev, &ctx.next);
  FixBrackets(s, ctx);
  FixMarks(s, ctx);
}

// ---------------------------------------------------------------------------
// Spaces
// ---------------------------------------------------------------------------

std::u32string CollapseSpaces(const std::u32string& text) {
  constexpr int kMaxTransparent = 3;  // bounded look-through keeps this O(n)
  std::u32string out;
  out.reserve(text.size());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (Classify(text[i]) != CharClass::kSpace) {
      out.push_back(text[i++]);
      continue;
    }
    size_t j = i;
    while (j < n && Classify(text[j]) == CharClass::kSpace) ++j;
    if (!out.empty() && j < n) {
      size_t p = out.size() - 1;
      for (int k = 0; k < kMaxTransparent && p > 0 && IsTransparent(out[p]);
           ++k) {
        --p;
      }
      size_t q = j;
      for (int k = 0;
           k < kMaxTransparent && q + 1 < n && IsTransparent(text[q]); ++k) {
        ++q;
      }
      if (Classify(out[p]) != CharClass::kCjk &&
          Classify(text[q]) != CharClass::kCjk) {
        out.push_back(U' ');
      }
    }
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------
// UTF-8
// ---------------------------------------------------------------------------

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string ToUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) AppendUtf8(c, &out);
  return out;
}

}  // namespace internal

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

namespace {

using internal::CharClass;
using internal::Classify;

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Whether joining a line ending in `prev` with one starting with `next` needs
// a space. Only Latin-ish word + word keeps one; CJK on either side, a number
// split across the break, or punctuation that hugs its neighbour get none.
bool NeedsSpace(const std::u32string& prev, const std::u32string& next) {
  const char32_t a = prev.back();
  const char32_t b = next.front();
  if (Classify(a) == CharClass::kCjk || Classify(b) == CharClass::kCjk) {
    return false;
  }
  if (IsDigit(a) && IsDigit(b)) return false;  // "20" + "23年"
  if ((a == U'.' || a == U',' || a == U':') && prev.size() >= 2 &&
      IsDigit(prev[prev.size() - 2]) && IsDigit(b)) {
    return false;  // "44." + "9%"
  }
  if (a == U'/' || a == U'-') return false;  // "GB/" + "T", "2023-" + "2025"
  if (b == U',' || b == U'.' || b == U';' || b == U':' || b == U'!' ||
      b == U'?' || b == U'%' || b == U'/') {
    return false;
  }
  const auto type_a = u_charType(static_cast<UChar32>(a));
  const auto type_b = u_charType(static_cast<UChar32>(b));
  if (type_a == U_START_PUNCTUATION || type_a == U_INITIAL_PUNCTUATION) {
    return false;
  }
  // A dash of any width hugs both neighbours: "2024—" + "2026年", "—" + "2026".
  if (type_a == U_DASH_PUNCTUATION || type_b == U_DASH_PUNCTUATION) return false;
  if (type_b == U_END_PUNCTUATION || type_b == U_FINAL_PUNCTUATION) {
    return false;
  }
  return true;
}

}  // namespace

std::string NormalizeChars(std::string_view text) {
  std::u32string cps;
  internal::AppendRepaired(text, &cps);
  internal::FixPunctuationWidth(&cps);
  return internal::ToUtf8(cps);
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::u32string joined;
  std::u32string line;
  for (const std::string& raw : lines) {
    line.clear();
    internal::AppendRepaired(raw, &line);
    // A "line" holding '\n' is several visual lines.
    size_t start = 0;
    while (start <= line.size()) {
      size_t end = line.find(U'\n', start);
      if (end == std::u32string::npos) end = line.size();
      size_t b = start;
      size_t e = end;
      while (b < e && line[b] == U' ') ++b;
      while (e > b && line[e - 1] == U' ') --e;
      if (b < e) {
        const std::u32string piece = line.substr(b, e - b);
        if (!joined.empty() && NeedsSpace(joined, piece)) {
          joined.push_back(U' ');
        }
        joined += piece;
      }
      start = end + 1;
    }
  }
  // Width is decided on the joined text so a bracket pair or comma sees its
  // context across the original line breaks.
  internal::FixPunctuationWidth(&joined);
  return internal::ToUtf8(internal::CollapseSpaces(joined));
}

}  // namespace plan2json::normalizer
