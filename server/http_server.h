// Serves the API over HTTP (cpp-httplib). Blocking: listen() returns after stop(), once the
// requests in flight have been answered. Everything the binary needs to run `serve` is
// reachable from this header: the config (config.h) and the admin jobs (admin_jobs.h).
#pragma once

#include <signal.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "recommender/recommender.h"
#include "server/admin_jobs.h"
#include "server/api.h"
#include "server/config.h"

namespace beautyidx::server {

class HttpServer {
 public:
  // `admin` (optional) runs the admin endpoints' jobs; `crawl_requests` (optional) hears of
  // posts readers' pages ask about that the index does not have. Both must outlive the server.
  HttpServer(recommender::Recommender& recommender, ServerOptions options,
             AdminJobs* admin = nullptr, CrawlRequester* crawl_requests = nullptr);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds; returns the port actually bound.
  Result<int> bind();
  // Serves until stop(); call bind() first. Returns once every connection has been closed.
  Status listen();
  // Stops accepting connections; requests already being read or answered still get their
  // answer, and then their connection is closed. Returns at once. Safe from any thread, not
  // from a signal handler.
  void stop();
  // stop(), then waits up to `grace` for listen() to return. False when it has not.
  bool shutdown(std::chrono::milliseconds grace);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Serves (listen()) until one of `signals` arrives, then shuts down: `on_signal` runs first,
// then stop(), and the requests in flight get `grace` to finish. The caller must have blocked
// `signals` in every thread (pthread_sigmask before starting any), so that only the sigwait here
// takes them. Returns listen()'s result; an error when the grace ran out, in which case the
// server's threads still run and the caller should exit the process at once.
Status serve_until_signal(HttpServer& http, const sigset_t& signals,
                          std::chrono::milliseconds grace, const std::function<void()>& on_signal);

}  // namespace beautyidx::server
