// The admin endpoints: start a crawl or a reindex in the server process, and follow it. The
// router (api.cc) has checked the bearer token before any of these runs.
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "server/api_internal.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxSeeds = 100;
constexpr size_t kMaxSeedLength = 2048;
constexpr int64_t kMaxPages = 100000;
constexpr int64_t kMaxDelayMs = 60000;

const char* const kCrawlBodyShape =
    R"(the body must be a JSON object {"urls": ["https://..."], "max_pages": N, "delay_ms": N})";

json nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json status_json(const JobStatus& status) {
  return {{"id", status.id},
          {"kind", status.kind ? json(job_kind_name(*status.kind)) : json(nullptr)},
          {"state", job_state_name(status.state)},
          {"started", nullable(status.started)},
          {"finished", nullable(status.finished)},
          {"urls", status.urls},
          {"pages", status.pages},
          {"articles", status.articles},
          {"errors", status.errors},
          {"queued", status.queued},
          {"message", status.message}};
}

ApiResponse accepted(const JobStatus& status) {
  ApiResponse response{202,
                       "application/json",
                       status_json(status).dump(-1, ' ', false, json::error_handler_t::replace),
                       {}};
  response.headers["Location"] = "/api/v1/crawl/status";
  return response;
}

std::expected<int64_t, Failure> whole_number(const json& body, const char* field, int64_t fallback,
                                             int64_t min, int64_t max) {
  if (!body.contains(field)) return fallback;
  const json& value = body[field];
  if (!value.is_number_integer() || value.get<int64_t>() < min || value.get<int64_t>() > max) {
    return std::unexpected(Failure{.message = std::string("'") + field +
                                              "' must be a whole number from " +
                                              std::to_string(min) + " to " + std::to_string(max)});
  }
  return value.get<int64_t>();
}

std::expected<CrawlJobRequest, Failure> parse_crawl_body(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    return std::unexpected(Failure{.message = kCrawlBodyShape});
  for (const auto& [field, value] : parsed.items()) {
    if (field != "urls" && field != "max_pages" && field != "delay_ms") {
      return std::unexpected(
          Failure{.message = "unknown field '" + field + "': " + kCrawlBodyShape});
    }
  }
  const json& urls = parsed.contains("urls") ? parsed["urls"] : json();
  if (!urls.is_array() || urls.empty() || urls.size() > kMaxSeeds) {
    return std::unexpected(Failure{.message = "'urls' must be an array of 1 to " +
                                              std::to_string(kMaxSeeds) + " URLs"});
  }
  CrawlJobRequest request;
  for (const json& url : urls) {
    if (!url.is_string() || trim(url.get<std::string>()).empty() ||
        url.get<std::string>().size() > kMaxSeedLength || !is_valid_utf8(url.get<std::string>())) {
      return std::unexpected(
          Failure{.message = "each of 'urls' must be an http(s) URL of at most " +
                             std::to_string(kMaxSeedLength) + " bytes"});
    }
    request.urls.push_back(std::string(trim(url.get<std::string>())));
  }
  auto max_pages = whole_number(parsed, "max_pages", 100, 1, kMaxPages);
  if (!max_pages) return std::unexpected(max_pages.error());
  auto delay = whole_number(parsed, "delay_ms", 1000, 0, kMaxDelayMs);
  if (!delay) return std::unexpected(delay.error());
  request.max_pages = static_cast<size_t>(*max_pages);
  request.delay = std::chrono::milliseconds(*delay);
  return request;
}

}  // namespace

const char* job_kind_name(JobKind kind) { return kind == JobKind::kCrawl ? "crawl" : "reindex"; }

const char* job_state_name(JobState state) {
  switch (state) {
    case JobState::kIdle:
      return "idle";
    case JobState::kRunning:
      return "running";
    case JobState::kSucceeded:
      return "succeeded";
    case JobState::kFailed:
      return "failed";
  }
  return "idle";
}

bool bearer_matches(std::string_view authorization, std::string_view token) {
  authorization = trim(authorization);
  constexpr std::string_view kScheme = "bearer ";
  if (token.empty() || authorization.size() < kScheme.size() ||
      to_lower_ascii(authorization.substr(0, kScheme.size())) != kScheme) {
    return false;
  }
  std::string_view presented = trim(authorization.substr(kScheme.size()));
  // Every byte of the presented token is compared, whatever the earlier ones were, so the time
  // taken tells nothing about how much of a guess was right.
  volatile unsigned char differ = presented.size() != token.size() ? 1 : 0;
  for (size_t i = 0; i < presented.size(); ++i) {
    differ = differ | static_cast<unsigned char>(presented[i] ^ token[i % token.size()]);
  }
  return differ == 0;
}

ApiResponse start_crawl(const Call& call) {
  auto request = parse_crawl_body(call.request.body);
  if (!request) return json_failure(request.error());
  auto started = call.context.admin->start_crawl(*request);
  if (!started) return json_failure(failure_from(started.error()));
  return accepted(*started);
}

ApiResponse crawl_status(const Call& call) {
  return ok(status_json(call.context.admin->status())
                .dump(-1, ' ', false, json::error_handler_t::replace));
}

ApiResponse start_reindex(const Call& call) {
  auto started = call.context.admin->start_reindex();
  if (!started) return json_failure(failure_from(started.error()));
  return accepted(*started);
}

}  // namespace beautyidx::server
