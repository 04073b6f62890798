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

TEST(CrawlRequestsTest, QueuesPostsOfCrawledSitesOnceAndWithinTheHourlyAllowance) {
  test::TempDir dir;
  {
    auto store = storage::Store::open(schema::records_dir(dir.path()));
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->put(storage::Family::kCrawlState, "https://glow.test/", R"({"state":"fetched"})"));
    auto index = indexer::Indexer::open(dir.path(), **store);  // an empty search index beside
    ASSERT_TRUE(index);
  }
  auto taxonomy = Taxonomy::load(test::data_dir() / "taxonomy.json");
  ASSERT_TRUE(taxonomy);
  auto reader = recommender::Recommender::open(dir.path(), std::move(*taxonomy));
  ASSERT_TRUE(reader) << reader.error().message;
  CrawlRequests requests(**reader, {.db = dir.path(), .per_site_per_hour = 2});
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

}  // namespace
}  // namespace beautyidx::server
