// The vocabulary and sentence templates of bench/synthetic_site.cc: concerns and techniques
// by their taxonomy synonyms (data/taxonomy.json), product types and lines, brands and
// retailers as data/brands.txt and data/retailers.json spell them, experts' names and
// credentials in the extractor's vocabulary (extract/people.cc), and the sentences articles
// are written from. Static tables only; included by the synthetic site's sources alone (the
// page chrome's tables are in bench/synthetic_chrome_text.h).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace beautyidx::bench::synthetic {

using std::string_view;

// Alternatives written as one cell, "puffiness|puffy eyes|under-eye bags", and split at
// compile time.
class Options {
 public:
  static constexpr size_t kCapacity = 20;
  template <size_t N>
  constexpr Options(
      const char (&cell)[N]) {  // NOLINT(google-explicit-constructor): tables are plain strings
    string_view list(cell, N - 1);
    for (size_t start = 0;;) {
      size_t bar = list.find('|', start);
      items_[size_++] =
          list.substr(start, bar == string_view::npos ? string_view::npos : bar - start);
      if (bar == string_view::npos) break;
      start = bar + 1;
    }
  }
  constexpr size_t size() const { return size_; }
  constexpr string_view operator[](size_t k) const { return items_[k]; }

 private:
  std::array<string_view, kCapacity> items_{};
  size_t size_ = 0;
};

// ---- Concerns, techniques and slot fillers ---------------------------------------------

enum Domain : std::uint8_t { kSkin, kHair, kMakeup };

enum ConcernId : std::uint8_t {
  kPuffiness,
  kFineLines,
  kFirmness,
  kDullness,
  kDarkCircles,
  kAcne,
  kDarkSpots,
  kDryness,
  kRedness,
  kOiliness,
  kPores,
  kTexture,
  kHairThinning,
  kFrizz,
  kMakeupWear,
  kLips,
  kConcernCount
};

// Surface forms are synonyms from data/taxonomy.json, so the extractor finds the concern.
inline constexpr std::array<Options, kConcernCount> kConcernPhrases = {
    "puffiness|puffy eyes|under-eye bags|morning puffiness",
    "fine lines|wrinkles|crow's feet|forehead lines",
    "sagging|loss of firmness|jowls|skin laxity",
    "dullness|dull skin|lackluster skin",
    "dark circles|under-eye circles",
    "breakouts|acne|blackheads|congested skin",
    "dark spots|hyperpigmentation|sun spots|uneven skin tone",
    "dry skin|dehydrated skin|flaky skin|dryness",
    "redness|rosacea|sensitive skin",
    "oily skin|excess oil|shine",
    "enlarged pores|visible pores|clogged pores",
    "rough texture|uneven texture|bumpy skin",
    "thinning hair|hair shedding|hair loss",
    "frizz|frizzy hair|flyaways",
    "creasing|makeup slipping",
    "chapped lips|dry lips|cracked lips"};

enum TypeId : std::uint8_t {
  kFacialRoller,
  kGuaSha,
  kIceRoller,
  kIceGlobes,
  kToningDevice,
  kMicrocurrentWand,
  kLedMask,
  kLightWand,
  kRfDevice,
  kDermaRoller,
  kCleansingBrush,
  kScalpMassager,
  kSerum,
  kRetinolSerum,
  kEyeCream,
  kMoisturizer,
  kNightCream,
  kCleanser,
  kCleansingBalm,
  kToner,
  kPeelPads,
  kSunscreen,
  kFaceOil,
  kClayMask,
  kSleepingMask,
  kSheetMasks,
  kEyePatches,
  kLipMask,
  kPimplePatches,
  kHairOil,
  kHairMask,
  kScalpSerum,
  kHeatlessRod,
  kPrimer,
  kSettingSpray,
  kSettingPowder,
  kTypeCount
};

struct Technique {
  Options phrases;  // taxonomy synonyms
  Options tools;    // what the reader holds: "the {O}"
  std::array<TypeId, 3> types;
  std::array<ConcernId, 3> concerns;
  unsigned weight;
  Domain domain;
  bool topical;  // applied (retinol, toner) rather than handled (roller, device)
};

inline constexpr std::array<Technique, 18> kTechniques = {{
    {"gua sha|gua sha|facial gua sha",
     "gua sha stone|gua sha tool|stone",
     {kGuaSha, kFaceOil, kFacialRoller},
     {kPuffiness, kFirmness, kDullness},
     10,
     kSkin,
     false},
    {"microcurrent|microcurrent devices|microcurrent",
     "device|toning device|microcurrent device",
     {kToningDevice, kMicrocurrentWand, kSerum},
     {kFirmness, kFineLines, kPuffiness},
     8,
     kSkin,
     false},
    {"facial rollers|jade rollers|face rollers",
     "roller|jade roller|facial roller",
     {kFacialRoller, kIceRoller, kEyeCream},
     {kPuffiness, kDullness, kDarkCircles},
     8,
     kSkin,
     false},
    {"lymphatic drainage|lymphatic massage|lymphatic drainage",
     "roller|gua sha stone|ice roller",
     {kGuaSha, kIceGlobes, kFacialRoller},
     {kPuffiness, kDarkCircles, kDullness},
     7,
     kSkin,
     false},
    {"facial massage|face massage|facial massage",
     "face oil|gua sha stone|roller",
     {kFaceOil, kGuaSha, kCleansingBalm},
     {kDullness, kFirmness, kPuffiness},
     7,
     kSkin,
     false},
    {"LED light therapy|red light therapy|LED masks",
     "mask|LED mask|light therapy mask",
     {kLedMask, kLightWand, kSerum},
     {kFineLines, kAcne, kRedness},
     7,
     kSkin,
     false},
    {"retinol|retinoids|retinol",
     "serum|retinol serum|night cream",
     {kRetinolSerum, kNightCream, kMoisturizer},
     {kFineLines, kTexture, kDarkSpots},
     9,
     kSkin,
     true},
    {"chemical exfoliation|exfoliating acids|glycolic acid",
     "toner|peel pad|acid toner",
     {kToner, kPeelPads, kSerum},
     {kTexture, kPores, kDullness},
     7,
     kSkin,
     true},
    {"double cleansing|double cleansing|the double cleanse",
     "cleansing balm|balm|cleanser",
     {kCleansingBalm, kCleanser, kToner},
     {kPores, kAcne, kOiliness},
     6,
     kSkin,
     true},
    {"ice rolling|skin icing|cryotherapy",
     "ice roller|ice globes|roller",
     {kIceRoller, kIceGlobes, kEyePatches},
     {kPuffiness, kRedness, kDullness},
     6,
     kSkin,
     false},
    {"sheet masks|eye patches|sheet masks",
     "sheet mask|patch|mask",
     {kSheetMasks, kEyePatches, kSleepingMask},
     {kDryness, kDarkCircles, kDullness},
     5,
     kSkin,
     true},
    {"microneedling|derma rolling|microneedling",
     "derma roller|roller|microneedling tool",
     {kDermaRoller, kSerum, kMoisturizer},
     {kTexture, kFineLines, kDarkSpots},
     4,
     kSkin,
     false},
    {"slugging|slugging|occlusives",
     "balm|occlusive|night cream",
     {kNightCream, kSleepingMask, kLipMask},
     {kDryness, kRedness, kLips},
     4,
     kSkin,
     true},
    {"facial exercises|face yoga|facial exercises",
     "face oil|toning device|mirror",
     {kFaceOil, kToningDevice, kMoisturizer},
     {kFirmness, kFineLines, kPuffiness},
     4,
     kSkin,
     false},
    {"radiofrequency|radiofrequency devices|radiofrequency",
     "RF device|device",
     {kRfDevice, kToningDevice, kSerum},
     {kFirmness, kFineLines, kTexture},
     3,
     kSkin,
     false},
    {"scalp massage|scalp massage|scalp care",
     "scalp massager|massager",
     {kScalpMassager, kScalpSerum, kHairOil},
     {kHairThinning, kHairThinning, kFrizz},
     4,
     kHair,
     false},
    {"heatless curls|heatless styling|heatless curls",
     "curling rod|satin rod",
     {kHeatlessRod, kHairOil, kHairMask},
     {kFrizz, kFrizz, kHairThinning},
     3,
     kHair,
     false},
    {"setting spray|primer|setting spray",
     "setting spray|primer",
     {kSettingSpray, kPrimer, kSettingPowder},
     {kMakeupWear, kOiliness, kPores},
     3,
     kMakeup,
     true},
}};

