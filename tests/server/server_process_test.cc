// The server on real sockets: slow clients, size limits, and the `beautyidx serve` process itself
// (config, a SIGTERM in the middle of a request, an admin crawl while another process writes).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "server/http_server.h"
#include "test_index.h"
#include "testing/static_site.h"

namespace beautyidx::server {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// A raw TCP connection, for sending requests a piece at a time.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawClient() {
    if (fd_ >= 0) close(fd_);
  }
  bool connected() const { return connected_; }
  void send_text(const std::string& text) {
    (void)::send(fd_, text.data(), text.size(), MSG_NOSIGNAL);
  }
  // Everything until the peer closes, `until` has arrived, or `limit` passes.
  std::string read_all(std::chrono::milliseconds limit, std::string_view until = {}) {
    std::string out;
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline && (until.empty() || out.find(until) == std::string::npos)) {
      pollfd p{fd_, POLLIN, 0};
      int left = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
      if (poll(&p, 1, std::max(left, 1)) <= 0) break;
      char buffer[4096];
      ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buffer, static_cast<size_t>(n));
    }
    return out;
  }
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

class ServerLimitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto index = test::TestIndex::build({test::sample_page("blog/do-facial-workouts-work")});
    ASSERT_TRUE(index) << index.error().message;
    index_ = index->release();
  }
  static void TearDownTestSuite() { delete index_; }

  // Starts a server with `options` (port 0) in a background thread.
  void start(ServerOptions options) {
    options.port = 0;
    server_ = std::make_unique<HttpServer>(index_->recommender(), options);
    auto port = server_->bind();
    ASSERT_TRUE(port) << port.error().message;
    port_ = *port;
    serving_ = std::thread([this] { (void)server_->listen(); });
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (serving_.joinable()) serving_.join();
  }

  static test::TestIndex* index_;
  std::unique_ptr<HttpServer> server_;
  std::thread serving_;
  int port_ = 0;
};

test::TestIndex* ServerLimitsTest::index_ = nullptr;

constexpr const char* kHalfRequest = "GET /api/v1/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";

TEST_F(ServerLimitsTest, ASlowClientDoesNotStopOthersBeingServed) {
  ServerOptions options;
  options.threads = 2;
  options.read_timeout_seconds = 1;
  start(options);
  RawClient slow(port_);
  ASSERT_TRUE(slow.connected());
  slow.send_text(kHalfRequest);  // ... and stalls

  httplib::Client client("127.0.0.1", port_);
  for (int i = 0; i < 5; ++i) {
    auto started = Clock::now();
    auto response = client.Get("/healthz");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(500))
        << "served beside the slow client";
  }
  // The stalled request is answered 400 after the read timeout, which frees its thread for other
  // connections once the client closes (or the keep-alive timeout passes).
  auto stalled = Clock::now();
  std::string answer = slow.read_all(std::chrono::seconds(5), "}}");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  EXPECT_LT(Clock::now() - stalled, std::chrono::milliseconds(2500));
}

TEST_F(ServerLimitsTest, MoreSlowClientsThanThreadsDelayOthersOnlyUntilTheirTimeouts) {
  ServerOptions options;
  options.threads = 2;
  options.read_timeout_seconds = 1;
  options.keep_alive_timeout_seconds = 1;
  start(options);
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 4; ++i) {
    slow.push_back(std::make_unique<RawClient>(port_));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->send_text(kHalfRequest);
  }
  auto started = Clock::now();
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(20, 0);
  auto response = client.Get("/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  // A stalled client that never closes holds a thread for at most read_timeout (then it gets its
  // 400) plus keep_alive_timeout: two waves of two here, about 4 s.
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(6));
}

