// Indexes local files as if they were published under a base URL: `beautyidx ingest`, and the
// query evaluation's throwaway index of the sample blog.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"
#include "storage/store.h"

namespace beautyidx::pipeline {

struct IngestReport {
  size_t files = 0;     // HTML and text files read
  size_t articles = 0;  // of them, indexed as articles
};

// Reads every .html/.htm/.txt file under each path (folders recursively, in name order); a
// file's URL is `base_url` + its path relative to the folder ("a/index.html" -> "a/"). Raw
// pages are stored like crawled ones, so `reindex` covers them. Commits at the end.
Result<IngestReport> ingest(storage::Store& store, indexer::Indexer& indexer, const extract::Extractor& extractor,
                            const std::vector<std::filesystem::path>& paths, const std::string& base_url);

}  // namespace beautyidx::pipeline
