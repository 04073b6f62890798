#include "extract/html_blocks.h"

#include <gumbo.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <strings.h>
#include <optional>
#include <array>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/phrase_set.h"
#include "core/text.h"

namespace beautyidx::extract {
namespace {

using namespace std::string_view_literals;

// strip_inert_markup replaces each <a href="..."> with <a bx=N>, N indexing the original
// values: link URLs are a quarter of what reaches the parser, and it would walk each of their
// code points. The walker maps N back. ("bx" is not an HTML attribute, and a page's own "bx"
// attributes are filtered out before the parser sees them.)
constexpr const char* kLinkTargetAttribute = "bx";
// Likewise each class attribute becomes bc=N, N indexing its filtered value: classes are the
// largest part of what else reaches the parser (a third of it on a WordPress theme's page, whose
// menus repeat "menu-item menu-item-type-taxonomy menu-item-object-category" on every entry).
constexpr const char* kClassAttribute = "bc";

// Gumbo turns every character of text into a token and runs the tree builder on each; on a
// typical page that is most of the parse. So strip_inert_markup hands it each run of text as a
// single placeholder character from Supplementary Private Use Area-A (U+F0000 + index) and keeps
// the text here; the walker expands placeholders as it reads text nodes. Text the parser must
// interpret stays in place: character references ("&amp;"), whitespace-only runs (which the
// tree builder treats differently from other text), and short runs, where a placeholder would
// save nothing. Pages that already contain characters from those planes keep their text as is.
class TextRuns {
 public:
  static constexpr uint32_t kFirst = 0xF0000;
  static constexpr size_t kCapacity = 0xFFFFD - kFirst + 1;

  // Whether placeholders can be used for this page.
  static bool usable_for(std::string_view html) {
    for (size_t i = html.find('\xF3'); i != std::string_view::npos; i = html.find('\xF3', i + 1)) {
      if (i + 1 < html.size() && (static_cast<unsigned char>(html[i + 1]) & 0xF0) == 0xB0) return false;
    }
    return true;
  }

  // Stores `text` (whitespace collapsed, NULs dropped as the parser would) and appends its
  // placeholder to `out`; false when the table is full.
  bool add(std::string& out, std::string_view text) {
    if (runs_.size() >= kCapacity) return false;
    size_t offset = store_.size();
    append_collapsed_text(store_, text);
    runs_.emplace_back(offset, store_.size() - offset);
    append_utf8(out, kFirst + static_cast<uint32_t>(runs_.size() - 1));
    return true;
  }

  // Appends `text` from a parsed node with each placeholder replaced by its run.
  void expand_into(std::string& out, std::string_view text) const {
    size_t start = 0;
    for (size_t i = text.find('\xF3'); i != std::string_view::npos; i = text.find('\xF3', i + 1)) {
      if (i + 3 >= text.size() || (static_cast<unsigned char>(text[i + 1]) & 0xF0) != 0xB0) continue;
      uint32_t code = (static_cast<uint32_t>(text[i] & 0x07) << 18) | (static_cast<uint32_t>(text[i + 1] & 0x3F) << 12) |
                      (static_cast<uint32_t>(text[i + 2] & 0x3F) << 6) | static_cast<uint32_t>(text[i + 3] & 0x3F);
      size_t index = code - kFirst;
      if (index >= runs_.size()) continue;
      out.append(text.substr(start, i - start));
      out.append(store_, runs_[index].first, runs_[index].second);
      start = i + 4;
      i += 3;
    }
    out.append(text.substr(start));
  }

  size_t expanded_length(std::string_view text) const {
    if (runs_.empty() || text.find('\xF3') == std::string_view::npos) return text.size();
    thread_local std::string scratch;
    scratch.clear();
    expand_into(scratch, text);
    return scratch.size();
  }

 private:
  static void append_collapsed_text(std::string& out, std::string_view text) {
    // Through a cursor, not a push_back per byte: every text run of a page passes here.
    size_t old_size = out.size();
    out.resize(old_size + text.size());
    char* cursor = out.data() + old_size;
    bool space = false;
    for (char c : text) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
        if (!space) *cursor++ = c;
        space = true;
      } else if (c != '\0') {
        *cursor++ = c;
        space = false;
      }
    }
    out.resize(static_cast<size_t>(cursor - out.data()));
  }

  std::string store_;
  std::vector<std::pair<size_t, size_t>> runs_;  // offset and length in store_
};

// Gumbo allocates every node, string and vector through these. A bump arena makes each
// allocation a pointer increment and freeing the whole tree one step, instead of a malloc and
// a free per piece; it lives exactly as long as one parse.
class ParseArena {
 public:
  ParseArena() = default;
  ParseArena(const ParseArena&) = delete;
  ParseArena& operator=(const ParseArena&) = delete;

  void* allocate(size_t size) {
    size = (size + 15) & ~size_t{15};
    if (size > kBlockSize / 4) {
      large_.push_back(std::make_unique_for_overwrite<char[]>(size));
      return large_.back().get();
    }
    if (used_ + size > kBlockSize) {
      if (++current_ == blocks_.size()) blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
      used_ = 0;
    }
    void* p = blocks_[current_].get() + used_;
    used_ += size;
    return p;
  }

  // Forgets every allocation but keeps the first block, so the next parse on this thread
  // starts on memory that is already mapped.
  void reset() {
    large_.clear();
    blocks_.resize(1);
    current_ = 0;
    used_ = 0;
  }

  static void* gumbo_allocate(void* self, size_t size) { return static_cast<ParseArena*>(self)->allocate(size); }
  static void gumbo_deallocate(void*, void*) {}

 private:
  static constexpr size_t kBlockSize = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_ = make_first_block();
  std::vector<std::unique_ptr<char[]>> large_;
  size_t current_ = 0;
  size_t used_ = 0;

  static std::vector<std::unique_ptr<char[]>> make_first_block() {
    std::vector<std::unique_ptr<char[]>> blocks;
    blocks.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
    return blocks;
  }
};

// Subtrees that never hold article text, by tag.
bool is_ignored_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_TITLE: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
      return true;
    default:
      return false;
  }
}

// Page furniture by tag: navigation, site header and footer, sidebars, forms.
bool is_furniture_tag(GumboTag tag) {
  return tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_FOOTER || tag == GUMBO_TAG_ASIDE ||
         tag == GUMBO_TAG_FORM || tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_MENU;
}

bool is_block_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_PRE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_NAV: case GUMBO_TAG_FORM:
    case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_CAPTION: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

BlockType block_type_of(GumboTag tag, int* level) {
  switch (tag) {
    case GUMBO_TAG_H1: *level = 1; return BlockType::kHeading;
    case GUMBO_TAG_H2: *level = 2; return BlockType::kHeading;
    case GUMBO_TAG_H3: *level = 3; return BlockType::kHeading;
    case GUMBO_TAG_H4: *level = 4; return BlockType::kHeading;
    case GUMBO_TAG_H5: *level = 5; return BlockType::kHeading;
    case GUMBO_TAG_H6: *level = 6; return BlockType::kHeading;
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: return BlockType::kListItem;
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION: return BlockType::kCaption;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: return BlockType::kCell;
    case GUMBO_TAG_PRE: return BlockType::kPre;
    default: return BlockType::kParagraph;
  }
}

// Decodes the character references a URL in an attribute may hold ("&amp;", "&#38;", "&#x26;",
// "&quot;"); the parser would have, had it seen the attribute. Unknown names stay as written.
std::string decode_character_references(std::string_view value) {
  if (value.find('&') == std::string_view::npos) return std::string(value);
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '&') {
      out += value[i];
      continue;
    }
    size_t semicolon = value.find(';', i + 1);
    if (semicolon == std::string_view::npos || semicolon - i > 10) {
      out += '&';
      continue;
    }
    std::string_view name = value.substr(i + 1, semicolon - i - 1);
    uint32_t code = 0;
    if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
      if (ec != std::errc() || end != digits.data() + digits.size() || code == 0 || code > 0x10FFFF ||
          (code >= 0xD800 && code <= 0xDFFF)) {
        code = 0;
      }
    } else if (name == "amp") code = '&';
    else if (name == "quot") code = '"';
    else if (name == "apos") code = '\'';
    else if (name == "lt") code = '<';
    else if (name == "gt") code = '>';
    else if (name == "nbsp") code = 0xA0;
    if (code == 0) {
      out += '&';
      continue;
    }
    append_utf8(out, code);
    i = semicolon;
  }
  return out;
}

