#include "extract/extractor.h"

#include <gtest/gtest.h>

#include "../shared_extractor.h"
#include "../test_util.h"

namespace beautyidx::extract {
namespace {

const Extractor& extractor() { return test::shared_extractor(); }

// A page in a WordPress-like theme around `body` paragraphs.
std::string wordpress_page(const std::string& body) {
  return R"(<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Testing Retinol Slowly | Pore Report</title>
<meta property="og:site_name" content="Pore Report">
<link rel="canonical" href="/journal/retinol-slowly/?utm_source=feed">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Pore Report"},
{"@type":"BlogPosting","headline":"Testing Retinol Slowly","datePublished":"2026-02-11T08:00:00Z",
"author":{"@type":"Person","name":"Maya Lindgren"}}]}</script></head>
<body class="single has-sidebar"><header class="site-header"><nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/skincare/">Skincare</a></li><li><a href="/about/">About</a></li></ul></nav></header>
<div id="page" class="site"><main id="main"><article class="post">
<h1 class="entry-title">Testing Retinol Slowly</h1>
<div class="entry-content">
<p>Retinol has a reputation for flaking and stinging, but most of that comes from starting too fast, and our testers learned that the hard way over six long weeks.</p>
)" + body + R"(
<p>Our testers kept a diary of every night they used it, noting redness, tightness and any flaking around the nose and mouth, and the pattern was clear by the third week: the people who went slowly had calmer skin, fewer breaks from the routine, and much better results at the end of the trial than the people who rushed in every single night.</p>
<p>Start with two nights a week, buffer with moisturizer, and give your skin a full month before you judge the results of any new routine.</p>
</div>
<div class="author-bio"><p>Maya Lindgren is a skincare writer who tests everything on her own very sensitive face.</p></div>
<section class="related-posts"><h3>You may also like</h3><ul><li><a href="/a/">Ten serums we loved this winter</a></li></ul></section>
<section id="comments" class="comments-area"><div class="comment-body"><p>“This saved my skin barrier completely,” one reader wrote. I found mine for $15 at Target.</p></div></section>
</article></main>
<aside class="widget-area sidebar"><div class="widget"><h4>Shop my favorites</h4>
<p>Glow Recipe Watermelon Glow Toner, $35 at Sephora</p></div></aside></div>
<footer class="site-footer"><p>We may earn a commission from links on this page.</p></footer></body></html>)";
}

ExtractedPage extract_html(const std::string& html, const std::string& url = "https://porereport.example/journal/retinol-slowly/") {
  return extractor().extract({html, url, "text/html; charset=utf-8"});
}

TEST(ExtractorTest, KeepsTheBodyAndDropsPageFurniture) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>Board-certified dermatologist Lena Okafor of Harbor Skin has seen every retinol mistake in her clinic.</p>"
      "<p>“Most irritation comes from using too much, not from the retinol itself,” Okafor says.</p>"));
  EXPECT_EQ(page.kind, PageKind::kArticle);
  EXPECT_EQ(page.title, "Testing Retinol Slowly");
  EXPECT_EQ(page.authors, std::vector<std::string>{"Maya Lindgren"});
  EXPECT_EQ(page.published, "2026-02-11");
  EXPECT_EQ(page.canonical_url, "https://porereport.example/journal/retinol-slowly/");
  EXPECT_NE(page.text.find("buffer with moisturizer"), std::string::npos);
  for (const char* furniture : {"Shop my favorites", "saved my skin barrier", "earn a commission", "You may also like",
                                "tests everything on her own"}) {
    EXPECT_EQ(page.text.find(furniture), std::string::npos) << furniture;
  }
  EXPECT_NE(page.author_bio.find("tests everything"), std::string::npos);
  EXPECT_TRUE(page.products.empty()) << "sidebar and comment prices are not article products";
  ASSERT_EQ(page.quotes.size(), 1u) << "the comment's quote is not an expert quote";
  ASSERT_TRUE(page.quotes[0].speaker);
  EXPECT_EQ(page.quotes[0].speaker->name, "Lena Okafor");
  EXPECT_EQ(page.quotes[0].speaker->credential, "board-certified dermatologist");
  EXPECT_EQ(page.quotes[0].speaker->affiliation, "Harbor Skin");
}

struct QuoteCase {
  const char* name;
  const char* paragraphs;         // HTML paragraphs after an introduction of Lee and Ruiz
  const char* expected_fragment;  // nullptr: no quote may be found in these paragraphs
  const char* expected_speaker;   // nullptr: unattributed
  bool indirect;
};
// gtest prints a parameter into the test's listed name; by default that is its bytes, pointers
// included, which change with every build and made ctest's names unstable between builds.
void PrintTo(const QuoteCase& c, std::ostream* os) { *os << c.name; }

