// Crawl throughput on loopback, beside plain curl, in one run:
//
//   crawl_bench [--pages N] [--server nginx|builtin] [--transfers N] [--commit-every N (default 200)]
//
// Writes a synthetic site of N articles (default 2000; themed pages of ~110 KB, as heavy as real
// article pages) to a temp folder and serves it on a loopback port: with nginx (Debian `nginx`;
// gzip at its default level, one worker) when it is installed, else with the test suite's
// built-in server. Then, against the same server:
// - `curl --parallel --compressed` fetches every article URL (no processing: the HTTP ceiling
//   here), once before the crawls and once after; ratios are to the two runs together;
// - beautyidx crawls the site (politeness off: no delay, as many transfers as curl) into a temp
//   database, extraction and indexing included (on every hardware thread);
// - again without the search index (fetch, extract, store raw pages and crawl state: the
//   crawler's own share);
// - the crawler's transfer layer alone (TransferPool) fetches the same URLs as curl does.
// Prints pages/s and ratios to curl. The built-in server compresses with brotli at its highest
// level, which costs more CPU than anything it serves; nginx is the realistic peer.
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "bench/synthetic_site.h"
#include "core/ordered_workers.h"
#include "crawler/crawler.h"
#include "crawler/fetcher.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "pipeline/indexing_sink.h"
#include "testing/static_site.h"

extern char** environ;

using namespace beautyidx;

namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    return 0;
  }
  close(fd);
  return ntohs(address.sin_port);
}

// nginx in the foreground, as a child process, on a loopback port.
class Nginx {
 public:
  static constexpr const char* kBinary = "/usr/sbin/nginx";

  bool start(const fs::path& root, const fs::path& work, int port) {
    fs::create_directories(work / "tmp");
    std::string config = "daemon off; master_process off; worker_processes 1;\n"
                         "pid " + (work / "nginx.pid").string() + ";\nerror_log " + (work / "error.log").string() + ";\n"
                         "events { worker_connections 1024; }\n"
                         "http {\n  access_log off;\n  types { text/html html; application/xml xml; }\n"
                         "  default_type application/octet-stream;\n  gzip on;\n  gzip_types application/xml;\n"
                         "  keepalive_requests 100000;\n"
                         "  client_body_temp_path " + (work / "tmp").string() + ";\n"
                         "  proxy_temp_path " + (work / "tmp").string() + ";\n"
                         "  fastcgi_temp_path " + (work / "tmp").string() + ";\n"
                         "  uwsgi_temp_path " + (work / "tmp").string() + ";\n"
                         "  scgi_temp_path " + (work / "tmp").string() + ";\n"
                         "  server {\n    listen 127.0.0.1:" + std::to_string(port) + ";\n"
                         "    root " + root.string() + ";\n    index index.html;\n  }\n}\n";
    write_file(work / "nginx.conf", config);
    std::string conf = (work / "nginx.conf").string(), prefix = work.string();
    const char* argv[] = {kBinary, "-c", conf.c_str(), "-p", prefix.c_str(), "-e", "stderr", nullptr};
    if (posix_spawn(&pid_, kBinary, nullptr, nullptr, const_cast<char**>(argv), environ) != 0) return false;
    // Ready when it answers.
    for (int i = 0; i < 100; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      std::string probe = "curl -s -o /dev/null http://127.0.0.1:" + std::to_string(port) + "/";
      if (std::system(probe.c_str()) == 0) return true;
    }
    return false;
  }

