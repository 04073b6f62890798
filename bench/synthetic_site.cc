#include "bench/synthetic_site.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bench/synthetic_chrome.h"
#include "bench/synthetic_site_internal.h"
#include "bench/synthetic_site_text.h"

namespace beautyidx::bench::synthetic {
namespace {

// ---- Deterministic randomness ------------------------------------------------------------

string_view any(const Options& options, Dice& dice) { return options[dice.roll(options.size())]; }

// The index of one of `items`, each as likely as its weight_of(item): `draw` (a die's next()
// or a fixed hash) modulo the total weight, walked through the items in order.
// REQUIRES: some item weighs more than 0.
template <typename Items, typename WeightOf>
size_t weighted_index(const Items& items, WeightOf weight_of, std::uint64_t draw) {
  std::uint64_t total = 0;
  for (const auto& item : items) total += weight_of(item);
  std::uint64_t at = draw % total;
  size_t index = 0;
  for (const auto& item : items) {
    if (at < weight_of(item)) return index;
    at -= weight_of(item);
    ++index;
  }
  return 0;  // not reached: `at` is below the total
}

// Zipf-like popularity over ranks 0..n-1: weight 1 / (rank + offset)^exponent.
class Popularity {
 public:
  Popularity() = default;
  Popularity(size_t n, double exponent, double offset) {
    double sum = 0;
    cumulative_.reserve(n);
    for (size_t r = 0; r < n; ++r)
      cumulative_.push_back(sum += 1.0 / std::pow(static_cast<double>(r) + offset, exponent));
  }
  size_t pick(Dice& dice) const {
    double u = dice.unit() * cumulative_.back();
    auto at = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    return std::min(static_cast<size_t>(at - cumulative_.begin()), cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

// ---- The catalog -----------------------------------------------------------------------

bool is_tool(TypeId type) { return (kTypes[type].categories & (kTools | kDevices)) != 0; }

struct Catalog {
  std::vector<CatalogProduct> products;
  std::array<std::vector<std::uint32_t>, kTypeCount> by_type;  // most popular first
  std::array<Popularity, kTypeCount> popularity;
};

// A price inside the type's range, higher for pricier tiers, ending like shelf prices do.
std::uint32_t list_price(const ProductType& type, Tier tier, std::uint64_t hash) {
  constexpr double kTierStart[] = {0.0, 0.3, 0.55};
  double position = kTierStart[tier] + 0.45 * static_cast<double>(hash % 1000) / 1000.0;
  auto dollars = static_cast<std::uint32_t>(type.min_price +
                                            position * (type.max_price - type.min_price) + 0.5);
  static constexpr int kEndingCents[10] = {0,  0,  0,  0,  -1,
                                           -1, -1, 50, 50, 0};  // $32, $31.99, $32.50
  return static_cast<std::uint32_t>(static_cast<int>(dollars * 100) +
                                    kEndingCents[(hash >> 20) % 10]);
}

Catalog build_catalog() {
  Catalog catalog;
  for (size_t b = 0; b < kBrands.size(); ++b) {
    const Brand& brand = kBrands[b];
    for (size_t t = 0; t < kTypeCount; ++t) {
      const ProductType& type = kTypes[t];
      if ((type.categories & brand.categories) == 0) continue;
      std::uint64_t hash = mix(b * 131 + t);
      if (hash % 100 >= 72) continue;  // each brand makes most, not all, of its categories' types
      size_t lines = type.lines.size();
      size_t keep = std::min(lines, static_cast<size_t>(6 + (hash >> 8) % 6));
      size_t first = (hash >> 16) % lines;
      for (size_t k = 0; k < keep; ++k) {  // consecutive lines, so each name once
        std::uint64_t line_hash = mix(hash + k);
        CatalogProduct product;
        product.brand = static_cast<std::uint16_t>(b);
        product.type = static_cast<TypeId>(t);
        product.name = std::string(type.lines[(first + k) % lines]);
        product.name += ' ';
        product.name += type.noun;
        product.cents = list_price(type, brand.tier, line_hash);
        bool mini = type.minis && line_hash % 100 < 40;
        catalog.products.push_back(product);
        if (mini) {
          product.name.insert(0, "Mini ");
          product.cents =
              product.cents * 45 / 10000 * 100 + (line_hash >> 40) % 2 * 99;  // ~45%: $14 or $14.99
          catalog.products.push_back(std::move(product));
        }
      }
    }
  }
  // Popularity: a fixed shuffle of each type's products, then Zipf weights by position.
  for (std::uint32_t p = 0; p < catalog.products.size(); ++p)
    catalog.by_type[catalog.products[p].type].push_back(p);
  for (size_t t = 0; t < kTypeCount; ++t) {
    auto& list = catalog.by_type[t];
    std::sort(list.begin(), list.end(), [](std::uint32_t a, std::uint32_t b) {
      return mix(a ^ 0xC0FFEE) < mix(b ^ 0xC0FFEE);
    });
    catalog.popularity[t] = Popularity(list.size(), 0.95, 2.0);
  }
  return catalog;
}

const Catalog& catalog() {
  static const Catalog instance = build_catalog();
  return instance;
}

// "Brand Name": how an article or the sidebar names a product.
void append_product_name(std::string& out, const CatalogProduct& product) {
  out += kBrands[product.brand].name;
  out += ' ';
  out += product.name;
}

}  // namespace

const std::vector<CatalogProduct>& catalog_products() { return catalog().products; }

namespace {

// ---- People ------------------------------------------------------------------------------

constexpr size_t kExpertPool = 720;

// One person with a fixed credential and affiliation, whatever article quotes them.
struct Expert {
  string_view first, last;
  bool female = false;
  const Credential* credential = nullptr;
  std::uint64_t hash = 0;
  bool doctor() const { return credential->field == Field::kDoctor; }
};

Expert make_expert(size_t k) {
  Expert e;
  size_t f = k % kFirstNames.size();
  e.first = kFirstNames[f];
  e.last = kLastNames[(k / kFirstNames.size() + 11 * f) % kLastNames.size()];
  e.female = f < kFirstFemale;
  e.hash = mix(k * 7919 + 17);
  e.credential = &kCredentials[weighted_index(
      kCredentials, [](const Credential& c) { return c.weight; }, e.hash)];
  return e;
}

const Expert& expert(size_t k) {
  static const std::vector<Expert> pool = [] {
    std::vector<Expert> experts;
    for (size_t k = 0; k < kExpertPool; ++k) experts.push_back(make_expert(k));
    return experts;
  }();
  return pool[k];
}

// "Karp Dermatology", "Studio Juniper", "Meridian Labs": the same for a person in every article.
void append_affiliation(std::string& out, const Expert& e) {
  std::uint64_t h = e.hash >> 17;
  const Options& patterns = e.credential->affiliations;
  string_view pattern = patterns[(h >> 16) % patterns.size()];
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      out += pattern[i];
      continue;
    }
    char part = pattern[i + 1];
    out += part == 'S'   ? e.last
           : part == 'P' ? kPlaces[h % kPlaces.size()]
                         : kOrgWords[(h >> 8) % kOrgWords.size()];
    i += 2;  // past "S}"
  }
}

constexpr size_t kAuthors = 40;

}  // namespace

void append_author(std::string& out, size_t a) {
  out += kAuthorFirst[a % 20];
  out += ' ';
  out += kAuthorLast[(a % 20 + 7 * (a / 20)) % 20];
}

namespace {

// ---- What an article is about --------------------------------------------------------------

const Popularity& expert_popularity() {
  static const Popularity instance(kExpertPool, 0.6, 3.0);
  return instance;
}

bool suits(const Expert& e, Domain domain) {
  switch (domain) {
    case kHair:
      return e.credential->field == Field::kHair || e.credential->field == Field::kDoctor;
    case kMakeup:
      return e.credential->field == Field::kMakeup || e.credential->field == Field::kSkinPro;
    case kSkin:
      return e.credential->field != Field::kHair && e.credential->field != Field::kMakeup;
  }
  return true;
}

}  // namespace

Topic topic_of(std::uint64_t body_seed) {
  Dice dice(body_seed, Stream::kTopic);
  Topic topic;
  topic.technique = weighted_index(
      kTechniques, [](const Technique& t) { return t.weight; }, dice.next());
  const Technique& tech = topic.tech();
  // A second technique of the same domain (skin techniques for makeup, which has one).
  Domain second_domain = tech.domain == kMakeup ? kSkin : tech.domain;
  do {
    topic.technique2 = dice.roll(kTechniques.size());
  } while (topic.technique2 == topic.technique ||
           kTechniques[topic.technique2].domain != second_domain);
  topic.concern = dice.percent(75) || tech.domain != kSkin
                      ? tech.concerns[dice.roll(3)]
                      : static_cast<ConcernId>(dice.roll(kHairThinning));
  topic.concern2 = tech.concerns[dice.roll(3)];
  for (size_t k = 0; k < 3 && topic.concern2 == topic.concern; ++k)
    topic.concern2 = tech.concerns[k];
  size_t format = dice.roll(100);
  topic.format = format < 10   ? Format::kListicle
                 : format < 13 ? Format::kInterview
                               : Format::kFeature;
  size_t r = dice.roll(100);
  topic.expert_count = topic.format == Format::kInterview ? 1 : r < 30 ? 1 : r < 75 ? 2 : 3;
  for (size_t e = 0; e < topic.expert_count; ++e) {
    for (int attempt = 0; attempt < 40; ++attempt) {
      size_t k = expert_popularity().pick(dice);
      const Expert& candidate = expert(k);
      bool clash = !suits(candidate, tech.domain) && attempt < 30;
      for (size_t o = 0; o < e; ++o) {
        const Expert& other = expert(topic.experts[o]);
        clash = clash || other.last == candidate.last || other.first == candidate.first;
      }
      topic.experts[e] = k;
      if (!clash) break;
    }
    topic.titled[e] = dice.percent(50);
  }
  topic.main_type = tech.types[dice.percent(75) ? 0 : dice.roll(3)];
  if (topic.format == Format::kListicle) {
    const ProductType& type = kTypes[topic.main_type];
    topic.items = dice.between(4, 8);
    unsigned span = type.max_price - type.min_price;
    topic.budget =
        (type.min_price + span * static_cast<unsigned>(dice.between(55, 85)) / 100 + 9) / 10 * 10;
  }
  return topic;
}

std::uint64_t body_seed(size_t i) {
  while (i >= 20 && mix(i * 31 + 7) % 100 == 0) i = mix(i * 131 + 3) % (i / 2);
  return i;
}

namespace {

// ---- Rendering -----------------------------------------------------------------------------

enum class QuoteKind { kRecommend, kProduct, kWarn, kNeutral };

// What a template's tags allow (see synthetic_site_text.h): '~' tools only, '%' applied
// products only, '*' any domain, '@' hair and makeup only, untagged skin only.
struct Tagged {
  string_view text;
  bool tools_only = false, topical_only = false, any_domain = false, other_domains = false;
};

Tagged read_tags(string_view sentence) {
  Tagged t;
  size_t k = 0;
  for (; k < sentence.size(); ++k) {
    char c = sentence[k];
    if (c == '~')
      t.tools_only = true;
    else if (c == '%')
      t.topical_only = true;
    else if (c == '*')
      t.any_domain = true;
    else if (c == '@')
      t.other_domains = true;
    else
      break;
  }
  t.text = sentence.substr(k);
  return t;
}

bool fits(const Tagged& t, bool topical, Domain domain) {
  if ((t.tools_only && topical) || (t.topical_only && !topical)) return false;
  return domain == kSkin ? !t.other_domains : t.any_domain || t.other_domains;
}

// The slots filled from a plain list: {W} weeks, {F} frequency, {M} minutes, {E} when, {K}
// skin type, {I} ingredient, {S} season, {R} tester, {N} number, {Y} years, {Z} city.
const Options* filler(string_view code) {
  static constexpr auto kFillers = [] {
    std::array<const Options*, 128> table{};
    table['W'] = &kWeeks;
    table['F'] = &kFrequencies;
    table['M'] = &kMinutes;
    table['E'] = &kWhen;
    table['K'] = &kSkinTypes;
    table['I'] = &kIngredients;
    table['S'] = &kSeasons;
    table['R'] = &kTesters;
    table['N'] = &kNumbers;
    table['Y'] = &kYears;
    table['Z'] = &kCities;
    return table;
  }();
  auto c = static_cast<unsigned char>(code[0]);
  return code.size() == 1 && c < kFillers.size() ? kFillers[c] : nullptr;
}

// Appends one article's text into `out`, expanding slots from its topic and its dice.
class Writer {
 public:
  Writer(std::string& out, const Topic& topic, Dice& dice) : out_(out), topic_(topic), dice_(dice) {
    for (size_t e = 0; e < topic.expert_count; ++e) experts_[e] = expert(topic.experts[e]);
  }

