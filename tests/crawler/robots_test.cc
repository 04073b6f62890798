// robots.txt (RFC 9309) as a table of (robots.txt, agent, path) -> allowed, plus Google's own
// robots_test.cc cases from ../shared/conformance.
#include "crawler/robots.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace beautyidx::crawler {
namespace {

constexpr std::string_view kUa = "Mozilla/5.0 (compatible; beautyidx/0.1; +https://x)";

struct RobotsRow {
  std::string_view name;
  std::string_view robots;
  std::string_view agent;
  std::string_view path;
  bool allowed;
};

const std::vector<RobotsRow> kRobotsRows = {
    {"star group disallows a prefix", "User-agent: *\nDisallow: /private/\n", "beautyidx", "/private/x", false},
    {"star group leaves the rest", "User-agent: *\nDisallow: /private/\n", "beautyidx", "/public", true},
    {"everything disallowed", "User-agent: *\nDisallow: /\n", "beautyidx", "/anything", false},
    {"specific group overrides star", "User-agent: *\nDisallow: /\n\nUser-agent: beautyidx\nAllow: /\n",
     "beautyidx", "/x", true},
    {"other agents still get star", "User-agent: *\nDisallow: /\n\nUser-agent: beautyidx\nAllow: /\n",
     "otherbot", "/x", false},
    {"specific group replaces star rules", "User-agent: *\nDisallow: /b\n\nUser-agent: beautyidx\nDisallow: /a\n",
     "beautyidx", "/b", true},
    {"specific group rules apply", "User-agent: *\nDisallow: /b\n\nUser-agent: beautyidx\nDisallow: /a\n",
     "beautyidx", "/a/1", false},
    {"full User-Agent header matched by token", "User-agent: beautyidx\nDisallow: /\n", kUa, "/x", false},
    {"agent match is case-insensitive", "User-agent: BeautyIdx\nDisallow: /\n", "beautyidx/0.1", "/x", false},
    {"no group for us and no star", "User-agent: otherbot\nDisallow: /\n", "beautyidx", "/", true},
    {"several agents share a group", "User-agent: a\nUser-agent: beautyidx\nDisallow: /g\n", "beautyidx", "/g", false},
    {"groups for one agent merge", "User-agent: beautyidx\nDisallow: /a\n\nUser-agent: beautyidx\nDisallow: /b\n",
     "beautyidx", "/b", false},
    {"longest match: longer allow wins", "User-agent: *\nDisallow: /shop\nAllow: /shop/sale\n", "beautyidx",
     "/shop/sale/x", true},
    {"longest match: shorter disallow applies", "User-agent: *\nDisallow: /shop\nAllow: /shop/sale\n",
     "beautyidx", "/shop/x", false},
    {"longest match: longer disallow wins", "User-agent: *\nAllow: /a\nDisallow: /a/b\n", "beautyidx", "/a/b/c",
     false},
    {"allow wins a tie", "User-agent: *\nDisallow: /page\nAllow: /page\n", "beautyidx", "/page", true},
    {"$ anchors the end", "User-agent: *\nDisallow: /*.pdf$\n", "beautyidx", "/files/a.pdf", false},
    {"$ anchor: query breaks the match", "User-agent: *\nDisallow: /*.pdf$\n", "beautyidx", "/a.pdf?x=1", true},
    {"$ anchor: longer name", "User-agent: *\nDisallow: /*.pdf$\n", "beautyidx", "/a.pdfx", true},
    {"* matches any run", "User-agent: *\nDisallow: /*/private\n", "beautyidx", "/a/b/private", false},
    {"* needs the literal around it", "User-agent: *\nDisallow: /*/private\n", "beautyidx", "/private", true},
    {"trailing * is a prefix", "User-agent: *\nDisallow: /fish*\n", "beautyidx", "/fishheads", false},
    {"paths are case-sensitive", "User-agent: *\nDisallow: /fish*\n", "beautyidx", "/Fish", true},
    {"query patterns", "User-agent: *\nDisallow: /*?sort=\n", "beautyidx", "/list?sort=asc", false},
    {"query patterns: no query", "User-agent: *\nDisallow: /*?sort=\n", "beautyidx", "/list", true},
    {"empty Disallow allows all", "User-agent: *\nDisallow:\n", "beautyidx", "/x", true},
    {"empty file allows all", "", "beautyidx", "/x", true},
    {"%xx escapes compare case-insensitively", "User-agent: *\nDisallow: /%7euser\n", "beautyidx", "/%7Euser/x",
     false},
    {"non-ASCII pattern matches its encoding", "User-agent: *\nDisallow: /caf\xC3\xA9\n", "beautyidx",
     "/caf%C3%A9/menu", false},
    {"non-ASCII path matches an encoded pattern", "User-agent: *\nDisallow: /caf%c3%a9\n", "beautyidx",
     "/caf\xC3\xA9", false},
    {"/robots.txt is always allowed", "User-agent: *\nDisallow: /\n", "beautyidx", "/robots.txt", true},
    {"empty path means /", "User-agent: *\nDisallow: /\n", "beautyidx", "", false},
    {"rules before any user-agent are ignored", "Disallow: /\nUser-agent: *\nAllow: /x\n", "beautyidx", "/y", true},
    {"BOM is skipped", "\xEF\xBB\xBFUser-agent: *\nDisallow: /a\n", "beautyidx", "/a", false},
    {"CRLF line ends", "User-agent: *\r\nDisallow: /x\r\n", "beautyidx", "/x", false},
    {"comments are stripped", "User-agent: * # all\nDisallow: /c # secret\n", "beautyidx", "/c", false},
    {"comments do not disallow", "User-agent: * # all\nDisallow: /c # secret\n", "beautyidx", "/d", true},
    {"Sitemap inside a group keeps it open", "User-agent: beautyidx\nSitemap: https://x/s.xml\nDisallow: /a\n",
     "beautyidx", "/a", false},
    {"Crawl-delay inside a group keeps it open", "User-agent: *\nCrawl-delay: 5\nDisallow: /x\n", "beautyidx",
     "/x", false},
    {"pattern without leading slash", "User-agent: *\nDisallow: private\n", "beautyidx", "/private", false},
    {"common misspelling of disallow", "User-agent: *\nDissallow: /x\n", "beautyidx", "/x", false},
    {"keys are case-insensitive", "USER-AGENT: *\nDISALLOW: /x\n", "beautyidx", "/x", false},
};

TEST(RobotsTest, Table) {
  for (const RobotsRow& row : kRobotsRows) {
    Robots robots = Robots::parse(row.robots);
    EXPECT_EQ(robots.allowed(row.agent, row.path), row.allowed)
        << row.name << "\n  agent: " << row.agent << "\n  path: " << row.path << "\n  robots.txt:\n" << row.robots;
  }
}

TEST(RobotsTest, DecisionNamesTheDecidingRule) {
  Robots robots = Robots::parse("User-agent: *\nDisallow: /shop\nAllow: /shop/sale\n");
  RobotsDecision decision = robots.decide("beautyidx", "/shop/sale/1");
  EXPECT_TRUE(decision.allowed);
  ASSERT_TRUE(decision.rule.has_value());
  EXPECT_TRUE(decision.rule->allow);
  EXPECT_EQ(decision.rule->pattern, "/shop/sale");
  EXPECT_EQ(decision.rule->line, 3);

  decision = robots.decide("beautyidx", "/about");
  EXPECT_TRUE(decision.allowed);
  EXPECT_FALSE(decision.rule.has_value());
}

TEST(RobotsTest, AllowAllAndDisallowAll) {
  EXPECT_TRUE(Robots::allow_all().allowed("beautyidx", "/x"));
  EXPECT_FALSE(Robots::disallow_all().allowed("beautyidx", "/x"));
  EXPECT_FALSE(Robots::disallow_all().allowed("beautyidx", "/"));
}

TEST(RobotsTest, CrawlDelayComesFromTheAgentsGroup) {
  Robots robots = Robots::parse(
      "User-agent: *\nCrawl-delay: 2.5\n\nUser-agent: beautyidx\nCrawl-delay: 10\nDisallow: /x\n");
  EXPECT_EQ(robots.crawl_delay("beautyidx"), 10.0);
  EXPECT_EQ(robots.crawl_delay(kUa), 10.0);
  EXPECT_EQ(robots.crawl_delay("otherbot"), 2.5);
  EXPECT_FALSE(Robots::parse("User-agent: *\nDisallow: /x\n").crawl_delay("beautyidx").has_value());
  EXPECT_FALSE(Robots::parse("User-agent: *\nCrawl-delay: soon\n").crawl_delay("beautyidx").has_value());
}

TEST(RobotsTest, SitemapLinesAreCollectedOutsideGroups) {
  Robots robots = Robots::parse(
      "Sitemap: https://glow.test/sitemap.xml\nUser-agent: *\nDisallow: /x\n"
      "sitemap: https://glow.test/news.xml\nSitemap:\n");
  EXPECT_EQ(robots.sitemaps(),
            (std::vector<std::string>{"https://glow.test/sitemap.xml", "https://glow.test/news.xml"}));
  EXPECT_FALSE(robots.allowed("beautyidx", "/x"));
}

TEST(RobotsTest, OnlyTheFirst500KiBAreRead) {
  std::string text = "User-agent: *\n";
  while (text.size() < 600 * 1024) text += "Allow: /filler-line-that-takes-some-room\n";
  text += "Disallow: /late\n";
  EXPECT_TRUE(Robots::parse(text).allowed("beautyidx", "/late"));
}

TEST(RobotsTest, ProductTokenTable) {
  const std::vector<std::pair<std::string_view, std::string_view>> rows = {
      {kUa, "beautyidx"},
      {"beautyidx/0.1", "beautyidx"},
      {"  BeautyIdx/2 ", "beautyidx"},
      {"Googlebot", "googlebot"},
      {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "googlebot"},
      {"foo_bar-baz/1", "foo_bar-baz"},
      {"", ""},
  };
  for (const auto& [agent, token] : rows) EXPECT_EQ(product_token(agent), token) << agent;
}

TEST(RobotsTest, PatternHelpers) {
  EXPECT_EQ(normalize_robots_path("/caf\xC3\xA9?q=%2f"), "/caf%C3%A9?q=%2F");
  EXPECT_EQ(normalize_robots_path("/100%"), "/100%");
  EXPECT_TRUE(robots_pattern_matches("/a*b$", "/axxb"));
  EXPECT_FALSE(robots_pattern_matches("/a*b$", "/axxbc"));
  EXPECT_TRUE(robots_pattern_matches("*", "/anything"));
  EXPECT_FALSE(robots_pattern_matches("/b", "/a/b"));
}

// The path and query of an absolute URL, as robots rules see them: after scheme://host, from the
// first '/' (or "/" when there is none); a fragment is not part of it.
std::string path_of(std::string_view url) {
  size_t fragment = url.find('#');
  if (fragment != std::string_view::npos) url = url.substr(0, fragment);
  size_t scheme = url.find("://");
  size_t host_start = scheme == std::string_view::npos ? 0 : scheme + 3;
  size_t slash = url.find('/', host_start);
  size_t query = url.find('?', host_start);
  if (query != std::string_view::npos && (slash == std::string_view::npos || query < slash)) {
    return "/" + std::string(url.substr(query));
  }
  return slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
}

TEST(RobotsTest, PathOfHelper) {
  EXPECT_EQ(path_of("http://foo.bar/x/y?q=1#f"), "/x/y?q=1");
  EXPECT_EQ(path_of("http://foo.bar"), "/");
  EXPECT_EQ(path_of("http://foo.bar?q"), "/?q");
  EXPECT_EQ(path_of(""), "/");
}

// Conformance with google/robotstxt's robots_test.cc (../shared/conformance/robots.json), leaving
// out the GoogleOnly_* cases, which test Google's own extensions.
TEST(RobotsConformanceTest, GoogleRobotsTxtCases) {
  const std::filesystem::path path = std::filesystem::path(BEAUTYIDX_SHARED_DIR) / "conformance" / "robots.json";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "../shared/conformance not found: robots conformance table skipped";
  }
  std::ifstream in(path);
  nlohmann::json cases = nlohmann::json::parse(in);
  ASSERT_TRUE(cases.is_array());
  int total = 0, passed = 0;
  for (const auto& c : cases) {
    if (c.value("google_specific", false)) continue;
    ++total;
    Robots robots = Robots::parse(c["robots_txt"].get<std::string>());
    bool allowed = robots.allowed(c["user_agent"].get<std::string>(), path_of(c["url"].get<std::string>()));
    if (allowed == c["allowed"].get<bool>()) {
      ++passed;
    } else {
      std::printf("robots conformance miss: %s #%d (%s, %s) expected %s\n", c["name"].get<std::string>().c_str(),
                  c["assertion"].get<int>(), c["user_agent"].get<std::string>().c_str(),
                  c["url"].get<std::string>().c_str(), c["allowed"].get<bool>() ? "allowed" : "disallowed");
    }
  }
  ASSERT_GT(total, 0);
  double rate = static_cast<double>(passed) / total;
  std::printf("robots conformance: %d/%d = %.3f\n", passed, total, rate);
  RecordProperty("robots_conformance_passed", passed);
  RecordProperty("robots_conformance_total", total);
  // Floor: the measured rate (70/72 = 0.972 when written) rounded down to 0.05. The two misses are
  // ID_Encoding #3 and #5, where we percent-encode a raw non-ASCII path before matching, as
  // crawler-commons does on purpose and as normalize_robots_path promises.
  EXPECT_GE(rate, 0.95);
}

}  // namespace
}  // namespace beautyidx::crawler