// Whether an attribute is called `name` (lowercase). The tokenizer lowercases every attribute
// name it reads, so this is an exact compare, where gumbo_get_attribute's strcasecmp cost 2% of
// an extraction (elements are asked for several attributes each).
bool named(const GumboAttribute& a, std::string_view name) {
  return a.name[0] == name[0] && std::strncmp(a.name, name.data(), name.size()) == 0 && a.name[name.size()] == '\0';
}

const GumboAttribute* find_attribute(const GumboNode* node, std::string_view name) {
  const GumboVector& attributes = node->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attributes.data[i]);
    if (named(*a, name)) return a;
  }
  return nullptr;
}

const char* attribute(const GumboNode* node, std::string_view name) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = find_attribute(node, name);
  return a ? a->value : nullptr;
}

std::string lower_attribute(const GumboNode* node, std::string_view name) {
  const char* value = attribute(node, name);
  return value ? to_lower_ascii(value) : std::string();
}

// Class/id words that mark page furniture. Strong ones always do ("comments-area",
// "share-bar"); weak ones only when no content word is also present, so "content-with-sidebar"
// and "post-body" stay while "sidebar" and "site-footer" go. Substrings for the distinctive
// words, whole hyphen-separated segments for short ones that would match inside other words.
constexpr std::array<std::string_view, 26> kStrongSubstrings = {
    "comment", "share", "social", "newsletter", "subscribe", "cookie", "consent", "promo",
    "breadcrumb", "disclaimer", "advert", "sponsor", "popup", "signup", "sign-up",
    "read-next", "readnext", "more-stories", "recommended", "you-may-like", "also-like",
    "skip-link", "screen-reader", "gdpr", "outbrain", "taboola"};
constexpr std::array<std::string_view, 7> kStrongSegments = {
    "cta", "dfp", "related", "adsense", "adslot", "print", "subscription"};
constexpr std::array<std::string_view, 9> kWeakSubstrings = {
    "sidebar", "pagination", "masthead", "navbar", "toolbar", "disclosure", "tagcloud",
    "menu", "footer"};
constexpr std::array<std::string_view, 9> kWeakSegments = {
    "nav", "tags", "meta", "byline", "header", "banner", "author", "postmeta", "aside"};
constexpr std::array<std::string_view, 8> kBioMarkers = {
    "author-bio", "authorbio", "author-box", "authorbox", "about-author", "author-info",
    "author-card", "author-description"};
constexpr std::array<std::string_view, 9> kContentWords = {
    "content", "article", "body", "main", "entry", "post", "story", "text", "column"};
// The same lists as automata: a class or id is checked against all of a list in one pass over
// it, where a find() per word read it dozens of times (real pages carry hundreds of classes).
const PhraseSet kStrongSubstringSet{std::span<const std::string_view>(kStrongSubstrings)};
const PhraseSet kStrongSegmentSet{std::span<const std::string_view>(kStrongSegments)};
const PhraseSet kWeakSubstringSet{std::span<const std::string_view>(kWeakSubstrings)};
const PhraseSet kWeakSegmentSet{std::span<const std::string_view>(kWeakSegments)};
const PhraseSet kBioMarkerSet{std::span<const std::string_view>(kBioMarkers)};
const PhraseSet kContentWordSet{std::span<const std::string_view>(kContentWords)};
const PhraseSet kAnyMarkerSet = PhraseSet::joined(kStrongSubstrings, kStrongSegments, kWeakSubstrings,
                                                  kWeakSegments, kContentWords, kBioMarkers);

bool token_has_segment(std::string_view token, std::string_view segment) {
  size_t at = 0;
  while ((at = token.find(segment, at)) != std::string_view::npos) {
    bool left = at == 0 || token[at - 1] == '-' || token[at - 1] == '_';
    size_t end = at + segment.size();
    bool right = end == token.size() || token[end] == '-' || token[end] == '_';
    if (left && right) return true;
    at = end;
  }
  return false;
}

// The first of the characters `Separators` in `text` from `from` on, or npos. find_first_of
// runs a memchr over its set for every byte, which made splitting class lists 2% of an
// extraction.
template <char... Separators>
size_t find_separator(std::string_view text, size_t from) {
  for (size_t i = from; i < text.size(); ++i) {
    if (((text[i] == Separators) || ...)) return i;
  }
  return std::string_view::npos;
}

// The views point into `attribute_value`; a temporary would leave them dangling (the fuzzer's
// first find), so temporaries are refused at compile time.
std::vector<std::string_view> class_tokens(std::string&&) = delete;
std::vector<std::string_view> class_tokens(const std::string& attribute_value) {
  std::vector<std::string_view> tokens;
  size_t start = 0;
  while (start < attribute_value.size()) {
    size_t end = find_separator<' ', '\t', '\n'>(attribute_value, start);
    if (end == std::string::npos) end = attribute_value.size();
    if (end > start) tokens.emplace_back(attribute_value.data() + start, end - start);
    start = end + 1;
  }
  return tokens;
}

// kSkip: do not descend at all (scripts, styles, <br>).
enum class Role { kContent, kFurniture, kBio, kSkip };

// The role that an element's class and id names give it (kContent when they say nothing);
// pure in (tag, names), so the walker caches it per page.
Role role_from_names(GumboTag tag, const std::string& names);

// The index a bc=N attribute holds, or npos when it is not a valid one.
size_t class_index(const GumboAttribute& a, const std::vector<std::string>& class_values) {
  size_t n = 0;
  const char* end = a.value + std::strlen(a.value);
  auto [stop, ec] = std::from_chars(a.value, end, n);
  return ec == std::errc() && stop == end && n < class_values.size() ? n : std::string::npos;
}

const char* class_value(const GumboAttribute& a, const std::vector<std::string>& class_values) {
  size_t n = class_index(a, class_values);
  return n != std::string::npos ? class_values[n].c_str() : nullptr;
}

// The class attribute's value: from the table strip_inert_markup made, or the attribute itself
// when a malformed tag was passed through unfiltered.
const char* class_of(const GumboNode* node, const std::vector<std::string>& class_values) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (const GumboAttribute* a = find_attribute(node, kClassAttribute)) {
    return class_value(*a, class_values);
  }
  return attribute(node, "class");
}

// What role_of worked out on this page, by what decided it.
struct RoleCache {
  // Elements named by a class from the table alone (no id): by tag and the class's index, so
  // the common case neither copies nor hashes a string.
  std::unordered_map<uint64_t, Role> by_class_index;
  std::unordered_map<std::string, Role> by_names;  // tag (two bytes) + lowercased "class id "
};

