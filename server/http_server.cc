#include "server/http_server.h"

#include <httplib.h>
#include <pthread.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <thread>

#include "core/text.h"
#include "server/api.h"
#include "server/metrics.h"

namespace beautyidx::server {
namespace {

ApiRequest to_api_request(const httplib::Request& req) {
  ApiRequest request;
  request.method = req.method;
  request.path = req.path;
  for (const auto& [name, value] : req.params) request.params[name] = value;
  for (const auto& [name, value] : req.headers) {
    std::string& joined = request.headers[to_lower_ascii(name)];
    joined += joined.empty() ? value : ", " + value;  // a repeated header is one comma list
  }
  request.body = req.body;
  return request;
}

// What cpp-httplib answers by itself (a malformed request, 413 for a body over the limit...)
// gets the API's error object too, instead of an empty body.
const char* error_code(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    default:
      return status < 500 ? "bad_request" : "internal";
  }
}

// cpp-httplib 0.11 listens with a backlog of 5 (a compile-time constant of the Debian library):
// under a burst of new connections the kernel drops SYNs and clients retry a second later. This
// gives access to the listening socket, to listen() again with the system's maximum backlog.
class ListeningServer : public httplib::Server {
 public:
  void widen_backlog() {
    socket_t socket = svr_sock_;
    if (socket != INVALID_SOCKET) ::listen(socket, SOMAXCONN);
  }
};

}  // namespace

struct HttpServer::Impl {
  recommender::Recommender& recommender;
  ServerOptions options;
  AdminJobs* admin;
  CrawlRequester* crawl_requests;
  Metrics metrics;
  ListeningServer http;
  bool running = false;  // guarded by mutex: the refresher runs while this is true
  std::thread refresher;
  std::mutex mutex;
  std::condition_variable wake;
  bool stop_requested = false;  // guarded by mutex, like the two below
  bool finished = false;        // listen() has returned
  std::condition_variable stopped;

  Impl(recommender::Recommender& r, ServerOptions o, AdminJobs* a, CrawlRequester* c)
      : recommender(r), options(std::move(o)), admin(a), crawl_requests(c) {}

  void answer(const httplib::Request& req, httplib::Response& res) {
    ApiResponse response =
        handle(ApiContext{recommender, options.api, admin, &metrics, crawl_requests}, to_api_request(req));
    res.status = response.status;
    res.set_header("X-Content-Type-Options", "nosniff");
    // cpp-httplib gzips or brotli-compresses text bodies for clients that accept it, without
    // saying so to caches; a cache must not hand a compressed copy to one that does not.
    std::string& vary = response.headers["Vary"];
    vary += vary.empty() ? "Accept-Encoding" : ", Accept-Encoding";
    for (const auto& [name, value] : response.headers) res.set_header(name, value);
    bool has_body = response.status != 204 && response.status != 304;
    if (has_body) res.set_content(response.body, response.content_type);
  }
};

HttpServer::HttpServer(recommender::Recommender& recommender, ServerOptions options,
                       AdminJobs* admin, CrawlRequester* crawl_requests)
    : impl_(std::make_unique<Impl>(recommender, std::move(options), admin, crawl_requests)) {
  Impl* impl = impl_.get();
  const ServerOptions& o = impl->options;
  httplib::Server& http = impl->http;
  // Each connection holds one thread while it is read, answered and kept alive; the timeouts
  // below bound how long a slow or idle client can keep it.
  size_t threads = std::max<size_t>(1, o.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(o.max_body_bytes);
  http.set_tcp_nodelay(true);  // no delayed-ACK stall between headers and body
  http.set_read_timeout(o.read_timeout_seconds, 0);
  http.set_write_timeout(o.write_timeout_seconds, 0);
  http.set_keep_alive_timeout(o.keep_alive_timeout_seconds);
  http.set_keep_alive_max_count(std::max<size_t>(1, o.keep_alive_max_requests));
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        ApiResponse error = error_response(res.status, error_code(res.status),
                                           "the request was refused before routing");
        res.set_content(error.body, error.content_type);
        // A client that sent a malformed or stalled request should not keep its connection (and so
        // a server thread): well-behaved ones close on this; cpp-httplib itself still waits for the
        // keep-alive timeout before it does.
        res.set_header("Connection", "close");
        return httplib::Server::HandlerResponse::Handled;
      }));
  auto route = [impl](const httplib::Request& req, httplib::Response& res) {
    impl->answer(req, res);
  };
  // Every method reaches the route table, which answers 405 for the ones a route does not take.
  http.Get(".*", route);
  http.Post(".*", route);
  http.Put(".*", route);
  http.Patch(".*", route);
  http.Delete(".*", route);
  http.Options(".*", route);
}

