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

// A reader keeps what it read of every catalog entry it has seen, found by document id, and
// numbers the topics it compares: one that has answered many questions about hundreds of
// entries must answer exactly as a reader that has read nothing yet.
TEST_F(CatalogReaderTest, AReaderThatHasSeenManyEntriesAnswersAsAFreshOne) {
  const char* const concerns[] = {"de-puffing", "fine lines and wrinkles", "firmness", "dullness", "redness"};
  const char* const techniques[] = {"gua sha", "microcurrent", "facial massage", "facial rolling"};
  // Texts far enough apart not to be near-duplicates of each other (which would be indexed once).
  const char* const words[] = {"chilled", "steel", "jade", "quartz", "morning", "evening", "cheek", "jaw", "brow",
                               "gentle", "pressure", "outward", "upward", "strokes", "minutes", "serum", "oil",
                               "balm", "fridge", "travel", "bamboo", "copper", "weekly", "daily", "tension",
                               "sleep", "water", "salt", "sun", "wind", "collar", "temple", "ear", "neck"};
  auto text_of = [&](int a) {
    std::string text;
    uint32_t x = 2654435761u * static_cast<uint32_t>(a + 1);
    for (int w = 0; w < 80; ++w) {
      x = x * 1103515245u + 12345u;
      text += std::string(words[(x >> 16) % std::size(words)]) + " ";
    }
    return text;
  };
  for (int a = 0; a < 60; ++a) {
    ExtractedPage page = test::roller_article("many-" + std::to_string(a), "Tools, part " + std::to_string(a), text_of(a));
    page.products.clear();
    for (int p = 0; p < 20; ++p) {
      const int n = a * 20 + p;
      Product product;
      product.brand = "Maker " + std::to_string(n % 97);
      product.name = "Tool " + std::to_string(n);
      product.price = {5.0 + n % 190, {}, {}, n % 7 == 0 ? "GBP" : "USD"};
      product.concerns = {concerns[n % 5], concerns[(n / 5) % 5]};
      product.techniques = {techniques[n % 4]};
      page.products.push_back(product);
    }
    ASSERT_TRUE(writer_->index_page(page));
  }
  ASSERT_TRUE(writer_->commit());
  const std::string questions[] = {"de-puffing under $50",      "fine lines between $20 and $60", "firmness over $100",
                                   "gua sha for dullness",      "microcurrent under $150",        "redness under £40",
                                   "facial massage for puffiness", "de-puffing roller under $50"};
  auto warm = open_reader();
  ASSERT_TRUE(warm);
  for (int round = 0; round < 2; ++round) {
    for (const std::string& question : questions) ASSERT_TRUE(warm->recommend_uncached({question, 10}));
  }
  size_t picks = 0;
  for (const std::string& question : questions) {
    auto fresh = open_reader();
    ASSERT_TRUE(fresh);
    auto expected = fresh->recommend_uncached({question, 10});
    auto answer = warm->recommend_uncached({question, 10});
    ASSERT_TRUE(expected && answer) << question;
    ASSERT_EQ(answer->results.size(), expected->results.size()) << question;
    for (size_t i = 0; i < answer->results.size(); ++i) {
      // Each pick shows its own product's price ("Tool N" costs 5 + N % 190).
      const Product& shown = answer->results[i].product;
      if (shown.name.starts_with("Tool ")) {
        const int n = std::stoi(shown.name.substr(5));
        EXPECT_EQ(shown.price.amount, 5.0 + n % 190) << question << ": " << shown.name;
      }
      EXPECT_EQ(answer->results[i].product_id, expected->results[i].product_id) << question << " #" << i;
      EXPECT_EQ(answer->results[i].product.price.amount, expected->results[i].product.price.amount) << question;
      EXPECT_EQ(answer->results[i].matched_concerns, expected->results[i].matched_concerns) << question;
      EXPECT_EQ(answer->results[i].matched_techniques, expected->results[i].matched_techniques) << question;
      EXPECT_DOUBLE_EQ(answer->results[i].score, expected->results[i].score) << question;
    }
    picks += answer->results.size();
  }
  EXPECT_GE(picks, 50u) << "too few picks to compare";
}

}  // namespace
}  // namespace beautyidx::recommender
