// Internal to extract/: title, authors, dates and canonical URL with a fixed precedence.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "extract/html_blocks.h"

namespace beautyidx::extract {

struct ResolvedMetadata {
  std::string title;
  std::vector<std::string> authors;
  std::optional<std::string> published;  // YYYY-MM-DD
  std::optional<std::string> modified;
  std::string canonical_href;
  std::string site_name;
  std::string description;
  std::string language;
  std::string image;  // as written; the extractor resolves it
  std::vector<std::string> tags;
  bool typed_as_article = false;  // og:type article or a JSON-LD Article type
};

// Precedence: JSON-LD (Article/BlogPosting/NewsArticle, @graph included), then OpenGraph and
// meta tags, then the page's <h1>, <time> and byline, then <title> without the site suffix.
// `json_ld` is parse_json_ld(meta.json_ld).
ResolvedMetadata resolve_metadata(const HtmlMetadata& meta, const std::vector<nlohmann::json>& json_ld);

// A page's JSON-LD scripts, parsed once for the metadata and the structured products (a Yoast
// graph is a few kilobytes, and parsing it twice was 3% of an extraction). Unreadable ones
// are left out.
std::vector<nlohmann::json> parse_json_ld(const std::vector<std::string>& scripts);

// "2026-03-14T09:00:00+00:00", "2026-03-14" -> "2026-03-14"; "March 14, 2026" too.
std::optional<std::string> normalize_date(std::string_view text);

// "Title | Site", "Title – Site" -> "Title" (the part that is not the site name, or the longest).
// `removed`, when given, receives the side that was cut off.
std::string strip_site_suffix(const std::string& title, const std::string& site_name, std::string* removed = nullptr);

// "By Jane Doe and John Roe" -> {"Jane Doe", "John Roe"}.
std::vector<std::string> split_authors(std::string_view byline);

}  // namespace beautyidx::extract
