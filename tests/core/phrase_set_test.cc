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

// The set must say exactly what a find() per phrase on the lowercased text says.
void ExpectAgreesWithFind(const std::vector<std::string_view>& phrases, const std::string& alphabet,
                          int longest_text) {
  PhraseSet set{std::span<const std::string_view>(phrases)};
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int i = random() % longest_text; i > 0; --i) text += alphabet[random() % alphabet.size()];
    std::string lower = to_lower_ascii(text);
    size_t expected = 0;
    for (std::string_view p : phrases) expected += lower.find(to_lower_ascii(p)) != std::string::npos;
    ASSERT_EQ(set.count_present(text), expected) << text;
    ASSERT_EQ(set.contains_any(text), expected > 0) << text;
  }
}

TEST(PhraseSet, AgreesWithFindOnRandomText) {
  ExpectAgreesWithFind({"ab", "bab", "abc", "c", "aab", "bca", "A b", "cc"}, "abcAB C", 12);
}

// Up to 64 phrases are counted in a bit mask; a bigger set counts another way and must agree.
TEST(PhraseSet, CountsSetsOfMoreThan64Phrases) {
  std::vector<std::string> owned;  // all 64 three-letter words over "abcd", then 16 two-letter ones
  for (char a : std::string("abcd"))
    for (char b : std::string("abcd")) {
      for (char c : std::string("abcd")) owned.push_back(std::string{a, b, c});
    }
  for (char a : std::string("abcd"))
    for (char b : std::string("abcd")) owned.push_back(std::string{a, b});
  std::vector<std::string_view> phrases(owned.begin(), owned.end());
  ASSERT_EQ(phrases.size(), 80u);

  PhraseSet set{std::span<const std::string_view>(phrases)};
  EXPECT_EQ(set.count_present("DD"), 1u);          // "dd", the 80th phrase
  EXPECT_EQ(set.count_present("ddd dd"), 2u);      // "ddd" (64th) and "dd" (80th), each once
  EXPECT_EQ(set.count_present("abcd"), 5u);        // abc, bcd, ab, bc, cd
  EXPECT_EQ(set.count_present("xyz"), 0u);
  ExpectAgreesWithFind(phrases, "abcdAD ", 16);

  // 64 phrases exactly still fit the mask; the 64th counts like the first.
  std::vector<std::string_view> first64(phrases.begin(), phrases.begin() + 64);
  PhraseSet set64{std::span<const std::string_view>(first64)};
  EXPECT_EQ(set64.count_present("aaa ddd"), 2u);
  ExpectAgreesWithFind(first64, "abcdAD ", 16);
}

}  // namespace
}  // namespace beautyidx
