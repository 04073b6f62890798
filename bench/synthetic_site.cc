#include "bench/synthetic_site.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

#include "bench/synthetic_site_text.h"

namespace beautyidx::bench {
namespace {

using namespace synthetic;  // NOLINT(google-build-using-namespace): this file's own tables

// ---- Deterministic randomness ------------------------------------------------------------

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Independent streams of one seed: an article's title can be drawn without its body, and a
// syndicated copy reuses an earlier body under its own title.
// kChrome, last so that adding it moved no earlier stream, draws everything around the article.
enum class Stream : std::uint64_t { kTopic = 1, kTitle, kBody, kPage, kChrome };

class Dice {
 public:
  Dice(std::uint64_t seed, Stream stream)
      : state_(mix(seed * 0xD1B54A32D192ED03ull + static_cast<std::uint64_t>(stream))) {}
  std::uint64_t next() { return mix(state_ += 0x632BE59BD9B4E019ull); }
  size_t roll(size_t n) { return n == 0 ? 0 : static_cast<size_t>(next() % n); }
  size_t between(size_t lo, size_t hi) { return lo + roll(hi - lo + 1); }
  bool percent(unsigned p) { return roll(100) < p; }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  template <typename T, size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[roll(N)];
  }

 private:
  std::uint64_t state_;
};

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

void append_number(std::string& out, std::uint64_t n) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
  out.append(buffer, end);
}

void append_padded(std::string& out, unsigned n, int width) {
  char buffer[16];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
  out.append(static_cast<size_t>(std::max<std::ptrdiff_t>(0, width - (end - buffer))), '0');
  out.append(buffer, end);
}

// "$32", "$31.99".
void append_price(std::string& out, std::uint32_t cents) {
  out += '$';
  append_number(out, cents / 100);
  if (cents % 100 != 0) {
    out += '.';
    append_padded(out, cents % 100, 2);
  }
}

// ---- The catalog -----------------------------------------------------------------------

bool is_tool(TypeId type) { return (kTypes[type].categories & (kTools | kDevices)) != 0; }

struct CatalogProduct {
  std::uint16_t brand;
  TypeId type;
  std::uint32_t cents;  // the list price, the same in every article
  std::string name;     // without the brand: "Rose Quartz Facial Roller"
};

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

void append_author(std::string& out, size_t a) {
  out += kAuthorFirst[a % 20];
  out += ' ';
  out += kAuthorLast[(a % 20 + 7 * (a / 20)) % 20];
}

// ---- What an article is about --------------------------------------------------------------

enum class Format { kFeature, kListicle, kInterview };

struct Topic {
  Format format = Format::kFeature;
  size_t technique = 0, technique2 = 0;
  ConcernId concern = kPuffiness, concern2 = kDullness;
  std::array<size_t, 3> experts{};
  size_t expert_count = 1;
  std::array<bool, 3> titled{};  // doctors named "Dr." in this article
  TypeId main_type = kFacialRoller;
  size_t items = 0;     // listicle entries
  unsigned budget = 0;  // listicle "under $N"
  const Technique& tech() const { return kTechniques[technique]; }
};

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

// About 1% of articles republish an earlier article's body under their own title and URL.
std::uint64_t body_seed(size_t i) {
  while (i >= 20 && mix(i * 31 + 7) % 100 == 0) i = mix(i * 131 + 3) % (i / 2);
  return i;
}

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

struct CivilDate {
  int year = 0;
  unsigned month = 0, day = 0;  // 1-based
};

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

// "2024-03-07", as both the published_time meta and the byline's <time> carry it.
void append_iso_date(std::string& out, const CivilDate& date) {
  append_number(out, static_cast<unsigned>(date.year));
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
}

constexpr string_view kSiteName = "Synthetic Glow";

// ---- Page chrome ---------------------------------------------------------------------------
//
// Everything a WordPress theme puts around the article, sized to the public benchmark's real
// article pages (see SyntheticSite). What every page shares is rendered once (ChromeParts); a
// page adds its own title, dates, image paths and links, and its kChrome dice choose how many
// images, widget entries, ad slots and inline scripts it carries (ChromePlan).

void append_article_path(std::string& out, size_t i) {
  out += "/posts/";
  append_padded(out, static_cast<unsigned>(i), 6);
  out += '/';
}

// Published over about three and a half years, oldest first; the day's jitter is the first
// draw of the article's page dice, its author the next.
CivilDate publication_date(size_t i, size_t articles, Dice& page) {
  return civil_from_days(static_cast<long>(i * 1270 / std::max<size_t>(articles, 1)) +
                         static_cast<long>(page.roll(7)));
}

size_t author_of(Dice& page) { return page.percent(60) ? page.roll(10) : page.roll(kAuthors); }

// "March 7, 2024", as bylines print a date.
void append_long_date(std::string& out, const CivilDate& date) {
  out += kMonths[date.month - 1];
  out += ' ';
  append_number(out, date.day);
  out += ", ";
  append_number(out, static_cast<unsigned>(date.year));
}

// HTML text (as the templates write it) inside a double-quoted attribute.
void append_attribute(std::string& out, string_view html) {
  for (size_t quote; (quote = html.find('"')) != string_view::npos; html.remove_prefix(quote + 1)) {
    out.append(html.substr(0, quote));
    out += "&quot;";
  }
  out.append(html);
}

// HTML text as the contents of a JSON string: "&amp;" (the only entity the templates use)
// decoded, quotes and backslashes escaped, and '<' escaped so no "</script>" can end the block.
void append_json_text(std::string& out, string_view html) {
  size_t plain = 0;  // where the run not yet copied starts
  for (size_t k = 0; k < html.size(); ++k) {
    char c = html[k];
    if (c != '&' && c != '"' && c != '\\' && c != '<') continue;
    out.append(html.substr(plain, k - plain));
    if (c == '&' && html.substr(k, 5) == "&amp;") {
      out += '&';
      k += 4;
    } else if (c == '<') {
      out += "\\u003c";
    } else {
      if (c != '&') out += '\\';
      out += c;
    }
    plain = k + 1;
  }
  out.append(html.substr(plain));
}

