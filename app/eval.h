// `beautyidx eval`: extraction quality against the gold-annotated sample blog.
#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"
#include "extract/extractor.h"

namespace beautyidx::app {

struct EvalOptions {
  std::filesystem::path gold_dir;  // gold/*.json
  std::filesystem::path site_dir;  // the pages they describe; default: the gold dir's parent
  bool json = false;
  bool verbose = false;  // list every miss
};

// Prints the per-field table (or JSON) to stdout. Fails only when the gold cannot be read.
Status run_eval(const extract::Extractor& extractor, const EvalOptions& options);

}  // namespace beautyidx::app
