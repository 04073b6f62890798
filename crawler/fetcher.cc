#include "crawler/fetcher.h"

#include <curl/curl.h>

#include <atomic>
#include <mutex>

#include "core/text.h"
#include "crawler/content_coding.h"

namespace beautyidx::crawler {
namespace {

std::once_flag curl_init_flag;

struct Transfer {
  FetchResponse* response = nullptr;
  size_t max_body = 0;
  const AddressPolicy* policy = nullptr;
  bool refused_address = false;
  std::string refused_detail;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  if (t->response->body.size() + bytes > t->max_body) {
    t->response->truncated = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response->body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    t->response->headers.clear();  // a new response (after a redirect or 100-continue)
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = to_lower_ascii(trim(line.substr(0, colon)));
    t->response->headers[name] = std::string(trim(line.substr(colon + 1)));
  }
  return size * count;
}

// Runs before every connect, with the resolved address: the private-address guard.
curl_socket_t on_open_socket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  AddressClass c = classify_address(&address->addr);
  if (!t->policy->allows(c)) {
    t->refused_address = true;
    t->refused_detail = address_class_name(c);
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

// One transfer's easy handle, its callbacks' state and the request headers; lives until the
// transfer ends.
struct EasyTransfer {
  FetchResponse response;
  Transfer transfer;
  AddressPolicy policy;
  std::string url;
  bool decode_content = true;
  curl_slist* headers = nullptr;
  char error_buffer[CURL_ERROR_SIZE] = {};

  ~EasyTransfer() { curl_slist_free_all(headers); }
};

void configure(CURL* curl, const FetchRequest& request, const FetcherOptions& options, EasyTransfer& t) {
  t.url = request.url;
  t.decode_content = request.decode_content;
  t.policy = request.allow_private ? AddressPolicy(*request.allow_private) : options.address_policy;
  t.transfer = Transfer{&t.response, options.max_body_bytes, &t.policy, false, {}};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options.user_agent.c_str());
  if (request.decode_content) {
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl supports: gzip, brotli...
  } else {
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, std::string(kDecodableEncodings).c_str());
    curl_easy_setopt(curl, CURLOPT_HTTP_CONTENT_DECODING, 0L);
  }
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);  // HTTP/2 where TLS offers it
  curl_easy_setopt(curl, CURLOPT_PIPEWAIT, 1L);  // wait for a connection to multiplex on rather than open another
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t.transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t.transfer);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &t.transfer);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, t.error_buffer);
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  t.headers = curl_slist_append(t.headers, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5");
  if (!request.if_none_match.empty()) {
    t.headers = curl_slist_append(t.headers, ("If-None-Match: " + request.if_none_match).c_str());
  }
  if (!request.if_modified_since.empty()) {
    t.headers = curl_slist_append(t.headers, ("If-Modified-Since: " + request.if_modified_since).c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, t.headers);
}

Result<FetchResponse> finish(CURL* curl, CURLcode code, const FetcherOptions& options, EasyTransfer& t) {
  FetchResponse& response = t.response;
  char* effective = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  response.final_url = effective ? effective : t.url;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  long redirects = 0;
  curl_easy_getinfo(curl, CURLINFO_REDIRECT_COUNT, &redirects);
  response.redirects = static_cast<int>(redirects);
  double seconds = 0;
  curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME, &seconds);
  response.seconds = seconds;
  char* content_type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type) response.content_type = content_type;
  if (!t.decode_content) {
    auto coding = response.headers.find("content-encoding");
    if (coding != response.headers.end() && to_lower_ascii(coding->second) != "identity") {
      response.content_encoding = coding->second;
    }
  }

  if (t.transfer.refused_address) {
    return make_error(ErrorKind::kPolicy, "fetch " + t.url + ": refused to connect to a " + t.transfer.refused_detail +
                                              " address (use --allow-private to crawl it)");
  }
  if (response.truncated || code == CURLE_FILESIZE_EXCEEDED) {
    return make_error(ErrorKind::kPolicy,
                      "fetch " + t.url + ": body larger than " + std::to_string(options.max_body_bytes) + " bytes");
  }
  if (code != CURLE_OK) {
    std::string detail = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(code);
    return make_error(ErrorKind::kNetwork, "fetch " + t.url + ": " + detail);
  }
  return std::move(response);
}

}  // namespace