Role role_of(const GumboNode* node, RoleCache& cache, const std::vector<std::string>& class_values) {
  GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_MAIN) return Role::kContent;
  // The attributes that decide, read in one pass over the element's (every element comes here).
  const char *role = nullptr, *cls = nullptr, *id = nullptr;
  size_t cls_index = std::string::npos;
  bool hidden = false;
  const GumboVector& attributes = node->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attributes.data[i]);
    if (!role && named(*a, "role")) {
      role = a->value;
    } else if (!cls && named(*a, kClassAttribute)) {
      cls_index = class_index(*a, class_values);
      if (cls_index != std::string::npos) cls = class_values[cls_index].c_str();
    } else if (!cls && named(*a, "class")) {
      cls = a->value;
    } else if (!id && named(*a, "id")) {
      id = a->value;
    } else if (named(*a, "hidden") || (named(*a, "aria-hidden") && equals_ignore_case(a->value, "true"))) {
      hidden = true;
    }
  }
  if (role) {
    std::string_view r = role;
    if (equals_ignore_case(r, "navigation") || equals_ignore_case(r, "banner") ||
        equals_ignore_case(r, "contentinfo") || equals_ignore_case(r, "complementary") ||
        equals_ignore_case(r, "dialog") || equals_ignore_case(r, "alert")) {
      return Role::kFurniture;
    }
  }
  if (hidden) return Role::kFurniture;
  if (cls == nullptr && id == nullptr) return is_furniture_tag(tag) ? Role::kFurniture : Role::kContent;
  // The key is built in a reused buffer: most lookups hit, and then nothing is allocated.
  thread_local std::string key;
  auto names_key = [&] {
    key.assign({static_cast<char>(tag & 0x7F), static_cast<char>((tag >> 7) & 0x7F)});
    for (const char* part : {cls, id}) {
      size_t from = key.size();
      key.append(part ? part : "");
      for (size_t i = from; i < key.size(); ++i) {
        if (key[i] >= 'A' && key[i] <= 'Z') key[i] = static_cast<char>(key[i] - 'A' + 'a');
      }
      key += ' ';
    }
  };
  if (cls_index != std::string::npos && id == nullptr) {
    uint64_t index_key = (static_cast<uint64_t>(tag) << 32) | cls_index;
    if (auto it = cache.by_class_index.find(index_key); it != cache.by_class_index.end()) return it->second;
    names_key();
    Role role_by_names = role_from_names(tag, key.substr(2));
    cache.by_class_index.emplace(index_key, role_by_names);
    return role_by_names;
  }
  names_key();
  auto it = cache.by_names.find(key);
  if (it != cache.by_names.end()) return it->second;
  Role role_by_names = role_from_names(tag, key.substr(2));
  cache.by_names.emplace(key, role_by_names);
  return role_by_names;
}

Role role_from_names(GumboTag tag, const std::string& names) {
  bool content_word = kContentWordSet.contains_any(names);
  auto has_segment = [](std::string_view token, const PhraseSet& set, const auto& segments) {
    if (!set.contains_any(token)) return false;  // none occurs at all, as a segment or not
    return std::any_of(segments.begin(), segments.end(),
                       [&](std::string_view segment) { return token_has_segment(token, segment); });
  };
  for (auto token : class_tokens(names)) {
    if (kBioMarkerSet.contains_any(token)) return Role::kBio;
    // "has-sidebar", "is-single", "with-comments" describe the page, not this element.
    if (token.starts_with("has-") || token.starts_with("with-") || token.starts_with("no-") ||
        token.starts_with("is-") || token.starts_with("single") || token.starts_with("page-")) {
      continue;
    }
    if (tag == GUMBO_TAG_ARTICLE && token.find("comment") == std::string_view::npos) continue;
    if (kStrongSubstringSet.contains_any(token)) return Role::kFurniture;
    if (has_segment(token, kStrongSegmentSet, kStrongSegments)) return Role::kFurniture;
    // Ad slots: "ad", "ads", "ad-slot", "top-ad"; not "non-ad-column" or "header-adjacent".
    if (token == "ad" || token == "ads" || token.starts_with("ad-") || token.starts_with("ads-") ||
        ((token.ends_with("-ad") || token.ends_with("-ads")) && !token.starts_with("non-"))) {
      return Role::kFurniture;
    }
    if (content_word) continue;
    if (kWeakSubstringSet.contains_any(token)) return Role::kFurniture;
    if (has_segment(token, kWeakSegmentSet, kWeakSegments)) return Role::kFurniture;
  }
  if (is_furniture_tag(tag)) {
    // <header> inside an article holds its title and byline, not site furniture; the title is
    // taken from metadata, so both are left out of the text either way.
    return Role::kFurniture;
  }
  return Role::kContent;
}

// Visible text of a subtree (iterative: documents may nest thousands deep).
std::string subtree_text(const GumboNode* root, const TextRuns& runs, size_t limit = 2000) {
  std::string out;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty() && out.size() < limit) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      runs.expand_into(out, node->v.text.text);
    } else if (node->type == GUMBO_NODE_ELEMENT) {
      if (is_ignored_tag(node->v.element.tag) && node != root) continue;
      if (is_block_tag(node->v.element.tag)) out += ' ';
      const GumboVector& children = node->v.element.children;
      for (unsigned i = children.length; i > 0; --i) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
      }
    }
  }
  return collapse_whitespace(out);
}

// `needle` is lowercase ASCII.
bool contains_ignore_case(const char* haystack, std::string_view needle) {
  if (haystack == nullptr || needle.empty()) return false;
  for (const char* p = haystack; *p; ++p) {
    if ((*p | 0x20) == needle[0] && strncasecmp(p, needle.data(), needle.size()) == 0) return true;
  }
  return false;
}

bool is_comment_section(const GumboNode* node, const std::vector<std::string>& class_values) {
  return contains_ignore_case(class_of(node, class_values), "comment") ||
         contains_ignore_case(attribute(node, "id"), "comment");
}

