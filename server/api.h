// The HTTP API as plain functions: a request (method, path, query parameters, headers, body) in,
// a response (status, body, headers) out. The route table, the mapping of error kinds to HTTP
// status, CORS, conditional GETs and admin authentication live here and nowhere else, so
// everything a client sees can be tested by calling handle() directly.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "recommender/recommender.h"

namespace beautyidx::server {

class AdminJobs;  // server/admin.h
class Metrics;    // server/metrics.h

struct ApiRequest {
  std::string method = "GET";
  std::string path;  // percent-decoded, without the query
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> headers;  // names in lowercase ("origin", "if-none-match")
  std::string body;                            // POST bodies (admin endpoints)
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
  // The bearer token the admin endpoints (/api/v1/crawl, /api/v1/crawl/status, /api/v1/reindex)
  // require. Empty, the default, turns them off: they answer 404 like unknown paths.
  std::string admin_token;
};

// Takes note that a reader's page asked about a post the index does not have, so a later crawl
// fetches it (crawl_requests.h decides which to keep). Thread-safe.
class CrawlRequester {
 public:
  virtual ~CrawlRequester() = default;
  virtual void post_not_indexed(const std::string& url) = 0;
};

// Everything a handler may use besides the request. Only `recommender` and `options` are
// required; without `admin` the admin endpoints answer 404 even with a token, without `metrics`
// nothing is recorded and /metrics shows only the index and crawl gauges.
struct ApiContext {
  const recommender::Recommender& recommender;
  const ApiOptions& options;
  AdminJobs* admin = nullptr;
  Metrics* metrics = nullptr;
  CrawlRequester* crawl_requests = nullptr;  // told of related and widget asks for unknown posts
};

// Routes a request (the table is in api.cc):
//   /, /healthz, /readyz, /metrics, /api/v1/openapi.json,
//   /api/v1/recommend, /api/v1/search, /api/v1/related, /api/v1/stats,
//   /api/v1/articles/{id}, /api/v1/products/{id}, /api/v1/experts/{id},
//   /api/v1/widget, /widget.js, /widget/{related,shop,experts}.html,
//   POST /api/v1/crawl, GET /api/v1/crawl/status, POST /api/v1/reindex (admin).
// Unknown paths answer 404; bad parameters 400 with {"error": {"code", "message"}} (the .html
// pages: a short HTML page); other methods than the route's 405 with Allow, except OPTIONS on
// cross-origin routes, which is a CORS preflight. Those routes carry CORS headers per
// `options`. Widget, related, record, .html and widget.js answers carry an ETag and
// "Cache-Control: public, max-age=N" and become a bodiless 304 when If-None-Match names the
// ETag; everything else is "no-store". Admin routes need "Authorization: Bearer <admin_token>"
// (401 otherwise). Records the request in `context.metrics` when there is one.
// Never throws. Thread-safe.
ApiResponse handle(const ApiContext& context, const ApiRequest& request);
// The same without admin jobs or metrics.
ApiResponse handle(const recommender::Recommender& recommender, const ApiOptions& options,
                   const ApiRequest& request);
// The same with default options (any origin, no admin).
ApiResponse handle(const recommender::Recommender& recommender, const ApiRequest& request);

// The route table's paths as documented ("/api/v1/articles/{id}"), with their method: what the
// OpenAPI document must describe.
struct RouteInfo {
  std::string_view path;
  std::string_view method;  // "GET" (HEAD too) or "POST"
  bool admin;
};
std::vector<RouteInfo> routes();

// Checks one --cors-origin value: "*" or scheme://host[:port] with an http(s) scheme and nothing
// after the authority. kInvalidArgument with the reason otherwise.
Status check_cors_origin(std::string_view origin);

int http_status(ErrorKind kind);
ApiResponse error_response(int status, const std::string& code, const std::string& message);

}  // namespace beautyidx::server
