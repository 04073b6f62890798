// URLs the server asks the next crawl to fetch: posts a blog's widget asked about that the index
// does not have yet. A plain file beside the database (DB/crawl-requests.txt, one URL a line),
// because the server only reads the databases and the crawl that holds them may be running.
// The server appends; a crawl takes the file over at its start and lets it go once done, so
// requests made while it runs wait for the next one and a crawl that dies loses none.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "crawler/crawler.h"
#include "indexer/indexer.h"

namespace beautyidx::pipeline {

// Appends one request (a line) to the database's request file, creating it when needed.
Status append_crawl_request(const std::filesystem::path& db_dir, const std::string& url);

// The requests waiting for a crawl, each once, including those a crawl that did not finish had
// taken. They stay on disk until release_crawl_requests().
Result<std::vector<std::string>> take_crawl_requests(const std::filesystem::path& db_dir);

// Ends what take_crawl_requests() began: `unserved` (requests this crawl did not cover, e.g.
// for another site) go back to wait for a later crawl; the rest are gone.
Status release_crawl_requests(const std::filesystem::path& db_dir, const std::vector<std::string>& unserved);

// A crawl into the index of `db_dir` that also serves the waiting requests: it takes them,
// crawls those its scope covers (CrawlOptions::requested) and releases the others to wait for
// a crawl of theirs, unless `stop` ended it early (then they all wait). What `beautyidx crawl`
// and the server's admin crawls run.
Result<crawler::CrawlReport> crawl_serving_requests(const std::filesystem::path& db_dir, storage::Store& store,
                                                    indexer::Indexer& indexer, const extract::Extractor& extractor,
                                                    crawler::CrawlOptions options, const std::atomic<bool>* stop,
                                                    const crawler::ProgressCallback& progress = {});

}  // namespace beautyidx::pipeline
