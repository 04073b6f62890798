// Known retailers (data/retailers.json) and brands (data/brands.txt): what tells "from Sephora"
// (a store) from "from Skin Gym" (the maker). Immutable once loaded; safe to share.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/phrase_set.h"

namespace beautyidx::extract {

class Catalog {
 public:
  static Result<Catalog> load(const std::filesystem::path& retailers_json,
                              const std::filesystem::path& brands_txt);
  static Result<Catalog> parse(std::string_view retailers_json, std::string_view brands_txt);

  // The retailer's canonical name for a name, alias or domain ("ulta.com" -> "Ulta"), also with
  // a region after it ("Sephora Australia" -> "Sephora").
  std::optional<std::string> retailer(std::string_view name_or_domain) const;
  // The retailer owning a URL's host ("https://www.sephora.com/p/x" -> "Sephora").
  std::optional<std::string> retailer_for_url(std::string_view url) const;

  struct BrandSplit {
    std::string brand;  // canonical spelling from the list, empty when none
    std::string name;   // the rest of the product name
  };
  // Splits a leading brand off a product name, longest brand first, case-insensitively.
  // A curly apostrophe matches a straight one ("Kiehl’s Silk Groom" -> "Kiehl's", "Silk Groom").
  BrandSplit split_brand(std::string_view product_name) const;
  std::optional<std::string> brand(std::string_view name) const;
  // The brand whose own site a domain is, by its letters ("paulaschoice.com" -> "Paula's Choice").
  std::optional<std::string> brand_for_domain(std::string_view domain) const;

  struct BrandMention {
    size_t begin = 0, end = 0;  // byte offsets in the searched text
    std::string brand;          // canonical spelling
  };
  // The last whole-word mention of a known brand in `text` (curly apostrophes match straight).
  std::optional<BrandMention> last_brand_in(std::string_view text) const;

 private:
  struct Retailer {
    std::string name;
    std::vector<std::string> aliases;  // lowercase, name included
    std::vector<std::string> domains;
  };
  std::vector<Retailer> retailers_;
  // Worked out once when the catalog is read: every product line and price mention of every
  // page is checked against every brand.
  struct Brand {
    std::string name;                    // canonical spelling
    std::vector<std::string> spellings;  // as listed, and with a curly apostrophe
    std::string letters;                 // lowercase letters and digits, for domains
  };
  std::vector<Brand> brands_;  // sorted longest first
  // Every spelling of every brand, in the order of brands_ and their spellings, found in one
  // pass over a text (case-insensitively; last_brand_in then checks the case).
  struct SpellingOf {
    size_t brand = 0;
    size_t spelling = 0;
  };
  std::vector<SpellingOf> spelling_list_;
  PhraseSet spelling_set_{std::initializer_list<std::string_view>{}};
};

}  // namespace beautyidx::extract
