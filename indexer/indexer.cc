#include "indexer/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "core/date.h"
#include "core/json_internal.h"
#include "core/text.h"
#include "indexer/catalog.h"
#include "indexer/schema.h"
#include "url/url.h"

namespace beautyidx::indexer {
namespace {

using nlohmann::json;
using storage::Family;


std::string normalized_product_name(std::string_view name) {
  std::string out;
  for (const auto& word : match_words(name)) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

constexpr int kNearDuplicateBits = 3;

// Four 16-bit bands: two texts within 3 bits share at least one band exactly.
std::string band_key(int band, std::uint64_t hash, std::string_view id = "") {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "simhash/%d/%04llx/", band,
                static_cast<unsigned long long>((hash >> (band * 16)) & 0xFFFF));
  return std::string(buffer) + std::string(id);
}

std::string date_value(const std::optional<std::string>& published) {
  if (!published || published->size() < 10) return "";
  std::string out;
  for (char c : published->substr(0, 10)) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

Error xapian_error(const Xapian::Error& e, const std::string& context) {
  return Error{ErrorKind::kIo, context + ": " + e.get_description()};
}

// What an offer record (as index_page writes it) contributes to its product's tally.
OfferFacts facts_of(const std::string& key, const json& offer) {
  OfferFacts facts;
  facts.key = key;
  const json& product = offer.contains("product") && offer["product"].is_object() ? offer["product"] : json::object();
  Product p = product_from(product);
  facts.price = p.price;
  facts.concerns = p.concerns;
  facts.techniques = p.techniques;
  for (const auto& e : offer.value("evidence", json::array())) {
    if (!e.is_object()) continue;
    facts.evidenced = true;
    if (text_of(e, "stance") != stance_name(Stance::kRecommends) || text_of(e, "speaker").empty()) continue;
    std::string expert = expert_id(Speaker{text_of(e, "speaker")});
    bool seen = std::any_of(facts.recommenders.begin(), facts.recommenders.end(),
                            [&](const auto& r) { return r.first == expert; });
    if (!seen) {
      facts.recommenders.emplace_back(
          expert, parse_credential_class(text_of(e, "credential_class")).value_or(CredentialClass::kNone));
    }
  }
  facts.date = text_of(offer, "article_date");
  facts.retailer = p.retailer;
  if (offer.contains("article") && offer["article"].is_object()) {
    if (auto parts = url::split(text_of(offer["article"], "url"))) facts.site = parts->host;
  }
  return facts;
}

std::string product_of_offer_key(std::string_view key) { return std::string(key.substr(0, key.find('/'))); }

const std::string kCatalogTypeTerm = std::string(schema::kTypeTerm) + std::string(schema::kCatalogType);
std::string catalog_id_term(const std::string& product) { return std::string(schema::kIdTerm) + "c" + product; }

// English stems, remembered: articles repeat a few thousand words, and stemming every
// occurrence again was a sixth of preparing a page. One per thread, as the generator using it.
class RememberingStemmer : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    if (auto known = stems_.find(word); known != stems_.end()) return known->second;
    if (stems_.size() >= kMaxWords) stems_.clear();  // a bound for corpora of many languages
    return stems_.emplace(word, english_(word)).first->second;
  }
  std::string get_description() const override { return "remembering " + english_.get_description(); }

 private:
  static constexpr size_t kMaxWords = 1 << 17;
  Xapian::Stem english_{"en"};
  std::unordered_map<std::string, std::string> stems_;
};

// Free text into `doc`, through this thread's term generator (a TermGenerator and its stemmer
// are not thread-safe; pages are prepared on many threads).
void index_text(Xapian::Document& doc, const std::string& text, Xapian::termcount weight = 1,
                const std::string& prefix = "") {
  thread_local Xapian::TermGenerator generator = [] {
    Xapian::TermGenerator made;
    made.set_stemmer(Xapian::Stem(new RememberingStemmer));
    // Words and their Z-prefixed stems (schema.h). Stems alone index 20% faster but lost
    // related-article precision on the judged set (0.618 -> 0.570).
    made.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    return made;
  }();
  // No positions: nothing searches phrases, and positional postings are most of the cost of
  // indexing and of the database's size.
  generator.set_document(doc);
  generator.index_text_without_positions(text, weight, prefix);
  // Let go of `doc`: its reference count is not atomic, and it may be handed to another thread.
  generator.set_document(Xapian::Document());
}

void add_taxonomy_terms(Xapian::Document& doc, const std::vector<std::string>& concerns,
                        const std::vector<std::string>& techniques) {
  for (const auto& c : concerns) doc.add_boolean_term(schema::boolean_term(schema::kConcernTerm, c));
  for (const auto& t : techniques) doc.add_boolean_term(schema::boolean_term(schema::kTechniqueTerm, t));
}


}  // namespace

std::uint64_t simhash(std::string_view text) {
  auto words = match_words(text);
  if (words.empty()) return 0;
  int weights[64] = {};
  size_t grams = words.size() >= 3 ? words.size() - 2 : 1;
  for (size_t i = 0; i < grams; ++i) {
    // FNV-1a of the gram "w1 w2 w3", fed word by word rather than built as a string, then a
    // mixing step.
    std::uint64_t h = 14695981039346656037ull;
    auto feed = [&h](std::string_view bytes) {
      for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
      }
    };
    feed(words[i]);
    for (size_t k = i + 1; k < std::min(words.size(), i + 3); ++k) {
      feed(" ");
      feed(words[k]);
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    for (int bit = 0; bit < 64; ++bit) weights[bit] += static_cast<int>((h >> bit) & 1) * 2 - 1;
  }
  std::uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (weights[bit] > 0) out |= std::uint64_t{1} << bit;
  }
  return out;
}

