#include "recommender/recommender.h"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <array>
#include <atomic>
#include <map>
#include <queue>
#include <mutex>
#include <set>
#include <unordered_map>

#include "core/date.h"
#include "core/json_internal.h"
#include "core/price.h"
#include "core/text.h"
#include "indexer/catalog.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "storage/store.h"
#include "url/url.h"

namespace beautyidx::recommender {
namespace {

using nlohmann::json;
using storage::Family;


Error xapian_error(const Xapian::Error& e, const std::string& context) {
  return Error{ErrorKind::kIo, context + ": " + e.get_description()};
}

// How much a quote's speaker adds to its search score; kMaxCredentialWeight is the largest.
constexpr double kMaxCredentialWeight = 1.5;
double credential_weight(CredentialClass c) {
  switch (c) {
    case CredentialClass::kDermatologist: case CredentialClass::kPlasticSurgeon: return kMaxCredentialWeight;
    case CredentialClass::kCosmeticChemist: case CredentialClass::kEsthetician: return 1.2;
    case CredentialClass::kMakeupArtist: case CredentialClass::kEditor: case CredentialClass::kOther: return 1.0;
    case CredentialClass::kNone: return 0.3;
  }
  return 0.3;
}

ArticleRef article_from(const json& j) { return ArticleRef{text_of(j, "id"), text_of(j, "url"), text_of(j, "title")}; }

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key) && j[key].is_array()) {
    for (const auto& v : j[key]) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

std::vector<std::string> intersect(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) out.push_back(x);
  }
  return out;
}

// Only plain (unprefixed) terms take part in more-like-this expansion.
class PlainTermDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    char c = term[0];
    if (c >= 'A' && c <= 'Z' && c != 'Z') return false;
    return term.size() > 3;
  }
};

// Related articles: weights of the blend and the floor below which a match is too weak to show.
constexpr double kRelatedTopicWeight = 0.6;
constexpr double kRelatedExpertWeight = 0.25;
constexpr double kRelatedProductWeight = 0.15;
constexpr double kRelatedMinScore = 0.45;

std::set<std::string> topic_set(const std::vector<std::string>& concerns, const std::vector<std::string>& techniques) {
  std::set<std::string> out(concerns.begin(), concerns.end());
  for (const auto& t : techniques) out.insert("t:" + t);
  return out;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (const auto& x : a) shared += b.count(x);
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

bool shares_any(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const auto& x : a) {
    if (b.count(x)) return true;
  }
  return false;
}

// The experts and products an article document names: from its links value, or (an index from
// before the value) its boolean terms.
struct LinkedIds {
  std::set<std::string> experts, products;
};

LinkedIds linked_ids(const Xapian::Document& doc) {
  LinkedIds out;
  const std::string links = doc.get_value(schema::kLinksSlot);
  if (size_t separator = links.find('\x1f'); separator != std::string::npos) {
    auto add_all = [](std::string_view ids, std::set<std::string>& into) {
      while (!ids.empty()) {
        size_t end = ids.find(' ');
        if (end != 0) into.emplace(ids.substr(0, end));
        if (end == std::string_view::npos) break;
        ids.remove_prefix(end + 1);
      }
    };
    add_all(std::string_view(links).substr(0, separator), out.experts);
    add_all(std::string_view(links).substr(separator + 1), out.products);
    return out;
  }
  for (auto [prefix, target] : {std::pair{schema::kExpertTerm, &out.experts}, std::pair{schema::kProductTerm, &out.products}}) {
    auto it = doc.termlist_begin();
    it.skip_to(std::string(prefix));
    for (; it != doc.termlist_end(); ++it) {
      const std::string& term = *it;
      if (!term.starts_with(prefix)) break;
      target->insert(term.substr(prefix.size()));
    }
  }
  return out;
}

// ---- Filters and facets -----------------------------------------------------------------

// Products are filtered and counted through their catalog entries: a facet counts products,
// not the articles that mention them.
enum class DocKind { kArticle, kQuote, kProduct };

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const auto& v : values) terms.emplace_back(schema::boolean_term(prefix, v));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// The filters that apply to one kind of document, leaving out the facet named `except`.
Xapian::Query filter_query(const Filters& f, DocKind kind, std::string_view except = "") {
  const std::string_view type = kind == DocKind::kArticle ? "article" : kind == DocKind::kQuote ? "quote" : schema::kCatalogType;
  std::vector<Xapian::Query> parts{Xapian::Query(std::string(schema::kTypeTerm) + std::string(type))};
  auto add = [&](std::string_view facet, std::string_view prefix, const std::vector<std::string>& values) {
    if (except != facet && !values.empty()) parts.push_back(any_of(prefix, values));
  };
  add("concern", schema::kConcernTerm, f.concerns);
  add("technique", schema::kTechniqueTerm, f.techniques);
  add("site", schema::kSiteTerm, f.sites);
  if (kind == DocKind::kQuote) {
    add("expert_type", schema::kCredentialTerm, f.expert_types);
    add("stance", schema::kStanceTerm, f.stances);
  }
  if (kind == DocKind::kProduct) {
    add("brand", schema::kBrandTerm, f.brands);
    add("retailer", schema::kRetailerTerm, f.retailers);
    if (except != "price" && f.price_max) {
      parts.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kPriceMinSlot, Xapian::sortable_serialise(*f.price_max));
    }
    if (except != "price" && f.price_min) {
      parts.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kPriceMinSlot, Xapian::sortable_serialise(*f.price_min));
    }
  }
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// Price bands of the facet, by lowest price.
constexpr std::array<std::pair<double, const char*>, 5> kPriceBands = {
    {{25, "under 25"}, {50, "25-50"}, {100, "50-100"}, {200, "100-200"}, {1e300, "200 and over"}}};

// Counts, over every matching document, the values of one boolean-term prefix, or price bands.
class FacetCounter : public Xapian::MatchSpy {
 public:
  explicit FacetCounter(std::string prefix) : prefix_(std::move(prefix)) {}

  void operator()(const Xapian::Document& doc, double) override {
    if (prefix_.empty()) {
      std::string value = doc.get_value(schema::kPriceMinSlot);
      if (value.empty()) return;
      double price = Xapian::sortable_unserialise(value);
      for (auto [limit, label] : kPriceBands) {
        if (price < limit) {
          ++counts_[label];
          break;
        }
      }
      return;
    }
    auto it = doc.termlist_begin();
    it.skip_to(prefix_);
    for (; it != doc.termlist_end(); ++it) {
      const std::string& term = *it;
      if (!term.starts_with(prefix_)) break;
      ++counts_[term.substr(prefix_.size())];
    }
  }

  std::vector<FacetValue> top(size_t n) const {
    std::vector<FacetValue> out;
    for (const auto& [value, count] : counts_) out.push_back({value, count});
    std::stable_sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (out.size() > n) out.resize(n);
    return out;
  }

 private:
  std::string prefix_;  // empty: price bands
  std::map<std::string, size_t> counts_;
};

// A catalog entry's data (as the indexer writes it) as a pick, with its evidence.
Pick pick_from_offer(const json& offer) {
  Pick pick;
  pick.product = product_from(offer["product"]);
  pick.product_id = offer["product"].value("id", "");
  pick.article = article_from(offer["article"]);
  for (const auto& e : offer.value("evidence", json::array())) {
    Evidence ev;
    ev.quote = e.value("quote", "");
    ev.speaker = e.value("speaker", "");
    ev.credential = e.value("credential", "");
    ev.credential_class = parse_credential_class(e.value("credential_class", "none")).value_or(CredentialClass::kNone);
    ev.stance = parse_stance(e.value("stance", "neutral")).value_or(Stance::kNeutral);
    ev.indirect = e.value("indirect", false);
    ev.article = pick.article;
    pick.evidence.push_back(std::move(ev));
  }
  return pick;
}

// Experts quoted in `quotes`, in order of first appearance, with their best quote.
std::vector<ExpertSummary> experts_of(const std::vector<Quote>& quotes) {
  std::vector<ExpertSummary> out;
  for (const Quote& q : quotes) {
    if (!q.speaker || q.speaker->credential.empty()) continue;
    std::string id = indexer::expert_id(*q.speaker);
    auto it = std::find_if(out.begin(), out.end(), [&](const ExpertSummary& e) { return e.id == id; });
    if (it == out.end()) {
      out.push_back({id, *q.speaker, q.text, 0});
      it = out.end() - 1;
    } else if (q.stance == Stance::kRecommends && !q.indirect) {
      it->best_quote = q.text;
    }
    ++it->quotes;
  }
  return out;
}

