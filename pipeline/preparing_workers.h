// Extraction and index preparation (indexer::prepare_page) on worker threads, for the bulk
// writers (ingest, reindex): raw pages go in in order and come back prepared in the same order,
// for the one Indexer, so the database is the same whatever the thread timing.
#pragma once

#include <memory>
#include <string>

#include "core/ordered_workers.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"

namespace beautyidx::pipeline {

struct RawPage {
  std::string body, url, content_type;
};

using PreparingWorkers = OrderedWorkers<RawPage, indexer::PreparedPage>;

// One worker per hardware thread: the indexing thread mostly waits on Xapian and RocksDB, and
// extraction is the larger share of the work. `extractor` must outlive them.
inline std::unique_ptr<PreparingWorkers> make_preparing_workers(const extract::Extractor& extractor) {
  const size_t threads = default_worker_threads();
  auto prepare = [&extractor](RawPage& raw) {
    return indexer::prepare_page(extractor.extract({raw.body, raw.url, raw.content_type}));
  };
  return std::make_unique<PreparingWorkers>(threads, prepare, 4 * threads + 4);
}

}  // namespace beautyidx::pipeline
