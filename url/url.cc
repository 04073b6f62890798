#include "url/url.h"

#include <curl/curl.h>
#include <unicode/uidna.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <vector>

#include "core/text.h"

namespace beautyidx::url {
namespace {

struct UrlDeleter {
  void operator()(CURLU* handle) const { curl_url_cleanup(handle); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

std::optional<std::string> get_part(CURLU* handle, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(handle, part, &raw, flags) != CURLUE_OK || raw == nullptr) return std::nullopt;
  CurlString owned(raw);
  return std::string(raw);
}

bool has_control_chars(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::string strip_url_whitespace(std::string_view s) {
  // Browsers drop leading/trailing C0 spaces and any tab or newline inside a URL.
  s = trim(s);
  std::string out;
  for (char c : s) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

bool is_tracking_parameter(std::string_view name) {
  std::string lower = to_lower_ascii(name);
  return lower.starts_with("utm_") || lower == "fbclid" || lower == "gclid" ||
         lower == "mc_cid" || lower == "mc_eid" || lower == "dclid" || lower == "msclkid";
}

// One spelling per URL: escapes of unreserved characters decoded ("%66oo" -> "foo"), all
// other escapes in uppercase ("%c3%a9" -> "%C3%A9"), as RFC 3986 section 6.2.2 allows.
std::string uppercase_escapes(std::string url) {
  auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10; };
  std::string out;
  out.reserve(url.size());
  for (size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '%' && i + 2 < url.size() && std::isxdigit(static_cast<unsigned char>(url[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(url[i + 2]))) {
      char decoded = static_cast<char>(hex(url[i + 1]) * 16 + hex(url[i + 2]));
      bool unreserved = std::isalnum(static_cast<unsigned char>(decoded)) || decoded == '-' || decoded == '.' ||
                        decoded == '_' || decoded == '~';
      if (unreserved) {
        out.push_back(decoded);
      } else {
        out.push_back('%');
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(url[i + 1]))));
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(url[i + 2]))));
      }
      i += 2;
    } else {
      out.push_back(url[i]);
    }
  }
  return out;
}

Result<UrlHandle> parse_absolute(std::string_view absolute_url) {
  std::string clean = strip_url_whitespace(absolute_url);
  if (clean.empty() || has_control_chars(clean)) {
    return make_error(ErrorKind::kInvalidArgument, "url '" + std::string(absolute_url) + "': empty or has control characters");
  }
  UrlHandle handle(curl_url());
  if (!handle) return make_error(ErrorKind::kInternal, "curl_url: out of memory");
  auto rc = curl_url_set(handle.get(), CURLUPART_URL, clean.c_str(),
                         CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE);
  if (rc != CURLUE_OK) {
    return make_error(ErrorKind::kInvalidArgument,
                      "url '" + clean + "': " + curl_url_strerror(rc));
  }
  auto scheme = get_part(handle.get(), CURLUPART_SCHEME);
  if (!scheme || (*scheme != "http" && *scheme != "https")) {
    return make_error(ErrorKind::kInvalidArgument, "url '" + clean + "': not http or https");
  }
  auto host = get_part(handle.get(), CURLUPART_HOST);
  if (!host || host->empty()) {
    return make_error(ErrorKind::kInvalidArgument, "url '" + clean + "': no host");
  }
  return handle;
}

}  // namespace

Result<std::string> resolve(std::string_view base, std::string_view href) {
  LinkResolver resolver(base);
  return resolver.resolve(href);
}

namespace {

// A host written with characters beyond ASCII ("你好.example", full-width "Ｇｏ.com", "a。b",
// invisible joiners) in the one ASCII form a browser would send: UTS #46 processing to IDNA
// (punycode), nontransitional, as the WHATWG URL standard does it. libcurl's own CURLU_PUNYCODE
// goes through libidn2's locale-dependent entry point and fails in a process that keeps the C
// locale, so ICU does it. nullopt for an ASCII host, or one that is not a valid name, which
// then stays as written.
std::optional<std::string> idna_host(std::string_view host) {
  if (std::all_of(host.begin(), host.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::nullopt;
  }
  static const UIDNA* const idna = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* made = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ, &status);
    return U_SUCCESS(status) ? made : nullptr;
  }();
  if (idna == nullptr || host.size() > 1024) return std::nullopt;
  char out[1024];
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = uidna_nameToASCII_UTF8(idna, host.data(), static_cast<int32_t>(host.size()), out, sizeof out,
                                          &info, &status);
  // The URL standard does not check hyphens or DNS lengths; everything else is fatal.
  constexpr uint32_t kTolerated = UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG |
                                  UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4;
  if (U_FAILURE(status) || (info.errors & ~kTolerated) != 0 || length <= 0) return std::nullopt;
  return std::string(out, static_cast<size_t>(length));
}

