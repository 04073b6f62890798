// The crawler against real HTTP servers on loopback.
#include "crawler/crawler.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <mutex>
#include <thread>

#include "../test_util.h"
#include "crawler/content_coding.h"
#include "crawler/fetcher.h"
#include "crawler/stored_page.h"
#include "testing/static_site.h"

namespace beautyidx::crawler {
namespace {

using beautyidx::testing::HttpCall;
using beautyidx::testing::HttpReply;
using beautyidx::testing::StaticSite;

class RecordingSink : public PageSink {
 public:
  Status page(const ExtractedPage& page, std::unique_ptr<PreparedPageWork>) override {
    pages.push_back(page.url);
    by_url[page.url] = page;
    return {};
  }
  Status gone(const std::string& url) override {
    removed.push_back(url);
    return {};
  }
  Status commit(bool) override {
    ++commits;
    return {};
  }
  std::vector<std::string> pages, removed;
  std::map<std::string, ExtractedPage> by_url;
  int commits = 0;
};

std::string links_to(const std::string& prefix, int n) {
  std::string links;
  for (int i = 0; i < n; ++i) links += "<a href=\"" + prefix + std::to_string(i) + "/\">p" + std::to_string(i) + "</a> ";
  return links;
}

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

TEST_F(ScriptedSiteTest, StoresPagesCompressedAsTheyCameAndIndexesThemDecoded) {
  std::string page = article("Kept compressed", links_to("/elsewhere/", 100));
  write(site_dir_.path() / "index.html", page);
  ASSERT_TRUE(site_->start());
  RecordingSink sink;
  auto report = crawl(sink);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(sink.by_url.count(site_->origin() + "/"), 1u);
  EXPECT_EQ(sink.by_url[site_->origin() + "/"].title, "Kept compressed");
  auto record = store_->get(storage::Family::kPages, site_->origin() + "/");
  ASSERT_TRUE(record && *record);
  auto stored = decode_stored_page(**record);
  ASSERT_TRUE(stored) << stored.error().message;
  ASSERT_FALSE(stored->content_encoding.empty());
  EXPECT_LT(stored->body.size(), page.size() / 4);
  auto decoded = decode_content_coding(stored->body, stored->content_encoding, kMaxStoredBodyBytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, page);
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


// Counts requests in flight on one server: the most at once, overall and per path prefix.
struct InFlightMeter {
  std::atomic<int> now{0}, most{0};
  HttpReply serve(const std::string& body, std::chrono::milliseconds think) {
    int n = ++now;
    int seen = most.load();
    while (n > seen && !most.compare_exchange_weak(seen, n)) {
    }
    std::this_thread::sleep_for(think);
    --now;
    return HttpReply{200, "text/html", body, {}};
  }
};

// A store in a temp dir and the extractor, for tests that run their own sites.
struct CrawlTarget {
  test::TempDir db;
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<extract::Extractor> extractor;
  CrawlTarget() {
    auto opened = storage::Store::open(db.path() / "records");
    if (!opened) throw std::runtime_error(opened.error().message);
    store = std::move(*opened);
    auto loaded = extract::Extractor::load(test::data_dir());
    if (!loaded) throw std::runtime_error(loaded.error().message);
    extractor = std::make_unique<extract::Extractor>(std::move(*loaded));
  }
};

// Two hosts crawled together: each sees one request at a time (politeness), but the crawl
// overlaps them, so it takes about as long as the slower host, not as long as both.
TEST(ConcurrentCrawlTest, HostsAreCrawledInParallelButEachPolitely) {
  test::TempDir dir_a, dir_b;
  StaticSite site_a(dir_a.path()), site_b(dir_b.path());
  InFlightMeter meter_a, meter_b;
  constexpr auto kThink = std::chrono::milliseconds(150);
  site_a.on("/", [&](const HttpCall&) { return meter_a.serve(article("A home", links_to("/p", 5)), kThink); });
  site_a.on_prefix("/p", [&](const HttpCall& c) { return meter_a.serve(article("A " + c.path, ""), kThink); });
  site_b.on("/", [&](const HttpCall&) { return meter_b.serve(article("B home", links_to("/p", 5)), kThink); });
  site_b.on_prefix("/p", [&](const HttpCall& c) { return meter_b.serve(article("B " + c.path, ""), kThink); });
  ASSERT_TRUE(site_a.start());
  ASSERT_TRUE(site_b.start());
  CrawlTarget target;
  RecordingSink sink;
  CrawlOptions o;
  o.seeds = {site_a.origin() + "/", site_b.origin() + "/"};
  o.delay = std::chrono::milliseconds(0);
  o.use_sitemaps = false;
  o.concurrency = 8;
  Crawler crawler(*target.store, *target.extractor, o, sink);
  auto started = std::chrono::steady_clock::now();
  auto report = crawler.run();
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(sink.pages.size(), 12u);
  EXPECT_EQ(meter_a.most.load(), 1) << "one request at a time per host by default";
  EXPECT_EQ(meter_b.most.load(), 1);
  // 6 pages per host at 150 ms each: ~900 ms when the hosts overlap, ~1800 ms when not.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1500)
      << "the two hosts were crawled one after the other";
}

TEST(ConcurrentCrawlTest, PerHostLimitAllowsParallelRequestsWhenAsked) {
  test::TempDir dir;
  StaticSite site(dir.path());
  InFlightMeter meter;
  site.on("/", [&](const HttpCall&) { return meter.serve(article("Home", links_to("/p", 12)), std::chrono::milliseconds(0)); });
  site.on_prefix("/p", [&](const HttpCall& c) { return meter.serve(article(c.path, ""), std::chrono::milliseconds(50)); });
  ASSERT_TRUE(site.start());
  CrawlTarget target;
  RecordingSink sink;
  CrawlOptions o;
  o.seeds = {site.origin() + "/"};
  o.delay = std::chrono::milliseconds(0);
  o.use_sitemaps = false;
  o.concurrency = 4;
  o.per_host = 4;
  Crawler crawler(*target.store, *target.extractor, o, sink);
  auto report = crawler.run();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(sink.pages.size(), 13u);
  EXPECT_GT(meter.most.load(), 1) << "--per-host 4 lets requests to one host overlap";
  EXPECT_LE(meter.most.load(), 4) << "but never more than asked";
}

TEST_F(ScriptedSiteTest, IncludeExcludePatternsAndPerHostBudget) {
  write(site_dir_.path() / "index.html",
        article("Home", "<a href=\"/blog/one/\">1</a> <a href=\"/blog/two/\">2</a> <a href=\"/blog/three/\">3</a>"
                        " <a href=\"/tag/x/\">tag</a> <a href=\"/blog/print/\">print</a>"));
  for (const char* path : {"blog/one", "blog/two", "blog/three", "tag/x", "blog/print"}) {
    write(site_dir_.path() / path / "index.html", article(path, ""));
  }
  ASSERT_TRUE(site_->start());
  {
    RecordingSink sink;
    CrawlOptions o;
    o.seeds = {site_->origin() + "/"};
    o.delay = std::chrono::milliseconds(0);
    o.include = {":[0-9]+/$", "/blog/"};  // the home page, and the blog
    o.exclude = {"/print/"};
    Crawler crawler(*store_, *extractor_, o, sink);
    auto report = crawler.run();
    ASSERT_TRUE(report) << report.error().message;
    std::set<std::string> paths;
    for (const auto& url : sink.pages) paths.insert(url.substr(site_->origin().size()));
    EXPECT_EQ(paths, (std::set<std::string>{"/", "/blog/one/", "/blog/two/", "/blog/three/"}));
    EXPECT_EQ(site_->requests_for("/tag/x/"), 0u) << "not included";
    EXPECT_EQ(site_->requests_for("/blog/print/"), 0u) << "excluded";
  }
  CrawlOptions bad;
  bad.seeds = {site_->origin() + "/"};
  bad.include = {"(unclosed"};
  RecordingSink sink;
  Crawler crawler(*store_, *extractor_, bad, sink);
  auto report = crawler.run();
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ErrorKind::kInvalidArgument);
}

// Regression: the crawl command sorted readers' crawl requests with a test of its own (any URL
// of a seed's site), so a request --scope or --exclude refused was taken, recorded as out of
// scope and lost. The crawler sorts them by its Scope and hands back those it did not take.
TEST_F(ScriptedSiteTest, RequestedUrlsAreTakenByTheScopeAndIncludeExcludeRulesAndTheRestReturned) {
  write(site_dir_.path() / "blog/index.html", article("Blog", ""));
  for (const char* path : {"blog/posts/asked", "blog/posts/private/asked", "blog/notes/asked", "blog/posts/print",
                           "shop/asked"}) {
    write(site_dir_.path() / path / "index.html", article(path, ""));
  }
  write(site_dir_.path() / "robots.txt", "User-agent: *\nDisallow: /blog/posts/private/\n");
  ASSERT_TRUE(site_->start());
  // Another host on loopback, inside the scope: a request may not open it to the crawl the way
  // a seed would.
  std::string other_host = "http://localhost:" + site_->origin().substr(site_->origin().rfind(':') + 1);
  const std::string origin = site_->origin();
  RecordingSink sink;
  CrawlOptions o;
  o.seeds = {origin + "/blog/"};
  o.scope = {origin + "/blog/", other_host + "/blog/"};
  o.include = {"/blog/$", "/blog/posts/"};
  o.exclude = {"/print/"};
  o.delay = std::chrono::milliseconds(0);
  o.retry_base = std::chrono::milliseconds(5);
  o.requested = {origin + "/blog/posts/asked/",
                 origin + "/shop/asked/",               // the seed's site, outside --scope
                 origin + "/blog/notes/asked/",         // in scope, not included
                 origin + "/blog/posts/print/",         // excluded
                 origin + "/blog/posts/private/asked/", // taken; robots.txt disallows it
                 other_host + "/blog/posts/elsewhere/", // taken; a private host no seed is on
                 "not a url"};
  Crawler crawler(*store_, *extractor_, o, sink);
  auto report = crawler.run();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(site_->requests_for("/blog/posts/asked/"), 1u) << "a request inside the scope is crawled";
  EXPECT_EQ(report->requests_taken, 3u);
  EXPECT_EQ(report->requests_not_taken,
            (std::vector<std::string>{origin + "/shop/asked/", origin + "/blog/notes/asked/",
                                      origin + "/blog/posts/print/"}))
      << "requests outside the scope or the include/exclude rules are handed back, not dropped";
  for (const char* path : {"/shop/asked/", "/blog/notes/asked/", "/blog/posts/print/"}) {
    EXPECT_EQ(site_->requests_for(path), 0u) << path;
  }
  EXPECT_EQ(report->requests_invalid, std::vector<std::string>{"not a url"}) << "reported, not dropped in silence";
  EXPECT_EQ(report->out_of_scope, 0u) << "nothing was queued only to be refused";
  EXPECT_EQ(site_->requests_for("/blog/posts/private/asked/"), 0u) << "robots.txt applies to requests";
  EXPECT_EQ(report->robots_blocked, 1u);
  EXPECT_EQ(site_->requests_for("/blog/posts/elsewhere/"), 0u) << "the private-address guard applies to requests";
}

TEST_F(ScriptedSiteTest, RequestsForAnotherSiteAreReturnedUnderTheDefaultScope) {
  write(site_dir_.path() / "index.html", article("Home", ""));
  write(site_dir_.path() / "new/index.html", article("New", ""));
  ASSERT_TRUE(site_->start());
  RecordingSink sink;
  CrawlOptions o;
  o.seeds = {site_->origin() + "/"};
  o.delay = std::chrono::milliseconds(0);
  o.requested = {"https://another-blog.example/post/", site_->origin() + "/new/"};
  Crawler crawler(*store_, *extractor_, o, sink);
  auto report = crawler.run();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(site_->requests_for("/new/"), 1u);
  EXPECT_EQ(report->requests_taken, 1u);
  EXPECT_EQ(report->requests_not_taken, std::vector<std::string>{"https://another-blog.example/post/"})
      << "a request widens no scope: it waits for a crawl of its own site";
}

TEST_F(ScriptedSiteTest, PerHostBudgetLeavesTheRestQueued) {
  write(site_dir_.path() / "index.html", article("Home", links_to("/p", 6)));
  for (int i = 0; i < 6; ++i) write(site_dir_.path() / ("p" + std::to_string(i)) / "index.html", article("p", ""));
  ASSERT_TRUE(site_->start());
  RecordingSink sink;
  CrawlOptions o;
  o.seeds = {site_->origin() + "/"};
  o.delay = std::chrono::milliseconds(0);
  o.max_pages_per_host = 3;
  Crawler crawler(*store_, *extractor_, o, sink);
  auto report = crawler.run();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(sink.pages.size(), 3u);
  EXPECT_EQ(report->queued_left, 4u) << "the other pages wait for the next run";
  EXPECT_EQ(report->over_host_budget, 4u);
}

TEST_F(ScriptedSiteTest, XRobotsTagNofollowLinksAndMetaRobots) {
  write(site_dir_.path() / "index.html",
        article("Home", "<a href=\"/hidden/\">h</a> <a href=\"/paid/\" rel=\"sponsored nofollow\">paid</a>"
                        " <a href=\"/meta-nofollow/\">m</a>"));
  site_->on("/hidden/", [](const HttpCall&) {
    return HttpReply{200, "text/html", article("Hidden", "<a href=\"/behind-hidden/\">b</a>"),
                     {{"X-Robots-Tag", "noindex, nofollow"}}};
  });
  write(site_dir_.path() / "meta-nofollow/index.html",
        "<html><head><meta name=\"robots\" content=\"nofollow\"></head><body><article><p>A page whose links are not "
        "to be followed, long enough to count as text.</p><a href=\"/behind-meta/\">x</a></article></body></html>");
  for (const char* path : {"paid", "behind-hidden", "behind-meta"}) write(site_dir_.path() / path / "index.html", article(path, ""));
  ASSERT_TRUE(site_->start());
  RecordingSink sink;
  ASSERT_TRUE(crawl(sink));
  EXPECT_EQ(site_->requests_for("/paid/"), 0u) << "rel=nofollow links are not followed";
  EXPECT_EQ(site_->requests_for("/behind-hidden/"), 0u) << "X-Robots-Tag: nofollow";
  EXPECT_EQ(site_->requests_for("/behind-meta/"), 0u) << "<meta name=robots content=nofollow>";
  auto hidden = sink.by_url.find(site_->origin() + "/hidden/");
  ASSERT_NE(hidden, sink.by_url.end());
  EXPECT_TRUE(hidden->second.noindex) << "X-Robots-Tag: noindex reaches the indexer";
}

TEST_F(ScriptedSiteTest, SlowServersOversizedBodiesAndWrongTypesAreRecordedNotFatal) {
  write(site_dir_.path() / "index.html",
        article("Home", "<a href=\"/slow/\">s</a> <a href=\"/huge/\">h</a> <a href=\"/image/\">i</a> <a href=\"/fine/\">f</a>"));
  write(site_dir_.path() / "fine/index.html", article("Fine", ""));
  site_->on("/slow/", [](const HttpCall&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(3500));
    return HttpReply{200, "text/html", article("Slow", ""), {}};
  });
  site_->on("/huge/", [](const HttpCall&) { return HttpReply{200, "text/html", std::string(3 * 1024 * 1024, 'x'), {}}; });
  site_->on("/image/", [](const HttpCall&) { return HttpReply{200, "image/png", "\x89PNG", {}}; });
  ASSERT_TRUE(site_->start());
  RecordingSink sink;
  CrawlOptions o;
  o.seeds = {site_->origin() + "/"};
  o.delay = std::chrono::milliseconds(0);
  o.retry_base = std::chrono::milliseconds(5);
  o.timeout = std::chrono::milliseconds(1200);  // generous: other answers must not time out on a loaded machine
  o.max_tries = 1;
  o.max_body_bytes = 1024 * 1024;
  Crawler crawler(*store_, *extractor_, o, sink);
  auto report = crawler.run();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->errors, 2u) << "the timeout and the oversized body";
  EXPECT_EQ(report->skipped_type, 1u) << "the PNG";
  std::set<std::string> paths;
  for (const auto& url : sink.pages) paths.insert(url.substr(site_->origin().size()));
  EXPECT_EQ(paths, (std::set<std::string>{"/", "/fine/"}));
  auto state = store_->get(storage::Family::kCrawlState, site_->origin() + "/huge/");
  ASSERT_TRUE(state && *state);
  EXPECT_NE((*state)->find("larger than"), std::string::npos) << **state;
}

