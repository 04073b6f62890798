#include "pipeline/ingest.h"

#include <algorithm>

#include "core/file.h"
#include "crawler/stored_page.h"
#include "pipeline/preparing_workers.h"
#include "url/url.h"

namespace beautyidx::pipeline {

namespace fs = std::filesystem;

Result<IngestReport> ingest(storage::Store& store, indexer::Indexer& indexer, const extract::Extractor& extractor,
                            const std::vector<fs::path>& paths, const std::string& base_url) {
  IngestReport report;
  std::string base = base_url.ends_with("/") ? base_url : base_url + "/";
  auto workers = make_preparing_workers(extractor);
  auto index_prepared = [&](Result<indexer::PreparedPage> prepared) -> Status {
    if (!prepared) return std::unexpected(prepared.error());  // files have no content coding to fail
    if (prepared->page().kind == PageKind::kArticle) ++report.articles;
    return indexer.index_prepared(std::move(*prepared));
  };
  auto ingest_file = [&](const fs::path& file, const fs::path& root) -> Status {
    std::string ext = file.extension().string();
    if (ext != ".html" && ext != ".htm" && ext != ".txt") return {};
    auto body = read_file(file);
    if (!body) return std::unexpected(body.error());
    std::string relative = fs::is_directory(root) ? fs::relative(file, root).generic_string() : file.filename().string();
    if (relative.ends_with("index.html")) relative.resize(relative.size() - 10);
    auto page_url = url::resolve(base, relative);
    if (!page_url) return std::unexpected(page_url.error());
    std::string content_type = ext == ".txt" ? "text/plain" : "";
    // Unsynced, like the index records: the commit at the end makes both durable at once.
    storage::WriteBatch batch;
    batch.put(storage::Family::kPages, *page_url,
              crawler::encode_stored_page({.url = *page_url, .content_type = content_type, .body = *body}));
    if (auto s = store.write(batch, /*sync=*/false); !s) return s;
    ++report.files;
    auto oldest = workers->submit({std::move(*body), *page_url, content_type});
    return oldest ? index_prepared(std::move(*oldest)) : Status{};
  };
  for (const auto& path : paths) {
    if (fs::is_directory(path)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) found.push_back(entry.path());
      }
      std::sort(found.begin(), found.end());
      for (const auto& file : found) {
        if (auto s = ingest_file(file, path); !s) return std::unexpected(s.error());
      }
    } else if (auto s = ingest_file(path, path.parent_path()); !s) {
      return std::unexpected(s.error());
    }
  }
  while (!workers->empty()) {
    if (auto s = index_prepared(workers->take()); !s) return std::unexpected(s.error());
  }
  if (auto s = indexer.commit(); !s) return std::unexpected(s.error());
  if (auto s = store.flush(); !s) return std::unexpected(s.error());
  return report;
}

}  // namespace beautyidx::pipeline
