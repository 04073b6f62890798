// beautyidx: the composition root. Reads flags once, builds the objects, wires them, runs one
// subcommand. Exit codes: 0 success, 1 runtime error, 2 usage error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/eval.h"
#include "app/eval_queries.h"
#include "core/file.h"
#include "core/json.h"
#include "core/ordered_workers.h"
#include "core/price.h"
#include "core/text.h"
#include "crawler/crawler.h"
#include "crawler/robots.h"
#include "extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/schema.h"
#include "pipeline/crawl_requests.h"
#include "pipeline/indexing_sink.h"
#include "pipeline/ingest.h"
#include "pipeline/reindex.h"
#include "pipeline/related_refresh.h"
#include "recommender/recommender.h"
#include "server/crawl_requests.h"
#include "server/http_server.h"
#include "storage/store.h"
#include "url/url.h"

#ifndef BEAUTYIDX_SOURCE_DATA_DIR
#define BEAUTYIDX_SOURCE_DATA_DIR "data"
#endif

namespace {

using namespace beautyidx;
namespace fs = std::filesystem;
using nlohmann::json;

std::atomic<bool> stop_requested{false};
extern "C" void on_stop_signal(int) { stop_requested = true; }

// Runtime failure: one line on stderr, exit 1.
int fail(const Error& error) {
  std::fprintf(stderr, "beautyidx: %s\n", error.message.c_str());
  return 1;
}

fs::path default_data_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  for (const fs::path& candidate : {exe.parent_path() / "../share/beautyidx/data", fs::path(BEAUTYIDX_SOURCE_DATA_DIR),
                                    fs::path("data")}) {
    if (fs::exists(candidate / "taxonomy.json", ec)) return candidate;
  }
  return BEAUTYIDX_SOURCE_DATA_DIR;
}


struct Database {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<indexer::Indexer> indexer;
};

Result<Database> open_for_writing(const fs::path& db) {
  Database out;
  auto store = storage::Store::open(schema::records_dir(db));
  if (!store) return std::unexpected(store.error());
  out.store = std::move(*store);
  auto indexer = indexer::Indexer::open(db, *out.store);
  if (!indexer) return std::unexpected(indexer.error());
  out.indexer = std::move(*indexer);
  return out;
}

using pipeline::IndexingSink;

void print_json(const std::string& compact) { std::printf("%s\n", json::parse(compact).dump(2).c_str()); }

std::string speaker_line(const std::optional<Speaker>& s) {
  if (!s) return "unattributed";
  std::string out = s->name;
  if (!s->credential.empty()) out += ", " + s->credential;
  if (!s->affiliation.empty()) out += " (" + s->affiliation + ")";
  return out;
}

void print_page(const ExtractedPage& page) {
  std::printf("%s  [%s]\n", page.title.c_str(), page_kind_name(page.kind));
  std::printf("url: %s\n", page.canonical_url.c_str());
  std::string authors;
  for (const auto& a : page.authors) authors += (authors.empty() ? "" : ", ") + a;
  std::printf("by: %s   published: %s\n", authors.empty() ? "?" : authors.c_str(), page.published.value_or("?").c_str());
  std::printf("text: %zu characters in %zu sections\n", page.text.size(), page.sections.size());
  std::printf("\nquotes (%zu):\n", page.quotes.size());
  for (const Quote& q : page.quotes) {
    std::printf("  - \"%s\"\n    %s%s [%s]\n", clip_utf8(q.text, 110).c_str(), q.indirect ? "(paraphrase) " : "",
                speaker_line(q.speaker).c_str(), stance_name(q.stance));
  }
  std::printf("\nproducts (%zu):\n", page.products.size());
  for (const Product& p : page.products) {
    std::printf("  - %s%s%s  %s%s\n", p.brand.empty() ? "" : (p.brand + " ").c_str(), p.name.c_str(), "",
                format_price(p.price).c_str(), p.retailer.empty() ? "" : (" at " + p.retailer).c_str());
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
    return out;
  };
  std::printf("\nconcerns: %s\ntechniques: %s\n", join(page.concerns).c_str(), join(page.techniques).c_str());
}

