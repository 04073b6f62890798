// Writes extracted pages into both databases: records into RocksDB (through storage::Store)
// and search documents into Xapian. Re-indexing a URL replaces what it had; nothing is ever
// indexed twice. Not thread-safe: one Indexer per database, used from one thread (Xapian
// allows a single writer).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/model.h"
#include "storage/store.h"

namespace beautyidx::indexer {

// "de-puffing" etc. are ids; a product is one brand + normalised name across all articles.
std::string product_id(const Product& product);
std::string expert_id(const Speaker& speaker);
std::string article_id(const std::string& canonical_url);

// What a result shows of an article: its description, else the start of its text (at most
// 240 bytes, cut between characters, with an ellipsis).
std::string snippet_of(const ExtractedPage& page);

struct IndexStats {
  size_t articles = 0;
  size_t quotes = 0;
  size_t products = 0;
  size_t duplicates = 0;  // near-copies kept as alternates of an indexed article
};

// 64-bit simhash of a text's word 3-grams: near-identical texts differ in few bits.
std::uint64_t simhash(std::string_view text);
int hamming_distance(std::uint64_t a, std::uint64_t b);

// What `beautyidx check` found: the two databases must describe the same articles.
struct CheckReport {
  size_t articles = 0;          // article records
  size_t search_articles = 0;   // articles with documents in the search index
  size_t mismatched = 0;        // records whose search documents are missing or extra
  size_t orphans = 0;           // search documents of articles with no record
  size_t dangling_urls = 0;     // URL index entries naming no article
  size_t catalog_mismatched = 0;  // products whose tally or catalog document disagrees with their offers
  size_t repaired = 0;
  size_t unrepaired = 0;
  std::vector<std::string> problems;  // the first few, described
};

// A page with its search documents and records already built: the part of indexing that needs
// nothing but the page, so it runs on any thread, many pages at once (prepare_page). The Indexer
// then writes it on its one thread (Indexer::index_prepared). Movable, not copyable.
class PreparedPage {
 public:
  PreparedPage(PreparedPage&&) noexcept;
  PreparedPage& operator=(PreparedPage&&) noexcept;
  ~PreparedPage();
  const ExtractedPage& page() const;

 private:
  friend class Indexer;
  friend PreparedPage prepare_page(ExtractedPage page);
  struct Parts;
  explicit PreparedPage(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

// Builds `page`'s search documents and records. Thread-safe: touches no database and no shared
// state. (For a page that is not an indexable article there is nothing to build.)
PreparedPage prepare_page(ExtractedPage page);

class Indexer {
 public:
  // Opens (creating if needed) DIR/xapian for writing. `store` must outlive the Indexer. A
  // database from an older index version is brought up to date from its records (for version
  // 1: product tallies and catalog documents built from the stored offers).
  static Result<std::unique_ptr<Indexer>> open(const std::filesystem::path& db_dir, storage::Store& store);
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Stores and indexes a page. Pages that are not articles, or say noindex, only remove what
  // their URL had before. A near-copy (simhash within 3 bits) of an article indexed under
  // another URL is not indexed again: its URL becomes an alternate of that article.
  // Changes are visible to readers after commit().
  Status index_page(const ExtractedPage& page);
  // The same, for a page prepared by prepare_page (on another thread, typically).
  Status index_prepared(PreparedPage prepared);
  // Removes everything indexed for `url` (404/410, noindex).
  Status remove_url(const std::string& url);
  // Makes the Xapian changes durable and visible, after rebuilding the catalog documents of
  // the products the changes touched. Records are durable as soon as written.
  Status commit();
  // What a bulk writer (a crawl, ingest, reindex) calls between pages: commit(), except that
  // catalog documents are rebuilt only when the catalog interval has passed since their last
  // rebuild. A product's catalog entry is then up to that long behind its tally (a product
  // changes with many pages of a crawl; rebuilding it at every commit cost a fifth of the
  // crawl thread's time). Marks in the records say which are behind, so a crash loses nothing.
  Status checkpoint();
  void set_catalog_interval(std::chrono::milliseconds interval);  // default 30 s

  // Bulk mode for rebuilding a whole index (reindex): index_page and remove_url leave product
  // tallies and catalog documents alone until rebuild_catalog() recomputes them all at once.
  void defer_catalog(bool deferred);
  // Recomputes every product's tally and catalog document from the offer records, then
  // commits. Returns the number of products.
  Result<size_t> rebuild_catalog();

  // Verifies that every article record has exactly its search documents and vice versa; with
  // `repair`, re-indexes mismatched articles from their records, deletes orphan documents and
  // dangling URL entries, and commits.
  Result<CheckReport> check(bool repair);

  const IndexStats& stats() const { return stats_; }

 private:
  Status write_page(PreparedPage& prepared);
  Status unindex_url(const std::string& url);
  struct Impl;
  explicit Indexer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  IndexStats stats_;
};

}  // namespace beautyidx::indexer
