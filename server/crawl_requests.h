// Which posts the engine asks its next crawl for when a reader's page asks about one it has not
// indexed: posts of sites it already crawls, each once, a limited number per site and hour, so
// an embed on a busy page (or someone inventing URLs) cannot grow the queue without bound.
#pragma once

#include <chrono>
#include <deque>
#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "recommender/recommender.h"
#include "server/api.h"

namespace beautyidx::server {

struct CrawlRequestOptions {
  std::filesystem::path db;        // the request file lives beside its databases
  size_t per_site_per_hour = 30;   // requests a site may add per hour (also the burst)
  size_t remembered = 10000;       // recent requests remembered, so each is made once
  // Whether an origin is a crawled site is looked up in the database once and then believed
  // for `site_answer_lifetime`, for at most `sites_remembered` origins (the oldest answer goes
  // first): a widget embedded on a page of a site the engine does not crawl asks on every
  // view. A "no" goes stale only when a crawl takes the site in, and then it merely delays that
  // site's requests by up to the lifetime (the widget asks again on the next view). A "yes"
  // never goes stale (crawl state is never removed) but expires too, so that the order of
  // checks is also the order of expiry.
  std::chrono::seconds site_answer_lifetime{60};
  size_t sites_remembered = 1024;
};

// Thread-safe: the server's connection threads offer requests at once.
class CrawlRequests : public CrawlRequester {
 public:
  enum class Outcome { kQueued, kAlreadyAsked, kOtherSite, kRateLimited, kUnusable };

  CrawlRequests(const recommender::Recommender& recommender, CrawlRequestOptions options);

  void post_not_indexed(const std::string& url) override { (void)offer(url); }
  // What became of one ask; `now` is a parameter so tests can move time. Database work comes
  // last: a URL already asked for, or of a site whose allowance is spent, is answered from
  // memory, and so is a site looked up in the last `site_answer_lifetime`.
  Outcome offer(const std::string& url, std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

  // Database lookups made so far (whether an origin is a crawled site), for tests and metrics.
  size_t site_lookups() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Allowance {
    double tokens = 0;
    Clock::time_point refilled;
  };
  struct SiteAnswer {
    bool crawled = false;
    Clock::time_point checked;
    std::list<std::string>::iterator in_check_order;
  };
  // REQUIRES: mutex_ held.
  void refill(Allowance& allowance, Clock::time_point now) const;
  std::optional<bool> remembered_answer(const std::string& origin, Clock::time_point now) const;
  void remember_answer(const std::string& origin, bool crawled, Clock::time_point now);

  const recommender::Recommender& recommender_;
  CrawlRequestOptions options_;
  mutable std::mutex mutex_;
  std::map<std::string, Allowance> sites_;  // crawled sites only: their allowance
  std::set<std::string> asked_;
  std::deque<std::string> asked_order_;
  // Oldest check first: with one lifetime for every answer, also the first to expire.
  std::unordered_map<std::string, SiteAnswer> site_answers_;
  std::list<std::string> site_check_order_;
  size_t site_lookups_ = 0;
};

}  // namespace beautyidx::server
