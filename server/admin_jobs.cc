#include "server/admin_jobs.h"

#include <arpa/inet.h>

#include <atomic>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>

#include "core/text.h"
#include "crawler/address_policy.h"
#include "crawler/crawler.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "pipeline/crawl_requests.h"
#include "pipeline/indexing_sink.h"
#include "pipeline/reindex.h"
#include "pipeline/related_refresh.h"
#include "recommender/recommender.h"
#include "storage/store.h"
#include "url/url.h"

namespace beautyidx::server {
namespace {

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

bool is_ip_literal(const std::string& host) {
  unsigned char address[16];
  return inet_pton(AF_INET, host.c_str(), address) == 1 ||
         inet_pton(AF_INET6, host.c_str(), address) == 1;
}

// What a job writes with. Destroyed (indexer first) before the reader refreshes.
struct WritableDatabase {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<indexer::Indexer> indexer;
};

// RocksDB says "lock file ... Resource temporarily unavailable", Xapian "Unable to get write
// lock": either way another writer holds the database, which is the caller's to wait out.
JobRejection open_failure(const Error& error) {
  if (to_lower_ascii(error.message).find("lock") != std::string::npos) {
    return {JobRefusal::kDatabaseLocked,
            "the database is held by another writer (a `beautyidx crawl`, `ingest` or `reindex` "
            "process?); try again when it has finished (" +
                error.message + ")"};
  }
  return {JobRefusal::kUnavailable, "open the database for writing: " + error.message};
}

JobResult<WritableDatabase> open_for_writing(const std::filesystem::path& db) {
  WritableDatabase out;
  auto store = storage::Store::open(schema::records_dir(db), {.create_if_missing = false});
  if (!store) return std::unexpected(open_failure(store.error()));
  out.store = std::move(*store);
  auto indexer = indexer::Indexer::open(db, *out.store);
  if (!indexer) return std::unexpected(open_failure(indexer.error()));
  out.indexer = std::move(*indexer);
  return out;
}

}  // namespace

bool is_private_seed(const std::string& url) {
  auto parts = url::split(url);
  if (!parts) return false;  // not a URL at all: refused as invalid before this matters
  std::string host = parts->host;
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host == "localhost" || host.ends_with(".localhost")) return true;
  if (!is_ip_literal(host)) return false;
  return crawler::classify_address(host) != crawler::AddressClass::kPublic;
}

struct BackgroundJobs::Impl {
  // The work of one job, run in its thread; reports progress through `status`.
  using Work = std::function<Status(WritableDatabase&, const extract::Extractor&)>;

  AdminJobOptions options;
  std::function<void()> after_job;

  mutable std::mutex mutex;
  std::condition_variable done;
  JobStatus status;  // guarded by mutex
  bool running = false;
  bool stopping = false;
  uint64_t last_id = 0;
  std::atomic<bool> stop_crawl{false};
  std::thread worker;

  // Under `mutex`: refuses while a job runs, opens what the job needs, and starts it.
  JobResult<JobStatus> launch(JobKind kind, std::vector<std::string> urls, Work work) {
    if (stopping)
      return std::unexpected(JobRejection{JobRefusal::kUnavailable, "the server is shutting down"});
    if (running) {
      return std::unexpected(JobRejection{
          JobRefusal::kBusy, std::string("a ") + job_kind_name(*status.kind) + " (job " +
                                 std::to_string(status.id) + ") is running since " +
                                 status.started + "; one job at a time"});
    }
    auto database = open_for_writing(options.db);
    if (!database) return std::unexpected(database.error());
    auto extractor = extract::Extractor::load(options.data_dir);
    if (!extractor) {
      return std::unexpected(JobRejection{
          JobRefusal::kUnavailable, "load the extractor's data: " + extractor.error().message});
    }
    if (worker.joinable()) worker.join();  // the last job's thread, already done with its work
    status = JobStatus{};
    status.id = ++last_id;
    status.kind = kind;
    status.state = JobState::kRunning;
    status.started = utc_now();
    status.urls = std::move(urls);
    running = true;
    stop_crawl = false;
    worker = std::thread([this, db = std::make_shared<WritableDatabase>(std::move(*database)),
                          ex = std::make_shared<extract::Extractor>(std::move(*extractor)),
                          work = std::move(work)] { run(*db, *ex, work); });
    return status;
  }

  // The related-article lists the job's commits made due, so the widget reads them stored.
  Status refresh_related_lists(WritableDatabase& database) {
    auto taxonomy = Taxonomy::load(options.data_dir / "taxonomy.json");
    if (!taxonomy) return std::unexpected(taxonomy.error());
    auto reader = recommender::Recommender::open(options.db, std::move(*taxonomy));
    if (!reader) return std::unexpected(reader.error());
    auto report = pipeline::refresh_related(*database.store, **reader, 1);
    if (!report) return std::unexpected(report.error());
    return {};
  }

