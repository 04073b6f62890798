// Prices in running text, as a table: one row per phrasing, the way xapian tests its query parser.
#include "core/price.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beautyidx {
namespace {

// `amount` empty: the text holds no price at all.
struct PriceRow {
  std::string_view text;
  std::optional<double> amount;
  std::optional<double> max = std::nullopt;
  std::optional<double> was = std::nullopt;
  std::string_view currency = "USD";
};

const std::vector<PriceRow> kPriceRows = {
    // Plain amounts with a sign.
    {"$32", 32},
    {"$0.99", 0.99},
    {"$9.49", 9.49},
    {"$1,299.99", 1299.99},
    {"$1,000,000", 1000000},
    {"It retails for $89 at Ulta.", 89},
    {"Two for $30", 30},
    {"$59 USD", 59},
    // Ranges become one mention with a max.
    {"$20\xE2\x80\x93$45", 20, 45},  // en dash
    {"$20\xE2\x80\x94$45", 20, 45},  // em dash
    {"$20-$45", 20, 45},
    {"$20 - $45", 20, 45},
    {"$20 to $45", 20, 45},
    {"$500 to $1,000 per session", 500, 1000},
    {"20-40 USD", 20, 40},
    {"\xE2\x82\xAC" "30 to \xE2\x82\xAC" "50", 30, 50, {}, "EUR"},
    {"\xC2\xA3" "20-\xC2\xA3" "25", 20, 25, {}, "GBP"},
    {"$45 to $20", 45},  // a descending "range" is not a range
    // Markdowns.
    {"was $60, now $42", 42, {}, 60},
    {"Was $80 now $55!", 55, {}, 80},
    // Other currencies, as a sign before or a code/word after.
    {"\xC2\xA3" "18", 18, {}, {}, "GBP"},
    {"\xC2\xA3" "18.50", 18.5, {}, {}, "GBP"},
    {"\xE2\x82\xAC" "30", 30, {}, {}, "EUR"},
    {"\xE2\x82\xAC" "1.299,00", 1299, {}, {}, "EUR"},
    {"22,90 \xE2\x82\xAC", 22.90, {}, {}, "EUR"},
    {"\xC2\xA5" "3,000", 3000, {}, {}, "JPY"},
    {"30 USD", 30},
    {"USD 30", 30},
    {"US$25", 25},
    {"CA$40", 40, {}, {}, "CAD"},
    {"C$30", 30, {}, {}, "CAD"},
    {"A$15", 15, {}, {}, "AUD"},
    {"AU$99", 99, {}, {}, "AUD"},
    {"NZ$20", 20, {}, {}, "NZD"},
    {"CHF 45", 45, {}, {}, "CHF"},
    {"Rs. 499", 499, {}, {}, "INR"},
    {"costs 15 euros", 15, {}, {}, "EUR"},
    {"50 bucks", 50},
    {"40 dollars", 40},
    // Product lines as blogs write them.
    {"Buy it now: NuFace Facial Toning Device from Sephora, $325", 325},
    {"Jade Facial Roller from Skin Gym, $32", 32},
    {"Save 20%: now $40", 40},
    // Numbers that are not prices.
    {"I use it 3 times a day", {}},
    {"SPF 30", {}},
    {"30ml", {}},
    {"2x a week", {}},
    {"10% off", {}},
    {"version 2.5 of the app", {}},
    {"30USD", {}},  // a code glued to the number is not accepted (see suffix_at)
    {"", {}},
};

// Regressions: each row was a bug, found by this table and fixed; they stay asserted.
const std::vector<PriceRow> kFixedGaps = {
    // Was: a sign followed by a space is not read ("$ 22.00" is common in scraped listings).
    {"$ 22.00", 22},
    // Was: same for the euro sign.
    {"\xE2\x82\xAC 45.00", 45, {}, {}, "EUR"},
    // Was: space-grouped thousands lose their first group: read as 390 EUR.
    {"2 390 \xE2\x82\xAC", 2390, {}, {}, "EUR"},
    // Was: NBSP-grouped thousands: the digits after the decimal comma are read alone, as 0 EUR.
    {"1\xC2\xA0" "298,00 \xE2\x82\xAC", 1298, {}, {}, "EUR"},
    // Was: parse_amount accepts "1 049" but find_prices stops at the space: read as $1.
    {"$1 049", 1049},
    // Was: a "k" suffix is let through as part of a price but not applied: read as $1.5.
    {"$1.5k", 1500},
};

std::string describe(const std::optional<Price>& price) {
  if (!price) return "no price";
  std::string out = format_price(*price) + " (" + price->currency + ")";
  if (price->was) out += " was " + std::to_string(*price->was);
  return out;
}

bool row_holds(const PriceRow& row, const std::optional<Price>& price) {
  if (!row.amount) return !price.has_value();
  return price && std::fabs(price->amount - *row.amount) < 1e-9 && price->max == row.max &&
         price->was == row.was && price->currency == row.currency;
}

TEST(PriceTest, FixedGapsStayFixed) {
  for (const PriceRow& row : kFixedGaps) {
    std::optional<Price> actual = parse_price(row.text);
    std::optional<Price> expected;
    if (row.amount) expected = Price{*row.amount, row.max, row.was, std::string(row.currency)};
    EXPECT_TRUE(row_holds(row, actual));
    if (!(row_holds(row, actual))) std::printf("regressed%s: \"%.*s\" expected %s, got %s\n", row_holds(row, actual) ? " (now passes)" : "",
                static_cast<int>(row.text.size()), row.text.data(), describe(expected).c_str(),
                describe(actual).c_str());
  }
}

TEST(PriceTest, ParsePriceTable) {
  for (const PriceRow& row : kPriceRows) {
    SCOPED_TRACE(testing::Message() << "text: \"" << row.text << "\"");
    std::optional<Price> price = parse_price(row.text);
    if (!row.amount) {
      EXPECT_FALSE(price.has_value()) << "found " << (price ? format_price(*price) : "");
      EXPECT_TRUE(find_prices(row.text).empty());
      continue;
    }
    ASSERT_TRUE(price.has_value());
    EXPECT_DOUBLE_EQ(price->amount, *row.amount);
    EXPECT_EQ(price->max, row.max);
    EXPECT_EQ(price->was, row.was);
    EXPECT_EQ(price->currency, row.currency);
  }
}

struct PositionRow {
  std::string_view text;
  size_t begin;
  size_t end;
};

TEST(PriceTest, MentionCoversTheWholePhrase) {
  const std::vector<PositionRow> rows = {
      {"It costs $32.", 9, 12},
      {"was $60, now $42", 4, 16},
      {"$20\xE2\x80\x93$45 range", 0, 9},
      {"only 22,90 \xE2\x82\xAC today", 5, 14},
      {"from Sephora, $325", 14, 18},
      {"pay 30 USD", 4, 10},
  };
  for (const PositionRow& row : rows) {
    SCOPED_TRACE(testing::Message() << "text: \"" << row.text << "\"");
    auto mentions = find_prices(row.text);
    ASSERT_EQ(mentions.size(), 1u);
    EXPECT_EQ(mentions[0].begin, row.begin);
    EXPECT_EQ(mentions[0].end, row.end);
  }
}

TEST(PriceTest, FindsEveryMentionLeftToRight) {
  auto mentions = find_prices("The serum is $30 and the cream is \xC2\xA3" "25; SPF 50.");
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_DOUBLE_EQ(mentions[0].price.amount, 30);
  EXPECT_EQ(mentions[0].price.currency, "USD");
  EXPECT_DOUBLE_EQ(mentions[1].price.amount, 25);
  EXPECT_EQ(mentions[1].price.currency, "GBP");
  EXPECT_LT(mentions[0].end, mentions[1].begin);

  // Mixed currencies never make a range.
  auto mixed = find_prices("$20-\xC2\xA3" "45");
  ASSERT_EQ(mixed.size(), 2u);
  EXPECT_FALSE(mixed[0].price.max.has_value());
}

TEST(PriceTest, DefaultCurrencyAppliesToBareDollarSign) {
  auto mentions = find_prices("$40", "CAD");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].price.currency, "CAD");
  auto explicit_us = find_prices("US$40", "CAD");
  ASSERT_EQ(explicit_us.size(), 1u);
  EXPECT_EQ(explicit_us[0].price.currency, "USD");
}