// Products every routine needs, mentioned beside an article's own tools.
inline constexpr std::array<TypeId, 9> kSkinStaples = {kSunscreen, kMoisturizer, kCleanser,
                                                       kSerum,     kEyeCream,    kPimplePatches,
                                                       kClayMask,  kLipMask,     kNightCream};
inline constexpr std::array<TypeId, 3> kHairStaples = {kHairOil, kHairMask, kScalpSerum};
inline constexpr std::array<TypeId, 3> kMakeupStaples = {kPrimer, kSettingSpray, kLipMask};

inline constexpr std::array<Options, 3> kAreas = {
    "under-eye area|jawline|cheekbone area|forehead|neck|brow bone|temple area|chin|area around "
    "the mouth|eye area",
    "scalp|hairline|crown|part line|nape", "T-zone|eyelid area|under-eye area|chin|nose"};

inline constexpr Options kWeeks =
    "two weeks|three weeks|four weeks|six weeks|eight weeks|a month|two months|three months|ten "
    "days";
inline constexpr Options kFrequencies =
    "twice a week|every other night|three times a week|once a day|most mornings|every evening|four "
    "times a week|on weekends";
inline constexpr Options kMinutes =
    "two minutes|five minutes|three minutes|ten minutes|a minute or two|five to ten minutes";
inline constexpr Options kWhen =
    "in the morning|before bed|after cleansing|right after a shower|while the coffee brews|at "
    "night|first thing in the "
    "morning|after a workout";
inline constexpr Options kSkinTypes =
    "oily skin|combination skin|dry skin|sensitive skin|mature skin|acne-prone skin|normal "
    "skin|very fair skin|deeper skin tones";
inline constexpr Options kIngredients =
    "hyaluronic acid|niacinamide|vitamin C|peptides|ceramides|squalane|azelaic "
    "acid|centella|caffeine|glycerin|panthenol|"
    "tranexamic acid";
inline constexpr Options kSeasons =
    "winter|summer|allergy season|the first cold snap|a humid August|spring";
inline constexpr Options kTesters =
    "one of our editors|our senior writer|a tester in her fifties|our youngest tester|a colleague "
    "who travels every week|the "
    "most skeptical tester|a reader volunteer|our photo editor";
inline constexpr Options kNumbers = "three|four|five|six|seven|eight";
inline constexpr Options kYears = "five|ten|twelve|fifteen|twenty|eight";
inline constexpr Options kCities =
    "Chicago|Austin|Miami|Denver|Seattle|Boston|Brooklyn|Portland|Atlanta|Nashville|Toronto|London|"
    "Los Angeles|San Diego";

// ---- Products ----------------------------------------------------------------------------

enum Category : std::uint8_t {
  kTools = 1,
  kDevices = 2,
  kSkincare = 4,
  kHaircare = 8,
  kMakeupCat = 16
};
enum Tier : std::uint8_t { kDrugstore, kPrestige, kLuxury };

struct ProductType {
  string_view noun;        // ends every product name of the type: "Facial Roller"
  string_view short_noun;  // how people refer to it: "the Mount Lai roller"
  string_view plural;      // listicle titles
  Options lines;           // what precedes the noun: "Rose Quartz|Jade|..."
  unsigned min_price, max_price;
  std::uint8_t categories;
  bool minis;  // also sold as a mini
};

inline constexpr std::array<ProductType, kTypeCount> kTypes = {{
    {"Facial Roller", "roller", "facial rollers",
     "Jade|Rose Quartz|Amethyst|Obsidian|Green Aventurine|Clear Quartz|Stainless Steel|Dual-Ended "
     "Jade|Mini Jade|Black "
     "Obsidian|Sculpting|De-Puffing Jade",
     15, 60, kTools, false},
    {"Gua Sha", "gua sha", "gua sha tools",
     "Rose Quartz|Jade|Bian Stone|Heart-Shaped|Stainless "
     "Steel|Amethyst|Sculpting|Comb-Edge|Nephrite Jade|Obsidian|Wing|"
     "Contour",
     18, 65, kTools, false},
    {"Ice Roller", "ice roller", "ice rollers",
     "Cryo|Arctic|Stainless Steel|Mini|Cooling Gel|Dual|Frost|Travel", 10, 35, kTools | kDevices,
     false},
    {"Ice Globes", "ice globes", "ice globes",
     "Cryo|Crystal|Frosted|Arctic Blue|Rose Gold|Glass|Cooling", 20, 45, kTools, false},
    {"Facial Toning Device", "toning device", "microcurrent devices",
     "Trinity|Mini|Pro|Sculpt|Lift|Wave|Glow|Contour|Pulse|Fix|Petite|Elite", 150, 450, kDevices,
     false},
    {"Microcurrent Wand", "wand", "microcurrent wands", "Lift|Sculpt|Tone|Boost|Go|Smart|Bar|Halo",
     90, 300, kDevices, false},
    {"LED Mask", "LED mask", "LED masks",
     "Red Light|Red and Blue|Contour|Flex|Pro|Near-Infrared|Clear Skin|Lite|Glow|Rejuvenate", 90,
     500, kDevices, false},
    {"Light Therapy Wand", "light wand", "light therapy wands", "Red|Blue|Spot|Duo|Eye|Lip", 40,
     160, kDevices, false},
    {"Radiofrequency Device", "RF device", "radiofrequency devices",
     "Lift|Tighten|Renew|Firm|Pro|Sculpt|Contour", 180, 450, kDevices, false},
    {"Derma Roller", "derma roller", "derma rollers", "0.25mm|0.5mm|Titanium|Home|Scalp|Eye", 15,
     45, kTools, false},
    {"Cleansing Brush", "cleansing brush", "cleansing brushes",
     "Sonic|Silicone|Gentle|Mini|Deep Pore|Travel", 30, 220, kDevices, false},
    {"Scalp Massager", "scalp massager", "scalp massagers",
     "Silicone|Electric|Shower|Soft-Touch|Waterproof|Vibrating", 8, 45, kTools | kHaircare, false},
    {"Serum", "serum", "serums",
     "Vitamin C 15%|Niacinamide 10%|Hyaluronic Acid 2%|Peptide|Copper Peptide|Azelaic Acid "
     "10%|Tranexamic Acid 5%|"
     "Squalane|Ceramide|Centella|Snail Mucin|Ferulic|Brightening|Barrier "
     "Repair|Glow|Firming|Clarifying|Calming",
     12, 90, kSkincare, true},
    {"Retinol Serum", "retinol", "retinol serums",
     "0.25%|0.5%|1%|Gentle|Encapsulated|Overnight|Bakuchiol and|Granactive|Beginner|Advanced", 15,
     85, kSkincare, true},
    {"Eye Cream", "eye cream", "eye creams",
     "Caffeine|Peptide|Retinol|Brightening|Depuffing|Hydrating|Firming|Vitamin C|Ceramide|Cooling "
     "Gel",
     15, 75, kSkincare, true},
    {"Moisturizer", "moisturizer", "moisturizers",
     "Daily|Oil-Free|Gel|Barrier|Ceramide|Hydrating|Mattifying|Whipped|Water|Peptide|Lightweight|"
     "Rich|Calming|Oat",
     10, 95, kSkincare, true},
    {"Night Cream", "night cream", "night creams",
     "Retinol|Peptide|Repair|Recovery|Overnight|Firming|Restorative|Ceramide", 14, 95, kSkincare,
     true},
    {"Cleanser", "cleanser", "cleansers",
     "Foaming|Hydrating|Gentle|Gel|Cream|Salicylic "
     "Acid|Milky|Balancing|Jelly|Oat|Enzyme|Clarifying",
     8, 40, kSkincare, true},
    {"Cleansing Balm", "cleansing balm", "cleansing balms",
     "Original|Melting|Oat|Papaya|Green Tea|Zero|Makeup-Melting|Sunflower", 15, 45, kSkincare,
     true},
    {"Toner", "toner", "toners",
     "Glycolic Acid 7%|Watermelon "
     "Glow|Rose|Hydrating|Balancing|BHA|Milky|Rice|PHA|Exfoliating|Essence",
     10, 40, kSkincare, true},
    {"Peel Pads", "peel pads", "peel pads",
     "Daily|Glycolic|Alpha Beta|Extra Strength|Gentle|Resurfacing|Lactic Acid|Universal", 15, 90,
     kSkincare, false},
    {"Sunscreen SPF 50", "sunscreen", "sunscreens",
     "Mineral|Daily|Tinted|Invisible|Sheer|Clear|Hydrating|Matte|Glow|Sport|Sensitive|Everyday", 12,
     48, kSkincare, true},
    {"Face Oil", "face oil", "face oils",
     "Rosehip|Marula|Squalane|Jojoba|Blue Tansy|Camellia|Midnight|Luna|Vitamin C|Sea Buckthorn", 18,
     80, kSkincare, true},
    {"Clay Mask", "clay mask", "clay masks",
     "Kaolin|Pink|Charcoal|Green|Rare Earth|Pore-Refining|Detox|Sulfur", 12, 50, kSkincare, false},
    {"Sleeping Mask", "sleeping mask", "sleeping masks",
     "Water|Overnight|Watermelon|Ceramide|Cica|Honey|Peptide|Recovery", 18, 55, kSkincare, true},
    {"Sheet Mask Set", "sheet masks", "sheet masks",
     "Hydrating|Brightening|Calming|Collagen|Honey|Cica|Vitamin|Aloe", 12, 35, kSkincare, false},
    {"Eye Patches", "eye patches", "eye patches",
     "Hydrogel|Gold|Caffeine|Depuffing|Cooling|Puffy Eyes|Bright Eyes|Overnight", 12, 45, kSkincare,
     false},
    {"Lip Mask", "lip mask", "lip masks",
     "Berry|Vanilla|Overnight|Peptide|Honey|Gummy Bear|Mint|Coconut", 8, 28, kSkincare | kMakeupCat,
     false},
    {"Pimple Patches", "patches", "pimple patches",
     "Original|Invisible|Microdart|Overnight|Clear|Jumbo|Spot", 6, 20, kSkincare, false},
    {"Hair Oil", "hair oil", "hair oils",
     "Argan|Honey Infused|Rosemary|Bond|Silk|Camellia|Shine|Lightweight", 18, 55, kHaircare, true},
    {"Hair Mask", "hair mask", "hair masks",
     "Repair|Deep Conditioning|Bond|Scalp|Curl|Moisture|Strength|Honey", 18, 48, kHaircare, true},
    {"Scalp Serum", "scalp serum", "scalp serums",
     "Rosemary|Peptide|Density|Thickening|Biotin|Caffeine|Growth|Balancing", 20, 68, kHaircare,
     false},
    {"Heatless Curling Rod", "curling rod", "heatless curlers",
     "Satin|Silk|Cloud|Overnight|Velvet|Jumbo", 10, 32, kHaircare | kTools, false},
    {"Primer", "primer", "primers",
     "Pore|Hydrating|Grip|Blurring|Glow|Mattifying|Smoothing|Color-Correcting", 18, 48, kMakeupCat,
     true},
    {"Setting Spray", "setting spray", "setting sprays",
     "Long-Wear|Dewy|Matte|All Nighter|Hydrating|Airbrush|Refresh|Mist", 15, 38, kMakeupCat, true},
    {"Setting Powder", "setting powder", "setting powders",
     "Translucent|Airbrush|Loose|Blurring|Soft Focus|Pressed", 15, 48, kMakeupCat, false},
}};

