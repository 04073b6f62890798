// Main-text quality and speed on the public article-extraction benchmark.
//
//   extraction_bench BENCHMARK_DIR [--passes N] [--dump DIR] [--score DIR NAME]...
//
// Extracts every page on one core, N passes (default 5), and prints F1/precision/recall by the
// benchmark's metric with the median pages/s and MB/s. --dump writes each extracted text to
// DIR/<id>.txt; --score DIR NAME also scores a peer's texts (DIR/<id>.txt) in the same run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "bench/article_benchmark.h"
#include "extract/extractor.h"

using namespace beautyidx;

namespace {

struct Totals {
  double precision = 0, recall = 0;
  size_t documents = 0;
  double f1() const {
    double p = precision / documents, r = recall / documents;
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

void print_row(const char* name, const Totals& t, double pages_per_second, double mb_per_second) {
  std::printf("%-22s F1 %.3f  precision %.3f  recall %.3f", name, t.f1(), t.precision / t.documents,
              t.recall / t.documents);
  if (pages_per_second > 0) std::printf("  %8.1f pages/s  %6.1f MB/s", pages_per_second, mb_per_second);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: extraction_bench BENCHMARK_DIR [--passes N] [--dump DIR] [--score DIR NAME]...\n");
    return 2;
  }
  std::filesystem::path dir = argv[1];
  int passes = 5;
  std::filesystem::path dump;
  std::vector<std::pair<std::filesystem::path, std::string>> peers;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--passes") && i + 1 < argc) passes = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--dump") && i + 1 < argc) dump = argv[++i];
    else if (!std::strcmp(argv[i], "--score") && i + 2 < argc) {
      peers.emplace_back(argv[i + 1], argv[i + 2]);
      i += 2;
    }
  }
  auto pages = bench::load_article_benchmark(dir);
  if (!pages) {
    std::fprintf(stderr, "extraction_bench: %s\n", pages.error().message.c_str());
    return 1;
  }
  auto extractor = extract::Extractor::load(BEAUTYIDX_DATA_DIR);
  if (!extractor) {
    std::fprintf(stderr, "extraction_bench: %s\n", extractor.error().message.c_str());
    return 1;
  }
  size_t bytes = 0;
  for (const auto& p : *pages) bytes += p.html.size();

  std::vector<double> seconds;
  std::vector<std::string> texts(pages->size());
  for (int pass = 0; pass < passes; ++pass) {
    auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < pages->size(); ++i) {
      ExtractedPage page = extractor->extract({(*pages)[i].html, (*pages)[i].url, ""});
      if (pass == 0) texts[i] = std::move(page.text);
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  double median = seconds[seconds.size() / 2];

  Totals ours;
  for (size_t i = 0; i < pages->size(); ++i) {
    auto s = bench::score_document((*pages)[i].expected_body, texts[i]);
    ours.precision += s.precision;
    ours.recall += s.recall;
    ++ours.documents;
    if (!dump.empty()) {
      std::filesystem::create_directories(dump);
      std::ofstream(dump / ((*pages)[i].id + ".txt")) << texts[i];
    }
  }
  std::printf("%zu pages, %.1f MB; median of %d passes on one core\n", pages->size(), bytes / 1e6, passes);
  print_row("beautyidx", ours, pages->size() / median, bytes / 1e6 / median);
  for (const auto& [peer_dir, name] : peers) {
    Totals t;
    for (const auto& page : *pages) {
      std::ifstream in(peer_dir / (page.id + ".txt"), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      auto s = bench::score_document(page.expected_body, text.str());
      t.precision += s.precision;
      t.recall += s.recall;
      ++t.documents;
    }
    print_row(name.c_str(), t, 0, 0);
  }
  return 0;
}
