// Small text helpers shared by the extractor and the query parser. UTF-8 in, UTF-8 out;
// case folding is ASCII-only on purpose: it never breaks a multi-byte sequence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace beautyidx {

std::string to_lower_ascii(std::string_view text);
std::string_view trim(std::string_view text);
// Collapses every run of whitespace (including NBSP and other Unicode spaces) to one space and
// trims the ends.
std::string collapse_whitespace(std::string_view text);
bool starts_with_ignore_case(std::string_view text, std::string_view prefix);
bool equals_ignore_case(std::string_view a, std::string_view b);

// Lowercase words for matching: letters, digits and inner apostrophes; hyphens, slashes and
// punctuation separate words; curly apostrophes become "'". "De-Puffing" -> {"de", "puffing"}.
std::vector<std::string> match_words(std::string_view text);
// The same words without a string each: lowercased into one buffer, read back by index. For
// callers that match every paragraph of every page.
struct MatchWordList {
  std::string buffer;                              // the words, one after another
  std::vector<std::pair<size_t, size_t>> spans;    // (offset, length) of each word in buffer
  size_t size() const { return spans.size(); }
  std::string_view word(size_t i) const { return std::string_view(buffer).substr(spans[i].first, spans[i].second); }
};
MatchWordList match_word_list(std::string_view text);

// Splits text into sentences at . ! ? followed by a space and an uppercase letter, a quote or a
// digit; abbreviations such as "Dr." and "e.g." do not end a sentence.
std::vector<std::string_view> split_sentences(std::string_view text);

// Appends the UTF-8 encoding of a Unicode scalar value.
void append_utf8(std::string& out, uint32_t code_point);

// The largest character boundary at or before byte `at` (UTF-8 continuation bytes are skipped
// back over), so that text.substr(0, result) never ends inside a character.
size_t utf8_floor(std::string_view text, size_t at);
// `text` when it fits in `max_bytes`; else its first `max_bytes` bytes, cut back to a character
// boundary, and an ellipsis.
std::string clip_utf8(std::string_view text, size_t max_bytes);

// True when every byte sequence is valid UTF-8.
bool is_valid_utf8(std::string_view text);
// Replaces invalid UTF-8 sequences with U+FFFD so downstream parsers never see them.
std::string sanitize_utf8(std::string_view text);

// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace beautyidx