int hamming_distance(std::uint64_t a, std::uint64_t b) { return __builtin_popcountll(a ^ b); }

std::string product_id(const Product& product) {
  return stable_id(to_lower_ascii(product.brand) + "|" + normalized_product_name(product.name));
}

std::string expert_id(const Speaker& speaker) { return stable_id(normalized_product_name(speaker.name)); }

std::string article_id(const std::string& canonical_url) { return stable_id(canonical_url); }

std::string snippet_of(const ExtractedPage& page) {
  if (!page.description.empty()) return page.description;
  return clip_utf8(page.text, 240);
}


struct Indexer::Impl {
  storage::Store* store = nullptr;
  Xapian::WritableDatabase db;
  // Product tallies read or changed since the last catalog rebuild (the changed ones are ahead
  // of their stored form until flush_catalog writes them), and the products whose tallies and
  // catalog documents the next rebuild writes.
  std::unordered_map<std::string, ProductTally> tallies;
  std::set<std::string> dirty_products;
  bool catalog_deferred = false;
  std::chrono::steady_clock::time_point catalog_flushed_at = std::chrono::steady_clock::now();
  std::chrono::milliseconds catalog_interval{30000};
  // The offer records remove_article took out for the page being written, by key: re-indexing
  // an article reads their first-seen dates and price histories from here, not again from disk.
  std::unordered_map<std::string, json> removed_offers;

  // The tally of `product`, loaded from the records on first use since the last commit.
  Result<ProductTally*> tally(const std::string& product, const std::string& brand, const std::string& name) {
    auto found = tallies.find(product);
    if (found != tallies.end()) return &found->second;
    auto stored = store->get(Family::kProducts, product);
    if (!stored) return std::unexpected(stored.error());
    std::optional<ProductTally> tally = *stored ? ProductTally::parse(**stored) : std::nullopt;
    if (!tally || tally->id().empty()) tally = ProductTally(product, brand, name);
    return &tallies.emplace(product, std::move(*tally)).first->second;
  }

  // Takes an offer out of (or puts it into) its product's tally. The tally is written with the
  // product's catalog document (flush_catalog), not with each offer: a popular product's tally
  // is kilobytes, and writing it again for every page that names the product cost more than the
  // page's own records. Until then the product's due mark, written in `batch` with the offer,
  // says the stored tally is behind its offers, and recount_dirty() can count it again.
  Status count_offer(const std::string& key, const json& offer, bool add, storage::WriteBatch& batch) {
    if (catalog_deferred) return {};
    const std::string product = product_of_offer_key(key);
    const json& p = offer.contains("product") && offer["product"].is_object() ? offer["product"] : json::object();
    auto t = tally(product, text_of(p, "brand"), text_of(p, "name"));
    if (!t) return std::unexpected(t.error());
    OfferFacts facts = facts_of(key, offer);
    if (add) (*t)->add_offer(facts);
    else (*t)->remove_offer(facts);
    if (dirty_products.insert(product).second) batch.put(Family::kMeta, schema::catalog_due_key(product), "");
    return {};
  }

  // The tallies of the products marked due, counted again from their offers, which are always
  // current: after a failed write left the tallies in memory ahead of the records, and when a
  // writer opens a database a killed one left marks in.
  Status recount_dirty() {
    for (const std::string& product : dirty_products) {
      std::optional<ProductTally> counted;
      auto status = for_each_counted_tally(product + "/", [&](const ProductTally& t) -> Status {
        counted = t;
        return {};
      });
      if (!status) {
        tallies.clear();
        return status;
      }
      tallies.insert_or_assign(product, counted ? std::move(*counted) : ProductTally(product, "", ""));
    }
    return {};
  }

  Result<std::vector<OfferFacts>> offers_of(const std::string& product) {
    std::vector<OfferFacts> offers;
    auto status = store->scan(Family::kOffers, product + "/", [&](std::string_view key, std::string_view value) {
      json offer = json::parse(value, nullptr, false);
      if (offer.is_object()) offers.push_back(facts_of(std::string(key), offer));
      return true;
    });
    if (!status) return std::unexpected(status.error());
    return offers;
  }

  Result<json> offer_record(const std::string& key) {
    if (key.empty()) return json();
    auto text = store->get(Family::kOffers, key);
    if (!text) return std::unexpected(text.error());
    return *text ? json::parse(**text, nullptr, false) : json();
  }

  // Counts every product's tally afresh from the offer records and hands each to `visit`, one
  // product at a time: offers are keyed "<product id>/<article id>", so a product's arrive
  // together. What rebuild_catalog writes and catalog_mismatches compares against.
  // `prefix` narrows it to the offers whose keys start with it ("<product id>/": one product).
  Status for_each_counted_tally(const std::string& prefix, const std::function<Status(const ProductTally&)>& visit) {
    std::optional<ProductTally> current;
    Status failure;
    auto finish = [&]() -> Status { return current && current->mentions() > 0 ? visit(*current) : Status{}; };
    auto status = store->scan(Family::kOffers, prefix, [&](std::string_view key, std::string_view value) {
      json offer = json::parse(value, nullptr, false);
      if (!offer.is_object()) return true;
      const std::string product = product_of_offer_key(key);
      if (!current || current->id() != product) {
        if (auto s = finish(); !s) {
          failure = s;
          return false;
        }
        const json& p = offer.contains("product") && offer["product"].is_object() ? offer["product"] : json::object();
        current = ProductTally(product, text_of(p, "brand"), text_of(p, "name"));
      }
      current->add_offer(facts_of(std::string(key), offer));
      return true;
    });
    if (!status) return status;
    if (!failure) return failure;
    return finish();
  }

