// Sitemaps and feeds: one row per document shape, plus crawler-commons' SiteMapParserTest cases
// from ../shared/conformance.
#include "crawler/sitemap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace beautyidx::crawler {
namespace {

constexpr std::string_view kBase = "http://glow.test/sitemap.xml";

std::vector<std::string> urls_of(const Sitemap& sitemap) {
  std::vector<std::string> urls;
  for (const auto& e : sitemap.entries) urls.push_back(e.url);
  return urls;
}

struct SitemapRow {
  std::string_view name;
  std::string_view body;
  SitemapType type;
  std::vector<std::string> urls;
};

const std::vector<SitemapRow> kSitemapRows = {
    {"urlset",
     R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://glow.test/blog/gua-sha/</loc><lastmod>2024-01-01</lastmod></url>
  <url><loc>https://glow.test/blog/jade-rollers/</loc></url>
</urlset>)",
     SitemapType::kUrlSet,
     {"http://glow.test/blog/gua-sha/", "https://glow.test/blog/jade-rollers/"}},
    {"sitemapindex",
     R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://glow.test/sitemap-posts.xml</loc><lastmod>2024-02-02</lastmod></sitemap>
  <sitemap><loc>http://glow.test/sitemap-pages.xml</loc></sitemap>
</sitemapindex>)",
     SitemapType::kIndex,
     {"http://glow.test/sitemap-posts.xml", "http://glow.test/sitemap-pages.xml"}},
    {"namespace prefix",
     R"(<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sm:url><sm:loc>http://glow.test/a</sm:loc></sm:url>
</sm:urlset>)",
     SitemapType::kUrlSet,
     {"http://glow.test/a"}},
    {"no namespace, entities, CDATA and padding",
     "<urlset><url><loc>\n  http://glow.test/s?a=1&amp;b=2 \n</loc></url>"
     "<url><loc><![CDATA[http://glow.test/c?x=1&y=2]]></loc></url></urlset>",
     SitemapType::kUrlSet,
     {"http://glow.test/s?a=1&b=2", "http://glow.test/c?x=1&y=2"}},
    {"BOM", "\xEF\xBB\xBF<urlset><url><loc>http://glow.test/bom</loc></url></urlset>",
     SitemapType::kUrlSet,
     {"http://glow.test/bom"}},
    {"leading whitespace", "\n \t\r\n<?xml version=\"1.0\"?><urlset><url><loc>http://glow.test/ws</loc></url></urlset>",
     SitemapType::kUrlSet,
     {"http://glow.test/ws"}},
    {"entries without loc and non-http locations are skipped",
     "<urlset><url><lastmod>2024-01-01</lastmod></url><url><loc>mailto:a@b.c</loc></url>"
     "<url><loc>ftp://glow.test/f</loc></url><url><loc>http://glow.test/ok</loc></url></urlset>",
     SitemapType::kUrlSet,
     {"http://glow.test/ok"}},
    {"empty urlset", "<urlset/>", SitemapType::kUrlSet, {}},
    {"plain text",
     "http://glow.test/1\r\nhttps://glow.test/2\n# a comment\nftp://glow.test/3\nnot a url\n\n",
     SitemapType::kText,
     {"http://glow.test/1", "https://glow.test/2"}},
    {"RSS 2.0",
     R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Glow</title><link>http://glow.test/</link>
  <item><title>Gua sha</title><link>http://glow.test/blog/gua-sha/</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>
  <item><title>Rollers</title><link>http://glow.test/blog/rollers/</link></item>
</channel></rss>)",
     SitemapType::kRss,
     {"http://glow.test/blog/gua-sha/", "http://glow.test/blog/rollers/"}},
    {"RSS 1.0 (RDF)",
     R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel><link>http://glow.test/</link></channel>
  <item><link>http://glow.test/rdf-item</link></item>
</rdf:RDF>)",
     SitemapType::kRss,
     {"http://glow.test/rdf-item"}},
    {"Atom",
     R"(<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://glow.test/"/>
  <entry><link rel="self" href="http://glow.test/self"/><link rel="alternate" href="http://glow.test/blog/led/"/>
    <updated>2024-03-03T00:00:00Z</updated></entry>
  <entry><link href="http://glow.test/blog/spf/"/></entry>
</feed>)",
     SitemapType::kAtom,
     {"http://glow.test/blog/led/", "http://glow.test/blog/spf/"}},
};

