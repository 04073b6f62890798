// The HTTP API as plain functions: a request (method, path, query parameters, headers) in, a
// response (status, body, headers) out. The route table, the mapping of error kinds to HTTP
// status, CORS and conditional GETs live here and nowhere else, so everything a client sees can
// be tested by calling handle() directly.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "recommender/recommender.h"

namespace beautyidx::server {

struct ApiRequest {
  std::string method = "GET";
  std::string path;
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> headers;  // names in lowercase ("origin", "if-none-match")
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;  // besides Content-Type ("ETag", "Vary", ...)
};

struct ApiOptions {
  // Origins ("https://blog.example", scheme://host[:port]) whose pages may read the GET API from
  // a browser, i.e. embed the widget; "*" allows any. Empty, the default, also allows any: every
  // GET endpoint is public, read-only and answered without cookies, so an allow-list hides
  // nothing from curl; it only lets an operator choose which sites may embed the widget.
  std::vector<std::string> cors_origins;
};

// Routes a request:
//   /healthz, /api/v1/recommend, /api/v1/search, /api/v1/related, /api/v1/stats,
//   /api/v1/widget        cards for the embeddable widget (kind=related|shop|experts)
//   /widget.js            the widget itself, embedded in the binary
//   /widget/{kind}.html   the same cards rendered on the server, for pages without JavaScript
// Unknown paths answer 404; bad parameters 400 with {"error": {"code", "message"}} (the .html
// pages: a short HTML page); methods other than GET and HEAD 405, except OPTIONS on /api/v1/* and
// /widget.js, which is a CORS preflight. Those routes carry CORS headers per `options`. Widget,
// related, .html and widget.js answers carry an ETag and "Cache-Control: public, max-age=N" and
// become a bodiless 304 when If-None-Match names the ETag; everything else is "no-store".
// Never throws. Thread-safe.
ApiResponse handle(const recommender::Recommender& recommender, const ApiOptions& options,
                   const ApiRequest& request);
// The same with default options (any origin).
ApiResponse handle(const recommender::Recommender& recommender, const ApiRequest& request);

// Checks one --cors-origin value: "*" or scheme://host[:port] with an http(s) scheme and nothing
// after the authority. kInvalidArgument with the reason otherwise.
Status check_cors_origin(std::string_view origin);

int http_status(ErrorKind kind);
ApiResponse error_response(int status, const std::string& code, const std::string& message);

}  // namespace beautyidx::server
