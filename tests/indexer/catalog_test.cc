// Catalog entries: one per product across articles, kept as exact tallies of its offers.
#include "indexer/catalog.h"

#include <gtest/gtest.h>

#include <map>

#include <xapian.h>

#include "../index_fixture.h"
#include "../test_util.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"

namespace beautyidx::indexer {
namespace {

OfferFacts offer(const std::string& article, double price, std::vector<std::string> concerns,
                 std::vector<std::pair<std::string, CredentialClass>> recommenders = {}) {
  OfferFacts facts;
  facts.key = "p1/" + article;
  facts.price = {price, {}, {}, "USD"};
  facts.concerns = std::move(concerns);
  facts.recommenders = std::move(recommenders);
  facts.evidenced = !facts.recommenders.empty();
  facts.date = "2025031" + article.substr(article.size() - 1);
  return facts;
}

TEST(ProductTallyTest, RemovingAnOfferUndoesExactlyWhatAddingItDid) {
  ProductTally only_b("p1", "Skin Gym", "Jade Facial Roller");
  only_b.add_offer(offer("b2", 26, {"de-puffing"}));

  ProductTally both("p1", "Skin Gym", "Jade Facial Roller");
  both.add_offer(offer("a1", 32, {"de-puffing", "fine lines and wrinkles"}, {{"e1", CredentialClass::kDermatologist}}));
  both.add_offer(offer("b2", 26, {"de-puffing"}));
  EXPECT_EQ(both.mentions(), 2);
  CatalogFeatures f = both.features();
  EXPECT_EQ(f.endorsers[static_cast<size_t>(CredentialClass::kDermatologist)], 1);
  EXPECT_EQ(f.latest, "20250312");
  ASSERT_EQ(f.concerns.size(), 2u);
  EXPECT_EQ(f.concern_offers[0], 2);  // de-puffing, in both
  using Ranges = std::map<std::string, std::pair<double, double>>;
  EXPECT_EQ(both.price_ranges(), (Ranges{{"USD", {26, 32}}}));
  EXPECT_EQ(both.shown_offer(), "p1/a1") << "the offer an expert backs is the one shown";

  both.remove_offer(offer("a1", 32, {"de-puffing", "fine lines and wrinkles"}, {{"e1", CredentialClass::kDermatologist}}));
  EXPECT_EQ(encode_features(both.features()), encode_features(only_b.features()));
  EXPECT_EQ(both.price_ranges(), only_b.price_ranges());
  EXPECT_EQ(both.price_ranges(), (Ranges{{"USD", {26, 26}}}));
  EXPECT_TRUE(both.needs_rescan()) << "the shown offer went away";

  auto stored = ProductTally::parse(both.dump());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->dump(), both.dump());
}

TEST(ProductTallyTest, FeaturesSurviveTheirEncodingAndRejectGarbage) {
  ProductTally tally("p1", "Mount Lai", "Gua Sha Facial Lifting Tool");
  tally.add_offer(offer("a1", 28, {"sagging"}, {{"e1", CredentialClass::kEsthetician}, {"e2", CredentialClass::kNone}}));
  CatalogFeatures f = tally.features();
  auto decoded = decode_features(encode_features(f));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(encode_features(*decoded), encode_features(f));
  EXPECT_EQ(decoded->brand, "Mount Lai");
  EXPECT_EQ(decoded->concerns, std::vector<std::string>{"sagging"});
  EXPECT_FALSE(decode_features(""));
  EXPECT_FALSE(decode_features("f2\x1f" "x"));
  EXPECT_FALSE(decode_features(encode_features(f) + "\x1f" "extra"));
}

// ---- Through the indexer --------------------------------------------------------------------

ExtractedPage article(const std::string& url, const std::string& text, double price) {
  ExtractedPage page;
  page.url = url;
  page.canonical_url = url;
  page.kind = PageKind::kArticle;
  page.title = "Cold tools for puffy mornings";
  page.published = "2025-03-10";
  page.text = text;
  Quote quote;
  quote.text = "A chilled jade roller is the one tool I tell every patient to keep in the fridge.";
  quote.speaker = Speaker{"Anna Karp", "board-certified dermatologist", CredentialClass::kDermatologist, ""};
  quote.stance = Stance::kRecommends;
  page.quotes = {quote};
  Product roller;
  roller.brand = "Skin Gym";
  roller.name = "Jade Facial Roller";
  roller.price = {price, {}, {}, "USD"};
  roller.concerns = {"de-puffing"};
  roller.evidence = {0};
  page.products = {roller};
  return page;
}

const std::string kFirstText =
    "Cold narrows the small blood vessels under the eyes, which is why a chilled roller takes down morning "
    "puffiness faster than any cream. Keep it in the fridge and roll outward toward the ears.";
const std::string kSecondText =
    "Retinol needs patience: start twice a week, buffer with moisturizer and wait a month before judging, "
    "and on the mornings after, a cold roller calms the puffiness that a late night leaves behind.";

struct CatalogEntry {
  size_t documents = 0;
  std::string features;
  std::string min_price;
};

CatalogEntry catalog_entry(const std::filesystem::path& db) {
  Xapian::Database xapian(schema::xapian_dir(db).string());
  CatalogEntry entry;
  const std::string type = std::string(schema::kTypeTerm) + std::string(schema::kCatalogType);
  for (auto it = xapian.postlist_begin(type); it != xapian.postlist_end(type); ++it) {
    ++entry.documents;
    Xapian::Document doc = xapian.get_document(*it);
    entry.features = doc.get_value(schema::kFeaturesSlot);
    entry.min_price = doc.get_value(static_cast<Xapian::valueno>(schema::catalog_min_price_slot("USD")));
  }
  return entry;
}

TEST(CatalogTest, OneEntryPerProductFollowsReindexingAndRemoval) {
  test::TempDir dir;
  auto store = storage::Store::open(schema::records_dir(dir.path()));
  ASSERT_TRUE(store);
  auto indexer = Indexer::open(dir.path(), **store);
  ASSERT_TRUE(indexer) << indexer.error().message;
  ExtractedPage listed_twice = article("https://a.example/one/", kFirstText, 32);
  listed_twice.products.push_back(listed_twice.products.front());  // a table, then a "buy it now" line
  ASSERT_TRUE((*indexer)->index_page(listed_twice));
  ASSERT_TRUE((*indexer)->index_page(article("https://b.example/two/", kSecondText, 26)));
  ASSERT_TRUE((*indexer)->commit());

  CatalogEntry entry = catalog_entry(dir.path());
  EXPECT_EQ(entry.documents, 1u);
  auto features = decode_features(entry.features);
  ASSERT_TRUE(features);
  EXPECT_EQ(features->mentions, 2);
  EXPECT_EQ(features->endorsers[static_cast<size_t>(CredentialClass::kDermatologist)], 1)
      << "the same expert in two articles is one endorser";
  EXPECT_EQ(Xapian::sortable_unserialise(entry.min_price), 26);

  // A recrawl at another price replaces that offer's contribution; it does not add a third.
  ASSERT_TRUE((*indexer)->index_page(article("https://b.example/two/", kSecondText, 24)));
  ASSERT_TRUE((*indexer)->index_page(article("https://b.example/two/", kSecondText, 24)));
  ASSERT_TRUE((*indexer)->commit());
  entry = catalog_entry(dir.path());
  EXPECT_EQ(decode_features(entry.features)->mentions, 2);
  EXPECT_EQ(Xapian::sortable_unserialise(entry.min_price), 24);

  ASSERT_TRUE((*indexer)->remove_url("https://b.example/two/"));
  ASSERT_TRUE((*indexer)->commit());
  entry = catalog_entry(dir.path());
  EXPECT_EQ(decode_features(entry.features)->mentions, 1);
  EXPECT_EQ(Xapian::sortable_unserialise(entry.min_price), 32);
  auto check = (*indexer)->check(false);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->catalog_mismatched, 0u);

