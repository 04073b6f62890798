// The crawler against real HTTP servers on loopback.
#include "crawler/crawler.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <mutex>

#include "../test_util.h"
#include "crawler/fetcher.h"
#include "testing/static_site.h"

namespace beautyidx::crawler {
namespace {

using beautyidx::testing::HttpCall;
using beautyidx::testing::HttpReply;
using beautyidx::testing::StaticSite;

class RecordingSink : public PageSink {
 public:
  Status page(const ExtractedPage& page) override {
    pages.push_back(page.url);
    return {};
  }
  Status gone(const std::string& url) override {
    removed.push_back(url);
    return {};
  }
  Status commit() override {
    ++commits;
    return {};
  }
  std::vector<std::string> pages, removed;
  int commits = 0;
};

std::string article(const std::string& title, const std::string& links) {
  return "<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>"
         "<p>A paragraph long enough to count as real prose about skincare and tools, written for this test.</p>" +
         links + "</article></body></html>";
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class CrawlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write(site_dir_.path() / "index.html",
          article("Home", "<a href=\"/a/\">a</a> <a href=\"/b/\">b</a> <a href=\"/private/x/\">p</a>"
                          " <a href=\"/missing/\">m</a> <a href=\"/file.pdf\">pdf</a>"));
    write(site_dir_.path() / "a/index.html", article("Page A", "<a href=\"/c/\">c</a>"));
    write(site_dir_.path() / "b/index.html", article("Page B", "<a href=\"/\">home</a>"));
    write(site_dir_.path() / "c/index.html", article("Page C", ""));
    write(site_dir_.path() / "d/index.html", article("Only in the sitemap", ""));
    write(site_dir_.path() / "private/x/index.html", article("Hidden", ""));
    write(site_dir_.path() / "file.pdf", "%PDF-1.4 not html");
    write(site_dir_.path() / "robots.txt", "User-agent: *\nDisallow: /private/\n");
    write(site_dir_.path() / "sitemap.xml",
          "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
          "<url><loc>{{ORIGIN}}/d/</loc></url></urlset>");
    site_ = std::make_unique<StaticSite>(site_dir_.path());
    ASSERT_TRUE(site_->start());
    auto store = storage::Store::open(db_dir_.path() / "records");
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    auto extractor = extract::Extractor::load(test::data_dir());
    ASSERT_TRUE(extractor);
    extractor_ = std::make_unique<extract::Extractor>(std::move(*extractor));
  }

  CrawlOptions options() const {
    CrawlOptions o;
    o.seeds = {site_->origin() + "/"};
    o.delay = std::chrono::milliseconds(0);
    return o;
  }

  test::TempDir site_dir_, db_dir_;
  std::unique_ptr<StaticSite> site_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<extract::Extractor> extractor_;
};

TEST_F(CrawlerTest, FollowsLinksAndSitemapsAndHonoursRobots) {
  RecordingSink sink;
  Crawler crawler(*store_, *extractor_, options(), sink);
  auto report = crawler.run();
  ASSERT_TRUE(report) << report.error().message;
  std::set<std::string> paths;
  for (const auto& url : sink.pages) paths.insert(url.substr(site_->origin().size()));
  EXPECT_EQ(paths, (std::set<std::string>{"/", "/a/", "/b/", "/c/", "/d/"}));
  EXPECT_EQ(site_->requests_for("/private/x/"), 0u) << "robots.txt disallows /private/";
  EXPECT_EQ(report->robots_blocked, 1u);
  EXPECT_EQ(report->skipped_type, 1u) << "the PDF is recorded and skipped";
  EXPECT_EQ(sink.removed.size(), 1u) << "the 404 is reported as gone";
  EXPECT_EQ(site_->requests_for("/robots.txt"), 1u) << "robots.txt is fetched once per host";
  EXPECT_EQ(site_->requests_for("/a/"), 1u) << "each page once";
}

TEST_F(CrawlerTest, ResumesWhereAnInterruptedCrawlStopped) {
  {
    RecordingSink sink;
    CrawlOptions o = options();
    o.max_pages = 2;
    Crawler crawler(*store_, *extractor_, o, sink);
    auto report = crawler.run();
    ASSERT_TRUE(report);
    EXPECT_EQ(report->fetched, 2u);
    EXPECT_GT(report->queued_left, 0u);
  }
  RecordingSink sink;
  Crawler crawler(*store_, *extractor_, options(), sink);
  auto report = crawler.run();
  ASSERT_TRUE(report);
  EXPECT_EQ(report->queued_left, 0u);
  // Nothing fetched twice across the two runs.
  for (const char* path : {"/", "/a/", "/b/", "/c/", "/d/"}) EXPECT_EQ(site_->requests_for(path), 1u) << path;
}

TEST_F(CrawlerTest, StopFlagEndsTheRunCleanly) {
  RecordingSink sink;
  std::atomic<bool> stop{true};
  Crawler crawler(*store_, *extractor_, options(), sink);
  auto report = crawler.run(&stop);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->fetched, 0u);
  EXPECT_GT(report->queued_left, 0u) << "the queue is kept for the next run";
}

