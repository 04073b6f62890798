// Extraction and index preparation (indexer::prepare_page) on worker threads, for the bulk
// writers (ingest, reindex): raw pages go in in order and come back prepared in the same order,
// for the one Indexer, so the database is the same whatever the thread timing.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <thread>

#include "core/ordered_workers.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"

namespace beautyidx::pipeline {

struct RawPage {
  std::string body, url, content_type;
};

using PreparingWorkers = OrderedWorkers<RawPage, indexer::PreparedPage>;

// `threads` workers (0: every hardware thread, since the indexing thread mostly waits on Xapian
// and RocksDB while extraction is the larger share of the work). `extractor` must outlive them.
inline std::unique_ptr<PreparingWorkers> make_preparing_workers(const extract::Extractor& extractor, size_t threads = 0) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  auto prepare = [&extractor](RawPage& raw) {
    return indexer::prepare_page(extractor.extract({raw.body, raw.url, raw.content_type}));
  };
  return std::make_unique<PreparingWorkers>(threads, prepare, 4 * threads + 4);
}

}  // namespace beautyidx::pipeline
