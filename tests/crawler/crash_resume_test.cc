// A crawl killed with SIGKILL mid-way and run again resumes: every page ends up indexed once,
// and only the pages of the last uncommitted batch are fetched twice.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "../test_util.h"
#include "core/taxonomy.h"
#include "recommender/recommender.h"
#include "testing/static_site.h"

namespace beautyidx {
namespace {

constexpr int kPages = 40;
constexpr int kCommitEvery = 5;

pid_t start_crawl(const std::string& seed, const std::string& db) {
  pid_t pid = fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    std::string every = std::to_string(kCommitEvery);
    std::string data = test::data_dir().string();
    execl(BEAUTYIDX_BINARY, "beautyidx", "--data", data.c_str(), "crawl", seed.c_str(), "--db", db.c_str(), "--delay-ms",
          "0", "--commit-every", every.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(CrashResumeTest, KilledCrawlResumesWithoutLosingOrDuplicating) {
  test::TempDir site_dir, db;
  testing::StaticSite site(site_dir.path());
  // Forty articles listed on the home page and chained, each slow enough that the kill lands
  // mid-crawl.
  for (int i = 0; i < kPages; ++i) {
    std::string path = "/post-" + std::to_string(i) + "/";
    site.on(path, [i](const testing::HttpCall&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      std::string next = i + 1 < kPages ? "<a href=\"/post-" + std::to_string(i + 1) + "/\">next</a>" : "";
      std::string body = "<html><head><title>Resumable post " + std::to_string(i) +
                         "</title><meta property=\"og:type\" content=\"article\"></head><body><article><h1>Resumable post " +
                         std::to_string(i) + "</h1>";
      // Distinct text per post, so no two posts are near-duplicates of each other.
      static const char* kWords[] = {"cleanser", "barrier", "winter", "serum", "retinol", "sunscreen", "roller",
                                     "massage", "hydration", "ceramide", "peptide", "toner", "mask", "balm",
                                     "dermatologist", "esthetician", "routine", "texture", "glow", "calm"};
      unsigned state = 2654435761u * static_cast<unsigned>(i + 1);
      for (int p = 0; p < 4; ++p) {
        body += "<p>";
        for (int w = 0; w < 40; ++w) {
          state = state * 1103515245u + 12345u;
          body += std::string(kWords[(state >> 16) % 20]) + (w % 9 == 8 ? ". " : " ");
        }
        body += "cleansers.</p>";
      }
      body += next + "</article></body></html>";
      return testing::HttpReply{200, "text/html; charset=utf-8", body, {}};
    });
  }
  site.on("/", [](const testing::HttpCall&) {
    std::string index = "<html><body><ul>";
    for (int i = 0; i < kPages; ++i) {
      index += "<li><a href=\"/post-" + std::to_string(i) + "/\">post " + std::to_string(i) + "</a></li>";
    }
    return testing::HttpReply{200, "text/html", index + "</ul></body></html>", {}};
  });
  ASSERT_TRUE(site.start());
  std::string seed = site.origin() + "/";

  pid_t first = start_crawl(seed, db.path().string());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (site.requests() < 20 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(kill(first, SIGKILL), 0);
  int killed = wait_for(first);
  ASSERT_TRUE(WIFSIGNALED(killed)) << "the crawl ended before it could be killed, exit " << WEXITSTATUS(killed);

  pid_t second = start_crawl(seed, db.path().string());
  int finished = wait_for(second);
  ASSERT_TRUE(WIFEXITED(finished));
  ASSERT_EQ(WEXITSTATUS(finished), 0);

  // Nothing lost: every post was fetched; little fetched twice: at most the uncommitted batch
  // (and the page in flight) when the kill came.
  int refetched = 0;
  for (int i = 0; i < kPages; ++i) {
    size_t n = site.requests_for("/post-" + std::to_string(i) + "/");
    EXPECT_GE(n, 1u) << "post " << i << " was never fetched";
    refetched += static_cast<int>(n) - 1;
  }
  EXPECT_LE(refetched, kCommitEvery + 1);

  // Nothing duplicated: each post is one article in both databases.
  auto taxonomy = Taxonomy::load(test::data_dir() / "taxonomy.json");
  ASSERT_TRUE(taxonomy);
  auto reader = recommender::Recommender::open(db.path(), std::move(*taxonomy));
  ASSERT_TRUE(reader) << reader.error().message;
  auto counts = (*reader)->counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->articles, static_cast<size_t>(kPages));
  auto hits = (*reader)->search({"resumable post cleansers", 50});
  ASSERT_TRUE(hits);
  std::set<std::string> urls;
  for (const auto& hit : hits->articles) urls.insert(hit.article.url);
  EXPECT_EQ(hits->articles.size(), static_cast<size_t>(kPages));
  EXPECT_EQ(urls.size(), hits->articles.size()) << "an article is indexed twice";
}

}  // namespace
}  // namespace beautyidx
