// The OpenAPI document describes the server as it is: every route is documented, and every
// documented GET endpoint, called on a small real index, answers with a status the document
// lists and a body that fits the documented schema, for good parameters and for bad ones.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/text.h"
#include "json_schema.h"
#include "server/admin_jobs.h"
#include "server/api.h"
#include "server/metrics.h"
#include "test_index.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

constexpr const char* kToken = "openapi-test-token-0123456789";
const std::string kArticle = "http://glow.test/blog/gua-sha-mistakes/";

class OpenapiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<test::IndexedPage> pages;
    for (const char* path :
         {"blog/gua-sha-mistakes", "interviews/camille-duarte-gua-sha",
          "reviews/gua-sha-rollers-ice-globes-compared", "blog/morning-depuffing-routine",
          "blog/do-facial-workouts-work", "best/de-puffing-tools-under-50"}) {
      pages.push_back(test::sample_page(path));
    }
    auto index = test::TestIndex::build(pages);
    ASSERT_TRUE(index) << index.error().message;
    index_ = index->release();
    jobs_ = new BackgroundJobs({.db = index_->path(), .data_dir = test::data_dir()}, [] {});
    options_.admin_token = kToken;
    document_ = json::parse(handle(index_->recommender(), {"GET", "/api/v1/openapi.json"}).body);
  }
  static void TearDownTestSuite() {
    delete jobs_;
    delete index_;
  }

  static ApiResponse call(ApiRequest request) {
    return handle(ApiContext{index_->recommender(), options_, jobs_, &metrics_}, request);
  }
  static json get_json(const std::string& path, std::map<std::string, std::string> params = {}) {
    ApiResponse response = call({"GET", path, std::move(params)});
    EXPECT_EQ(response.status, 200) << path << " " << response.body;
    return json::parse(response.body, nullptr, false);
  }

  static test::TestIndex* index_;
  static BackgroundJobs* jobs_;
  static ApiOptions options_;
  static Metrics metrics_;
  static json document_;
};

test::TestIndex* OpenapiTest::index_ = nullptr;
BackgroundJobs* OpenapiTest::jobs_ = nullptr;
ApiOptions OpenapiTest::options_;
Metrics OpenapiTest::metrics_;
json OpenapiTest::document_;

// The checker itself, as a table: it must reject what it claims to check.
struct SchemaCase {
  const char* schema;
  const char* value;
  bool fits;
};

TEST(OpenapiSchemaCheckerTest, ChecksTheSubsetItClaims) {
  const SchemaCase cases[] = {
      {R"({"type":"string"})", R"("a")", true},
      {R"({"type":"string"})", "1", false},
      {R"({"type":"integer"})", "1.5", false},
      {R"({"type":"number"})", "1", true},
      {R"({"type":"string"})", "null", false},
      {R"({"type":"string","nullable":true})", "null", true},
      {R"({"type":"string","enum":["a","b"]})", R"("c")", false},
      {R"({"type":"object","required":["x"],"properties":{"x":{"type":"boolean"}}})",
       R"({"x":true})", true},
      {R"({"type":"object","required":["x"],"properties":{"x":{"type":"boolean"}}})", R"({})",
       false},
      {R"({"type":"object","properties":{"x":{"type":"boolean"}}})", R"({"x":"yes"})", false},
      {R"({"type":"array","items":{"type":"integer"}})", "[1,2,3]", true},
      {R"({"type":"array","items":{"type":"integer"}})", R"([1,"2"])", false},
      {R"({"allOf":[{"type":"object","required":["a"]}],"nullable":true})", "null", true},
      {R"({"allOf":[{"type":"object","required":["a"]}],"nullable":true})", "{}", false},
      {R"({"oneOf":[{"type":"string"}]})", R"("a")", false},  // unknown keyword: reported
  };
  for (const auto& c : cases) {
    json document = {{"schema", json::parse(c.schema)}};
    test::SchemaChecker checker(document);
    auto problems = checker.check(document["schema"], json::parse(c.value));
    EXPECT_EQ(problems.empty(), c.fits)
        << c.schema << " vs " << c.value << ": " << (problems.empty() ? "" : problems.front());
  }
}

TEST_F(OpenapiTest, IsAnOpenApi30DocumentServedAsJson) {
  ApiResponse response = call({"GET", "/api/v1/openapi.json"});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_TRUE(response.headers.contains("ETag"));
  ASSERT_TRUE(document_.is_object());
  EXPECT_TRUE(document_["openapi"].get<std::string>().starts_with("3.0"));
  EXPECT_TRUE(document_["paths"].is_object());
}

TEST_F(OpenapiTest, DocumentsEveryRouteAndNothingElse) {
  std::set<std::string> routed, documented;
  for (const RouteInfo& route : routes()) {
    routed.insert(to_lower_ascii(route.method) + " " + std::string(route.path));
  }
  for (const auto& [path, operations] : document_["paths"].items()) {
    for (const auto& [method, operation] : operations.items())
      documented.insert(method + " " + path);
  }
  EXPECT_EQ(routed, documented);
}

// Fills in a documented operation's parameters from a table of known-good values.
struct Filled {
  std::string path;
  std::map<std::string, std::string> params;
  bool complete = true;  // every required parameter had a value
};

class OperationCaller {
 public:
  OperationCaller(const test::SchemaChecker& checker, std::map<std::string, std::string> ids)
      : checker_(checker), ids_(std::move(ids)) {}

