#include "crawler/crawler.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/text.h"
#include "crawler/fetcher.h"
#include "crawler/gzip.h"
#include "crawler/robots.h"
#include "crawler/sitemap.h"
#include "url/url.h"

namespace beautyidx::crawler {
namespace {

using nlohmann::json;
using storage::Family;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kFrontierSeqKey = "frontier_next_seq";
constexpr size_t kMaxSitemapUrls = 50000;

std::string seq_key(uint64_t seq) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(seq));
  return buffer;
}

bool is_html(const std::string& content_type) {
  std::string type = to_lower_ascii(content_type);
  return type.empty() || type.starts_with("text/html") || type.starts_with("application/xhtml+xml");
}

bool host_is_private(const std::string& url) {
  auto parts = url::split(url);
  if (!parts) return false;
  if (parts->host == "localhost" || parts->host.ends_with(".localhost")) return true;
  AddressClass c = classify_address(parts->host);
  return c == AddressClass::kLoopback || c == AddressClass::kPrivate || c == AddressClass::kLinkLocal;
}

// Raw pages are kept for reindexing: a JSON header line, a newline, then the body bytes.
std::string encode_page(const FetchResponse& response) {
  json header = {{"status", response.status},
                 {"url", response.final_url},
                 {"content_type", response.content_type},
                 {"etag", response.headers.count("etag") ? response.headers.at("etag") : ""},
                 {"last_modified", response.headers.count("last-modified") ? response.headers.at("last-modified") : ""}};
  return header.dump(-1, ' ', false, json::error_handler_t::replace) + "\n" + response.body;
}

class Frontier {
 public:
  explicit Frontier(storage::Store& store) : store_(store) {}

  Status load() {
    auto next = store_.get(Family::kMeta, kFrontierSeqKey);
    if (!next) return std::unexpected(next.error());
    next_seq_ = *next ? std::stoull(**next) : 0;
    return {};
  }

  // Queues a URL unless it was ever queued before. Returns whether it was added.
  // `kind` is "page" or "feed" (an RSS/Atom feed read for its links).
  Result<bool> add(storage::WriteBatch& batch, const std::string& url, int depth, std::string_view kind = "page") {
    if (pending_.count(url)) return false;
    auto state = store_.get(Family::kCrawlState, url);
    if (!state) return std::unexpected(state.error());
    if (*state) return false;
    json item = {{"url", url}, {"depth", depth}, {"kind", kind}};
    batch.put(Family::kFrontier, seq_key(next_seq_), item.dump());
    batch.put(Family::kCrawlState, url, json{{"state", "queued"}, {"depth", depth}}.dump());
    ++next_seq_;
    batch.put(Family::kMeta, kFrontierSeqKey, std::to_string(next_seq_));
    pending_.insert(url);
    return true;
  }

  // Queues a stored URL again for a revisit, keeping what its state knows (ETag, dates).
  void requeue(storage::WriteBatch& batch, const std::string& url, int depth) {
    if (!pending_.insert(url).second) return;
    json item = {{"url", url}, {"depth", depth}, {"kind", "page"}};
    batch.put(Family::kFrontier, seq_key(next_seq_), item.dump());
    ++next_seq_;
    batch.put(Family::kMeta, kFrontierSeqKey, std::to_string(next_seq_));
  }

  struct Item {
    std::string key;
    std::string url;
    int depth = 0;
    std::string kind = "page";
  };

  // The oldest queued item after the cursor.
  Result<std::optional<Item>> next() {
    std::optional<Item> found;
    // Seek straight to the cursor: scanning from the start each time made a crawl quadratic.
    auto status = store_.scan_from(Family::kFrontier, cursor_, [&](std::string_view key, std::string_view value) {
      if (!cursor_.empty() && key <= cursor_) return true;
      json item = json::parse(value, nullptr, false);
      if (item.is_object()) {
        found = Item{std::string(key), item.value("url", ""), item.value("depth", 0), item.value("kind", "page")};
      }
      return false;
    });
    if (!status) return std::unexpected(status.error());
    if (found) cursor_ = found->key;
    return found;
  }

  void forget_pending() { pending_.clear(); }

  Result<size_t> size() const { return store_.count(Family::kFrontier); }

 private:
  storage::Store& store_;
  uint64_t next_seq_ = 0;
  std::string cursor_;
  std::set<std::string> pending_;  // added in a batch not yet written
};

