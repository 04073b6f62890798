// Build and query throughput at scale, beside raw Xapian on the same database, in one run:
//
//   scale_bench [--articles N] [--queries-per N] [--workers N] [--dir DIR] [--keep]
//
// 1. Build: renders N synthetic articles (default 100000), extracts them and prepares their
//    search documents (indexer::prepare_page) on a pool of worker threads (hardware threads - 1
//    by default) and indexes them from the main thread (the Indexer is single-writer), with a
//    checkpoint every 1000 and a commit at the end. Reports articles/s, where the indexing
//    thread spent its time, the workers' time, and the record counts.
// 1b. Raw Xapian floor for the build: the first 20,000 articles' documents (article and quote
//    documents copied from the built index) added to a fresh database by Xapian alone.
// 1c. Related lists: precomputed (pipeline::refresh_related) as after a crawl, for every article
//    up to 20,000 of them, else for 5,000 (--related-lists N); related() is timed on those.
// 2. Query latency on the built database: ~30 realistic questions through
//    Recommender::recommend and ::search (--queries-per rounds each, default 70, after one
//    untimed warm-up round), and related() for 2000 random article URLs.
// 3. Raw Xapian floor: for each question, the query recommend() would run (taxonomy terms,
//    product type, currency, price range from recommender::interpret_query; not its free-text
//    part) run with the Xapian API directly, top 10 with their data, and again 5000 deep as
//    recommend() fetches; and the `quest` tool as a process (price range not expressible).
// 4. Serving memory: the same binary re-run as `--serve-only DIR` (a fresh process that only
//    opens the Recommender and runs the query workload) reports its peak RSS.
//
// Latencies are wall time; each is also given as the calling thread's CPU time, which other
// load on a shared machine does not inflate. The database goes to a temp folder (or --dir DIR,
// which must be absent or empty), removed at the end unless --keep. A progress line goes to
// stderr every 5000 articles.
//
// This program includes Xapian directly (only the indexer and recommender do otherwise): the
// raw-Xapian floor is the peer it is measured beside.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bench/synthetic_site.h"
#include "core/taxonomy.h"
#include "core/ordered_workers.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "pipeline/related_refresh.h"
#include "recommender/query.h"
#include "recommender/recommender.h"
#include "storage/store.h"

extern char** environ;

using namespace beautyidx;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kOrigin = "https://synthetic.example";
constexpr size_t kCommitEvery = 1000;
constexpr size_t kProgressEvery = 5000;
constexpr size_t kRelatedCalls = 2000;
constexpr size_t kQuestRuns = 20;
constexpr const char* kQuest = "/usr/bin/quest";

// Questions a reader of a beauty blog asks: budgets, concerns, techniques, expert types.
const std::vector<std::string> kQuestions = {
    "de-puffing under $50",
    "microcurrent under $300",
    "what do dermatologists say about gua sha",
    "retinol serum under 30 bucks",
    "gua sha for puffiness under $40",
    "best jade roller for puffy eyes",
    "ice roller under $20",
    "led light therapy for acne under $100",
    "cheap tools for fine lines",
    "lymphatic drainage tools under $60",
    "facial massage for dull skin",
    "what do estheticians recommend for redness",
    "dark spots serum under $35",
    "chemical exfoliation for enlarged pores",
    "affordable moisturizer for dry skin",
    "splurge microcurrent device for sagging",
    "derm recommended products for breakouts under $25",
    "gua sha between $20 and $60",
    "frizz under $30",
    "double cleansing for oily skin",
    "sheet masks for dryness under 15 dollars",
    "what do plastic surgeons say about microcurrent",
    "anti-aging eye serum under $50",
    "facial exercises for jowls",
    "red light therapy mask over $100",
    "cosmetic chemist picks for hyperpigmentation",
    "best toning device under $250",
    "lymphatic massage for puffiness",
    "salicylic acid for blackheads under $20",
    "rose quartz roller under $45",
};
// The questions also timed with `quest`, by index into kQuestions.
constexpr size_t kQuestQuestions[] = {0, 1, 4};

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }
double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// CPU time of the calling thread: what a call cost, whatever else the machine is running.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Wall and thread-CPU milliseconds of the calls timed with it.
struct Timings {
  std::vector<double> wall, cpu;
  template <typename F>
  auto time(F&& call) {
    auto t0 = Clock::now();
    double c0 = thread_cpu_seconds();
    auto result = call();
    cpu.push_back(1e3 * (thread_cpu_seconds() - c0));
    wall.push_back(ms_since(t0));
    return result;
  }
};

struct Percentiles {
  double p50 = 0, p99 = 0;
  size_t n = 0;
};

// Nearest-rank percentiles.
Percentiles percentiles(std::vector<double> samples) {
  Percentiles out;
  out.n = samples.size();
  if (samples.empty()) return out;
  std::sort(samples.begin(), samples.end());
  auto at = [&](double p) {
    size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(samples.size())));
    return samples[std::clamp<size_t>(rank, 1, samples.size()) - 1];
  };
  out.p50 = at(0.50);
  out.p99 = at(0.99);
  return out;
}

double median(std::vector<double> samples) { return percentiles(std::move(samples)).p50; }