const QuoteCase kQuoteCases[] = {
    {"after_name_says", "<p>“Use it twice a week at most,” Lee says.</p>", "Use it twice a week at most", "Jonah Lee", false},
    {"after_says_name", "<p>“Use it twice a week at most,” says Ruiz.</p>", "Use it twice a week at most", "Carla Ruiz", false},
    {"after_dr_name", "<p>“Patch test every new serum first,” Dr. Lee explains.</p>", "Patch test every new serum first", "Jonah Lee", false},
    {"before_colon", "<p>Ruiz explains: “Sunscreen is the one step you should never skip.”</p>", "Sunscreen is the one step", "Carla Ruiz", false},
    {"pronoun_after", "<p>“Hydration first, actives second,” Ruiz says. “That order matters more than brands.”</p>"
                      "<p>“Layer thin to thick,” she adds.</p>", "Layer thin to thick", "Carla Ruiz", false},
    {"continuation", "<p>“Retinol needs patience,” Lee says. “Most people quit in week two, right before it starts working.”</p>",
     "Most people quit in week two", "Jonah Lee", false},
    {"split_quote", "<p>“The first month is the hardest,” Lee says, “but the second month is where the payoff starts.”</p>",
     "The first month is the hardest but the second month", "Jonah Lee", false},
    {"straight_marks", "<p>\"Never use a scrub on active acne,\" Ruiz says.</p>", "Never use a scrub on active acne", "Carla Ruiz", false},
    {"according_to", "<p>According to Lee, a pea-sized amount is enough for the whole face.</p>",
     "a pea-sized amount is enough", "Jonah Lee", true},
    {"she_recommends", "<p>“Slow and steady wins here,” Ruiz says. She recommends a gentle cleanser before any retinoid.</p>",
     "She recommends a gentle cleanser", "Carla Ruiz", true},
    {"after_says_credential_name", "<p>“Cold water wakes the face up faster than any tool,” says esthetician Mara Ellison.</p>",
     "Cold water wakes the face up", "Mara Ellison", false},
    {"after_says_long_credential_name",
     "<p>“Ice is fine for a minute, never for ten,” says board-certified dermatologist Anna Karp, who practices in Ohio.</p>",
     "Ice is fine for a minute", "Anna Karp", false},
    // A lead-in sentence ending in a colon names the speaker as its subject or as a possessive.
    {"possessive_lead_in",
     "<p>“Cold tools are for mornings,” Ruiz says.</p>"
     "<p>Lee’s advice is simpler: “Chill your roller overnight and keep the pressure light.”</p>",
     "Chill your roller overnight", "Jonah Lee", false},
    {"subject_lead_in",
     "<p>Ruiz has one rule for summer: “If you can see the serum on your skin, you used too "
     "much.”</p>",
     "If you can see the serum", "Carla Ruiz", false},
    {"lead_in_naming_an_object", "<p>We asked Lee one question: “Does retinol thin the skin?”</p>",
     nullptr, nullptr, false},
    {"possessive_paraphrase",
     "<p>Ruiz’s advice for beginners is plainer: start with one active and wait a month before "
     "adding another.</p>",
     "Ruiz’s advice for beginners is plainer", "Carla Ruiz", true},
    // "Dr. Lee of Clear Path Dermatology explains:" is Lee, not a person called "Clear Path
    // Dermatology".
    {"name_of_organisation_explains",
     "<p>Dr. Lee of Clear Path Dermatology explains: “Retinol and a scrub on the same night is "
     "asking for trouble.”</p>",
     "Retinol and a scrub on the same night", "Jonah Lee", false},
    // "Explains Dr. Ana Sofia Reyes:" before a quote: the verb, then "Dr." and a three-word name.
    {"verb_dr_three_word_name_colon",
     "<p>Board-certified dermatologist Dr. Ana Sofia Reyes treats melasma every day.</p>"
     "<p>Explains Dr. Ana Sofia Reyes: “Pigment comes back the week you stop wearing "
     "sunscreen.”</p>",
     "Pigment comes back the week", "Ana Sofia Reyes", false},
    // A "— Name, credential" line under a quote says who said it, even right after someone else
    // spoke.
    {"dash_attribution_line",
     "<p>“Retinol is a marathon, not a sprint,” Lee says.</p>"
     "<blockquote><p>“Sunscreen is the last step of the morning and the one people skip "
     "first.”</p></blockquote>"
     "<p>— Carla Ruiz, cosmetic chemist, Bench Lab</p>",
     "Sunscreen is the last step", "Carla Ruiz", false},
    {"pronoun_after_opening_phrase",
     "<p>“Go slowly,” Ruiz says. After the first month, she suggests adding a second night.</p>",
     "After the first month, she suggests", "Carla Ruiz", true},
    {"negated_indirect",
     "<p>Dr. Lee does not recommend scrubs for anyone with active breakouts.</p>",
     "does not recommend scrubs", "Jonah Lee", true},
    {"degree_and_appositive_says",
     "<p>Dana Whitfield, MD, a dermatologist in Denver, says most people can skip toner without "
     "missing it.</p>",
     "says most people can skip toner", "Dana Whitfield", true},
    // Every degree people.cc reads after a name also lets the name be the subject of indirect
    // speech through a second aside: "PA-C", "DO" and "M.D" (no final period) as much as "MD".
    {"pa_c_and_appositive_says",
     "<p>Dana Whitfield, PA-C, a physician assistant in Denver, says most people can skip toner "
     "without missing it.</p>",
     "says most people can skip toner", "Dana Whitfield", true},
    {"do_and_appositive_recommends",
     "<p>Omar Haddad, DO, a dermatologist in Austin, recommends a plain moisturizer after every "
     "peel.</p>",
     "recommends a plain moisturizer", "Omar Haddad", true},
    {"m_d_without_period_and_appositive_warns",
     "<p>Dana Whitfield, M.D, a dermatologist in Denver, warns that toner is rarely worth the "
     "money.</p>",
     "warns that toner is rarely worth", "Dana Whitfield", true},
    {"ph_d_without_period_and_appositive_says",
     "<p>Omar Haddad, Ph.D, a cosmetic chemist in Austin, says glycerin does most of the work in "
     "a moisturizer.</p>",
     "says glycerin does most of the work", "Omar Haddad", true},
    {"says_name_then_pa_c",
     "<p>“Skip the toner if your skin feels tight afterwards,” says Dana Whitfield, PA-C, a "
     "physician assistant at Clear Path Dermatology.</p>",
     "Skip the toner if your skin feels tight", "Dana Whitfield", false},
    {"pa_c_says_after_quote",
     "<p>Dana Whitfield, PA-C, is a physician assistant in Denver.</p>"
     "<p>“Toner is optional for almost everyone,” Whitfield, PA-C, says.</p>",
     "Toner is optional for almost everyone", "Dana Whitfield", false},
    {"scare_quote", "<p>The so-called “glass skin” look is mostly good lighting.</p>", nullptr, nullptr, false},
    {"quoted_title", "<p>We loved the chapter “Skin in Winter” in her new book.</p>", nullptr, nullptr, false},
};

