// The widget's endpoints (/api/v1/widget, /widget.js, /widget/{kind}.html) and what every public
// GET answer promises browsers and caches: CORS, ETags and 304s. Handlers are called directly;
// one test goes over a real socket to see the headers survive cpp-httplib.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "server/api.h"
#include "server/conditional_get.h"
#include "server/cors.h"
#include "server/http_server.h"
#include "server/widget_cards.h"
#include "server/widget_page.h"
#include "test_index.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;

constexpr const char* kHostile = "<img src=x onerror=alert(1)>";
constexpr const char* kHostileEscaped = "&lt;img src=x onerror=alert(1)&gt;";
const std::string kArticle = "http://glow.test/blog/gua-sha-mistakes/";
const std::string kHostileArticle = "http://glow.test/blog/hostile-title/";

// Gua sha and de-puffing articles of the sample blog, so related() has something to find, and
// one article whose title is markup.
class WidgetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<test::IndexedPage> pages;
    for (const char* path :
         {"blog/gua-sha-mistakes", "interviews/camille-duarte-gua-sha",
          "reviews/gua-sha-rollers-ice-globes-compared", "legacy/my-grandmothers-gua-sha",
          "journal/lymphatic-drainage-face-massage", "blog/morning-depuffing-routine",
          "blog/do-facial-workouts-work", "best/de-puffing-tools-under-50"}) {
      pages.push_back(test::sample_page(path));
    }
    pages.push_back({kHostileArticle, test::read_file(test::source_dir() /
                                                      "tests/widget/fixtures/hostile-title.html")});
    auto index = test::TestIndex::build(pages);
    ASSERT_TRUE(index) << index.error().message;
    index_ = index->release();
  }
  static void TearDownTestSuite() { delete index_; }

  static ApiResponse get(const std::string& path, std::map<std::string, std::string> params,
                         std::map<std::string, std::string> headers = {},
                         const ApiOptions& options = {}) {
    return handle(index_->recommender(), options,
                  ApiRequest{"GET", path, std::move(params), std::move(headers)});
  }
  static json widget(const std::string& kind, const std::string& url = kArticle,
                     const std::string& limit = "12") {
    ApiResponse response = get("/api/v1/widget", {{"url", url}, {"kind", kind}, {"limit", limit}});
    EXPECT_EQ(response.status, 200) << kind << " " << response.body;
    return json::parse(response.body, nullptr, false);
  }

  static test::TestIndex* index_;
};

test::TestIndex* WidgetTest::index_ = nullptr;

// Every card has every contract field with the contract's type, and an http(s) link.
void expect_contract_cards(const json& body) {
  ASSERT_TRUE(body["cards"].is_array()) << body;
  for (const json& card : body["cards"]) {
    for (const char* field : {"url", "title", "excerpt", "image", "price", "meta"}) {
      EXPECT_TRUE(card[field].is_string()) << field << " in " << card;
    }
    EXPECT_TRUE(is_http_url(card["url"].get<std::string>())) << card;
    EXPECT_FALSE(card["title"].get<std::string>().empty()) << card;
    const std::string image = card["image"];
    EXPECT_TRUE(image.empty() || is_http_url(image)) << card;
    ASSERT_TRUE(card["badge"].is_null() || card["badge"].is_object()) << card;
    if (card["badge"].is_object()) {
      EXPECT_TRUE(card["badge"]["name"].is_string()) << card;
      EXPECT_TRUE(card["badge"]["credential"].is_string()) << card;
    }
  }
}

TEST_F(WidgetTest, RelatedCardsFollowTheContract) {
  json body = widget("related");
  EXPECT_EQ(body["kind"], "related");
  EXPECT_EQ(body["heading"], "Related reading");
  EXPECT_EQ(body["article"]["url"], kArticle);
  EXPECT_EQ(body["article"]["title"], "Five Gua Sha Mistakes That Cancel Out Your Results");
  ASSERT_GE(body["cards"].size(), 3u) << body;
  expect_contract_cards(body);
  bool badged = false;
  for (const json& card : body["cards"]) {
    EXPECT_NE(card["url"], kArticle) << "an article is not related to itself";
    EXPECT_EQ(card["price"], "");
    badged = badged || card["badge"].is_object();
  }
  // The Camille Duarte interview quotes her; its card says so.
  EXPECT_TRUE(badged) << body;
}