// ---- Ranking picks --------------------------------------------------------------------------
//
// Picks are catalog entries (indexer/catalog.h): one per product, across every article that
// offers it. Each is scored from its features slot, without reading its document data:
//
// score = topic * (matched concerns + techniques, each by the share of offers naming it)
//       + endorsement * sum over distinct experts recommending it, anywhere, of their credential weight
//       + evidence if any quote backs it at all
//       + text * Xapian relevance of the product, its section heading and its evidence
//       + mentions * log2(1 + articles offering it)
//       + type_match if it is of a type the question asks for, type_mismatch if it states another
//       + accessory if it is a gel, refill or attachment the question did not ask for
//       + recency * (1 for an article from today, falling to 0 at three years)
// README "How picks are ranked" explains the weights; they are here, in one place, to tune.
struct PickWeights {
  double topic = 2.0;
  double endorsement = 1.5;
  double evidence = 0.5;
  double text = 0.3;
  double mentions = 0.6;
  double type_match = 1.5;
  double type_mismatch = -1.0;
  double accessory = -2.5;
  double recency = 0.3;
};
constexpr PickWeights kPickWeights;

constexpr std::array<std::string_view, 8> kAccessoryWords = {"attachment", "case",   "charger", "gel",
                                                               "pouch",      "refill", "refills", "replacement"};

// How many catalog entries the matcher looks at, at least, for a question it matches itself
// (by words alone, or in a database without catalog topic terms): every product it can match
// in any catalog a blog network has. The entries carrying a question's topics all count: the
// handle has read them all already.
constexpr Xapian::doccount kCandidateDepth = 5000;

// What ranking needs to know about a product's name, which never changes for a product id:
// worked out once per name and kept by the query handle.
struct NameTraits {
  std::vector<std::string> types;         // product types the name states
  std::vector<std::string> accessories;   // words of kAccessoryWords in the name
};

NameTraits traits_of(std::string_view brand, std::string_view name) {
  NameTraits traits;
  traits.types = product_types_in(std::string(brand) + " " + std::string(name));
  for (const std::string& word : match_words(name)) {
    if (std::find(kAccessoryWords.begin(), kAccessoryWords.end(), word) != kAccessoryWords.end()) {
      traits.accessories.push_back(word);
    }
  }
  return traits;
}

// Days since 0000-03-01 of a YYYYMMDD date (the civil-from-days algorithm), nullopt if malformed.
std::optional<long> day_number(std::string_view yyyymmdd) {
  if (yyyymmdd.size() != 8) return std::nullopt;
  int year = 0, month = 0, day = 0;
  auto field = [&](size_t at, size_t n, int& out) {
    auto [end, error] = std::from_chars(yyyymmdd.data() + at, yyyymmdd.data() + at + n, out);
    return error == std::errc() && end == yyyymmdd.data() + at + n;
  };
  if (!field(0, 4, year) || !field(4, 2, month) || !field(6, 2, day) || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  if (month <= 2) --year;
  long era = year / 400;
  long year_of_era = year - era * 400;
  long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era;
}

// Concern and technique names as small numbers, for one query handle: a question compares its
// topics with those of thousands of entries, and comparing numbers instead of names was an
// eighth of a recommend. A name keeps its number for as long as the handle lives.
class TopicNumbers {
 public:
  uint32_t of(std::string_view name) {
    auto it = numbers_.find(name);
    if (it == numbers_.end()) it = numbers_.emplace(std::string(name), static_cast<uint32_t>(numbers_.size())).first;
    return it->second;
  }
  std::vector<uint32_t> of(const std::vector<std::string>& names) {
    std::vector<uint32_t> out;
    for (const std::string& name : names) out.push_back(of(name));
    return out;
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> numbers_;
};

// A concern or technique of a catalog entry: its name (a view into the entry's features), how
// many of the product's offers name it, and its number in the handle's TopicNumbers.
struct EntryTopic {
  std::string_view name;
  int offers = 0;
  uint32_t number = 0;
};

// What ranking reads of a catalog entry, worked out once per query handle and index generation:
// a question scores thousands of entries, and reading and decoding their values anew each time
// was most of a recommend's time. Built in place (`view` points into `features`).
struct CatalogFacts {
  bool valid = false;    // the features value decoded
  std::string features;  // encoded (indexer::encode_features); `view` and the topics point into it
  indexer::FeaturesView view;
  NameTraits traits;
  std::optional<long> day;  // of the newest article offering the product
  // The part of its score no question changes: endorsements, evidence and mentions.
  double standing = 0;
  std::vector<EntryTopic> concerns, techniques;
  // Lowest and highest current price in each budget currency (schema::kBudgetCurrencies order).
  std::array<std::optional<double>, std::size(schema::kBudgetCurrencies)> low, high;
  // The entry as a pick shows it, read from the document's data the first time it is picked.
  struct Shown {
    std::optional<Pick> pick;  // nullopt: unreadable data
    std::string brand_lower, article_id;
  };
  std::optional<Shown> shown;
};

// The slot's value as a price, if the document has one.
std::optional<double> price_value(const Xapian::Document& doc, int slot) {
  std::string value = doc.get_value(static_cast<Xapian::valueno>(slot));
  if (value.empty()) return std::nullopt;
  return Xapian::sortable_unserialise(value);
}

// The part of an entry's score no question changes.
double standing_of(const indexer::FeaturesView& f) {
  const PickWeights& w = kPickWeights;
  double standing = 0;
  for (size_t c = 0; c < f.endorsers.size(); ++c) {
    standing += w.endorsement * credential_weight(static_cast<CredentialClass>(c)) * f.endorsers[c];
  }
  if (f.evidenced > 0) standing += w.evidence;
  standing += w.mentions * std::log2(1.0 + static_cast<double>(f.mentions));
  return standing;
}

void read_catalog_facts(const Xapian::Document& doc, TopicNumbers& numbers, CatalogFacts& facts) {
  // Prices first: the matcher's budget filter sees them on an entry whose features are
  // malformed too, and a match from cached posting lists must keep the same entries.
  for (size_t i = 0; i < facts.low.size(); ++i) {
    const std::string_view currency = schema::kBudgetCurrencies[i];
    facts.low[i] = price_value(doc, schema::catalog_min_price_slot(currency));
    facts.high[i] = price_value(doc, schema::catalog_max_price_slot(currency));
  }
  facts.features = doc.get_value(schema::kFeaturesSlot);
  auto view = indexer::view_features(facts.features);
  if (!view) return;
  auto into = [&numbers](std::vector<EntryTopic>& topics) {
    return [&](std::string_view topic, int offers) { topics.push_back({topic, offers, numbers.of(topic)}); };
  };
  if (!indexer::for_each_topic(view->concerns, into(facts.concerns)) ||
      !indexer::for_each_topic(view->techniques, into(facts.techniques))) {
    return;  // malformed: never a candidate
  }
  facts.valid = true;
  facts.view = *view;
  facts.traits = traits_of(view->brand, view->name);
  facts.day = day_number(view->latest);
  facts.standing = standing_of(facts.view);
}

CatalogFacts::Shown shown_entry(const Xapian::Database& db, Xapian::docid doc_id, const CatalogFacts& facts) {
  CatalogFacts::Shown shown;
  shown.brand_lower = to_lower_ascii(facts.view.brand);
  Xapian::Document doc = db.get_document(doc_id);
  shown.article_id = doc.get_value(schema::kArticleSlot);
  json data = json::parse(doc.get_data(), nullptr, false);
  if (data.is_object() && data.contains("product")) shown.pick = pick_from_offer(data);
  return shown;
}

// A catalog entry a question matched: its document, its text weight (0 when the question's
// words do not match it) and its facts.
struct CatalogMatch {
  Xapian::docid doc = 0;
  double weight = 0;
  CatalogFacts* facts = nullptr;
};

// Catalog facts by document id, for one handle (not thread-safe, like the handle). From index
// version 4 a rebuilt catalog document gets a new id, so what was read of an id stays true and
// survives reopening (a crawl commits every few seconds; the entries it did not touch need not
// be read again); before, a rebuild kept the id and the facts are forgotten at each reopen.
//
// A match looks up every entry it sees, so ids are found in an open-addressed table of
// (id, position) pairs: std::unordered_map's hops from bucket to node were a tenth of a
// recommend. The facts themselves sit in a deque, whose elements never move.
//
// It also keeps, until the next commit, the entries each catalog topic term is on (as Lucene
// keeps filter bitsets): most questions name a concern or technique, whose boolean terms rank
// nothing, and walking their posting lists and price values through the matcher for every
// question was most of a recommend's time.
class CatalogFactsCache {
 public:
  // Called before a question's match, never during it: the facts a match has seen stay put.
  void bound() {
    if (facts_.size() >= kLimit) clear();
  }
  CatalogFacts& of(const Xapian::Document& doc) {
    const Xapian::docid id = doc.get_docid();
    if (2 * (facts_.size() + 1) > slots_.size()) grow();
    size_t at = slot_for(id);
    if (slots_[at].id == id) return facts_[slots_[at].position];
    slots_[at] = {id, static_cast<uint32_t>(facts_.size())};
    CatalogFacts& facts = facts_.emplace_back();
    read_catalog_facts(doc, topics_, facts);
    return facts;
  }
  TopicNumbers& topics() { return topics_; }
  // The entries carrying `term`, in document order.
  const std::vector<CatalogMatch>& entries_with(const Xapian::Database& db, const std::string& term) {
    auto [it, added] = by_term_.try_emplace(term);
    if (added) {
      for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting) {
        it->second.push_back({*posting, 0.0, &of(db.get_document(*posting, Xapian::DOC_ASSUME_VALID))});
      }
    }
    return it->second;
  }
  void clear() {
    by_term_.clear();
    facts_.clear();
    slots_.assign(slots_.size(), Slot{});
  }
  // After the handle reopened: facts are forgotten unless ids are stable, and then only once
  // they are mostly of documents that are gone (a rebuilt entry leaves its old id behind).
  // Posting lists are always read again.
  void reopened(const Xapian::Database& db, bool ids_stable) {
    by_term_.clear();
    const std::string type = std::string(schema::kTypeTerm) + std::string(schema::kCatalogType);
    if (!ids_stable || facts_.size() > 2 * static_cast<size_t>(db.get_termfreq(type)) + 1024) clear();
  }

 private:
  static constexpr size_t kLimit = 1000000;  // catalog entries: more products than any blog network lists
  struct Slot {
    Xapian::docid id = 0;  // 0: empty (Xapian ids start at 1)
    uint32_t position = 0;  // in facts_
  };
  // The slot holding `id`, or the empty one where it belongs (linear probing; never full).
  size_t slot_for(Xapian::docid id) const {
    const size_t mask = slots_.size() - 1;
    size_t at = (static_cast<size_t>(id) * 0x9E3779B97F4A7C15ull >> 20) & mask;
    while (slots_[at].id != 0 && slots_[at].id != id) at = (at + 1) & mask;
    return at;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, 2 * old.size()), Slot{});
    for (const Slot& slot : old) {
      if (slot.id != 0) slots_[slot_for(slot.id)] = slot;
    }
  }

  std::unordered_map<std::string, std::vector<CatalogMatch>> by_term_;
  std::deque<CatalogFacts> facts_;
  std::vector<Slot> slots_;
  TopicNumbers topics_;
};