struct Brand {
  string_view name;  // as data/brands.txt spells it, so the extractor splits it off
  std::uint8_t categories;
  Tier tier;
};

inline constexpr std::array<Brand, 73> kBrands = {{
    {"Mount Lai", kTools, kPrestige},
    {"Skin Gym", kTools | kDevices, kDrugstore},
    {"Kitsch", kTools | kHaircare, kDrugstore},
    {"Herbivore", kTools | kSkincare, kPrestige},
    {"NuFace", kDevices, kLuxury},
    {"ZIIP", kDevices, kLuxury},
    {"FOREO", kDevices, kPrestige},
    {"TriPollar", kDevices, kPrestige},
    {"Omnilux", kDevices, kLuxury},
    {"Medicube", kDevices | kSkincare, kPrestige},
    {"Dr. Dennis Gross", kDevices | kSkincare, kLuxury},
    {"Silk'n", kDevices, kDrugstore},
    {"Conair", kDevices | kTools | kHaircare, kDrugstore},
    {"CeraVe", kSkincare, kDrugstore},
    {"Cetaphil", kSkincare, kDrugstore},
    {"Neutrogena", kSkincare, kDrugstore},
    {"Olay", kSkincare, kDrugstore},
    {"La Roche-Posay", kSkincare, kDrugstore},
    {"Aveeno", kSkincare, kDrugstore},
    {"Vanicream", kSkincare, kDrugstore},
    {"Garnier", kSkincare | kHaircare, kDrugstore},
    {"Bioderma", kSkincare, kDrugstore},
    {"Avène", kSkincare, kDrugstore},
    {"The Ordinary", kSkincare | kHaircare, kDrugstore},
    {"The Inkey List", kSkincare, kDrugstore},
    {"Naturium", kSkincare, kDrugstore},
    {"Cosrx", kSkincare, kDrugstore},
    {"Hero Cosmetics", kSkincare, kDrugstore},
    {"Pixi", kSkincare | kMakeupCat, kDrugstore},
    {"Paula's Choice", kSkincare, kPrestige},
    {"Glow Recipe", kSkincare, kPrestige},
    {"Drunk Elephant", kSkincare, kPrestige},
    {"Laneige", kSkincare, kPrestige},
    {"Sunday Riley", kSkincare, kPrestige},
    {"Kiehl's", kSkincare, kPrestige},
    {"Clinique", kSkincare | kMakeupCat, kPrestige},
    {"Murad", kSkincare, kPrestige},
    {"Peter Thomas Roth", kSkincare, kPrestige},
    {"Kate Somerville", kSkincare, kPrestige},
    {"Biossance", kSkincare, kPrestige},
    {"First Aid Beauty", kSkincare, kPrestige},
    {"Youth to the People", kSkincare, kPrestige},
    {"Summer Fridays", kSkincare, kPrestige},
    {"EltaMD", kSkincare, kPrestige},
    {"Caudalie", kSkincare, kPrestige},
    {"Dermalogica", kSkincare, kPrestige},
    {"Alpha-H", kSkincare, kPrestige},
    {"Peace Out", kSkincare, kPrestige},
    {"Mario Badescu", kSkincare, kDrugstore},
    {"Embryolisse", kSkincare, kPrestige},
    {"Tatcha", kSkincare, kLuxury},
    {"Elemis", kSkincare, kLuxury},
    {"SkinCeuticals", kSkincare, kLuxury},
    {"Shani Darden", kSkincare, kLuxury},
    {"Augustinus Bader", kSkincare, kLuxury},
    {"Olaplex", kHaircare, kPrestige},
    {"Briogeo", kHaircare, kPrestige},
    {"Gisou", kHaircare, kLuxury},
    {"Ouai", kHaircare, kPrestige},
    {"Bumble and bumble", kHaircare, kPrestige},
    {"Rogaine", kHaircare, kDrugstore},
    {"Charlotte Tilbury", kMakeupCat | kSkincare, kLuxury},
    {"Milk Makeup", kMakeupCat, kPrestige},
    {"Tower 28", kMakeupCat | kSkincare, kPrestige},
    {"Rare Beauty", kMakeupCat, kPrestige},
    {"Urban Decay", kMakeupCat, kPrestige},
    {"Hourglass", kMakeupCat, kLuxury},
    {"NYX Professional Makeup", kMakeupCat, kDrugstore},
    {"Biologique Recherche", kSkincare, kLuxury},
    {"Sol de Janeiro", kHaircare | kSkincare, kPrestige},
    {"Wildling", kTools, kPrestige},
    {"Sdara Skincare", kTools | kSkincare, kPrestige},
    {"Revlon", kTools | kHaircare, kDrugstore},
}};

