#include "indexer/catalog.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/json_internal.h"

namespace beautyidx::indexer {
namespace {

using nlohmann::json;

// Field and list separators of the features slot: ASCII unit and record separators, which
// no taxonomy id, brand or product name contains (the extractor collapses control characters).
constexpr char kField = '\x1f';
constexpr char kItem = '\x1e';  // also spelled out in catalog.h's for_each_topic
constexpr std::string_view kFeaturesVersion = "f2";

// Topics are written "name=offers" (a name holds no '=': taxonomy ids are words and hyphens).
void append_topics(std::string& out, const std::vector<std::string>& names, const std::vector<int>& offers) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += kItem;
    out += names[i];
    out += '=';
    out += std::to_string(i < offers.size() ? offers[i] : 1);
  }
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    out.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Prices are keyed by currency and cents so that equal prices share one count.
std::string price_key(const Price& price) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, " %.2f %.2f", price.amount, price.max.value_or(price.amount));
  return price.currency + buffer;
}

struct PriceKey {
  std::string currency;
  double amount = 0, max = 0;
};

std::optional<PriceKey> parse_price_key(const std::string& key) {
  auto parts = split(key, ' ');
  if (parts.size() != 3) return std::nullopt;
  PriceKey out{std::string(parts[0])};
  char* end = nullptr;
  std::string amount(parts[1]), max(parts[2]);
  out.amount = std::strtod(amount.c_str(), &end);
  if (end == amount.c_str()) return std::nullopt;
  out.max = std::strtod(max.c_str(), &end);
  if (end == max.c_str()) return std::nullopt;
  return out;
}

void add_count(std::map<std::string, int>& counts, const std::string& key) { ++counts[key]; }

void remove_count(std::map<std::string, int>& counts, const std::string& key) {
  auto it = counts.find(key);
  if (it == counts.end()) return;
  if (--it->second <= 0) counts.erase(it);
}

json counts_json(const std::map<std::string, int>& counts) {
  json out = json::object();
  for (const auto& [key, n] : counts) out[key] = n;
  return out;
}

std::map<std::string, int> counts_from(const json& j) {
  std::map<std::string, int> out;
  if (!j.is_object()) return out;
  for (const auto& [key, n] : j.items()) {
    if (n.is_number_integer() && n.get<int>() > 0) out[key] = n.get<int>();
  }
  return out;
}

}  // namespace

std::string encode_features(const CatalogFeatures& f) {
  std::string out(kFeaturesVersion);
  out += kField;
  out += std::to_string(f.mentions);
  out += kField;
  out += std::to_string(f.evidenced);
  out += kField;
  for (size_t c = 0; c < f.endorsers.size(); ++c) {
    if (c) out += kItem;
    out += std::to_string(f.endorsers[c]);
  }
  out += kField;
  out += f.latest;
  out += kField;
  out += f.brand;
  out += kField;
  out += f.name;
  out += kField;
  append_topics(out, f.concerns, f.concern_offers);
  out += kField;
  append_topics(out, f.techniques, f.technique_offers);
  return out;
}