TEST_F(ServerLimitsTest, OversizedRequestsAreRefusedWithAnErrorObject) {
  ServerOptions options;
  options.max_body_bytes = 4096;
  start(options);
  httplib::Client client("127.0.0.1", port_);
  auto big_body = client.Post("/api/v1/crawl", std::string(10000, 'x'), "application/json");
  ASSERT_TRUE(big_body);
  EXPECT_EQ(big_body->status, 413);
  EXPECT_EQ(json::parse(big_body->body, nullptr, false)["error"]["code"], "payload_too_large")
      << big_body->body;

  auto long_uri = client.Get("/api/v1/search?q=" + std::string(9000, 'a'));
  ASSERT_TRUE(long_uri);
  EXPECT_EQ(long_uri->status, 414);
  EXPECT_EQ(json::parse(long_uri->body, nullptr, false)["error"]["code"], "uri_too_long")
      << long_uri->body;

  // A header line over cpp-httplib's limit (8 KiB) is a 400.
  RawClient raw(port_);
  raw.send_text("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') +
                "\r\n\r\n");
  std::string answer = raw.read_all(std::chrono::seconds(3), "}}");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("\"bad_request\""), std::string::npos) << answer;

  auto fine = client.Get("/healthz");
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 200);
}

TEST_F(ServerLimitsTest, OtherMethodsAre405OverTheSocketToo) {
  start(ServerOptions{});
  httplib::Client client("127.0.0.1", port_);
  auto put = client.Put("/api/v1/search?q=serum", "", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_EQ(put->get_header_value("Allow"), "GET, HEAD, OPTIONS");
  auto del = client.Delete("/healthz");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
}

// ---- The beautyidx serve process ----------------------------------------------------------------

// `beautyidx ARGS...` with extra environment variables; its stderr is readable line by line.
class Process {
 public:
  Process(const std::vector<std::string>& args, const std::vector<std::string>& environment = {}) {
    // argv and envp are built before fork: the child only calls async-signal-safe functions.
    std::vector<std::string> variables = environment;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string_view existing = *e;
      bool overridden = false;
      for (const std::string& v : environment) {
        overridden = overridden ||
                     existing.substr(0, existing.find('=') + 1) == v.substr(0, v.find('=') + 1);
      }
      if (!overridden) variables.emplace_back(existing);
    }
    std::vector<char*> envp;
    for (std::string& v : variables) envp.push_back(v.data());
    envp.push_back(nullptr);
    std::vector<std::string> arguments = args;
    std::vector<char*> argv{const_cast<char*>("beautyidx")};
    for (std::string& arg : arguments) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(pipe_fds[1], 2);
      int null = ::open("/dev/null", O_WRONLY);
      dup2(null, 1);
      close(pipe_fds[0]);
      execve(BEAUTYIDX_BINARY, argv.data(), envp.data());
      _exit(127);
    }
    close(pipe_fds[1]);
    stderr_ = pipe_fds[0];
  }
  ~Process() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stderr_ >= 0) close(stderr_);
  }

  // The next line on stderr, or "" after `limit`.
  std::string read_line(std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      size_t newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return line;
      }
      pollfd p{stderr_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char chunk[1024];
      ssize_t n = read(stderr_, chunk, sizeof chunk);
      if (n <= 0) break;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
    return "";
  }
  // The port a `serve` process announced, or 0.
  int serving_port() {
    static const std::regex kServing(R"(serving .* on http://[^:]+:(\d+)/)");
    for (std::string line = read_line(); !line.empty(); line = read_line()) {
      std::smatch m;
      if (std::regex_search(line, m, kServing)) {
        announcement_ = line;
        return std::stoi(m[1]);
      }
    }
    return 0;
  }
  const std::string& announcement() const { return announcement_; }
  void signal(int number) { kill(pid_, number); }
  // The exit status, or -1 when it has not exited within `limit`.
  int wait_exit(std::chrono::milliseconds limit) {
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int stderr_ = -1;
  bool exited_ = false;
  std::string buffer_;
  std::string announcement_;
};

class ServerProcessTest : public ServerLimitsTest {};