TEST_F(ScriptedSiteTest, Windows1252PagesCanonicalLinksAndDuplicates) {
  write(site_dir_.path() / "index.html",
        article("Home", "<a href=\"/legacy/\">l</a> <a href=\"/post/?ref=home\">p</a>"));
  // \x93 and \x94 are curly double quotes in windows-1252.
  site_->on("/legacy/", [](const HttpCall&) {
    return HttpReply{200, "text/html; charset=windows-1252",
                     "<html><head><title>Cold water</title><meta name=\"author\" content=\"Pia Holm\"></head><body><article>"
                     "<h1>Cold water</h1><p>\x93"
                     "Cold water wakes the face up,\x94 says esthetician Lena Ortiz, who has worked with puffy morning "
                     "skin for twenty years.</p><p>She splashes her own face ten times before coffee, and her clients "
                     "who copy the habit say the swelling under their eyes is gone by the time they leave home.</p>"
                     "<p>Cold water is free, takes a minute, and never needs charging, which is more than any device "
                     "on our list of morning tools can claim after a month of testing.</p></article></body></html>",
                     {}};
  });
  write(site_dir_.path() / "post/index.html",
        "<html><head><link rel=\"canonical\" href=\"/the-post/\"></head><body><article><p>A post whose canonical "
        "address is another path, with text long enough to be an article.</p></article></body></html>");
  ASSERT_TRUE(site_->start());
  RecordingSink sink;
  ASSERT_TRUE(crawl(sink));
  auto legacy = sink.by_url.find(site_->origin() + "/legacy/");
  ASSERT_NE(legacy, sink.by_url.end());
  EXPECT_NE(legacy->second.text.find("\u201CCold water wakes the face up,\u201D"), std::string::npos) << legacy->second.text;
  ASSERT_FALSE(legacy->second.quotes.empty());
  EXPECT_EQ(legacy->second.quotes[0].speaker ? legacy->second.quotes[0].speaker->name : "", "Lena Ortiz");
  auto post = sink.by_url.find(site_->origin() + "/post/?ref=home");
  ASSERT_NE(post, sink.by_url.end());
  EXPECT_EQ(post->second.canonical_url, site_->origin() + "/the-post/");
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

// The crawl asks for a page's body as it came off the wire, and decodes it off the transfer
// thread; the codings offered are the ones it can undo itself.
TEST(FetcherTest, KeepsACompressedBodyAsItCameWhenAsked) {
  test::TempDir dir;
  StaticSite site(dir.path());
  std::string page = article("Compressed", links_to("/p", 200));
  std::string offered;
  site.on("/page/", [&](const HttpCall& call) {
    offered = call.headers.count("accept-encoding") ? call.headers.at("accept-encoding") : "";
    return HttpReply{200, "text/html", page, {}};
  });
  ASSERT_TRUE(site.start());
  FetcherOptions options;
  options.user_agent = "beautyidx-test";
  options.address_policy = AddressPolicy(true);
  Fetcher fetcher(options);
  FetchRequest request{site.origin() + "/page/", "", ""};
  request.decode_content = false;
  auto kept = fetcher.fetch(request);
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(offered, kDecodableEncodings);
  ASSERT_FALSE(kept->content_encoding.empty()) << "the test server compresses HTML";
  EXPECT_LT(kept->body.size(), page.size() / 4);
  auto decoded = decode_content_coding(kept->body, kept->content_encoding, options.max_body_bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, page);

  auto plain = fetcher.fetch({site.origin() + "/page/", "", ""});
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(plain->body, page) << "by default curl decodes";
  EXPECT_EQ(plain->content_encoding, "");
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
