// Internal to extract/: a light tokenizer for attribution and introduction patterns.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace beautyidx::extract {

struct Token {
  std::string_view text;  // a word ("board-certified", "Dr.", "O'Neil") or one punctuation mark
  size_t begin = 0;       // byte offset in the tokenized text
  size_t end = 0;
  bool word = false;
  std::string lower;  // ASCII-lowercased text
};

// Words keep inner hyphens, apostrophes, periods of abbreviations ("Dr.", "M.D.") and "&".
std::vector<Token> tokenize(std::string_view text);

// True when a word starts with an uppercase letter (ASCII or Latin-1 supplement/extended).
bool is_capitalized(std::string_view word);

// Words that start sentences or clauses and so are not names even when capitalized.
bool is_stop_word(std::string_view lower);

// Degrees and licences written after a name ("Anna Karp, MD, ...", "Dana Lee, PA-C, says"):
// "md", "m.d.", "m.d", "phd", "ph.d.", "ph.d", "do", "faad", "rn", "np", "pa-c". `lower` is a
// token's lowercased text, so "M.D" without its last period counts as well as "M.D.".
bool is_degree(std::string_view lower);

// A word without its possessive ending: "Karp's" and "Karp’s" (curly apostrophe) are "Karp";
// any other word, and a bare "'s", comes back as it is.
std::string_view without_possessive(std::string_view word);

// "Karp's", "Karp’s".
bool is_possessive(std::string_view word);

// "Dr." and "Dr" (a token's lowercased text), the title before a name.
inline bool is_honorific(std::string_view lower) { return lower == "dr." || lower == "dr"; }

// True when `word` is one of `list` (a short table of words, compared exactly).
bool in_list(std::string_view word, auto const& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace beautyidx::extract
