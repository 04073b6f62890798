#include "core/price.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/text.h"

namespace beautyidx {
namespace {

struct CurrencySign {
  std::string_view text;
  std::string_view code;
  bool word;  // must stand as a whole word ("USD", "dollars") rather than a sign ("$")
};

// Longest first, so "US$" wins over "$".
constexpr std::array<CurrencySign, 17> kPrefixes = {{
    {"US$", "USD", false}, {"CA$", "CAD", false}, {"AU$", "AUD", false}, {"NZ$", "NZD", false},
    {"C$", "CAD", false},  {"A$", "AUD", false},  {"$", "", false},      {"\xC2\xA3", "GBP", false},
    {"\xE2\x82\xAC", "EUR", false}, {"\xC2\xA5", "JPY", false}, {"USD", "USD", true},
    {"EUR", "EUR", true},  {"GBP", "GBP", true},  {"CAD", "CAD", true},  {"AUD", "AUD", true},
    {"Rs.", "INR", true},  {"CHF", "CHF", true},
}};

constexpr std::array<CurrencySign, 14> kSuffixes = {{
    {"\xE2\x82\xAC", "EUR", false}, {"\xC2\xA3", "GBP", false}, {"USD", "USD", true},
    {"EUR", "EUR", true},  {"GBP", "GBP", true},  {"CAD", "CAD", true},  {"AUD", "AUD", true},
    {"dollars", "", true}, {"dollar", "", true},  {"bucks", "", true},   {"euros", "EUR", true},
    {"euro", "EUR", true}, {"pounds", "GBP", true}, {"CHF", "CHF", true},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// Length of the number starting at text[i] ("1,299.99", "22,90", "1 049"), 0 when none.
size_t number_length(std::string_view text, size_t i) {
  size_t j = i;
  size_t group_start = i;
  while (j < text.size()) {
    if (is_digit(text[j])) {
      ++j;
    } else if ((text[j] == ',' || text[j] == '.' || text[j] == '\'') && j + 1 < text.size() &&
               is_digit(text[j + 1]) && j > i) {
      ++j;
      group_start = j;
    } else if (j > i && j - group_start <= 3 && (text[j] == ' ' || text.substr(j).starts_with("\xC2\xA0"))) {
      // A space or NBSP as thousands separator ("2 390 €", "1 298,00"): exactly three digits
      // must follow, and then no further digit.
      size_t width = text[j] == ' ' ? 1 : 2;
      size_t k = j + width;
      size_t digits = 0;
      while (k + digits < text.size() && is_digit(text[k + digits])) ++digits;
      if (digits != 3) break;
      j = k;
      group_start = j;
    } else {
      break;
    }
  }
  return j - i;
}

struct Amount {
  size_t begin = 0, end = 0;
  double value = 0;
  std::string currency;  // "" = unknown, "$" handled by caller
  bool has_currency = false;
};

std::optional<CurrencySign> prefix_at(std::string_view text, size_t i) {
  if (i >= text.size()) return std::nullopt;
  // Most bytes cannot start a currency sign; reject them before comparing 17 prefixes.
  switch (text[i]) {
    case '$': case 'U': case 'C': case 'A': case 'N': case 'E': case 'G': case 'R': case '\xC2': case '\xE2':
      break;
    default:
      return std::nullopt;
  }
  for (const auto& sign : kPrefixes) {
    if (!text.substr(i).starts_with(sign.text)) continue;
    if (sign.word && i > 0 && is_word_char(text[i - 1])) continue;
    // "US$" and "CA$" must not be the tail of a word ("BUS$").
    if (!sign.word && sign.text.size() > 1 && i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1])))
      continue;
    return sign;
  }
  return std::nullopt;
}

std::optional<CurrencySign> suffix_at(std::string_view text, size_t i, size_t* length) {
  size_t j = i;
  while (j < text.size() && text[j] == ' ') ++j;
  for (const auto& sign : kSuffixes) {
    if (sign.word) {
      if (j - i == 0) continue;  // "30USD" is unusual; require the space
      if (!starts_with_ignore_case(text.substr(j), sign.text)) continue;
      size_t after = j + sign.text.size();
      if (after < text.size() && is_word_char(text[after])) continue;
      if (sign.text == "USD" || sign.text == "EUR" || sign.text == "GBP" || sign.text == "CAD" ||
          sign.text == "AUD" || sign.text == "CHF") {
        if (text.substr(j, sign.text.size()) != sign.text) continue;  // codes are uppercase
      }
      *length = after - i;
      return sign;
    }
    if (text.substr(j).starts_with(sign.text) && j - i <= 1) {
      *length = j + sign.text.size() - i;
      return sign;
    }
  }
  return std::nullopt;
}

// Reads "[sign] number [suffix]" at i. `require_currency`: a bare number is not a price.
std::optional<Amount> read_amount(std::string_view text, size_t i, std::string_view default_currency,
                                  bool require_currency) {
  Amount amount;
  amount.begin = i;
  size_t j = i;
  if (auto sign = prefix_at(text, i)) {
    j += sign->text.size();
    // "USD 30", and "$ 22.00" with a stray space after the sign.
    if (j + 1 < text.size() && text[j] == ' ' && is_digit(text[j + 1])) ++j;
    amount.currency = sign->code.empty() ? std::string(default_currency) : std::string(sign->code);
    amount.has_currency = true;
  }
  if (j >= text.size() || !is_digit(text[j])) return std::nullopt;
  if (j > 0 && !amount.has_currency && (is_word_char(text[j - 1]) || text[j - 1] == '.')) {
    return std::nullopt;  // the middle of a word or a version number
  }
  size_t length = number_length(text, j);
  auto value = parse_amount(text.substr(j, length));
  if (!value) return std::nullopt;
  j += length;
  // "$1.5k": thousands.
  if (j < text.size() && (text[j] == 'k' || text[j] == 'K') &&
      (j + 1 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[j + 1])))) {
    *value *= 1000;
    ++j;
  }
  if (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) {
    // "30ml", "2x": a quantity, not a price.
    if (!amount.has_currency) return std::nullopt;
  }
  if (!amount.has_currency) {
    size_t suffix_length = 0;
    if (auto sign = suffix_at(text, j, &suffix_length)) {
      amount.currency =
          sign->code.empty() ? std::string(default_currency) : std::string(sign->code);
      amount.has_currency = true;
      j += suffix_length;
    }
  }
  if (require_currency && !amount.has_currency) return std::nullopt;
  amount.value = *value;
  amount.end = j;
  return amount;
}

