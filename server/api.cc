#include "server/api.h"

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "server/conditional_get.h"
#include "server/cors.h"
#include "server/widget_cards.h"
#include "server/widget_page.h"
#include "server/widget_script.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxQueryLength = 512;
// Article URLs carry tracking parameters more often than questions run long.
constexpr size_t kMaxUrlLength = 2048;
constexpr size_t kMaxWidgetCards = 12;
constexpr size_t kDefaultWidgetCards = 4;

// How long browsers and shared caches may keep an answer before asking again (with the ETag).
// Short for index answers, which change with every crawl commit; an hour for the script.
constexpr int kAnswerMaxAge = 60;
constexpr int kScriptMaxAge = 3600;

// Why a request cannot be answered; becomes a JSON error or, for the fallback pages, HTML.
struct Failure {
  int status = 400;
  std::string code = "invalid_argument";
  std::string message;
};

Failure failure_from(const Error& error) {
  return {http_status(error.kind), error_kind_name(error.kind), error.message};
}

ApiResponse json_failure(const Failure& failure) {
  return error_response(failure.status, failure.code, failure.message);
}

ApiResponse from_error(const Error& error) { return json_failure(failure_from(error)); }

// Reads a required, bounded text parameter.
std::expected<std::string, Failure> text_param(const ApiRequest& request, const char* name,
                                               size_t max_length = kMaxQueryLength) {
  const std::string parameter = std::string("parameter '") + name + "'";
  auto it = request.params.find(name);
  if (it == request.params.end() || trim(it->second).empty()) {
    return std::unexpected(Failure{.message = parameter + " is required"});
  }
  if (it->second.size() > max_length) {
    return std::unexpected(Failure{.message = parameter + " is longer than " +
                                              std::to_string(max_length) + " characters"});
  }
  if (!is_valid_utf8(it->second))
    return std::unexpected(Failure{.message = parameter + " is not UTF-8"});
  return std::string(trim(it->second));
}

std::expected<size_t, Failure> limit_param(const ApiRequest& request, size_t fallback,
                                           size_t max = 50) {
  auto it = request.params.find("limit");
  if (it == request.params.end()) return fallback;
  const std::string& text = it->second;
  size_t value = 0;
  bool digits = !text.empty() && text.size() <= 3;
  for (char c : text) {
    if (c < '0' || c > '9')
      digits = false;
    else
      value = value * 10 + static_cast<size_t>(c - '0');
  }
  if (!digits || value < 1 || value > max) {
    return std::unexpected(Failure{
        .message = "parameter 'limit' must be a whole number from 1 to " + std::to_string(max)});
  }
  return value;
}

ApiResponse ok(std::string body) {
  return ApiResponse{200, "application/json", std::move(body), {}};
}

// ---- Handlers: one per route, (recommender, request) -> response ----------------------------

ApiResponse health(const recommender::Recommender&, const ApiRequest&) {
  return ok(R"({"status":"ok"})");
}

ApiResponse recommend(const recommender::Recommender& recommender, const ApiRequest& request) {
  auto q = text_param(request, "q");
  if (!q) return json_failure(q.error());
  auto limit = limit_param(request, 10);
  if (!limit) return json_failure(limit.error());
  auto result = recommender.recommend({*q, *limit});
  if (!result) return from_error(result.error());
  return ok(recommender::to_json(*result));
}

ApiResponse search(const recommender::Recommender& recommender, const ApiRequest& request) {
  auto q = text_param(request, "q");
  if (!q) return json_failure(q.error());
  auto limit = limit_param(request, 10);
  if (!limit) return json_failure(limit.error());
  auto result = recommender.search({*q, *limit});
  if (!result) return from_error(result.error());
  return ok(recommender::to_json(*result));
}

ApiResponse related(const recommender::Recommender& recommender, const ApiRequest& request) {
  auto url = text_param(request, "url", kMaxUrlLength);
  if (!url) return json_failure(url.error());
  auto limit = limit_param(request, 5);
  if (!limit) return json_failure(limit.error());
  recommender::RelatedRequest related;
  related.url = *url;
  related.limit = *limit;
  auto result = recommender.related(related);
  if (!result) return from_error(result.error());
  return ok(recommender::to_json(*result));
}

ApiResponse stats(const recommender::Recommender& recommender, const ApiRequest&) {
  auto counts = recommender.counts();
  if (!counts) return from_error(counts.error());
  return ok(recommender::to_json(*counts));
}

// The cards the widget endpoints show, or why there are none.
std::expected<WidgetCards, Failure> cards_for(const recommender::Recommender& recommender,
                                              const ApiRequest& request, WidgetKind kind) {
  auto url = text_param(request, "url", kMaxUrlLength);
  if (!url) return std::unexpected(url.error());
  auto limit = limit_param(request, kDefaultWidgetCards, kMaxWidgetCards);
  if (!limit) return std::unexpected(limit.error());
  auto cards = widget_cards(recommender, {*url, kind, *limit});
  if (!cards) return std::unexpected(failure_from(cards.error()));
  return *cards;
}

// kind=related when absent, as widget.js does.
std::expected<WidgetKind, Failure> kind_param(const ApiRequest& request) {
  auto it = request.params.find("kind");
  if (it == request.params.end()) return WidgetKind::kRelated;
  auto kind = parse_widget_kind(it->second);
  if (!kind)
    return std::unexpected(Failure{.message = "parameter 'kind' must be related, shop or experts"});
  return *kind;
}

