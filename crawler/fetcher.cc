#include "crawler/fetcher.h"

#include <curl/curl.h>

#include <mutex>

#include "core/text.h"

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
  FetchResponse response;
  AddressPolicy policy = request.allow_private ? AddressPolicy(*request.allow_private) : impl_->options.address_policy;
  Transfer transfer{&response, impl_->options.max_body_bytes, &policy, false, {}};
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(impl_->options.max_redirects));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, impl_->options.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl supports
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(impl_->options.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(impl_->options.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(impl_->options.max_body_bytes));
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5");
  if (!request.if_none_match.empty()) {
    headers = curl_slist_append(headers, ("If-None-Match: " + request.if_none_match).c_str());
  }
  if (!request.if_modified_since.empty()) {
    headers = curl_slist_append(headers, ("If-Modified-Since: " + request.if_modified_since).c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);

  char* effective = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  response.final_url = effective ? effective : request.url;
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

  if (transfer.refused_address) {
    return make_error(ErrorKind::kPolicy, "fetch " + request.url + ": refused to connect to a " +
                                              transfer.refused_detail + " address (use --allow-private to crawl it)");
  }
  if (response.truncated || code == CURLE_FILESIZE_EXCEEDED) {
    return make_error(ErrorKind::kPolicy, "fetch " + request.url + ": body larger than " +
                                              std::to_string(impl_->options.max_body_bytes) + " bytes");
  }
  if (code != CURLE_OK) {
    std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    return make_error(ErrorKind::kNetwork, "fetch " + request.url + ": " + detail);
  }
  return response;
}

}  // namespace beautyidx::crawler
