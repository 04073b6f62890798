// The admin endpoints: off without a token, bearer authentication, body validation, the
// private-address guard, one job at a time, a database another writer holds, and a real crawl
// of a loopback site that the server's reader then answers from.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "indexer/schema.h"
#include "pipeline/crawl_requests.h"
#include "server/admin_jobs.h"
#include "server/api.h"
#include "server/api_internal.h"
#include "server/metrics.h"
#include "storage/store.h"
#include "test_index.h"
#include "testing/static_site.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

constexpr const char* kToken = "admin-test-token-0123456789abcdef";
const std::string kBearer = std::string("Bearer ") + kToken;

// A fresh index per test (jobs write to it) with one article, and admin jobs on it that
// refresh its reader when they finish.
class ApiAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto index = test::TestIndex::build({test::sample_page("blog/do-facial-workouts-work")});
    ASSERT_TRUE(index) << index.error().message;
    index_ = std::move(*index);
    options_.admin_token = kToken;
    make_jobs(false);
  }
  void make_jobs(bool allow_private_seeds) {
    jobs_.reset();
    recommender::Recommender* reader = &index_->recommender();
    jobs_ =
        std::make_unique<BackgroundJobs>(AdminJobOptions{.db = index_->path(),
                                                         .data_dir = test::data_dir(),
                                                         .allow_private_seeds = allow_private_seeds,
                                                         .commit_every = 2},
                                         [reader] { (void)reader->refresh(); });
  }

  ApiResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                   std::map<std::string, std::string> headers = {{"authorization", kBearer}}) {
    return handle(ApiContext{index_->recommender(), options_, jobs_.get(), &metrics_},
                  ApiRequest{method, path, {}, std::move(headers), body});
  }
  json status() {
    ApiResponse response = call("GET", "/api/v1/crawl/status");
    EXPECT_EQ(response.status, 200) << response.body;
    return json::parse(response.body, nullptr, false);
  }
  // Polls the status until the job is no longer running.
  json wait_for_job(std::chrono::seconds limit = std::chrono::seconds(60)) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    json s = status();
    while (s["state"] == "running" && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      s = status();
    }
    return s;
  }

  std::unique_ptr<test::TestIndex> index_;
  ApiOptions options_;
  Metrics metrics_;
  std::unique_ptr<BackgroundJobs> jobs_;
};

std::string error_code(const ApiResponse& response) {
  json body = json::parse(response.body, nullptr, false);
  return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
}

TEST_F(ApiAdminTest, OffWithoutATokenOrJobs) {
  ApiOptions no_token;
  for (auto [method, path] : {std::pair{"POST", "/api/v1/crawl"},
                              {"GET", "/api/v1/crawl/status"},
                              {"POST", "/api/v1/reindex"}}) {
    ApiResponse off = handle(ApiContext{index_->recommender(), no_token, jobs_.get()},
                             ApiRequest{method, path, {}, {{"authorization", "Bearer "}}});
    EXPECT_EQ(off.status, 404) << path << " " << off.body;
    EXPECT_EQ(error_code(off), "not_found");
    ApiResponse no_jobs = handle(ApiContext{index_->recommender(), options_, nullptr},
                                 ApiRequest{method, path, {}, {{"authorization", kBearer}}});
    EXPECT_EQ(no_jobs.status, 404) << path;
  }
}

struct AuthCase {
  std::optional<std::string> authorization;
  bool allowed;
};