TEST_F(ServerProcessTest, SigtermLetsTheRequestInFlightFinishAndExitsZero) {
  const std::string data = "--data=" + test::data_dir().string();
  Process serve({data, "serve", "--db", index_->path().string(), "--port", "0"});
  int port = serve.serving_port();
  ASSERT_GT(port, 0) << "serve did not announce its port";

  RawClient slow(port);
  ASSERT_TRUE(slow.connected());
  // A first request on the connection proves a server thread holds it; then half of a second.
  slow.send_text("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  ASSERT_NE(slow.read_all(std::chrono::seconds(10), "\"ok\"}").find("200 OK"), std::string::npos);
  slow.send_text(kHalfRequest);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  serve.signal(SIGTERM);

  // No new connections once the signal has been taken.
  bool refused = false;
  for (auto deadline = Clock::now() + std::chrono::seconds(5);
       !refused && Clock::now() < deadline;) {
    refused = !RawClient(port).connected();
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(refused) << "still accepting after SIGTERM";

  slow.send_text("1\r\n\r\n");  // the rest of the request
  std::string answer = slow.read_all(std::chrono::seconds(5), "}");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("\"articles\":1"), std::string::npos) << answer;
  EXPECT_EQ(serve.wait_exit(std::chrono::seconds(10)), 0);
}

TEST_F(ServerProcessTest, SigintWithNothingInFlightExitsZeroAtOnce) {
  const std::string data = "--data=" + test::data_dir().string();
  Process serve({data, "serve", "--db", index_->path().string(), "--port", "0"});
  ASSERT_GT(serve.serving_port(), 0);
  auto started = Clock::now();
  serve.signal(SIGINT);
  EXPECT_EQ(serve.wait_exit(std::chrono::seconds(10)), 0);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(3));
}

TEST_F(ServerProcessTest, ReadsItsConfigFromFileEnvironmentAndFlags) {
  test::TempDir dir;
  std::filesystem::path config = dir.path() / "serve.json";
  std::ofstream(config) << json{{"db", index_->path().string()},
                                {"port", 1},
                                {"threads", 4},
                                {"cors_origins", {"https://file.example"}}}
                               .dump();
  const std::string token = "process-test-token-0123456789";
  Process serve(
      {"--data=" + test::data_dir().string(), "serve", "--config", config.string(), "--port", "0"},
      {"BEAUTYIDX_ADMIN_TOKEN=" + token, "BEAUTYIDX_CORS_ORIGINS=https://env.example"});
  int port = serve.serving_port();
  ASSERT_GT(port, 1) << "the --port flag wins over the file's port";
  EXPECT_NE(serve.announcement().find("admin endpoints on"), std::string::npos)
      << serve.announcement();

  httplib::Client client("127.0.0.1", port);
  auto status = client.Get("/api/v1/crawl/status", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, 200) << "the token came from the environment";
  auto env_origin = client.Get("/api/v1/stats", {{"Origin", "https://env.example"}});
  ASSERT_TRUE(env_origin);
  EXPECT_EQ(env_origin->get_header_value("Access-Control-Allow-Origin"), "https://env.example");
  auto file_origin = client.Get("/api/v1/stats", {{"Origin", "https://file.example"}});
  ASSERT_TRUE(file_origin);
  EXPECT_FALSE(file_origin->has_header("Access-Control-Allow-Origin"))
      << "the environment replaced the file's list";
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait_exit(std::chrono::seconds(10)), 0);
}

TEST_F(ServerProcessTest, BadConfigIsAUsageError) {
  Process serve({"--data=" + test::data_dir().string(), "serve"},
                {"BEAUTYIDX_DB=", "BEAUTYIDX_PORT=x"});
  std::string line = serve.read_line();
  EXPECT_NE(line.find("BEAUTYIDX_PORT"), std::string::npos) << line;
  EXPECT_EQ(serve.wait_exit(std::chrono::seconds(10)), 2);
}

