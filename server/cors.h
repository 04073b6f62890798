// CORS for the public GET API: which web origins may read its answers from a browser, and the
// headers that tell the browser so. Private to the server folder.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/api.h"

namespace beautyidx::server {

// `origin` as it is compared: scheme and host lowercased, a trailing "/" and the scheme's default
// port dropped ("HTTPS://Blog.Example:443/" -> "https://blog.example"). Browsers send Origin in
// that form already; operators type --cors-origin values in any form.
std::string canonical_origin(std::string_view origin);

// True when a page from `origin` (an Origin request header) may read the API. An empty list or
// one holding "*" allows any origin (see ApiOptions).
bool origin_allowed(const std::vector<std::string>& allowed, std::string_view origin);

// Adds `Vary: Origin` and, when the request's Origin is allowed, Access-Control-Allow-Origin:
// "*" when any origin is allowed (so shared caches keep one copy), else the origin itself.
void add_cors_headers(const ApiOptions& options, const ApiRequest& request, ApiResponse& response);

// The 204 answer to an OPTIONS preflight for a GET endpoint. A disallowed origin gets the 204
// without Access-Control-Allow-Origin, which makes the browser refuse the real request.
ApiResponse preflight_response(const ApiOptions& options, const ApiRequest& request);

}  // namespace beautyidx::server
