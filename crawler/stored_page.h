// A fetched page as kept in the Pages family, so `beautyidx reindex` can extract it again with
// a newer extractor without fetching anything: one JSON header line, a newline, the raw body.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace beautyidx::crawler {

struct StoredPage {
  long status = 200;
  std::string url;  // the final URL, after redirects
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string body;  // as received (decoded from gzip/brotli by curl), in its original charset
};

std::string encode_stored_page(const StoredPage& page);
Result<StoredPage> decode_stored_page(std::string_view record);

}  // namespace beautyidx::crawler