TEST_F(ApiAdminTest, OnlyTheExactBearerTokenIsLetIn) {
  const std::string token = kToken;
  const AuthCase cases[] = {
      {std::nullopt, false},
      {"", false},
      {token, false},  // no scheme
      {"Basic " + token, false},
      {"Bearer", false},
      {"Bearer ", false},
      {"Bearer " + token.substr(0, token.size() - 1), false},
      {"Bearer " + token + "0", false},
      {"Bearer " + token.substr(0, token.size() - 1) + "X", false},
      {"Bearer " + std::string(token.size(), 'a'), false},
      {"Bearer " + token + ", Bearer " + token, false},  // two headers joined
      {"Bearer " + token, true},
      {"bearer " + token, true},
      {"BEARER   " + token + "  ", true},
  };
  for (const auto& c : cases) {
    std::map<std::string, std::string> headers;
    if (c.authorization) headers["authorization"] = *c.authorization;
    ApiResponse response = call("GET", "/api/v1/crawl/status", "", headers);
    EXPECT_EQ(response.status, c.allowed ? 200 : 401) << c.authorization.value_or("(none)");
    if (!c.allowed) {
      EXPECT_EQ(error_code(response), "unauthorized");
      EXPECT_EQ(response.headers["WWW-Authenticate"], "Bearer realm=\"beautyidx admin\"");
      EXPECT_EQ(response.headers["Cache-Control"], "no-store");
    }
  }
  EXPECT_FALSE(bearer_matches("Bearer ", "")) << "an empty configured token lets nobody in";
}

TEST_F(ApiAdminTest, StatusBeforeAnyJobIsIdle) {
  json s = status();
  EXPECT_EQ(s["state"], "idle");
  EXPECT_EQ(s["id"], 0);
  EXPECT_TRUE(s["kind"].is_null());
  EXPECT_TRUE(s["started"].is_null());
}

struct BadBody {
  std::string body;
  const char* message;  // a part of the error message
};

