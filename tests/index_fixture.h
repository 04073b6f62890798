// A database in a temp folder with its store and writer open, and readers on demand: the setup
// of the tests that index pages and read them back.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "recommender/recommender.h"
#include "storage/store.h"
#include "test_util.h"

namespace beautyidx::test {

// Keys in `family` that start with `prefix` (the due marks in Meta, say).
inline size_t count_keys(const storage::Store& store, storage::Family family, std::string_view prefix) {
  size_t n = 0;
  EXPECT_TRUE(store.scan(family, prefix, [&](std::string_view, std::string_view) {
    ++n;
    return true;
  }));
  return n;
}

class IndexFixture : public ::testing::Test {
 protected:
  // Derived fixtures call this first, then index their pages.
  void SetUp() override {
    auto store = storage::Store::open(schema::records_dir(dir_.path()));
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    auto writer = indexer::Indexer::open(dir_.path(), *store_);
    ASSERT_TRUE(writer);
    writer_ = std::move(*writer);
  }

  std::unique_ptr<recommender::Recommender> open_reader() {
    auto taxonomy = Taxonomy::load(data_dir() / "taxonomy.json");
    EXPECT_TRUE(taxonomy);
    auto reader = recommender::Recommender::open(dir_.path(), std::move(*taxonomy));
    EXPECT_TRUE(reader) << reader.error().message;
    return reader ? std::move(*reader) : nullptr;
  }

  TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<indexer::Indexer> writer_;
};

}  // namespace beautyidx::test
