// What the API's handler files share: the call a handler gets, failures, parameter readers and
// the admin handlers (admin_api.cc). Private to the server folder.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "server/admin.h"
#include "server/api.h"

namespace beautyidx::server {

// One routed request, as a handler sees it.
struct Call {
  const ApiContext& context;
  const ApiRequest& request;
  std::string_view id;  // the {id} segment of the route's path (percent-decoded), else empty

  const recommender::Recommender& recommender() const { return context.recommender; }
};

using Handler = ApiResponse (*)(const Call&);

// Why a request cannot be answered; becomes a JSON error or, for the fallback pages, HTML.
struct Failure {
  int status = 400;
  std::string code = "invalid_argument";
  std::string message;
};

Failure failure_from(const Error& error);
ApiResponse json_failure(const Failure& failure);
ApiResponse ok(std::string body);

// The HTTP status and error code of a refused admin job (the admin twin of http_status).
Failure failure_from(const JobRejection& rejection);

// Admin handlers (admin_api.cc). The router has checked the bearer token already.
ApiResponse start_crawl(const Call& call);
ApiResponse crawl_status(const Call& call);
ApiResponse start_reindex(const Call& call);

// True when `authorization` (the header's value) is "Bearer <token>" with exactly `token`.
// Takes as long for every presented token of one length, wherever it differs from `token`.
bool bearer_matches(std::string_view authorization, std::string_view token);

}  // namespace beautyidx::server
