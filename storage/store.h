// Durable records: a RocksDB database with one column family per kind of record. This is the
// only code that includes RocksDB. Thread-safe: many readers and writers may share one Store.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace beautyidx::storage {

// Kinds of record; each lives in its own column family (see docs/storage.md).
enum class Family {
  kMeta,        // schema version, counters
  kPages,       // url -> raw fetched page (headers + body), kept for reindexing
  kArticles,    // article id -> extracted article JSON
  kQuotes,      // quote id -> quote JSON
  kProducts,    // product id -> product JSON (one record across articles)
  kOffers,      // product id + "/" + article id -> offer JSON
  kExperts,     // expert id -> expert JSON
  kFrontier,    // url -> queued crawl item
  kCrawlState,  // url -> crawl bookkeeping (status, etag, next fetch)
  kUrlIndex,    // url -> article id, so a re-crawl replaces rather than duplicates
  kRelated,     // article id -> its related articles, precomputed (indexer/schema.h keys)
};
inline constexpr int kFamilyCount = 11;
const char* family_name(Family family);

// A set of writes applied atomically by Store::write.
class WriteBatch {
 public:
  WriteBatch();
  ~WriteBatch();
  WriteBatch(WriteBatch&&) noexcept;
  WriteBatch& operator=(WriteBatch&&) noexcept;

  void put(Family family, std::string_view key, std::string_view value);
  void erase(Family family, std::string_view key);
  size_t size() const;

 private:
  friend class Store;
  struct Op {
    Family family;
    std::string key;
    std::optional<std::string> value;  // empty = erase
  };
  std::vector<Op> ops_;
};

struct StoreOptions {
  bool create_if_missing = true;
  bool read_only = false;  // a reader that never writes (another process may hold the writer)
  // How large the write-ahead logs may grow before the families holding the oldest one are
  // flushed to table files. The families share one log, and one that is written little (the
  // meta marks) kept every log since its last flush alive (190 MiB after 20k related lists),
  // and a reader opening the database (serve, beside a crawl) replays them into memory.
  size_t max_log_bytes = 128 << 20;
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& dir,
                                             const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Result<std::optional<std::string>> get(Family family, std::string_view key) const;
  Status put(Family family, std::string_view key, std::string_view value);
  Status erase(Family family, std::string_view key);
  // Applies every write of `batch` or none. With `sync` (the default) it is on disk when this
  // returns; without, it survives a process crash but maybe not a machine crash, and costs
  // no fsync (for writes a later synced write makes final, such as index records whose crawl
  // state is committed afterwards).
  Status write(const WriteBatch& batch, bool sync = true);

  // Calls `visit(key, value)` for every key starting with `prefix`, in key order, until it
  // returns false.
  Status scan(Family family, std::string_view prefix,
              const std::function<bool(std::string_view key, std::string_view value)>& visit) const;
  // scan() for several prefixes in turn through one iterator (an iterator costs more to make
  // than a seek); `visit` returning false ends the whole walk.
  Status scan_prefixes(Family family, std::span<const std::string_view> prefixes,
                       const std::function<bool(std::string_view key, std::string_view value)>& visit) const;
  // Like scan, but starts at the first key >= `start` and does not stop at a prefix.
  Status scan_from(Family family, std::string_view start,
                   const std::function<bool(std::string_view key, std::string_view value)>& visit) const;
  // Number of keys in a family (exact; walks the family).
  Result<size_t> count(Family family) const;

  // For a read-only store: catch up with what the writer has committed since opening.
  Status refresh();

  // Writes the in-memory tables to table files, so readers that open the database later need
  // not replay the write-ahead log into memory. Writers call it when a run ends.
  Status flush();

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace beautyidx::storage