ApiResponse widget_answer(const recommender::Recommender& recommender, const ApiRequest& request) {
  auto kind = kind_param(request);
  if (!kind) return json_failure(kind.error());
  auto cards = cards_for(recommender, request, *kind);
  if (!cards) return json_failure(cards.error());
  return ok(widget_json(*cards));
}

ApiResponse html_page(int status, std::string body) {
  ApiResponse response{status, "text/html; charset=utf-8", std::move(body), {}};
  response.headers["Content-Security-Policy"] = std::string(kWidgetPagePolicy);
  return response;
}

template <WidgetKind kind>
ApiResponse widget_fallback_page(const recommender::Recommender& recommender,
                                 const ApiRequest& request) {
  auto cards = cards_for(recommender, request, kind);
  if (!cards) {
    // Readers see this frame on someone else's page: "not indexed" is not their business, a bad
    // embed code is its author's.
    const Failure& failure = cards.error();
    std::string text = failure.status == 404 ? "Nothing to show here yet." : failure.message;
    return html_page(failure.status, widget_message_page(widget_heading(kind), text));
  }
  return html_page(200, widget_page(*cards));
}

ApiResponse script(const recommender::Recommender&, const ApiRequest&) {
  return ApiResponse{200, "text/javascript; charset=utf-8", std::string(widget_script()), {}};
}

// ---- The route table --------------------------------------------------------------------------

struct Route {
  std::string_view path;
  ApiResponse (*answer)(const recommender::Recommender&, const ApiRequest&);
  bool cross_origin;  // readable by pages on other origins (CORS headers, OPTIONS preflight)
  int max_age;        // > 0: ETag, Cache-Control max-age and 304s; 0: "Cache-Control: no-store"
};

constexpr Route kRoutes[] = {
    {"/healthz", health, false, 0},
    {"/api/v1/recommend", recommend, true, 0},
    {"/api/v1/search", search, true, 0},
    {"/api/v1/related", related, true, kAnswerMaxAge},
    {"/api/v1/stats", stats, true, 0},
    {"/api/v1/widget", widget_answer, true, kAnswerMaxAge},
    // A <script> tag needs no CORS, but one with crossorigin= (for integrity=) does.
    {"/widget.js", script, true, kScriptMaxAge},
    {"/widget/related.html", widget_fallback_page<WidgetKind::kRelated>, false, kAnswerMaxAge},
    {"/widget/shop.html", widget_fallback_page<WidgetKind::kShop>, false, kAnswerMaxAge},
    {"/widget/experts.html", widget_fallback_page<WidgetKind::kExperts>, false, kAnswerMaxAge},
};

const Route* find_route(std::string_view path) {
  for (const Route& route : kRoutes) {
    if (route.path == path) return &route;
  }
  return nullptr;
}

ApiResponse method_not_allowed(const Route& route) {
  ApiResponse response = error_response(405, "method_not_allowed", "only GET is supported here");
  response.headers["Allow"] = route.cross_origin ? "GET, HEAD, OPTIONS" : "GET, HEAD";
  return response;
}

ApiResponse route_request(const recommender::Recommender& recommender, const ApiOptions& options,
                          const ApiRequest& request) {
  const Route* route = find_route(request.path);
  if (route == nullptr)
    return error_response(404, "not_found", "no such endpoint: " + request.path);
  if (request.method == "OPTIONS" && route->cross_origin)
    return preflight_response(options, request);
  if (request.method != "GET" && request.method != "HEAD") return method_not_allowed(*route);
  ApiResponse response = route->answer(recommender, request);
  if (route->max_age > 0) make_cacheable(request, route->max_age, response);
  if (route->cross_origin) add_cors_headers(options, request, response);
  return response;
}

}  // namespace

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return 400;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kPolicy:
      return 403;
    case ErrorKind::kParse:
      return 400;
    case ErrorKind::kNetwork:
      return 502;
    case ErrorKind::kIo:
    case ErrorKind::kCorruption:
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

ApiResponse error_response(int status, const std::string& code, const std::string& message) {
  json body = {{"error", {{"code", code}, {"message", message}}}};
  return ApiResponse{
      status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

ApiResponse handle(const recommender::Recommender& recommender, const ApiOptions& options,
                   const ApiRequest& request) {
  ApiResponse response;
  try {
    response = route_request(recommender, options, request);
  } catch (const std::exception& e) {
    // Handlers report errors as values; this only guards the process against a bug.
    response = error_response(500, "internal", std::string("internal error: ") + e.what());
  }
  // What no route made cacheable, nobody may cache.
  if (!response.headers.contains("Cache-Control")) response.headers["Cache-Control"] = "no-store";
  return response;
}

ApiResponse handle(const recommender::Recommender& recommender, const ApiRequest& request) {
  return handle(recommender, ApiOptions{}, request);
}

Status check_cors_origin(std::string_view origin) {
  if (origin == "*") return {};
  auto invalid = [&](const char* why) {
    return make_error(ErrorKind::kInvalidArgument, "CORS origin '" + std::string(origin) + "' " +
                                                       why +
                                                       " (expected \"*\" or scheme://host[:port])");
  };
  std::string canonical = canonical_origin(origin);
  std::string_view authority = canonical;
  if (authority.starts_with("https://"))
    authority.remove_prefix(8);
  else if (authority.starts_with("http://"))
    authority.remove_prefix(7);
  else
    return invalid("is not http(s)");
  if (authority.empty()) return invalid("has no host");
  for (char c : authority) {
    if (c == '/' || c == '?' || c == '#') return invalid("has a path, query or fragment");
    if (c == '@' || static_cast<unsigned char>(c) <= 0x20) return invalid("is not a plain host");
  }
  return {};
}

}  // namespace beautyidx::server
