#include "server/crawl_requests.h"

#include <algorithm>

#include "pipeline/crawl_requests.h"
#include "url/url.h"

namespace beautyidx::server {

CrawlRequests::CrawlRequests(const recommender::Recommender& recommender, CrawlRequestOptions options)
    : recommender_(recommender), options_(std::move(options)) {}

size_t CrawlRequests::site_lookups() const {
  std::lock_guard lock(mutex_);
  return site_lookups_;
}

void CrawlRequests::refill(Allowance& allowance, Clock::time_point now) const {
  const double per_hour = static_cast<double>(options_.per_site_per_hour);
  const double hours = std::chrono::duration<double, std::ratio<3600>>(now - allowance.refilled).count();
  allowance.tokens = std::min(per_hour, allowance.tokens + std::max(hours, 0.0) * per_hour);
  allowance.refilled = std::max(allowance.refilled, now);
}

std::optional<bool> CrawlRequests::remembered_answer(const std::string& origin, Clock::time_point now) const {
  auto it = site_answers_.find(origin);
  if (it == site_answers_.end() || now - it->second.checked >= options_.site_answer_lifetime) return std::nullopt;
  return it->second.crawled;
}

void CrawlRequests::remember_answer(const std::string& origin, bool crawled, Clock::time_point now) {
  if (options_.sites_remembered == 0) return;
  auto it = site_answers_.find(origin);
  if (it != site_answers_.end()) {
    site_check_order_.erase(it->second.in_check_order);
    site_answers_.erase(it);
  }
  while (site_answers_.size() >= options_.sites_remembered) {
    site_answers_.erase(site_check_order_.front());
    site_check_order_.pop_front();
  }
  site_check_order_.push_back(origin);
  site_answers_.emplace(origin, SiteAnswer{crawled, now, std::prev(site_check_order_.end())});
}

CrawlRequests::Outcome CrawlRequests::offer(const std::string& url, Clock::time_point now) {
  auto normalized = url::normalize(url);
  if (!normalized || !(normalized->starts_with("http://") || normalized->starts_with("https://"))) {
    return Outcome::kUnusable;
  }
  const std::string origin = url::origin(*normalized);
  if (origin.empty()) return Outcome::kUnusable;
  std::optional<bool> crawled;
  {
    std::lock_guard lock(mutex_);
    if (asked_.count(*normalized)) return Outcome::kAlreadyAsked;
    // Only crawled sites have an allowance, so a spent one needs no lookup to refuse.
    if (auto it = sites_.find(origin); it != sites_.end()) {
      refill(it->second, now);
      if (it->second.tokens < 1) return Outcome::kRateLimited;
    }
    crawled = remembered_answer(origin, now);
  }
  if (!crawled) {
    // Outside the lock: a lookup must not hold up the other connections. Two threads may look
    // up one origin at once; both store the same answer.
    auto looked_up = recommender_.crawls_site(origin);
    std::lock_guard lock(mutex_);
    ++site_lookups_;
    // A failed lookup is not remembered: the next ask tries again.
    if (!looked_up) return Outcome::kOtherSite;
    remember_answer(origin, *looked_up, now);
    crawled = *looked_up;
  }
  // Never for a site the engine does not crawl: the widget may be embedded anywhere.
  if (!*crawled) return Outcome::kOtherSite;
  std::lock_guard lock(mutex_);
  if (asked_.count(*normalized)) return Outcome::kAlreadyAsked;
  Allowance& allowance = sites_.try_emplace(origin, Allowance{static_cast<double>(options_.per_site_per_hour), now}).first->second;
  refill(allowance, now);
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