// A heading whose text is a link: the title of an entry in a listing.
bool is_linked_heading(const GumboNode* heading, const TextRuns& runs) {
  std::string all = subtree_text(heading, runs, 300);
  if (all.size() < 12) return false;
  size_t linked = 0;
  std::vector<const GumboNode*> stack{heading};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    if (node->v.element.tag == GUMBO_TAG_A) {
      linked += subtree_text(node, runs, 300).size();
      continue;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
  return linked * 10 >= all.size() * 6;
}

struct RawBlock {
  Block block;
  const GumboNode* owner = nullptr;
};

class Walker {
 public:
  Walker(ParsedHtml& out, const std::vector<std::string_view>& link_targets,
         const std::vector<std::string>& class_values, const TextRuns& text_runs)
      : out_(out), link_targets_(link_targets), class_values_(class_values), text_runs_(text_runs) {}

  void run(const GumboNode* root) {
    measure_text(root);
    struct Frame {
      const GumboNode* node;
      unsigned next_child;
      Role role;
    };
    std::vector<Frame> stack;
    enter(root);
    stack.push_back({root, 0, Role::kContent});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const GumboNode* node = frame.node;
      if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) {
        stack.pop_back();
        continue;
      }
      const GumboVector& children =
          node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
      if (frame.next_child >= children.length) {
        leave(node, frame.role);
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
          child->type == GUMBO_NODE_CDATA) {
        expanded_.clear();
        text_runs_.expand_into(expanded_, child->v.text.text);
        text(expanded_);
        continue;
      }
      if (child->type != GUMBO_NODE_ELEMENT && child->type != GUMBO_NODE_TEMPLATE) continue;
      Role role = enter(child);
      if (role == Role::kSkip) continue;
      stack.push_back({child, 0, role});
    }
    flush();
  }

  std::vector<RawBlock> take_blocks() { return std::move(blocks_); }

 private:
  // Visible-text bytes outside links under every element (depth first, iterative), for the
  // wrapper check. Only the elements holding 35% or more of the page's such text are kept: the
  // check passes no other. Link text does not count there, or a grid of linked cards after a
  // short article would pass for the page's wrapper; it does count in the page's total, which
  // says whether the page has enough text for the check at all. Sizes add up on the stack; a
  // hash map from node to size was 1.4% of an extraction.
  void measure_text(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned next_child;
      size_t bytes;
      bool in_link;
    };
    std::vector<Frame> stack{{root, 0, 0, false}};
    std::vector<std::pair<const GumboNode*, size_t>> sizes;
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector& children =
          top.node->type == GUMBO_NODE_DOCUMENT ? top.node->v.document.children : top.node->v.element.children;
      if (top.next_child < children.length) {
        const auto* child = static_cast<const GumboNode*>(children.data[top.next_child++]);
        if (child->type == GUMBO_NODE_TEXT) {
          size_t length = text_runs_.expanded_length(child->v.text.text);
          total_text_ += length;
          if (!top.in_link) top.bytes += length;
        } else if (child->type == GUMBO_NODE_ELEMENT && !is_ignored_tag(child->v.element.tag)) {
          bool in_link = top.in_link || child->v.element.tag == GUMBO_TAG_A;
          stack.push_back({child, 0, 0, in_link});  // `top` dangles from here
        }
        continue;
      }
      Frame done = top;
      stack.pop_back();
      sizes.emplace_back(done.node, done.bytes);
      if (!stack.empty()) stack.back().bytes += done.bytes;
    }
    const size_t unlinked_text = sizes.back().second;  // the root's, which finishes last
    for (const auto& [node, bytes] : sizes) {
      if (bytes > 0 && bytes * 100 >= unlinked_text * 35) most_text_holders_.push_back(node);
    }
    std::sort(most_text_holders_.begin(), most_text_holders_.end());
  }

  Role enter(const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT) return Role::kContent;
    GumboTag tag = node->v.element.tag;
    collect_metadata(node);
    // A void or skipped element that opens an item closes it at once: leave() never sees it.
    if (read_microdata(node) && (is_ignored_tag(tag) || tag == GUMBO_TAG_BR)) close_item(node);
    if (is_ignored_tag(tag)) return Role::kSkip;
    if (tag == GUMBO_TAG_BR) {
      // "<br><br>" separates paragraphs on old sites that never used <p>.
      size_t end = buffer_.find_last_not_of(" \t\r");
      if (end != std::string::npos && buffer_[end] == '\n') flush();
      else buffer_ += '\n';
      return Role::kSkip;
    }
    Role role = role_of(node, role_cache_, class_values_);
    // A "furniture" element that holds most of the page's text is a wrapper with an unlucky
    // name ("m-advertisement-off-canvas--pusher"), not furniture. Comment threads stay out.
    const bool comment_section = is_comment_section(node, class_values_);
    if (role == Role::kFurniture && !comment_section && total_text_ > 2000) {
      if (std::binary_search(most_text_holders_.begin(), most_text_holders_.end(), node)) role = Role::kContent;
    }
    if (role == Role::kBio && bio_depth_ == 0) {
      flush();
      out_.author_bio = subtree_text(node, text_runs_);
    }
    if (role == Role::kBio) ++bio_depth_;
    if (role == Role::kFurniture) ++furniture_depth_;
    if (role == Role::kFurniture && !is_furniture_tag(tag)) ++marked_furniture_depth_;
    if (in_comments_ > 0 || comment_section) ++in_comments_;
    if ((tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4) && marked_furniture_depth_ == 0 &&
        is_linked_heading(node, text_runs_)) {
      ++out_.linked_headings;
    }
    if (tag == GUMBO_TAG_A) {
      ++link_depth_;
      if (std::optional<std::string> href = link_target(node)) {
        std::string rel = lower_attribute(node, "rel");
        out_.links.push_back({*href, rel.find("nofollow") != std::string::npos ||
                                        rel.find("sponsored") != std::string::npos ||
                                        rel.find("ugc") != std::string::npos});
        if (content_depth() == 0) buffer_hrefs_.push_back(std::move(*href));
      }
    }
    if (tag == GUMBO_TAG_BLOCKQUOTE) ++blockquote_depth_;
    if (is_block_tag(tag)) {
      flush();
      owners_.push_back(node);
    }
    return role;
  }

  void leave(const GumboNode* node, Role role) {
    if (node->type == GUMBO_NODE_DOCUMENT) return;
    GumboTag tag = node->v.element.tag;
    if (!items_.empty() && items_.back().node == node) close_item(node);
    if (is_block_tag(tag)) {
      flush();
      if (!owners_.empty()) owners_.pop_back();
    }
    if (tag == GUMBO_TAG_A && link_depth_ > 0) --link_depth_;
    if (tag == GUMBO_TAG_BLOCKQUOTE && blockquote_depth_ > 0) --blockquote_depth_;
    if (role == Role::kBio && bio_depth_ > 0) --bio_depth_;
    if (role == Role::kFurniture && furniture_depth_ > 0) --furniture_depth_;
    if (role == Role::kFurniture && !is_furniture_tag(tag) && marked_furniture_depth_ > 0) --marked_furniture_depth_;
    if (in_comments_ > 0) --in_comments_;
  }

  int content_depth() const { return furniture_depth_ + bio_depth_; }

  void text(std::string_view raw) {
    size_t length = raw.size();
    // Bylines written as text ("Posted on 10/02/2012 by Theo Lindqvist"), outside comments.
    if (length < 160 && in_comments_ == 0 && out_.meta.byline_texts.size() < 8) {
      std::string_view t = trim(raw);
      std::string lower = to_lower_ascii(t.substr(0, std::min<size_t>(t.size(), 60)));
      if (lower.starts_with("by ") || lower.starts_with("written by") || lower.starts_with("posted by") ||
          lower.starts_with("posted on") || lower.starts_with("published")) {
        out_.meta.byline_texts.push_back(collapse_whitespace(t));
      }
    }
    out_.total_text_chars += length;
    if (link_depth_ > 0) out_.total_link_chars += length;
    if (content_depth() > 0) return;
    buffer_.append(raw);
    if (link_depth_ > 0) buffer_link_raw_ += length;
  }

  void flush() {
    if (buffer_.empty()) {
      buffer_hrefs_.clear();
      return;
    }
    std::string collapsed = collapse_whitespace(buffer_);
    size_t link_chars = std::min(buffer_link_raw_, collapsed.size());
    buffer_.clear();
    buffer_link_raw_ = 0;
    if (collapsed.empty()) {
      buffer_hrefs_.clear();
      return;
    }
    RawBlock raw;
    raw.owner = owners_.empty() ? nullptr : owners_.back();
    int level = 0;
    raw.block.type = raw.owner ? block_type_of(raw.owner->v.element.tag, &level) : BlockType::kParagraph;
    raw.block.heading_level = level;
    raw.block.in_blockquote = blockquote_depth_ > 0;
    raw.block.text = std::move(collapsed);
    raw.block.link_chars = link_chars;
    raw.block.hrefs = std::move(buffer_hrefs_);
    buffer_hrefs_.clear();
    blocks_.push_back(std::move(raw));
  }

  void collect_metadata(const GumboNode* node) {
    HtmlMetadata& meta = out_.meta;
    switch (node->v.element.tag) {
      case GUMBO_TAG_HTML:
        meta.lang = lower_attribute(node, "lang");
        break;
      case GUMBO_TAG_TITLE:
        if (meta.title_tag.empty()) meta.title_tag = subtree_text(node, text_runs_);
        break;
      case GUMBO_TAG_BASE:
        if (const char* href = attribute(node, "href"); href && meta.base_href.empty()) meta.base_href = href;
        break;
      case GUMBO_TAG_META: {
        std::string key = lower_attribute(node, "property");
        if (key.empty()) key = lower_attribute(node, "name");
        if (key.empty()) key = lower_attribute(node, "http-equiv");
        if (key.empty()) key = lower_attribute(node, "itemprop");
        const char* content = attribute(node, "content");
        if (!content) break;
        std::string value = collapse_whitespace(content);
        if (key == "og:title" || key == "twitter:title") {
          if (meta.og_title.empty()) meta.og_title = value;
        } else if (key == "og:type") {
          meta.og_type = to_lower_ascii(value);
        } else if (key == "og:site_name" || key == "application-name") {
          if (meta.site_name.empty()) meta.site_name = value;
        } else if (key == "description" || key == "og:description" || key == "twitter:description") {
          if (meta.description.empty()) meta.description = value;
        } else if (key == "author" || key == "article:author" || key == "byl" || key == "dc.creator") {
          if (!value.empty() && value.find("://") == std::string::npos) meta.meta_authors.push_back(value);
        } else if (key == "article:modified_time" || key == "og:updated_time" || key == "datemodified" ||
                   key == "last-modified") {
          if (meta.modified_meta.empty()) meta.modified_meta = value;
        } else if (key == "og:image" || key == "twitter:image" || key == "og:image:url" || key == "twitter:image:src") {
          if (meta.image.empty()) meta.image = value;
        } else if (key == "article:tag") {
          if (meta.tags.size() < 30 && !value.empty()) meta.tags.push_back(value);
        } else if (key == "keywords" || key == "news_keywords") {
          if (meta.tags.empty()) {
            size_t start = 0;
            while (start < value.size() && meta.tags.size() < 30) {
              size_t comma = value.find(',', start);
              std::string tag(trim(std::string_view(value).substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
              if (!tag.empty()) meta.tags.push_back(tag);
              if (comma == std::string::npos) break;
              start = comma + 1;
            }
          }
        } else if (key == "og:locale" || key == "content-language" || key == "language") {
          if (meta.content_language.empty()) meta.content_language = to_lower_ascii(value);
        } else if (key == "robots") {
          meta.robots = to_lower_ascii(value);
        } else if (key == "article:published_time" || key == "datepublished" || key == "pubdate" ||
                   key == "publish-date" || key == "date" || key == "dc.date" || key == "sailthru.date" ||
                   key == "parsely-pub-date") {
          if (meta.published_meta.empty()) meta.published_meta = value;
        }
        break;
      }
      case GUMBO_TAG_LINK: {
        std::string rel = lower_attribute(node, "rel");
        const char* href = attribute(node, "href");
        if (!href) break;
        if (rel == "canonical" && meta.canonical_href.empty()) meta.canonical_href = href;
        if (rel.find("alternate") != std::string::npos) {
          std::string type = lower_attribute(node, "type");
          if (type.find("rss") != std::string::npos || type.find("atom") != std::string::npos) {
            out_.feeds.push_back(href);
          }
        }
        break;
      }
      case GUMBO_TAG_SCRIPT:
        if (lower_attribute(node, "type") == "application/ld+json" && node->v.element.children.length > 0) {
          const auto* child = static_cast<const GumboNode*>(node->v.element.children.data[0]);
          if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA ||
              child->type == GUMBO_NODE_WHITESPACE) {
            text_runs_.expand_into(meta.json_ld.emplace_back(), child->v.text.text);
          }
        }
        break;
      case GUMBO_TAG_TIME:
        if (const char* dt = attribute(node, "datetime")) meta.time_datetimes.emplace_back(dt);
        break;
      case GUMBO_TAG_H1:
        if (meta.h1s.size() < 5) meta.h1s.push_back(subtree_text(node, text_runs_));
        break;
      case GUMBO_TAG_ARTICLE:
        ++meta.article_elements;
        break;
      default:
        break;
    }
    const char* rel = attribute(node, "rel");
    const char* itemprop = attribute(node, "itemprop");
    bool author_element = (rel && equals_ignore_case(rel, "author")) ||
                          (itemprop && (equals_ignore_case(itemprop, "author") || equals_ignore_case(itemprop, "name author")));
    const char* class_attribute = class_of(node, class_values_);
    if (!author_element && class_attribute && node->v.element.tag != GUMBO_TAG_META &&
        std::strstr(class_attribute, "uthor") == nullptr && std::strstr(class_attribute, "fn") == nullptr &&
        std::strstr(class_attribute, "UTHOR") == nullptr) {
      // No author word in the classes: nothing to read here.
    } else if (!author_element && node->v.element.tag != GUMBO_TAG_META) {
      // The class string must outlive the views class_tokens() returns into it.
      const std::string classes = to_lower_ascii(class_attribute ? class_attribute : "");
      for (auto token : class_tokens(classes)) {
        if (token == "author" || token == "author-name" || token == "byline-author" ||
            token == "entry-author" || token == "post-author" || token == "fn" ||
            token == "article-author" || token == "byline__author") {
          author_element = bio_depth_ == 0;
        }
      }
    }
    // Commenters are not the article's authors.
    if (author_element && in_comments_ == 0 && meta.byline_authors.size() < 6) {
      std::string name = subtree_text(node, text_runs_, 200);
      if (!name.empty() && name.size() < 80) meta.byline_authors.push_back(name);
    }
  }

  // The URL of an <a>, from the table strip_inert_markup made (or the attribute itself when a
  // malformed tag was passed through unfiltered).
  std::optional<std::string> link_target(const GumboNode* node) const {
    if (const char* index = attribute(node, kLinkTargetAttribute)) {
      size_t n = 0;
      auto [end, ec] = std::from_chars(index, index + std::strlen(index), n);
      if (ec != std::errc() || *end != '\0' || n >= link_targets_.size()) return std::nullopt;
      return decode_character_references(link_targets_[n]);
    }
    if (const char* href = attribute(node, "href")) return std::string(href);
    return std::nullopt;
  }

  // Microdata (itemscope/itemtype/itemprop) becomes JSON-LD, so one reader serves both:
  // <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">X</span>...
  // -> {"@type":"Product","name":"X",...}. Returns whether `node` opened an item.
  bool read_microdata(const GumboNode* node) {
    const char* prop = attribute(node, "itemprop");
    if (attribute(node, "itemscope") != nullptr) {
      if (items_.size() >= kMaxItemDepth) return false;
      nlohmann::json item = nlohmann::json::object();
      if (const char* type = attribute(node, "itemtype")) {
        std::string_view t = trim(type);
        t = t.substr(0, t.find(' '));  // the first of several types
        size_t slash = t.find_last_of("/#");
        item["@type"] = std::string(slash == std::string_view::npos ? t : t.substr(slash + 1));
      }
      items_.push_back({node, prop ? std::string(prop) : std::string(), std::move(item)});
      return true;
    }
    if (prop == nullptr || items_.empty()) return false;
    std::string value;
    if (const char* content = attribute(node, "content")) value = content;
    else if (node->v.element.tag == GUMBO_TAG_A) value = link_target(node).value_or("");
    else if (node->v.element.tag == GUMBO_TAG_LINK) value = attribute(node, "href") ? attribute(node, "href") : "";
    else if (const char* datetime = attribute(node, "datetime")) value = datetime;
    else value = subtree_text(node, text_runs_, 1000);
    add_property(items_.back().item, prop, nlohmann::json(collapse_whitespace(value)));
    return false;
  }

  void close_item(const GumboNode* node) {
    if (items_.empty() || items_.back().node != node) return;
    OpenItem done = std::move(items_.back());
    items_.pop_back();
    if (!done.property.empty() && !items_.empty()) {
      add_property(items_.back().item, done.property, std::move(done.item));
    } else if (done.item.contains("@type") && out_.meta.json_ld.size() < kMaxStructuredBlocks) {
      out_.meta.json_ld.push_back(done.item.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  }

  // "itemprop" may name several properties ("name headline").
  static void add_property(nlohmann::json& item, std::string_view names, nlohmann::json value) {
    size_t start = 0;
    while (start < names.size()) {
      size_t end = find_separator<' ', '\t', '\n'>(names, start);
      if (end == std::string_view::npos) end = names.size();
      std::string name(names.substr(start, end - start));
      start = end + 1;
      if (name.empty()) continue;
      if (!item.contains(name)) {
        item[name] = value;
      } else {
        nlohmann::json& existing = item[name];
        if (!existing.is_array()) existing = nlohmann::json::array({existing});
        if (existing.size() < 50) existing.push_back(value);
      }
    }
  }

  struct OpenItem {
    const GumboNode* node;
    std::string property;  // the itemprop under which it belongs to its parent item, if any
    nlohmann::json item;
  };
  static constexpr size_t kMaxItemDepth = 16;
  static constexpr size_t kMaxStructuredBlocks = 200;
  std::vector<OpenItem> items_;

  ParsedHtml& out_;
  const std::vector<std::string_view>& link_targets_;
  const std::vector<std::string>& class_values_;
  const TextRuns& text_runs_;
  std::string expanded_;  // the text node being read, placeholders expanded
  std::vector<RawBlock> blocks_;
  std::vector<const GumboNode*> owners_;
  std::string buffer_;
  size_t buffer_link_raw_ = 0;
  std::vector<std::string> buffer_hrefs_;
  int link_depth_ = 0;
  int blockquote_depth_ = 0;
  int furniture_depth_ = 0;
  int bio_depth_ = 0;
  int marked_furniture_depth_ = 0;  // furniture by class/id/role, not by tag
  int in_comments_ = 0;             // depth inside a comment thread
  std::vector<const GumboNode*> most_text_holders_;  // sorted: elements with >= 35% of the text
  RoleCache role_cache_;
  size_t total_text_ = 0;
};


bool has_price_sign(std::string_view text) {
  for (std::string_view sign : {"$", "\xC2\xA3", "\xE2\x82\xAC"}) {
    size_t at = text.find(sign);
    if (at != std::string_view::npos && at + sign.size() < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[at + sign.size()])))
      return true;
  }
  return false;
}