  // Products whose stored tally differs from one counted afresh from their offers, or whose
  // catalog document is missing, stale or left over; each is described through `note`.
  Result<size_t> catalog_mismatches(const std::function<void(std::string)>& note) {
    size_t mismatched = 0;
    auto same = [](const CatalogFeatures& a, const CatalogFeatures& b) {
      return a.mentions == b.mentions && a.evidenced == b.evidenced && a.endorsers == b.endorsers &&
             a.latest == b.latest && a.concerns == b.concerns && a.techniques == b.techniques &&
             a.concern_offers == b.concern_offers && a.technique_offers == b.technique_offers;
    };
    auto report = [&](const std::string& product, const std::string& problem) {
      note("product " + product + ": " + problem);
      ++mismatched;
    };
    // Each product that has offers: its stored tally and its catalog document.
    std::set<std::string> counted;
    auto status = for_each_counted_tally("", [&](const ProductTally& fresh) -> Status {
      counted.insert(fresh.id());
      auto stored_text = store->get(Family::kProducts, fresh.id());
      if (!stored_text) return std::unexpected(stored_text.error());
      std::optional<ProductTally> stored = *stored_text ? ProductTally::parse(**stored_text) : std::nullopt;
      if (!stored || stored->mentions() <= 0 || !same(fresh.features(), stored->features())) {
        report(fresh.id(), "tally differs from its offers");
        return {};
      }
      Xapian::PostingIterator doc = db.postlist_begin(catalog_id_term(fresh.id()));
      if (doc == db.postlist_end(catalog_id_term(fresh.id()))) report(fresh.id(), "no catalog document");
      else if (db.get_document(*doc).get_value(schema::kFeaturesSlot) != encode_features(stored->features())) {
        report(fresh.id(), "stale catalog document");
      }
      return {};
    });
    if (!status) return std::unexpected(status.error());
    // Tallies, and catalog documents, of products no offer names any more.
    std::set<std::string> tallied;
    status = store->scan(Family::kProducts, "", [&](std::string_view key, std::string_view value) {
      tallied.emplace(key);
      auto stored = ProductTally::parse(value);
      if (!counted.count(std::string(key)) && stored && stored->mentions() > 0) {
        report(std::string(key), "tally differs from its offers");
      }
      return true;
    });
    if (!status) return std::unexpected(status.error());
    const std::string prefix = std::string(schema::kIdTerm) + "c";
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      std::string product = (*it).substr(prefix.size());
      if (!tallied.count(product)) {
        note("catalog document of product " + product + ", which has no tally");
        ++mismatched;
      }
    }
    return mismatched;
  }

  // The related-articles lists of `id` and of every article whose list names it are stale.
  Status mark_related_due(const std::string& id, storage::WriteBatch& batch) {
    batch.put(Family::kMeta, schema::related_due_key(id), "");
    const std::string prefix = schema::related_reverse_prefix(id);
    return store->scan(Family::kRelated, prefix, [&](std::string_view key, std::string_view) {
      batch.put(Family::kMeta, schema::related_due_key(key.substr(prefix.size())), "");
      return true;
    });
  }

  // Replaces the catalog document of `tally`'s product (or deletes it when no offer is left).
  Status write_catalog_document(const ProductTally& tally);
  // Rebuilds the catalog documents of the products touched since the last rebuild.
  Status flush_catalog(storage::WriteBatch& batch);
  Status commit(bool rebuild_catalog);

  // What an article had before, so re-indexing can remove it: quote and offer keys. True when it
  // had a record (whose removal marked its related list and the lists naming it due).
  Result<bool> remove_article(const std::string& id, storage::WriteBatch& batch) {
    auto existing = store->get(Family::kArticles, id);
    if (!existing) return std::unexpected(existing.error());
    json record = *existing ? json::parse(**existing, nullptr, false) : json();
    if (record.is_object()) {
      for (const auto& key : record.value("quote_keys", json::array())) {
        if (key.is_string()) batch.erase(Family::kQuotes, key.get<std::string>());
      }
      for (const auto& key : record.value("offer_keys", json::array())) {
        if (!key.is_string()) continue;
        auto offer = offer_record(key.get<std::string>());
        if (!offer) return std::unexpected(offer.error());
        if (offer->is_object()) {
          if (auto s = count_offer(key.get<std::string>(), *offer, /*add=*/false, batch); !s) return std::unexpected(s.error());
          removed_offers[key.get<std::string>()] = std::move(*offer);
        }
        batch.erase(Family::kOffers, key.get<std::string>());
      }
      if (record.contains("simhash") && record["simhash"].is_string()) {
        std::uint64_t old_hash = std::strtoull(record["simhash"].get<std::string>().c_str(), nullptr, 16);
        for (int band = 0; band < 4; ++band) batch.erase(Family::kMeta, band_key(band, old_hash, id));
      }
    }
    if (*existing) {
      batch.erase(Family::kArticles, id);
      if (auto s = mark_related_due(id, batch); !s) return std::unexpected(s.error());
    }
    // Every document of an article carries its article term, so one call removes them all, even
    // ones the records lost track of; what index_page writes next is then added without a
    // lookup per document. (term_exists first: deleting by an absent term still costs Xapian a
    // walk of its pending changes.)
    try {
      const std::string term = std::string(schema::kArticleTerm) + id;
      if (*existing || db.term_exists(term)) db.delete_document(term);
    } catch (const Xapian::Error& e) {
      return std::unexpected(xapian_error(e, "remove article " + id));
    }
    return existing->has_value();
  }

};

