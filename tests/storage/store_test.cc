#include "storage/store.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include "../test_util.h"

namespace beautyidx::storage {
namespace {

TEST(StoreTest, PutGetEraseAndScanByPrefix) {
  test::TempDir dir;
  auto store = Store::open(dir.path() / "db");
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE((*store)->put(Family::kArticles, "a1", "one"));
  ASSERT_TRUE((*store)->put(Family::kArticles, "a2", "two"));
  ASSERT_TRUE((*store)->put(Family::kArticles, "b1", "three"));
  ASSERT_TRUE((*store)->put(Family::kQuotes, "a1", "other family"));

  auto value = (*store)->get(Family::kArticles, "a2");
  ASSERT_TRUE(value);
  ASSERT_TRUE(value->has_value());
  EXPECT_EQ(**value, "two");

  std::vector<std::string> keys;
  ASSERT_TRUE((*store)->scan(Family::kArticles, "a", [&](std::string_view k, std::string_view) {
    keys.emplace_back(k);
    return true;
  }));
  EXPECT_EQ(keys, (std::vector<std::string>{"a1", "a2"}));

  ASSERT_TRUE((*store)->erase(Family::kArticles, "a1"));
  auto gone = (*store)->get(Family::kArticles, "a1");
  ASSERT_TRUE(gone);
  EXPECT_FALSE(gone->has_value());
  EXPECT_EQ(*(*store)->count(Family::kArticles), 2u);
}

TEST(StoreTest, ScanPrefixesWalksEachPrefixInTurnAndStopsWhenAsked) {
  test::TempDir dir;
  auto store = Store::open(dir.path() / "db");
  ASSERT_TRUE(store) << store.error().message;
  for (const char* key : {"a1", "a2", "b1", "c1", "c2", "d1"}) ASSERT_TRUE((*store)->put(Family::kMeta, key, "v"));

  const std::string_view prefixes[] = {"c", "a", "x"};  // not in key order; one matches nothing
  std::vector<std::string> keys;
  ASSERT_TRUE((*store)->scan_prefixes(Family::kMeta, prefixes, [&](std::string_view k, std::string_view) {
    keys.emplace_back(k);
    return true;
  }));
  EXPECT_EQ(keys, (std::vector<std::string>{"c1", "c2", "a1", "a2"}));

  keys.clear();
  ASSERT_TRUE((*store)->scan_prefixes(Family::kMeta, prefixes, [&](std::string_view k, std::string_view) {
    keys.emplace_back(k);
    return k != "c2";  // stops the walk, not only this prefix
  }));
  EXPECT_EQ(keys, (std::vector<std::string>{"c1", "c2"}));
}

// Regression: a family written little (meta marks) kept every log since its last flush alive
// while another filled its table files, so the logs grew without bound (190 MiB after 20k
// related lists) and a reader opening the database replayed them all into memory.
TEST(StoreTest, LogsStayNearTheirBoundWhenOneFamilyIsWrittenLittle) {
  test::TempDir dir;
  auto log_bytes = [&] {
    size_t total = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "db")) {
      if (entry.path().extension() == ".log") total += entry.file_size();
    }
    return total;
  };
  {
    auto store = Store::open(dir.path() / "db", {.max_log_bytes = 1 << 20});
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE((*store)->put(Family::kMeta, "mark", ""));
    const std::string value(4096, 'x');
    for (int i = 0; i < 4096; ++i) {  // 16 MiB into one family
      ASSERT_TRUE((*store)->put(Family::kRelated, "list/" + std::to_string(i), value));
    }
    EXPECT_LT(log_bytes(), 4u << 20) << "logs of 16 MiB written under a 1 MiB bound";
  }
  auto reader = Store::open(dir.path() / "db", {.read_only = true});
  ASSERT_TRUE(reader) << reader.error().message;
  auto mark = (*reader)->get(Family::kMeta, "mark");
  ASSERT_TRUE(mark);
  EXPECT_TRUE(mark->has_value()) << "nothing lost to the early flushes";
}

TEST(StoreTest, BatchIsAtomicAndSurvivesReopen) {
  test::TempDir dir;
  {
    auto store = Store::open(dir.path() / "db");
    ASSERT_TRUE(store);
    WriteBatch batch;
    batch.put(Family::kFrontier, "0001", "url");
    batch.put(Family::kCrawlState, "url", "queued");
    ASSERT_TRUE((*store)->write(batch));
  }
  auto reopened = Store::open(dir.path() / "db");
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_EQ(**(*reopened)->get(Family::kFrontier, "0001"), "url");
  EXPECT_EQ(**(*reopened)->get(Family::kCrawlState, "url"), "queued");
}

TEST(StoreTest, ReadOnlyStoreSeesWriterCommitsAfterRefresh) {
  test::TempDir dir;
  auto writer = Store::open(dir.path() / "db");
  ASSERT_TRUE(writer);
  ASSERT_TRUE((*writer)->put(Family::kArticles, "first", "1"));
  StoreOptions options;
  options.read_only = true;
  auto reader = Store::open(dir.path() / "db", options);
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_TRUE((*reader)->get(Family::kArticles, "first")->has_value());
  ASSERT_TRUE((*writer)->put(Family::kArticles, "second", "2"));
  ASSERT_TRUE((*reader)->refresh());
  EXPECT_TRUE((*reader)->get(Family::kArticles, "second")->has_value());
  EXPECT_FALSE((*reader)->put(Family::kArticles, "x", "y"));  // readers never write
}

TEST(StoreTest, MissingDatabaseIsAClearErrorForReaders) {
  test::TempDir dir;
  StoreOptions options;
  options.read_only = true;
  auto store = Store::open(dir.path() / "nothing-here", options);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(store.error().message.find("nothing-here"), std::string::npos);
}

// A database an older beautyidx wrote has fewer families; a server reading it must not fail on
// the ones it lacks (they read as empty until a writer adds them).
TEST(StoreTest, AReaderOpensADatabaseThatLacksANewerFamily) {
  test::TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {{"default", {}}, {"articles", {}}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, (dir.path() / "db").string(), families, &handles, &raw).ok());
    ASSERT_TRUE(raw->Put({}, handles[1], "a1", "{}").ok());
    for (auto* handle : handles) raw->DestroyColumnFamilyHandle(handle);
    delete raw;
  }
  StoreOptions options;
  options.read_only = true;
  auto reader = Store::open(dir.path() / "db", options);
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_TRUE((*reader)->get(Family::kArticles, "a1")->has_value());
  auto missing = (*reader)->get(Family::kRelated, "a/a1");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
  auto count = (*reader)->count(Family::kRelated);
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0u);
}

}  // namespace
}  // namespace beautyidx::storage