class Scope {
 public:
  explicit Scope(std::vector<std::string> prefixes) : prefixes_(std::move(prefixes)) {}
  bool contains(const std::string& url) const {
    for (const auto& p : prefixes_) {
      if (url.starts_with(p)) return true;
    }
    return false;
  }

 private:
  std::vector<std::string> prefixes_;
};

bool retryable_status(long status) { return status == 429 || (status >= 500 && status <= 599); }

// Retry-After in seconds ("120") or as an HTTP date; capped, since a hostile server could ask
// for a year.
std::chrono::milliseconds retry_after(const FetchResponse& response, std::chrono::milliseconds fallback) {
  auto it = response.headers.find("retry-after");
  if (it == response.headers.end()) return fallback;
  const std::string& value = it->second;
  char* end = nullptr;
  long seconds = std::strtol(value.c_str(), &end, 10);
  if (end != value.c_str() && seconds >= 0) return std::min(std::chrono::milliseconds(seconds * 1000), std::chrono::milliseconds(60000));
  std::tm tm{};
  if (strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S", &tm) != nullptr) {
    auto when = std::chrono::system_clock::from_time_t(timegm(&tm));
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(when - std::chrono::system_clock::now());
    return std::clamp(wait, std::chrono::milliseconds(0), std::chrono::milliseconds(60000));
  }
  return fallback;
}

}  // namespace

Crawler::Crawler(storage::Store& store, const extract::Extractor& extractor, CrawlOptions options, PageSink& sink)
    : store_(store), extractor_(extractor), options_(std::move(options)), sink_(sink) {}

