// The HTTP API as plain functions: a request (path + query parameters) in, a response out. The
// route table and the mapping of error kinds to HTTP status live here and nowhere else, so
// handlers can be tested by calling them directly.
#pragma once

#include <map>
#include <string>

#include "core/error.h"
#include "recommender/recommender.h"

namespace beautyidx::server {

struct ApiRequest {
  std::string method = "GET";
  std::string path;
  std::map<std::string, std::string> params;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// Routes a request: /healthz, /api/v1/recommend, /api/v1/search, /api/v1/related,
// /api/v1/stats. Unknown paths answer 404; bad parameters 400 with
// {"error": {"code", "message"}}. Never throws.
ApiResponse handle(const recommender::Recommender& recommender, const ApiRequest& request);

int http_status(ErrorKind kind);
ApiResponse error_response(int status, const std::string& code, const std::string& message);

}  // namespace beautyidx::server
