#include "server/crawl_requests.h"

#include <algorithm>

#include "pipeline/crawl_requests.h"
#include "url/url.h"

namespace beautyidx::server {

CrawlRequests::CrawlRequests(const recommender::Recommender& recommender, CrawlRequestOptions options)
    : recommender_(recommender), options_(std::move(options)) {}

CrawlRequests::Outcome CrawlRequests::offer(const std::string& url, std::chrono::steady_clock::time_point now) {
  auto normalized = url::normalize(url);
  if (!normalized || !(normalized->starts_with("http://") || normalized->starts_with("https://"))) {
    return Outcome::kUnusable;
  }
  const std::string origin = url::origin(*normalized);
  if (origin.empty()) return Outcome::kUnusable;
  {
    std::lock_guard lock(mutex_);
    if (asked_.count(*normalized)) return Outcome::kAlreadyAsked;
  }
  // Never for a site the engine does not crawl: the widget may be embedded anywhere.
  auto crawled = recommender_.crawls_site(origin);
  if (!crawled || !*crawled) return Outcome::kOtherSite;
  std::lock_guard lock(mutex_);
  if (asked_.count(*normalized)) return Outcome::kAlreadyAsked;
  Allowance& allowance = sites_.try_emplace(origin, Allowance{static_cast<double>(options_.per_site_per_hour), now}).first->second;
  const double hours = std::chrono::duration<double, std::ratio<3600>>(now - allowance.refilled).count();
  allowance.tokens = std::min(static_cast<double>(options_.per_site_per_hour),
                              allowance.tokens + hours * static_cast<double>(options_.per_site_per_hour));
  allowance.refilled = now;
  if (allowance.tokens < 1) return Outcome::kRateLimited;
  if (!pipeline::append_crawl_request(options_.db, *normalized)) return Outcome::kUnusable;
  allowance.tokens -= 1;
  asked_.insert(*normalized);
  asked_order_.push_back(*normalized);
  if (asked_order_.size() > options_.remembered) {
    asked_.erase(asked_order_.front());
    asked_order_.pop_front();
  }
  return Outcome::kQueued;
}

}  // namespace beautyidx::server
