// One catalog entry per product, across every article that offers it: what the recommender
// ranks and what product filters and facets count. An offer record says "article A sells
// product P at $18 and a dermatologist backs it"; the catalog entry says "P is offered by 14 articles, from $18 to $32, backed by three
// experts, about puffiness and gua sha". Ranking entries instead of offers keeps a question's
// candidates to the products it can match (hundreds), not every offer of them (tens of
// thousands at 100,000 articles), and makes "mentions across articles" and "distinct experts"
// properties of the entry rather than sums over a query's matches.
//
// The entry is kept as a tally of counts (RocksDB, products family) that each offer adds to and
// removes from exactly, so maintaining it costs the same for a product in one article as for one
// in ten thousand. The Xapian document is rebuilt from the tally when the indexer commits.
#pragma once

#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace beautyidx::indexer {

inline constexpr size_t kCredentialClassCount = 8;  // CredentialClass kNone..kOther

// What the recommender scores a catalog entry by, read from one value slot
// (schema::kFeaturesSlot) so that ranking needs no document data.
struct CatalogFeatures {
  int mentions = 0;   // articles offering the product
  int evidenced = 0;  // of those, offers that a quote backs
  // Distinct experts recommending the product, counted by credential class.
  std::array<int, kCredentialClassCount> endorsers{};
  std::string latest;  // YYYYMMDD of the newest article offering it; empty when none is dated
  std::string brand;
  std::string name;
  std::vector<std::string> concerns;
  std::vector<std::string> techniques;
  // How many of the offers name each concern and technique, in the same order: a product that
  // one article of twenty calls "for dark spots" is less about dark spots than one whose only
  // article is.
  std::vector<int> concern_offers;
  std::vector<int> technique_offers;
};

std::string encode_features(const CatalogFeatures& features);
std::optional<CatalogFeatures> decode_features(std::string_view encoded);

// The same, read in place: the views point into the encoded value, which must outlive them.
// What a ranking pass over thousands of entries uses, since it allocates nothing.
struct FeaturesView {
  int mentions = 0;
  int evidenced = 0;
  std::array<int, kCredentialClassCount> endorsers{};
  std::string_view latest, brand, name;
  std::string_view concerns, techniques;  // encoded lists: read them with for_each_topic
};
std::optional<FeaturesView> view_features(std::string_view encoded);
// Calls `visit(name, offers)` for each topic of an encoded list; false when the list is malformed.
template <typename Visit>
bool for_each_topic(std::string_view list, Visit&& visit) {
  while (!list.empty()) {
    size_t end = list.find('\x1e');
    std::string_view item = list.substr(0, end);
    size_t equals = item.rfind('=');
    if (equals == std::string_view::npos) return false;
    int offers = 0;
    auto [stop, error] = std::from_chars(item.data() + equals + 1, item.data() + item.size(), offers);
    if (error != std::errc() || stop != item.data() + item.size()) return false;
    visit(item.substr(0, equals), offers);
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return true;
}

// What one article's offer of a product contributes to the product's tally. Built from the
// offer record the indexer stores (offers family), so an old offer can be taken out exactly as
// it was put in.
struct OfferFacts {
  std::string key;  // offer key: "<product id>/<article id>"
  Price price;
  std::vector<std::string> concerns;
  std::vector<std::string> techniques;
  // Distinct experts recommending the product in this article (expert id, credential class).
  std::vector<std::pair<std::string, CredentialClass>> recommenders;
  bool evidenced = false;
  std::string date;  // YYYYMMDD of the article, or empty
  std::string retailer;  // where this article sends readers to buy it; empty when unknown
  std::string site;      // host of the article
  // Which offer a pick shows: the one most experts back, then any backed one.
  int merit() const { return 2 * static_cast<int>(recommenders.size()) + (evidenced ? 1 : 0); }
};

// Counts over a product's offers; every add_offer is undone by remove_offer of the same facts.
class ProductTally {
 public:
  ProductTally() = default;
  ProductTally(std::string id, std::string brand, std::string name)
      : id_(std::move(id)), brand_(std::move(brand)), name_(std::move(name)) {}

  // The stored form (products family); nullopt when `json` is not a tally.
  static std::optional<ProductTally> parse(std::string_view json);
  std::string dump() const;

  void add_offer(const OfferFacts& offer);
  // Counts never go below zero: taking out an offer the tally never had (a database from
  // before tallies) leaves it as it was.
  void remove_offer(const OfferFacts& offer);

  const std::string& id() const { return id_; }
  int mentions() const { return mentions_; }
  CatalogFeatures features() const;
  // Lowest and highest current price among the offers, per currency, from one pass over the
  // price keys.
  std::map<std::string, std::pair<double, double>> price_ranges() const;
  std::vector<std::string> retailers() const;  // of the offers, each once
  std::vector<std::string> sites() const;      // hosts of the articles offering it

  // The offer a pick shows (most backed), and the cheapest offer; empty when unknown. When an
  // offer the tally pointed at is removed, the pointer is stale until reset from the offers.
  const std::string& shown_offer() const { return shown_; }
  const std::string& cheapest_offer() const { return cheapest_; }
  bool needs_rescan() const { return stale_; }
  // Recomputes both pointers from all the product's offers.
  void reset_pointers(const std::vector<OfferFacts>& offers);

 private:
  void count(const OfferFacts& offer, int delta);

  std::string id_, brand_, name_;
  int mentions_ = 0;
  int evidenced_ = 0;
  std::map<std::string, int> concerns_, techniques_, dates_, retailers_, sites_;
  std::map<std::string, int> prices_;  // "<currency> <amount> <max>" -> offers at that price
  std::map<std::string, std::pair<int, int>> endorsers_;  // expert id -> (credential class, offers)
  std::string shown_, cheapest_;
  int shown_merit_ = -1;
  double cheapest_amount_ = 0;
  bool stale_ = false;
};

}  // namespace beautyidx::indexer
