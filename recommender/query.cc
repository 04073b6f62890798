#include "recommender/query.h"

#include <algorithm>
#include <array>
#include <span>
#include <unordered_set>

#include "core/price.h"
#include "core/text.h"

namespace beautyidx::recommender {
namespace {

// ---- Budgets ----------------------------------------------------------------------------

struct Cue {
  std::string_view phrase;
  bool is_max;
};

// Longest first so "no more than" wins over "more than".
constexpr std::array<Cue, 25> kCues = {{
    {"no more than", true},
    {"not more than", true},
    {"no less than", false},
    {"not less than", false},
    {"no cheaper than", false},
    {"less than", true},
    {"cheaper than", true},
    {"at most", true},
    {"up to", true},
    {"under", true},
    {"below", true},
    {"maximum", true},
    {"max", true},
    {"within", true},
    {"<=", true},
    {"<", true},
    {"more than", false},
    {"at least", false},
    {"starting at", false},
    {"over", false},
    {"above", false},
    {"min", false},
    {"from", false},
    {">=", false},
    {">", false},
}};

constexpr std::array<std::string_view, 7> kCheapWords = {
    "budget-friendly", "cheap", "affordable", "drugstore", "budget", "inexpensive", "cheapest"};
constexpr std::array<std::string_view, 5> kSplurgeWords = {"splurge", "luxury", "high-end", "luxe",
                                                           "splurge-worthy"};

// An amount is read from at most this many bytes: enough for "US$1,299.99 - US$1,499.99",
// and it keeps every cue's look-ahead constant, so a text full of cues ("<<<<…") stays linear.
constexpr size_t kAmountWindow = 64;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }
bool is_number_char(char c) { return is_digit(c) || c == ',' || c == '.'; }

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
  auto mentions = find_prices(text.substr(at, kAmountWindow));
  if (!mentions.empty() && mentions.front().begin == 0) {
    const auto& m = mentions.front();
    return Amount{m.price.amount, m.price.currency, true, at + m.end};
  }
  size_t i = at;
  while (i < text.size() && i - at < kAmountWindow && is_number_char(text[i])) ++i;
  if (i == at) return std::nullopt;
  auto value = parse_amount(text.substr(at, i - at));
  if (!value) return std::nullopt;
  Amount amount{*value, "USD", false, i};
  size_t j = i;
  while (j < text.size() && text[j] == ' ') ++j;
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kUnits = {{
      {"dollars", "USD"},
      {"dollar", "USD"},
      {"bucks", "USD"},
      {"buck", "USD"},
      {"usd", "USD"},
      {"pounds", "GBP"},
      {"gbp", "GBP"},
      {"euros", "EUR"},
      {"eur", "EUR"},
  }};
  for (const auto& [unit, currency] : kUnits) {
    if (word_at(text, j, unit)) {
      amount.currency = currency;
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
      if (std::find(kConnectors.begin(), kConnectors.end(), next) == kConnectors.end())
        return std::nullopt;
    }
  }
  return amount;
}

// The prices in `text`, as find_prices reads them, but each read from a bounded window where a
// number or currency sign starts: find_prices re-reads a long run of digits and commas
// ("1,1,1,…") from every digit, which is quadratic in the run.
std::vector<PriceMention> prices_in(std::string_view text) {
  std::vector<PriceMention> prices;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    bool may_start = is_digit(c) || c == '$' || c == '\xC2' || c == '\xE2';  // $, £ ¥, €
    // As in find_prices, a number inside a word or after a dot ("c15", "0.5") is no price.
    bool inside_word =
        i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) ||
                  static_cast<unsigned char>(text[i - 1]) >= 0x80 || text[i - 1] == '.');
    if (!may_start || (is_digit(c) && inside_word)) {
      ++i;
      continue;
    }
    auto found = find_prices(text.substr(i, kAmountWindow));
    if (!found.empty() && found.front().begin == 0) {
      PriceMention price = found.front();
      price.begin += i;
      price.end += i;
      prices.push_back(price);
      i = price.end;
      continue;
    }
    ++i;
    while (i < text.size() && is_number_char(text[i])) ++i;
  }
  return prices;
}