Status Indexer::Impl::write_catalog_document(const ProductTally& tally) {
  const std::string id_term = catalog_id_term(tally.id());
  try {
    if (tally.mentions() <= 0) {
      if (db.term_exists(id_term)) db.delete_document(id_term);
      return {};
    }
    auto shown = offer_record(tally.shown_offer());
    if (!shown) return std::unexpected(shown.error());
    auto cheapest = offer_record(tally.cheapest_offer());
    if (!cheapest) return std::unexpected(cheapest.error());
    if (!shown->is_object()) shown = cheapest;
    if (!shown->is_object()) return {};  // the tally names no readable offer; check() reports it
    const CatalogFeatures features = tally.features();

    // The pick as a result shows it: the product with its price range in the shown offer's
    // currency and where to buy it cheapest, the topics of all its offers, and the shown
    // offer's article and supporting quotes.
    json product = (*shown)["product"];
    const std::string currency = price_from(product.contains("price") ? product["price"] : json()).currency;
    const auto ranges = tally.price_ranges();
    const auto shown_range = ranges.find(currency);
    if (shown_range != ranges.end()) {
      const auto& [low, high] = shown_range->second;
      product["price"] = {{"amount", low}, {"currency", currency}};
      if (high > low) product["price"]["max"] = high;
    }
    if (cheapest->is_object() && (*cheapest)["product"].is_object() &&
        price_from((*cheapest)["product"].contains("price") ? (*cheapest)["product"]["price"] : json()).currency == currency) {
      product["retailer"] = text_of((*cheapest)["product"], "retailer");
      product["url"] = text_of((*cheapest)["product"], "url");
    }
    product["concerns"] = features.concerns;
    product["techniques"] = features.techniques;
    product["id"] = tally.id();
    json data = {{"type", schema::kCatalogType}, {"product", product}, {"article", (*shown)["article"]},
                 {"evidence", shown->value("evidence", json::array())}, {"mentions", features.mentions}};

    Xapian::Document doc;
    index_text(doc, features.brand + " " + features.name, 3);
    if (shown->contains("heading") && (*shown)["heading"].is_string()) index_text(doc, (*shown)["heading"].get<std::string>(), 2);
    for (const auto& e : data["evidence"]) {
      if (e.is_object() && e.contains("quote") && e["quote"].is_string()) index_text(doc, e["quote"].get<std::string>());
    }
    doc.add_boolean_term(kCatalogTypeTerm);
    doc.add_boolean_term(id_term);
    if (!features.brand.empty()) doc.add_boolean_term(schema::boolean_term(schema::kBrandTerm, features.brand));
    add_taxonomy_terms(doc, features.concerns, features.techniques);
    for (const auto& c : features.concerns) doc.add_boolean_term(schema::boolean_term(schema::kCatalogConcernTerm, c));
    for (const auto& t : features.techniques) doc.add_boolean_term(schema::boolean_term(schema::kCatalogTechniqueTerm, t));
    for (const std::string& retailer : tally.retailers()) doc.add_boolean_term(schema::boolean_term(schema::kRetailerTerm, retailer));
    for (const std::string& site : tally.sites()) doc.add_boolean_term(schema::boolean_term(schema::kSiteTerm, site));
    if (shown_range != ranges.end()) {
      doc.add_value(schema::kPriceMinSlot, Xapian::sortable_serialise(shown_range->second.first));
      doc.add_value(schema::kPriceMaxSlot, Xapian::sortable_serialise(shown_range->second.second));
    }
    for (const auto& [c, range] : ranges) {
      doc.add_boolean_term(std::string(schema::kCurrencyTerm) + c);
      int min_slot = schema::catalog_min_price_slot(c);
      if (min_slot >= 0) {
        doc.add_value(static_cast<Xapian::valueno>(min_slot), Xapian::sortable_serialise(range.first));
        doc.add_value(static_cast<Xapian::valueno>(schema::catalog_max_price_slot(c)), Xapian::sortable_serialise(range.second));
      }
    }
    doc.add_value(schema::kFeaturesSlot, encode_features(features));
    doc.add_value(schema::kProductSlot, tally.id());
    doc.add_value(schema::kDateSlot, features.latest);
    if ((*shown)["article"].is_object()) doc.add_value(schema::kArticleSlot, text_of((*shown)["article"], "id"));
    doc.set_data(data.dump());
    // A new document id for every rebuild (never replace_document, which keeps the id): a reader
    // may keep what it read of a catalog document by id for as long as the id exists.
    if (db.term_exists(id_term)) db.delete_document(id_term);
    db.add_document(doc);
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "catalog entry " + tally.id()));
  }
  return {};
}

Status Indexer::Impl::flush_catalog(storage::WriteBatch& batch) {
  for (const std::string& product : dirty_products) {
    auto t = tally(product, "", "");
    if (!t) return std::unexpected(t.error());
    ProductTally& tally = **t;
    if (tally.mentions() > 0) {
      if (tally.needs_rescan()) {
        auto offers = offers_of(product);
        if (!offers) return std::unexpected(offers.error());
        tally.reset_pointers(*offers);
      }
      batch.put(Family::kProducts, product, tally.dump());
    } else {
      batch.erase(Family::kProducts, product);
    }
    if (auto s = write_catalog_document(tally); !s) return s;
    batch.erase(Family::kMeta, schema::catalog_due_key(product));
  }
  dirty_products.clear();
  tallies.clear();
  catalog_flushed_at = std::chrono::steady_clock::now();
  return {};
}

Indexer::Indexer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Indexer::~Indexer() {
  try {
    impl_->db.close();
  } catch (const Xapian::Error&) {
    // Closing without commit() drops uncommitted changes, which is the documented contract.
  }
}