  void run(WritableDatabase& database, const extract::Extractor& extractor, const Work& work) {
    Status result;
    try {
      result = work(database, extractor);
      if (result) result = refresh_related_lists(database);
    } catch (const std::exception& e) {
      result = make_error(ErrorKind::kInternal, std::string("job failed: ") + e.what());
    }
    // Release the writer lock, then let the server's reader see what the job committed.
    database.indexer.reset();
    database.store.reset();
    if (after_job) after_job();
    std::lock_guard lock(mutex);
    status.state = result ? JobState::kSucceeded : JobState::kFailed;
    if (!result) status.message = result.error().message;
    status.finished = utc_now();
    running = false;
    done.notify_all();
  }

  void progress(size_t pages, size_t articles, size_t errors, size_t queued) {
    std::lock_guard lock(mutex);
    status.pages = pages;
    status.articles = articles;
    status.errors = errors;
    status.queued = queued;
  }

  void summarize(std::string message) {
    std::lock_guard lock(mutex);
    status.message = std::move(message);
  }
};

BackgroundJobs::BackgroundJobs(AdminJobOptions options, std::function<void()> after_job)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->after_job = std::move(after_job);
}

BackgroundJobs::~BackgroundJobs() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    impl_->stop_crawl = true;
  }
  if (impl_->worker.joinable()) impl_->worker.join();
}

JobResult<JobStatus> BackgroundJobs::start_crawl(const CrawlJobRequest& request) {
  std::vector<std::string> seeds;
  for (const std::string& url : request.urls) {
    auto normalized = url::normalize(url);
    if (!normalized) {
      return std::unexpected(
          JobRejection{JobRefusal::kInvalidArgument,
                       "'" + url + "' is not an http(s) URL: " + normalized.error().message});
    }
    if (!impl_->options.allow_private_seeds && is_private_seed(*normalized)) {
      return std::unexpected(JobRejection{JobRefusal::kPrivateAddress,
                                          "'" + *normalized +
                                              "' names a loopback, private or link-local host; "
                                              "admin crawls only reach public sites"});
    }
    seeds.push_back(*normalized);
  }
  if (seeds.empty())
    return std::unexpected(JobRejection{JobRefusal::kInvalidArgument, "no URLs to crawl"});

  crawler::CrawlOptions crawl;
  crawl.seeds = seeds;
  crawl.max_pages = request.max_pages;
  crawl.delay = request.delay;
  crawl.commit_every = impl_->options.commit_every;
  // crawl.allow_private stays false: only a seed's own host may be private (with
  // allow_private_seeds), never one a page links or redirects to.
  Impl* impl = impl_.get();
  auto work = [impl, crawl](WritableDatabase& database,
                            const extract::Extractor& extractor) -> Status {
    // As `beautyidx crawl` does, it takes the waiting requests its scope covers.
    auto report = pipeline::crawl_serving_requests(
        impl->options.db, *database.store, *database.indexer, extractor, crawl, &impl->stop_crawl,
        [impl](const crawler::CrawlReport& r, const std::string&) {
          impl->progress(r.fetched, r.articles, r.errors, r.queued);
        });
    if (!report) return std::unexpected(report.error());
    impl->progress(report->fetched, report->articles, report->errors, report->queued_left);
    impl->summarize("crawled " + std::to_string(report->fetched) + " pages in " +
                    std::to_string(static_cast<long>(report->seconds)) +
                    " s: " + std::to_string(report->articles) + " articles indexed, " +
                    std::to_string(report->errors) + " errors, " +
                    std::to_string(report->queued_left) + " still queued" +
                    (impl->stop_crawl ? " (stopped)" : ""));
    return {};
  };
  std::lock_guard lock(impl_->mutex);
  return impl_->launch(JobKind::kCrawl, std::move(seeds), std::move(work));
}

JobResult<JobStatus> BackgroundJobs::start_reindex() {
  Impl* impl = impl_.get();
  auto work = [impl](WritableDatabase& database, const extract::Extractor& extractor) -> Status {
    auto report = pipeline::reindex(*database.store, *database.indexer, extractor, 200,
                                    [impl](const pipeline::ReindexReport& r) {
                                      impl->progress(r.pages, r.articles, r.unreadable, 0);
                                    });
    if (!report) return std::unexpected(report.error());
    impl->progress(report->pages, report->articles, report->unreadable, 0);
    impl->summarize("reindexed " + std::to_string(report->pages) +
                    " stored pages: " + std::to_string(report->articles) + " articles");
    return {};
  };
  std::lock_guard lock(impl_->mutex);
  return impl_->launch(JobKind::kReindex, {}, std::move(work));
}

JobStatus BackgroundJobs::status() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->status;
}

bool BackgroundJobs::stop(std::chrono::milliseconds wait) {
  {
    std::unique_lock lock(impl_->mutex);
    impl_->stopping = true;
    impl_->stop_crawl = true;
    if (!impl_->done.wait_for(lock, wait, [&] { return !impl_->running; })) return false;
  }
  if (impl_->worker.joinable()) impl_->worker.join();
  return true;
}

}  // namespace beautyidx::server