TEST(SitemapTest, Table) {
  for (const SitemapRow& row : kSitemapRows) {
    SCOPED_TRACE(row.name);
    auto sitemap = parse_sitemap(row.body, kBase);
    ASSERT_TRUE(sitemap.has_value()) << sitemap.error().message;
    EXPECT_EQ(sitemap->type, row.type);
    EXPECT_EQ(urls_of(*sitemap), row.urls);
  }
}

TEST(SitemapTest, LastmodIsKeptWhenGiven) {
  auto sitemap = parse_sitemap(kSitemapRows[0].body, kBase);
  ASSERT_TRUE(sitemap.has_value());
  ASSERT_EQ(sitemap->entries.size(), 2u);
  EXPECT_EQ(sitemap->entries[0].lastmod, "2024-01-01");
  EXPECT_FALSE(sitemap->entries[1].lastmod.has_value());

  auto atom = parse_sitemap(kSitemapRows.back().body, kBase);
  ASSERT_TRUE(atom.has_value());
  ASSERT_FALSE(atom->entries.empty());
  EXPECT_EQ(atom->entries[0].lastmod, "2024-03-03T00:00:00Z");
}

TEST(SitemapTest, GarbageIsAParseError) {
  for (std::string_view body : {std::string_view("<html><body>not a sitemap</body></html>"),
                                std::string_view("<<<< not xml"), std::string_view("<urlset attr=><url/></urlset>")}) {
    auto sitemap = parse_sitemap(body, kBase);
    ASSERT_FALSE(sitemap.has_value()) << body;
    EXPECT_EQ(sitemap.error().kind, ErrorKind::kParse);
    EXPECT_NE(sitemap.error().message.find(std::string(kBase)), std::string::npos) << sitemap.error().message;
  }
}

TEST(SitemapTest, TruncatedDocumentsKeepWhatWasParsed) {
  // Lenient on purpose: a sitemap cut off mid-download still yields its complete entries.
  auto sitemap = parse_sitemap("<urlset><url><loc>http://glow.test/a</loc></url><url><loc>http://glo", kBase);
  ASSERT_TRUE(sitemap.has_value()) << sitemap.error().message;
  ASSERT_FALSE(sitemap->entries.empty());
  EXPECT_EQ(sitemap->entries[0].url, "http://glow.test/a");
}

TEST(SitemapTest, ExternalEntitiesAreNeverExpanded) {
  constexpr std::string_view kXxe = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE urlset [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://glow.test/&xxe;</loc></url>
  <url><loc>http://glow.test/safe</loc></url>
</urlset>)";
  auto sitemap = parse_sitemap(kXxe, kBase);
  // Failing is fine; expanding the entity is not.
  if (!sitemap) return;
  for (const auto& entry : sitemap->entries) {
    EXPECT_EQ(entry.url.find("root:"), std::string::npos) << entry.url;
    EXPECT_EQ(entry.url.find("/bin/"), std::string::npos) << entry.url;
  }
}

// Regressions: each row was a bug, found by this table and fixed; they stay asserted.
const std::vector<SitemapRow> kFixedGaps = {
    // Relative locations are resolved against the sitemap's URL (documented in sitemap.h).
    {"relative loc", "<urlset><url><loc>/relative/page</loc></url><url><loc>http://glow.test/abs</loc></url></urlset>",
     SitemapType::kUrlSet,
     {"http://glow.test/relative/page", "http://glow.test/abs"}},
    // Was: the BOM is looked for only after trimming, so a BOM followed by whitespace makes the
    // document look like plain text: no URLs (crawler-commons testSitemapXMLleadingWhiteSpace).
    {"BOM then whitespace", "\xEF\xBB\xBF\n \t\r\n<urlset><url><loc>http://glow.test/bom</loc></url></urlset>",
     SitemapType::kUrlSet,
     {"http://glow.test/bom"}},
    // Was: only the first text node of <loc>/<link> is read, so a CDATA section after plain text
    // is cut off (crawler-commons testSitemapIndex and testRSSFormat).
    {"text then CDATA in loc", "<urlset><url><loc>http://glow.test/d<![CDATA[?a=1&b=2]]></loc></url></urlset>",
     SitemapType::kUrlSet,
     {"http://glow.test/d?a=1&b=2"}},
};

