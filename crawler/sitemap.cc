#include "crawler/sitemap.h"

#include <pugixml.hpp>

#include "core/text.h"
#include "url/url.h"

namespace beautyidx::crawler {
namespace {

std::string_view local_name(const char* name) {
  std::string_view n(name);
  size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// All text of an element, CDATA sections included ("http://x/d<![CDATA[?a=1]]>").
std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node part : node.children()) {
    if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata) out += part.value();
  }
  return out;
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c : node.children()) {
    if (local_name(c.name()) == name) return c;
  }
  return {};
}

void add(Sitemap& sitemap, std::string_view location, std::string_view base, std::optional<std::string> lastmod) {
  std::string loc = collapse_whitespace(location);
  if (loc.empty()) return;
  auto resolved = url::resolve(base, loc);
  if (!resolved) return;
  sitemap.entries.push_back({*resolved, std::move(lastmod)});
}

}  // namespace

Result<Sitemap> parse_sitemap(std::string_view body, std::string_view sitemap_url) {
  std::string_view trimmed = body;
  if (trimmed.starts_with("\xEF\xBB\xBF")) trimmed.remove_prefix(3);
  trimmed = trim(trimmed);
  Sitemap sitemap;
  if (!trimmed.starts_with("<")) {
    // Plain text: one absolute URL per line.
    sitemap.type = SitemapType::kText;
    size_t start = 0;
    while (start < trimmed.size()) {
      size_t end = trimmed.find('\n', start);
      if (end == std::string_view::npos) end = trimmed.size();
      std::string_view line = trim(trimmed.substr(start, end - start));
      if (line.starts_with("http://") || line.starts_with("https://")) add(sitemap, line, sitemap_url, std::nullopt);
      start = end + 1;
    }
    return sitemap;
  }
  pugi::xml_document doc;
  // No DOCTYPE processing: entities defined in a DTD are never expanded.
  unsigned options = pugi::parse_default & ~pugi::parse_doctype;
  pugi::xml_parse_result parsed = doc.load_buffer(trimmed.data(), trimmed.size(), options);
  if (!parsed && parsed.status != pugi::status_end_element_mismatch) {
    return make_error(ErrorKind::kParse, "sitemap " + std::string(sitemap_url) + ": " + parsed.description());
  }
  pugi::xml_node root = doc.document_element();
  std::string_view root_name = local_name(root.name());
  if (root_name == "urlset" || root_name == "sitemapindex") {
    sitemap.type = root_name == "urlset" ? SitemapType::kUrlSet : SitemapType::kIndex;
    std::string_view item = root_name == "urlset" ? "url" : "sitemap";
    for (pugi::xml_node node : root.children()) {
      if (local_name(node.name()) != item) continue;
      pugi::xml_node loc = child(node, "loc");
      if (!loc) continue;
      pugi::xml_node lastmod = child(node, "lastmod");
      add(sitemap, text_of(loc), sitemap_url,
          lastmod ? std::optional<std::string>(lastmod.text().as_string()) : std::nullopt);
    }
    return sitemap;
  }
  if (root_name == "rss" || root_name == "RDF") {
    sitemap.type = SitemapType::kRss;
    pugi::xml_node channel = child(root, "channel");
    pugi::xml_node items_parent = root_name == "rss" ? channel : root;
    for (pugi::xml_node node : items_parent.children()) {
      if (local_name(node.name()) != "item") continue;
      pugi::xml_node link = child(node, "link");
      pugi::xml_node date = child(node, "pubDate");
      if (link) {
        add(sitemap, text_of(link), sitemap_url,
            date ? std::optional<std::string>(date.text().as_string()) : std::nullopt);
      }
    }
    return sitemap;
  }
  if (root_name == "feed") {
    sitemap.type = SitemapType::kAtom;
    for (pugi::xml_node entry : root.children()) {
      if (local_name(entry.name()) != "entry") continue;
      std::string href;
      for (pugi::xml_node link : entry.children()) {
        if (local_name(link.name()) != "link") continue;
        std::string rel = link.attribute("rel").as_string();
        if (rel.empty() || rel == "alternate") {
          href = link.attribute("href").as_string();
          break;
        }
      }
      pugi::xml_node updated = child(entry, "updated");
      if (!href.empty()) {
        add(sitemap, href, sitemap_url, updated ? std::optional<std::string>(updated.text().as_string()) : std::nullopt);
      }
    }
    return sitemap;
  }
  return make_error(ErrorKind::kParse, "sitemap " + std::string(sitemap_url) + ": unknown root element <" +
                                           std::string(root_name) + ">");
}

}  // namespace beautyidx::crawler
