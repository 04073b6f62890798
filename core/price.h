// Prices in running text: "$1,299.99", "$20–$45", "was $60, now $42", "£18", "30 USD",
// "50 bucks". Used by the product extractor and by the query parser's budgets.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace beautyidx {

// A price found in text; [begin, end) are byte offsets of the whole match, range included.
struct PriceMention {
  size_t begin = 0;
  size_t end = 0;
  Price price;
};

// Every price in `text`, left to right. A number counts as a price only next to a currency
// sign or word; ranges ("$20-$45", "$20 to 45") and markdowns ("was $60, now $42") become one
// mention each. `default_currency` applies to a bare "$".
std::vector<PriceMention> find_prices(std::string_view text,
                                      std::string_view default_currency = "USD");

// The first price in `text`, or nothing.
std::optional<Price> parse_price(std::string_view text);

// Parses a number written with grouping and decimal separators ("1,299.99", "22,90", "1 049").
// Returns nothing when the text is not a number.
std::optional<double> parse_amount(std::string_view text);

// "$32", "$20–$45", "£18.50".
std::string format_price(const Price& price);

}  // namespace beautyidx