  ASSERT_TRUE((*indexer)->remove_url("https://a.example/one/"));
  ASSERT_TRUE((*indexer)->commit());
  EXPECT_EQ(catalog_entry(dir.path()).documents, 0u);
  EXPECT_EQ(*(*store)->count(storage::Family::kProducts), 0u);
}

TEST(CatalogTest, CheckRepairsADamagedTallyAndAnOldDatabaseIsBroughtUpToDate) {
  test::TempDir dir;
  auto store = storage::Store::open(schema::records_dir(dir.path()));
  ASSERT_TRUE(store);
  {
    auto indexer = Indexer::open(dir.path(), **store);
    ASSERT_TRUE(indexer);
    ASSERT_TRUE((*indexer)->index_page(article("https://a.example/one/", kFirstText, 32)));
    ASSERT_TRUE((*indexer)->commit());
    Product roller;
    roller.brand = "Skin Gym";
    roller.name = "Jade Facial Roller";
    ASSERT_TRUE((*store)->put(storage::Family::kProducts, product_id(roller), R"({"id":"x","mentions":7})"));
    auto found = (*indexer)->check(false);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->catalog_mismatched, 1u);
    EXPECT_GT(found->unrepaired, 0u);
    ASSERT_TRUE((*indexer)->check(true));
    auto again = (*indexer)->check(false);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->catalog_mismatched, 0u);
    EXPECT_EQ(again->unrepaired, 0u);
  }
  // A version 1 database: no index version, no tallies, no catalog documents.
  ASSERT_TRUE((*store)->erase(storage::Family::kMeta, schema::kSchemaVersionKey));
  storage::WriteBatch wipe;
  ASSERT_TRUE((*store)->scan(storage::Family::kProducts, "", [&](std::string_view key, std::string_view) {
    wipe.erase(storage::Family::kProducts, key);
    return true;
  }));
  ASSERT_TRUE((*store)->write(wipe));
  {
    Xapian::WritableDatabase xapian(schema::xapian_dir(dir.path()).string());
    xapian.delete_document(std::string(schema::kTypeTerm) + std::string(schema::kCatalogType));
    xapian.commit();
  }
  ASSERT_EQ(catalog_entry(dir.path()).documents, 0u);
  auto upgraded = Indexer::open(dir.path(), **store);
  ASSERT_TRUE(upgraded) << upgraded.error().message;
  EXPECT_EQ(catalog_entry(dir.path()).documents, 1u);
  auto version = (*store)->get(storage::Family::kMeta, schema::kSchemaVersionKey);
  ASSERT_TRUE(version && *version);
  EXPECT_EQ(**version, std::to_string(schema::kSchemaVersion));
}

