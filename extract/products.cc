// Products with prices in article bodies: "Buy it now: NAME from SOURCE, $N", "Shop it: NAME,
// $N at RETAILER", "NAME ($N, retailer.com)", and a bare "$N at RETAILER" line under a
// product heading in listicles. In-office services ("$500 per session") are not products.
#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>

#include "core/phrase_set.h"
#include "core/price.h"
#include "core/text.h"
#include "extract/analysis.h"
#include "extract/tokens.h"

namespace beautyidx::extract {
namespace {

constexpr std::array<std::string_view, 12> kLabels = {
    "buy it now", "buy it here", "buy it", "buy now", "shop it", "shop now", "shop",
    "get it now", "get it", "buy", "try it", "price"};

// Removes "Buy it now:" and similar; returns false when the line has no such label.
bool strip_label(std::string_view text, std::string_view* rest) {
  for (auto label : kLabels) {
    if (!starts_with_ignore_case(text, label)) continue;
    std::string_view after = trim(text.substr(label.size()));
    if (after.starts_with(":") || after.starts_with("\xE2\x80\x94") || after.starts_with("-")) {
      after.remove_prefix(after.starts_with("\xE2\x80\x94") ? 3 : 1);
      *rest = trim(after);
      return true;
    }
  }
  return false;
}

std::string_view strip_trailing_punctuation(std::string_view text) {
  text = trim(text);
  while (!text.empty() && (text.back() == '.' || text.back() == ',' || text.back() == ';' ||
                           text.back() == ':' || text.back() == '!')) {
    text.remove_suffix(1);
    text = trim(text);
  }
  return text;
}

// "1. Skin Gym Cryo Ice Globes", "#2: NuFace Mini" -> the name without its number.
std::string_view strip_numbering(std::string_view heading) {
  heading = trim(heading);
  size_t i = 0;
  if (i < heading.size() && heading[i] == '#') ++i;
  size_t digits = i;
  while (i < heading.size() && std::isdigit(static_cast<unsigned char>(heading[i]))) ++i;
  if (i == digits) return heading;
  if (i < heading.size() && (heading[i] == '.' || heading[i] == ')' || heading[i] == ':')) ++i;
  return trim(heading.substr(i));
}

bool is_service_price(std::string_view text) {
  static const PhraseSet kServiceCues = {"per session", "a session", "per treatment", "per visit", "per syringe",
                                         "per area",    "per unit",  "in-office",     "in office"};
  return kServiceCues.contains_any(text);
}

// "paulaschoice.com": a web address written as where to buy.
bool looks_like_domain(std::string_view source) {
  size_t dot = source.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || source.find(' ') != std::string_view::npos)
    return false;
  std::string_view top_level = source.substr(dot + 1);
  return top_level.size() >= 2 && std::all_of(top_level.begin(), top_level.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c)) != 0;
         });
}

// "• A (£5, Boots) • B (£7, Boots)": bulleted lines that <br> joined into one paragraph, one
// item each. A paragraph with fewer than two bulleted items is one item, the paragraph itself.
std::vector<std::string_view> bullet_items(std::string_view text) {
  constexpr std::string_view kBullet = "\xE2\x80\xA2";
  // Most paragraphs have no bullet; one bullet is a mark inside a line, not a list.
  const size_t first = text.find(kBullet);
  if (first == std::string_view::npos || text.find(kBullet, first + kBullet.size()) == std::string_view::npos) {
    return {text};
  }
  std::vector<std::string_view> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t bullet = text.find(kBullet, start);
    std::string_view item = trim(text.substr(
        start, bullet == std::string_view::npos ? std::string_view::npos : bullet - start));
    if (!item.empty()) items.push_back(item);
    if (bullet == std::string_view::npos) break;
    start = bullet + kBullet.size();
  }
  if (items.size() < 2) return {text};
  return items;
}

struct Candidate {
  std::string name;
  std::string source;  // the word after "from"/"at": a retailer or a brand
  Price price;
};

