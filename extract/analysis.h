// Internal to extract/: the steps that turn a page's text blocks into quotes, speakers and
// products. Each step is a plain function over the blocks so it can be tested alone.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/model.h"
#include "core/taxonomy.h"
#include "extract/catalog.h"
#include "extract/html_blocks.h"

namespace beautyidx::extract {

// A block of the article body with the section it belongs to (0 = before the first heading).
struct Paragraph {
  BlockType type = BlockType::kParagraph;
  int heading_level = 0;
  bool in_blockquote = false;
  std::string text;
  std::vector<std::string> hrefs;  // absolute
  int section = 0;
};

// A person introduced in the article with what qualifies them.
struct Person {
  std::string name;  // "Anna Karp"
  std::string credential;
  CredentialClass credential_class = CredentialClass::kNone;
  std::string affiliation;
  int first_paragraph = 0;
};

// Finds introductions such as "board-certified dermatologist Anna Karp", "NYC-based
// esthetician Anastasia Cupcea of DAPHNE", "Anna Karp, MD, a dermatologist in New York",
// "Mark Lee, a cosmetic chemist at Lab X". Each person once, in order of first introduction.
std::vector<Person> find_people(const std::vector<Paragraph>& paragraphs);

// The class a credential's wording belongs to ("board-certified dermatologist" ->
// kDermatologist).
CredentialClass classify_credential(std::string_view credential);

// Quotes with their speakers: attribution after or before the quote, continuation quotes,
// split quotes, interview answers and indirect speech. `people` resolves surnames and pronouns.
std::vector<Quote> find_quotes(const std::vector<Paragraph>& paragraphs,
                               const std::vector<Person>& people, const std::string& title);

Stance classify_stance(std::string_view text);

// Products with prices from "Buy it now: NAME from SOURCE, $N", "Shop it: NAME, $N at
// RETAILER", "NAME ($N, retailer.com)" and "$N at RETAILER" lines under a product heading.
// `article_concerns` are what the whole article is about; a product inherits its section's
// concerns only among those, so a passing "can leave you red" does not make a roller a
// redness pick.
std::vector<Product> find_products(const std::vector<Paragraph>& paragraphs,
                                   const std::vector<Quote>& quotes, const Catalog& catalog,
                                   const Taxonomy& taxonomy, const std::string& title,
                                   const std::vector<std::string>& article_concerns);

// A product stated in schema.org data (JSON-LD Product / Offer / AggregateOffer / ItemList).
struct StructuredProduct {
  std::string name;  // as written, possibly with the brand in it
  std::string brand;
  std::string seller;
  std::string url;
  Price price;
};
// `json_ld` is parse_json_ld's (extract/metadata.h).
std::vector<StructuredProduct> find_structured_products(const std::vector<nlohmann::json>& json_ld);

// True when a paragraph reads like an author bio ("Lisa Bensley is the founder of ...");
// sets `name` to the author it describes.
bool looks_like_author_bio(std::string_view paragraph, std::string* name);

}  // namespace beautyidx::extract