HttpServer::~HttpServer() { stop(); }

Result<int> HttpServer::bind() {
  const ServerOptions& o = impl_->options;
  int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host)
                         : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port > 0) impl_->http.widen_backlog();
  if (port <= 0) {
    return make_error(ErrorKind::kIo, "listen on " + o.host + ":" + std::to_string(o.port) +
                                          ": address in use or not available");
  }
  return port;
}

Status HttpServer::listen() {
  Impl* impl = impl_.get();
  {
    std::lock_guard lock(impl->mutex);
    if (impl->stop_requested) {  // stopped before it started
      impl->finished = true;
      impl->stopped.notify_all();
      return {};
    }
    impl->running = true;
  }
  impl->refresher = std::thread([impl] {
    std::unique_lock lock(impl->mutex);
    while (impl->running) {
      impl->wake.wait_for(lock, std::chrono::seconds(impl->options.refresh_seconds));
      if (!impl->running) break;
      lock.unlock();
      (void)impl->recommender.refresh();  // a failed refresh keeps serving the last good view
      lock.lock();
    }
  });
  // Returns after stop(), once its thread pool has finished every connection it accepted.
  bool ok = impl->http.listen_after_bind();
  {
    std::lock_guard lock(impl->mutex);
    impl->running = false;
  }
  impl->wake.notify_all();
  impl->refresher.join();
  {
    std::lock_guard lock(impl->mutex);
    impl->finished = true;
  }
  impl->stopped.notify_all();
  if (!ok) return make_error(ErrorKind::kIo, "server stopped with an error");
  return {};
}

void HttpServer::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop_requested = true;
    impl_->running = false;
  }
  impl_->wake.notify_all();
  impl_->http.stop();
}

bool HttpServer::shutdown(std::chrono::milliseconds grace) {
  auto deadline = std::chrono::steady_clock::now() + grace;
  std::unique_lock lock(impl_->mutex);
  while (!impl_->finished) {
    // Again and again: a stop() that lands before cpp-httplib's accept loop has started is lost.
    lock.unlock();
    stop();
    lock.lock();
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    impl_->stopped.wait_for(lock,
                            std::min<std::chrono::steady_clock::duration>(
                                deadline - now, std::chrono::milliseconds(50)),
                            [&] { return impl_->finished; });
  }
  return true;
}

Status serve_until_signal(HttpServer& http, const sigset_t& signals,
                          std::chrono::milliseconds grace, const std::function<void()>& on_signal) {
  int wake_signal = 0;
  for (int candidate = 1; candidate < NSIG && wake_signal == 0; ++candidate) {
    if (sigismember(&signals, candidate) == 1) wake_signal = candidate;
  }
  if (wake_signal == 0)
    return make_error(ErrorKind::kInvalidArgument, "serve_until_signal: no signals to wait for");
  pthread_t waiter = pthread_self();
  std::atomic<bool> listening_ended{false};
  Status served;
  std::thread serving([&] {
    served = http.listen();
    listening_ended = true;
    pthread_kill(waiter, wake_signal);  // ends the sigwait below when no signal came
  });
  int received = 0;
  sigwait(&signals, &received);
  if (!listening_ended) {
    if (on_signal) on_signal();
    if (!http.shutdown(grace)) {
      serving.detach();
      return make_error(ErrorKind::kIo, "requests still in flight " +
                                            std::to_string(grace.count()) +
                                            " ms after the stop signal; exiting without them");
    }
  }
  serving.join();
  return served;
}

}  // namespace beautyidx::server