// The weight of every document a match sees, in document order (the matcher's).
class WeightSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override { seen_.emplace_back(doc.get_docid(), weight); }
  const std::vector<std::pair<Xapian::docid, double>>& seen() const { return seen_; }

 private:
  std::vector<std::pair<Xapian::docid, double>> seen_;
};

// Sorts matches by document and keeps the first of each document's.
void in_document_order(std::vector<CatalogMatch>& matches) {
  std::stable_sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) { return a.doc < b.doc; });
  matches.erase(std::unique(matches.begin(), matches.end(), [](const auto& a, const auto& b) { return a.doc == b.doc; }),
                matches.end());
}

// Sees every matching catalog entry while Xapian matches (the MSet itself stays empty): in the
// matcher, values come from value streams in document order, where Document::get_value on MSet
// items would seek for each one.
class CandidateSpy : public Xapian::MatchSpy {
 public:
  explicit CandidateSpy(CatalogFactsCache& cache) : cache_(cache) {}
  void operator()(const Xapian::Document& doc, double weight) override {
    seen_.push_back({doc.get_docid(), weight, &cache_.of(doc)});
  }
  std::vector<CatalogMatch>& seen() { return seen_; }

 private:
  CatalogFactsCache& cache_;
  std::vector<CatalogMatch> seen_;
};

// A catalog entry in the running for a pick: its score, and what choosing it needs.
struct Candidate {
  Xapian::docid doc = 0;
  CatalogFacts* facts = nullptr;
  double score = 0;
  double price = 0;  // lowest current price in the budget's currency (with a budget)
  std::optional<double> price_max;
};

// The topics of an entry the question asked for (by number), in the entry's order.
std::vector<std::string> matched_topics(const std::vector<EntryTopic>& topics, const std::vector<uint32_t>& asked) {
  std::vector<std::string> out;
  for (const EntryTopic& topic : topics) {
    if (std::find(asked.begin(), asked.end(), topic.number) != asked.end()) out.emplace_back(topic.name);
  }
  return out;
}

// A question's concerns and techniques by their numbers in the handle's TopicNumbers.
struct AskedTopics {
  std::vector<uint32_t> concerns, techniques;
};

// The matched concerns and techniques, each counted by the share of the product's offers that
// name it.
double topic_share(const CatalogFacts& facts, const AskedTopics& asked) {
  double share = 0;
  auto add = [&](const std::vector<EntryTopic>& topics, const std::vector<uint32_t>& numbers) {
    for (const EntryTopic& topic : topics) {
      if (std::find(numbers.begin(), numbers.end(), topic.number) != numbers.end()) {
        share += std::min(1.0, static_cast<double>(topic.offers) / std::max(1, facts.view.mentions));
      }
    }
  };
  if (!asked.concerns.empty()) add(facts.concerns, asked.concerns);
  if (!asked.techniques.empty()) add(facts.techniques, asked.techniques);
  return share;
}


double candidate_score(const CatalogFacts& facts, const QueryInterpretation& q, const AskedTopics& asked_topics,
                       const std::string& asked_lower, double text_relevance, long today) {
  const PickWeights& w = kPickWeights;
  const NameTraits& traits = facts.traits;
  double score = w.topic * topic_share(facts, asked_topics);
  score += facts.standing;
  // With no concern or technique to match, the words are all there is to go on.
  score += (q.concerns.empty() && q.techniques.empty() ? 3 * w.text : w.text) * text_relevance;
  if (!q.product_types.empty()) {
    bool match = false;
    for (const auto& t : traits.types) match = match || std::find(q.product_types.begin(), q.product_types.end(), t) != q.product_types.end();
    if (match) score += w.type_match;
    else if (!traits.types.empty()) score += w.type_mismatch;
  }
  for (const std::string& word : traits.accessories) {
    if (asked_lower.find(word) == std::string::npos) {
      score += w.accessory;
      break;
    }
  }
  if (facts.day) {
    double years = static_cast<double>(std::max(0L, today - *facts.day)) / 365.25;
    score += w.recency * std::max(0.0, 1.0 - years / 3.0);
  }
  return score;
}

}  // namespace

// An answer with its JSON, written once: at a 20 KB answer, serialising it again for every
// request cost more than finding it.
struct Recommender::CachedRecommendation {
  RecommendResponse response;
  std::string json;
};

struct Recommender::Impl {
  std::filesystem::path dir;
  Taxonomy taxonomy;
  std::unique_ptr<storage::Store> store;
  // Xapian::Database and Xapian::Stem are not safe for concurrent use, so each query borrows a
  // handle of its own from a pool (opened on first need) and queries run in parallel.
  struct Handle {
    Xapian::Database db;
    Xapian::Stem stemmer{"en"};
    uint64_t generation = 0;
    CatalogFactsCache catalog;
    // Picks up the latest commit.
    void reopen(bool catalog_ids_stable) {
      db.reopen();
      catalog.reopened(db, catalog_ids_stable);
    }
  };
  struct HandleReturn {
    const Impl* impl;
    void operator()(Handle* handle) const {
      std::lock_guard lock(impl->pool_mutex);
      impl->idle.emplace_back(handle);
    }
  };
  using Borrowed = std::unique_ptr<Handle, HandleReturn>;

