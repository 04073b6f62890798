// Related answers are cached in the reader; a new commit must not leave them stale.
#include <gtest/gtest.h>

#include "../test_util.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "recommender/recommender.h"

namespace beautyidx::recommender {
namespace {

ExtractedPage article(const std::string& slug, const std::string& title, const std::string& text) {
  ExtractedPage page;
  page.url = page.canonical_url = "https://glow.test/" + slug + "/";
  page.kind = PageKind::kArticle;
  page.title = title;
  page.text = text;
  page.concerns = {"de-puffing"};
  page.techniques = {"facial rolling"};
  return page;
}

// Texts on one topic that differ enough not to count as copies of each other.
const char* const kTexts[] = {
    "Cold rollers take down morning puffiness under the eyes. Keep the jade roller in the fridge and roll outward.",
    "A steel roller gets colder than stone, cleans easily, and calms puffy eyes after a short night of sleep.",
    "Ice globes cover the whole cheek in one sweep; chill them overnight and use them on puffy mornings.",
    "Small roller heads reach the inner corner of the eye, where morning puffiness often sits longest.",
    "Rose quartz rollers warm up within a minute, so keep two in the fridge and swap when puffiness lingers."};

TEST(RelatedCacheTest, ANewCommitRefreshesCachedAnswers) {
  test::TempDir dir;
  auto store = storage::Store::open(schema::records_dir(dir.path()));
  ASSERT_TRUE(store);
  auto writer = indexer::Indexer::open(dir.path(), **store);
  ASSERT_TRUE(writer);
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE((*writer)->index_page(article("post-" + std::to_string(i), "Rollers " + std::to_string(i), kTexts[i])));
  }
  ASSERT_TRUE((*writer)->commit());
  auto taxonomy = Taxonomy::load(test::data_dir() / "taxonomy.json");
  ASSERT_TRUE(taxonomy);
  auto reader = Recommender::open(dir.path(), std::move(*taxonomy));
  ASSERT_TRUE(reader) << reader.error().message;
  RelatedRequest request;
  request.url = "https://glow.test/post-0/";
  request.min_results = 1;
  auto before = (*reader)->related(request);
  ASSERT_TRUE(before) << before.error().message;
  auto cached = (*reader)->related(request);
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->related.size(), before->related.size());

  ASSERT_TRUE((*writer)->index_page(article("post-new", "Rollers, new", kTexts[4])));
  ASSERT_TRUE((*writer)->commit());
  ASSERT_TRUE((*reader)->refresh());
  auto after = (*reader)->related(request);
  ASSERT_TRUE(after);
  bool found = false;
  for (const auto& hit : after->related) found = found || hit.article.url == "https://glow.test/post-new/";
  EXPECT_TRUE(found) << "the article committed after the first answer is considered";
}

}  // namespace
}  // namespace beautyidx::recommender
