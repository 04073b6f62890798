#include "testing/static_site.h"

#include <httplib.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace beautyidx::testing {
namespace {

std::string content_type_for(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".xml") return "application/xml";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".css") return "text/css";
  if (ext == ".js") return "application/javascript";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".png") return "image/png";
  if (ext == ".gz") return "application/gzip";
  return "application/octet-stream";
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

struct StaticSite::Impl {
  std::filesystem::path root;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::string host;
  std::map<std::string, std::function<HttpReply(const HttpCall&)>> handlers;
  std::vector<std::pair<std::string, std::function<HttpReply(const HttpCall&)>>> prefix_handlers;
  mutable std::mutex mutex;
  std::map<std::string, size_t> counts;
  std::atomic<size_t> total{0};
};

StaticSite::StaticSite(std::filesystem::path root) : impl_(std::make_unique<Impl>()) {
  impl_->root = std::move(root);
}

StaticSite::~StaticSite() { stop(); }

void StaticSite::on(const std::string& path, std::function<HttpReply(const HttpCall&)> handler) {
  impl_->handlers[path] = std::move(handler);
}

void StaticSite::on_prefix(const std::string& prefix, std::function<HttpReply(const HttpCall&)> handler) {
  impl_->prefix_handlers.emplace_back(prefix, std::move(handler));
}

Result<int> StaticSite::start(const std::string& host, int port) {
  Impl* impl = impl_.get();
  impl->server.Get(".*", [impl](const httplib::Request& request, httplib::Response& response) {
    ++impl->total;
    {
      std::lock_guard lock(impl->mutex);
      ++impl->counts[request.path];
    }
    HttpCall call{request.path, {}};
    for (const auto& [name, value] : request.headers) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      call.headers[lower] = value;
    }
    auto handler = impl->handlers.find(request.path);
    const std::function<HttpReply(const HttpCall&)>* chosen = handler != impl->handlers.end() ? &handler->second : nullptr;
    for (const auto& [prefix, prefix_handler] : impl->prefix_handlers) {
      if (chosen == nullptr && request.path.starts_with(prefix)) chosen = &prefix_handler;
    }
    if (chosen != nullptr) {
      HttpReply reply = (*chosen)(call);
      response.status = reply.status;
      for (const auto& [name, value] : reply.headers) response.set_header(name, value);
      response.set_content(reply.body, reply.content_type);
      return;
    }
    // Files only from below the root: no "..", no absolute paths.
    std::string relative = request.path;
    if (relative.find("..") != std::string::npos) {
      response.status = 400;
      return;
    }
    std::filesystem::path file = impl->root / relative.substr(relative.starts_with("/") ? 1 : 0);
    if (std::filesystem::is_directory(file)) file /= "index.html";
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      response.status = 404;
      response.set_content("<html><body><h1>Not found</h1></body></html>", "text/html; charset=utf-8");
      return;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string body = buffer.str();
    std::string type = content_type_for(file);
    if (file.extension() == ".xml" || file.extension() == ".txt") {
      replace_all(body, "{{ORIGIN}}", "http://" + impl->host + ":" + std::to_string(impl->port));
    }
    response.set_content(body, type);
  });
  impl->host = host;
  // Without TCP_NODELAY, headers and body written apart wait out a delayed ACK: ~40 ms a page.
  impl->server.set_tcp_nodelay(true);
  // Enough workers that parallel clients holding keep-alive connections never wait for one.
  impl->server.new_task_queue = [] { return new httplib::ThreadPool(32); };
  if (port == 0) {
    impl->port = impl->server.bind_to_any_port(host);
  } else {
    impl->port = impl->server.bind_to_port(host, port) ? port : -1;
  }
  if (impl->port <= 0) return make_error(ErrorKind::kIo, "static site: cannot listen on " + host + ":" + std::to_string(port));
  impl->thread = std::thread([impl] { impl->server.listen_after_bind(); });
  for (int waited = 0; !impl->server.is_running() && waited < 5000; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return impl->port;
}

void StaticSite::stop() {
  if (impl_->thread.joinable()) {
    impl_->server.stop();
    impl_->thread.join();
  }
}

std::string StaticSite::origin() const { return "http://" + impl_->host + ":" + std::to_string(impl_->port); }

size_t StaticSite::requests() const { return impl_->total.load(); }

size_t StaticSite::requests_for(const std::string& path) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->counts.find(path);
  return it == impl_->counts.end() ? 0 : it->second;
}

}  // namespace beautyidx::testing
