// The synthetic blog the benchmarks index: deterministic, and realistic enough that the real
// extractor reads it the way it reads a real blog (experts with credentials, about 4 quotes and
// 3 priced products an article, few near-duplicates, furniture prices ignored), in pages as
// heavy as real article pages whose theme chrome never reaches the article text.
#include "bench/synthetic_site.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../shared_extractor.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"

namespace beautyidx::bench {
namespace {

constexpr size_t kArticles = 1000;

// The pages of a kArticles-article site, rendered and extracted once per test process.
const std::vector<ExtractedPage>& pages() {
  static const std::vector<ExtractedPage>* instance = [] {
    SyntheticSite site(kArticles);
    auto* out = new std::vector<ExtractedPage>;
    for (size_t i = 0; i < kArticles; ++i) {
      std::string html = site.article(i);
      out->push_back(test::shared_extractor().extract(
          {html, "https://synthetic.example" + site.article_path(i), "text/html"}));
    }
    return out;
  }();
  return *instance;
}

TEST(SyntheticSiteTest, SameSizeGivesTheSameBytesInAnyOrder) {
  SyntheticSite a(5000), b(5000);
  std::vector<std::string> forward;
  for (size_t i = 0; i < 40; ++i) forward.push_back(a.article(i * 97));
  for (size_t i = 40; i-- > 0;) EXPECT_EQ(b.article(i * 97), forward[i]) << "article " << i * 97;
  EXPECT_EQ(a.home(), b.home());
  EXPECT_EQ(a.sitemap("https://x.example"), b.sitemap("https://x.example"));
  EXPECT_EQ(a.article_path(42), "/posts/000042/");
}

TEST(SyntheticSiteTest, EveryPageIsAnArticleWithAuthorAndDate) {
  std::set<std::string> authors, years;
  for (const ExtractedPage& page : pages()) {
    ASSERT_EQ(page.kind, PageKind::kArticle) << page.url;
    ASSERT_EQ(page.authors.size(), 1u) << page.url;
    ASSERT_TRUE(page.published) << page.url;
    authors.insert(page.authors[0]);
    years.insert(page.published->substr(0, 4));
  }
  EXPECT_GE(authors.size(), 30u);
  EXPECT_EQ(years, (std::set<std::string>{"2023", "2024", "2025", "2026"}));
}

TEST(SyntheticSiteTest, AboutFourQuotesAnArticleFromCredentialedExperts) {
  size_t quotes = 0, credentialed = 0, indirect = 0;
  std::map<Stance, size_t> stances;
  std::map<std::string, std::set<std::string>> credentials;  // expert -> credentials seen
  for (const ExtractedPage& page : pages()) {
    quotes += page.quotes.size();
    for (const Quote& q : page.quotes) {
      ++stances[q.stance];
      if (q.indirect) ++indirect;
      if (!q.speaker || q.speaker->credential.empty()) continue;
      ++credentialed;
      credentials[q.speaker->name].insert(q.speaker->credential);
    }
  }
  double per_article = static_cast<double>(quotes) / kArticles;
  EXPECT_GT(per_article, 3.5);
  EXPECT_LT(per_article, 4.5);
  EXPECT_GT(credentialed, quotes * 98 / 100);
  EXPECT_GT(indirect, quotes / 20);  // paraphrases too, not only quotation marks
  for (Stance s : {Stance::kRecommends, Stance::kWarns, Stance::kNeutral}) {
    EXPECT_GT(stances[s], quotes / 10) << stance_name(s);
  }
  EXPECT_GT(credentials.size(), 400u);  // hundreds of people
  for (const auto& [name, seen] : credentials) {
    EXPECT_EQ(seen.size(), 1u) << name << " has a credential per person, not per article";
  }
}

TEST(SyntheticSiteTest, AboutThreePricedProductsAnArticleAndFurnitureIgnored) {
  SyntheticSite site(kArticles);
  size_t products = 0, with_evidence = 0, marked_down = 0;
  std::map<std::string, size_t> mentions;  // brand|name -> articles
  for (size_t i = 0; i < kArticles; ++i) {
    const ExtractedPage& page = pages()[i];
    // Sidebar picks and comments name prices too; only the article body's count.
    std::string html = site.article(i);
    size_t body_start = html.find("entry-content"), body_end = html.find("class=\"tags\"");
    std::string body = html.substr(body_start, body_end - body_start);
    for (const Product& p : page.products) {
      ++products;
      EXPECT_FALSE(p.brand.empty()) << page.url << ": " << p.name;
      EXPECT_GT(p.price.amount, 0) << page.url << ": " << p.name;
      EXPECT_TRUE(body.find(p.name) != std::string::npos)
          << page.url << ": " << p.brand << " " << p.name;
      if (!p.evidence.empty()) ++with_evidence;
      if (p.price.was) ++marked_down;
      ++mentions[p.brand + "|" + p.name];
    }
  }
  double per_article = static_cast<double>(products) / kArticles;
  EXPECT_GT(per_article, 2.6);
  EXPECT_LT(per_article, 3.4);
  EXPECT_GT(with_evidence, products / 4);  // experts back some of them by name
  EXPECT_GT(marked_down, 0u);
  EXPECT_GT(mentions.size(), 1000u);
  // Popularity is skewed: the most mentioned product is in many articles, most in one or two.
  size_t most = 0, rare = 0;
  for (const auto& [key, n] : mentions) {
    most = std::max(most, n);
    if (n <= 2) ++rare;
  }
  EXPECT_GE(most, 20u);
  EXPECT_GT(rare, mentions.size() / 2);
}

// Only the deliberate syndicated copies (about 1%) are near-duplicates by the indexer's rule.
TEST(SyntheticSiteTest, FewNearDuplicates) {
  // Each page against the pages kept so far (a plain scan: the indexer's banded lookup finds
  // the same matches, and a thousand pages need no index).
  std::vector<std::uint64_t> kept;
  size_t duplicates = 0;
  for (const ExtractedPage& page : pages()) {
    const std::uint64_t h = indexer::simhash(page.text);
    if (std::any_of(kept.begin(), kept.end(), [&](std::uint64_t k) { return indexer::hamming_distance(h, k) <= 3; })) {
      ++duplicates;
    } else {
      kept.push_back(h);
    }
  }
  EXPECT_GT(duplicates, 0u);
  EXPECT_LT(duplicates, kArticles * 2 / 100);
}

// The public benchmark's 181 real article pages weigh 114 KB at the median (p25 68 KB, p75
// 198 KB); pages a tenth of that would make fetching look cheaper than it is.
TEST(SyntheticSiteTest, PagesWeighWhatRealArticlePagesDo) {
  SyntheticSite site(kArticles);
  std::vector<size_t> sizes;
  for (size_t i = 0; i < 200; ++i) sizes.push_back(site.article(i).size());
  std::sort(sizes.begin(), sizes.end());
  auto quantile = [&](size_t percent) { return sizes[sizes.size() * percent / 100]; };
  EXPECT_GE(quantile(50), 80u * 1024);
  EXPECT_LE(quantile(50), 160u * 1024);
  EXPECT_GE(quantile(75), quantile(25) * 13 / 10) << "real pages spread widely";
  EXPECT_GE(quantile(90), quantile(10) * 2);
}

// The tag of `html` that begins with `opening`.
std::string tag_starting(const std::string& html, const std::string& opening) {
  const size_t at = html.find(opening);
  return at == std::string::npos ? "" : html.substr(at, html.find('>', at) + 1 - at);
}

// The article alone: its title, type, author and date, and its body, with no theme around it.
// What the extractor reads here it should read from the full page, and nothing more.
std::string without_chrome(const std::string& html) {
  const size_t title_start = html.find("<title>") + 7;
  std::string title = html.substr(title_start, html.find("</title>") - title_start);
  title.resize(title.rfind(" | Synthetic Glow"));
  const size_t start = html.find("<div class=\"entry-content\">");
  const size_t end = std::min(html.find("</div><div class=\"tags\">", start),
                              html.find("</div><div class=\"share-buttons", start));
  return "<!doctype html><html lang=\"en\"><head><title>" + title + "</title>" +
         tag_starting(html, "<meta property=\"og:type\"") +
         tag_starting(html, "<meta name=\"author\"") +
         tag_starting(html, "<meta property=\"article:published_time\"") +
         "</head><body><article><h1>" + title + "</h1>" + html.substr(start, end - start) +
         "</div></article></body></html>";
}

TEST(SyntheticSiteTest, ChromeNeverReachesTheArticleText) {
  SyntheticSite site(kArticles);
  // What only the theme says: menus, widgets, footer, consent banner, promotions.
  const std::vector<std::string> chrome = {"Thinning & Shedding", "Best Drugstore Finds",
                                           "Popular Right Now",   "More from Synthetic Glow",
                                           "Shop Our Picks",      "Browse Topics",
                                           "The Glow Report",     "favorite finds, expert advice",
                                           "We use cookies",      "Manage choices",
                                           "affiliate programs",  "Free shipping on Glow Shop",
                                           "Leave a Reply",       "Skip to content",
                                           "Advertisement"};
  for (size_t i = 0; i < 200; ++i) {
    const ExtractedPage& page = pages()[i];
    const std::string html = site.article(i);
    EXPECT_LT(page.text.size() * 4, html.size()) << page.url;
    for (const std::string& words : chrome) {
      EXPECT_EQ(page.text.find(words), std::string::npos) << page.url << ": " << words;
    }
    ExtractedPage bare = test::shared_extractor().extract(
        {without_chrome(html), "https://synthetic.example" + site.article_path(i), "text/html"});
    EXPECT_EQ(page.kind, bare.kind) << page.url;
    EXPECT_EQ(page.title, bare.title) << page.url;
    EXPECT_EQ(page.authors, bare.authors) << page.url;
    EXPECT_EQ(page.published, bare.published) << page.url;
    EXPECT_EQ(page.text, bare.text) << page.url;
    EXPECT_EQ(page.quotes.size(), bare.quotes.size()) << page.url;
    EXPECT_EQ(page.products.size(), bare.products.size()) << page.url;
  }
}

// The crawl bench serves the articles, the home page and the sitemap, and stops after N + 10
// pages: links to pages the site lacks would spend that allowance on errors. Other hosts are
// outside the crawl's scope.
TEST(SyntheticSiteTest, LinksWithinTheSiteGoToPathsItHasOrAlwaysLinked) {
  const std::regex known(
      "https://synthetic\\.example(/|/(skincare|tools|hair|best|about)/|/author/[0-9]+/|"
      "/tag/[a-z0-9-]+/|/posts/([0-9]{6})/)");
  size_t on_site = 0;
  for (const ExtractedPage& page : pages()) {
    for (const std::string& link : page.links) {
      if (!link.starts_with("https://synthetic.example")) continue;
      ++on_site;
      std::smatch match;
      ASSERT_TRUE(std::regex_match(link, match, known)) << page.url << " links " << link;
      if (match[3].matched) {
        EXPECT_LT(std::stoul(match[3]), kArticles) << page.url << " links " << link;
      }
    }
  }
  EXPECT_GT(on_site, kArticles * 20);  // popular posts and story cards link other articles
}

}  // namespace
}  // namespace beautyidx::bench
