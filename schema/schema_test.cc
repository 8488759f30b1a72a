// Copyright 2026 The plan2json Authors.

#include "schema/schema.h"

#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace plan2json::schema {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// A conforming document that exercises every optional field.
json ValidDocument() {
  return json::parse(R"({
    "schema_version": "1.1",
    "source": {
      "file": "beijing-eco-2023.pdftotext.txt",
      "sha256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "format": "text", "pages": 8,
      "text_kind": "reading-order", "encoding": "GB18030"
    },
    "document": {"attachment": "附件5", "title": "北京市生态保护2023年行动计划",
                 "year": 2023},
    "columns": [
      {"key": "seq", "header": "序号"}, {"key": "task", "header": "任务"},
      {"key": "measure", "header": "具体措施"},
      {"key": "deadline", "header": "完成时限"},
      {"key": "lead", "header": "牵头单位"},
      {"key": "responsible", "header": "责任单位"},
      {"key": "assisting", "header": "配合单位"},
      {"key": "extra", "header": "备注"}
    ],
    "rows": [
      {"section": "一、生态环境质量状况目标", "seq": 1, "task": "目标任务",
       "measure": "全市及各区生态环境质量指数（EI）力争稳中向好。",
       "deadline": "年底前", "due": {"kind": "date", "date": "2023-12-31"},
       "lead": ["市生态环境局"], "responsible": ["各区政府"],
       "assisting": ["市规划自然资源委", "市园林绿化局"],
       "extra": {"备注": "—"}, "pages": [1]},
      {"section": null, "seq": null, "task": null, "measure": "持续推进。",
       "deadline": "长期", "due": {"kind": "ongoing", "date": null},
       "lead": [], "responsible": [], "assisting": [],
       "confidence": "low", "pages": [1, 2]}
    ],
    "warnings": [
      {"code": "unknown_department", "message": "未知单位", "page": 3, "row": 2},
      {"code": "no_year", "message": "title names no year"}
    ]
  })");
}

std::vector<std::string> Pointers(const std::vector<ValidationError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.pointer);
  return out;
}

