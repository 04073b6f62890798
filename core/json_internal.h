// Internal to beautyidx: nlohmann conversions of the model types, for modules whose
// implementation files compose larger JSON documents (indexer, recommender, server, app).
// Include only from .cc files.
#pragma once

#include <nlohmann/json.hpp>

#include "core/model.h"

namespace beautyidx {

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
