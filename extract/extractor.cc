#include "extract/extractor.h"

#include <algorithm>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "extract/analysis.h"
#include "extract/charset.h"
#include "extract/html_blocks.h"
#include "extract/metadata.h"
#include "url/url.h"

namespace beautyidx::extract {
namespace {

bool looks_like_plain_text(std::string_view body, std::string_view content_type) {
  std::string type = to_lower_ascii(content_type);
  if (type.starts_with("text/plain")) return true;
  if (!type.empty()) return false;
  std::string_view head = body.substr(0, 2048);
  return head.find('<') == std::string_view::npos;
}

// Plain text: one paragraph per line; short lines without end punctuation are headings and the
// first line is the title.
ParsedHtml parse_plain_text(std::string_view text) {
  ParsedHtml out;
  bool first = true;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line = collapse_whitespace(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    Block block;
    block.text = line;
    size_t words = static_cast<size_t>(std::count(line.begin(), line.end(), ' ')) + 1;
    char last = line.back();
    bool short_line = words <= 8 && last != '.' && last != '!' && last != ':' && last != ',' &&
                      line.find('$') == std::string::npos && line.find(':') == std::string::npos &&
                      !line.starts_with("\xE2\x80\x9C") && !line.starts_with("\"");
    if (first) {
      out.meta.title_tag = line;
      out.meta.h1s.push_back(line);
      first = false;
      continue;
    }
    if (short_line || (words <= 12 && last == '?' && out.blocks.empty())) {
      block.type = BlockType::kHeading;
      block.heading_level = 2;
    }
    out.blocks.push_back(std::move(block));
    if (end == text.size()) break;
  }
  return out;
}

// Listings (home, category, tag, author pages) are runs of linked titles with short excerpts;
// articles are paragraphs of prose. Counting linked headings and link-led entries tells them
// apart better than <article> counts, which comment threads and related-post cards inflate.
PageKind classify_page(const ParsedHtml& parsed, const ResolvedMetadata& meta, size_t body_words, size_t paragraphs,
                       size_t author_count) {
  size_t linked_headings = 0, entries = 0, text_blocks = 0;
  for (const Block& b : parsed.blocks) {
    bool mostly_link = b.link_chars * 10 >= b.text.size() * 6;
    if (b.type == BlockType::kHeading) {
      if (mostly_link && b.text.size() > 12) ++linked_headings;
      continue;
    }
    ++text_blocks;
    if (b.link_chars >= 15 && b.link_chars * 10 >= b.text.size() * 3 && b.text.find('$') == std::string::npos) ++entries;
  }
  linked_headings = std::max(linked_headings, parsed.linked_headings);
  if (linked_headings >= 3 || (entries >= 5 && entries * 10 >= text_blocks * 4)) return PageKind::kListing;
  double link_share = parsed.total_text_chars
                          ? static_cast<double>(parsed.total_link_chars) / static_cast<double>(parsed.total_text_chars)
                          : 0;
  bool attributed = meta.typed_as_article || meta.published.has_value() || author_count > 0;
  if ((attributed && body_words >= 80 && paragraphs >= 2) || (body_words >= 400 && paragraphs >= 4)) {
    return PageKind::kArticle;
  }
  if (link_share >= 0.5) return PageKind::kListing;
  return PageKind::kOther;
}

}  // namespace

Extractor::Extractor(Taxonomy taxonomy, Catalog catalog, ExtractorOptions options)
    : taxonomy_(std::move(taxonomy)), catalog_(std::move(catalog)), options_(options) {}

Result<Extractor> Extractor::load(const std::filesystem::path& data_dir, ExtractorOptions options) {
  auto taxonomy = Taxonomy::load(data_dir / "taxonomy.json");
  if (!taxonomy) return std::unexpected(taxonomy.error());
  auto catalog = Catalog::load(data_dir / "retailers.json", data_dir / "brands.txt");
  if (!catalog) return std::unexpected(catalog.error());
  return Extractor(std::move(*taxonomy), std::move(*catalog), options);
}

ExtractedPage Extractor::extract(const ExtractInput& input) const {
  ExtractedPage page;
  page.url = input.url;
  std::string_view body = input.body.substr(0, std::min(input.body.size(), options_.max_input_bytes));
  if (body.size() < input.body.size()) {
    page.warnings.push_back("input truncated from " + std::to_string(input.body.size()) + " to " +
                            std::to_string(body.size()) + " bytes");
  }
  DecodedText decoded = decode_to_utf8(body, input.content_type);
  const std::string_view utf8 = decoded.utf8(body);
  if (decoded.source == "fallback" || utf8.find("\xEF\xBF\xBD") != std::string_view::npos) {
    page.warnings.push_back("invalid bytes for charset " + decoded.charset + " replaced with U+FFFD");
  }

  ParsedHtml parsed = looks_like_plain_text(utf8, input.content_type) ? parse_plain_text(utf8) : parse_html(utf8);
  const std::vector<nlohmann::json> json_ld = parse_json_ld(parsed.meta.json_ld);
  ResolvedMetadata meta = resolve_metadata(parsed.meta, json_ld);
  page.title = meta.title;
  page.authors = meta.authors;
  page.published = meta.published;
  page.modified = meta.modified;
  page.description = meta.description;
  page.site_name = meta.site_name;
  page.language = meta.language;
  page.tags = meta.tags;
  page.noindex = parsed.meta.robots.find("noindex") != std::string::npos ||
                 parsed.meta.robots.find("none") != std::string::npos;
  page.nofollow = parsed.meta.robots.find("nofollow") != std::string::npos ||
                  parsed.meta.robots.find("none") != std::string::npos;

  // Links and the canonical URL, resolved against <base href> when the page sets one.
  std::string base = input.url;
  if (!parsed.meta.base_href.empty()) {
    if (auto resolved = url::resolve(input.url, parsed.meta.base_href)) base = *resolved;
  }
  url::LinkResolver links(base);
  page.canonical_url = input.url;
  if (!meta.canonical_href.empty()) {
    if (auto resolved = links.resolve(meta.canonical_href)) page.canonical_url = *resolved;
  }
  if (auto normalized = url::normalize(page.canonical_url)) page.canonical_url = *normalized;
  if (!meta.image.empty()) {
    if (auto image = links.resolve(meta.image)) page.image = *image;
  }
  std::unordered_set<std::string_view> seen_hrefs;
  std::unordered_set<std::string> seen_links;
  for (const HtmlLink& link : parsed.links) {
    if (link.nofollow || !seen_hrefs.insert(link.href).second) continue;
    auto normalized = links.resolve_normalized(link.href);
    if (normalized && seen_links.insert(*normalized).second) page.links.push_back(std::move(*normalized));
  }
  for (const auto& feed : parsed.feeds) {
    if (auto resolved = links.resolve(feed)) page.feeds.push_back(*resolved);
  }

  // Paragraphs with their sections; an author bio at the end of the body is set apart.
  std::vector<Paragraph> paragraphs;
  int section = 0;
  for (Block& block : parsed.blocks) {
    if (block.type == BlockType::kHeading && block.heading_level == 1 &&
        (block.text == page.title || paragraphs.empty()))
      continue;
    if (block.type == BlockType::kHeading) ++section;
    Paragraph p;
    p.type = block.type;
    p.heading_level = block.heading_level;
    p.in_blockquote = block.in_blockquote;
    p.text = std::move(block.text);
    p.section = section;
    for (const auto& href : block.hrefs) {
      if (auto resolved = links.resolve(href)) p.hrefs.push_back(*resolved);
    }
    paragraphs.push_back(std::move(p));
  }
  page.author_bio = parsed.author_bio;
  for (int tail = 0; tail < 2 && !paragraphs.empty(); ++tail) {
    std::string name;
    if (!looks_like_author_bio(paragraphs.back().text, &name)) break;
    page.author_bio = paragraphs.back().text + (page.author_bio.empty() ? "" : "\n" + page.author_bio);
    if (page.authors.empty()) page.authors.push_back(name);
    paragraphs.pop_back();
  }
  if (page.authors.empty() && !page.author_bio.empty()) {
    std::string name;
    if (looks_like_author_bio(page.author_bio, &name)) page.authors.push_back(name);
  }

  size_t words = 0, text_paragraphs = 0;
  std::string heading;
  for (const Paragraph& p : paragraphs) {
    if (!page.text.empty()) page.text += "\n\n";
    page.text += p.text;
    words += static_cast<size_t>(std::count(p.text.begin(), p.text.end(), ' ')) + 1;
    if (p.type != BlockType::kHeading && p.text.size() > 40) ++text_paragraphs;
    if (p.type == BlockType::kHeading) {
      page.sections.push_back({p.text, ""});
    } else {
      if (page.sections.empty() || static_cast<int>(page.sections.size()) - 1 < p.section) {
        while (static_cast<int>(page.sections.size()) <= p.section) page.sections.push_back({"", ""});
      }
      auto& s = page.sections[static_cast<size_t>(p.section)].text;
      if (!s.empty()) s += "\n";
      s += p.text;
    }
  }
  page.kind = classify_page(parsed, meta, words, text_paragraphs, page.authors.size());
  if (page.kind != PageKind::kArticle) return page;

  std::vector<Person> people = find_people(paragraphs);
  page.quotes = find_quotes(paragraphs, people, page.title);
  for (Quote& q : page.quotes) {
    TaxonomyMatch m = taxonomy_.match(q.text);
    q.concerns = m.concerns;
    q.techniques = m.techniques;
  }
  // What the article is about: named in its title or a heading, or named at least twice.
  // A passing mention ("no more dull mornings") does not make an article about dullness.
  std::string headings = page.title;
  for (const Section& s : page.sections) headings += "\n" + s.heading;
  TaxonomyMatch in_headings = taxonomy_.match(headings);
  TaxonomyMatch all = taxonomy_.match(headings + "\n" + page.text);
  auto salient = [&](const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) {
      if (in_headings.mentions_of(id) > 0 || all.mentions_of(id) >= 2) out.push_back(id);
    }
    return out;
  };
  page.concerns = salient(all.concerns);
  page.techniques = salient(all.techniques);
  page.products = find_products(paragraphs, page.quotes, catalog_, taxonomy_, page.title, page.concerns);
  // Products the page states in schema.org data but its text did not name with a price.
  for (const StructuredProduct& s : find_structured_products(json_ld)) {
    auto split = catalog_.split_brand(s.name);
    Product product;
    product.brand = !split.brand.empty() ? split.brand : s.brand;
    product.name = split.name;
    if (!s.brand.empty() && product.brand.empty()) product.brand = s.brand;
    if (auto retailer = catalog_.retailer(s.seller)) product.retailer = *retailer;
    else if (auto by_url = catalog_.retailer_for_url(s.url)) product.retailer = *by_url;
    product.url = s.url;
    product.price = s.price;
    TaxonomyMatch about = taxonomy_.match(s.name);
    product.concerns = std::move(about.concerns);
    product.techniques = std::move(about.techniques);
    bool known = false;
    for (const Product& p : page.products) {
      known = known || (equals_ignore_case(p.brand, product.brand) && equals_ignore_case(p.name, product.name));
    }
    if (!known && !product.name.empty()) page.products.push_back(std::move(product));
  }
  return page;
}

}  // namespace beautyidx::extract