class QuoteTableTest : public ::testing::TestWithParam<QuoteCase> {};

TEST_P(QuoteTableTest, FindsTheQuoteAndItsSpeaker) {
  const QuoteCase& c = GetParam();
  std::string body = std::string("<p>We asked board-certified dermatologist Jonah Lee of Clear Path Dermatology and "
                                 "cosmetic chemist Carla Ruiz, founder of Bench Lab, how to start.</p>") + c.paragraphs;
  ExtractedPage page = extract_html(wordpress_page(body));
  const Quote* found = nullptr;
  for (const Quote& q : page.quotes) {
    if (c.expected_fragment && q.text.find(c.expected_fragment) != std::string::npos) found = &q;
  }
  if (c.expected_fragment == nullptr) {
    EXPECT_TRUE(page.quotes.empty()) << c.name << ": found '" << page.quotes.front().text << "'";
    return;
  }
  ASSERT_NE(found, nullptr) << c.name << ": no quote containing '" << c.expected_fragment << "'";
  EXPECT_EQ(found->indirect, c.indirect) << c.name;
  ASSERT_TRUE(found->speaker) << c.name;
  EXPECT_EQ(found->speaker->name, c.expected_speaker) << c.name;
  EXPECT_FALSE(found->speaker->credential.empty()) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Patterns, QuoteTableTest, ::testing::ValuesIn(kQuoteCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ExtractorTest, CredentialsAndAffiliationsFromIntroductions) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>Board-certified dermatologist Jonah Lee of Clear Path Dermatology and NYC-based esthetician Mira Solis of "
      "Studio Nine weigh in, along with Carla Ruiz, a cosmetic chemist at Bench Lab.</p>"
      "<p>“Cold water is underrated,” Solis says.</p><p>“Glycerin does the heavy lifting,” Ruiz says.</p>"));
  ASSERT_EQ(page.quotes.size(), 2u);
  ASSERT_TRUE(page.quotes[0].speaker);
  EXPECT_EQ(page.quotes[0].speaker->name, "Mira Solis");
  EXPECT_EQ(page.quotes[0].speaker->credential, "esthetician");
  EXPECT_EQ(page.quotes[0].speaker->affiliation, "Studio Nine");
  ASSERT_TRUE(page.quotes[1].speaker);
  EXPECT_EQ(page.quotes[1].speaker->name, "Carla Ruiz");
  EXPECT_EQ(page.quotes[1].speaker->credential, "cosmetic chemist");
  EXPECT_EQ(page.quotes[1].speaker->credential_class, CredentialClass::kCosmeticChemist);
  EXPECT_EQ(page.quotes[1].speaker->affiliation, "Bench Lab");
}

// A pronoun is the subject of the sentence before it, not whoever was named last in that
// sentence; and someone the article already called "he" is not "she".
TEST(ExtractorTest, PronounsFollowTheSubjectAndKeepTheirGender) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>Ines Marlow has been a nurse injector at Linden Clinic for six years, working next to "
      "board-certified plastic surgeon Paul Arden. She estimates that most of her clients already "
      "own a jade roller or an ice globe.</p>"
      "<p>“Give fresh filler two full weeks before any massage,” Marlow said.</p>"
      "<p>Dr. Arden is less strict about serums. He said a light layer of moisturizer is never the "
      "problem.</p>"
      "<p>Microcurrent is where Marlow and Arden disagree most. She advises waiting a month after "
      "any injection before using a device.</p>"));
  auto speaker_of = [&](std::string_view fragment) -> std::string {
    for (const Quote& q : page.quotes) {
      if (q.text.find(fragment) != std::string::npos)
        return q.speaker ? q.speaker->name + " / " + q.speaker->credential : "none";
    }
    return "no quote";
  };
  EXPECT_EQ(speaker_of("She estimates that most"), "Ines Marlow / nurse injector");
  EXPECT_EQ(speaker_of("Give fresh filler"), "Ines Marlow / nurse injector");
  EXPECT_EQ(speaker_of("He said a light layer"), "Paul Arden / board-certified plastic surgeon");
  EXPECT_EQ(speaker_of("She advises waiting"), "Ines Marlow / nurse injector");
}

