// `beautyidx eval --queries`: answer quality on judged questions about the sample blog.
#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"
#include "recommender/recommender.h"

namespace beautyidx::app {

struct QueryEvalOptions {
  std::filesystem::path queries;  // data/eval/queries.json
  std::string origin;             // where the sample blog was crawled or ingested ("https://host:port")
  bool json = false;
  bool verbose = false;  // list every query with its score
};

// Prints precision@3 for recommend and search questions, budget violations (any pick outside
// the asked budget; must be 0), budget-reading mismatches, and related precision@5, for an
// index of the sample blog at `origin`. Judgments name articles by path.
Status run_query_eval(const recommender::Recommender& recommender, const QueryEvalOptions& options);

}  // namespace beautyidx::app
