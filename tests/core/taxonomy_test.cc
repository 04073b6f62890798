// The concern/technique vocabulary: parsing, loading the shipped file, phrase matching.
#include "core/taxonomy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace beautyidx {
namespace {

using Ids = std::vector<std::string>;

bool contains(const Ids& ids, std::string_view id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

constexpr std::string_view kSmallTaxonomy = R"({
  "concerns": [
    {"id": "de-puffing", "label": "De-puffing", "synonyms": ["puffy", "puffy eyes", "eye bags"]},
    {"id": "eye area", "synonyms": ["eyes"]},
    {"id": "fine lines and wrinkles", "label": "Fine lines", "synonyms": ["fine lines", "wrinkles", "crow's feet"]}
  ],
  "techniques": [
    {"id": "gua sha", "label": "Gua sha", "synonyms": ["gua-sha", "guasha"]},
    {"id": "lymphatic drainage", "synonyms": ["lymph drainage", "lymphatic massage"]},
    {"id": "facial massage", "synonyms": ["massage"]}
  ]
})";

Taxonomy small_taxonomy() {
  auto taxonomy = Taxonomy::parse(kSmallTaxonomy);
  EXPECT_TRUE(taxonomy.has_value()) << (taxonomy ? "" : taxonomy.error().message);
  return taxonomy ? std::move(*taxonomy) : Taxonomy();
}

TEST(TaxonomyTest, ParsesEntriesWithIdsLabelsAndSynonyms) {
  Taxonomy taxonomy = small_taxonomy();
  ASSERT_EQ(taxonomy.entries().size(), 6u);
  const TaxonomyEntry* gua_sha = taxonomy.find("gua sha");
  ASSERT_NE(gua_sha, nullptr);
  EXPECT_EQ(gua_sha->label, "Gua sha");
  EXPECT_EQ(gua_sha->kind, TermKind::kTechnique);
  // The id itself is always a synonym.
  EXPECT_TRUE(contains(gua_sha->synonyms, "gua sha"));
  EXPECT_TRUE(contains(gua_sha->synonyms, "guasha"));
  const TaxonomyEntry* eye_area = taxonomy.find("eye area");
  ASSERT_NE(eye_area, nullptr);
  EXPECT_EQ(eye_area->label, "eye area");  // label defaults to the id
  EXPECT_EQ(eye_area->kind, TermKind::kConcern);
  EXPECT_EQ(taxonomy.find("nope"), nullptr);
}

struct MatchRow {
  std::string_view text;
  Ids concerns;
  Ids techniques;
};

TEST(TaxonomyTest, SmallTaxonomyMatchTable) {
  Taxonomy taxonomy = small_taxonomy();
  const std::vector<MatchRow> rows = {
      {"puffy eyes", {"de-puffing"}, {}},  // longest phrase wins over "eyes"
      {"tired eyes", {"eye area"}, {}},
      {"Puffy Eyes and fine lines", {"de-puffing", "fine lines and wrinkles"}, {}},
      {"lymphatic massage", {}, {"lymphatic drainage"}},  // not also "facial massage"
      {"a massage, then lymph drainage", {}, {"facial massage", "lymphatic drainage"}},
      {"GUA-SHA or gua sha or guasha", {}, {"gua sha"}},  // each id once
      {"crow\xE2\x80\x99s feet", {"fine lines and wrinkles"}, {}},
      {"puffiness", {}, {}},  // not a listed synonym here; whole words only
      {"", {}, {}},
  };
  for (const MatchRow& row : rows) {
    SCOPED_TRACE(testing::Message() << "text: \"" << row.text << "\"");
    TaxonomyMatch match = taxonomy.match(row.text);
    EXPECT_EQ(match.concerns, row.concerns);
    EXPECT_EQ(match.techniques, row.techniques);
  }
}

TEST(TaxonomyTest, MatchWordsAgreesWithMatch) {
  Taxonomy taxonomy = small_taxonomy();
  TaxonomyMatch match = taxonomy.match_words(match_words("Gua-sha for puffy eyes"));
  EXPECT_EQ(match.concerns, Ids{"de-puffing"});
  EXPECT_EQ(match.techniques, Ids{"gua sha"});
}