double cpu_seconds(const timeval& user, const timeval& system) {
  return static_cast<double>(user.tv_sec + system.tv_sec) + static_cast<double>(user.tv_usec + system.tv_usec) / 1e6;
}

// The peak resident set of this process's memory (VmHWM), in KiB. Not getrusage's ru_maxrss:
// Linux keeps that across execve, so the serving child spawned from this process reported the
// build's 2.2 GiB as its own.
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::atol(line.c_str() + 6);
  }
  return -1;
}

// What `du` would say: allocated blocks, not apparent sizes.
uintmax_t disk_usage(const fs::path& dir) {
  uintmax_t bytes = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    struct stat st {};
    if (lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode)) bytes += static_cast<uintmax_t>(st.st_blocks) * 512;
  }
  return bytes;
}

// A small deterministic generator for the related() sample.
class Lcg {
 public:
  explicit Lcg(unsigned long long seed) : state_(seed) {}
  size_t below(size_t n) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state_ >> 33) % n);
  }

 private:
  unsigned long long state_;
};

// ---- Build ------------------------------------------------------------------------------

struct BuildReport {
  size_t workers = 0;
  double wall = 0;
  // The indexing thread: waiting for extracted pages, in index_page, in commit (wall seconds;
  // _cpu: that thread's CPU seconds, which other load on the machine does not inflate).
  double waiting = 0, indexing = 0, committing = 0, indexing_cpu = 0, committing_cpu = 0;
  // The workers, summed over threads: rendering the synthetic HTML, extracting it.
  double generating = 0, extracting = 0, extracting_cpu = 0;
  double cpu = 0;  // process CPU seconds (user + system)
  size_t html_bytes = 0;
  indexer::IndexStats stats;
  size_t articles = 0, quotes = 0, products = 0, offers = 0, experts = 0;
};

Result<BuildReport> build(const fs::path& dir, size_t articles, size_t workers) {
  auto extractor = extract::Extractor::load(BEAUTYIDX_DATA_DIR);
  if (!extractor) return std::unexpected(extractor.error());
  auto store = storage::Store::open(schema::records_dir(dir));
  if (!store) return std::unexpected(store.error());
  auto index = indexer::Indexer::open(dir, **store);
  if (!index) return std::unexpected(index.error());

  BuildReport report;
  report.workers = workers;
  bench::SyntheticSite site(articles);
  // One article rendered, extracted and prepared for the index on a worker; handed to this
  // (the indexing) thread in article order, so the database is the same whatever the timing.
  struct Built {
    indexer::PreparedPage page;
    double generating = 0, extracting = 0, extracting_cpu = 0;
    size_t bytes = 0;
  };
  auto render_and_prepare = [&](size_t& i) {
    auto t0 = Clock::now();
    std::string html = site.article(i);
    auto t1 = Clock::now();
    double c1 = thread_cpu_seconds();
    indexer::PreparedPage page = indexer::prepare_page(extractor->extract({html, kOrigin + site.article_path(i), "text/html"}));
    return Built{std::move(page), std::chrono::duration<double>(t1 - t0).count(), seconds_since(t1),
                 thread_cpu_seconds() - c1, html.size()};
  };
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  auto started = Clock::now();
  OrderedWorkers<size_t, Built> pool(workers, render_and_prepare, std::max<size_t>(64, 16 * workers));
  size_t submitted = 0;
  for (size_t i = 0; i < articles; ++i) {
    auto t0 = Clock::now();
    std::optional<Built> built;
    while (!built && submitted < articles) built = pool.submit(submitted++);
    if (!built) built = pool.take();
    auto t1 = Clock::now();
    report.waiting += std::chrono::duration<double>(t1 - t0).count();
    report.generating += built->generating;
    report.extracting += built->extracting;
    report.extracting_cpu += built->extracting_cpu;
    report.html_bytes += built->bytes;
    double c1 = thread_cpu_seconds();
    if (auto s = (*index)->index_prepared(std::move(built->page)); !s) {
      return std::unexpected(s.error().with_context("index article " + std::to_string(i)));
    }
    report.indexing_cpu += thread_cpu_seconds() - c1;
    report.indexing += seconds_since(t1);
    if ((i + 1) % kCommitEvery == 0 || i + 1 == articles) {
      auto t2 = Clock::now();
      double c2 = thread_cpu_seconds();
      // The last commit rebuilds every catalog entry still due; the others when it is time.
      if (auto s = i + 1 == articles ? (*index)->commit() : (*index)->checkpoint(); !s) return std::unexpected(s.error());
      report.committing_cpu += thread_cpu_seconds() - c2;
      report.committing += seconds_since(t2);
    }
    if ((i + 1) % kProgressEvery == 0 || i + 1 == articles) {
      double elapsed = seconds_since(started);
      std::fprintf(stderr,
                   "scale_bench: %zu/%zu articles  %.0f articles/s  %.1f s  (indexer: waiting %.1f s, index_page %.1f s, "
                   "commit %.1f s)\n",
                   i + 1, articles, static_cast<double>(i + 1) / elapsed, elapsed, report.waiting, report.indexing,
                   report.committing);
    }
  }
  report.wall = seconds_since(started);
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  report.cpu = cpu_seconds(after.ru_utime, after.ru_stime) - cpu_seconds(before.ru_utime, before.ru_stime);
  // As crawl and ingest do at their end: a reader opening the database starts from table files
  // rather than replaying the log into memory (which the serving RSS below would count).
  if (auto s = (*store)->flush(); !s) return std::unexpected(s.error());
  report.stats = (*index)->stats();
  struct Count {
    storage::Family family;
    size_t* out;
  };
  for (Count c : {Count{storage::Family::kArticles, &report.articles}, Count{storage::Family::kQuotes, &report.quotes},
                  Count{storage::Family::kProducts, &report.products}, Count{storage::Family::kOffers, &report.offers},
                  Count{storage::Family::kExperts, &report.experts}}) {
    auto n = (*store)->count(c.family);
    if (!n) return std::unexpected(n.error());
    *c.out = *n;
  }
  return report;
}

