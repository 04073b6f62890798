#include "server/http_server.h"

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <thread>

#include "core/text.h"
#include "server/api.h"

namespace beautyidx::server {

struct HttpServer::Impl {
  recommender::Recommender& recommender;
  ServerOptions options;
  httplib::Server http;
  std::atomic<bool> running{false};
  std::thread refresher;
  std::mutex mutex;
  std::condition_variable wake;

  Impl(recommender::Recommender& r, ServerOptions o) : recommender(r), options(std::move(o)) {}
};

HttpServer::HttpServer(recommender::Recommender& recommender, ServerOptions options)
    : impl_(std::make_unique<Impl>(recommender, std::move(options))) {
  Impl* impl = impl_.get();
  impl->http.set_payload_max_length(64 * 1024);
  impl->http.set_tcp_nodelay(true);  // no delayed-ACK stall between headers and body
  impl->http.set_read_timeout(5, 0);
  impl->http.set_write_timeout(5, 0);
  impl->http.set_keep_alive_timeout(5);
  auto route = [impl](const httplib::Request& req, httplib::Response& res) {
    ApiRequest request;
    request.method = req.method;
    request.path = req.path;
    for (const auto& [name, value] : req.params) request.params[name] = value;
    for (const auto& [name, value] : req.headers) {
      std::string& joined = request.headers[to_lower_ascii(name)];
      joined += joined.empty() ? value : ", " + value;  // a repeated header is one comma list
    }
    ApiResponse response = handle(impl->recommender, impl->options.api, request);
    res.status = response.status;
    res.set_header("X-Content-Type-Options", "nosniff");
    // cpp-httplib gzips or brotli-compresses text bodies for clients that accept it, without
    // saying so to caches; a cache must not hand a compressed copy to one that does not.
    std::string& vary = response.headers["Vary"];
    vary += vary.empty() ? "Accept-Encoding" : ", Accept-Encoding";
    for (const auto& [name, value] : response.headers) res.set_header(name, value);
    bool has_body = response.status != 204 && response.status != 304;
    if (has_body) res.set_content(response.body, response.content_type);
  };
  impl->http.Get(".*", route);
  impl->http.Post(".*", route);
  impl->http.Options(".*", route);
}

HttpServer::~HttpServer() { stop(); }

Result<int> HttpServer::bind() {
  int port = impl_->options.port == 0 ? impl_->http.bind_to_any_port(impl_->options.host)
                                      : (impl_->http.bind_to_port(impl_->options.host, impl_->options.port) ? impl_->options.port : -1);
  if (port <= 0) {
    return make_error(ErrorKind::kIo, "listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                                          ": address in use or not available");
  }
  return port;
}

Status HttpServer::listen() {
  impl_->running = true;
  Impl* impl = impl_.get();
  impl->refresher = std::thread([impl] {
    std::unique_lock lock(impl->mutex);
    while (impl->running) {
      impl->wake.wait_for(lock, std::chrono::seconds(impl->options.refresh_seconds));
      if (!impl->running) break;
      (void)impl->recommender.refresh();  // a failed refresh keeps serving the last good view
    }
  });
  bool ok = impl_->http.listen_after_bind();
  stop();
  if (!ok) return make_error(ErrorKind::kIo, "server stopped with an error");
  return {};
}

void HttpServer::stop() {
  if (impl_->running.exchange(false)) {
    impl_->wake.notify_all();
    impl_->http.stop();
    if (impl_->refresher.joinable()) impl_->refresher.join();
  } else {
    impl_->http.stop();
  }
}

}  // namespace beautyidx::server