Result<std::unique_ptr<Indexer>> Indexer::open(const std::filesystem::path& db_dir, storage::Store& store) {
  auto impl = std::make_unique<Impl>();
  impl->store = &store;
  try {
    std::filesystem::create_directories(schema::xapian_dir(db_dir));
    impl->db = Xapian::WritableDatabase(schema::xapian_dir(db_dir).string(), Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "open index " + schema::xapian_dir(db_dir).string()));
  } catch (const std::filesystem::filesystem_error& e) {
    return make_error(ErrorKind::kIo, std::string("open index: ") + e.what());
  }
  auto version = store.get(Family::kMeta, schema::kSchemaVersionKey);
  if (!version) return std::unexpected(version.error());
  int found = schema::kSchemaVersion;
  if (*version) {
    found = std::atoi((*version)->c_str());
  } else {
    // No index version: a new database, or one from version 1, which kept none of its own.
    bool has_articles = false;
    auto status = store.scan(Family::kArticles, "", [&](std::string_view, std::string_view) {
      has_articles = true;
      return false;
    });
    if (!status) return std::unexpected(status.error());
    if (has_articles) found = 1;
  }
  if (found > schema::kSchemaVersion) {
    return make_error(ErrorKind::kInvalidArgument, "database " + db_dir.string() + " has schema version " +
                                                       std::to_string(found) + ", newer than this beautyidx (" +
                                                       std::to_string(schema::kSchemaVersion) + ")");
  }
  auto indexer = std::unique_ptr<Indexer>(new Indexer(std::move(impl)));
  if (found < 2) {
    // Version 1 indexed every offer as a search document; catalog entries replace them.
    try {
      indexer->impl_->db.delete_document(std::string(schema::kTypeTerm) + "product");
    } catch (const Xapian::Error& e) {
      return std::unexpected(xapian_error(e, "upgrade index"));
    }
  }
  if (found < 4) {
    // Catalog documents get ids that change with every rebuild (version 4), their own topic
    // terms (version 3), or appear (version 2).
    if (auto products = indexer->rebuild_catalog(); !products) return std::unexpected(products.error());
  }
  // Tallies and catalog documents a killed writer left behind their offers: counted again and
  // rebuilt before anything else.
  auto status = store.scan(Family::kMeta, schema::kCatalogDuePrefix, [&](std::string_view key, std::string_view) {
    indexer->impl_->dirty_products.emplace(key.substr(schema::kCatalogDuePrefix.size()));
    return true;
  });
  if (!status) return std::unexpected(status.error());
  if (!indexer->impl_->dirty_products.empty()) {
    if (auto s = indexer->impl_->recount_dirty(); !s) return std::unexpected(s.error());
    if (auto s = indexer->commit(); !s) return std::unexpected(s.error());
  }
  if (found != schema::kSchemaVersion || !*version) {
    if (auto s = store.put(Family::kMeta, schema::kSchemaVersionKey, std::to_string(schema::kSchemaVersion)); !s) {
      return std::unexpected(s.error());
    }
  }
  return indexer;
}

Status Indexer::index_page(const ExtractedPage& page) { return index_prepared(prepare_page(page)); }

// A failed write may leave a tally in memory counting offers that were never written: the
// touched products are counted again from the records.
Status Indexer::index_prepared(PreparedPage prepared) {
  impl_->removed_offers.clear();
  Status status = write_page(prepared);
  impl_->removed_offers.clear();
  if (!status) impl_->recount_dirty();  // the failure is what the caller needs to hear of
  return status;
}

Status Indexer::remove_url(const std::string& url) {
  Status status = unindex_url(url);
  impl_->removed_offers.clear();
  if (!status) impl_->recount_dirty();
  return status;
}

Status Indexer::unindex_url(const std::string& url) {
  auto normalized = url::normalize(url);
  std::string key = normalized ? *normalized : url;
  auto id = impl_->store->get(Family::kUrlIndex, key);
  if (!id) return std::unexpected(id.error());
  if (!*id) return {};
  storage::WriteBatch batch;
  if (auto s = impl_->remove_article(**id, batch); !s) return std::unexpected(s.error());
  batch.erase(Family::kUrlIndex, key);
  return impl_->store->write(batch);
}

struct PreparedPage::Parts {
  ExtractedPage page;
  std::string canonical;
  bool indexable = false;  // an article without noindex; for anything else there is nothing more
  std::optional<Error> error;  // building failed (a Xapian error): write_page reports it
  std::string id, seen, simhash_hex;
  std::uint64_t fingerprint = 0;
  Xapian::Document article;
  struct QuoteParts {
    std::string key, record;  // record: JSON
    std::string expert_id, expert;  // empty without a credentialed speaker
    Xapian::Document document;
  };
  std::vector<QuoteParts> quotes;
  struct OfferParts {
    std::string key;
    json record;  // without first_seen and history, which depend on what was stored before
  };
  std::vector<OfferParts> offers;
  std::string article_record;  // JSON
};

