// Related-article lists precomputed after a commit, served from their records, and refreshed for
// what a change touches.
#include "pipeline/related_refresh.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "../index_fixture.h"
#include "../roller_articles.h"
#include "../test_util.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"

namespace beautyidx::pipeline {
namespace {

ExtractedPage article(const std::string& slug, const std::string& text) {
  return test::roller_article(slug, "Rollers: " + slug, text);
}

const auto& kTexts = test::kRollerTexts;

size_t due_count(const storage::Store& store) {
  return test::count_keys(store, storage::Family::kMeta, schema::kRelatedDuePrefix);
}

bool names(const recommender::RelatedResponse& response, const std::string& url) {
  for (const auto& hit : response.related) {
    if (hit.article.url == url) return true;
  }
  return false;
}

class RelatedRefreshTest : public test::IndexFixture {
 protected:
  void SetUp() override {
    IndexFixture::SetUp();
    if (HasFatalFailure()) return;
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(writer_->index_page(article("post-" + std::to_string(i), kTexts[i])));
    ASSERT_TRUE(writer_->commit());
  }

  std::unique_ptr<recommender::Recommender> reader() { return open_reader(); }
};

TEST_F(RelatedRefreshTest, ListsAreComputedOnceAndServedFromTheirRecords) {
  EXPECT_EQ(due_count(*store_), 4u) << "every indexed article is due";
  auto rec = reader();
  ASSERT_TRUE(rec);
  auto report = refresh_related(*store_, *rec, 2);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->computed, 4u);
  EXPECT_EQ(due_count(*store_), 0u);
  auto again = refresh_related(*store_, *rec, 2);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->computed, 0u) << "nothing changed, nothing to compute";

  // The stored list is what related() answers: replace it, and the answer follows.
  auto stored = store_->get(storage::Family::kRelated, schema::related_list_key(indexer::article_id("https://glow.test/post-0/")));
  ASSERT_TRUE(stored && *stored);
  auto list = recommender::parse_stored_related(**stored);
  ASSERT_TRUE(list);
  ASSERT_FALSE(list->related.empty());
  list->related.resize(1);
  list->related[0].article.title = "Written by the test";
  ASSERT_TRUE(store_->put(storage::Family::kRelated, schema::related_list_key(indexer::article_id("https://glow.test/post-0/")),
                          recommender::stored_related(*list)));
  auto served = reader();
  recommender::RelatedRequest request;
  request.url = "https://glow.test/post-0/";
  request.min_results = 1;
  auto answer = served->related(request);
  ASSERT_TRUE(answer) << answer.error().message;
  ASSERT_EQ(answer->related.size(), 1u);
  EXPECT_EQ(answer->related[0].article.title, "Written by the test");
  request.min_results = 2;
  auto too_few = served->related(request);
  ASSERT_TRUE(too_few);
  EXPECT_TRUE(too_few->related.empty()) << "fewer stored matches than asked for: nothing";
}

TEST_F(RelatedRefreshTest, ABoundedRefreshLeavesTheRestDueWithoutComputingThemAsNeighbours) {
  auto rec = reader();
  ASSERT_TRUE(rec);
  auto first = refresh_related(*store_, *rec, 2, {}, 1);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->computed, 1u) << "the newcomer's neighbours are due anyway: they wait for their turn";
  EXPECT_EQ(due_count(*store_), 3u);
  auto rest = refresh_related(*store_, *rec, 2);
  ASSERT_TRUE(rest);
  EXPECT_EQ(due_count(*store_), 0u);
}

TEST_F(RelatedRefreshTest, AChangeRefreshesTheListsThatNameItAndANewcomersNeighbours) {
  auto rec = reader();
  ASSERT_TRUE(rec);
  ASSERT_TRUE(refresh_related(*store_, *rec, 1));

  // Removing post-1 makes its list and every list naming it due; the refresh drops it everywhere.
  ASSERT_TRUE(writer_->remove_url("https://glow.test/post-1/"));
  ASSERT_TRUE(writer_->commit());
  EXPECT_GE(due_count(*store_), 2u);
  auto fresh = reader();
  auto report = refresh_related(*store_, *fresh, 2);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->removed, 1u);
  for (int i : {0, 2, 3}) {
    recommender::RelatedRequest request;
    request.url = "https://glow.test/post-" + std::to_string(i) + "/";
    request.min_results = 0;
    auto answer = fresh->related(request);
    ASSERT_TRUE(answer);
    EXPECT_FALSE(names(*answer, "https://glow.test/post-1/")) << request.url;
  }
  EXPECT_FALSE(*store_->get(storage::Family::kRelated, schema::related_list_key(indexer::article_id("https://glow.test/post-1/"))));

  // A new article gets its list, and the articles it names look at it again.
  ASSERT_TRUE(writer_->index_page(article("post-new", kTexts[4])));
  ASSERT_TRUE(writer_->commit());
  auto newest = reader();
  auto added = refresh_related(*store_, *newest, 2);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->newcomers, 1u);
  EXPECT_GT(added->computed, 1u) << "its neighbours were refreshed too";
  // A reader opened before the refresh sees its lists once it refreshes (the server does so
  // every few seconds).
  ASSERT_TRUE(newest->refresh());
  recommender::RelatedRequest request;
  request.url = "https://glow.test/post-new/";
  request.min_results = 1;
  auto answer = newest->related(request);
  ASSERT_TRUE(answer);
  ASSERT_FALSE(answer->related.empty());
  request.url = answer->related[0].article.url;
  auto neighbour = newest->related(request);
  ASSERT_TRUE(neighbour);
  EXPECT_TRUE(names(*neighbour, "https://glow.test/post-new/")) << request.url << " now lists the newcomer";
}

// `beautyidx ingest` and `reindex`, and the admin reindex, leave the flush of the records to the
// refresh that ends their run: it must flush every family, not only the lists it wrote, so that
// a reader opening the database later finds no log to replay into memory.
TEST_F(RelatedRefreshTest, ItsFlushCoversWhatTheIndexerWroteBeforeIt) {
  auto log_bytes = [&] {
    size_t total = 0;
    for (const auto& entry : std::filesystem::directory_iterator(schema::records_dir(dir_.path()))) {
      if (entry.path().extension() == ".log") total += entry.file_size();
    }
    return total;
  };
  EXPECT_GT(log_bytes(), 0u) << "the indexer's records are in the log";
  auto rec = reader();
  ASSERT_TRUE(rec);
  ASSERT_TRUE(refresh_related(*store_, *rec, 2));
  rec.reset();
  writer_.reset();
  store_.reset();
  EXPECT_EQ(log_bytes(), 0u) << "the writer closed with records in the log only";
}

}  // namespace
}  // namespace beautyidx::pipeline
