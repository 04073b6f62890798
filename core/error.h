// Errors as values. Every fallible call in beautyidx returns Result<T>; exceptions from
// third-party libraries are caught at their adapter and turned into an Error once.
#pragma once

#if __has_include(<expected>)
#include <expected>
#endif
#if !defined(__cpp_lib_expected)
#include "core/internal/expected_compat.h"
#endif
#include <string>
#include <utility>

namespace beautyidx {

// What went wrong, in terms the caller can act on. The server maps these to HTTP status codes
// in exactly one place; nothing below it knows about HTTP.
enum class ErrorKind {
  kInvalidArgument,  // the caller's input is wrong (bad query, malformed URL, bad flag)
  kNotFound,         // the thing asked for does not exist
  kIo,               // local file or database trouble
  kNetwork,          // a fetch failed (DNS, connect, timeout, TLS)
  kParse,            // input could not be understood (HTML, XML, JSON, robots.txt)
  kCorruption,       // stored data is inconsistent
  kPolicy,           // refused on purpose (robots.txt, private address, size limit)
  kInternal,         // a bug
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;  // says what failed and with what input, e.g. "fetch http://x/: timed out"

  // Returns a copy whose message is prefixed with `context` ("open db /tmp/x: " + message).
  Error with_context(const std::string& context) const { return {kind, context + ": " + message}; }
};

template <typename T>
using Result = std::expected<T, Error>;

// Result<void> with a readable name for calls that return nothing on success.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> make_error(ErrorKind kind, std::string message) {
  return std::unexpected<Error>(Error{kind, std::move(message)});
}

const char* error_kind_name(ErrorKind kind);

}  // namespace beautyidx
