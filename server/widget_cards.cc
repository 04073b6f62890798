#include "server/widget_cards.h"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/price.h"
#include "core/text.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

// Enough for three lines of excerpt in the widget, which clamps the rest anyway.
constexpr size_t kMaxExcerptBytes = 300;
constexpr size_t kMaxTitleBytes = 300;

using recommender::Evidence;
using recommender::ExpertSummary;

// How far a reader trusts a credential, for choosing the one expert a card names.
int credential_rank(CredentialClass credential) {
  switch (credential) {
    case CredentialClass::kDermatologist:
    case CredentialClass::kPlasticSurgeon:
      return 3;
    case CredentialClass::kCosmeticChemist:
    case CredentialClass::kEsthetician:
      return 2;
    case CredentialClass::kMakeupArtist:
    case CredentialClass::kEditor:
    case CredentialClass::kOther:
      return 1;
    case CredentialClass::kNone:
      return 0;
  }
  return 0;
}

// Most credentialed first, then most quoted; ties keep the article's order.
std::vector<ExpertSummary> ranked_experts(std::vector<ExpertSummary> experts) {
  std::erase_if(experts, [](const ExpertSummary& e) { return trim(e.speaker.name).empty(); });
  std::stable_sort(experts.begin(), experts.end(),
                   [](const ExpertSummary& a, const ExpertSummary& b) {
                     int ra = credential_rank(a.speaker.credential_class),
                         rb = credential_rank(b.speaker.credential_class);
                     return ra != rb ? ra > rb : a.quotes > b.quotes;
                   });
  return experts;
}

// The quote that backs a product best: a named speaker, then a recommendation over a mention or
// a warning, a direct quote over a paraphrase, a stronger credential.
const Evidence* best_evidence(const std::vector<Evidence>& evidence) {
  const Evidence* best = nullptr;
  auto key = [](const Evidence& e) {
    return std::tuple(!trim(e.speaker).empty(), e.stance == Stance::kRecommends, !e.indirect,
                      credential_rank(e.credential_class));
  };
  for (const Evidence& e : evidence) {
    if (trim(e.quote).empty()) continue;
    if (best == nullptr || key(e) > key(*best)) best = &e;
  }
  return best;
}

