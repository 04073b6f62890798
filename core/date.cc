#include "core/date.h"

#include <ctime>

namespace beautyidx {

std::string utc_today(const char* strftime_format) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[64];
  size_t n = std::strftime(buffer, sizeof buffer, strftime_format, &tm);
  return std::string(buffer, n);
}

}  // namespace beautyidx