  std::string xapian_path;
  // Whether catalog entries carry topic terms of their own (index version 3 on): a database a
  // writer of this version has not opened yet is read with the terms every document has.
  std::atomic<bool> catalog_topic_terms = true;
  // Whether a catalog document's id changes when it is rebuilt (index version 4 on).
  std::atomic<bool> catalog_ids_stable = false;
  mutable std::mutex pool_mutex;
  mutable std::vector<std::unique_ptr<Handle>> idle;
  mutable uint64_t generation = 0;  // bumped when refresh() finds a new commit

  // Throws Xapian::Error when the index cannot be opened; callers are inside their try blocks.
  Borrowed borrow() const {
    std::unique_ptr<Handle> handle;
    uint64_t current = 0;
    {
      std::lock_guard lock(pool_mutex);
      current = generation;
      if (!idle.empty()) {
        handle = std::move(idle.back());
        idle.pop_back();
      }
    }
    if (!handle) {
      handle = std::make_unique<Handle>();
      handle->db = Xapian::Database(xapian_path);
      handle->generation = current;
    } else if (handle->generation != current) {
      handle->reopen(catalog_ids_stable);
      handle->generation = current;
    }
    return Borrowed(handle.release(), HandleReturn{this});
  }

  // Related articles change only when the index does, and a blog's widget asks for the same
  // few articles again and again: answers are kept until refresh() sees a new commit.
  static constexpr size_t kRelatedCacheSize = 20000;
  mutable std::mutex related_mutex;
  mutable std::unordered_map<std::string, RelatedResponse> related_cache;
  // The same goes for popular questions ("de-puffing under $50"), keyed by the exact request.
  static constexpr size_t kRecommendCacheSize = 20000;
  mutable std::mutex recommend_mutex;
  mutable std::unordered_map<std::string, std::shared_ptr<const CachedRecommendation>> recommend_cache;

  Status read_index_version() {
    auto version = store->get(Family::kMeta, schema::kSchemaVersionKey);
    if (!version) return std::unexpected(version.error());
    const int number = *version ? std::atoi((*version)->c_str()) : 0;
    catalog_topic_terms = number >= 3;
    catalog_ids_stable = number >= 4;
    return {};
  }

  void forget_answers() const {
    {
      std::lock_guard lock(related_mutex);
      related_cache.clear();
    }
    std::lock_guard lock(recommend_mutex);
    recommend_cache.clear();
  }

  // The question's concerns and techniques; for recommend, the terms only catalog entries carry.
  enum class Topics { kAllDocuments, kCatalogOnly };
  std::vector<std::string> topic_terms(const QueryInterpretation& q, Topics topics) const {
    const bool catalog = topics == Topics::kCatalogOnly;
    std::vector<std::string> terms;
    for (const auto& c : q.concerns) {
      terms.push_back(schema::boolean_term(catalog ? schema::kCatalogConcernTerm : schema::kConcernTerm, c));
    }
    for (const auto& t : q.techniques) {
      terms.push_back(schema::boolean_term(catalog ? schema::kCatalogTechniqueTerm : schema::kTechniqueTerm, t));
    }
    return terms;
  }
  Xapian::Query topic_query(const QueryInterpretation& q, Topics topics = Topics::kAllDocuments) const {
    std::vector<std::string> terms = topic_terms(q, topics);
    return terms.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  Xapian::Query text_query(const std::string& text, const Xapian::Stem& stemmer) const {
    if (trim(text).empty()) return Xapian::Query();
    Xapian::QueryParser parser;
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);  // as the indexer writes (schema.h)
    parser.set_default_op(Xapian::Query::OP_OR);
    try {
      // Plain words only: a user's "AND", quotes or wildcards should not change the meaning.
      return parser.parse_query(text, 0);
    } catch (const Xapian::QueryParserError&) {
      return Xapian::Query();
    }
  }

};

Recommender::Recommender(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Recommender::~Recommender() = default;

const Taxonomy& Recommender::taxonomy() const { return impl_->taxonomy; }

Result<std::unique_ptr<Recommender>> Recommender::open(const std::filesystem::path& db_dir, Taxonomy taxonomy) {
  auto impl = std::make_unique<Impl>();
  impl->dir = db_dir;
  impl->taxonomy = std::move(taxonomy);
  storage::StoreOptions options;
  options.read_only = true;
  auto store = storage::Store::open(schema::records_dir(db_dir), options);
  if (!store) return std::unexpected(store.error().with_context("open database " + db_dir.string()));
  impl->store = std::move(*store);
  impl->xapian_path = schema::xapian_dir(db_dir).string();
  if (auto s = impl->read_index_version(); !s) return std::unexpected(s.error());
  try {
    impl->borrow();  // opens the first handle: a missing or broken index fails here, not later
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "open index " + schema::xapian_dir(db_dir).string()));
  }
  return std::unique_ptr<Recommender>(new Recommender(std::move(impl)));
}

Result<bool> Recommender::crawls_site(const std::string& origin) const {
  bool found = false;
  auto status = impl_->store->scan(Family::kCrawlState, origin + "/", [&](std::string_view, std::string_view) {
    found = true;
    return false;
  });
  if (!status) return std::unexpected(status.error());
  return found;
}

Status Recommender::refresh() {
  try {
    auto handle = impl_->borrow();
    if (handle->db.reopen()) {
      // Whatever fails below, nothing of the old commit is served from here on.
      Status status = impl_->store->refresh();
      if (status) status = impl_->read_index_version();
      handle->catalog.reopened(handle->db, status && impl_->catalog_ids_stable);
      {
        std::lock_guard lock(impl_->pool_mutex);
        handle->generation = ++impl_->generation;  // the other handles reopen when next borrowed
      }
      impl_->forget_answers();
      return status;
    }
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "reopen index"));
  }
  return impl_->store->refresh();
}

Result<std::shared_ptr<const Recommender::CachedRecommendation>> Recommender::cached_recommend(
    const RecommendRequest& request) const {
  const std::string cache_key = request.query + '\n' + std::to_string(request.limit) + '/' +
                                std::to_string(request.per_brand) + '/' + std::to_string(request.per_article);
  {
    std::lock_guard lock(impl_->recommend_mutex);
    auto cached = impl_->recommend_cache.find(cache_key);
    if (cached != impl_->recommend_cache.end()) return cached->second;
  }
  auto answer = recommend_uncached(request);
  if (!answer) return std::unexpected(answer.error());
  std::string body = to_json(*answer);
  auto entry = std::make_shared<const CachedRecommendation>(CachedRecommendation{std::move(*answer), std::move(body)});
  std::lock_guard lock(impl_->recommend_mutex);
  if (impl_->recommend_cache.size() >= Impl::kRecommendCacheSize) impl_->recommend_cache.clear();
  impl_->recommend_cache.emplace(cache_key, entry);
  return entry;
}

Result<RecommendResponse> Recommender::recommend(const RecommendRequest& request) const {
  auto entry = cached_recommend(request);
  if (!entry) return std::unexpected(entry.error());
  return (*entry)->response;
}

Result<std::string> Recommender::recommend_json(const RecommendRequest& request) const {
  auto entry = cached_recommend(request);
  if (!entry) return std::unexpected(entry.error());
  return (*entry)->json;
}