// A crawl's checkpoints leave catalog entries behind for up to the catalog interval; the marks
// that say so are records, so a writer killed before the rebuild leaves them for the next one.
TEST(CatalogTest, CheckpointsRebuildTheCatalogOnlyWhenDueAndAKilledWriterLeavesItDue) {
  test::TempDir dir;
  auto store = storage::Store::open(schema::records_dir(dir.path()));
  ASSERT_TRUE(store);
  auto due_marks = [&] { return test::count_keys(**store, storage::Family::kMeta, schema::kCatalogDuePrefix); };
  {
    auto indexer = Indexer::open(dir.path(), **store);
    ASSERT_TRUE(indexer);
    (*indexer)->set_catalog_interval(std::chrono::hours(1));
    ASSERT_TRUE((*indexer)->index_page(article("https://a.example/one/", kFirstText, 32)));
    ASSERT_TRUE((*indexer)->checkpoint());
    EXPECT_EQ(catalog_entry(dir.path()).documents, 0u);  // the article is searchable, its product not yet
    EXPECT_EQ(*(*store)->count(storage::Family::kProducts), 0u);  // nor its tally: the offer and the mark are
    EXPECT_EQ(due_marks(), 1u);
  }  // killed here: no commit()
  {
    auto reopened = Indexer::open(dir.path(), **store);
    ASSERT_TRUE(reopened);
    EXPECT_EQ(*(*store)->count(storage::Family::kProducts), 1u);  // counted again from the offer
    EXPECT_EQ(catalog_entry(dir.path()).documents, 1u);
    EXPECT_EQ(due_marks(), 0u);
    auto check = (*reopened)->check(false);
    ASSERT_TRUE(check);
    EXPECT_EQ(check->catalog_mismatched, 0u);

    (*reopened)->set_catalog_interval(std::chrono::milliseconds(0));  // always due
    ASSERT_TRUE((*reopened)->index_page(article("https://b.example/two/", kSecondText, 24)));
    ASSERT_TRUE((*reopened)->checkpoint());
    EXPECT_EQ(decode_features(catalog_entry(dir.path()).features)->mentions, 2);
    EXPECT_EQ(due_marks(), 0u);
  }
}

}  // namespace
}  // namespace beautyidx::indexer
