#include "core/phrase_set.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/text.h"

namespace beautyidx {
namespace {

TEST(PhraseSet, FindsPhrasesInsideWordsAndAcrossCase) {
  PhraseSet cues{"irritat", "do not", "don\xE2\x80\x99t", "steer clear"};
  EXPECT_TRUE(cues.contains_any("It can IRRITATE sensitive skin."));
  EXPECT_TRUE(cues.contains_any("Do Not press hard."));
  EXPECT_TRUE(cues.contains_any("I don\xE2\x80\x99t rush it."));
  EXPECT_FALSE(cues.contains_any("I don't rush it."));  // straight apostrophe: not this phrase
  EXPECT_FALSE(cues.contains_any("Steer gently; clear the area."));
  EXPECT_FALSE(cues.contains_any(""));
}

TEST(PhraseSet, CountsEachPhraseOnceIncludingPhrasesInsideOthers) {
  // "love" ends inside "i love"; "he" inside "she" and "her": suffix matches must be found.
  PhraseSet cues{"i love", "love", "she", "he", "her", "hers"};
  EXPECT_EQ(cues.count_present("I love it, love it"), 2u);
  EXPECT_EQ(cues.count_present("ushers"), 4u);  // she, he, her, hers
  EXPECT_EQ(cues.count_present("nothing here"), 2u);  // he, her
  EXPECT_EQ(cues.count_present("xyz"), 0u);
}

TEST(PhraseSet, AgreesWithFindOnRandomText) {
  // The set must say exactly what a find() per phrase on the lowercased text says.
  const std::vector<std::string_view> phrases = {"ab", "bab", "abc", "c", "aab", "bca", "A b", "cc"};
  PhraseSet set{std::span<const std::string_view>(phrases)};
  std::mt19937 random(7);
  const std::string alphabet = "abcAB C";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int i = random() % 12; i > 0; --i) text += alphabet[random() % alphabet.size()];
    std::string lower = to_lower_ascii(text);
    size_t expected = 0;
    for (std::string_view p : phrases) expected += lower.find(to_lower_ascii(p)) != std::string::npos;
    ASSERT_EQ(set.count_present(text), expected) << text;
    ASSERT_EQ(set.contains_any(text), expected > 0) << text;
  }
}

}  // namespace
}  // namespace beautyidx
