// The on-disk contract between the indexer (writer) and the recommender (reader): where the two
// databases live, the Xapian term prefixes and value slots, and the record keys. Constants
// only; no Xapian or RocksDB types.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/text.h"

namespace beautyidx::schema {

inline std::filesystem::path records_dir(const std::filesystem::path& db) { return db / "records"; }

// Bumped when records or terms change meaning; a database from a newer version is refused, one
// from an older version needs `beautyidx reindex` (docs/storage.md).
// Version 2 added catalog documents and product tallies (indexer/catalog.h); version 3 gave
// catalog documents topic terms of their own (kCatalogConcernTerm, kCatalogTechniqueTerm);
// from version 4 a catalog document gets a new document id whenever it is rebuilt, so the
// content behind an id never changes.
inline constexpr int kSchemaVersion = 4;
// In the Meta family. (The records layer keeps its own "schema_version" for its families.)
inline constexpr std::string_view kSchemaVersionKey = "index_version";
inline std::filesystem::path xapian_dir(const std::filesystem::path& db) { return db / "xapian"; }

// Boolean term prefixes. Values are lowercase; spaces are kept ("XCfine lines and wrinkles").
inline constexpr std::string_view kIdTerm = "Q";          // unique id of the document
inline constexpr std::string_view kTypeTerm = "XT";       // article | quote | product
inline constexpr std::string_view kArticleTerm = "XU";    // article id every document of it carries
inline constexpr std::string_view kConcernTerm = "XC";
inline constexpr std::string_view kTechniqueTerm = "XQ";
inline constexpr std::string_view kBrandTerm = "XB";
inline constexpr std::string_view kRetailerTerm = "XR";
inline constexpr std::string_view kExpertTerm = "XE";      // expert id
inline constexpr std::string_view kCredentialTerm = "XK";  // credential class
inline constexpr std::string_view kStanceTerm = "XS";
inline constexpr std::string_view kSiteTerm = "XH";        // host of the article
inline constexpr std::string_view kAuthorTerm = "XA";
inline constexpr std::string_view kCurrencyTerm = "XM";
inline constexpr std::string_view kProductTerm = "XP";     // product id (offers of one product)
// Catalog documents carry their concerns and techniques twice: under XC/XQ like every document
// (search filters and facets), and under these, which only catalog documents have, so that
// recommend walks posting lists of products alone rather than skipping through every article
// and quote naming the topic.
inline constexpr std::string_view kCatalogConcernTerm = "XYC";
inline constexpr std::string_view kCatalogTechniqueTerm = "XYQ";
inline constexpr std::string_view kTitlePrefix = "S";      // free-text title terms
// Free text is indexed with English stemming (Xapian STEM_SOME: each word, and its stem with
// prefix Z), without positions; the query parser must stem the same way.

// The boolean term for `value` under `prefix`: lowercase, whitespace collapsed, cut to fit
// Xapian's 245-byte term limit. Writer and reader must spell terms the same way, so both call
// this.
inline std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  term += to_lower_ascii(collapse_whitespace(value));
  if (term.size() > 240) term.resize(240);
  return term;
}

// Value slots.
inline constexpr unsigned kPriceMinSlot = 0;  // sortable_serialise(lowest current price)
inline constexpr unsigned kPriceMaxSlot = 1;  // sortable_serialise(highest price of a range)
inline constexpr unsigned kDateSlot = 2;      // "YYYYMMDD"
inline constexpr unsigned kProductSlot = 3;   // product id: collapse key for offers
inline constexpr unsigned kArticleSlot = 4;   // article id
// Catalog documents (one per product, XTcatalog): what the recommender scores them by
// (indexer::encode_features), and their price range in each budget currency.
inline constexpr unsigned kFeaturesSlot = 5;
// Article documents: the ids of the experts and products the article names, "<expert ids>\x1f
// <product ids>", each list joined by spaces (ids are hex). Related-article ranking reads it
// for 50 candidates at a time, where walking their compressed termlists cost a third of it.
inline constexpr unsigned kLinksSlot = 6;
inline constexpr std::string_view kCatalogType = "catalog";
inline constexpr std::string_view kBudgetCurrencies[] = {"USD", "GBP", "EUR"};
// Slots of the lowest and highest current price in `currency`, or -1 for a currency no
// budget is written in (offers in it still show, but never match a budget).
inline int catalog_min_price_slot(std::string_view currency) {
  for (int i = 0; i < 3; ++i) {
    if (kBudgetCurrencies[i] == currency) return 16 + i;
  }
  return -1;
}
inline int catalog_max_price_slot(std::string_view currency) {
  int min_slot = catalog_min_price_slot(currency);
  return min_slot < 0 ? -1 : min_slot + 8;
}

// Record keys: quotes are "<article id>:<n>", offers "<product id>/<article id>".
inline std::string quote_key(std::string_view article_id, size_t n) {
  return std::string(article_id) + ":" + std::to_string(n);
}
inline std::string offer_key(std::string_view product_id, std::string_view article_id) {
  return std::string(product_id) + "/" + std::string(article_id);
}

// Precomputed related articles, in the Related family: "a/<article id>" holds an article's list
// (recommender::Recommender::compute_related), "r/<target id>/<source id>" is there for each
// article a list names, so that a change to the target finds the lists to refresh. A Meta key
// "related_due/<article id>" says the article's list must be (re)computed; the indexer sets it
// for every article it indexes or removes and for the lists naming it.
inline std::string related_list_key(std::string_view article_id) { return "a/" + std::string(article_id); }
inline std::string related_reverse_prefix(std::string_view target) { return "r/" + std::string(target) + "/"; }
inline std::string related_reverse_key(std::string_view target, std::string_view source) {
  return related_reverse_prefix(target) + std::string(source);
}
inline constexpr std::string_view kRelatedDuePrefix = "related_due/";
inline std::string related_due_key(std::string_view article_id) {
  return std::string(kRelatedDuePrefix) + std::string(article_id);
}

// A Meta key "catalog_due/<product id>" says the product's stored tally and catalog document are
// behind its offers: set in the batch that changes one of its offers, erased once both are
// written and committed, so a crash in between leaves the mark and the next writer recounts.
inline constexpr std::string_view kCatalogDuePrefix = "catalog_due/";
inline std::string catalog_due_key(std::string_view product_id) {
  return std::string(kCatalogDuePrefix) + std::string(product_id);
}

}  // namespace beautyidx::schema
