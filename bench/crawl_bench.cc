// Crawl throughput on loopback, beside plain curl, in one run:
//
//   crawl_bench [--pages N] [--build-dir DIR]
//
// Serves a synthetic site of N articles (default 2000) on a loopback port; fetches the same
// URL list with `curl --parallel --compressed` (no processing: the HTTP ceiling here; both ask
// for compression, as the crawler does on the open web); then crawls it with
// beautyidx (politeness off: no delay) into a temp database, extraction and indexing included.
// Prints pages/s for both and the ratio.
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "bench/synthetic_site.h"
#include "crawler/crawler.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "pipeline/indexing_sink.h"
#include "testing/static_site.h"

using namespace beautyidx;

namespace {

using pipeline::IndexingSink;

}  // namespace

int main(int argc, char** argv) {
  size_t pages = 2000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--pages")) pages = std::strtoul(argv[++i], nullptr, 10);
  }
  bench::SyntheticSite synthetic(pages);
  std::filesystem::path tmp = std::filesystem::temp_directory_path() / ("beautyidx-crawl-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(tmp);
  testing::StaticSite site(tmp);
  site.on_prefix("/posts/", [&](const testing::HttpCall& call) {
    size_t i = std::strtoul(call.path.c_str() + 7, nullptr, 10);
    if (i >= pages) return testing::HttpReply{404, "text/html", "", {}};
    return testing::HttpReply{200, "text/html; charset=utf-8", synthetic.article(i), {}};
  });
  site.on("/", [&](const testing::HttpCall&) { return testing::HttpReply{200, "text/html", synthetic.home(), {}}; });
  std::string origin_holder;
  site.on("/sitemap.xml", [&](const testing::HttpCall&) {
    return testing::HttpReply{200, "application/xml", synthetic.sitemap(origin_holder), {}};
  });
  if (!site.start()) return 1;
  origin_holder = site.origin();

  // curl --parallel over the same URLs, output discarded.
  std::ofstream urls(tmp / "urls.txt");
  for (size_t i = 0; i < pages; ++i) urls << "url = \"" << site.origin() << synthetic.article_path(i) << "\"\noutput = \"/dev/null\"\n";
  urls.close();
  auto start = std::chrono::steady_clock::now();
  std::string command = "curl --silent --no-progress-meter --compressed --parallel --parallel-max 16 --config " + (tmp / "urls.txt").string() + " 2>/dev/null";
  int rc = std::system(command.c_str());
  double curl_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (rc != 0) std::fprintf(stderr, "curl exited with %d\n", rc);

  auto extractor = extract::Extractor::load(BEAUTYIDX_DATA_DIR);
  if (!extractor) return 1;
  auto store = storage::Store::open(schema::records_dir(tmp / "db"));
  if (!store) return 1;
  auto idx = indexer::Indexer::open(tmp / "db", **store);
  if (!idx) return 1;
  IndexingSink sink(**idx);
  crawler::CrawlOptions options;
  options.seeds = {site.origin() + "/"};
  options.delay = std::chrono::milliseconds(0);
  options.max_pages = pages + 10;
  options.commit_every = 200;
  crawler::Crawler crawler(**store, *extractor, options, sink);
  start = std::chrono::steady_clock::now();
  auto report = crawler.run();
  double crawl_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  site.stop();
  std::filesystem::remove_all(tmp);
  if (!report) {
    std::fprintf(stderr, "crawl: %s\n", report.error().message.c_str());
    return 1;
  }
  double curl_rate = pages / curl_seconds, crawl_rate = report->fetched / crawl_seconds;
  std::printf("synthetic site: %zu articles on loopback\n", pages);
  std::printf("curl --parallel (16), fetch only        %8.1f pages/s\n", curl_rate);
  std::printf("beautyidx crawl, fetch+extract+index    %8.1f pages/s  (%zu fetched, %zu articles)\n", crawl_rate,
              report->fetched, report->articles);
  std::printf("ratio                                   %8.2f\n", crawl_rate / curl_rate);
  return 0;
}
