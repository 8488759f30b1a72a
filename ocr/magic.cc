// Copyright 2026 The plan2json Authors.
//
// image.h's LooksLikeImage: magic bytes only, so it is linked into the
// program rather than the OCR engine module (engine.h).

#include <string_view>

#include "ocr/image.h"

namespace plan2json::ocr {

bool LooksLikeImage(std::string_view bytes) {
  auto starts = [&](std::string_view magic) {
    return bytes.substr(0, magic.size()) == magic;
  };
  return starts("\x89PNG\r\n\x1a\n") || starts("\xFF\xD8\xFF") ||
         starts(std::string_view("II*\0", 4)) ||
         starts(std::string_view("MM\0*", 4));
}

}  // namespace plan2json::ocr
