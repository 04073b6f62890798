#include "server/api.h"

#include <nlohmann/json.hpp>

#include "core/text.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxQueryLength = 512;

ApiResponse from_error(const Error& error) {
  return error_response(http_status(error.kind), error_kind_name(error.kind), error.message);
}

// Reads a required, bounded text parameter.
std::expected<std::string, ApiResponse> text_param(const ApiRequest& request, const char* name) {
  auto it = request.params.find(name);
  if (it == request.params.end() || trim(it->second).empty()) {
    return std::unexpected(error_response(400, "invalid_argument", std::string("parameter '") + name + "' is required"));
  }
  if (it->second.size() > kMaxQueryLength) {
    return std::unexpected(error_response(400, "invalid_argument", std::string("parameter '") + name + "' is longer than " +
                                                                       std::to_string(kMaxQueryLength) + " characters"));
  }
  if (!is_valid_utf8(it->second)) {
    return std::unexpected(error_response(400, "invalid_argument", std::string("parameter '") + name + "' is not UTF-8"));
  }
  return std::string(trim(it->second));
}

std::expected<size_t, ApiResponse> limit_param(const ApiRequest& request, size_t fallback) {
  auto it = request.params.find("limit");
  if (it == request.params.end()) return fallback;
  const std::string& text = it->second;
  size_t value = 0;
  bool digits = !text.empty() && text.size() <= 3;
  for (char c : text) {
    if (c < '0' || c > '9') digits = false;
    else value = value * 10 + static_cast<size_t>(c - '0');
  }
  if (!digits || value < 1 || value > 50) {
    return std::unexpected(error_response(400, "invalid_argument", "parameter 'limit' must be a whole number from 1 to 50"));
  }
  return value;
}

ApiResponse ok(std::string body) { return ApiResponse{200, "application/json", std::move(body)}; }

}  // namespace

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return 400;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kPolicy: return 403;
    case ErrorKind::kParse: return 400;
    case ErrorKind::kNetwork: return 502;
    case ErrorKind::kIo: case ErrorKind::kCorruption: case ErrorKind::kInternal: return 500;
  }
  return 500;
}

ApiResponse error_response(int status, const std::string& code, const std::string& message) {
  json body = {{"error", {{"code", code}, {"message", message}}}};
  return ApiResponse{status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace)};
}

ApiResponse handle(const recommender::Recommender& recommender, const ApiRequest& request) {
  try {
    if (request.method != "GET") return error_response(405, "method_not_allowed", "only GET is supported here");
    if (request.path == "/healthz") return ok(R"({"status":"ok"})");
    if (request.path == "/api/v1/recommend") {
      auto q = text_param(request, "q");
      if (!q) return q.error();
      auto limit = limit_param(request, 10);
      if (!limit) return limit.error();
      auto result = recommender.recommend({*q, *limit});
      if (!result) return from_error(result.error());
      return ok(recommender::to_json(*result));
    }
    if (request.path == "/api/v1/search") {
      auto q = text_param(request, "q");
      if (!q) return q.error();
      auto limit = limit_param(request, 10);
      if (!limit) return limit.error();
      auto result = recommender.search({*q, *limit});
      if (!result) return from_error(result.error());
      return ok(recommender::to_json(*result));
    }
    if (request.path == "/api/v1/related") {
      auto url = text_param(request, "url");
      if (!url) return url.error();
      auto limit = limit_param(request, 5);
      if (!limit) return limit.error();
      recommender::RelatedRequest related;
      related.url = *url;
      related.limit = *limit;
      auto result = recommender.related(related);
      if (!result) return from_error(result.error());
      return ok(recommender::to_json(*result));
    }
    if (request.path == "/api/v1/stats") {
      auto counts = recommender.counts();
      if (!counts) return from_error(counts.error());
      return ok(recommender::to_json(*counts));
    }
    return error_response(404, "not_found", "no such endpoint: " + request.path);
  } catch (const std::exception& e) {
    // Handlers report errors as values; this only guards the process against a bug.
    return error_response(500, "internal", std::string("internal error: ") + e.what());
  }
}

}  // namespace beautyidx::server
