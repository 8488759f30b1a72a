// Copyright 2026 The plan2json Authors.
//
// In-process cost of each pipeline stage, on the samples (Google Benchmark).
// Build: cmake -DPLAN2JSON_BENCHMARKS=ON ...; run:
//   build/bench/stages_bench --benchmark_min_time=1
// Stages (as --timings names them):
//   BM_ReadPdfFindTable  extract + table finding: poppler's one pass per page
//                        (glyphs, rulings) and FindTable on each page
//   BM_BuildPlan         table: grids -> plan rows
//   BM_Normalize         normalize: JoinLines / SplitDepartments /
//                        ParseDeadline over every cell of the plan
//   BM_Validate          validate: the emitted document against the schema
//   BM_ConvertBytes      the whole pipeline; counters give --timings' stages
//   BM_DecodeText, BM_ReadTextDump, BM_TextParseAndNormalize
//                        the text-dump path (12 KB pdftotext dump)

#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "extractor/pdf_reader.h"
#include "extractor/plan.h"
#include "extractor/table.h"
#include "extractor/text_reader.h"
#include "normalizer/normalizer.h"
#include "pipeline/convert.h"
#include "schema/schema.h"

namespace plan2json {
namespace {

std::string ReadFile(const std::string& name) {
  std::ifstream in(std::string(PLAN2JSON_SAMPLES_DIR) + "/" + name,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const char* const kPdfs[] = {"beijing-eco-2023.word.pdf",
                             "beijing-eco-2023.narrow.pdf",
                             "beijing-eco-2023.quirky.pdf"};
const char* const kDump = "beijing-eco-2023.pdftotext.txt";

std::vector<extractor::Grid> Grids(const std::string& bytes) {
  std::vector<extractor::Grid> grids;
  const extractor::TableOptions options = extractor::PlanTableOptions();
  Status st = extractor::ReadPdf(bytes, "bench", {}, nullptr,
                                 [&](extractor::Page&& page) {
                                   grids.push_back(extractor::FindTable(page, options));
                                 });
  if (!st.ok()) std::abort();
  return grids;
}

// Every cell of the plan through the normalizer, as the pipeline's Emit does.
size_t NormalizePlan(const extractor::RawPlan& plan,
                     const normalizer::DepartmentDict& dict) {
  size_t out = 0;
  for (const extractor::RawRow& row : plan.rows) {
    out += normalizer::JoinLines(row.section).size();
    for (size_t c = 0; c < plan.columns.size(); ++c) {
      const auto& cell = row.cells[c];
      switch (plan.columns[c].key) {
        case extractor::ColumnKey::kLead:
        case extractor::ColumnKey::kResponsible:
        case extractor::ColumnKey::kAssisting:
          out += normalizer::SplitDepartments(cell, dict).names.size();
          break;
        case extractor::ColumnKey::kDeadline:
          out += normalizer::JoinLines(cell).size();
          out += normalizer::ParseDeadline(normalizer::JoinLines(cell), 2023)
                     .date.has_value();
          break;
        default:
          out += normalizer::JoinLines(cell).size();
      }
    }
  }
  return out;
}

void BM_ReadPdfFindTable(benchmark::State& state) {
  const std::string bytes = ReadFile(kPdfs[state.range(0)]);
  for (auto _ : state) benchmark::DoNotOptimize(Grids(bytes));
  state.SetLabel(kPdfs[state.range(0)]);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_ReadPdfFindTable)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

void BM_BuildPlan(benchmark::State& state) {
  const std::vector<extractor::Grid> grids = Grids(ReadFile(kPdfs[state.range(0)]));
  for (auto _ : state) benchmark::DoNotOptimize(extractor::BuildPlan(grids));
  state.SetLabel(kPdfs[state.range(0)]);
}
BENCHMARK(BM_BuildPlan)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

void BM_Normalize(benchmark::State& state) {
  const auto plan = extractor::BuildPlan(Grids(ReadFile(kPdfs[state.range(0)])));
  const auto dict = normalizer::DepartmentDict::BuiltIn();
  for (auto _ : state) benchmark::DoNotOptimize(NormalizePlan(*plan, *dict));
  state.SetLabel(kPdfs[state.range(0)]);
}
BENCHMARK(BM_Normalize)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

void BM_Validate(benchmark::State& state) {
  const std::string bytes = ReadFile(kPdfs[state.range(0)]);
  const auto conv = ConvertBytes(bytes, kPdfs[state.range(0)], {});
  if (!conv.ok()) std::abort();
  const auto& validator = schema::Validator::Get();
  for (auto _ : state) benchmark::DoNotOptimize(validator.Validate(conv->document));
  state.SetLabel(kPdfs[state.range(0)]);
}
BENCHMARK(BM_Validate)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

// The whole pipeline in memory; the counters are the mean of --timings'
// stages (wall ms per conversion), to check them against the stages above.
void BM_ConvertBytes(benchmark::State& state) {
  const bool text = state.range(0) == 3;
  const char* name = text ? kDump : kPdfs[state.range(0)];
  const std::string bytes = ReadFile(name);
  StageTimes sum;
  for (auto _ : state) {
    auto conv = ConvertBytes(bytes, name, {});
    if (!conv.ok()) {
      state.SkipWithError(conv.status().message().c_str());
      return;
    }
    sum.read += conv->times.read;
    sum.extract += conv->times.extract;
    sum.table += conv->times.table;
    sum.normalize += conv->times.normalize;
    sum.validate += conv->times.validate;
    benchmark::DoNotOptimize(conv);
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["read_ms"] = sum.read / n;
  state.counters["extract_ms"] = sum.extract / n;
  state.counters["table_ms"] = sum.table / n;
  state.counters["normalize_ms"] = sum.normalize / n;
  state.counters["validate_ms"] = sum.validate / n;
  state.SetLabel(name);
}
BENCHMARK(BM_ConvertBytes)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_DecodeText(benchmark::State& state) {
  const std::string bytes = ReadFile(kDump);
  for (auto _ : state) benchmark::DoNotOptimize(extractor::DecodeText(bytes));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_DecodeText)->Unit(benchmark::kMicrosecond);

void BM_ReadTextDump(benchmark::State& state) {
  const std::string utf8 = extractor::DecodeText(ReadFile(kDump))->utf8;
  const auto kind = extractor::DetectDumpKind(utf8);
  for (auto _ : state) benchmark::DoNotOptimize(extractor::ReadTextDump(utf8, kind));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * utf8.size()));
}
BENCHMARK(BM_ReadTextDump)->Unit(benchmark::kMicrosecond);

// The target: bytes of a 12 KB dump to normalized rows, well under
// 1 ms of CPU.
void BM_TextParseAndNormalize(benchmark::State& state) {
  const std::string bytes = ReadFile(kDump);
  const auto dict = normalizer::DepartmentDict::BuiltIn();
  for (auto _ : state) {
    auto decoded = extractor::DecodeText(bytes);
    auto plan = extractor::ReadTextDump(decoded->utf8,
                                        extractor::DetectDumpKind(decoded->utf8));
    benchmark::DoNotOptimize(NormalizePlan(*plan, *dict));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_TextParseAndNormalize)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace plan2json

BENCHMARK_MAIN();
