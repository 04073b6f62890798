// The vocabulary of concerns ("de-puffing") and techniques ("gua sha") with their synonyms,
// loaded from data/taxonomy.json. Thread-safe for concurrent reads once loaded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace beautyidx {

enum class TermKind { kConcern, kTechnique };

struct TaxonomyEntry {
  std::string id;     // canonical, lowercase ("lymphatic drainage")
  std::string label;  // for display ("Lymphatic drainage")
  TermKind kind = TermKind::kConcern;
  std::vector<std::string> synonyms;
};

// Ids found in a text, each once, in order of first appearance.
struct TaxonomyMatch {
  std::vector<std::string> concerns;
  std::vector<std::string> techniques;
  // How many times each id found was named, in order of first appearance. The ids view the
  // Taxonomy's own, so a match must not outlive the taxonomy that made it.
  std::vector<std::pair<std::string_view, int>> mentions;

  int mentions_of(std::string_view id) const;
};

class Taxonomy {
 public:
  Taxonomy() = default;

  static Result<Taxonomy> load(const std::filesystem::path& path);
  static Result<Taxonomy> parse(std::string_view json);

  // Whole-word, case-insensitive phrase matching of every synonym; hyphens count as spaces,
  // so "de-puffing", "de puffing" and "De-Puffing" match alike. Longest phrase wins where
  // two overlap.
  TaxonomyMatch match(std::string_view text) const;
  // The same over pre-split words (see match_words in core/text.h).
  TaxonomyMatch match_words(const std::vector<std::string>& words) const;

  const TaxonomyEntry* find(std::string_view id) const;
  const std::vector<TaxonomyEntry>& entries() const { return entries_; }
  // Every word of every synonym, as match_words splits it, sorted and unique: the words a
  // caller may rewrite a near miss to ("microcurent" -> "microcurrent") before matching.
  // Built once by parse(), so lookups cost no allocation.
  const std::vector<std::string>& vocabulary() const { return vocabulary_; }

 private:
  struct Phrase {
    std::vector<std::string> words;
    size_t entry = 0;
  };
  // Matching over any list of words: word_at(i) gives word i as a string_view.
  template <typename WordAt>
  TaxonomyMatch match_each(size_t count, WordAt word_at) const;

  // Phrases that start with `word`, longest first; null when none does.
  const std::vector<Phrase>* phrases_starting_with(std::string_view word) const;

  std::vector<TaxonomyEntry> entries_;
  std::vector<std::string> vocabulary_;
  // Phrases grouped by their first word, longest first, found through an open-addressed table
  // of the first words' hashes: every word of every paragraph of every page is looked up, and
  // almost none is a first word, so a miss must cost one probe and no string comparison.
  struct FirstWord {
    std::string word;
    std::vector<Phrase> phrases;
  };
  std::vector<FirstWord> first_words_;
  std::vector<uint32_t> first_word_slots_;  // hash -> 1 + index in first_words_; 0 when empty
  std::vector<uint64_t> first_word_hashes_;  // beside each slot, its word's full hash
};

}  // namespace beautyidx
