// A small real index for server tests: pages run through the real extractor and indexer into
// RocksDB and Xapian in a temp dir, and a Recommender reading it. Build once per test suite.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "../test_util.h"
#include "core/error.h"
#include "core/taxonomy.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "recommender/recommender.h"
#include "storage/store.h"

namespace beautyidx::test {

struct IndexedPage {
  std::string url;  // where the page is published
  std::string html;
};

// A page of data/sample-blog ("blog/gua-sha-mistakes") as published under `origin`.
inline IndexedPage sample_page(const std::string& path,
                               const std::string& origin = "http://glow.test") {
  return {origin + "/" + path + "/", read_file(sample_blog() / path / "index.html")};
}

class TestIndex {
 public:
  // Errors: a page without HTML or that cannot be indexed, or a database that will not open.
  static Result<std::unique_ptr<TestIndex>> build(const std::vector<IndexedPage>& pages) {
    auto index = std::unique_ptr<TestIndex>(new TestIndex());
    auto extractor = extract::Extractor::load(data_dir());
    if (!extractor) return std::unexpected(extractor.error());
    {
      auto store = storage::Store::open(schema::records_dir(index->dir_.path()));
      if (!store) return std::unexpected(store.error());
      auto indexer = indexer::Indexer::open(index->dir_.path(), **store);
      if (!indexer) return std::unexpected(indexer.error());
      for (const IndexedPage& page : pages) {
        if (page.html.empty()) return make_error(ErrorKind::kIo, "no HTML for " + page.url);
        ExtractedPage extracted = extractor->extract({page.html, page.url, ""});
        if (auto s = (*indexer)->index_page(extracted); !s)
          return std::unexpected(s.error().with_context(page.url));
      }
      if (auto s = (*indexer)->commit(); !s) return std::unexpected(s.error());
    }
    auto taxonomy = Taxonomy::load(data_dir() / "taxonomy.json");
    if (!taxonomy) return std::unexpected(taxonomy.error());
    auto reader = recommender::Recommender::open(index->dir_.path(), std::move(*taxonomy));
    if (!reader) return std::unexpected(reader.error());
    index->recommender_ = std::move(*reader);
    return index;
  }

  // Non-const because HttpServer refreshes it; handle() only reads.
  recommender::Recommender& recommender() const { return *recommender_; }
  // The database folder (records/ and xapian/), for a second reader or a writer.
  const std::filesystem::path& path() const { return dir_.path(); }

 private:
  TestIndex() = default;
  TempDir dir_;
  std::unique_ptr<recommender::Recommender> recommender_;
};

}  // namespace beautyidx::test