TEST_F(ApiAdminTest, BadCrawlBodiesAre400) {
  std::string many = R"({"urls": [)";
  for (int i = 0; i < 101; ++i)
    many += std::string(i ? "," : "") + "\"https://a.example/" + std::to_string(i) + "\"";
  many += "]}";
  const BadBody cases[] = {
      {"", "JSON object"},
      {"not json", "JSON object"},
      {"[]", "JSON object"},
      {"{}", "'urls' must be an array"},
      {R"({"urls": []})", "'urls' must be an array"},
      {R"({"urls": "https://a.example/"})", "'urls' must be an array"},
      {many, "'urls' must be an array of 1 to 100"},
      {R"({"urls": [1]})", "each of 'urls'"},
      {R"({"urls": ["  "]})", "each of 'urls'"},
      {R"({"urls": ["https://a.example/"], "max_pages": 0})", "'max_pages' must be"},
      {R"({"urls": ["https://a.example/"], "max_pages": "10"})", "'max_pages' must be"},
      {R"({"urls": ["https://a.example/"], "max_pages": 1000000})", "'max_pages' must be"},
      {R"({"urls": ["https://a.example/"], "max_pages": 2.5})", "'max_pages' must be"},
      {R"({"urls": ["https://a.example/"], "delay_ms": -1})", "'delay_ms' must be"},
      {R"({"urls": ["https://a.example/"], "allow_private": true})",
       "unknown field 'allow_private'"},
      {R"({"urls": ["ftp://a.example/"]})", "is not an http(s) URL"},
      {R"({"urls": ["not a url"]})", "is not an http(s) URL"},
  };
  for (const auto& c : cases) {
    ApiResponse response = call("POST", "/api/v1/crawl", c.body);
    EXPECT_EQ(response.status, 400) << c.body.substr(0, 80) << " " << response.body;
    EXPECT_EQ(error_code(response), "invalid_argument") << response.body;
    EXPECT_NE(response.body.find(c.message), std::string::npos)
        << "wanted " << c.message << " in " << response.body;
  }
  EXPECT_EQ(status()["state"], "idle") << "nothing started";
}

TEST_F(ApiAdminTest, PrivateSeedsAre403) {
  for (const char* seed :
       {"http://127.0.0.1:8080/", "http://localhost/", "http://LOCALHOST./x",
        "http://app.localhost/", "http://10.0.0.5/", "http://192.168.1.1/", "http://172.16.0.1/",
        "http://[::1]/", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/",
        "http://[fe80::1]/"}) {
    std::string body = json{{"urls", {"https://public.example/", seed}}}.dump();
    ApiResponse response = call("POST", "/api/v1/crawl", body);
    EXPECT_EQ(response.status, 403) << seed << " " << response.body;
    EXPECT_EQ(error_code(response), "private_address") << seed;
  }
  EXPECT_EQ(status()["state"], "idle");
}

struct SeedCase {
  const char* url;
  bool is_private;
};

TEST(ApiAdminSeedTest, PrivateSeedTable) {
  const SeedCase cases[] = {
      {"http://127.0.0.1/", true},
      {"http://127.8.9.10:9000/", true},
      {"http://localhost:8080/", true},
      {"http://a.b.localhost/", true},
      {"http://10.1.2.3/", true},
      {"http://192.168.0.10/", true},
      {"http://[::1]:8080/", true},
      {"http://[fd00::1]/", true},
      {"http://169.254.1.1/", true},
      {"http://0.0.0.0/", true},
      {"http://[::ffff:127.0.0.1]/", true},
      {"https://blog.example/", false},
      {"https://93.184.216.34/", false},
      {"http://[2606:4700::1111]/", false},
      {"https://localhost.example/", false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_private_seed(c.url), c.is_private) << c.url;
}

// A loopback copy of two sample-blog articles; the first answers slowly, so the job is surely
// still running when the next request comes.
class SampleSite {
 public:
  SampleSite() : site_(test::sample_blog()) {
    site_.on("/blog/gua-sha-mistakes/", [](const testing::HttpCall&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
      return testing::HttpReply{
          200,
          "text/html; charset=utf-8",
          test::read_file(test::sample_blog() / "blog/gua-sha-mistakes/index.html"),
          {}};
    });
    auto port = site_.start();
    EXPECT_TRUE(port) << (port ? "" : port.error().message);
  }
  std::string url(const std::string& path) const { return site_.origin() + path; }

 private:
  testing::StaticSite site_;
};

TEST_F(ApiAdminTest, ACrawlRunsInTheBackgroundAndTheReaderSeesItsArticles) {
  make_jobs(true);
  SampleSite site;
  const std::string article = site.url("/blog/gua-sha-mistakes/");
  ASSERT_EQ(call("GET", "/api/v1/articles/" + article).status, 404) << "not indexed yet";

  ApiResponse started = call("POST", "/api/v1/crawl",
                             json{{"urls", {article}}, {"max_pages", 3}, {"delay_ms", 0}}.dump());
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.headers["Location"], "/api/v1/crawl/status");
  json job = json::parse(started.body);
  EXPECT_EQ(job["state"], "running");
  EXPECT_EQ(job["kind"], "crawl");
  EXPECT_EQ(job["id"], 1);
  EXPECT_EQ(job["urls"], json::array({article}));

  // One job at a time.
  ApiResponse second = call("POST", "/api/v1/crawl", json{{"urls", {article}}}.dump());
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(error_code(second), "busy");
  ApiResponse reindex = call("POST", "/api/v1/reindex");
  EXPECT_EQ(reindex.status, 409) << reindex.body;
  std::string metrics = call("GET", "/metrics").body;
  EXPECT_NE(metrics.find("beautyidx_admin_crawl_running 1"), std::string::npos) << metrics;

  json done = wait_for_job();
  ASSERT_EQ(done["state"], "succeeded") << done;
  EXPECT_GE(done["pages"].get<int>(), 1) << done;
  EXPECT_GE(done["articles"].get<int>(), 1) << done;
  EXPECT_FALSE(done["finished"].is_null());
  EXPECT_NE(done["message"].get<std::string>().find("crawled"), std::string::npos) << done;

  // The server's reader was refreshed before the job said it succeeded.
  ApiResponse found = call("GET", "/api/v1/articles/" + article);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(json::parse(found.body)["title"], "Five Gua Sha Mistakes That Cancel Out Your Results");
  metrics = call("GET", "/metrics").body;
  EXPECT_NE(metrics.find("beautyidx_admin_crawl_running 0"), std::string::npos) << metrics;
  EXPECT_EQ(metrics.find("beautyidx_admin_crawl_pages_fetched 0"), std::string::npos) << metrics;

  // A reindex re-extracts the raw pages the crawl stored.
  ApiResponse reindexing = call("POST", "/api/v1/reindex");
  ASSERT_EQ(reindexing.status, 202) << reindexing.body;
  EXPECT_EQ(json::parse(reindexing.body)["id"], 2);
  json reindexed = wait_for_job();
  ASSERT_EQ(reindexed["state"], "succeeded") << reindexed;
  EXPECT_EQ(reindexed["kind"], "reindex");
  EXPECT_GE(reindexed["pages"].get<int>(), 1) << reindexed;
  EXPECT_EQ(call("GET", "/api/v1/articles/" + article).status, 200);
}

// Regression: only `beautyidx crawl` took the posts readers asked for; an admin crawl left
// them waiting however long the server ran.
TEST_F(ApiAdminTest, ACrawlTakesTheRequestsOfItsSiteAndLeavesTheOthersWaiting) {
  make_jobs(true);
  SampleSite site;
  const std::string seed = site.url("/blog/gua-sha-mistakes/");
  const std::string requested = site.url("/blog/retinol-for-beginners/");
  const std::string elsewhere = "https://elsewhere.example/posts/one/";
  ASSERT_TRUE(pipeline::append_crawl_request(index_->path(), requested));
  ASSERT_TRUE(pipeline::append_crawl_request(index_->path(), elsewhere));
  ASSERT_EQ(call("GET", "/api/v1/articles/" + requested).status, 404) << "not indexed yet";

  ApiResponse started = call("POST", "/api/v1/crawl", json{{"urls", {seed}}, {"max_pages", 4}, {"delay_ms", 0}}.dump());
  ASSERT_EQ(started.status, 202) << started.body;
  json done = wait_for_job();
  ASSERT_EQ(done["state"], "succeeded") << done;

  EXPECT_EQ(call("GET", "/api/v1/articles/" + requested).status, 200) << "the request of the crawled site was fetched";
  auto waiting = pipeline::take_crawl_requests(index_->path());
  ASSERT_TRUE(waiting) << waiting.error().message;
  EXPECT_EQ(*waiting, std::vector<std::string>{elsewhere}) << "the other site's request still waits";
}

TEST_F(ApiAdminTest, ADatabaseAnotherWriterHoldsIs409) {
  make_jobs(true);
  {
    // The writer's lock, held here as `beautyidx crawl` would hold it.
    auto writer = storage::Store::open(schema::records_dir(index_->path()));
    ASSERT_TRUE(writer) << writer.error().message;
    ApiResponse crawl = call("POST", "/api/v1/crawl", R"({"urls": ["http://127.0.0.1:9/"]})");
    EXPECT_EQ(crawl.status, 409) << crawl.body;
    EXPECT_EQ(error_code(crawl), "database_locked") << crawl.body;
    EXPECT_NE(crawl.body.find("another writer"), std::string::npos) << crawl.body;
    ApiResponse reindex = call("POST", "/api/v1/reindex");
    EXPECT_EQ(reindex.status, 409) << reindex.body;
    EXPECT_EQ(error_code(reindex), "database_locked");
    EXPECT_EQ(status()["state"], "idle");
  }
  // Once the other writer is gone, a job starts.
  ApiResponse reindex = call("POST", "/api/v1/reindex");
  EXPECT_EQ(reindex.status, 202) << reindex.body;
  EXPECT_EQ(wait_for_job()["state"], "succeeded");
}

TEST_F(ApiAdminTest, StoppingRefusesNewJobs) {
  ASSERT_TRUE(jobs_->stop(std::chrono::milliseconds(0)));
  ApiResponse response = call("POST", "/api/v1/reindex");
  EXPECT_EQ(response.status, 503) << response.body;
  EXPECT_EQ(error_code(response), "unavailable");
}

}  // namespace
}  // namespace beautyidx::server
