#include "bench/synthetic_site.h"

#include <array>
#include <cstdio>
#include <string_view>

namespace beautyidx::bench {
namespace {

// A small deterministic generator: the page number is the seed.
class Dice {
 public:
  explicit Dice(size_t seed) : state_(seed * 2654435761u + 1) {}
  size_t roll(size_t n) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state_ >> 33) % n);
  }
  template <typename T, size_t N>
  const T& pick(const std::array<T, N>& items) { return items[roll(N)]; }

 private:
  unsigned long long state_;
};

constexpr std::array<std::string_view, 10> kConcerns = {
    "puffiness", "fine lines", "dark spots", "dryness", "redness", "breakouts", "dullness", "sagging",
    "enlarged pores", "frizz"};
constexpr std::array<std::string_view, 10> kTechniques = {
    "gua sha", "microcurrent", "facial massage", "lymphatic drainage", "LED light therapy", "retinol",
    "double cleansing", "chemical exfoliation", "ice rolling", "sheet masks"};
constexpr std::array<std::string_view, 8> kFirst = {"Maya", "Rohan", "Elena", "Theo", "Ines", "Jonah", "Priya", "Lena"};
constexpr std::array<std::string_view, 8> kLast = {"Okafor", "Lindgren", "Reyes", "Brandt", "Solis", "Chen", "Kowalski", "Haddad"};
constexpr std::array<std::string_view, 6> kCredentials = {
    "board-certified dermatologist", "licensed esthetician", "cosmetic chemist", "celebrity makeup artist",
    "board-certified plastic surgeon", "certified trichologist"};
constexpr std::array<std::string_view, 8> kBrands = {"Skin Gym", "Mount Lai", "NuFace", "CeraVe", "The Ordinary",
                                                     "La Roche-Posay", "Glow Recipe", "Kitsch"};
constexpr std::array<std::string_view, 8> kProducts = {"Jade Roller", "Gua Sha Tool", "Mini Toning Device",
                                                       "Hydrating Cleanser", "Caffeine Eye Serum", "Barrier Cream",
                                                       "Dew Drops", "Ice Roller"};
constexpr std::array<std::string_view, 6> kRetailers = {"Sephora", "Ulta", "Amazon", "Target", "Nordstrom", "Dermstore"};

}  // namespace

std::string SyntheticSite::article_path(size_t i) const {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "/posts/%06zu/", i);
  return buffer;
}

std::string SyntheticSite::article(size_t i) const {
  Dice dice(i);
  std::string concern(dice.pick(kConcerns)), technique(dice.pick(kTechniques));
  std::string first(dice.pick(kFirst)), last(dice.pick(kLast)), credential(dice.pick(kCredentials));
  std::string title = "What " + credential + "s say about " + technique + " for " + concern + " (#" + std::to_string(i) + ")";
  std::string html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
                     " | Synthetic Glow</title><meta property=\"og:type\" content=\"article\">"
                     "<meta name=\"author\" content=\"Staff Writer " + std::to_string(i % 17) + "\">"
                     "<meta property=\"article:published_time\" content=\"2025-" + std::to_string(1 + i % 12) + "-" +
                     std::to_string(10 + i % 18) + "\"></head><body>"
                     "<header class=\"site-header\"><nav class=\"main-nav\"><a href=\"/\">Home</a> <a href=\"/about/\">About</a></nav></header>"
                     "<main><article class=\"post\"><h1>" + title + "</h1><div class=\"entry-content\">";
  html += "<p>We asked " + credential + " " + first + " " + last + " whether " + technique + " really helps with " + concern +
          ", and what to buy if you want to try it at home without wasting money on gadgets that do nothing.</p>";
  for (int section = 0; section < 3; ++section) {
    html += "<h2>" + std::string(dice.pick(kTechniques)) + " and " + std::string(dice.pick(kConcerns)) + "</h2>";
    html += "<p>“Most people see a difference with " + technique + " within two weeks if they are consistent about it,” " +
            last + " says. “The mistake is pressing too hard, which only leaves the skin red and irritated.”</p>";
    html += "<p>Readers with " + concern + " asked us about routines, prices and timing, and the answers depended on skin type, "
            "budget and patience more than on any single product in the bathroom cabinet this season.</p>";
    std::string brand(dice.pick(kBrands)), product(dice.pick(kProducts)), retailer(dice.pick(kRetailers));
    html += "<p>Buy it now: " + brand + " " + product + " from " + retailer + ", $" + std::to_string(8 + dice.roll(300)) + "</p>";
  }
  html += "</div><section class=\"related-posts\"><h3>You may also like</h3><ul>";
  for (size_t k = 1; k <= 5; ++k) {
    size_t other = (i * 7 + k * 13) % articles_;
    html += "<li><a href=\"" + article_path(other) + "\">Post " + std::to_string(other) + "</a></li>";
  }
  html += "</ul></section><section id=\"comments\" class=\"comments-area\"><p>“Love this,” a reader wrote. $15 at Target!</p>"
          "</section></article></main><aside class=\"sidebar\"><p>Subscribe to our newsletter for weekly picks.</p></aside>"
          "<footer class=\"site-footer\">© Synthetic Glow</footer></body></html>";
  return html;
}

std::string SyntheticSite::home() const {
  std::string html = "<html><head><title>Synthetic Glow</title></head><body><main><ul>";
  for (size_t i = 0; i < std::min<size_t>(articles_, 50); ++i) {
    html += "<li><a href=\"" + article_path(i) + "\">Post " + std::to_string(i) + "</a></li>";
  }
  return html + "</ul></main></body></html>";
}

std::string SyntheticSite::sitemap(const std::string& origin) const {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
  for (size_t i = 0; i < articles_; ++i) xml += "<url><loc>" + origin + article_path(i) + "</loc></url>";
  return xml + "</urlset>";
}

}  // namespace beautyidx::bench