TEST(SitemapTest, FixedGapsStayFixed) {
  for (const SitemapRow& row : kFixedGaps) {
    auto sitemap = parse_sitemap(row.body, kBase);
    std::string expected, actual;
    for (const auto& u : row.urls) expected += " " + u;
    if (sitemap) {
      for (const auto& u : urls_of(*sitemap)) actual += " " + u;
    } else {
      actual = " error: " + sitemap.error().message;
    }
    bool holds = sitemap && sitemap->type == row.type && urls_of(*sitemap) == row.urls;
    EXPECT_TRUE(holds);
    if (!(holds)) std::printf("regressed%s: %.*s: expected [%s ], got [%s ]\n", holds ? " (now passes)" : "",
                static_cast<int>(row.name.size()), row.name.data(), expected.c_str(), actual.c_str());
  }
}

std::optional<SitemapType> type_named(std::string_view name) {
  if (name == "urlset") return SitemapType::kUrlSet;
  if (name == "sitemapindex") return SitemapType::kIndex;
  if (name == "text") return SitemapType::kText;
  if (name == "rss") return SitemapType::kRss;
  if (name == "atom") return SitemapType::kAtom;
  return std::nullopt;
}

// crawler-commons SiteMapParserTest (../shared/conformance/sitemaps.json). Only cases that expect a
// parsed document are scored; their parser_config (strict location rule, URL filters) is not ours,
// so this is a measurement with a floor.
TEST(SitemapConformanceTest, CrawlerCommonsCases) {
  const std::filesystem::path path = std::filesystem::path(BEAUTYIDX_SHARED_DIR) / "conformance" / "sitemaps.json";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "../shared/conformance not found: sitemap conformance table skipped";
  }
  std::ifstream in(path);
  nlohmann::json cases = nlohmann::json::parse(in);
  ASSERT_TRUE(cases.is_array());
  int total = 0, passed = 0;
  for (const auto& c : cases) {
    auto type = type_named(c["expected_type"].get<std::string>());
    if (!type) continue;
    ++total;
    std::string name = c["name"].get<std::string>();
    auto sitemap = parse_sitemap(c["content"].get<std::string>(), c["sitemap_url"].get<std::string>());
    std::string why;
    if (!sitemap) {
      why = "error: " + sitemap.error().message;
    } else if (sitemap->type != *type) {
      why = "wrong type";
    } else {
      std::vector<std::string> got = urls_of(*sitemap);
      std::set<std::string> got_set(got.begin(), got.end());
      std::set<std::string> want;
      if (c["expected_urls"].is_array()) {
        for (const auto& u : c["expected_urls"]) want.insert(u.get<std::string>());
      }
      if (c.value("urls_complete", false)) {
        if (got_set != want) why = "urls differ";
      } else {
        if (!std::includes(got_set.begin(), got_set.end(), want.begin(), want.end())) why = "a url is missing";
        if (c["expected_count"].is_number() && got.size() < c["expected_count"].get<size_t>()) why = "too few urls";
      }
      if (!why.empty()) {
        why += ": got";
        for (const auto& u : got) why += " " + u;
      }
    }
    if (why.empty()) {
      ++passed;
    } else {
      std::printf("sitemap conformance miss: %s: %s\n", name.c_str(), why.c_str());
    }
  }
  ASSERT_GT(total, 0);
  double rate = static_cast<double>(passed) / total;
  std::printf("sitemap conformance: %d/%d = %.3f\n", passed, total, rate);
  RecordProperty("sitemap_conformance_passed", passed);
  RecordProperty("sitemap_conformance_total", total);
  // Floor: the measured rate (9/18 = 0.500 when written) rounded down to 0.05. Misses are the known
  // gaps above plus crawler-commons' own choices: the strict location rule, URL normalising
  // filters, <guid> as an RSS link, and several <loc> in one <sitemap>.
  EXPECT_GE(rate, 0.50);
}

}  // namespace
}  // namespace beautyidx::crawler