// True where a cue may start: symbols anywhere, words only at a word's first letter.
bool may_start_cue(std::string_view text, size_t at) {
  if (!is_word_char(text[at])) return text[at] == '<' || text[at] == '>';
  return at == 0 || !is_word_char(text[at - 1]);
}

void report_span(size_t b, size_t e, size_t* begin, size_t* end) {
  if (begin) *begin = b;
  if (end) *end = e;
}

// The first whole-word occurrence of `word` in `text`.
std::optional<size_t> find_word(std::string_view text, std::string_view word) {
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    if (word_at(text, at, word)) return at;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Budget> parse_budget(std::string_view raw, const BudgetBands& bands, size_t* begin,
                                   size_t* end) {
  std::string text = to_lower_ascii(raw);
  // "between 100 and 400"
  for (size_t at = text.find("between"); at != std::string::npos;
       at = text.find("between", at + 1)) {
    if (!word_at(text, at, "between")) continue;
    auto low = amount_at(text, at + 7);
    if (!low) continue;
    size_t k = low->end;
    while (k < text.size() && text[k] == ' ') ++k;
    if (!word_at(text, k, "and")) continue;
    auto high = amount_at(text, k + 3);
    if (!high || high->value < low->value) continue;
    Budget b{low->value, high->value, high->explicit_currency ? high->currency : low->currency};
    report_span(at, high->end, begin, end);
    return b;
  }
  // Ranges with a currency: "$20-$40", "$20 to $40", "20-40 dollars".
  const std::vector<PriceMention> mentions = prices_in(text);
  for (const auto& m : mentions) {
    if (m.price.max) {
      report_span(m.begin, m.end, begin, end);
      return Budget{m.price.amount, m.price.max, m.price.currency};
    }
  }
  // Cue words, left to right, longest cue first at each position; a floor and a ceiling may
  // both be given ("over $20 under $50").
  std::optional<Budget> cued;
  size_t cued_begin = std::string::npos, cued_end = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    if (!may_start_cue(text, at)) continue;
    for (const Cue& cue : kCues) {
      if (cue.phrase.front() != text[at] || !word_at(text, at, cue.phrase)) continue;
      auto amount = amount_at(text, at + cue.phrase.size());
      if (!amount) continue;
      // "from 2020" or "over 40" (an age) without a currency is not a budget.
      if (!amount->explicit_currency &&
          (cue.phrase == "from" || cue.phrase == "over" || cue.phrase == "above" ||
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
    report_span(cued_begin, cued_end, begin, end);
    return cued;
  }
  // A lone price is a ceiling ("vitamin c serum $30") unless it says "or more" / "and up".
  if (!mentions.empty()) {
    const auto& m = mentions.front();
    std::string_view after = trim(std::string_view(text).substr(m.end));
    for (std::string_view floor_word :
         {"or more", "and up", "and above", "or higher", "+", "plus"}) {
      if (after.starts_with(floor_word)) {
        report_span(m.begin, m.end + (text.size() - m.end - after.size()) + floor_word.size(),
                    begin, end);
        return Budget{m.price.amount, std::nullopt, m.price.currency};
      }
    }
    report_span(m.begin, m.end, begin, end);
    return Budget{std::nullopt, m.price.amount, m.price.currency};
  }
  // "30 bucks", "40 dollars" with no cue word. Each run of digits is tried once, so a text of
  // numbers ("1,2,3,…") stays linear.
  for (size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i]) || (i > 0 && is_word_char(text[i - 1]))) continue;
    auto amount = amount_at(text, i);
    if (amount && amount->explicit_currency) {
      report_span(i, amount->end, begin, end);
      return Budget{std::nullopt, amount->value, amount->currency};
    }
    while (i + 1 < text.size() && is_number_char(text[i + 1])) ++i;
  }
  for (auto word : kCheapWords) {
    if (auto at = find_word(text, word)) {
      report_span(*at, *at + word.size(), begin, end);
      return Budget{std::nullopt, bands.cheap_max, "USD"};
    }
  }
  for (auto word : kSplurgeWords) {
    if (auto at = find_word(text, word)) {
      report_span(*at, *at + word.size(), begin, end);
      return Budget{bands.splurge_min, std::nullopt, "USD"};
    }
  }
  return std::nullopt;
}