  ~Nginx() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }

 private:
  pid_t pid_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  size_t pages = 2000;
  size_t transfers = 16;
  size_t commit_every = 200;
  std::string server = fs::exists(Nginx::kBinary) ? "nginx" : "builtin";
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--pages")) pages = std::strtoul(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--server")) server = argv[++i];
    else if (!std::strcmp(argv[i], "--transfers")) transfers = std::max<size_t>(1, std::strtoul(argv[++i], nullptr, 10));
    else if (!std::strcmp(argv[i], "--commit-every")) commit_every = std::max<size_t>(1, std::strtoul(argv[++i], nullptr, 10));
  }
  bench::SyntheticSite synthetic(pages);
  fs::path tmp = fs::temp_directory_path() / ("beautyidx-crawl-bench-" + std::to_string(getpid()));
  fs::create_directories(tmp);

  std::string origin;
  Nginx nginx;
  std::unique_ptr<testing::StaticSite> builtin;
  if (server == "nginx") {
    int port = free_port();
    origin = "http://127.0.0.1:" + std::to_string(port);
    fs::path root = tmp / "site";
    write_file(root / "index.html", synthetic.home());
    write_file(root / "sitemap.xml", synthetic.sitemap(origin));
    for (size_t i = 0; i < pages; ++i) write_file(root / (synthetic.article_path(i).substr(1) + "index.html"), synthetic.article(i));
    if (port == 0 || !nginx.start(root, tmp / "nginx", port)) {
      std::fprintf(stderr, "crawl_bench: nginx did not start (see %s)\n", (tmp / "nginx").c_str());
      return 1;
    }
  } else {
    builtin = std::make_unique<testing::StaticSite>(tmp);
    builtin->on_prefix("/posts/", [&](const testing::HttpCall& call) {
      size_t i = std::strtoul(call.path.c_str() + 7, nullptr, 10);
      if (i >= pages) return testing::HttpReply{404, "text/html", "", {}};
      return testing::HttpReply{200, "text/html; charset=utf-8", synthetic.article(i), {}};
    });
    builtin->on("/", [&](const testing::HttpCall&) { return testing::HttpReply{200, "text/html", synthetic.home(), {}}; });
    builtin->on("/sitemap.xml", [&](const testing::HttpCall&) {
      return testing::HttpReply{200, "application/xml", synthetic.sitemap(origin), {}};
    });
    if (!builtin->start()) return 1;
    origin = builtin->origin();
  }

  // curl --parallel over the same URLs, output discarded.
  std::ofstream urls(tmp / "urls.txt");
  for (size_t i = 0; i < pages; ++i) urls << "url = \"" << origin << synthetic.article_path(i) << "\"\noutput = \"/dev/null\"\n";
  urls.close();
  // Run before and after the crawls: on a shared 2-core machine curl's rate alone drifts by a
  // fifth between runs minutes apart, and the crawls are compared with the two together.
  auto run_curl = [&] {
    auto started = std::chrono::steady_clock::now();
    std::string command = "curl --silent --no-progress-meter --compressed --parallel --parallel-max " +
                          std::to_string(transfers) + " --config " + (tmp / "urls.txt").string() + " 2>/dev/null";
    int rc = std::system(command.c_str());
    if (rc != 0) std::fprintf(stderr, "curl exited with %d\n", rc);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  double curl_seconds_before = run_curl();

  // The crawler's transfer layer alone over the same URLs: like for like with curl.
  double pool_seconds = 0;
  size_t pool_ok = 0;
  {
    crawler::FetcherOptions fetch_options;
    fetch_options.user_agent = "beautyidx-bench";
    fetch_options.address_policy = crawler::AddressPolicy(true);
    fetch_options.max_connections = transfers;
    crawler::TransferPool pool(fetch_options);
    auto start = std::chrono::steady_clock::now();
    size_t next = 0;
    while (next < pages || pool.active() > 0) {
      while (next < pages && pool.active() < transfers) {
        crawler::FetchRequest request{origin + synthetic.article_path(next), "", "", true, false};
        if (!pool.start(request, next)) return 1;
        ++next;
      }
      for (auto& done : pool.wait(std::chrono::milliseconds(100))) pool_ok += done.response && done.response->status == 200;
    }
    pool_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  auto extractor = extract::Extractor::load(BEAUTYIDX_DATA_DIR);
  if (!extractor) return 1;
  // Extraction threads beside each crawl's own thread: one per hardware thread.
  const size_t extract_threads = default_worker_threads();
  // One crawl of the site into a fresh database, politeness off as for curl: as many transfers
  // to the one host as curl runs in parallel. With `index`, the full pipeline; without, pages
  // are fetched, extracted and stored (raw pages, crawl state, frontier) but not indexed: the
  // crawler's own share of the work.
  struct Crawled {
    double seconds = 0;
    crawler::CrawlReport report;
  };
  class ExtractOnlySink : public crawler::PageSink {
   public:
    Status page(const ExtractedPage&, std::unique_ptr<crawler::PreparedPageWork>) override { return {}; }
    Status gone(const std::string&) override { return {}; }
    Status commit(bool) override { return {}; }
  };
  auto crawl = [&](const fs::path& db, bool index) -> Result<Crawled> {
    auto store = storage::Store::open(schema::records_dir(db));
    if (!store) return std::unexpected(store.error());
    std::unique_ptr<indexer::Indexer> idx;
    std::unique_ptr<crawler::PageSink> sink = std::make_unique<ExtractOnlySink>();
    if (index) {
      auto opened = indexer::Indexer::open(db, **store);
      if (!opened) return std::unexpected(opened.error());
      idx = std::move(*opened);
      sink = std::make_unique<pipeline::IndexingSink>(*idx);
    }
    crawler::CrawlOptions options;
    options.seeds = {origin + "/"};
    options.delay = std::chrono::milliseconds(0);
    options.max_pages = pages + 10;
    options.commit_every = commit_every;
    options.concurrency = transfers;
    options.per_host = transfers;
    options.extract_threads = extract_threads;
    crawler::Crawler crawler(**store, *extractor, options, *sink);
    auto started = std::chrono::steady_clock::now();
    auto report = crawler.run();
    if (!report) return std::unexpected(report.error());
    return Crawled{std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), *report};
  };
  auto full = crawl(tmp / "db", true);
  auto extract_only = full ? crawl(tmp / "db-extract-only", false) : full;
  double curl_seconds_after = run_curl();
  if (builtin) builtin->stop();
  fs::remove_all(tmp);
  if (!full || !extract_only) {
    std::fprintf(stderr, "crawl: %s\n", (!full ? full : extract_only).error().message.c_str());
    return 1;
  }
  double curl_rate = 2.0 * static_cast<double>(pages) / (curl_seconds_before + curl_seconds_after);
  double crawl_rate = full->report.fetched / full->seconds;
  double extract_rate = extract_only->report.fetched / extract_only->seconds;
  std::printf("synthetic site: %zu articles on loopback, served by %s; crawls extract on %zu threads\n", pages,
              server.c_str(), extract_threads);
  std::printf("curl --parallel (%zu), fetch only            %8.1f pages/s  (%.1f before the crawls, %.1f after)\n",
              transfers, curl_rate, pages / curl_seconds_before, pages / curl_seconds_after);
  double pool_rate = pool_ok / pool_seconds;
  std::printf("beautyidx transfers, fetch only             %8.1f pages/s  (%zu of %zu answered 200)  ratio %.2f\n", pool_rate,
              pool_ok, pages, pool_rate / curl_rate);
  std::printf("beautyidx crawl, fetch+extract+store        %8.1f pages/s  (%zu fetched, %zu articles; no search index)  ratio %.2f\n",
              extract_rate, extract_only->report.fetched, extract_only->report.articles, extract_rate / curl_rate);
  std::printf("beautyidx crawl, fetch+extract+store+index  %8.1f pages/s  (%zu fetched, %zu articles)  ratio %.2f\n",
              crawl_rate, full->report.fetched, full->report.articles, crawl_rate / curl_rate);
  return 0;
}