// Readability-style choice of the main content: paragraphs vote for their parent and
// grandparent; the best-scoring element, discounted by its link density, wins, and siblings
// that score well (or are long, link-poor paragraphs) join it.
std::vector<Block> select_main_content(std::vector<RawBlock> raw) {
  struct Stats {
    double score = 0;
    size_t chars = 0;
    size_t link_chars = 0;
  };
  std::unordered_map<const GumboNode*, Stats> stats;
  constexpr int kStatsDepth = 6;
  for (const RawBlock& r : raw) {
    const GumboNode* node = r.owner;
    for (int level = 0; node != nullptr && level < kStatsDepth; ++level, node = node->parent) {
      Stats& s = stats[node];
      s.chars += r.block.text.size();
      s.link_chars += r.block.link_chars;
    }
    if (r.block.type == BlockType::kHeading || r.owner == nullptr) continue;
    size_t plain = r.block.text.size() - std::min(r.block.text.size(), r.block.link_chars);
    if (plain < 25) continue;
    double vote = 1.0 + static_cast<double>(std::count(r.block.text.begin(), r.block.text.end(), ',')) +
                  std::min(static_cast<double>(plain) / 100.0, 3.0);
    // A <div> holding text directly votes for itself as well as its ancestors.
    const GumboNode* voter = r.owner;
    bool is_paragraph_like = voter->v.element.tag == GUMBO_TAG_P || voter->v.element.tag == GUMBO_TAG_PRE ||
                             voter->v.element.tag == GUMBO_TAG_LI || voter->v.element.tag == GUMBO_TAG_TD ||
                             voter->v.element.tag == GUMBO_TAG_BLOCKQUOTE;
    const GumboNode* target = is_paragraph_like ? voter->parent : voter;
    double weight = 1.0;
    for (int level = 0; target != nullptr && level < 3; ++level, target = target->parent) {
      if (target->type != GUMBO_NODE_ELEMENT) break;
      stats[target].score += vote * weight;
      weight = level == 0 ? 0.5 : weight / 1.5;
    }
  }

  const GumboNode* best = nullptr;
  double best_score = 0;
  for (const auto& [node, s] : stats) {
    if (s.score <= 0) continue;
    double density = s.chars ? static_cast<double>(s.link_chars) / static_cast<double>(s.chars) : 0;
    double adjusted = s.score * (1.0 - density);
    if (adjusted > best_score) {
      best_score = adjusted;
      best = node;
    }
  }
  if (best == nullptr) {
    // No paragraph of any length: keep every link-poor block (short pages, plain lists).
    std::vector<Block> blocks;
    for (RawBlock& r : raw) {
      if (r.block.link_chars * 2 <= r.block.text.size()) blocks.push_back(std::move(r.block));
    }
    return blocks;
  }

  std::unordered_set<const GumboNode*> included{best};
  if (best->parent != nullptr && best->parent->type == GUMBO_NODE_ELEMENT) {
    const GumboVector& siblings = best->parent->v.element.children;
    double threshold = std::max(10.0, best_score * 0.2);
    for (unsigned i = 0; i < siblings.length; ++i) {
      const auto* sibling = static_cast<const GumboNode*>(siblings.data[i]);
      if (sibling == best || sibling->type != GUMBO_NODE_ELEMENT) continue;
      auto it = stats.find(sibling);
      if (it == stats.end()) continue;
      const Stats& s = it->second;
      double density = s.chars ? static_cast<double>(s.link_chars) / static_cast<double>(s.chars) : 1;
      bool good_paragraph = sibling->v.element.tag == GUMBO_TAG_P && s.chars > 80 && density < 0.25;
      if (s.score * (1.0 - density) >= threshold || good_paragraph) included.insert(sibling);
    }
  }

  std::vector<Block> blocks;
  for (RawBlock& r : raw) {
    bool inside = false;
    for (const GumboNode* node = r.owner; node != nullptr; node = node->parent) {
      if (included.count(node)) {
        inside = true;
        break;
      }
    }
    if (!inside) continue;
    // Link lists inside the content ("Read more: ...", tag clouds) are not text.
    bool link_heavy = r.block.link_chars * 2 > r.block.text.size() && r.block.text.size() < 200;
    // A linked price line ("$28 at Ulta") is a product offer, not navigation.
    if (link_heavy && r.block.type != BlockType::kHeading && !has_price_sign(r.block.text)) continue;
    blocks.push_back(std::move(r.block));
  }
  return blocks;
}