// In a paragraph of many pronouns each is whoever the paragraph named last before it, never
// someone it names only later (the resolver reads each paragraph once for all its pronouns).
TEST(ExtractorTest, EachPronounOfAParagraphIsWhoeverWasNamedBeforeIt) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>Ines Marlow has been a nurse injector at Linden Clinic for six years, working next to "
      "board-certified plastic surgeon Paul Arden.</p>"
      "<p>Marlow and Arden split the week between them. Marlow sees the morning patients. She "
      "recommends a cold compress before any makeup goes on. Arden takes the afternoons. He "
      "recommends a lighter moisturizer after lunch for most patients. Marlow, who trained in "
      "Seoul, keeps it simple. She suggests one active per night and no more. Arden has the last "
      "word on devices. He advises waiting a month after filler before any microcurrent.</p>"));
  std::vector<std::string> speakers;
  for (const Quote& q : page.quotes) speakers.push_back(q.speaker ? q.speaker->name : "none");
  EXPECT_EQ(speakers, (std::vector<std::string>{"Ines Marlow", "Paul Arden", "Ines Marlow", "Paul Arden"}));
}

// 'Lee said: ‘…’' is a direct quote whose closing mark is in a later sentence; it is not also
// indirect speech.
TEST(ExtractorTest, ASentenceOpeningAQuoteIsNotIndirectSpeech) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>Board-certified dermatologist Jonah Lee sees expired tubes every summer.</p>"
      "<p>Lee said: ‘I have seen people use a tube from three summers ago. If it smells off, throw "
      "it out.’</p>"));
  ASSERT_EQ(page.quotes.size(), 1u);
  EXPECT_FALSE(page.quotes[0].indirect);
  EXPECT_EQ(page.quotes[0].text.find("Lee said"), std::string::npos) << page.quotes[0].text;
}

struct IntroductionCase {
  const char* name;
  const char* html;  // introduces one person, then quotes them by surname
  const char* speaker;
  const char* credential;
  const char* affiliation;
};
void PrintTo(const IntroductionCase& c, std::ostream* os) { *os << c.name; }

const IntroductionCase kIntroductionCases[] = {
    {"two_roles_before_name",
     "<p>We asked board-certified dermatologist and Mohs surgeon Dr. Lena Ortiz about sunscreen "
     "sticks.</p>"
     "<p>“A stick is fine if you swipe it four times,” Ortiz says.</p>",
     "Lena Ortiz", "board-certified dermatologist and Mohs surgeon", ""},
    {"role_and_bare_role_before_name",
     "<p>Cosmetic chemist and formulator Priya Shah has made serums for fifteen years.</p>"
     "<p>“Most serums are ninety percent water,” Shah says.</p>",
     "Priya Shah", "cosmetic chemist and formulator", ""},
    {"two_roles_after_name",
     "<p>Nadia Brook, a licensed esthetician and lymphatic drainage specialist who runs Drain "
     "Studio, starts every facial at the collarbone.</p>"
     "<p>“Open the exit before you push anything toward it,” Brook says.</p>",
     "Nadia Brook", "licensed esthetician and lymphatic drainage specialist", "Drain Studio"},
    {"has_been_a_compound_role",
     "<p>Ines Marlow has been a nurse injector at Linden Clinic for six years.</p>"
     "<p>“Ice after filler is fine, pressure is not,” Marlow says.</p>",
     "Ines Marlow", "nurse injector", "Linden Clinic"},
    {"founder_appositive_then_role",
     "<p>Dr. Kwame Osei, founder of Osei Skin, is a board-certified dermatologist who treats "
     "pigment.</p>"
     "<p>“Dark marks fade faster when you stop picking,” Osei says.</p>",
     "Kwame Osei", "board-certified dermatologist", "Osei Skin"},
    {"role_comma_name",
     "<p>The tip came from my sister's dermatologist, Dr. Elena Marquez, who runs Clínica Marquez "
     "in Seville.</p>"
     "<p>“Two finger lengths of sunscreen for the face and neck,” Marquez said.</p>",
     "Elena Marquez", "dermatologist", "Clínica Marquez"},
    // An affiliation in an aside after the name reads the same whether or not a determiner
    // introduced the role.
    {"role_name_comma_who_runs",
     "<p>Cosmetic chemist Tess Nakamura, who runs Ivory Cosmetic Lab, has a simple rule for "
     "drainage.</p>"
     "<p>“Five minutes, light pressure, always toward the collarbone,” Nakamura says.</p>",
     "Tess Nakamura", "cosmetic chemist", "Ivory Cosmetic Lab"},
    {"who_runs_appositive_then_role",
     "<p>Dr. Kwame Osei, who runs Osei Skin, is a board-certified dermatologist who treats "
     "pigment.</p>"
     "<p>“Dark marks fade faster when you stop picking,” Osei says.</p>",
     "Kwame Osei", "board-certified dermatologist", "Osei Skin"},
};

class IntroductionTableTest : public ::testing::TestWithParam<IntroductionCase> {};

TEST_P(IntroductionTableTest, NamesTheSpeakerWithTheWholeCredential) {
  const IntroductionCase& c = GetParam();
  ExtractedPage page = extract_html(wordpress_page(c.html));
  ASSERT_FALSE(page.quotes.empty()) << c.name;
  const Quote& quote = page.quotes.back();
  ASSERT_TRUE(quote.speaker) << c.name;
  EXPECT_EQ(quote.speaker->name, c.speaker) << c.name;
  EXPECT_EQ(quote.speaker->credential, c.credential) << c.name;
  EXPECT_EQ(quote.speaker->affiliation, c.affiliation) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Introductions, IntroductionTableTest,
                         ::testing::ValuesIn(kIntroductionCases),
                         [](const auto& info) { return std::string(info.param.name); });

