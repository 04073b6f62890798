// What /metrics reports, in the Prometheus text format (version 0.0.4): requests by route and
// status, a latency histogram per route, the index's size and the admin crawl's state.
// Private to the server folder. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"
#include "recommender/recommender.h"

namespace beautyidx::server {

class AdminJobs;

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds: 0.5 ms to 1 s (and +Inf).
  static constexpr double kBuckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                        0.05,   0.1,   0.25,   0.5,   1.0};
  static constexpr std::chrono::seconds kCountsMaxAge{10};

  // `route` is a route table pattern ("/api/v1/articles/{id}") or "unmatched", never a raw
  // path, so the number of series stays bounded.
  void record(std::string_view route, int status, std::chrono::nanoseconds latency);

  // recommender.counts(), computed at most once per kCountsMaxAge (it walks the records); a
  // failure is kept as long as a success would be.
  Result<recommender::Counts> index_counts(const recommender::Recommender& recommender);

  // The exposition: everything recorded, the index counts and, with `admin`, the crawl state.
  std::string render(const recommender::Recommender& recommender, const AdminJobs* admin);

 private:
  struct RouteSeries {
    std::map<int, uint64_t> by_status;
    uint64_t buckets[std::size(kBuckets)] = {};  // not cumulative; summed when rendered
    uint64_t count = 0;
    double seconds = 0;
  };

  std::mutex mutex_;
  std::map<std::string, RouteSeries, std::less<>> routes_;

  std::mutex counts_mutex_;  // held while counting, so concurrent scrapes count once
  std::optional<Result<recommender::Counts>> counts_;
  std::chrono::steady_clock::time_point counts_at_;
};

}  // namespace beautyidx::server
