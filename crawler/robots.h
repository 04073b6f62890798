// robots.txt per RFC 9309: groups by user-agent, longest-match rules with allow winning ties,
// "*" and "$" in patterns, Crawl-delay and Sitemap lines. Immutable after parsing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beautyidx::crawler {

struct RobotsRule {
  bool allow = false;
  std::string pattern;  // normalised: non-ASCII and %xx escapes in uppercase %XX form
  int line = 0;
};

struct RobotsDecision {
  bool allowed = true;
  std::optional<RobotsRule> rule;  // the deciding rule; none when no rule matched
};

class Robots {
 public:
  // Parses at most the first 500 KiB, as RFC 9309 allows.
  static Robots parse(std::string_view text);
  static Robots allow_all();
  static Robots disallow_all();

  // `path` is the URL's path and query ("/a/b?x=1"). `user_agent` may be a full User-Agent
  // header; only its product token ("beautyidx") is matched against groups.
  RobotsDecision decide(std::string_view user_agent, std::string_view path) const;
  bool allowed(std::string_view user_agent, std::string_view path) const {
    return decide(user_agent, path).allowed;
  }
  // Crawl-delay in seconds for the agent's group, when given.
  std::optional<double> crawl_delay(std::string_view user_agent) const;
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  struct Group {
    std::vector<std::string> agents;  // lowercase product tokens, "*" for any
    std::vector<RobotsRule> rules;
    std::optional<double> crawl_delay;
  };
  std::vector<const Group*> groups_for(std::string_view user_agent) const;

  std::vector<Group> groups_;
  std::vector<std::string> sitemaps_;
  bool disallow_everything_ = false;
};

// "Mozilla/5.0 (compatible; beautyidx/0.1; +https://…)" -> "beautyidx"; "beautyidx/0.1" ->
// "beautyidx". Lowercase.
std::string product_token(std::string_view user_agent);

// True when `path` matches a robots.txt pattern (both already normalised).
bool robots_pattern_matches(std::string_view pattern, std::string_view path);

// Normalises a path or pattern for matching: bytes >= 0x80 are percent-encoded and existing
// %xx escapes are uppercased.
std::string normalize_robots_path(std::string_view path);

}  // namespace beautyidx::crawler