  void expand(string_view text) {
    while (!text.empty()) {
      size_t open = text.find('{');
      out_.append(text.substr(0, open));
      if (open == string_view::npos) return;
      bool capital = text[open + 1] == '^';
      size_t code = open + 1 + (capital ? 1 : 0);
      size_t close = text.find('}', code);
      size_t start = out_.size();
      slot(text.substr(code, close - code));
      if (capital && start < out_.size() && out_[start] >= 'a' && out_[start] <= 'z')
        out_[start] = static_cast<char>(out_[start] - 32);
      text.remove_prefix(close + 1);
    }
  }

  void set_product(const CatalogProduct* product) { product_ = product; }
  void set_expert(size_t e) { expert_ = e; }
  const Expert& current_expert() const { return experts_[expert_]; }
  std::string& out() { return out_; }
  Dice& dice() { return dice_; }
  const Topic& topic() const { return topic_; }

  // "Dr. Anna Karp" or "Anna Karp".
  void full_name(size_t e) {
    if (experts_[e].doctor() && topic_.titled[e]) out_ += "Dr. ";
    out_ += experts_[e].first;
    out_ += ' ';
    out_ += experts_[e].last;
  }

  void lede_opener() { expand(choose(kLedeOpeners, used_ledes_)); }
  void lede_closer() { expand(choose(kLedeClosers, used_closers_)); }
  void paraphrase() { expand(choose(kIndirectVerbPhrases, used_paraphrases_)); }
  void according_clause() { expand(choose(kAccordingClauses, used_clauses_)); }

