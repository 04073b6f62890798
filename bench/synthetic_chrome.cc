// One page's chrome: its plan, drawn from its kChrome dice, and everything after the <head>
// (header, trending bar, featured image, share buttons, figures and ad slots in the body, the
// comment form, shop carousel, "More from" cards, sidebar widgets, footer and scripts), laid
// out around the article's own parts.
#include "bench/synthetic_chrome.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bench/synthetic_chrome_internal.h"

namespace beautyidx::bench::synthetic {
namespace {

constexpr std::array<SiteSection, 4> kSections = {{
    {"Skincare", "skincare", "/skincare/"},
    {"Tools &amp; Devices", "tools", "/tools/"},
    {"Hair", "hair", "/hair/"},
    {"Makeup", "makeup", "https://www.synthetic-glow.example/makeup/"},
}};

const SiteSection& section_of(const Topic& topic) {
  const Technique& tech = topic.tech();
  if (tech.domain == kHair) return kSections[2];
  if (tech.domain == kMakeup) return kSections[3];
  return tech.topical ? kSections[0] : kSections[1];
}

ChromePlan plan_chrome(size_t i, const ChromeParts& parts) {
  Dice dice(i, Stream::kChrome);
  ChromePlan plan;
  const double weight = dice.unit();
  const double heavy = std::pow(weight, 2.8);  // most pages light, a few very heavy
  // Script data grows with the page but not in step: real pages heavy in script are often
  // light in markup.
  const double data = std::pow(0.5 * weight + 0.5 * dice.unit(), 3.0);
  plan.svg_icons = dice.percent(40);
  // Inline CSS: none on a quarter of real pages, a little on most, a tenth of the page or more
  // on a quarter.
  size_t style = dice.roll(100);
  size_t css_target = style < 25   ? 0
                      : style < 70 ? dice.between(600, 2600)
                                   : dice.between(12000, parts.stylesheet.size());
  if (css_target > 0)
    plan.critical_css =
        std::min(parts.stylesheet.find('\n', css_target) + 1, parts.stylesheet.size());
  plan.hero_widths = dice.between(4, kImageSizes.size());
  plan.body_figures = dice.roll(2) + static_cast<size_t>(weight * 5);
  plan.figure_images = 1 + static_cast<size_t>(heavy * 10);
  plan.inline_ads = std::min(kMaxInlineAds, 1 + dice.roll(2) + (weight > 0.6 ? 1 : 0));
  plan.popular = 5 + dice.roll(3) + static_cast<size_t>(weight * 4);
  // At most a dozen cards: the extractor takes a furniture element holding over a third of a
  // page's text for a wrapper of the content, and a grid of linked card headings that large
  // turns a short article into a listing.
  plan.stories = dice.roll(3) + static_cast<size_t>(heavy * 10);
  if (dice.percent(75)) {  // the shoppable widget: on articles that sell, not on every one
    plan.shop_items = 3 + dice.roll(4) + static_cast<size_t>(data * 400);
    plan.shop_cards = std::min(plan.shop_items, 4 + static_cast<size_t>(weight * 24));
  }
  plan.footer_scripts =
      std::min(kFooterScripts.size(), 7 + dice.roll(3) + static_cast<size_t>(weight * 3));
  plan.share_bottom = dice.percent(50);
  plan.vitals = dice.percent(55);
  plan.video = dice.percent(20 + static_cast<unsigned>(data * 60));
  plan.nonce = dice.next();
  return plan;
}

// The description Yoast prints for a post that sets none: the opening paragraph, cut at a word
// before 156 characters.
std::string describe(string_view body) {
  std::string text;
  bool in_tag = false;
  for (char c : body.substr(0, body.find("</p>"))) {
    if (c == '<' || c == '>')
      in_tag = c == '<';
    else if (!in_tag)
      text += c;
  }
  if (text.size() > 155) {
    text.resize(std::min(text.rfind(' ', 152), text.size()));
    text += "\xE2\x80\xA6";
  }
  return text;
}

size_t count_words(string_view html) {
  size_t words = 0;
  bool in_tag = false, in_word = false;
  for (char c : html) {
    if (c == '<' || in_tag) {
      in_tag = c != '>';
      in_word = false;
    } else {
      if (c != ' ' && !in_word) ++words;
      in_word = c != ' ';
    }
  }
  return words;
}

// An ad slot the ad script fills; empty in the HTML, as real pages serve them.
void append_ad_slot(std::string& out, const AdSlotKind& kind, size_t number, bool lazy) {
  out += "<div class=\"ad-slot ";
  out += kind.id;
  out += "\" id=\"";
  out += kind.id;
  out += '-';
  append_number(out, number);
  out += "\" data-ad-unit=\"/21834507/synthetic_glow/";
  out += kind.unit;
  out += "\" data-slot-number=\"";
  append_number(out, number);
  out += "\" data-label=\"Advertisement\" data-lazy=\"";
  out += lazy ? "true" : "false";
  out += "\" aria-hidden=\"true\"></div>\n";
}

// How another article shows in a widget or card: its title, section, author, date and
// thumbnail.
struct PostCard {
  std::string path, title, image;
  const SiteSection* section = nullptr;
  size_t author = 0;
  CivilDate published;
};

PostCard post_card(size_t k, size_t articles) {
  const Topic topic = topic_of(body_seed(k));
  PostCard card;
  append_article_path(card.path, k);
  append_title(card.title, topic, k);
  Dice page(k, Stream::kPage);
  card.published = publication_date(k, articles, page);
  card.author = author_of(page);
  append_upload_path(card.image, card.published, card.title);
  card.section = &section_of(topic);
  return card;
}

// The site's most read articles, the same on every page: the trending bar shows the first five
// and the sidebar as many as the page's plan says.
std::vector<PostCard> popular_posts(size_t count, size_t articles) {
  std::vector<PostCard> cards;
  for (size_t k = 0; k < count && articles > 0; ++k)
    cards.push_back(post_card(mix(k * 7919 + 11) % articles, articles));
  return cards;
}

// From <body> to the article's <h1>: header, trending bar, leaderboard, breadcrumb trail.
void append_page_top(std::string& out, const PageFacts& page, const ChromePlan& plan,
                     const ChromeParts& parts, const std::vector<PostCard>& popular) {
  out += "<body class=\"post-template-default single single-post postid-";
  append_number(out, 1000 + page.index);
  out += " single-format-standard wp-embed-responsive glow-theme has-sidebar category-";
  out += page.section->slug;
  out += "\">\n";
  if (plan.svg_icons) out += parts.sprite;
  out +=
      "<a class=\"skip-link screen-reader-text\" href=\"#content\">Skip to content</a>\n"
      "<div id=\"page\" class=\"site\">\n";
  out += parts.header[plan.svg_icons];
  out +=
      "<nav class=\"trending-bar\" aria-label=\"Trending\"><span "
      "class=\"trending-bar__label\">Trending</span><ul>\n";
  for (size_t k = 0; k < std::min<size_t>(popular.size(), 5); ++k) {
    out += "\t\t\t\t<li><a href=\"";
    out += popular[k].path;
    out += "\">";
    out += popular[k].title;
    out += "</a></li>\n";
  }
  out += "</ul></nav>\n";
  append_ad_slot(out, kAdSlotKinds[0], 1, false);
  out +=
      "<div id=\"content\" class=\"site-content\">\n<nav class=\"breadcrumbs\" "
      "aria-label=\"Breadcrumb\"><ol><li><a href=\"/\">Home</a></li><li><a href=\"";
  out += page.section->href;
  out += "\">";
  out += page.section->name;
  out += "</a></li><li><span aria-current=\"page\">";
  out += page.title;
  out +=
      "</span></li></ol></nav>\n<div id=\"primary\" class=\"content-area\">\n<main id=\"main\" "
      "class=\"site-main\">\n<article id=\"post-";
  append_number(out, 1000 + page.index);
  out += "\" class=\"post post-";
  append_number(out, 1000 + page.index);
  out += " type-post status-publish format-standard has-post-thumbnail hentry category-";
  out += page.section->slug;
  out += "\">";
}

void append_featured_image(std::string& out, const PageFacts& page, const ChromePlan& plan) {
  out += "<figure class=\"post-thumbnail\">";
  append_image(out, page.hero, plan.hero_widths, "(max-width: 1200px) 100vw, 1200px",
               "class=\"attachment-post-thumbnail size-post-thumbnail wp-post-image\" "
               "fetchpriority=\"high\"",
               page.title);
  out += "</figure>\n";
}

void append_share_buttons(std::string& out, const PageFacts& page, bool svg, string_view where) {
  std::string url, encoded_url, encoded_title, encoded_image;
  append_page_url(url, page);
  append_query_value(encoded_url, url);
  append_query_value(encoded_title, page.title);
  std::string image;
  append_image_url(image, page.hero, kImageSizes[0]);
  append_query_value(encoded_image, image);
  out += "<div class=\"share-buttons share-buttons--";
  out += where;
  out += "\" role=\"group\" aria-label=\"Share this article\">";
  auto link = [&](string_view network, string_view icon, string_view label, string_view href) {
    out += "<a class=\"share-";
    out += network;
    out += "\" href=\"";
    out += href;
    out += "\" target=\"_blank\" rel=\"nofollow noopener\">";
    append_icon(out, icon, svg);
    out += "<span>";
    out += label;
    out += "</span></a>";
  };
  link("facebook", "icon-facebook", "Share",
       "https://www.facebook.com/sharer/sharer.php?u=" + encoded_url);
  link("x", "icon-x", "Post",
       "https://x.com/intent/post?url=" + encoded_url + "&amp;text=" + encoded_title +
           "&amp;via=syntheticglow");
  link("pinterest", "icon-pinterest", "Pin",
       "https://www.pinterest.com/pin/create/button/?url=" + encoded_url +
           "&amp;media=" + encoded_image + "&amp;description=" + encoded_title);
  link("flipboard", "icon-flipboard", "Flip",
       "https://share.flipboard.com/bookmarklet/popout?v=2&amp;url=" + encoded_url +
           "&amp;title=" + encoded_title);
  link("email", "icon-mail", "Email",
       "mailto:?subject=" + encoded_title + "&amp;body=" + encoded_url);
  out += "<button type=\"button\" class=\"share-copy\" data-url=\"";
  out += url;
  out += "\">";
  append_icon(out, "icon-link", svg);
  out += "<span>Copy link</span></button></div>\n";
}

// The article body with the block editor's figures (single images or galleries, uncaptioned)
// and the ad plugin's slots placed before some of its headings, never inside a paragraph.
void append_body_with_inserts(std::string& out, string_view body, const PageFacts& page,
                              const ChromePlan& plan) {
  size_t figures = 0, images = 0, ads = 0, headings = 0, copied = 0;
  for (size_t at = body.find("<h"); at != string_view::npos; at = body.find("<h", at + 1)) {
    if (at + 2 >= body.size() || (body[at + 2] != '2' && body[at + 2] != '3')) continue;
    if (headings++ == 0) continue;  // the lede leads into the first heading
    bool image_turn = headings % 2 == 0;
    if (image_turn ? figures == plan.body_figures : ads == plan.inline_ads) continue;
    out.append(body, copied, at - copied);
    copied = at;
    if (image_turn) {
      ++figures;
      const bool gallery = plan.figure_images > 1;
      if (gallery) {
        out += "<figure class=\"wp-block-gallery has-nested-images columns-3 is-cropped\">\n";
      }
      for (size_t k = 0; k < plan.figure_images; ++k) {
        std::string upload(page.hero), image_class("loading=\"lazy\" class=\"wp-image-");
        upload += '-';
        append_number(upload, ++images + 1);
        append_number(image_class, 40000 + 97 * page.index + images);
        image_class += '"';
        out += "<figure class=\"wp-block-image size-large\">";
        append_image(out, upload, 6, "(max-width: 1024px) 100vw, 1024px", image_class, "");
        out += "</figure>\n";
      }
      if (gallery) out += "</figure>\n";
    } else {
      append_ad_slot(out, kAdSlotKinds[1], ++ads, true);
    }
  }
  out.append(body, copied);
}

void append_comment_form(std::string& out, const PageFacts& page, const ChromePlan& plan,
                         const ChromeParts& parts) {
  out +=
      "<div id=\"respond\" class=\"comment-respond\"><h3 id=\"reply-title\" "
      "class=\"comment-reply-title\">Leave a Reply <small><a rel=\"nofollow\" "
      "id=\"cancel-comment-reply-link\" href=\"#respond\" style=\"display:none;\">Cancel "
      "reply</a></small></h3><form action=\"https://www.synthetic-glow.example/"
      "wp-comments-post.php\" method=\"post\" id=\"commentform\" class=\"comment-form\" "
      "novalidate>";
  out += parts.comment_form_fields;
  out += "<input type=\"hidden\" name=\"comment_post_ID\" value=\"";
  append_number(out, 1000 + page.index);
  out +=
      "\" id=\"comment_post_ID\"><input type=\"hidden\" name=\"comment_parent\" "
      "id=\"comment_parent\" value=\"0\"></p><input type=\"hidden\" id=\"glow_comment_nonce\" "
      "name=\"glow_comment_nonce\" value=\"";
  append_hex(out, plan.nonce, 10);
  out += "\"></form></div>";
}

void append_more_stories(std::string& out, const PageFacts& page, const ChromePlan& plan,
                         size_t articles) {
  if (plan.stories == 0 || articles < 2) return;
  out +=
      "<section class=\"more-stories\" aria-labelledby=\"more-stories-title\"><h2 "
      "id=\"more-stories-title\" class=\"more-stories__title\">More from Synthetic Glow</h2><ul "
      "class=\"more-stories__grid\">\n";
  for (size_t k = 1; k <= plan.stories && k < articles; ++k) {
    PostCard card = post_card((page.index + articles - k) % articles, articles);
    out += "\t\t\t\t\t<li class=\"story-card\"><a class=\"story-card__image\" href=\"";
    out += card.path;
    out += "\" tabindex=\"-1\">";
    append_thumbnail(out, card.image, "glow-card", "(max-width: 1024px) 50vw, 300px");
    out += "</a><span class=\"story-card__category\">";
    out += card.section->name;
    out += "</span><h3 class=\"story-card__title\"><a href=\"";
    out += card.path;
    out += "\">";
    out += card.title;
    out += "</a></h3><p class=\"story-card__meta\"><span class=\"story-card__writer\">";
    append_author(out, card.author);
    out += "</span> \xC2\xB7 <span class=\"story-card__date\">";
    append_long_date(out, card.published);
    out += "</span></p></li>\n";
  }
  out += "</ul></section>\n";
}

void append_popular_widget(std::string& out, const std::vector<PostCard>& popular) {
  out +=
      "<section id=\"glow-popular-3\" class=\"widget widget_glow_popular\"><h2 "
      "class=\"widget-title\">Popular Right Now</h2><ol class=\"popular-list\">\n";
  for (const PostCard& card : popular) {
    out += "\t\t\t\t\t<li><a class=\"popular-thumb\" href=\"";
    out += card.path;
    out += "\" tabindex=\"-1\" aria-hidden=\"true\">";
    append_thumbnail(out, card.image, "thumbnail", "96px");
    out += "</a><a class=\"popular-title\" href=\"";
    out += card.path;
    out += "\">";
    out += card.title;
    out += "</a></li>\n";
  }
  out += "</ol></section>\n";
}

void append_about_widget(std::string& out) {
  out +=
      "<section id=\"glow-about-2\" class=\"widget widget_glow_about\"><h2 "
      "class=\"widget-title\">About Us</h2><img width=\"300\" height=\"200\" "
      "src=\"https://cdn.synthetic-glow.example/wp-content/uploads/2023/02/glow-team-300x200.jpg\" "
      "alt=\"\" loading=\"lazy\" decoding=\"async\"><p>";
  out += kAboutWidgetText;
  out += "</p><a class=\"widget-more\" href=\"/about/\">Meet the team</a></section>\n";
}

// The shop's slug of each catalog product, by index: "mount-lai-rose-quartz-facial-roller".
const std::vector<std::string>& product_slugs() {
  static const std::vector<std::string> slugs = [] {
    std::vector<std::string> all;
    for (const CatalogProduct& product : catalog_products()) {
      std::string slug;
      append_text_slug(slug, kBrands[product.brand].name);
      slug += '-';
      append_text_slug(slug, product.name);
      all.push_back(std::move(slug));
    }
    return all;
  }();
  return slugs;
}

// The shoppable widget's k-th product on a page: a catalog entry picked by a hash of the page,
// so the article's own dice are untouched.
struct ShopItem {
  const CatalogProduct* product;
  size_t index;        // in the catalog
  std::uint64_t hash;  // for the retailer, rating and stock
  string_view slug;
};

ShopItem shop_item(size_t page, size_t k) {
  const std::vector<CatalogProduct>& products = catalog_products();
  ShopItem item;
  item.hash = mix(page * 131 + k);
  item.index = item.hash % products.size();
  item.product = &products[item.index];
  item.slug = product_slugs()[item.index];
  return item;
}

// "Shop our picks": the first products of the shoppable widget, with prices, as an affiliate
// carousel under the article.
void append_shop_carousel(std::string& out, const PageFacts& page, size_t cards) {
  out +=
      "<section class=\"shop-carousel promo-products\" aria-label=\"Shop our picks\"><h2 "
      "class=\"shop-carousel__title\">Shop Our Picks</h2><ul class=\"shop-carousel__track\">\n";
  for (size_t k = 0; k < cards; ++k) {
    const ShopItem item = shop_item(page.index, k);
    out +=
        "\t\t\t\t\t<li class=\"product-card\"><a class=\"product-card__link\" "
        "href=\"https://shop.synthetic-glow.example/p/";
    out += item.slug;
    out +=
        "?utm_source=site&amp;utm_medium=carousel\" target=\"_blank\" rel=\"sponsored "
        "noopener\"><img width=\"400\" height=\"400\" src=\"https://cdn.synthetic-glow."
        "example/products/";
    out += item.slug;
    out += "-400x400.jpg\" srcset=\"";
    for (unsigned side : {200, 400, 800}) {
      if (side != 200) out += ", ";
      out += "https://cdn.synthetic-glow.example/products/";
      out += item.slug;
      out += '-';
      append_number(out, side);
      out += 'x';
      append_number(out, side);
      out += ".jpg ";
      append_number(out, side);
      out += 'w';
    }
    out +=
        "\" sizes=\"(max-width: 782px) 45vw, 200px\" alt=\"\" loading=\"lazy\" "
        "decoding=\"async\"><span class=\"product-card__brand\">";
    out += kBrands[item.product->brand].name;
    out += "</span><span class=\"product-card__name\">";
    out += item.product->name;
    out += "</span><span class=\"product-card__price\">";
    append_price(out, item.product->cents);
    out += "</span></a></li>\n";
  }
  out += "</ul></section>\n";
}

// The shoppable widget's data, as its script reads it.
void append_shop_data(std::string& out, const PageFacts& page, size_t items) {
  out +=
      "<script id=\"glow-shoppable-data\" type=\"application/json\">{\"widget\":"
      "\"shop-our-picks\",\"postId\":";
  append_number(out, 1000 + page.index);
  out += ",\"currency\":\"USD\",\"items\":[";
  for (size_t k = 0; k < items; ++k) {
    const ShopItem item = shop_item(page.index, k);
    const CatalogProduct& product = *item.product;
    if (k > 0) out += ',';
    out += "{\"id\":\"sg-";
    append_number(out, item.index);
    out += "\",\"brand\":\"";
    append_json_text(out, kBrands[product.brand].name);
    out += "\",\"name\":\"";
    append_json_text(out, product.name);
    out += "\",\"price\":\"";
    append_number(out, product.cents / 100);
    out += '.';
    append_padded(out, product.cents % 100, 2);
    out += "\",\"retailer\":\"";
    out += kRetailers[(item.hash >> 20) % kRetailers.size()].name;
    out += "\",\"url\":\"https://shop.synthetic-glow.example/p/";
    out += item.slug;
    out +=
        "?utm_source=site&utm_medium=shoppable\",\"image\":\"https://cdn.synthetic-glow."
        "example/products/";
    out += item.slug;
    out += "-400x400.jpg\",\"rating\":";
    append_number(out, 3 + (item.hash >> 30) % 2);
    out += '.';
    append_number(out, (item.hash >> 32) % 10);
    out += ",\"reviews\":";
    append_number(out, (item.hash >> 40) % 900 + 4);
    out += ",\"inStock\":";
    out += (item.hash >> 50) % 10 != 0 ? "true" : "false";
    out += '}';
  }
  out += "]}</script>\n";
}

// After the footer: the anchor ad, the theme's settings and data, then external and inline
// scripts, as WordPress prints what is enqueued for the footer.
void append_page_end(std::string& out, const PageFacts& page, const ChromePlan& plan,
                     const ChromeParts& parts) {
  append_ad_slot(out, kAdSlotKinds[3], 1, false);
  out += "<script type=\"speculationrules\">";
  out += kSpeculationRules;
  out += "</script>\n<script id=\"glow-theme-js-extra\">var glowTheme={\"postId\":";
  append_number(out, 1000 + page.index);
  out += ",\"nonce\":\"";
  append_hex(out, plan.nonce, 10);
  out += "\",\"isSingle\":true,";
  out += kThemeSettingsJson;
  out += ";</script>\n";
  if (plan.shop_items > 0) append_shop_data(out, page, plan.shop_items);
  if (plan.video) out += parts.video_config;
  for (size_t s = 0; s < plan.footer_scripts; ++s) {
    out += kFooterScripts[s];
    out += '\n';
  }
  out += "<script id=\"glow-lazyload\">";
  out += kLazyLoadJs;
  out += "</script>\n<script id=\"glow-interface\">";
  out += kInterfaceJs;
  out += "</script>\n<script id=\"glow-analytics\">";
  out += kAnalyticsJs;
  out += "</script>\n";
  if (plan.vitals) {
    out += "<script id=\"glow-vitals\">";
    out += kVitalsJs;
    out += "</script>\n";
  }
  out += "</body></html>";
}

}  // namespace

std::string render_page(const ArticlePage& article) {
  const ChromeParts& parts = chrome_parts();
  const ChromePlan plan = plan_chrome(article.index, parts);
  const std::string description = describe(article.body);
  std::string hero;
  append_upload_path(hero, article.published, article.title);
  const PageFacts facts{article, &section_of(*article.topic), hero, description,
                        count_words(article.body)};

  std::string html;
  html.reserve(196608);
  append_head(html, facts, plan, parts);
  const std::vector<PostCard> popular = popular_posts(plan.popular, article.articles);
  append_page_top(html, facts, plan, parts, popular);
  html += article.heading;
  append_featured_image(html, facts, plan);
  append_share_buttons(html, facts, plan.svg_icons, "top");
  html += "<div class=\"entry-content\">";
  append_body_with_inserts(html, article.body, facts, plan);
  html += "</div>";
  if (plan.share_bottom) append_share_buttons(html, facts, plan.svg_icons, "bottom");
  html += article.furniture;
  // WordPress closes comments on older posts: the newest ~40% still take them.
  if (article.index * 5 >= article.articles * 3) append_comment_form(html, facts, plan, parts);
  html += "</section></article>\n";
  if (plan.shop_cards > 0) append_shop_carousel(html, facts, plan.shop_cards);
  append_more_stories(html, facts, plan, article.articles);
  html +=
      "</main></div>\n<aside id=\"secondary\" class=\"sidebar widget-area\" "
      "role=\"complementary\">\n";
  append_about_widget(html);
  append_popular_widget(html, popular);
  append_ad_slot(html, kAdSlotKinds[2], 1, true);
  html += article.picks;
  html += parts.categories_widget;
  html +=
      "<section id=\"glow-newsletter-2\" class=\"widget newsletter\"><p>Subscribe to our "
      "newsletter for weekly picks.</p>";
  html += parts.newsletter_form;
  html += "</section>\n";
  html += "</aside>\n</div>\n";
  html += parts.footer[plan.svg_icons];
  append_page_end(html, facts, plan, parts);
  return html;
}

}  // namespace beautyidx::bench::synthetic
