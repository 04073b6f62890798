// The admin jobs of `beautyidx serve`: a crawl or a reindex in a background thread of the server
// process, on its own writable handle of the database (the server's Recommender only reads).
// Only one job runs at a time, and only while no other process holds the database's writer
// lock. Built as its own library (beautyidx_server_admin) so the API library does not link the
// crawler.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>

#include "server/admin.h"

namespace beautyidx::server {

struct AdminJobOptions {
  std::filesystem::path db;        // the database the server reads
  std::filesystem::path data_dir;  // taxonomy.json, retailers.json, brands.txt (the extractor's)
  // Lets a crawl start at loopback, private and link-local seeds. For tests against a loopback
  // site only (`--admin-allow-private`): an admin crawl never sets the crawler's allow_private,
  // so even then only the seeds' own hosts may be private, never a host a page links to.
  bool allow_private_seeds = false;
  size_t commit_every = 25;  // pages between durable commits
};

class BackgroundJobs : public AdminJobs {
 public:
  // `after_job` runs in the job's thread once the job has closed the database, before its
  // status says it finished: the binary refreshes the server's reader there, so a client that
  // sees "succeeded" finds the new articles.
  BackgroundJobs(AdminJobOptions options, std::function<void()> after_job);
  // Stops a running crawl and waits for the job, however long it takes.
  ~BackgroundJobs() override;
  BackgroundJobs(const BackgroundJobs&) = delete;
  BackgroundJobs& operator=(const BackgroundJobs&) = delete;

  JobResult<JobStatus> start_crawl(const CrawlJobRequest& request) override;
  JobResult<JobStatus> start_reindex() override;
  JobStatus status() const override;

  // Asks a running crawl to stop at its next page (a reindex cannot be stopped), refuses new
  // jobs, and waits up to `wait` for the job's thread. False when it is still running.
  bool stop(std::chrono::milliseconds wait);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True for a seed whose host is loopback, private, link-local or otherwise not a public address
// ("localhost", "127.0.0.1", "10.1.2.3", "[::1]", "169.254.169.254"). Names other than
// localhost are not resolved here: the crawler checks every address it connects to.
bool is_private_seed(const std::string& url);

}  // namespace beautyidx::server
