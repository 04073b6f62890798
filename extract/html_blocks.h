// Internal to extract/: HTML -> metadata, links and the main-content blocks, via gumbo.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace beautyidx::extract {

enum class BlockType { kHeading, kParagraph, kListItem, kCaption, kCell, kPre };

// One run of text that a reader sees as a unit: a paragraph, heading, list item, caption.
struct Block {
  BlockType type = BlockType::kParagraph;
  int heading_level = 0;   // 1-6 for headings
  bool in_blockquote = false;
  std::string text;        // whitespace collapsed
  size_t link_chars = 0;   // characters of text inside <a>
  std::vector<std::string> hrefs;  // raw href of each link in the block
};

struct HtmlLink {
  std::string href;
  bool nofollow = false;
};

struct HtmlMetadata {
  std::string title_tag;
  std::string og_title;
  std::string og_type;
  std::string site_name;
  std::string description;
  std::string canonical_href;
  std::string base_href;
  std::string robots;  // lowercase content of <meta name=robots>
  std::string lang;
  std::string published_meta;  // article:published_time or similar
  std::string modified_meta;   // article:modified_time, og:updated_time
  std::string image;           // og:image, twitter:image
  std::string content_language;  // <meta http-equiv=content-language>, og:locale
  std::vector<std::string> tags;  // article:tag, meta keywords
  std::vector<std::string> meta_authors;    // <meta name=author>
  std::vector<std::string> byline_authors;  // rel=author, itemprop=author, .author, "By X"
  std::vector<std::string> time_datetimes;  // <time datetime> in document order
  std::vector<std::string> byline_texts;    // short texts such as "Written by X — May 4, 2010"
  std::vector<std::string> h1s;
  std::vector<std::string> json_ld;  // raw bodies of application/ld+json scripts
  int article_elements = 0;          // number of <article> elements
};

struct ParsedHtml {
  HtmlMetadata meta;
  std::vector<Block> blocks;  // the main content, in document order
  std::string author_bio;     // text of an author-bio box, kept out of `blocks`
  std::vector<HtmlLink> links;
  std::vector<std::string> feeds;  // hrefs of <link rel=alternate> RSS/Atom
  size_t total_text_chars = 0;     // all visible text, for page-kind decisions
  size_t total_link_chars = 0;
  size_t linked_headings = 0;  // h2-h4 that are links, outside marked furniture: listing entries
};

// Parses UTF-8 HTML. Never fails; malformed markup is repaired the way browsers do.
ParsedHtml parse_html(std::string_view utf8_html);

}  // namespace beautyidx::extract