// An admin crawl while a `beautyidx crawl` process holds the database: refused with 409, and
// the server keeps answering.
TEST(ServerProcessAdminTest, AnAdminCrawlWhileAnotherProcessCrawlsIs409) {
  auto index = test::TestIndex::build({test::sample_page("blog/do-facial-workouts-work")});
  ASSERT_TRUE(index) << index.error().message;
  test::TempDir site_root;
  testing::StaticSite site(site_root.path());
  site.on("/slow/", [](const testing::HttpCall&) {
    std::this_thread::sleep_for(std::chrono::seconds(4));
    return testing::HttpReply{200, "text/html", "<html><body><p>slow</p></body></html>", {}};
  });
  ASSERT_TRUE(site.start());

  const std::string data = "--data=" + test::data_dir().string();
  const std::string db = (*index)->path().string();
  const std::string token = "process-test-token-0123456789";
  Process serve({data, "serve", "--db", db, "--port", "0", "--admin-allow-private"},
                {"BEAUTYIDX_ADMIN_TOKEN=" + token});
  int port = serve.serving_port();
  ASSERT_GT(port, 0);

  Process crawl(
      {data, "crawl", site.origin() + "/slow/", "--db", db, "--delay-ms", "0", "--max-pages", "1"});
  auto deadline = Clock::now() + std::chrono::seconds(20);
  while (site.requests_for("/slow/") == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(site.requests_for("/slow/"), 0u) << "the other crawl never started";

  httplib::Client client("127.0.0.1", port);
  auto refused = client.Post("/api/v1/crawl", {{"Authorization", "Bearer " + token}},
                             json{{"urls", {site.origin() + "/"}}, {"delay_ms", 0}}.dump(),
                             "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 409) << refused->body;
  json error = json::parse(refused->body, nullptr, false);
  EXPECT_EQ(error["error"]["code"], "database_locked") << refused->body;
  auto stats = client.Get("/api/v1/stats");
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->status, 200);
  EXPECT_EQ(crawl.wait_exit(std::chrono::seconds(30)), 0);
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait_exit(std::chrono::seconds(10)), 0);
}

// A post published after the last crawl: the widget shows nothing for it, the server queues it
// (its site only), and the next crawl of that site fetches it.
TEST(ServerProcessCrawlRequestTest, AnUnindexedPostAskedForByTheWidgetIsFetchedByTheNextCrawl) {
  test::TempDir site_root, db_dir;
  auto copy_page = [&](const char* sample, const std::string& to) {
    std::filesystem::create_directories(site_root.path() / to);
    std::filesystem::copy_file(test::sample_blog() / sample / "index.html", site_root.path() / to / "index.html");
  };
  copy_page("blog/do-facial-workouts-work", "posts/workouts");
  copy_page("blog/gua-sha-mistakes", "posts/new-gua-sha");  // published, but linked from nowhere yet
  {
    std::ofstream home(site_root.path() / "index.html");
    home << "<html><body><main><a href=\"/posts/workouts/\">Workouts</a></main></body></html>";
  }
  testing::StaticSite site(site_root.path());
  ASSERT_TRUE(site.start());
  const std::string data = "--data=" + test::data_dir().string();
  const std::string db = db_dir.path().string();
  {
    Process crawl({data, "crawl", site.origin() + "/", "--db", db, "--delay-ms", "0"});
    ASSERT_EQ(crawl.wait_exit(std::chrono::seconds(60)), 0);
  }
  ASSERT_EQ(site.requests_for("/posts/new-gua-sha/"), 0u);

  {
    Process serve({data, "serve", "--db", db, "--port", "0"});
    int port = serve.serving_port();
    ASSERT_GT(port, 0);
    httplib::Client client("127.0.0.1", port);
    auto unknown = client.Get("/widget/related.html?url=" + httplib::detail::encode_query_param(site.origin() + "/posts/new-gua-sha/"));
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_NE(unknown->body.find("Nothing to show here yet."), std::string::npos);
    auto elsewhere = client.Get("/api/v1/related?url=" + httplib::detail::encode_query_param("https://another-blog.example/post/"));
    ASSERT_TRUE(elsewhere);
    EXPECT_EQ(elsewhere->status, 404);
    serve.signal(SIGTERM);
    EXPECT_EQ(serve.wait_exit(std::chrono::seconds(10)), 0);
  }
  std::ifstream requests(db_dir.path() / "crawl-requests.txt");
  std::string queued((std::istreambuf_iterator<char>(requests)), std::istreambuf_iterator<char>());
  EXPECT_EQ(queued, site.origin() + "/posts/new-gua-sha/\n") << "its own site's post, once; never another site's";

  Process again({data, "crawl", site.origin() + "/", "--db", db, "--delay-ms", "0"});
  ASSERT_EQ(again.wait_exit(std::chrono::seconds(60)), 0);
  EXPECT_EQ(site.requests_for("/posts/new-gua-sha/"), 1u);
  EXPECT_FALSE(std::filesystem::exists(db_dir.path() / "crawl-requests.txt"));
  EXPECT_FALSE(std::filesystem::exists(db_dir.path() / "crawl-requests.taken"));
}

