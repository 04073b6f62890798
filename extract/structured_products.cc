// Products from schema.org data in JSON-LD: Product with Offer or AggregateOffer, and ItemList
// entries that are Products. Prices are read as price fields (bare numbers allowed).
#include <nlohmann/json.hpp>

#include "core/price.h"
#include "core/text.h"
#include "extract/analysis.h"

namespace beautyidx::extract {
namespace {

using nlohmann::json;

bool has_type(const json& node, std::string_view type) {
  if (!node.is_object() || !node.contains("@type")) return false;
  const json& t = node["@type"];
  if (t.is_string()) return t.get<std::string>() == type;
  if (t.is_array()) {
    for (const auto& x : t) {
      if (x.is_string() && x.get<std::string>() == type) return true;
    }
  }
  return false;
}

std::string text_of(const json& node, const char* key) {
  if (!node.is_object() || !node.contains(key)) return "";
  const json& v = node[key];
  if (v.is_string()) return collapse_whitespace(v.get<std::string>());
  if (v.is_number()) return v.dump();
  if (v.is_object() && v.contains("name") && v["name"].is_string()) return collapse_whitespace(v["name"].get<std::string>());
  return "";
}

std::optional<StructuredProduct> read_product(const json& node) {
  std::string name = text_of(node, "name");
  if (name.empty() || !node.contains("offers")) return std::nullopt;
  const json* offer = &node["offers"];
  if (offer->is_array()) {
    if (offer->empty()) return std::nullopt;
    offer = &(*offer)[0];
  }
  if (!offer->is_object()) return std::nullopt;
  std::string currency = text_of(*offer, "priceCurrency");
  std::optional<Price> price;
  if (has_type(*offer, "AggregateOffer")) {
    price = parse_price_field(text_of(*offer, "lowPrice"), currency);
    auto high = parse_price_field(text_of(*offer, "highPrice"), currency);
    if (price && high && high->amount > price->amount) price->max = high->amount;
  } else {
    price = parse_price_field(text_of(*offer, "price"), currency);
  }
  if (!price) return std::nullopt;
  if (!currency.empty()) price->currency = currency;
  if (price->currency.empty()) price->currency = "USD";
  StructuredProduct out;
  out.name = name;
  out.brand = text_of(node, "brand");
  out.seller = text_of(*offer, "seller");
  out.url = text_of(*offer, "url");
  out.price = *price;
  return out;
}

void collect(const json& node, std::vector<StructuredProduct>& out, int depth) {
  if (depth > 8 || out.size() > 200) return;
  if (node.is_array()) {
    for (const auto& item : node) collect(item, out, depth + 1);
    return;
  }
  if (!node.is_object()) return;
  if (has_type(node, "Product")) {
    if (auto product = read_product(node)) out.push_back(std::move(*product));
    return;
  }
  for (const char* key : {"@graph", "itemListElement", "item", "mainEntity", "hasPart"}) {
    if (node.contains(key)) collect(node[key], out, depth + 1);
  }
}

}  // namespace

std::vector<StructuredProduct> find_structured_products(const std::vector<json>& json_ld) {
  std::vector<StructuredProduct> out;
  for (const json& root : json_ld) collect(root, out, 0);
  return out;
}

}  // namespace beautyidx::extract
