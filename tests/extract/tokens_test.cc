// The word classes the attribution and introduction patterns share (extract/tokens.h), as tables.
#include "extract/tokens.h"

#include <gtest/gtest.h>

namespace beautyidx::extract {
namespace {

struct DegreeCase {
  const char* lower;
  bool degree;
};

const DegreeCase kDegreeCases[] = {
    {"md", true},   {"m.d.", true}, {"m.d", true},     {"phd", true},  {"ph.d.", true},
    {"ph.d", true}, {"do", true},   {"faad", true},    {"rn", true},   {"np", true},
    {"pa-c", true}, {"pa", false},  {"doctor", false}, {"mds", false}, {"", false},
};

TEST(TokensTest, DegreesAfterANameAreOneList) {
  for (const DegreeCase& c : kDegreeCases) {
    EXPECT_EQ(is_degree(c.lower), c.degree) << c.lower;
  }
}

// The tokenizer's own spelling of each degree is what is_degree reads.
TEST(TokensTest, TokenizedDegreesAreDegrees) {
  for (const char* text : {"Karp, MD, says", "Karp, M.D., says", "Karp, M.D, says", "Karp, Ph.D., says",
                           "Karp, Ph.D, says", "Karp, PA-C, says", "Karp, DO, says"}) {
    auto tokens = tokenize(text);
    ASSERT_GE(tokens.size(), 3u) << text;
    EXPECT_TRUE(is_degree(tokens[2].lower)) << text << ": " << tokens[2].lower;
  }
}

struct PossessiveCase {
  const char* word;
  const char* without;  // the word without its possessive ending
};

const PossessiveCase kPossessiveCases[] = {
    {"Karp's", "Karp"},
    {"Karp\xE2\x80\x99s", "Karp"},  // curly apostrophe
    {"karp's", "karp"},
    {"Karp", "Karp"},
    {"Karps", "Karps"},
    {"'s", "'s"},
    {"\xE2\x80\x99s", "\xE2\x80\x99s"},
    {"Karp's-style", "Karp's-style"},
    {"", ""},
};

TEST(TokensTest, PossessivesWithEitherApostrophe) {
  for (const PossessiveCase& c : kPossessiveCases) {
    EXPECT_EQ(without_possessive(c.word), c.without) << c.word;
    EXPECT_EQ(is_possessive(c.word), std::string_view(c.word) != c.without) << c.word;
  }
}

}  // namespace
}  // namespace beautyidx::extract