// A site built in the test: pages by path, plus handlers for special behaviour.
class ScriptedSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::Store::open(db_dir_.path() / "records");
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    auto extractor = extract::Extractor::load(test::data_dir());
    ASSERT_TRUE(extractor);
    extractor_ = std::make_unique<extract::Extractor>(std::move(*extractor));
    site_ = std::make_unique<StaticSite>(site_dir_.path());
  }
  Result<CrawlReport> crawl(RecordingSink& sink) {
    CrawlOptions o;
    o.seeds = {site_->origin() + "/"};
    o.delay = std::chrono::milliseconds(0);
    o.retry_base = std::chrono::milliseconds(5);
    Crawler crawler(*store_, *extractor_, o, sink);
    return crawler.run();
  }
  test::TempDir site_dir_, db_dir_;
  std::unique_ptr<StaticSite> site_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<extract::Extractor> extractor_;
};

TEST_F(ScriptedSiteTest, RetriesTooManyRequestsAndServerErrorsThenSucceeds) {
  write(site_dir_.path() / "index.html", article("Home", "<a href=\"/busy/\">b</a> <a href=\"/flaky/\">f</a> <a href=\"/down/\">d</a>"));
  std::atomic<int> busy{0}, flaky{0};
  site_->on("/busy/", [&](const HttpCall&) {
    if (busy++ == 0) return HttpReply{429, "text/plain", "slow down", {{"Retry-After", "0"}}};
    return HttpReply{200, "text/html", article("Busy", ""), {}};
  });
  site_->on("/flaky/", [&](const HttpCall&) {
    if (flaky++ == 0) return HttpReply{503, "text/plain", "oops", {}};
    return HttpReply{200, "text/html", article("Flaky", ""), {}};
  });
  site_->on("/down/", [](const HttpCall&) { return HttpReply{500, "text/plain", "down", {}}; });
  ASSERT_TRUE(site_->start());
  RecordingSink sink;
  auto report = crawl(sink);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(busy.load(), 2) << "429 is retried once and then served";
  EXPECT_EQ(flaky.load(), 2) << "503 is retried once and then served";
  EXPECT_EQ(site_->requests_for("/down/"), 3u) << "three tries in all, then given up";
  std::set<std::string> paths;
  for (const auto& url : sink.pages) paths.insert(url.substr(site_->origin().size()));
  EXPECT_TRUE(paths.count("/busy/") && paths.count("/flaky/"));
  EXPECT_FALSE(paths.count("/down/"));
  EXPECT_EQ(report->retries, 4u);
}