TEST_F(WidgetTest, LimitCapsTheCardsAndDefaultsToFour) {
  EXPECT_LE(widget("related", kArticle, "2")["cards"].size(), 2u);
  ApiResponse response = get("/api/v1/widget", {{"url", kArticle}});
  ASSERT_EQ(response.status, 200) << response.body;
  json body = json::parse(response.body);
  EXPECT_EQ(body["kind"], "related") << "kind defaults to related";
  EXPECT_LE(body["cards"].size(), 4u);
}

TEST_F(WidgetTest, ShopCardsAreTheArticlesProducts) {
  json body = widget("shop");
  EXPECT_EQ(body["kind"], "shop");
  EXPECT_EQ(body["heading"], "Shop the post");
  ASSERT_EQ(body["cards"].size(), 1u) << body;
  expect_contract_cards(body);
  const json& card = body["cards"][0];
  EXPECT_EQ(card["title"], "Mount Lai Rose Quartz Gua Sha");
  EXPECT_EQ(card["price"], "$34");
  EXPECT_EQ(card["meta"], "Mount Lai");
  EXPECT_EQ(card["url"], kArticle) << "no product link on the page: the card links the article";
  ASSERT_TRUE(card["badge"].is_object()) << card;
  EXPECT_EQ(card["badge"]["name"], "Priya Ranganathan");
  EXPECT_FALSE(card["excerpt"].get<std::string>().empty()) << "the supporting quote";
}

TEST_F(WidgetTest, ExpertCardsAreTheExpertsQuotedInTheArticle) {
  json body = widget("experts");
  EXPECT_EQ(body["kind"], "experts");
  EXPECT_EQ(body["heading"], "Ask the experts");
  expect_contract_cards(body);
  std::vector<std::string> names;
  for (const json& card : body["cards"]) {
    names.push_back(card["title"]);
    EXPECT_EQ(card["url"], kArticle);
    EXPECT_EQ(card["badge"]["name"], card["title"]);
    EXPECT_NE(card["badge"]["credential"], "");
    EXPECT_NE(card["excerpt"], "") << "their best quote";
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Priya Ranganathan", "Camille Duarte"}));
}

struct BadWidgetRequest {
  std::map<std::string, std::string> params;
  int status;
  const char* code;
};

TEST_F(WidgetTest, BadRequestsAnswerWithAnErrorObject) {
  const BadWidgetRequest cases[] = {
      {{}, 400, "invalid_argument"},
      {{{"url", "  "}}, 400, "invalid_argument"},
      {{{"url", kArticle}, {"kind", "bogus"}}, 400, "invalid_argument"},
      {{{"url", kArticle}, {"kind", ""}}, 400, "invalid_argument"},
      {{{"url", kArticle}, {"limit", "0"}}, 400, "invalid_argument"},
      {{{"url", kArticle}, {"limit", "13"}}, 400, "invalid_argument"},
      {{{"url", kArticle}, {"limit", "four"}}, 400, "invalid_argument"},
      {{{"url", kArticle}, {"limit", "-1"}}, 400, "invalid_argument"},
      {{{"url", "not a url"}}, 400, "invalid_argument"},
      {{{"url", "http://glow.test/not-indexed/"}}, 404, "not_found"},
      {{{"url", "http://glow.test/not-indexed/"}, {"kind", "shop"}}, 404, "not_found"},
      {{{"url", "http://glow.test/not-indexed/"}, {"kind", "experts"}}, 404, "not_found"},
      {{{"url", "http://glow.test/" + std::string(2100, 'a')}}, 400, "invalid_argument"},
  };
  for (const auto& c : cases) {
    ApiResponse response = get("/api/v1/widget", c.params);
    EXPECT_EQ(response.status, c.status) << response.body;
    json body = json::parse(response.body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], c.code) << response.body;
    EXPECT_TRUE(body["error"]["message"].is_string()) << response.body;
    EXPECT_EQ(response.headers["Cache-Control"], "no-store")
        << "an error may be gone after the next crawl";
    EXPECT_FALSE(response.headers.contains("ETag"));
  }
}

