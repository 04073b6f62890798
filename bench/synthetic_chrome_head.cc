// A page's <head>: Yoast-style meta tags and JSON-LD graph, the theme's links, critical CSS,
// consent, page data and ad configuration.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bench/synthetic_chrome_internal.h"

namespace beautyidx::bench::synthetic {
namespace {

constexpr string_view kSiteName = "Synthetic Glow";

// Yoast's JSON-LD graph: the article (headline, author and date as the byline prints them),
// its page, image and breadcrumb trail, the site and its publisher, and the author.
void append_schema_graph(std::string& out, const PageFacts& page, const ChromeParts& parts) {
  const std::uint64_t person = mix(page.author_id + 77);
  auto url = [&](string_view fragment) {
    append_page_url(out, page);
    out += fragment;
  };
  auto person_id = [&] {
    out += "https://www.synthetic-glow.example/#/schema/person/";
    append_hex(out, person, 16);
  };
  out +=
      "<script type=\"application/ld+json\" class=\"yoast-schema-graph\">{\"@context\":"
      "\"https://schema.org\",\"@graph\":[{\"@type\":\"Article\",\"@id\":\"";
  url("#article");
  out += "\",\"isPartOf\":{\"@id\":\"";
  url("");
  out += "\"},\"author\":{\"name\":\"";
  append_json_text(out, page.author);
  out += "\",\"@id\":\"";
  person_id();
  out += "\"},\"headline\":\"";
  append_json_text(out, page.title);
  out += "\",\"datePublished\":\"";
  append_iso_datetime(out, page.published);
  out += "\",\"dateModified\":\"";
  append_iso_datetime(out, page.published);
  out += "\",\"mainEntityOfPage\":{\"@id\":\"";
  url("");
  out += "\"},\"wordCount\":";
  append_number(out, page.words);
  out +=
      ",\"publisher\":{\"@id\":\"https://www.synthetic-glow.example/#organization\"},"
      "\"image\":{\"@id\":\"";
  url("#primaryimage");
  out += "\"},\"thumbnailUrl\":\"";
  append_image_url(out, page.hero, kImageSizes[0]);
  out += "\",\"keywords\":[\"";
  append_json_text(out, page.topic->tech().phrases[0]);
  out += "\",\"";
  append_json_text(out, kConcernPhrases[page.topic->concern][0]);
  out += "\"],\"articleSection\":[\"";
  append_json_text(out, page.section->name);
  out += "\"],\"inLanguage\":\"en-US\"},{\"@type\":\"WebPage\",\"@id\":\"";
  url("");
  out += "\",\"url\":\"";
  url("");
  out += "\",\"name\":\"";
  append_json_text(out, page.title);
  out +=
      " | Synthetic Glow\",\"isPartOf\":{\"@id\":\"https://www.synthetic-glow.example/"
      "#website\"},\"primaryImageOfPage\":{\"@id\":\"";
  url("#primaryimage");
  out += "\"},\"datePublished\":\"";
  append_iso_datetime(out, page.published);
  out += "\",\"dateModified\":\"";
  append_iso_datetime(out, page.published);
  out += "\",\"description\":\"";
  append_json_text(out, page.description);
  out += "\",\"breadcrumb\":{\"@id\":\"";
  url("#breadcrumb");
  out +=
      "\"},\"inLanguage\":\"en-US\",\"potentialAction\":[{\"@type\":\"ReadAction\","
      "\"target\":[\"";
  url("");
  out += "\"]}]},{\"@type\":\"ImageObject\",\"inLanguage\":\"en-US\",\"@id\":\"";
  url("#primaryimage");
  out += "\",\"url\":\"";
  append_image_url(out, page.hero, kImageSizes[0]);
  out += "\",\"contentUrl\":\"";
  append_image_url(out, page.hero, kImageSizes[0]);
  out += "\",\"width\":1200,\"height\":800},{\"@type\":\"BreadcrumbList\",\"@id\":\"";
  url("#breadcrumb");
  out +=
      "\",\"itemListElement\":[{\"@type\":\"ListItem\",\"position\":1,\"name\":\"Home\","
      "\"item\":\"https://www.synthetic-glow.example/\"},{\"@type\":\"ListItem\","
      "\"position\":2,\"name\":\"";
  append_json_text(out, page.section->name);
  out += "\",\"item\":\"https://www.synthetic-glow.example/";
  out += page.section->slug;
  out += "/\"},{\"@type\":\"ListItem\",\"position\":3,\"name\":\"";
  append_json_text(out, page.title);
  out += "\"}]},";
  out += parts.website_graph;
  out += ",{\"@type\":\"Person\",\"@id\":\"";
  person_id();
  out += "\",\"name\":\"";
  append_json_text(out, page.author);
  out +=
      "\",\"image\":{\"@type\":\"ImageObject\",\"inLanguage\":\"en-US\",\"@id\":"
      "\"https://www.synthetic-glow.example/#/schema/person/image/\",\"url\":\""
      "https://avatars.glow-cdn.example/avatar/";
  append_hex(out, person, 16);
  out += "?s=96&d=mm&r=g\",\"caption\":\"";
  append_json_text(out, page.author);
  out += "\"},\"url\":\"https://www.synthetic-glow.example/author/";
  append_number(out, page.author_id);
  out += "/\"}]}</script>\n";
}

void append_ads_config(std::string& out, const PageFacts& page, const ChromePlan& plan,
                       const ChromeParts& parts) {
  out +=
      "<script id=\"glow-ads-config\">window.glowAds=window.glowAds||{};glowAds.config={"
      "\"network\":\"/21834507/synthetic_glow\",\"targeting\":{\"section\":\"";
  out += page.section->slug;
  out += "\",\"post\":\"";
  append_number(out, page.index);
  out += "\",\"tags\":[\"";
  append_text_slug(out, page.topic->tech().phrases[0]);
  out += "\",\"";
  append_text_slug(out, kConcernPhrases[page.topic->concern][0]);
  out += "\"],\"pageview\":\"";
  append_hex(out, plan.nonce >> 8, 12);
  out += "\"},\"slots\":[";
  out += parts.ad_slots[0][0];
  for (size_t n = 0; n < plan.inline_ads; ++n) {
    out += ',';
    out += parts.ad_slots[1][n];
  }
  out += ',';
  out += parts.ad_slots[2][0];
  out += ',';
  out += parts.ad_slots[3][0];
  out += "]};";
  out += kAdSettingsJs;
  out += "</script>\n";
}

}  // namespace

void append_head(std::string& out, const PageFacts& page, const ChromePlan& plan,
                 const ChromeParts& parts) {
  out +=
      "<!doctype html>\n<html lang=\"en\" class=\"no-js\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<script>document.documentElement.className=document.documentElement.className."
      "replace(\"no-js\",\"js\");</script>\n<title>";
  out += page.title;
  out += " | ";
  out += kSiteName;
  out += "</title>\n<meta name=\"description\" content=\"";
  append_attribute(out, page.description);
  out +=
      "\">\n<meta name=\"robots\" content=\"index, follow, max-image-preview:large, "
      "max-snippet:-1, max-video-preview:-1\">\n<link rel=\"canonical\" href=\"";
  out += page.path;
  out +=
      "\">\n<meta property=\"og:locale\" content=\"en_US\">\n<meta property=\"og:type\" "
      "content=\"article\">\n<meta property=\"og:title\" content=\"";
  out += page.title;
  out += "\">\n<meta property=\"og:description\" content=\"";
  append_attribute(out, page.description);
  out += "\">\n<meta property=\"og:url\" content=\"";
  append_page_url(out, page);
  out +=
      "\">\n<meta property=\"og:site_name\" content=\"Synthetic Glow\">\n<meta "
      "property=\"article:publisher\" content=\"https://www.facebook.com/syntheticglow\">\n"
      "<meta property=\"article:published_time\" content=\"";
  append_iso_datetime(out, page.published);
  out += "\">\n<meta property=\"article:modified_time\" content=\"";
  append_iso_datetime(out, page.published);
  out += "\">\n<meta property=\"og:image\" content=\"";
  append_image_url(out, page.hero, kImageSizes[0]);
  out +=
      "\">\n<meta property=\"og:image:width\" content=\"1200\">\n<meta "
      "property=\"og:image:height\" content=\"800\">\n<meta property=\"og:image:type\" "
      "content=\"image/jpeg\">\n<meta name=\"author\" content=\"";
  out += page.author;
  out +=
      "\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n<meta "
      "name=\"twitter:creator\" content=\"@syntheticglow\">\n<meta name=\"twitter:site\" "
      "content=\"@syntheticglow\">\n<meta name=\"twitter:label1\" content=\"Written by\">\n"
      "<meta name=\"twitter:data1\" content=\"";
  out += page.author;
  out +=
      "\">\n<meta name=\"twitter:label2\" content=\"Est. reading time\">\n<meta "
      "name=\"twitter:data2\" content=\"";
  append_number(out, page.words / 230 + 1);
  out += " minutes\">\n";
  append_schema_graph(out, page, parts);
  out += parts.head_links;
  out +=
      "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Synthetic Glow &raquo; "
      "Comments on this article\" href=\"";
  append_page_url(out, page);
  out +=
      "feed/\">\n<link rel=\"alternate\" type=\"application/json+oembed\" href=\""
      "https://www.synthetic-glow.example/wp-json/oembed/1.0/embed?url=";
  std::string encoded_url;
  append_page_url(encoded_url, page);
  append_query_value(out, encoded_url);
  out +=
      "\">\n<link rel=\"alternate\" type=\"text/xml+oembed\" href=\""
      "https://www.synthetic-glow.example/wp-json/oembed/1.0/embed?url=";
  append_query_value(out, encoded_url);
  out +=
      "&amp;format=xml\">\n<link rel=\"shortlink\" href=\"https://www.synthetic-glow.example/"
      "?p=";
  append_number(out, 1000 + page.index);
  out += "\">\n";
  if (plan.critical_css > 0) {
    out += "<style id=\"glow-critical-css\">";
    out.append(parts.stylesheet, 0, plan.critical_css);
    out += "</style>\n";
  }
  out += parts.consent_scripts;
  out += "<script id=\"glow-page-data\">window.glowPage={\"type\":\"article\",\"postId\":";
  append_number(out, 1000 + page.index);
  out += ",\"section\":\"";
  out += page.section->slug;
  out += "\",\"authorSlug\":\"";
  append_text_slug(out, page.author);
  out += "\",\"published\":\"";
  append_iso_date(out, page.published);
  out += "\",\"words\":";
  append_number(out, page.words);
  out +=
      "};window.dataLayer.push({\"event\":\"glow_page\",\"page\":window.glowPage});"
      "</script>\n";
  append_ads_config(out, page, plan, parts);
  out +=
      "<script src=\"https://cdn.synthetic-glow.example/wp-content/plugins/glow-consent/"
      "assets/cmp-stub.min.js?ver=4.1.0\" id=\"glow-cmp-stub-js\"></script>\n<script async "
      "src=\"https://securepubads.adserver.example/tag/js/gpt.js\" id=\"gpt-js\"></script>\n"
      "</head>\n";
}

}  // namespace beautyidx::bench::synthetic
