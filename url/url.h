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

// The canonical form used as a key everywhere: lowercase scheme and host (a host beyond ASCII
// in its IDNA form, "xn--..."), default port and fragment dropped, dot segments removed, empty
// path -> "/", tracking parameters (utm_*, fbclid, gclid, mc_cid, mc_eid) dropped. Fails for
// non-http(s) or malformed URLs.
Result<std::string> normalize(std::string_view absolute_url);

struct Parts {
  std::string scheme;
  std::string host;  // lowercase, without brackets for IPv6
  int port = 0;      // explicit or default for the scheme
  std::string path;  // with the query, as sent in a request line
};
Result<Parts> split(std::string_view absolute_url);

// Resolves many references against one base, parsing the base once (a page's links).
// Not thread-safe; cheap to create.
class LinkResolver {
 public:
  explicit LinkResolver(std::string_view base);
  ~LinkResolver();
  LinkResolver(const LinkResolver&) = delete;
  LinkResolver& operator=(const LinkResolver&) = delete;

  Result<std::string> resolve(std::string_view href) const;             // as url::resolve
  Result<std::string> resolve_normalized(std::string_view href) const;  // resolve, then normalize

 private:
  void* base_ = nullptr;  // CURLU*, kept out of this header
  Error error_;
  std::string origin_;  // "https://host[:port]" of the base, for the fast path
};

// "https://a.example.com:8443/x" -> "https://a.example.com:8443". Empty on failure.
std::string origin(std::string_view absolute_url);

}  // namespace beautyidx::url