  // Quote text without its final punctuation, each template at most once an article while
  // there are unused ones.
  void quote(QuoteKind kind) {
    bool topical = topic_.tech().topical;
    auto from = [&](const auto& pool, std::uint64_t& used) {
      expand(choose(pool.data(), pool.size(), topical, used));
    };
    switch (kind) {
      case QuoteKind::kRecommend:
        from(kRecommendQuotes, used_quotes_[0]);
        break;
      case QuoteKind::kProduct:
        from(kProductQuotes, used_quotes_[1]);
        break;
      case QuoteKind::kWarn:
        from(kWarnQuotes, used_quotes_[2]);
        break;
      case QuoteKind::kNeutral:
        from(kNeutralQuotes, used_quotes_[3]);
        break;
    }
  }

  // A template of `pool` that fits the subject (`topical`, the topic's domain) and, while there
  // are any, one not yet marked in `used`; returned without its tags. Once all that fit are
  // used: one of them again, or an empty view when !`repeat`.
  string_view choose(const string_view* pool, size_t size, bool topical, std::uint64_t& used,
                     bool repeat = true) {
    Domain domain = topic_.tech().domain;
    size_t start = dice_.roll(size), fallback = size;
    for (size_t probe = 0; probe < size; ++probe) {
      size_t k = (start + probe) % size;
      Tagged t = read_tags(pool[k]);
      if (!fits(t, topical, domain)) continue;
      if (fallback == size) fallback = k;
      if (used >> k & 1) continue;
      used |= std::uint64_t{1} << k;
      return t.text;
    }
    if (!repeat || fallback == size) return {};
    return read_tags(pool[fallback]).text;
  }
  template <size_t N>
  string_view choose(const std::array<string_view, N>& pool, std::uint64_t& used) {
    return choose(pool.data(), N, topic_.tech().topical, used);
  }

 private:
  void slot(string_view code) {
    if (const Options* list = filler(code); list != nullptr) {
      out_ += any(*list, dice_);
      return;
    }
    const Technique& tech = topic_.tech();
    const Expert& e = experts_[expert_];
    switch (code.size() == 1 ? code[0] : code == "lo" ? 'l' : 'h') {
      case 'T':
        out_ += any(tech.phrases, dice_);
        break;
      case 'U':
        out_ += any(kTechniques[topic_.technique2].phrases, dice_);
        break;
      case 'C':
        out_ += any(kConcernPhrases[topic_.concern], dice_);
        break;
      case 'D':
        out_ += any(kConcernPhrases[topic_.concern2], dice_);
        break;
      case 'A':
        out_ += any(kAreas[tech.domain], dice_);
        break;
      case 'O':
        out_ += any(tech.tools, dice_);
        break;
      case 'J':
        out_ += kTypes[topic_.main_type].plural;
        break;
      case 'B':
        if (product_ == nullptr) {
          out_ += any(tech.tools, dice_);
        } else {
          out_ += kBrands[product_->brand].name;
          out_ += ' ';
          out_ += kTypes[product_->type].short_noun;
        }
        break;
      case 'L':
        if (e.doctor() && topic_.titled[expert_]) out_ += "Dr. ";
        out_ += e.last;
        break;
      case 'H':
        out_ += e.female ? "she" : "he";
        break;
      case 'X':
        out_ += e.credential->wording;
        break;
      case 'V':
        full_name(expert_);
        break;
      case 'G':
        append_affiliation(out_, e);
        break;
      case 'Q':
        out_ += experts_[0].credential->plural;
        break;
      case '$':
        append_number(out_, topic_.budget);
        break;
      case '#':
        append_number(out_, topic_.items);
        break;
      case 'l':
        append_number(out_, kTypes[topic_.main_type].min_price);
        break;
      case 'h':
        append_number(out_, kTypes[topic_.main_type].max_price);
        break;
      default:
        break;
    }
  }

