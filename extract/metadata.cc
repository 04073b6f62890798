#include "extract/metadata.h"

#include <algorithm>
#include <array>
#include <vector>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace beautyidx::extract {
namespace {

using nlohmann::json;

bool is_article_type(const json& type) {
  static constexpr std::array<std::string_view, 8> kTypes = {
      "Article", "BlogPosting", "NewsArticle", "Report", "ScholarlyArticle", "TechArticle",
      "SocialMediaPosting", "LiveBlogPosting"};
  auto matches = [](const json& t) {
    if (!t.is_string()) return false;
    const auto& s = t.get_ref<const std::string&>();
    for (auto k : kTypes) {
      if (s == k) return true;
    }
    return false;
  };
  if (type.is_array()) {
    for (const auto& t : type) {
      if (matches(t)) return true;
    }
    return false;
  }
  return matches(type);
}

void collect_articles(const json& node, std::vector<const json*>& out, int depth = 0) {
  if (depth > 6) return;
  if (node.is_array()) {
    for (const auto& item : node) collect_articles(item, out, depth + 1);
  } else if (node.is_object()) {
    if (node.contains("@type") && is_article_type(node["@type"])) out.push_back(&node);
    if (node.contains("@graph")) collect_articles(node["@graph"], out, depth + 1);
    if (node.contains("mainEntity")) collect_articles(node["mainEntity"], out, depth + 1);
  }
}

void author_names(const json& author, std::vector<std::string>& out) {
  if (author.is_string()) {
    for (auto& name : split_authors(author.get<std::string>())) out.push_back(name);
  } else if (author.is_array()) {
    for (const auto& a : author) author_names(a, out);
  } else if (author.is_object() && author.contains("name") && author["name"].is_string()) {
    out.push_back(collapse_whitespace(author["name"].get<std::string>()));
  }
}

std::string string_field(const json& object, const char* key) {
  if (!object.contains(key)) return "";
  const json& value = object[key];
  if (value.is_string()) return collapse_whitespace(value.get<std::string>());
  if (value.is_array() && !value.empty() && value[0].is_string()) return value[0].get<std::string>();
  return "";
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (value.empty()) return;
  for (const auto& existing : list) {
    if (equals_ignore_case(existing, value)) return;
  }
  list.push_back(std::move(value));
}

}  // namespace

