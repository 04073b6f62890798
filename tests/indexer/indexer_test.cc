#include "indexer/indexer.h"

#include <gtest/gtest.h>

#include <xapian.h>

#include "../test_util.h"
#include "indexer/schema.h"

namespace beautyidx::indexer {
namespace {

ExtractedPage article(const std::string& url, const std::string& text) {
  ExtractedPage page;
  page.url = url;
  page.canonical_url = url;
  page.kind = PageKind::kArticle;
  page.title = "Why cold tools calm puffy mornings";
  page.text = text;
  return page;
}

const std::string kText =
    "Cold narrows the small blood vessels under the eyes, which is why a chilled roller takes down morning "
    "puffiness faster than any cream. Keep the roller in the fridge rather than the freezer, roll outward "
    "toward the ears, and stop after two minutes so the skin never gets red or irritated. A gentle eye "
    "cream with caffeine afterwards keeps the effect going until lunch.";

TEST(SimhashTest, NearCopiesAreCloseAndDifferentTextsAreFar) {
  std::string copy = kText + " Originally published on another blog.";
  std::string other = "Retinol needs patience: start twice a week, buffer with moisturizer and wait a month before "
                      "judging, because the first weeks of flaking say nothing about the results at week twelve.";
  EXPECT_LE(hamming_distance(simhash(kText), simhash(copy)), 3);
  EXPECT_GT(hamming_distance(simhash(kText), simhash(other)), 10);
  EXPECT_EQ(simhash(kText), simhash(kText));
}

TEST(IndexerTest, SyndicatedCopyBecomesAnAlternateNotASecondArticle) {
  test::TempDir dir;
  auto store = storage::Store::open(schema::records_dir(dir.path()));
  ASSERT_TRUE(store);
  auto indexer = Indexer::open(dir.path(), **store);
  ASSERT_TRUE(indexer) << indexer.error().message;
  ASSERT_TRUE((*indexer)->index_page(article("https://original.example/cold-tools/", kText)));
  ASSERT_TRUE((*indexer)->index_page(article("https://syndicate.example/cold-tools/", kText + " Republished with permission.")));
  ASSERT_TRUE((*indexer)->commit());
  EXPECT_EQ((*indexer)->stats().articles, 1u);
  EXPECT_EQ((*indexer)->stats().duplicates, 1u);
  EXPECT_EQ(*(*store)->count(storage::Family::kArticles), 1u);
  auto original_id = (*store)->get(storage::Family::kUrlIndex, "https://original.example/cold-tools/");
  auto copy_id = (*store)->get(storage::Family::kUrlIndex, "https://syndicate.example/cold-tools/");
  ASSERT_TRUE(original_id && *original_id && copy_id && *copy_id);
  EXPECT_EQ(**original_id, **copy_id) << "the copy's URL leads to the original article";

  // Re-indexing the original replaces it; it is still one article.
  ASSERT_TRUE((*indexer)->index_page(article("https://original.example/cold-tools/", kText)));
  ASSERT_TRUE((*indexer)->commit());
  EXPECT_EQ(*(*store)->count(storage::Family::kArticles), 1u);
}

TEST(IndexerTest, ARecrawlAtAnotherPriceAddsToTheOffersHistory) {
  test::TempDir dir;
  auto store = storage::Store::open(schema::records_dir(dir.path()));
  ASSERT_TRUE(store);
  auto indexer = Indexer::open(dir.path(), **store);
  ASSERT_TRUE(indexer) << indexer.error().message;
  ExtractedPage page = article("https://shop.example/rollers/", kText);
  Product roller;
  roller.brand = "Skin Gym";
  roller.name = "Jade Facial Roller";
  roller.price = {32, {}, {}, "USD"};
  page.products = {roller};
  ASSERT_TRUE((*indexer)->index_page(page));
  ASSERT_TRUE((*indexer)->commit());
  ASSERT_TRUE((*indexer)->index_page(page));  // same price: no new point
  ASSERT_TRUE((*indexer)->commit());
  page.products[0].price.amount = 26;
  ASSERT_TRUE((*indexer)->index_page(page));
  ASSERT_TRUE((*indexer)->commit());
  std::string key = schema::offer_key(product_id(roller), article_id("https://shop.example/rollers/"));
  auto offer = (*store)->get(storage::Family::kOffers, key);
  ASSERT_TRUE(offer && *offer);
  EXPECT_NE((*offer)->find("\"history\":[{"), std::string::npos) << **offer;
  size_t points = 0;
  for (size_t at = (*offer)->find("\"date\""); at != std::string::npos; at = (*offer)->find("\"date\"", at + 1)) ++points;
  EXPECT_EQ(points, 2u) << **offer;
  EXPECT_NE((*offer)->find("26"), std::string::npos);
}

// `beautyidx check`: damage each side, find it, repair it.
TEST(IndexerTest, CheckFindsAndRepairsMismatchesBetweenRecordsAndIndex) {
  test::TempDir dir;
  auto store = storage::Store::open(schema::records_dir(dir.path()));
  ASSERT_TRUE(store);
  std::string kept_id = article_id("https://a.example/one/");
  {
    auto indexer = Indexer::open(dir.path(), **store);
    ASSERT_TRUE(indexer);
    ExtractedPage one = article("https://a.example/one/", kText);
    Quote quote;
    quote.text = "Keep the roller in the fridge, never the freezer.";
    one.quotes = {quote};
    ASSERT_TRUE((*indexer)->index_page(one));
    ASSERT_TRUE((*indexer)->index_page(article("https://a.example/two/", "A different text about retinol nights and "
                                                                         "moisturizer buffers over many weeks of testing.")));
    ASSERT_TRUE((*indexer)->commit());
    auto clean = (*indexer)->check(false);
    ASSERT_TRUE(clean) << clean.error().message;
    EXPECT_EQ(clean->articles, 2u);
    EXPECT_EQ(clean->unrepaired, 0u);
  }
  // Damage: one article's record disappears (its documents become orphans), the other's quote
  // document disappears, and a URL entry points nowhere.
  std::string gone_id = article_id("https://a.example/two/");
  ASSERT_TRUE((*store)->erase(storage::Family::kArticles, gone_id));
  ASSERT_TRUE((*store)->put(storage::Family::kUrlIndex, "https://a.example/three/", "ffffffffffffffff"));
  {
    Xapian::WritableDatabase xapian(schema::xapian_dir(dir.path()).string());
    xapian.delete_document(std::string(schema::kIdTerm) + "q" + schema::quote_key(kept_id, 0));
    xapian.commit();
  }
  {
    auto indexer = Indexer::open(dir.path(), **store);
    ASSERT_TRUE(indexer);
    auto found = (*indexer)->check(false);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->orphans, 1u);
    EXPECT_EQ(found->mismatched, 1u) << "one's quote document is missing";
    EXPECT_EQ(found->dangling_urls, 2u) << "two/ now names a missing record, and three/ always did";
    EXPECT_GT(found->unrepaired, 0u);
    auto repaired = (*indexer)->check(true);
    ASSERT_TRUE(repaired);
    EXPECT_EQ(repaired->unrepaired, 0u);
    auto again = (*indexer)->check(false);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->orphans + again->dangling_urls + again->mismatched, 0u);
    EXPECT_EQ(again->articles, 1u);
  }
}

TEST(IndexerTest, RefusesADatabaseFromANewerSchema) {
  test::TempDir dir;
  auto store = storage::Store::open(schema::records_dir(dir.path()));
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->put(storage::Family::kMeta, schema::kSchemaVersionKey, "999"));
  auto indexer = Indexer::open(dir.path(), **store);
  ASSERT_FALSE(indexer);
  EXPECT_NE(indexer.error().message.find("schema version 999"), std::string::npos);
}

}  // namespace
}  // namespace beautyidx::indexer