struct ProductCase {
  const char* name;
  const char* html;
  const char* brand;
  const char* product;
  const char* retailer;
  double price;
};
void PrintTo(const ProductCase& c, std::ostream* os) { *os << c.name; }

const ProductCase kProductCases[] = {
    {"buy_from_retailer", "<p>Buy it now: NuFace Trinity Facial Toning Device from Sephora, $339</p>", "NuFace",
     "Trinity Facial Toning Device", "Sephora", 339},
    {"buy_from_brand", "<p>Buy it now: Rose Quartz Facial Roller from Mount Lai, $38</p>", "Mount Lai",
     "Rose Quartz Facial Roller", "", 38},
    {"shop_it_at", "<p>Shop it: Glow Recipe Watermelon Glow Toner, $35 at Sephora</p>", "Glow Recipe",
     "Watermelon Glow Toner", "Sephora", 35},
    {"parenthesised", "<p>Laneige Lip Sleeping Mask ($24, sephora.com)</p>", "Laneige", "Lip Sleeping Mask", "Sephora", 24},
    {"listicle_heading", "<h3>2. Skin Gym Cryo Ice Globes</h3><p>Cold globes calm morning puffiness fast.</p>"
                         "<p class=\"price\"><a href=\"https://www.ulta.com/p/globes\">$28 at Ulta</a></p>",
     "Skin Gym", "Cryo Ice Globes", "Ulta", 28},
    {"thousands", "<p>Buy it now: FOREO Bear 2 from Nordstrom, $1,299.99</p>", "FOREO", "Bear 2", "Nordstrom", 1299.99},
    // The brand's own site is where to buy, not the brand, and a curly apostrophe is still the
    // brand's.
    {"own_site_domain",
     "<p>Paula’s Choice Skin Perfecting 2% BHA Liquid Exfoliant ($34, paulaschoice.com)</p>",
     "Paula's Choice", "Skin Perfecting 2% BHA Liquid Exfoliant", "", 34},
    {"curly_apostrophe_brand_in_prose",
     "<p>Kiehl’s Ultra Facial Cream ($38 at Nordstrom) is the rich cream our testers kept stealing "
     "from each other.</p>",
     "Kiehl's", "Ultra Facial Cream", "Nordstrom", 38},
    {"lowercase_word_in_brand",
     "<p>For thick curls, Bumble and bumble Hairdresser’s Invisible Oil ($38 at Sephora) is the "
     "one to keep.</p>",
     "Bumble and bumble", "Hairdresser’s Invisible Oil", "Sephora", 38},
    {"numbered_line_with_hash", "<p><b>4. Kiehl's Lip Balm #1 ($8.50 at Nordstrom)</b></p>",
     "Kiehl's", "Lip Balm #1", "Nordstrom", 8.5},
    {"retailer_with_country",
     "<p>Buy it now: Laneige Lip Sleeping Mask from Sephora Australia, A$34</p>", "Laneige",
     "Lip Sleeping Mask", "Sephora", 34},
};

class ProductTableTest : public ::testing::TestWithParam<ProductCase> {};

TEST_P(ProductTableTest, ReadsNameBrandRetailerAndPrice) {
  const ProductCase& c = GetParam();
  ExtractedPage page = extract_html(wordpress_page(c.html));
  ASSERT_EQ(page.products.size(), 1u) << c.name;
  const Product& p = page.products[0];
  EXPECT_EQ(p.brand, c.brand) << c.name;
  EXPECT_EQ(p.name, c.product) << c.name;
  EXPECT_EQ(p.retailer, c.retailer) << c.name;
  EXPECT_DOUBLE_EQ(p.price.amount, c.price) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Lines, ProductTableTest, ::testing::ValuesIn(kProductCases),
                         [](const auto& info) { return std::string(info.param.name); });

