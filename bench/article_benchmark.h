// The public article-body benchmark (../shared/benchmarks/article-extraction): loading its
// gzipped pages and ground truth, and its metric — 4-word shingles of \w+ tokens, precision and
// recall per document, averaged, F1 from the averages.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"

namespace beautyidx::bench {

struct BenchmarkPage {
  std::string id;
  std::string url;
  std::string html;           // decompressed bytes
  std::string expected_body;  // ground-truth articleBody
};

Result<std::vector<BenchmarkPage>> load_article_benchmark(const std::filesystem::path& dir);

struct ShingleScore {
  double precision = 0;
  double recall = 0;
  double f1() const { return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall); }
};

// One document's precision and recall of `predicted` against `expected`.
ShingleScore score_document(const std::string& expected, const std::string& predicted);

}  // namespace beautyidx::bench
