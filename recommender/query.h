// Query understanding: a plain question ("de-puffing under $50", "what do dermatologists say
// about facial exercises") becomes concerns, techniques, a budget, expert types and the words
// left for text search. Deterministic, no network, microseconds.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/taxonomy.h"

namespace beautyidx::recommender {

struct Budget {
  std::optional<double> min;
  std::optional<double> max;
  std::string currency = "USD";
};

// Price bands that words such as "cheap" and "splurge" stand for.
struct BudgetBands {
  double cheap_max = 25;     // "cheap", "affordable", "drugstore", "budget"
  double splurge_min = 100;  // "splurge", "luxury", "high-end"
};

struct QueryInterpretation {
  std::string text;                     // the query as read: valid UTF-8, whitespace collapsed
  std::vector<std::string> concerns;    // taxonomy ids, each once
  std::vector<std::string> techniques;  // taxonomy ids, each once
  std::optional<Budget> budget;
  std::vector<CredentialClass> expert_classes;
  std::vector<std::string> product_types;  // "roller", "serum", ...
  // The words not consumed by the budget, expert titles or intent words ("what do ... say"),
  // lowercased, with forgiven typos written as the vocabulary spells them.
  std::string residual;
};

// Finds a budget in `text`: "under $50", "below 30 dollars", "less than 100", "$20-$40",
// "$20 to $40", "between 100 and 400", "over $100", "at least $20", "50 bucks", "£20",
// "cheap", "splurge". On success, [*begin, *end) is the phrase that stated it.
std::optional<Budget> parse_budget(std::string_view text, const BudgetBands& bands = {},
                                   size_t* begin = nullptr, size_t* end = nullptr);

// Reads a query against `taxonomy`: its synonyms (also through plurals, "ice rollers"), expert
// titles ("derm recommended", "according to plastic surgeons"), product words and a budget.
// A word of five letters or more that the vocabulary does not know is forgiven one typing slip
// ("microcurent", "lymphatic drainge", "dermatolgist") when the fix is unambiguous and makes the
// query name something; real words that sit one slip from the vocabulary ("forming") are kept.
// Never fails: any input, including invalid UTF-8, yields an interpretation, in time linear in
// its length. Thread-safe: reads `taxonomy` only.
// The product types a product's name states ("Skin Gym Jade Facial Roller" -> {"roller"}), in the
// vocabulary queries use, so a question for a "device" can be compared with what a pick is.
std::vector<std::string> product_types_in(std::string_view name);

QueryInterpretation interpret_query(std::string_view text, const Taxonomy& taxonomy,
                                    const BudgetBands& bands = {});

}  // namespace beautyidx::recommender
