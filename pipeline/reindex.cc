#include "pipeline/reindex.h"

#include <chrono>

#include "crawler/stored_page.h"
#include "pipeline/preparing_workers.h"

namespace beautyidx::pipeline {

Result<ReindexReport> reindex(storage::Store& store, indexer::Indexer& indexer, const extract::Extractor& extractor,
                              size_t commit_every, const std::function<void(const ReindexReport&)>& progress) {
  ReindexReport report;
  auto started = std::chrono::steady_clock::now();
  Status failure;
  size_t since_commit = 0;
  // Every page is indexed again, so counting product tallies page by page would only be undone:
  // they are counted once, from the new offers, at the end.
  indexer.defer_catalog(true);
  struct Undefer {
    indexer::Indexer& indexer;
    ~Undefer() { indexer.defer_catalog(false); }
  } undefer{indexer};
  auto workers = make_preparing_workers(extractor);
  auto index_prepared = [&](Result<indexer::PreparedPage> prepared_or_error) -> Status {
    if (!prepared_or_error) {  // a body whose content coding cannot be undone
      ++report.unreadable;
      return {};
    }
    indexer::PreparedPage prepared = std::move(*prepared_or_error);
    const ExtractedPage& page = prepared.page();
    if (page.kind == PageKind::kArticle && !page.noindex) ++report.articles;
    else ++report.other_pages;
    if (auto s = indexer.index_prepared(std::move(prepared)); !s) return s;
    if (++since_commit >= commit_every) {
      since_commit = 0;
      if (auto s = indexer.checkpoint(); !s) return s;
    }
    if (progress) progress(report);
    return {};
  };
  // Visiting holds a RocksDB iterator; index_prepared writes to other families, which is safe.
  auto status = store.scan(storage::Family::kPages, "", [&](std::string_view key, std::string_view value) {
    ++report.pages;
    auto stored = crawler::decode_stored_page(value);
    if (!stored) {
      ++report.unreadable;
      return true;
    }
    std::string url = stored->url.empty() ? std::string(key) : stored->url;
    auto oldest = workers->submit(
        {std::move(stored->body), std::move(url), std::move(stored->content_type), std::move(stored->content_encoding)});
    if (oldest) failure = index_prepared(std::move(*oldest));
    return static_cast<bool>(failure);
  });
  while (status && failure && !workers->empty()) failure = index_prepared(workers->take());
  if (!status) return std::unexpected(status.error());
  if (!failure) return std::unexpected(failure.error());
  if (auto s = indexer.commit(); !s) return std::unexpected(s.error());
  if (auto products = indexer.rebuild_catalog(); !products) return std::unexpected(products.error());
  if (auto s = store.flush(); !s) return std::unexpected(s.error());
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace beautyidx::pipeline