// Skips a range separator ("-", "–", "—", " to ") after position i; returns the next position.
std::optional<size_t> range_separator(std::string_view text, size_t i) {
  size_t j = i;
  while (j < text.size() && text[j] == ' ') ++j;
  std::string_view rest = text.substr(j);
  size_t skip = 0;
  if (rest.starts_with("-")) skip = 1;
  else if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94")) skip = 3;
  else if (starts_with_ignore_case(rest, "to ")) skip = 2;
  else return std::nullopt;
  j += skip;
  while (j < text.size() && text[j] == ' ') ++j;
  return j;
}

bool preceded_by_word(std::string_view text, size_t i, std::string_view word) {
  size_t j = i;
  while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == ':')) --j;
  if (j < word.size()) return false;
  if (!equals_ignore_case(text.substr(j - word.size(), word.size()), word)) return false;
  return j == word.size() || !is_word_char(text[j - word.size() - 1]);
}

}  // namespace

std::optional<double> parse_amount(std::string_view text) {
  text = trim(text);
  if (text.empty() || !is_digit(text.front())) return std::nullopt;
  size_t last_comma = text.rfind(','), last_dot = text.rfind('.');
  std::string digits;
  size_t decimal_at = std::string_view::npos;
  if (last_comma != std::string_view::npos && last_dot != std::string_view::npos) {
    decimal_at = std::max(last_comma, last_dot);
  } else if (last_comma != std::string_view::npos || last_dot != std::string_view::npos) {
    size_t at = last_comma != std::string_view::npos ? last_comma : last_dot;
    char separator = text[at];
    size_t after = text.size() - at - 1;
    bool repeated = text.find(separator) != at;
    // "1,299" and "1.299.000" group thousands; "22,90", "19.99" and "4.5" have decimals.
    if (after != 3 || (separator == '.' && !repeated && text.size() - after - 1 > 3)) {
      decimal_at = repeated ? std::string_view::npos : at;
    }
    if (after == 3 && separator == '.' && !repeated && text.size() <= 7) {
      // "1.299" is ambiguous; prices written with a dot and three decimals are rare, so read it
      // as a thousands group only when the integer part is short.
      decimal_at = std::string_view::npos;
    }
  }
  for (size_t k = 0; k < text.size(); ++k) {
    if (is_digit(text[k])) digits.push_back(text[k]);
    else if (k == decimal_at) digits.push_back('.');
  }
  if (digits.empty() || digits == ".") return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(digits.c_str(), &end);
  if (end == digits.c_str() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::vector<PriceMention> find_prices(std::string_view text, std::string_view default_currency) {
  std::vector<PriceMention> mentions;
  // Every price has a digit; most paragraphs have none, and one fast scan says so. (Not
  // find_first_of, which searches its set of ten once per byte.)
  if (std::none_of(text.begin(), text.end(), is_digit)) return mentions;
  for (size_t i = 0; i < text.size();) {
    bool candidate = is_digit(text[i]) || prefix_at(text, i).has_value();
    if (!candidate || (i > 0 && is_digit(text[i - 1]))) {
      ++i;
      continue;
    }
    auto first = read_amount(text, i, default_currency, /*require_currency=*/true);
    if (!first) {
      // A bare number may still open a range whose second half names the currency: "20-40 USD".
      auto bare = read_amount(text, i, default_currency, false);
      if (bare) {
        if (auto next = range_separator(text, bare->end)) {
          auto second = read_amount(text, *next, default_currency, true);
          if (second && second->value >= bare->value) {
            PriceMention m{bare->begin, second->end, {bare->value, second->value, {}, second->currency}};
            mentions.push_back(m);
            i = second->end;
            continue;
          }
        }
        i = bare->end;
      } else {
        // Not a number either: skip the whole run of digits and separators, which a hostile
        // page can make long ("1,1,1,..."): starting again at each digit would be quadratic.
        size_t j = i + 1;
        while (j < text.size() && (is_digit(text[j]) || text[j] == ',' || text[j] == '.')) ++j;
        i = j;
      }
      continue;
    }
    PriceMention mention{first->begin, first->end, {first->value, {}, {}, first->currency}};
    if (auto next = range_separator(text, first->end)) {
      auto second = read_amount(text, *next, first->currency, false);
      if (second && second->value > first->value &&
          (!second->has_currency || second->currency == first->currency)) {
        mention.price.max = second->value;
        mention.end = second->end;
      }
    }
    // "was $60, now $42": fold the earlier mention into this one.
    if (!mentions.empty() && preceded_by_word(text, mention.begin, "now")) {
      PriceMention& previous = mentions.back();
      std::string_view between = text.substr(previous.end, mention.begin - previous.end);
      if (between.size() < 12 && preceded_by_word(text, previous.begin, "was")) {
        mention.price.was = previous.price.amount;
        mention.begin = previous.begin;
        mentions.back() = mention;
        i = mention.end;
        continue;
      }
    }
    mentions.push_back(mention);
    i = mention.end;
  }
  return mentions;
}

std::optional<Price> parse_price(std::string_view text) {
  auto mentions = find_prices(text);
  if (mentions.empty()) return std::nullopt;
  return mentions.front().price;
}

std::optional<Price> parse_price_field(std::string_view text, std::string_view currency_hint, char decimal_separator) {
  // The first number: a digit (or ".5"), then digits and separators that are followed by a digit.
  size_t start = std::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    if (is_digit(text[i]) || (text[i] == '.' && i + 1 < text.size() && is_digit(text[i + 1]))) {
      start = i;
      break;
    }
  }
  if (start == std::string_view::npos) return std::nullopt;
  std::string digits;  // digits and separators, spaces dropped
  size_t i = start;
  while (i < text.size()) {
    char c = text[i];
    if (is_digit(c)) {
      digits.push_back(c);
      ++i;
      continue;
    }
    size_t width = text.substr(i).starts_with("\xC2\xA0") ? 2 : text.substr(i).starts_with("\xE2\x80\xAF") ? 3 : 1;
    bool separator = c == '.' || c == ',' || c == '\'' || c == ' ' || width > 1;
    if (!separator) break;
    size_t next = i + width;
    if (next < text.size() && text[next] == ' ' && (c == ',' || c == '.')) ++next;  // "1.837, 32"
    if (next >= text.size() || !is_digit(text[next])) break;
    if (c == '.' || c == ',') digits.push_back(c);
    i = next;
  }
  if (digits.empty()) return std::nullopt;
  size_t last_dot = digits.rfind('.'), last_comma = digits.rfind(',');
  size_t decimal_at = std::string::npos;
  if (decimal_separator == '.' || decimal_separator == ',') {
    decimal_at = digits.rfind(decimal_separator);
  } else if (last_dot != std::string::npos && last_comma != std::string::npos) {
    decimal_at = std::max(last_dot, last_comma);
  } else if (last_dot != std::string::npos || last_comma != std::string::npos) {
    size_t at = last_dot != std::string::npos ? last_dot : last_comma;
    char sep = digits[at];
    bool repeated = digits.find(sep) != at;
    size_t after = digits.size() - at - 1;
    // "1,500" and "1.500.000" group thousands; "19.95", "22,9" and "0.500" have decimals.
    bool grouping = repeated || (after == 3 && !(at == 1 && digits[0] == '0'));
    if (!grouping) decimal_at = at;
  }
  std::string number;
  for (size_t k = 0; k < digits.size(); ++k) {
    if (is_digit(digits[k])) number.push_back(digits[k]);
    else if (k == decimal_at) number.push_back('.');
  }
  char* end = nullptr;
  double value = std::strtod(number.c_str(), &end);
  if (end == number.c_str() || !std::isfinite(value)) return std::nullopt;
  Price price;
  price.amount = value;
  price.currency.clear();
  // Currency: a sign or code in the field, else the hint.
  for (std::string_view source : {text, currency_hint}) {
    for (size_t k = 0; k < source.size() && price.currency.empty(); ++k) {
      if (auto sign = prefix_at(source, k)) price.currency = sign->code.empty() ? "USD" : std::string(sign->code);
    }
    if (!price.currency.empty()) break;
  }
  return price;
}

std::string format_price(const Price& price) {
  auto amount = [](double value) {
    char buffer[32];
    if (std::floor(value) == value) std::snprintf(buffer, sizeof buffer, "%.0f", value);
    else std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return std::string(buffer);
  };
  std::string sign = price.currency == "USD"   ? "$"
                     : price.currency == "GBP" ? "\xC2\xA3"
                     : price.currency == "EUR" ? "\xE2\x82\xAC"
                                               : price.currency + " ";
  std::string out = sign + amount(price.amount);
  if (price.max) out += "\xE2\x80\x93" + sign + amount(*price.max);
  return out;
}

}  // namespace beautyidx