TEST(SchemaTest, EmbeddedTextIsTheDraft07Schema) {
  json schema = json::parse(SchemaText(), nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(schema.is_discarded());
  EXPECT_EQ(schema["$schema"], "http://json-schema.org/draft-07/schema#");
  EXPECT_EQ(schema["properties"]["schema_version"]["const"], kSchemaVersion);
}

TEST(SchemaTest, ValidDocumentPasses) {
  const Validator& v = Validator::Get();
  Status s = v.Validate(ValidDocument());
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(v.Errors(ValidDocument()).empty());
}

TEST(SchemaTest, OrderedJsonIsAccepted) {
  ordered_json doc = ordered_json::parse(ValidDocument().dump());
  Status s = Validator::Get().Validate(doc);
  EXPECT_TRUE(s.ok()) << s.ToString();

  doc["rows"][0]["pages"] = ordered_json::array();
  EXPECT_EQ(Pointers(Validator::Get().Errors(doc)),
            std::vector<std::string>{"/rows/0/pages"});
}

TEST(SchemaTest, PdfSourceWithoutTextFieldsPasses) {
  json doc = ValidDocument();
  doc["source"]["format"] = "pdf";
  doc["source"].erase("text_kind");
  doc["source"].erase("encoding");
  Status s = Validator::Get().Validate(doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// ValidDocument() as read from Word or Excel: no pages, rows with source.
json OfficeDocument(const json& row0_source, const json& row1_source) {
  json doc = ValidDocument();
  doc["source"] = {{"file", "plan.doc"}, {"sha256", doc["source"]["sha256"]},
                   {"format", "doc"}, {"pages", 0},
                   {"converted", "LibreOffice: doc → docx"}};
  doc["rows"][0].erase("pages");
  doc["rows"][1].erase("pages");
  doc["rows"][0]["source"] = row0_source;
  doc["rows"][1]["source"] = row1_source;
  return doc;
}

TEST(SchemaTest, OfficeSourcesPass) {
  const json cases[][2] = {
      {{{"table", 1}, {"rows", {3, 5}}}, {{"table", 2}}},
      {{{"sheet", "计划表"}, {"cells", "A3:G5"}}, {{"sheet", "Sheet1"}}},
  };
  for (const auto& c : cases) {
    json doc = OfficeDocument(c[0], c[1]);
    Status s = Validator::Get().Validate(doc);
    EXPECT_TRUE(s.ok()) << s.ToString() << "\n" << doc.dump();
  }
}

TEST(SchemaTest, OfficeSourcesFail) {
  struct Case {
    json source;
    std::vector<std::string> pointers;
  };
  const Case cases[] = {
      {{{"table", 0}}, {"/rows/0/source/table"}},
      {{{"table", 1}, {"rows", {3}}}, {"/rows/0/source/rows"}},
      {{{"sheet", "Sheet1"}, {"cells", "3A:G5"}}, {"/rows/0/source/cells"}},
      {{{"sheet", "Sheet1"}, {"table", 1}}, {"/rows/0/source/table"}},
      {{{"table", 1}, {"cells", "A1:B2"}}, {"/rows/0/source/cells"}},
      {json::object(), {"/rows/0/source"}},
  };
  for (const Case& c : cases) {
    json doc = OfficeDocument(c.source, {{"table", 1}});
    EXPECT_EQ(Pointers(Validator::Get().Errors(doc)), c.pointers) << c.source.dump();
  }
  json both = OfficeDocument({{"table", 1}}, {{"table", 1}});
  both["rows"][0]["pages"] = {1};
  EXPECT_EQ(Pointers(Validator::Get().Errors(both)), std::vector<std::string>{"/rows/0/pages"});
  json unknown = OfficeDocument({{"table", 1}}, {{"table", 1}});
  unknown["source"]["format"] = "pptx";
  EXPECT_EQ(Pointers(Validator::Get().Errors(unknown)),
            std::vector<std::string>{"/source/format"});
}

// Each case applies a JSON Patch (RFC 6902) to ValidDocument() and lists the
// pointers of the violations it must produce, in order.
struct BadCase {
  const char* name;
  const char* patch;
  std::vector<std::string> pointers;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class BadDocumentTest : public testing::TestWithParam<BadCase> {};

TEST_P(BadDocumentTest, FailsAtPointer) {
  const BadCase& c = GetParam();
  json doc = ValidDocument().patch(json::parse(c.patch));

  std::vector<ValidationError> errors = Validator::Get().Errors(doc);
  EXPECT_EQ(Pointers(errors), c.pointers);

  Status s = Validator::Get().Validate(doc);
  EXPECT_EQ(s.code(), Status::Code::kSchema);
  const std::string first = c.pointers.front().empty() ? "(root)"
                                                       : c.pointers.front();
  EXPECT_EQ(s.message().rfind(first + ": ", 0), 0u) << s.message();
}

const BadCase kBadCases[] = {
    {"MissingTopLevelKey", R"([{"op": "remove", "path": "/warnings"}])", {""}},
    {"MissingNestedKey", R"([{"op": "remove", "path": "/source/sha256"}])",
     {"/source"}},
    {"WrongVersion",
     R"([{"op": "replace", "path": "/schema_version", "value": "2.0"}])",
     {"/schema_version"}},
    {"WrongTypeSeq",
     R"([{"op": "replace", "path": "/rows/1/seq", "value": "1"}])",
     {"/rows/1/seq"}},
    {"WrongTypeLead",
     R"([{"op": "replace", "path": "/rows/0/lead", "value": "市生态环境局"}])",
     {"/rows/0/lead"}},
    {"NegativeSeq", R"([{"op": "replace", "path": "/rows/0/seq", "value": -1}])",
     {"/rows/0/seq"}},
    {"BadSha256",
     R"([{"op": "replace", "path": "/source/sha256", "value": "ABC"}])",
     {"/source/sha256"}},
    {"UppercaseSha256",
     R"([{"op": "replace", "path": "/source/sha256",
          "value": "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"}])",
     {"/source/sha256"}},
    {"DueDateNullForKindDate",
     R"([{"op": "replace", "path": "/rows/0/due/date", "value": null}])",
     {"/rows/0/due/date"}},
    {"DueDateSetForKindOngoing",
     R"([{"op": "replace", "path": "/rows/1/due/date", "value": "2023-12-31"}])",
     {"/rows/1/due/date"}},
    {"DueDateMalformed",
     R"([{"op": "replace", "path": "/rows/0/due/date", "value": "2023-13-01"}])",
     {"/rows/0/due/date"}},
    {"DueKindUnknown",
     R"([{"op": "replace", "path": "/rows/1/due/kind", "value": "never"}])",
     {"/rows/1/due/kind"}},
    {"EmptyDepartment",
     R"([{"op": "add", "path": "/rows/0/assisting/-", "value": ""}])",
     {"/rows/0/assisting/2"}},
    {"UnknownTopLevelKey",
     R"([{"op": "add", "path": "/sourse", "value": {}}])", {"/sourse"}},
    {"UnknownRowKey",
     R"([{"op": "add", "path": "/rows/1/lead_dept", "value": []}])",
     {"/rows/1/lead_dept"}},
    {"KeyNeedingEscape",
     R"([{"op": "add", "path": "/document/a~1b", "value": 1}])",
     {"/document/a~1b"}},
    {"PagesEmpty",
     R"([{"op": "replace", "path": "/rows/1/pages", "value": []}])",
     {"/rows/1/pages"}},
    {"PageZero", R"([{"op": "replace", "path": "/rows/0/pages/0", "value": 0}])",
     {"/rows/0/pages/0"}},
    {"TextKindOnPdf",
     R"([{"op": "replace", "path": "/source/format", "value": "pdf"}])",
     {"/source/encoding", "/source/text_kind"}},
    {"BadColumnKey",
     R"([{"op": "replace", "path": "/columns/2/key", "value": "measures"}])",
     {"/columns/2/key"}},
    {"ExtraValueNotString",
     R"([{"op": "replace", "path": "/rows/0/extra/备注", "value": 1}])",
     {"/rows/0/extra/备注"}},
    {"ConfidenceHigh",
     R"([{"op": "replace", "path": "/rows/1/confidence", "value": "high"}])",
     {"/rows/1/confidence"}},
    {"WarningRowZero",
     R"([{"op": "replace", "path": "/warnings/0/row", "value": 0}])",
     {"/warnings/0/row"}},
    {"TwoProblems",
     R"([{"op": "remove", "path": "/rows/0/pages"},
         {"op": "replace", "path": "/warnings/1/code", "value": ""}])",
     {"/rows/0", "/warnings/1/code"}},
};

INSTANTIATE_TEST_SUITE_P(Table, BadDocumentTest, testing::ValuesIn(kBadCases),
                         [](const testing::TestParamInfo<BadCase>& param) {
                           return std::string(param.param.name);
                         });

TEST(SchemaTest, NonObjectDocumentFailsAtRoot) {
  for (const json& doc : {json(nullptr), json::array(), json("x")}) {
    EXPECT_EQ(Pointers(Validator::Get().Errors(doc)),
              std::vector<std::string>{""})
        << doc.dump();
  }
}

TEST(SchemaTest, ConcurrentValidation) {
  const Validator& v = Validator::Get();
  json good = ValidDocument();
  json bad = good.patch(json::parse(
      R"([{"op": "replace", "path": "/rows/1/pages", "value": []}])"));
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (!v.Validate(good).ok()) ++failures[t];
        if (v.Validate(bad).code() != Status::Code::kSchema) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace plan2json::schema
