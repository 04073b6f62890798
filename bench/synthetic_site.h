// A deterministic synthetic beauty blog of N articles, rendered on request: the same N gives
// the same pages byte for byte. Articles mix the sample blog's patterns (an expert introduced
// with a credential, attributed and continuation quotes, "Buy it now" lines with prices,
// concerns and techniques from the taxonomy, page furniture), and link to each other.
#pragma once

#include <cstddef>
#include <string>

namespace beautyidx::bench {

class SyntheticSite {
 public:
  explicit SyntheticSite(size_t articles) : articles_(articles) {}

  size_t articles() const { return articles_; }
  std::string article_path(size_t i) const;  // "/posts/000042/"
  std::string article(size_t i) const;       // the HTML of article i
  std::string home() const;                  // links to the first 50 articles
  std::string sitemap(const std::string& origin) const;

 private:
  size_t articles_;
};

}  // namespace beautyidx::bench