// Normalises the URL held by `h` in place and returns it (see normalize()).
Result<std::string> normalize_handle(CURLU* h, std::string_view original) {
  auto scheme = get_part(h, CURLUPART_SCHEME).value_or("http");
  std::string host = get_part(h, CURLUPART_HOST).value_or("");
  if (auto ascii = idna_host(host)) host = std::move(*ascii);
  host = to_lower_ascii(host);
  while (!host.empty() && host.back() == '.') host.pop_back();
  curl_url_set(h, CURLUPART_HOST, host.c_str(), 0);
  auto port = get_part(h, CURLUPART_PORT);
  if (port && ((scheme == "http" && *port == "80") || (scheme == "https" && *port == "443"))) {
    curl_url_set(h, CURLUPART_PORT, nullptr, 0);
  }
  curl_url_set(h, CURLUPART_FRAGMENT, nullptr, 0);
  curl_url_set(h, CURLUPART_USER, nullptr, 0);
  curl_url_set(h, CURLUPART_PASSWORD, nullptr, 0);
  if (auto query = get_part(h, CURLUPART_QUERY)) {
    std::string kept;
    size_t start = 0;
    while (start <= query->size()) {
      size_t end = query->find('&', start);
      if (end == std::string::npos) end = query->size();
      std::string_view param(query->data() + start, end - start);
      std::string_view name = param.substr(0, param.find('='));
      if (!param.empty() && !is_tracking_parameter(name)) {
        if (!kept.empty()) kept.push_back('&');
        kept.append(param);
      }
      start = end + 1;
    }
    curl_url_set(h, CURLUPART_QUERY, kept.empty() ? nullptr : kept.c_str(), 0);
  }
  auto full = get_part(h, CURLUPART_URL);
  if (!full) return make_error(ErrorKind::kInvalidArgument, "normalize '" + std::string(original) + "': failed");
  return uppercase_escapes(std::move(*full));
}

// Applies `href` to a copy of the parsed `base` handle; the caller owns the result.
Result<UrlHandle> apply_reference(const CURLU* base, std::string_view href) {
  std::string clean_href = strip_url_whitespace(href);
  if (has_control_chars(clean_href)) return make_error(ErrorKind::kInvalidArgument, "href has control characters");
  UrlHandle handle(curl_url_dup(const_cast<CURLU*>(base)));
  if (!handle) return make_error(ErrorKind::kInternal, "curl_url_dup: out of memory");
  if (clean_href.empty() || clean_href.front() == '#') {
    // The same document: the base itself, without its fragment.
    curl_url_set(handle.get(), CURLUPART_FRAGMENT, nullptr, 0);
    return handle;
  }
  // A relative reference is applied to the base; an absolute one replaces it.
  auto rc = curl_url_set(handle.get(), CURLUPART_URL, clean_href.c_str(), CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE);
  if (rc != CURLUE_OK) {
    return make_error(ErrorKind::kInvalidArgument, "resolve '" + clean_href + "': " + curl_url_strerror(rc));
  }
  auto scheme = get_part(handle.get(), CURLUPART_SCHEME);
  if (!scheme || (*scheme != "http" && *scheme != "https")) {
    return make_error(ErrorKind::kInvalidArgument, "resolve '" + clean_href + "': not http or https");
  }
  curl_url_set(handle.get(), CURLUPART_FRAGMENT, nullptr, 0);
  return handle;
}

}  // namespace

Result<std::string> normalize(std::string_view absolute_url) {
  auto handle = parse_absolute(absolute_url);
  if (!handle) return std::unexpected(handle.error());
  return normalize_handle(handle->get(), absolute_url);
}