  std::string& out_;
  const Topic& topic_;
  Dice& dice_;
  std::array<Expert, 3> experts_{};
  const CatalogProduct* product_ = nullptr;
  size_t expert_ = 0;
  std::array<std::uint64_t, 4> used_quotes_{};
  std::uint64_t used_ledes_ = 0, used_closers_ = 0, used_paraphrases_ = 0, used_clauses_ = 0;
};

// Title case for headlines: "What Dermatologists Say About Gua Sha for Puffiness".
void title_case(std::string& text, size_t from) {
  static constexpr std::array<string_view, 14> kSmall = {
      "a", "an", "the", "for", "of", "to", "and", "or", "in", "on", "with", "vs.", "at", "by"};
  size_t i = from;
  bool first = true;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    string_view word(text.data() + i, end - i);
    bool small = std::find(kSmall.begin(), kSmall.end(), word) != kSmall.end();
    if ((first || !small) && text[i] >= 'a' && text[i] <= 'z')
      text[i] = static_cast<char>(text[i] - 32);
    first = word.ends_with(':');
    i = end + 1;
  }
}

}  // namespace

void append_title(std::string& out, const Topic& topic, size_t page) {
  Dice dice(page, Stream::kTitle);
  Writer w(out, topic, dice);
  size_t start = out.size();
  switch (topic.format) {
    case Format::kFeature:
      w.expand(dice.pick(kFeatureTitles));
      break;
    case Format::kListicle:
      w.expand(dice.pick(kListicleTitles));
      break;
    case Format::kInterview:
      w.expand(dice.pick(kInterviewTitles));
      break;
  }
  if (out[start] >= 'a' && out[start] <= 'z') out[start] = static_cast<char>(out[start] - 32);
  if (dice.percent(40)) title_case(out, start);
}

namespace {

// The mentions of products, and which of them an expert backs, in one article body.
class Body {
 public:
  explicit Body(Writer& w) : w_(w), dice_(w.dice()) {}

  void feature();
  void listicle();
  void interview();

 private:
  static constexpr size_t kMaxSections = 8;

  const CatalogProduct& pick_product(bool main_type_only, unsigned max_dollars = 0);
  string_view choose(const string_view* pool, size_t size, bool topical, std::uint64_t& used,
                     bool repeat = true) {
    return w_.choose(pool, size, topical, used, repeat);
  }
  void paragraph(Role role, size_t sentences);
  void introduce(size_t e);  // a sentence naming someone's credential and affiliation
  void quote_event(size_t e, const CatalogProduct* product);
  enum class LineForm { kAny, kLabelled, kBare };
  void product_line(const CatalogProduct& product, LineForm form);
  const Retailer& pick_retailer(const CatalogProduct& product);
  void append_mention_price(const CatalogProduct& product, bool allow_sale);
  void open_p() { w_.out() += "<p>"; }
  void close_p() { w_.out() += "</p>"; }

