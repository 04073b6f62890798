#include "core/json.h"

#include "core/json_internal.h"

namespace beautyidx {

using nlohmann::json;

namespace {

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

json price_json(const Price& price) {
  return {{"amount", price.amount}, {"max", optional_number(price.max)},
          {"was", optional_number(price.was)}, {"currency", price.currency}};
}

Price price_from(const json& j) {
  Price p;
  p.amount = get_or<double>(j, "amount", 0);
  if (j.contains("max") && j["max"].is_number()) p.max = j["max"].get<double>();
  if (j.contains("was") && j["was"].is_number()) p.was = j["was"].get<double>();
  p.currency = get_or<std::string>(j, "currency", "USD");
  return p;
}

json speaker_json(const std::optional<Speaker>& speaker) {
  if (!speaker) return nullptr;
  return {{"name", speaker->name},
          {"credential", speaker->credential},
          {"credential_class", credential_class_name(speaker->credential_class)},
          {"affiliation", speaker->affiliation.empty() ? json(nullptr) : json(speaker->affiliation)}};
}

std::optional<Speaker> speaker_from(const json& j) {
  if (!j.is_object()) return std::nullopt;
  Speaker s;
  s.name = get_or<std::string>(j, "name", "");
  s.credential = get_or<std::string>(j, "credential", "");
  s.credential_class =
      parse_credential_class(get_or<std::string>(j, "credential_class", "none")).value_or(CredentialClass::kNone);
  s.affiliation = get_or<std::string>(j, "affiliation", "");
  return s;
}

json quote_json(const Quote& quote) {
  return {{"text", quote.text},           {"speaker", speaker_json(quote.speaker)},
          {"indirect", quote.indirect},   {"stance", stance_name(quote.stance)},
          {"concerns", quote.concerns},   {"techniques", quote.techniques},
          {"section", quote.section}};
}

Quote quote_from(const json& j) {
  Quote q;
  q.text = get_or<std::string>(j, "text", "");
  if (j.contains("speaker")) q.speaker = speaker_from(j["speaker"]);
  q.indirect = get_or<bool>(j, "indirect", false);
  q.stance = parse_stance(get_or<std::string>(j, "stance", "neutral")).value_or(Stance::kNeutral);
  q.concerns = get_or<std::vector<std::string>>(j, "concerns", {});
  q.techniques = get_or<std::vector<std::string>>(j, "techniques", {});
  q.section = get_or<int>(j, "section", 0);
  return q;
}

json product_json(const Product& product) {
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"name", product.name},
          {"brand", or_null(product.brand)},
          {"retailer", or_null(product.retailer)},
          {"price", price_json(product.price)},
          {"url", or_null(product.url)},
          {"concerns", product.concerns},
          {"techniques", product.techniques},
          {"evidence", product.evidence},
          {"section", product.section}};
}

Product product_from(const json& j) {
  Product p;
  p.name = get_or<std::string>(j, "name", "");
  p.brand = get_or<std::string>(j, "brand", "");
  p.retailer = get_or<std::string>(j, "retailer", "");
  if (j.contains("price")) p.price = price_from(j["price"]);
  p.url = get_or<std::string>(j, "url", "");
  p.concerns = get_or<std::vector<std::string>>(j, "concerns", {});
  p.techniques = get_or<std::vector<std::string>>(j, "techniques", {});
  p.evidence = get_or<std::vector<int>>(j, "evidence", {});
  p.section = get_or<int>(j, "section", 0);
  return p;
}

json page_json(const ExtractedPage& page) {
  json quotes = json::array();
  for (const auto& q : page.quotes) quotes.push_back(quote_json(q));
  json products = json::array();
  for (const auto& p : page.products) products.push_back(product_json(p));
  json sections = json::array();
  for (const auto& s : page.sections) sections.push_back({{"heading", s.heading}, {"text", s.text}});
  return {{"url", page.url},
          {"canonical_url", page.canonical_url},
          {"kind", page_kind_name(page.kind)},
          {"title", page.title},
          {"authors", page.authors},
          {"published", page.published ? json(*page.published) : json(nullptr)},
          {"modified", page.modified ? json(*page.modified) : json(nullptr)},
          {"description", page.description},
          {"site_name", page.site_name},
          {"language", page.language},
          {"image", page.image},
          {"tags", page.tags},
          {"text", page.text},
          {"sections", sections},
          {"author_bio", page.author_bio},
          {"quotes", quotes},
          {"products", products},
          {"concerns", page.concerns},
          {"techniques", page.techniques},
          {"links", page.links},
          {"feeds", page.feeds},
          {"warnings", page.warnings},
          {"noindex", page.noindex},
          {"nofollow", page.nofollow}};
}

ExtractedPage page_from(const json& j) {
  ExtractedPage page;
  page.url = get_or<std::string>(j, "url", "");
  page.canonical_url = get_or<std::string>(j, "canonical_url", page.url);
  std::string kind = get_or<std::string>(j, "kind", "other");
  page.kind = kind == "article" ? PageKind::kArticle : kind == "listing" ? PageKind::kListing : PageKind::kOther;
  page.title = get_or<std::string>(j, "title", "");
  page.authors = get_or<std::vector<std::string>>(j, "authors", {});
  if (j.contains("published") && j["published"].is_string()) page.published = j["published"].get<std::string>();
  if (j.contains("modified") && j["modified"].is_string()) page.modified = j["modified"].get<std::string>();
  page.description = get_or<std::string>(j, "description", "");
  page.site_name = get_or<std::string>(j, "site_name", "");
  page.language = get_or<std::string>(j, "language", "");
  page.image = get_or<std::string>(j, "image", "");
  page.tags = get_or<std::vector<std::string>>(j, "tags", {});
  page.text = get_or<std::string>(j, "text", "");
  if (j.contains("sections") && j["sections"].is_array()) {
    for (const auto& s : j["sections"]) {
      page.sections.push_back({get_or<std::string>(s, "heading", ""), get_or<std::string>(s, "text", "")});
    }
  }
  page.author_bio = get_or<std::string>(j, "author_bio", "");
  if (j.contains("quotes") && j["quotes"].is_array()) {
    for (const auto& q : j["quotes"]) page.quotes.push_back(quote_from(q));
  }
  if (j.contains("products") && j["products"].is_array()) {
    for (const auto& p : j["products"]) page.products.push_back(product_from(p));
  }
  page.concerns = get_or<std::vector<std::string>>(j, "concerns", {});
  page.techniques = get_or<std::vector<std::string>>(j, "techniques", {});
  page.links = get_or<std::vector<std::string>>(j, "links", {});
  page.feeds = get_or<std::vector<std::string>>(j, "feeds", {});
  page.warnings = get_or<std::vector<std::string>>(j, "warnings", {});
  page.noindex = get_or<bool>(j, "noindex", false);
  page.nofollow = get_or<bool>(j, "nofollow", false);
  return page;
}

std::string to_json(const ExtractedPage& page, int indent) { return page_json(page).dump(indent); }

Result<ExtractedPage> page_from_json(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error(ErrorKind::kParse, "page record: not a JSON object");
  return page_from(j);
}

std::string to_json(const Price& price) { return price_json(price).dump(); }
std::string to_json(const Speaker& speaker) { return speaker_json(speaker).dump(); }

}  // namespace beautyidx
