// Answers questions from the index: budget-aware product picks backed by experts' quotes,
// expert advice search, and related articles. Reads only; opens the databases read-only, so it
// can run beside a crawl that is writing. Methods are safe to call from many threads; refresh()
// picks up new commits.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"
#include "core/taxonomy.h"
#include "recommender/query.h"

namespace beautyidx::recommender {

struct ArticleRef {
  std::string id;
  std::string url;
  std::string title;
};

struct Evidence {
  std::string quote;
  std::string speaker;
  std::string credential;
  CredentialClass credential_class = CredentialClass::kNone;
  Stance stance = Stance::kNeutral;
  bool indirect = false;
  ArticleRef article;
};

struct Pick {
  std::string product_id;
  Product product;
  double score = 0;
  std::vector<std::string> matched_concerns;
  std::vector<std::string> matched_techniques;
  std::vector<Evidence> evidence;
  ArticleRef article;
};

struct RecommendRequest {
  std::string query;
  size_t limit = 10;
  size_t per_brand = 2;    // at most this many picks of one brand
  size_t per_article = 3;  // and from one article
};

struct RecommendResponse {
  QueryInterpretation query;
  std::vector<Pick> results;
  std::string explanation;  // why the list is empty, when it is
};

struct QuoteHit {
  Quote quote;
  ArticleRef article;
  double score = 0;
};

struct ArticleHit {
  ArticleRef article;
  std::string snippet;
  double score = 0;
};

// Narrowing a search: every list is "any of these"; lists combine with AND. Values are as facets
// report them (lowercase concern and technique ids, credential classes, stances, hosts,
// brands, retailers).
struct Filters {
  std::vector<std::string> concerns;
  std::vector<std::string> techniques;
  std::vector<std::string> expert_types;
  std::vector<std::string> stances;
  std::vector<std::string> sites;
  std::vector<std::string> brands;
  std::vector<std::string> retailers;
  std::optional<double> price_min;  // products only: the lowest current price of each
  std::optional<double> price_max;
  bool empty() const;
};

struct SearchRequest {
  std::string query;
  size_t limit = 10;
  Filters filters;
};

struct SearchResponse {
  QueryInterpretation query;
  std::vector<QuoteHit> quotes;
  std::vector<ArticleHit> articles;
};

struct RelatedRequest {
  std::string url;
  size_t limit = 5;
  size_t min_results = 3;  // fewer good matches than this -> return none
};

struct RelatedResponse {
  ArticleRef article;
  std::vector<ArticleHit> related;
};

// An expert as the index knows them: the speaker of quotes in one or more articles.
struct ExpertSummary {
  std::string id;
  Speaker speaker;
  std::string best_quote;  // a recommending quote when there is one
  size_t quotes = 0;
};

struct ArticleDetail {
  ArticleRef article;
  std::vector<std::string> authors;
  std::optional<std::string> published;
  std::string description;
  std::string image;
  std::string site_name;
  std::string snippet;
  std::vector<std::string> concerns;
  std::vector<std::string> techniques;
  std::vector<Quote> quotes;
  std::vector<Pick> products;          // "shop this article"
  std::vector<ExpertSummary> experts;  // "experts in this article"
  std::vector<std::string> alternates;  // near-duplicate copies at other URLs
};

struct PricePoint {
  std::string date;  // YYYY-MM-DD
  Price price;
};

// One product as offered in one article, with the prices seen there over time.
struct Offer {
  ArticleRef article;
  Product product;
  std::string first_seen;
  std::string last_seen;
  std::vector<PricePoint> history;
};

struct ProductDetail {
  std::string id;
  std::string brand;
  std::string name;
  std::vector<Offer> offers;
  std::optional<Price> lowest;  // the lowest current offer
};

struct ExpertDetail {
  ExpertSummary expert;
  std::vector<QuoteHit> quotes;
};

struct FacetValue {
  std::string value;
  size_t count = 0;
};

// Counts for narrowing a search. Each facet counts what it describes (concerns, techniques and
// sites over articles; expert types and stances over quotes; brands, retailers and price bands
// over products, each by its lowest current price), under the query and every filter but its own, so choosing a value
// never hides the others of the same facet (a price slider can widen again).
struct FacetsResponse {
  QueryInterpretation query;
  std::vector<std::pair<std::string, std::vector<FacetValue>>> facets;  // in a fixed order
};

struct Counts {
  size_t pages = 0, articles = 0, quotes = 0, products = 0, experts = 0;
};

class Recommender {
 public:
  // `db_dir` holds records/ and xapian/ as written by the indexer.
  static Result<std::unique_ptr<Recommender>> open(const std::filesystem::path& db_dir, Taxonomy taxonomy);
  ~Recommender();

  // Answers are cached per request until refresh() sees a new commit; recommend_uncached always
  // computes (benchmarks use it to measure the work itself).
  Result<RecommendResponse> recommend(const RecommendRequest& request) const;
  // The same answer as to_json writes it, cached with it: what the HTTP API sends.
  Result<std::string> recommend_json(const RecommendRequest& request) const;
  Result<RecommendResponse> recommend_uncached(const RecommendRequest& request) const;
  Result<SearchResponse> search(const SearchRequest& request) const;
  // From the precomputed list when the article has a current one (a read of one record),
  // else computed now; either way cached until a new commit.
  Result<RelatedResponse> related(const RelatedRequest& request) const;
  // Computes an article's related list from the index: up to `limit` good matches, all of
  // them (min_results 0). kNotFound when the article is not indexed. What the precomputed
  // lists hold (pipeline/related_refresh.h stores them).
  Result<RelatedResponse> compute_related(const std::string& article_id, size_t limit = kStoredRelated) const;
  static constexpr size_t kStoredRelated = 20;
  Result<Counts> counts() const;
  Result<FacetsResponse> facets(const SearchRequest& request) const;

  // Records by id (or, for an article, by URL). kNotFound for unknown ones.
  Result<ArticleDetail> article(const std::string& url_or_id) const;
  Result<ProductDetail> product(const std::string& id) const;
  Result<ExpertDetail> expert(const std::string& id) const;

  // Whether any page of the site at `origin` ("https://host[:port]") was crawled into this
  // database: the sites a crawl may be asked to revisit.
  Result<bool> crawls_site(const std::string& origin) const;

  // Reopens both databases at their latest commit.
  Status refresh();

  const Taxonomy& taxonomy() const;

 private:
  struct Impl;
  explicit Recommender(std::unique_ptr<Impl> impl);
  struct CachedRecommendation;
  Result<std::shared_ptr<const CachedRecommendation>> cached_recommend(const RecommendRequest& request) const;
  std::unique_ptr<Impl> impl_;
};

// JSON documents of the public interface (README "The interface others build on").
std::string to_json(const QueryInterpretation& query);
std::string to_json(const RecommendResponse& response);
std::string to_json(const SearchResponse& response);
std::string to_json(const RelatedResponse& response);
// The stored form of a precomputed list, and back (nullopt for anything else).
std::string stored_related(const RelatedResponse& response);
std::optional<RelatedResponse> parse_stored_related(std::string_view stored);
std::string to_json(const Counts& counts);
std::string to_json(const FacetsResponse& facets);
std::string to_json(const ArticleDetail& article);
std::string to_json(const ProductDetail& product);
std::string to_json(const ExpertDetail& expert);

}  // namespace beautyidx::recommender