// ---- Query workload (run by this process after the build, and by the --serve-only child) --

struct WorkloadReport {
  std::vector<std::vector<double>> recommend_by_question;  // ms
  std::vector<size_t> picks;                               // per question, from the warm-up
  Timings recommend, search, related;                      // every call
  size_t related_with_results = 0;
  size_t errors = 0;
  std::string first_error;
};

// The articles related() is timed on: those with a precomputed list (what serving reads), or,
// when none has one, any article.
std::vector<std::string> related_sample(const fs::path& dir, size_t articles) {
  std::vector<std::string> urls;
  storage::StoreOptions options;
  options.read_only = true;
  if (auto store = storage::Store::open(schema::records_dir(dir), options)) {
    (void)(*store)->scan(storage::Family::kRelated, "a/", [&](std::string_view, std::string_view value) {
      if (auto list = recommender::parse_stored_related(value)) urls.push_back(list->article.url);
      return true;
    });
  }
  Lcg dice(20250101);
  bench::SyntheticSite site(articles);
  std::vector<std::string> sample;
  for (size_t n = 0; n < kRelatedCalls; ++n) {
    sample.push_back(urls.empty() ? kOrigin + site.article_path(dice.below(articles)) : urls[dice.below(urls.size())]);
  }
  return sample;
}

WorkloadReport run_workload(const recommender::Recommender& rec, const fs::path& dir, size_t articles, size_t rounds) {
  WorkloadReport out;
  out.recommend_by_question.resize(kQuestions.size());
  auto note_error = [&](const Error& e) {
    if (out.errors++ == 0) out.first_error = e.message;
  };
  // One untimed round: first-touch costs (page cache, Xapian's block cache) are not latency.
  for (const auto& question : kQuestions) {
    auto r = rec.recommend({question});
    out.picks.push_back(r ? r->results.size() : 0);
    if (!r) note_error(r.error());
    if (auto s = rec.search({question}); !s) note_error(s.error());
  }
  for (size_t round = 0; round < rounds; ++round) {
    for (size_t q = 0; q < kQuestions.size(); ++q) {
      // Uncached: the same questions repeat here, and the answer cache would measure itself.
      auto r = out.recommend.time([&] { return rec.recommend_uncached({kQuestions[q]}); });
      if (!r) note_error(r.error());
      out.recommend_by_question[q].push_back(out.recommend.wall.back());
    }
  }
  for (size_t round = 0; round < rounds; ++round) {
    for (const auto& question : kQuestions) {
      auto r = out.search.time([&] { return rec.search({question}); });
      if (!r) note_error(r.error());
    }
  }
  for (const std::string& url : related_sample(dir, articles)) {
    recommender::RelatedRequest request;
    request.url = url;
    auto r = out.related.time([&] { return rec.related(request); });
    if (!r) note_error(r.error());
    else if (!r->related.empty()) ++out.related_with_results;
  }
  return out;
}

Result<Taxonomy> load_taxonomy() { return Taxonomy::load(fs::path(BEAUTYIDX_DATA_DIR) / "taxonomy.json"); }

// The child process of part 4: opens the database, runs the workload, reports its peak RSS.
int serve_only(const fs::path& dir, size_t articles, size_t rounds) {
  auto taxonomy = load_taxonomy();
  if (!taxonomy) {
    std::fprintf(stderr, "scale_bench --serve-only: %s\n", taxonomy.error().message.c_str());
    return 1;
  }
  auto rec = recommender::Recommender::open(dir, std::move(*taxonomy));
  if (!rec) {
    std::fprintf(stderr, "scale_bench --serve-only: %s\n", rec.error().message.c_str());
    return 1;
  }
  long after_open = peak_rss_kib();
  WorkloadReport w = run_workload(**rec, dir, articles, rounds);
  auto r = percentiles(w.recommend.wall), s = percentiles(w.search.wall), l = percentiles(w.related.wall);
  // Thread CPU beside wall time: on a shared machine a fresh process's wall times swing from
  // run to run with its neighbours' load, its CPU times much less.
  auto r_cpu = percentiles(w.recommend.cpu);
  std::printf("peak_rss_kib=%ld after_open_kib=%ld recommend_p50=%.3f recommend_p99=%.3f recommend_cpu_p50=%.3f "
              "recommend_cpu_p99=%.3f search_p50=%.3f search_p99=%.3f related_p50=%.3f related_p99=%.3f errors=%zu\n",
              peak_rss_kib(), after_open, r.p50, r.p99, r_cpu.p50, r_cpu.p99, s.p50, s.p99, l.p50, l.p99, w.errors);
  return w.errors == 0 ? 0 : 1;
}

