// Internal to beautyidx: nlohmann conversions of the model types, for modules whose
// implementation files compose larger JSON documents (indexer, recommender, server, app).
// Include only from .cc files.
#pragma once

#include <nlohmann/json.hpp>

#include "core/model.h"

namespace beautyidx {

// j[key] as a T, or `fallback` when j is not an object, lacks the key, holds null or another
// type: stored records are read without trusting their shape.
template <typename T>
T get_or(const nlohmann::json& j, const char* key, T fallback) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return fallback;
  try {
    return j[key].get<T>();
  } catch (const nlohmann::json::exception&) {
    return fallback;
  }
}
inline std::string text_of(const nlohmann::json& j, const char* key) { return get_or<std::string>(j, key, ""); }

nlohmann::json price_json(const Price& price);
Price price_from(const nlohmann::json& j);
nlohmann::json speaker_json(const std::optional<Speaker>& speaker);
std::optional<Speaker> speaker_from(const nlohmann::json& j);
nlohmann::json quote_json(const Quote& quote);
Quote quote_from(const nlohmann::json& j);
nlohmann::json product_json(const Product& product);
Product product_from(const nlohmann::json& j);
nlohmann::json page_json(const ExtractedPage& page);
ExtractedPage page_from(const nlohmann::json& j);

}  // namespace beautyidx
