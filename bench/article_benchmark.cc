#include "bench/article_benchmark.h"

#include "core/file.h"
#include "crawler/content_coding.h"


#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace beautyidx::bench {
namespace {



// Python's re.findall(r"\w+"): runs of letters, digits and underscores, Unicode included.
std::vector<std::string> tokenize(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    bool word = c >= 0x80 ? true : (std::isalnum(c) || c == '_');
    // Common non-word punctuation outside ASCII: curly quotes, dashes, NBSP, ellipsis, bullets.
    if (c == 0xE2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) word = false;
    if (c == 0xC2) {
      auto d = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
      if (d < 0xAA || d == 0xAB || d == 0xBB || d == 0xB7 || d == 0xB0) word = false;
    }
    if (word) {
      current.append(text, i, length);
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
    i += length;
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

std::map<std::string, int> shingles(const std::string& text) {
  constexpr size_t kN = 4;
  auto tokens = tokenize(text);
  std::map<std::string, int> out;
  if (tokens.empty()) return out;
  size_t count = tokens.size() >= kN ? tokens.size() - kN + 1 : 1;
  for (size_t i = 0; i < count; ++i) {
    std::string key;
    for (size_t k = i; k < std::min(tokens.size(), i + kN); ++k) {
      key += tokens[k];
      key += '\x1f';
    }
    ++out[key];
  }
  return out;
}

}  // namespace

Result<std::vector<BenchmarkPage>> load_article_benchmark(const std::filesystem::path& dir) {
  auto truth_text = read_file(dir / "ground-truth.json");
  if (!truth_text) return std::unexpected(truth_text.error());
  auto truth = nlohmann::json::parse(*truth_text, nullptr, false);
  if (!truth.is_object()) return make_error(ErrorKind::kParse, "ground-truth.json: not an object");
  std::vector<BenchmarkPage> pages;
  for (const auto& [id, item] : truth.items()) {
    auto compressed = read_file(dir / "html" / (id + ".html.gz"));
    if (!compressed) return std::unexpected(compressed.error());
    auto html = crawler::gunzip(*compressed, 64 * 1024 * 1024);
    if (!html) return std::unexpected(html.error().with_context(id));
    pages.push_back({id, item.value("url", ""), std::move(*html), item.value("articleBody", "")});
  }
  std::sort(pages.begin(), pages.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return pages;
}

ShingleScore score_document(const std::string& expected, const std::string& predicted) {
  auto truth = shingles(expected), guess = shingles(predicted);
  double tp = 0, fp = 0, fn = 0;
  for (const auto& [key, count] : guess) {
    auto it = truth.find(key);
    int t = it == truth.end() ? 0 : it->second;
    tp += std::min(t, count);
    fp += std::max(0, count - t);
  }
  for (const auto& [key, count] : truth) {
    auto it = guess.find(key);
    int g = it == guess.end() ? 0 : it->second;
    fn += std::max(0, count - g);
  }
  ShingleScore score;
  // An empty prediction of an empty body is perfect; an empty prediction otherwise scores 0.
  score.precision = tp + fp == 0 ? (fn == 0 ? 1 : 0) : tp / (tp + fp);
  score.recall = tp + fn == 0 ? 1 : tp / (tp + fn);
  return score;
}

}  // namespace beautyidx::bench