// Splits "NAME from SOURCE" / "NAME at SOURCE" at the last such preposition.
void split_source(std::string_view text, std::string* name, std::string* source) {
  text = strip_trailing_punctuation(text);
  size_t at = std::string_view::npos;
  size_t length = 0;
  for (std::string_view sep : {" from ", " at ", " by "}) {
    size_t found = text.rfind(sep);
    if (found != std::string_view::npos && (at == std::string_view::npos || found > at)) {
      at = found;
      length = sep.size();
    }
  }
  if (at == std::string_view::npos) {
    *name = std::string(text);
    source->clear();
    return;
  }
  *name = std::string(trim(text.substr(0, at)));
  *source = std::string(strip_trailing_punctuation(text.substr(at + length)));
}

// Reads one product line; `heading` names the product when the line only has a price.
std::optional<Candidate> read_product_line(std::string_view line, std::string_view heading) {
  std::string_view text = trim(line);
  if (text.empty() || text.size() > 400 || is_service_price(text)) return std::nullopt;
  std::string_view rest;
  bool labelled = strip_label(text, &rest);
  if (!labelled) rest = text;
  auto prices = find_prices(rest);
  if (prices.empty()) return std::nullopt;
  const PriceMention& price = prices.back();
  std::string_view before = trim(rest.substr(0, price.begin));
  std::string_view after = strip_trailing_punctuation(rest.substr(price.end));
  Candidate c;
  c.price = price.price;

  // A product line is short; a long paragraph with a price in it is prose (read_prose_products).
  if (!labelled && before.size() > 120) return std::nullopt;
  // "NAME ($32, sephora.com)" / "NAME ($32 at Sephora)"
  if (before.ends_with("(")) {
    std::string_view name =
        strip_numbering(strip_trailing_punctuation(before.substr(0, before.size() - 1)));
    size_t close = after.find(')');
    // "(...), a lightweight serum that ...": the sentence goes on, so this is prose.
    if (close == std::string_view::npos || trim(after.substr(close + 1)).size() > 3) return std::nullopt;
    std::string_view inside = after.substr(0, close);
    inside = trim(inside);
    if (inside.starts_with(",")) inside.remove_prefix(1);
    inside = trim(inside);
    if (starts_with_ignore_case(inside, "at ") || starts_with_ignore_case(inside, "from ")) {
      inside = trim(inside.substr(inside.find(' ')));
    }
    if (name.empty()) return std::nullopt;
    c.name = std::string(name);
    c.source = std::string(strip_trailing_punctuation(inside));
    return c;
  }
  if (!after.empty()) {
    // "NAME, $N at RETAILER" or a bare "$N at RETAILER" under a heading.
    if (!starts_with_ignore_case(after, "at ") && !starts_with_ignore_case(after, "from ")) {
      return std::nullopt;
    }
    c.source = std::string(strip_trailing_punctuation(after.substr(after.find(' ') + 1)));
    std::string_view name = strip_trailing_punctuation(before);
    if (name.empty()) {
      if (heading.empty()) return std::nullopt;
      name = strip_numbering(heading);
    } else if (!labelled) {
      return std::nullopt;  // running prose with a price in it, not a product line
    }
    if (c.source.empty() || c.source.size() > 60) return std::nullopt;
    c.name = std::string(name);
    return c;
  }
  // "NAME from SOURCE, $N" (labelled) — the seed's "Buy it now" lines.
  if (!labelled) return std::nullopt;
  split_source(before, &c.name, &c.source);
  if (c.name.empty()) return std::nullopt;
  return c;
}

bool is_name_token_start(unsigned char c) { return std::isupper(c) || std::isdigit(c) || c >= 0xC3; }

// Where a product name that starts at `begin` ends: Title-Case words, numbers, "SPF 50",
// "2%", "+", "&", apostrophes; it stops at a lowercase word or punctuation.
size_t product_name_end(std::string_view text, size_t begin) {
  size_t i = begin, end = begin;
  while (i < text.size()) {
    size_t word_end = i;
    while (word_end < text.size() && text[word_end] != ' ' && text[word_end] != ',' && text[word_end] != '(' &&
           text[word_end] != ')' && text[word_end] != ';' && text[word_end] != ':')
      ++word_end;
    std::string_view word = text.substr(i, word_end - i);
    while (!word.empty() && (word.back() == '.' || word.back() == '!' || word.back() == '?')) word.remove_suffix(1);
    if (word.empty()) break;
    bool numbered = word.size() > 1 && word[0] == '#' &&
                    std::isdigit(static_cast<unsigned char>(word[1]));  // "Lip Balm #1"
    bool part = is_name_token_start(static_cast<unsigned char>(word[0])) || numbered ||
                word == "+" || word == "&" || word == "de" || word == "and" || word == "with" ||
                word == "for";
    if (!part) break;
    end = i + word.size();
    if (word_end < text.size() && text[word_end] != ' ') break;
    i = word_end + 1;
  }
  // Connector words cannot end a name ("CeraVe Cream and").
  std::string_view name = text.substr(begin, end - begin);
  for (std::string_view tail : {" and", " with", " for", " de", " &"}) {
    if (name.ends_with(tail)) end -= tail.size();
  }
  return end;
}

