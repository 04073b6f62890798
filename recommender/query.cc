#include "recommender/query.h"

#include <algorithm>
#include <array>

#include "core/price.h"
#include "core/text.h"

namespace beautyidx::recommender {
namespace {

struct Cue {
  std::string_view phrase;
  bool is_max;
};

// Longest first so "no more than" wins over "more than".
constexpr std::array<Cue, 25> kCues = {{
    {"no more than", true}, {"not more than", true}, {"no less than", false}, {"not less than", false},
    {"no cheaper than", false}, {"less than", true}, {"cheaper than", true},
    {"at most", true},      {"up to", true},         {"under", true},     {"below", true},
    {"maximum", true},      {"max", true},           {"within", true},    {"<=", true},
    {"<", true},            {"more than", false},    {"at least", false}, {"starting at", false},
    {"over", false},        {"above", false},        {"min", false},      {"from", false},
    {">=", false},          {">", false},
}};

constexpr std::array<std::string_view, 7> kCheapWords = {"budget-friendly", "cheap", "affordable", "drugstore",
                                                         "budget", "inexpensive", "cheapest"};
constexpr std::array<std::string_view, 5> kSplurgeWords = {"splurge", "luxury", "high-end", "luxe",
                                                           "splurge-worthy"};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

bool word_at(std::string_view text, size_t at, std::string_view word) {
  if (text.substr(at, word.size()) != word) return false;
  bool left = at == 0 || !is_word_char(text[at - 1]) || !is_word_char(word.front());
  size_t end = at + word.size();
  bool right = end >= text.size() || !is_word_char(text[end]) || !is_word_char(word.back());
  return left && right;
}

// A money amount at `at`: "$50", "50", "50 dollars", "30 bucks", "£20", "40 usd".
struct Amount {
  double value = 0;
  std::string currency;
  bool explicit_currency = false;
  size_t end = 0;
};

std::optional<Amount> amount_at(std::string_view text, size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  auto mentions = find_prices(text.substr(at));
  if (!mentions.empty() && mentions.front().begin == 0) {
    const auto& m = mentions.front();
    return Amount{m.price.amount, m.price.currency, true, at + m.end};
  }
  size_t i = at;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == ',' || text[i] == '.')) ++i;
  if (i == at) return std::nullopt;
  auto value = parse_amount(text.substr(at, i - at));
  if (!value) return std::nullopt;
  Amount amount{*value, "USD", false, i};
  size_t j = i;
  while (j < text.size() && text[j] == ' ') ++j;
  for (std::string_view unit : {"dollars", "dollar", "bucks", "buck", "usd"}) {
    if (word_at(text, j, unit)) {
      amount.explicit_currency = true;
      amount.end = j + unit.size();
      break;
    }
  }
  // A bare number is money only when nothing names another unit: "under 30" and "under 30 for
  // dry skin" are budgets, "under 5 minutes" and "up to 3 times a week" are not.
  if (!amount.explicit_currency && j < text.size()) {
    if (text[j] == '%' || text[j] == 'x') return std::nullopt;
    if (std::isalpha(static_cast<unsigned char>(text[j]))) {
      size_t word_end = j;
      while (word_end < text.size() && is_word_char(text[word_end])) ++word_end;
      std::string_view next = text.substr(j, word_end - j);
      static constexpr std::array<std::string_view, 12> kConnectors = {
          "for", "on", "at", "with", "and", "or", "in", "to", "that", "which", "please", "from"};
      if (std::find(kConnectors.begin(), kConnectors.end(), next) == kConnectors.end()) return std::nullopt;
    }
  }
  return amount;
}

void set_range(std::string_view text, size_t b, size_t e, size_t* begin, size_t* end) {
  (void)text;
  if (begin) *begin = b;
  if (end) *end = e;
}

}  // namespace