PreparedPage::PreparedPage(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
PreparedPage::PreparedPage(PreparedPage&&) noexcept = default;
PreparedPage& PreparedPage::operator=(PreparedPage&&) noexcept = default;
PreparedPage::~PreparedPage() = default;
const ExtractedPage& PreparedPage::page() const { return parts_->page; }

PreparedPage prepare_page(ExtractedPage extracted) {
  auto parts = std::make_unique<PreparedPage::Parts>();
  parts->page = std::move(extracted);
  const ExtractedPage& page = parts->page;
  parts->canonical = page.canonical_url.empty() ? page.url : page.canonical_url;
  parts->indexable = page.kind == PageKind::kArticle && !page.noindex;
  if (!parts->indexable) return PreparedPage(std::move(parts));
  const std::string& canonical = parts->canonical;
  const std::string id = parts->id = article_id(canonical);
  parts->seen = utc_today();
  parts->fingerprint = simhash(page.text);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(parts->fingerprint));
  parts->simhash_hex = hex;
  std::string host;
  if (auto split = url::split(canonical)) host = split->host;
  json article_ref = {{"id", id}, {"url", canonical}, {"title", page.title}};

  try {
    // Article document.
    Xapian::Document& doc = parts->article;
    index_text(doc, page.title, 3);
    index_text(doc, page.title, 1, std::string(schema::kTitlePrefix));
    index_text(doc, page.text);
    doc.add_boolean_term(std::string(schema::kTypeTerm) + "article");
    doc.add_boolean_term(std::string(schema::kArticleTerm) + id);
    if (!host.empty()) doc.add_boolean_term(schema::boolean_term(schema::kSiteTerm, host));
    for (const auto& a : page.authors) doc.add_boolean_term(schema::boolean_term(schema::kAuthorTerm, a));
    add_taxonomy_terms(doc, page.concerns, page.techniques);
    std::string experts, products;
    for (const auto& q : page.quotes) {
      if (q.speaker && !q.speaker->credential.empty()) {
        const std::string expert = expert_id(*q.speaker);
        doc.add_boolean_term(std::string(schema::kExpertTerm) + expert);
        experts += (experts.empty() ? "" : " ") + expert;
      }
    }
    for (const auto& p : page.products) {
      const std::string product = product_id(p);
      doc.add_boolean_term(std::string(schema::kProductTerm) + product);
      products += (products.empty() ? "" : " ") + product;
    }
    doc.add_value(schema::kLinksSlot, experts + '\x1f' + products);
    doc.add_value(schema::kDateSlot, date_value(page.published));
    doc.add_value(schema::kArticleSlot, id);
    json data = {{"type", "article"}, {"id", id}, {"url", canonical}, {"title", page.title},
                 {"authors", page.authors}, {"published", page.published ? json(*page.published) : json(nullptr)},
                 {"snippet", snippet_of(page)}, {"concerns", page.concerns}, {"techniques", page.techniques}};
    doc.set_data(data.dump());
    doc.add_boolean_term(std::string(schema::kIdTerm) + "a" + id);

    // Quotes and experts.
    json quote_keys = json::array();
    for (size_t n = 0; n < page.quotes.size(); ++n) {
      const Quote& q = page.quotes[n];
      PreparedPage::Parts::QuoteParts& out = parts->quotes.emplace_back();
      out.key = schema::quote_key(id, n);
      quote_keys.push_back(out.key);
      json record = quote_json(q);
      record["article"] = article_ref;
      out.record = record.dump();

      Xapian::Document& quote_doc = out.document;
      index_text(quote_doc, q.text);
      if (q.speaker) {
        index_text(quote_doc, q.speaker->name + " " + q.speaker->credential);
        if (!q.speaker->credential.empty()) {
          out.expert_id = expert_id(*q.speaker);
          quote_doc.add_boolean_term(std::string(schema::kExpertTerm) + out.expert_id);
          quote_doc.add_boolean_term(std::string(schema::kCredentialTerm) + credential_class_name(q.speaker->credential_class));
          out.expert = json{{"id", out.expert_id}, {"name", q.speaker->name}, {"credential", q.speaker->credential},
                            {"credential_class", credential_class_name(q.speaker->credential_class)},
                            {"affiliation", q.speaker->affiliation}}.dump();
        }
      }
      quote_doc.add_boolean_term(std::string(schema::kTypeTerm) + "quote");
      quote_doc.add_boolean_term(std::string(schema::kArticleTerm) + id);
      quote_doc.add_boolean_term(std::string(schema::kStanceTerm) + stance_name(q.stance));
      if (!host.empty()) quote_doc.add_boolean_term(schema::boolean_term(schema::kSiteTerm, host));
      add_taxonomy_terms(quote_doc, q.concerns, q.techniques);
      quote_doc.add_value(schema::kDateSlot, date_value(page.published));
      quote_doc.add_value(schema::kArticleSlot, id);
      quote_doc.set_data(out.record);
      quote_doc.add_boolean_term(std::string(schema::kIdTerm) + "q" + out.key);
    }

    // Products: one offer record per product per article; search sees them through the
    // product's catalog entry, rebuilt at commit.
    json offer_keys = json::array();
    std::set<std::string> offered;
    for (const Product& p : page.products) {
      std::string pid = product_id(p);
      // An article that lists a product twice (a table, then a "buy it now" line) offers it
      // once: the first listing, usually the one with the article's context.
      if (!offered.insert(pid).second) continue;
      std::string key = schema::offer_key(pid, id);
      offer_keys.push_back(key);
      json evidence = json::array();
      for (int e : p.evidence) {
        if (e < 0 || static_cast<size_t>(e) >= page.quotes.size()) continue;
        const Quote& q = page.quotes[static_cast<size_t>(e)];
        if (!q.speaker) continue;
        evidence.push_back({{"quote", q.text}, {"speaker", q.speaker->name}, {"credential", q.speaker->credential},
                            {"credential_class", credential_class_name(q.speaker->credential_class)},
                            {"stance", stance_name(q.stance)}, {"indirect", q.indirect},
                            {"article_url", canonical}, {"article_title", page.title}});
      }
      json product = product_json(p);
      product["id"] = pid;
      json offer = {{"product", product}, {"article", article_ref}, {"evidence", evidence},
                    {"first_seen", parts->seen}, {"last_seen", parts->seen}, {"article_date", date_value(page.published)}};
      const std::string heading = static_cast<size_t>(p.section) < page.sections.size()
                                      ? page.sections[static_cast<size_t>(p.section)].heading
                                      : std::string();
      if (!heading.empty()) offer["heading"] = heading;
      parts->offers.push_back({std::move(key), std::move(offer)});
    }

    json record = page_json(page);
    record["id"] = id;
    record["quote_keys"] = quote_keys;
    record["offer_keys"] = offer_keys;
    record["indexed"] = parts->seen;
    record["simhash"] = parts->simhash_hex;
    parts->article_record = record.dump();
  } catch (const Xapian::Error& e) {
    parts->error = xapian_error(e, "index " + canonical);
  }
  return PreparedPage(std::move(parts));
}

