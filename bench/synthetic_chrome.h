// The page chrome of the synthetic site: everything a WordPress theme puts around the article,
// sized to the public benchmark's real article pages (see SyntheticSite). What every page
// shares is rendered once (ChromeParts); a page adds its own title, dates, image paths and
// links, and its kChrome dice choose how many images, widget entries, ad slots and inline
// scripts it carries (ChromePlan). Internal to the beautyidx_synthetic_site library.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bench/synthetic_site_internal.h"

namespace beautyidx::bench::synthetic {

// One article page as the article side writes it: views into the caller's strings. The chrome
// places the HTML parts as they are, only setting figures and ad slots before some of the
// body's headings.
struct ArticlePage {
  size_t index = 0;         // the article's number
  size_t articles = 0;      // on the site
  std::string_view path;    // "/posts/000042/"
  std::string_view title;   // HTML, as the <h1> prints it
  std::string_view author;  // "Riley Asante"
  size_t author_id = 0;
  CivilDate published;
  const Topic* topic = nullptr;
  std::string_view heading;  // the <h1>, byline and disclosure
  std::string_view body;     // the article's text
  // Tags, author bio, related posts and comments; it leaves the comments section open after
  // its list, for the reply form.
  std::string_view furniture;
  std::string_view picks;  // the sidebar's editor's picks widget
};

// The HTML page of `article`: head, header, the article's parts, sidebar, footer and scripts.
// The chrome depends on the article's facts, the site's size and the page's kChrome dice alone.
// Thread-safe: the parts every page shares are built once, on first use, and then only read.
std::string render_page(const ArticlePage& article);

}  // namespace beautyidx::bench::synthetic