Result<RecommendResponse> Recommender::recommend_uncached(const RecommendRequest& request) const {
  RecommendResponse response;
  response.query = interpret_query(request.query, impl_->taxonomy);
  const QueryInterpretation& q = response.query;
  if (q.concerns.empty() && q.techniques.empty() && trim(q.residual).empty()) {
    response.explanation = "the question names no concern, technique or product to look for";
    return response;
  }
  try {
    auto handle = impl_->borrow();
    handle->catalog.bound();
    Xapian::Query topic = impl_->topic_query(q, impl_->catalog_topic_terms ? Impl::Topics::kCatalogOnly : Impl::Topics::kAllDocuments);
    Xapian::Query text = impl_->text_query(q.residual, handle->stemmer);
    Xapian::Query match = topic.empty() ? text : text.empty() ? topic : Xapian::Query(Xapian::Query::OP_AND_MAYBE, topic, text);
    if (match.empty()) {
      response.explanation = "nothing in the question matches the index's vocabulary";
      return response;
    }
    // A budget names a currency: only entries with offers in it, priced from that currency's
    // slots. A currency no slot exists for matches nothing rather than something unconverted.
    int min_slot = q.budget ? schema::catalog_min_price_slot(q.budget->currency) : -1;
    // What a match must also be: a catalog entry, and with a budget one with a price in its
    // currency (`within_budget`: in its range). Parts another part implies are left out, as the
    // matcher would walk their posting lists for nothing: only catalog entries carry the
    // catalog topic terms, and only an entry priced in a currency has a value in its slot.
    auto filtered = [&](const Xapian::Query& query, bool topic_led, bool within_budget) {
      std::vector<Xapian::Query> parts;
      if (!topic_led || !impl_->catalog_topic_terms) {
        parts.emplace_back(std::string(schema::kTypeTerm) + std::string(schema::kCatalogType));
      }
      bool ranged = false;
      if (within_budget && q.budget && min_slot >= 0 && q.budget->max) {
        parts.emplace_back(Xapian::Query::OP_VALUE_LE, static_cast<Xapian::valueno>(min_slot),
                           Xapian::sortable_serialise(*q.budget->max));
        ranged = true;
      }
      if (within_budget && q.budget && min_slot >= 0 && q.budget->min) {
        // "Over $100" counts by the lowest current price too, so every price shown is in range.
        parts.emplace_back(Xapian::Query::OP_VALUE_GE, static_cast<Xapian::valueno>(min_slot),
                           Xapian::sortable_serialise(*q.budget->min));
        ranged = true;
      }
      if (q.budget && !ranged) parts.emplace_back(std::string(schema::kCurrencyTerm) + q.budget->currency);
      if (parts.empty()) return query;
      return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
    };
    // Budget currencies are the price slots' order (schema.h).
    const size_t currency = min_slot >= 0 ? static_cast<size_t>(min_slot - schema::catalog_min_price_slot(schema::kBudgetCurrencies[0])) : 0;
    // Whether a price in the budget's currency is outside its range.
    auto outside_budget = [&](double price) {
      return (q.budget->max && price > *q.budget->max) || (q.budget->min && price < *q.budget->min);
    };
    // The entries carrying the concern or technique; when they are fewer than asked for and
    // the question has words too (a page may tag a product differently), also those the words
    // match, which score lower for lacking the topic. The MSet itself stays empty: a spy sees
    // every match.
    //
    // With catalog topic terms, the entries carrying them come from the handle's cache,
    // filtered here as the matcher's filter would filter them, and the matcher runs for the
    // words alone, to weigh the entries they match: the answers of matching
    // AND_MAYBE(topics, words) without walking the topics' postings for every question.
    auto cached_topic_entries = [&](bool within_budget) {
      std::vector<CatalogMatch> found;
      for (const std::string& term : impl_->topic_terms(q, Impl::Topics::kCatalogOnly)) {
        const std::vector<CatalogMatch>& entries = handle->catalog.entries_with(handle->db, term);
        found.insert(found.end(), entries.begin(), entries.end());
      }
      in_document_order(found);
      if (q.budget) {
        std::erase_if(found, [&](const CatalogMatch& m) {
          const std::optional<double>& low = m.facts->low[currency];
          return !low || (within_budget && outside_budget(*low));
        });
      }
      if (text.empty()) return found;
      // The words' weights, for the entries that carry the topics (in document order).
      WeightSpy weights;
      Xapian::Enquire enquire(handle->db);
      enquire.add_matchspy(&weights);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, text, topic));
      enquire.get_mset(0, 0, handle->db.get_doccount());
      auto at = weights.seen().begin();
      for (CatalogMatch& m : found) {
        at = std::lower_bound(at, weights.seen().end(), m.doc, [](const auto& w, Xapian::docid doc) { return w.first < doc; });
        if (at != weights.seen().end() && at->first == m.doc) m.weight = at->second;
      }
      return found;
    };
    auto matched = [&](const Xapian::Query& query) {
      CandidateSpy spy(handle->catalog);
      Xapian::Enquire enquire(handle->db);
      enquire.add_matchspy(&spy);
      enquire.set_query(query);
      enquire.get_mset(0, 0, kCandidateDepth);
      return std::move(spy.seen());
    };
    auto run = [&](bool within_budget) {
      std::vector<CatalogMatch> found = !topic.empty() && impl_->catalog_topic_terms
                                            ? cached_topic_entries(within_budget)
                                            : matched(filtered(match, !topic.empty(), within_budget));
      if (found.size() < request.limit && !topic.empty() && !text.empty()) {
        std::vector<CatalogMatch> worded =
            matched(filtered(Xapian::Query(Xapian::Query::OP_AND_MAYBE, text, topic), false, within_budget));
        found.insert(found.end(), worded.begin(), worded.end());
      }
      return found;
    };
    const long today = day_number(utc_today("%Y%m%d")).value_or(0);
    const std::string asked = to_lower_ascii(q.text);
    const AskedTopics asked_topics{handle->catalog.topics().of(q.concerns), handle->catalog.topics().of(q.techniques)};
    std::vector<Candidate> candidates;
    std::vector<CatalogMatch> matches = (!q.budget || min_slot >= 0) ? run(/*within_budget=*/true) : std::vector<CatalogMatch>();
    // A second, word-led match repeats entries of the first; the first (topic-led) sighting counts.
    in_document_order(matches);
    candidates.reserve(matches.size());
    for (const CatalogMatch& seen : matches) {
      CatalogFacts& facts = *seen.facts;
      if (!facts.valid) continue;
      Candidate c;
      c.doc = seen.doc;
      c.facts = &facts;
      if (q.budget) {
        if (!facts.low[currency]) continue;
        c.price = *facts.low[currency];
        if (facts.high[currency] && *facts.high[currency] > c.price) c.price_max = facts.high[currency];
        // The budget is strict: a bad value slot must never let an over-budget pick through.
        if (outside_budget(c.price)) continue;
      }
      c.score = candidate_score(facts, q, asked_topics, asked, seen.weight, today);
      candidates.push_back(std::move(c));
    }
    // Best first; ties to the cheaper, then to the older entry. Only as much of the order as the
    // picks need is sorted: the per-brand and per-article limits skip a few, rarely many.
    std::vector<size_t> order(candidates.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto better = [&](size_t a, size_t b) {
      if (candidates[a].score != candidates[b].score) return candidates[a].score > candidates[b].score;
      if (candidates[a].price != candidates[b].price) return candidates[a].price < candidates[b].price;
      return candidates[a].doc < candidates[b].doc;
    };
    size_t sorted = std::min(order.size(), std::max<size_t>(64, 8 * request.limit));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(sorted), order.end(), better);
    // Only the chosen few are read in full.
    std::map<std::string, size_t> per_brand, per_article;
    for (size_t n = 0; n < order.size(); ++n) {
      if (response.results.size() >= request.limit) break;
      if (n == sorted) {
        std::sort(order.begin() + static_cast<std::ptrdiff_t>(n), order.end(), better);
        sorted = order.size();
      }
      const size_t i = order[n];
      Candidate& c = candidates[i];
      if (!c.facts->shown) c.facts->shown = shown_entry(handle->db, c.doc, *c.facts);
      const CatalogFacts::Shown& shown = *c.facts->shown;
      if (!shown.pick) continue;
      if (!shown.brand_lower.empty() && per_brand[shown.brand_lower] >= request.per_brand) continue;
      if (per_article[shown.article_id] >= request.per_article) continue;
      Pick pick = *shown.pick;
      if (q.budget) pick.product.price = Price{c.price, c.price_max, {}, q.budget->currency};
      pick.matched_concerns = matched_topics(c.facts->concerns, asked_topics.concerns);
      pick.matched_techniques = matched_topics(c.facts->techniques, asked_topics.techniques);
      pick.score = c.score;
      ++per_brand[shown.brand_lower];
      ++per_article[shown.article_id];
      response.results.push_back(std::move(pick));
    }

    if (response.results.empty()) {
      std::string about;
      for (const auto& c : q.concerns) about += (about.empty() ? "" : ", ") + c;
      for (const auto& t : q.techniques) about += (about.empty() ? "" : ", ") + t;
      if (about.empty()) about = q.residual;
      std::optional<double> cheapest;
      for (const CatalogMatch& any : q.budget && min_slot >= 0 ? run(/*within_budget=*/false) : std::vector<CatalogMatch>()) {
        const std::optional<double>& amount = any.facts->low[currency];
        if (amount && (!cheapest || *amount < *cheapest)) cheapest = amount;
      }
      std::string budget_text;
      if (q.budget && q.budget->max && q.budget->min) {
        budget_text = " between " + format_price({*q.budget->min, {}, {}, q.budget->currency}) + " and " +
                      format_price({*q.budget->max, {}, {}, q.budget->currency});
      } else if (q.budget && q.budget->max) {
        budget_text = " under " + format_price({*q.budget->max, {}, {}, q.budget->currency});
      } else if (q.budget && q.budget->min) {
        budget_text = " over " + format_price({*q.budget->min, {}, {}, q.budget->currency});
      }
      response.explanation = "no " + about + " picks" + budget_text;
      if (cheapest) response.explanation += "; the cheapest is " + format_price({*cheapest, {}, {}, q.budget->currency});
    }
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "recommend"));
  }
  return response;
}

