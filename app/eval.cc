#include "app/eval.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/file.h"
#include "core/text.h"

namespace beautyidx::app {
namespace {

using nlohmann::json;

struct Score {
  double tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : tp / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : tp / (tp + fn); }
  double f1() const {
    double p = precision(), r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

struct Accuracy {
  double right = 0, total = 0;
  double value() const { return total == 0 ? 1.0 : right / total; }
};


std::string normalize_text(std::string_view text) {
  std::string out;
  for (const auto& w : match_words(text)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// Share of the gold quote's words that the extracted quote covers, as a set-overlap F1.
double overlap(const std::string& a, const std::string& b) {
  auto wa = match_words(a), wb = match_words(b);
  if (wa.empty() || wb.empty()) return 0;
  std::multiset<std::string> sa(wa.begin(), wa.end());
  double common = 0;
  for (const auto& w : wb) {
    auto it = sa.find(w);
    if (it != sa.end()) {
      ++common;
      sa.erase(it);
    }
  }
  double p = common / static_cast<double>(wb.size()), r = common / static_cast<double>(wa.size());
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

void score_sets(const std::set<std::string>& gold, const std::set<std::string>& got, Score& s) {
  for (const auto& g : gold) (got.count(g) ? s.tp : s.fn) += 1;
  for (const auto& x : got) {
    if (!gold.count(x)) s.fp += 1;
  }
}

std::set<std::string> string_set(const json& j) {
  std::set<std::string> out;
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) out.insert(v.get<std::string>());
    }
  }
  return out;
}

std::string lower_or_empty(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? to_lower_ascii(j[key].get<std::string>()) : "";
}

}  // namespace

Status run_eval(const extract::Extractor& extractor, const EvalOptions& options) {
  std::filesystem::path site = options.site_dir.empty() ? options.gold_dir.parent_path() : options.site_dir;
  std::error_code ec;
  std::vector<std::filesystem::path> gold_files;
  for (const auto& entry : std::filesystem::directory_iterator(options.gold_dir, ec)) {
    if (entry.path().extension() == ".json") gold_files.push_back(entry.path());
  }
  if (ec) return make_error(ErrorKind::kIo, "read gold " + options.gold_dir.string() + ": " + ec.message());
  if (gold_files.empty()) return make_error(ErrorKind::kNotFound, "no gold files in " + options.gold_dir.string());
  std::sort(gold_files.begin(), gold_files.end());

  Score quotes, products, products_exact_price, concerns, techniques, kind;
  Accuracy speaker, credential, title, author, date, must_include, must_exclude, page_kind, metadata;
  std::vector<std::string> misses;
  size_t pages = 0;
  for (const auto& path : gold_files) {
    json gold = json::parse(read_file(path).value_or(""), nullptr, false);
    if (!gold.is_object()) return make_error(ErrorKind::kParse, "gold " + path.string() + ": not JSON");
    std::string url_path = gold.value("url", "/");
    std::filesystem::path file = site / url_path.substr(1);
    if (url_path.ends_with("/")) file /= "index.html";
    std::string body = read_file(file).value_or("");
    if (body.empty()) {
      misses.push_back(path.filename().string() + ": page " + file.string() + " missing");
      continue;
    }
    ++pages;
    ExtractedPage page = extractor.extract({body, "http://sample.test" + url_path, "text/html"});
    std::string name = path.filename().string();
    std::string gold_kind = gold.value("kind", "article");
    page_kind.total += 1;
    if (gold_kind == page_kind_name(page.kind)) page_kind.right += 1;
    else misses.push_back(name + ": kind " + page_kind_name(page.kind) + " != " + gold_kind);
    if (gold_kind != "article") {
      // Non-articles must yield no quotes or products.
      quotes.fp += static_cast<double>(page.quotes.size());
      products.fp += static_cast<double>(page.products.size());
      continue;
    }

    title.total += 1;
    if (normalize_text(page.title) == normalize_text(gold.value("title", ""))) title.right += 1;
    else misses.push_back(name + ": title '" + page.title + "'");
    author.total += 1;
    if (string_set(gold["authors"]) == std::set<std::string>(page.authors.begin(), page.authors.end())) author.right += 1;
    else misses.push_back(name + ": authors " + json(page.authors).dump());
    date.total += 1;
    if (page.published && gold.value("published", "") == *page.published) date.right += 1;
    else misses.push_back(name + ": published " + page.published.value_or("null"));

    // Other metadata, where the gold states it.
    auto path_of = [](const std::string& url) {
      size_t scheme = url.find("://");
      size_t slash = scheme == std::string::npos ? 0 : url.find('/', scheme + 3);
      return slash == std::string::npos ? std::string("/") : url.substr(slash);
    };
    auto check = [&](const char* field, bool ok, const std::string& got) {
      metadata.total += 1;
      if (ok) metadata.right += 1;
      else misses.push_back(name + ": " + field + " '" + got + "'");
    };
    if (gold.contains("modified")) check("modified", page.modified && gold.value("modified", "") == *page.modified, page.modified.value_or(""));
    if (gold.contains("language")) check("language", gold.value("language", "") == page.language, page.language);
    if (gold.contains("site_name")) check("site_name", gold.value("site_name", "") == page.site_name, page.site_name);
    if (gold.contains("description")) check("description", normalize_text(gold.value("description", "")) == normalize_text(page.description), page.description);
    if (gold.contains("image")) check("image", path_of(page.image) == gold.value("image", ""), page.image);
    if (gold.contains("canonical_url")) check("canonical_url", path_of(page.canonical_url) == gold.value("canonical_url", ""), page.canonical_url);
    if (gold.contains("tags")) {
      std::set<std::string> want, got;
      for (const auto& t : gold["tags"]) want.insert(to_lower_ascii(t.get<std::string>()));
      for (const auto& t : page.tags) got.insert(to_lower_ascii(t));
      check("tags", want == got, json(page.tags).dump());
    }

    std::string text = normalize_text(page.text);
    for (const auto& sentence : gold.value("must_include", json::array())) {
      must_include.total += 1;
      if (text.find(normalize_text(sentence.get<std::string>())) != std::string::npos) must_include.right += 1;
      else misses.push_back(name + ": missing text '" + sentence.get<std::string>().substr(0, 60) + "'");
    }
    for (const auto& sentence : gold.value("must_exclude", json::array())) {
      must_exclude.total += 1;
      if (text.find(normalize_text(sentence.get<std::string>())) == std::string::npos) must_exclude.right += 1;
      else misses.push_back(name + ": kept boilerplate '" + sentence.get<std::string>().substr(0, 60) + "'");
    }

    // Quotes: a gold quote matches the extracted quote with the best word overlap >= 0.6.
    std::vector<bool> used(page.quotes.size(), false);
    for (const auto& g : gold.value("quotes", json::array())) {
      std::string gold_text = g.value("text", "");
      double best = 0;
      size_t best_index = page.quotes.size();
      for (size_t i = 0; i < page.quotes.size(); ++i) {
        if (used[i]) continue;
        double o = overlap(gold_text, page.quotes[i].text);
        if (o > best) {
          best = o;
          best_index = i;
        }
      }
      if (best >= 0.6) {
        quotes.tp += 1;
        used[best_index] = true;
        const Quote& q = page.quotes[best_index];
        if (g.contains("speaker") && g["speaker"].is_object()) {
          speaker.total += 1;
          credential.total += 1;
          std::string gold_name = lower_or_empty(g["speaker"], "name");
          if (q.speaker && to_lower_ascii(q.speaker->name) == gold_name) speaker.right += 1;
          else misses.push_back(name + ": speaker of '" + gold_text.substr(0, 40) + "' = " + (q.speaker ? q.speaker->name : "none"));
          std::string gold_credential = lower_or_empty(g["speaker"], "credential");
          if (q.speaker && to_lower_ascii(q.speaker->credential) == gold_credential) credential.right += 1;
          else misses.push_back(name + ": credential '" + (q.speaker ? q.speaker->credential : "") + "' != '" + gold_credential + "'");
        }
      } else {
        quotes.fn += 1;
        misses.push_back(name + ": missed quote '" + gold_text.substr(0, 60) + "'");
      }
    }
    for (size_t i = 0; i < page.quotes.size(); ++i) {
      if (!used[i]) {
        quotes.fp += 1;
        misses.push_back(name + ": extra quote '" + page.quotes[i].text.substr(0, 60) + "'");
      }
    }

    // Products: matched on brand + name; exact price checked separately.
    std::vector<bool> product_used(page.products.size(), false);
    for (const auto& g : gold.value("products", json::array())) {
      std::string key = normalize_text(g.value("brand", "") + " " + g.value("name", ""));
      bool found = false;
      for (size_t i = 0; i < page.products.size(); ++i) {
        if (product_used[i]) continue;
        const Product& p = page.products[i];
        if (normalize_text(p.brand + " " + p.name) != key) continue;
        product_used[i] = true;
        found = true;
        products.tp += 1;
        double amount = g.contains("price") ? g["price"].value("amount", -1.0) : -1.0;
        bool retailer_ok = lower_or_empty(g, "retailer") == to_lower_ascii(p.retailer);
        if (std::abs(amount - p.price.amount) < 0.005 && retailer_ok) products_exact_price.tp += 1;
        else {
          products_exact_price.fn += 1;
          misses.push_back(name + ": product '" + key + "' price/retailer " + std::to_string(p.price.amount) + " " + p.retailer);
        }
        break;
      }
      if (!found) {
        products.fn += 1;
        products_exact_price.fn += 1;
        misses.push_back(name + ": missed product '" + key + "'");
      }
    }
    for (size_t i = 0; i < page.products.size(); ++i) {
      if (!product_used[i]) {
        products.fp += 1;
        products_exact_price.fp += 1;
        misses.push_back(name + ": extra product '" + page.products[i].brand + " " + page.products[i].name + "'");
      }
    }
    Score c, t;
    score_sets(string_set(gold["concerns"]), {page.concerns.begin(), page.concerns.end()}, c);
    score_sets(string_set(gold["techniques"]), {page.techniques.begin(), page.techniques.end()}, t);
    concerns.tp += c.tp; concerns.fp += c.fp; concerns.fn += c.fn;
    techniques.tp += t.tp; techniques.fp += t.fp; techniques.fn += t.fn;
  }

  struct Row {
    const char* field;
    std::optional<Score> score;
    std::optional<Accuracy> accuracy;
  };
  std::vector<Row> rows = {
      {"quotes", quotes, {}},          {"speaker", {}, speaker},          {"credential", {}, credential},
      {"products", products, {}},      {"products+price", products_exact_price, {}},
      {"concerns", concerns, {}},      {"techniques", techniques, {}},    {"title", {}, title},
      {"author", {}, author},          {"date", {}, date},                {"must_include", {}, must_include},
      {"must_exclude", {}, must_exclude}, {"page_kind", {}, page_kind}, {"metadata", {}, metadata},
  };
  if (options.json) {
    json out = {{"pages", pages}};
    for (const Row& r : rows) {
      if (r.score) {
        out["fields"][r.field] = {{"precision", r.score->precision()}, {"recall", r.score->recall()}, {"f1", r.score->f1()},
                                  {"tp", r.score->tp}, {"fp", r.score->fp}, {"fn", r.score->fn}};
      } else {
        out["fields"][r.field] = {{"accuracy", r.accuracy->value()}, {"right", r.accuracy->right}, {"total", r.accuracy->total}};
      }
    }
    if (options.verbose) out["misses"] = misses;
    std::printf("%s\n", out.dump(2).c_str());
    return {};
  }
  std::printf("pages evaluated: %zu\n\n%-16s %9s %9s %9s %9s\n", pages, "field", "precision", "recall", "f1", "accuracy");
  for (const Row& r : rows) {
    if (r.score) {
      std::printf("%-16s %9.3f %9.3f %9.3f %9s\n", r.field, r.score->precision(), r.score->recall(), r.score->f1(), "");
    } else {
      std::printf("%-16s %9s %9s %9s %9.3f  (%.0f/%.0f)\n", r.field, "", "", "", r.accuracy->value(), r.accuracy->right,
                  r.accuracy->total);
    }
  }
  if (options.verbose) {
    std::printf("\n");
    for (const auto& m : misses) std::printf("  %s\n", m.c_str());
  }
  return {};
}

}  // namespace beautyidx::app