struct AmountRow {
  std::string_view text;
  std::optional<double> value;
};

TEST(PriceTest, ParseAmountTable) {
  const std::vector<AmountRow> rows = {
      {"1,299.99", 1299.99}, {"22,90", 22.90},      {"1 049", 1049},       {"19.99", 19.99},
      {"4.5", 4.5},          {"1,299", 1299},       {"1.299.000", 1299000}, {"12.345,67", 12345.67},
      {"1.299", 1299},  // documented: a short dot-grouped number reads as thousands
      {"0.5", 0.5},          {" 42 ", 42},          {"abc", {}},           {"", {}},
      {".5", {}},            {"$5", {}},
  };
  for (const AmountRow& row : rows) {
    SCOPED_TRACE(testing::Message() << "text: \"" << row.text << "\"");
    auto value = parse_amount(row.text);
    ASSERT_EQ(value.has_value(), row.value.has_value());
    if (value) {
      EXPECT_DOUBLE_EQ(*value, *row.value);
    }
  }
}

TEST(PriceTest, FormatPriceTable) {
  struct Row {
    Price price;
    std::string_view expected;
  };
  const std::vector<Row> rows = {
      {{32, {}, {}, "USD"}, "$32"},
      {{0.99, {}, {}, "USD"}, "$0.99"},
      {{20, 45, {}, "USD"}, "$20\xE2\x80\x93$45"},
      {{18.5, {}, {}, "GBP"}, "\xC2\xA3" "18.50"},
      {{30, {}, {}, "EUR"}, "\xE2\x82\xAC" "30"},
      {{15, {}, {}, "AUD"}, "AUD 15"},
      {{42, {}, 60, "USD"}, "$42"},  // the old price is not shown
  };
  for (const Row& row : rows) {
    EXPECT_EQ(format_price(row.price), row.expected);
  }
}

