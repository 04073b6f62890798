#include "server/metrics.h"

#include <cstdio>

#include "server/admin.h"

namespace beautyidx::server {
namespace {

// A label value as the text format wants it: backslash, double quote and newline escaped.
std::string label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

}  // namespace

void Metrics::record(std::string_view route, int status, std::chrono::nanoseconds latency) {
  double seconds = std::chrono::duration<double>(latency).count();
  size_t bucket = 0;
  while (bucket < std::size(kBuckets) && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(mutex_);
  auto it = routes_.find(route);
  if (it == routes_.end()) it = routes_.emplace(std::string(route), RouteSeries{}).first;
  RouteSeries& series = it->second;
  ++series.by_status[status];
  if (bucket < std::size(kBuckets)) ++series.buckets[bucket];
  ++series.count;
  series.seconds += seconds;
}

Result<recommender::Counts> Metrics::index_counts(const recommender::Recommender& recommender) {
  std::lock_guard lock(counts_mutex_);
  auto now = std::chrono::steady_clock::now();
  if (!counts_ || now - counts_at_ >= kCountsMaxAge) {
    counts_ = recommender.counts();
    counts_at_ = now;
  }
  return *counts_;
}

std::string Metrics::render(const recommender::Recommender& recommender, const AdminJobs* admin) {
  std::string out;
  {
    std::lock_guard lock(mutex_);
    header(out, "beautyidx_http_requests_total", "counter",
           "HTTP requests answered, by route and status.");
    for (const auto& [route, series] : routes_) {
      for (const auto& [status, n] : series.by_status) {
        out += "beautyidx_http_requests_total{route=\"" + label(route) + "\",status=\"" +
               std::to_string(status) + "\"} " + std::to_string(n) + "\n";
      }
    }
    header(out, "beautyidx_http_request_duration_seconds", "histogram",
           "Time from routing a request to its answer, by route.");
    for (const auto& [route, series] : routes_) {
      const std::string name = "beautyidx_http_request_duration_seconds";
      const std::string labels = "route=\"" + label(route) + "\"";
      uint64_t cumulative = 0;
      for (size_t i = 0; i < std::size(kBuckets); ++i) {
        cumulative += series.buckets[i];
        out += name + "_bucket{" + labels + ",le=\"" + number(kBuckets[i]) + "\"} " +
               std::to_string(cumulative) + "\n";
      }
      out += name + "_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(series.count) + "\n";
      out += name + "_sum{" + labels + "} " + number(series.seconds) + "\n";
      out += name + "_count{" + labels + "} " + std::to_string(series.count) + "\n";
    }
  }

  auto counts = index_counts(recommender);
  header(out, "beautyidx_index_up", "gauge", "1 when the index answered its last count, else 0.");
  out += std::string("beautyidx_index_up ") + (counts ? "1" : "0") + "\n";
  if (counts) {
    header(out, "beautyidx_index_records", "gauge",
           "Records in the index by kind, counted at most every 10 s.");
    for (const auto& [kind, n] : {std::pair<const char*, size_t>{"articles", counts->articles},
                                  {"quotes", counts->quotes},
                                  {"products", counts->products},
                                  {"experts", counts->experts}}) {
      out +=
          std::string("beautyidx_index_records{kind=\"") + kind + "\"} " + std::to_string(n) + "\n";
    }
  }

  JobStatus job = admin ? admin->status() : JobStatus{};
  bool crawling = job.kind == JobKind::kCrawl && job.state == JobState::kRunning;
  size_t fetched = job.kind == JobKind::kCrawl ? job.pages : 0;
  header(out, "beautyidx_admin_crawl_running", "gauge", "1 while an admin crawl runs, else 0.");
  out += std::string("beautyidx_admin_crawl_running ") + (crawling ? "1" : "0") + "\n";
  header(out, "beautyidx_admin_crawl_pages_fetched", "gauge",
         "Pages fetched by the running admin crawl, or by the last one.");
  out += "beautyidx_admin_crawl_pages_fetched " + std::to_string(fetched) + "\n";
  return out;
}

}  // namespace beautyidx::server
