// The crawl loop: seeds, robots.txt, sitemaps and in-page links within a scope. Many transfers
// run at once from one thread (curl's multi interface), but each host gets at most
// `per_host` requests in flight (one by default) and a delay between them. The frontier and
// per-URL state live in the Store, so a killed crawl resumes where it stopped when the same
// command runs again. Not thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"
#include "extract/extractor.h"
#include "storage/store.h"

namespace beautyidx::crawler {

struct CrawlOptions {
  std::vector<std::string> seeds;
  // URLs readers asked for (the server's crawl requests). Those the scope takes (prefixes and
  // include/exclude, as for a link) are queued like seeds; the others come back in
  // CrawlReport::requests_not_taken to wait for a crawl that covers them. Unlike seeds they do
  // not widen the default scope, start sitemap reading, or open private addresses to the crawl,
  // and robots.txt applies to them as to any URL.
  std::vector<std::string> requested;
  size_t max_pages = 1000;   // pages fetched in this run
  int max_depth = 8;         // links followed from a seed
  std::chrono::milliseconds delay{1000};  // between requests to one host
  std::string user_agent = "beautyidx/0.1 (+https://github.com/beautyidx/beautyidx)";
  std::vector<std::string> scope;  // URL prefixes; empty = the seeds' origins
  // Regular expressions (ECMAScript, searched anywhere in the URL): a URL in scope is crawled
  // only if it matches one of `include` (when given) and none of `exclude`.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  size_t concurrency = 8;         // transfers in flight, all hosts together
  size_t per_host = 1;            // transfers in flight to one host
  size_t max_pages_per_host = 0;  // pages fetched from one host in this run; 0: no limit
  bool allow_private = false;      // also implied when a seed is itself private or loopback
  bool use_sitemaps = true;
  // Revisit stored pages: kDue those whose next-fetch time has come, kAll every one. Revisits
  // are conditional (If-None-Match / If-Modified-Since); a 304 keeps the stored page.
  enum class Recrawl { kNone, kDue, kAll };
  Recrawl recrawl = Recrawl::kNone;
  std::chrono::milliseconds timeout{20000};
  size_t max_body_bytes = 10 * 1024 * 1024;
  // Pages indexed between two commits of the search index (and of the crawl state that says
  // they are done), bounding what a killed crawl re-fetches.
  size_t commit_every = 25;
  // Threads that extract fetched pages (and run the sink's prepare step) beside the crawl
  // thread, which keeps the transfers moving and hands pages to the sink in fetch order.
  // 0 extracts on the crawl thread.
  size_t extract_threads = 2;
  // 429, 5xx and network errors are retried this many times in all, waiting
  // retry_base * 2^attempt (with jitter), or the Retry-After the server asks for (<= 60 s).
  int max_tries = 3;
  std::chrono::milliseconds retry_base{1000};
};

// What a sink built from a page away from the crawl thread (PageSink::prepare).
class PreparedPageWork {
 public:
  virtual ~PreparedPageWork() = default;
};

// Receives what the crawl fetched; the composition root wires it to the indexer.
class PageSink {
 public:
  virtual ~PageSink() = default;
  // Runs on the extraction threads, several pages at once: the work on a page that needs
  // nothing but the page (building its search documents), so that page() has less to do on
  // the crawl thread. Must be thread-safe. The default prepares nothing.
  virtual std::unique_ptr<PreparedPageWork> prepare(const ExtractedPage&) const { return nullptr; }
  // On the crawl thread, in fetch order, with what prepare() returned for the page.
  virtual Status page(const ExtractedPage& page, std::unique_ptr<PreparedPageWork> prepared) = 0;
  virtual Status gone(const std::string& url) = 0;  // 404/410: remove from the index
  // Makes everything received so far durable; the crawl marks those URLs done only after this.
  // `last` is the crawl's final commit: a sink may leave work that can lag (rebuilding
  // summaries) for it.
  virtual Status commit(bool last) = 0;
};

struct CrawlReport {
  size_t fetched = 0;
  size_t articles = 0;
  size_t errors = 0;
  size_t robots_blocked = 0;
  size_t skipped_type = 0;
  size_t retries = 0;
  size_t out_of_scope = 0;      // links and redirects outside the scope or the include/exclude rules
  size_t over_host_budget = 0;  // left queued for a later run by max_pages_per_host
  size_t robots_unavailable = 0;  // left queued because a host's robots.txt could not be read
  size_t not_modified = 0;  // 304 answers to conditional revisits
  size_t feeds = 0;  // RSS/Atom feeds read for links
  size_t queued = 0;       // live: URLs waiting to be fetched
  size_t queued_left = 0;
  size_t bytes = 0;  // bodies as received: compressed when the server compressed them
  double seconds = 0;
  std::map<long, size_t> by_status;
  std::vector<std::string> error_samples;  // first few error messages
  // Of CrawlOptions::requested: how many this run queued (or found already known to the crawl),
  // those outside its scope, as given, and those that are not http(s) URLs at all (no crawl will
  // ever take them: they are reported, then dropped).
  size_t requests_taken = 0;
  std::vector<std::string> requests_not_taken;
  std::vector<std::string> requests_invalid;
};

using ProgressCallback = std::function<void(const CrawlReport&, const std::string& url)>;

class Crawler {
 public:
  Crawler(storage::Store& store, const extract::Extractor& extractor, CrawlOptions options, PageSink& sink);

  // Runs until the frontier is empty, max_pages were fetched, or *stop becomes true. An
  // invalid include/exclude pattern is an error before anything is fetched.
  Result<CrawlReport> run(const std::atomic<bool>* stop = nullptr, const ProgressCallback& progress = {});

 private:
  storage::Store& store_;
  const extract::Extractor& extractor_;
  CrawlOptions options_;
  PageSink& sink_;
};

}  // namespace beautyidx::crawler