  Writer& w_;
  Dice& dice_;
  std::array<bool, 3> introduced_{};
  int last_speaker_ = -1;
  std::array<std::uint32_t, 8> mentioned_{};
  size_t mentions_ = 0;
  std::uint64_t used_sentences_[kRoleCount] = {};
  std::uint64_t used_items_ = 0, used_tails_ = 0;
};

const CatalogProduct& Body::pick_product(bool main_type_only, unsigned max_dollars) {
  const Catalog& c = catalog();
  const Topic& topic = w_.topic();
  for (int attempt = 0;; ++attempt) {
    TypeId type = topic.main_type;
    if (!main_type_only) {
      if (dice_.percent(62)) {
        type = topic.tech().types[dice_.roll(3)];
      } else if (topic.tech().domain == kHair) {
        type = dice_.pick(kHairStaples);
      } else if (topic.tech().domain == kMakeup) {
        type = dice_.pick(kMakeupStaples);
      } else {
        type = dice_.pick(kSkinStaples);
      }
    }
    std::uint32_t index = c.by_type[type][c.popularity[type].pick(dice_)];
    bool repeat =
        std::find(mentioned_.begin(), mentioned_.begin() + std::min(mentions_, mentioned_.size()),
                  index) != mentioned_.begin() + std::min(mentions_, mentioned_.size());
    bool too_dear = max_dollars != 0 && c.products[index].cents > max_dollars * 100;
    if ((!repeat && !too_dear) || attempt > 40) {
      if (mentions_ < mentioned_.size()) mentioned_[mentions_] = index;
      ++mentions_;
      return c.products[index];
    }
  }
}

// Up to `sentences` sentences of the role not yet used in this article; nothing once the
// role's sentences run out.
void Body::paragraph(Role role, size_t sentences) {
  const RolePool& pool = kRolePools[role];
  std::string& out = w_.out();
  size_t start = out.size();
  open_p();
  size_t written = 0;
  for (; written < sentences; ++written) {
    string_view sentence =
        choose(pool.sentences, pool.size, w_.topic().tech().topical, used_sentences_[role], false);
    if (sentence.empty()) break;
    if (written > 0) out += ' ';
    w_.expand(sentence);
  }
  if (written == 0) {
    out.resize(start);
    return;
  }
  close_p();
}

// The introduction patterns extract/people.cc reads: "board-certified dermatologist Anna Karp
// of X", "Anna Karp, a board-certified dermatologist at X", "Anna Karp, MD, a ...".
void Body::introduce(size_t e) {
  w_.set_expert(e);
  introduced_[e] = true;
  const Expert& who = w_.current_expert();
  switch (dice_.roll(who.doctor() ? 6 : 5)) {
    case 0:
      w_.expand("We asked {X} {V} of {G} what {T} can and cannot do for {C}.");
      break;
    case 1:
      w_.expand("For a second opinion we turned to {X} {V} of {G}.");
      break;
    case 2:
      w_.expand("{V}, a {X} at {G}, has been using {T} with clients for {Y} years.");
      break;
    case 3:
      w_.expand("{V}, a {X} in {Z}, sees {C} in clients of every age.");
      break;
    case 4:
      w_.expand("{^X} {V}, who runs {G}, has a simple rule for {T}.");
      break;
    default:
      w_.out() += who.first;
      w_.out() += ' ';
      w_.out() += who.last;
      w_.expand(", MD, a {X} at {G}, has treated {C} for {Y} years.");
      break;
  }
}

void Body::quote_event(size_t e, const CatalogProduct* product) {
  w_.set_expert(e);
  w_.set_product(product);
  QuoteKind kind = product != nullptr && dice_.percent(60) ? QuoteKind::kProduct
                   : dice_.percent(45)                     ? QuoteKind::kRecommend
                   : dice_.percent(55)                     ? QuoteKind::kWarn
                                                           : QuoteKind::kNeutral;
  std::string& out = w_.out();
  bool same_speaker = last_speaker_ == static_cast<int>(e);
  last_speaker_ = static_cast<int>(e);
  if (!introduced_[e]) {
    introduced_[e] = true;
    size_t style = dice_.roll(100);
    if (style < 40) {  // "“…,” says esthetician Mara Ellison of Studio Nine."
      out += "<p>\xE2\x80\x9C";
      w_.quote(kind);
      w_.expand(dice_.percent(50) ? ",\xE2\x80\x9D says {X} {V} of {G}.</p>"
                                  : ",\xE2\x80\x9D says {X} {V}.</p>");
    } else if (style < 80) {  // an introduction, then the quote
      open_p();
      introduced_[e] = false;
      introduce(e);
      out += ' ';
      out += "\xE2\x80\x9C";
      w_.quote(kind);
      w_.expand(dice_.percent(50) ? ",\xE2\x80\x9D {L} says.</p>" : ",\xE2\x80\x9D {H} says.</p>");
    } else {  // "Anna Karp, a dermatologist at X, recommends ..."
      w_.expand("<p>{V}, a {X} at {G}, ");
      if (kind == QuoteKind::kProduct) {
        w_.expand("recommends the {B} for beginners");
      } else {
        w_.paraphrase();
      }
      out += ".</p>";
    }
    return;
  }
  size_t style = dice_.roll(100);
  const string_view says = dice_.pick(kSaysVerbs);
  out += "<p>";
  if (style < 30) {  // "“…,” Karp says."
    out += "\xE2\x80\x9C";
    w_.quote(kind);
    w_.expand(",\xE2\x80\x9D {L} ");
    out += says;
    out += '.';
  } else if (style < 48) {  // "“…,” says Karp."
    out += "\xE2\x80\x9C";
    w_.quote(kind);
    out += ",\xE2\x80\x9D ";
    out += says;
    w_.expand(" {L}.");
  } else if (style < 58) {  // "Karp explains: “…”"
    w_.expand("{L} ");
    out += says;
    out += ": \xE2\x80\x9C";
    w_.quote(kind);
    out += ".\xE2\x80\x9D";
  } else if (style < 72) {  // a quote and its continuation
    out += "\xE2\x80\x9C";
    w_.quote(kind);
    w_.expand(",\xE2\x80\x9D {L} says. \xE2\x80\x9C");
    w_.quote(dice_.percent(50) ? QuoteKind::kNeutral : QuoteKind::kRecommend);
    out += ".\xE2\x80\x9D";
  } else if (style < 80 && same_speaker) {  // "“…,” she adds."
    out += "\xE2\x80\x9C";
    w_.quote(kind);
    w_.expand(",\xE2\x80\x9D {H} adds.");
  } else if (style < 88) {  // "According to Karp, …"
    w_.expand("According to {L}, ");
    w_.according_clause();
    out += '.';
  } else if (style < 94) {  // a quote over two paragraphs
    out += "\xE2\x80\x9C";
    w_.quote(kind);
    out += ".</p><p>\xE2\x80\x9C";
    w_.quote(QuoteKind::kNeutral);
    w_.expand(",\xE2\x80\x9D {L} says.");
  } else {  // split: "“…,” Karp says, “…”"
    out += "\xE2\x80\x9C";
    w_.quote(kind);
    w_.expand(",\xE2\x80\x9D {L} says, \xE2\x80\x9C");
    size_t start = out.size();
    w_.quote(QuoteKind::kNeutral);
    if (out[start] >= 'A' && out[start] <= 'Z' && out[start + 1] != ' ')
      out[start] = static_cast<char>(out[start] + 32);
    out += ".\xE2\x80\x9D";
  }
  // Now and then a paraphrase follows: "She recommends ..."
  if (style < 48 && dice_.percent(20)) {
    w_.expand(" {^H} ");
    w_.paraphrase();
    out += '.';
  }
  out += "</p>";
}

const Retailer& Body::pick_retailer(const CatalogProduct& product) {
  Tier tier = kBrands[product.brand].tier;
  return kRetailers[weighted_index(
      kRetailers, [tier](const Retailer& r) { return r.weight[tier]; }, dice_.next())];
}

// The price of one mention: the list price, now and then a little lower at one store or
// marked down ("was $60, now $42").
void Body::append_mention_price(const CatalogProduct& product, bool allow_sale) {
  std::string& out = w_.out();
  std::uint32_t cents = product.cents;
  size_t variation = dice_.roll(100);
  if (variation < 10 && allow_sale) {
    out += "was ";
    append_price(out, cents);
    out += ", now ";
    std::uint32_t now = cents * static_cast<std::uint32_t>(dice_.between(70, 90)) / 10000;
    append_price(out, now * 100 + (dice_.percent(50) ? 99 : 0));
    return;
  }
  if (variation >= 10 && variation < 18 && cents > 1500)
    cents -= static_cast<std::uint32_t>(100 * dice_.between(1, 4));
  append_price(out, cents);
}

void append_slug(std::string& out, string_view text) {
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
    else if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c + 32);
    else if (c == ' ' && !out.ends_with('-'))
      out += '-';
  }
}

