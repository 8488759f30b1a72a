// Copyright 2026 The plan2json Authors.
//
// Fuzzes the command line's whole run for one input as `plan2json IN -o OUT`
// does it: the bytes are written to a file named *.pdf, converted from the
// file (ConvertFile), rendered in every output format (JSON, JSON Lines,
// CSV for Excel) and written atomically next to it. Meant to run under
// resource limits (fuzz/README.md: -rss_limit_mb=512 -timeout=10), which
// every input must meet thanks to the reader's per-page caps.
// Checks: a successful conversion gives a document the schema accepts after
// a round trip through the written file; no error is kSchema; every error
// message is one line; no temporary file is left next to the output.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "cli/formats.h"
#include "cli/output.h"
#include "fuzz/fuzz_util.h"
#include "pipeline/convert.h"
#include "schema/schema.h"

namespace {

namespace fs = std::filesystem;

const fs::path& WorkDir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() /
                 ("plan2json-cli-fuzz-" + std::to_string(getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plan2json;
  const fs::path in = WorkDir() / "input.pdf";
  const fs::path out = WorkDir() / "input.pdf.json";
  {
    std::ofstream f(in, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  static const ConvertOptions options;
  Result<Conversion> conv = ConvertFile(in.string(), options);
  if (!conv.ok()) {
    const std::string& msg = conv.status().message();
    if (conv.status().code() == Status::Code::kSchema) std::abort();
    if (cli::TerminalSafe(msg).find('\n') != std::string::npos) std::abort();
    return 0;
  }
  cli::RenderOptions render;
  render.excel_bom = render.excel_formula_guard = true;
  for (cli::Format f : {cli::Format::kJsonl, cli::Format::kCsv, cli::Format::kJson}) {
    Status st = cli::WriteFileAtomically(out.string(),
                                         cli::Render(conv->document, f, render));
    if (!st.ok()) std::abort();
  }
  const std::string written = ReadAll(out);
  nlohmann::json doc = nlohmann::json::parse(written, nullptr, false);
  if (doc.is_discarded() || !schema::Validator::Get().Validate(doc).ok()) {
    std::abort();
  }
  for (const auto& e : fs::directory_iterator(WorkDir())) {
    if (e.path().filename().string().find(".tmp-") != std::string::npos) {
      std::abort();
    }
  }
  return 0;
}
