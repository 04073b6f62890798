// What the reader keeps of catalog entries between questions must follow the index: a new
// commit's prices, and a database written before catalog entries had topic terms of their own.
#include <gtest/gtest.h>

#include <xapian.h>

#include "../index_fixture.h"
#include "../roller_articles.h"
#include "../test_util.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "recommender/recommender.h"

namespace beautyidx::recommender {
namespace {

using test::roller_article;

ExtractedPage roller_with_price(const std::string& slug, double price) {
  ExtractedPage page = roller_article(slug, "Cold rollers", test::kRollerTexts[0]);
  Product roller;
  roller.brand = "Skin Gym";
  roller.name = "Jade Facial Roller";
  roller.price = {price, {}, {}, "USD"};
  roller.concerns = {"de-puffing"};
  page.products = {roller};
  return page;
}

class CatalogReaderTest : public test::IndexFixture {
 protected:
  void SetUp() override {
    IndexFixture::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(writer_->index_page(roller_with_price("post-0", 32)));
    ASSERT_TRUE(writer_->commit());
  }

  static std::optional<double> first_price(const Recommender& reader, const std::string& question) {
    auto answer = reader.recommend_uncached({question});
    EXPECT_TRUE(answer) << answer.error().message;
    if (!answer || answer->results.empty()) return std::nullopt;
    return answer->results.front().product.price.amount;
  }
};

TEST_F(CatalogReaderTest, ANewCommitsPriceReplacesWhatTheReaderKeptOfTheEntry) {
  auto reader = open_reader();
  ASSERT_TRUE(reader);
  EXPECT_EQ(first_price(*reader, "de-puffing roller under $50"), 32);
  // The product's catalog document is rebuilt at a new price, under a new document id: what the
  // reader kept of the old id must not be what it shows.
  ASSERT_TRUE(writer_->index_page(roller_with_price("post-0", 24)));
  ASSERT_TRUE(writer_->commit());
  ASSERT_TRUE(reader->refresh());
  EXPECT_EQ(first_price(*reader, "de-puffing roller under $50"), 24);
  EXPECT_EQ(first_price(*reader, "de-puffing roller under $20"), std::nullopt);
}

TEST_F(CatalogReaderTest, ADatabaseNoWriterOfThisVersionHasOpenedIsReadWithTheSharedTopicTerms) {
  writer_.reset();
  // What version 2 wrote: no catalog-only topic terms, and its version number.
  {
    Xapian::WritableDatabase xapian(schema::xapian_dir(dir_.path()).string());
    const std::string type = std::string(schema::kTypeTerm) + std::string(schema::kCatalogType);
    std::vector<Xapian::docid> entries(xapian.postlist_begin(type), xapian.postlist_end(type));
    ASSERT_EQ(entries.size(), 1u);
    for (Xapian::docid id : entries) {
      Xapian::Document doc = xapian.get_document(id);
      std::vector<std::string> catalog_terms;
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if ((*t).starts_with(schema::kCatalogConcernTerm) || (*t).starts_with(schema::kCatalogTechniqueTerm)) {
          catalog_terms.push_back(*t);
        }
      }
      ASSERT_FALSE(catalog_terms.empty());
      for (const auto& term : catalog_terms) doc.remove_term(term);
      xapian.replace_document(id, doc);
    }
    xapian.commit();
  }
  ASSERT_TRUE(store_->put(storage::Family::kMeta, schema::kSchemaVersionKey, "2"));
  auto reader = open_reader();
  ASSERT_TRUE(reader);
  EXPECT_EQ(first_price(*reader, "de-puffing roller under $50"), 32);

  // A writer of this version brings it up to date; the reader follows at its next refresh.
  auto writer = indexer::Indexer::open(dir_.path(), *store_);
  ASSERT_TRUE(writer);
  ASSERT_TRUE(reader->refresh());
  EXPECT_EQ(first_price(*reader, "de-puffing roller under $50"), 32);
  auto version = store_->get(storage::Family::kMeta, schema::kSchemaVersionKey);
  ASSERT_TRUE(version && *version);
  EXPECT_EQ(**version, std::to_string(schema::kSchemaVersion));
}

}  // namespace
}  // namespace beautyidx::recommender
