// Gzip decompression for sitemaps served as .xml.gz, bounded so a small bomb cannot exhaust
// memory.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace beautyidx::crawler {

bool looks_gzipped(std::string_view bytes);
// Fails with kPolicy when the output would pass `max_output` bytes, kParse when corrupt.
Result<std::string> gunzip(std::string_view compressed, size_t max_output);

}  // namespace beautyidx::crawler
