// API handlers called directly, and once over a real socket.
#include "server/api.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "server/http_server.h"
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
