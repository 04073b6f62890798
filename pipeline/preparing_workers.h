// Extraction and index preparation (indexer::prepare_page) on worker threads, for the bulk
// writers (ingest, reindex): raw pages go in in order and come back prepared in the same order,
// for the one Indexer, so the database is the same whatever the thread timing.
#pragma once

#include <memory>
#include <string>

#include "core/ordered_workers.h"
#include "crawler/content_coding.h"
#include "crawler/stored_page.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"

namespace beautyidx::pipeline {

struct RawPage {
  std::string body, url, content_type;
  std::string content_encoding;  // a stored page's content codings, undone on the worker
};

// A page whose content coding cannot be undone comes back as its error.
using PreparingWorkers = OrderedWorkers<RawPage, Result<indexer::PreparedPage>>;

// One worker per hardware thread: the indexing thread mostly waits on Xapian and RocksDB, and
// extraction is the larger share of the work. `extractor` must outlive them.
inline std::unique_ptr<PreparingWorkers> make_preparing_workers(const extract::Extractor& extractor) {
  const size_t threads = default_worker_threads();
  auto prepare = [&extractor](RawPage& raw) -> Result<indexer::PreparedPage> {
    if (!raw.content_encoding.empty()) {
      auto body = crawler::decode_content_coding(raw.body, raw.content_encoding, crawler::kMaxStoredBodyBytes);
      if (!body) return std::unexpected(body.error());
      raw.body = std::move(*body);
    }
    return indexer::prepare_page(extractor.extract({raw.body, raw.url, raw.content_type}));
  };
  return std::make_unique<PreparingWorkers>(threads, prepare, 4 * threads + 4);
}

}  // namespace beautyidx::pipeline
