// Copyright 2026 The plan2json Authors.
//
// Tables without rulings (tests/data/*.unruled.pdf: the sample tables with
// their borders removed, see make_unruled.sh) go through the text-alignment
// fallback. Recovery there is not exact; this test prints every row that
// differs from the expected rows and holds the measured floor, so a change
// that loses rows fails and one that gains rows shows up in the log.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "pipeline/convert.h"
#include "schema/schema.h"

namespace plan2json {
namespace {

struct Case {
  const char* variant;
  int min_exact_rows;  // measured when the floor was set; raise it, never lower it
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.variant; }

class UnruledTest : public ::testing::TestWithParam<Case> {};

TEST_P(UnruledTest, RecoversRowsFromTextAlignment) {
  const Case& c = GetParam();
  std::string name = std::string("beijing-eco-2023.") + c.variant;
  Result<Conversion> conv = ConvertFile(
      std::string(PLAN2JSON_TEST_DATA_DIR) + "/" + name + ".unruled.pdf",
      ConvertOptions());
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  EXPECT_TRUE(schema::Validator::Get().Validate(conv->document).ok());

  std::ifstream in(std::string(PLAN2JSON_SAMPLES_DIR) + "/" + name +
                   ".expected.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto expected = nlohmann::ordered_json::parse(ss.str());
  EXPECT_EQ(conv->document["document"], expected["document"]);

  std::map<std::string, const nlohmann::ordered_json*> by_measure;
  for (const auto& row : conv->document["rows"]) {
    if (row["measure"].is_string()) by_measure[row["measure"].get<std::string>()] = &row;
  }
  int exact = 0;
  for (const auto& want : expected["rows"]) {
    auto it = by_measure.find(want["measure"].get<std::string>());
    if (it == by_measure.end()) {
      std::cout << "  missing measure: " << want["measure"].get<std::string>() << "\n";
      continue;
    }
    bool same = true;
    for (const auto& [key, value] : want.items()) {
      if ((*it->second)[key] != value) {
        same = false;
        std::cout << "  seq " << want["seq"] << " " << key << ": want "
                  << value.dump(-1, ' ', false) << " got "
                  << (*it->second)[key].dump(-1, ' ', false) << "\n";
      }
    }
    exact += same ? 1 : 0;
  }
  std::cout << "[stats] " << c.variant << " unruled: " << exact << " of "
            << expected["rows"].size() << " rows exact\n";
  EXPECT_GE(exact, c.min_exact_rows);
}

INSTANTIATE_TEST_SUITE_P(Samples, UnruledTest,
                         ::testing::Values(Case{"word", 32}, Case{"narrow", 28}),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return std::string(param_info.param.variant);
                         });

}  // namespace
}  // namespace plan2json