struct ErrorRow {
  std::string_view json;
  ErrorKind kind;
};

TEST(TaxonomyTest, MalformedJsonIsAParseError) {
  const std::vector<ErrorRow> rows = {
      {"not json", ErrorKind::kParse},
      {"", ErrorKind::kParse},
      {"[]", ErrorKind::kParse},
      {R"({"concerns": 3})", ErrorKind::kParse},
      {R"({"techniques": {"id": "x"}})", ErrorKind::kParse},
      {R"({"concerns": [{"label": "no id"}]})", ErrorKind::kParse},
      {R"({"concerns": [{"id": 7}]})", ErrorKind::kParse},
      {R"({"concerns": [{"id": "x"}])", ErrorKind::kParse},  // truncated
  };
  for (const ErrorRow& row : rows) {
    auto taxonomy = Taxonomy::parse(row.json);
    ASSERT_FALSE(taxonomy.has_value()) << "json: " << row.json;
    EXPECT_EQ(taxonomy.error().kind, row.kind) << "json: " << row.json;
    EXPECT_FALSE(taxonomy.error().message.empty());
  }
}

TEST(TaxonomyTest, EmptyObjectIsAnEmptyTaxonomy) {
  auto taxonomy = Taxonomy::parse("{}");
  ASSERT_TRUE(taxonomy.has_value());
  EXPECT_TRUE(taxonomy->entries().empty());
  EXPECT_TRUE(taxonomy->match("puffy eyes").concerns.empty());
}

TEST(TaxonomyTest, LoadOfAMissingFileIsAnIoError) {
  auto taxonomy = Taxonomy::load(std::filesystem::path(BEAUTYIDX_SOURCE_DIR) / "data" / "no-such-taxonomy.json");
  ASSERT_FALSE(taxonomy.has_value());
  EXPECT_EQ(taxonomy.error().kind, ErrorKind::kIo);
  EXPECT_NE(taxonomy.error().message.find("no-such-taxonomy.json"), std::string::npos);
}

class ShippedTaxonomyTest : public testing::Test {
 protected:
  void SetUp() override {
    auto loaded = Taxonomy::load(std::filesystem::path(BEAUTYIDX_SOURCE_DIR) / "data" / "taxonomy.json");
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    taxonomy_ = std::move(*loaded);
  }
  Taxonomy taxonomy_;
};

TEST_F(ShippedTaxonomyTest, HasTheCoreVocabulary) {
  for (std::string_view id : {"de-puffing", "fine lines and wrinkles", "lymphatic drainage", "gua sha",
                              "microcurrent", "facial rolling", "facial exercises"}) {
    EXPECT_NE(taxonomy_.find(id), nullptr) << id;
  }
  // Ids are unique.
  std::vector<std::string> ids;
  for (const auto& e : taxonomy_.entries()) ids.push_back(e.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

TEST_F(ShippedTaxonomyTest, MatchTable) {
  const std::vector<MatchRow> rows = {
      {"great for lymph drainage and de-puffing the skin", {"de-puffing"}, {"lymphatic drainage"}},
      {"puffy eyes", {"de-puffing"}, {}},
      {"De Puffing", {"de-puffing"}, {}},
      {"Fine Lines", {"fine lines and wrinkles"}, {}},
      {"fine lines and wrinkles", {"fine lines and wrinkles"}, {}},
      {"gua-sha", {}, {"gua sha"}},
      {"crow\xE2\x80\x99s feet", {"fine lines and wrinkles"}, {}},
      {"wrinkles and puffiness", {"fine lines and wrinkles", "de-puffing"}, {}},
      {"a jade roller and a microcurrent device", {}, {"facial rolling", "microcurrent"}},
      {"face yoga every morning", {}, {"facial exercises"}},
      {"I like dancing", {}, {}},
  };
  for (const MatchRow& row : rows) {
    SCOPED_TRACE(testing::Message() << "text: \"" << row.text << "\"");
    TaxonomyMatch match = taxonomy_.match(row.text);
    EXPECT_EQ(match.concerns, row.concerns);
    EXPECT_EQ(match.techniques, row.techniques);
  }
}

}  // namespace
}  // namespace beautyidx