// schema.org microdata, with the price only in attributes (nothing in the text says "$").
TEST(ExtractorTest, ProductsFromMicrodata) {
  ExtractedPage page = extract_html(wordpress_page(
      R"(<div itemscope itemtype="https://schema.org/Product"><h3 itemprop="name">Cryo Sculpting Wand</h3>
<meta itemprop="brand" content="Glacier Lab"><p itemprop="description">A steel wand kept in the freezer.</p>
<div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><meta itemprop="priceCurrency" content="USD">
<meta itemprop="price" content="44.50"><span itemprop="seller" itemscope itemtype="https://schema.org/Organization">
<meta itemprop="name" content="Ulta"></span><a itemprop="url" href="https://www.ulta.com/p/wand?x=1&amp;y=2">Shop</a></div></div>)"));
  ASSERT_EQ(page.products.size(), 1u);
  const Product& p = page.products[0];
  EXPECT_EQ(p.name, "Cryo Sculpting Wand");
  EXPECT_EQ(p.brand, "Glacier Lab");
  EXPECT_EQ(p.retailer, "Ulta");
  EXPECT_DOUBLE_EQ(p.price.amount, 44.5);
  EXPECT_EQ(p.price.currency, "USD");
  EXPECT_EQ(p.url, "https://www.ulta.com/p/wand?x=1&y=2");
}

TEST(ExtractorTest, ArticleMetadataFromMicrodata) {
  std::string html = R"(<html><head><title>Night Creams | Glow Notes</title></head><body>
<article itemscope itemtype="https://schema.org/BlogPosting"><h1 itemprop="headline">Night Creams, Ranked</h1>
<p>By <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ines Okafor</span></span>
on <time itemprop="datePublished" datetime="2025-10-03">October 3</time></p>
<div itemprop="articleBody"><p>Night creams are heavier than day creams because nothing has to sit under makeup, and that
extra weight is where the repair ingredients live. We tried eleven of them over two months of cold mornings.</p>
<p>The winners share a short ingredient list, a jar that keeps light out, and a texture that sinks in within ten minutes.</p></div>
</article></body></html>)";
  ExtractedPage page = extract_html(html, "https://glownotes.example/night-creams/");
  EXPECT_EQ(page.title, "Night Creams, Ranked");
  ASSERT_FALSE(page.authors.empty());
  EXPECT_EQ(page.authors[0], "Ines Okafor");
  EXPECT_EQ(page.published.value_or(""), "2025-10-03");
}

// The parser sees runs of text as placeholders (html_blocks.cc, TextRuns); what comes out must
// be what the page says: references decoded, stray "<" kept, text in tables and links intact.
TEST(ExtractorTest, TextSurvivesThePlaceholderPass) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>Tom &amp; Jerry&rsquo;s &ldquo;night cream&rdquo; costs less than a latte when 2 &lt; 3 and 5 < 7 hold &#8212; "
      "really &#x2014; at <a href=\"/shop/?a=1&amp;b=2\">our shop&nbsp;page</a>, said nobody at all in this long sentence.</p>"
      "<table><tr><td>Cell text that is long enough</td><td>Another cell that is long</td></tr></table>"
      "<p>A sentence with a private-use character \xEF\x80\x80 inside it stays exactly as it was written here.</p>"));
  EXPECT_NE(page.text.find("Tom & Jerry\u2019s \u201Cnight cream\u201D costs less than a latte when 2 < 3 and 5 < 7 hold \u2014 "
                           "really \u2014 at our shop page, said nobody"),
            std::string::npos)
      << page.text;
  EXPECT_NE(page.text.find("Cell text that is long enough"), std::string::npos);
  EXPECT_NE(page.text.find("Another cell that is long"), std::string::npos);
  EXPECT_NE(page.text.find("character \xEF\x80\x80 inside"), std::string::npos);
  EXPECT_NE(std::find(page.links.begin(), page.links.end(), "https://porereport.example/shop/?a=1&b=2"), page.links.end());
}

