// The synthetic blog the benchmarks index: deterministic, and realistic enough that the real
// extractor reads it the way it reads a real blog (experts with credentials, about 4 quotes and
// 3 priced products an article, few near-duplicates, furniture prices ignored).
#include "bench/synthetic_site.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
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

}  // namespace
}  // namespace beautyidx::bench