// The line styles extract/products.cc reads.
void Body::product_line(const CatalogProduct& product, LineForm form) {
  std::string& out = w_.out();
  string_view brand = kBrands[product.brand].name;
  auto link_open = [&](string_view domain) {
    out += "<a href=\"https://www.";
    out += domain;
    out += "/p/";
    append_slug(out, brand);
    out += '-';
    append_slug(out, product.name);
    out += "\" rel=\"sponsored nofollow\">";
  };
  if (form == LineForm::kBare) {  // under a listicle heading: "$28 at Ulta"
    const Retailer& retailer = pick_retailer(product);
    out += "<p class=\"price\">";
    link_open(retailer.domain);
    append_mention_price(product, false);
    out += " at ";
    out += retailer.name;
    out += "</a></p>";
    return;
  }
  const Retailer& retailer = pick_retailer(product);
  // Labelled lines only where a paragraph must not read as prose (under interview questions).
  size_t style = dice_.roll(form == LineForm::kLabelled ? 56 : 100);
  out += "<p>";
  if (style < 36) {  // "Buy it now: Brand Name from Retailer, $N"
    out += "Buy it now: ";
    bool linked = dice_.percent(40);
    if (linked) link_open(retailer.domain);
    append_product_name(out, product);
    if (linked) out += "</a>";
    out += " from ";
    out += retailer.name;
    out += ", ";
    append_mention_price(product, true);
  } else if (style < 56) {  // "Shop it: Brand Name, $N at Retailer"
    out += "Shop it: ";
    append_product_name(out, product);
    out += ", ";
    append_mention_price(product, false);
    out += " at ";
    out += retailer.name;
  } else if (style < 70) {  // "Brand Name ($N, retailer.com)", "Brand Name (was $N, now $M, …)"
    append_product_name(out, product);
    out += " (";
    append_mention_price(product, true);
    out += ", ";
    out += retailer.domain;
    out += ')';
  } else if (style < 80) {  // sold by the maker: "Buy it now: Name from Brand, $N"
    out += "Buy it now: ";
    out += product.name;
    out += " from ";
    out += brand;
    out += ", ";
    append_price(out, product.cents);
  } else {  // in prose: "We kept reaching for the Brand Name ($N at Retailer), which ..."
    out += dice_.pick(kProseProductLeads);
    append_product_name(out, product);
    out += " (";
    append_mention_price(product, false);
    out += " at ";
    out += retailer.name;
    out += "), ";
    out += choose(kProseProductTails.data(), kProseProductTails.size(), !is_tool(product.type),
                  used_tails_);
    out += '.';
  }
  out += "</p>";
}

void Body::feature() {
  const Topic& topic = w_.topic();
  // Lede: what the piece is about and, often, who weighs in.
  open_p();
  w_.lede_opener();
  if (dice_.percent(65)) {
    w_.out() += ' ';
    introduce(0);
  }
  w_.out() += ' ';
  w_.lede_closer();
  close_p();

  // Sections: 3-8 roles in their natural order, usually ending with a verdict.
  size_t sections = dice_.between(3, 8);
  std::array<Role, kMaxSections> roles{};
  std::uint32_t chosen = 0;
  bool verdict = dice_.percent(70);
  size_t need = sections - (verdict ? 1 : 0);
  while (static_cast<size_t>(std::popcount(chosen)) < need) chosen |= 1u << dice_.roll(kVerdict);
  size_t n = 0;
  for (size_t r = 0; r < kVerdict; ++r) {
    if (chosen >> r & 1) roles[n++] = static_cast<Role>(r);
  }
  if (verdict) roles[n++] = kVerdict;

  // Products (0-6, about 2.8 mentions) and quote events (2-5, each expert at least once),
  // placed in sections. kProductsCumulative[k]: percent of features with at most k products.
  static constexpr std::array<unsigned, 7> kProductsCumulative = {5, 20, 44, 70, 85, 94, 100};
  size_t roll = dice_.roll(100), products = 0;
  while (kProductsCumulative[products] <= roll) ++products;
  std::array<size_t, 6> product_section{};
  size_t shopping = n;
  for (size_t s = 0; s < n; ++s) {
    if (roles[s] == kShopping || roles[s] == kBudget) shopping = s;
  }
  for (size_t p = 0; p < products; ++p)
    product_section[p] = shopping < n && dice_.percent(50) ? shopping : dice_.roll(n);
  size_t events = std::max(topic.expert_count, dice_.between(2, 5));
  std::array<size_t, 6> event_section{}, event_expert{};
  for (size_t q = 0; q < events; ++q) {
    event_expert[q] = q < topic.expert_count ? q : dice_.roll(topic.expert_count);
    event_section[q] = dice_.roll(n);
  }
  std::sort(event_section.begin(), event_section.begin() + events);

  for (size_t s = 0; s < n; ++s) {
    w_.out() += "<h2>";
    w_.expand(any(kHeadings[roles[s]], dice_));
    w_.out() += "</h2>";
    size_t paragraphs = dice_.between(1, 3);
    paragraph(roles[s], dice_.between(2, 4));
    const CatalogProduct* first_product = nullptr;
    std::array<const CatalogProduct*, 6> here{};
    size_t count = 0;
    for (size_t p = 0; p < products; ++p) {
      if (product_section[p] == s) here[count++] = &pick_product(false);
    }
    if (count > 0) first_product = here[0];
    for (size_t q = 0; q < events; ++q) {
      if (event_section[q] == s) quote_event(event_expert[q], first_product);
    }
    for (size_t p = 0; p < count; ++p) product_line(*here[p], LineForm::kAny);
    for (size_t k = 1; k < paragraphs; ++k) paragraph(roles[s], dice_.between(2, 4));
  }
}

