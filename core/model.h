// The records beautyidx extracts from a page and stores: plain values, no behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace beautyidx {

// A price as written on the page. `amount` is the lowest current price; `max` is set for a
// range ("$20-$45"); `was` for a markdown ("was $60, now $42"). Currency is ISO 4217.
struct Price {
  double amount = 0;
  std::optional<double> max;
  std::optional<double> was;
  std::string currency = "USD";
};

// What kind of expert a credential names; used for ranking and filtering.
enum class CredentialClass {
  kNone,
  kDermatologist,
  kPlasticSurgeon,
  kEsthetician,
  kCosmeticChemist,
  kMakeupArtist,
  kEditor,
  kOther,
};

struct Speaker {
  std::string name;         // full name without honorific ("Anna Karp")
  std::string credential;   // as worded in the article ("board-certified dermatologist")
  CredentialClass credential_class = CredentialClass::kNone;
  std::string affiliation;  // clinic, studio or brand ("DAPHNE"); empty when unknown
};

enum class Stance { kNeutral, kRecommends, kWarns };

struct Quote {
  std::string text;                // without its quotation marks
  std::optional<Speaker> speaker;  // empty when no speaker could be attributed
  bool indirect = false;           // a paraphrase ("She recommends ...") rather than a quote
  Stance stance = Stance::kNeutral;
  std::vector<std::string> concerns;    // taxonomy ids
  std::vector<std::string> techniques;  // taxonomy ids
  int section = 0;                      // index of the article section it appears in
};

struct Product {
  std::string name;      // without the brand
  std::string brand;     // empty when unknown
  std::string retailer;  // empty when sold by the brand itself or unknown
  Price price;
  std::string url;  // where to buy, when the page links it
  std::vector<std::string> concerns;
  std::vector<std::string> techniques;
  std::vector<int> evidence;  // indexes into the article's quotes that back this product
  int section = 0;
};

enum class PageKind { kArticle, kListing, kOther };

// One article section: a heading and the text under it.
struct Section {
  std::string heading;
  std::string text;
};

// Everything extracted from one page.
struct ExtractedPage {
  std::string url;
  std::string canonical_url;
  PageKind kind = PageKind::kOther;
  std::string title;
  std::vector<std::string> authors;
  std::optional<std::string> published;  // YYYY-MM-DD
  std::optional<std::string> modified;   // YYYY-MM-DD
  std::string description;
  std::string site_name;
  std::string language;  // primary subtag, lowercase ("en")
  std::string image;     // absolute URL of the lead image
  std::vector<std::string> tags;
  std::string text;  // main text, blocks separated by blank lines
  std::vector<Section> sections;
  std::string author_bio;  // kept apart from the text
  std::vector<Quote> quotes;
  std::vector<Product> products;
  std::vector<std::string> concerns;
  std::vector<std::string> techniques;
  std::vector<std::string> links;  // absolute URLs the crawler may follow
  std::vector<std::string> feeds;  // RSS/Atom URLs announced by the page
  std::vector<std::string> warnings;  // what was cut or repaired ("input truncated to 12 MiB")
  bool noindex = false;            // meta robots noindex
  bool nofollow = false;           // meta robots nofollow
};

const char* stance_name(Stance stance);
std::optional<Stance> parse_stance(std::string_view name);
const char* page_kind_name(PageKind kind);
const char* credential_class_name(CredentialClass c);
std::optional<CredentialClass> parse_credential_class(std::string_view name);

// Stable 64-bit id of a string (FNV-1a), printed as 16 hex digits. Used for article ids (from the
// canonical URL), product ids (brand + normalised name) and expert ids (normalised name).
std::string stable_id(std::string_view key);

}  // namespace beautyidx
