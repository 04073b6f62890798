// The crawler's sink into the index: pages arrive with the work its prepare() did on another
// thread; a page without that work is refused loudly, not prepared again on the crawl thread.
#include "pipeline/indexing_sink.h"

#include <gtest/gtest.h>

#include "../index_fixture.h"
#include "../shared_extractor.h"
#include "core/file.h"

namespace beautyidx::pipeline {
namespace {

class IndexingSinkTest : public test::IndexFixture {
 protected:
  ExtractedPage sample_article() {
    auto body = read_file(test::sample_blog() / "blog/gua-sha-mistakes/index.html");
    EXPECT_TRUE(body);
    return test::shared_extractor().extract({body ? *body : "", "https://sample.example/blog/gua-sha-mistakes/", ""});
  }
};

TEST_F(IndexingSinkTest, IndexesAPageWithItsPreparedWork) {
  IndexingSink sink(*writer_);
  ExtractedPage page = sample_article();
  ASSERT_TRUE(sink.page(page, sink.prepare(page)));
  ASSERT_TRUE(sink.commit(/*last=*/true));
  EXPECT_EQ(*store_->count(storage::Family::kArticles), 1u);
}

TEST_F(IndexingSinkTest, APageWithoutItsPreparedWorkIsAnInternalErrorAndIndexesNothing) {
  IndexingSink sink(*writer_);
  ExtractedPage page = sample_article();
  Status status = sink.page(page, nullptr);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().kind, ErrorKind::kInternal);
  EXPECT_NE(status.error().message.find("gua-sha-mistakes"), std::string::npos) << status.error().message;
  ASSERT_TRUE(sink.commit(/*last=*/true));
  EXPECT_EQ(*store_->count(storage::Family::kArticles), 0u);
}

}  // namespace
}  // namespace beautyidx::pipeline