void Body::listicle() {
  const Topic& topic = w_.topic();
  open_p();
  w_.lede_opener();
  w_.out() += ' ';
  introduce(0);
  close_p();
  if (dice_.percent(60)) quote_event(0, nullptr);
  w_.expand(
      "<h2>How we chose</h2><p>Every pick below costs less than ${$}, and each one spent at least "
      "{W} in rotation "
      "with our testers. ");
  w_.expand(choose(kShoppingSentences.data(), kShoppingSentences.size(), w_.topic().tech().topical,
                   used_sentences_[kShopping]));
  close_p();
  for (size_t item = 1; item <= topic.items; ++item) {
    const CatalogProduct& product = pick_product(true, topic.budget);
    std::string& out = w_.out();
    out += "<h3>";
    append_number(out, item);
    out += ". ";
    append_product_name(out, product);
    out += "</h3><p>";
    bool topical = !is_tool(product.type);
    w_.expand(choose(kItemSentences.data(), kItemSentences.size(), topical, used_items_));
    out += ' ';
    w_.expand(choose(kItemSentences.data(), kItemSentences.size(), topical, used_items_));
    close_p();
    if (dice_.percent(40)) quote_event(dice_.roll(topic.expert_count), &product);
    if (dice_.percent(75)) {
      product_line(product, LineForm::kBare);
    } else {
      out += "<p>Buy it now: ";
      append_product_name(out, product);
      out += " from ";
      out += pick_retailer(product).name;
      out += ", ";
      append_mention_price(product, true);
      close_p();
    }
  }
  w_.out() += "<h2>";
  w_.expand(any(kHeadings[kRoutine], dice_));
  w_.out() += "</h2>";
  paragraph(kRoutine, dice_.between(3, 5));
}

// What each of kInterviewQuestions calls for.
constexpr std::array<QuoteKind, kInterviewQuestions.size()> kAnswerKinds = {
    QuoteKind::kRecommend, QuoteKind::kWarn,      QuoteKind::kRecommend, QuoteKind::kWarn,
    QuoteKind::kProduct,   QuoteKind::kNeutral,   QuoteKind::kNeutral,   QuoteKind::kRecommend,
    QuoteKind::kRecommend, QuoteKind::kRecommend, QuoteKind::kWarn,      QuoteKind::kProduct};

void Body::interview() {
  open_p();
  w_.set_expert(0);
  introduced_[0] = true;
  w_.expand(
      "We sat down with {X} {V} of {G} to talk about {T}, {C} and what actually belongs in a "
      "routine. ");
  w_.lede_closer();
  close_p();
  size_t questions = dice_.between(4, 6);
  std::uint32_t asked = 0;
  for (size_t q = 0; q < questions; ++q) {
    size_t k = dice_.roll(kInterviewQuestions.size());
    while (asked >> k & 1) k = (k + 1) % kInterviewQuestions.size();
    asked |= 1u << k;
    w_.out() += "<h2>";
    w_.expand(kInterviewQuestions[k]);
    w_.out() += "</h2><p>";
    // Answers in the interviewee's words, without quotation marks: the extractor reads the
    // paragraphs under a question as theirs.
    const CatalogProduct* product = kAnswerKinds[k] == QuoteKind::kProduct || dice_.percent(15)
                                        ? &pick_product(false)
                                        : nullptr;
    w_.set_product(product);
    w_.quote(product != nullptr ? QuoteKind::kProduct : kAnswerKinds[k]);
    w_.out() += ". ";
    w_.quote(QuoteKind::kNeutral);
    w_.out() += ".</p>";
    if (product != nullptr) product_line(*product, LineForm::kLabelled);
  }
}

// ---- Dates, authors and paths ------------------------------------------------------------

// Days since 2023-01-01 to a civil date (proleptic Gregorian).
CivilDate civil_from_days(long days) {
  long z = days + 719468 + 19358;  // 19358: days from 1970-01-01 to 2023-01-01
  long era = (z >= 0 ? z : z - 146096) / 146097;
  auto doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  CivilDate date;
  date.day = doy - (153 * mp + 2) / 5 + 1;
  date.month = mp < 10 ? mp + 3 : mp - 9;
  date.year = static_cast<int>(yoe + era * 400 + (date.month <= 2 ? 1 : 0));
  return date;
}

}  // namespace

void append_iso_date(std::string& out, const CivilDate& date) {
  append_number(out, static_cast<unsigned>(date.year));
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
}

void append_article_path(std::string& out, size_t i) {
  out += "/posts/";
  append_padded(out, static_cast<unsigned>(i), 6);
  out += '/';
}

