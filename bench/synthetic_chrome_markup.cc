// The helpers the page chrome writes markup with; synthetic_chrome_internal.h states what each
// promises.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "bench/synthetic_chrome_internal.h"

namespace beautyidx::bench::synthetic {

void append_attribute(std::string& out, string_view html) {
  for (size_t quote; (quote = html.find('"')) != string_view::npos; html.remove_prefix(quote + 1)) {
    out.append(html.substr(0, quote));
    out += "&quot;";
  }
  out.append(html);
}

void append_json_text(std::string& out, string_view html) {
  size_t plain = 0;  // where the run not yet copied starts
  for (size_t k = 0; k < html.size(); ++k) {
    char c = html[k];
    if (c != '&' && c != '"' && c != '\\' && c != '<') continue;
    out.append(html.substr(plain, k - plain));
    if (c == '&' && html.substr(k, 5) == "&amp;") {
      out += '&';
      k += 4;
    } else if (c == '<') {
      out += "\\u003c";
    } else {
      if (c != '&') out += '\\';
      out += c;
    }
    plain = k + 1;
  }
  out.append(html.substr(plain));
}

void append_query_value(std::string& out, string_view html) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (size_t k = 0; k < html.size(); ++k) {
    char c = html[k];
    if (c == '&' && html.substr(k, 5) == "&amp;") {
      out += "%26";
      k += 4;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
}

void append_upload_path(std::string& out, const CivilDate& published, string_view title_html) {
  out += kUploads;
  append_number(out, static_cast<unsigned>(published.year));
  out += '/';
  append_padded(out, published.month, 2);
  out += '/';
  append_text_slug(out, title_html);
}

void append_iso_datetime(std::string& out, const CivilDate& date) {
  append_iso_date(out, date);
  out += "T08:00:00+00:00";
}

void append_text_slug(std::string& out, string_view html) {
  const size_t start = out.size();
  for (size_t k = 0; k < html.size(); ++k) {
    char c = html[k];
    if (c == '&') {
      k = std::min(html.find(';', k), html.size());
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if ((c == ' ' || c == '-') && out.size() > start && out.back() != '-') {
      out += '-';
    }
  }
  if (out.size() > start && out.back() == '-') out.pop_back();
}

void append_hex(std::string& out, std::uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int d = digits - 1; d >= 0; --d) out += kHex[(value >> (4 * d)) & 15];
}

void append_icon(std::string& out, string_view id, bool svg) {
  if (svg) {
    out += "<svg class=\"icon\" aria-hidden=\"true\"><use href=\"#";
    out += id;
    out += "\"></use></svg>";
  } else {
    out += "<i class=\"icon-font ";
    out += id;
    out += "\" aria-hidden=\"true\"></i>";
  }
}

void append_image_url(std::string& out, string_view upload, const std::array<unsigned, 2>& size) {
  out += upload;
  out += '-';
  append_number(out, size[0]);
  out += 'x';
  append_number(out, size[1]);
  out += ".jpg";
}

namespace {

// ` srcset="..." sizes="...">`: the upload at each of `widths` (indexes into kImageSizes).
void append_srcset(std::string& out, string_view upload, std::span<const size_t> widths, string_view sizes) {
  out += " srcset=\"";
  bool first = true;
  for (size_t w : widths) {
    if (!first) out += ", ";
    first = false;
    append_image_url(out, upload, kImageSizes[w]);
    out += ' ';
    append_number(out, kImageSizes[w][0]);
    out += 'w';
  }
  out += "\" sizes=\"";
  out += sizes;
  out += "\">";
}

}  // namespace

void append_image(std::string& out, string_view upload, size_t widths, string_view sizes,
                  string_view extra, string_view alt) {
  const auto& main = kImageSizes[0];
  out += "<img width=\"";
  append_number(out, main[0]);
  out += "\" height=\"";
  append_number(out, main[1]);
  out += "\" src=\"";
  append_image_url(out, upload, main);
  out += "\" ";
  out += extra;
  out += " alt=\"";
  append_attribute(out, alt);
  out += "\" decoding=\"async\"";
  static constexpr auto kEverySize = [] {
    std::array<size_t, kImageSizes.size()> every{};
    for (size_t w = 0; w < every.size(); ++w) every[w] = w;
    return every;
  }();
  append_srcset(out, upload, std::span<const size_t>(kEverySize).first(widths), sizes);
}

void append_thumbnail(std::string& out, string_view upload, string_view size_class,
                      string_view sizes) {
  out += "<img width=\"300\" height=\"200\" src=\"";
  append_image_url(out, upload, kImageSizes[1]);
  out += "\" class=\"attachment-";
  out += size_class;
  out += " size-";
  out += size_class;
  out += " wp-post-image\" alt=\"\" loading=\"lazy\" decoding=\"async\"";
  static constexpr std::array<size_t, 3> kThumbnailSizes = {1, 4, 5};
  append_srcset(out, upload, kThumbnailSizes, sizes);
}

}  // namespace beautyidx::bench::synthetic