Result<SearchResponse> Recommender::search(const SearchRequest& request) const {
  SearchResponse response;
  response.query = interpret_query(request.query, impl_->taxonomy);
  const QueryInterpretation& q = response.query;
  try {
    auto handle = impl_->borrow();
    Xapian::Query text = impl_->text_query(q.residual, handle->stemmer);
    Xapian::Query topic = impl_->topic_query(q);
    Xapian::Query match = text.empty() ? topic : topic.empty() ? text : Xapian::Query(Xapian::Query::OP_OR, text, topic);
    if (match.empty() && request.filters.empty()) return response;
    if (match.empty()) match = Xapian::Query::MatchAll;

    // Quotes, by experts of the asked-for kind when there are any.
    Xapian::Query quote_type = filter_query(request.filters, DocKind::kQuote);
    Xapian::Query quote_filter = quote_type;
    if (!q.expert_classes.empty()) {
      std::vector<Xapian::Query> classes;
      for (auto c : q.expert_classes) classes.emplace_back(std::string(schema::kCredentialTerm) + credential_class_name(c));
      quote_filter = Xapian::Query(Xapian::Query::OP_AND, quote_type,
                                   Xapian::Query(Xapian::Query::OP_OR, classes.begin(), classes.end()));
    }
    auto quotes_for = [&](const Xapian::Query& filter) {
      Xapian::Enquire enquire(handle->db);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, match, filter));
      return enquire.get_mset(0, 200);
    };
    Xapian::MSet quotes = quotes_for(quote_filter);
    if (quotes.empty() && !q.expert_classes.empty()) quotes = quotes_for(quote_type);
    // A quote's score is its text weight plus at most `max_bonus`; quotes come by weight, so
    // once a weight plus that bonus cannot beat the limit-th best score so far, no later quote
    // can: their records are never read (reading and parsing them was a third of a search).
    const double max_bonus = 2.0 * static_cast<double>(q.concerns.size() + q.techniques.size()) + kMaxCredentialWeight;
    std::priority_queue<double, std::vector<double>, std::greater<>> best_scores;  // the limit best so far
    for (auto it = quotes.begin(); it != quotes.end(); ++it) {
      if (best_scores.size() >= request.limit && (request.limit == 0 || it.get_weight() + max_bonus < best_scores.top())) break;
      json record = json::parse(it.get_document().get_data(), nullptr, false);
      if (!record.is_object()) continue;
      QuoteHit hit;
      hit.quote = quote_from(record);
      hit.article = article_from(record["article"]);
      double overlap = static_cast<double>(intersect(hit.quote.concerns, q.concerns).size() +
                                           intersect(hit.quote.techniques, q.techniques).size());
      hit.score = it.get_weight() + 2.0 * overlap + (hit.quote.speaker ? credential_weight(hit.quote.speaker->credential_class) : 0);
      best_scores.push(hit.score);
      if (best_scores.size() > request.limit) best_scores.pop();
      response.quotes.push_back(std::move(hit));
    }
    std::stable_sort(response.quotes.begin(), response.quotes.end(),
                     [](const QuoteHit& a, const QuoteHit& b) { return a.score > b.score; });
    if (response.quotes.size() > request.limit) response.quotes.resize(request.limit);

    Xapian::Enquire enquire(handle->db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, match, filter_query(request.filters, DocKind::kArticle)));
    Xapian::MSet articles = enquire.get_mset(0, static_cast<Xapian::doccount>(request.limit));
    for (auto it = articles.begin(); it != articles.end(); ++it) {
      json record = json::parse(it.get_document().get_data(), nullptr, false);
      if (!record.is_object()) continue;
      ArticleHit hit;
      hit.article = article_from(record);
      // MSet::snippet escapes the text as HTML and wraps matches in <b>.
      hit.snippet = articles.snippet(record.value("snippet", ""), 200, handle->stemmer,
                                     Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE);
      hit.score = it.get_weight();
      response.articles.push_back(std::move(hit));
    }
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "search"));
  }
  return response;
}

Result<RelatedResponse> Recommender::related(const RelatedRequest& request) const {
  auto normalized = url::normalize(request.url);
  if (!normalized) return std::unexpected(normalized.error());
  auto id = impl_->store->get(Family::kUrlIndex, *normalized);
  if (!id) return std::unexpected(id.error());
  if (!*id) return make_error(ErrorKind::kNotFound, "no article indexed for " + *normalized);
  const std::string cache_key = **id + "/" + std::to_string(request.limit) + "/" + std::to_string(request.min_results);
  {
    std::lock_guard cache_lock(impl_->related_mutex);
    auto cached = impl_->related_cache.find(cache_key);
    if (cached != impl_->related_cache.end()) return cached->second;
  }
  std::optional<RelatedResponse> answer;
  if (request.limit <= kStoredRelated) {
    // A list is current unless the indexer has marked it due since it was computed.
    auto due = impl_->store->get(Family::kMeta, schema::related_due_key(**id));
    if (!due) return std::unexpected(due.error());
    if (!*due) {
      auto stored = impl_->store->get(Family::kRelated, schema::related_list_key(**id));
      if (!stored) return std::unexpected(stored.error());
      if (*stored) answer = parse_stored_related(**stored);
    }
  }
  if (!answer) {
    auto computed = compute_related(**id, std::max(request.limit, kStoredRelated));
    if (!computed) return computed;
    answer = std::move(*computed);
  }
  if (answer->related.size() > request.limit) answer->related.resize(request.limit);
  if (answer->related.size() < request.min_results) answer->related.clear();  // nothing rather than weak matches
  std::lock_guard cache_lock(impl_->related_mutex);
  if (impl_->related_cache.size() >= Impl::kRelatedCacheSize) impl_->related_cache.clear();
  impl_->related_cache.emplace(cache_key, *answer);
  return *answer;
}

