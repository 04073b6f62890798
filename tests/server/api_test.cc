// API handlers called directly, and once over a real socket.
#include "server/api.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "server/http_server.h"
#include "server/metrics.h"
#include "test_index.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto index = test::TestIndex::build({test::sample_page("blog/do-facial-workouts-work")});
    ASSERT_TRUE(index) << index.error().message;
    index_ = index->release();
    recommender_ = &index_->recommender();
  }
  static void TearDownTestSuite() { delete index_; }
  static ApiResponse get(const std::string& path, std::map<std::string, std::string> params = {}) {
    return handle(*recommender_, ApiRequest{"GET", path, std::move(params)});
  }
  static json get_json(const std::string& path, std::map<std::string, std::string> params = {}) {
    ApiResponse response = get(path, std::move(params));
    EXPECT_EQ(response.status, 200) << path << " " << response.body;
    return json::parse(response.body, nullptr, false);
  }
  static test::TestIndex* index_;
  static recommender::Recommender* recommender_;
};

test::TestIndex* ApiTest::index_ = nullptr;
recommender::Recommender* ApiTest::recommender_ = nullptr;

TEST_F(ApiTest, RecommendAnswersWithTheInterpretationAndPicks) {
  ApiResponse response = get("/api/v1/recommend", {{"q", "de-puffing under $50"}});
  ASSERT_EQ(response.status, 200) << response.body;
  json body = json::parse(response.body);
  EXPECT_EQ(body["query"]["budget"]["max"], 50.0);
  ASSERT_FALSE(body["results"].empty());
  EXPECT_EQ(body["results"][0]["product"]["name"], "Jade Facial Roller");
  EXPECT_FALSE(body["results"][0]["evidence"].empty());
}

TEST_F(ApiTest, FacetsAndSearchFiltersOverHttpParameters) {
  ApiResponse all = get("/api/v1/facets", {{"q", "puffiness"}});
  ASSERT_EQ(all.status, 200) << all.body;
  json body = json::parse(all.body);
  for (const char* facet : {"concern", "technique", "site", "expert_type", "stance", "brand", "retailer", "price"}) {
    EXPECT_TRUE(body["facets"][facet].is_array()) << facet;
  }
  ApiResponse narrowed = get("/api/v1/search", {{"q", "puffiness"}, {"stance", "warns,recommends"}, {"site", "glow.test"}});
  ASSERT_EQ(narrowed.status, 200) << narrowed.body;
  for (const auto& quote : json::parse(narrowed.body)["quotes"]) EXPECT_NE(quote["stance"], "neutral") << quote.dump();
  ApiResponse no_question = get("/api/v1/facets", {{"price_max", "50"}});
  EXPECT_EQ(no_question.status, 200) << no_question.body;
}

struct BadRequest {
  const char* path;
  std::map<std::string, std::string> params;
  int status;
};

TEST_F(ApiTest, BadParametersAre400sWithAnErrorObject) {
  const BadRequest cases[] = {
      {"/api/v1/recommend", {}, 400},
      {"/api/v1/recommend", {{"q", "   "}}, 400},
      {"/api/v1/recommend", {{"q", std::string(513, 'a')}}, 400},
      {"/api/v1/recommend", {{"q", "serum"}, {"limit", "0"}}, 400},
      {"/api/v1/recommend", {{"q", "serum"}, {"limit", "51"}}, 400},
      {"/api/v1/recommend", {{"q", "serum"}, {"limit", "ten"}}, 400},
      {"/api/v1/search", {{"q", "\xFF\xFE"}}, 400},
      {"/api/v1/related", {{"url", "not a url"}}, 400},
      {"/api/v1/related", {{"url", "http://glow.test/unknown/"}}, 404},
      {"/api/v1/nothing", {}, 404},
  };
  for (const auto& c : cases) {
    ApiResponse response = get(c.path, c.params);
    EXPECT_EQ(response.status, c.status) << c.path << " " << response.body;
    json body = json::parse(response.body);
    EXPECT_TRUE(body["error"]["code"].is_string()) << response.body;
    EXPECT_TRUE(body["error"]["message"].is_string()) << response.body;
  }
}

TEST_F(ApiTest, NonsenseQueriesAnswerEmptyNotError) {
  for (const char* q : {"asdkjh qwoeiu", "$$$", "under", "\"unbalanced AND OR (", "💄💄"}) {
    ApiResponse response = get("/api/v1/recommend", {{"q", q}});
    EXPECT_EQ(response.status, 200) << q << " " << response.body;
  }
}

// Every handler, called directly with input a user could send: 400 for bad parameters, 404 for
// what is not there, 405 for a method a route does not take, and never a 5xx.
struct BadInput {
  const char* method;
  std::string path;
  std::map<std::string, std::string> params;
  int status;
  const char* code;
};