  Filled fill(const std::string& path, const json& operation, bool with_query) const {
    Filled out{path, {}};
    for (const json& raw : operation.value("parameters", json::array())) {
      const json& parameter = checker_.resolve(raw);
      const std::string name = parameter["name"], where = parameter["in"];
      if (where == "path") {
        auto id = ids_.find(path);
        if (id == ids_.end()) {
          out.complete = false;
          continue;
        }
        out.path.replace(out.path.find("{" + name + "}"), name.size() + 2, id->second);
      } else if (where == "query" && with_query && parameter.value("required", false)) {
        static const std::map<std::string, std::string> kValues = {{"q", "de-puffing under $50"},
                                                                   {"url", kArticle}};
        auto value = kValues.find(name);
        if (value == kValues.end()) {
          out.complete = false;
          continue;
        }
        out.params[name] = value->second;
      }
    }
    return out;
  }

  // The answer must have a documented status and fit that status's documented content.
  void expect_documented(const std::string& what, const json& operation,
                         const ApiResponse& response) const {
    const json& responses = operation["responses"];
    const std::string status = std::to_string(response.status);
    ASSERT_TRUE(responses.contains(status))
        << what << " answered an undocumented " << status << ": " << response.body;
    const json& documented = checker_.resolve(responses[status]);
    if (!documented.contains("content")) {
      EXPECT_TRUE(response.body.empty())
          << what << ": " << status << " is documented without a body";
      return;
    }
    std::string media_type = response.content_type.substr(0, response.content_type.find(';'));
    ASSERT_TRUE(documented["content"].contains(media_type))
        << what << " answered " << media_type << ", documented: " << documented["content"].dump();
    if (media_type != "application/json") return;
    json body = json::parse(response.body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << what << ": not JSON: " << response.body;
    auto problems = checker_.check(documented["content"][media_type]["schema"], body);
    for (const std::string& problem : problems)
      ADD_FAILURE() << what << " (" << status << "): " << problem;
  }

 private:
  const test::SchemaChecker& checker_;
  std::map<std::string, std::string> ids_;
};

TEST_F(OpenapiTest, EveryDocumentedGetAnswersAsDocumented) {
  // Ids of real records, found through the API itself.
  json search = get_json("/api/v1/search", {{"q", "gua sha"}});
  ASSERT_FALSE(search["articles"].empty()) << search;
  json picks = get_json("/api/v1/recommend", {{"q", "de-puffing under $50"}});
  ASSERT_FALSE(picks["results"].empty()) << picks;
  json article = get_json("/api/v1/articles/" + search["articles"][0]["id"].get<std::string>());
  ASSERT_FALSE(article["experts"].empty()) << article;
  test::SchemaChecker checker(document_);
  OperationCaller check(checker, {{"/api/v1/articles/{id}", search["articles"][0]["id"]},
                                  {"/api/v1/products/{id}", picks["results"][0]["product"]["id"]},
                                  {"/api/v1/experts/{id}", article["experts"][0]["id"]}});
  size_t called = 0;
  for (const auto& [path, operations] : document_["paths"].items()) {
    if (!operations.contains("get")) continue;
    const json& operation = operations["get"];
    std::map<std::string, std::string> headers;
    if (operation.contains("security")) headers["authorization"] = std::string("Bearer ") + kToken;

    Filled good = check.fill(path, operation, true);
    ASSERT_TRUE(good.complete) << path << ": a parameter this test has no value for";
    ApiResponse response = call({"GET", good.path, good.params, headers});
    EXPECT_EQ(response.status, 200) << path << " " << response.body;
    check.expect_documented("GET " + good.path, operation, response);
    ++called;

    // Without its query parameters: whatever it answers (200 or 400) is documented too.
    Filled bare = check.fill(path, operation, false);
    check.expect_documented("GET " + bare.path + " without parameters", operation,
                            call({"GET", bare.path, {}, headers}));
    if (path.find("{id}") != std::string::npos) {
      std::string prefix = path.substr(0, path.find("{id}"));
      ApiResponse unknown = call({"GET", prefix + "0000000000000000", {}, headers});
      EXPECT_EQ(unknown.status, 404) << path << " " << unknown.body;
      check.expect_documented(prefix + "0000000000000000", operation, unknown);
      ApiResponse malformed = call({"GET", prefix + "not-an-id", {}, headers});
      EXPECT_EQ(malformed.status, 400) << path << " " << malformed.body;
      check.expect_documented(prefix + "not-an-id", operation, malformed);
    }
  }
  EXPECT_GE(called, 18u) << "every public GET endpoint, and the admin status";
}

TEST_F(OpenapiTest, AdminAnswersFitTheDocumentToo) {
  test::SchemaChecker checker(document_);
  OperationCaller check(checker, {});
  const json& crawl = document_["paths"]["/api/v1/crawl"]["post"];
  const std::string bearer = std::string("Bearer ") + kToken;
  // Refused before anything starts: unauthenticated, a bad body, a private seed.
  check.expect_documented(
      "no token", crawl,
      call({"POST", "/api/v1/crawl", {}, {}, R"({"urls":["https://a.example/"]})"}));
  check.expect_documented(
      "bad body", crawl,
      call({"POST", "/api/v1/crawl", {}, {{"authorization", bearer}}, R"({"urls":[]})"}));
  check.expect_documented("private seed", crawl,
                          call({"POST",
                                "/api/v1/crawl",
                                {},
                                {{"authorization", bearer}},
                                R"({"urls":["http://127.0.0.1/"]})"}));
}

}  // namespace
}  // namespace beautyidx::server