Result<RelatedResponse> Recommender::compute_related(const std::string& article_id, size_t limit) const {
  RelatedResponse response;
  try {
    auto handle = impl_->borrow();
    std::string id_term = std::string(schema::kIdTerm) + "a" + article_id;
    auto postings = handle->db.postlist_begin(id_term);
    if (postings == handle->db.postlist_end(id_term)) {
      return make_error(ErrorKind::kNotFound, "article " + article_id + " is not in the search index");
    }
    Xapian::docid self = *postings;
    Xapian::Document doc = handle->db.get_document(self);
    json data = json::parse(doc.get_data(), nullptr, false);
    response.article = article_from(data);
    auto self_concerns = strings(data, "concerns");
    auto self_techniques = strings(data, "techniques");

    Xapian::Enquire enquire(handle->db);
    Xapian::RSet rset;
    rset.add_document(self);
    PlainTermDecider decider;
    Xapian::ESet eset = enquire.get_eset(25, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
    Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());
    Xapian::Query articles_only(std::string(schema::kTypeTerm) + "article");
    Xapian::Query query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_FILTER, like, articles_only),
                        Xapian::Query(id_term));
    enquire.set_query(query);
    Xapian::MSet mset = enquire.get_mset(0, 50);
    double top = mset.empty() ? 1.0 : std::max(mset.begin().get_weight(), 1e-9);
    const auto self_topics = topic_set(self_concerns, self_techniques);
    const auto self_links = linked_ids(doc);
    std::vector<ArticleHit> hits;
    std::map<std::string, std::vector<std::string>> authors_of;
    std::map<std::string, std::string> date_of;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document other_doc = it.get_document();
      json other = json::parse(other_doc.get_data(), nullptr, false);
      if (!other.is_object()) continue;
      ArticleHit hit;
      hit.article = article_from(other);
      hit.snippet = other.value("snippet", "");
      // A documented blend (README "Related articles"): more-like-this text similarity, then
      // what a reader would call "the same topic": shared concerns and techniques (Jaccard),
      // a shared expert, a shared product.
      auto topics = topic_set(strings(other, "concerns"), strings(other, "techniques"));
      auto links = linked_ids(other_doc);
      hit.score = it.get_weight() / top + kRelatedTopicWeight * jaccard(self_topics, topics) +
                  (shares_any(self_links.experts, links.experts) ? kRelatedExpertWeight : 0) +
                  (shares_any(self_links.products, links.products) ? kRelatedProductWeight : 0);
      authors_of[hit.article.id] = strings(other, "authors");
      date_of[hit.article.id] = other.value("published", json("")).is_string() ? other.value("published", "") : "";
      hits.push_back(std::move(hit));
    }
    // Ties (equal scores, rare with real weights) go to the newer article.
    std::stable_sort(hits.begin(), hits.end(), [&](const ArticleHit& a, const ArticleHit& b) {
      if (a.score != b.score) return a.score > b.score;
      return date_of[a.article.id] > date_of[b.article.id];
    });
    std::map<std::string, size_t> per_author;
    for (ArticleHit& hit : hits) {
      if (response.related.size() >= limit) break;
      if (hit.score < kRelatedMinScore) break;  // nothing rather than weak matches
      const auto& authors = authors_of[hit.article.id];
      std::string author = authors.empty() ? "" : authors.front();
      if (!author.empty() && per_author[author] >= 2) continue;
      ++per_author[author];
      response.related.push_back(std::move(hit));
    }
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "related"));
  }
  return response;
}

Result<Counts> Recommender::counts() const {
  Counts counts;
  struct Target {
    Family family;
    size_t* out;
  };
  for (Target t : {Target{Family::kCrawlState, &counts.pages}, Target{Family::kArticles, &counts.articles},
                   Target{Family::kQuotes, &counts.quotes}, Target{Family::kProducts, &counts.products},
                   Target{Family::kExperts, &counts.experts}}) {
    auto n = impl_->store->count(t.family);
    if (!n) return std::unexpected(n.error());
    *t.out = *n;
  }
  return counts;
}

namespace {

bool looks_like_id(const std::string& s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

Result<json> read_record(const storage::Store& store, Family family, const std::string& key, const char* what) {
  auto raw = store.get(family, key);
  if (!raw) return std::unexpected(raw.error());
  if (!*raw) return make_error(ErrorKind::kNotFound, std::string("no ") + what + " " + key);
  json record = json::parse(**raw, nullptr, false);
  if (!record.is_object()) return make_error(ErrorKind::kCorruption, std::string("unreadable ") + what + " record " + key);
  return record;
}

}  // namespace

Result<ArticleDetail> Recommender::article(const std::string& url_or_id) const {
  std::string id;
  if (looks_like_id(url_or_id)) {
    id = url_or_id;
  } else {
    auto normalized = url::normalize(url_or_id);
    if (!normalized) return std::unexpected(normalized.error());
    auto found = impl_->store->get(Family::kUrlIndex, *normalized);
    if (!found) return std::unexpected(found.error());
    if (!*found) return make_error(ErrorKind::kNotFound, "no article indexed for " + *normalized);
    id = **found;
  }
  auto record = read_record(*impl_->store, Family::kArticles, id, "article");
  if (!record) return std::unexpected(record.error());
  ExtractedPage page = page_from(*record);
  ArticleDetail detail;
  detail.article = {id, record->value("url", page.canonical_url.empty() ? page.url : page.canonical_url), page.title};
  if (!page.canonical_url.empty()) detail.article.url = page.canonical_url;
  detail.authors = page.authors;
  detail.published = page.published;
  detail.description = page.description;
  detail.image = page.image;
  detail.site_name = page.site_name;
  detail.snippet = indexer::snippet_of(page);  // as the article's search document shows it
  detail.concerns = page.concerns;
  detail.techniques = page.techniques;
  detail.quotes = page.quotes;
  detail.experts = experts_of(page.quotes);
  detail.alternates = strings(*record, "alternates");
  for (const auto& key : record->value("offer_keys", json::array())) {
    if (!key.is_string()) continue;
    auto offer = read_record(*impl_->store, Family::kOffers, key.get<std::string>(), "offer");
    if (offer) detail.products.push_back(pick_from_offer(*offer));
  }
  return detail;
}

Result<ProductDetail> Recommender::product(const std::string& id) const {
  auto record = read_record(*impl_->store, Family::kProducts, id, "product");
  if (!record) return std::unexpected(record.error());
  ProductDetail detail;
  detail.id = id;
  detail.brand = record->value("brand", "");
  detail.name = record->value("name", "");
  const std::string prefix = id + "/";
  auto status = impl_->store->scan(Family::kOffers, prefix, [&](std::string_view, std::string_view value) {
    json offer = json::parse(value, nullptr, false);
    if (!offer.is_object()) return true;
    Offer o;
    o.article = article_from(offer["article"]);
    o.product = product_from(offer["product"]);
    o.first_seen = offer.value("first_seen", "");
    o.last_seen = offer.value("last_seen", "");
    for (const auto& point : offer.value("history", json::array())) {
      if (point.is_object()) o.history.push_back({point.value("date", ""), price_from(point.value("price", json::object()))});
    }
    if (!detail.lowest || (o.product.price.currency == detail.lowest->currency && o.product.price.amount < detail.lowest->amount)) {
      detail.lowest = o.product.price;
    }
    detail.offers.push_back(std::move(o));
    return true;
  });
  if (!status) return std::unexpected(status.error());
  return detail;
}

Result<ExpertDetail> Recommender::expert(const std::string& id) const {
  auto record = read_record(*impl_->store, Family::kExperts, id, "expert");
  if (!record) return std::unexpected(record.error());
  ExpertDetail detail;
  detail.expert.id = id;
  detail.expert.speaker.name = record->value("name", "");
  detail.expert.speaker.credential = record->value("credential", "");
  detail.expert.speaker.credential_class =
      parse_credential_class(record->value("credential_class", "none")).value_or(CredentialClass::kNone);
  detail.expert.speaker.affiliation = record->value("affiliation", "");
  try {
    auto handle = impl_->borrow();
    Xapian::Enquire enquire(handle->db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(std::string(schema::kExpertTerm) + id),
                                    Xapian::Query(std::string(schema::kTypeTerm) + "quote")));
    enquire.set_sort_by_value(schema::kDateSlot, true);
    Xapian::MSet mset = enquire.get_mset(0, 200);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      json quote = json::parse(it.get_document().get_data(), nullptr, false);
      if (!quote.is_object()) continue;
      QuoteHit hit;
      hit.quote = quote_from(quote);
      hit.article = article_from(quote["article"]);
      if (hit.quote.stance == Stance::kRecommends && detail.expert.best_quote.empty()) detail.expert.best_quote = hit.quote.text;
      detail.quotes.push_back(std::move(hit));
    }
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "expert " + id));
  }
  detail.expert.quotes = detail.quotes.size();
  if (detail.expert.best_quote.empty() && !detail.quotes.empty()) detail.expert.best_quote = detail.quotes.front().quote.text;
  return detail;
}

bool Filters::empty() const {
  return concerns.empty() && techniques.empty() && expert_types.empty() && stances.empty() && sites.empty() &&
         brands.empty() && retailers.empty() && !price_min && !price_max;
}

