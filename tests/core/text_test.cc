// Text helpers shared by the extractor and the query parser, as tables.
#include "core/text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace beautyidx {
namespace {

struct CollapseRow {
  std::string_view input;
  std::string_view expected;
};

TEST(TextTest, CollapseWhitespaceTable) {
  const std::vector<CollapseRow> rows = {
      {"  a \t\n b  ", "a b"},
      {"a\xC2\xA0\xC2\xA0" "b", "a b"},      // NBSP
      {"a\xE2\x80\x89" "b", "a b"},          // thin space
      {"\xE3\x80\x80x\xE3\x80\x80", "x"},    // ideographic space at both ends
      {"\xC2\xA0", ""},
      {"no-change", "no-change"},
      {"caf\xC3\xA9  au lait", "caf\xC3\xA9 au lait"},  // é is not a space
  };
  for (const CollapseRow& row : rows) {
    EXPECT_EQ(collapse_whitespace(row.input), row.expected) << "input: \"" << row.input << "\"";
  }
}

struct WordsRow {
  std::string_view input;
  std::vector<std::string> expected;
};

TEST(TextTest, MatchWordsTable) {
  const std::vector<WordsRow> rows = {
      {"De-Puffing", {"de", "puffing"}},
      {"Don\xE2\x80\x99t stop", {"don't", "stop"}},      // curly apostrophe becomes '
      {"crow's feet", {"crow's", "feet"}},
      {"rollers' edges", {"rollers", "edges"}},          // trailing apostrophe dropped
      {"\xE2\x80\x98quoted\xE2\x80\x99", {"quoted"}},   // curly quotes around a word
      {"gua sha/jade roller", {"gua", "sha", "jade", "roller"}},
      {"SPF30, 2x!", {"spf30", "2x"}},
      {"face\xE2\x80\x93neck", {"face", "neck"}},        // en dash separates
      {"eye\xC2\xA0" "cream", {"eye", "cream"}},         // NBSP separates
      {"Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e", {"cr\xC3\xA8me", "br\xC3\xBBl\xC3\xA9" "e"}},
      {"bad\xFF" "byte", {"bad", "byte"}},
      {"", {}},
  };
  for (const WordsRow& row : rows) {
    EXPECT_EQ(match_words(row.input), row.expected) << "input: \"" << row.input << "\"";
  }
}

struct SentencesRow {
  std::string_view input;
  std::vector<std::string_view> expected;
};

TEST(TextTest, SplitSentencesTable) {
  const std::vector<SentencesRow> rows = {
      {"Dr. Smith said so. Then she left.", {"Dr. Smith said so.", "Then she left."}},
      {"\"It works.\" She smiled.", {"\"It works.\"", "She smiled."}},
      {"\xE2\x80\x9CIt works.\xE2\x80\x9D She smiled.",
       {"\xE2\x80\x9CIt works.\xE2\x80\x9D", "She smiled."}},
      {"Use acids, e.g. AHA. Then rinse.", {"Use acids, e.g. AHA.", "Then rinse."}},
      {"It costs $5. 3 are left?", {"It costs $5.", "3 are left?"}},
      {"J. Smith wrote it.", {"J. Smith wrote it."}},
      {"Wow! Really? Yes.", {"Wow!", "Really?", "Yes."}},
      {"Version 2.5 is out. it is lowercase", {"Version 2.5 is out. it is lowercase"}},
      {"She said: \xE2\x80\x9CTry it.\xE2\x80\x9D", {"She said: \xE2\x80\x9CTry it.\xE2\x80\x9D"}},
      {"  ", {}},
  };
  for (const SentencesRow& row : rows) {
    EXPECT_EQ(split_sentences(row.input), row.expected) << "input: \"" << row.input << "\"";
  }
}

struct Utf8Row {
  std::string_view input;
  bool valid;
  std::string_view sanitized;
};

TEST(TextTest, Utf8ValidationTable) {
  const std::string_view kReplacement = "\xEF\xBF\xBD";
  const std::vector<Utf8Row> rows = {
      {"abc", true, "abc"},
      {"caf\xC3\xA9", true, "caf\xC3\xA9"},
      {"\xF0\x9F\x98\x80", true, "\xF0\x9F\x98\x80"},   // emoji, 4 bytes
      {"a\xFF" "b", false, "a\xEF\xBF\xBD" "b"},
      {"\xC3", false, kReplacement},                      // truncated sequence
      {"\xC0\xAF", false, "\xEF\xBF\xBD\xEF\xBF\xBD"},    // overlong '/'
      {"\xED\xA0\x80", false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // UTF-16 surrogate
      {"\xF4\x90\x80\x80", false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // > U+10FFFF
      {"\x80x", false, "\xEF\xBF\xBDx"},                   // stray continuation byte
      {"", true, ""},
  };
  for (const Utf8Row& row : rows) {
    SCOPED_TRACE(testing::Message() << "input bytes: " << row.input.size());
    EXPECT_EQ(is_valid_utf8(row.input), row.valid);
    std::string sanitized = sanitize_utf8(row.input);
    EXPECT_EQ(sanitized, row.sanitized);
    EXPECT_TRUE(is_valid_utf8(sanitized));
  }
}

TEST(TextTest, HtmlEscapeTable) {
  const std::vector<CollapseRow> rows = {
      {"<a href=\"x\">Tom & Jerry's</a>", "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"},
      {"&amp;", "&amp;amp;"},  // escaping is not idempotent: it escapes what it is given
      {"plain caf\xC3\xA9", "plain caf\xC3\xA9"},
      {"", ""},
  };
  for (const CollapseRow& row : rows) {
    EXPECT_EQ(html_escape(row.input), row.expected) << "input: \"" << row.input << "\"";
  }
}

TEST(TextTest, CaseAndTrimHelpers) {
  EXPECT_EQ(to_lower_ascii("De-Puffing \xC3\x89T\xC3\x89"), "de-puffing \xC3\x89t\xC3\x89");  // ASCII only
  EXPECT_EQ(trim(" \t x y \n"), "x y");
  EXPECT_TRUE(starts_with_ignore_case("Gua Sha tools", "gua sha"));
  EXPECT_FALSE(starts_with_ignore_case("Gua", "gua sha"));
  EXPECT_TRUE(equals_ignore_case("SPF", "spf"));
  EXPECT_FALSE(equals_ignore_case("spf", "spf30"));
}

}  // namespace
}  // namespace beautyidx