// HTML text as a URL query value, for share links.
void append_query_value(std::string& out, string_view html) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (size_t k = 0; k < html.size(); ++k) {
    char c = html[k];
    if (c == '&' && html.substr(k, 5) == "&amp;") {
      out += "%26";
      k += 4;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
}

// A WordPress slug of HTML text: "Q&amp;A: Gua Sha" -> "qa-gua-sha".
void append_text_slug(std::string& out, string_view html) {
  const size_t start = out.size();
  for (size_t k = 0; k < html.size(); ++k) {
    char c = html[k];
    if (c == '&') {
      k = std::min(html.find(';', k), html.size());
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if ((c == ' ' || c == '-') && out.size() > start && out.back() != '-') {
      out += '-';
    }
  }
  if (out.size() > start && out.back() == '-') out.pop_back();
}

// An icon from the page's sprite, or the icon font's glyph on pages without inline SVG.
void append_icon(std::string& out, string_view id, bool svg) {
  if (svg) {
    out += "<svg class=\"icon\" aria-hidden=\"true\"><use href=\"#";
    out += id;
    out += "\"></use></svg>";
  } else {
    out += "<i class=\"icon-font ";
    out += id;
    out += "\" aria-hidden=\"true\"></i>";
  }
}

struct SiteSection {
  string_view name;  // HTML
  string_view slug;
  string_view href;  // a path the site serves, or the production host's category page
};

constexpr std::array<SiteSection, 4> kSections = {{
    {"Skincare", "skincare", "/skincare/"},
    {"Tools &amp; Devices", "tools", "/tools/"},
    {"Hair", "hair", "/hair/"},
    {"Makeup", "makeup", "https://www.synthetic-glow.example/makeup/"},
}};

const SiteSection& section_of(const Topic& topic) {
  const Technique& tech = topic.tech();
  if (tech.domain == kHair) return kSections[2];
  if (tech.domain == kMakeup) return kSections[3];
  return tech.topical ? kSections[0] : kSections[1];
}

// Image widths WordPress derives from an upload, with their 3:2 heights.
constexpr std::array<std::array<unsigned, 2>, 8> kImageSizes = {{{1200, 800},
                                                                 {300, 200},
                                                                 {768, 512},
                                                                 {1024, 683},
                                                                 {150, 100},
                                                                 {600, 400},
                                                                 {1536, 1024},
                                                                 {2048, 1365}}};

// ".../2024/03/slug-300x200.jpg"
void append_image_url(std::string& out, string_view upload, const std::array<unsigned, 2>& size) {
  out += upload;
  out += '-';
  append_number(out, size[0]);
  out += 'x';
  append_number(out, size[1]);
  out += ".jpg";
}

// An <img> of an upload in `widths` of kImageSizes (the first is its src), with what WordPress
// adds to content images; `extra` holds further attributes (class, loading, fetchpriority).
void append_image(std::string& out, string_view upload, size_t widths, string_view sizes,
                  string_view extra, string_view alt) {
  const auto& main = kImageSizes[0];
  out += "<img width=\"";
  append_number(out, main[0]);
  out += "\" height=\"";
  append_number(out, main[1]);
  out += "\" src=\"";
  append_image_url(out, upload, main);
  out += "\" ";
  out += extra;
  out += " alt=\"";
  append_attribute(out, alt);
  out += "\" decoding=\"async\" srcset=\"";
  for (size_t w = 0; w < widths; ++w) {
    if (w > 0) out += ", ";
    append_image_url(out, upload, kImageSizes[w]);
    out += ' ';
    append_number(out, kImageSizes[w][0]);
    out += 'w';
  }
  out += "\" sizes=\"";
  out += sizes;
  out += "\">";
}

// A thumbnail: the small sizes only.
void append_thumbnail(std::string& out, string_view upload, string_view size_class,
                      string_view sizes) {
  out += "<img width=\"300\" height=\"200\" src=\"";
  append_image_url(out, upload, kImageSizes[1]);
  out += "\" class=\"attachment-";
  out += size_class;
  out += " size-";
  out += size_class;
  out += " wp-post-image\" alt=\"\" loading=\"lazy\" decoding=\"async\" srcset=\"";
  for (size_t w : {1, 4, 5}) {
    if (w != 1) out += ", ";
    append_image_url(out, upload, kImageSizes[w]);
    out += ' ';
    append_number(out, kImageSizes[w][0]);
    out += 'w';
  }
  out += "\" sizes=\"";
  out += sizes;
  out += "\">";
}

// ---- Chrome every page shares --------------------------------------------------------------

constexpr string_view kMenuItemTypes[] = {"menu-item-type-taxonomy menu-item-object-category",
                                          "menu-item-type-post_type menu-item-object-page",
                                          "menu-item-type-custom menu-item-object-custom"};

// A WordPress nav menu's items as wp_nav_menu prints them: nested <li>s with drop-downs.
// REQUIRES: no item is shallower than the first.
void append_menu_items(std::string& out, const MenuItem* items, size_t count, unsigned first_id) {
  for (size_t k = 0; k < count; ++k) {
    const MenuItem& item = items[k];
    bool parent = k + 1 < count && items[k + 1].depth > item.depth;
    unsigned id = first_id + 37 * static_cast<unsigned>(k);
    out += "<li id=\"menu-item-";
    append_number(out, id);
    out += "\" class=\"menu-item ";
    out += kMenuItemTypes[static_cast<size_t>(item.kind)];
    if (parent) out += " menu-item-has-children";
    out += " menu-item-";
    append_number(out, id);
    out += "\"><a href=\"";
    out += item.href;
    out += "\">";
    out += item.label;
    out += "</a>";
    if (parent) {
      out +=
          "<button class=\"sub-menu-toggle\" aria-expanded=\"false\"><span "
          "class=\"sub-menu-arrow\" aria-hidden=\"true\"></span><span "
          "class=\"screen-reader-text\">Expand child menu</span></button>\n<ul "
          "class=\"sub-menu\">\n";
      continue;
    }
    out += "</li>\n";
    size_t next_depth = k + 1 < count ? items[k + 1].depth : items[0].depth;
    for (size_t d = item.depth; d > next_depth; --d) out += "</ul>\n</li>\n";
  }
}

void append_social_links(std::string& out, bool svg) {
  for (const SocialAccount& account : kSocialAccounts) {
    out += "<a class=\"social-link\" href=\"";
    out += account.url;
    out += "\" target=\"_blank\" rel=\"noopener\">";
    append_icon(out, account.icon, svg);
    out += "<span class=\"screen-reader-text\">";
    out += account.name;
    out += "</span></a>";
  }
}

// The theme's logo mark: a twelve-petal flower, one path, traced once.
void append_logo_mark(std::string& out) {
  out +=
      "<svg class=\"logo-mark\" width=\"40\" height=\"40\" viewBox=\"0 0 100 100\" "
      "aria-hidden=\"true\" focusable=\"false\"><path fill=\"#c9677f\" d=\"";
  constexpr int kPetals = 12, kSteps = 4;
  char buffer[32];
  for (int k = 0; k <= kPetals * kSteps; ++k) {
    double angle = 2 * 3.14159265358979 * k / (kPetals * kSteps);
    double radius = 30 + 16 * std::abs(std::sin(kPetals / 2.0 * angle));
    int n = std::snprintf(buffer, sizeof buffer, "%c%.2f %.2f", k == 0 ? 'M' : 'L',
                          50 + radius * std::cos(angle), 50 + radius * std::sin(angle));
    out.append(buffer, static_cast<size_t>(n));
  }
  out += "Z\"/><circle cx=\"50\" cy=\"50\" r=\"14\" fill=\"#fbe9ed\"/></svg>";
}

// The block editor's presets as classes (global styles), generated the way WordPress prints
// them, after the theme's rules; one rule a line, so any line end is a place to cut.
std::string build_stylesheet() {
  std::string css(kThemeCss);
  css += ":root{";
  for (const PaletteColor& c : kPalette) {
    css += "--wp--preset--color--";
    css += c.slug;
    css += ':';
    css += c.hex;
    css += ';';
  }
  for (size_t f = 0; f < kFontSizes.size(); ++f) {
    css += "--wp--preset--font-size--";
    css += kFontSizes[f];
    css += ':';
    append_number(css, 11 + 3 * f);
    css += "px;";
  }
  css += "}\n";
  for (string_view what : {"color", "background-color", "border-color"}) {
    for (const PaletteColor& c : kPalette) {
      css += ".has-";
      css += c.slug;
      css += '-';
      css += what;
      css += '{';
      css += what;
      css += ":var(--wp--preset--color--";
      css += c.slug;
      css += ")!important}\n";
    }
  }
  for (size_t a = 0; a + 1 < kPalette.size(); a += 2) {
    for (size_t b : {a + 1, (a + 5) % kPalette.size()}) {
      css += ".has-";
      css += kPalette[a].slug;
      css += "-to-";
      css += kPalette[b].slug;
      css += "-gradient-background{background:linear-gradient(135deg,var(--wp--preset--color--";
      css += kPalette[a].slug;
      css += ") 0%,var(--wp--preset--color--";
      css += kPalette[b].slug;
      css += ") 100%)!important}\n";
    }
  }
  for (string_view size : kFontSizes) {
    css += ".has-";
    css += size;
    css += "-font-size{font-size:var(--wp--preset--font-size--";
    css += size;
    css += ")!important}\n";
  }
  static constexpr std::array<std::array<string_view, 2>, 6> kSides = {{{"", ""},
                                                                        {"t", "-top"},
                                                                        {"r", "-right"},
                                                                        {"b", "-bottom"},
                                                                        {"l", "-left"},
                                                                        {"y", "-block"}}};
  for (string_view property : {"margin", "padding"}) {
    for (const auto& side : kSides) {
      for (size_t step = 0; step < kSpacingSteps.size(); ++step) {
        css += ".glow-";
        css += property[0];
        css += side[0];
        css += '-';
        append_number(css, step);
        css += '{';
        css += property;
        css += side[1];
        css += ':';
        css += kSpacingSteps[step];
        css += "!important}\n";
      }
    }
  }
  for (string_view breakpoint : {"544", "782", "1024"}) {
    css += "@media (min-width:";
    css += breakpoint;
    css += "px){";
    for (unsigned columns = 1; columns <= 12; ++columns) {
      css += ".glow-cols-";
      append_number(css, columns);
      css += "\\@";
      css += breakpoint;
      css += "{grid-template-columns:repeat(";
      append_number(css, columns);
      css += ",minmax(0,1fr))}";
    }
    css += "}\n";
  }
  return css;
}

// The consent manager's configuration: purposes and a vendor list, as CMP stubs inline them.
std::string build_consent_scripts() {
  std::string js = "<script id=\"glow-consent-defaults\">";
  js += kConsentDefaultsJs;
  js +=
      "</script>\n<script id=\"glow-cmp-config\">window.glowCmp={\"version\":4,"
      "\"policyVersion\":5,\"language\":\"en\",\"purposes\":[";
  for (size_t p = 0; p < kConsentPurposes.size(); ++p) {
    if (p > 0) js += ',';
    js += "{\"id\":";
    append_number(js, p + 1);
    js += ",\"name\":\"";
    js += kConsentPurposes[p].name;
    js += "\",\"description\":\"";
    js += kConsentPurposes[p].description;
    js += "\"}";
  }
  js +=
      "],\"specialFeatures\":[{\"id\":1,\"name\":\"Use precise location\"},{\"id\":2,"
      "\"name\":\"Scan device characteristics\"}],\"vendors\":[";
  for (size_t v = 0; v < kAdVendors.size(); ++v) {
    std::uint64_t hash = mix(v + 4242);
    if (v > 0) js += ',';
    js += "{\"id\":";
    append_number(js, 3 + v * 17 + hash % 13);
    js += ",\"name\":\"";
    js += kAdVendors[v];
    js += "\",\"purposes\":[1";
    for (unsigned p = 2; p <= 10; ++p) {
      if (hash >> p & 1) {
        js += ',';
        append_number(js, p);
      }
    }
    js += "],\"legIntPurposes\":[";
    bool first = true;
    for (unsigned p = 7; p <= 10; ++p) {
      if ((hash >> p & 1) == 0 && (hash >> (p + 12) & 1)) {
        if (!first) js += ',';
        append_number(js, p);
        first = false;
      }
    }
    js += "],\"specialFeatures\":[";
    if (hash >> 30 & 1) js += hash >> 31 & 1 ? "1,2" : "2";
    js += "],\"cookieMaxAgeSeconds\":";
    append_number(js, (hash >> 33 & 1) != 0 ? 31536000 : 7776000);
    js += ",\"usesNonCookieAccess\":";
    js += (hash >> 34 & 1) != 0 ? "true" : "false";
    js += ",\"policyUrl\":\"https://";
    append_text_slug(js, kAdVendors[v]);
    js += ".example/privacy\"}";
  }
  js += "]};</script>\n";
  return js;
}

// Lays markup out as theme templates leave it: block elements on lines of their own, each
// indented a tab for every element open around it. Real pages carry a few percent of such
// whitespace.
void indent_lines(std::string& html, size_t depth) {
  static constexpr std::array<string_view, 7> kVoid = {"img", "input", "meta",  "link",
                                                       "br",  "hr",    "source"};
  static constexpr std::array<string_view, 10> kBlocks = {"li",  "ul", "ol",   "div", "section",
                                                          "nav", "p",  "form", "h2",  "footer"};
  auto is_one_of = [](string_view rest, const auto& names) {
    return std::any_of(names.begin(), names.end(), [&](string_view name) {
      return rest.size() > name.size() && rest.starts_with(name) &&
             (rest[name.size()] == ' ' || rest[name.size()] == '>');
    });
  };
  std::string out;
  out.reserve(html.size() * 3 / 2);
  for (size_t k = 0; k < html.size(); ++k) {
    if (html[k] == '<' && k + 1 < html.size()) {
      string_view rest = string_view(html).substr(k + 1);
      if (is_one_of(rest, kBlocks) && !out.empty() && out.back() != '\t' && out.back() != '\n') {
        out += '\n';
        out.append(std::min<size_t>(depth, 10), '\t');
      }
      if (rest[0] == '/')
        depth -= depth > 0 ? 1 : 0;
      else if (rest[0] >= 'a' && rest[0] <= 'z' && !is_one_of(rest, kVoid))
        ++depth;
    }
    out += html[k];
    if (html[k] == '\n') out.append(std::min<size_t>(depth, 10), '\t');
  }
  html = std::move(out);
}

constexpr size_t kMaxInlineAds = 3;

struct ChromeParts {
  std::string head_links;  // preconnects, fonts, feeds, stylesheets, icons
  std::string stylesheet;  // a page's critical CSS is a prefix of it, cut at a line end
  std::string consent_scripts;
  std::string sprite;                 // every icon once, for pages with inline SVG
  std::array<std::string, 2> header;  // [svg]: promo bar, masthead, primary menu
  std::string categories_widget;
  std::string newsletter_form;
  std::array<std::string, 2> footer;  // [svg]: the footer, closing #page, and the consent banner
  std::string comment_form_fields;
  std::string website_graph;  // the JSON-LD nodes every page repeats
  std::string video_config;
  // Ad slot configurations by kAdSlotKinds index and slot number less one.
  std::array<std::array<std::string, kMaxInlineAds>, kAdSlotKinds.size()> ad_slots;
};

ChromeParts build_chrome() {
  ChromeParts parts;
  std::string& links = parts.head_links;
  links +=
      "<link rel=\"preconnect\" href=\"https://cdn.synthetic-glow.example\" crossorigin>\n"
      "<link rel=\"preconnect\" href=\"https://fonts.glow-type.example\" crossorigin>\n"
      "<link rel=\"dns-prefetch\" href=\"//tags.metrics-hub.example\">\n"
      "<link rel=\"dns-prefetch\" href=\"//ads.cobalt-exchange.example\">\n"
      "<link rel=\"dns-prefetch\" href=\"//securepubads.adserver.example\">\n"
      "<link rel=\"preload\" href=\"https://cdn.synthetic-glow.example/wp-content/themes/glow/"
      "assets/fonts/glow-sans-var.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>\n"
      "<link rel=\"preload\" href=\"https://cdn.synthetic-glow.example/wp-content/themes/glow/"
      "assets/fonts/source-serif-glow-regular.woff2\" as=\"font\" type=\"font/woff2\" "
      "crossorigin>\n"
      "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Synthetic Glow &raquo; "
      "Feed\" href=\"https://www.synthetic-glow.example/feed/\">\n"
      "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Synthetic Glow &raquo; "
      "Comments Feed\" href=\"https://www.synthetic-glow.example/comments/feed/\">\n"
      "<link rel=\"stylesheet\" id=\"wp-block-library-css\" href=\"https://cdn.synthetic-glow."
      "example/wp-includes/css/dist/block-library/style.min.css?ver=6.5.3\" media=\"all\">\n"
      "<link rel=\"stylesheet\" id=\"glow-fonts-css\" href=\"https://fonts.glow-type.example/"
      "css2?family=Glow+Sans:wght@400;600;700;800&amp;family=Source+Serif+Glow:ital@0;1&amp;"
      "display=swap\" media=\"all\">\n"
      "<link rel=\"stylesheet\" id=\"glow-style-css\" href=\"https://cdn.synthetic-glow.example/"
      "wp-content/themes/glow/style.min.css?ver=4.2.1\" media=\"all\">\n"
      "<link rel=\"stylesheet\" id=\"glow-shoppable-css\" href=\"https://cdn.synthetic-glow."
      "example/wp-content/plugins/glow-shoppable/assets/shoppable.min.css?ver=2.8.0\" "
      "media=\"all\">\n"
      "<link rel=\"stylesheet\" id=\"glow-print-css\" href=\"https://cdn.synthetic-glow.example/"
      "wp-content/themes/glow/print.min.css?ver=4.2.1\" media=\"print\">\n"
      "<link rel=\"https://api.w.org/\" href=\"https://www.synthetic-glow.example/wp-json/\">\n"
      "<link rel=\"icon\" href=\"https://cdn.synthetic-glow.example/wp-content/uploads/2023/02/"
      "cropped-glow-icon-32x32.png\" sizes=\"32x32\">\n"
      "<link rel=\"icon\" href=\"https://cdn.synthetic-glow.example/wp-content/uploads/2023/02/"
      "cropped-glow-icon-192x192.png\" sizes=\"192x192\">\n"
      "<link rel=\"apple-touch-icon\" href=\"https://cdn.synthetic-glow.example/wp-content/"
      "uploads/2023/02/cropped-glow-icon-180x180.png\">\n"
      "<meta name=\"msapplication-TileImage\" content=\"https://cdn.synthetic-glow.example/"
      "wp-content/uploads/2023/02/cropped-glow-icon-270x270.png\">\n"
      "<meta name=\"theme-color\" content=\"#c9677f\">\n";

  parts.stylesheet = build_stylesheet();
  parts.consent_scripts = build_consent_scripts();

  parts.sprite =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" style=\"display:none\" aria-hidden=\"true\">"
      "<defs>";
  for (const Icon& icon : kIcons) {
    parts.sprite += "<symbol id=\"";
    parts.sprite += icon.id;
    parts.sprite += "\" viewBox=\"0 0 24 24\">";
    parts.sprite += icon.shapes;
    parts.sprite += "</symbol>";
  }
  parts.sprite += "</defs></svg>\n";

  for (int svg = 0; svg < 2; ++svg) {
    std::string& out = parts.header[svg];
    out += "<div class=\"promo-bar\" role=\"region\" aria-label=\"Promotion\"><p>";
    out += kPromoText;
    out +=
        " <a href=\"https://shop.synthetic-glow.example/collections/tool-kits/"
        "?utm_source=site&amp;utm_medium=promo-bar\">Shop tool kits</a></p></div>\n"
        "<header id=\"masthead\" class=\"site-header\" role=\"banner\"><div "
        "class=\"header-inner\">\n<button class=\"menu-toggle\" aria-controls=\"primary-menu\" "
        "aria-expanded=\"false\">";
    append_icon(out, "icon-menu", svg != 0);
    out +=
        "<span class=\"screen-reader-text\">Menu</span></button>\n<div "
        "class=\"site-branding\">";
    if (svg != 0) append_logo_mark(out);
    out +=
        "<p class=\"site-title\"><a class=\"logo\" href=\"/\" rel=\"home\">Synthetic "
        "Glow</a></p><p class=\"site-description\">";
    out += kTagline;
    out +=
        "</p></div>\n<nav id=\"site-navigation\" class=\"main-nav main-navigation\" "
        "aria-label=\"Primary menu\"><ul id=\"primary-menu\" class=\"menu nav-menu\">\n";
    append_menu_items(out, kPrimaryMenu.data(), kPrimaryMenu.size(), 1203);
    out +=
        "</ul></nav>\n<div class=\"header-actions\"><form role=\"search\" method=\"get\" "
        "class=\"search-form\" action=\"https://www.synthetic-glow.example/\"><label><span "
        "class=\"screen-reader-text\">Search for:</span><input type=\"search\" "
        "class=\"search-field\" placeholder=\"Search Synthetic Glow\" value=\"\" "
        "name=\"s\"></label><button type=\"submit\" class=\"search-submit\">";
    append_icon(out, "icon-search", svg != 0);
    out +=
        "<span class=\"screen-reader-text\">Search</span></button></form>\n<a "
        "class=\"header-account\" href=\"https://shop.synthetic-glow.example/account/\" "
        "rel=\"nofollow\">";
    append_icon(out, "icon-user", svg != 0);
    out +=
        "<span class=\"screen-reader-text\">Account</span></a>\n<a class=\"header-cart\" "
        "href=\"https://shop.synthetic-glow.example/cart/\" rel=\"nofollow\">";
    append_icon(out, "icon-bag", svg != 0);
    out +=
        "<span class=\"cart-count\" data-cart-count=\"0\">0</span><span "
        "class=\"screen-reader-text\">Bag</span></a></div>\n</div></header>\n";
    indent_lines(out, 4);
  }

  std::string& categories = parts.categories_widget;
  categories +=
      "<section id=\"categories-4\" class=\"widget widget_categories\"><h2 "
      "class=\"widget-title\">Browse Topics</h2><ul>\n";
  for (size_t c = 0; c < kCategoryCounts.size(); ++c) {
    categories += "<li class=\"cat-item cat-item-";
    append_number(categories, 12 + 7 * c);
    categories += "\"><a href=\"https://www.synthetic-glow.example/";
    categories += kCategoryCounts[c].slug;
    categories += "/\">";
    categories += kCategoryCounts[c].label;
    categories += "</a> <span class=\"count\">(";
    append_number(categories, kCategoryCounts[c].posts);
    categories += ")</span></li>\n";
  }
  categories += "</ul></section>\n";
  indent_lines(categories, 6);

  parts.newsletter_form =
      "<form class=\"newsletter-form\" action=\"https://news.synthetic-glow.example/api/"
      "subscribe\" method=\"post\" novalidate><p class=\"newsletter-title\">";
  parts.newsletter_form += kNewsletterTitle;
  parts.newsletter_form += "</p><p class=\"newsletter-text\">";
  parts.newsletter_form += kNewsletterText;
  parts.newsletter_form +=
      "</p><label class=\"screen-reader-text\" for=\"newsletter-email\">Email address</label>"
      "<input id=\"newsletter-email\" type=\"email\" name=\"email\" placeholder=\"Your email "
      "address\" autocomplete=\"email\" required><input type=\"hidden\" name=\"list\" "
      "value=\"glow-weekly\"><input type=\"hidden\" name=\"source\" value=\"sidebar\"><input "
      "type=\"text\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\" class=\"hp-field\" "
      "aria-hidden=\"true\"><button type=\"submit\">Sign up</button><small>";
  parts.newsletter_form += kNewsletterFinePrint;
  parts.newsletter_form +=
      " <a href=\"https://www.synthetic-glow.example/privacy-policy/\">Privacy "
      "policy</a></small></form>";

  for (int svg = 0; svg < 2; ++svg) {
    std::string& out = parts.footer[svg];
    out +=
        "<footer id=\"colophon\" class=\"site-footer\" role=\"contentinfo\"><div "
        "class=\"footer-widgets\">\n<section class=\"widget footer-about\"><p "
        "class=\"footer-site-title\">Synthetic Glow</p><p>";
    out += kAboutWidgetText;
    out += "</p><div class=\"social-follow\">";
    append_social_links(out, svg != 0);
    out += "</div></section>\n";
    for (size_t k = 0; k < kFooterMenus.size();) {
      string_view heading = kFooterMenus[k].label;
      size_t end = k + 1;
      while (end < kFooterMenus.size() && kFooterMenus[end].depth > 0) ++end;
      std::string slug;
      append_text_slug(slug, heading);
      out += "<section class=\"widget widget_nav_menu\"><h2 class=\"widget-title\">";
      out += heading;
      out += "</h2><nav class=\"menu-footer-";
      out += slug;
      out += "-container\" aria-label=\"";
      out += heading;
      out += "\"><ul id=\"menu-footer-";
      out += slug;
      out += "\" class=\"menu\">\n";
      append_menu_items(out, kFooterMenus.data() + k + 1, end - k - 1,
                        4101 + 401 * static_cast<unsigned>(k));
      out += "</ul></nav></section>\n";
      k = end;
    }
    out += "</div>\n<div class=\"footer-legal\"><p>";
    out += kLegalText;
    out += "</p><p class=\"copyright\">";
    out += kCopyright;
    out +=
        " <a href=\"https://www.synthetic-glow.example/privacy-choices/\" "
        "class=\"cookie-settings-link\">Cookie Settings</a></p></div>\n<a class=\"back-to-top\" "
        "href=\"#page\">";
    append_icon(out, "icon-arrow-up", svg != 0);
    out +=
        "<span class=\"screen-reader-text\">Back to top</span></a></footer>\n</div>\n"
        "<div id=\"cookie-notice\" class=\"cookie-notice\" role=\"dialog\" "
        "aria-live=\"polite\" aria-label=\"Cookie consent\"><div class=\"cookie-notice__inner\">"
        "<p class=\"cookie-notice__text\">";
    out += kCookieText;
    out +=
        " <a href=\"https://www.synthetic-glow.example/cookie-policy/\">Read our cookie "
        "policy</a>.</p><div class=\"cookie-notice__actions\"><button type=\"button\" "
        "class=\"accept\" data-consent=\"all\">Accept all</button><button type=\"button\" "
        "class=\"reject\" data-consent=\"necessary\">Only necessary</button><button "
        "type=\"button\" class=\"manage\" data-consent=\"manage\" "
        "data-href=\"https://www.synthetic-glow.example/privacy-choices/\">Manage "
        "choices</button></div>";
    append_icon(out, "icon-close", svg != 0);
    out += "</div></div>\n";
    indent_lines(out, 2);
  }

  parts.comment_form_fields =
      "<p class=\"comment-notes\"><span id=\"email-notes\">Your email address stays private."
      "</span> Fields marked <span class=\"required\">*</span> are required.</p>"
      "<p class=\"comment-form-comment\"><label for=\"comment\">Comment <span "
      "class=\"required\">*</span></label><textarea id=\"comment\" name=\"comment\" cols=\"45\" "
      "rows=\"8\" maxlength=\"65525\" required></textarea></p>"
      "<p class=\"comment-form-name\"><label for=\"commenter-name\">Name <span "
      "class=\"required\">*</span></label><input id=\"commenter-name\" name=\"author\" "
      "type=\"text\" value=\"\" size=\"30\" maxlength=\"245\" autocomplete=\"name\" required></p>"
      "<p class=\"comment-form-email\"><label for=\"email\">Email <span "
      "class=\"required\">*</span></label><input id=\"email\" name=\"email\" type=\"email\" "
      "value=\"\" size=\"30\" maxlength=\"100\" aria-describedby=\"email-notes\" "
      "autocomplete=\"email\" required></p>"
      "<p class=\"comment-form-cookies-consent\"><input id=\"comment-cookies-consent\" "
      "name=\"comment-cookies-consent\" type=\"checkbox\" value=\"yes\"><label "
      "for=\"comment-cookies-consent\">Remember my name and email on this device for my next "
      "comment.</label></p>"
      "<p class=\"form-submit\"><input name=\"submit\" type=\"submit\" id=\"submit\" "
      "class=\"submit\" value=\"Post Comment\">";

  std::string& graph = parts.website_graph;
  graph +=
      "{\"@type\":\"WebSite\",\"@id\":\"https://www.synthetic-glow.example/#website\",\"url\":"
      "\"https://www.synthetic-glow.example/\",\"name\":\"Synthetic Glow\",\"description\":\"";
  graph += kTagline;
  graph +=
      "\",\"publisher\":{\"@id\":\"https://www.synthetic-glow.example/#organization\"},"
      "\"potentialAction\":[{\"@type\":\"SearchAction\",\"target\":{\"@type\":\"EntryPoint\","
      "\"urlTemplate\":\"https://www.synthetic-glow.example/?s={search_term_string}\"},"
      "\"query-input\":{\"@type\":\"PropertyValueSpecification\",\"valueRequired\":true,"
      "\"valueName\":\"search_term_string\"}}],\"inLanguage\":\"en-US\"},{\"@type\":"
      "\"Organization\",\"@id\":\"https://www.synthetic-glow.example/#organization\",\"name\":"
      "\"Synthetic Glow\",\"url\":\"https://www.synthetic-glow.example/\",\"logo\":{\"@type\":"
      "\"ImageObject\",\"inLanguage\":\"en-US\",\"@id\":\"https://www.synthetic-glow.example/#/"
      "schema/logo/image/\",\"url\":\"https://cdn.synthetic-glow.example/wp-content/uploads/"
      "2023/02/glow-logo-512.png\",\"contentUrl\":\"https://cdn.synthetic-glow.example/"
      "wp-content/uploads/2023/02/glow-logo-512.png\",\"width\":512,\"height\":512,\"caption\":"
      "\"Synthetic Glow\"},\"image\":{\"@id\":\"https://www.synthetic-glow.example/#/schema/logo/"
      "image/\"},\"sameAs\":[";
  for (size_t s = 0; s < kSocialAccounts.size(); ++s) {
    if (s > 0) graph += ',';
    graph += '"';
    graph += kSocialAccounts[s].url;
    graph += '"';
  }
  graph += "]}";

  std::string& video = parts.video_config;
  video +=
      "<script id=\"glow-video-config\">window.glowVideo={\"player\":\"glow-floating\","
      "\"autoplay\":\"muted\",\"float\":{\"position\":\"bottom-right\",\"closeAfter\":3},"
      "\"ads\":{\"preroll\":true,\"vmap\":\"https://ads.cobalt-exchange.example/vmap/"
      "sg-video.xml\"},\"playlist\":[";
  for (size_t t = 0; t < 5; ++t) {
    const Technique& tech = kTechniques[t * 2];
    std::string slug;
    append_text_slug(slug, tech.phrases[0]);
    if (t > 0) video += ',';
    video += "{\"id\":\"sgv-";
    append_number(video, 5101 + 97 * t);
    video += "\",\"title\":\"";
    video += tech.phrases[0];
    video += ", explained in three minutes\",\"duration\":";
    append_number(video, 140 + mix(t) % 120);
    video += ",\"poster\":\"https://cdn.synthetic-glow.example/video/posters/";
    video += slug;
    video += "-1280x720.jpg\",\"sources\":[{\"src\":\"https://cdn.synthetic-glow.example/video/";
    video += slug;
    video +=
        "/master.m3u8\",\"type\":\"application/x-mpegURL\"},{\"src\":\"https://"
        "cdn.synthetic-glow.example/video/";
    video += slug;
    video +=
        "/720p.mp4\",\"type\":\"video/mp4\"}],\"captions\":\"https://cdn.synthetic-glow."
        "example/video/";
    video += slug;
    video += "/en.vtt\"}";
  }
  video += "]};</script>\n";

  for (size_t kind = 0; kind < kAdSlotKinds.size(); ++kind) {
    const AdSlotKind& slot = kAdSlotKinds[kind];
    for (size_t n = 1; n <= parts.ad_slots[kind].size(); ++n) {
      std::string& out = parts.ad_slots[kind][n - 1];
      out += "{\"id\":\"";
      out += slot.id;
      out += '-';
      append_number(out, n);
      out += "\",\"path\":\"/21834507/synthetic_glow/";
      out += slot.unit;
      out += "\",\"sizes\":";
      out += slot.sizes;
      out += ",\"sizeMapping\":";
      out += slot.mapping;
      out += ",\"targeting\":{\"pos\":\"";
      out += slot.unit;
      append_number(out, n);
      out += "\"},\"bids\":[";
      for (size_t b = 0; b < kBidders.size(); ++b) {
        if (b > 0) out += ',';
        out += "{\"bidder\":\"";
        out += kBidders[b].name;
        out += "\",\"params\":{";
        for (char c : kBidders[b].params) {
          if (c == '#')
            append_number(out, 10 * kind + n);
          else
            out += c;
        }
        out += "}}";
      }
      out += "]}";
    }
  }
  return parts;
}

const ChromeParts& chrome_parts() {
  static const ChromeParts instance = build_chrome();
  return instance;
}

// ---- Chrome of one page --------------------------------------------------------------------

// What a page's kChrome dice choose. The real pages' sizes spread by a factor of three between
// their quartiles, mostly with how much their theme and plugins load, so one draw (`weight`)
// grows the optional parts together; the rest vary on their own.
struct ChromePlan {
  bool svg_icons = false;     // two in five real pages carry inline SVG, the rest none
  size_t critical_css = 0;    // bytes of ChromeParts::stylesheet inlined; 0: none
  size_t hero_widths = 0;     // srcset entries of the featured image
  size_t body_figures = 0;    // figures placed between the body's sections
  size_t figure_images = 0;   // images in each: 1, or a gallery
  size_t inline_ads = 0;      // ad slots placed between the body's sections
  size_t popular = 0;         // sidebar entries
  size_t stories = 0;         // "More from Synthetic Glow" cards under the article
  size_t shop_items = 0;      // products in the shoppable widget's data; 0: no widget
  size_t shop_cards = 0;      // the first of them, shown in the carousel
  size_t footer_scripts = 0;  // external scripts at the end of <body>, of kFooterScripts
  bool share_bottom = false;
  bool vitals = false;
  bool video = false;
  std::uint64_t nonce = 0;
};

ChromePlan plan_chrome(size_t i, const ChromeParts& parts) {
  Dice dice(i, Stream::kChrome);
  ChromePlan plan;
  const double weight = dice.unit();
  const double heavy = std::pow(weight, 2.8);  // most pages light, a few very heavy
  // Script data grows with the page but not in step: real pages heavy in script are often
  // light in markup.
  const double data = std::pow(0.5 * weight + 0.5 * dice.unit(), 3.0);
  plan.svg_icons = dice.percent(40);
  // Inline CSS: none on a quarter of real pages, a little on most, a tenth of the page or more
  // on a quarter.
  size_t style = dice.roll(100);
  size_t css_target = style < 25   ? 0
                      : style < 70 ? dice.between(600, 2600)
                                   : dice.between(12000, parts.stylesheet.size());
  if (css_target > 0)
    plan.critical_css =
        std::min(parts.stylesheet.find('\n', css_target) + 1, parts.stylesheet.size());
  plan.hero_widths = dice.between(4, kImageSizes.size());
  plan.body_figures = dice.roll(2) + static_cast<size_t>(weight * 5);
  plan.figure_images = 1 + static_cast<size_t>(heavy * 10);
  plan.inline_ads = std::min(kMaxInlineAds, 1 + dice.roll(2) + (weight > 0.6 ? 1 : 0));
  plan.popular = 5 + dice.roll(3) + static_cast<size_t>(weight * 4);
  // At most a dozen cards: the extractor takes a furniture element holding over a third of a
  // page's text for a wrapper of the content, and a grid of linked card headings that large
  // turns a short article into a listing.
  plan.stories = dice.roll(3) + static_cast<size_t>(heavy * 10);
  if (dice.percent(75)) {  // the shoppable widget: on articles that sell, not on every one
    plan.shop_items = 3 + dice.roll(4) + static_cast<size_t>(data * 400);
    plan.shop_cards = std::min(plan.shop_items, 4 + static_cast<size_t>(weight * 24));
  }
  plan.footer_scripts =
      std::min(kFooterScripts.size(), 7 + dice.roll(3) + static_cast<size_t>(weight * 3));
  plan.share_bottom = dice.percent(50);
  plan.vitals = dice.percent(55);
  plan.video = dice.percent(20 + static_cast<unsigned>(data * 60));
  plan.nonce = dice.next();
  return plan;
}

// What the chrome says about the article it surrounds.
struct PageFacts {
  size_t index = 0;
  string_view path;    // "/posts/000042/"
  string_view title;   // HTML, as the <h1> prints it
  string_view author;  // "Riley Asante"
  size_t author_id = 0;
  CivilDate published;
  const SiteSection* section = nullptr;
  const Topic* topic = nullptr;
  string_view hero;         // the featured image's upload path without its size
  string_view description;  // plain text
  size_t words = 0;
};

void append_hex(std::string& out, std::uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int d = digits - 1; d >= 0; --d) out += kHex[(value >> (4 * d)) & 15];
}

// The description Yoast prints for a post that sets none: the opening paragraph, cut at a word
// before 156 characters.
std::string describe(string_view body) {
  std::string text;
  bool in_tag = false;
  for (char c : body.substr(0, body.find("</p>"))) {
    if (c == '<' || c == '>')
      in_tag = c == '<';
    else if (!in_tag)
      text += c;
  }
  if (text.size() > 155) {
    text.resize(std::min(text.rfind(' ', 152), text.size()));
    text += "\xE2\x80\xA6";
  }
  return text;
}

size_t count_words(string_view html) {
  size_t words = 0;
  bool in_tag = false, in_word = false;
  for (char c : html) {
    if (c == '<' || in_tag) {
      in_tag = c != '>';
      in_word = false;
    } else {
      if (c != ' ' && !in_word) ++words;
      in_word = c != ' ';
    }
  }
  return words;
}

void append_page_url(std::string& out, const PageFacts& page) {
  out += kSiteHost;
  out += page.path;
}

// Yoast's JSON-LD graph: the article (headline, author and date as the byline prints them),
// its page, image and breadcrumb trail, the site and its publisher, and the author.
void append_schema_graph(std::string& out, const PageFacts& page, const ChromeParts& parts) {
  const std::uint64_t person = mix(page.author_id + 77);
  auto url = [&](string_view fragment) {
    append_page_url(out, page);
    out += fragment;
  };
  auto date = [&] {
    append_iso_date(out, page.published);
    out += "T08:00:00+00:00";
  };
  auto person_id = [&] {
    out += "https://www.synthetic-glow.example/#/schema/person/";
    append_hex(out, person, 16);
  };
  out +=
      "<script type=\"application/ld+json\" class=\"yoast-schema-graph\">{\"@context\":"
      "\"https://schema.org\",\"@graph\":[{\"@type\":\"Article\",\"@id\":\"";
  url("#article");
  out += "\",\"isPartOf\":{\"@id\":\"";
  url("");
  out += "\"},\"author\":{\"name\":\"";
  append_json_text(out, page.author);
  out += "\",\"@id\":\"";
  person_id();
  out += "\"},\"headline\":\"";
  append_json_text(out, page.title);
  out += "\",\"datePublished\":\"";
  date();
  out += "\",\"dateModified\":\"";
  date();
  out += "\",\"mainEntityOfPage\":{\"@id\":\"";
  url("");
  out += "\"},\"wordCount\":";
  append_number(out, page.words);
  out +=
      ",\"publisher\":{\"@id\":\"https://www.synthetic-glow.example/#organization\"},"
      "\"image\":{\"@id\":\"";
  url("#primaryimage");
  out += "\"},\"thumbnailUrl\":\"";
  append_image_url(out, page.hero, kImageSizes[0]);
  out += "\",\"keywords\":[\"";
  append_json_text(out, page.topic->tech().phrases[0]);
  out += "\",\"";
  append_json_text(out, kConcernPhrases[page.topic->concern][0]);
  out += "\"],\"articleSection\":[\"";
  append_json_text(out, page.section->name);
  out += "\"],\"inLanguage\":\"en-US\"},{\"@type\":\"WebPage\",\"@id\":\"";
  url("");
  out += "\",\"url\":\"";
  url("");
  out += "\",\"name\":\"";
  append_json_text(out, page.title);
  out +=
      " | Synthetic Glow\",\"isPartOf\":{\"@id\":\"https://www.synthetic-glow.example/"
      "#website\"},\"primaryImageOfPage\":{\"@id\":\"";
  url("#primaryimage");
  out += "\"},\"datePublished\":\"";
  date();
  out += "\",\"dateModified\":\"";
  date();
  out += "\",\"description\":\"";
  append_json_text(out, page.description);
  out += "\",\"breadcrumb\":{\"@id\":\"";
  url("#breadcrumb");
  out +=
      "\"},\"inLanguage\":\"en-US\",\"potentialAction\":[{\"@type\":\"ReadAction\","
      "\"target\":[\"";
  url("");
  out += "\"]}]},{\"@type\":\"ImageObject\",\"inLanguage\":\"en-US\",\"@id\":\"";
  url("#primaryimage");
  out += "\",\"url\":\"";
  append_image_url(out, page.hero, kImageSizes[0]);
  out += "\",\"contentUrl\":\"";
  append_image_url(out, page.hero, kImageSizes[0]);
  out += "\",\"width\":1200,\"height\":800},{\"@type\":\"BreadcrumbList\",\"@id\":\"";
  url("#breadcrumb");
  out +=
      "\",\"itemListElement\":[{\"@type\":\"ListItem\",\"position\":1,\"name\":\"Home\","
      "\"item\":\"https://www.synthetic-glow.example/\"},{\"@type\":\"ListItem\","
      "\"position\":2,\"name\":\"";
  append_json_text(out, page.section->name);
  out += "\",\"item\":\"https://www.synthetic-glow.example/";
  out += page.section->slug;
  out += "/\"},{\"@type\":\"ListItem\",\"position\":3,\"name\":\"";
  append_json_text(out, page.title);
  out += "\"}]},";
  out += parts.website_graph;
  out += ",{\"@type\":\"Person\",\"@id\":\"";
  person_id();
  out += "\",\"name\":\"";
  append_json_text(out, page.author);
  out +=
      "\",\"image\":{\"@type\":\"ImageObject\",\"inLanguage\":\"en-US\",\"@id\":"
      "\"https://www.synthetic-glow.example/#/schema/person/image/\",\"url\":\""
      "https://avatars.glow-cdn.example/avatar/";
  append_hex(out, person, 16);
  out += "?s=96&d=mm&r=g\",\"caption\":\"";
  append_json_text(out, page.author);
  out += "\"},\"url\":\"https://www.synthetic-glow.example/author/";
  append_number(out, page.author_id);
  out += "/\"}]}</script>\n";
}

void append_ads_config(std::string& out, const PageFacts& page, const ChromePlan& plan,
                       const ChromeParts& parts) {
  out +=
      "<script id=\"glow-ads-config\">window.glowAds=window.glowAds||{};glowAds.config={"
      "\"network\":\"/21834507/synthetic_glow\",\"targeting\":{\"section\":\"";
  out += page.section->slug;
  out += "\",\"post\":\"";
  append_number(out, page.index);
  out += "\",\"tags\":[\"";
  append_text_slug(out, page.topic->tech().phrases[0]);
  out += "\",\"";
  append_text_slug(out, kConcernPhrases[page.topic->concern][0]);
  out += "\"],\"pageview\":\"";
  append_hex(out, plan.nonce >> 8, 12);
  out += "\"},\"slots\":[";
  out += parts.ad_slots[0][0];
  for (size_t n = 0; n < plan.inline_ads; ++n) {
    out += ',';
    out += parts.ad_slots[1][n];
  }
  out += ',';
  out += parts.ad_slots[2][0];
  out += ',';
  out += parts.ad_slots[3][0];
  out += "]};";
  out += kAdSettingsJs;
  out += "</script>\n";
}

void append_head(std::string& out, const PageFacts& page, const ChromePlan& plan,
                 const ChromeParts& parts) {
  auto date = [&] {
    append_iso_date(out, page.published);
    out += "T08:00:00+00:00";
  };
  out +=
      "<!doctype html>\n<html lang=\"en\" class=\"no-js\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<script>document.documentElement.className=document.documentElement.className."
      "replace(\"no-js\",\"js\");</script>\n<title>";
  out += page.title;
  out += " | ";
  out += kSiteName;
  out += "</title>\n<meta name=\"description\" content=\"";
  append_attribute(out, page.description);
  out +=
      "\">\n<meta name=\"robots\" content=\"index, follow, max-image-preview:large, "
      "max-snippet:-1, max-video-preview:-1\">\n<link rel=\"canonical\" href=\"";
  out += page.path;
  out +=
      "\">\n<meta property=\"og:locale\" content=\"en_US\">\n<meta property=\"og:type\" "
      "content=\"article\">\n<meta property=\"og:title\" content=\"";
  out += page.title;
  out += "\">\n<meta property=\"og:description\" content=\"";
  append_attribute(out, page.description);
  out += "\">\n<meta property=\"og:url\" content=\"";
  append_page_url(out, page);
  out +=
      "\">\n<meta property=\"og:site_name\" content=\"Synthetic Glow\">\n<meta "
      "property=\"article:publisher\" content=\"https://www.facebook.com/syntheticglow\">\n"
      "<meta property=\"article:published_time\" content=\"";
  date();
  out += "\">\n<meta property=\"article:modified_time\" content=\"";
  date();
  out += "\">\n<meta property=\"og:image\" content=\"";
  append_image_url(out, page.hero, kImageSizes[0]);
  out +=
      "\">\n<meta property=\"og:image:width\" content=\"1200\">\n<meta "
      "property=\"og:image:height\" content=\"800\">\n<meta property=\"og:image:type\" "
      "content=\"image/jpeg\">\n<meta name=\"author\" content=\"";
  out += page.author;
  out +=
      "\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n<meta "
      "name=\"twitter:creator\" content=\"@syntheticglow\">\n<meta name=\"twitter:site\" "
      "content=\"@syntheticglow\">\n<meta name=\"twitter:label1\" content=\"Written by\">\n"
      "<meta name=\"twitter:data1\" content=\"";
  out += page.author;
  out +=
      "\">\n<meta name=\"twitter:label2\" content=\"Est. reading time\">\n<meta "
      "name=\"twitter:data2\" content=\"";
  append_number(out, page.words / 230 + 1);
  out += " minutes\">\n";
  append_schema_graph(out, page, parts);
  out += parts.head_links;
  out +=
      "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Synthetic Glow &raquo; "
      "Comments on this article\" href=\"";
  append_page_url(out, page);
  out +=
      "feed/\">\n<link rel=\"alternate\" type=\"application/json+oembed\" href=\""
      "https://www.synthetic-glow.example/wp-json/oembed/1.0/embed?url=";
  std::string encoded_url;
  append_page_url(encoded_url, page);
  append_query_value(out, encoded_url);
  out +=
      "\">\n<link rel=\"alternate\" type=\"text/xml+oembed\" href=\""
      "https://www.synthetic-glow.example/wp-json/oembed/1.0/embed?url=";
  append_query_value(out, encoded_url);
  out +=
      "&amp;format=xml\">\n<link rel=\"shortlink\" href=\"https://www.synthetic-glow.example/"
      "?p=";
  append_number(out, 1000 + page.index);
  out += "\">\n";
  if (plan.critical_css > 0) {
    out += "<style id=\"glow-critical-css\">";
    out.append(parts.stylesheet, 0, plan.critical_css);
    out += "</style>\n";
  }
  out += parts.consent_scripts;
  out += "<script id=\"glow-page-data\">window.glowPage={\"type\":\"article\",\"postId\":";
  append_number(out, 1000 + page.index);
  out += ",\"section\":\"";
  out += page.section->slug;
  out += "\",\"authorSlug\":\"";
  append_text_slug(out, page.author);
  out += "\",\"published\":\"";
  append_iso_date(out, page.published);
  out += "\",\"words\":";
  append_number(out, page.words);
  out +=
      "};window.dataLayer.push({\"event\":\"glow_page\",\"page\":window.glowPage});"
      "</script>\n";
  append_ads_config(out, page, plan, parts);
  out +=
      "<script src=\"https://cdn.synthetic-glow.example/wp-content/plugins/glow-consent/"
      "assets/cmp-stub.min.js?ver=4.1.0\" id=\"glow-cmp-stub-js\"></script>\n<script async "
      "src=\"https://securepubads.adserver.example/tag/js/gpt.js\" id=\"gpt-js\"></script>\n"
      "</head>\n";
}

// An ad slot the ad script fills; empty in the HTML, as real pages serve them.
void append_ad_slot(std::string& out, const AdSlotKind& kind, size_t number, bool lazy) {
  out += "<div class=\"ad-slot ";
  out += kind.id;
  out += "\" id=\"";
  out += kind.id;
  out += '-';
  append_number(out, number);
  out += "\" data-ad-unit=\"/21834507/synthetic_glow/";
  out += kind.unit;
  out += "\" data-slot-number=\"";
  append_number(out, number);
  out += "\" data-label=\"Advertisement\" data-lazy=\"";
  out += lazy ? "true" : "false";
  out += "\" aria-hidden=\"true\"></div>\n";
}

// How another article shows in a widget or card: its title, section, author, date and
// thumbnail.
struct PostCard {
  std::string path, title, image;
  const SiteSection* section = nullptr;
  size_t author = 0;
  CivilDate published;
};

PostCard post_card(size_t k, size_t articles) {
  const Topic topic = topic_of(body_seed(k));
  PostCard card;
  append_article_path(card.path, k);
  append_title(card.title, topic, k);
  Dice page(k, Stream::kPage);
  card.published = publication_date(k, articles, page);
  card.author = author_of(page);
  card.image = kUploads;
  append_number(card.image, static_cast<unsigned>(card.published.year));
  card.image += '/';
  append_padded(card.image, card.published.month, 2);
  card.image += '/';
  append_text_slug(card.image, card.title);
  card.section = &section_of(topic);
  return card;
}

// The site's most read articles, the same on every page: the trending bar shows the first five
// and the sidebar as many as the page's plan says.
std::vector<PostCard> popular_posts(size_t count, size_t articles) {
  std::vector<PostCard> cards;
  for (size_t k = 0; k < count && articles > 0; ++k)
    cards.push_back(post_card(mix(k * 7919 + 11) % articles, articles));
  return cards;
}

// From <body> to the article's <h1>: header, trending bar, leaderboard, breadcrumb trail.
void append_page_top(std::string& out, const PageFacts& page, const ChromePlan& plan,
                     const ChromeParts& parts, const std::vector<PostCard>& popular) {
  out += "<body class=\"post-template-default single single-post postid-";
  append_number(out, 1000 + page.index);
  out += " single-format-standard wp-embed-responsive glow-theme has-sidebar category-";
  out += page.section->slug;
  out += "\">\n";
  if (plan.svg_icons) out += parts.sprite;
  out +=
      "<a class=\"skip-link screen-reader-text\" href=\"#content\">Skip to content</a>\n"
      "<div id=\"page\" class=\"site\">\n";
  out += parts.header[plan.svg_icons];
  out +=
      "<nav class=\"trending-bar\" aria-label=\"Trending\"><span "
      "class=\"trending-bar__label\">Trending</span><ul>\n";
  for (size_t k = 0; k < std::min<size_t>(popular.size(), 5); ++k) {
    out += "\t\t\t\t<li><a href=\"";
    out += popular[k].path;
    out += "\">";
    out += popular[k].title;
    out += "</a></li>\n";
  }
  out += "</ul></nav>\n";
  append_ad_slot(out, kAdSlotKinds[0], 1, false);
  out +=
      "<div id=\"content\" class=\"site-content\">\n<nav class=\"breadcrumbs\" "
      "aria-label=\"Breadcrumb\"><ol><li><a href=\"/\">Home</a></li><li><a href=\"";
  out += page.section->href;
  out += "\">";
  out += page.section->name;
  out += "</a></li><li><span aria-current=\"page\">";
  out += page.title;
  out +=
      "</span></li></ol></nav>\n<div id=\"primary\" class=\"content-area\">\n<main id=\"main\" "
      "class=\"site-main\">\n<article id=\"post-";
  append_number(out, 1000 + page.index);
  out += "\" class=\"post post-";
  append_number(out, 1000 + page.index);
  out += " type-post status-publish format-standard has-post-thumbnail hentry category-";
  out += page.section->slug;
  out += "\">";
}

void append_featured_image(std::string& out, const PageFacts& page, const ChromePlan& plan) {
  out += "<figure class=\"post-thumbnail\">";
  append_image(out, page.hero, plan.hero_widths, "(max-width: 1200px) 100vw, 1200px",
               "class=\"attachment-post-thumbnail size-post-thumbnail wp-post-image\" "
               "fetchpriority=\"high\"",
               page.title);
  out += "</figure>\n";
}

void append_share_buttons(std::string& out, const PageFacts& page, bool svg, string_view where) {
  std::string url, encoded_url, encoded_title, encoded_image;
  append_page_url(url, page);
  append_query_value(encoded_url, url);
  append_query_value(encoded_title, page.title);
  std::string image;
  append_image_url(image, page.hero, kImageSizes[0]);
  append_query_value(encoded_image, image);
  out += "<div class=\"share-buttons share-buttons--";
  out += where;
  out += "\" role=\"group\" aria-label=\"Share this article\">";
  auto link = [&](string_view network, string_view icon, string_view label, string_view href) {
    out += "<a class=\"share-";
    out += network;
    out += "\" href=\"";
    out += href;
    out += "\" target=\"_blank\" rel=\"nofollow noopener\">";
    append_icon(out, icon, svg);
    out += "<span>";
    out += label;
    out += "</span></a>";
  };
  link("facebook", "icon-facebook", "Share",
       "https://www.facebook.com/sharer/sharer.php?u=" + encoded_url);
  link("x", "icon-x", "Post",
       "https://x.com/intent/post?url=" + encoded_url + "&amp;text=" + encoded_title +
           "&amp;via=syntheticglow");
  link("pinterest", "icon-pinterest", "Pin",
       "https://www.pinterest.com/pin/create/button/?url=" + encoded_url +
           "&amp;media=" + encoded_image + "&amp;description=" + encoded_title);
  link("flipboard", "icon-flipboard", "Flip",
       "https://share.flipboard.com/bookmarklet/popout?v=2&amp;url=" + encoded_url +
           "&amp;title=" + encoded_title);
  link("email", "icon-mail", "Email",
       "mailto:?subject=" + encoded_title + "&amp;body=" + encoded_url);
  out += "<button type=\"button\" class=\"share-copy\" data-url=\"";
  out += url;
  out += "\">";
  append_icon(out, "icon-link", svg);
  out += "<span>Copy link</span></button></div>\n";
}

// The article body with the block editor's figures (single images or galleries, uncaptioned)
// and the ad plugin's slots placed before some of its headings, never inside a paragraph.
void append_body_with_inserts(std::string& out, const std::string& body, const PageFacts& page,
                              const ChromePlan& plan) {
  size_t figures = 0, images = 0, ads = 0, headings = 0, copied = 0;
  for (size_t at = body.find("<h"); at != std::string::npos; at = body.find("<h", at + 1)) {
    if (at + 2 >= body.size() || (body[at + 2] != '2' && body[at + 2] != '3')) continue;
    if (headings++ == 0) continue;  // the lede leads into the first heading
    bool image_turn = headings % 2 == 0;
    if (image_turn ? figures == plan.body_figures : ads == plan.inline_ads) continue;
    out.append(body, copied, at - copied);
    copied = at;
    if (image_turn) {
      ++figures;
      const bool gallery = plan.figure_images > 1;
      if (gallery) {
        out += "<figure class=\"wp-block-gallery has-nested-images columns-3 is-cropped\">\n";
      }
      for (size_t k = 0; k < plan.figure_images; ++k) {
        std::string upload(page.hero), image_class("loading=\"lazy\" class=\"wp-image-");
        upload += '-';
        append_number(upload, ++images + 1);
        append_number(image_class, 40000 + 97 * page.index + images);
        image_class += '"';
        out += "<figure class=\"wp-block-image size-large\">";
        append_image(out, upload, 6, "(max-width: 1024px) 100vw, 1024px", image_class, "");
        out += "</figure>\n";
      }
      if (gallery) out += "</figure>\n";
    } else {
      append_ad_slot(out, kAdSlotKinds[1], ++ads, true);
    }
  }
  out.append(body, copied);
}

void append_comment_form(std::string& out, const PageFacts& page, const ChromePlan& plan,
                         const ChromeParts& parts) {
  out +=
      "<div id=\"respond\" class=\"comment-respond\"><h3 id=\"reply-title\" "
      "class=\"comment-reply-title\">Leave a Reply <small><a rel=\"nofollow\" "
      "id=\"cancel-comment-reply-link\" href=\"#respond\" style=\"display:none;\">Cancel "
      "reply</a></small></h3><form action=\"https://www.synthetic-glow.example/"
      "wp-comments-post.php\" method=\"post\" id=\"commentform\" class=\"comment-form\" "
      "novalidate>";
  out += parts.comment_form_fields;
  out += "<input type=\"hidden\" name=\"comment_post_ID\" value=\"";
  append_number(out, 1000 + page.index);
  out +=
      "\" id=\"comment_post_ID\"><input type=\"hidden\" name=\"comment_parent\" "
      "id=\"comment_parent\" value=\"0\"></p><input type=\"hidden\" id=\"glow_comment_nonce\" "
      "name=\"glow_comment_nonce\" value=\"";
  append_hex(out, plan.nonce, 10);
  out += "\"></form></div>";
}

void append_more_stories(std::string& out, const PageFacts& page, const ChromePlan& plan,
                         size_t articles) {
  if (plan.stories == 0 || articles < 2) return;
  out +=
      "<section class=\"more-stories\" aria-labelledby=\"more-stories-title\"><h2 "
      "id=\"more-stories-title\" class=\"more-stories__title\">More from Synthetic Glow</h2><ul "
      "class=\"more-stories__grid\">\n";
  for (size_t k = 1; k <= plan.stories && k < articles; ++k) {
    PostCard card = post_card((page.index + articles - k) % articles, articles);
    out += "\t\t\t\t\t<li class=\"story-card\"><a class=\"story-card__image\" href=\"";
    out += card.path;
    out += "\" tabindex=\"-1\">";
    append_thumbnail(out, card.image, "glow-card", "(max-width: 1024px) 50vw, 300px");
    out += "</a><span class=\"story-card__category\">";
    out += card.section->name;
    out += "</span><h3 class=\"story-card__title\"><a href=\"";
    out += card.path;
    out += "\">";
    out += card.title;
    out += "</a></h3><p class=\"story-card__meta\"><span class=\"story-card__writer\">";
    append_author(out, card.author);
    out += "</span> \xC2\xB7 <span class=\"story-card__date\">";
    append_long_date(out, card.published);
    out += "</span></p></li>\n";
  }
  out += "</ul></section>\n";
}

void append_popular_widget(std::string& out, const std::vector<PostCard>& popular) {
  out +=
      "<section id=\"glow-popular-3\" class=\"widget widget_glow_popular\"><h2 "
      "class=\"widget-title\">Popular Right Now</h2><ol class=\"popular-list\">\n";
  for (const PostCard& card : popular) {
    out += "\t\t\t\t\t<li><a class=\"popular-thumb\" href=\"";
    out += card.path;
    out += "\" tabindex=\"-1\" aria-hidden=\"true\">";
    append_thumbnail(out, card.image, "thumbnail", "96px");
    out += "</a><a class=\"popular-title\" href=\"";
    out += card.path;
    out += "\">";
    out += card.title;
    out += "</a></li>\n";
  }
  out += "</ol></section>\n";
}

void append_about_widget(std::string& out) {
  out +=
      "<section id=\"glow-about-2\" class=\"widget widget_glow_about\"><h2 "
      "class=\"widget-title\">About Us</h2><img width=\"300\" height=\"200\" "
      "src=\"https://cdn.synthetic-glow.example/wp-content/uploads/2023/02/glow-team-300x200.jpg\" "
      "alt=\"\" loading=\"lazy\" decoding=\"async\"><p>";
  out += kAboutWidgetText;
  out += "</p><a class=\"widget-more\" href=\"/about/\">Meet the team</a></section>\n";
}

// The shop's slug of each catalog product, by index: "mount-lai-rose-quartz-facial-roller".
const std::vector<std::string>& product_slugs() {
  static const std::vector<std::string> slugs = [] {
    std::vector<std::string> all;
    for (const CatalogProduct& product : catalog().products) {
      std::string slug;
      append_text_slug(slug, kBrands[product.brand].name);
      slug += '-';
      append_text_slug(slug, product.name);
      all.push_back(std::move(slug));
    }
    return all;
  }();
  return slugs;
}

// The shoppable widget's k-th product on a page: a catalog entry picked by a hash of the page,
// so the article's own dice are untouched.
struct ShopItem {
  const CatalogProduct* product;
  size_t index;        // in the catalog
  std::uint64_t hash;  // for the retailer, rating and stock
  string_view slug;
};

ShopItem shop_item(size_t page, size_t k) {
  const Catalog& c = catalog();
  ShopItem item;
  item.hash = mix(page * 131 + k);
  item.index = item.hash % c.products.size();
  item.product = &c.products[item.index];
  item.slug = product_slugs()[item.index];
  return item;
}

// "Shop our picks": the first products of the shoppable widget, with prices, as an affiliate
// carousel under the article.
void append_shop_carousel(std::string& out, const PageFacts& page, size_t cards) {
  out +=
      "<section class=\"shop-carousel promo-products\" aria-label=\"Shop our picks\"><h2 "
      "class=\"shop-carousel__title\">Shop Our Picks</h2><ul class=\"shop-carousel__track\">\n";
  for (size_t k = 0; k < cards; ++k) {
    const ShopItem item = shop_item(page.index, k);
    out +=
        "\t\t\t\t\t<li class=\"product-card\"><a class=\"product-card__link\" "
        "href=\"https://shop.synthetic-glow.example/p/";
    out += item.slug;
    out +=
        "?utm_source=site&amp;utm_medium=carousel\" target=\"_blank\" rel=\"sponsored "
        "noopener\"><img width=\"400\" height=\"400\" src=\"https://cdn.synthetic-glow."
        "example/products/";
    out += item.slug;
    out += "-400x400.jpg\" srcset=\"";
    for (unsigned side : {200, 400, 800}) {
      if (side != 200) out += ", ";
      out += "https://cdn.synthetic-glow.example/products/";
      out += item.slug;
      out += '-';
      append_number(out, side);
      out += 'x';
      append_number(out, side);
      out += ".jpg ";
      append_number(out, side);
      out += 'w';
    }
    out +=
        "\" sizes=\"(max-width: 782px) 45vw, 200px\" alt=\"\" loading=\"lazy\" "
        "decoding=\"async\"><span class=\"product-card__brand\">";
    out += kBrands[item.product->brand].name;
    out += "</span><span class=\"product-card__name\">";
    out += item.product->name;
    out += "</span><span class=\"product-card__price\">";
    append_price(out, item.product->cents);
    out += "</span></a></li>\n";
  }
  out += "</ul></section>\n";
}

// The shoppable widget's data, as its script reads it.
void append_shop_data(std::string& out, const PageFacts& page, size_t items) {
  out +=
      "<script id=\"glow-shoppable-data\" type=\"application/json\">{\"widget\":"
      "\"shop-our-picks\",\"postId\":";
  append_number(out, 1000 + page.index);
  out += ",\"currency\":\"USD\",\"items\":[";
  for (size_t k = 0; k < items; ++k) {
    const ShopItem item = shop_item(page.index, k);
    const CatalogProduct& product = *item.product;
    if (k > 0) out += ',';
    out += "{\"id\":\"sg-";
    append_number(out, item.index);
    out += "\",\"brand\":\"";
    append_json_text(out, kBrands[product.brand].name);
    out += "\",\"name\":\"";
    append_json_text(out, product.name);
    out += "\",\"price\":\"";
    append_number(out, product.cents / 100);
    out += '.';
    append_padded(out, product.cents % 100, 2);
    out += "\",\"retailer\":\"";
    out += kRetailers[(item.hash >> 20) % kRetailers.size()].name;
    out += "\",\"url\":\"https://shop.synthetic-glow.example/p/";
    out += item.slug;
    out +=
        "?utm_source=site&utm_medium=shoppable\",\"image\":\"https://cdn.synthetic-glow."
        "example/products/";
    out += item.slug;
    out += "-400x400.jpg\",\"rating\":";
    append_number(out, 3 + (item.hash >> 30) % 2);
    out += '.';
    append_number(out, (item.hash >> 32) % 10);
    out += ",\"reviews\":";
    append_number(out, (item.hash >> 40) % 900 + 4);
    out += ",\"inStock\":";
    out += (item.hash >> 50) % 10 != 0 ? "true" : "false";
    out += '}';
  }
  out += "]}</script>\n";
}

// After the footer: the anchor ad, the theme's settings and data, then external and inline
// scripts, as WordPress prints what is enqueued for the footer.
void append_page_end(std::string& out, const PageFacts& page, const ChromePlan& plan,
                     const ChromeParts& parts) {
  append_ad_slot(out, kAdSlotKinds[3], 1, false);
  out += "<script type=\"speculationrules\">";
  out += kSpeculationRules;
  out += "</script>\n<script id=\"glow-theme-js-extra\">var glowTheme={\"postId\":";
  append_number(out, 1000 + page.index);
  out += ",\"nonce\":\"";
  append_hex(out, plan.nonce, 10);
  out += "\",\"isSingle\":true,";
  out += kThemeSettingsJson;
  out += ";</script>\n";
  if (plan.shop_items > 0) append_shop_data(out, page, plan.shop_items);
  if (plan.video) out += parts.video_config;
  for (size_t s = 0; s < plan.footer_scripts; ++s) {
    out += kFooterScripts[s];
    out += '\n';
  }
  out += "<script id=\"glow-lazyload\">";
  out += kLazyLoadJs;
  out += "</script>\n<script id=\"glow-interface\">";
  out += kInterfaceJs;
  out += "</script>\n<script id=\"glow-analytics\">";
  out += kAnalyticsJs;
  out += "</script>\n";
  if (plan.vitals) {
    out += "<script id=\"glow-vitals\">";
    out += kVitalsJs;
    out += "</script>\n";
  }
  out += "</body></html>";
}

}  // namespace

