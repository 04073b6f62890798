// Which of a fixed set of phrases occur in a text, found in one pass over the text however
// many phrases there are (Aho-Corasick over bytes). The extractor asks this of every paragraph
// of every page ("does it name a role?", "which warning cues does this quote use?"), where a
// find() per phrase read each paragraph dozens of times.
//
// Matching is by substring, ASCII case-insensitive (like to_lower_ascii(text).find(phrase));
// bytes outside ASCII, as in "don\xE2\x80\x99t", match exactly. Immutable once built, so one
// set can be shared by every thread.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

namespace beautyidx {

class PhraseSet {
 public:
  PhraseSet(std::initializer_list<std::string_view> phrases)
      : PhraseSet(std::span<const std::string_view>(phrases.begin(), phrases.size())) {}
  explicit PhraseSet(std::span<const std::string_view> phrases);
  // One set of the phrases of several lists (arrays, vectors of string_view).
  template <typename... Lists>
  static PhraseSet joined(const Lists&... lists) {
    std::vector<std::string_view> all;
    (all.insert(all.end(), lists.begin(), lists.end()), ...);
    return PhraseSet(std::span<const std::string_view>(all));
  }

  // True when at least one phrase occurs in text.
  bool contains_any(std::string_view text) const;
  // How many different phrases occur in text (each counted once however often it occurs).
  // Allocates nothing for a set of at most 64 phrases.
  size_t count_present(std::string_view text) const;
  // Calls found(phrase, end) for every occurrence of every phrase, `phrase` being its index in
  // the list the set was built from and `end` the byte offset just past it, in order of `end`.
  template <typename Found>
  void for_each_match(std::string_view text, Found found) const {
    State state = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      state = next(state, static_cast<unsigned char>(text[i]));
      if (!(state & kEndsHere)) continue;
      for (uint32_t phrase : ends_[number_of(state)]) found(phrase, i + 1);
    }
  }

 private:
  // A state is its row's offset in transitions_ (state number * classes_), so a step is one
  // load with no multiply, and its top bit says whether some phrase ends there: the scans
  // below run over every byte of every paragraph and test that bit instead of a second table.
  using State = uint32_t;
  static constexpr State kEndsHere = State{1} << 31;
  State next(State state, unsigned char byte) const { return transitions_[(state & ~kEndsHere) + class_of_[byte]]; }
  size_t number_of(State state) const { return (state & ~kEndsHere) / classes_; }

  static constexpr size_t kMaskPhrases = 64;  // sets this small count with one bit per phrase

  size_t phrase_count_ = 0;
  size_t classes_ = 1;                      // byte classes: 0 for bytes no phrase uses
  std::array<uint8_t, 256> class_of_{};     // case-folded byte -> class
  std::vector<State> transitions_;          // row + class -> state (a full automaton)
  std::vector<std::vector<uint32_t>> ends_;  // per state number: phrases ending there, suffixes
                                             // included
  std::vector<uint64_t> ends_mask_;          // per state number: ends_ as bits; empty for a set
                                             // of more than kMaskPhrases phrases
};

}  // namespace beautyidx