// ---- Raw Xapian ---------------------------------------------------------------------------

// The query recommend() runs for `q`, less its free-text part: the concern and technique terms,
// filtered to catalog entries (one per product) in the budget's currency and price range.
Xapian::Query raw_recommend_query(const recommender::QueryInterpretation& q) {
  std::vector<Xapian::Query> topics;
  for (const auto& c : q.concerns) topics.emplace_back(schema::boolean_term(schema::kConcernTerm, c));
  for (const auto& t : q.techniques) topics.emplace_back(schema::boolean_term(schema::kTechniqueTerm, t));
  if (topics.empty()) return Xapian::Query();
  Xapian::Query filter(std::string(schema::kTypeTerm) + std::string(schema::kCatalogType));
  if (q.budget) {
    const int slot = schema::catalog_min_price_slot(q.budget->currency);
    if (slot < 0) return Xapian::Query();
    filter = Xapian::Query(Xapian::Query::OP_AND, filter, Xapian::Query(std::string(schema::kCurrencyTerm) + q.budget->currency));
    if (q.budget->max) {
      filter = Xapian::Query(Xapian::Query::OP_AND, filter,
                             Xapian::Query(Xapian::Query::OP_VALUE_LE, static_cast<Xapian::valueno>(slot),
                                           Xapian::sortable_serialise(*q.budget->max)));
    }
    if (q.budget->min) {
      filter = Xapian::Query(Xapian::Query::OP_AND, filter,
                             Xapian::Query(Xapian::Query::OP_VALUE_GE, static_cast<Xapian::valueno>(slot),
                                           Xapian::sortable_serialise(*q.budget->min)));
    }
  }
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, topics.begin(), topics.end()),
                       filter);
}

struct RawReport {
  // get_mset(0, 10) with data; get_mset(0, 5000) reading each match's features value and the
  // data of the first 10, as recommend() does.
  Timings top10, deep;
  std::vector<std::vector<double>> top10_by_question;
  std::vector<Xapian::doccount> matches;           // per question (exact), 0 when not expressible
  std::vector<double> interpret;                   // ms per interpret_query call
  size_t skipped = 0;                              // questions with no concern or technique
};

Result<RawReport> run_raw(const fs::path& dir, const Taxonomy& taxonomy, size_t rounds) {
  RawReport out;
  out.top10_by_question.resize(kQuestions.size());
  try {
    Xapian::Database db(schema::xapian_dir(dir).string());
    std::vector<recommender::QueryInterpretation> interpreted;
    for (const auto& question : kQuestions) interpreted.push_back(recommender::interpret_query(question, taxonomy));
    // Returns the bytes of data read, so the reads cannot be optimised away.
    auto run = [&](const recommender::QueryInterpretation& q, Xapian::doccount depth) {
      Xapian::Enquire enquire(db);
      enquire.set_query(raw_recommend_query(q));
      Xapian::MSet mset = enquire.get_mset(0, depth);
      size_t bytes = 0, read = 0;
      for (auto it = mset.begin(); it != mset.end(); ++it, ++read) {
        Xapian::Document doc = it.get_document();
        if (depth > 10) bytes += doc.get_value(schema::kFeaturesSlot).size();
        if (read < 10) bytes += doc.get_data().size();
      }
      return bytes;
    };
    size_t bytes = 0;
    for (const auto& q : interpreted) {  // untimed warm-up, as for the recommender; exact counts
      Xapian::doccount matches = 0;
      if (Xapian::Query query = raw_recommend_query(q); !query.empty()) {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        matches = enquire.get_mset(0, 10, db.get_doccount()).get_matches_estimated();
        bytes += run(q, 10);
      } else {
        ++out.skipped;
      }
      out.matches.push_back(matches);
    }
    for (size_t round = 0; round < rounds; ++round) {
      for (size_t i = 0; i < kQuestions.size(); ++i) {
        if (raw_recommend_query(interpreted[i]).empty()) continue;
        bytes += out.top10.time([&] { return run(interpreted[i], 10); });
        out.top10_by_question[i].push_back(out.top10.wall.back());
        bytes += out.deep.time([&] { return run(interpreted[i], 5000); });
      }
    }
    if (bytes == 0) return make_error(ErrorKind::kInternal, "raw xapian: no document data read");
    for (size_t round = 0; round < rounds; ++round) {
      for (const auto& question : kQuestions) {
        auto t0 = Clock::now();
        auto q = recommender::interpret_query(question, taxonomy);
        out.interpret.push_back(ms_since(t0));
        if (q.text.empty()) std::abort();
      }
    }
  } catch (const Xapian::Error& e) {
    return make_error(ErrorKind::kIo, "raw xapian: " + e.get_description());
  }
  return out;
}

// Runs `argv` to completion; its stdout is read into `output` (when given) or discarded.
// Returns the wall time in ms, or nothing when it could not start or failed.
std::optional<double> run_process(const std::vector<std::string>& args, std::string* output) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  auto t0 = Clock::now();
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    return std::nullopt;
  }
  char buffer[65536];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (output) output->append(buffer, static_cast<size_t>(n));
  }
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  double ms = ms_since(t0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return ms;
}

