#include "crawler/stored_page.h"

#include <nlohmann/json.hpp>

namespace beautyidx::crawler {

using nlohmann::json;

std::string encode_stored_page(const StoredPage& page) {
  json header = {{"status", page.status},
                 {"url", page.url},
                 {"content_type", page.content_type},
                 {"etag", page.etag},
                 {"last_modified", page.last_modified}};
  if (!page.content_encoding.empty()) header["content_encoding"] = page.content_encoding;
  return header.dump(-1, ' ', false, json::error_handler_t::replace) + "\n" + page.body;
}

Result<StoredPage> decode_stored_page(std::string_view record) {
  size_t newline = record.find('\n');
  if (newline == std::string_view::npos) return make_error(ErrorKind::kCorruption, "stored page without a header line");
  json header = json::parse(record.substr(0, newline), nullptr, false);
  if (!header.is_object()) return make_error(ErrorKind::kCorruption, "stored page with an unreadable header");
  StoredPage page;
  page.status = header.value("status", 200L);
  page.url = header.value("url", "");
  page.content_type = header.value("content_type", "");
  page.etag = header.value("etag", "");
  page.last_modified = header.value("last_modified", "");
  page.content_encoding = header.value("content_encoding", "");
  page.body = std::string(record.substr(newline + 1));
  return page;
}

}  // namespace beautyidx::crawler
