// The chrome every page shares, rendered once: head links, the stylesheet, the consent
// manager's configuration, the icon sprite, header and footer (with and without inline SVG),
// widgets, the comment form, the site's JSON-LD nodes, and video and ad-slot configuration.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "bench/synthetic_chrome_internal.h"

namespace beautyidx::bench::synthetic {
namespace {

constexpr string_view kMenuItemTypes[] = {"menu-item-type-taxonomy menu-item-object-category",
                                          "menu-item-type-post_type menu-item-object-page",
                                          "menu-item-type-custom menu-item-object-custom"};

// A WordPress nav menu's items as wp_nav_menu prints them: nested <li>s with drop-downs.
// REQUIRES: no item is shallower than the first.
void append_menu_items(std::string& out, const MenuItem* items, size_t count, unsigned first_id) {
  for (size_t k = 0; k < count; ++k) {
    const MenuItem& item = items[k];
    bool parent = k + 1 < count && items[k + 1].depth > item.depth;
    unsigned id = first_id + 37 * static_cast<unsigned>(k);
    out += "<li id=\"menu-item-";
    append_number(out, id);
    out += "\" class=\"menu-item ";
    out += kMenuItemTypes[static_cast<size_t>(item.kind)];
    if (parent) out += " menu-item-has-children";
    out += " menu-item-";
    append_number(out, id);
    out += "\"><a href=\"";
    out += item.href;
    out += "\">";
    out += item.label;
    out += "</a>";
    if (parent) {
      out +=
          "<button class=\"sub-menu-toggle\" aria-expanded=\"false\"><span "
          "class=\"sub-menu-arrow\" aria-hidden=\"true\"></span><span "
          "class=\"screen-reader-text\">Expand child menu</span></button>\n<ul "
          "class=\"sub-menu\">\n";
      continue;
    }
    out += "</li>\n";
    size_t next_depth = k + 1 < count ? items[k + 1].depth : items[0].depth;
    for (size_t d = item.depth; d > next_depth; --d) out += "</ul>\n</li>\n";
  }
}

void append_social_links(std::string& out, bool svg) {
  for (const SocialAccount& account : kSocialAccounts) {
    out += "<a class=\"social-link\" href=\"";
    out += account.url;
    out += "\" target=\"_blank\" rel=\"noopener\">";
    append_icon(out, account.icon, svg);
    out += "<span class=\"screen-reader-text\">";
    out += account.name;
    out += "</span></a>";
  }
}

// The theme's logo mark: a twelve-petal flower, one path, traced once.
void append_logo_mark(std::string& out) {
  out +=
      "<svg class=\"logo-mark\" width=\"40\" height=\"40\" viewBox=\"0 0 100 100\" "
      "aria-hidden=\"true\" focusable=\"false\"><path fill=\"#c9677f\" d=\"";
  constexpr int kPetals = 12, kSteps = 4;
  char buffer[32];
  for (int k = 0; k <= kPetals * kSteps; ++k) {
    double angle = 2 * 3.14159265358979 * k / (kPetals * kSteps);
    double radius = 30 + 16 * std::abs(std::sin(kPetals / 2.0 * angle));
    int n = std::snprintf(buffer, sizeof buffer, "%c%.2f %.2f", k == 0 ? 'M' : 'L',
                          50 + radius * std::cos(angle), 50 + radius * std::sin(angle));
    out.append(buffer, static_cast<size_t>(n));
  }
  out += "Z\"/><circle cx=\"50\" cy=\"50\" r=\"14\" fill=\"#fbe9ed\"/></svg>";
}

// The block editor's presets as classes (global styles), generated the way WordPress prints
// them, after the theme's rules; one rule a line, so any line end is a place to cut.
std::string build_stylesheet() {
  std::string css(kThemeCss);
  css += ":root{";
  for (const PaletteColor& c : kPalette) {
    css += "--wp--preset--color--";
    css += c.slug;
    css += ':';
    css += c.hex;
    css += ';';
  }
  for (size_t f = 0; f < kFontSizes.size(); ++f) {
    css += "--wp--preset--font-size--";
    css += kFontSizes[f];
    css += ':';
    append_number(css, 11 + 3 * f);
    css += "px;";
  }
  css += "}\n";
  for (string_view what : {"color", "background-color", "border-color"}) {
    for (const PaletteColor& c : kPalette) {
      css += ".has-";
      css += c.slug;
      css += '-';
      css += what;
      css += '{';
      css += what;
      css += ":var(--wp--preset--color--";
      css += c.slug;
      css += ")!important}\n";
    }
  }
  for (size_t a = 0; a + 1 < kPalette.size(); a += 2) {
    for (size_t b : {a + 1, (a + 5) % kPalette.size()}) {
      css += ".has-";
      css += kPalette[a].slug;
      css += "-to-";
      css += kPalette[b].slug;
      css += "-gradient-background{background:linear-gradient(135deg,var(--wp--preset--color--";
      css += kPalette[a].slug;
      css += ") 0%,var(--wp--preset--color--";
      css += kPalette[b].slug;
      css += ") 100%)!important}\n";
    }
  }
  for (string_view size : kFontSizes) {
    css += ".has-";
    css += size;
    css += "-font-size{font-size:var(--wp--preset--font-size--";
    css += size;
    css += ")!important}\n";
  }
  static constexpr std::array<std::array<string_view, 2>, 6> kSides = {{{"", ""},
                                                                        {"t", "-top"},
                                                                        {"r", "-right"},
                                                                        {"b", "-bottom"},
                                                                        {"l", "-left"},
                                                                        {"y", "-block"}}};
  for (string_view property : {"margin", "padding"}) {
    for (const auto& side : kSides) {
      for (size_t step = 0; step < kSpacingSteps.size(); ++step) {
        css += ".glow-";
        css += property[0];
        css += side[0];
        css += '-';
        append_number(css, step);
        css += '{';
        css += property;
        css += side[1];
        css += ':';
        css += kSpacingSteps[step];
        css += "!important}\n";
      }
    }
  }
  for (string_view breakpoint : {"544", "782", "1024"}) {
    css += "@media (min-width:";
    css += breakpoint;
    css += "px){";
    for (unsigned columns = 1; columns <= 12; ++columns) {
      css += ".glow-cols-";
      append_number(css, columns);
      css += "\\@";
      css += breakpoint;
      css += "{grid-template-columns:repeat(";
      append_number(css, columns);
      css += ",minmax(0,1fr))}";
    }
    css += "}\n";
  }
  return css;
}

// The consent manager's configuration: purposes and a vendor list, as CMP stubs inline them.
std::string build_consent_scripts() {
  std::string js = "<script id=\"glow-consent-defaults\">";
  js += kConsentDefaultsJs;
  js +=
      "</script>\n<script id=\"glow-cmp-config\">window.glowCmp={\"version\":4,"
      "\"policyVersion\":5,\"language\":\"en\",\"purposes\":[";
  for (size_t p = 0; p < kConsentPurposes.size(); ++p) {
    if (p > 0) js += ',';
    js += "{\"id\":";
    append_number(js, p + 1);
    js += ",\"name\":\"";
    js += kConsentPurposes[p].name;
    js += "\",\"description\":\"";
    js += kConsentPurposes[p].description;
    js += "\"}";
  }
  js +=
      "],\"specialFeatures\":[{\"id\":1,\"name\":\"Use precise location\"},{\"id\":2,"
      "\"name\":\"Scan device characteristics\"}],\"vendors\":[";
  for (size_t v = 0; v < kAdVendors.size(); ++v) {
    std::uint64_t hash = mix(v + 4242);
    if (v > 0) js += ',';
    js += "{\"id\":";
    append_number(js, 3 + v * 17 + hash % 13);
    js += ",\"name\":\"";
    js += kAdVendors[v];
    js += "\",\"purposes\":[1";
    for (unsigned p = 2; p <= 10; ++p) {
      if (hash >> p & 1) {
        js += ',';
        append_number(js, p);
      }
    }
    js += "],\"legIntPurposes\":[";
    bool first = true;
    for (unsigned p = 7; p <= 10; ++p) {
      if ((hash >> p & 1) == 0 && (hash >> (p + 12) & 1)) {
        if (!first) js += ',';
        append_number(js, p);
        first = false;
      }
    }
    js += "],\"specialFeatures\":[";
    if (hash >> 30 & 1) js += hash >> 31 & 1 ? "1,2" : "2";
    js += "],\"cookieMaxAgeSeconds\":";
    append_number(js, (hash >> 33 & 1) != 0 ? 31536000 : 7776000);
    js += ",\"usesNonCookieAccess\":";
    js += (hash >> 34 & 1) != 0 ? "true" : "false";
    js += ",\"policyUrl\":\"https://";
    append_text_slug(js, kAdVendors[v]);
    js += ".example/privacy\"}";
  }
  js += "]};</script>\n";
  return js;
}

// Lays markup out as theme templates leave it: block elements on lines of their own, each
// indented a tab for every element open around it. Real pages carry a few percent of such
// whitespace.
void indent_lines(std::string& html, size_t depth) {
  static constexpr std::array<string_view, 7> kVoid = {"img", "input", "meta",  "link",
                                                       "br",  "hr",    "source"};
  static constexpr std::array<string_view, 10> kBlocks = {"li",  "ul", "ol",   "div", "section",
                                                          "nav", "p",  "form", "h2",  "footer"};
  auto is_one_of = [](string_view rest, const auto& names) {
    return std::any_of(names.begin(), names.end(), [&](string_view name) {
      return rest.size() > name.size() && rest.starts_with(name) &&
             (rest[name.size()] == ' ' || rest[name.size()] == '>');
    });
  };
  std::string out;
  out.reserve(html.size() * 3 / 2);
  for (size_t k = 0; k < html.size(); ++k) {
    if (html[k] == '<' && k + 1 < html.size()) {
      string_view rest = string_view(html).substr(k + 1);
      if (is_one_of(rest, kBlocks) && !out.empty() && out.back() != '\t' && out.back() != '\n') {
        out += '\n';
        out.append(std::min<size_t>(depth, 10), '\t');
      }
      if (rest[0] == '/')
        depth -= depth > 0 ? 1 : 0;
      else if (rest[0] >= 'a' && rest[0] <= 'z' && !is_one_of(rest, kVoid))
        ++depth;
    }
    out += html[k];
    if (html[k] == '\n') out.append(std::min<size_t>(depth, 10), '\t');
  }
  html = std::move(out);
}

ChromeParts build_chrome() {
  ChromeParts parts;
  std::string& links = parts.head_links;
  links +=
      "<link rel=\"preconnect\" href=\"https://cdn.synthetic-glow.example\" crossorigin>\n"
      "<link rel=\"preconnect\" href=\"https://fonts.glow-type.example\" crossorigin>\n"
      "<link rel=\"dns-prefetch\" href=\"//tags.metrics-hub.example\">\n"
      "<link rel=\"dns-prefetch\" href=\"//ads.cobalt-exchange.example\">\n"
      "<link rel=\"dns-prefetch\" href=\"//securepubads.adserver.example\">\n"
      "<link rel=\"preload\" href=\"https://cdn.synthetic-glow.example/wp-content/themes/glow/"
      "assets/fonts/glow-sans-var.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>\n"
      "<link rel=\"preload\" href=\"https://cdn.synthetic-glow.example/wp-content/themes/glow/"
      "assets/fonts/source-serif-glow-regular.woff2\" as=\"font\" type=\"font/woff2\" "
      "crossorigin>\n"
      "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Synthetic Glow &raquo; "
      "Feed\" href=\"https://www.synthetic-glow.example/feed/\">\n"
      "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Synthetic Glow &raquo; "
      "Comments Feed\" href=\"https://www.synthetic-glow.example/comments/feed/\">\n"
      "<link rel=\"stylesheet\" id=\"wp-block-library-css\" href=\"https://cdn.synthetic-glow."
      "example/wp-includes/css/dist/block-library/style.min.css?ver=6.5.3\" media=\"all\">\n"
      "<link rel=\"stylesheet\" id=\"glow-fonts-css\" href=\"https://fonts.glow-type.example/"
      "css2?family=Glow+Sans:wght@400;600;700;800&amp;family=Source+Serif+Glow:ital@0;1&amp;"
      "display=swap\" media=\"all\">\n"
      "<link rel=\"stylesheet\" id=\"glow-style-css\" href=\"https://cdn.synthetic-glow.example/"
      "wp-content/themes/glow/style.min.css?ver=4.2.1\" media=\"all\">\n"
      "<link rel=\"stylesheet\" id=\"glow-shoppable-css\" href=\"https://cdn.synthetic-glow."
      "example/wp-content/plugins/glow-shoppable/assets/shoppable.min.css?ver=2.8.0\" "
      "media=\"all\">\n"
      "<link rel=\"stylesheet\" id=\"glow-print-css\" href=\"https://cdn.synthetic-glow.example/"
      "wp-content/themes/glow/print.min.css?ver=4.2.1\" media=\"print\">\n"
      "<link rel=\"https://api.w.org/\" href=\"https://www.synthetic-glow.example/wp-json/\">\n"
      "<link rel=\"icon\" href=\"https://cdn.synthetic-glow.example/wp-content/uploads/2023/02/"
      "cropped-glow-icon-32x32.png\" sizes=\"32x32\">\n"
      "<link rel=\"icon\" href=\"https://cdn.synthetic-glow.example/wp-content/uploads/2023/02/"
      "cropped-glow-icon-192x192.png\" sizes=\"192x192\">\n"
      "<link rel=\"apple-touch-icon\" href=\"https://cdn.synthetic-glow.example/wp-content/"
      "uploads/2023/02/cropped-glow-icon-180x180.png\">\n"
      "<meta name=\"msapplication-TileImage\" content=\"https://cdn.synthetic-glow.example/"
      "wp-content/uploads/2023/02/cropped-glow-icon-270x270.png\">\n"
      "<meta name=\"theme-color\" content=\"#c9677f\">\n";

  parts.stylesheet = build_stylesheet();
  parts.consent_scripts = build_consent_scripts();

  parts.sprite =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" style=\"display:none\" aria-hidden=\"true\">"
      "<defs>";
  for (const Icon& icon : kIcons) {
    parts.sprite += "<symbol id=\"";
    parts.sprite += icon.id;
    parts.sprite += "\" viewBox=\"0 0 24 24\">";
    parts.sprite += icon.shapes;
    parts.sprite += "</symbol>";
  }
  parts.sprite += "</defs></svg>\n";

  for (int svg = 0; svg < 2; ++svg) {
    std::string& out = parts.header[svg];
    out += "<div class=\"promo-bar\" role=\"region\" aria-label=\"Promotion\"><p>";
    out += kPromoText;
    out +=
        " <a href=\"https://shop.synthetic-glow.example/collections/tool-kits/"
        "?utm_source=site&amp;utm_medium=promo-bar\">Shop tool kits</a></p></div>\n"
        "<header id=\"masthead\" class=\"site-header\" role=\"banner\"><div "
        "class=\"header-inner\">\n<button class=\"menu-toggle\" aria-controls=\"primary-menu\" "
        "aria-expanded=\"false\">";
    append_icon(out, "icon-menu", svg != 0);
    out +=
        "<span class=\"screen-reader-text\">Menu</span></button>\n<div "
        "class=\"site-branding\">";
    if (svg != 0) append_logo_mark(out);
    out +=
        "<p class=\"site-title\"><a class=\"logo\" href=\"/\" rel=\"home\">Synthetic "
        "Glow</a></p><p class=\"site-description\">";
    out += kTagline;
    out +=
        "</p></div>\n<nav id=\"site-navigation\" class=\"main-nav main-navigation\" "
        "aria-label=\"Primary menu\"><ul id=\"primary-menu\" class=\"menu nav-menu\">\n";
    append_menu_items(out, kPrimaryMenu.data(), kPrimaryMenu.size(), 1203);
    out +=
        "</ul></nav>\n<div class=\"header-actions\"><form role=\"search\" method=\"get\" "
        "class=\"search-form\" action=\"https://www.synthetic-glow.example/\"><label><span "
        "class=\"screen-reader-text\">Search for:</span><input type=\"search\" "
        "class=\"search-field\" placeholder=\"Search Synthetic Glow\" value=\"\" "
        "name=\"s\"></label><button type=\"submit\" class=\"search-submit\">";
    append_icon(out, "icon-search", svg != 0);
    out +=
        "<span class=\"screen-reader-text\">Search</span></button></form>\n<a "
        "class=\"header-account\" href=\"https://shop.synthetic-glow.example/account/\" "
        "rel=\"nofollow\">";
    append_icon(out, "icon-user", svg != 0);
    out +=
        "<span class=\"screen-reader-text\">Account</span></a>\n<a class=\"header-cart\" "
        "href=\"https://shop.synthetic-glow.example/cart/\" rel=\"nofollow\">";
    append_icon(out, "icon-bag", svg != 0);
    out +=
        "<span class=\"cart-count\" data-cart-count=\"0\">0</span><span "
        "class=\"screen-reader-text\">Bag</span></a></div>\n</div></header>\n";
    indent_lines(out, 4);
  }

  std::string& categories = parts.categories_widget;
  categories +=
      "<section id=\"categories-4\" class=\"widget widget_categories\"><h2 "
      "class=\"widget-title\">Browse Topics</h2><ul>\n";
  for (size_t c = 0; c < kCategoryCounts.size(); ++c) {
    categories += "<li class=\"cat-item cat-item-";
    append_number(categories, 12 + 7 * c);
    categories += "\"><a href=\"https://www.synthetic-glow.example/";
    categories += kCategoryCounts[c].slug;
    categories += "/\">";
    categories += kCategoryCounts[c].label;
    categories += "</a> <span class=\"count\">(";
    append_number(categories, kCategoryCounts[c].posts);
    categories += ")</span></li>\n";
  }
  categories += "</ul></section>\n";
  indent_lines(categories, 6);

  parts.newsletter_form =
      "<form class=\"newsletter-form\" action=\"https://news.synthetic-glow.example/api/"
      "subscribe\" method=\"post\" novalidate><p class=\"newsletter-title\">";
  parts.newsletter_form += kNewsletterTitle;
  parts.newsletter_form += "</p><p class=\"newsletter-text\">";
  parts.newsletter_form += kNewsletterText;
  parts.newsletter_form +=
      "</p><label class=\"screen-reader-text\" for=\"newsletter-email\">Email address</label>"
      "<input id=\"newsletter-email\" type=\"email\" name=\"email\" placeholder=\"Your email "
      "address\" autocomplete=\"email\" required><input type=\"hidden\" name=\"list\" "
      "value=\"glow-weekly\"><input type=\"hidden\" name=\"source\" value=\"sidebar\"><input "
      "type=\"text\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\" class=\"hp-field\" "
      "aria-hidden=\"true\"><button type=\"submit\">Sign up</button><small>";
  parts.newsletter_form += kNewsletterFinePrint;
  parts.newsletter_form +=
      " <a href=\"https://www.synthetic-glow.example/privacy-policy/\">Privacy "
      "policy</a></small></form>";

  for (int svg = 0; svg < 2; ++svg) {
    std::string& out = parts.footer[svg];
    out +=
        "<footer id=\"colophon\" class=\"site-footer\" role=\"contentinfo\"><div "
        "class=\"footer-widgets\">\n<section class=\"widget footer-about\"><p "
        "class=\"footer-site-title\">Synthetic Glow</p><p>";
    out += kAboutWidgetText;
    out += "</p><div class=\"social-follow\">";
    append_social_links(out, svg != 0);
    out += "</div></section>\n";
    for (size_t k = 0; k < kFooterMenus.size();) {
      string_view heading = kFooterMenus[k].label;
      size_t end = k + 1;
      while (end < kFooterMenus.size() && kFooterMenus[end].depth > 0) ++end;
      std::string slug;
      append_text_slug(slug, heading);
      out += "<section class=\"widget widget_nav_menu\"><h2 class=\"widget-title\">";
      out += heading;
      out += "</h2><nav class=\"menu-footer-";
      out += slug;
      out += "-container\" aria-label=\"";
      out += heading;
      out += "\"><ul id=\"menu-footer-";
      out += slug;
      out += "\" class=\"menu\">\n";
      append_menu_items(out, kFooterMenus.data() + k + 1, end - k - 1,
                        4101 + 401 * static_cast<unsigned>(k));
      out += "</ul></nav></section>\n";
      k = end;
    }
    out += "</div>\n<div class=\"footer-legal\"><p>";
    out += kLegalText;
    out += "</p><p class=\"copyright\">";
    out += kCopyright;
    out +=
        " <a href=\"https://www.synthetic-glow.example/privacy-choices/\" "
        "class=\"cookie-settings-link\">Cookie Settings</a></p></div>\n<a class=\"back-to-top\" "
        "href=\"#page\">";
    append_icon(out, "icon-arrow-up", svg != 0);
    out +=
        "<span class=\"screen-reader-text\">Back to top</span></a></footer>\n</div>\n"
        "<div id=\"cookie-notice\" class=\"cookie-notice\" role=\"dialog\" "
        "aria-live=\"polite\" aria-label=\"Cookie consent\"><div class=\"cookie-notice__inner\">"
        "<p class=\"cookie-notice__text\">";
    out += kCookieText;
    out +=
        " <a href=\"https://www.synthetic-glow.example/cookie-policy/\">Read our cookie "
        "policy</a>.</p><div class=\"cookie-notice__actions\"><button type=\"button\" "
        "class=\"accept\" data-consent=\"all\">Accept all</button><button type=\"button\" "
        "class=\"reject\" data-consent=\"necessary\">Only necessary</button><button "
        "type=\"button\" class=\"manage\" data-consent=\"manage\" "
        "data-href=\"https://www.synthetic-glow.example/privacy-choices/\">Manage "
        "choices</button></div>";
    append_icon(out, "icon-close", svg != 0);
    out += "</div></div>\n";
    indent_lines(out, 2);
  }

  parts.comment_form_fields =
      "<p class=\"comment-notes\"><span id=\"email-notes\">Your email address stays private."
      "</span> Fields marked <span class=\"required\">*</span> are required.</p>"
      "<p class=\"comment-form-comment\"><label for=\"comment\">Comment <span "
      "class=\"required\">*</span></label><textarea id=\"comment\" name=\"comment\" cols=\"45\" "
      "rows=\"8\" maxlength=\"65525\" required></textarea></p>"
      "<p class=\"comment-form-name\"><label for=\"commenter-name\">Name <span "
      "class=\"required\">*</span></label><input id=\"commenter-name\" name=\"author\" "
      "type=\"text\" value=\"\" size=\"30\" maxlength=\"245\" autocomplete=\"name\" required></p>"
      "<p class=\"comment-form-email\"><label for=\"email\">Email <span "
      "class=\"required\">*</span></label><input id=\"email\" name=\"email\" type=\"email\" "
      "value=\"\" size=\"30\" maxlength=\"100\" aria-describedby=\"email-notes\" "
      "autocomplete=\"email\" required></p>"
      "<p class=\"comment-form-cookies-consent\"><input id=\"comment-cookies-consent\" "
      "name=\"comment-cookies-consent\" type=\"checkbox\" value=\"yes\"><label "
      "for=\"comment-cookies-consent\">Remember my name and email on this device for my next "
      "comment.</label></p>"
      "<p class=\"form-submit\"><input name=\"submit\" type=\"submit\" id=\"submit\" "
      "class=\"submit\" value=\"Post Comment\">";

  std::string& graph = parts.website_graph;
  graph +=
      "{\"@type\":\"WebSite\",\"@id\":\"https://www.synthetic-glow.example/#website\",\"url\":"
      "\"https://www.synthetic-glow.example/\",\"name\":\"Synthetic Glow\",\"description\":\"";
  graph += kTagline;
  graph +=
      "\",\"publisher\":{\"@id\":\"https://www.synthetic-glow.example/#organization\"},"
      "\"potentialAction\":[{\"@type\":\"SearchAction\",\"target\":{\"@type\":\"EntryPoint\","
      "\"urlTemplate\":\"https://www.synthetic-glow.example/?s={search_term_string}\"},"
      "\"query-input\":{\"@type\":\"PropertyValueSpecification\",\"valueRequired\":true,"
      "\"valueName\":\"search_term_string\"}}],\"inLanguage\":\"en-US\"},{\"@type\":"
      "\"Organization\",\"@id\":\"https://www.synthetic-glow.example/#organization\",\"name\":"
      "\"Synthetic Glow\",\"url\":\"https://www.synthetic-glow.example/\",\"logo\":{\"@type\":"
      "\"ImageObject\",\"inLanguage\":\"en-US\",\"@id\":\"https://www.synthetic-glow.example/#/"
      "schema/logo/image/\",\"url\":\"https://cdn.synthetic-glow.example/wp-content/uploads/"
      "2023/02/glow-logo-512.png\",\"contentUrl\":\"https://cdn.synthetic-glow.example/"
      "wp-content/uploads/2023/02/glow-logo-512.png\",\"width\":512,\"height\":512,\"caption\":"
      "\"Synthetic Glow\"},\"image\":{\"@id\":\"https://www.synthetic-glow.example/#/schema/logo/"
      "image/\"},\"sameAs\":[";
  for (size_t s = 0; s < kSocialAccounts.size(); ++s) {
    if (s > 0) graph += ',';
    graph += '"';
    graph += kSocialAccounts[s].url;
    graph += '"';
  }
  graph += "]}";

  std::string& video = parts.video_config;
  video +=
      "<script id=\"glow-video-config\">window.glowVideo={\"player\":\"glow-floating\","
      "\"autoplay\":\"muted\",\"float\":{\"position\":\"bottom-right\",\"closeAfter\":3},"
      "\"ads\":{\"preroll\":true,\"vmap\":\"https://ads.cobalt-exchange.example/vmap/"
      "sg-video.xml\"},\"playlist\":[";
  for (size_t t = 0; t < 5; ++t) {
    const Technique& tech = kTechniques[t * 2];
    std::string slug;
    append_text_slug(slug, tech.phrases[0]);
    if (t > 0) video += ',';
    video += "{\"id\":\"sgv-";
    append_number(video, 5101 + 97 * t);
    video += "\",\"title\":\"";
    video += tech.phrases[0];
    video += ", explained in three minutes\",\"duration\":";
    append_number(video, 140 + mix(t) % 120);
    video += ",\"poster\":\"https://cdn.synthetic-glow.example/video/posters/";
    video += slug;
    video += "-1280x720.jpg\",\"sources\":[{\"src\":\"https://cdn.synthetic-glow.example/video/";
    video += slug;
    video +=
        "/master.m3u8\",\"type\":\"application/x-mpegURL\"},{\"src\":\"https://"
        "cdn.synthetic-glow.example/video/";
    video += slug;
    video +=
        "/720p.mp4\",\"type\":\"video/mp4\"}],\"captions\":\"https://cdn.synthetic-glow."
        "example/video/";
    video += slug;
    video += "/en.vtt\"}";
  }
  video += "]};</script>\n";

  for (size_t kind = 0; kind < kAdSlotKinds.size(); ++kind) {
    const AdSlotKind& slot = kAdSlotKinds[kind];
    for (size_t n = 1; n <= parts.ad_slots[kind].size(); ++n) {
      std::string& out = parts.ad_slots[kind][n - 1];
      out += "{\"id\":\"";
      out += slot.id;
      out += '-';
      append_number(out, n);
      out += "\",\"path\":\"/21834507/synthetic_glow/";
      out += slot.unit;
      out += "\",\"sizes\":";
      out += slot.sizes;
      out += ",\"sizeMapping\":";
      out += slot.mapping;
      out += ",\"targeting\":{\"pos\":\"";
      out += slot.unit;
      append_number(out, n);
      out += "\"},\"bids\":[";
      for (size_t b = 0; b < kBidders.size(); ++b) {
        if (b > 0) out += ',';
        out += "{\"bidder\":\"";
        out += kBidders[b].name;
        out += "\",\"params\":{";
        for (char c : kBidders[b].params) {
          if (c == '#')
            append_number(out, 10 * kind + n);
          else
            out += c;
        }
        out += "}}";
      }
      out += "]}";
    }
  }
  return parts;
}

}  // namespace

const ChromeParts& chrome_parts() {
  static const ChromeParts instance = build_chrome();
  return instance;
}

}  // namespace beautyidx::bench::synthetic
