#include "crawler/robots.h"

#include <algorithm>
#include <cstdlib>

#include "core/text.h"

namespace beautyidx::crawler {
namespace {

constexpr size_t kMaxRobotsBytes = 500 * 1024;

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

}  // namespace

std::string product_token(std::string_view user_agent) {
  user_agent = trim(user_agent);
  // A browser-like header names the crawler inside "(compatible; name/1.0; ...)".
  size_t compatible = to_lower_ascii(user_agent).find("compatible;");
  if (user_agent.starts_with("Mozilla") && compatible != std::string::npos) {
    user_agent = trim(user_agent.substr(compatible + 11));
  }
  size_t end = 0;
  while (end < user_agent.size() && is_token_char(user_agent[end])) ++end;
  return to_lower_ascii(user_agent.substr(0, end));
}

std::string normalize_robots_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    auto c = static_cast<unsigned char>(path[i]);
    if (c == '%' && i + 2 < path.size() && std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(path[i + 2]))) {
      out.push_back('%');
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(path[i + 1]))));
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(path[i + 2]))));
      i += 2;
    } else if (c >= 0x80) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

bool robots_pattern_matches(std::string_view pattern, std::string_view path) {
  // Matching with "*" (any run) and a trailing "$" (end of path), iteratively: positions in the
  // path that the pattern prefix can reach.
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::vector<size_t> positions{0};
  size_t p = 0;
  while (p < pattern.size()) {
    if (pattern[p] == '*') {
      size_t lowest = *std::min_element(positions.begin(), positions.end());
      positions.clear();
      for (size_t k = lowest; k <= path.size(); ++k) positions.push_back(k);
      ++p;
      continue;
    }
    size_t next_star = pattern.find('*', p);
    std::string_view literal = pattern.substr(p, next_star == std::string_view::npos ? std::string_view::npos : next_star - p);
    std::vector<size_t> advanced;
    for (size_t pos : positions) {
      if (path.substr(pos).starts_with(literal)) advanced.push_back(pos + literal.size());
    }
    if (advanced.empty()) return false;
    std::sort(advanced.begin(), advanced.end());
    advanced.erase(std::unique(advanced.begin(), advanced.end()), advanced.end());
    positions = std::move(advanced);
    p += literal.size();
  }
  if (!anchored) return true;
  return std::find(positions.begin(), positions.end(), path.size()) != positions.end();
}

Robots Robots::allow_all() { return Robots(); }

Robots Robots::disallow_all() {
  Robots robots;
  robots.disallow_everything_ = true;
  return robots;
}

Robots Robots::parse(std::string_view text) {
  Robots robots;
  text = text.substr(0, std::min(text.size(), kMaxRobotsBytes));
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  bool last_was_agent = false;
  int line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (end < text.size() && text[end] == '\r' && start < text.size() && text[start] == '\n') ++start;
    ++line_number;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      // Google also accepts "Disallow /x" with a space; RFC 9309 requires the colon.
      size_t space = trim(line).find(' ');
      if (space == std::string_view::npos) continue;
      line = trim(line);
      colon = space;
    }
    std::string key = to_lower_ascii(trim(line.substr(0, colon)));
    std::string_view value = trim(line.substr(colon + 1));
    // Common misspellings that real sites use.
    if (key == "useragent" || key == "user agent") key = "user-agent";
    if (key == "dissallow" || key == "dissalow" || key == "disalow" || key == "diasllow" || key == "disallaw") key = "disallow";
    if (key == "user-agent") {
      if (!last_was_agent) robots.groups_.push_back({});
      std::string agent = value.starts_with("*") ? std::string(1, '*') : product_token(value);
      if (!agent.empty()) robots.groups_.back().agents.push_back(agent);
      last_was_agent = true;
      continue;
    }
    if (key == "sitemap" || key == "site-map") {
      if (!value.empty()) robots.sitemaps_.emplace_back(value);
      continue;  // not part of any group
    }
    if (key == "allow" || key == "disallow") {
      last_was_agent = false;
      if (robots.groups_.empty()) continue;  // rules before any user-agent line are ignored
      if (value.empty()) continue;           // "Disallow:" alone means nothing is disallowed
      std::string pattern = normalize_robots_path(value);
      if (pattern.front() != '/' && pattern.front() != '*') pattern.insert(pattern.begin(), '/');
      robots.groups_.back().rules.push_back({key == "allow", pattern, line_number});
      continue;
    }
    if (key == "crawl-delay") {
      last_was_agent = false;
      if (robots.groups_.empty()) continue;
      char* parse_end = nullptr;
      std::string number(value);
      double seconds = std::strtod(number.c_str(), &parse_end);
      if (parse_end != number.c_str() && seconds >= 0) robots.groups_.back().crawl_delay = seconds;
      continue;
    }
    // Unknown keys do not end a group of user-agent lines.
  }
  return robots;
}

std::vector<const Robots::Group*> Robots::groups_for(std::string_view user_agent) const {
  std::string token = product_token(user_agent);
  std::vector<const Group*> specific, any;
  for (const Group& g : groups_) {
    for (const auto& agent : g.agents) {
      if (agent == "*") {
        any.push_back(&g);
      } else if (!token.empty() && agent == token) {
        specific.push_back(&g);
      }
    }
  }
  return specific.empty() ? any : specific;
}

RobotsDecision Robots::decide(std::string_view user_agent, std::string_view path) const {
  if (disallow_everything_) return {false, RobotsRule{false, "/", 0}};
  std::string normalized = normalize_robots_path(path.empty() ? "/" : path);
  if (normalized == "/robots.txt") return {true, std::nullopt};
  std::optional<RobotsRule> best;
  for (const Group* g : groups_for(user_agent)) {
    for (const RobotsRule& rule : g->rules) {
      if (!robots_pattern_matches(rule.pattern, normalized)) continue;
      if (!best || rule.pattern.size() > best->pattern.size() ||
          (rule.pattern.size() == best->pattern.size() && rule.allow && !best->allow)) {
        best = rule;
      }
    }
  }
  if (!best) return {true, std::nullopt};
  return {best->allow, best};
}

std::optional<double> Robots::crawl_delay(std::string_view user_agent) const {
  for (const Group* g : groups_for(user_agent)) {
    if (g->crawl_delay) return g->crawl_delay;
  }
  return std::nullopt;
}

}  // namespace beautyidx::crawler
