#include "extract/catalog.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/file.h"
#include "core/text.h"
#include "url/url.h"

namespace beautyidx::extract {
namespace {


bool is_word_boundary(std::string_view text, size_t at) {
  if (at >= text.size()) return true;
  auto c = static_cast<unsigned char>(text[at]);
  return !(std::isalnum(c) || c >= 0x80);
}

// A brand as it may be written: as listed, and with a curly apostrophe ("Kiehl’s").
std::vector<std::string> spellings_of(const std::string& brand) {
  std::vector<std::string> spellings = {brand};
  size_t apostrophe = brand.find('\'');
  if (apostrophe != std::string::npos) {
    std::string curly = brand;
    curly.replace(apostrophe, 1, "\xE2\x80\x99");
    spellings.push_back(std::move(curly));
  }
  return spellings;
}

// Lowercase letters and digits only: "Paula's Choice" -> "paulaschoice".
std::string letters_and_digits(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// "Sephora Australia", "Boots UK": a store's regional site is the store.
constexpr std::array<std::string_view, 10> kRegions = {
    " australia", " uk", " us", " usa", " canada", " france", " germany", " au", " ca", " ireland"};

}  // namespace

Result<Catalog> Catalog::load(const std::filesystem::path& retailers_json,
                              const std::filesystem::path& brands_txt) {
  auto retailers = read_file(retailers_json);
  if (!retailers) return std::unexpected(retailers.error());
  auto brands = read_file(brands_txt);
  if (!brands) return std::unexpected(brands.error());
  return parse(*retailers, *brands);
}

Result<Catalog> Catalog::parse(std::string_view retailers_json, std::string_view brands_txt) {
  Catalog catalog;
  auto root = nlohmann::json::parse(retailers_json, nullptr, false);
  if (root.is_discarded() || !root.contains("retailers") || !root["retailers"].is_array()) {
    return make_error(ErrorKind::kParse, "retailers: expected an object with a 'retailers' list");
  }
  for (const auto& item : root["retailers"]) {
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) continue;
    Retailer r;
    r.name = item["name"].get<std::string>();
    r.aliases.push_back(to_lower_ascii(r.name));
    for (const auto& alias : item.value("aliases", nlohmann::json::array())) {
      if (alias.is_string()) r.aliases.push_back(to_lower_ascii(alias.get<std::string>()));
    }
    for (const auto& domain : item.value("domains", nlohmann::json::array())) {
      if (domain.is_string()) {
        r.domains.push_back(to_lower_ascii(domain.get<std::string>()));
        r.aliases.push_back(r.domains.back());
      }
    }
    catalog.retailers_.push_back(std::move(r));
  }
  size_t start = 0;
  while (start < brands_txt.size()) {
    size_t end = brands_txt.find('\n', start);
    if (end == std::string_view::npos) end = brands_txt.size();
    std::string_view line = trim(brands_txt.substr(start, end - start));
    if (!line.empty() && line.front() != '#') {
      std::string name(line);
      catalog.brands_.push_back({name, spellings_of(name), letters_and_digits(name)});
    }
    start = end + 1;
  }
  std::stable_sort(catalog.brands_.begin(), catalog.brands_.end(),
                   [](const Brand& a, const Brand& b) { return a.name.size() > b.name.size(); });
  std::vector<std::string_view> spellings;
  for (size_t b = 0; b < catalog.brands_.size(); ++b) {
    for (size_t s = 0; s < catalog.brands_[b].spellings.size(); ++s) {
      catalog.spelling_list_.push_back({b, s});
      spellings.push_back(catalog.brands_[b].spellings[s]);
    }
  }
  catalog.spelling_set_ = PhraseSet(std::span<const std::string_view>(spellings));
  return catalog;
}

std::optional<std::string> Catalog::retailer(std::string_view name_or_domain) const {
  std::string key = to_lower_ascii(trim(name_or_domain));
  // "Macy’s" is "Macy's".
  std::string straight;
  for (size_t i = 0; i < key.size(); ++i) {
    if (key.compare(i, 3, "\xE2\x80\x99") == 0) {
      straight.push_back('\'');
      i += 2;
    } else {
      straight.push_back(key[i]);
    }
  }
  key = std::move(straight);
  if (key.starts_with("www.")) key.erase(0, 4);
  while (!key.empty() && (key.back() == '.' || key.back() == ',')) key.pop_back();
  for (const auto& r : retailers_) {
    for (const auto& alias : r.aliases) {
      if (alias == key) return r.name;
    }
  }
  for (std::string_view region : kRegions) {
    if (key.ends_with(region) && key.size() > region.size())
      return retailer(std::string_view(key).substr(0, key.size() - region.size()));
  }
  return std::nullopt;
}

std::optional<std::string> Catalog::retailer_for_url(std::string_view url) const {
  auto parts = url::split(url);
  if (!parts) return std::nullopt;
  for (const auto& r : retailers_) {
    for (const auto& domain : r.domains) {
      if (parts->host == domain || parts->host.ends_with("." + domain)) return r.name;
    }
  }
  return std::nullopt;
}

Catalog::BrandSplit Catalog::split_brand(std::string_view product_name) const {
  std::string_view name = trim(product_name);
  for (const auto& brand : brands_) {
    size_t length = 0;
    for (const std::string& spelling : brand.spellings) {
      if (starts_with_ignore_case(name, spelling) && is_word_boundary(name, spelling.size()))
        length = spelling.size();
    }
    if (length > 0) {
      std::string_view rest = trim(name.substr(length));
      while (!rest.empty() && (rest.front() == '\'' || rest.front() == ':' || rest.front() == '-' ||
                               rest.starts_with("\xE2\x80\x99"))) {
        rest = trim(rest.substr(rest.front() == '\xE2' ? 3 : 1));
      }
      if (rest.starts_with("s ")) rest = trim(rest.substr(2));  // "Tatcha's Silk Cream"
      if (rest.empty()) break;
      return {brand.name, std::string(rest)};
    }
  }
  return {"", std::string(name)};
}

std::optional<Catalog::BrandMention> Catalog::last_brand_in(std::string_view text) const {
  // The mention that starts last wins; at the same start the longer spelling, and between
  // equals the brand listed first.
  std::optional<BrandMention> best;
  size_t best_spelling = 0;
  spelling_set_.for_each_match(text, [&](uint32_t index, size_t end) {
    const SpellingOf& of = spelling_list_[index];
    const std::string& spelling = brands_[of.brand].spellings[of.spelling];
    size_t at = end - spelling.size();
    if (text.substr(at, spelling.size()) != spelling) return;  // the set ignores case; brands do not
    if ((at > 0 && !is_word_boundary(text, at - 1)) || !is_word_boundary(text, end)) return;
    bool better = !best || at > best->begin ||
                  (at == best->begin && (spelling.size() > best->end - best->begin ||
                                         (spelling.size() == best->end - best->begin && index < best_spelling)));
    if (!better) return;
    best = BrandMention{at, end, brands_[of.brand].name};
    best_spelling = index;
  });
  return best;
}

std::optional<std::string> Catalog::brand(std::string_view name) const {
  std::string_view trimmed = trim(name);
  for (const auto& brand : brands_) {
    for (const std::string& spelling : brand.spellings) {
      if (equals_ignore_case(trimmed, spelling)) return brand.name;
    }
  }
  return std::nullopt;
}

std::optional<std::string> Catalog::brand_for_domain(std::string_view domain) const {
  std::string host = to_lower_ascii(trim(domain));
  if (host.starts_with("www.")) host.erase(0, 4);
  size_t dot = host.find('.');
  if (dot == std::string::npos || dot == 0) return std::nullopt;
  std::string label = letters_and_digits(std::string_view(host).substr(0, dot));
  for (const auto& brand : brands_) {
    if (brand.letters == label) return brand.name;
  }
  return std::nullopt;
}

}  // namespace beautyidx::extract
