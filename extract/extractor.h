// The extractor: one fetched page in, everything a reader trusts out (main text, metadata,
// experts' quotes, priced products, concerns and techniques). Immutable after load; one
// Extractor may serve many threads at once.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/model.h"
#include "core/taxonomy.h"
#include "extract/catalog.h"

namespace beautyidx::extract {

struct ExtractInput {
  std::string_view body;          // raw bytes as fetched or read
  std::string url;                // absolute URL the page was fetched from
  std::string content_type;       // HTTP Content-Type, or "" to sniff (text/plain for .txt)
};

struct ExtractorOptions {
  // Pages larger than this are cut before parsing, keeping time and memory bounded.
  size_t max_input_bytes = 12 * 1024 * 1024;
};

class Extractor {
 public:
  Extractor(Taxonomy taxonomy, Catalog catalog, ExtractorOptions options = {});

  // Loads taxonomy.json, retailers.json and brands.txt from `data_dir`.
  static Result<Extractor> load(const std::filesystem::path& data_dir, ExtractorOptions options = {});

  // Never fails: malformed input yields a page of kind "other" with whatever could be read.
  ExtractedPage extract(const ExtractInput& input) const;

  const Taxonomy& taxonomy() const { return taxonomy_; }
  const Catalog& catalog() const { return catalog_; }

 private:
  Taxonomy taxonomy_;
  Catalog catalog_;
  ExtractorOptions options_;
};

}  // namespace beautyidx::extract