struct Retailer {
  string_view name;    // as data/retailers.json names it (or an alias)
  string_view domain;  // for "($32, sephora.com)" and affiliate links
  unsigned weight[3];  // by tier: drugstore, prestige, luxury
};

inline constexpr std::array<Retailer, 12> kRetailers = {{
    {"Sephora", "sephora.com", {4, 24, 22}},
    {"Ulta", "ulta.com", {16, 16, 6}},
    {"Amazon", "amazon.com", {24, 12, 6}},
    {"Target", "target.com", {18, 2, 0}},
    {"Nordstrom", "nordstrom.com", {0, 6, 14}},
    {"Dermstore", "dermstore.com", {4, 8, 10}},
    {"Walmart", "walmart.com", {12, 0, 0}},
    {"CVS", "cvs.com", {10, 0, 0}},
    {"Bluemercury", "bluemercury.com", {0, 4, 10}},
    {"SkinStore", "skinstore.com", {4, 6, 4}},
    {"Cult Beauty", "cultbeauty.com", {0, 4, 6}},
    {"Space NK", "spacenk.com", {0, 3, 8}},
}};

// ---- People ------------------------------------------------------------------------------

inline constexpr std::array<string_view, 40> kFirstNames = {
    "Anna", "Mara", "Lena", "Priya", "Elena", "Sofia", "Nadia", "Camille", "Ines", "Maya", "Julia",
    "Hana", "Leila", "Tess", "Renee", "Olivia", "Simone", "Claire", "Yuki", "Amara", "Noor",
    "Vivian", "Dana", "Carla", "Ruth", "Helena",
    // from here on: he
    "Jonah", "Theo", "Rohan", "Marcus", "Daniel", "Omar", "Felix", "Andre", "Kenji", "Samuel",
    "Luca", "Mateo", "Ethan", "Victor"};
inline constexpr size_t kFirstFemale = 26;
inline constexpr std::array<string_view, 40> kLastNames = {
    "Karp",      "Ellison",    "Vogt",      "Okafor",     "Lindgren", "Reyes",     "Brandt",
    "Solis",     "Chen",       "Kowalski",  "Haddad",     "Moreau",   "Takahashi", "Novak",
    "Abernathy", "Castellano", "Delacroix", "Fitzgerald", "Gupta",    "Halvorsen", "Ibarra",
    "Jansen",    "Kimura",     "Larkin",    "Mendoza",    "Nakamura", "Osei",      "Petrov",
    "Quintero",  "Rasmussen",  "Sandoval",  "Thorne",     "Umarov",   "Valdez",    "Whitfield",
    "Yilmaz",    "Zhang",      "Barros",    "Dumont",     "Ferreira"};

enum class Field : std::uint8_t { kDoctor, kSkinPro, kChemist, kMakeup, kHair, kNurse, kWellness };

struct Credential {
  string_view wording;  // in the extractor's vocabulary (extract/people.cc)
  string_view plural;
  unsigned weight;
  Field field;
  // Where such a person works: {S} their surname, {P} a place, {W} a word from the lists below.
  Options affiliations;
};

inline constexpr std::array<Credential, 22> kCredentials = {{
    {"board-certified dermatologist", "dermatologists", 14, Field::kDoctor,
     "{S} Dermatology|{P} Dermatology|{P} Skin Institute"},
    {"dermatologist", "dermatologists", 5, Field::kDoctor,
     "{S} Dermatology|{P} Dermatology|{P} Skin Institute"},
    {"cosmetic dermatologist", "dermatologists", 4, Field::kDoctor,
     "{S} Dermatology|{P} Dermatology|{P} Skin Institute"},
    {"double-board-certified dermatologist", "dermatologists", 2, Field::kDoctor,
     "{S} Dermatology|{P} Dermatology|{P} Skin Institute"},
    {"board-certified plastic surgeon", "plastic surgeons", 4, Field::kDoctor,
     "{P} Plastic Surgery|{S} Facial Plastics|{P} Surgical Arts"},
    {"facial plastic surgeon", "plastic surgeons", 3, Field::kDoctor,
     "{P} Plastic Surgery|{S} Facial Plastics|{P} Surgical Arts"},
    {"oculoplastic surgeon", "oculoplastic surgeons", 1, Field::kDoctor,
     "{P} Plastic Surgery|{S} Facial Plastics|{P} Surgical Arts"},
    {"licensed esthetician", "estheticians", 9, Field::kSkinPro,
     "Studio {W}|{W} Skin Studio|The {W} Room"},
    {"celebrity esthetician", "estheticians", 4, Field::kSkinPro,
     "Studio {W}|{W} Skin Studio|The {W} Room"},
    {"medical esthetician", "estheticians", 3, Field::kSkinPro,
     "Studio {W}|{W} Skin Studio|The {W} Room"},
    {"facialist", "facialists", 3, Field::kSkinPro, "Studio {W}|{W} Skin Studio|The {W} Room"},
    {"celebrity facialist", "facialists", 2, Field::kSkinPro,
     "Studio {W}|{W} Skin Studio|The {W} Room"},
    {"skin therapist", "skin therapists", 2, Field::kSkinPro,
     "Studio {W}|{W} Skin Studio|The {W} Room"},
    {"lymphatic drainage specialist", "lymphatic drainage specialists", 3, Field::kSkinPro,
     "Studio {W}|{W} Skin Studio|The {W} Room"},
    {"cosmetic chemist", "cosmetic chemists", 9, Field::kChemist, "{W} Labs|{W} Cosmetic Lab"},
    {"cosmetic formulator", "cosmetic chemists", 2, Field::kChemist, "{W} Labs|{W} Cosmetic Lab"},
    {"celebrity makeup artist", "makeup artists", 4, Field::kMakeup, "{W} Artistry"},
    {"makeup artist", "makeup artists", 3, Field::kMakeup, "{W} Artistry"},
    {"certified trichologist", "trichologists", 3, Field::kHair,
     "{W} Hair Studio|The {W} Scalp Clinic"},
    {"celebrity hairstylist", "hairstylists", 2, Field::kHair,
     "{W} Hair Studio|The {W} Scalp Clinic"},
    {"aesthetic nurse practitioner", "nurse practitioners", 2, Field::kNurse, "{P} Aesthetics"},
    {"licensed acupuncturist", "acupuncturists", 1, Field::kWellness, "{W} Wellness"},
}};

inline constexpr Options kPlaces =
    "Northside|Lakeview|Harborview|Riverside|Westgate|Bayview|Midtown|Hillcrest|Parkside|Eastbrook|"
    "Southport|Union Square";
inline constexpr Options kOrgWords =
    "Juniper|Marigold|Linden|Solstice|Cedar|Ivory|Saffron|Willow|Atlas|Clover|Meridian|Nine|"
    "Halcyon|Opal";

inline constexpr std::array<string_view, 20> kAuthorFirst = {
    "Riley",  "Jordan", "Casey",   "Morgan", "Avery",  "Quinn", "Harper",
    "Rowan",  "Sage",   "Emerson", "Blake",  "Skyler", "Reese", "Parker",
    "Hayden", "Jamie",  "Kendall", "Logan",  "Peyton", "Sydney"};
