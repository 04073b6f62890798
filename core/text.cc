#include "core/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <cstdint>

namespace beautyidx {
namespace {

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of a Unicode space encoded at text[i] (NBSP, thin spaces, ideographic space), else 0.
size_t unicode_space_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  if (i + 1 < text.size() && byte(i) == 0xC2 && byte(i + 1) == 0xA0) return 2;
  if (i + 2 < text.size() && byte(i) == 0xE2 && byte(i + 1) == 0x80 &&
      (byte(i + 2) <= 0x8A || byte(i + 2) == 0xAF))
    return 3;
  if (i + 2 < text.size() && byte(i) == 0xE3 && byte(i + 1) == 0x80 && byte(i + 2) == 0x80)
    return 3;
  return 0;
}

size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

// Length of the valid UTF-8 sequence at text[i], or 0 when it is invalid.
size_t valid_sequence_length(std::string_view text, size_t i) {
  auto lead = static_cast<unsigned char>(text[i]);
  size_t length = utf8_sequence_length(lead);
  if (length == 0 || i + length > text.size()) return 0;
  std::uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    auto c = static_cast<unsigned char>(text[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    code = (code << 6) | (c & 0x3F);
  }
  static constexpr std::array<std::uint32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  // Written through a cursor into a buffer sized once: the output is never longer than the
  // input, and this runs on every text block of every page.
  std::string out(text.size(), '\0');
  char* const begin = out.data();
  char* cursor = begin;
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t space = is_ascii_space(c) ? 1 : c < 0xC2 ? 0 : unicode_space_length(text, i);
    if (space > 0) {
      pending_space = true;
      i += space;
      continue;
    }
    if (pending_space && cursor != begin) *cursor++ = ' ';
    pending_space = false;
    *cursor++ = static_cast<char>(c);
    ++i;
  }
  out.resize(static_cast<size_t>(cursor - begin));
  return out;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool starts_with_ignore_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equals_ignore_case(text.substr(0, prefix.size()), prefix);
}

MatchWordList match_word_list(std::string_view text) {
  MatchWordList list;
  // Words are never longer than the text they come from (a curly apostrophe's three bytes
  // become one), so the buffer is sized once and written through a cursor: this runs over
  // every byte of every page, several times.
  list.buffer.resize(text.size());
  list.spans.reserve(text.size() / 6);
  char* const begin = list.buffer.data();
  char* out = begin;
  char* word_start = begin;
  auto flush = [&] {
    while (out > word_start && out[-1] == '\'') --out;
    if (out > word_start) list.spans.emplace_back(word_start - begin, out - word_start);
    word_start = out;
  };
  // ASCII letters and digits as they go into a word (lowercased); 0 for everything else.
  static constexpr auto kWordByte = [] {
    std::array<char, 128> table{};
    for (int c = '0'; c <= '9'; ++c) table[c] = static_cast<char>(c);
    for (int c = 'a'; c <= 'z'; ++c) table[c] = table[c - 'a' + 'A'] = static_cast<char>(c);
    return table;
  }();
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (char folded = kWordByte[c]) {
        *out++ = folded;
      } else if (c == '\'' && out > word_start) {
        *out++ = '\'';
      } else {
        flush();
      }
      ++i;
      continue;
    }
    size_t length = valid_sequence_length(text, i);
    if (length == 0) {
      flush();
      ++i;
      continue;
    }
    std::string_view sequence = text.substr(i, length);
    if (sequence == "\xE2\x80\x99" || sequence == "\xE2\x80\x98") {  // curly apostrophes
      if (out > word_start) *out++ = '\'';
    } else if (sequence.starts_with("\xE2\x80") || sequence.starts_with("\xC2")) {
      flush();  // dashes, quotes, spaces (NBSP), bullets, Latin-1 punctuation
    } else {
      out = std::copy(sequence.begin(), sequence.end(), out);  // letters outside ASCII (é, ñ, ...)
    }
    i += length;
  }
  flush();
  list.buffer.resize(static_cast<size_t>(out - begin));
  return list;
}

std::vector<std::string> match_words(std::string_view text) {
  MatchWordList list = match_word_list(text);
  std::vector<std::string> words;
  words.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) words.emplace_back(list.word(i));
  return words;
}

std::vector<std::string_view> split_sentences(std::string_view text) {
  static constexpr std::array<std::string_view, 14> kAbbreviations = {
      "dr", "mr", "mrs", "ms", "st", "vs", "e.g", "i.e", "etc", "no", "approx", "inc", "jr", "sr"};
  std::vector<std::string_view> sentences;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    // Closing quotes and brackets stay with the sentence they close.
    while (end < text.size()) {
      if (text[end] == '"' || text[end] == ')' || text[end] == '\'') {
        ++end;
      } else if (text.substr(end).starts_with("\xE2\x80\x9D") ||
                 text.substr(end).starts_with("\xE2\x80\x99")) {
        end += 3;
      } else {
        break;
      }
    }
    if (end >= text.size() || text[end] != ' ') continue;
    size_t next = end + 1;
    if (next >= text.size()) continue;
    auto n = static_cast<unsigned char>(text[next]);
    bool opens_sentence = (n >= 'A' && n <= 'Z') || (n >= '0' && n <= '9') || n == '"' ||
                          text.substr(next).starts_with("\xE2\x80\x9C") || n >= 0xC3;
    if (!opens_sentence) continue;
    if (c == '.') {
      size_t word_start = i;
      while (word_start > start && text[word_start - 1] != ' ') --word_start;
      std::string word = to_lower_ascii(text.substr(word_start, i - word_start));
      bool abbreviation = word.size() == 1;  // initials: "J. Smith"
      for (auto a : kAbbreviations) abbreviation = abbreviation || word == a;
      if (abbreviation) continue;
    }
    std::string_view sentence = trim(text.substr(start, end - start));
    if (!sentence.empty()) sentences.push_back(sentence);
    start = next;
    i = end;
  }
  std::string_view rest = trim(text.substr(std::min(start, text.size())));
  if (!rest.empty()) sentences.push_back(rest);
  return sentences;
}

namespace {

// Bytes below 0x80 from `i` on, eight at a time: the fast path for mostly-ASCII HTML.
size_t ascii_run(std::string_view text, size_t i) {
  size_t start = i;
  while (i + 8 <= text.size()) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    if (chunk & 0x8080808080808080ull) break;
    i += 8;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i - start;
}

}  // namespace

size_t utf8_floor(std::string_view text, size_t at) {
  size_t cut = std::min(at, text.size());
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

std::string clip_utf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  return std::string(text.substr(0, utf8_floor(text, max_bytes))) + "\xE2\x80\xA6";
}

bool is_valid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    i += ascii_run(text, i);
    if (i >= text.size()) break;
    size_t length = valid_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t run = ascii_run(text, i);
    if (run > 0) {
      out.append(text.substr(i, run));
      i += run;
      continue;
    }
    size_t length = valid_sequence_length(text, i);
    if (length == 0) {
      out.append("\xEF\xBF\xBD");
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace beautyidx
