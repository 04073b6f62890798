// The cards of the embeddable widget (server/widget/widget.js) and of its no-JavaScript
// fallback page: what /api/v1/widget answers and /widget/{kind}.html renders. Private to the
// server folder.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "recommender/recommender.h"

namespace beautyidx::server {

enum class WidgetKind { kRelated, kShop, kExperts };

std::optional<WidgetKind> parse_widget_kind(
    std::string_view name);  // "related" | "shop" | "experts"
const char* widget_kind_name(WidgetKind kind);
const char* widget_heading(
    WidgetKind kind);  // "Related reading", "Shop the post", "Ask the experts"

struct CardBadge {
  std::string name;        // "Mara Ellison"
  std::string credential;  // "board-certified dermatologist"
};

// One card. Strings are plain text as crawled: untrusted, escaped by whoever renders them.
struct WidgetCard {
  std::string url;  // always http(s): cards without such a link are not made
  std::string title;
  std::string excerpt;
  std::string image;  // http(s) URL, or empty
  std::optional<CardBadge> badge;
  std::string price;  // "$32", or empty
  std::string meta;   // "Skin Gym · Sephora", or empty
};

struct WidgetCards {
  WidgetKind kind = WidgetKind::kRelated;
  recommender::ArticleRef article;  // the article the widget is embedded in
  std::vector<WidgetCard> cards;
};

struct WidgetRequest {
  std::string article_url;  // the article the widget is embedded in (its URL or its 16-hex id)
  WidgetKind kind = WidgetKind::kRelated;
  size_t limit = 4;
};

// The cards for one widget, at most `limit`:
//   related  articles related to this one: title, snippet, lead image, and as badge the most
//            credentialed expert quoted in that article (none when nobody is quoted);
//   shop     the products this article names, in its order: brand + name, the product's link
//            (else the article's), price, "brand · retailer", the supporting quote as excerpt
//            and its expert as badge;
//   experts  the experts quoted here, most credentialed first: name, best quote, credential
//            as badge, affiliation as meta; they link to the article itself.
// Errors (from the recommender): kNotFound when the article is not indexed, kInvalidArgument
// when the URL is malformed.
Result<WidgetCards> widget_cards(const recommender::Recommender& recommender,
                                 const WidgetRequest& request);

// {"kind","article":{"url","title"},"heading","cards":[{"url","title","excerpt","image",
//  "badge":{"name","credential"}|null,"price","meta"}]}: the contract widget.js reads.
std::string widget_json(const WidgetCards& cards);

// True for an absolute http:// or https:// URL without whitespace or control characters: the
// only links a card may carry (never javascript:, data: or a relative path).
bool is_http_url(std::string_view url);

// `text` cut to at most `max_bytes` bytes at a word boundary, never inside a UTF-8 sequence,
// with "…" appended when something was cut.
std::string clip_text(std::string_view text, size_t max_bytes);

}  // namespace beautyidx::server