inline constexpr std::array<string_view, 20> kAuthorLast = {
    "Asante",    "Barraza",   "Whitaker",   "Holloway", "Marchetti",  "Lindqvist", "Okonkwo",
    "Sorensen",  "Tanaka",    "Villanueva", "Beaumont", "Carrington", "Donnelly",  "Eriksen",
    "Fairbanks", "Gallagher", "Hartmann",   "Iverson",  "Jovanovic",  "Keane"};

// ---- Sentences -----------------------------------------------------------------------------
//
// Tags before a sentence say what it can be written about: '~' only tools and devices, '%'
// only what is applied (see Technique::topical); '*' any domain, '@' only hair and makeup;
// untagged, only skin.
//
// Slots: {T}/{U} technique and second technique, {C}/{D} concern and second concern, {A}
// area, {W} weeks, {F} frequency, {M} minutes, {E} when, {K} skin type, {I} ingredient, {S}
// season, {R} tester, {N} number, {Y} years, {Z} city, {O} tool, {J} product type (plural),
// {B} the current product ("Mount Lai gua sha"), {L} the current expert's surname ("Karp",
// "Dr. Karp"), {H} her/his pronoun, {X} credential, {V} full name, {G} affiliation, {Q} the
// first expert's credential (plural), {$} budget, {#} item count. {^x} capitalizes.

enum Role : std::uint8_t {
  kExplain,
  kEvidence,
  kTest,
  kRoutine,
  kMistakes,
  kPairing,
  kShopping,
  kBudget,
  kWhoSkip,
  kVerdict,
  kRoleCount
};

inline constexpr std::array<Options, kRoleCount> kHeadings = {
    "How {T} works|What {T} actually does|The idea behind {T}|Why {T} and {C} go together|{^T}, "
    "explained|The causes of {C}",
    "What the research says|Is there evidence for {T}?|The science, briefly|What studies show "
    "about {C}|What we know so far",
    "What {W} of testing showed|What happened when we tried it|{^N} testers, {W}|Testing {T} at "
    "home|Our notes after {W}",
    "How to do {T} at home|A routine for {C} in {M}|Step by step|When to do it: {E}|Building {T} "
    "into your routine|Technique, "
    "stroke by stroke",
    "Common mistakes|What not to do|Where people go wrong with {T}|Pressure, timing and other "
    "pitfalls|Mistakes that make {C} worse",
    "What to pair with {T}|Ingredients that work with {T}|Combining {T} with {U}|{^T} or "
    "{U}|What else to add",
    "What to buy|The tools we kept using|Products worth your money|Our picks for {C}|What is in "
    "our kit|Shop the routine",
    "Do you need to spend a lot?|Splurge or save|What {T} costs|The budget version|Cost per use",
    "Who should skip {T}|When to see a professional|Who needs extra care|A note on sensitivity|Red "
    "flags",
    "The verdict|Our take|Bottom line|Is it worth it?|What we would tell a friend|The short "
    "version"};

inline constexpr std::array<string_view, 24> kExplainSentences = {
    "~{^T} works by moving fluid and warming the tissue, which is why the first change people "
    "notice is usually around the {A}.",
    "~The theory is simple: gentle, repeated pressure encourages circulation, and better "
    "circulation can soften the look of {C}.",
    "~Most of what you see after a session is temporary, a mix of warmth, blood flow and fluid "
    "shifting away from the {A}.",
    "~Practitioners used versions of {T} for generations, long before anyone filmed it for social "
    "media.",
    "~Unlike a serum, {T} puts nothing into the skin; the effect comes from the movement itself.",
    "The skin around the {A} is thinner than elsewhere, so it shows changes from {T} first.",
    "*Think of {T} as a way to nudge the skin, not to remodel it.",
    "There are several causes of {C}, from genetics to sleep to salt, and no single routine "
    "addresses all of them.",
    "~A typical session takes {M} and follows the same direction every time, from the center of "
    "the face outward.",
    "*Part of the appeal is ritual: {M} of slowing down also makes you gentler with the rest of "
    "your routine.",
    "~The {O} itself is only a vehicle; the angle, speed and pressure decide most of what happens.",
    "~Fluid collects overnight, which is why mornings are the hardest time for {C} and evenings "
    "the easiest.",
    "*{^C} and {D} often travel together, and routines aimed at one tend to touch the other.",
    "*The effect builds over {W}, so a single day says very little about what you will see in a "
    "month.",
    "%{^T} works on the surface first, which is why texture and glow change before anything deeper "
    "does.",
    "%Dermatologists have recommended versions of {T} for decades, long before the current wave of "
    "videos.",
    "%Most of what you see in the first week is the skin adjusting, not the result you are after.",
    "%Formulation matters more than concentration, and a gentle product used {F} beats a strong "
    "one used once.",
    "%The skin barrier decides how much you can tolerate, so people with {K} usually start lower "
    "and slower.",
    "%Unlike a tool, {T} changes how the skin behaves over {W}, not in the ten minutes after you "
    "use it.",
    "@{^T} is less about a single product than about how the {O} fits into a routine you already "
    "have.",
    "@The {A} responds to small, steady changes more than to dramatic ones.",
    "@There are many causes of {C}, from humidity to hormones to habits, and no one step fixes all "
    "of them.",
    "@The technique matters as much as the {O}, and it takes a few tries to get right."};

inline constexpr std::array<string_view, 15> kEvidenceSentences = {
    "*The research on {T} is still small, mostly short trials with a few dozen participants and no "
    "long follow-up.",
    "*A handful of studies report measurable changes in {C} after {W}, though most were funded by "
    "the brands involved.",
    "What the studies measure, such as thickness or elasticity, is not always what readers see in "
    "the mirror.",
    "*Independent trials are rare, so much of what we know comes from clinics and from careful "
    "personal experiments.",
    "The better-designed studies compared one side of the face with the other, which removes a lot "
    "of guesswork.",
    "*Researchers mostly agree on the short-term effect on {C}; the long-term picture is less "
    "clear.",
    "Ingredients like {I} have far more published evidence behind them than any tool does.",
    "*Placebo effects are strong in beauty, one reason photographs under the same light matter so "
    "much.",
    "Dermatology journals have covered {T} more often in the last {Y} years than in the decades "
    "before.",
    "*None of the studies we read found lasting problems from gentle, at-home use.",
    "Small samples make it hard to say who gains most, though volunteers with {K} were common in "
    "the trials we found.",
    "The numbers involved are modest: a few percent more firmness or hydration, measured with "
    "instruments most of us never see.",
    "%The strongest evidence is for prescription versions; over-the-counter formulas are gentler "
    "and slower.",
    "~Device studies are small, and the settings used in clinics are stronger than anything sold "
    "for home use.",
    "@Most of the evidence comes from stylists and artists rather than from trials, which is worth "
    "keeping in mind."};

inline constexpr std::array<string_view, 15> kTestSentences = {
    "*We tested {T} on {N} volunteers for {W}, taking photos in the same window light every "
    "Sunday.",
    "*{^R} used the {O} {F}, always {E}, and kept notes on how the {A} looked an hour later.",
    "*By the end of the second week, {R} noticed less {C} in the mornings, though the change faded "
    "by lunch.",
    "*Not everyone kept going: two testers dropped out, one because of a busy schedule and one "
    "because the {A} felt tender.",
    "*Side-by-side photos told a clearer story than our notes; the change in {C} was subtle but "
    "consistent.",
    "*We alternated {T} with a week off to see whether the improvement lasted, and most of it "
    "slowly faded.",
    "{^R} with {K} saw the biggest difference, perhaps because the starting point left more room "
    "to improve.",
    "~*The first few sessions felt awkward, and it took most of us about {W} to find a rhythm.",
    "We kept everything else in our routines the same, from cleanser to sunscreen, so the "
    "comparison was fair.",
    "*After {W}, the most consistent comment was about texture rather than {C}.",
    "*Our most skeptical tester admitted the {A} looked brighter on mornings after a session.",
    "~We logged every session in a shared spreadsheet, {N} columns of notes on time, pressure and "
    "how the skin felt.",
    "%The first week brought some dryness around the {A}, which settled once we cut back to {F}.",
    "%We logged every application in a shared spreadsheet, with notes on stinging, dryness and "
    "glow.",
    "@We logged every session in a shared spreadsheet, with notes on time, products and how long "
    "the result held."};