void print_recommendations(const recommender::RecommendResponse& r) {
  std::string budget = "none";
  if (r.query.budget) {
    const auto& b = *r.query.budget;
    if (b.min && b.max) budget = format_price({*b.min, {}, {}, b.currency}) + " to " + format_price({*b.max, {}, {}, b.currency});
    else if (b.max) budget = "up to " + format_price({*b.max, {}, {}, b.currency});
    else if (b.min) budget = "from " + format_price({*b.min, {}, {}, b.currency});
  }
  std::string about;
  for (const auto& c : r.query.concerns) about += (about.empty() ? "" : ", ") + c;
  for (const auto& t : r.query.techniques) about += (about.empty() ? "" : ", ") + t;
  std::printf("\"%s\"  ->  %s; budget %s\n", r.query.text.c_str(), about.empty() ? r.query.residual.c_str() : about.c_str(),
              budget.c_str());
  if (r.results.empty()) {
    std::printf("  %s\n", r.explanation.c_str());
    return;
  }
  int n = 0;
  for (const auto& pick : r.results) {
    std::printf("  %d. %s%s  %s%s\n", ++n, pick.product.brand.empty() ? "" : (pick.product.brand + " ").c_str(),
                pick.product.name.c_str(), format_price(pick.product.price).c_str(),
                pick.product.retailer.empty() ? "" : (" at " + pick.product.retailer).c_str());
    if (!pick.evidence.empty()) {
      const auto& e = pick.evidence.front();
      std::printf("     \"%s\"\n     - %s, %s\n", clip_utf8(e.quote, 140).c_str(), e.speaker.c_str(), e.credential.c_str());
    }
    std::printf("     from: %s\n", pick.article.title.c_str());
  }
}

Result<std::unique_ptr<recommender::Recommender>> open_reader(const fs::path& db, const fs::path& data) {
  auto taxonomy = Taxonomy::load(data / "taxonomy.json");
  if (!taxonomy) return std::unexpected(taxonomy.error());
  return recommender::Recommender::open(db, std::move(*taxonomy));
}

