// HTTP content codings (gzip, deflate, br) undone outside libcurl, bounded so a small bomb
// cannot exhaust memory: sitemaps served as .xml.gz, and page bodies the crawl keeps as they
// came off the wire (FetchRequest::decode_content) and decodes on its extraction threads.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace beautyidx::crawler {

// The Accept-Encoding a client that decodes with decode_content_coding may send.
inline constexpr std::string_view kDecodableEncodings = "gzip, deflate, br";

bool looks_gzipped(std::string_view bytes);
// Fails with kPolicy when the output would pass `max_output` bytes, kParse when corrupt.
Result<std::string> gunzip(std::string_view compressed, size_t max_output);

// Undoes a Content-Encoding header's codings ("gzip", "br", "deflate", "x-gzip", "identity",
// or several, comma-separated, applied in order), with gunzip's limits and errors; kParse
// names a coding it does not know. "" and "identity" return the body as it is.
Result<std::string> decode_content_coding(std::string_view body, std::string_view content_encoding,
                                          size_t max_output);

}  // namespace beautyidx::crawler
