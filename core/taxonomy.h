// The vocabulary of concerns ("de-puffing") and techniques ("gua sha") with their synonyms,
// loaded from data/taxonomy.json. Thread-safe for concurrent reads once loaded.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
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
  std::map<std::string, int, std::less<>> mentions;  // id -> how many times it was named
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
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view word) const { return std::hash<std::string_view>{}(word); }
  };
  // Matching over any list of words: word_at(i) gives word i as a string_view.
  template <typename WordAt>
  TaxonomyMatch match_each(size_t count, WordAt word_at) const;

  std::vector<TaxonomyEntry> entries_;
  std::vector<std::string> vocabulary_;
  // Phrases keyed by their first word, longest first. Hashed: every word of every paragraph
  // of every page is looked up here.
  std::unordered_map<std::string, std::vector<Phrase>, WordHash, std::equal_to<>> phrases_by_first_word_;
};

}  // namespace beautyidx
