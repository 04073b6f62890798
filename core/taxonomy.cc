#include "core/taxonomy.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/file.h"
#include "core/text.h"

namespace beautyidx {

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
      auto& list = taxonomy.phrases_by_first_word_[words.front()];
      list.push_back({std::move(words), e});
    }
  }
  std::sort(taxonomy.vocabulary_.begin(), taxonomy.vocabulary_.end());
  taxonomy.vocabulary_.erase(std::unique(taxonomy.vocabulary_.begin(), taxonomy.vocabulary_.end()),
                             taxonomy.vocabulary_.end());
  for (auto& [word, list] : taxonomy.phrases_by_first_word_) {
    std::stable_sort(list.begin(), list.end(), [](const Phrase& a, const Phrase& b) {
      return a.words.size() > b.words.size();
    });
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

template <typename WordAt>
TaxonomyMatch Taxonomy::match_each(size_t count, WordAt word_at) const {
  TaxonomyMatch result;
  std::vector<bool> seen(entries_.size(), false);
  for (size_t i = 0; i < count;) {
    auto it = phrases_by_first_word_.find(word_at(i));
    size_t advance = 1;
    if (it != phrases_by_first_word_.end()) {
      for (const Phrase& phrase : it->second) {
        if (i + phrase.words.size() > count) continue;
        bool equal = true;
        for (size_t w = 1; w < phrase.words.size() && equal; ++w) equal = phrase.words[w] == word_at(i + w);
        if (!equal) continue;
        ++result.mentions[entries_[phrase.entry].id];
        if (!seen[phrase.entry]) {
          seen[phrase.entry] = true;
          const TaxonomyEntry& entry = entries_[phrase.entry];
          (entry.kind == TermKind::kConcern ? result.concerns : result.techniques).push_back(entry.id);
        }
        advance = phrase.words.size();
        break;
      }
    }
    i += advance;
  }
  return result;
}

const TaxonomyEntry* Taxonomy::find(std::string_view id) const {
  for (const auto& entry : entries_) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace beautyidx
