// HTTP(S) fetches through libcurl with the crawl's limits: timeouts, a body cap, redirects
// (at most 5), gzip/brotli, conditional requests, and the address policy applied to every
// connection. Fetcher does one transfer at a time; TransferPool drives many from one thread
// through curl's multi interface (keep-alive, HTTP/2 multiplexing where offered). Neither is
// thread-safe: one per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "crawler/address_policy.h"

namespace beautyidx::crawler {

struct FetcherOptions {
  std::string user_agent;
  size_t max_connections = 16;  // TransferPool: connections open at once, all hosts together
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{20000};
  size_t max_body_bytes = 10 * 1024 * 1024;
  int max_redirects = 5;
  AddressPolicy address_policy;
};

struct FetchRequest {
  std::string url;
  std::string if_none_match;      // ETag of the stored copy
  std::string if_modified_since;  // Last-Modified of the stored copy
  // Overrides the fetcher's policy for this request: whether loopback and private addresses
  // may be reached (the crawler allows them for a seed's own host only).
  std::optional<bool> allow_private;
  // When false, a 3xx is returned as it is (with its Location header) so the caller can check
  // each hop against its scope, robots.txt and address rules.
  bool follow_redirects = true;
  // When false, a compressed body is kept as it came off the wire and
  // FetchResponse::content_encoding names its codings (decode_content_coding undoes them, away
  // from the thread that drives the transfers); only the codings that function reads are
  // offered. max_body_bytes then bounds the bytes received, not the decoded ones.
  bool decode_content = true;
};

struct FetchResponse {
  long status = 0;
  std::string final_url;  // after redirects
  std::string content_type;
  std::map<std::string, std::string> headers;  // lowercase names; last value wins
  std::string body;
  std::string content_encoding;  // with decode_content off: the body's codings ("gzip"); else ""
  bool truncated = false;  // the body passed max_body_bytes and was cut off
  int redirects = 0;
  double seconds = 0;
};

class Fetcher {
 public:
  explicit Fetcher(FetcherOptions options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Network failures, refused addresses and oversized bodies are errors (kNetwork/kPolicy);
  // any HTTP status, 4xx and 5xx included, is a response.
  Result<FetchResponse> fetch(const FetchRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Many transfers at once, driven from the calling thread. Not thread-safe, except wake().
class TransferPool {
 public:
  explicit TransferPool(FetcherOptions options);
  ~TransferPool();
  TransferPool(const TransferPool&) = delete;
  TransferPool& operator=(const TransferPool&) = delete;

  // Starts fetching; `tag` comes back with the result.
  Status start(const FetchRequest& request, uint64_t tag);

  struct Done {
    uint64_t tag = 0;
    Result<FetchResponse> response;
  };
  // Moves transfers along until at least one finishes or `timeout` passes; returns the finished
  // ones (possibly none).
  std::vector<Done> wait(std::chrono::milliseconds timeout);
  // Makes a wait() in progress (or the next one) return at once. The one call that is safe
  // from another thread.
  void wake();

  size_t active() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace beautyidx::crawler