std::optional<std::string> normalize_date(std::string_view text) {
  text = trim(text);
  auto digits = [&](size_t at, size_t n) {
    if (at + n > text.size()) return false;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
  };
  if (digits(0, 4) && text.size() >= 10 && text[4] == '-' && digits(5, 2) && text[7] == '-' && digits(8, 2)) {
    return std::string(text.substr(0, 10));
  }
  // "10/02/2012": month first, as US sites write it.
  int a = 0, b = 0, y = 0;
  for (size_t i = 0; i + 10 <= text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) || (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))))
      continue;
    if (std::sscanf(std::string(text.substr(i, 10)).c_str(), "%2d/%2d/%4d", &a, &b, &y) == 3 && a >= 1 && a <= 12 &&
        b >= 1 && b <= 31 && y >= 1990 && y <= 2100) {
      char buffer[48];
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, a, b);
      return std::string(buffer);
    }
  }
  // "March 8, 2009", "February 11th, 2008", "19 July 2011", "Mar. 4 2010".
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::vector<std::string> words;
  std::string current;
  for (char c : to_lower_ascii(text)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      current.push_back(c);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(current);
  auto number = [](const std::string& w) -> int {
    size_t digits = 0;
    while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
    std::string_view suffix = std::string_view(w).substr(digits);
    if (digits == 0 || digits > 4 || !(suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th"))
      return -1;
    return std::atoi(w.c_str());
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    int month = 0;
    for (size_t m = 0; m < kMonths.size(); ++m) {
      if (w.size() >= 3 && w.starts_with(kMonths[m]) && (w.size() == 3 || w.size() >= 4)) {
        static constexpr std::array<std::string_view, 12> kFull = {
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december"};
        if (w.size() == 3 || w == kFull[m] || (w.size() == 4 && w == std::string(kMonths[m]) + "t")) month = static_cast<int>(m) + 1;
      }
    }
    if (month == 0) continue;
    int day = -1, year = -1;
    if (i + 2 < words.size() && number(words[i + 1]) >= 1 && number(words[i + 1]) <= 31 && number(words[i + 2]) >= 1990) {
      day = number(words[i + 1]);
      year = number(words[i + 2]);
    } else if (i >= 1 && i + 1 < words.size() && number(words[i - 1]) >= 1 && number(words[i - 1]) <= 31 &&
               number(words[i + 1]) >= 1990) {
      day = number(words[i - 1]);
      year = number(words[i + 1]);
    }
    if (day < 1 || year < 1990 || year > 2100) continue;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return std::string(buffer);
  }
  return std::nullopt;
}

std::string strip_site_suffix(const std::string& title, const std::string& site_name, std::string* removed) {
  static constexpr std::array<std::string_view, 6> kSeparators = {" | ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", " :: ", " \xC2\xB7 "};
  for (auto sep : kSeparators) {
    size_t at = title.rfind(sep);
    if (at == std::string::npos) continue;
    std::string head = std::string(trim(std::string_view(title).substr(0, at)));
    std::string tail = std::string(trim(std::string_view(title).substr(at + sep.size())));
    if (!site_name.empty()) {
      if (equals_ignore_case(tail, site_name)) return head;
      if (equals_ignore_case(head, site_name)) return tail;
    }
    // Without a site name, the shorter side is usually the site ("Title | Site", "Site :: Title").
    bool title_first = tail.size() < head.size();
    if (removed) *removed = title_first ? tail : head;
    return title_first ? head : tail;
  }
  return title;
}

std::vector<std::string> split_authors(std::string_view byline) {
  std::string text = collapse_whitespace(byline);
  std::string_view view = text;
  if (starts_with_ignore_case(view, "by ")) view.remove_prefix(3);
  if (starts_with_ignore_case(view, "written by ")) view.remove_prefix(11);
  std::vector<std::string> authors;
  std::string current;
  auto flush = [&] {
    std::string_view name = trim(current);
    while (!name.empty() && (name.back() == ',' || name.back() == '.')) name.remove_suffix(1);
    if (!name.empty()) authors.emplace_back(name);
    current.clear();
  };
  size_t i = 0;
  while (i < view.size()) {
    if (view.substr(i).starts_with(" and ")) {
      flush();
      i += 5;
    } else if (view[i] == ',' || view.substr(i).starts_with(" & ")) {
      flush();
      i += view[i] == ',' ? 1 : 3;
    } else {
      current.push_back(view[i]);
      ++i;
    }
  }
  flush();
  return authors;
}

std::vector<json> parse_json_ld(const std::vector<std::string>& scripts) {
  std::vector<json> out;
  out.reserve(scripts.size());
  for (const auto& raw : scripts) {
    json root = json::parse(raw, nullptr, false);
    if (!root.is_discarded()) out.push_back(std::move(root));
  }
  return out;
}

ResolvedMetadata resolve_metadata(const HtmlMetadata& meta, const std::vector<json>& json_ld) {
  ResolvedMetadata out;
  out.site_name = meta.site_name;
  out.description = meta.description;
  out.canonical_href = meta.canonical_href;
  out.typed_as_article = meta.og_type == "article";

  std::string ld_headline, ld_published, ld_modified, ld_image, ld_language;
  std::vector<std::string> ld_tags;
  std::vector<std::string> ld_authors;
  for (const json& root : json_ld) {
    std::vector<const json*> articles;
    collect_articles(root, articles);
    for (const json* article : articles) {
      out.typed_as_article = true;
      if (ld_headline.empty()) ld_headline = string_field(*article, "headline");
      if (ld_published.empty()) ld_published = string_field(*article, "datePublished");
      if (ld_modified.empty()) ld_modified = string_field(*article, "dateModified");
      if (ld_authors.empty() && article->contains("author")) author_names((*article)["author"], ld_authors);
      if (ld_language.empty()) ld_language = string_field(*article, "inLanguage");
      if (ld_image.empty() && article->contains("image")) {
        const json& image = (*article)["image"];
        if (image.is_string()) ld_image = image.get<std::string>();
        else if (image.is_object()) ld_image = string_field(image, "url");
        else if (image.is_array() && !image.empty()) {
          ld_image = image[0].is_string() ? image[0].get<std::string>() : image[0].is_object() ? string_field(image[0], "url") : "";
        }
      }
      if (ld_tags.empty() && article->contains("keywords")) {
        const json& keywords = (*article)["keywords"];
        if (keywords.is_array()) {
          for (const auto& k : keywords) {
            if (k.is_string()) ld_tags.push_back(k.get<std::string>());
          }
        } else if (keywords.is_string()) {
          std::string all = keywords.get<std::string>();
          size_t start = 0;
          while (start <= all.size()) {
            size_t comma = all.find(',', start);
            std::string tag(trim(std::string_view(all).substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
            if (!tag.empty()) ld_tags.push_back(tag);
            if (comma == std::string::npos) break;
            start = comma + 1;
          }
        }
      }
      if (out.site_name.empty() && article->contains("publisher") && (*article)["publisher"].is_object()) {
        out.site_name = string_field((*article)["publisher"], "name");
      }
    }
  }

  // Title: the <h1> when the <title> or og:title confirms it, else the structured headline.
  std::string removed;
  std::string tag_title = strip_site_suffix(meta.title_tag, out.site_name, &removed);
  std::string og_title = strip_site_suffix(meta.og_title, out.site_name);
  // "Glow Notes :: Title" names its site when no og:site_name does.
  if (out.site_name.empty() && !removed.empty() && std::count(removed.begin(), removed.end(), ' ') < 5) {
    out.site_name = removed;
  }
  for (const auto& h1 : meta.h1s) {
    if (h1.empty()) continue;
    if ((!meta.title_tag.empty() && meta.title_tag.find(h1) != std::string::npos) ||
        (!meta.og_title.empty() && meta.og_title.find(h1) != std::string::npos) || h1 == ld_headline) {
      out.title = h1;
      break;
    }
  }
  if (out.title.empty()) out.title = !ld_headline.empty() ? ld_headline : !og_title.empty() ? og_title : tag_title;
  if (out.title.empty() && !meta.h1s.empty()) out.title = meta.h1s.front();

  for (auto& a : ld_authors) add_unique(out.authors, a);
  if (out.authors.empty()) {
    for (const auto& a : meta.meta_authors) {
      for (auto& name : split_authors(a)) add_unique(out.authors, name);
    }
  }
  if (out.authors.empty()) {
    for (const auto& a : meta.byline_authors) {
      for (auto& name : split_authors(a)) add_unique(out.authors, name);
    }
  }

  if (out.authors.empty()) {
    for (const auto& text : meta.byline_texts) {
      std::string_view view = text;
      size_t by = to_lower_ascii(view).find("by ");
      if (by == std::string_view::npos) continue;
      std::string_view rest = trim(view.substr(by + 3));
      // The name: capitalized words up to a separator ("— May 4, 2010", "| Feb 3").
      size_t end = 0, words = 0;
      while (end < rest.size() && words < 4) {
        size_t next = rest.find(' ', end);
        std::string_view word = rest.substr(end, next == std::string_view::npos ? std::string_view::npos : next - end);
        if (word.empty() || !std::isupper(static_cast<unsigned char>(word[0]))) break;
        ++words;
        end = next == std::string_view::npos ? rest.size() : next + 1;
        if (word.back() == ',') break;  // "Riley Asante, August 27, 2013"

      }
      std::string name(trim(rest.substr(0, end)));
      while (!name.empty() && (name.back() == ',' || name.back() == '.')) name.pop_back();
      if (words >= 2) add_unique(out.authors, name);
      if (!out.authors.empty()) break;
    }
  }
  out.published = normalize_date(ld_published);
  if (!out.published) out.published = normalize_date(meta.published_meta);
  if (!out.published) {
    for (const auto& dt : meta.time_datetimes) {
      if ((out.published = normalize_date(dt))) break;
    }
  }
  if (!out.published) {
    for (const auto& text : meta.byline_texts) {
      if ((out.published = normalize_date(text))) break;
    }
  }
  out.modified = normalize_date(ld_modified);
  if (!out.modified) out.modified = normalize_date(meta.modified_meta);
  // Language: JSON-LD inLanguage, <html lang>, og:locale; primary subtag only ("en-US" -> "en").
  std::string language = !ld_language.empty() ? ld_language : !meta.lang.empty() ? meta.lang : meta.content_language;
  language = to_lower_ascii(language);
  size_t dash = language.find_first_of("-_");
  out.language = language.substr(0, dash);
  out.image = !meta.image.empty() ? meta.image : ld_image;
  out.tags = !meta.tags.empty() ? meta.tags : ld_tags;
  return out;
}

}  // namespace beautyidx::extract