struct Fetcher::Impl {
  FetcherOptions options;
  CURL* curl = nullptr;
};

Fetcher::Fetcher(FetcherOptions options) : impl_(std::make_unique<Impl>()) {
  std::call_once(curl_init_flag, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->options = std::move(options);
  impl_->curl = curl_easy_init();
}

Fetcher::~Fetcher() {
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

Result<FetchResponse> Fetcher::fetch(const FetchRequest& request) {
  CURL* curl = impl_->curl;
  if (curl == nullptr) return make_error(ErrorKind::kInternal, "curl_easy_init failed");
  curl_easy_reset(curl);
  EasyTransfer t;
  configure(curl, request, impl_->options, t);
  CURLcode code = curl_easy_perform(curl);
  return finish(curl, code, impl_->options, t);
}

struct TransferPool::Impl {
  FetcherOptions options;
  CURLM* multi = nullptr;
  struct Active {
    uint64_t tag;
    std::unique_ptr<EasyTransfer> transfer;
  };
  std::map<CURL*, Active> active;
  std::vector<CURL*> idle;  // finished handles, reused so their connections and caches stay warm
  std::atomic<bool> woken = false;
};

TransferPool::TransferPool(FetcherOptions options) : impl_(std::make_unique<Impl>()) {
  std::call_once(curl_init_flag, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->options = std::move(options);
  impl_->multi = curl_multi_init();
  if (impl_->multi) {
    curl_multi_setopt(impl_->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(impl_->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(impl_->options.max_connections));
    curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS, static_cast<long>(impl_->options.max_connections));
  }
}

TransferPool::~TransferPool() {
  for (auto& [curl, active] : impl_->active) {
    curl_multi_remove_handle(impl_->multi, curl);
    curl_easy_cleanup(curl);
  }
  for (CURL* curl : impl_->idle) curl_easy_cleanup(curl);
  if (impl_->multi) curl_multi_cleanup(impl_->multi);
}

Status TransferPool::start(const FetchRequest& request, uint64_t tag) {
  if (impl_->multi == nullptr) return make_error(ErrorKind::kInternal, "curl_multi_init failed");
  CURL* curl = nullptr;
  if (!impl_->idle.empty()) {
    curl = impl_->idle.back();
    impl_->idle.pop_back();
    curl_easy_reset(curl);
  } else {
    curl = curl_easy_init();
    if (curl == nullptr) return make_error(ErrorKind::kInternal, "curl_easy_init failed");
  }
  auto transfer = std::make_unique<EasyTransfer>();
  configure(curl, request, impl_->options, *transfer);
  if (CURLMcode rc = curl_multi_add_handle(impl_->multi, curl); rc != CURLM_OK) {
    curl_easy_cleanup(curl);
    return make_error(ErrorKind::kInternal, std::string("curl_multi_add_handle: ") + curl_multi_strerror(rc));
  }
  impl_->active.emplace(curl, Impl::Active{tag, std::move(transfer)});
  return {};
}

std::vector<TransferPool::Done> TransferPool::wait(std::chrono::milliseconds timeout) {
  std::vector<Done> done;
  if (impl_->multi == nullptr) return done;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int running = 0;
    curl_multi_perform(impl_->multi, &running);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(impl_->multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* curl = message->easy_handle;
      CURLcode code = message->data.result;
      auto it = impl_->active.find(curl);
      curl_multi_remove_handle(impl_->multi, curl);
      if (it == impl_->active.end()) {
        curl_easy_cleanup(curl);
        continue;
      }
      done.push_back({it->second.tag, finish(curl, code, impl_->options, *it->second.transfer)});
      impl_->active.erase(it);
      impl_->idle.push_back(curl);
    }
    auto now = std::chrono::steady_clock::now();
    if (!done.empty() || impl_->active.empty() || now >= deadline) return done;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    curl_multi_poll(impl_->multi, nullptr, 0, static_cast<int>(std::max<long long>(1, left.count())), nullptr);
    if (impl_->woken.exchange(false)) return done;
  }
}

void TransferPool::wake() {
  impl_->woken = true;
  if (impl_->multi != nullptr) curl_multi_wakeup(impl_->multi);
}

size_t TransferPool::active() const { return impl_->active.size(); }

}  // namespace beautyidx::crawler