std::optional<FeaturesView> view_features(std::string_view encoded) {
  FeaturesView f;
  std::string_view fields[9];
  size_t n = 0, start = 0;
  while (true) {
    size_t end = encoded.find(kField, start);
    if (n == 9) return std::nullopt;
    fields[n++] = encoded.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (n != 9 || fields[0] != kFeaturesVersion) return std::nullopt;
  auto mentions = parse_int(fields[1]);
  auto evidenced = parse_int(fields[2]);
  if (!mentions || !evidenced) return std::nullopt;
  f.mentions = *mentions;
  f.evidenced = *evidenced;
  std::string_view endorsers = fields[3];
  for (size_t c = 0; c < f.endorsers.size(); ++c) {
    size_t end = endorsers.find(kItem);
    if ((end == std::string_view::npos) != (c + 1 == f.endorsers.size())) return std::nullopt;
    auto count = parse_int(endorsers.substr(0, end));
    if (!count) return std::nullopt;
    f.endorsers[c] = *count;
    if (end != std::string_view::npos) endorsers.remove_prefix(end + 1);
  }
  f.latest = fields[4];
  f.brand = fields[5];
  f.name = fields[6];
  f.concerns = fields[7];
  f.techniques = fields[8];
  return f;
}

std::optional<CatalogFeatures> decode_features(std::string_view encoded) {
  auto view = view_features(encoded);
  if (!view) return std::nullopt;
  CatalogFeatures f;
  f.mentions = view->mentions;
  f.evidenced = view->evidenced;
  f.endorsers = view->endorsers;
  f.latest = std::string(view->latest);
  f.brand = std::string(view->brand);
  f.name = std::string(view->name);
  auto into = [](std::vector<std::string>& names, std::vector<int>& offers) {
    return [&names, &offers](std::string_view name, int n) {
      names.emplace_back(name);
      offers.push_back(n);
    };
  };
  if (!for_each_topic(view->concerns, into(f.concerns, f.concern_offers)) ||
      !for_each_topic(view->techniques, into(f.techniques, f.technique_offers))) {
    return std::nullopt;
  }
  return f;
}

// Adds (delta 1) or takes out (delta -1) everything an offer counts in, besides the pointers.
void ProductTally::count(const OfferFacts& offer, int delta) {
  auto tally = [delta](std::map<std::string, int>& counts, const std::string& key) {
    if (key.empty()) return;
    if (delta > 0) add_count(counts, key);
    else remove_count(counts, key);
  };
  mentions_ += delta;
  if (offer.evidenced) evidenced_ = std::max(0, evidenced_ + delta);
  for (const auto& c : offer.concerns) tally(concerns_, c);
  for (const auto& t : offer.techniques) tally(techniques_, t);
  tally(dates_, offer.date);
  tally(retailers_, offer.retailer);
  tally(sites_, offer.site);
  tally(prices_, price_key(offer.price));
  for (const auto& [expert, credential] : offer.recommenders) {
    if (delta > 0) {
      auto& entry = endorsers_[expert];
      entry.first = static_cast<int>(credential);
      ++entry.second;
    } else if (auto it = endorsers_.find(expert); it != endorsers_.end() && --it->second.second <= 0) {
      endorsers_.erase(it);
    }
  }
}

void ProductTally::add_offer(const OfferFacts& offer) {
  count(offer, 1);
  if (offer.merit() > shown_merit_ || shown_.empty()) {
    shown_ = offer.key;
    shown_merit_ = offer.merit();
  }
  if (cheapest_.empty() || offer.price.amount < cheapest_amount_) {
    cheapest_ = offer.key;
    cheapest_amount_ = offer.price.amount;
  }
}

void ProductTally::remove_offer(const OfferFacts& offer) {
  if (mentions_ <= 0) return;
  count(offer, -1);
  // The offers that remain are not known here; the indexer resets the pointers from them.
  if (offer.key == shown_ || offer.key == cheapest_) stale_ = true;
}

void ProductTally::reset_pointers(const std::vector<OfferFacts>& offers) {
  shown_.clear();
  cheapest_.clear();
  shown_merit_ = -1;
  cheapest_amount_ = 0;
  for (const OfferFacts& offer : offers) {
    if (offer.merit() > shown_merit_) {
      shown_ = offer.key;
      shown_merit_ = offer.merit();
    }
    if (cheapest_.empty() || offer.price.amount < cheapest_amount_) {
      cheapest_ = offer.key;
      cheapest_amount_ = offer.price.amount;
    }
  }
  stale_ = false;
}

CatalogFeatures ProductTally::features() const {
  CatalogFeatures f;
  f.mentions = mentions_;
  f.evidenced = evidenced_;
  for (const auto& [expert, entry] : endorsers_) {
    if (entry.first >= 0 && static_cast<size_t>(entry.first) < f.endorsers.size()) ++f.endorsers[static_cast<size_t>(entry.first)];
  }
  if (!dates_.empty()) f.latest = dates_.rbegin()->first;
  f.brand = brand_;
  f.name = name_;
  for (const auto& [concern, offers] : concerns_) {
    f.concerns.push_back(concern);
    f.concern_offers.push_back(offers);
  }
  for (const auto& [technique, offers] : techniques_) {
    f.techniques.push_back(technique);
    f.technique_offers.push_back(offers);
  }
  return f;
}

std::map<std::string, std::pair<double, double>> ProductTally::price_ranges() const {
  std::map<std::string, std::pair<double, double>> ranges;
  for (const auto& [key, n] : prices_) {
    auto price = parse_price_key(key);
    if (!price) continue;
    auto [range, added] = ranges.try_emplace(price->currency, price->amount, price->max);
    if (added) continue;
    range->second.first = std::min(range->second.first, price->amount);
    range->second.second = std::max(range->second.second, price->max);
  }
  return ranges;
}

std::vector<std::string> ProductTally::retailers() const {
  std::vector<std::string> out;
  for (const auto& [retailer, n] : retailers_) out.push_back(retailer);
  return out;
}

std::vector<std::string> ProductTally::sites() const {
  std::vector<std::string> out;
  for (const auto& [site, n] : sites_) out.push_back(site);
  return out;
}

std::string ProductTally::dump() const {
  json endorsers = json::object();
  for (const auto& [expert, entry] : endorsers_) endorsers[expert] = json::array({entry.first, entry.second});
  json out = {{"id", id_},
              {"brand", brand_},
              {"name", name_},
              {"mentions", mentions_},
              {"evidenced", evidenced_},
              {"concerns", counts_json(concerns_)},
              {"techniques", counts_json(techniques_)},
              {"dates", counts_json(dates_)},
              {"retailers", counts_json(retailers_)},
              {"sites", counts_json(sites_)},
              {"prices", counts_json(prices_)},
              {"endorsers", endorsers},
              {"shown", shown_},
              {"shown_merit", shown_merit_},
              {"cheapest", cheapest_},
              {"cheapest_amount", cheapest_amount_},
              {"stale", stale_}};
  return out.dump();
}

std::optional<ProductTally> ProductTally::parse(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  ProductTally t(text_of(j, "id"), text_of(j, "brand"), text_of(j, "name"));
  // A record from before tallies ({id, brand, name}) reads as a tally of nothing.
  t.mentions_ = std::max(0, j.value("mentions", 0));
  t.evidenced_ = std::max(0, j.value("evidenced", 0));
  t.concerns_ = counts_from(j.value("concerns", json()));
  t.techniques_ = counts_from(j.value("techniques", json()));
  t.dates_ = counts_from(j.value("dates", json()));
  t.retailers_ = counts_from(j.value("retailers", json()));
  t.sites_ = counts_from(j.value("sites", json()));
  t.prices_ = counts_from(j.value("prices", json()));
  if (j.contains("endorsers") && j["endorsers"].is_object()) {
    for (const auto& [expert, entry] : j["endorsers"].items()) {
      if (entry.is_array() && entry.size() == 2 && entry[0].is_number_integer() && entry[1].is_number_integer() &&
          entry[1].get<int>() > 0) {
        t.endorsers_[expert] = {entry[0].get<int>(), entry[1].get<int>()};
      }
    }
  }
  t.shown_ = text_of(j, "shown");
  t.shown_merit_ = j.value("shown_merit", -1);
  t.cheapest_ = text_of(j, "cheapest");
  t.cheapest_amount_ = j.value("cheapest_amount", 0.0);
  t.stale_ = j.value("stale", false);
  return t;
}

}  // namespace beautyidx::indexer
