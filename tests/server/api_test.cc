// API handlers called directly, and once over a real socket.
#include "server/api.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "../test_util.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "server/http_server.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new test::TempDir();
    auto extractor = extract::Extractor::load(test::data_dir());
    ASSERT_TRUE(extractor);
    {
      auto store = storage::Store::open(schema::records_dir(db_->path()));
      ASSERT_TRUE(store);
      auto indexer = indexer::Indexer::open(db_->path(), **store);
      ASSERT_TRUE(indexer);
      std::string html = test::read_file(test::sample_blog() / "blog/do-facial-workouts-work/index.html");
      ASSERT_FALSE(html.empty());
      ASSERT_TRUE((*indexer)->index_page(extractor->extract({html, "http://glow.test/blog/do-facial-workouts-work/", ""})));
      ASSERT_TRUE((*indexer)->commit());
    }
    auto taxonomy = Taxonomy::load(test::data_dir() / "taxonomy.json");
    auto reader = recommender::Recommender::open(db_->path(), std::move(*taxonomy));
    ASSERT_TRUE(reader) << reader.error().message;
    recommender_ = reader->release();
  }
  static void TearDownTestSuite() {
    delete recommender_;
    delete db_;
  }
  static ApiResponse get(const std::string& path, std::map<std::string, std::string> params = {}) {
    return handle(*recommender_, ApiRequest{"GET", path, std::move(params)});
  }
  static test::TempDir* db_;
  static recommender::Recommender* recommender_;
};

test::TempDir* ApiTest::db_ = nullptr;
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
