#include "pipeline/reindex.h"

#include <chrono>

#include "crawler/stored_page.h"

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
  // Visiting holds a RocksDB iterator; index_page writes to other families, which is safe.
  auto status = store.scan(storage::Family::kPages, "", [&](std::string_view key, std::string_view value) {
    ++report.pages;
    auto stored = crawler::decode_stored_page(value);
    if (!stored) {
      ++report.unreadable;
      return true;
    }
    std::string url = stored->url.empty() ? std::string(key) : stored->url;
    ExtractedPage page = extractor.extract({stored->body, url, stored->content_type});
    if (page.kind == PageKind::kArticle && !page.noindex) ++report.articles;
    else ++report.other_pages;
    if (auto s = indexer.index_page(page); !s) {
      failure = s;
      return false;
    }
    if (++since_commit >= commit_every) {
      since_commit = 0;
      if (auto s = indexer.commit(); !s) {
        failure = s;
        return false;
      }
    }
    if (progress) progress(report);
    return true;
  });
  if (!status) return std::unexpected(status.error());
  if (!failure) return std::unexpected(failure.error());
  if (auto s = indexer.commit(); !s) return std::unexpected(s.error());
  if (auto products = indexer.rebuild_catalog(); !products) return std::unexpected(products.error());
  if (auto s = store.flush(); !s) return std::unexpected(s.error());
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace beautyidx::pipeline
