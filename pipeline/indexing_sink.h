// Wires a crawl to the index: the crawler's PageSink implemented by the Indexer. The one
// place that knows both, so the binary, tests and benches build the same pipeline.
#pragma once

#include "crawler/crawler.h"
#include "indexer/indexer.h"

namespace beautyidx::pipeline {

class IndexingSink : public crawler::PageSink {
 public:
  explicit IndexingSink(indexer::Indexer& indexer) : indexer_(indexer) {}
  Status page(const ExtractedPage& page) override { return indexer_.index_page(page); }
  Status gone(const std::string& url) override { return indexer_.remove_url(url); }
  Status commit() override { return indexer_.commit(); }

 private:
  indexer::Indexer& indexer_;
};

}  // namespace beautyidx::pipeline
