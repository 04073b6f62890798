// Decoding fetched bytes to UTF-8 before parsing: HTTP header charset, then a byte-order mark,
// then <meta charset>/<meta http-equiv>, then ICU detection; windows-1252 when all else fails.
#pragma once

#include <string>
#include <string_view>

namespace beautyidx::extract {

struct DecodedText {
  // Valid UTF-8, unless `in_place`: bytes that were valid UTF-8 already are not copied (a page
  // is a hundred kilobytes and more), and utf8() returns them instead.
  std::string text;
  std::string charset;  // what it was decoded from ("UTF-8", "windows-1252", ...)
  std::string source;   // how the charset was chosen: "header", "bom", "meta", "detected", "default"
  bool in_place = false;
  size_t mark_bytes = 0;  // the byte-order mark before an in-place text

  // The text, as valid UTF-8; `bytes` are those decode_to_utf8 was given.
  std::string_view utf8(std::string_view bytes) const {
    return in_place ? bytes.substr(mark_bytes) : std::string_view(text);
  }
};

// `content_type` is the HTTP Content-Type header value, possibly empty. Never fails: bytes that
// do not decode become U+FFFD.
DecodedText decode_to_utf8(std::string_view bytes, std::string_view content_type);

// The charset named in a Content-Type value ("text/html; charset=ISO-8859-1" -> "ISO-8859-1").
std::string charset_from_content_type(std::string_view content_type);

}  // namespace beautyidx::extract