Status Indexer::write_page(PreparedPage& prepared) {
  PreparedPage::Parts& parts = *prepared.parts_;
  const ExtractedPage& page = parts.page;
  const std::string& canonical = parts.canonical;
  if (!parts.indexable) {
    if (auto s = unindex_url(page.url); !s) return s;
    return canonical != page.url ? unindex_url(canonical) : Status{};
  }
  if (parts.error) return std::unexpected(*parts.error);
  const std::string& id = parts.id;
  storage::WriteBatch batch;
  // Near-duplicates: a syndicated copy of an article already indexed under another URL.
  const std::uint64_t fingerprint = parts.fingerprint;
  std::string original;
  if (fingerprint != 0) {
    const std::string bands[] = {band_key(0, fingerprint), band_key(1, fingerprint), band_key(2, fingerprint),
                                 band_key(3, fingerprint)};
    const std::string_view band_prefixes[] = {bands[0], bands[1], bands[2], bands[3]};
    auto status = impl_->store->scan_prefixes(Family::kMeta, band_prefixes, [&](std::string_view key, std::string_view value) {
      std::string other(key.substr(key.rfind('/') + 1));
      std::uint64_t other_hash = std::strtoull(std::string(value).c_str(), nullptr, 16);
      if (other != id && hamming_distance(fingerprint, other_hash) <= kNearDuplicateBits) {
        original = other;
        return false;
      }
      return true;
    });
    if (!status) return status;
  }
  if (!original.empty()) {
    auto record_text = impl_->store->get(Family::kArticles, original);
    if (!record_text) return std::unexpected(record_text.error());
    if (*record_text) {
      json record = json::parse(**record_text, nullptr, false);
      if (record.is_object()) {
        json alternates = record.value("alternates", json::array());
        if (std::find(alternates.begin(), alternates.end(), canonical) == alternates.end()) alternates.push_back(canonical);
        record["alternates"] = alternates;
        batch.put(Family::kArticles, original, record.dump());
        batch.put(Family::kUrlIndex, canonical, original);
        if (page.url != canonical) batch.put(Family::kUrlIndex, page.url, original);
        ++stats_.duplicates;
        return impl_->store->write(batch);
      }
    }
  }
  // The URL may have indexed under another id before (canonical changed): remove that too.
  for (const std::string& u : {page.url, canonical}) {
    auto previous = impl_->store->get(Family::kUrlIndex, u);
    if (!previous) return std::unexpected(previous.error());
    if (*previous && **previous != id) {
      if (auto s = impl_->remove_article(**previous, batch); !s) return std::unexpected(s.error());
    }
  }
  auto existed = impl_->remove_article(id, batch);
  if (!existed) return std::unexpected(existed.error());

  try {
    Xapian::WritableDatabase& db = impl_->db;
    db.add_document(parts.article);
    for (const auto& quote : parts.quotes) {
      batch.put(Family::kQuotes, quote.key, quote.record);
      if (!quote.expert_id.empty()) batch.put(Family::kExperts, quote.expert_id, quote.expert);
      db.add_document(quote.document);
    }
    for (auto& [key, offer] : parts.offers) {
      // An offer seen before keeps its first-seen date and its price history; a recrawl that
      // finds another price adds a point.
      json history = json::array();
      // (An offer exists only beside the record that lists it, so remove_article saw it.)
      if (auto old = impl_->removed_offers.find(key); old != impl_->removed_offers.end()) {
        const json& previous = old->second;
        if (previous.contains("first_seen")) offer["first_seen"] = previous["first_seen"];
        if (previous.contains("history") && previous["history"].is_array()) history = previous["history"];
      }
      json point = {{"date", parts.seen}, {"price", offer["product"].value("price", json())}};
      if (history.empty() || history.back().value("price", json()) != point["price"]) history.push_back(point);
      if (history.size() > 100) history.erase(history.begin());
      offer["history"] = history;
      batch.put(Family::kOffers, key, offer.dump());
      if (auto s = impl_->count_offer(key, offer, /*add=*/true, batch); !s) return s;
    }
    for (int band = 0; band < 4 && fingerprint != 0; ++band) {
      batch.put(Family::kMeta, band_key(band, fingerprint, id), parts.simhash_hex);
    }
    batch.put(Family::kArticles, id, parts.article_record);
    // A new article is marked here; one indexed before was marked, with the lists naming it, when
    // its old version was removed.
    if (!*existed) batch.put(Family::kMeta, schema::related_due_key(id), "");
    batch.put(Family::kUrlIndex, canonical, id);
    if (page.url != canonical) batch.put(Family::kUrlIndex, page.url, id);
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "index " + canonical));
  }
  // Not synced: a crawl marks the page done only after commit(), which syncs, so a crash
  // before then re-indexes the page rather than losing it.
  if (auto s = impl_->store->write(batch, /*sync=*/false); !s) return s;
  ++stats_.articles;
  stats_.quotes += page.quotes.size();
  stats_.products += page.products.size();
  return {};
}

Status Indexer::commit() { return impl_->commit(/*rebuild_catalog=*/true); }

