#include "extract/tokens.h"

#include <array>

#include "core/text.h"

namespace beautyidx::extract {
namespace {

// ASCII tests by hand, not <cctype>'s: they are called for every byte of the paragraphs that
// get tokenized, and the library's go through the locale.
bool is_ascii_alpha(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
bool is_ascii_digit(unsigned char c) { return static_cast<unsigned char>(c - '0') < 10; }
bool is_word_byte(unsigned char c) { return c >= 0x80 || is_ascii_alpha(c) || is_ascii_digit(c); }

bool starts_punctuation_sequence(std::string_view text, size_t i) {
  // Curly quotes, dashes and NBSP are multi-byte punctuation, not letters.
  std::string_view rest = text.substr(i);
  return rest.starts_with("\xE2\x80") || rest.starts_with("\xC2\xA0") ||
         rest.starts_with("\xC2\xAB") || rest.starts_with("\xC2\xBB");
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5);  // about one token per five bytes of prose
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      i += 2;
      continue;
    }
    size_t start = i;
    if (is_word_byte(c) && !starts_punctuation_sequence(text, i)) {
      while (i < text.size()) {
        auto d = static_cast<unsigned char>(text[i]);
        if (starts_punctuation_sequence(text, i)) {
          // A curly apostrophe inside a word ("aren’t") stays in the word.
          if (text.substr(i).starts_with("\xE2\x80\x99") && i + 3 < text.size() &&
              is_ascii_alpha(static_cast<unsigned char>(text[i + 3]))) {
            i += 3;
            continue;
          }
          break;
        }
        if (is_word_byte(d)) {
          ++i;
        } else if ((d == '-' || d == '\'' || d == '&') && i + 1 < text.size() &&
                   is_word_byte(static_cast<unsigned char>(text[i + 1]))) {
          ++i;
        } else if (d == '.' && i + 1 < text.size() && is_ascii_alpha(static_cast<unsigned char>(text[i + 1])) &&
                   i - start <= 2) {
          ++i;  // "M.D", "e.g"
        } else {
          break;
        }
      }
      // Abbreviation periods: "Dr.", "Mr.", "M.D.".
      std::string_view word = text.substr(start, i - start);
      std::string lower = to_lower_ascii(word);
      if (i < text.size() && text[i] == '.' &&
          (lower == "dr" || lower == "mr" || lower == "mrs" || lower == "ms" || lower == "st" ||
           lower == "m.d" || lower == "ph.d" || lower == "jr" || lower == "sr")) {
        ++i;
      }
      // The token's lowercase form is the word's, plus the period when one was taken.
      if (i > start + word.size()) lower += '.';
      tokens.push_back(Token{text.substr(start, i - start), start, i, true, std::move(lower)});
      continue;
    }
    size_t length = 1;
    if (c >= 0xC0) {
      length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (i + length > text.size()) length = text.size() - i;
    }
    Token token{text.substr(i, length), i, i + length, false, std::string(text.substr(i, length))};
    tokens.push_back(std::move(token));
    i += length;
  }
  return tokens;
}

bool is_capitalized(std::string_view word) {
  if (word.empty()) return false;
  auto c = static_cast<unsigned char>(word[0]);
  if (c >= 'A' && c <= 'Z') return true;
  // Latin-1 uppercase (À-Þ) encoded as C3 80..9E.
  return c == 0xC3 && word.size() > 1 && static_cast<unsigned char>(word[1]) >= 0x80 &&
         static_cast<unsigned char>(word[1]) <= 0x9E;
}

bool is_stop_word(std::string_view lower) {
  static constexpr std::array<std::string_view, 48> kStop = {
      "the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "for", "to", "with", "by",
      "she", "he", "they", "we", "i", "you", "it", "this", "that", "these", "those", "her", "his",
      "their", "our", "my", "your", "if", "when", "while", "as", "like", "so", "yet", "also",
      "then", "there", "here", "what", "why", "how", "who", "according", "says"};
  for (auto s : kStop) {
    if (lower == s) return true;
  }
  return false;
}

bool is_degree(std::string_view lower) {
  static constexpr std::array<std::string_view, 11> kDegrees = {
      "md", "m.d.", "m.d", "phd", "ph.d.", "ph.d", "do", "faad", "rn", "np", "pa-c"};
  return in_list(lower, kDegrees);
}

std::string_view without_possessive(std::string_view word) {
  for (std::string_view ending : {"\xE2\x80\x99s", "'s"}) {
    if (word.ends_with(ending) && word.size() > ending.size())
      return word.substr(0, word.size() - ending.size());
  }
  return word;
}

bool is_possessive(std::string_view word) { return without_possessive(word).size() < word.size(); }

}  // namespace beautyidx::extract
