// The one end-to-end path, with real components at every step: the sample blog served over
// HTTP on an ephemeral loopback port, crawled with libcurl into RocksDB and Xapian in a temp
// dir, then asked the questions a reader of the seed article would ask.
#include <gtest/gtest.h>

#include <set>

#include "../test_util.h"
#include "crawler/crawler.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "pipeline/indexing_sink.h"
#include "recommender/recommender.h"
#include "testing/static_site.h"

namespace beautyidx {
namespace {

using pipeline::IndexingSink;

class EndToEndTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new test::TempDir();
    site_ = new testing::StaticSite(test::sample_blog());
    ASSERT_TRUE(site_->start());
    auto extractor = extract::Extractor::load(test::data_dir());
    ASSERT_TRUE(extractor) << extractor.error().message;
    {
      auto store = storage::Store::open(schema::records_dir(db_->path()));
      ASSERT_TRUE(store) << store.error().message;
      auto indexer = indexer::Indexer::open(db_->path(), **store);
      ASSERT_TRUE(indexer) << indexer.error().message;
      IndexingSink sink(**indexer);
      crawler::CrawlOptions options;
      options.seeds = {site_->origin() + "/"};
      options.delay = std::chrono::milliseconds(0);
      crawler::Crawler crawler(**store, *extractor, options, sink);
      auto report = crawler.run();
      ASSERT_TRUE(report) << report.error().message;
      report_ = *report;
    }
    auto taxonomy = Taxonomy::load(test::data_dir() / "taxonomy.json");
    ASSERT_TRUE(taxonomy);
    auto reader = recommender::Recommender::open(db_->path(), std::move(*taxonomy));
    ASSERT_TRUE(reader) << reader.error().message;
    recommender_ = reader->release();
  }
  static void TearDownTestSuite() {
    delete recommender_;
    site_->stop();
    delete site_;
    delete db_;
  }

  static recommender::RecommendResponse ask(const std::string& question) {
    auto response = recommender_->recommend({question, 10});
    EXPECT_TRUE(response) << response.error().message;
    return response ? *response : recommender::RecommendResponse{};
  }

  static test::TempDir* db_;
  static testing::StaticSite* site_;
  static recommender::Recommender* recommender_;
  static crawler::CrawlReport report_;
};

test::TempDir* EndToEndTest::db_ = nullptr;
testing::StaticSite* EndToEndTest::site_ = nullptr;
recommender::Recommender* EndToEndTest::recommender_ = nullptr;
crawler::CrawlReport EndToEndTest::report_;

TEST_F(EndToEndTest, CrawlsTheWholeSampleBlogAndRespectsRobots) {
  EXPECT_GE(report_.articles, 30u);
  EXPECT_EQ(report_.errors, 0u);
  EXPECT_EQ(site_->requests_for("/drafts/unpublished-serum-review/"), 0u);
  auto counts = recommender_->counts();
  ASSERT_TRUE(counts);
  EXPECT_GE(counts->articles, 30u);
  EXPECT_GE(counts->quotes, 150u);
  EXPECT_GE(counts->products, 60u);
  EXPECT_GE(counts->experts, 10u);
  auto draft = recommender_->search({"Lumen Lark peptide serum", 10});
  ASSERT_TRUE(draft);
  for (const auto& hit : draft->articles) EXPECT_EQ(hit.article.url.find("/drafts/"), std::string::npos);
}

TEST_F(EndToEndTest, DePuffingUnder50HasTheSeedShapedRollerWithItsEsthetician) {
  auto response = ask("de-puffing under $50");
  ASSERT_FALSE(response.results.empty()) << response.explanation;
  EXPECT_EQ(response.query.concerns, std::vector<std::string>{"de-puffing"});
  const recommender::Pick* roller = nullptr;
  for (const auto& pick : response.results) {
    EXPECT_LE(pick.product.price.amount, 50.0) << pick.product.name << " breaks the budget";
    if (pick.product.brand == "Skin Gym" && pick.product.name == "Jade Facial Roller") roller = &pick;
  }
  ASSERT_NE(roller, nullptr) << "the seed-shaped article's $32 roller is missing";
  EXPECT_DOUBLE_EQ(roller->product.price.amount, 32);
  ASSERT_FALSE(roller->evidence.empty());
  EXPECT_EQ(roller->evidence.front().speaker, "Camille Duarte");
  EXPECT_EQ(roller->evidence.front().credential, "esthetician");
  EXPECT_NE(roller->article.url.find("/blog/do-facial-workouts-work/"), std::string::npos);
}

TEST_F(EndToEndTest, MicrocurrentUnder400IncludesItsDevice) {
  auto response = ask("microcurrent under $400");
  bool found = false;
  for (const auto& pick : response.results) {
    EXPECT_LE(pick.product.price.amount, 400.0);
    if (pick.product.brand == "NuFace" && pick.product.name.find("Trinity") != std::string::npos) found = true;
  }
  EXPECT_TRUE(found) << "the seed-shaped article's microcurrent device is missing";
}

