// A fetched page as kept in the Pages family, so `beautyidx reindex` can extract it again with
// a newer extractor without fetching anything: one JSON header line, a newline, the raw body.
// The body stays as it came off the wire, compressed when the server compressed it (a quarter
// of the bytes to write and keep); decode_content_coding (crawler/content_coding.h) undoes that.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace beautyidx::crawler {

// What a stored body may decode to. The crawl's body cap (10 MiB by default) applies to the
// decoded body when the page is fetched, so only a cap raised past this meets it.
inline constexpr size_t kMaxStoredBodyBytes = 64 * 1024 * 1024;

struct StoredPage {
  long status = 200;
  std::string url;  // the final URL, after redirects
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string content_encoding;  // the body's HTTP content codings ("gzip", "br"); "" when none
  std::string body;  // as received, in its original charset
};

std::string encode_stored_page(const StoredPage& page);
Result<StoredPage> decode_stored_page(std::string_view record);

}  // namespace beautyidx::crawler