Result<FacetsResponse> Recommender::facets(const SearchRequest& request) const {
  FacetsResponse response;
  response.query = interpret_query(request.query, impl_->taxonomy);
  const QueryInterpretation& q = response.query;
  struct Facet {
    const char* name;
    DocKind kind;
    std::string_view prefix;  // empty: price bands
  };
  static constexpr Facet kFacets[] = {
      {"concern", DocKind::kArticle, schema::kConcernTerm},   {"technique", DocKind::kArticle, schema::kTechniqueTerm},
      {"site", DocKind::kArticle, schema::kSiteTerm},         {"expert_type", DocKind::kQuote, schema::kCredentialTerm},
      {"stance", DocKind::kQuote, schema::kStanceTerm},       {"brand", DocKind::kProduct, schema::kBrandTerm},
      {"retailer", DocKind::kProduct, schema::kRetailerTerm},   {"price", DocKind::kProduct, ""}};
  try {
    auto handle = impl_->borrow();
    Xapian::Query text = impl_->text_query(q.residual, handle->stemmer);
    Xapian::Query topic = impl_->topic_query(q);
    Xapian::Query match = text.empty() ? topic : topic.empty() ? text : Xapian::Query(Xapian::Query::OP_OR, text, topic);
    if (match.empty()) match = Xapian::Query::MatchAll;
    for (const Facet& facet : kFacets) {
      FacetCounter counter{std::string(facet.prefix)};
      Xapian::Enquire enquire(handle->db);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, match, filter_query(request.filters, facet.kind, facet.name)));
      enquire.add_matchspy(&counter);
      enquire.get_mset(0, 0, handle->db.get_doccount());
      response.facets.emplace_back(facet.name, counter.top(20));
    }
  } catch (const Xapian::Error& e) {
    return std::unexpected(xapian_error(e, "facets"));
  }
  return response;
}

// ---- JSON -------------------------------------------------------------------------------

namespace {

json interpretation_json(const QueryInterpretation& q) {
  json budget = nullptr;
  if (q.budget) {
    budget = {{"min", q.budget->min ? json(*q.budget->min) : json(nullptr)},
              {"max", q.budget->max ? json(*q.budget->max) : json(nullptr)},
              {"currency", q.budget->currency}};
  }
  json experts = json::array();
  for (auto c : q.expert_classes) experts.push_back(credential_class_name(c));
  return {{"text", q.text}, {"concerns", q.concerns}, {"techniques", q.techniques}, {"budget", budget},
          {"expert_types", experts}, {"product_types", q.product_types}, {"residual", q.residual}};
}

json article_json(const ArticleRef& a) { return {{"id", a.id}, {"url", a.url}, {"title", a.title}}; }

json pick_json(const Pick& pick) {
  json evidence = json::array();
  for (const Evidence& e : pick.evidence) {
    evidence.push_back({{"quote", e.quote}, {"speaker", e.speaker}, {"credential", e.credential},
                        {"credential_class", credential_class_name(e.credential_class)},
                        {"stance", stance_name(e.stance)}, {"indirect", e.indirect},
                        {"article_url", e.article.url}, {"article_title", e.article.title}});
  }
  json product = product_json(pick.product);
  product["id"] = pick.product_id;
  product["price_text"] = format_price(pick.product.price);
  return {{"product", product}, {"score", pick.score}, {"concerns", pick.matched_concerns},
          {"techniques", pick.matched_techniques}, {"evidence", evidence}, {"article", article_json(pick.article)}};
}

json expert_summary_json(const ExpertSummary& e) {
  return {{"id", e.id}, {"name", e.speaker.name}, {"credential", e.speaker.credential},
          {"credential_class", credential_class_name(e.speaker.credential_class)},
          {"affiliation", e.speaker.affiliation}, {"best_quote", e.best_quote}, {"quotes", e.quotes}};
}


}  // namespace

std::string to_json(const QueryInterpretation& query) { return interpretation_json(query).dump(); }

std::string to_json(const RecommendResponse& response) {
  json results = json::array();
  for (const Pick& pick : response.results) results.push_back(pick_json(pick));
  json out = {{"query", interpretation_json(response.query)}, {"results", results}};
  if (!response.explanation.empty()) out["explanation"] = response.explanation;
  return out.dump();
}

std::string to_json(const SearchResponse& response) {
  json quotes = json::array();
  for (const QuoteHit& hit : response.quotes) {
    quotes.push_back({{"text", hit.quote.text}, {"speaker", speaker_json(hit.quote.speaker)},
                      {"stance", stance_name(hit.quote.stance)}, {"indirect", hit.quote.indirect},
                      {"article", article_json(hit.article)}, {"score", hit.score}});
  }
  json articles = json::array();
  for (const ArticleHit& hit : response.articles) {
    articles.push_back({{"url", hit.article.url}, {"title", hit.article.title}, {"id", hit.article.id},
                        {"snippet", hit.snippet}, {"score", hit.score}});
  }
  return json{{"query", interpretation_json(response.query)}, {"quotes", quotes}, {"articles", articles}}.dump();
}

std::string to_json(const RelatedResponse& response) {
  json related = json::array();
  for (const ArticleHit& hit : response.related) {
    related.push_back({{"url", hit.article.url}, {"title", hit.article.title}, {"id", hit.article.id},
                       {"score", hit.score}});
  }
  return json{{"article", article_json(response.article)}, {"related", related}}.dump();
}

std::string stored_related(const RelatedResponse& response) {
  json related = json::array();
  for (const ArticleHit& hit : response.related) {
    related.push_back({{"id", hit.article.id}, {"url", hit.article.url}, {"title", hit.article.title},
                       {"snippet", hit.snippet}, {"score", hit.score}});
  }
  return json{{"article", article_json(response.article)}, {"related", related}}.dump();
}

std::optional<RelatedResponse> parse_stored_related(std::string_view stored) {
  json j = json::parse(stored, nullptr, false);
  if (!j.is_object() || !j.contains("article") || !j.contains("related") || !j["related"].is_array()) return std::nullopt;
  RelatedResponse response;
  response.article = article_from(j["article"]);
  for (const auto& hit : j["related"]) {
    if (!hit.is_object()) return std::nullopt;
    response.related.push_back({article_from(hit), text_of(hit, "snippet"), get_or<double>(hit, "score", 0)});
  }
  return response;
}

std::string to_json(const Counts& c) {
  return json{{"pages", c.pages}, {"articles", c.articles}, {"quotes", c.quotes}, {"products", c.products},
              {"experts", c.experts}}
      .dump();
}


std::string to_json(const FacetsResponse& f) {
  json facets = json::object();
  for (const auto& [name, values] : f.facets) {
    json list = json::array();
    for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = list;
  }
  return json{{"query", interpretation_json(f.query)}, {"facets", facets}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string to_json(const ArticleDetail& a) {
  json quotes = json::array();
  for (const Quote& q : a.quotes) quotes.push_back(quote_json(q));
  json products = json::array();
  for (const Pick& p : a.products) products.push_back(pick_json(p));
  json experts = json::array();
  for (const ExpertSummary& e : a.experts) experts.push_back(expert_summary_json(e));
  json out = article_json(a.article);
  out.update({{"authors", a.authors}, {"published", a.published ? json(*a.published) : json(nullptr)},
              {"description", a.description}, {"image", a.image}, {"site_name", a.site_name}, {"snippet", a.snippet},
              {"concerns", a.concerns}, {"techniques", a.techniques}, {"quotes", quotes}, {"products", products},
              {"experts", experts}, {"alternates", a.alternates}});
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string to_json(const ProductDetail& p) {
  json offers = json::array();
  for (const Offer& o : p.offers) {
    json history = json::array();
    for (const PricePoint& point : o.history) {
      history.push_back({{"date", point.date}, {"price", price_json(point.price)}, {"price_text", format_price(point.price)}});
    }
    offers.push_back({{"article", article_json(o.article)}, {"retailer", o.product.retailer}, {"url", o.product.url},
                      {"price", price_json(o.product.price)}, {"price_text", format_price(o.product.price)},
                      {"first_seen", o.first_seen}, {"last_seen", o.last_seen}, {"history", history}});
  }
  json out = {{"id", p.id}, {"brand", p.brand}, {"name", p.name}, {"offers", offers},
              {"lowest", p.lowest ? price_json(*p.lowest) : json(nullptr)},
              {"lowest_text", p.lowest ? format_price(*p.lowest) : ""}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string to_json(const ExpertDetail& e) {
  json quotes = json::array();
  for (const QuoteHit& hit : e.quotes) {
    quotes.push_back({{"text", hit.quote.text}, {"stance", stance_name(hit.quote.stance)}, {"indirect", hit.quote.indirect},
                      {"concerns", hit.quote.concerns}, {"techniques", hit.quote.techniques},
                      {"article", article_json(hit.article)}});
  }
  json out = expert_summary_json(e.expert);
  out["quote_list"] = quotes;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace beautyidx::recommender