TEST_F(ApiTest, BadInputTable) {
  const std::string long_url = "http://glow.test/" + std::string(2100, 'a');
  const BadInput cases[] = {
      {"GET", "/api/v1/recommend", {}, 400, "invalid_argument"},
      {"GET", "/api/v1/recommend", {{"q", ""}}, 400, "invalid_argument"},
      {"GET", "/api/v1/recommend", {{"q", std::string(513, 'q')}}, 400, "invalid_argument"},
      {"GET", "/api/v1/recommend", {{"q", "serum"}, {"limit", ""}}, 400, "invalid_argument"},
      {"GET", "/api/v1/recommend", {{"q", "serum"}, {"limit", "1000"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/recommend", {{"q", "serum"}, {"limit", "-5"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/recommend", {{"q", "serum"}, {"limit", "2.5"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/search", {}, 400, "invalid_argument"},
      {"GET", "/api/v1/search", {{"q", "\t \n"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/search", {{"q", std::string(600, 'x')}}, 400, "invalid_argument"},
      {"GET", "/api/v1/search", {{"q", "serum"}, {"limit", "51"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/search", {{"q", "caf\xC3"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/facets", {{"price_max", "cheap"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/facets", {{"price_min", "-1"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/facets", {{"q", ""}}, 400, "invalid_argument"},
      {"GET", "/api/v1/search", {{"q", "serum"}, {"concern", std::string(600, 'c')}}, 400, "invalid_argument"},
      {"GET", "/api/v1/related", {}, 400, "invalid_argument"},
      {"GET", "/api/v1/related", {{"url", "glow.test/no-scheme/"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/related", {{"url", "javascript:alert(1)"}}, 400, "invalid_argument"},
      {"GET", "/api/v1/related", {{"url", long_url}}, 400, "invalid_argument"},
      {"GET",
       "/api/v1/related",
       {{"url", "http://glow.test/blog/do-facial-workouts-work/"}, {"limit", "0"}},
       400,
       "invalid_argument"},
      {"GET", "/api/v1/articles/not-an-id", {}, 400, "invalid_argument"},
      {"GET", "/api/v1/articles/0123456789abcdeg", {}, 400, "invalid_argument"},
      {"GET", "/api/v1/articles/http://", {}, 400, "invalid_argument"},
      {"GET", "/api/v1/articles/" + long_url, {}, 400, "invalid_argument"},
      {"GET", "/api/v1/articles/0000000000000000", {}, 404, "not_found"},
      {"GET", "/api/v1/articles/http://glow.test/never-crawled/", {}, 404, "not_found"},
      {"GET", "/api/v1/products/xyz", {}, 400, "invalid_argument"},
      {"GET", "/api/v1/products/00000000000000000", {}, 400, "invalid_argument"},
      {"GET", "/api/v1/products/0000000000000000", {}, 404, "not_found"},
      {"GET", "/api/v1/experts/../../etc/passwd", {}, 400, "invalid_argument"},
      {"GET", "/api/v1/experts/0000000000000000", {}, 404, "not_found"},
      {"GET", "/api/v1/articles/", {}, 404, "not_found"},
      {"GET", "/api/v1/nothing", {}, 404, "not_found"},
      {"GET", "/api/v1/crawl/status", {}, 404, "not_found"},  // no admin token configured: off
      {"POST", "/api/v1/crawl", {}, 404, "not_found"},
      {"POST", "/api/v1/reindex", {}, 404, "not_found"},
      {"POST", "/api/v1/recommend", {{"q", "serum"}}, 405, "method_not_allowed"},
      {"PUT", "/api/v1/search", {{"q", "serum"}}, 405, "method_not_allowed"},
      {"DELETE", "/api/v1/articles/0000000000000000", {}, 405, "method_not_allowed"},
      {"PATCH", "/healthz", {}, 405, "method_not_allowed"},
      {"POST", "/metrics", {}, 405, "method_not_allowed"},
      {"POST", "/", {}, 405, "method_not_allowed"},
  };
  for (const auto& c : cases) {
    ApiResponse response = handle(*recommender_, ApiRequest{c.method, c.path, c.params});
    EXPECT_EQ(response.status, c.status) << c.method << " " << c.path << " " << response.body;
    json body = json::parse(response.body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], c.code) << c.method << " " << c.path << " " << response.body;
    EXPECT_TRUE(body["error"]["message"].is_string()) << response.body;
    if (c.status == 405) {
      EXPECT_FALSE(response.headers["Allow"].empty()) << c.path;
    }
  }
}

TEST_F(ApiTest, AllowNamesTheMethodsARouteTakes) {
  ApiResponse response = handle(*recommender_, ApiRequest{"DELETE", "/api/v1/search"});
  EXPECT_EQ(response.headers["Allow"], "GET, HEAD, OPTIONS");
  response = handle(*recommender_, ApiRequest{"POST", "/healthz"});
  EXPECT_EQ(response.headers["Allow"], "GET, HEAD");
}

TEST_F(ApiTest, StrangeInputNeverAnswers5xx) {
  const std::string strange[] = {"",
                                 " ",
                                 "%",
                                 "%00",
                                 std::string("\0", 1),
                                 "\xFF",
                                 "\xC0\x80",
                                 "'; DROP TABLE",
                                 "<script>",
                                 "http://",
                                 "http://[::1",
                                 "https://a.example/" + std::string(3000, '/'),
                                 std::string(100000, 'a'),
                                 "0x0000000000000000",
                                 "FFFFFFFFFFFFFFFF",
                                 "..",
                                 "/"};
  for (const std::string& value : strange) {
    for (const char* path : {"/api/v1/recommend", "/api/v1/search", "/api/v1/related",
                             "/api/v1/widget", "/widget/shop.html"}) {
      for (const char* name : {"q", "url", "limit", "kind"}) {
        ApiResponse response =
            get(path, {{"q", "serum"}, {"url", "http://glow.test/x/"}, {name, value}});
        EXPECT_LT(response.status, 500)
            << path << " " << name << "=" << value.substr(0, 40) << " " << response.body;
      }
    }
    for (const char* prefix : {"/api/v1/articles/", "/api/v1/products/", "/api/v1/experts/"}) {
      ApiResponse response = get(prefix + value);
      EXPECT_LT(response.status, 500) << prefix << value.substr(0, 40) << " " << response.body;
    }
  }
}

// ---- Records by id ------------------------------------------------------------------------------

TEST_F(ApiTest, ArticlesAnswerByIdAndByEncodedUrl) {
  const std::string url = "http://glow.test/blog/do-facial-workouts-work/";
  json by_url = get_json("/api/v1/articles/" + url);
  EXPECT_EQ(by_url["url"], url);
  EXPECT_FALSE(by_url["title"].get<std::string>().empty());
  ASSERT_FALSE(by_url["products"].empty()) << by_url;
  json by_id = get_json("/api/v1/articles/" + by_url["id"].get<std::string>());
  EXPECT_EQ(by_id, by_url);
  std::string upper = by_url["id"];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(get_json("/api/v1/articles/" + upper)["id"], by_url["id"])
      << "ids are case-insensitive";

  ApiResponse response = get("/api/v1/articles/" + by_url["id"].get<std::string>());
  EXPECT_TRUE(response.headers.contains("ETag"));
  EXPECT_EQ(response.headers["Cache-Control"], "public, max-age=60");
}

TEST_F(ApiTest, ProductsAndExpertsAnswerById) {
  json picks = get_json("/api/v1/recommend", {{"q", "de-puffing under $50"}});
  ASSERT_FALSE(picks["results"].empty());
  json product =
      get_json("/api/v1/products/" + picks["results"][0]["product"]["id"].get<std::string>());
  EXPECT_EQ(product["name"], "Jade Facial Roller");
  ASSERT_FALSE(product["offers"].empty()) << product;
  EXPECT_TRUE(product["lowest"].is_object()) << product;

  json article = get_json("/api/v1/articles/http://glow.test/blog/do-facial-workouts-work/");
  ASSERT_FALSE(article["experts"].empty()) << article;
  const json& summary = article["experts"][0];
  json expert = get_json("/api/v1/experts/" + summary["id"].get<std::string>());
  EXPECT_EQ(expert["name"], summary["name"]);
  EXPECT_FALSE(expert["quote_list"].empty()) << expert;
}

TEST_F(ApiTest, UnknownIdsAre404NotFound) {
  for (const char* path : {"/api/v1/articles/ffffffffffffffff", "/api/v1/products/ffffffffffffffff",
                           "/api/v1/experts/ffffffffffffffff"}) {
    ApiResponse response = get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(json::parse(response.body)["error"]["code"], "not_found") << response.body;
    EXPECT_EQ(response.headers["Cache-Control"], "no-store");
  }
}

// ---- Operations ---------------------------------------------------------------------------------

TEST_F(ApiTest, ReadyzAnswersWhenTheIndexDoes) {
  ApiResponse response = get("/readyz");
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json::parse(response.body)["status"], "ready");
  EXPECT_EQ(response.headers["Cache-Control"], "no-store");
}

// The text format, line by line: comments, then `name{labels} value`.
void expect_prometheus_text(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) continue;
    static const std::regex kSample(
        R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-z_]+="[^"\\]*"(,[a-z_]+="[^"\\]*")*\})? -?[0-9.e+-]+$)");
    EXPECT_TRUE(std::regex_match(line, kSample)) << line;
  }
}

TEST_F(ApiTest, MetricsCountRequestsByRouteAndStatus) {
  Metrics metrics;
  ApiOptions options;
  auto call = [&](const std::string& path, std::map<std::string, std::string> params = {}) {
    return handle(ApiContext{*recommender_, options, nullptr, &metrics},
                  ApiRequest{"GET", path, std::move(params)});
  };
  call("/api/v1/recommend", {{"q", "de-puffing under $50"}});
  call("/api/v1/recommend", {{"q", "de-puffing under $50"}});
  call("/api/v1/recommend", {});
  call("/api/v1/articles/0000000000000000");
  call("/no/such/path");
  ApiResponse response = call("/metrics");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = response.body;
  expect_prometheus_text(text);
  for (const char* expected :
       {R"(beautyidx_http_requests_total{route="/api/v1/recommend",status="200"} 2)",
        R"(beautyidx_http_requests_total{route="/api/v1/recommend",status="400"} 1)",
        R"(beautyidx_http_requests_total{route="/api/v1/articles/{id}",status="404"} 1)",
        R"(beautyidx_http_requests_total{route="unmatched",status="404"} 1)",
        R"(beautyidx_http_request_duration_seconds_bucket{route="/api/v1/recommend",le="+Inf"} 3)",
        R"(beautyidx_http_request_duration_seconds_count{route="/api/v1/recommend"} 3)",
        R"(beautyidx_http_request_duration_seconds_bucket{route="/api/v1/recommend",le="0.0005"})",
        R"(beautyidx_http_request_duration_seconds_bucket{route="/api/v1/recommend",le="1"})",
        R"(beautyidx_index_records{kind="articles"} 1)",
        R"(beautyidx_index_records{kind="quotes"})", R"(beautyidx_index_records{kind="products"})",
        R"(beautyidx_index_records{kind="experts"})", "beautyidx_index_up 1",
        "beautyidx_admin_crawl_running 0", "beautyidx_admin_crawl_pages_fetched 0",
        "# TYPE beautyidx_http_request_duration_seconds histogram"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // Buckets are cumulative: each at least the one before.
  std::regex bucket(R"(route="/api/v1/recommend",le="[^"]+"\} (\d+))");
  long previous = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), bucket);
       it != std::sregex_iterator(); ++it) {
    long n = std::stol((*it)[1]);
    EXPECT_GE(n, previous);
    previous = n;
  }
}

TEST_F(ApiTest, IndexCountsAreCachedForTenSeconds) {
  Metrics metrics;
  auto first = metrics.index_counts(*recommender_);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->articles, 1u);
  // Within the ten seconds the cached value answers (nothing changes here, so compare values).
  auto second = metrics.index_counts(*recommender_);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->articles, first->articles);
}

// ---- The demo page
// --------------------------------------------------------------------------------

TEST_F(ApiTest, DemoPageIsSelfContainedHtmlWithTheSearchForm) {
  ApiResponse response = get("/");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
  const std::string& page = response.body;
  EXPECT_LT(page.size(), 30u * 1024);
  for (const char* expected :
       {"<form id=\"search-form\"", "name=\"q\"", "/api/v1/search", "/api/v1/recommend",
        "id=\"recommend-form\"", "/widget.js", "articleUrl"}) {
    EXPECT_NE(page.find(expected), std::string::npos) << expected;
  }
  // No external resources, and API data never goes through innerHTML.
  for (const char* forbidden : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                                "<link ", "src=\"http", "href=\"http", "@import", "eval("}) {
    EXPECT_EQ(page.find(forbidden), std::string::npos) << forbidden;
  }
  const std::string& policy = response.headers["Content-Security-Policy"];
  EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("connect-src 'self'"), std::string::npos) << policy;
  EXPECT_TRUE(response.headers.contains("ETag"));
}

TEST_F(ApiTest, ServesOverARealSocket) {
  ServerOptions options;
  options.port = 0;
  HttpServer server(*recommender_, options);
  auto port = server.bind();
  ASSERT_TRUE(port) << port.error().message;
  std::thread serving([&] { (void)server.listen(); });
  httplib::Client client("127.0.0.1", *port);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto recommend = client.Get("/api/v1/recommend?q=de-puffing%20under%20%2450");
  ASSERT_TRUE(recommend);
  EXPECT_EQ(recommend->status, 200);
  EXPECT_NE(recommend->body.find("Jade Facial Roller"), std::string::npos);
  server.stop();
  serving.join();
}

}  // namespace
}  // namespace beautyidx::server
