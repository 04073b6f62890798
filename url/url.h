// URL parsing, resolution and normalisation on top of libcurl's URL API (CURLU), so the crawler
// and the extractor agree on what a URL is. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace beautyidx::url {

// Resolves `href` against `base` (RFC 3986), returning an absolute http(s) URL with the
// fragment removed. Fails for other schemes (mailto:, javascript:) and malformed input.
Result<std::string> resolve(std::string_view base, std::string_view href);

// The canonical form used as a key everywhere: lowercase scheme and host, default port and
// fragment dropped, dot segments removed, empty path -> "/", tracking parameters (utm_*,
// fbclid, gclid, mc_cid, mc_eid) dropped. Fails for non-http(s) or malformed URLs.
Result<std::string> normalize(std::string_view absolute_url);

struct Parts {
  std::string scheme;
  std::string host;  // lowercase, without brackets for IPv6
  int port = 0;      // explicit or default for the scheme
  std::string path;  // with the query, as sent in a request line
};
Result<Parts> split(std::string_view absolute_url);

// "https://a.example.com:8443/x" -> "https://a.example.com:8443". Empty on failure.
std::string origin(std::string_view absolute_url);

}  // namespace beautyidx::url
