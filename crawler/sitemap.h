// Sitemaps (sitemaps.org urlset and sitemapindex, plain-text lists) and RSS/Atom feeds: the
// URLs they list. pugixml never expands external entities or reads DTDs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace beautyidx::crawler {

enum class SitemapType { kUrlSet, kIndex, kText, kRss, kAtom };

struct SitemapEntry {
  std::string url;
  std::optional<std::string> lastmod;
};

struct Sitemap {
  SitemapType type = SitemapType::kUrlSet;
  std::vector<SitemapEntry> entries;  // pages, or child sitemaps for an index
};

// `body` must already be decompressed. Relative locations are resolved against the sitemap's
// URL (sitemaps.org requires absolute ones, but real sites write relative ones too);
// non-http(s) locations are dropped.
Result<Sitemap> parse_sitemap(std::string_view body, std::string_view sitemap_url);

}  // namespace beautyidx::crawler
