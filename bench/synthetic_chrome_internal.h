// What the page chrome's sources share: the parts every page shares
// (synthetic_chrome_parts.cc), a page's plan and facts (synthetic_chrome.cc), its <head>
// (synthetic_chrome_head.cc), and the helpers they write markup with
// (synthetic_chrome_markup.cc). Internal to the chrome.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bench/synthetic_chrome.h"
#include "bench/synthetic_chrome_text.h"
#include "bench/synthetic_site_internal.h"

namespace beautyidx::bench::synthetic {

// ---- Chrome every page shares --------------------------------------------------------------

inline constexpr size_t kMaxInlineAds = 3;

struct ChromeParts {
  std::string head_links;  // preconnects, fonts, feeds, stylesheets, icons
  std::string stylesheet;  // a page's critical CSS is a prefix of it, cut at a line end
  std::string consent_scripts;
  std::string sprite;                 // every icon once, for pages with inline SVG
  std::array<std::string, 2> header;  // [svg]: promo bar, masthead, primary menu
  std::string categories_widget;
  std::string newsletter_form;
  std::array<std::string, 2> footer;  // [svg]: the footer, closing #page, and the consent banner
  std::string comment_form_fields;
  std::string website_graph;  // the JSON-LD nodes every page repeats
  std::string video_config;
  // Ad slot configurations by kAdSlotKinds index and slot number less one.
  std::array<std::array<std::string, kMaxInlineAds>, kAdSlotKinds.size()> ad_slots;
};

// Built on first use, then only read.
const ChromeParts& chrome_parts();

// ---- Chrome of one page --------------------------------------------------------------------

// What a page's kChrome dice choose. The real pages' sizes spread by a factor of three between
// their quartiles, mostly with how much their theme and plugins load, so one draw (`weight`)
// grows the optional parts together; the rest vary on their own.
struct ChromePlan {
  bool svg_icons = false;     // two in five real pages carry inline SVG, the rest none
  size_t critical_css = 0;    // bytes of ChromeParts::stylesheet inlined; 0: none
  size_t hero_widths = 0;     // srcset entries of the featured image
  size_t body_figures = 0;    // figures placed between the body's sections
  size_t figure_images = 0;   // images in each: 1, or a gallery
  size_t inline_ads = 0;      // ad slots placed between the body's sections
  size_t popular = 0;         // sidebar entries
  size_t stories = 0;         // "More from Synthetic Glow" cards under the article
  size_t shop_items = 0;      // products in the shoppable widget's data; 0: no widget
  size_t shop_cards = 0;      // the first of them, shown in the carousel
  size_t footer_scripts = 0;  // external scripts at the end of <body>, of kFooterScripts
  bool share_bottom = false;
  bool vitals = false;
  bool video = false;
  std::uint64_t nonce = 0;
};

struct SiteSection {
  string_view name;  // HTML
  string_view slug;
  string_view href;  // a path the site serves, or the production host's category page
};

// What the chrome says about the article it surrounds: what the article side gives, and what the
// chrome derives from it.
struct PageFacts : ArticlePage {
  const SiteSection* section = nullptr;
  string_view hero;         // the featured image's upload path without its size
  string_view description;  // plain text
  size_t words = 0;
};

inline void append_page_url(std::string& out, const PageFacts& page) {
  out += kSiteHost;
  out += page.path;
}

// From <!doctype> to </head>: meta tags, the JSON-LD graph, links, critical CSS, consent, page
// data and ad configuration.
void append_head(std::string& out, const PageFacts& page, const ChromePlan& plan,
                 const ChromeParts& parts);

// ---- Markup --------------------------------------------------------------------------------

// HTML text (as the templates write it) inside a double-quoted attribute.
void append_attribute(std::string& out, string_view html);

// HTML text as the contents of a JSON string: "&amp;" (the only entity the templates use)
// decoded, quotes and backslashes escaped, and '<' escaped so no "</script>" can end the block.
void append_json_text(std::string& out, string_view html);

// HTML text as a URL query value, for share links.
void append_query_value(std::string& out, string_view html);

// A WordPress slug of HTML text: "Q&amp;A: Gua Sha" -> "qa-gua-sha".
void append_text_slug(std::string& out, string_view html);

// Where a post's images live: the uploads folder of its month, then its title's slug.
void append_upload_path(std::string& out, const CivilDate& published, string_view title_html);

// A post's date at the hour the theme gives every post, as its head and JSON-LD write it.
void append_iso_datetime(std::string& out, const CivilDate& date);

// `value`'s last `digits` hex digits, in lower case.
void append_hex(std::string& out, std::uint64_t value, int digits);

// An icon from the page's sprite, or the icon font's glyph on pages without inline SVG.
void append_icon(std::string& out, string_view id, bool svg);

// Image widths WordPress derives from an upload, with their 3:2 heights.
inline constexpr std::array<std::array<unsigned, 2>, 8> kImageSizes = {{{1200, 800},
                                                                        {300, 200},
                                                                        {768, 512},
                                                                        {1024, 683},
                                                                        {150, 100},
                                                                        {600, 400},
                                                                        {1536, 1024},
                                                                        {2048, 1365}}};

// ".../2024/03/slug-300x200.jpg"
void append_image_url(std::string& out, string_view upload, const std::array<unsigned, 2>& size);

// An <img> of an upload in `widths` of kImageSizes (the first is its src), with what WordPress
// adds to content images; `extra` holds further attributes (class, loading, fetchpriority).
void append_image(std::string& out, string_view upload, size_t widths, string_view sizes,
                  string_view extra, string_view alt);

// A thumbnail: the small sizes only.
void append_thumbnail(std::string& out, string_view upload, string_view size_class,
                      string_view sizes);

}  // namespace beautyidx::bench::synthetic