TEST(PriceTest, FormatThenParseRoundTrips) {
  for (const Price& price : {Price{32, {}, {}, "USD"}, Price{20, 45, {}, "USD"},
                             Price{18.5, {}, {}, "GBP"}, Price{1299.99, {}, {}, "EUR"}}) {
    std::string text = format_price(price);
    SCOPED_TRACE(text);
    auto parsed = parse_price(text);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_DOUBLE_EQ(parsed->amount, price.amount);
    EXPECT_EQ(parsed->max, price.max);
    EXPECT_EQ(parsed->currency, price.currency);
  }
}

TEST(PriceTest, RangeSeparatorAtTheEndOfTheText) {
  // Found by the extractor fuzzer: a range separator as the last characters made the scanner
  // look one byte past the end.
  for (std::string_view text : {"$20 -", "$20 to", "$20\xE2\x80\x93", "20-", "was $6, now"}) {
    EXPECT_NO_FATAL_FAILURE(find_prices(text)) << text;
    auto mentions = find_prices(text);
    for (const auto& m : mentions) EXPECT_LE(m.end, text.size()) << text;
  }
}

struct FieldRow {
  std::string_view text;
  std::string_view hint;
  char decimal;
  std::optional<double> amount;
  std::string_view currency;
};

TEST(PriceFieldTest, BareNumbersAndSeparatorsInPriceFields) {
  const std::vector<FieldRow> rows = {
      {"28", "$", 0, 28, "USD"},
      {"35.00", "", 0, 35, ""},
      {"11 450 K\xC4\x8D", "", 0, 11450, ""},
      {"1\xC2\xA0" "298,00", "", 0, 1298, ""},
      {"From $ 24.95", "", 0, 24.95, "USD"},
      {"$30.56/Month", "", 0, 30.56, "USD"},
      {"1,500", "", 0, 1500, ""},
      {"0.500", "", 0, 0.5, ""},
      {" 423.923 KD", "", '.', 423.923, ""},
      {"53,20 \xE2\x82\xAC", "", 0, 53.2, "EUR"},
      {"No longer available", "", 0, std::nullopt, ""},
  };
  for (const FieldRow& row : rows) {
    SCOPED_TRACE(std::string(row.text));
    auto price = parse_price_field(row.text, row.hint, row.decimal);
    if (!row.amount) {
      EXPECT_FALSE(price.has_value());
      continue;
    }
    ASSERT_TRUE(price.has_value());
    EXPECT_NEAR(price->amount, *row.amount, 1e-9);
    EXPECT_EQ(price->currency, row.currency);
  }
}

// Conformance with scrapinghub/price-parser's own tests (see ../shared/conformance/README.md).
// Only the amount is compared: the reference reports raw currency symbols, not ISO codes.
TEST(PriceConformanceTest, PriceParserExamples) {
  const std::filesystem::path path = std::filesystem::path(BEAUTYIDX_SHARED_DIR) / "conformance" / "prices.json";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "../shared/conformance not found: price conformance table skipped";
  }
  std::ifstream in(path);
  nlohmann::json cases = nlohmann::json::parse(in);
  ASSERT_TRUE(cases.is_array());

  int total = 0, passed = 0;
  for (const auto& c : cases) {
    if (c.value("xfail", false)) continue;
    ++total;
    std::string text = c["price_string"].get<std::string>();
    std::string hint = c["currency_hint"].is_string() ? c["currency_hint"].get<std::string>() : "";
    char decimal = c["decimal_separator"].is_string() && !c["decimal_separator"].get<std::string>().empty()
                       ? c["decimal_separator"].get<std::string>()[0]
                       : 0;
    auto price = parse_price_field(text, hint, decimal);
    const auto& expected = c["expected_amount_decimal"];
    bool ok = expected.is_null()
                  ? !price.has_value()
                  : price.has_value() &&
                        std::fabs(price->amount - std::stod(expected.get<std::string>())) < 0.001;
    if (ok) ++passed;
  }
  ASSERT_GT(total, 0);
  double rate = static_cast<double>(passed) / total;
  std::printf("price conformance: %d/%d = %.3f\n", passed, total, rate);
  RecordProperty("price_conformance_passed", passed);
  RecordProperty("price_conformance_total", total);
  // Floor: the measured rate rounded down to 0.05. Price fields (parse_price_field) take bare
  // numbers, as the reference does; prose (find_prices) does not, on purpose.
  EXPECT_GE(rate, 0.95);
}

}  // namespace
}  // namespace beautyidx