Result<Parts> split(std::string_view absolute_url) {
  auto handle = parse_absolute(absolute_url);
  if (!handle) return std::unexpected(handle.error());
  CURLU* h = handle->get();
  Parts parts;
  parts.scheme = get_part(h, CURLUPART_SCHEME).value_or("");
  parts.host = to_lower_ascii(get_part(h, CURLUPART_HOST).value_or(""));
  if (parts.host.size() > 2 && parts.host.front() == '[') {
    parts.host = parts.host.substr(1, parts.host.size() - 2);
  }
  auto port = get_part(h, CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts.port = port ? std::atoi(port->c_str()) : 0;
  parts.path = get_part(h, CURLUPART_PATH).value_or("/");
  if (auto query = get_part(h, CURLUPART_QUERY)) parts.path += "?" + *query;
  return parts;
}

std::string origin(std::string_view absolute_url) {
  auto parts = split(absolute_url);
  if (!parts) return "";
  bool default_port = (parts->scheme == "http" && parts->port == 80) ||
                      (parts->scheme == "https" && parts->port == 443);
  std::string out = parts->scheme;
  out += "://";
  bool ipv6 = parts->host.find(':') != std::string::npos;
  if (ipv6) out += '[';
  out += parts->host;
  if (ipv6) out += ']';
  if (!default_port) {
    out += ':';
    out += std::to_string(parts->port);
  }
  return out;
}

}  // namespace beautyidx::url

namespace beautyidx::url {

LinkResolver::LinkResolver(std::string_view base) {
  auto handle = parse_absolute(base);
  if (handle) base_ = handle->release();
  else error_ = handle.error();
  if (base_) origin_ = origin(base);
}

namespace {

// A path that normalisation leaves as it is: no dot segments, escapes, query, fragment,
// spaces or characters curl would encode. Most of a page's links are like this.
bool plain_path(std::string_view path) {
  if (path.empty() || path.front() != '/' || path.starts_with("//")) return false;
  for (char c : path) {
    bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_' || c == '.' ||
                c == '~' || c == '+' || c == ',' || c == ';' || c == '=' || c == ':' || c == '@' || c == '!';
    if (!safe) return false;
  }
  return path.find("/./") == std::string_view::npos && path.find("/../") == std::string_view::npos &&
         !path.ends_with("/.") && !path.ends_with("/..");
}

// "http(s)://host/plain-path" with a lowercase DNS name, no port, userinfo, query or fragment:
// normalisation leaves it exactly as written. A host whose last label has no letter may be an
// IPv4 shorthand ("http://127.1/") that curl rewrites, so it takes the full path.
bool plain_absolute(std::string_view href) {
  size_t host_start = href.starts_with("https://") ? 8 : href.starts_with("http://") ? 7 : 0;
  if (host_start == 0) return false;
  size_t path_start = href.find('/', host_start);
  if (path_start == std::string_view::npos) return false;
  std::string_view host = href.substr(host_start, path_start - host_start);
  if (host.empty() || host.front() == '.' || host.front() == '-' || host.back() == '.' ||
      host.find("..") != std::string_view::npos) {
    return false;
  }
  bool letter_in_last_label = false;
  for (char c : host) {
    if (c == '.') letter_in_last_label = false;
    else if (c >= 'a' && c <= 'z') letter_in_last_label = true;
    else if (!(c >= '0' && c <= '9') && c != '-') return false;
  }
  return letter_in_last_label && plain_path(href.substr(path_start));
}

}  // namespace

LinkResolver::~LinkResolver() {
  if (base_) curl_url_cleanup(static_cast<CURLU*>(base_));
}

Result<std::string> LinkResolver::resolve(std::string_view href) const {
  if (!base_) return std::unexpected(error_);
  auto handle = apply_reference(static_cast<const CURLU*>(base_), href);
  if (!handle) return std::unexpected(handle.error());
  auto full = get_part(handle->get(), CURLUPART_URL);
  if (!full) return make_error(ErrorKind::kInvalidArgument, "resolve '" + std::string(href) + "': failed");
  return uppercase_escapes(std::move(*full));
}

Result<std::string> LinkResolver::resolve_normalized(std::string_view href) const {
  if (!base_) return std::unexpected(error_);
  // Fast path, same result as the full one: a root-relative or same-origin plain path.
  if (plain_path(href)) return origin_ + std::string(href);
  if (!origin_.empty() && href.size() > origin_.size() && href.starts_with(origin_) && plain_path(href.substr(origin_.size()))) {
    return std::string(href);
  }
  if (plain_absolute(href)) return std::string(href);
  auto handle = apply_reference(static_cast<const CURLU*>(base_), href);
  if (!handle) return std::unexpected(handle.error());
  return normalize_handle(handle->get(), href);
}

}  // namespace beautyidx::url
