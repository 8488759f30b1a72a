# Developer options (after simdjson's cmake/developer-options.cmake).
#   PLAN2JSON_SANITIZE   ""        | "address" (ASan+UBSan) | "thread" (TSan)
#   PLAN2JSON_WERROR     OFF       turn warnings into errors
#   PLAN2JSON_FUZZ       OFF       build libFuzzer targets (needs clang)
set(PLAN2JSON_SANITIZE "" CACHE STRING "Sanitizers: '', 'address' (ASan+UBSan) or 'thread'")
option(PLAN2JSON_WERROR "Treat warnings as errors" OFF)
option(PLAN2JSON_FUZZ "Build libFuzzer targets (clang only)" OFF)

if(PLAN2JSON_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
elseif(PLAN2JSON_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(NOT PLAN2JSON_SANITIZE STREQUAL "")
  message(FATAL_ERROR "PLAN2JSON_SANITIZE must be '', 'address' or 'thread'")
endif()
