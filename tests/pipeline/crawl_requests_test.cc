// The request file between the server (appends) and the crawl (takes, then releases).
#include "pipeline/crawl_requests.h"

#include <gtest/gtest.h>

#include "../test_util.h"

namespace beautyidx::pipeline {
namespace {

TEST(CrawlRequestFileTest, ACrawlThatDiesLosesNoRequestAndLeftoversWaitForTheNext) {
  test::TempDir db;
  ASSERT_TRUE(append_crawl_request(db.path(), "https://glow.test/a/"));
  ASSERT_TRUE(append_crawl_request(db.path(), "https://glow.test/a/"));
  EXPECT_FALSE(append_crawl_request(db.path(), "https://glow.test/b/\nhttps://evil.test/"));
  auto first = take_crawl_requests(db.path());
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, std::vector<std::string>{"https://glow.test/a/"});

  // That crawl is killed before it releases them; the server keeps adding.
  ASSERT_TRUE(append_crawl_request(db.path(), "https://other.test/c/"));
  auto second = take_crawl_requests(db.path());
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, (std::vector<std::string>{"https://glow.test/a/", "https://other.test/c/"}));
  ASSERT_TRUE(release_crawl_requests(db.path(), {"https://other.test/c/"}));

  auto third = take_crawl_requests(db.path());
  ASSERT_TRUE(third);
  EXPECT_EQ(*third, std::vector<std::string>{"https://other.test/c/"}) << "only what the last crawl left";
  ASSERT_TRUE(release_crawl_requests(db.path(), {}));
  auto none = take_crawl_requests(db.path());
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace beautyidx::pipeline
