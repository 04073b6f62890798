#include "server/conditional_get.h"

#include "core/model.h"

namespace beautyidx::server {
namespace {

// The opaque part of an entity tag: W/"abc" and "abc" both give "abc".
std::string_view opaque_tag(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
    return tag.substr(1, tag.size() - 2);
  return tag;
}

}  // namespace

std::string content_etag(std::string_view body) { return "W/\"" + stable_id(body) + "\""; }

bool if_none_match_matches(std::string_view if_none_match, std::string_view etag) {
  std::string_view wanted = opaque_tag(etag);
  size_t i = 0;
  while (i < if_none_match.size()) {
    char c = if_none_match[i];
    if (c == ' ' || c == '\t' || c == ',') {
      ++i;
      continue;
    }
    if (c == '*') return true;
    size_t begin = i;
    if (if_none_match.substr(i).starts_with("W/")) i += 2;
    if (i >= if_none_match.size() || if_none_match[i] != '"') return false;  // malformed: no match
    size_t close = if_none_match.find('"', i + 1);
    if (close == std::string_view::npos) return false;
    if (opaque_tag(if_none_match.substr(begin, close + 1 - begin)) == wanted) return true;
    i = close + 1;
  }
  return false;
}

void make_cacheable(const ApiRequest& request, int max_age_seconds, ApiResponse& response) {
  if (response.status != 200) {
    response.headers["Cache-Control"] = "no-store";
    return;
  }
  std::string etag = content_etag(response.body);
  response.headers["ETag"] = etag;
  response.headers["Cache-Control"] = "public, max-age=" + std::to_string(max_age_seconds);
  auto header = request.headers.find("if-none-match");
  if (header != request.headers.end() && if_none_match_matches(header->second, etag)) {
    response.status = 304;
    response.body.clear();
  }
}

}  // namespace beautyidx::server
