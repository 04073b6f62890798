// What the admin endpoints drive: one background job at a time (a crawl or a reindex) with its
// own writable handle on the database. An interface, so the API (api.cc) does not depend on the
// crawler; admin_jobs.h has the implementation the binary wires in.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace beautyidx::server {

struct CrawlJobRequest {
  std::vector<std::string> urls;          // seeds: absolute http(s) URLs
  size_t max_pages = 100;                 // fetched in this job
  std::chrono::milliseconds delay{1000};  // between requests to one host
};

enum class JobKind { kCrawl, kReindex };
enum class JobState { kIdle, kRunning, kSucceeded, kFailed };
const char* job_kind_name(JobKind kind);     // "crawl" | "reindex"
const char* job_state_name(JobState state);  // "idle" | "running" | "succeeded" | "failed"

// The running job, or the last one. Counts are live while it runs.
struct JobStatus {
  uint64_t id = 0;  // 1, 2, ... per server process; 0 before the first job
  std::optional<JobKind> kind;
  JobState state = JobState::kIdle;
  std::string started;            // ISO 8601 UTC, "" before the first job
  std::string finished;           // "" while running
  std::vector<std::string> urls;  // a crawl's seeds
  size_t pages = 0;               // crawl: pages fetched; reindex: stored pages read
  size_t articles = 0;            // indexed
  size_t errors = 0;
  size_t queued = 0;    // crawl: URLs still waiting
  std::string message;  // why it failed, or a one-line summary
};

// Why a job was not started. The API maps these to HTTP statuses in one place (api.cc).
enum class JobRefusal {
  kInvalidArgument,  // a seed is not an http(s) URL
  kPrivateAddress,   // a seed names a loopback, private or link-local host
  kBusy,             // this server already runs a job
  kDatabaseLocked,   // another process (a `beautyidx crawl`) holds the writer lock
  kUnavailable,      // the database or the extractor's data could not be opened
};

struct JobRejection {
  JobRefusal reason = JobRefusal::kUnavailable;
  std::string message;
};

template <typename T>
using JobResult = std::expected<T, JobRejection>;

// Thread-safe.
class AdminJobs {
 public:
  virtual ~AdminJobs() = default;
  // Starts the job and returns its status (state kRunning) without waiting for it.
  virtual JobResult<JobStatus> start_crawl(const CrawlJobRequest& request) = 0;
  virtual JobResult<JobStatus> start_reindex() = 0;
  virtual JobStatus status() const = 0;
};

}  // namespace beautyidx::server