std::string SyntheticSite::article_path(size_t i) const {
  std::string path;
  append_article_path(path, i);
  return path;
}

std::string SyntheticSite::article(size_t i) const {
  const std::uint64_t seed = body_seed(i);
  const Topic topic = topic_of(seed);
  const ChromeParts& parts = chrome_parts();
  const ChromePlan plan = plan_chrome(i, parts);
  Dice page(i, Stream::kPage);

  const CivilDate published = publication_date(i, articles_, page);
  const size_t author = author_of(page);
  std::string title, author_name, path = article_path(i);
  append_title(title, topic, i);
  append_author(author_name, author);

  // The body first: the head describes it.
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
  const std::string description = describe(body);
  std::string hero(kUploads);
  append_number(hero, static_cast<unsigned>(published.year));
  hero += '/';
  append_padded(hero, published.month, 2);
  hero += '/';
  append_text_slug(hero, title);
  PageFacts facts;
  facts.index = i;
  facts.path = path;
  facts.title = title;
  facts.author = author_name;
  facts.author_id = author;
  facts.published = published;
  facts.section = &section_of(topic);
  facts.topic = &topic;
  facts.hero = hero;
  facts.description = description;
  facts.words = count_words(body);

  std::string html;
  html.reserve(196608);
  append_head(html, facts, plan, parts);
  const std::vector<PostCard> popular = popular_posts(plan.popular, articles_);
  append_page_top(html, facts, plan, parts, popular);
  html += "<h1 class=\"entry-title\">";
  html += title;
  html += "</h1><div class=\"byline\">By <a rel=\"author\" href=\"/author/";
  append_number(html, author);
  html += "/\">";
  html += author_name;
  html += "</a> \xC2\xB7 <time datetime=\"";
  append_iso_date(html, published);
  html += "\">";
  append_long_date(html, published);
  html +=
      "</time></div><p class=\"disclosure\">We may earn a commission when you buy through links on "
      "this page.</p>";
  append_featured_image(html, facts, plan);
  append_share_buttons(html, facts, plan.svg_icons, "top");
  html += "<div class=\"entry-content\">";
  append_body_with_inserts(html, body, facts, plan);
  html += "</div>";
  if (plan.share_bottom) append_share_buttons(html, facts, plan.svg_icons, "bottom");

  html += "<div class=\"tags\">Tagged <a href=\"/tag/";
  append_slug(html, topic.tech().phrases[0]);
  html += "/\">";
  html += topic.tech().phrases[0];
  html += "</a>, <a href=\"/tag/";
  append_slug(html, kConcernPhrases[topic.concern][0]);
  html += "/\">";
  html += kConcernPhrases[topic.concern][0];
  html += "</a></div><div class=\"author-bio\"><p>";
  html += author_name;
  html += page.percent(50)
              ? " is a contributing writer who covers skincare tools, ingredients and the science "
                "behind them. "
              : " is a senior editor at Synthetic Glow and has tested beauty devices for years. ";
  html += page.percent(50)
              ? "When she is not testing products, she is probably at the climbing gym.</p></div>"
              : "Follow her on Instagram for the tools that did not make the cut.</p></div>";

  html += "<section class=\"related-posts\"><h3>You may also like</h3><ul>";
  for (size_t k = 0; k < 4 && articles_ > 1; ++k) {
    size_t other = static_cast<size_t>(mix(i * 4 + k) % articles_);
    if (other == i) other = (other + 1) % articles_;
    html += "<li><a href=\"";
    html += article_path(other);
    html += "\">";
    append_title(html, topic_of(body_seed(other)), other);
    html += "</a></li>";
  }
  html +=
      "</ul></section><section id=\"comments\" class=\"comments-area\"><h3>Comments</h3><ol "
      "class=\"comment-list\">";
  size_t comments = page.roll(5);
  for (size_t k = 0; k < comments; ++k) {
    html += "<li class=\"comment\"><p class=\"comment-author\">";
    html += kAuthorFirst[page.roll(20)];
    html += " says:</p><p>";
    html += page.pick(kComments);
    html += "</p></li>";
  }
  html += "</ol>";
  // WordPress closes comments on older posts: the newest ~40% still take them.
  if (i * 5 >= articles_ * 3) append_comment_form(html, facts, plan, parts);
  html += "</section></article>\n";
  if (plan.shop_cards > 0) append_shop_carousel(html, facts, plan.shop_cards);
  append_more_stories(html, facts, plan, articles_);
  html +=
      "</main></div>\n<aside id=\"secondary\" class=\"sidebar widget-area\" "
      "role=\"complementary\">\n";
  append_about_widget(html);
  append_popular_widget(html, popular);
  append_ad_slot(html, kAdSlotKinds[2], 1, true);
  html +=
      "<section id=\"glow-picks-2\" class=\"widget widget_glow_picks\"><h3>Editor's "
      "picks</h3><ul>";
  for (size_t k = 0; k < 2; ++k) {
    const CatalogProduct& pick = catalog().products[page.roll(catalog().products.size())];
    html += "<li>";
    append_product_name(html, pick);
    html += " \xE2\x80\x94 ";
    append_price(html, pick.cents);
    html += " at Sephora</li>";
  }
  html += "</ul></section>\n";
  html += parts.categories_widget;
  html +=
      "<section id=\"glow-newsletter-2\" class=\"widget newsletter\"><p>Subscribe to our "
      "newsletter for weekly picks.</p>";
  html += parts.newsletter_form;
  html += "</section>\n";
  html += "</aside>\n</div>\n";
  html += parts.footer[plan.svg_icons];
  append_page_end(html, facts, plan, parts);
  return html;
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
