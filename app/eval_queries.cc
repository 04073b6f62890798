#include "app/eval_queries.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "core/file.h"
#include "core/text.h"

namespace beautyidx::app {
namespace {

using nlohmann::json;

bool path_matches(const std::string& url, const std::string& path) { return !path.empty() && url.ends_with(path); }

bool any_path(const std::string& url, const json& paths) {
  for (const auto& p : paths) {
    if (p.is_string() && path_matches(url, p.get<std::string>())) return true;
  }
  return false;
}

// A pick is relevant when its "brand name" contains one of the judged names, or one of them
// contains it (judges wrote names as the articles do, with or without the brand).
bool relevant_product(const recommender::Pick& pick, const json& names) {
  std::string full = to_lower_ascii(collapse_whitespace(pick.product.brand + " " + pick.product.name));
  std::string bare = to_lower_ascii(collapse_whitespace(pick.product.name));
  for (const auto& n : names) {
    if (!n.is_string()) continue;
    std::string judged = to_lower_ascii(collapse_whitespace(n.get<std::string>()));
    if (full == judged || bare == judged || full.find(judged) != std::string::npos ||
        (bare.size() >= 8 && judged.find(bare) != std::string::npos)) {
      return true;
    }
  }
  return false;
}

struct Mean {
  double sum = 0;
  size_t n = 0;
  void add(double x) {
    sum += x;
    ++n;
  }
  double value() const { return n ? sum / static_cast<double>(n) : 0; }
};

}  // namespace

Status run_query_eval(const recommender::Recommender& recommender, const QueryEvalOptions& options) {
  auto text = read_file(options.queries);
  if (!text) return std::unexpected(text.error());
  json judged = json::parse(*text, nullptr, false);
  if (!judged.is_object()) return make_error(ErrorKind::kParse, options.queries.string() + ": not a JSON object");

  Mean recommend_p3, search_p3, related_p5, empty_correct;
  size_t violations = 0, budget_misread = 0, related_empty = 0;
  json rows = json::array();
  for (const auto& q : judged.value("queries", json::array())) {
    std::string kind = q.value("kind", ""), question = q.value("query", ""), id = q.value("id", "");
    if (kind == "recommend") {
      auto response = recommender.recommend({question, 10});
      if (!response) return std::unexpected(response.error());
      const auto& budget = response->query.budget;
      if (q.contains("budget")) {
        const json& want = q["budget"];
        bool same = budget && budget->currency == want.value("currency", "USD") &&
                    (want.contains("max") ? budget->max && *budget->max == want["max"].get<double>() : !budget->max) &&
                    (want.contains("min") ? budget->min && *budget->min == want["min"].get<double>() : !budget->min);
        if (!same) ++budget_misread;
      }
      for (const auto& pick : response->results) {
        if (budget && budget->max && pick.product.price.amount > *budget->max) ++violations;
        if (budget && budget->min && pick.product.price.amount < *budget->min) ++violations;
        if (budget && pick.product.price.currency != budget->currency) ++violations;
      }
      double score = 0;
      if (q.value("expect_empty", false)) {
        score = response->results.empty() ? 1 : 0;
        empty_correct.add(score);
      } else {
        size_t hits = 0;
        for (size_t i = 0; i < std::min<size_t>(3, response->results.size()); ++i) {
          hits += relevant_product(response->results[i], q.value("relevant", json::array()));
        }
        score = static_cast<double>(hits) / 3.0;
        recommend_p3.add(score);
      }
      json top = json::array();
      for (size_t i = 0; i < std::min<size_t>(3, response->results.size()); ++i) {
        const auto& p = response->results[i].product;
        top.push_back(p.brand + " " + p.name);
      }
      rows.push_back({{"id", id}, {"query", question}, {"score", score}, {"top", top}});
    } else if (kind == "search") {
      auto response = recommender.search({question, 10});
      if (!response) return std::unexpected(response.error());
      std::set<std::string> speakers;
      for (const auto& s : q.value("relevant_speakers", json::array())) {
        if (s.is_string()) speakers.insert(s.get<std::string>());
      }
      size_t hits = 0;
      json top = json::array();
      for (size_t i = 0; i < std::min<size_t>(3, response->quotes.size()); ++i) {
        const auto& hit = response->quotes[i];
        bool by_speaker = hit.quote.speaker && speakers.count(hit.quote.speaker->name);
        hits += by_speaker || any_path(hit.article.url, q.value("relevant_articles", json::array()));
        top.push_back((hit.quote.speaker ? hit.quote.speaker->name : std::string("?")) + ": " + hit.article.title);
      }
      double score = static_cast<double>(hits) / 3.0;
      search_p3.add(score);
      rows.push_back({{"id", id}, {"query", question}, {"score", score}, {"top", top}});
    }
  }
  for (const auto& r : judged.value("related", json::array())) {
    std::string path = r.value("article", "");
    recommender::RelatedRequest request;
    request.url = options.origin + path;
    request.limit = 5;
    auto response = recommender.related(request);
    if (!response) {
      rows.push_back({{"related", path}, {"error", response.error().message}});
      related_p5.add(0);
      continue;
    }
    size_t hits = 0;
    for (const auto& hit : response->related) hits += any_path(hit.article.url, r.value("relevant", json::array()));
    if (response->related.empty()) ++related_empty;
    double score = response->related.empty() ? 0 : static_cast<double>(hits) / static_cast<double>(response->related.size());
    related_p5.add(score);
    json got = json::array();
    for (const auto& hit : response->related) got.push_back(hit.article.url);
    rows.push_back({{"related", path}, {"score", score}, {"got", got}});
  }

  if (options.json) {
    json out = {{"recommend_precision_at_3", recommend_p3.value()}, {"recommend_queries", recommend_p3.n},
                {"empty_answers_correct", empty_correct.value()}, {"empty_queries", empty_correct.n},
                {"search_precision_at_3", search_p3.value()}, {"search_queries", search_p3.n},
                {"budget_violations", violations}, {"budget_misread", budget_misread},
                {"related_precision_at_5", related_p5.value()}, {"related_articles", related_p5.n},
                {"related_empty", related_empty}};
    if (options.verbose) out["queries"] = rows;
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    std::printf("recommend  precision@3 %.3f  (%zu questions; %zu that must come back empty: %.0f%% did)\n",
                recommend_p3.value(), recommend_p3.n, empty_correct.n, 100 * empty_correct.value());
    std::printf("search     precision@3 %.3f  (%zu questions)\n", search_p3.value(), search_p3.n);
    std::printf("budget     %zu picks outside the asked budget, %zu budgets read differently from the judgment\n",
                violations, budget_misread);
    std::printf("related    precision@5 %.3f  (%zu articles, %zu with nothing related)\n", related_p5.value(),
                related_p5.n, related_empty);
    if (options.verbose) {
      for (const auto& row : rows) std::printf("  %s\n", row.dump().c_str());
    }
  }
  return {};
}

}  // namespace beautyidx::app
