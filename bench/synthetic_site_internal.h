// The article side of the synthetic site (synthetic_site.cc) as its page chrome
// (synthetic_chrome*.cc) reads it too: the dice, number formatting, the catalog, what an
// article is about, and its title, path, author and dates. Internal to the
// beautyidx_synthetic_site library.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/synthetic_site_text.h"

namespace beautyidx::bench::synthetic {

// ---- Deterministic randomness ------------------------------------------------------------

inline std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
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

// ---- Numbers -----------------------------------------------------------------------------

inline void append_number(std::string& out, std::uint64_t n) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
  out.append(buffer, end);
}

inline void append_padded(std::string& out, unsigned n, int width) {
  char buffer[16];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
  out.append(static_cast<size_t>(std::max<std::ptrdiff_t>(0, width - (end - buffer))), '0');
  out.append(buffer, end);
}

// "$32", "$31.99".
inline void append_price(std::string& out, std::uint32_t cents) {
  out += '$';
  append_number(out, cents / 100);
  if (cents % 100 != 0) {
    out += '.';
    append_padded(out, cents % 100, 2);
  }
}

// ---- The catalog -----------------------------------------------------------------------

struct CatalogProduct {
  std::uint16_t brand;
  TypeId type;
  std::uint32_t cents;  // the list price, the same in every article
  std::string name;     // without the brand: "Rose Quartz Facial Roller"
};

// Every product, the same in every article; built on first use.
const std::vector<CatalogProduct>& catalog_products();

// ---- Articles ----------------------------------------------------------------------------

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

// About 1% of articles republish an earlier article's body under their own title and URL:
// the seed of article i's body and topic.
std::uint64_t body_seed(size_t i);
Topic topic_of(std::uint64_t body_seed);
// The headline of article `page` (HTML), drawn from its kTitle dice.
void append_title(std::string& out, const Topic& topic, size_t page);
void append_article_path(std::string& out, size_t i);  // "/posts/000042/"
void append_author(std::string& out, size_t a);        // "Riley Asante"

// ---- Dates -------------------------------------------------------------------------------

struct CivilDate {
  int year = 0;
  unsigned month = 0, day = 0;  // 1-based
};

// Published over about three and a half years, oldest first; the day's jitter is the first
// draw of the article's page dice, its author the next.
CivilDate publication_date(size_t i, size_t articles, Dice& page);
size_t author_of(Dice& page);

// "2024-03-07", as both the published_time meta and the byline's <time> carry it.
void append_iso_date(std::string& out, const CivilDate& date);
// "March 7, 2024", as bylines print a date.
void append_long_date(std::string& out, const CivilDate& date);

}  // namespace beautyidx::bench::synthetic