// Precomputes the related-article lists the last commit made due, on every core: what lets
// `serve` answer the widget with one record read.
Result<pipeline::RelatedRefreshReport> refresh_related_lists(storage::Store& store, const fs::path& db,
                                                             const fs::path& data) {
  auto reader = open_reader(db, data);
  if (!reader) return std::unexpected(reader.error());
  bool tty = isatty(fileno(stderr));
  auto report = pipeline::refresh_related(store, **reader, default_worker_threads(),
                                          [&](const pipeline::RelatedRefreshReport& r) {
                                            if (tty && r.computed % 100 == 0) {
                                              std::fprintf(stderr, "\r\x1b[Krelated lists: %zu computed", r.computed);
                                            }
                                          });
  if (tty) std::fprintf(stderr, "\r\x1b[K");
  return report;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"beautyidx: expert-backed, budget-aware answers from beauty blogs"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "beautyidx 0.1.0");
  fs::path data_dir = default_data_dir();
  app.add_option("--data", data_dir, "Folder with taxonomy.json, retailers.json and brands.txt")->check(CLI::ExistingDirectory);

  fs::path db;
  bool as_json = false;
  size_t limit = 10;

  // crawl
  auto* crawl = app.add_subcommand("crawl", "Crawl sites over HTTP and index what they publish");
  std::vector<std::string> seeds;
  crawler::CrawlOptions crawl_options;
  int delay_ms = 1000;
  crawl->add_option("urls", seeds, "Seed URLs")->required();
  crawl->add_option("--db", db, "Database folder")->required();
  crawl->add_option("--max-pages", crawl_options.max_pages, "Stop after this many fetches")->capture_default_str();
  crawl->add_option("--max-depth", crawl_options.max_depth, "Links followed from a seed")->capture_default_str();
  crawl->add_option("--delay-ms", delay_ms, "Pause between requests to one host")->capture_default_str();
  crawl->add_option("--user-agent", crawl_options.user_agent, "User-Agent header")->capture_default_str();
  crawl->add_option("--commit-every", crawl_options.commit_every,
                    "Pages indexed between two commits (bounds what a killed crawl fetches again)")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  crawl->add_option("--scope", crawl_options.scope, "URL prefixes to stay within (default: the seeds' sites)");
  crawl->add_option("--include", crawl_options.include, "Only crawl URLs matching one of these regular expressions");
  crawl->add_option("--exclude", crawl_options.exclude, "Never crawl URLs matching any of these regular expressions");
  crawl->add_option("--concurrency", crawl_options.concurrency, "Transfers in flight, all hosts together")
      ->capture_default_str()
      ->check(CLI::Range(1, 512));
  crawl_options.extract_threads = default_worker_threads();
  crawl->add_option("--extract-threads", crawl_options.extract_threads,
                    "Threads extracting pages beside the crawl thread (0: extract on the crawl thread)")
      ->capture_default_str()
      ->check(CLI::Range(0, 64));
  crawl->add_option("--per-host", crawl_options.per_host, "Transfers in flight to one host (1 is polite)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  crawl->add_option("--max-pages-per-host", crawl_options.max_pages_per_host,
                    "Pages fetched from one host in this run (0: no limit)")
      ->capture_default_str();
  crawl->add_flag("--allow-private", crawl_options.allow_private, "Allow loopback and private addresses");
  bool recrawl_due = false, recrawl_all = false;
  crawl->add_flag("--recrawl", recrawl_due, "Also revisit stored pages whose next-fetch time has come");
  crawl->add_flag("--recrawl-all", recrawl_all, "Also revisit every stored page (conditionally)");
  crawl->add_flag("--json", as_json, "Machine-readable summary");

  // ingest
  auto* ingest = app.add_subcommand("ingest", "Index local HTML or text files");
  std::vector<fs::path> ingest_paths;
  std::string base_url;
  ingest->add_option("paths", ingest_paths, "Files or folders")->required()->check(CLI::ExistingPath);
  ingest->add_option("--db", db, "Database folder")->required();
  ingest->add_option("--base-url", base_url, "URL the folder is published at")->required();
  ingest->add_flag("--json", as_json, "Machine-readable summary");

  // extract
  auto* extract_cmd = app.add_subcommand("extract", "Extract one page and print what was found");
  fs::path extract_file;
  std::string extract_url = "http://localhost/";
  extract_cmd->add_option("file", extract_file, "HTML or text file")->required()->check(CLI::ExistingFile);
  extract_cmd->add_option("--url", extract_url, "URL the page was published at")->capture_default_str();
  extract_cmd->add_flag("--json", as_json, "Print the page as JSON");

  // recommend / search / related
  auto* recommend = app.add_subcommand("recommend", "Products for a question, within its budget, with experts' words");
  std::string query;
  recommend->add_option("query", query, "e.g. \"de-puffing under $50\"")->required();
  recommend->add_option("--db", db, "Database folder")->required();
  recommend->add_option("--limit", limit, "Most picks")->check(CLI::Range(1, 50))->capture_default_str();
  recommend->add_flag("--json", as_json, "JSON output");

  auto* search = app.add_subcommand("search", "Expert quotes and articles for a question");
  search->add_option("query", query, "e.g. \"what do dermatologists say about facial exercises\"")->required();
  search->add_option("--db", db, "Database folder")->required();
  search->add_option("--limit", limit, "Most results")->check(CLI::Range(1, 50))->capture_default_str();
  search->add_flag("--json", as_json, "JSON output");

  auto* related = app.add_subcommand("related", "Articles related to an indexed article");
  std::string related_url;
  related->add_option("url", related_url, "Article URL")->required();
  related->add_option("--db", db, "Database folder")->required();
  related->add_option("--limit", limit, "Most results")->check(CLI::Range(1, 50))->capture_default_str();
  related->add_flag("--json", as_json, "JSON output");

  // maintenance
  bool dry_run = false;
  auto* check = app.add_subcommand("check", "Verify that the records and the search index agree, and repair them");
  check->add_option("--db", db, "Database folder")->required();
  check->add_flag("--dry-run", dry_run, "Only report; exit 1 on any mismatch");
  check->add_flag("--json", as_json, "JSON output");
  auto* reindex = app.add_subcommand("reindex", "Re-extract every stored page with this version and rebuild the index");
  reindex->add_option("--db", db, "Database folder")->required();
  reindex->add_flag("--json", as_json, "JSON output");

  // records by id
  std::string record_id;
  auto* article_cmd = app.add_subcommand("article", "One indexed article: its quotes, products and experts");
  article_cmd->add_option("id", record_id, "Article id or URL")->required();
  auto* product_cmd = app.add_subcommand("product", "One product: its offers across articles and their price history");
  product_cmd->add_option("id", record_id, "Product id (as in recommend --json)")->required();
  auto* expert_cmd = app.add_subcommand("expert", "One expert: credential and quotes");
  expert_cmd->add_option("id", record_id, "Expert id")->required();
  for (auto* command : {article_cmd, product_cmd, expert_cmd}) {
    command->add_option("--db", db, "Database folder")->required();
    command->add_flag("--json", as_json, "JSON output");
  }

  // serve: settings come from --config FILE, then BEAUTYIDX_* variables, then these flags.
  auto* serve = app.add_subcommand("serve", "Serve the HTTP API (settings: docs/config.md)");
  fs::path serve_config_file;
  std::string serve_host;
  int serve_port = 0;
  size_t serve_threads = 0;
  std::vector<std::string> serve_cors_origins;
  bool serve_admin_allow_private = false;
  auto* serve_config_option = serve->add_option("--config", serve_config_file, "JSON config file")
                                  ->check(CLI::ExistingFile);
  auto* serve_db_option = serve->add_option("--db", db, "Database folder (or BEAUTYIDX_DB, or \"db\" in --config)");
  auto* serve_host_option = serve->add_option("--host", serve_host, "Address to listen on (default 127.0.0.1)");
  auto* serve_port_option =
      serve->add_option("--port", serve_port, "Port (default 8080; 0 = any free port)")->check(CLI::Range(0, 65535));
  auto* serve_threads_option =
      serve->add_option("--threads", serve_threads, "Connections served at once (default 64)")->check(CLI::Range(1, 1024));
  auto* serve_cors_option =
      serve->add_option("--cors-origin", serve_cors_origins,
                        "Origin whose pages may read the API, e.g. https://blog.example (repeatable; "
                        "\"*\" or none given: any origin)")
          ->check([](const std::string& origin) {
            auto valid = server::check_cors_origin(origin);
            return valid ? std::string() : valid.error().message;
          });
  serve->add_flag("--admin-allow-private", serve_admin_allow_private,
                  "Let admin crawls start at loopback and private addresses (for tests on a local site)");

  // eval
  auto* eval = app.add_subcommand("eval", "Extraction precision/recall against gold annotations");
  app::EvalOptions eval_options;
  eval->add_option("--gold", eval_options.gold_dir, "Folder of gold JSON files")->check(CLI::ExistingDirectory);
  app::QueryEvalOptions query_eval;
  eval->add_option("--queries", query_eval.queries, "Judged questions (data/eval/queries.json): answer quality")
      ->check(CLI::ExistingFile);
  eval->add_option("--db", db, "With --queries: an index of the sample blog (default: one built from --site now)");
  eval->add_option("--origin", query_eval.origin, "With --db: the origin the sample blog was crawled at");
  eval->add_option("--site", eval_options.site_dir,
                   "Folder with the pages (default: the gold folder's parent; with --queries: data/sample-blog)");
  eval->add_flag("--json", eval_options.json, "JSON output");
  eval->add_flag("-v,--verbose", eval_options.verbose, "List every miss");

  // inspect
  auto* inspect = app.add_subcommand("inspect", "Explain how beautyidx reads a robots.txt, a URL or a query");
  inspect->require_subcommand(1);
  auto* inspect_robots = inspect->add_subcommand("robots", "Is a URL allowed by a robots.txt file?");
  fs::path robots_file;
  std::string agent = "beautyidx";
  std::string inspect_target;
  inspect_robots->add_option("--file", robots_file, "robots.txt file")->required()->check(CLI::ExistingFile);
  inspect_robots->add_option("--agent", agent, "User agent")->capture_default_str();
  inspect_robots->add_option("url", inspect_target, "URL or path")->required();
  auto* inspect_url = inspect->add_subcommand("url", "The normalised absolute form of a URL");
  std::string inspect_base;
  inspect_url->add_option("url", inspect_target, "URL or relative reference")->required();
  inspect_url->add_option("--base", inspect_base, "Base URL for a relative reference");
  auto* inspect_query = inspect->add_subcommand("query", "How a question is understood");
  inspect_query->add_option("query", query, "Question")->required();
  inspect_query->add_flag("--json", as_json, "JSON output");

  // stats
  auto* stats = app.add_subcommand("stats", "Counts of pages, articles, quotes, products and experts");
  stats->add_option("--db", db, "Database folder")->required();
  stats->add_flag("--json", as_json, "JSON output");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "beautyidx: %s (see --help)\n", e.what());
    return 2;
  }

  auto load_extractor = [&]() { return extract::Extractor::load(data_dir); };

  if (*crawl || *ingest) {
    auto extractor = load_extractor();
    if (!extractor) return fail(extractor.error());
    auto database = open_for_writing(db);
    if (!database) return fail(database.error());
    if (*crawl) {
      crawl_options.seeds = seeds;
      if (recrawl_all) crawl_options.recrawl = crawler::CrawlOptions::Recrawl::kAll;
      else if (recrawl_due) crawl_options.recrawl = crawler::CrawlOptions::Recrawl::kDue;
      crawl_options.delay = std::chrono::milliseconds(delay_ms);
      std::signal(SIGINT, on_stop_signal);
      std::signal(SIGTERM, on_stop_signal);
      bool tty = isatty(fileno(stderr));
      auto started = std::chrono::steady_clock::now();
      auto last_log = started;
      auto progress = [&](const crawler::CrawlReport& r, const std::string& url) {
        auto now = std::chrono::steady_clock::now();
        double seconds = std::chrono::duration<double>(now - started).count();
        double rate = seconds > 0 ? static_cast<double>(r.fetched) / seconds : 0;
        std::string eta;
        // What is left: the queue, or the page budget when that is smaller.
        size_t left = std::min(r.queued, crawl_options.max_pages > r.fetched ? crawl_options.max_pages - r.fetched : 0);
        if (rate > 0 && left > 0) eta = "  ETA " + std::to_string(static_cast<long>(left / rate)) + "s";
        if (tty) {
          std::fprintf(stderr, "\r\x1b[Kfetched %zu  queued %zu  articles %zu  errors %zu  blocked %zu  %.1f pages/s%s  %s",
                       r.fetched, r.queued, r.articles, r.errors, r.robots_blocked, rate, eta.c_str(),
                       clip_utf8(url, 40).c_str());
        } else if (now - last_log >= std::chrono::seconds(5)) {
          last_log = now;
          std::fprintf(stderr, "crawl: fetched %zu, queued %zu, articles %zu, errors %zu, %.1f pages/s%s\n", r.fetched,
                       r.queued, r.articles, r.errors, rate, eta.c_str());
        }
      };
      // Posts the server was asked about and does not have wait for this crawl too.
      auto report = pipeline::crawl_serving_requests(db, *database->store, *database->indexer, *extractor,
                                                     crawl_options, &stop_requested, progress);
      if (tty) std::fprintf(stderr, "\n");
      if (!report) return fail(report.error());
      if (report->requests_taken > 0) {
        std::fprintf(stderr, "crawl: %zu URLs asked for by readers of the widget queued\n", report->requests_taken);
      }
      for (const auto& request : report->requests_invalid) {
        std::fprintf(stderr, "crawl: dropped a crawl request that is not an http(s) URL: %s\n", request.c_str());
      }
      auto related = refresh_related_lists(*database->store, db, data_dir);
      if (!related) return fail(related.error());
      if (as_json) {
        json by_status = json::object();
        for (auto [status, n] : report->by_status) by_status[std::to_string(status)] = n;
        print_json(json{{"fetched", report->fetched}, {"articles", report->articles}, {"errors", report->errors},
                        {"robots_blocked", report->robots_blocked}, {"skipped_type", report->skipped_type},
                        {"retries", report->retries}, {"not_modified", report->not_modified}, {"feeds", report->feeds},
                        {"out_of_scope", report->out_of_scope}, {"over_host_budget", report->over_host_budget},
                        {"robots_unavailable", report->robots_unavailable},
                        {"duplicates", database->indexer->stats().duplicates},
                        {"queued_left", report->queued_left}, {"bytes", report->bytes}, {"seconds", report->seconds},
                        {"related_lists", related->computed}, {"requests_invalid", report->requests_invalid},
                        {"by_status", by_status}, {"error_samples", report->error_samples}}
                       .dump());
      } else {
        std::printf("crawled %zu pages in %.1fs (%zu bytes): %zu articles indexed, %zu errors, %zu blocked by robots.txt, "
                    "%zu not HTML, %zu still queued\n",
                    report->fetched, report->seconds, report->bytes, report->articles, report->errors,
                    report->robots_blocked, report->skipped_type, report->queued_left);
        std::printf("  %zu retries, %zu unchanged on revisit (304), %zu feeds read\n", report->retries,
                    report->not_modified, report->feeds);
        if (report->out_of_scope + report->over_host_budget + report->robots_unavailable > 0) {
          std::printf("  %zu out of scope, %zu left for a later run by --max-pages-per-host, %zu waiting for an "
                      "unreadable robots.txt\n",
                      report->out_of_scope, report->over_host_budget, report->robots_unavailable);
        }
        if (database->indexer->stats().duplicates > 0) {
          std::printf("  %zu near-duplicate pages kept as alternates of an indexed article\n",
                      database->indexer->stats().duplicates);
        }
        std::printf("  %zu related-article lists computed in %.1fs\n", related->computed, related->seconds);
        for (auto [status, n] : report->by_status) std::printf("  HTTP %ld: %zu\n", status, n);
        for (const auto& e : report->error_samples) std::printf("  error: %s\n", e.c_str());
      }
      return stop_requested ? 130 : 0;
    }
    // ingest
    auto report = pipeline::ingest(*database->store, *database->indexer, *extractor, ingest_paths, base_url);
    if (!report) return fail(report.error());
    auto related = refresh_related_lists(*database->store, db, data_dir);
    if (!related) return fail(related.error());
    size_t files = report->files, articles = report->articles;
    if (as_json) print_json(json{{"files", files}, {"articles", articles}, {"related_lists", related->computed}}.dump());
    else std::printf("ingested %zu files: %zu articles indexed, %zu related-article lists computed\n", files, articles, related->computed);
    return 0;
  }

  if (*check || *reindex) {
    auto database = open_for_writing(db);
    if (!database) return fail(database.error());
    if (*check) {
      auto report = database->indexer->check(!dry_run);
      if (!report) return fail(report.error());
      if (as_json) {
        print_json(json{{"articles", report->articles}, {"search_articles", report->search_articles},
                        {"mismatched", report->mismatched}, {"orphans", report->orphans},
                        {"dangling_urls", report->dangling_urls},
                        {"catalog_mismatched", report->catalog_mismatched}, {"repaired", report->repaired},
                        {"unrepaired", report->unrepaired}, {"problems", report->problems}}
                       .dump());
      } else {
        std::printf("%zu article records, %zu in the search index: %zu mismatched, %zu orphaned, %zu dangling URLs, "
                    "%zu products whose catalog entry disagrees with their offers; %zu repaired, %zu not repaired\n",
                    report->articles, report->search_articles, report->mismatched, report->orphans,
                    report->dangling_urls, report->catalog_mismatched, report->repaired, report->unrepaired);
        for (const auto& p : report->problems) std::printf("  %s\n", p.c_str());
      }
      return report->unrepaired > 0 ? 1 : 0;
    }
    auto extractor = load_extractor();
    if (!extractor) return fail(extractor.error());
    bool tty = isatty(fileno(stderr));
    auto report = pipeline::reindex(*database->store, *database->indexer, *extractor, 200,
                                    [&](const pipeline::ReindexReport& r) {
                                      if (tty && r.pages % 50 == 0) std::fprintf(stderr, "\r\x1b[Kreindexed %zu pages", r.pages);
                                    });
    if (tty) std::fprintf(stderr, "\r\x1b[K");
    if (!report) return fail(report.error());
    auto related = refresh_related_lists(*database->store, db, data_dir);
    if (!related) return fail(related.error());
    if (as_json) {
      print_json(json{{"pages", report->pages}, {"articles", report->articles}, {"other_pages", report->other_pages},
                      {"unreadable", report->unreadable}, {"seconds", report->seconds}}
                     .dump());
    } else {
      std::printf("reindexed %zu stored pages in %.1fs: %zu articles, %zu other pages, %zu unreadable records\n",
                  report->pages, report->seconds, report->articles, report->other_pages, report->unreadable);
    }
    return 0;
  }

  if (*extract_cmd) {
    auto extractor = load_extractor();
    if (!extractor) return fail(extractor.error());
    auto body = read_file(extract_file);
    if (!body) return fail(body.error());
    std::string type = extract_file.extension() == ".txt" ? "text/plain" : "";
    ExtractedPage page = extractor->extract({*body, extract_url, type});
    if (as_json) std::printf("%s\n", to_json(page, 2).c_str());
    else print_page(page);
    return 0;
  }

  if (*article_cmd || *product_cmd || *expert_cmd) {
    auto reader = open_reader(db, data_dir);
    if (!reader) return fail(reader.error());
    if (*article_cmd) {
      auto result = (*reader)->article(record_id);
      if (!result) return fail(result.error());
      if (as_json) {
        print_json(recommender::to_json(*result));
      } else {
        std::printf("%s\n%s\n", result->article.title.c_str(), result->article.url.c_str());
        std::printf("\nexperts (%zu):\n", result->experts.size());
        for (const auto& e : result->experts) std::printf("  %s  [%s]\n", speaker_line(e.speaker).c_str(), e.id.c_str());
        std::printf("\nshop this article (%zu):\n", result->products.size());
        for (const auto& p : result->products) {
          std::printf("  %s%s  %s  [%s]\n", p.product.brand.empty() ? "" : (p.product.brand + " ").c_str(),
                      p.product.name.c_str(), format_price(p.product.price).c_str(), p.product_id.c_str());
        }
      }
    } else if (*product_cmd) {
      auto result = (*reader)->product(record_id);
      if (!result) return fail(result.error());
      if (as_json) {
        print_json(recommender::to_json(*result));
      } else {
        std::printf("%s%s  (lowest %s)\n", result->brand.empty() ? "" : (result->brand + " ").c_str(), result->name.c_str(),
                    result->lowest ? format_price(*result->lowest).c_str() : "?");
        for (const auto& o : result->offers) {
          std::printf("  %s%s in \"%s\"  seen %s .. %s\n", format_price(o.product.price).c_str(),
                      o.product.retailer.empty() ? "" : (" at " + o.product.retailer).c_str(), o.article.title.c_str(),
                      o.first_seen.c_str(), o.last_seen.c_str());
          for (const auto& point : o.history) std::printf("      %s  %s\n", point.date.c_str(), format_price(point.price).c_str());
        }
      }
    } else {
      auto result = (*reader)->expert(record_id);
      if (!result) return fail(result.error());
      if (as_json) {
        print_json(recommender::to_json(*result));
      } else {
        std::printf("%s: %zu quotes\n", speaker_line(result->expert.speaker).c_str(), result->quotes.size());
        for (const auto& hit : result->quotes) {
          std::printf("  \"%s\"  [%s] in \"%s\"\n", clip_utf8(hit.quote.text, 120).c_str(), stance_name(hit.quote.stance),
                      hit.article.title.c_str());
        }
      }
    }
    return 0;
  }

  if (*recommend || *search || *related || *stats) {
    auto reader = open_reader(db, data_dir);
    if (!reader) return fail(reader.error());
    if (*recommend) {
      auto result = (*reader)->recommend({query, limit});
      if (!result) return fail(result.error());
      if (as_json) print_json(recommender::to_json(*result));
      else print_recommendations(*result);
    } else if (*search) {
      auto result = (*reader)->search({query, limit});
      if (!result) return fail(result.error());
      if (as_json) {
        print_json(recommender::to_json(*result));
      } else {
        std::printf("quotes:\n");
        for (const auto& hit : result->quotes) {
          std::printf("  \"%s\"\n    - %s [%s], in \"%s\"\n", clip_utf8(hit.quote.text, 140).c_str(),
                      speaker_line(hit.quote.speaker).c_str(), stance_name(hit.quote.stance), hit.article.title.c_str());
        }
        std::printf("articles:\n");
        for (const auto& hit : result->articles) std::printf("  %s\n    %s\n", hit.article.title.c_str(), hit.article.url.c_str());
      }
    } else if (*related) {
      recommender::RelatedRequest request;
      request.url = related_url;
      request.limit = limit;
      auto result = (*reader)->related(request);
      if (!result) return fail(result.error());
      if (as_json) {
        print_json(recommender::to_json(*result));
      } else {
        std::printf("related to \"%s\":\n", result->article.title.c_str());
        for (const auto& hit : result->related) std::printf("  %.2f  %s\n        %s\n", hit.score, hit.article.title.c_str(), hit.article.url.c_str());
        if (result->related.empty()) std::printf("  (nothing related closely enough)\n");
      }
    } else {
      auto counts = (*reader)->counts();
      if (!counts) return fail(counts.error());
      if (as_json) print_json(recommender::to_json(*counts));
      else std::printf("pages %zu\narticles %zu\nquotes %zu\nproducts %zu\nexperts %zu\n", counts->pages, counts->articles,
                       counts->quotes, counts->products, counts->experts);
    }
    return 0;
  }

  if (*serve) {
    server::ServeFlags flags;
    if (serve_db_option->count() > 0) flags.db = db;
    if (serve_host_option->count() > 0) flags.host = serve_host;
    if (serve_port_option->count() > 0) flags.port = serve_port;
    if (serve_threads_option->count() > 0) flags.threads = serve_threads;
    if (serve_cors_option->count() > 0) flags.cors_origins = serve_cors_origins;
    auto environment = [](const char* name) -> std::optional<std::string> {
      const char* value = std::getenv(name);
      return value ? std::optional<std::string>(value) : std::nullopt;
    };
    auto config = server::resolve_serve_config(
        serve_config_option->count() > 0 ? std::optional<fs::path>(serve_config_file) : std::nullopt, environment,
        flags);
    if (!config) {
      std::fprintf(stderr, "beautyidx: %s (see docs/config.md)\n", config.error().message.c_str());
      return config.error().kind == ErrorKind::kIo ? 1 : 2;
    }
    // SIGINT and SIGTERM are blocked in every thread (RocksDB's, the server's, the admin job's,
    // all started below and inheriting the mask) and taken by one thread with sigwait, which may
    // do what a signal handler may not: stop the server and wait for it.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto reader = open_reader(config->db, data_dir);
    if (!reader) return fail(reader.error());
    std::unique_ptr<server::BackgroundJobs> jobs;
    if (!config->server.api.admin_token.empty()) {
      server::AdminJobOptions admin{.db = config->db, .data_dir = data_dir,
                                    .allow_private_seeds = serve_admin_allow_private};
      jobs = std::make_unique<server::BackgroundJobs>(admin, [&reader] { (void)(*reader)->refresh(); });
    }
    // Posts a widget asks about before they are crawled: queued for the next crawl of their site.
    server::CrawlRequests crawl_requests(**reader, {.db = config->db});
    server::HttpServer http(**reader, config->server, jobs.get(), &crawl_requests);
    auto port = http.bind();
    if (!port) return fail(port.error());
    std::fprintf(stderr, "beautyidx: serving %s on http://%s:%d/ (admin endpoints %s)\n", config->db.string().c_str(),
                 config->server.host.c_str(), *port, jobs ? "on" : "off");
    const auto grace = std::chrono::seconds(config->shutdown_grace_seconds);
    auto served = server::serve_until_signal(http, stop_signals, grace, [&] {
      if (jobs) (void)jobs->stop(std::chrono::milliseconds(0));  // a crawl stops at its next page
    });
    // A server that did not stop within the grace still has threads: end without unwinding.
    if (!served) {
      std::fprintf(stderr, "beautyidx: %s\n", served.error().message.c_str());
      std::_Exit(1);
    }
    if (jobs && !jobs->stop(grace)) {
      std::fprintf(stderr, "beautyidx: the admin job is still running after %llds; exiting\n",
                   static_cast<long long>(grace.count()));
      std::_Exit(1);
    }
    std::fprintf(stderr, "beautyidx: stopped\n");
    return 0;
  }

  if (*eval) {
    if (eval_options.gold_dir.empty() && query_eval.queries.empty()) {
      std::fprintf(stderr, "beautyidx: eval needs --gold DIR or --queries FILE (see --help)\n");
      return 2;
    }
    auto extractor = load_extractor();
    if (!extractor) return fail(extractor.error());
    if (!eval_options.gold_dir.empty()) {
      if (auto s = app::run_eval(*extractor, eval_options); !s) return fail(s.error());
    }
    if (query_eval.queries.empty()) return 0;
    query_eval.json = eval_options.json;
    query_eval.verbose = eval_options.verbose;
    // Without --db, a throwaway index of the sample blog, ingested at a fixed origin.
    std::optional<fs::path> scratch;
    if (db.empty()) {
      scratch = fs::temp_directory_path() / ("beautyidx-eval-" + std::to_string(getpid()));
      db = *scratch;
      query_eval.origin = "https://sample-blog.test";
      fs::path site = eval_options.site_dir.empty() ? data_dir / "sample-blog" : eval_options.site_dir;
      auto database = open_for_writing(db);
      if (!database) return fail(database.error());
      auto ingested = pipeline::ingest(*database->store, *database->indexer, *extractor, {site}, query_eval.origin + "/");
      if (!ingested) return fail(ingested.error());
      if (auto related = refresh_related_lists(*database->store, db, data_dir); !related) return fail(related.error());
    }
    auto reader = open_reader(db, data_dir);
    Status result = reader ? app::run_query_eval(**reader, query_eval) : Status(std::unexpected(reader.error()));
    reader = make_error(ErrorKind::kInternal, "closed");
    if (scratch) fs::remove_all(*scratch);
    if (!result) return fail(result.error());
    return 0;
  }

  if (*inspect) {
    if (*inspect_robots) {
      auto text = read_file(robots_file);
      if (!text) return fail(text.error());
      std::string path = inspect_target;
      if (path.starts_with("http://") || path.starts_with("https://")) {
        auto parts = url::split(path);
        if (!parts) return fail(parts.error());
        path = parts->path;
      }
      auto decision = crawler::Robots::parse(*text).decide(agent, path);
      std::printf("%s", decision.allowed ? "allowed" : "disallowed");
      if (decision.rule) {
        std::printf(" by line %d: %s: %s", decision.rule->line, decision.rule->allow ? "Allow" : "Disallow",
                    decision.rule->pattern.c_str());
      } else {
        std::printf(" (no rule matches)");
      }
      std::printf("\n");
      return 0;
    }
    if (*inspect_url) {
      auto absolute = inspect_base.empty() ? Result<std::string>(inspect_target) : url::resolve(inspect_base, inspect_target);
      if (!absolute) return fail(absolute.error());
      auto normalized = url::normalize(*absolute);
      if (!normalized) return fail(normalized.error());
      std::printf("%s\n", normalized->c_str());
      return 0;
    }
    if (*inspect_query) {
      auto taxonomy = Taxonomy::load(data_dir / "taxonomy.json");
      if (!taxonomy) return fail(taxonomy.error());
      auto interpretation = recommender::interpret_query(query, *taxonomy);
      print_json(recommender::to_json(interpretation));
      return 0;
    }
  }
  return 0;
}