// Where to buy, written after a price: "at Target", "from Sephora", ", sephora.com)",
// "direct from TriPollar", "on the brand's site".
std::string source_after(std::string_view after) {
  after = trim(after);
  if (after.starts_with(",")) after = trim(after.substr(1));
  for (std::string_view lead : {"direct from ", "at ", "from ", "on "}) {
    if (starts_with_ignore_case(after, lead)) {
      after = after.substr(lead.size());
      break;
    }
  }
  size_t end = 0;
  while (end < after.size() && after[end] != ')' && after[end] != ',' && after[end] != ';' &&
         !(after[end] == '.' && (end + 1 >= after.size() || after[end + 1] == ' ')))
    ++end;
  std::string_view source = trim(after.substr(0, end));
  // "Target for a large tub": keep the capitalized name only. "ZIIP's site", "the brand's own
  // shop": the maker's name ends at its possessive, which is dropped.
  size_t cut = 0, i = 0;
  while (i < source.size()) {
    size_t space = source.find(' ', i);
    std::string_view word = source.substr(i, space == std::string_view::npos ? std::string_view::npos : space - i);
    bool part = !word.empty() && (is_name_token_start(static_cast<unsigned char>(word[0])) ||
                                  word.find('.') != std::string_view::npos || word == "&");
    if (!part) break;
    if (std::string_view maker = without_possessive(word); maker.size() < word.size()) {
      cut = i + maker.size();
      break;
    }
    cut = i + word.size();
    if (space == std::string_view::npos) break;
    i = space + 1;
  }
  return std::string(source.substr(0, cut));
}

// Products named in running prose next to a price: "CeraVe Foaming Facial Cleanser ($11.99 at
// Target)", "Neutrogena Rapid Wrinkle Repair Retinal Serum is $28 at Ulta". The name must start
// with a known brand within the sentence before the price.
std::vector<Candidate> read_prose_products(std::string_view text, const Catalog& catalog) {
  std::vector<Candidate> out;
  for (const PriceMention& mention : find_prices(text)) {
    size_t sentence_start = 0;
    for (size_t k = mention.begin; k > 1; --k) {
      if ((text[k - 2] == '.' || text[k - 2] == '!' || text[k - 2] == '?') && text[k - 1] == ' ') {
        sentence_start = k;
        break;
      }
    }
    size_t sentence_end = text.find(". ", mention.end);
    std::string_view sentence = text.substr(sentence_start, (sentence_end == std::string_view::npos ? text.size() : sentence_end) - sentence_start);
    if (is_service_price(sentence)) continue;
    std::string_view before = text.substr(sentence_start, mention.begin - sentence_start);
    auto brand = catalog.last_brand_in(before);
    if (!brand) continue;
    // The name runs on from the end of the brand, whose own words may be lowercase ("Bumble and
    // bumble Hairdresser’s Invisible Oil").
    size_t after_brand = brand->end;
    while (after_brand < before.size() && before[after_brand] == ' ') ++after_brand;
    size_t name_end = std::max(brand->end, product_name_end(before, after_brand));
    std::string_view gap = before.substr(name_end);
    // Between the name and its price only a short link: "(", " is ", ", now ", " costs ". A
    // clause may come between when the price is then offered "from $N" ("… is the one she keeps
    // in her own bathroom, from $32").
    size_t longest_gap = gap.ends_with(", from ") ? 64 : 48;
    if (gap.size() > longest_gap || gap.find(". ") != std::string_view::npos) continue;
    std::string_view name = trim(before.substr(brand->begin, name_end - brand->begin));
    if (name.size() <= brand->end - brand->begin + 1) continue;  // a brand alone is not a product
    Candidate c;
    c.name = std::string(name);
    c.price = mention.price;
    c.source = source_after(text.substr(mention.end));
    out.push_back(std::move(c));
  }
  return out;
}

