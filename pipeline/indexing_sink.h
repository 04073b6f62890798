// Wires a crawl to the index: the crawler's PageSink implemented by the Indexer. The one
// place that knows both, so the binary, tests and benches build the same pipeline.
#pragma once

#include "crawler/crawler.h"
#include "indexer/indexer.h"

namespace beautyidx::pipeline {

class IndexingSink : public crawler::PageSink {
 public:
  explicit IndexingSink(indexer::Indexer& indexer) : indexer_(indexer) {}
  // Always builds the page's search documents: page() relies on it.
  std::unique_ptr<crawler::PreparedPageWork> prepare(const ExtractedPage& page) const override {
    return std::make_unique<Prepared>(indexer::prepare_page(page));
  }
  // REQUIRES: `prepared` is what this sink's prepare() returned for `page`, as the crawler
  // passes it. Anything else (null, another sink's work) is a caller's bug, reported as a
  // kInternal error rather than quietly prepared again on the crawl thread, which would hide the
  // lost parallelism; a caller without prepared work calls Indexer::index_page itself.
  Status page(const ExtractedPage& page, std::unique_ptr<crawler::PreparedPageWork> prepared) override {
    auto* built = dynamic_cast<Prepared*>(prepared.get());
    if (built == nullptr) {
      return make_error(ErrorKind::kInternal, "index " + page.url + ": without IndexingSink::prepare's work");
    }
    return indexer_.index_prepared(std::move(built->page));
  }
  Status gone(const std::string& url) override { return indexer_.remove_url(url); }
  Status commit(bool last) override { return last ? indexer_.commit() : indexer_.checkpoint(); }

 private:
  struct Prepared : crawler::PreparedPageWork {
    explicit Prepared(indexer::PreparedPage prepared) : page(std::move(prepared)) {}
    indexer::PreparedPage page;
  };
  indexer::Indexer& indexer_;
};

}  // namespace beautyidx::pipeline
