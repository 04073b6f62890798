#include "server/cors.h"

#include <algorithm>

#include "core/text.h"

namespace beautyidx::server {
namespace {

bool allows_any(const std::vector<std::string>& allowed) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
}

std::string header(const ApiRequest& request, const char* name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? std::string() : it->second;
}

}  // namespace

std::string canonical_origin(std::string_view origin) {
  std::string out = to_lower_ascii(trim(origin));
  if (!out.empty() && out.back() == '/') out.pop_back();
  struct DefaultPort {
    std::string_view scheme, port;
  };
  for (DefaultPort d : {DefaultPort{"https://", ":443"}, DefaultPort{"http://", ":80"}}) {
    if (out.starts_with(d.scheme) && out.ends_with(d.port)) out.resize(out.size() - d.port.size());
  }
  return out;
}

bool origin_allowed(const std::vector<std::string>& allowed, std::string_view origin) {
  if (allows_any(allowed)) return true;
  std::string wanted = canonical_origin(origin);
  if (wanted.empty()) return false;
  return std::any_of(allowed.begin(), allowed.end(),
                     [&](const std::string& a) { return canonical_origin(a) == wanted; });
}

void add_cors_headers(const ApiOptions& options, const ApiRequest& request, ApiResponse& response) {
  // Whether Access-Control-Allow-Origin is sent, and under an allow-list its value, depend on
  // the request's Origin: a shared cache must not hand one origin's answer to another.
  response.headers["Vary"] = "Origin";
  std::string origin = header(request, "origin");
  if (origin.empty()) return;  // not a cross-origin browser request
  if (allows_any(options.cors_origins)) {
    // assign(1, '*'): GCC 12 at -O3 reports a false -Wrestrict for operator=("*") here.
    response.headers["Access-Control-Allow-Origin"].assign(1, '*');
  } else if (origin_allowed(options.cors_origins, origin)) {
    response.headers["Access-Control-Allow-Origin"] = origin;
  } else {
    return;
  }
  // Lets a page's script compare ETags; everything else it reads is in the body.
  response.headers["Access-Control-Expose-Headers"] = "ETag";
}

ApiResponse preflight_response(const ApiOptions& options, const ApiRequest& request) {
  ApiResponse response{204, "", "", {}};
  add_cors_headers(options, request, response);
  if (response.headers.contains("Access-Control-Allow-Origin")) {
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS";
    response.headers["Access-Control-Allow-Headers"] = "Accept, Cache-Control, If-None-Match";
    response.headers["Access-Control-Max-Age"] = "86400";
  }
  response.headers["Cache-Control"] = "no-store";
  return response;
}

}  // namespace beautyidx::server