struct QuestReport {
  std::string question, query;
  double median_ms = 0;
  std::string parsed, matches;  // quest's own lines, to show what it ran
};

// `quest` has no value-range syntax, so the price range cannot be said; the currency term is
// left out too (quest's parser writes an uppercase value as "XM:USD", not "XMUSD"), which
// changes nothing here: every synthetic price is in dollars.
std::vector<QuestReport> run_quest(const fs::path& dir, const Taxonomy& taxonomy) {
  std::vector<QuestReport> out;
  for (size_t index : kQuestQuestions) {
    auto q = recommender::interpret_query(kQuestions[index], taxonomy);
    QuestReport report;
    report.question = kQuestions[index];
    report.query = "type:catalog";
    for (const auto& c : q.concerns) report.query += " topic:\"" + c + "\"";
    for (const auto& t : q.techniques) report.query += " topic:\"" + t + "\"";
    std::vector<std::string> args = {kQuest, "-d", schema::xapian_dir(dir).string(), "-m", "10",
                                      "-b", "type:" + std::string(schema::kTypeTerm),
                                      "-b", "topic:" + std::string(schema::kConcernTerm),
                                      "-b", "topic:" + std::string(schema::kTechniqueTerm), report.query};
    std::vector<double> times;
    for (size_t run = 0; run < kQuestRuns; ++run) {
      std::string output;
      auto ms = run_process(args, &output);
      if (!ms) break;
      times.push_back(*ms);
      if (run == 0) {
        size_t start = 0;
        while (start < output.size()) {
          size_t end = output.find('\n', start);
          if (end == std::string::npos) end = output.size();
          std::string line = output.substr(start, end - start);
          if (line.starts_with("Parsed Query:")) report.parsed = line;
          if (line.find("matches") != std::string::npos && report.matches.empty()) report.matches = line;
          start = end + 1;
        }
      }
    }
    report.median_ms = times.size() == kQuestRuns ? median(times) : -1;
    out.push_back(std::move(report));
  }
  return out;
}

// ---- Report -------------------------------------------------------------------------------

std::string budget_text(const recommender::QueryInterpretation& q) {
  if (!q.budget) return "-";
  char buffer[64];
  if (q.budget->min && q.budget->max) std::snprintf(buffer, sizeof buffer, "%g-%g", *q.budget->min, *q.budget->max);
  else if (q.budget->max) std::snprintf(buffer, sizeof buffer, "<=%g", *q.budget->max);
  else if (q.budget->min) std::snprintf(buffer, sizeof buffer, ">=%g", *q.budget->min);
  else return "-";
  return buffer;
}

std::string topics_text(const recommender::QueryInterpretation& q) {
  std::string out;
  for (const auto& c : q.concerns) out += (out.empty() ? "" : ", ") + c;
  for (const auto& t : q.techniques) out += (out.empty() ? "" : ", ") + t;
  return out.empty() ? "-" : out;
}

std::string fixed(double value, const char* format = "%.3f") {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

void row(const std::string& metric, const std::string& ours, const std::string& raw, const std::string& target) {
  std::printf("%-44s | %-14s | %-14s | %s\n", metric.c_str(), ours.c_str(), raw.c_str(), target.c_str());
}

// ---- Raw Xapian build floor -----------------------------------------------------------------

// Xapian alone indexing the same documents: up to `articles` articles' documents (each article
// with its quote documents, in the built database's order; catalog entries left out) are copied
// into memory, then added to a fresh database in a temp folder, committing every kCommitEvery
// articles as the build does. What beautyidx's build does on top of it: extraction, RocksDB
// records, tallies, catalog entries.
struct RawBuild {
  size_t articles = 0, documents = 0;
  double seconds = 0, cpu_seconds = 0;  // adding and committing (wall, this thread's CPU)
};

Result<RawBuild> raw_xapian_build(const fs::path& built, size_t articles) {
  RawBuild out;
  fs::path target = built.parent_path() / (built.filename().string() + "-raw-xapian");
  try {
    Xapian::Database source(schema::xapian_dir(built).string());
    const std::string article_type = std::string(schema::kTypeTerm) + "article";
    const std::string catalog_type = std::string(schema::kTypeTerm) + std::string(schema::kCatalogType);
    // Both type terms are looked up with one forward pass over the sorted termlist.
    static_assert(std::string_view("article") < schema::kCatalogType);
    std::vector<std::pair<Xapian::Document, bool>> documents;  // the copy, and whether it is an article
    for (Xapian::docid id = 1; id <= source.get_lastdocid(); ++id) {
      Xapian::Document doc;
      try {
        doc = source.get_document(id);
      } catch (const Xapian::DocNotFoundError&) {
        continue;
      }
      // What the document is, before anything of it is copied: catalog entries are left out.
      auto type = doc.termlist_begin();
      type.skip_to(article_type);
      const bool is_article = type != doc.termlist_end() && *type == article_type;
      type.skip_to(catalog_type);
      if (type != doc.termlist_end() && *type == catalog_type) continue;
      if (is_article && out.articles == articles) break;
      Xapian::Document copy;
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) copy.add_term(*t, t.get_wdf());
      for (auto v = doc.values_begin(); v != doc.values_end(); ++v) copy.add_value(v.get_valueno(), *v);
      copy.set_data(doc.get_data());
      documents.emplace_back(std::move(copy), is_article);
      out.articles += is_article;
    }
    out.documents = documents.size();
    fs::remove_all(target);
    Xapian::WritableDatabase db(target.string(), Xapian::DB_CREATE);
    auto started = Clock::now();
    double cpu = thread_cpu_seconds();
    size_t added = 0;
    for (auto& [doc, is_article] : documents) {
      db.add_document(doc);
      if (is_article && ++added % kCommitEvery == 0) db.commit();
    }
    db.commit();
    out.seconds = seconds_since(started);
    out.cpu_seconds = thread_cpu_seconds() - cpu;
  } catch (const Xapian::Error& e) {
    fs::remove_all(target);
    return make_error(ErrorKind::kInternal, "raw xapian build: " + e.get_description());
  }
  fs::remove_all(target);
  return out;
}