// Adds `item` to `list` unless it is there already, so `list` keeps its first-seen order.
void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

void add_unique(std::vector<std::string>& list, const std::vector<std::string>& items) {
  for (const auto& item : items) add_unique(list, item);
}

bool overlaps(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  }
  return false;
}

}  // namespace

std::vector<Product> find_products(const std::vector<Paragraph>& paragraphs,
                                   const std::vector<Quote>& quotes, const Catalog& catalog,
                                   const Taxonomy& taxonomy, const std::string& title,
                                   const std::vector<std::string>& article_concerns) {
  // Section texts and headings, for the concerns each product inherits.
  int sections = 0;
  for (const Paragraph& p : paragraphs) sections = std::max(sections, p.section + 1);
  std::vector<std::string> section_heading(static_cast<size_t>(sections));
  std::vector<std::string> section_text(static_cast<size_t>(sections));
  for (const Paragraph& p : paragraphs) {
    auto& target = p.type == BlockType::kHeading ? section_heading : section_text;
    target[static_cast<size_t>(p.section)] += p.text + "\n";
  }
  TaxonomyMatch title_match = taxonomy.match(title);
  // What each section is about, worked out the first time one of its products needs it.
  struct SectionTopics {
    std::vector<std::string> heading_concerns, heading_techniques;
    std::vector<std::string> text_techniques;
    // Concerns the section names as something to fix, not as a side effect: sentences that
    // warn ("can leave you red and irritated") count only for concerns the article is about.
    std::vector<std::string> fixes;
  };
  std::vector<std::optional<SectionTopics>> section_topics(static_cast<size_t>(sections));
  auto topics_of = [&](size_t s) -> const SectionTopics& {
    if (section_topics[s]) return *section_topics[s];
    TaxonomyMatch heading_match = taxonomy.match(section_heading[s]);
    SectionTopics topics{std::move(heading_match.concerns), std::move(heading_match.techniques),
                         std::move(taxonomy.match(section_text[s]).techniques), {}};
    for (std::string_view sentence : split_sentences(section_text[s])) {
      bool warning = classify_stance(sentence) == Stance::kWarns;
      for (const auto& c : taxonomy.match(sentence).concerns) {
        bool about = std::find(article_concerns.begin(), article_concerns.end(), c) != article_concerns.end();
        if (!warning || about) add_unique(topics.fixes, c);
      }
    }
    return section_topics[s].emplace(std::move(topics));
  };

  std::vector<Product> products;
  std::set<std::string> seen;  // brand|name: a product named twice in an article is one product
  std::string heading;
  std::optional<std::string> row_name;  // the product cell of the current table row
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t awaiting_source = kNone;  // a table product whose next cell says where to buy
  for (const Paragraph& p : paragraphs) {
    if (p.type == BlockType::kHeading) {
      heading = p.text;
      continue;
    }
    if (p.type == BlockType::kCell && awaiting_source != kNone) {
      if (auto retailer = catalog.retailer(p.text)) products[awaiting_source].retailer = *retailer;
      awaiting_source = kNone;
      continue;
    }
    awaiting_source = kNone;
    // Each bulleted item, or the whole paragraph, is a product line or else prose naming
    // products; a table cell that is not a product line can only be a price cell.
    std::vector<Candidate> candidates;
    bool cell = p.type == BlockType::kCell;
    std::vector<PriceMention> cell_prices;  // a table cell's, read once for both uses below
    if (cell) cell_prices = find_prices(p.text);
    std::vector<std::string_view> items = bullet_items(p.text);
    bool bulleted = items.size() > 1;
    for (std::string_view item : items) {
      if (auto line = read_product_line(item, heading)) {
        candidates.push_back(std::move(*line));
      } else if (cell && !bulleted) {
        // A price cell in a comparison table: the name is in the row's first cell before it,
        // where to buy in the cell after. Unbulleted, the item is the whole cell.
        if (cell_prices.size() == 1 &&
            cell_prices[0].end - cell_prices[0].begin + 2 >= trim(item).size() && row_name) {
          candidates.push_back(Candidate{*row_name, "", cell_prices[0].price});
        }
      } else {
        auto found = read_prose_products(item, catalog);
        candidates.insert(candidates.end(), found.begin(), found.end());
      }
    }
    if (cell) {
      if (!cell_prices.empty()) row_name.reset();
      else if (catalog.last_brand_in(p.text) && p.text.size() < 120) row_name = std::string(trim(p.text));
    }
    for (const Candidate& candidate : candidates) {
      Product product;
      product.price = candidate.price;
      product.section = p.section;
      auto retailer = candidate.source.empty() ? std::nullopt : catalog.retailer(candidate.source);
      if (retailer) product.retailer = *retailer;
      auto split = catalog.split_brand(candidate.name);
      if (!retailer && !candidate.source.empty() && split.brand.empty()) {
        // "from Skin Gym", "(…, mountlai.com)": the maker sells it itself. A web address is where
        // to buy, never the brand's name.
        bool domain = looks_like_domain(candidate.source);
        auto known =
            domain ? catalog.brand_for_domain(candidate.source) : catalog.brand(candidate.source);
        product.brand = known ? *known : domain ? "" : candidate.source;
        // The split found no brand in the name (it only trimmed it).
        product.name = product.brand.empty() ? split.name : candidate.name;
      } else {
        // The brand the name starts with, when sold at a retailer, when no source is named, and
        // when the name itself names its maker ("Paula's Choice ... ($34, paulaschoice.com)").
        product.brand = split.brand;
        product.name = split.name;
      }
      for (const auto& href : p.hrefs) {
        if (product.url.empty()) product.url = href;
        if (product.retailer.empty()) {
          if (auto r = catalog.retailer_for_url(href)) product.retailer = *r;
        }
      }
      // A product is about what its own name says ("Puffy Eyes Patches"), what its section's
      // heading says, and, when its name says nothing, what its section's text is about. The
      // title's concerns apply too ("Best De-Puffing Tools Under $50").
      const SectionTopics& section = topics_of(static_cast<size_t>(p.section));
      TaxonomyMatch own = taxonomy.match(product.name);
      bool names_no_concern = own.concerns.empty();
      product.concerns = std::move(own.concerns);
      add_unique(product.concerns, section.heading_concerns);
      if (names_no_concern) add_unique(product.concerns, section.fixes);
      add_unique(product.concerns, title_match.concerns);
      product.techniques = std::move(own.techniques);
      add_unique(product.techniques, section.heading_techniques);
      if (product.techniques.empty() && names_no_concern) product.techniques = section.text_techniques;
      std::string key = to_lower_ascii(product.brand + "|" + product.name);
      if (seen.insert(key).second) {
        products.push_back(std::move(product));
        if (cell) awaiting_source = products.size() - 1;
      }
    }
  }

  // Evidence: quotes of the same section that speak to the product.
  for (Product& product : products) {
    std::vector<std::pair<int, int>> scored;  // (score, quote index)
    std::string brand_lower = to_lower_ascii(product.brand);
    for (size_t q = 0; q < quotes.size(); ++q) {
      const Quote& quote = quotes[q];
      if (quote.section != product.section || !quote.speaker) continue;
      int score = 0;
      std::string text = to_lower_ascii(quote.text);
      if (!brand_lower.empty() && text.find(brand_lower) != std::string::npos) score += 3;
      if (overlaps(quote.techniques, product.techniques)) score += 2;
      if (overlaps(quote.concerns, product.concerns)) score += 1;
      if (quote.stance == Stance::kRecommends) score += 1;
      if (quote.stance == Stance::kWarns) score -= 3;
      if (!quote.indirect) score += 1;
      if (score > 0) scored.emplace_back(score, static_cast<int>(q));
    }
    std::stable_sort(scored.begin(), scored.end(), [](auto a, auto b) { return a.first > b.first; });
    for (size_t i = 0; i < scored.size() && i < 3; ++i) product.evidence.push_back(scored[i].second);
    // The expert words that back the product also say what it is for.
    if (!product.evidence.empty()) {
      const Quote& best = quotes[static_cast<size_t>(product.evidence.front())];
      if (best.stance == Stance::kRecommends) add_unique(product.concerns, best.concerns);
    }
  }
  return products;
}

}  // namespace beautyidx::extract