// Case-insensitive match of an ASCII tag name at text[i] followed by a delimiter.
bool tag_at(std::string_view text, size_t i, std::string_view name) {
  if (i + name.size() >= text.size()) return false;
  for (size_t k = 0; k < name.size(); ++k) {
    char c = text[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != name[k]) return false;
  }
  char after = text[i + name.size()];
  return after == '>' || after == ' ' || after == '/' || after == '\t' || after == '\n' || after == '\r';
}

size_t find_ignore_case(std::string_view text, std::string_view needle, size_t from) {
  while (true) {
    size_t at = text.find('<', from);
    if (at == std::string_view::npos) return at;
    if (starts_with_ignore_case(text.substr(at), needle)) return at;
    from = at + 1;
  }
}

// The attributes the walker reads; everything else (styles, srcsets, data-*, alt text) is
// bytes the parser would walk for nothing.
bool kept_attribute(std::string_view name) {
  static constexpr std::array<std::string_view, 17> kKept = {
      "class", "id", "href", "rel", "itemprop", "itemtype", "itemscope", "property", "name", "content",
      "type", "datetime", "hidden", "role", "aria-hidden", "lang", "http-equiv"};
  if (name.size() < 2 || name.size() > 11) return false;
  char first = static_cast<char>(name[0] | 0x20);  // ASCII lowercase
  for (auto k : kKept) {
    if (k[0] == first && k.size() == name.size() && equals_ignore_case(name, k)) return true;
  }
  return false;
}

// Whether a class token can change anything the walker decides (furniture, bio, comments,
// authors, content words). Layout tokens ("col-md-8", "mt-4", "flex") cannot, and dropping
// them shrinks what the parser has to walk.
bool relevant_class_token(std::string_view token) {
  // "author" and "comment" are among the markers.
  if (kAnyMarkerSet.contains_any(token)) return true;
  std::string lower = to_lower_ascii(token);
  return lower == "ad" || lower == "ads" || lower.starts_with("ad-") || lower.starts_with("ads-") ||
         lower.ends_with("-ad") || lower.ends_with("-ads") || lower == "fn";
}

// Keys point into the page being stripped, which outlives the cache.
using TokenCache = std::unordered_map<std::string_view, bool>;

struct StripState {
  TokenCache class_tokens;
  std::vector<std::string_view>& link_targets;
  std::vector<std::string>& class_values;
  std::unordered_map<std::string, size_t> class_index;  // a value's place in class_values
  TextRuns* text_runs;  // null: text is copied as it is
  std::string tag;      // the start tag being filtered; reused so most tags allocate nothing
  // Open <span>s, innermost last: whether each was dropped, so its end tag goes too.
  std::vector<bool> spans_dropped;
};

