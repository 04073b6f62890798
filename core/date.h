// Today's date in UTC, for records that say when something was seen.
#pragma once

#include <string>

namespace beautyidx {

// strftime of the current UTC time: "%Y-%m-%d" -> "2026-11-26".
std::string utc_today(const char* strftime_format = "%Y-%m-%d");

}  // namespace beautyidx
