#include "storage/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <array>
#include <mutex>

namespace beautyidx::storage {
namespace {

constexpr std::array<Family, kFamilyCount> kAllFamilies = {
    Family::kMeta,     Family::kPages,    Family::kArticles,   Family::kQuotes,
    Family::kProducts, Family::kOffers,   Family::kExperts,    Family::kFrontier,
    Family::kCrawlState, Family::kUrlIndex, Family::kRelated};

constexpr std::string_view kSchemaVersionKey = "schema_version";
constexpr std::string_view kSchemaVersion = "1";

Error to_error(const rocksdb::Status& status, const std::string& context) {
  ErrorKind kind = status.IsCorruption() ? ErrorKind::kCorruption
                   : status.IsNotFound() ? ErrorKind::kNotFound
                                         : ErrorKind::kIo;
  return Error{kind, context + ": " + status.ToString()};
}

}  // namespace

const char* family_name(Family family) {
  switch (family) {
    case Family::kMeta: return "default";
    case Family::kPages: return "pages";
    case Family::kArticles: return "articles";
    case Family::kQuotes: return "quotes";
    case Family::kProducts: return "products";
    case Family::kOffers: return "offers";
    case Family::kExperts: return "experts";
    case Family::kFrontier: return "frontier";
    case Family::kCrawlState: return "crawl_state";
    case Family::kUrlIndex: return "url_index";
    case Family::kRelated: return "related";
  }
  return "default";
}

WriteBatch::WriteBatch() = default;
WriteBatch::~WriteBatch() = default;
WriteBatch::WriteBatch(WriteBatch&&) noexcept = default;
WriteBatch& WriteBatch::operator=(WriteBatch&&) noexcept = default;

void WriteBatch::put(Family family, std::string_view key, std::string_view value) {
  ops_.push_back({family, std::string(key), std::string(value)});
}
void WriteBatch::erase(Family family, std::string_view key) {
  ops_.push_back({family, std::string(key), std::nullopt});
}
size_t WriteBatch::size() const { return ops_.size(); }

struct Store::Impl {
  std::filesystem::path dir;
  StoreOptions options;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // indexed by Family
  mutable std::mutex refresh_mutex;

  ~Impl() {
    for (auto* handle : handles) {
      if (handle != nullptr && db) db->DestroyColumnFamilyHandle(handle);
    }
    if (db) db->Close();
  }
  rocksdb::ColumnFamilyHandle* handle(Family family) const {
    return handles[static_cast<size_t>(family)];
  }