Status Indexer::checkpoint() {
  const bool catalog_due = std::chrono::steady_clock::now() - impl_->catalog_flushed_at >= impl_->catalog_interval;
  return impl_->commit(catalog_due);
}

void Indexer::set_catalog_interval(std::chrono::milliseconds interval) { impl_->catalog_interval = interval; }

Status Indexer::Impl::commit(bool rebuild_catalog) {
  try {
    storage::WriteBatch catalog_records;
    if (rebuild_catalog) {
      if (auto s = flush_catalog(catalog_records); !s) return s;
    }
    db.commit();
    // Make the unsynced record writes durable too (a synced write flushes the whole WAL). The
    // catalog marks go only now, after the documents they stood for are committed.
    if (auto s = store->write(catalog_records, /*sync=*/true); !s) return s;
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "commit index"));
  }
  return {};
}

void Indexer::defer_catalog(bool deferred) { impl_->catalog_deferred = deferred; }

Result<size_t> Indexer::rebuild_catalog() {
  Impl& impl = *impl_;
  impl.tallies.clear();
  impl.dirty_products.clear();
  size_t products = 0;
  storage::WriteBatch batch;
  try {
    impl.db.delete_document(kCatalogTypeTerm);
    auto status = impl.store->scan(Family::kProducts, "", [&](std::string_view key, std::string_view) {
      batch.erase(Family::kProducts, key);
      return true;
    });
    if (!status) return std::unexpected(status.error());
    status = impl.store->scan(Family::kMeta, schema::kCatalogDuePrefix, [&](std::string_view key, std::string_view) {
      batch.erase(Family::kMeta, key);
      return true;
    });
    if (!status) return std::unexpected(status.error());
    status = impl.for_each_counted_tally("", [&](const ProductTally& tally) -> Status {
      batch.put(Family::kProducts, tally.id(), tally.dump());
      ++products;
      return impl.write_catalog_document(tally);
    });
    if (!status) return std::unexpected(status.error());
    impl.db.commit();
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "rebuild catalog"));
  }
  if (auto s = impl.store->write(batch, /*sync=*/true); !s) return std::unexpected(s.error());
  return products;
}

Result<CheckReport> Indexer::check(bool repair) {
  // Tallies and catalog documents still pending in memory are written first: check compares
  // what is stored.
  if (auto s = commit(); !s) return std::unexpected(s.error());
  CheckReport report;
  auto note = [&](std::string problem) {
    if (report.problems.size() < 20) report.problems.push_back(std::move(problem));
  };
  std::vector<std::string> mismatched;
  std::set<std::string> ids;
  try {
    Xapian::WritableDatabase& db = impl_->db;
    auto status = impl_->store->scan(Family::kArticles, "", [&](std::string_view key, std::string_view value) {
      std::string id(key);
      ids.insert(id);
      ++report.articles;
      json record = json::parse(value, nullptr, false);
      size_t expected = 1;
      if (record.is_object()) {
        expected += record.value("quote_keys", json::array()).size();
      }
      size_t found = db.get_termfreq(std::string(schema::kArticleTerm) + id);
      if (found > 0) ++report.search_articles;
      if (found != expected) {
        note("article " + id + ": " + std::to_string(found) + " search documents, expected " + std::to_string(expected));
        mismatched.push_back(id);
      }
      return true;
    });
    if (!status) return std::unexpected(status.error());
    report.mismatched = mismatched.size();

    std::vector<std::string> orphans;
    const std::string prefix(schema::kArticleTerm);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      std::string id = (*it).substr(prefix.size());
      if (!ids.count(id)) {
        note("search documents of article " + id + ", which has no record");
        orphans.push_back(*it);
      }
    }
    report.orphans = orphans.size();

    std::vector<std::string> dangling;
    status = impl_->store->scan(Family::kUrlIndex, "", [&](std::string_view key, std::string_view value) {
      if (!ids.count(std::string(value))) {
        note("URL " + std::string(key) + " names missing article " + std::string(value));
        dangling.emplace_back(key);
      }
      return true;
    });
    if (!status) return std::unexpected(status.error());
    report.dangling_urls = dangling.size();

    auto catalog = impl_->catalog_mismatches(note);
    if (!catalog) return std::unexpected(catalog.error());
    report.catalog_mismatched = *catalog;

    if (!repair) {
      report.unrepaired = report.mismatched + report.orphans + report.dangling_urls + report.catalog_mismatched;
      return report;
    }
    for (const std::string& term : orphans) {
      db.delete_document(term);
      ++report.repaired;
    }
    storage::WriteBatch batch;
    for (const std::string& url : dangling) batch.erase(Family::kUrlIndex, url);
    if (auto s = impl_->store->write(batch); !s) return std::unexpected(s.error());
    report.repaired += dangling.size();
    for (const std::string& id : mismatched) {
      // The record holds the whole extracted page: index it again, which rewrites its documents.
      auto raw = impl_->store->get(Family::kArticles, id);
      if (!raw) return std::unexpected(raw.error());
      json record = *raw ? json::parse(**raw, nullptr, false) : json();
      if (!record.is_object()) {
        note("article " + id + ": record unreadable, cannot re-index it");
        ++report.unrepaired;
        continue;
      }
      if (auto s = index_page(page_from(record)); !s) {
        note("article " + id + ": " + s.error().message);
        ++report.unrepaired;
        continue;
      }
      ++report.repaired;
    }
    if (auto s = commit(); !s) return std::unexpected(s.error());
    if (report.catalog_mismatched > 0) {
      // Tallies are counts: the exact repair is to count again from the offers.
      if (auto products = rebuild_catalog(); !products) return std::unexpected(products.error());
      report.repaired += report.catalog_mismatched;
    }
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "check"));
  }
  return report;
}

}  // namespace beautyidx::indexer