// Bare <span>s and <img>s never reach the parser; nothing they wrap may move. A kept span (one
// with a class the walker reads) still closes where the page closes it, around bare ones.
TEST(ExtractorTest, BareSpansAndImagesDropOutWithoutMovingAnything) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>Dermatologists <span>agree</span> that <span><span>slow</span> starts</span> work<img src=\"a.jpg\"> "
      "better than <SPAN>fast</SPAN> ones, and our testers <span class=\"fn\">saw <span>the</span> same</span> thing "
      "over six weeks of nightly use.</p>"
      "<p>Before the buttons <span class=\"share-bar\">Share <span>this</span> on Pinterest</span> and after them, "
      "<span><span class=\"share-bar\">Pin</span> it</span> ends the second paragraph of the body text.</p>"
      "<p>After the buttons, a closing paragraph of the body, long enough to be kept as main text here.</p>"
      "<span>stray end tags </span></span></span><p>do not close what they never opened: this paragraph stays too.</p>"));
  EXPECT_NE(page.text.find("Dermatologists agree that slow starts work better than fast ones, and our testers saw the "
                           "same thing over six weeks"),
            std::string::npos)
      << page.text;
  EXPECT_NE(page.text.find("Before the buttons and after them, it ends the second paragraph"), std::string::npos)
      << page.text;
  EXPECT_EQ(page.text.find("Pinterest"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Pin "), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("After the buttons, a closing paragraph"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("do not close what they never opened"), std::string::npos) << page.text;
}

// Buttons, selects, iframes and inputs never reach the parser when what they hold is surely
// theirs; when it is not (an end tag that closes something opened before them), they stay and
// the parser decides, so no text after them is lost.
TEST(ExtractorTest, ControlsDropOutButNeverTakeTextWithThem) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>Before the controls <button class=\"x\"><span>Share</span> <svg><path d=\"M0\"></path></svg>this</button>"
      "<select name=\"size\"><option>Choose a size</option></select><input type=\"text\" value=\"typed\">"
      "<iframe src=\"/embed\">Your browser</iframe> and after them, one sentence of the body.</p>"
      "<div><button>Menu</div><p>A paragraph after a button whose end tag comes much later, which stays text.</p>"
      "<p>Closing words of the body, long enough to be kept as main text here.</button></p>"));
  EXPECT_NE(page.text.find("Before the controls and after them, one sentence of the body."), std::string::npos)
      << page.text;
  for (const char* gone : {"Share", "Choose a size", "typed", "Your browser", "Menu"}) {
    EXPECT_EQ(page.text.find(gone), std::string::npos) << gone << " in " << page.text;
  }
  EXPECT_NE(page.text.find("A paragraph after a button whose end tag comes much later"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Closing words of the body"), std::string::npos) << page.text;
}

// A theme's "More from" grid of linked cards after a short article is furniture even when its
// titles add up to more text than the article: the rule that keeps a furniture-named element
// holding most of the page's text (a wrapper with an unlucky name) counts text outside links.
TEST(ExtractorTest, AGridOfLinkedCardsAfterAShortArticleStaysFurniture) {
  std::string cards;
  for (int i = 0; i < 35; ++i) {
    cards += "<div class=\"card\"><h3><a href=\"/more/" + std::to_string(i) + "/\">Another story from our editors, number " +
             std::to_string(i) + ", on serums and routines</a></h3><span>4 min</span></div>";
  }
  std::string html =
      "<html><head><title>Q&amp;A: A Facialist on Cold Rollers | Pore Report</title>"
      "<meta property=\"og:type\" content=\"article\"><meta name=\"author\" content=\"Maya Lindgren\"></head><body>"
      "<main><article><h1>Q&amp;A: A Facialist on Cold Rollers</h1>"
      "<p>We asked facialist Lena Ortiz how she uses cold rollers with clients who wake up puffy before events.</p>"
      "<p>“I keep two rollers in the fridge and use them for five minutes, always moving outward toward the ears,” "
      "Ortiz says, adding that pressing too hard undoes the point of the exercise entirely.</p>"
      "<p>She suggests pairing the roller with a light serum so it glides, and stopping if the skin turns red.</p>"
      "<p>For clients with rosacea she skips the roller altogether and uses a chilled compress instead, because even "
      "light pressure can bring the flush back, and she reminds everyone that the effect fades within a few hours.</p>"
      "</article>"
      "<section class=\"more-from related-posts\"><h2>More from Pore Report</h2>" + cards + "</section></main></body></html>";
  ExtractedPage page = extract_html(html);
  EXPECT_EQ(page.kind, PageKind::kArticle);
  EXPECT_NE(page.text.find("I keep two rollers in the fridge"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Another story from our editors"), std::string::npos) << page.text;
}

// A hostile title is text: it must come out exactly as the page's <title> says.
TEST(ExtractorTest, MarkupInATitleIsKeptAsText) {
  ExtractedPage page = extract_html(
      "<html><head><title><img src=x onerror=alert(1)></title></head><body><article><p>Body text long enough to "
      "be kept as the article's main text by the extractor.</p></article></body></html>");
  EXPECT_EQ(page.title, "<img src=x onerror=alert(1)>");
}

TEST(ExtractorTest, PagesThatUseThePlaceholderPlanesKeepTheirText) {
  // U+F0001 written in the page itself: placeholders are off for this page, nothing is lost.
  ExtractedPage page = extract_html(wordpress_page(
      "<p>An icon font glyph \xF3\xB0\x80\x81 sits in this paragraph, which is long enough to be kept as text.</p>"));
  EXPECT_NE(page.text.find("glyph \xF3\xB0\x80\x81 sits"), std::string::npos) << page.text;
  EXPECT_NE(page.text.find("Retinol has a reputation"), std::string::npos);
}

// Bullet lines joined by <br> into one paragraph are one product each.
TEST(ExtractorTest, BulletedProductsInOneParagraph) {
  ExtractedPage page = extract_html(
      wordpress_page("<p>&bull; Clinique Take The Day Off Cleansing Balm (&pound;22.50, Boots)<br>"
                     "&bull; Elemis Pro-Collagen Cleansing Balm (&pound;39, Look Fantastic)</p>"));
  ASSERT_EQ(page.products.size(), 2u);
  EXPECT_EQ(page.products[0].brand, "Clinique");
  EXPECT_EQ(page.products[0].name, "Take The Day Off Cleansing Balm");
  EXPECT_EQ(page.products[0].retailer, "Boots");
  EXPECT_DOUBLE_EQ(page.products[0].price.amount, 22.5);
  EXPECT_EQ(page.products[1].brand, "Elemis");
  EXPECT_EQ(page.products[1].name, "Pro-Collagen Cleansing Balm");
  EXPECT_EQ(page.products[1].retailer, "Look Fantastic");
}

// Every bulleted item, like a whole paragraph, is a product line or else prose naming a
// product; a table cell holding only a price is the product of its row's first cell.
TEST(ExtractorTest, BulletedProseAndTablePriceCells) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>&bull; For oily skin, CeraVe Foaming Facial Cleanser ($11.99 at Target) is the one we "
      "finished first.<br>&bull; Laneige Lip Sleeping Mask ($24, sephora.com)</p>"
      "<table><tr><td>Product</td><td>Price</td><td>Where</td></tr>"
      "<tr><td>La Roche-Posay Toleriane Double Repair Moisturizer</td><td>$21.99</td><td>Ulta</td></tr>"
      "</table>"));
  ASSERT_EQ(page.products.size(), 3u);
  EXPECT_EQ(page.products[0].brand, "CeraVe");
  EXPECT_EQ(page.products[0].name, "Foaming Facial Cleanser");
  EXPECT_EQ(page.products[0].retailer, "Target");
  EXPECT_EQ(page.products[1].brand, "Laneige");
  EXPECT_EQ(page.products[1].retailer, "Sephora");
  EXPECT_EQ(page.products[2].brand, "La Roche-Posay");
  EXPECT_EQ(page.products[2].name, "Toleriane Double Repair Moisturizer");
  EXPECT_EQ(page.products[2].retailer, "Ulta");
  EXPECT_DOUBLE_EQ(page.products[2].price.amount, 21.99);
}

