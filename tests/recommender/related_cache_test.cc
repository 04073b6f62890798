// Related answers are cached in the reader; a new commit must not leave them stale.
#include <gtest/gtest.h>

#include "../index_fixture.h"
#include "../roller_articles.h"
#include "../test_util.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "recommender/recommender.h"

namespace beautyidx::recommender {
namespace {

using test::roller_article;
const auto& kTexts = test::kRollerTexts;

using RelatedCacheTest = test::IndexFixture;

TEST_F(RelatedCacheTest, ANewCommitRefreshesCachedAnswers) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(writer_->index_page(roller_article("post-" + std::to_string(i), "Rollers " + std::to_string(i), kTexts[i])));
  }
  ASSERT_TRUE(writer_->commit());
  auto reader = open_reader();
  ASSERT_TRUE(reader);
  RelatedRequest request;
  request.url = "https://glow.test/post-0/";
  request.min_results = 1;
  auto before = reader->related(request);
  ASSERT_TRUE(before) << before.error().message;
  auto cached = reader->related(request);
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->related.size(), before->related.size());

  ASSERT_TRUE(writer_->index_page(roller_article("post-new", "Rollers, new", kTexts[4])));
  ASSERT_TRUE(writer_->commit());
  ASSERT_TRUE(reader->refresh());
  auto after = reader->related(request);
  ASSERT_TRUE(after);
  bool found = false;
  for (const auto& hit : after->related) found = found || hit.article.url == "https://glow.test/post-new/";
  EXPECT_TRUE(found) << "the article committed after the first answer is considered";
}

}  // namespace
}  // namespace beautyidx::recommender