  Status open() {
    rocksdb::Options db_options;
    db_options.create_if_missing = true;
    db_options.create_missing_column_families = true;
    db_options.IncreaseParallelism(2);
    db_options.keep_log_file_num = 3;
    db_options.max_total_wal_size = options.max_log_bytes;
    db_options.max_open_files = 256;
    // Most point lookups while indexing are for keys that are not there yet (a new article's
    // id and URLs, a new product's tally): a Bloom filter per table file answers those without
    // reading a block from every level. One block cache for all families.
    rocksdb::BlockBasedTableOptions table;
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    table.block_cache = rocksdb::NewLRUCache(64 << 20);
    db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    // A reader opens the families the database has: one written by an older beautyidx may lack
    // a newer family, which then reads as empty (a writer adds it).
    std::vector<Family> opened;
    std::vector<std::string> existing;
    if (options.read_only) {
      auto listed = rocksdb::DB::ListColumnFamilies(db_options, dir.string(), &existing);
      if (!listed.ok()) return std::unexpected(to_error(listed, "open records " + dir.string()));
    }
    for (Family family : kAllFamilies) {
      if (options.read_only && std::find(existing.begin(), existing.end(), family_name(family)) == existing.end()) {
        continue;
      }
      descriptors.emplace_back(family_name(family), rocksdb::ColumnFamilyOptions(db_options));
      opened.push_back(family);
    }
    rocksdb::DB* raw = nullptr;
    rocksdb::Status status;
    std::vector<rocksdb::ColumnFamilyHandle*> opened_handles;
    if (options.read_only) {
      // A secondary instance follows the primary's writes (TryCatchUpWithPrimary) without
      // taking its lock, so `serve` can read while `crawl` writes.
      db_options.max_open_files = -1;
      std::filesystem::path secondary = dir / ".secondary";
      status = rocksdb::DB::OpenAsSecondary(db_options, dir.string(), secondary.string(),
                                            descriptors, &opened_handles, &raw);
    } else {
      status = rocksdb::DB::Open(db_options, dir.string(), descriptors, &opened_handles, &raw);
    }
    if (!status.ok()) return std::unexpected(to_error(status, "open records " + dir.string()));
    handles.assign(kFamilyCount, nullptr);  // a family the database lacks keeps a null handle
    for (size_t i = 0; i < opened.size(); ++i) handles[static_cast<size_t>(opened[i])] = opened_handles[i];
    db.reset(raw);
    return {};
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& dir,
                                           const StoreOptions& options) {
  std::error_code ec;
  if (!options.read_only) {
    if (!options.create_if_missing && !std::filesystem::exists(dir / "CURRENT")) {
      return make_error(ErrorKind::kNotFound, "open records " + dir.string() + ": no database");
    }
    std::filesystem::create_directories(dir, ec);
    if (ec) return make_error(ErrorKind::kIo, "create " + dir.string() + ": " + ec.message());
  } else if (!std::filesystem::exists(dir / "CURRENT")) {
    return make_error(ErrorKind::kNotFound, "open records " + dir.string() + ": no database");
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->options = options;
  if (auto status = impl->open(); !status) return std::unexpected(status.error());
  auto store = std::unique_ptr<Store>(new Store(std::move(impl)));
  if (!options.read_only) {
    auto version = store->get(Family::kMeta, kSchemaVersionKey);
    if (!version) return std::unexpected(version.error());
    if (!*version) {
      if (auto s = store->put(Family::kMeta, kSchemaVersionKey, kSchemaVersion); !s) {
        return std::unexpected(s.error());
      }
    } else if (**version != kSchemaVersion) {
      return make_error(ErrorKind::kCorruption, "open records " + dir.string() +
                                                    ": schema version " + **version +
                                                    ", this build reads " +
                                                    std::string(kSchemaVersion));
    }
  }
  return store;
}

Result<std::optional<std::string>> Store::get(Family family, std::string_view key) const {
  if (impl_->handle(family) == nullptr) return std::optional<std::string>();  // an older database's reader
  std::string value;
  auto status = impl_->db->Get(rocksdb::ReadOptions(), impl_->handle(family),
                               rocksdb::Slice(key.data(), key.size()), &value);
  if (status.IsNotFound()) return std::optional<std::string>();
  if (!status.ok()) {
    return std::unexpected(to_error(status, std::string("get ") + family_name(family)));
  }
  return std::optional<std::string>(std::move(value));
}

Status Store::put(Family family, std::string_view key, std::string_view value) {
  WriteBatch batch;
  batch.put(family, key, value);
  return write(batch);
}

Status Store::erase(Family family, std::string_view key) {
  WriteBatch batch;
  batch.erase(family, key);
  return write(batch);
}

Status Store::write(const WriteBatch& batch, bool sync) {
  if (impl_->options.read_only) return make_error(ErrorKind::kInternal, "write to a read-only store");
  rocksdb::WriteBatch raw;
  for (const auto& op : batch.ops_) {
    rocksdb::Slice key(op.key.data(), op.key.size());
    if (op.value) {
      raw.Put(impl_->handle(op.family), key, rocksdb::Slice(op.value->data(), op.value->size()));
    } else {
      raw.Delete(impl_->handle(op.family), key);
    }
  }
  rocksdb::WriteOptions options;
  options.sync = sync;
  auto status = impl_->db->Write(options, &raw);
  if (!status.ok()) return std::unexpected(to_error(status, "write records"));
  return {};
}

Status Store::scan(Family family, std::string_view prefix,
                   const std::function<bool(std::string_view, std::string_view)>& visit) const {
  return scan_prefixes(family, std::span<const std::string_view>(&prefix, 1), visit);
}

Status Store::scan_prefixes(Family family, std::span<const std::string_view> prefixes,
                            const std::function<bool(std::string_view, std::string_view)>& visit) const {
  if (impl_->handle(family) == nullptr) return {};
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->handle(family)));
  bool more = true;
  for (size_t p = 0; p < prefixes.size() && more && it->status().ok(); ++p) {
    const std::string_view prefix = prefixes[p];
    for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      if (!key.starts_with(prefix)) break;
      if (!visit(key, std::string_view(it->value().data(), it->value().size()))) {
        more = false;
        break;
      }
    }
  }
  if (!it->status().ok()) {
    return std::unexpected(to_error(it->status(), std::string("scan ") + family_name(family)));
  }
  return {};
}

Status Store::scan_from(Family family, std::string_view start,
                        const std::function<bool(std::string_view, std::string_view)>& visit) const {
  if (impl_->handle(family) == nullptr) return {};
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->handle(family)));
  for (it->Seek(rocksdb::Slice(start.data(), start.size())); it->Valid(); it->Next()) {
    if (!visit(std::string_view(it->key().data(), it->key().size()),
               std::string_view(it->value().data(), it->value().size()))) {
      break;
    }
  }
  if (!it->status().ok()) {
    return std::unexpected(to_error(it->status(), std::string("scan ") + family_name(family)));
  }
  return {};
}

Result<size_t> Store::count(Family family) const {
  size_t n = 0;
  auto status = scan(family, "", [&](std::string_view, std::string_view) {
    ++n;
    return true;
  });
  if (!status) return std::unexpected(status.error());
  return n;
}

Status Store::flush() {
  if (impl_->options.read_only) return {};
  rocksdb::FlushOptions options;
  options.wait = true;
  auto status = impl_->db->Flush(options, impl_->handles);
  if (!status.ok()) return std::unexpected(to_error(status, "flush records"));
  return {};
}

Status Store::refresh() {
  if (!impl_->options.read_only) return {};
  std::lock_guard lock(impl_->refresh_mutex);
  auto status = impl_->db->TryCatchUpWithPrimary();
  if (!status.ok()) return std::unexpected(to_error(status, "refresh records"));
  return {};
}

}  // namespace beautyidx::storage