inline constexpr std::array<string_view, 23> kRoutineSentences = {
    "~Start with clean skin and a few drops of face oil so the {O} glides instead of tugging.",
    "~Work from the center of the face outward, {N} strokes per area, ending at the ears to move "
    "fluid toward the lymph nodes.",
    "~Keep sessions to {M}; longer ones did not add much in our testing.",
    "*Doing it {E} made it easier to stick with, since it fit into a habit we already had.",
    "~Hold the {O} almost flat against the skin, at an angle of about fifteen degrees, with light "
    "pressure.",
    "~For the {A}, switch to the smallest edge and use half the pressure you use on the cheeks.",
    "*Aim for {F} at first, then adjust based on the results.",
    "Finish with a moisturizer suited to {K}, and in the morning, sunscreen on top.",
    "~Chilling the {O} for ten minutes beforehand adds a cooling effect that many testers liked "
    "{E}.",
    "~Clean the {O} with warm water and mild soap after each use, and let it dry completely.",
    "Drink enough water and go easy on salt the night before, and the morning result improves "
    "noticeably.",
    "*If you are short on time, focus on the {A}; it is where most people see the change first.",
    "~*A mirror and good light make a surprising difference while you learn the strokes.",
    "%Apply a pea-sized amount to dry skin and wait a minute before the next step.",
    "%Start {F} and increase only when the skin stops protesting.",
    "%Buffer with a moisturizer first if you have {K}; it softens the effect without cancelling "
    "it.",
    "%Use the {O} {E}, then moisturizer, and in the morning always sunscreen.",
    "%Give each layer a minute to settle; rushing makes products pill.",
    "%Keep the rest of the routine simple while you start: cleanser, moisturizer, sunscreen.",
    "@Start with the basics in place, then add {T} {F} and see what changes.",
    "@Keep the {O} within reach; the habit sticks when the tool is easy to grab.",
    "@Give it {M} at most; longer sessions did not add much in our testing.",
    "@Set a reminder for the first {W}, until the routine runs on its own."};

inline constexpr std::array<string_view, 20> kMistakeSentences = {
    "~The most common mistake is pressing too hard, which leaves redness instead of results.",
    "~Dragging the {O} across dry skin pulls at the surface; always use some slip.",
    "~Skipping the cleaning step turns any tool into a way to spread bacteria around the face.",
    "~Going back and forth over the same spot does not speed things up; it only irritates the "
    "skin.",
    "*Many people give up after a week, long before there is any visible change in {C}.",
    "Using {T} over active breakouts or broken skin can make inflammation worse.",
    "Layering strong actives on the same night as {T} is a fast route to a stinging face.",
    "Expecting one step to replace sunscreen, sleep or a dermatologist visit sets you up for "
    "disappointment.",
    "*Buying the most expensive {O} first is another trap; consistency matters more than the price "
    "tag.",
    "~Rushing through the strokes in a minute defeats the purpose of slow, steady movement.",
    "~Ignoring the neck and jawline leaves fluid with nowhere to go.",
    "%Starting every night from day one is the most common mistake; the skin needs time to adjust.",
    "%Applying it to damp skin increases penetration, and with it the stinging.",
    "%Mixing several strong actives in one routine makes it impossible to tell what is working.",
    "%Forgetting sunscreen the next morning undoes most of the benefit.",
    "%Using more product does not speed things up; a thin layer is enough.",
    "@Doing too much at once makes it impossible to tell what is working.",
    "@Skipping the prep step undoes most of the benefit by the end of the day.",
    "@Rushing is the most common mistake; the result is only as good as the slowest step.",
    "@Copying a routine from a video without adjusting it to your own {A} rarely works out."};

inline constexpr std::array<string_view, 10> kPairingSentences = {
    "{^T} pairs well with {I}, which adds hydration without clogging pores.",
    "*Some testers alternated {T} with {U}, one in the morning and the other at night.",
    "~A serum with {I} applied first gives the skin slip and puts the time to double use.",
    "Sunscreen remains the single biggest factor for {C}, whatever else you add.",
    "Combining {T} with {U} on the same night was too much for the testers with {K}.",
    "~Cold water, a cool compress or a chilled spoon can stand in for a tool on busy mornings.",
    "In our notes, {I} and {T} together made the biggest difference for {D}.",
    "%A plain moisturizer with {I} on top keeps {T} from drying the skin out.",
    "@{^T} works well alongside {U}, as long as you give each a few days to show its effect.",
    "@A small amount of a lightweight product goes a long way when paired with {T}."};

inline constexpr std::array<string_view, 11> kShoppingSentences = {
    "*You do not need much to get started, and most of what we tested costs less than a dinner "
    "out.",
    "~*We looked for tools that felt solid in the hand, had smooth edges and were easy to clean.",
    "*Price did not predict performance; a few of the cheapest picks outlasted pricier ones.",
    "*Every product here was bought at retail, and none of the brands saw this article before it "
    "ran.",
    "If you have {K}, look for fragrance-free formulas and short ingredient lists.",
    "*The picks below are the ones our testers kept reaching for after the test ended.",
    "~Materials matter less than finish: a well-polished {O} glides, a rough one drags.",
    "*We left out anything with a subscription or a proprietary refill system.",
    "*Availability varies, so we list more than one retailer where we could.",
    "%We favored fragrance-free formulas in opaque, airtight packaging.",
    "%Texture mattered to our testers: nothing that pilled under sunscreen made the cut."};

inline constexpr std::array<string_view, 10> kBudgetSentences = {
    "*Most {J} cost between ${lo} and ${hi}, and the middle of that range is where we found the "
    "best value.",
    "~In-office versions of {T} run $150 to $300 per session, which makes an at-home routine look "
    "cheap.",
    "*Spending more mostly buys nicer materials and packaging rather than better results.",
    "A drugstore moisturizer and a basic {O} cover most of what {T} can do for {C}.",
    "If you want to splurge, put the money toward a sunscreen you will actually wear every day.",
    "*Sales are frequent, so there is little reason to pay full price for most of these.",
    "~*Counted per use, even a pricier device costs less than a coffee a week if you use it {F}.",
    "%Professional peels and prescription versions cost far more, often $100 to $250 per visit, so "
    "an over-the-counter "
    "routine is the cheap way in.",
    "%*Counted per use, even a pricier bottle costs less than a coffee a week if you use it {F}.",
    "@Salon versions of {T} cost $60 to $120 per visit, so the at-home routine pays for itself "
    "quickly."};

inline constexpr std::array<string_view, 11> kWhoSkipSentences = {
    "Anyone with active rosacea, eczema or broken skin on the face should check with a "
    "dermatologist before starting {T}.",
    "~If you have had fillers or Botox in the last two weeks, wait before massaging the area.",
    "People with {K} may need fewer sessions and a lighter touch.",
    "~Pregnant readers should ask their doctor before using any device that delivers current or "
    "heat.",
    "Sudden swelling, especially on one side, is a reason to see a doctor, not to reach for a "
    "tool.",
    "*A sudden change in {C}, or one that keeps getting worse, deserves a professional look.",
    "Anyone on isotretinoin or a strong retinoid should expect more sensitivity and go slower.",
    "%Pregnant readers should ask their doctor before using retinoids or strong acids.",
    "@Anyone with a sensitive scalp or eyes should patch test new products first.",
    "@If something stings or itches, stop and give the {A} a few days off.",
    "@A reaction that lasts more than a day is a reason to see a professional."};

