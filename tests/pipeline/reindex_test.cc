// `beautyidx reindex`: the index is rebuilt from stored pages alone.
#include "pipeline/reindex.h"

#include <gtest/gtest.h>

#include "../test_util.h"
#include "core/file.h"
#include "crawler/stored_page.h"
#include "indexer/schema.h"

namespace beautyidx::pipeline {
namespace {

TEST(ReindexTest, RebuildsTheIndexFromStoredPagesWithoutFetching) {
  test::TempDir dir;
  auto extractor = extract::Extractor::load(test::data_dir());
  ASSERT_TRUE(extractor);
  auto store = storage::Store::open(schema::records_dir(dir.path()));
  ASSERT_TRUE(store);
  // Three sample-blog articles and one listing page, stored as a crawl would have stored them:
  // one body as the server gzipped it.
  size_t stored = 0;
  for (const char* path : {"blog/do-facial-workouts-work", "blog/gua-sha-mistakes", "best/de-puffing-tools-under-50", "tag/gua-sha"}) {
    auto body = read_file(test::sample_blog() / path / "index.html");
    if (!body) continue;
    std::string url = std::string("https://sample.example/") + path + "/";
    crawler::StoredPage page{.url = url, .content_type = "text/html", .body = *body};
    if (stored == 1) {
      page.content_encoding = "gzip";
      page.body = test::gzip(*body);
    }
    ASSERT_TRUE((*store)->put(storage::Family::kPages, url, crawler::encode_stored_page(page)));
    ++stored;
  }
  ASSERT_EQ(stored, 4u);
  ASSERT_TRUE((*store)->put(storage::Family::kPages, "https://sample.example/broken/", "no header line"));
  ASSERT_TRUE((*store)->put(storage::Family::kPages, "https://sample.example/corrupt/",
                            crawler::encode_stored_page({.url = "https://sample.example/corrupt/",
                                                         .content_encoding = "gzip", .body = "not gzip"})));
  auto indexer = indexer::Indexer::open(dir.path(), **store);
  ASSERT_TRUE(indexer);
  auto report = reindex(**store, **indexer, *extractor, 2);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->pages, 6u);
  EXPECT_EQ(report->articles, 3u);
  EXPECT_EQ(report->other_pages, 1u);
  EXPECT_EQ(report->unreadable, 2u) << "a record without a header, and a body that is not the gzip it claims";
  EXPECT_EQ(*(*store)->count(storage::Family::kArticles), 3u);

  // Running it again replaces; nothing is duplicated, and the two databases agree.
  auto again = reindex(**store, **indexer, *extractor);
  ASSERT_TRUE(again);
  EXPECT_EQ(*(*store)->count(storage::Family::kArticles), 3u);
  auto check = (*indexer)->check(false);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->articles, 3u);
  EXPECT_EQ(check->mismatched + check->orphans + check->dangling_urls, 0u);
}

}  // namespace
}  // namespace beautyidx::pipeline
