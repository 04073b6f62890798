// Serves the API over HTTP (cpp-httplib). Blocking: listen() returns after stop() or a signal.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "recommender/recommender.h"
#include "server/api.h"

namespace beautyidx::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  int refresh_seconds = 5;  // how often new index commits are picked up
  ApiOptions api;           // CORS allow-list (default: any origin)
};

class HttpServer {
 public:
  HttpServer(recommender::Recommender& recommender, ServerOptions options);
  ~HttpServer();

  // Binds; returns the port actually bound.
  Result<int> bind();
  // Serves until stop(); call bind() first.
  Status listen();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace beautyidx::server
