// Rebuilds the index from the raw pages kept in the Pages family, with the current extractor
// and without fetching anything: how a database gets each extractor improvement.
#pragma once

#include <functional>

#include "core/error.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"
#include "storage/store.h"

namespace beautyidx::pipeline {

struct ReindexReport {
  size_t pages = 0;      // stored pages read
  size_t articles = 0;   // indexed as articles
  size_t other_pages = 0;  // listings, noindex and other pages: they index nothing (and leave if they were in)
  size_t unreadable = 0;  // stored records that could not be decoded (header or content coding)
  double seconds = 0;
};

// Re-extracts and re-indexes every stored page, committing every `commit_every` pages.
// `progress` (optional) is called after each page.
Result<ReindexReport> reindex(storage::Store& store, indexer::Indexer& indexer, const extract::Extractor& extractor,
                              size_t commit_every = 200,
                              const std::function<void(const ReindexReport&)>& progress = {});

}  // namespace beautyidx::pipeline
