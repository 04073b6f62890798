// Conditional GETs for answers that shared caches and browsers may keep: an ETag computed from
// the body, Cache-Control, and a bodiless 304 when the client already holds that body. Private
// to the server folder.
#pragma once

#include <string>
#include <string_view>

#include "server/api.h"

namespace beautyidx::server {

// W/"<16 hex digits>" from a 64-bit FNV-1a hash of `body`. Weak because the HTTP layer may
// gzip or brotli the body, and a strong tag would then have to differ per encoding. The hash
// is no security boundary: a collision only serves a stale copy for max-age.
std::string content_etag(std::string_view body);

// True when an If-None-Match header value ("*", or a list of entity tags, weak or strong)
// names `etag`, under the weak comparison RFC 9110 prescribes for If-None-Match.
bool if_none_match_matches(std::string_view if_none_match, std::string_view etag);

// For a 200 answer: sets ETag and "Cache-Control: public, max-age=N"; when the request's
// If-None-Match names the ETag, turns the answer into a 304 with the same headers and no body.
// Other statuses get "Cache-Control: no-store" (a 404 may become a 200 after the next crawl).
void make_cacheable(const ApiRequest& request, int max_age_seconds, ApiResponse& response);

}  // namespace beautyidx::server