namespace {

// ---- Words: plurals and slips -----------------------------------------------------------

// "rollers" -> "roller", "patches" -> "patch", "remedies" -> "remedy", "doses" -> "dose";
// words that only look plural ("glass", "this", "serious") come back as they are.
std::string singular(std::string_view word) {
  if (word.size() > 4 && word.ends_with("ies"))
    return std::string(word.substr(0, word.size() - 3)) + "y";
  if (word.size() > 4 && word.ends_with("es")) {
    std::string_view stem = word.substr(0, word.size() - 2);
    if (stem.ends_with("ss") || stem.ends_with("zz") || stem.ends_with('x') ||
        stem.ends_with("ch") || stem.ends_with("sh"))
      return std::string(stem);
  }
  if (word.size() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") &&
      !word.ends_with("is"))
    return std::string(word.substr(0, word.size() - 1));
  return std::string(word);
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool neighbouring_keys(char a, char b) {
  static constexpr std::array<std::string_view, 3> kRows = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  for (std::string_view row : kRows) {
    size_t i = row.find(a);
    if (i == std::string_view::npos) continue;
    return (i > 0 && row[i - 1] == b) || (i + 1 < row.size() && row[i + 1] == b);
  }
  return false;
}

// True when `typed` is `known` with one slip of the kind people make when typing: a letter left
// out ("masage"), a letter doubled ("primmer"), two neighbours swapped ("sreum"), one vowel for
// another ("rosacia") or a key next to the right one ("sagginf"). Narrower than edit distance 1
// on purpose: any other single edit turns too many real words into vocabulary ("pricing" ->
// "priming", "store" -> "stone", "spelling" -> "swelling").
bool one_slip_from(std::string_view typed, std::string_view known) {
  size_t i = 0;
  while (i < typed.size() && i < known.size() && typed[i] == known[i]) ++i;
  if (typed.size() + 1 == known.size()) return typed.substr(i) == known.substr(i + 1);
  if (typed.size() == known.size() + 1) {
    char extra = typed[i];
    bool doubled =
        (i > 0 && typed[i - 1] == extra) || (i + 1 < typed.size() && typed[i + 1] == extra);
    return doubled && typed.substr(i + 1) == known.substr(i);
  }
  if (typed.size() != known.size() || i == typed.size()) return false;
  if (typed.substr(i + 1) == known.substr(i + 1)) {
    return (is_vowel(typed[i]) && is_vowel(known[i])) || neighbouring_keys(typed[i], known[i]);
  }
  return i + 1 < typed.size() && typed[i] == known[i + 1] && typed[i + 1] == known[i] &&
         typed.substr(i + 2) == known.substr(i + 2);
}

// Only words this long are forgiven a slip; shorter ones have too many real neighbours.
constexpr size_t kMinSlipLength = 5;
// Typo lookups per query are bounded: a real question has a few unknown words, and a pasted
// page should cost no more than a question.
constexpr size_t kMaxSlipLookups = 16;
// A fix is judged on the words this far either side of it: more than the longest synonym
// ("shadows under the eyes") needs.
constexpr size_t kSlipContext = 5;

// Real English words one slip away from the shipped vocabulary that would otherwise be read
// as it: "forming" is not "firming", "prime" is not "primer". Found by passing a dictionary
// through one_slip_from against data/taxonomy.json and the expert and product words below;
// extend it when a new synonym brings a new neighbour. Sorted, for binary search.
constexpr std::array<std::string_view, 44> kRealWordsNearVocabulary = {
    "atone",     "baling",  "biking",  "ceasing",  "deice",    "dwelling", "faking",  "farmer",
    "farming",   "firing",  "fizzy",   "flashing", "fleshing", "former",   "forming", "fullness",
    "hines",     "howls",   "laity",   "lofted",   "lofting",  "lugging",  "mosque",  "parch",
    "pares",     "pitch",   "pitches", "pored",    "prime",    "pyres",    "reams",   "retina",
    "rightness", "selling", "shane",   "shone",    "slogging", "soggy",    "sprat",   "stine",
    "tolling",   "tuner",   "unblock", "welling",
};

bool is_real_word_near_vocabulary(std::string_view word) {
  return std::binary_search(kRealWordsNearVocabulary.begin(), kRealWordsNearVocabulary.end(), word);
}

bool is_ascii_word(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// ---- Experts and product types ----------------------------------------------------------

struct ExpertPhrase {
  std::array<std::string_view, 3> words;  // singular forms; unused slots are empty
  CredentialClass credential_class;
};

// A title is read whole from where it starts, so "plastic surgeon" consumes its "surgeon";
// where two titles start alike, the longer comes first.
constexpr std::array<ExpertPhrase, 18> kExpertPhrases = {{
    {{"make", "up", "artist"}, CredentialClass::kMakeupArtist},
    {{"makeup", "artist"}, CredentialClass::kMakeupArtist},
    {{"mua"}, CredentialClass::kMakeupArtist},
    {{"plastic", "surgeon"}, CredentialClass::kPlasticSurgeon},
    {{"cosmetic", "surgeon"}, CredentialClass::kPlasticSurgeon},
    {{"surgeon"}, CredentialClass::kPlasticSurgeon},
    {{"cosmetic", "chemist"}, CredentialClass::kCosmeticChemist},
    {{"chemist"}, CredentialClass::kCosmeticChemist},
    {{"formulator"}, CredentialClass::kCosmeticChemist},
    {{"skin", "therapist"}, CredentialClass::kEsthetician},
    {{"esthetician"}, CredentialClass::kEsthetician},
    {{"aesthetician"}, CredentialClass::kEsthetician},
    {{"facialist"}, CredentialClass::kEsthetician},
    {{"dermatologist"}, CredentialClass::kDermatologist},
    {{"derm"}, CredentialClass::kDermatologist},
    {{"dermatology"}, CredentialClass::kDermatologist},
    {{"beauty", "editor"}, CredentialClass::kEditor},
    {{"editor"}, CredentialClass::kEditor},
}};

// Product words (singular) and the product type each names. Sorted, for binary search.
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kProductWords = {{
    {"balm", "balm"},
    {"cleanser", "cleanser"},
    {"cream", "cream"},
    {"device", "device"},
    {"mask", "mask"},
    {"masque", "mask"},
    {"moisturiser", "moisturizer"},
    {"moisturizer", "moisturizer"},
    {"oil", "oil"},
    {"patch", "patches"},
    {"primer", "primer"},
    {"roller", "roller"},
    {"serum", "serum"},
    {"spray", "spray"},
    {"stone", "stone"},
    {"sunblock", "sunscreen"},
    {"sunscreen", "sunscreen"},
    {"toner", "toner"},
    {"tool", "tool"},
}};
static_assert(std::is_sorted(kProductWords.begin(), kProductWords.end()));

// Words that carry the question rather than its subject; they are left out of the residual.
// Sorted, for binary search.
constexpr std::array<std::string_view, 44> kIntentWords = {
    "a",     "about",  "according", "advice",    "an",          "and",        "approved",
    "are",   "best",   "do",        "does",      "favorite",    "favourite",  "for",
    "how",   "i",      "in",        "is",        "me",          "my",         "of",
    "on",    "picks",  "rated",     "recommend", "recommended", "recommends", "say",
    "says",  "should", "the",       "think",     "thinks",      "tips",       "to",
    "top",   "use",    "versus",    "vs",        "what",        "with",       "work",
    "works", "you",
};
static_assert(std::is_sorted(kIntentWords.begin(), kIntentWords.end()));

bool is_intent_word(std::string_view word) {
  return std::binary_search(kIntentWords.begin(), kIntentWords.end(), word);
}

// The product type `word` names ("masque" -> "mask"), or nothing.
std::optional<std::string_view> product_type_of(std::string_view word) {
  auto it = std::lower_bound(kProductWords.begin(), kProductWords.end(), word,
                             [](const auto& entry, std::string_view w) { return entry.first < w; });
  if (it == kProductWords.end() || it->first != word) return std::nullopt;
  return it->second;
}

bool is_title_word(std::string_view word) {
  static const std::vector<std::string_view> kTitleWords = [] {
    std::vector<std::string_view> words;
    for (const ExpertPhrase& phrase : kExpertPhrases) {
      for (std::string_view w : phrase.words) {
        if (!w.empty()) words.push_back(w);
      }
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
  }();
  return std::binary_search(kTitleWords.begin(), kTitleWords.end(), word);
}

// What a run of words names: everything in an interpretation except the budget.
struct Reading {
  std::vector<std::string> concerns;
  std::vector<std::string> techniques;
  std::vector<CredentialClass> expert_classes;
  std::vector<std::string> product_types;
  std::vector<bool> consumed;  // per word: part of an expert title or an intent word

  bool covers(const Reading& other) const {
    auto has_all = [](const auto& mine, const auto& theirs) {
      return std::all_of(theirs.begin(), theirs.end(), [&](const auto& x) {
        return std::find(mine.begin(), mine.end(), x) != mine.end();
      });
    };
    return has_all(concerns, other.concerns) && has_all(techniques, other.techniques) &&
           has_all(expert_classes, other.expert_classes) &&
           has_all(product_types, other.product_types);
  }
};

template <typename T>
void add_once(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

bool in_vocabulary(const Taxonomy& taxonomy, std::string_view word) {
  return std::binary_search(taxonomy.vocabulary().begin(), taxonomy.vocabulary().end(), word);
}

Reading read_words(std::span<const std::string> words, const Taxonomy& taxonomy) {
  Reading reading;
  reading.consumed.assign(words.size(), false);
  std::vector<std::string> singulars;
  singulars.reserve(words.size());
  for (const auto& w : words) singulars.push_back(singular(w));

  // Taxonomy phrases as written, then again with plurals made singular where the singular is
  // a vocabulary word: "ice rollers" is read through the synonym "ice roller".
  std::vector<std::string> as_written(words.begin(), words.end());
  std::vector<std::string> made_singular = as_written;
  for (size_t i = 0; i < words.size(); ++i) {
    if (singulars[i] != words[i] && in_vocabulary(taxonomy, singulars[i]))
      made_singular[i] = singulars[i];
  }
  for (const auto* list : {&as_written, &made_singular}) {
    TaxonomyMatch m = taxonomy.match_words(*list);
    for (auto& c : m.concerns) add_once(reading.concerns, c);
    for (auto& t : m.techniques) add_once(reading.techniques, t);
    if (made_singular == as_written) break;
  }

  for (size_t i = 0; i < words.size();) {
    size_t advance = 1;
    for (const ExpertPhrase& phrase : kExpertPhrases) {
      size_t length = 0;
      while (length < phrase.words.size() && !phrase.words[length].empty()) ++length;
      if (i + length > words.size()) continue;
      bool same = true;
      for (size_t k = 0; k < length && same; ++k) {
        same = singulars[i + k] == phrase.words[k] || words[i + k] == phrase.words[k];
      }
      if (!same) continue;
      add_once(reading.expert_classes, phrase.credential_class);
      for (size_t k = 0; k < length; ++k) reading.consumed[i + k] = true;
      advance = length;
      break;
    }
    i += advance;
  }

  for (size_t i = 0; i < words.size(); ++i) {
    auto type = product_type_of(words[i]);
    if (!type) type = product_type_of(singulars[i]);
    if (type) add_once(reading.product_types, std::string(*type));
    if (is_intent_word(words[i])) reading.consumed[i] = true;
  }
  return reading;
}

// Calls `visit` with every word the interpreter knows: the taxonomy's vocabulary, the words of
// expert titles and the product words.
template <typename Visit>
void for_each_known_word(const Taxonomy& taxonomy, Visit visit) {
  for (const std::string& word : taxonomy.vocabulary()) visit(std::string_view(word));
  for (const auto& [word, type] : kProductWords) visit(word);
  for (const ExpertPhrase& phrase : kExpertPhrases) {
    for (std::string_view word : phrase.words) {
      if (!word.empty()) visit(word);
    }
  }
}

bool is_known_word(std::string_view word, const Taxonomy& taxonomy) {
  return in_vocabulary(taxonomy, word) || is_intent_word(word) || product_type_of(word) ||
         is_title_word(word);
}

// True when `word` may be a slip: long enough, plain letters, neither a word the interpreter
// knows (as typed or made singular) nor a real word that merely looks like one.
bool may_be_slip(const std::string& word, const Taxonomy& taxonomy) {
  if (word.size() < kMinSlipLength || !is_ascii_word(word)) return false;
  std::string single = singular(word);
  if (is_real_word_near_vocabulary(word) || is_real_word_near_vocabulary(single)) return false;
  return !is_known_word(word, taxonomy) && !is_known_word(single, taxonomy);
}

// The one known word that `word` is a slip away from; nothing when there is none or several.
std::optional<std::string> slip_fix(const std::string& word, const Taxonomy& taxonomy) {
  std::string single = singular(word);
  // The word as typed first, so "masages" becomes "massages" rather than tying with "massage".
  for (const std::string& typed : {word, single}) {
    if (typed.size() < kMinSlipLength) break;
    std::optional<std::string_view> found;
    bool ambiguous = false;
    for_each_known_word(taxonomy, [&](std::string_view known) {
      if (known.size() < kMinSlipLength || known.size() + 1 < typed.size() ||
          known.size() > typed.size() + 1)
        return;
      if (!one_slip_from(typed, known)) return;
      if (found && *found != known) ambiguous = true;
      found = known;
    });
    if (ambiguous) return std::nullopt;
    if (found) return std::string(*found);
    if (single == word) break;
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> product_types_in(std::string_view name) {
  std::vector<std::string> types;
  for (const std::string& word : match_words(name)) {
    auto type = product_type_of(word);
    if (!type) type = product_type_of(singular(word));
    if (type && std::find(types.begin(), types.end(), *type) == types.end()) types.emplace_back(*type);
  }
  return types;
}

QueryInterpretation interpret_query(std::string_view raw, const Taxonomy& taxonomy,
                                    const BudgetBands& bands) {
  QueryInterpretation q;
  q.text = collapse_whitespace(sanitize_utf8(raw));
  std::string rest = q.text;
  size_t begin = 0, end = 0;
  if (auto budget = parse_budget(q.text, bands, &begin, &end)) {
    q.budget = budget;
    rest = q.text.substr(0, begin) + " " + q.text.substr(end);
  }
  std::vector<std::string> words = match_words(rest);

  // Forgive one slip in a word only where the fixed word makes the query name something it did
  // not before ("lymphatic drainge"): a fix that completes nothing is more likely a wrong guess
  // than a typo, and it would only blur the words left for text search.
  std::unordered_set<std::string> judged;  // each distinct word is judged once
  size_t lookups = 0;
  for (size_t i = 0; i < words.size() && lookups < kMaxSlipLookups; ++i) {
    if (!judged.insert(words[i]).second || !may_be_slip(words[i], taxonomy)) continue;
    ++lookups;
    auto fix = slip_fix(words[i], taxonomy);
    if (!fix) continue;
    size_t from = i >= kSlipContext ? i - kSlipContext : 0;
    size_t to = std::min(words.size(), i + kSlipContext + 1);
    std::vector<std::string> around(words.begin() + from, words.begin() + to);
    Reading before = read_words(around, taxonomy);
    around[i - from] = *fix;
    if (before.covers(read_words(around, taxonomy))) continue;
    std::string typed = words[i];
    std::replace(words.begin() + i, words.end(), typed, *fix);
  }

  Reading reading = read_words(words, taxonomy);
  q.concerns = std::move(reading.concerns);
  q.techniques = std::move(reading.techniques);
  q.expert_classes = std::move(reading.expert_classes);
  q.product_types = std::move(reading.product_types);
  for (size_t i = 0; i < words.size(); ++i) {
    if (reading.consumed[i]) continue;
    if (!q.residual.empty()) q.residual += ' ';
    q.residual += words[i];
  }
  return q;
}

}  // namespace beautyidx::recommender
