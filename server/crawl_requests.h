// Which posts the engine asks its next crawl for when a reader's page asks about one it has not
// indexed: posts of sites it already crawls, each once, a limited number per site and hour, so
// an embed on a busy page (or someone inventing URLs) cannot grow the queue without bound.
#pragma once

#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "recommender/recommender.h"
#include "server/api.h"

namespace beautyidx::server {

struct CrawlRequestOptions {
  std::filesystem::path db;        // the request file lives beside its databases
  size_t per_site_per_hour = 30;   // requests a site may add per hour (also the burst)
  size_t remembered = 10000;       // recent requests remembered, so each is made once
};

class CrawlRequests : public CrawlRequester {
 public:
  enum class Outcome { kQueued, kAlreadyAsked, kOtherSite, kRateLimited, kUnusable };

  CrawlRequests(const recommender::Recommender& recommender, CrawlRequestOptions options);

  void post_not_indexed(const std::string& url) override { (void)offer(url); }
  // What became of one ask; `now` is a parameter so tests can move time.
  Outcome offer(const std::string& url, std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

 private:
  struct Allowance {
    double tokens = 0;
    std::chrono::steady_clock::time_point refilled;
  };
  const recommender::Recommender& recommender_;
  CrawlRequestOptions options_;
  std::mutex mutex_;
  std::map<std::string, Allowance> sites_;
  std::set<std::string> asked_;
  std::deque<std::string> asked_order_;
};

}  // namespace beautyidx::server
