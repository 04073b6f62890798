// A real HTTP server on loopback that serves a folder of static files, for tests, benches and
// the README's demo (the sample blog). "{{ORIGIN}}" in .xml and .txt files becomes the
// server's own origin, so sitemaps and feeds can list absolute URLs. Tests may add handlers for
// paths that need special behaviour (slow, redirecting, 429...).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/error.h"

namespace beautyidx::testing {

struct HttpReply {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::map<std::string, std::string> headers;
};

struct HttpCall {
  std::string path;  // without the query
  std::map<std::string, std::string> headers;  // lowercase names
};

class StaticSite {
 public:
  explicit StaticSite(std::filesystem::path root);
  ~StaticSite();
  StaticSite(const StaticSite&) = delete;
  StaticSite& operator=(const StaticSite&) = delete;

  // Routes `path` to `handler` instead of the files. Call before start().
  void on(const std::string& path, std::function<HttpReply(const HttpCall&)> handler);
  // Routes every path starting with `prefix` (after exact routes). Call before start().
  void on_prefix(const std::string& prefix, std::function<HttpReply(const HttpCall&)> handler);

  // Listens on host:port (port 0 = any free port) in a background thread.
  Result<int> start(const std::string& host = "127.0.0.1", int port = 0);
  void stop();

  std::string origin() const;  // "http://127.0.0.1:PORT"
  size_t requests() const;     // served so far
  size_t requests_for(const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace beautyidx::testing
