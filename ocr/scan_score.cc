// Copyright 2026 The plan2json Authors.

#include "ocr/scan_score.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace plan2json::ocr {
namespace {

using nlohmann::ordered_json;

std::u32string U32(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 0 : b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
    char32_t c = n == 0 ? b : b & (0x3F >> n);
    for (int k = 1; k <= n && i + static_cast<size_t>(k) < s.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    }
    out += c;
    i += static_cast<size_t>(n) + 1;
  }
  return out;
}

std::u32string TextOf(const ordered_json& row, const char* key) {
  auto it = row.find(key);
  return it != row.end() && it->is_string() ? U32(it->get<std::string>()) : U"";
}

// The pairing key: the first 12 characters of the measure, spaces removed.
std::u32string KeyOf(const ordered_json& row) {
  std::u32string key;
  for (char32_t c : TextOf(row, "measure")) {
    if (c != U' ' && c != U'\n' && c != U'\t') key += c;
  }
  return key.substr(0, 12);
}

// Pairs rows by the longest common subsequence of keys; unmatched rows
// between two matches pair up in order (as difflib's blocks do in score.py).
std::vector<std::pair<size_t, size_t>> PairRows(const ordered_json& a,
                                                const ordered_json& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::u32string> ka, kb;
  for (const auto& r : a) ka.push_back(KeyOf(r));
  for (const auto& r : b) kb.push_back(KeyOf(r));
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = ka[i] == kb[j] ? lcs[i + 1][j + 1] + 1
                                 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::pair<size_t, size_t>> pairs;
  size_t i = 0, j = 0, gi = 0, gj = 0;
  auto flush_gap = [&](size_t to_i, size_t to_j) {
    for (; gi < to_i && gj < to_j; ++gi, ++gj) pairs.emplace_back(gi, gj);
    gi = to_i, gj = to_j;
  };
  while (i < n && j < m) {
    if (ka[i] == kb[j] && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
      flush_gap(i, j);
      pairs.emplace_back(i, j);
      gi = ++i, gj = ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  flush_gap(n, m);
  return pairs;
}

bool IsLow(const ordered_json& row) {
  auto it = row.find("confidence");
  return it != row.end() && *it == "low";
}

}  // namespace

int EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

ScanScore ScoreScan(const ordered_json& reference, const ordered_json& scan) {
  const ordered_json& ref_rows = reference.at("rows");
  const ordered_json& scan_rows = scan.at("rows");
  ScanScore score;
  score.reference_rows = static_cast<int>(ref_rows.size());
  score.scan_rows = static_cast<int>(scan_rows.size());
  long errors = 0, chars = 0;
  std::vector<bool> ref_paired(ref_rows.size()), scan_paired(scan_rows.size());
  for (auto [i, j] : PairRows(ref_rows, scan_rows)) {
    ref_paired[i] = scan_paired[j] = true;
    const ordered_json& t = ref_rows[i];
    const ordered_json& o = scan_rows[j];
    bool ok = true;
    for (const char* key : {"seq", "deadline", "lead", "responsible", "assisting"}) {
      ok = ok && o.value(key, ordered_json()) == t.value(key, ordered_json());
    }
    for (const char* key : {"section", "task", "measure"}) {
      std::u32string want = TextOf(t, key);
      int e = EditDistance(want, TextOf(o, key));
      errors += e;
      chars += static_cast<long>(want.size());
      ok = ok && e <= 0.02 * static_cast<double>(std::max<size_t>(1, want.size()));
    }
    score.usable += ok ? 1 : 0;
    if (!ok && !IsLow(o)) {
      if (score.silent++ == 0) {
        score.first_silent = "want " + t.dump() + "\ngot  " + o.dump();
      }
    }
  }
  for (size_t i = 0; i < ref_rows.size(); ++i) {
    if (ref_paired[i]) continue;
    ++score.silent;  // a missed row cannot be flagged
    for (const char* key : {"section", "task", "measure"}) {
      long n = static_cast<long>(TextOf(ref_rows[i], key).size());
      errors += n, chars += n;
    }
  }
  for (size_t j = 0; j < scan_rows.size(); ++j) {
    if (!scan_paired[j] && !IsLow(scan_rows[j])) ++score.silent;
  }
  score.cer = chars > 0 ? 100.0 * static_cast<double>(errors) / static_cast<double>(chars) : 0;
  return score;
}

}  // namespace plan2json::ocr