TEST_F(ScriptedSiteTest, ReadsGzippedSitemapIndexesAndFeeds) {
  write(site_dir_.path() / "index.html",
        "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head>"
        "<body><p>Home page with no links to the posts at all.</p></body></html>");
  write(site_dir_.path() / "from-sitemap/index.html", article("From the sitemap", ""));
  write(site_dir_.path() / "from-feed/index.html", article("From the feed", ""));
  write(site_dir_.path() / "sitemap.xml",
        "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        "<sitemap><loc>{{ORIGIN}}/posts.xml.gz</loc></sitemap></sitemapindex>");
  write(site_dir_.path() / "feed.xml",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
        "<item><title>x</title><link>{{ORIGIN}}/from-feed/</link></item></channel></rss>");
  ASSERT_TRUE(site_->start());
  // The gzipped child sitemap names the server's own origin, so it is made after start().
  std::string posts = "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                      "<url><loc>" + site_->origin() + "/from-sitemap/</loc></url></urlset>";
  std::string gz = test::gzip(posts);
  site_->on("/posts.xml.gz", [gz](const HttpCall&) { return HttpReply{200, "application/gzip", gz, {}}; });
  RecordingSink sink;
  auto report = crawl(sink);
  ASSERT_TRUE(report) << report.error().message;
  std::set<std::string> paths;
  for (const auto& url : sink.pages) paths.insert(url.substr(site_->origin().size()));
  EXPECT_TRUE(paths.count("/from-sitemap/")) << "listed only in a gzipped child sitemap";
  EXPECT_TRUE(paths.count("/from-feed/")) << "listed only in the feed the home page announces";
  EXPECT_EQ(report->feeds, 1u);
}

TEST_F(ScriptedSiteTest, HonoursCrawlDelayBetweenRequestsToOneHost) {
  write(site_dir_.path() / "robots.txt", "User-agent: *\nCrawl-delay: 0.2\n");
  write(site_dir_.path() / "index.html", article("Home", "<a href=\"/a/\">a</a> <a href=\"/b/\">b</a>"));
  std::mutex mutex;
  std::vector<std::chrono::steady_clock::time_point> times;
  for (const char* path : {"/a/", "/b/"}) {
    site_->on(path, [&, path](const HttpCall&) {
      std::lock_guard lock(mutex);
      times.push_back(std::chrono::steady_clock::now());
      return HttpReply{200, "text/html", article(path, ""), {}};
    });
  }
  ASSERT_TRUE(site_->start());
  RecordingSink sink;
  auto report = crawl(sink);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(times.size(), 2u);
  auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(times[1] - times[0]);
  EXPECT_GE(gap.count(), 190) << "Crawl-delay: 0.2 asks for 200 ms between requests";
}

TEST_F(ScriptedSiteTest, FollowsRedirectChainsAndStopsLoopsAndPrivateHops) {
  write(site_dir_.path() / "index.html",
        article("Home", "<a href=\"/old/\">old</a> <a href=\"/loop-a/\">loop</a> <a href=\"/away/\">away</a>"));
  write(site_dir_.path() / "new/index.html", article("The new home of the post", ""));
  auto redirect = [](int status, std::string to) {
    return [status, to](const HttpCall&) { return HttpReply{status, "text/html", "", {{"Location", to}}}; };
  };
  site_->on("/old/", redirect(301, "/middle/"));
  site_->on("/middle/", redirect(302, "/new/"));
  site_->on("/loop-a/", redirect(302, "/loop-b/"));
  site_->on("/loop-b/", redirect(302, "/loop-a/"));
  ASSERT_TRUE(site_->start());
  // "localhost" resolves to loopback like the seed, but it is another host, so the crawl may
  // not reach it even inside its scope.
  std::string other_host = "http://localhost:" + site_->origin().substr(site_->origin().rfind(':') + 1);
  site_->on("/away/", redirect(302, other_host + "/private-target/"));
  RecordingSink sink;
  CrawlOptions o;
  o.seeds = {site_->origin() + "/"};
  o.scope = {site_->origin() + "/", other_host + "/"};
  o.delay = std::chrono::milliseconds(0);
  o.retry_base = std::chrono::milliseconds(5);
  Crawler crawler(*store_, *extractor_, o, sink);
  auto report = crawler.run();
  ASSERT_TRUE(report) << report.error().message;
  std::set<std::string> paths;
  for (const auto& url : sink.pages) paths.insert(url.substr(site_->origin().size()));
  EXPECT_TRUE(paths.count("/new/")) << "a 301 then a 302 lead to the page";
  EXPECT_EQ(std::count(sink.removed.begin(), sink.removed.end(), site_->origin() + "/old/"), 1)
      << "a permanent redirect moves the old URL out of the index";
  EXPECT_LE(site_->requests_for("/loop-a/"), 3u) << "a loop is detected, not followed forever";
  EXPECT_EQ(site_->requests_for("/private-target/"), 0u) << "a hop to another private host is refused";
}

TEST_F(ScriptedSiteTest, RevisitsAreConditionalAnd304KeepsTheStoredPage) {
  write(site_dir_.path() / "index.html", article("Home", "<a href=\"/tagged/\">tagged</a>"));
  std::atomic<int> conditional{0};
  site_->on("/tagged/", [&](const HttpCall& call) {
    auto it = call.headers.find("if-none-match");
    if (it != call.headers.end() && it->second == "\"v1\"") {
      ++conditional;
      return HttpReply{304, "text/html", "", {{"ETag", "\"v1\""}}};
    }
    return HttpReply{200, "text/html", article("Tagged", ""), {{"ETag", "\"v1\""}}};
  });
  ASSERT_TRUE(site_->start());
  {
    RecordingSink first;
    ASSERT_TRUE(crawl(first));
    EXPECT_EQ(std::count(first.pages.begin(), first.pages.end(), site_->origin() + "/tagged/"), 1);
  }
  RecordingSink again;
  CrawlOptions o;
  o.seeds = {site_->origin() + "/"};
  o.delay = std::chrono::milliseconds(0);
  o.recrawl = CrawlOptions::Recrawl::kAll;
  Crawler crawler(*store_, *extractor_, o, again);
  auto report = crawler.run();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(conditional.load(), 1) << "the revisit sent If-None-Match with the stored ETag";
  EXPECT_GE(report->not_modified, 1u);
  EXPECT_EQ(std::count(again.pages.begin(), again.pages.end(), site_->origin() + "/tagged/"), 0)
      << "a 304 keeps the stored page; nothing is re-indexed";
}

TEST(FetcherTest, RefusesLoopbackUnlessAllowedWithoutConnecting) {
  test::TempDir dir;
  write(dir.path() / "index.html", "<p>hello</p>");
  StaticSite site(dir.path());
  ASSERT_TRUE(site.start());
  FetcherOptions refusing;
  refusing.user_agent = "beautyidx-test";
  refusing.address_policy = AddressPolicy(false);
  Fetcher guarded(refusing);
  auto refused = guarded.fetch({site.origin() + "/", "", ""});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kPolicy);
  EXPECT_EQ(site.requests(), 0u) << "the guard acts before the connection";

  FetcherOptions allowing = refusing;
  allowing.address_policy = AddressPolicy(true);
  Fetcher open(allowing);
  auto fetched = open.fetch({site.origin() + "/", "", ""});
  ASSERT_TRUE(fetched) << fetched.error().message;
  EXPECT_EQ(fetched->status, 200);
  EXPECT_EQ(fetched->body, "<p>hello</p>");
}

TEST(FetcherTest, OversizedBodyIsAbortedWithAClearError) {
  test::TempDir dir;
  StaticSite site(dir.path());
  site.on("/big", [](const HttpCall&) { return HttpReply{200, "text/html", std::string(2 * 1024 * 1024, 'x'), {}}; });
  ASSERT_TRUE(site.start());
  FetcherOptions options;
  options.user_agent = "beautyidx-test";
  options.max_body_bytes = 1024 * 1024;
  options.address_policy = AddressPolicy(true);
  Fetcher fetcher(options);
  auto result = fetcher.fetch({site.origin() + "/big", "", ""});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::kPolicy);
  EXPECT_NE(result.error().message.find("larger than"), std::string::npos);
}

}  // namespace
}  // namespace beautyidx::crawler
