#include "crawler/crawler.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <regex>
#include <deque>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/ordered_workers.h"
#include "core/text.h"
#include "crawler/content_coding.h"
#include "crawler/fetcher.h"
#include "crawler/robots.h"
#include "crawler/sitemap.h"
#include "crawler/stored_page.h"
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

// Raw pages are kept for reindexing (crawler/stored_page.h).
std::string encode_page(const FetchResponse& response) {
  auto header = [&](const char* name) {
    auto it = response.headers.find(name);
    return it == response.headers.end() ? std::string() : it->second;
  };
  return encode_stored_page({response.status, response.final_url, response.content_type, header("etag"),
                             header("last-modified"), response.content_encoding, response.body});
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
  void requeue(storage::WriteBatch& batch, const std::string& url, int depth, std::string_view kind) {
    if (!pending_.insert(url).second) return;
    json item = {{"url", url}, {"depth", depth}, {"kind", kind}};
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
  Scope(std::vector<std::string> prefixes, std::vector<std::regex> include, std::vector<std::regex> exclude)
      : prefixes_(std::move(prefixes)), include_(std::move(include)), exclude_(std::move(exclude)) {}

  bool contains(const std::string& url) const {
    bool prefixed = false;
    for (const auto& p : prefixes_) prefixed = prefixed || url.starts_with(p);
    if (!prefixed) return false;
    bool included = include_.empty();
    for (const auto& r : include_) included = included || std::regex_search(url, r);
    if (!included) return false;
    for (const auto& r : exclude_) {
      if (std::regex_search(url, r)) return false;
    }
    return true;
  }

 private:
  std::vector<std::string> prefixes_;
  std::vector<std::regex> include_, exclude_;
};

Result<std::vector<std::regex>> compile_patterns(const std::vector<std::string>& patterns, const char* what) {
  std::vector<std::regex> out;
  for (const auto& p : patterns) {
    try {
      out.emplace_back(p, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
      return make_error(ErrorKind::kInvalidArgument, std::string(what) + " pattern '" + p + "': " + e.what());
    }
  }
  return out;
}

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


namespace {

constexpr auto kRobotsLifetime = std::chrono::hours(24);

// One frontier item on its way through fetches: redirect hops and retries.
struct Job {
  Frontier::Item item;
  json previous;  // what a revisit knows about the stored copy
  std::string current;  // the URL of the hop being fetched
  std::vector<std::string> hops;
  int attempt = 0;
  std::string redirect_problem;  // a hop the crawl refused; the 3xx is kept as the answer
  std::optional<FetchResponse> refused_redirect;
};

struct Host {
  // kUnavailable: robots.txt answered 5xx or not at all, so nothing may be fetched for now;
  // kRefused: the host's address is one the crawl may not reach.
  enum class RobotsState { kUnknown, kFetching, kKnown, kUnavailable, kRefused };
  std::deque<std::unique_ptr<Job>> waiting;
  size_t in_flight = 0;
  Clock::time_point next_at{};
  RobotsState robots_state = RobotsState::kUnknown;
  Robots robots;
  std::string robots_error;
  Clock::time_point robots_at{};
  int robots_tries = 0;
  size_t dispatched = 0;  // pages started in this run, for max_pages_per_host
};

// A fetched HTML page on its way through the extraction threads and back.
struct Extraction {
  std::unique_ptr<Job> job;
  FetchResponse response;
  json state;  // the crawl state recorded for the URL once the page is stored
  std::string page_url;
  ExtractedPage page;  // filled on an extraction thread, with what the sink prepared
  std::unique_ptr<PreparedPageWork> prepared;
  std::optional<Error> unreadable;  // the body's content coding could not be undone
};

class CrawlRun {
 public:
  CrawlRun(storage::Store& store, const extract::Extractor& extractor, const CrawlOptions& options, PageSink& sink,
           const std::atomic<bool>* stop, const ProgressCallback& progress)
      : store_(store), extractor_(extractor), options_(options), sink_(sink), stop_(stop), progress_(progress),
        frontier_(store),
        random_(static_cast<unsigned>(Clock::now().time_since_epoch().count())) {}

  Result<CrawlReport> run() {
    auto started = Clock::now();
    if (auto s = prepare(); !s) return std::unexpected(s.error());
    if (auto s = frontier_.load(); !s) return std::unexpected(s.error());
    if (auto s = queue_seeds_and_revisits(); !s) return std::unexpected(s.error());
    if (options_.use_sitemaps) {
      if (auto s = read_sitemaps(); !s) return std::unexpected(s.error());
    }
    if (auto s = crawl(); !s) return std::unexpected(s.error());
    if (auto s = commit(/*last=*/true); !s) return std::unexpected(s.error());
    // Readers that open the database later start from table files, not a replayed log.
    if (auto s = store_.flush(); !s) return std::unexpected(s.error());
    auto left = frontier_.size();
    report_.queued_left = left ? *left : 0;
    report_.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return report_;
  }

 private:
  Status prepare() {
    // Loopback and private addresses are reached only for a seed that is itself one (the user
    // asked for that host) or with --allow-private; never for a host a page or redirect names.
    for (const auto& seed : options_.seeds) {
      auto normalized = url::normalize(seed);
      if (!normalized) return std::unexpected(normalized.error().with_context("seed"));
      seeds_.push_back(*normalized);
      if (host_is_private(*normalized)) {
        if (auto parts = url::split(*normalized)) private_seed_hosts_.insert(parts->host);
      }
    }
    std::vector<std::string> prefixes = options_.scope;
    if (prefixes.empty()) {
      for (const auto& s : seeds_) prefixes.push_back(url::origin(s) + "/");
    }
    auto include = compile_patterns(options_.include, "include");
    if (!include) return std::unexpected(include.error());
    auto exclude = compile_patterns(options_.exclude, "exclude");
    if (!exclude) return std::unexpected(exclude.error());
    scope_.emplace(std::move(prefixes), std::move(*include), std::move(*exclude));

    FetcherOptions fetch_options;
    fetch_options.user_agent = options_.user_agent;
    fetch_options.total_timeout = options_.timeout;
    fetch_options.max_body_bytes = options_.max_body_bytes;
    fetch_options.address_policy = AddressPolicy(options_.allow_private);
    fetch_options.max_connections = std::max<size_t>(1, options_.concurrency);
    fetcher_.emplace(fetch_options);
    pool_.emplace(fetch_options);
    // Enough pages queued to keep every extraction thread busy while the crawl thread writes.
    extractions_.emplace(options_.extract_threads, [this](Extraction& work) { return extract(work); },
                         4 * options_.extract_threads + 2, [this] { pool_->wake(); });
    return {};
  }

  bool private_allowed(const std::string& url) const {
    if (options_.allow_private) return true;
    auto parts = url::split(url);
    return parts && private_seed_hosts_.count(parts->host) > 0;
  }

  // Where the next request to a host may start: the crawl's delay, or the Crawl-delay its
  // robots.txt asks for (at most 30 s), after the last answer.
  void schedule_next(Host& host) {
    auto delay = options_.delay;
    if (host.robots_state == Host::RobotsState::kKnown) {
      if (auto seconds = host.robots.crawl_delay(options_.user_agent)) {
        delay = std::max(delay, std::chrono::milliseconds(static_cast<long long>(std::min(*seconds, 30.0) * 1000)));
      }
    }
    host.next_at = std::max(host.next_at, Clock::now() + delay);
  }

  // RFC 9309 2.3.1: 2xx is read, 4xx allows everything, 5xx and network failures leave the
  // host unreadable for now (its URLs stay queued for a later run).
  void learn_robots(Host& host, const Result<FetchResponse>& response) {
    host.robots_at = Clock::now();
    if (response && response->status >= 200 && response->status < 300) {
      host.robots = Robots::parse(response->body);
      host.robots_state = Host::RobotsState::kKnown;
    } else if (response && response->status >= 400 && response->status < 500) {
      host.robots = Robots::allow_all();
      host.robots_state = Host::RobotsState::kKnown;
    } else {
      host.robots = Robots::disallow_all();
      bool refused = !response && response.error().kind == ErrorKind::kPolicy;
      host.robots_state = refused ? Host::RobotsState::kRefused : Host::RobotsState::kUnavailable;
      host.robots_error = response ? "robots.txt answered " + std::to_string(response->status) : response.error().message;
    }
  }

  // A host that cannot be crawled now: redirects into it end there, URLs refused by the
  // address policy are recorded as errors, and its own URLs stay queued for a later run.
  Status drain_unreadable(Host& host) {
    while (!host.waiting.empty()) {
      std::unique_ptr<Job> job = std::move(host.waiting.front());
      host.waiting.pop_front();
      if (host.robots_state == Host::RobotsState::kRefused) {
        if (auto s = complete(std::move(job), make_error(ErrorKind::kPolicy, host.robots_error)); !s) return s;
      } else if (job->hops.size() > 1) {
        job->redirect_problem = "redirect to a host whose robots.txt cannot be read: " + job->current;
        FetchResponse refused = std::move(*job->refused_redirect);
        if (auto s = complete(std::move(job), std::move(refused)); !s) return s;
      } else {
        ++report_.robots_unavailable;
        --open_jobs_;
      }
    }
    return {};
  }

  // The blocking variant, for discovery before the crawl starts.
  Host& host_with_robots(const std::string& origin) {
    Host& host = hosts_[origin];
    if (host.robots_state == Host::RobotsState::kUnknown) {
      sleep_until_ready(host);
      FetchRequest request{origin + "/robots.txt", "", "", private_allowed(origin + "/"), true};
      learn_robots(host, fetcher_->fetch(request));
      schedule_next(host);
    }
    return host;
  }

  void sleep_until_ready(const Host& host) {
    if (host.next_at > Clock::now()) std::this_thread::sleep_until(host.next_at);
  }

  bool stopping() const { return stop_ && stop_->load(); }

  Status queue_seeds_and_revisits() {
    storage::WriteBatch batch;
    for (const auto& seed : seeds_) {
      if (auto added = frontier_.add(batch, seed, 0); !added) return std::unexpected(added.error());
    }
    // Sorted here, by the same Scope as every link, so a request this crawl would refuse waits
    // for one that takes it instead of being recorded as out of scope and lost.
    for (const auto& request : options_.requested) {
      auto normalized = url::normalize(request);
      if (!normalized) {
        report_.requests_invalid.push_back(request);
        continue;
      }
      if (!scope_->contains(*normalized)) {
        report_.requests_not_taken.push_back(request);
        continue;
      }
      if (auto added = frontier_.add(batch, *normalized, 0); !added) return std::unexpected(added.error());
      ++report_.requests_taken;
    }
    if (options_.recrawl != CrawlOptions::Recrawl::kNone) {
      auto now = unix_now();
      auto status = store_.scan(Family::kCrawlState, "", [&](std::string_view key, std::string_view value) {
        json state = json::parse(value, nullptr, false);
        if (!state.is_object() || state.value("state", "") != "fetched") return true;
        if (!scope_->contains(std::string(key))) return true;
        if (options_.recrawl == CrawlOptions::Recrawl::kDue && state.value("next_fetch", 0LL) > now) return true;
        frontier_.requeue(batch, std::string(key), state.value("depth", 0), state.value("kind", "page"));
        return true;
      });
      if (!status) return status;
    }
    if (auto s = store_.write(batch); !s) return s;
    frontier_.forget_pending();
    return {};
  }

  Status read_sitemaps() {
    std::set<std::string> origins;
    for (const auto& s : seeds_) origins.insert(url::origin(s));
    for (const auto& origin : origins) {
      std::vector<std::string> sitemap_urls = host_with_robots(origin).robots.sitemaps();
      sitemap_urls.push_back(origin + "/sitemap.xml");
      std::set<std::string> visited;
      size_t listed = 0;
      storage::WriteBatch batch;
      while (!sitemap_urls.empty() && visited.size() < 50 && listed < kMaxSitemapUrls && !stopping()) {
        std::string sitemap_url = sitemap_urls.back();
        sitemap_urls.pop_back();
        if (!visited.insert(sitemap_url).second) continue;
        Host& host = hosts_[url::origin(sitemap_url)];
        sleep_until_ready(host);
        FetchRequest request{sitemap_url, "", "", private_allowed(sitemap_url), true};
        auto response = fetcher_->fetch(request);
        schedule_next(host);
        if (!response || response->status != 200) continue;
        std::string body = std::move(response->body);
        if (looks_gzipped(body)) {
          auto inflated = gunzip(body, 50 * 1024 * 1024);
          if (!inflated) {
            note_error(sitemap_url + ": " + inflated.error().message);
            continue;
          }
          body = std::move(*inflated);
        }
        auto sitemap = parse_sitemap(body, sitemap_url);
        if (!sitemap) {
          note_error(sitemap.error().message);
          continue;
        }
        for (const auto& entry : sitemap->entries) {
          if (sitemap->type == SitemapType::kIndex) {
            sitemap_urls.push_back(entry.url);
            continue;
          }
          auto normalized = url::normalize(entry.url);
          if (!normalized || !scope_->contains(*normalized)) continue;
          if (auto added = frontier_.add(batch, *normalized, 1); !added) return std::unexpected(added.error());
          ++listed;
        }
      }
      if (auto s = store_.write(batch); !s) return s;
      frontier_.forget_pending();
    }
    return {};
  }

  void note_error(std::string message) {
    if (report_.error_samples.size() < 5) report_.error_samples.push_back(std::move(message));
  }

  static long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }

  // The crawl proper: keeps up to `concurrency` transfers in flight, at most `per_host` per
  // host, each host waiting its delay between answers.
  Status crawl() {
    const size_t window = std::max<size_t>(256, options_.concurrency * 32);
    bool frontier_empty = false;
    if (auto size = frontier_.size(); size) backlog_ = *size;
    while (!stopping()) {
      // Take work from the frontier; a bounded window keeps memory flat on huge frontiers
      // while giving hosts other than the busiest one something to do.
      while (!frontier_empty && open_jobs_ < window && report_.fetched + open_jobs_ < options_.max_pages) {
        auto next = frontier_.next();
        if (!next) return std::unexpected(next.error());
        if (!*next) {
          frontier_empty = true;
          break;
        }
        if (backlog_ > 0) --backlog_;
        if (auto s = take(std::move(**next)); !s) return s;
      }
      if (auto s = dispatch(); !s) return s;
      if (auto s = store_ready_extractions(); !s) return s;
      if (pool_->active() == 0 && waiting_jobs() == 0) {
        if (!extractions_->empty()) {  // nothing to fetch until their links are queued
          if (auto s = store_extracted(extractions_->take()); !s) return s;
          continue;
        }
        // Links found since the last commit sit in the uncommitted batch: commit, look again.
        if (frontier_empty && completions_.size() > 0 && report_.fetched < options_.max_pages) {
          if (auto s = commit(); !s) return s;
          frontier_empty = false;
          continue;
        }
        if (frontier_empty || report_.fetched >= options_.max_pages) break;
      }
      auto finished = wait_for_transfers();
      for (auto& done : finished) {
        if (auto s = handle(done.tag, std::move(done.response)); !s) return s;
      }
    }
    // Stopped or done: the pages still being extracted were fetched, so they are stored too.
    while (!extractions_->empty()) {
      if (auto s = store_extracted(extractions_->take()); !s) return s;
    }
    return {};
  }

  Status store_ready_extractions() {
    while (auto done = extractions_->ready()) {
      if (auto s = store_extracted(std::move(*done)); !s) return s;
    }
    return {};
  }

  size_t waiting_jobs() const {
    size_t n = 0;
    for (const auto& [origin, host] : hosts_) n += host.waiting.size();
    return n;
  }

  // A new frontier item: checked against the scope and the host's budget, then queued on its host.
  Status take(Frontier::Item item) {
    auto parts = url::split(item.url);
    if (!parts || !scope_->contains(item.url)) {
      ++report_.out_of_scope;
      finish(item, {{"state", "skipped"}, {"reason", "out of scope"}});
      return {};
    }
    std::string origin = url::origin(item.url);
    Host& host = hosts_[origin];
    if (options_.max_pages_per_host > 0 && host.dispatched >= options_.max_pages_per_host) {
      ++report_.over_host_budget;  // stays in the frontier for the next run
      return {};
    }
    ++host.dispatched;
    auto job = std::make_unique<Job>();
    job->item = std::move(item);
    if (auto stored = store_.get(Family::kCrawlState, job->item.url); stored && *stored) {
      job->previous = json::parse(**stored, nullptr, false);
      if (!job->previous.is_object() || job->previous.value("state", "") != "fetched") job->previous = json();
    }
    job->current = job->item.url;
    job->hops = {job->current};
    host.waiting.push_back(std::move(job));
    ++open_jobs_;
    return {};
  }

  Status dispatch() {
    auto now = Clock::now();
    for (auto& [origin, host] : hosts_) {
      if (pool_->active() >= options_.concurrency) break;
      if (host.waiting.empty()) continue;
      if (host.robots_state == Host::RobotsState::kKnown && now - host.robots_at > kRobotsLifetime) {
        host.robots_state = Host::RobotsState::kUnknown;  // cached for 24 hours
      }
      if (host.robots_state == Host::RobotsState::kFetching) continue;
      if (host.robots_state == Host::RobotsState::kUnavailable || host.robots_state == Host::RobotsState::kRefused) {
        if (auto s = drain_unreadable(host); !s) return s;
        continue;
      }
      if (now < host.next_at) continue;
      if (host.robots_state == Host::RobotsState::kUnknown) {
        FetchRequest request{origin + "/robots.txt", "", "", private_allowed(origin + "/"), true};
        if (auto s = start(request, origin, nullptr); !s) return s;
        host.robots_state = Host::RobotsState::kFetching;
        continue;
      }
      while (!host.waiting.empty() && host.in_flight < std::max<size_t>(1, options_.per_host) &&
             pool_->active() < options_.concurrency && Clock::now() >= host.next_at) {
        std::unique_ptr<Job> job = std::move(host.waiting.front());
        host.waiting.pop_front();
        auto parts = url::split(job->current);
        auto decision = parts ? host.robots.decide(options_.user_agent, parts->path) : RobotsDecision{};
        if (!parts || !decision.allowed) {
          if (job->hops.size() == 1) {
            ++report_.robots_blocked;
            complete_without_fetch(std::move(job), {{"state", "blocked"}, {"reason", "robots.txt"},
                                                    {"rule", decision.rule ? decision.rule->pattern : ""}});
          } else {
            job->redirect_problem = "redirect to a URL robots.txt disallows: " + job->current;
            FetchResponse refused = std::move(*job->refused_redirect);
            if (auto s = complete(std::move(job), std::move(refused)); !s) return s;
          }
          continue;
        }
        FetchRequest request{job->current, "", "", private_allowed(job->current), false};
        // A page's body is decoded on an extraction thread and stored as it came; a feed's is
        // read here.
        request.decode_content = job->item.kind == "feed";
        if (job->hops.size() == 1 && job->previous.is_object()) {
          request.if_none_match = job->previous.value("etag", "");
          request.if_modified_since = job->previous.value("last_modified", "");
        }
        if (auto s = start(request, origin, std::move(job)); !s) return s;
      }
    }
    return {};
  }

  Status start(const FetchRequest& request, const std::string& origin, std::unique_ptr<Job> job) {
    uint64_t tag = next_tag_++;
    if (auto s = pool_->start(request, tag); !s) return s;
    ++hosts_[origin].in_flight;
    in_flight_.emplace(tag, InFlight{origin, std::move(job)});
    return {};
  }

  std::vector<TransferPool::Done> wait_for_transfers() {
    // Sleep no longer than until the next host may be asked again. A host whose turn has come
    // but which cannot be asked until a transfer ends (all transfers, or its own, in flight; its
    // robots.txt still coming) does not count: waking for it would spin this thread.
    auto now = Clock::now();
    auto until = now + std::chrono::milliseconds(200);
    if (pool_->active() < options_.concurrency) {
      for (const auto& [origin, host] : hosts_) {
        if (host.waiting.empty() || host.robots_state == Host::RobotsState::kFetching ||
            host.in_flight >= std::max<size_t>(1, options_.per_host)) {
          continue;
        }
        until = std::min(until, host.next_at);
      }
    }
    auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(std::max(until - now, Clock::duration::zero()));
    if (pool_->active() == 0) {
      if (timeout.count() > 0) std::this_thread::sleep_for(timeout);
      return {};
    }
    return pool_->wait(timeout);
  }

  Status handle(uint64_t tag, Result<FetchResponse> response) {
    auto it = in_flight_.find(tag);
    if (it == in_flight_.end()) return {};
    std::string origin = std::move(it->second.origin);
    std::unique_ptr<Job> job = std::move(it->second.job);
    in_flight_.erase(it);
    Host& host = hosts_[origin];
    --host.in_flight;
    if (!job) {  // robots.txt
      bool retry = (!response && response.error().kind == ErrorKind::kNetwork) ||
                   (response && retryable_status(response->status));
      if (retry && ++host.robots_tries < options_.max_tries) {
        host.robots_state = Host::RobotsState::kUnknown;
        host.next_at = Clock::now() + backoff(host.robots_tries - 1, response);
        ++report_.retries;
        return {};
      }
      learn_robots(host, response);
      if (host.robots_state == Host::RobotsState::kUnavailable) {
        note_error(origin + ": " + host.robots_error + "; its URLs stay queued");
      }
      schedule_next(host);
      return {};
    }
    schedule_next(host);
    if (response && response->status >= 300 && response->status <= 399 && response->headers.count("location")) {
      return follow_redirect(std::move(job), std::move(*response));
    }
    bool retry = (!response && response.error().kind == ErrorKind::kNetwork) ||
                 (response && retryable_status(response->status));
    if (retry && job->attempt + 1 < options_.max_tries && !stopping()) {
      // Retried from the first URL, after an exponential, jittered wait or the Retry-After asked.
      ++report_.retries;
      Host& first = hosts_[url::origin(job->item.url)];
      first.next_at = std::max(first.next_at, Clock::now() + backoff(job->attempt, response));
      ++job->attempt;
      job->current = job->item.url;
      job->hops = {job->current};
      first.waiting.push_front(std::move(job));
      return {};
    }
    return complete(std::move(job), std::move(response));
  }

  std::chrono::milliseconds backoff(int attempt, const Result<FetchResponse>& response) {
    auto wait = options_.retry_base * (1 << attempt);
    std::uniform_int_distribution<long long> jitter(0, wait.count() / 4);
    wait += std::chrono::milliseconds(jitter(random_));
    if (response) wait = std::max(wait, retry_after(*response, wait));
    return wait;
  }

  // One hop at a time: each must stay in scope, be allowed by its robots.txt (checked when it
  // is dispatched), not loop, and reach only addresses its host may use.
  Status follow_redirect(std::unique_ptr<Job> job, FetchResponse response) {
    auto target = url::resolve(job->current, response.headers["location"]);
    auto next_url = target ? url::normalize(*target) : target;
    if (!next_url) {
      job->redirect_problem = "redirect to an invalid URL";
      return complete(std::move(job), std::move(response));
    }
    if (job->hops.size() > 5) {
      return complete(std::move(job), make_error(ErrorKind::kPolicy, "fetch " + job->item.url + ": more than 5 redirects"));
    }
    if (std::find(job->hops.begin(), job->hops.end(), *next_url) != job->hops.end()) {
      return complete(std::move(job), make_error(ErrorKind::kPolicy, "fetch " + job->item.url + ": redirect loop via " + *next_url));
    }
    if (!scope_->contains(*next_url)) {
      ++report_.out_of_scope;
      job->redirect_problem = "redirect out of scope to " + *next_url;
      return complete(std::move(job), std::move(response));
    }
    if (response.status == 301 || response.status == 308) {
      // Moved for good: the old URL leaves the index; the new one is indexed in its place.
      if (auto s = sink_.gone(job->current); !s) return s;
    }
    job->current = *next_url;
    job->hops.push_back(job->current);
    job->refused_redirect = std::move(response);
    hosts_[url::origin(job->current)].waiting.push_front(std::move(job));
    return {};
  }

  void finish(const Frontier::Item& item, json state) {
    state["depth"] = item.depth;
    if (item.kind != "page") state["kind"] = item.kind;  // a revisit reads a feed as a feed
    completions_.erase(Family::kFrontier, item.key);
    completions_.put(Family::kCrawlState, item.url, state.dump());
  }

  void complete_without_fetch(std::unique_ptr<Job> job, json state) {
    --open_jobs_;
    finish(job->item, std::move(state));
    completed_since_commit_++;
  }

  // A fetch that failed, or a body that could not be read: recorded, nothing stored.
  Status fail(const Frontier::Item& item, const std::string& message) {
    ++report_.errors;
    note_error(message);
    finish(item, {{"state", "error"}, {"error", message}});
    return after_completion(item.url);
  }

  // A job's final answer: recorded, and when it is a page, extracted, indexed and its links queued.
  Status complete(std::unique_ptr<Job> job, Result<FetchResponse> response) {
    --open_jobs_;
    ++report_.fetched;
    const Frontier::Item& item = job->item;
    if (!response) return fail(item, response.error().message);
    report_.bytes += response->body.size();
    ++report_.by_status[response->status];
    json state = {{"state", "fetched"}, {"status", response->status}, {"content_type", response->content_type}};
    if (job->hops.size() > 1) state["redirects"] = job->hops;
    if (!job->redirect_problem.empty()) {
      state["state"] = "skipped";
      state["reason"] = job->redirect_problem;
    }
    if (response->headers.count("etag")) state["etag"] = response->headers["etag"];
    if (response->headers.count("last-modified")) state["last_modified"] = response->headers["last-modified"];
    // Adaptive revisits: a page that did not change is visited half as often, one that did
    // twice as often, between 1 and 60 days.
    constexpr long long kDay = 86400;
    const json& previous = job->previous;
    long long interval = previous.is_object() ? previous.value("interval", 7 * kDay) : 7 * kDay;
    bool unchanged = response->status == 304;
    if (previous.is_object()) interval = unchanged ? std::min(interval * 2, 60 * kDay) : std::max(interval / 2, kDay);
    state["interval"] = interval;
    state["next_fetch"] = unix_now() + interval;
    if (unchanged) {
      // The stored page stands: keep its validators and move on.
      ++report_.not_modified;
      state["state"] = "fetched";
      state["status"] = previous.value("status", 200);
      if (!state.contains("etag") && previous.contains("etag")) state["etag"] = previous["etag"];
      if (!state.contains("last_modified") && previous.contains("last_modified")) state["last_modified"] = previous["last_modified"];
    } else if (response->status == 404 || response->status == 410) {
      if (auto s = sink_.gone(item.url); !s) return s;
    } else if (!job->redirect_problem.empty()) {
      // Recorded above; nothing to index.
    } else if (response->status >= 200 && response->status < 300 && item.kind == "feed") {
      // A feed found through <link rel=alternate>: its entries are links to follow.
      auto feed = parse_sitemap(response->body, item.url);
      if (feed) {
        ++report_.feeds;
        state["entries"] = feed->entries.size();
        for (const auto& entry : feed->entries) {
          auto normalized = url::normalize(entry.url);
          if (!normalized || item.depth >= options_.max_depth) continue;
          if (auto s = queue_link(*normalized, item.depth + 1, "page"); !s) return s;
        }
      } else {
        state["state"] = "error";
        state["error"] = feed.error().message;
      }
    } else if (response->status >= 200 && response->status < 300) {
      if (!is_html(response->content_type)) {
        ++report_.skipped_type;
        state["state"] = "skipped";
        state["reason"] = "content type " + response->content_type;
      } else {
        return extract_later(std::move(job), std::move(*response), std::move(state));
      }
    }
    finish(item, state);
    return after_completion(item.url);
  }

  // The page goes to the extraction threads; store_extracted finishes it when it is back.
  Status extract_later(std::unique_ptr<Job> job, FetchResponse response, json state) {
    auto final_url = url::normalize(response.final_url);
    std::string page_url = final_url ? *final_url : job->item.url;
    auto oldest = extractions_->submit(Extraction{std::move(job), std::move(response), std::move(state), std::move(page_url), {}, {}});
    return oldest ? store_extracted(std::move(*oldest)) : Status{};
  }

  // On an extraction thread: nothing here touches the crawl's state.
  Extraction extract(Extraction& work) const {
    std::string decoded;
    if (!work.response.content_encoding.empty()) {
      auto body = decode_content_coding(work.response.body, work.response.content_encoding, options_.max_body_bytes);
      if (!body) {
        work.unreadable = Error{body.error().kind, "fetch " + work.job->item.url + ": " + body.error().message};
        return std::move(work);
      }
      decoded = std::move(*body);
    }
    std::string_view body = work.response.content_encoding.empty() ? work.response.body : decoded;
    work.page = extractor_.extract({body, work.page_url, work.response.content_type});
    // X-Robots-Tag carries what <meta name=robots> would, for any content type.
    auto tag = work.response.headers.find("x-robots-tag");
    std::string robots_tag = to_lower_ascii(tag != work.response.headers.end() ? tag->second : "");
    if (robots_tag.find("noindex") != std::string::npos || robots_tag.find("none") != std::string::npos) work.page.noindex = true;
    if (robots_tag.find("nofollow") != std::string::npos || robots_tag.find("none") != std::string::npos) work.page.nofollow = true;
    work.prepared = sink_.prepare(work.page);
    return std::move(work);
  }

  // Back on the crawl thread, in fetch order: the page is stored, indexed and its links queued.
  Status store_extracted(Extraction done) {
    const Frontier::Item& item = done.job->item;
    if (done.unreadable) return fail(item, done.unreadable->message);  // like a failed fetch
    const ExtractedPage& page = done.page;
    completions_.put(Family::kPages, done.page_url, encode_page(done.response));
    if (auto s = sink_.page(page, std::move(done.prepared)); !s) return s;
    if (page.kind == PageKind::kArticle && !page.noindex) ++report_.articles;
    if (!page.nofollow && item.depth < options_.max_depth) {
      for (const auto& feed : page.feeds) {
        auto normalized = url::normalize(feed);
        if (!normalized) continue;
        if (auto s = queue_link(*normalized, item.depth, "feed"); !s) return s;
      }
      for (const auto& link : page.links) {
        if (auto s = queue_link(link, item.depth + 1, "page"); !s) return s;
      }
    }
    finish(item, std::move(done.state));
    return after_completion(item.url);
  }

  Status queue_link(const std::string& url, int depth, std::string_view kind) {
    if (!scope_->contains(url)) return {};
    auto added = frontier_.add(completions_, url, depth, kind);
    if (!added) return std::unexpected(added.error());
    if (*added) ++backlog_;
    return {};
  }

  Status after_completion(const std::string& url) {
    if (++completed_since_commit_ >= options_.commit_every) {
      if (auto s = commit(); !s) return s;
    }
    report_.queued = backlog_ + open_jobs_;
    if (progress_) progress_(report_, url);
    return {};
  }

  // Pages indexed but not yet committed: their completion is written after the sink commits.
  Status commit(bool last = false) {
    if (auto s = sink_.commit(last); !s) return s;
    if (auto s = store_.write(completions_); !s) return s;
    completions_ = storage::WriteBatch();
    completed_since_commit_ = 0;
    frontier_.forget_pending();
    return {};
  }

  struct InFlight {
    std::string origin;
    std::unique_ptr<Job> job;  // null: the host's robots.txt
  };

  storage::Store& store_;
  const extract::Extractor& extractor_;
  const CrawlOptions& options_;
  PageSink& sink_;
  const std::atomic<bool>* stop_;
  const ProgressCallback& progress_;
  CrawlReport report_;
  std::vector<std::string> seeds_;
  std::set<std::string> private_seed_hosts_;
  std::optional<Scope> scope_;
  std::optional<Fetcher> fetcher_;
  std::optional<TransferPool> pool_;
  // After pool_: its threads wake the pool, so they must stop first.
  std::optional<OrderedWorkers<Extraction, Extraction>> extractions_;
  Frontier frontier_;
  std::map<std::string, Host> hosts_;
  std::unordered_map<uint64_t, InFlight> in_flight_;
  uint64_t next_tag_ = 1;
  size_t open_jobs_ = 0;  // taken from the frontier and not yet complete
  size_t backlog_ = 0;    // in the frontier and not yet taken
  storage::WriteBatch completions_;
  size_t completed_since_commit_ = 0;
  std::minstd_rand random_;
};

}  // namespace

Crawler::Crawler(storage::Store& store, const extract::Extractor& extractor, CrawlOptions options, PageSink& sink)
    : store_(store), extractor_(extractor), options_(std::move(options)), sink_(sink) {}

Result<CrawlReport> Crawler::run(const std::atomic<bool>* stop, const ProgressCallback& progress) {
  CrawlRun run(store_, extractor_, options_, sink_, stop, progress);
  return run.run();
}

}  // namespace beautyidx::crawler