// ---- CORS ------------------------------------------------------------------------------------

TEST_F(WidgetTest, AnyOriginMayReadTheApiByDefault) {
  ApiResponse response =
      get("/api/v1/widget", {{"url", kArticle}}, {{"origin", "https://any.example"}});
  EXPECT_EQ(response.headers["Access-Control-Allow-Origin"], "*");
  EXPECT_EQ(response.headers["Vary"], "Origin");
  ApiResponse no_origin = get("/api/v1/widget", {{"url", kArticle}});
  EXPECT_FALSE(no_origin.headers.contains("Access-Control-Allow-Origin"));
}

TEST_F(WidgetTest, AnAllowListAnswersOnlyItsOrigins) {
  ApiOptions options;
  options.cors_origins = {"https://blog.example", "HTTP://Shop.Example:8080/"};
  struct Case {
    const char* path;
    std::map<std::string, std::string> params;
    const char* origin;
    bool allowed;
  };
  const Case cases[] = {
      {"/api/v1/widget", {{"url", kArticle}}, "https://blog.example", true},
      {"/api/v1/widget", {{"url", kArticle}}, "http://shop.example:8080", true},
      {"/api/v1/widget", {{"url", kArticle}}, "https://evil.example", false},
      {"/api/v1/widget", {{"url", kArticle}}, "https://blog.example.evil.example", false},
      {"/api/v1/widget", {{"url", kArticle}}, "http://blog.example", false},
      {"/api/v1/widget", {{"url", kArticle}}, "null", false},
      {"/api/v1/widget", {{"url", "http://glow.test/not-indexed/"}}, "https://blog.example", true},
      {"/api/v1/related", {{"url", kArticle}}, "https://blog.example", true},
      {"/api/v1/search", {{"q", "gua sha"}}, "https://blog.example", true},
      {"/api/v1/recommend", {{"q", "gua sha"}}, "https://evil.example", false},
      {"/api/v1/stats", {}, "https://blog.example", true},
  };
  for (const auto& c : cases) {
    ApiResponse response = get(c.path, c.params, {{"origin", c.origin}}, options);
    SCOPED_TRACE(std::string(c.path) + " from " + c.origin);
    EXPECT_EQ(response.headers["Vary"], "Origin");
    if (c.allowed)
      EXPECT_EQ(response.headers["Access-Control-Allow-Origin"], c.origin);
    else
      EXPECT_FALSE(response.headers.contains("Access-Control-Allow-Origin"))
          << response.headers["Access-Control-Allow-Origin"];
  }
  ApiResponse health = get("/healthz", {}, {{"origin", "https://blog.example"}}, options);
  EXPECT_FALSE(health.headers.contains("Access-Control-Allow-Origin"))
      << "not part of the public API";
}