CivilDate publication_date(size_t i, size_t articles, Dice& page) {
  return civil_from_days(static_cast<long>(i * 1270 / std::max<size_t>(articles, 1)) +
                         static_cast<long>(page.roll(7)));
}

size_t author_of(Dice& page) { return page.percent(60) ? page.roll(10) : page.roll(kAuthors); }

void append_long_date(std::string& out, const CivilDate& date) {
  out += kMonths[date.month - 1];
  out += ' ';
  append_number(out, date.day);
  out += ", ";
  append_number(out, static_cast<unsigned>(date.year));
}

}  // namespace beautyidx::bench::synthetic

namespace beautyidx::bench {

using namespace synthetic;  // NOLINT(google-build-using-namespace): this library's own internals

std::string SyntheticSite::article_path(size_t i) const {
  std::string path;
  append_article_path(path, i);
  return path;
}

// The article's own parts of its page, in the order its kPage dice draw them; the chrome
// (synthetic_chrome.cc) lays the page out around them.
std::string SyntheticSite::article(size_t i) const {
  const std::uint64_t seed = body_seed(i);
  const Topic topic = topic_of(seed);
  Dice page(i, Stream::kPage);

  const CivilDate published = publication_date(i, articles_, page);
  const size_t author = author_of(page);
  std::string title, author_name, path = article_path(i);
  append_title(title, topic, i);
  append_author(author_name, author);

  std::string body;
  body.reserve(16384);
  Dice body_dice(seed, Stream::kBody);
  Writer writer(body, topic, body_dice);
  Body article_body(writer);
  switch (topic.format) {
    case Format::kFeature:
      article_body.feature();
      break;
    case Format::kListicle:
      article_body.listicle();
      break;
    case Format::kInterview:
      article_body.interview();
      break;
  }

  std::string heading = "<h1 class=\"entry-title\">";
  heading += title;
  heading += "</h1><div class=\"byline\">By <a rel=\"author\" href=\"/author/";
  append_number(heading, author);
  heading += "/\">";
  heading += author_name;
  heading += "</a> \xC2\xB7 <time datetime=\"";
  append_iso_date(heading, published);
  heading += "\">";
  append_long_date(heading, published);
  heading +=
      "</time></div><p class=\"disclosure\">We may earn a commission when you buy through links on "
      "this page.</p>";

  std::string furniture = "<div class=\"tags\">Tagged <a href=\"/tag/";
  append_slug(furniture, topic.tech().phrases[0]);
  furniture += "/\">";
  furniture += topic.tech().phrases[0];
  furniture += "</a>, <a href=\"/tag/";
  append_slug(furniture, kConcernPhrases[topic.concern][0]);
  furniture += "/\">";
  furniture += kConcernPhrases[topic.concern][0];
  furniture += "</a></div><div class=\"author-bio\"><p>";
  furniture += author_name;
  furniture +=
      page.percent(50)
          ? " is a contributing writer who covers skincare tools, ingredients and the science "
            "behind them. "
          : " is a senior editor at Synthetic Glow and has tested beauty devices for years. ";
  furniture +=
      page.percent(50)
          ? "When she is not testing products, she is probably at the climbing gym.</p></div>"
          : "Follow her on Instagram for the tools that did not make the cut.</p></div>";

  furniture += "<section class=\"related-posts\"><h3>You may also like</h3><ul>";
  for (size_t k = 0; k < 4 && articles_ > 1; ++k) {
    size_t other = static_cast<size_t>(mix(i * 4 + k) % articles_);
    if (other == i) other = (other + 1) % articles_;
    furniture += "<li><a href=\"";
    furniture += article_path(other);
    furniture += "\">";
    append_title(furniture, topic_of(body_seed(other)), other);
    furniture += "</a></li>";
  }
  furniture +=
      "</ul></section><section id=\"comments\" class=\"comments-area\"><h3>Comments</h3><ol "
      "class=\"comment-list\">";
  size_t comments = page.roll(5);
  for (size_t k = 0; k < comments; ++k) {
    furniture += "<li class=\"comment\"><p class=\"comment-author\">";
    furniture += kAuthorFirst[page.roll(20)];
    furniture += " says:</p><p>";
    furniture += page.pick(kComments);
    furniture += "</p></li>";
  }
  furniture += "</ol>";

  std::string picks =
      "<section id=\"glow-picks-2\" class=\"widget widget_glow_picks\"><h3>Editor's "
      "picks</h3><ul>";
  for (size_t k = 0; k < 2; ++k) {
    const CatalogProduct& pick = catalog().products[page.roll(catalog().products.size())];
    picks += "<li>";
    append_product_name(picks, pick);
    picks += " \xE2\x80\x94 ";
    append_price(picks, pick.cents);
    picks += " at Sephora</li>";
  }
  picks += "</ul></section>\n";

  ArticlePage article_page;
  article_page.index = i;
  article_page.articles = articles_;
  article_page.path = path;
  article_page.title = title;
  article_page.author = author_name;
  article_page.author_id = author;
  article_page.published = published;
  article_page.topic = &topic;
  article_page.heading = heading;
  article_page.body = body;
  article_page.furniture = furniture;
  article_page.picks = picks;
  return render_page(article_page);
}

std::string SyntheticSite::home() const {
  std::string html = "<html><head><title>Synthetic Glow</title></head><body><main><ul>";
  for (size_t i = 0; i < std::min<size_t>(articles_, 50); ++i) {
    html += "<li><a href=\"" + article_path(i) + "\">";
    append_title(html, topic_of(body_seed(i)), i);
    html += "</a></li>";
  }
  return html + "</ul></main></body></html>";
}

std::string SyntheticSite::sitemap(const std::string& origin) const {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset "
      "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
  for (size_t i = 0; i < articles_; ++i)
    xml += "<url><loc>" + origin + article_path(i) + "</loc></url>";
  return xml + "</urlset>";
}

}  // namespace beautyidx::bench