inline constexpr std::array<string_view, 10> kVerdictSentences = {
    "{^T} is not a miracle, but for {C} it is a cheap, low-risk habit with visible, if temporary, "
    "results.",
    "*If you enjoy the ritual, keep it; if it feels like a chore, you will not miss it much.",
    "*The testers who stuck with it for {W} were glad they did, and most still use their {O} {F}.",
    "Treat {T} as a complement to sunscreen, sleep and a good moisturizer, not a replacement.",
    "~For most readers, a modest tool and {M} {E} is all it takes.",
    "*The results are real but quiet, the kind you see in photos more than in the mirror.",
    "*Start small, be consistent, and judge it after {W}, not after one session.",
    "*It earned a permanent place in {N} of our testers' routines, which says more than any single "
    "study.",
    "%For most readers, a well-formulated {O} and a little patience is all it takes.",
    "@{^T} is not a miracle, but for {C} it is a cheap, low-effort habit with visible results."};

struct RolePool {
  const string_view* sentences;
  size_t size;
};
template <size_t N>
inline constexpr RolePool pool(const std::array<string_view, N>& a) {
  return {a.data(), N};
}
inline constexpr std::array<RolePool, kRoleCount> kRolePools = {
    pool(kExplainSentences),  pool(kEvidenceSentences), pool(kTestSentences),
    pool(kRoutineSentences),  pool(kMistakeSentences),  pool(kPairingSentences),
    pool(kShoppingSentences), pool(kBudgetSentences),   pool(kWhoSkipSentences),
    pool(kVerdictSentences)};

inline constexpr std::array<string_view, 12> kLedeOpeners = {
    "{^T} has gone from a niche spa treatment to something half the internet does {E}, and the "
    "claims about {C} have grown "
    "with it.",
    "*If you notice more {C} in {S}, you are not imagining it, and {T} is one of "
    "the first things readers ask us about.",
    "*Few routines get as many questions in our inbox as {T}, usually from readers dealing with "
    "{C}.",
    "*We spent {W} testing {T} on {N} volunteers with {C}, and the results were more nuanced than "
    "the videos suggest.",
    "*Every few months a new {O} promises to fix {C}, so we went back to basics and asked what {T} "
    "can really do.",
    "Readers with {K} keep asking the same question: is {T} worth the time, or is it another "
    "trend?",
    "*There is a lot of noise about {T} online, most of it promising overnight changes to {C}.",
    "*Questions about {C} are among the most common we get, and {T} is one of the most "
    "talked-about "
    "answers.",
    "*This guide started with a question from a reader: can {T} make a visible difference to {C} "
    "in "
    "{W}?",
    "*Spend ten minutes on social media and you will see someone doing {T} {E}, usually with "
    "dramatic before-and-after photos.",
    "*We have written about {C} before, but {T} deserved a closer look, with input from people who "
    "treat it every day.",
    "*Budgets are tight, routines are long, and {T} keeps showing up as the cheap fix for {C}."};

inline constexpr std::array<string_view, 6> kLedeClosers = {
    "*Here is what we learned, what we would buy, and what we would skip.",
    "*Below: how it works, how to do it, and who should not bother.",
    "*The short answer is that it depends on your routine, your patience and your expectations.",
    "*What follows is what the evidence supports and what our testers actually saw.",
    "*We also rounded up the products that earned a place in our routines.",
    "*The answer, as usual, is more interesting than yes or no."};

// Expert quotes, written without their final punctuation and tagged like the sentences above.
// Stances follow the extractor's cue words (classify_stance): recommending ones name a cue such as
// "recommend", "works", "love"; cautions name "avoid", "never", "too much"; neutral ones name
// neither.
inline constexpr std::array<string_view, 26> kRecommendQuotes = {
    "*{^T} works best as a habit, a few minutes {F}, not as a last-minute rescue for {C}",
    "*I recommend starting with {M} {F} and paying attention to how the {A} responds over {W}",
    "For {C}, {T} helps most when it is paired with a simple routine and enough sleep",
    "My patients with {K} love how {T} feels, and the ones who stick with it for {W} see the "
    "biggest change",
    "It is worth doing {E}, when the skin looks calmer and the {A} is where people notice it first",
    "{^I} is my go-to pairing for {T} because it gives the skin some slip and supports the barrier",
    "*I tell clients to try it {F} for {W} before deciding anything, since nothing about {C} "
    "changes overnight",
    "The benefit comes from consistency: a light hand, {M}, and patience with the {A}",
    "I am a big fan of {T} for {C} because it gets people touching their face gently instead of "
    "picking at it",
    "It is great for {C}, especially {E}, when fluid has settled around the {A}",
    "*The best results I see come from people who keep it boring, the same steps {F} for {W}",
    "If you have {K}, {T} with a few drops of a light oil is an effective way to start",
    "~Lymph moves with very little pressure, so a slow, feather-light stroke toward the ears helps "
    "more than force",
    "~I suggest keeping the {O} in the fridge, because the cold adds an effect on {C} that clients "
    "really notice",
    "*Most of my clients see a difference in their {C} after {W} of {T}, and that benefit is what "
    "keeps them going",
    "*Honestly, {T} is one of the most effective things you can do at home for {C} if you are "
    "consistent",
    "Start slow, {F}, and build up; the skin adapts, and that is when {T} really works",
    "I reach for {I} first whenever a client comes in worried about {C}, and it works well "
    "alongside {T}",
    "*The simplest routine is the one people follow, so I recommend {T} {E} rather than a "
    "twenty-step plan",
    "~{^T} is great for {C}, and the technique matters more than the price tag",
    "%Start low and slow; a gentle formula used {F} works better than a strong one you abandon",
    "%For {K}, I love a buffered approach: moisturizer first, then {T}",
    "%{^I} works beautifully alongside {T} and keeps the barrier happy",
    "@I love {T} for {C} because it is cheap, quick and hard to get wrong",
    "@It works best {E}, when you have a minute to do it properly",
    "@Consistency is what works here: the same routine {F}, and patience for {W}"};

inline constexpr std::array<string_view, 10> kProductQuotes = {
    "*I recommend the {B} to first-timers because it is simple to use and hard to get wrong",
    "*The {B} is my go-to for clients with {C}; it is easy to use {E} and it lasts",
    "*I keep the {B} in my own bathroom, and I love how it handles {C} after a late night",
    "*If you want one thing to buy, the {B} is worth it; it does what it promises for {C}",
    "For {K}, I like the {B}, which is gentle and effective enough to use {F}",
    "*The {B} is a favorite in my practice because patients actually use it {F}",
    "*I have recommended the {B} for years, and it still works on {C} better than gadgets that "
    "cost "
    "twice as much",
    "*Try the {B} {E}; it is the most effective upgrade for {C} I know at that price",
    "*Patients ask me what to buy, and the {B} is usually my go-to answer for {C}",
    "*Clients who swear by the {B} tend to use it {F}, which is exactly the habit I want for {C}"};

inline constexpr std::array<string_view, 22> kWarnQuotes = {
    "~The mistake is pressing too hard, which only leaves the {A} red and irritated",
    "Never use {T} on active breakouts or broken skin; you spread bacteria and make it worse",
    "*Do not expect {T} to replace a treatment plan for {C}, because it is a supporting act",
    "Avoid {T} if you have rosacea flares or very thin skin around the {A}",
    "*People overdo it. {^M} is plenty, and more is not better for the {A}",
    "Skip the {O} if you are on isotretinoin or a strong retinoid; the barrier needs a break",
    "~The risk with cheap devices is inconsistent output, and irritation is the price you pay for "
    "a bargain",
    "~I see damage from people scraping the same spot over and over, so stop if the {A} stings",
    "Be careful with {I} and acids on the same night; that combination is where most irritation "
    "starts",
    "~It is a myth that {T} melts fat or changes bone structure; it moves fluid, and that is all",
    "~Don't chase instant results. If the {A} looks red an hour later, you used too much pressure",
    "I would not recommend {T} for anyone with fillers placed in the last two weeks",
    "*Stay away from anything that promises to erase {C} in a week; that is marketing, not skin "
    "science",
    "Using it too much can cause redness, so {F} is the ceiling for most people",
    "~The only way I see {T} harm anyone is a dirty tool, so clean it after every single use",
    "*Please patch test first, because a reaction on the {A} is the fastest way to make {C} worse",
    "%Never combine {T} with a scrub on the same night; that is how barriers get damaged",
    "%Skip {T} the night before a wax or a peel, because the skin is more fragile than it looks",
    "%Too much too soon is the classic mistake, and the flaking that follows makes people quit",
    "@Avoid stacking five new products at once; you will never know which one did what",
    "@Too much tension or heat is where the damage starts, so keep everything gentle",
    "@Skip anything that promises overnight results for {C}; that is marketing"};

