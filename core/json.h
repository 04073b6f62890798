// JSON forms of the model records: the `extract --json` output and the stored records use the
// same shape (see README "The interface others build on"). Strings in, strings out, so no JSON
// library type leaks through this header.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/model.h"

namespace beautyidx {

std::string to_json(const ExtractedPage& page, int indent = -1);
Result<ExtractedPage> page_from_json(std::string_view json);

std::string to_json(const Price& price);
std::string to_json(const Speaker& speaker);

}  // namespace beautyidx
