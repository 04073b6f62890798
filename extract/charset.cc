#include "extract/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>
#include <optional>

#include "core/text.h"

namespace beautyidx::extract {
namespace {

std::string normalize_charset_name(std::string name) {
  name = to_lower_ascii(trim(name));
  if (!name.empty() && (name.front() == '"' || name.front() == '\'')) name.erase(0, 1);
  if (!name.empty() && (name.back() == '"' || name.back() == '\'')) name.pop_back();
  // The WHATWG encoding standard maps these labels to windows-1252.
  if (name == "iso-8859-1" || name == "latin1" || name == "us-ascii" || name == "ascii" ||
      name == "iso8859-1" || name == "l1" || name == "cp1252") {
    return "windows-1252";
  }
  if (name == "utf8") return "utf-8";
  return name;
}

bool is_utf8_name(const std::string& name) { return name == "utf-8" || name == "unicode-1-1-utf-8"; }

// Finds charset= in the first bytes of a document's <meta> tags. Only the <meta> tags are
// lowercased, not the whole head: this runs on every page.
std::string charset_from_meta(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  size_t at = 0;
  while ((at = head.find('<', at)) != std::string_view::npos) {
    if (!starts_with_ignore_case(head.substr(at + 1), "meta")) {
      ++at;
      continue;
    }
    size_t end = head.find('>', at);
    if (end == std::string_view::npos) break;
    std::string tag = to_lower_ascii(head.substr(at, end - at));
    size_t cs = tag.find("charset");
    if (cs != std::string::npos) {
      size_t eq = tag.find('=', cs);
      if (eq != std::string::npos) {
        size_t start = eq + 1;
        while (start < tag.size() && (tag[start] == ' ' || tag[start] == '"' || tag[start] == '\'')) ++start;
        size_t stop = start;
        while (stop < tag.size() && tag[stop] != '"' && tag[stop] != '\'' && tag[stop] != ' ' &&
               tag[stop] != ';' && tag[stop] != '/')
          ++stop;
        if (stop > start) return tag.substr(start, stop - start);
      }
    }
    at = end;
  }
  return "";
}

std::optional<std::string> convert(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* raw = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status) || raw == nullptr) return std::nullopt;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(raw, &ucnv_close);
  // Unconvertible bytes become U+FFFD rather than failing the page.
  std::string out(bytes.size() * 3 + 16, '\0');
  status = U_ZERO_ERROR;
  int32_t length = ucnv_convert("utf-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()),
                                bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<size_t>(length));
  return out;
}

std::string detect(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* raw = ucsdet_open(&status);
  if (U_FAILURE(status)) return "";
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(raw, &ucsdet_close);
  std::string_view sample = bytes.substr(0, 64 * 1024);
  ucsdet_setText(raw, sample.data(), static_cast<int32_t>(sample.size()), &status);
  ucsdet_enableInputFilter(raw, true);  // ignore markup
  const UCharsetMatch* match = ucsdet_detect(raw, &status);
  if (U_FAILURE(status) || match == nullptr) return "";
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || name == nullptr) return "";
  return name;
}

}  // namespace

std::string charset_from_content_type(std::string_view content_type) {
  std::string lower = to_lower_ascii(content_type);
  size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  std::string value = lower.substr(at + 8);
  size_t end = value.find(';');
  if (end != std::string::npos) value.resize(end);
  return std::string(trim(value));
}

DecodedText decode_to_utf8(std::string_view bytes, std::string_view content_type) {
  const std::string_view given = bytes;
  // Whether the bytes are valid UTF-8, scanned at most once (a page is read whole here).
  std::optional<bool> valid_utf8;
  auto is_valid = [&] {
    if (!valid_utf8) valid_utf8 = is_valid_utf8(bytes);
    return *valid_utf8;
  };
  auto finish = [&](std::string charset, std::string source) -> DecodedText {
    if (is_utf8_name(charset)) {
      if (is_valid()) return {"", "UTF-8", std::move(source), true, static_cast<size_t>(bytes.data() - given.data())};
      return {sanitize_utf8(bytes), "UTF-8", std::move(source)};
    }
    if (auto text = convert(bytes, charset)) return {std::move(*text), charset, std::move(source)};
    return {sanitize_utf8(bytes), "UTF-8", "fallback"};
  };
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    return finish("utf-8", "bom");
  }
  if (bytes.starts_with("\xFF\xFE")) return finish("utf-16le", "bom");
  if (bytes.starts_with("\xFE\xFF")) return finish("utf-16be", "bom");
  if (auto name = normalize_charset_name(charset_from_content_type(content_type)); !name.empty()) {
    return finish(name, "header");
  }
  if (auto name = normalize_charset_name(charset_from_meta(bytes)); !name.empty()) {
    // A page that says UTF-8 but is not (common with old CMS exports) is re-detected.
    if (!is_utf8_name(name) || is_valid()) return finish(name, "meta");
  }
  if (is_valid()) return finish("utf-8", "detected");
  if (auto name = normalize_charset_name(detect(bytes)); !name.empty() && !is_utf8_name(name)) {
    return finish(name, "detected");
  }
  return finish("windows-1252", "default");
}

}  // namespace beautyidx::extract
