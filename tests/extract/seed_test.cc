// The article the project started from, exactly as it is in ../shared/seed/. Skips with a
// message when ../shared is not beside the checkout.
#include <gtest/gtest.h>

#include "../test_util.h"
#include "extract/extractor.h"

namespace beautyidx::extract {
namespace {

class SeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = test::shared_dir() / "seed" / "facial-exercises-article.txt";
    if (!std::filesystem::exists(path_)) GTEST_SKIP() << "../shared/seed not found: seed article test skipped";
    auto extractor = Extractor::load(test::data_dir());
    ASSERT_TRUE(extractor) << extractor.error().message;
    std::string body = test::read_file(path_);
    page_ = extractor->extract({body, "https://beautybybenz.example/facial-exercises/", "text/plain"});
  }
  const Quote* quote_containing(std::string_view fragment) const {
    for (const Quote& q : page_.quotes) {
      if (q.text.find(fragment) != std::string::npos) return &q;
    }
    return nullptr;
  }
  std::filesystem::path path_;
  ExtractedPage page_;
};

TEST_F(SeedTest, IsAnArticleWithItsTitleAndTheBiosAuthor) {
  EXPECT_EQ(page_.kind, PageKind::kArticle);
  EXPECT_EQ(page_.title, "Do Facial Exercises Really Work?");
  ASSERT_EQ(page_.authors.size(), 1u);
  EXPECT_EQ(page_.authors[0], "Lisa Bensley");
  // The bio is author information, not article text.
  EXPECT_EQ(page_.text.find("binge-watching"), std::string::npos);
  EXPECT_NE(page_.author_bio.find("BeautyByBenz"), std::string::npos);
}

TEST_F(SeedTest, AttributesQuotesToBothExpertsWithCredentials) {
  const Quote* harm = quote_containing("more harm than good");
  ASSERT_NE(harm, nullptr);
  ASSERT_TRUE(harm->speaker);
  EXPECT_EQ(harm->speaker->name, "Anna Karp");
  EXPECT_EQ(harm->speaker->credential, "board-certified dermatologist");
  EXPECT_EQ(harm->speaker->credential_class, CredentialClass::kDermatologist);
  EXPECT_EQ(harm->stance, Stance::kWarns);
  EXPECT_FALSE(harm->indirect);
  EXPECT_EQ(harm->text.front(), 'I');  // no quotation mark kept
  EXPECT_FALSE(harm->text.ends_with(","));

  // The continuation quote after "Karp says." is hers too.
  const Quote* microcurrent = quote_containing("I like microcurrent treatments");
  ASSERT_NE(microcurrent, nullptr);
  ASSERT_TRUE(microcurrent->speaker);
  EXPECT_EQ(microcurrent->speaker->name, "Anna Karp");
  EXPECT_EQ(microcurrent->stance, Stance::kRecommends);

  const Quote* roller = quote_containing("I recommend using a roller");
  ASSERT_NE(roller, nullptr);
  ASSERT_TRUE(roller->speaker);
  EXPECT_EQ(roller->speaker->name, "Anastasia Cupcea");
  EXPECT_EQ(roller->speaker->credential, "esthetician");
  EXPECT_EQ(roller->speaker->affiliation, "DAPHNE");
  EXPECT_EQ(roller->speaker->credential_class, CredentialClass::kEsthetician);

  const Quote* two = quote_containing("Two by the mouth");
  ASSERT_NE(two, nullptr);
  ASSERT_TRUE(two->speaker);
  EXPECT_EQ(two->speaker->name, "Anastasia Cupcea");

  // The nested scare quote stays inside its quote and is not a quote of its own.
  const Quote* daphne = quote_containing("At DAPHNE");
  ASSERT_NE(daphne, nullptr);
  EXPECT_NE(daphne->text.find("facelifts"), std::string::npos);
  ASSERT_TRUE(daphne->speaker);
  EXPECT_EQ(daphne->speaker->name, "Anastasia Cupcea");
  for (const Quote& q : page_.quotes) EXPECT_NE(q.text, "facelifts");
}

TEST_F(SeedTest, KeepsIndirectSpeechAsParaphrase) {
  const Quote* nuface = quote_containing("She recommends the NuFace");
  ASSERT_NE(nuface, nullptr);
  EXPECT_TRUE(nuface->indirect);
  ASSERT_TRUE(nuface->speaker);
  EXPECT_EQ(nuface->speaker->name, "Anna Karp");
}

TEST_F(SeedTest, TellsRetailerFromBrandInBuyItNowLines) {
  ASSERT_EQ(page_.products.size(), 2u);
  const Product& nuface = page_.products[0];
  EXPECT_EQ(nuface.brand, "NuFace");
  EXPECT_EQ(nuface.name, "Facial Toning Device");
  EXPECT_EQ(nuface.retailer, "Sephora");
  EXPECT_DOUBLE_EQ(nuface.price.amount, 325);
  EXPECT_EQ(nuface.price.currency, "USD");

  const Product& roller = page_.products[1];
  EXPECT_EQ(roller.brand, "Skin Gym");
  EXPECT_EQ(roller.name, "Jade Facial Roller");
  EXPECT_EQ(roller.retailer, "");
  EXPECT_DOUBLE_EQ(roller.price.amount, 32);
}

TEST_F(SeedTest, ProductsTakeTheConcernsOfTheirSectionAndQuotes) {
  ASSERT_EQ(page_.products.size(), 2u);
  const Product& roller = page_.products[1];
  auto has = [](const std::vector<std::string>& v, const char* x) { return std::find(v.begin(), v.end(), x) != v.end(); };
  EXPECT_TRUE(has(roller.concerns, "de-puffing"));
  EXPECT_TRUE(has(roller.concerns, "fine lines and wrinkles"));
  EXPECT_TRUE(has(roller.techniques, "facial rolling"));
  EXPECT_FALSE(has(roller.techniques, "microcurrent"));
  ASSERT_FALSE(roller.evidence.empty());
  const Quote& backing = page_.quotes[static_cast<size_t>(roller.evidence.front())];
  ASSERT_TRUE(backing.speaker);
  EXPECT_EQ(backing.speaker->name, "Anastasia Cupcea");

  const Product& nuface = page_.products[0];
  EXPECT_TRUE(has(nuface.techniques, "microcurrent"));
  ASSERT_FALSE(nuface.evidence.empty());
  EXPECT_EQ(page_.quotes[static_cast<size_t>(nuface.evidence.front())].speaker->name, "Anna Karp");
}

}  // namespace
}  // namespace beautyidx::extract