struct Options {
  size_t articles = 100000;
  size_t rounds = 70;  // 30 questions x 70 = 2100 timed recommend calls
  size_t workers = std::max(2u, std::thread::hardware_concurrency()) - 1;
  fs::path dir;
  bool keep = false;
  fs::path serve_only;
  // Related lists precomputed after the build (1b); the rest stay due. Every list costs one
  // related computation, so at 100,000 articles the default computes a sample.
  size_t related_lists = SIZE_MAX;
};

int usage() {
  std::fprintf(stderr, "usage: scale_bench [--articles N] [--queries-per N] [--workers N] [--related-lists N] [--dir DIR] [--keep]\n"
                       "       scale_bench --serve-only DIR [--articles N] [--queries-per N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--articles" && has_value) options.articles = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--queries-per" && has_value) options.rounds = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--related-lists" && has_value) options.related_lists = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--workers" && has_value) options.workers = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--dir" && has_value) options.dir = argv[++i];
    else if (arg == "--serve-only" && has_value) options.serve_only = argv[++i];
    else if (arg == "--keep") options.keep = true;
    else return usage();
  }
  if (options.articles == 0 || options.rounds == 0 || options.workers == 0) return usage();
  if (options.related_lists == SIZE_MAX && options.articles > 20000) options.related_lists = 5000;
  if (!options.serve_only.empty()) return serve_only(options.serve_only, options.articles, options.rounds);

  if (options.dir.empty()) options.dir = fs::temp_directory_path() / ("beautyidx-scale-bench-" + std::to_string(getpid()));
  std::error_code ec;
  if (fs::exists(options.dir) && !fs::is_empty(options.dir, ec)) {
    std::fprintf(stderr, "scale_bench: %s is not empty; the build needs a fresh database\n", options.dir.c_str());
    return 2;
  }
  fs::create_directories(options.dir);
  auto cleanup = [&] {
    if (!options.keep) fs::remove_all(options.dir, ec);
  };

  // 1. Build.
  auto built = build(options.dir, options.articles, options.workers);
  if (!built) {
    std::fprintf(stderr, "scale_bench: build: %s\n", built.error().message.c_str());
    cleanup();
    return 1;
  }
  const BuildReport& b = *built;
  double build_rate = static_cast<double>(options.articles) / b.wall;
  uintmax_t db_bytes = disk_usage(options.dir);
  std::printf("scale_bench: N = %zu synthetic articles, %u hardware threads, %zu extraction workers + 1 indexing thread\n",
              options.articles, std::thread::hardware_concurrency(), b.workers);
  std::printf("database %s: %.1f MiB on disk (records %.1f MiB, xapian %.1f MiB)\n\n", options.dir.c_str(),
              static_cast<double>(db_bytes) / 1048576.0,
              static_cast<double>(disk_usage(schema::records_dir(options.dir))) / 1048576.0,
              static_cast<double>(disk_usage(schema::xapian_dir(options.dir))) / 1048576.0);
  std::printf("1. build: %.1f s wall, %.1f articles/s, %.1f MB of HTML, %.1f CPU s (%.2f cores busy)\n", b.wall, build_rate,
              static_cast<double>(b.html_bytes) / 1e6, b.cpu, b.cpu / b.wall);
  std::printf("   indexing thread, wall: waiting for workers %.1f s  index_prepared %.1f s  commit %.1f s (every %zu)\n",
              b.waiting, b.indexing, b.committing, kCommitEvery);
  std::printf("   indexing thread, CPU:                            index_prepared %.1f s  commit %.1f s\n",
              b.indexing_cpu, b.committing_cpu);
  std::printf("   workers, summed: render HTML %.1f s wall  extract + prepare %.1f s wall, %.1f s CPU\n", b.generating,
              b.extracting, b.extracting_cpu);
  double n = static_cast<double>(options.articles);
  std::printf("   per article, CPU ms: extract + prepare %.3f  index_prepared %.3f  commit %.3f  -> single-thread ceilings: workers %.0f/s, "
              "index %.0f/s\n",
              1e3 * b.extracting_cpu / n, 1e3 * b.indexing_cpu / n, 1e3 * b.committing_cpu / n, n / b.extracting_cpu,
              n / (b.indexing_cpu + b.committing_cpu));
  std::printf("   indexer stats: %zu articles, %zu quotes, %zu products, %zu near-duplicates\n", b.stats.articles,
              b.stats.quotes, b.stats.products, b.stats.duplicates);
  std::printf("   records (Store::count): articles %zu  quotes %zu  products %zu  offers %zu  experts %zu\n\n", b.articles,
              b.quotes, b.products, b.offers, b.experts);
  std::fflush(stdout);

  // 1b. The same documents through Xapian alone.
  auto raw_build = raw_xapian_build(options.dir, std::min<size_t>(options.articles, 20000));
  if (!raw_build) {
    std::fprintf(stderr, "scale_bench: %s\n", raw_build.error().message.c_str());
    cleanup();
    return 1;
  }
  const double raw_build_rate = static_cast<double>(raw_build->articles) / raw_build->seconds;
  std::printf("1b. raw Xapian floor: the first %zu articles' %zu documents (articles and quotes, copied from the built index)\n"
              "    added to a fresh database, commit every %zu: %.1f s wall, %.1f s CPU -> %.1f articles/s (%.3f CPU ms each)\n\n",
              raw_build->articles, raw_build->documents, kCommitEvery, raw_build->seconds, raw_build->cpu_seconds,
              raw_build_rate, 1e3 * raw_build->cpu_seconds / std::max<size_t>(1, raw_build->articles));
  std::fflush(stdout);

  auto taxonomy = load_taxonomy();
  if (!taxonomy) {
    std::fprintf(stderr, "scale_bench: %s\n", taxonomy.error().message.c_str());
    cleanup();
    return 1;
  }
  // 1c. Related lists, precomputed for every article as a crawl's end would.
  pipeline::RelatedRefreshReport lists;
  {
    auto store = storage::Store::open(schema::records_dir(options.dir));
    auto rec = store ? recommender::Recommender::open(options.dir, *taxonomy)
                     : Result<std::unique_ptr<recommender::Recommender>>(std::unexpected(store.error()));
    auto refreshed = rec ? pipeline::refresh_related(**store, **rec, default_worker_threads(), {},
                                                     options.related_lists)
                         : Result<pipeline::RelatedRefreshReport>(std::unexpected(rec.error()));
    if (!refreshed) {
      std::fprintf(stderr, "scale_bench: related lists: %s\n", refreshed.error().message.c_str());
      cleanup();
      return 1;
    }
    lists = *refreshed;
  }
  const double lists_rate = static_cast<double>(lists.computed) / std::max(lists.seconds, 1e-9);
  std::printf("1c. related lists: %zu of %zu computed in %.1f s on %u threads (%.0f lists/s); related() is timed on "
              "articles with a list\n\n",
              lists.computed, b.articles, lists.seconds, static_cast<unsigned>(default_worker_threads()), lists_rate);
  std::fflush(stdout);

  // 2. Query latency, in this process.
  WorkloadReport work;
  {
    auto rec = recommender::Recommender::open(options.dir, *taxonomy);
    if (!rec) {
      std::fprintf(stderr, "scale_bench: %s\n", rec.error().message.c_str());
      cleanup();
      return 1;
    }
    work = run_workload(**rec, options.dir, options.articles, options.rounds);
  }
  if (work.errors) std::fprintf(stderr, "scale_bench: %zu query errors, the first: %s\n", work.errors, work.first_error.c_str());

  // 3. Raw Xapian.
  auto raw = run_raw(options.dir, *taxonomy, options.rounds);
  if (!raw) {
    std::fprintf(stderr, "scale_bench: %s\n", raw.error().message.c_str());
    cleanup();
    return 1;
  }
  std::vector<QuestReport> quest;
  bool have_quest = fs::exists(kQuest);
  if (have_quest) quest = run_quest(options.dir, *taxonomy);

  std::printf("2./3. per question (recommend after %zu timed rounds; raw = Xapian top 10 + data, same filters, no text part)\n",
              options.rounds);
  std::printf("%-50s | %-34s | %-9s | %5s | %8s | %9s | %8s\n", "question", "concerns, techniques", "budget", "picks",
              "rec p50", "raw p50", "raw hits");
  for (size_t i = 0; i < kQuestions.size(); ++i) {
    auto q = recommender::interpret_query(kQuestions[i], *taxonomy);
    std::string topics = topics_text(q);
    if (topics.size() > 34) topics = topics.substr(0, 31) + "...";
    bool expressible = !raw->top10_by_question[i].empty();
    std::printf("%-50s | %-34s | %-9s | %5zu | %8.3f | %9s | %8s\n", kQuestions[i].c_str(), topics.c_str(),
                budget_text(q).c_str(), work.picks[i], median(work.recommend_by_question[i]),
                expressible ? fixed(median(raw->top10_by_question[i])).c_str() : "n/a",
                expressible ? std::to_string(raw->matches[i]).c_str() : "n/a");
  }
  if (raw->skipped) std::printf("(n/a: the question names no concern or technique, so there is no term query to run)\n");
  std::printf("\n");
  if (!have_quest) {
    std::printf("quest: %s not found (Debian xapian-tools)\n\n", kQuest);
  } else {
    std::printf("quest (%s, %zu runs each; wall time per invocation INCLUDING process start and database open).\n", kQuest,
                kQuestRuns);
    std::printf("quest 1.4 has no value-range syntax: the price range is NOT expressed, only the terms (type + topics);\n"
                "the currency filter is left out too (quest would spell it XM:USD), harmless here as all prices are USD.\n");
    for (const auto& r : quest) {
      std::printf("  %-34s quest -b type:XT -b topic:XC -b topic:XQ '%s'\n", r.question.c_str(), r.query.c_str());
      std::printf("  %-34s median %s ms   %s   %s\n", "", r.median_ms < 0 ? "failed" : fixed(r.median_ms, "%.2f").c_str(),
                  r.matches.c_str(), r.parsed.c_str());
    }
    std::printf("\n");
  }

  // 4. Serving RSS, in a fresh process.
  std::string child_output;
  std::vector<std::string> child = {"/proc/self/exe", "--serve-only", options.dir.string(), "--articles",
                                    std::to_string(options.articles), "--queries-per", std::to_string(options.rounds)};
  std::string self = fs::read_symlink("/proc/self/exe", ec).string();
  if (!self.empty()) child[0] = self;
  auto child_ms = run_process(child, &child_output);
  long serve_rss = -1, serve_after_open = -1;
  if (auto at = child_output.find("peak_rss_kib="); at != std::string::npos) serve_rss = std::atol(child_output.c_str() + at + 13);
  if (auto at = child_output.find("after_open_kib="); at != std::string::npos) {
    serve_after_open = std::atol(child_output.c_str() + at + 15);
  }
  std::printf("4. serving process (%s --serve-only, %.1f s): %s", child[0].c_str(), child_ms ? *child_ms / 1e3 : -1.0,
              child_output.empty() ? "no output\n" : child_output.c_str());
  std::printf("   (this build process's own peak RSS, build included, not a serving number: %.1f MiB)\n\n",
              static_cast<double>(peak_rss_kib()) / 1024.0);

  auto rec_p = percentiles(work.recommend.wall), search_p = percentiles(work.search.wall);
  auto related_p = percentiles(work.related.wall);
  auto raw_p = percentiles(raw->top10.wall), deep_p = percentiles(raw->deep.wall), interpret_p = percentiles(raw->interpret);
  auto rec_cpu = percentiles(work.recommend.cpu), search_cpu = percentiles(work.search.cpu);
  auto related_cpu = percentiles(work.related.cpu), raw_cpu = percentiles(raw->top10.cpu);
  auto deep_cpu = percentiles(raw->deep.cpu);
  auto pair = [](const Percentiles& p) { return fixed(p.p50) + "/" + fixed(p.p99); };
  std::printf("summary: N = %zu articles, database %.1f MiB on disk; %zu recommend, %zu search, %zu related calls "
              "(%zu with results), %zu errors\n",
              options.articles, static_cast<double>(db_bytes) / 1048576.0, rec_p.n, search_p.n, related_p.n,
              work.related_with_results, work.errors);
  row("metric", "beautyidx", "raw Xapian", "target");
  row("--------------------------------------------", "--------------", "--------------", "------");
  row("build, articles/s", fixed(build_rate, "%.1f"), fixed(raw_build_rate, "%.1f"), ">= 2000");
  row("related lists precomputed, lists/s", fixed(lists_rate, "%.1f"), "-", "-");
  row("recommend p50, ms", fixed(rec_p.p50), fixed(raw_p.p50), "<= 2");
  row("recommend p99, ms", fixed(rec_p.p99), fixed(raw_p.p99), "<= 10");
  row("  recommend CPU p50/p99, ms (thread CPU)", pair(rec_cpu), pair(raw_cpu), "-");
  row("  raw at recommend's depth (5000 values) p50/p99", "-", pair(deep_p), "-");
  row("  raw at recommend's depth, CPU p50/p99", "-", pair(deep_cpu), "-");
  row("  interpret_query p50/p99, ms", pair(interpret_p), "-", "-");
  row("search p50, ms", fixed(search_p.p50), "-", "-");
  row("search p99, ms", fixed(search_p.p99), "-", "-");
  row("  search CPU p50/p99, ms", pair(search_cpu), "-", "-");
  row("related p50, ms", fixed(related_p.p50), "-", "<= 1");
  row("related p99, ms", fixed(related_p.p99), "-", "-");
  row("  related CPU p50/p99, ms", pair(related_cpu), "-", "-");
  for (const auto& r : quest) {
    row("quest process, median ms (\"" + r.question + "\")", "-", r.median_ms < 0 ? "failed" : fixed(r.median_ms, "%.2f"),
        "-");
  }
  row("serving peak RSS, MiB", serve_rss < 0 ? "failed" : fixed(static_cast<double>(serve_rss) / 1024.0, "%.1f"), "-",
      "<= 1024");
  if (serve_after_open >= 0) row("  of which after open, MiB", fixed(static_cast<double>(serve_after_open) / 1024.0, "%.1f"), "-", "-");
  row("database on disk, MiB", fixed(static_cast<double>(db_bytes) / 1048576.0, "%.1f"), "-", "-");

  if (options.keep) std::printf("\ndatabase kept in %s\n", options.dir.c_str());
  cleanup();
  return work.errors == 0 && serve_rss >= 0 ? 0 : 1;
}