bool is_html_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// Appends " bc=N" for the relevant words of a class value (see kClassAttribute), or nothing
// when none is.
void append_class_value(std::string& tag, std::string_view quoted, StripState& state) {
  TokenCache& cache = state.class_tokens;
  char quote = quoted.front() == '"' || quoted.front() == '\'' ? quoted.front() : 0;
  std::string_view value = quote ? quoted.substr(1, quoted.size() >= 2 ? quoted.size() - 2 : 0) : quoted;
  std::string kept;
  size_t start = 0;
  while (start < value.size()) {
    size_t end = find_separator<' ', '\t', '\n', '\r'>(value, start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view token = value.substr(start, end - start);
    if (!token.empty()) {
      auto it = cache.find(token);
      bool keep = it != cache.end() ? it->second : cache.emplace(token, relevant_class_token(token)).first->second;
      if (keep) {
        if (!kept.empty()) kept += ' ';
        kept.append(token);
      }
    }
    start = end + 1;
  }
  if (kept.empty()) return;
  auto [at, added] = state.class_index.try_emplace(std::move(kept), state.class_values.size());
  if (added) state.class_values.push_back(at->first);
  tag += ' ';
  tag += kClassAttribute;
  tag += '=';
  tag += std::to_string(at->second);
}

// <link> and <meta> tags the extractor reads (canonical, feeds, OpenGraph, dates, authors...);
// the rest of a head (stylesheets, preloads, viewport, verification codes) is dropped.
bool worth_keeping(std::string_view filtered_tag) {
  if (!starts_with_ignore_case(filtered_tag, "<link") && !starts_with_ignore_case(filtered_tag, "<meta")) return true;
  std::string lower = to_lower_ascii(filtered_tag.substr(0, std::min<size_t>(filtered_tag.size(), 400)));
  if (lower.starts_with("<link")) {
    return lower.find("canonical") != std::string::npos || lower.find("alternate") != std::string::npos ||
           lower.find("author") != std::string::npos;
  }
  if (lower.starts_with("<meta")) {
    for (std::string_view key : {"og:", "twitter:", "article:", "description", "author", "robots", "keywords",
                                 "date", "charset", "language", "application-name", "byl", "dc.", "parsely",
                                 "sailthru", "itemprop", "locale", "updated", "published", "modified"}) {
      if (lower.find(key) != std::string::npos) return true;
    }
    return false;
  }
  return true;
}

// Copies the start tag at html[i] with only kept attributes; returns the index after its '>'.
// Anything that does not scan as a tag is copied as it is.
size_t append_filtered_tag(std::string_view html, size_t i, std::string& out, StripState& state) {
  size_t j = i + 1;
  while (j < html.size() && !is_html_space(html[j]) && html[j] != '>' && html[j] != '/') ++j;
  std::string& tag = state.tag;
  tag.assign(html.substr(i, j - i));
  const bool anchor = tag.size() == 2 && (tag[1] == 'a' || tag[1] == 'A');
  const bool span = equals_ignore_case(tag, "<span");
  const bool input = equals_ignore_case(tag, "<input");
  while (j < html.size()) {
    while (j < html.size() && (is_html_space(html[j]) || html[j] == '/')) ++j;
    if (j >= html.size()) break;
    if (html[j] == '>') {
      if (!worth_keeping(tag)) return j + 1;  // head clutter the extractor never reads
      // A <span> or <img> with none of the attributes the walker reads tells it nothing (both
      // are inline: no block starts or ends there), and a fifth of a theme's elements are such.
      // Nor does an <input>, which it skips (is_ignored_tag) and which holds nothing.
      const bool bare = (tag.size() == 5 && (span || equals_ignore_case(tag, "<img"))) || input;
      if (span) state.spans_dropped.push_back(bare);
      if (bare) return j + 1;
      tag += '>';
      out += tag;
      return j + 1;
    }
    size_t name_start = j;
    while (j < html.size() && !is_html_space(html[j]) && html[j] != '=' && html[j] != '>' &&
           html[j] != '/')
      ++j;
    std::string_view name = html.substr(name_start, j - name_start);
    size_t value_start = j, value_end = j;
    size_t k = j;
    while (k < html.size() && is_html_space(html[k])) ++k;
    if (k < html.size() && html[k] == '=') {
      ++k;
      while (k < html.size() && is_html_space(html[k])) ++k;
      if (k < html.size() && (html[k] == '"' || html[k] == '\'')) {
        size_t close = html.find(html[k], k + 1);
        if (close == std::string_view::npos) break;  // unterminated: give up filtering
        value_start = k;
        value_end = close + 1;
      } else {
        value_start = k;
        while (k < html.size() && !is_html_space(html[k]) && html[k] != '>') ++k;
        value_end = k;
      }
      j = value_end;
    }
    if (name.empty()) {
      ++j;
      continue;
    }
    if (equals_ignore_case(name, "class") && value_end > value_start) {
      append_class_value(tag, html.substr(value_start, value_end - value_start), state);
    } else if (anchor && value_end > value_start && equals_ignore_case(name, "href")) {
      std::string_view value = html.substr(value_start, value_end - value_start);
      if (value.front() == '"' || value.front() == '\'') value = value.substr(1, value.size() - 2);
      tag += ' ';
      tag += kLinkTargetAttribute;
      tag += '=';
      tag += std::to_string(state.link_targets.size());
      state.link_targets.push_back(value);
    } else if (kept_attribute(name)) {
      tag += ' ';
      tag.append(name);
      if (value_end > value_start) {
        tag += '=';
        tag.append(html.substr(value_start, value_end - value_start));
      }
    }
  }
  // Not a well-formed tag: copy it through and let the parser cope.
  if (span) state.spans_dropped.push_back(false);
  size_t gt = html.find('>', i);
  size_t end = gt == std::string_view::npos ? html.size() : gt + 1;
  out.append(html.substr(i, end - i));
  return end;
}

// Appends `text` with every run of ASCII whitespace shortened to its first character: the
// parser walks every byte, and indentation is an eighth of what is left of a page by now.
// Whitespace is collapsed again in every text block, so nothing visible changes.
void append_collapsed(std::string& out, std::string_view text) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == ' ' || c == '\n' || c == '\t' || c == '\r') && i + 1 < text.size()) {
      size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\n' || text[j] == '\t' || text[j] == '\r')) ++j;
      if (j > i + 1) {
        out.append(text.substr(start, i + 1 - start));
        start = i = j;
        if (i >= text.size()) break;
        --i;
      }
    }
  }
  if (start < text.size()) out.append(text.substr(start));
}

// Appends a run of text, as placeholders where that saves the parser work (see TextRuns).
void append_text(std::string& out, std::string_view text, TextRuns* runs) {
  constexpr size_t kMinRun = 8;
  if (runs == nullptr || text.size() < kMinRun) {
    append_collapsed(out, text);
    return;
  }
  size_t start = 0;
  while (true) {
    size_t amp = text.find('&', start);
    size_t end = amp == std::string_view::npos ? text.size() : amp;
    std::string_view segment = text.substr(start, end - start);
    bool placed = segment.size() >= kMinRun && segment.find_first_not_of(" \t\n\r\f") != std::string_view::npos &&
                  runs->add(out, segment);
    if (!placed) append_collapsed(out, segment);
    if (amp == std::string_view::npos) break;
    // The character reference stays for the parser to decode.
    size_t r = amp + 1;
    while (r < text.size() && r - amp <= 32 && (std::isalnum(static_cast<unsigned char>(text[r])) || text[r] == '#')) ++r;
    if (r < text.size() && text[r] == ';') ++r;
    out.append(text.substr(amp, r - amp));
    start = r;
  }
}

