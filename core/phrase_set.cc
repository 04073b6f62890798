#include "core/phrase_set.h"

#include <bit>
#include <deque>

namespace beautyidx {
namespace {

unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c; }

}  // namespace

PhraseSet::PhraseSet(std::span<const std::string_view> phrases) : phrase_count_(phrases.size()) {
  // Byte classes keep the table small: a few dozen columns instead of 256.
  for (std::string_view phrase : phrases) {
    for (char c : phrase) {
      unsigned char b = fold(static_cast<unsigned char>(c));
      if (class_of_[b] == 0) class_of_[b] = static_cast<uint8_t>(classes_++);
    }
  }
  for (int c = 'A'; c <= 'Z'; ++c) class_of_[c] = class_of_[fold(static_cast<unsigned char>(c))];

  // The trie, with 0 meaning "no edge yet" (state 0 is the root, never a child).
  transitions_.assign(classes_, 0);
  ends_.emplace_back();
  for (uint32_t p = 0; p < phrases.size(); ++p) {
    State state = 0;
    for (char c : phrases[p]) {
      size_t slot = state * classes_ + class_of_[static_cast<unsigned char>(c)];
      if (transitions_[slot] == 0) {
        transitions_[slot] = static_cast<State>(ends_.size());
        transitions_.resize(transitions_.size() + classes_, 0);
        ends_.emplace_back();
      }
      state = transitions_[slot];
    }
    ends_[state].push_back(p);
  }

  // Breadth first, each missing edge becomes the edge of the longest proper suffix state
  // (its failure link), and each state inherits the phrases ending at that suffix.
  std::vector<State> failure(ends_.size(), 0);
  std::deque<State> queue;
  for (size_t c = 0; c < classes_; ++c) {
    if (State child = transitions_[c]; child != 0) queue.push_back(child);
  }
  while (!queue.empty()) {
    State state = queue.front();
    queue.pop_front();
    for (size_t c = 0; c < classes_; ++c) {
      size_t slot = state * classes_ + c;
      State fallback = transitions_[failure[state] * classes_ + c];
      if (State child = transitions_[slot]; child != 0) {
        failure[child] = fallback;
        const auto& inherited = ends_[fallback];
        ends_[child].insert(ends_[child].end(), inherited.begin(), inherited.end());
        queue.push_back(child);
      } else {
        transitions_[slot] = fallback;
      }
    }
  }
  if (phrase_count_ <= kMaskPhrases) {
    for (const auto& ends : ends_) {
      uint64_t mask = 0;
      for (uint32_t p : ends) mask |= uint64_t{1} << p;
      ends_mask_.push_back(mask);
    }
  }
  // From state numbers to row offsets flagged where a phrase ends (see State).
  for (State& target : transitions_) {
    target = static_cast<State>(target * classes_) | (ends_[target].empty() ? 0 : kEndsHere);
  }
}

bool PhraseSet::contains_any(std::string_view text) const {
  State state = 0;
  for (char c : text) {
    state = next(state, static_cast<unsigned char>(c));
    if (state & kEndsHere) return true;
  }
  return false;
}

size_t PhraseSet::count_present(std::string_view text) const {
  if (phrase_count_ <= kMaskPhrases) {
    uint64_t present = 0;
    State state = 0;
    for (char c : text) {
      state = next(state, static_cast<unsigned char>(c));
      if (state & kEndsHere) present |= ends_mask_[number_of(state)];
    }
    return static_cast<size_t>(std::popcount(present));
  }
  std::vector<bool> present(phrase_count_, false);
  size_t count = 0;
  State state = 0;
  for (char c : text) {
    state = next(state, static_cast<unsigned char>(c));
    if (!(state & kEndsHere)) continue;
    for (uint32_t p : ends_[number_of(state)]) {
      if (!present[p]) {
        present[p] = true;
        ++count;
      }
    }
  }
  return count;
}

}  // namespace beautyidx