TEST_F(WidgetTest, PreflightsAreAnsweredForAllowedOriginsOnly) {
  ApiOptions options;
  options.cors_origins = {"https://blog.example"};
  auto preflight = [&](const std::string& path, const std::string& origin) {
    return handle(
        index_->recommender(), options,
        ApiRequest{
            "OPTIONS", path, {}, {{"origin", origin}, {"access-control-request-method", "GET"}}});
  };
  ApiResponse allowed = preflight("/api/v1/widget", "https://blog.example");
  EXPECT_EQ(allowed.status, 204);
  EXPECT_EQ(allowed.body, "");
  EXPECT_EQ(allowed.headers["Access-Control-Allow-Origin"], "https://blog.example");
  EXPECT_NE(allowed.headers["Access-Control-Allow-Methods"].find("GET"), std::string::npos);
  EXPECT_NE(allowed.headers["Access-Control-Allow-Headers"].find("If-None-Match"),
            std::string::npos);

  ApiResponse refused = preflight("/api/v1/widget", "https://evil.example");
  EXPECT_EQ(refused.status, 204);
  EXPECT_FALSE(refused.headers.contains("Access-Control-Allow-Origin"));
  EXPECT_FALSE(refused.headers.contains("Access-Control-Allow-Methods"));

  EXPECT_EQ(preflight("/healthz", "https://blog.example").status, 405);
  EXPECT_EQ(preflight("/api/v1/nothing", "https://blog.example").status, 404);
  ApiResponse post =
      handle(index_->recommender(), options, ApiRequest{"POST", "/api/v1/widget", {}, {}});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.headers["Allow"], "GET, HEAD, OPTIONS");
}

struct OriginCase {
  const char* origin;
  bool valid;
};