inline constexpr std::array<string_view, 18> kNeutralQuotes = {
    "*The evidence for {T} is still small, mostly short studies with a few dozen people each",
    "What people call {C} is often fluid, and fluid changes from morning to evening",
    "*It depends on the person. Genetics, sleep and salt all play a part in how the {A} looks",
    "*I see {T} as maintenance. The change is gradual, and it fades when people stop",
    "Most of my patients come in asking about {C} in their thirties, and the conversation starts "
    "with sleep and sunscreen",
    "~The tool itself matters less than the hand holding it and the time spent",
    "*Results are subtle. You notice them in photos taken {W} apart, not in the mirror the next "
    "day",
    "*There is a reason this has been around for centuries, but the modern studies are only "
    "starting to catch up",
    "*Clients usually ask me about {T} after seeing it online, and we talk about what it can and "
    "cannot do",
    "Skin changes with the seasons, so a routine for {S} looks different from one for the rest of "
    "the year",
    "{^T} is one part of a routine. Cleansing, moisturizer and sunscreen still do most of the "
    "heavy lifting",
    "The {A} has the thinnest skin on the face, so everything there shows up faster",
    "*I ask people to keep a photo diary. It is the only honest way to judge {T} over {W}",
    "Every face responds a little differently, and {K} in particular takes longer to settle",
    "%Over-the-counter formulas are gentler than prescriptions, so the timeline is longer",
    "%Everyone's barrier is different, and the first month tells you more than any label",
    "@Humidity changes everything, so a routine for {S} looks different from one for the rest of "
    "the year",
    "@Everyone's {A} is different, and the first month tells you more than any label"};

// Indirect speech: "She recommends ...", "Karp, a ... at ..., suggests ...".
inline constexpr std::array<string_view, 9> kIndirectVerbPhrases = {
    "~recommends keeping the {O} in the fridge between uses",
    "*recommends starting with {M} {F} and building from there",
    "suggests pairing {T} with a serum that contains {I}",
    "prefers {I} for anyone with {K}",
    "warns against using {T} on freshly exfoliated skin",
    "*advises stopping at the first sign of stinging or redness",
    "likes to finish with a cool compress on the {A}",
    "*believes consistency matters more than any single product",
    "*suggests taking a photo every week to judge progress on {C}"};

inline constexpr std::array<string_view, 8> kAccordingClauses = {
    "*most people see a change in their {C} within {W}",
    "~*the {A} needs the lightest pressure of all",
    "{M} {F} is plenty for most skin types",
    "~the cold does more for {C} than the stone itself",
    "*results from {T} fade within a day or two once you stop",
    "{I} is the most underrated partner for {T}",
    "people with {K} should start at half the usual pressure",
    "~*the direction of each stroke matters more than its speed"};

inline constexpr std::array<string_view, 4> kSaysVerbs = {"says", "explains", "notes", "says"};

inline constexpr std::array<string_view, 12> kInterviewQuestions = {
    "How often should people do {T}?",
    "What is the biggest mistake you see with {T}?",
    "Can {T} really change {C}?",
    "Who should not try it?",
    "What would you buy on a small budget?",
    "How long before people see results?",
    "Does the tool matter, or is it the technique?",
    "What do you tell clients with {K}?",
    "What pairs well with {T}?",
    "Is there a best time of day for it?",
    "What is overhyped right now?",
    "What is in your own routine?"};

// Listicle entries; '~' and '%' follow the product's type here.
inline constexpr std::array<string_view, 18> kItemSentences = {
    "~It has a smooth, slightly weighted feel, and it is gentle enough for the {A}.",
    "Testers with {K} liked it most; it never left the skin red.",
    "*It is the pick for anyone who wants results for {C} without a learning curve.",
    "~The finish feels premium for the price, and it survived a few drops onto a tile floor.",
    "*It took {W} to notice a difference, but the change in {C} was the most consistent of the "
    "group.",
    "~*Compact enough for a travel bag, and easy to clean between uses.",
    "%It absorbs quickly and layers well under sunscreen, even on {K}.",
    "*A good match for {E}, when you want something quick.",
    "%The texture is light enough for mornings and rich enough for winter nights.",
    "%It is fragrance-free, which our testers with {K} appreciated.",
    "~*The handle stays comfortable even after {M} of use.",
    "*Several testers bought a second one after the test ended.",
    "*It is widely available, and it goes on sale often.",
    "*Nothing about it is flashy, but it does exactly what it promises.",
    "%*A little goes a long way, so one bottle lasted most of our test.",
    "~*It took a few sessions to get the angle right, and after that it was effortless.",
    "*It was the one most testers reached for first.",
    "*The packaging is plain, and the results were anything but."};

inline constexpr std::array<string_view, 5> kProseProductLeads = {
    "We kept reaching for the ", "On a budget, the ", "Our testers' favorite was the ",
    "For beginners, the ", "The standout in our test was the "};
inline constexpr std::array<string_view, 9> kProseProductTails = {
    "~*which feels sturdy and cleans up in seconds",
    "~which stays cool longer than most",
    "~*which fits easily in a travel bag",
    "~*which is simple enough to use half-asleep",
    "%which absorbs quickly under sunscreen",
    "%which never left the skin red",
    "%*which lasted most of our test",
    "%which layers well under makeup",
    "%@which held up through a long day"};

inline constexpr std::array<string_view, 12> kFeatureTitles = {
    "What {Q} say about {T} for {C}",
    "Does {T} really help with {C}? Experts weigh in",
    "I tried {T} {F} for {W}: here is what happened to my {C}",
    "{^T} for {C}: a beginner's guide",
    "How to use {T} for {C}, according to {Q}",
    "{^T} vs. {U}: which is better for {C}?",
    "Is {T} worth it? What we learned after {W}",
    "The truth about {T} and {C}",
    "{^N} things {Q} want you to know about {T}",
    "Why {S} is hard on {C}, and what {T} can do",
    "Everything to know about {T} before you spend a cent",
    "A simple {T} routine for {C}"};
inline constexpr std::array<string_view, 4> kListicleTitles = {
    "The {#} best {J} for {C} under ${$}", "{#} {J} our testers actually use for {C}",
    "The {#} best {J} under ${$}, tested", "Best {J} for {C}: {#} picks under ${$}"};
inline constexpr std::array<string_view, 3> kInterviewTitles = {
    "Q&amp;A: {X} {V} on {T} and {C}", "Q&amp;A: what {T} can do for {C}, with {X} {V}",
    "Q&amp;A: {V} on {T}"};

inline constexpr std::array<string_view, 10> kComments = {
    "I bought one after reading this and my eyes look less tired in the mornings. $15 at Target "
    "was a steal!",
    "Does anyone know if this is safe during pregnancy? My doctor was not sure.",
    "I have been doing this for a year and honestly the ritual is the best part.",
    "Got the CeraVe cream for $16 at Walmart last week, same results as the fancy stuff for me.",
    "My esthetician said the same thing about pressure. Lighter is better!",
    "Tried it for a month. Not a miracle, but my skin feels calmer.",
    "The mini version is $19 at Ulta right now if anyone is on the fence.",
    "Thank you for including people with darker skin in the testing.",
    "I wish you had covered the cheaper knockoffs on Amazon too.",
    "This was the first article that actually explained why it works. Sharing with my sister."};

inline constexpr std::array<string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

}  // namespace beautyidx::bench::synthetic