TEST_F(EndToEndTest, DePuffingUnder10GivesNoOverBudgetProducts) {
  auto response = ask("de-puffing under $10");
  for (const auto& pick : response.results) EXPECT_LE(pick.product.price.amount, 10.0) << pick.product.name;
  auto none = ask("de-puffing under $5");
  EXPECT_TRUE(none.results.empty());
  EXPECT_NE(none.explanation.find("the cheapest is"), std::string::npos) << none.explanation;
}

TEST_F(EndToEndTest, DermatologistsOnFacialExercisesQuotesADermatologist) {
  auto response = recommender_->search({"what do dermatologists say about facial exercises", 5});
  ASSERT_TRUE(response);
  ASSERT_FALSE(response->quotes.empty());
  const auto& top = response->quotes.front();
  ASSERT_TRUE(top.quote.speaker);
  EXPECT_EQ(top.quote.speaker->credential_class, CredentialClass::kDermatologist);
}

TEST_F(EndToEndTest, RelatedArticlesNeverIncludeTheArticleItself) {
  recommender::RelatedRequest request;
  request.url = site_->origin() + "/blog/do-facial-workouts-work/";
  auto response = recommender_->related(request);
  ASSERT_TRUE(response) << response.error().message;
  ASSERT_FALSE(response->related.empty());
  for (const auto& hit : response->related) EXPECT_NE(hit.article.url, request.url);
}

// "Shop this article" and "experts in this article", and the records behind them.
TEST_F(EndToEndTest, ArticleProductAndExpertRecords) {
  auto article = recommender_->article(site_->origin() + "/blog/do-facial-workouts-work/");
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_NE(article->article.title.find("Facial Workouts"), std::string::npos) << article->article.title;
  std::set<std::string> experts;
  for (const auto& e : article->experts) experts.insert(e.speaker.name);
  EXPECT_TRUE(experts.count("Mara Ellison") && experts.count("Camille Duarte"));
  std::string roller_id;
  for (const auto& p : article->products) {
    if (p.product.brand == "Skin Gym" && p.product.name == "Jade Facial Roller") roller_id = p.product_id;
  }
  ASSERT_FALSE(roller_id.empty()) << "the roller is in the article's shop box";
  auto by_id = recommender_->article(article->article.id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->article.url, article->article.url);

  auto product = recommender_->product(roller_id);
  ASSERT_TRUE(product) << product.error().message;
  ASSERT_FALSE(product->offers.empty());
  ASSERT_TRUE(product->lowest);
  EXPECT_DOUBLE_EQ(product->lowest->amount, 32);
  ASSERT_FALSE(product->offers.front().history.empty()) << "the first sighting starts the price history";

  std::string ellison;
  for (const auto& e : article->experts) {
    if (e.speaker.name == "Mara Ellison") ellison = e.id;
  }
  auto expert = recommender_->expert(ellison);
  ASSERT_TRUE(expert) << expert.error().message;
  EXPECT_EQ(expert->expert.speaker.credential_class, CredentialClass::kDermatologist);
  EXPECT_FALSE(expert->quotes.empty());

  EXPECT_EQ(recommender_->article("0123456789abcdef").error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(recommender_->product("0123456789abcdef").error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(recommender_->expert("nobody").error().kind, ErrorKind::kNotFound);
}

// Facets count under every filter but their own, so a chosen value never hides its siblings.
TEST_F(EndToEndTest, FacetsIgnoreTheirOwnFilterAndSearchHonoursFilters) {
  recommender::SearchRequest request;
  request.query = "puffiness";
  auto all = recommender_->facets(request);
  ASSERT_TRUE(all) << all.error().message;
  auto facet = [](const recommender::FacetsResponse& r, const std::string& name) {
    for (const auto& [n, values] : r.facets) {
      if (n == name) return values;
    }
    return std::vector<recommender::FacetValue>{};
  };
  auto expert_types = facet(*all, "expert_type");
  ASSERT_GE(expert_types.size(), 2u) << "several kinds of expert talk about puffiness";
  EXPECT_FALSE(facet(*all, "brand").empty());
  EXPECT_FALSE(facet(*all, "price").empty());

  request.filters.expert_types = {"dermatologist"};
  auto narrowed = recommender_->facets(request);
  ASSERT_TRUE(narrowed);
  EXPECT_EQ(facet(*narrowed, "expert_type").size(), expert_types.size()) << "its own filter does not narrow it";

  auto search = recommender_->search(request);
  ASSERT_TRUE(search);
  ASSERT_FALSE(search->quotes.empty());
  for (const auto& hit : search->quotes) {
    ASSERT_TRUE(hit.quote.speaker);
    EXPECT_EQ(hit.quote.speaker->credential_class, CredentialClass::kDermatologist) << hit.quote.text;
  }

  // Filters alone, without words, still answer.
  recommender::SearchRequest only_filters;
  only_filters.filters.stances = {"warns"};
  auto warnings = recommender_->search(only_filters);
  ASSERT_TRUE(warnings);
  ASSERT_FALSE(warnings->quotes.empty());
  for (const auto& hit : warnings->quotes) EXPECT_EQ(hit.quote.stance, Stance::kWarns);
}

}  // namespace
}  // namespace beautyidx