TEST(CorsOrigin, FlagValues) {
  const OriginCase cases[] = {
      {"*", true},
      {"https://blog.example", true},
      {"http://localhost:3000", true},
      {"https://blog.example/", true},
      {"HTTPS://BLOG.EXAMPLE", true},
      {"blog.example", false},
      {"ftp://blog.example", false},
      {"https://", false},
      {"https://blog.example/path", false},
      {"https://blog.example?x=1", false},
      {"https://user@blog.example", false},
      {"https://blog example", false},
      {"", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(check_cors_origin(c.origin).has_value(), c.valid) << c.origin;
}

TEST(CorsOrigin, CanonicalForm) {
  const std::pair<const char*, const char*> cases[] = {
      {"https://blog.example", "https://blog.example"},
      {"HTTPS://Blog.Example/", "https://blog.example"},
      {"https://blog.example:443", "https://blog.example"},
      {"http://blog.example:80", "http://blog.example"},
      {"http://blog.example:443", "http://blog.example:443"},
      {" http://localhost:3000 ", "http://localhost:3000"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(canonical_origin(in), out) << in;
}

// ---- ETag, Cache-Control, 304 ------------------------------------------------------------------

TEST_F(WidgetTest, WidgetAndRelatedAnswersRevalidateWithTheirETag) {
  for (const char* path : {"/api/v1/widget", "/api/v1/related", "/widget/related.html"}) {
    SCOPED_TRACE(path);
    ApiResponse first = get(path, {{"url", kArticle}});
    ASSERT_EQ(first.status, 200) << first.body;
    const std::string etag = first.headers["ETag"];
    EXPECT_EQ(etag, content_etag(first.body));
    EXPECT_EQ(first.headers["Cache-Control"], "public, max-age=60");

    ApiResponse again = get(path, {{"url", kArticle}}, {{"if-none-match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.body, "");
    EXPECT_EQ(again.headers["ETag"], etag) << "a 304 repeats the validator";
    EXPECT_EQ(again.headers["Cache-Control"], "public, max-age=60");

    EXPECT_EQ(get(path, {{"url", kArticle}}, {{"if-none-match", "W/\"0000000000000000\""}}).status,
              200);
    // Another question is another body, so the old tag does not match it.
    EXPECT_EQ(get(path, {{"url", kArticle}, {"limit", "1"}}, {{"if-none-match", etag}}).status,
              200);
  }
  ApiResponse stats = get("/api/v1/stats", {});
  EXPECT_EQ(stats.headers["Cache-Control"], "no-store");
  EXPECT_FALSE(stats.headers.contains("ETag"));
}

TEST_F(WidgetTest, CrossOriginRevalidationStillCarriesCors) {
  ApiResponse first = get("/api/v1/widget", {{"url", kArticle}});
  ApiResponse again =
      get("/api/v1/widget", {{"url", kArticle}},
          {{"if-none-match", first.headers["ETag"]}, {"origin", "https://blog.example"}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.headers["Access-Control-Allow-Origin"], "*");
}

struct IfNoneMatchCase {
  const char* header;
  bool matches;
};

TEST(IfNoneMatch, WeakComparisonOverLists) {
  const std::string etag = "W/\"abc\"";
  const IfNoneMatchCase cases[] = {
      {"W/\"abc\"", true},
      {"\"abc\"", true},
      {"*", true},
      {"\"x\", W/\"abc\"", true},
      {" \"x\" ,\"abc\" ", true},
      {"\"abcd\"", false},
      {"\"ab\"", false},
      {"abc", false},
      {"", false},
      {"W/", false},
      {"\"abc", false},
      {"\"a,b\", \"abc\"", true},
  };
  for (const auto& c : cases)
    EXPECT_EQ(if_none_match_matches(c.header, etag), c.matches) << c.header;
}

// ---- /widget.js -------------------------------------------------------------------------------

TEST_F(WidgetTest, ServesTheWidgetScriptFromTheBinary) {
  ApiResponse script = get("/widget.js", {});
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script.body, test::read_file(test::source_dir() / "server/widget/widget.js"));
  EXPECT_EQ(script.headers["Cache-Control"], "public, max-age=3600");
  const std::string etag = script.headers["ETag"];
  ASSERT_FALSE(etag.empty());
  ApiResponse cached = get("/widget.js", {}, {{"if-none-match", etag}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_EQ(cached.body, "");
  EXPECT_EQ(get("/widget.js", {}, {{"if-none-match", "\"stale\""}}).status, 200);
}

// ---- Crawled markup stays text ------------------------------------------------------------------

TEST_F(WidgetTest, HostileTitleComesBackEscapedInTheHtmlFragment) {
  ApiResponse page = get("/widget/related.html", {{"url", kArticle}, {"limit", "12"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find(kHostileEscaped), std::string::npos)
      << "the hostile article is related to gua sha";
  EXPECT_EQ(page.body.find("<img src=x"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("onerror=alert(1)>"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  EXPECT_NE(page.headers["Content-Security-Policy"].find("default-src 'none'"), std::string::npos);

  // Where it is the page's own article: in <title> of every kind's page.
  for (const char* kind : {"related", "shop", "experts"}) {
    ApiResponse own = get(std::string("/widget/") + kind + ".html", {{"url", kHostileArticle}});
    ASSERT_EQ(own.status, 200) << kind << own.body;
    EXPECT_NE(own.body.find(kHostileEscaped), std::string::npos) << kind;
    EXPECT_EQ(own.body.find(kHostile), std::string::npos) << kind;
  }

  // The JSON carries the title as data; widget.js puts it in the DOM with textContent.
  json body = widget("related");
  bool found = false;
  for (const json& card : body["cards"]) found = found || card["title"] == kHostile;
  EXPECT_TRUE(found) << body;
}

TEST_F(WidgetTest, FallbackPagesForUnknownArticlesAre404Html) {
  ApiResponse page = get("/widget/shop.html", {{"url", "http://glow.test/<b>not-indexed</b>/"}});
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page.body.find("<b>"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Nothing to show here yet."), std::string::npos)
      << "readers see no internals";
  EXPECT_EQ(get("/widget/shop.html", {}).status, 400);
}

TEST(WidgetPage, EscapesEveryFieldAndKeepsOnlyHttpLinks) {
  const std::string evil = "\"'><script>alert(1)</script><img src=x onerror=alert(1)>&";
  WidgetCards cards;
  cards.kind = WidgetKind::kShop;
  cards.article = {"0123456789abcdef", "https://blog.example/a/", evil};
  WidgetCard card;
  card.url = "https://shop.example/p?a=1&b=\"2\"";
  card.title = evil;
  card.excerpt = evil;
  card.image = "https://img.example/x.jpg?\"onload=alert(1)";
  card.badge = CardBadge{evil, evil};
  card.price = evil;
  card.meta = evil;
  cards.cards.push_back(card);
  WidgetCard script_link = card;
  script_link.url = "javascript:alert(1)";
  cards.cards.push_back(script_link);
  WidgetCard data_image = card;
  data_image.url = "https://shop.example/ok";
  data_image.image = "data:image/svg+xml,<svg onload=alert(1)>";
  cards.cards.push_back(data_image);

  std::string html = widget_page(cards);
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img src=x"), std::string::npos) << html;
  EXPECT_EQ(html.find("\"'>"), std::string::npos) << "no attribute breakout";
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_EQ(html.find("data:image"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://shop.example/p?a=1&amp;b=&quot;2&quot;\""), std::string::npos)
      << html;
  EXPECT_NE(html.find("src=\"https://img.example/x.jpg?&quot;onload=alert(1)\""), std::string::npos)
      << html;
  EXPECT_NE(html.find("&quot;&#39;&gt;&lt;script&gt;"), std::string::npos);
  // Two links: the javascript: card is dropped.
  size_t links = 0;
  for (size_t at = html.find("<a "); at != std::string::npos; at = html.find("<a ", at + 1))
    ++links;
  EXPECT_EQ(links, 2u);
}

struct UrlCase {
  const char* url;
  bool http;
};

TEST(WidgetCards, OnlyHttpUrlsAreLinks) {
  const UrlCase cases[] = {
      {"https://a.example/x", true},
      {"HTTP://a.example", true},
      {"http://127.0.0.1:8080/p", true},
      {"javascript:alert(1)", false},
      {"JavaScript:alert(1)", false},
      {"data:text/html,x", false},
      {"//a.example/x", false},
      {"/relative", false},
      {"https:///path", false},
      {"https://", false},
      {"https://a.example/x y", false},
      {"https://a.example/\n", false},
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_http_url(c.url), c.http) << c.url;
}

TEST(WidgetCards, ClipTextCutsAtWordsAndNeverInsideUtf8) {
  EXPECT_EQ(clip_text("short", 10), "short");
  EXPECT_EQ(clip_text("one two three four", 12), "one two\xE2\x80\xA6");
  std::string accented;
  for (int i = 0; i < 50; ++i) accented += "\xC3\xA9";  // é
  std::string clipped = clip_text(accented, 21);
  EXPECT_LE(clipped.size(), 21u);
  EXPECT_TRUE(is_valid_utf8(clipped)) << clipped;
}

// ---- Over a socket -----------------------------------------------------------------------------

TEST_F(WidgetTest, HeadersSurviveTheHttpServer) {
  ServerOptions options;
  options.port = 0;
  options.api.cors_origins = {"http://localhost:9"};
  HttpServer server(index_->recommender(), options);
  auto port = server.bind();
  ASSERT_TRUE(port) << port.error().message;
  std::thread serving([&] { (void)server.listen(); });
  httplib::Client client("127.0.0.1", *port);
  std::string encoded;
  for (char c : kArticle) encoded += c == ':' ? "%3A" : c == '/' ? "%2F" : std::string(1, c);
  const std::string path = "/api/v1/widget?url=" + encoded + "&kind=related";

  auto first = client.Get(path, {{"Origin", "http://localhost:9"}});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->get_header_value("Access-Control-Allow-Origin"), "http://localhost:9");
  EXPECT_EQ(first->get_header_value_count("Cache-Control"), 1u);
  EXPECT_EQ(first->get_header_value("Cache-Control"), "public, max-age=60");
  EXPECT_EQ(first->get_header_value("Vary"), "Origin, Accept-Encoding");
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());

  auto second = client.Get(path, {{"Origin", "http://evil.example"}, {"If-None-Match", etag}});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_EQ(second->body, "");
  EXPECT_FALSE(second->has_header("Access-Control-Allow-Origin"));

  auto preflight = client.Options("/api/v1/widget", {{"Origin", "http://localhost:9"},
                                                     {"Access-Control-Request-Method", "GET"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Origin"), "http://localhost:9");

  auto script = client.Get("/widget.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script->get_header_value("Cache-Control"), "public, max-age=3600");
  server.stop();
  serving.join();
}

}  // namespace
}  // namespace beautyidx::server