// "a · b" of the non-empty parts.
std::string joined(std::initializer_list<std::string_view> parts, std::string_view separator) {
  std::string out;
  for (std::string_view part : parts) {
    part = trim(part);
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

Result<WidgetCards> related_cards(const recommender::Recommender& recommender,
                                  const WidgetRequest& request) {
  recommender::RelatedRequest related;
  related.url = request.article_url;
  related.limit = request.limit;
  // Keep the recommender's floor against lone weak matches, but a widget asking for fewer
  // cards than that floor must still get them.
  related.min_results = std::min(related.min_results, request.limit);
  auto found = recommender.related(related);
  if (!found) return std::unexpected(found.error());
  WidgetCards out;
  out.kind = WidgetKind::kRelated;
  out.article = found->article;
  for (const recommender::ArticleHit& hit : found->related) {
    if (!is_http_url(hit.article.url)) continue;
    WidgetCard card;
    card.url = hit.article.url;
    card.title =
        clip_text(hit.article.title.empty() ? hit.article.url : hit.article.title, kMaxTitleBytes);
    card.excerpt = clip_text(hit.snippet, kMaxExcerptBytes);
    // Image and badge are extras: a record that cannot be read (re-indexed meanwhile) costs
    // them, not the card.
    if (auto detail = recommender.article(hit.article.id)) {
      if (is_http_url(detail->image)) card.image = detail->image;
      auto experts = ranked_experts(detail->experts);
      if (!experts.empty())
        card.badge = CardBadge{experts.front().speaker.name, experts.front().speaker.credential};
    }
    out.cards.push_back(std::move(card));
  }
  return out;
}

Result<WidgetCards> shop_cards(const recommender::Recommender& recommender,
                               const WidgetRequest& request) {
  auto detail = recommender.article(request.article_url);
  if (!detail) return std::unexpected(detail.error());
  WidgetCards out;
  out.kind = WidgetKind::kShop;
  out.article = detail->article;
  std::set<std::string> seen;  // one card per product, even when the article links two offers
  for (const recommender::Pick& pick : detail->products) {
    if (out.cards.size() >= request.limit) break;
    const Product& product = pick.product;
    WidgetCard card;
    card.title = clip_text(joined({product.brand, product.name}, " "), kMaxTitleBytes);
    if (card.title.empty() || !seen.insert(to_lower_ascii(card.title)).second) continue;
    card.url = is_http_url(product.url) ? product.url : detail->article.url;
    if (!is_http_url(card.url)) continue;
    if (product.price.amount > 0) card.price = format_price(product.price);
    card.meta = joined({product.brand, product.retailer}, " \xC2\xB7 ");
    if (const Evidence* evidence = best_evidence(pick.evidence)) {
      card.excerpt = clip_text(evidence->quote, kMaxExcerptBytes);
      if (!trim(evidence->speaker).empty())
        card.badge = CardBadge{evidence->speaker, evidence->credential};
    }
    out.cards.push_back(std::move(card));
  }
  return out;
}

Result<WidgetCards> expert_cards(const recommender::Recommender& recommender,
                                 const WidgetRequest& request) {
  auto detail = recommender.article(request.article_url);
  if (!detail) return std::unexpected(detail.error());
  WidgetCards out;
  out.kind = WidgetKind::kExperts;
  out.article = detail->article;
  if (!is_http_url(detail->article.url)) return out;
  for (const ExpertSummary& expert : ranked_experts(detail->experts)) {
    if (out.cards.size() >= request.limit) break;
    WidgetCard card;
    card.url = detail->article.url;
    card.title = expert.speaker.name;
    card.excerpt = clip_text(expert.best_quote, kMaxExcerptBytes);
    card.badge = CardBadge{expert.speaker.name, expert.speaker.credential};
    card.meta = expert.speaker.affiliation;
    out.cards.push_back(std::move(card));
  }
  return out;
}

}  // namespace

std::optional<WidgetKind> parse_widget_kind(std::string_view name) {
  for (WidgetKind kind : {WidgetKind::kRelated, WidgetKind::kShop, WidgetKind::kExperts}) {
    if (name == widget_kind_name(kind)) return kind;
  }
  return std::nullopt;
}

const char* widget_kind_name(WidgetKind kind) {
  switch (kind) {
    case WidgetKind::kRelated:
      return "related";
    case WidgetKind::kShop:
      return "shop";
    case WidgetKind::kExperts:
      return "experts";
  }
  return "related";
}

const char* widget_heading(WidgetKind kind) {
  switch (kind) {
    case WidgetKind::kRelated:
      return "Related reading";
    case WidgetKind::kShop:
      return "Shop the post";
    case WidgetKind::kExperts:
      return "Ask the experts";
  }
  return "Related reading";
}

bool is_http_url(std::string_view url) {
  std::string_view rest;
  if (starts_with_ignore_case(url, "https://"))
    rest = url.substr(8);
  else if (starts_with_ignore_case(url, "http://"))
    rest = url.substr(7);
  else
    return false;
  if (rest.empty() || rest.front() == '/') return false;  // no host
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F) return false;
  }
  return true;
}

std::string clip_text(std::string_view text, size_t max_bytes) {
  text = trim(text);
  if (text.size() <= max_bytes) return std::string(text);
  const std::string_view ellipsis = "\xE2\x80\xA6";
  size_t cut = utf8_floor(text, max_bytes > ellipsis.size() ? max_bytes - ellipsis.size() : 0);
  size_t space = text.substr(0, cut).rfind(' ');
  if (space != std::string_view::npos && space > cut / 2) cut = space;
  return std::string(trim(text.substr(0, cut))) + std::string(ellipsis);
}

Result<WidgetCards> widget_cards(const recommender::Recommender& recommender,
                                 const WidgetRequest& request) {
  switch (request.kind) {
    case WidgetKind::kRelated:
      return related_cards(recommender, request);
    case WidgetKind::kShop:
      return shop_cards(recommender, request);
    case WidgetKind::kExperts:
      return expert_cards(recommender, request);
  }
  return related_cards(recommender, request);
}

std::string widget_json(const WidgetCards& cards) {
  json list = json::array();
  for (const WidgetCard& card : cards.cards) {
    json badge = nullptr;
    if (card.badge) badge = {{"name", card.badge->name}, {"credential", card.badge->credential}};
    list.push_back({{"url", card.url},
                    {"title", card.title},
                    {"excerpt", card.excerpt},
                    {"image", card.image},
                    {"badge", badge},
                    {"price", card.price},
                    {"meta", card.meta}});
  }
  json body = {{"kind", widget_kind_name(cards.kind)},
               {"article", {{"url", cards.article.url}, {"title", cards.article.title}}},
               {"heading", widget_heading(cards.kind)},
               {"cards", list}};
  // Crawled text was sanitised to UTF-8 on the way in; replace, never throw, if a byte slipped by.
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace beautyidx::server