// Regression: `beautyidx crawl` took every waiting request of its seeds' sites, whatever its
// --scope and --exclude said, and the crawler then dropped those as out of scope. Now the
// requests a crawl does not cover keep waiting for one that does.
TEST(ServerProcessCrawlRequestTest, RequestsOutsideACrawlsScopeOrRulesWaitForTheNextCrawl) {
  test::TempDir site_root, db_dir;
  auto write_page = [&](const std::string& to) {
    std::filesystem::create_directories(site_root.path() / to);
    std::filesystem::copy_file(test::sample_blog() / "blog/do-facial-workouts-work/index.html",
                               site_root.path() / to / "index.html");
  };
  for (const char* path : {"blog", "blog/asked", "blog/drafts/asked", "shop/asked"}) write_page(path);
  testing::StaticSite site(site_root.path());
  ASSERT_TRUE(site.start());
  const std::string origin = site.origin();
  {
    std::ofstream waiting(db_dir.path() / "crawl-requests.txt");
    waiting << origin << "/blog/asked/\n" << origin << "/shop/asked/\n" << origin << "/blog/drafts/asked/\n";
  }
  const std::string data = "--data=" + test::data_dir().string();
  const std::string db = db_dir.path().string();
  {
    Process crawl({data, "crawl", origin + "/blog/", "--db", db, "--delay-ms", "0", "--scope", origin + "/blog/",
                   "--exclude", "/drafts/"});
    ASSERT_EQ(crawl.wait_exit(std::chrono::seconds(60)), 0);
  }
  EXPECT_EQ(site.requests_for("/blog/asked/"), 1u) << "the request inside the scope is crawled";
  EXPECT_EQ(site.requests_for("/shop/asked/"), 0u);
  EXPECT_EQ(site.requests_for("/blog/drafts/asked/"), 0u);
  {
    std::ifstream waiting(db_dir.path() / "crawl-requests.txt");
    std::string left((std::istreambuf_iterator<char>(waiting)), std::istreambuf_iterator<char>());
    EXPECT_EQ(left, origin + "/shop/asked/\n" + origin + "/blog/drafts/asked/\n")
        << "outside --scope or excluded: still waiting, not dropped";
  }
  EXPECT_FALSE(std::filesystem::exists(db_dir.path() / "crawl-requests.taken"));

  Process whole_site({data, "crawl", origin + "/", "--db", db, "--delay-ms", "0"});
  ASSERT_EQ(whole_site.wait_exit(std::chrono::seconds(60)), 0);
  EXPECT_EQ(site.requests_for("/shop/asked/"), 1u);
  EXPECT_EQ(site.requests_for("/blog/drafts/asked/"), 1u);
  EXPECT_FALSE(std::filesystem::exists(db_dir.path() / "crawl-requests.txt"));
}

}  // namespace
}  // namespace beautyidx::server
