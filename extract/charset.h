// Decoding fetched bytes to UTF-8 before parsing: HTTP header charset, then a byte-order mark,
// then <meta charset>/<meta http-equiv>, then ICU detection; windows-1252 when all else fails.
#pragma once

#include <string>
#include <string_view>

namespace beautyidx::extract {

struct DecodedText {
  std::string text;     // valid UTF-8
  std::string charset;  // what it was decoded from ("UTF-8", "windows-1252", ...)
  std::string source;   // how the charset was chosen: "header", "bom", "meta", "detected", "default"
};

// `content_type` is the HTTP Content-Type header value, possibly empty. Never fails: bytes that
// do not decode become U+FFFD.
DecodedText decode_to_utf8(std::string_view bytes, std::string_view content_type);

// The charset named in a Content-Type value ("text/html; charset=ISO-8859-1" -> "ISO-8859-1").
std::string charset_from_content_type(std::string_view content_type);

}  // namespace beautyidx::extract
