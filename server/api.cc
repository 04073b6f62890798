#include "server/api.h"

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/text.h"
#include "server/api_internal.h"
#include "server/conditional_get.h"
#include "server/cors.h"
#include "server/metrics.h"
#include "server/static_files.h"
#include "server/widget_cards.h"
#include "server/widget_page.h"
#include "server/widget_script.h"

namespace beautyidx::server {

using nlohmann::json;

Failure failure_from(const Error& error) {
  return {http_status(error.kind), error_kind_name(error.kind), error.message};
}

ApiResponse json_failure(const Failure& failure) {
  return error_response(failure.status, failure.code, failure.message);
}

ApiResponse ok(std::string body) {
  return ApiResponse{200, "application/json", std::move(body), {}};
}

namespace {

constexpr size_t kMaxQueryLength = 512;
// Article URLs carry tracking parameters more often than questions run long.
constexpr size_t kMaxUrlLength = 2048;
constexpr size_t kMaxWidgetCards = 12;
constexpr size_t kDefaultWidgetCards = 4;

// How long browsers and shared caches may keep an answer before asking again (with the ETag).
// Short for index answers, which change with every crawl commit; longer for what changes only
// with a new binary.
constexpr int kAnswerMaxAge = 60;
constexpr int kScriptMaxAge = 3600;
constexpr int kPageMaxAge = 300;

// The demo page's own script and style are inline; it talks only to this server and shows the
// cards' http(s) images.
constexpr std::string_view kDemoPagePolicy =
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src http: https:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

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

// Narrowing parameters shared by search and facets: each a comma-separated list of values as
// facets report them (concern, technique, expert_type, stance, site, brand, retailer), and a
// price range (price_min, price_max).
std::expected<recommender::Filters, Failure> filters_param(const ApiRequest& request) {
  recommender::Filters filters;
  struct ListParam {
    const char* name;
    std::vector<std::string>* values;
  };
  for (ListParam p : {ListParam{"concern", &filters.concerns}, ListParam{"technique", &filters.techniques},
                      ListParam{"expert_type", &filters.expert_types}, ListParam{"stance", &filters.stances},
                      ListParam{"site", &filters.sites}, ListParam{"brand", &filters.brands},
                      ListParam{"retailer", &filters.retailers}}) {
    auto it = request.params.find(p.name);
    if (it == request.params.end()) continue;
    const std::string parameter = std::string("parameter '") + p.name + "'";
    if (it->second.size() > kMaxQueryLength || !is_valid_utf8(it->second)) {
      return std::unexpected(Failure{.message = parameter + " must be UTF-8 of at most " +
                                                std::to_string(kMaxQueryLength) + " characters"});
    }
    size_t start = 0;
    while (start <= it->second.size()) {
      size_t end = it->second.find(',', start);
      if (end == std::string::npos) end = it->second.size();
      std::string_view value = trim(std::string_view(it->second).substr(start, end - start));
      if (!value.empty()) p.values->emplace_back(value);
      start = end + 1;
    }
    if (p.values->size() > 20) return std::unexpected(Failure{.message = parameter + " lists more than 20 values"});
  }
  for (auto [name, target] : {std::pair{"price_min", &filters.price_min}, std::pair{"price_max", &filters.price_max}}) {
    auto it = request.params.find(name);
    if (it == request.params.end()) continue;
    char* end = nullptr;
    double value = std::strtod(it->second.c_str(), &end);
    if (it->second.empty() || it->second.size() > 12 || *end != '\0' || !(value >= 0) || value > 1e9) {
      return std::unexpected(Failure{.message = std::string("parameter '") + name + "' must be a price from 0"});
    }
    *target = value;
  }
  return filters;
}

bool is_record_id(std::string_view id) {
  if (id.size() != 16) return false;
  for (char c : id) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The {id} of /api/v1/products/{id} and /api/v1/experts/{id}: 16 hex digits.
std::expected<std::string, Failure> record_id(const Call& call, const char* what) {
  if (!is_record_id(call.id)) {
    return std::unexpected(
        Failure{.message = std::string("a ") + what + " id is 16 hexadecimal digits"});
  }
  return to_lower_ascii(call.id);
}

// ---- Handlers: one per route ------------------------------------------------------------------

ApiResponse health(const Call&) { return ok(R"({"status":"ok"})"); }

// Ready when the index answers; health only says the process runs.
ApiResponse ready(const Call& call) {
  auto counts = call.context.metrics ? call.context.metrics->index_counts(call.recommender())
                                     : call.recommender().counts();
  if (!counts)
    return error_response(503, "not_ready", "the index does not answer: " + counts.error().message);
  return ok(R"({"status":"ready"})");
}

ApiResponse metrics(const Call& call) {
  Metrics unrecorded;
  Metrics& metrics = call.context.metrics ? *call.context.metrics : unrecorded;
  return ApiResponse{200,
                     "text/plain; version=0.0.4; charset=utf-8",
                     metrics.render(call.recommender(), call.context.admin),
                     {}};
}

ApiResponse openapi(const Call&) { return ok(std::string(openapi_document())); }

ApiResponse demo(const Call&) {
  ApiResponse response{200, "text/html; charset=utf-8", std::string(demo_page()), {}};
  response.headers["Content-Security-Policy"] = std::string(kDemoPagePolicy);
  return response;
}

ApiResponse recommend(const Call& call) {
  auto q = text_param(call.request, "q");
  if (!q) return json_failure(q.error());
  auto limit = limit_param(call.request, 10);
  if (!limit) return json_failure(limit.error());
  recommender::RecommendRequest request;
  request.query = *q;
  request.limit = *limit;
  auto body = call.recommender().recommend_json(request);
  if (!body) return from_error(body.error());
  return ok(std::move(*body));
}

ApiResponse search(const Call& call) {
  auto q = text_param(call.request, "q");
  if (!q) return json_failure(q.error());
  auto limit = limit_param(call.request, 10);
  if (!limit) return json_failure(limit.error());
  auto filters = filters_param(call.request);
  if (!filters) return json_failure(filters.error());
  recommender::SearchRequest request;
  request.query = *q;
  request.limit = *limit;
  request.filters = std::move(*filters);
  auto result = call.recommender().search(request);
  if (!result) return from_error(result.error());
  return ok(recommender::to_json(*result));
}

// Facet counts for a question (optional) under filters; each facet ignores its own filter.
ApiResponse facets(const Call& call) {
  recommender::SearchRequest request;
  if (call.request.params.count("q")) {
    auto q = text_param(call.request, "q");
    if (!q) return json_failure(q.error());
    request.query = *q;
  }
  auto filters = filters_param(call.request);
  if (!filters) return json_failure(filters.error());
  request.filters = std::move(*filters);
  auto result = call.recommender().facets(request);
  if (!result) return from_error(result.error());
  return ok(recommender::to_json(*result));
}

// A post published after the last crawl: its page shows nothing now, and the next crawl of its
// site fetches it.
void not_indexed(const Call& call, const std::string& url) {
  if (call.context.crawl_requests) call.context.crawl_requests->post_not_indexed(url);
}

ApiResponse related(const Call& call) {
  auto url = text_param(call.request, "url", kMaxUrlLength);
  if (!url) return json_failure(url.error());
  auto limit = limit_param(call.request, 5);
  if (!limit) return json_failure(limit.error());
  recommender::RelatedRequest request;
  request.url = *url;
  request.limit = *limit;
  auto result = call.recommender().related(request);
  if (!result) {
    if (result.error().kind == ErrorKind::kNotFound) not_indexed(call, *url);
    return from_error(result.error());
  }
  return ok(recommender::to_json(*result));
}

ApiResponse stats(const Call& call) {
  auto counts = call.recommender().counts();
  if (!counts) return from_error(counts.error());
  return ok(recommender::to_json(*counts));
}

// /api/v1/articles/{id}: the id, or the article's URL percent-encoded into the path.
ApiResponse article(const Call& call) {
  std::string id(call.id);
  if (id.size() > kMaxUrlLength || !is_valid_utf8(id)) {
    return json_failure(
        {.message = "an article id is 16 hexadecimal digits or an http(s) URL of at most " +
                    std::to_string(kMaxUrlLength) + " bytes"});
  }
  if (is_record_id(id)) {
    id = to_lower_ascii(id);
  } else if (!id.starts_with("http://") && !id.starts_with("https://")) {
    return json_failure({.message = "an article id is 16 hexadecimal digits or a percent-encoded "
                                    "http(s) URL"});
  }
  auto detail = call.recommender().article(id);
  if (!detail) return from_error(detail.error());
  return ok(recommender::to_json(*detail));
}

ApiResponse product(const Call& call) {
  auto id = record_id(call, "product");
  if (!id) return json_failure(id.error());
  auto detail = call.recommender().product(*id);
  if (!detail) return from_error(detail.error());
  return ok(recommender::to_json(*detail));
}

ApiResponse expert(const Call& call) {
  auto id = record_id(call, "expert");
  if (!id) return json_failure(id.error());
  auto detail = call.recommender().expert(*id);
  if (!detail) return from_error(detail.error());
  return ok(recommender::to_json(*detail));
}

// The cards the widget endpoints show, or why there are none.
std::expected<WidgetCards, Failure> cards_for(const Call& call, WidgetKind kind) {
  auto url = text_param(call.request, "url", kMaxUrlLength);
  if (!url) return std::unexpected(url.error());
  auto limit = limit_param(call.request, kDefaultWidgetCards, kMaxWidgetCards);
  if (!limit) return std::unexpected(limit.error());
  auto cards = widget_cards(call.recommender(), {*url, kind, *limit});
  if (!cards) {
    if (cards.error().kind == ErrorKind::kNotFound) not_indexed(call, *url);
    return std::unexpected(failure_from(cards.error()));
  }
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

ApiResponse widget_answer(const Call& call) {
  auto kind = kind_param(call.request);
  if (!kind) return json_failure(kind.error());
  auto cards = cards_for(call, *kind);
  if (!cards) return json_failure(cards.error());
  return ok(widget_json(*cards));
}

ApiResponse html_page(int status, std::string body) {
  ApiResponse response{status, "text/html; charset=utf-8", std::move(body), {}};
  response.headers["Content-Security-Policy"] = std::string(kWidgetPagePolicy);
  return response;
}

template <WidgetKind kind>
ApiResponse widget_fallback_page(const Call& call) {
  auto cards = cards_for(call, kind);
  if (!cards) {
    // Readers see this frame on someone else's page: "not indexed" is not their business, a bad
    // embed code is its author's.
    const Failure& failure = cards.error();
    std::string text = failure.status == 404 ? "Nothing to show here yet." : failure.message;
    return html_page(failure.status, widget_message_page(widget_heading(kind), text));
  }
  return html_page(200, widget_page(*cards));
}

ApiResponse script(const Call&) {
  return ApiResponse{200, "text/javascript; charset=utf-8", std::string(widget_script()), {}};
}

// ---- The route table --------------------------------------------------------------------------

struct Route {
  std::string_view path;    // exact, or ending in "{id}": any non-empty rest of the path
  std::string_view method;  // GET routes answer HEAD too
  Handler answer;
  bool cross_origin;   // readable by pages on other origins (CORS headers, OPTIONS preflight)
  int max_age;         // > 0: ETag, Cache-Control max-age and 304s; 0: "Cache-Control: no-store"
  bool admin = false;  // needs the bearer token; absent (404) when no token is configured
};

constexpr Route kRoutes[] = {
    {"/", "GET", demo, false, kPageMaxAge},
    {"/healthz", "GET", health, false, 0},
    {"/readyz", "GET", ready, false, 0},
    {"/metrics", "GET", metrics, false, 0},
    {"/api/v1/openapi.json", "GET", openapi, true, kScriptMaxAge},
    {"/api/v1/recommend", "GET", recommend, true, 0},
    {"/api/v1/search", "GET", search, true, 0},
    {"/api/v1/facets", "GET", facets, true, kAnswerMaxAge},
    {"/api/v1/related", "GET", related, true, kAnswerMaxAge},
    {"/api/v1/stats", "GET", stats, true, 0},
    {"/api/v1/articles/{id}", "GET", article, true, kAnswerMaxAge},
    {"/api/v1/products/{id}", "GET", product, true, kAnswerMaxAge},
    {"/api/v1/experts/{id}", "GET", expert, true, kAnswerMaxAge},
    {"/api/v1/widget", "GET", widget_answer, true, kAnswerMaxAge},
    // A <script> tag needs no CORS, but one with crossorigin= (for integrity=) does.
    {"/widget.js", "GET", script, true, kScriptMaxAge},
    {"/widget/related.html", "GET", widget_fallback_page<WidgetKind::kRelated>, false,
     kAnswerMaxAge},
    {"/widget/shop.html", "GET", widget_fallback_page<WidgetKind::kShop>, false, kAnswerMaxAge},
    {"/widget/experts.html", "GET", widget_fallback_page<WidgetKind::kExperts>, false,
     kAnswerMaxAge},
    {"/api/v1/crawl", "POST", start_crawl, false, 0, true},
    {"/api/v1/crawl/status", "GET", crawl_status, false, 0, true},
    {"/api/v1/reindex", "POST", start_reindex, false, 0, true},
};

// The {id} a path gives a route, or nullopt when the route does not match it.
std::optional<std::string_view> match(const Route& route, std::string_view path) {
  constexpr std::string_view kId = "{id}";
  if (!route.path.ends_with(kId)) {
    return route.path == path ? std::optional<std::string_view>("") : std::nullopt;
  }
  std::string_view prefix = route.path.substr(0, route.path.size() - kId.size());
  if (!path.starts_with(prefix) || path.size() == prefix.size()) return std::nullopt;
  return path.substr(prefix.size());
}

bool admin_enabled(const ApiContext& context) {
  return context.admin != nullptr && !context.options.admin_token.empty();
}

bool method_matches(const Route& route, std::string_view method) {
  return method == route.method || (route.method == "GET" && method == "HEAD");
}

ApiResponse method_not_allowed(const std::vector<const Route*>& candidates) {
  std::string allow;
  bool cross_origin = false;
  for (const Route* route : candidates) {
    allow += (allow.empty() ? "" : ", ") + std::string(route->method);
    if (route->method == "GET") allow += ", HEAD";
    cross_origin = cross_origin || route->cross_origin;
  }
  if (cross_origin) allow += ", OPTIONS";
  ApiResponse response = error_response(405, "method_not_allowed", "allowed here: " + allow);
  response.headers["Allow"] = allow;
  return response;
}

ApiResponse unauthorized() {
  ApiResponse response = error_response(
      401, "unauthorized", "this endpoint needs the header Authorization: Bearer <admin token>");
  response.headers["WWW-Authenticate"] = "Bearer realm=\"beautyidx admin\"";
  return response;
}

// Routes one request; `route_label` becomes the matched route's path, for metrics.
ApiResponse route_request(const ApiContext& context, const ApiRequest& request,
                          std::string_view& route_label) {
  std::vector<const Route*> candidates;
  const Route* chosen = nullptr;
  std::string_view id;
  for (const Route& route : kRoutes) {
    if (route.admin && !admin_enabled(context)) continue;
    auto matched = match(route, request.path);
    if (!matched) continue;
    candidates.push_back(&route);
    if (chosen == nullptr && method_matches(route, request.method)) {
      chosen = &route;
      id = *matched;
    }
  }
  if (candidates.empty())
    return error_response(404, "not_found", "no such endpoint: " + request.path);
  route_label = candidates.front()->path;
  if (chosen == nullptr) {
    if (request.method == "OPTIONS" && candidates.front()->cross_origin)
      return preflight_response(context.options, request);
    return method_not_allowed(candidates);
  }
  route_label = chosen->path;
  if (chosen->admin) {
    auto authorization = request.headers.find("authorization");
    if (authorization == request.headers.end() ||
        !bearer_matches(authorization->second, context.options.admin_token)) {
      return unauthorized();
    }
  }
  ApiResponse response = chosen->answer(Call{context, request, id});
  if (chosen->max_age > 0) make_cacheable(request, chosen->max_age, response);
  if (chosen->cross_origin) add_cors_headers(context.options, request, response);
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

Failure failure_from(const JobRejection& rejection) {
  switch (rejection.reason) {
    case JobRefusal::kInvalidArgument:
      return {400, "invalid_argument", rejection.message};
    case JobRefusal::kPrivateAddress:
      return {403, "private_address", rejection.message};
    case JobRefusal::kBusy:
      return {409, "busy", rejection.message};
    case JobRefusal::kDatabaseLocked:
      return {409, "database_locked", rejection.message};
    case JobRefusal::kUnavailable:
      return {503, "unavailable", rejection.message};
  }
  return {503, "unavailable", rejection.message};
}

ApiResponse error_response(int status, const std::string& code, const std::string& message) {
  json body = {{"error", {{"code", code}, {"message", message}}}};
  return ApiResponse{
      status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

ApiResponse handle(const ApiContext& context, const ApiRequest& request) {
  auto started = std::chrono::steady_clock::now();
  std::string_view route_label = "unmatched";
  ApiResponse response;
  try {
    response = route_request(context, request, route_label);
  } catch (const std::exception& e) {
    // Handlers report errors as values; this only guards the process against a bug.
    response = error_response(500, "internal", std::string("internal error: ") + e.what());
  }
  // What no route made cacheable, nobody may cache.
  if (!response.headers.contains("Cache-Control")) response.headers["Cache-Control"] = "no-store";
  if (context.metrics) {
    context.metrics->record(route_label, response.status,
                            std::chrono::steady_clock::now() - started);
  }
  return response;
}

ApiResponse handle(const recommender::Recommender& recommender, const ApiOptions& options,
                   const ApiRequest& request) {
  return handle(ApiContext{recommender, options}, request);
}

ApiResponse handle(const recommender::Recommender& recommender, const ApiRequest& request) {
  return handle(recommender, ApiOptions{}, request);
}

std::vector<RouteInfo> routes() {
  std::vector<RouteInfo> out;
  for (const Route& route : kRoutes) out.push_back({route.path, route.method, route.admin});
  return out;
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