TEST(ExtractorTest, InOfficeServicePricesAreNotProducts) {
  ExtractedPage page = extract_html(wordpress_page(
      "<p>Ultherapy runs $2,000 to $4,000 per session, and most people need only one.</p>"
      "<p>Buy it now: Laneige Water Sleeping Mask from Target, $25</p>"));
  ASSERT_EQ(page.products.size(), 1u);
  EXPECT_EQ(page.products[0].brand, "Laneige");
}

TEST(ExtractorTest, ListingPagesGiveLinksButNoQuotesOrProducts) {
  std::string html = "<html><head><title>Skincare | Pore Report</title></head><body><main>";
  for (int i = 0; i < 6; ++i) {
    html += "<article><h2><a href=\"/post-" + std::to_string(i) + "/\">A long enough post title number " +
            std::to_string(i) + "</a></h2><p>Dermatologist Jonah Lee says this one is worth reading, “it is the best "
            "routine for beginners,” he says, and it costs $20 at Target.</p></article>";
  }
  html += "</main></body></html>";
  ExtractedPage page = extract_html(html, "https://porereport.example/skincare/");
  EXPECT_EQ(page.kind, PageKind::kListing);
  EXPECT_TRUE(page.quotes.empty());
  EXPECT_TRUE(page.products.empty());
  EXPECT_GE(page.links.size(), 6u);
  EXPECT_NE(std::find(page.links.begin(), page.links.end(), "https://porereport.example/post-3/"), page.links.end());
}

TEST(ExtractorTest, MetaRobotsAndNofollowLinks) {
  std::string html = "<html><head><meta name=\"robots\" content=\"noindex, nofollow\"></head><body>"
                     "<p><a href=\"/ok/\">ok</a> <a href=\"/paid/\" rel=\"sponsored nofollow\">paid</a> "
                     "<a href=\"mailto:x@example.com\">mail</a> <a href=\"javascript:void(0)\">js</a></p></body></html>";
  ExtractedPage page = extract_html(html, "https://porereport.example/");
  EXPECT_TRUE(page.noindex);
  EXPECT_TRUE(page.nofollow);
  EXPECT_EQ(page.links, std::vector<std::string>{"https://porereport.example/ok/"});
}

TEST(ExtractorTest, HugePagesAreCutWithAWarning) {
  std::string paragraph = "<p>Sunscreen every morning, even in winter, is the habit dermatologists name first.</p>\n";
  std::string html = "<html><head><title>Long | Pore Report</title></head><body><article>";
  while (html.size() < 50u * 1024 * 1024) html += paragraph;
  // A smaller cap than the default keeps the test quick; the code path is the same.
  Extractor capped(extractor().taxonomy(), extractor().catalog(), ExtractorOptions{2u * 1024 * 1024});
  ExtractedPage page = capped.extract({html, "https://porereport.example/long", "text/html"});
  ASSERT_FALSE(page.warnings.empty());
  EXPECT_NE(page.warnings.front().find("truncated"), std::string::npos);
  EXPECT_NE(page.text.find("Sunscreen every morning"), std::string::npos);
  EXPECT_LE(page.text.size(), 2u * 1024 * 1024);
}

TEST(ExtractorTest, InvalidUtf8IsRepairedAndReported) {
  std::string html = "<html><body><article><p>Broken \xC3\x28 bytes \xFF here, in a page that says nothing of its "
                     "charset but is mostly ASCII text about cleansers.</p></article></body></html>";
  ExtractedPage page = extractor().extract({html, "https://porereport.example/x", "text/html; charset=utf-8"});
  EXPECT_NE(page.text.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_FALSE(page.warnings.empty());
}

// Every input the fuzzer (fuzz/extract_fuzzer.cc) ever crashed on, kept as a regression test.
TEST(ExtractorTest, FuzzerFindingsStayFixed) {
  std::filesystem::path dir = test::source_dir() / "tests/extract/fuzz_regressions";
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string bytes = test::read_file(entry.path());
    for (const char* type : {"", "text/plain", "text/html; charset=windows-1252"}) {
      ExtractedPage page = extractor().extract({bytes, "https://fuzz.example/page", type});
      EXPECT_LE(page.text.size(), bytes.size() * 4 + 64) << entry.path();
    }
    ++files;
  }
  EXPECT_GE(files, 1u);
}

TEST(ExtractorTest, BadInputNeverCrashes) {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<div>";
  deep += "<p>deep text</p>";
  std::string junk;
  for (int i = 0; i < 100000; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  // Long runs of digits and separators once made the price finder quadratic.
  std::string digits = "<p>";
  for (int i = 0; i < 100000; ++i) digits += "1,";
  const std::string inputs[] = {"", "<", "<html><body><p>truncated “quote", deep, junk,
                                std::string(200000, '<'), "\xFF\xFE\x00<\x00p\x00>", digits};
  for (const auto& input : inputs) {
    ExtractedPage page = extractor().extract({input, "https://porereport.example/x", ""});
    EXPECT_NE(page.kind, PageKind::kArticle);
  }
}

}  // namespace
}  // namespace beautyidx::extract
