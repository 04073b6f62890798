// A deterministic synthetic beauty blog of N articles, rendered on request: the same N gives
// the same pages byte for byte (page i is seeded by i; dates and related-post links also
// depend on N).
//
// The site reads like a real one, so that benchmarks index realistic text:
// - a catalog of ~7,400 products (73 brands from data/brands.txt × 36 product types × lines
//   and minis) with a fixed list price per product set by its type and the brand's tier,
//   marked down now and then, and Zipf-skewed popularity within each type; 12 retailers from
//   data/retailers.json;
// - 720 experts (40 first × 40 last names), each with a fixed credential and affiliation,
//   introduced and quoted in the styles the extractor reads: about 4 quotes and 1-3 experts an
//   article; stances recommend, warn or stay neutral; some quotes back a product of their
//   section by name;
// - features (3-8 sections), listicles and Q&A interviews, written from many sentence
//   templates and slot fillers (concerns and techniques by their taxonomy synonyms, areas,
//   timings, skin types, ingredients), with about 3 priced product mentions an article in
//   several line styles, and about 1% syndicated copies (an earlier article's body under
//   another title and URL: the only near-duplicates);
// - page furniture the extractor must ignore: navigation, byline, author bio, sidebar picks
//   and comments with prices, related posts; publication dates spread over 2023-2026 and 40
//   authors;
// - around it, a WordPress beauty-blog theme's chrome, because the crawl bench measures
//   fetching against `curl --parallel` and real article pages are mostly chrome: a <head> with
//   Yoast-style meta tags and JSON-LD (the same headline, author and date as the byline),
//   23 <link>s, critical CSS, consent, analytics and ad-slot configuration; a mega menu, a
//   trending bar, a featured image and galleries with long srcsets, share buttons, ad slots, a
//   comment form, a shop carousel with prices, "More from" cards, sidebar widgets (popular
//   posts, categories, newsletter), a footer of menus and legal text, a cookie banner and
//   trailing scripts. Sizes follow the public benchmark of 181 real article pages
//   (../shared/benchmarks/article-extraction): 2,000 pages weigh ~107 KB at the median
//   (p25 ~87 KB, p75 ~141 KB; real: 112, 67, 193) with ~135 links, and script, style, SVG,
//   markup and text take shares close to the real medians. The chrome varies per page through
//   its own dice stream: image and card counts, widget entries, inline scripts, CSS and SVG.
//   Links within the site go only to articles and the paths pages always linked (/, the five
//   section paths, /author/N/, /tag/...); everything else names other hosts.
//
// Rendering keeps to static tables (bench/synthetic_site_text.h, bench/synthetic_chrome_text.h)
// and appends into strings: no regex. The catalog, the expert pool and the chrome every page
// shares (menus, footer, CSS, consent configuration) are built once, on first use; a page adds
// its own title, dates, image paths and links, and titles of the articles it links (~0.1 ms a
// page in all).
// Thread-safe: all methods are const and share only immutable tables.
#pragma once

#include <cstddef>
#include <string>

namespace beautyidx::bench {

class SyntheticSite {
 public:
  explicit SyntheticSite(size_t articles) : articles_(articles) {}

  size_t articles() const { return articles_; }
  std::string article_path(size_t i) const;  // "/posts/000042/"
  // The HTML of article i. REQUIRES: i < articles().
  std::string article(size_t i) const;
  std::string home() const;  // links to the first 50 articles
  std::string sitemap(const std::string& origin) const;

 private:
  size_t articles_;
};

}  // namespace beautyidx::bench