// Appends what lies between two start tags: end tags, doctypes and other markup as they are,
// the text between them through append_text.
void append_between_tags(std::string& out, std::string_view chunk, TextRuns* runs) {
  if (runs == nullptr) {
    append_collapsed(out, chunk);
    return;
  }
  size_t i = 0;
  while (i < chunk.size()) {
    size_t lt = chunk.find('<', i);
    while (lt != std::string_view::npos && lt + 1 < chunk.size()) {
      char next = chunk[lt + 1];
      if (std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?') break;
      lt = chunk.find('<', lt + 1);  // "a < b" is text
    }
    if (lt != std::string_view::npos && lt + 1 >= chunk.size()) lt = std::string_view::npos;
    size_t text_end = lt == std::string_view::npos ? chunk.size() : lt;
    append_text(out, chunk.substr(i, text_end - i), runs);
    if (lt == std::string_view::npos) break;
    size_t gt = chunk.find('>', lt);
    size_t markup_end = gt == std::string_view::npos ? chunk.size() : gt + 1;
    append_collapsed(out, chunk.substr(lt, markup_end - lt));
    i = markup_end;
  }
}

// Whether every end tag in `markup` closes inline content (what a button or a select holds:
// spans, icons, options), so nothing in it can end an element opened before it.
bool holds_only_inline_end_tags(std::string_view markup) {
  for (size_t at = markup.find("</"); at != std::string_view::npos; at = markup.find("</", at + 2)) {
    bool inline_tag = false;
    for (std::string_view name : {"span", "svg", "path", "g", "use", "i", "b", "em", "strong", "small", "label",
                                  "option", "optgroup", "sup", "sub", "abbr", "img", "title"}) {
      if (tag_at(markup, at + 2, name)) {
        inline_tag = true;
        break;
      }
    }
    if (!inline_tag) return false;
  }
  return true;
}

// Removes the contents of <script> (but JSON-LD), <style>, <svg>, <noscript>, <template> and
// <iframe>, <button>s and <select>s whole, and comments; keeps only the attributes the walker
// reads; replaces each <a href> with an index into `link_targets` (views into `html`) and runs
// of text with placeholders from `text_runs`. What is left for the parser is a sixth of a
// typical page.
std::string strip_inert_markup(std::string_view html, std::vector<std::string_view>& link_targets,
                               std::vector<std::string>& class_values, TextRuns* text_runs) {
  // Scripts, styles, SVG and comments are most of a modern page's bytes and none of its text;
  // cutting them before gumbo (which walks every code point) is the biggest speed win. JSON-LD
  // scripts stay: they carry the article's metadata.
  std::string out;
  out.reserve(html.size() / 2);
  StripState state{{}, link_targets, class_values, {}, text_runs, {}};
  size_t copied = 0;
  size_t i = 0;
  bool button_end_missing = false, select_end_missing = false;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    std::string_view close;
    size_t skip_from = std::string_view::npos;
    // Every name tested below starts with one of these letters; most tags start with another.
    const char first = i + 1 < html.size() ? static_cast<char>(html[i + 1] | 0x20) : '\0';
    const bool maybe_special = first == 's' || first == 't' || first == 'n' || first == 'i' || first == 'b';
    if (html.compare(i, 4, "<!--"sv) == 0) {
      size_t end = html.find("-->", i + 4);
      size_t stop = end == std::string_view::npos ? html.size() : end + 3;
      append_between_tags(out, html.substr(copied, i - copied), text_runs);
      copied = i = stop;
      continue;
    }
    // <title> and <textarea> hold text, not markup: "<title><img src=x></title>" is a title
    // that reads "<img src=x>". Copied as they are, so the filtering below never touches them.
    if (first == 't' && (tag_at(html, i + 1, "title") || tag_at(html, i + 1, "textarea"))) {
      std::string_view name = tag_at(html, i + 1, "title") ? "</title" : "</textarea";
      size_t end = find_ignore_case(html, name, i + 1);
      size_t stop = end == std::string_view::npos ? html.size() : end;
      append_between_tags(out, html.substr(copied, i - copied), text_runs);
      append_collapsed(out, html.substr(i, stop - i));
      copied = i = stop;
      if (i < html.size()) ++i;  // the "<" of the closing tag is copied with what follows
      continue;
    }
    bool keep_body = false;  // JSON-LD: copied through untouched
    size_t end_found = std::string_view::npos;  // a button's or select's end tag, already looked up
    // Raw text to its end tag, or the end of the page: scripts, styles, iframes. Then elements
    // the walker skips whole (is_ignored_tag) that cannot nest, so their first end tag is theirs:
    // buttons and selects, a tenth of a theme's elements with what they hold. Those are kept
    // when their end tag is missing, since the parser would close them earlier.
    for (std::string_view name : {"script"sv, "style"sv, "svg"sv, "noscript"sv, "template"sv, "iframe"sv, "button"sv,
                                  "select"sv}) {
      if (!maybe_special) break;
      if (!tag_at(html, i + 1, name)) continue;
      size_t open_end = html.find('>', i);
      if (open_end == std::string_view::npos) break;
      if (name == "button" || name == "select") {
        // Once an end tag is not found, none is further on: no page is searched twice.
        bool& missing = name == "button" ? button_end_missing : select_end_missing;
        size_t end = missing ? std::string_view::npos
                             : find_ignore_case(html, name == "button" ? "</button" : "</select", open_end);
        missing = end == std::string_view::npos;
        // Only what is surely inside goes: an end tag of anything but inline content in
        // between ("<div><button>Menu</div> ... </button>") means the parser closed it sooner.
        if (missing || !holds_only_inline_end_tags(html.substr(open_end, end - open_end))) break;
        end_found = end;
      }
      std::string_view open_tag = html.substr(i, open_end - i);
      keep_body = name == "script" && (open_tag.find("ld+json") != std::string_view::npos ||
                                       open_tag.find("LD+JSON") != std::string_view::npos);
      close = name;
      skip_from = open_end + 1;
      break;
    }
    if (keep_body) {
      size_t end = find_ignore_case(html, "</script", skip_from);
      size_t stop = end == std::string_view::npos ? html.size() : end;
      append_between_tags(out, html.substr(copied, i - copied), text_runs);
      // The parser would walk a JSON-LD graph (a sixth of what reaches it on a WordPress page)
      // byte by byte only to hand it back; it gets a placeholder instead, like text runs do.
      append_collapsed(out, html.substr(i, skip_from - i));
      std::string_view body = html.substr(skip_from, stop - skip_from);
      if (text_runs == nullptr || body.empty() || !text_runs->add(out, body)) append_collapsed(out, body);
      copied = i = stop;
      if (i < html.size()) ++i;  // the "<" of the closing tag is copied with what follows
      continue;
    }
    if (close.empty()) {
      // An ordinary start tag: keep its name and the attributes the extractor reads. Attribute
      // text (styles, srcsets, data-*) is most of what remains of a page, and none of it is read.
      if (i + 1 < html.size() && std::isalpha(static_cast<unsigned char>(html[i + 1]))) {
        append_between_tags(out, html.substr(copied, i - copied), text_runs);
        size_t end = append_filtered_tag(html, i, out, state);
        copied = i = end;
        continue;
      }
      // The end tag of a <span> that was dropped goes with it.
      if (i + 1 < html.size() && html[i + 1] == '/' && tag_at(html, i + 2, "span") && !state.spans_dropped.empty()) {
        const bool dropped = state.spans_dropped.back();
        state.spans_dropped.pop_back();
        size_t gt = html.find('>', i);
        if (dropped && gt != std::string_view::npos) {
          append_between_tags(out, html.substr(copied, i - copied), text_runs);
          copied = i = gt + 1;
          continue;
        }
      }
      ++i;
      continue;
    }
    std::string closing("</");
    closing += close;
    size_t end = end_found != std::string_view::npos ? end_found : find_ignore_case(html, closing, skip_from);
    // The whole element goes: an empty <script> or <svg> tells the walker nothing either.
    append_between_tags(out, html.substr(copied, i - copied), text_runs);
    size_t close_end = end == std::string_view::npos ? end : html.find('>', end);
    if (close_end == std::string_view::npos) {
      copied = i = html.size();
      break;
    }
    copied = i = close_end + 1;
  }
  append_between_tags(out, html.substr(std::min(copied, html.size())), text_runs);
  return out;
}

}  // namespace

ParsedHtml parse_html(std::string_view utf8_html) {
  ParsedHtml out;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // error records cost memory and time; the tree is repaired anyway
  thread_local ParseArena arena;
  arena.reset();
  options.allocator = &ParseArena::gumbo_allocate;
  options.deallocator = &ParseArena::gumbo_deallocate;
  options.userdata = &arena;
  std::vector<std::string_view> link_targets;
  std::vector<std::string> class_values;
  TextRuns text_runs;
  std::string html = strip_inert_markup(utf8_html, link_targets, class_values,
                                        TextRuns::usable_for(utf8_html) ? &text_runs : nullptr);
  // The tree is reclaimed when the next parse on this thread resets the arena; gumbo_destroy_output
  // would only walk it to free nothing.
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  if (!output) return out;
  Walker walker(out, link_targets, class_values, text_runs);
  walker.run(output->document);
  out.blocks = select_main_content(walker.take_blocks());
  return out;
}

}  // namespace beautyidx::extract
