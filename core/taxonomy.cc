#include "core/taxonomy.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/file.h"
#include "core/text.h"

namespace beautyidx {
namespace {

// FNV-1a: words are short, and a table of a few hundred first words needs no more.
uint64_t word_hash(std::string_view word) {
  uint64_t hash = 0xCBF29CE484222325ull;
  for (char c : word) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  return hash;
}

}  // namespace

Result<Taxonomy> Taxonomy::load(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  auto taxonomy = parse(*text);
  if (!taxonomy) return std::unexpected(taxonomy.error().with_context(path.string()));
  return taxonomy;
}

Result<Taxonomy> Taxonomy::parse(std::string_view json) {
  nlohmann::json root = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    return make_error(ErrorKind::kParse, "taxonomy: not a JSON object");
  }
  Taxonomy taxonomy;
  auto read_list = [&](const char* key, TermKind kind) -> Status {
    if (!root.contains(key)) return {};
    if (!root[key].is_array()) return make_error(ErrorKind::kParse, std::string("taxonomy: ") + key + " is not a list");
    for (const auto& item : root[key]) {
      if (!item.is_object() || !item.contains("id") || !item["id"].is_string()) {
        return make_error(ErrorKind::kParse, std::string("taxonomy: an entry of ") + key + " has no id");
      }
      TaxonomyEntry entry;
      entry.id = item["id"].get<std::string>();
      entry.label = item.value("label", entry.id);
      entry.kind = kind;
      entry.synonyms.push_back(entry.id);
      if (item.contains("synonyms") && item["synonyms"].is_array()) {
        for (const auto& s : item["synonyms"]) {
          if (s.is_string()) entry.synonyms.push_back(s.get<std::string>());
        }
      }
      taxonomy.entries_.push_back(std::move(entry));
    }
    return {};
  };
  if (auto s = read_list("concerns", TermKind::kConcern); !s) return std::unexpected(s.error());
  if (auto s = read_list("techniques", TermKind::kTechnique); !s) return std::unexpected(s.error());

  for (size_t e = 0; e < taxonomy.entries_.size(); ++e) {
    for (const auto& synonym : taxonomy.entries_[e].synonyms) {
      auto words = beautyidx::match_words(synonym);
      if (words.empty()) continue;
      taxonomy.vocabulary_.insert(taxonomy.vocabulary_.end(), words.begin(), words.end());
      auto group = std::find_if(taxonomy.first_words_.begin(), taxonomy.first_words_.end(),
                                [&](const FirstWord& f) { return f.word == words.front(); });
      if (group == taxonomy.first_words_.end()) {
        group = taxonomy.first_words_.insert(group, FirstWord{words.front(), {}});
      }
      group->phrases.push_back({std::move(words), e});
    }
  }
  std::sort(taxonomy.vocabulary_.begin(), taxonomy.vocabulary_.end());
  taxonomy.vocabulary_.erase(std::unique(taxonomy.vocabulary_.begin(), taxonomy.vocabulary_.end()),
                             taxonomy.vocabulary_.end());
  // At most a quarter full, so a miss usually ends at the first empty slot.
  size_t slots = 16;
  while (slots < taxonomy.first_words_.size() * 4) slots *= 2;
  taxonomy.first_word_slots_.assign(slots, 0);
  taxonomy.first_word_hashes_.assign(slots, 0);
  for (size_t f = 0; f < taxonomy.first_words_.size(); ++f) {
    auto& phrases = taxonomy.first_words_[f].phrases;
    std::stable_sort(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
      return a.words.size() > b.words.size();
    });
    uint64_t hash = word_hash(taxonomy.first_words_[f].word);
    size_t slot = hash & (slots - 1);
    while (taxonomy.first_word_slots_[slot] != 0) slot = (slot + 1) & (slots - 1);
    taxonomy.first_word_slots_[slot] = static_cast<uint32_t>(f + 1);
    taxonomy.first_word_hashes_[slot] = hash;
  }
  return taxonomy;
}

TaxonomyMatch Taxonomy::match(std::string_view text) const {
  MatchWordList list = match_word_list(text);
  return match_each(list.size(), [&](size_t i) { return list.word(i); });
}

TaxonomyMatch Taxonomy::match_words(const std::vector<std::string>& words) const {
  return match_each(words.size(), [&](size_t i) { return std::string_view(words[i]); });
}

const std::vector<Taxonomy::Phrase>* Taxonomy::phrases_starting_with(std::string_view word) const {
  if (first_word_slots_.empty()) return nullptr;
  uint64_t hash = word_hash(word);
  size_t mask = first_word_slots_.size() - 1;
  for (size_t slot = hash & mask; first_word_slots_[slot] != 0; slot = (slot + 1) & mask) {
    if (first_word_hashes_[slot] != hash) continue;
    const FirstWord& first = first_words_[first_word_slots_[slot] - 1];
    if (first.word == word) return &first.phrases;
  }
  return nullptr;
}

template <typename WordAt>
TaxonomyMatch Taxonomy::match_each(size_t count, WordAt word_at) const {
  TaxonomyMatch result;
  for (size_t i = 0; i < count;) {
    size_t advance = 1;
    const std::vector<Phrase>* phrases = phrases_starting_with(word_at(i));
    for (size_t p = 0; phrases != nullptr && p < phrases->size(); ++p) {
      const Phrase& phrase = (*phrases)[p];
      if (i + phrase.words.size() > count) continue;
      bool equal = true;
      for (size_t w = 1; w < phrase.words.size() && equal; ++w) equal = phrase.words[w] == word_at(i + w);
      if (!equal) continue;
      const TaxonomyEntry& entry = entries_[phrase.entry];
      auto seen = std::find_if(result.mentions.begin(), result.mentions.end(),
                               [&](const auto& m) { return m.first.data() == entry.id.data(); });
      if (seen != result.mentions.end()) {
        ++seen->second;
      } else {
        result.mentions.emplace_back(entry.id, 1);
        (entry.kind == TermKind::kConcern ? result.concerns : result.techniques).push_back(entry.id);
      }
      advance = phrase.words.size();
      break;
    }
    i += advance;
  }
  return result;
}

int TaxonomyMatch::mentions_of(std::string_view id) const {
  for (const auto& [named, count] : mentions) {
    if (named == id) return count;
  }
  return 0;
}

const TaxonomyEntry* Taxonomy::find(std::string_view id) const {
  for (const auto& entry : entries_) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace beautyidx