Result<CrawlReport> Crawler::run(const std::atomic<bool>* stop, const ProgressCallback& progress) {
  CrawlReport report;
  auto started = Clock::now();
  std::vector<std::string> seeds;
  // Loopback and private addresses are reached only for a seed that is itself one (the user
  // asked for that host) or with --allow-private; never for a host a page or redirect names.
  std::set<std::string> private_seed_hosts;
  for (const auto& seed : options_.seeds) {
    auto normalized = url::normalize(seed);
    if (!normalized) return std::unexpected(normalized.error().with_context("seed"));
    seeds.push_back(*normalized);
    if (host_is_private(*normalized)) {
      if (auto parts = url::split(*normalized)) private_seed_hosts.insert(parts->host);
    }
  }
  auto private_allowed = [&](const std::string& url) {
    if (options_.allow_private) return true;
    auto parts = url::split(url);
    return parts && private_seed_hosts.count(parts->host) > 0;
  };
  std::vector<std::string> prefixes = options_.scope;
  if (prefixes.empty()) {
    for (const auto& s : seeds) prefixes.push_back(url::origin(s) + "/");
  }
  Scope scope(prefixes);

  FetcherOptions fetch_options;
  fetch_options.user_agent = options_.user_agent;
  fetch_options.total_timeout = options_.timeout;
  fetch_options.max_body_bytes = options_.max_body_bytes;
  fetch_options.address_policy = AddressPolicy(options_.allow_private);
  Fetcher fetcher(fetch_options);

  std::unordered_map<std::string, Robots> robots_by_origin;
  std::unordered_map<std::string, Clock::time_point> next_request_at;
  auto wait_for_host = [&](const std::string& origin) {
    auto it = next_request_at.find(origin);
    if (it != next_request_at.end()) std::this_thread::sleep_until(it->second);
  };
  auto host_delay = [&](const std::string& origin) {
    auto delay = options_.delay;
    auto r = robots_by_origin.find(origin);
    if (r != robots_by_origin.end()) {
      if (auto seconds = r->second.crawl_delay(options_.user_agent)) {
        auto asked = std::chrono::milliseconds(static_cast<long long>(std::min(*seconds, 30.0) * 1000));
        delay = std::max(delay, asked);
      }
    }
    next_request_at[origin] = Clock::now() + delay;
  };
  auto robots_for = [&](const std::string& origin) -> const Robots& {
    auto it = robots_by_origin.find(origin);
    if (it != robots_by_origin.end()) return it->second;
    wait_for_host(origin);
    FetchRequest robots_request{origin + "/robots.txt", "", "", private_allowed(origin + "/"), true};
    auto response = fetcher.fetch(robots_request);
    Robots robots;
    if (!response) {
      robots = Robots::disallow_all();  // unreachable: assume nothing is allowed (RFC 9309 2.3.1.4)
    } else if (response->status >= 200 && response->status < 300) {
      robots = Robots::parse(response->body);
    } else if (response->status >= 400 && response->status < 500) {
      robots = Robots::allow_all();
    } else {
      robots = Robots::disallow_all();
    }
    host_delay(origin);
    return robots_by_origin.emplace(origin, std::move(robots)).first->second;
  };

  Frontier frontier(store_);
  if (auto s = frontier.load(); !s) return std::unexpected(s.error());
  std::minstd_rand random(static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count()));

  // Seeds and sitemaps. Already-known URLs are not queued twice, so a rerun resumes.
  {
    storage::WriteBatch batch;
    for (const auto& seed : seeds) {
      if (auto added = frontier.add(batch, seed, 0); !added) return std::unexpected(added.error());
    }
    if (options_.recrawl != CrawlOptions::Recrawl::kNone) {
      auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
      auto status = store_.scan(Family::kCrawlState, "", [&](std::string_view key, std::string_view value) {
        json state = json::parse(value, nullptr, false);
        if (!state.is_object() || state.value("state", "") != "fetched") return true;
        if (!scope.contains(std::string(key))) return true;
        if (options_.recrawl == CrawlOptions::Recrawl::kDue && state.value("next_fetch", 0LL) > now) return true;
        frontier.requeue(batch, std::string(key), state.value("depth", 0));
        return true;
      });
      if (!status) return std::unexpected(status.error());
    }
    if (auto s = store_.write(batch); !s) return std::unexpected(s.error());
    frontier.forget_pending();
  }
  if (options_.use_sitemaps) {
    std::set<std::string> origins;
    for (const auto& s : seeds) origins.insert(url::origin(s));
    for (const auto& origin : origins) {
      std::vector<std::string> sitemap_urls = robots_for(origin).sitemaps();
      sitemap_urls.push_back(origin + "/sitemap.xml");
      std::set<std::string> visited;
      size_t listed = 0;
      storage::WriteBatch batch;
      while (!sitemap_urls.empty() && visited.size() < 50 && listed < kMaxSitemapUrls) {
        std::string sitemap_url = sitemap_urls.back();
        sitemap_urls.pop_back();
        if (!visited.insert(sitemap_url).second) continue;
        wait_for_host(url::origin(sitemap_url));
        FetchRequest sitemap_request{sitemap_url, "", "", private_allowed(sitemap_url), true};
        auto response = fetcher.fetch(sitemap_request);
        host_delay(url::origin(sitemap_url));
        if (!response || response->status != 200) continue;
        std::string body = std::move(response->body);
        if (looks_gzipped(body)) {
          auto inflated = gunzip(body, 50 * 1024 * 1024);
          if (!inflated) {
            if (report.error_samples.size() < 5) report.error_samples.push_back(sitemap_url + ": " + inflated.error().message);
            continue;
          }
          body = std::move(*inflated);
        }
        auto sitemap = parse_sitemap(body, sitemap_url);
        if (!sitemap) {
          if (report.error_samples.size() < 5) report.error_samples.push_back(sitemap.error().message);
          continue;
        }
        for (const auto& entry : sitemap->entries) {
          if (sitemap->type == SitemapType::kIndex) {
            sitemap_urls.push_back(entry.url);
            continue;
          }
          auto normalized = url::normalize(entry.url);
          if (!normalized || !scope.contains(*normalized)) continue;
          if (auto added = frontier.add(batch, *normalized, 1); !added) return std::unexpected(added.error());
          ++listed;
        }
      }
      if (auto s = store_.write(batch); !s) return std::unexpected(s.error());
      frontier.forget_pending();
    }
  }

  // Pages indexed but not yet committed: their completion is written after the next commit.
  storage::WriteBatch completions;
  std::vector<std::string> completed_keys;
  auto commit = [&]() -> Status {
    if (auto s = sink_.commit(); !s) return s;
    if (auto s = store_.write(completions); !s) return s;
    completions = storage::WriteBatch();
    completed_keys.clear();
    frontier.forget_pending();
    return {};
  };

  while (report.fetched < options_.max_pages) {
    if (stop && stop->load()) break;
    auto next = frontier.next();
    if (!next) return std::unexpected(next.error());
    if (!*next && completions.size() > 0) {
      // Links found since the last commit are queued in the uncommitted batch: commit, look again.
      if (auto s = commit(); !s) return std::unexpected(s.error());
      next = frontier.next();
      if (!next) return std::unexpected(next.error());
    }
    if (!*next) break;
    const Frontier::Item item = **next;
    std::string origin = url::origin(item.url);
    auto parts = url::split(item.url);
    auto finish = [&](json state) {
      state["depth"] = item.depth;
      completions.erase(Family::kFrontier, item.key);
      completions.put(Family::kCrawlState, item.url, state.dump());
    };
    if (!parts || !scope.contains(item.url)) {
      finish({{"state", "skipped"}, {"reason", "out of scope"}});
      continue;
    }
    const Robots& robots = robots_for(origin);
    if (auto decision = robots.decide(options_.user_agent, parts->path); !decision.allowed) {
      ++report.robots_blocked;
      finish({{"state", "blocked"}, {"reason", "robots.txt"}, {"rule", decision.rule ? decision.rule->pattern : ""}});
      continue;
    }
    // Fetch, retrying 429, 5xx and network errors with exponential backoff and jitter, and
    // following redirects one hop at a time: each hop must stay in scope, be allowed by its
    // robots.txt, not loop, and reach only addresses its host may use.
    Result<FetchResponse> response = make_error(ErrorKind::kInternal, "not fetched");
    json previous;  // what a revisit knows about the stored copy
    if (auto stored = store_.get(Family::kCrawlState, item.url); stored && *stored) {
      previous = json::parse(**stored, nullptr, false);
      if (!previous.is_object() || previous.value("state", "") != "fetched") previous = json();
    }
    std::string current = item.url;
    std::vector<std::string> hops{current};
    std::string redirect_problem;
    auto fetch_following = [&]() -> Result<FetchResponse> {
      current = item.url;
      hops.assign(1, current);
      for (int hop = 0;; ++hop) {
        std::string hop_origin = url::origin(current);
        wait_for_host(hop_origin);
        FetchRequest request{current, "", "", private_allowed(current), false};
        if (hop == 0 && previous.is_object()) {
          request.if_none_match = previous.value("etag", "");
          request.if_modified_since = previous.value("last_modified", "");
        }
        auto r = fetcher.fetch(request);
        host_delay(hop_origin);
        if (!r || r->status < 300 || r->status > 399 || !r->headers.count("location")) return r;
        auto target = url::resolve(current, r->headers["location"]);
        auto next_url = target ? url::normalize(*target) : target;
        if (!next_url) {
          redirect_problem = "redirect to an invalid URL";
          return r;
        }
        if (hop >= 5) return make_error(ErrorKind::kPolicy, "fetch " + item.url + ": more than 5 redirects");
        if (std::find(hops.begin(), hops.end(), *next_url) != hops.end()) {
          return make_error(ErrorKind::kPolicy, "fetch " + item.url + ": redirect loop via " + *next_url);
        }
        if (!scope.contains(*next_url)) {
          redirect_problem = "redirect out of scope to " + *next_url;
          return r;
        }
        auto next_parts = url::split(*next_url);
        if (!next_parts || !robots_for(url::origin(*next_url)).allowed(options_.user_agent, next_parts->path)) {
          redirect_problem = "redirect to a URL robots.txt disallows: " + *next_url;
          return r;
        }
        if (r->status == 301 || r->status == 308) {
          // Moved for good: the old URL leaves the index; the new one is indexed in its place.
          if (auto s = sink_.gone(current); !s) return std::unexpected(s.error());
        }
        current = *next_url;
        hops.push_back(current);
      }
    };
    for (int attempt = 0; attempt < std::max(1, options_.max_tries); ++attempt) {
      response = fetch_following();
      bool retry = (!response && response.error().kind == ErrorKind::kNetwork) ||
                   (response && retryable_status(response->status));
      if (!retry || attempt + 1 >= options_.max_tries || (stop && stop->load())) break;
      auto backoff = options_.retry_base * (1 << attempt);
      std::uniform_int_distribution<long long> jitter(0, backoff.count() / 4);
      backoff += std::chrono::milliseconds(jitter(random));
      if (response) backoff = std::max(backoff, retry_after(*response, backoff));
      ++report.retries;
      next_request_at[origin] = std::max(next_request_at[origin], Clock::now() + backoff);
    }
    ++report.fetched;
    if (!response) {
      ++report.errors;
      if (report.error_samples.size() < 5) report.error_samples.push_back(response.error().message);
      finish({{"state", "error"}, {"error", response.error().message}});
      if (progress) progress(report, item.url);
      continue;
    }
    report.bytes += response->body.size();
    ++report.by_status[response->status];
    json state = {{"state", "fetched"}, {"status", response->status}, {"content_type", response->content_type}};
    if (hops.size() > 1) state["redirects"] = hops;
    if (!redirect_problem.empty()) {
      state["state"] = "skipped";
      state["reason"] = redirect_problem;
    }
    if (response->headers.count("etag")) state["etag"] = response->headers["etag"];
    if (response->headers.count("last-modified")) state["last_modified"] = response->headers["last-modified"];
    // Adaptive revisits: a page that did not change is visited half as often, one that did
    // twice as often, between 1 and 60 days.
    constexpr long long kDay = 86400;
    long long interval = previous.is_object() ? previous.value("interval", 7 * kDay) : 7 * kDay;
    bool unchanged = response->status == 304;
    if (previous.is_object()) interval = unchanged ? std::min(interval * 2, 60 * kDay) : std::max(interval / 2, kDay);
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    state["interval"] = interval;
    state["next_fetch"] = now + interval;
    if (unchanged) {
      // The stored page stands: keep its validators and move on.
      ++report.not_modified;
      state["state"] = "fetched";
      state["status"] = previous.value("status", 200);
      if (!state.contains("etag") && previous.contains("etag")) state["etag"] = previous["etag"];
      if (!state.contains("last_modified") && previous.contains("last_modified")) state["last_modified"] = previous["last_modified"];
    } else if (response->status == 404 || response->status == 410) {
      if (auto s = sink_.gone(item.url); !s) return std::unexpected(s.error());
    } else if (!redirect_problem.empty()) {
      // Recorded above; nothing to index.
    } else if (response->status >= 200 && response->status < 300 && item.kind == "feed") {
      // A feed found through <link rel=alternate>: its entries are links to follow.
      auto feed = parse_sitemap(response->body, item.url);
      if (feed) {
        ++report.feeds;
        state["entries"] = feed->entries.size();
        for (const auto& entry : feed->entries) {
          auto normalized = url::normalize(entry.url);
          if (!normalized || !scope.contains(*normalized) || item.depth >= options_.max_depth) continue;
          if (auto added = frontier.add(completions, *normalized, item.depth + 1); !added) {
            return std::unexpected(added.error());
          }
        }
      } else {
        state["state"] = "error";
        state["error"] = feed.error().message;
      }
    } else if (response->status >= 200 && response->status < 300) {
      if (!is_html(response->content_type)) {
        ++report.skipped_type;
        state["state"] = "skipped";
        state["reason"] = "content type " + response->content_type;
      } else {
        auto final_url = url::normalize(response->final_url);
        std::string page_url = final_url ? *final_url : item.url;
        ExtractedPage page = extractor_.extract({response->body, page_url, response->content_type});
        std::string robots_tag = to_lower_ascii(response->headers.count("x-robots-tag") ? response->headers["x-robots-tag"] : "");
        if (robots_tag.find("noindex") != std::string::npos || robots_tag.find("none") != std::string::npos) page.noindex = true;
        if (robots_tag.find("nofollow") != std::string::npos) page.nofollow = true;
        completions.put(Family::kPages, page_url, encode_page(*response));
        if (auto s = sink_.page(page); !s) return std::unexpected(s.error());
        if (page.kind == PageKind::kArticle && !page.noindex) ++report.articles;
        if (!page.nofollow && item.depth < options_.max_depth) {
          for (const auto& feed : page.feeds) {
            auto normalized = url::normalize(feed);
            if (!normalized || !scope.contains(*normalized)) continue;
            if (auto added = frontier.add(completions, *normalized, item.depth, "feed"); !added) {
              return std::unexpected(added.error());
            }
          }
          for (const auto& link : page.links) {
            if (!scope.contains(link)) continue;
            if (auto added = frontier.add(completions, link, item.depth + 1); !added) {
              return std::unexpected(added.error());
            }
          }
        }
      }
    }
    finish(state);
    completed_keys.push_back(item.key);
    if (completed_keys.size() >= options_.commit_every) {
      if (auto s = commit(); !s) return std::unexpected(s.error());
    }
    if (progress) progress(report, item.url);
  }
  if (auto s = commit(); !s) return std::unexpected(s.error());
  auto left = frontier.size();
  report.queued_left = left ? *left : 0;
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return report;
}

}  // namespace beautyidx::crawler