std::optional<Budget> parse_budget(std::string_view raw, const BudgetBands& bands, size_t* begin, size_t* end) {
  std::string text = to_lower_ascii(raw);
  // "between 100 and 400"
  for (size_t at = text.find("between"); at != std::string::npos; at = text.find("between", at + 1)) {
    if (!word_at(text, at, "between")) continue;
    auto low = amount_at(text, at + 7);
    if (!low) continue;
    size_t k = low->end;
    while (k < text.size() && text[k] == ' ') ++k;
    if (!word_at(text, k, "and")) continue;
    auto high = amount_at(text, k + 3);
    if (!high || high->value < low->value) continue;
    Budget b{low->value, high->value, high->explicit_currency ? high->currency : low->currency};
    set_range(text, at, high->end, begin, end);
    return b;
  }
  // Ranges with a currency: "$20-$40", "$20 to $40", "20-40 dollars".
  for (const auto& m : find_prices(text)) {
    if (m.price.max) {
      set_range(text, m.begin, m.end, begin, end);
      return Budget{m.price.amount, m.price.max, m.price.currency};
    }
  }
  // Cue words, left to right, longest cue first at each position; a floor and a ceiling may
  // both be given ("over $20 under $50").
  std::optional<Budget> cued;
  size_t cued_begin = std::string::npos, cued_end = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    for (const Cue& cue : kCues) {
      if (!word_at(text, at, cue.phrase)) continue;
      auto amount = amount_at(text, at + cue.phrase.size());
      if (!amount) continue;
      // "from 2020" or "over 40" (an age) without a currency is not a budget.
      if (!amount->explicit_currency && (cue.phrase == "from" || cue.phrase == "over" || cue.phrase == "above" ||
                                         cue.phrase == "min" || cue.phrase == "within"))
        continue;
      if (!cued) cued = Budget{std::nullopt, std::nullopt, amount->currency};
      auto& bound = cue.is_max ? cued->max : cued->min;
      if (!bound) {
        bound = amount->value;
        cued_begin = std::min(cued_begin, at);
        cued_end = std::max(cued_end, amount->end);
      }
      at = amount->end;
      break;
    }
  }
  if (cued) {
    set_range(text, cued_begin, cued_end, begin, end);
    return cued;
  }
  // A lone price is a ceiling ("vitamin c serum $30") unless it says "or more" / "and up".
  auto mentions = find_prices(text);
  if (!mentions.empty()) {
    const auto& m = mentions.front();
    std::string_view after = trim(std::string_view(text).substr(m.end));
    for (std::string_view floor_word : {"or more", "and up", "and above", "or higher", "+", "plus"}) {
      if (after.starts_with(floor_word)) {
        set_range(text, m.begin, m.end + (text.size() - m.end - after.size()) + floor_word.size(), begin, end);
        return Budget{m.price.amount, std::nullopt, m.price.currency};
      }
    }
    set_range(text, m.begin, m.end, begin, end);
    return Budget{std::nullopt, m.price.amount, m.price.currency};
  }
  // "30 bucks", "40 dollars" with no cue word.
  for (size_t i = 0; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) || (i > 0 && is_word_char(text[i - 1]))) continue;
    auto amount = amount_at(text, i);
    if (amount && amount->explicit_currency) {
      set_range(text, i, amount->end, begin, end);
      return Budget{std::nullopt, amount->value, amount->currency};
    }
  }
  for (auto word : kCheapWords) {
    for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
      if (!word_at(text, at, word)) continue;
      set_range(text, at, at + word.size(), begin, end);
      return Budget{std::nullopt, bands.cheap_max, "USD"};
    }
  }
  for (auto word : kSplurgeWords) {
    for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
      if (!word_at(text, at, word)) continue;
      set_range(text, at, at + word.size(), begin, end);
      return Budget{bands.splurge_min, std::nullopt, "USD"};
    }
  }
  return std::nullopt;
}

QueryInterpretation interpret_query(std::string_view raw, const Taxonomy& taxonomy, const BudgetBands& bands) {
  QueryInterpretation q;
  q.text = collapse_whitespace(raw);
  std::string rest = q.text;
  size_t begin = 0, end = 0;
  if (auto budget = parse_budget(q.text, bands, &begin, &end)) {
    q.budget = budget;
    rest = q.text.substr(0, begin) + " " + q.text.substr(end);
  }

  auto words = match_words(rest);
  // Taxonomy terms, also through plain plurals ("rollers" -> "roller").
  std::vector<std::string> singular;
  for (const auto& w : words) {
    singular.push_back(w.size() > 3 && w.ends_with('s') && !w.ends_with("ss") ? w.substr(0, w.size() - 1) : w);
  }
  for (const auto* list : {&words, &singular}) {
    TaxonomyMatch m = taxonomy.match_words(*list);
    for (auto& c : m.concerns) {
      if (std::find(q.concerns.begin(), q.concerns.end(), c) == q.concerns.end()) q.concerns.push_back(c);
    }
    for (auto& t : m.techniques) {
      if (std::find(q.techniques.begin(), q.techniques.end(), t) == q.techniques.end()) q.techniques.push_back(t);
    }
  }

  static constexpr std::array<std::pair<std::string_view, CredentialClass>, 14> kExperts = {{
      {"dermatologist", CredentialClass::kDermatologist}, {"derm", CredentialClass::kDermatologist},
      {"dermatologists", CredentialClass::kDermatologist}, {"derms", CredentialClass::kDermatologist},
      {"esthetician", CredentialClass::kEsthetician}, {"estheticians", CredentialClass::kEsthetician},
      {"aesthetician", CredentialClass::kEsthetician}, {"facialist", CredentialClass::kEsthetician},
      {"chemist", CredentialClass::kCosmeticChemist}, {"chemists", CredentialClass::kCosmeticChemist},
      {"surgeon", CredentialClass::kPlasticSurgeon}, {"surgeons", CredentialClass::kPlasticSurgeon},
      {"artist", CredentialClass::kMakeupArtist}, {"artists", CredentialClass::kMakeupArtist},
  }};
  static constexpr std::array<std::string_view, 16> kProductTypes = {
      "roller", "device", "serum", "cream", "mask", "tool", "cleanser", "moisturizer", "sunscreen",
      "toner", "oil", "patches", "balm", "primer", "spray", "stone"};
  static constexpr std::array<std::string_view, 24> kIntentWords = {
      "what", "do", "does", "say", "says", "about", "the", "best", "for", "a", "an", "to", "and", "of",
      "is", "are", "with", "my", "me", "i", "picks", "recommend", "recommended", "approved"};
  std::string residual;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    bool consumed = false;
    for (const auto& [word, cls] : kExperts) {
      if (w == word || (w.ends_with("-approved") && w.starts_with(word))) {
        if (std::find(q.expert_classes.begin(), q.expert_classes.end(), cls) == q.expert_classes.end()) {
          q.expert_classes.push_back(cls);
        }
        consumed = true;
      }
    }
    for (auto type : kProductTypes) {
      if (singular[i] == type || w == type) {
        if (std::find(q.product_types.begin(), q.product_types.end(), type) == q.product_types.end()) {
          q.product_types.emplace_back(type);
        }
      }
    }
    if (std::find(kIntentWords.begin(), kIntentWords.end(), w) != kIntentWords.end()) consumed = true;
    if (!consumed) {
      if (!residual.empty()) residual += ' ';
      residual += w;
    }
  }
  q.residual = residual;
  return q;
}

}  // namespace beautyidx::recommender
