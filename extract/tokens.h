// Internal to extract/: a light tokenizer for attribution and introduction patterns.
#pragma once

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

}  // namespace beautyidx::extract
