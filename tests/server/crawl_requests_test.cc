// Which unindexed posts the server queues for crawling: its own sites' only, each once, a few per
// site and hour.
#include "server/crawl_requests.h"

#include <gtest/gtest.h>

#include <fstream>

#include "../test_util.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "storage/store.h"

namespace beautyidx::server {
namespace {

using Outcome = CrawlRequests::Outcome;

std::vector<std::string> queued(const std::filesystem::path& db) {
  std::vector<std::string> lines;
  std::ifstream in(db / "crawl-requests.txt");
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A database that has crawled https://glow.test and nothing else, opened for reading.
std::unique_ptr<recommender::Recommender> open_database_of_glow(const std::filesystem::path& dir) {
  {
    auto store = storage::Store::open(schema::records_dir(dir));
    if (!store) return nullptr;
    if (!(*store)->put(storage::Family::kCrawlState, "https://glow.test/", R"({"state":"fetched"})")) return nullptr;
    auto index = indexer::Indexer::open(dir, **store);  // an empty search index beside
    if (!index) return nullptr;
  }
  auto taxonomy = Taxonomy::load(test::data_dir() / "taxonomy.json");
  if (!taxonomy) return nullptr;
  auto reader = recommender::Recommender::open(dir, std::move(*taxonomy));
  return reader ? std::move(*reader) : nullptr;
}

TEST(CrawlRequestsTest, QueuesPostsOfCrawledSitesOnceAndWithinTheHourlyAllowance) {
  test::TempDir dir;
  auto reader = open_database_of_glow(dir.path());
  ASSERT_TRUE(reader);
  CrawlRequests requests(*reader, {.db = dir.path(), .per_site_per_hour = 2});
  auto now = std::chrono::steady_clock::now();

  EXPECT_EQ(requests.offer("https://glow.test/posts/one/?utm_source=x#top", now), Outcome::kQueued);
  EXPECT_EQ(requests.offer("https://GLOW.test/posts/one/", now), Outcome::kAlreadyAsked) << "the same URL, normalised";
  EXPECT_EQ(requests.offer("https://elsewhere.test/posts/one/", now), Outcome::kOtherSite);
  EXPECT_EQ(requests.offer("http://glow.test/posts/one/", now), Outcome::kOtherSite) << "another origin";
  EXPECT_EQ(requests.offer("javascript:alert(1)", now), Outcome::kUnusable);
  EXPECT_EQ(requests.offer("https://glow.test/posts/two/", now), Outcome::kQueued);
  EXPECT_EQ(requests.offer("https://glow.test/posts/three/", now), Outcome::kRateLimited);
  EXPECT_EQ(requests.offer("https://glow.test/posts/three/", now + std::chrono::minutes(31)), Outcome::kQueued)
      << "half an hour earns one more of two per hour";
  EXPECT_EQ(queued(dir.path()), (std::vector<std::string>{"https://glow.test/posts/one/", "https://glow.test/posts/two/",
                                                         "https://glow.test/posts/three/"}));
}

// Regression: every ask about a site the engine does not crawl (a widget embedded on its pages
// asks on each view) cost a database seek.
TEST(CrawlRequestsTest, RemembersForAWhileWhetherASiteIsCrawled) {
  test::TempDir dir;
  auto reader = open_database_of_glow(dir.path());
  ASSERT_TRUE(reader);
  CrawlRequests requests(*reader, {.db = dir.path(), .site_answer_lifetime = std::chrono::seconds(60)});
  auto now = std::chrono::steady_clock::now();

  EXPECT_EQ(requests.offer("https://elsewhere.test/a/", now), Outcome::kOtherSite);
  EXPECT_EQ(requests.site_lookups(), 1u);
  EXPECT_EQ(requests.offer("https://elsewhere.test/b/", now + std::chrono::seconds(30)), Outcome::kOtherSite);
  EXPECT_EQ(requests.offer("https://elsewhere.test/a/", now + std::chrono::seconds(59)), Outcome::kOtherSite);
  EXPECT_EQ(requests.site_lookups(), 1u) << "the site's answer is remembered";
  EXPECT_EQ(requests.offer("https://glow.test/one/", now), Outcome::kQueued);
  EXPECT_EQ(requests.offer("https://glow.test/two/", now + std::chrono::seconds(1)), Outcome::kQueued);
  EXPECT_EQ(requests.site_lookups(), 2u) << "one lookup per origin";
  EXPECT_EQ(requests.offer("https://elsewhere.test/c/", now + std::chrono::seconds(61)), Outcome::kOtherSite);
  EXPECT_EQ(requests.site_lookups(), 3u) << "after its lifetime the answer is looked up again";
  EXPECT_EQ(queued(dir.path()), (std::vector<std::string>{"https://glow.test/one/", "https://glow.test/two/"}));
}

TEST(CrawlRequestsTest, RemembersABoundedNumberOfSitesOldestAnswerFirstOut) {
  test::TempDir dir;
  auto reader = open_database_of_glow(dir.path());
  ASSERT_TRUE(reader);
  CrawlRequests requests(*reader, {.db = dir.path(), .sites_remembered = 2});
  auto now = std::chrono::steady_clock::now();
  for (const char* url : {"https://a.test/p/", "https://b.test/p/", "https://c.test/p/"}) {
    EXPECT_EQ(requests.offer(url, now), Outcome::kOtherSite) << url;
  }
  EXPECT_EQ(requests.site_lookups(), 3u);
  EXPECT_EQ(requests.offer("https://c.test/q/", now), Outcome::kOtherSite);
  EXPECT_EQ(requests.site_lookups(), 3u) << "c.test is among the two kept";
  EXPECT_EQ(requests.offer("https://a.test/q/", now), Outcome::kOtherSite);
  EXPECT_EQ(requests.site_lookups(), 4u) << "a.test, the oldest answer, made room for c.test";
}

TEST(CrawlRequestsTest, ASpentAllowanceRefusesBeforeAnyDatabaseLookup) {
  test::TempDir dir;
  auto reader = open_database_of_glow(dir.path());
  ASSERT_TRUE(reader);
  CrawlRequests requests(*reader, {.db = dir.path(), .per_site_per_hour = 1});
  auto now = std::chrono::steady_clock::now();
  EXPECT_EQ(requests.offer("https://glow.test/one/", now), Outcome::kQueued);
  EXPECT_EQ(requests.site_lookups(), 1u);
  // Past the remembered answer's lifetime, but within the hour the allowance needs to refill.
  EXPECT_EQ(requests.offer("https://glow.test/two/", now + std::chrono::minutes(5)), Outcome::kRateLimited);
  EXPECT_EQ(requests.site_lookups(), 1u) << "the rate limit answers first";
  EXPECT_EQ(requests.offer("https://glow.test/two/", now + std::chrono::minutes(61)), Outcome::kQueued);
  EXPECT_EQ(requests.site_lookups(), 2u);
}

}  // namespace
}  // namespace beautyidx::server
