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

// A price *field* ("$19.95", "11 450 Kč", "From $ 24.95", "28"): the text of a price element
// on a product page or in structured data, where a bare number is a price. Takes the first
// number; `decimal_separator` ('.' or ',') overrides the guess; `currency_hint` ("€", "USD",
// "$") names the currency when the field does not.
std::optional<Price> parse_price_field(std::string_view text, std::string_view currency_hint = "",
                                       char decimal_separator = 0);

// Parses a number written with grouping and decimal separators ("1,299.99", "22,90", "1 049").
// Returns nothing when the text is not a number.
std::optional<double> parse_amount(std::string_view text);

// "$32", "$20–$45", "£18.50".
std::string format_price(const Price& price);

}  // namespace beautyidx
