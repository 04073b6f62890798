#include "core/error.h"

namespace beautyidx {

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return "invalid_argument";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kIo: return "io";
    case ErrorKind::kNetwork: return "network";
    case ErrorKind::kParse: return "parse";
    case ErrorKind::kCorruption: return "corruption";
    case ErrorKind::kPolicy: return "policy";
    case ErrorKind::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace beautyidx
