// Quotes and who said them. Rule tables of attribution patterns, the way news-quote extractors
// work: "“…,” Karp says.", "says Karp", "Karp explains: “…”", continuation quotes, split quotes,
// multi-paragraph quotes, interview answers and indirect speech ("She recommends …").
#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <optional>

#include "core/phrase_set.h"
#include "core/text.h"
#include "extract/analysis.h"
#include "extract/speaker_resolver.h"
#include "extract/tokens.h"

namespace beautyidx::extract {
namespace {

constexpr std::array<std::string_view, 44> kReportingVerbs = {
    "says", "said", "explains", "explained", "adds", "added", "notes", "noted", "tells", "told",
    "shares", "shared", "continues", "continued", "agrees", "agreed", "warns", "warned",
    "cautions", "cautioned", "advises", "advised", "suggests", "suggested", "recommends",
    "recommended", "points", "pointed", "stresses", "stressed", "emphasizes", "emphasized",
    "admits", "admitted", "confirms", "confirmed", "insists", "insisted", "recalls", "recalled",
    "laughs", "writes", "wrote", "reveals"};

// Verbs that introduce indirect speech when a sentence has no quotation marks.
constexpr std::array<std::string_view, 31> kIndirectVerbs = {
    "recommends", "recommended", "suggests", "suggested", "advises", "advised", "warns",
    "warned", "cautions", "cautioned", "says", "said", "adds", "added", "notes", "noted",
    "explains", "explained", "believes", "prefers", "likes", "loves", "swears", "urges",
    "insists", "stresses", "tells", "told", "estimates", "thinks", "argues"};

constexpr std::array<std::string_view, 12> kAdverbs = {
    "also", "often", "strongly", "usually", "personally", "always", "typically", "actually",
    "especially", "generally", "further", "similarly"};

bool is_pronoun(const Token& t) { return t.lower == "she" || t.lower == "he" || t.lower == "they"; }

enum class Mark { kNone, kCurlyOpen, kCurlyClose, kStraight, kGuillemetOpen, kGuillemetClose, kSingleOpen, kSingleClose };

Mark mark_at(std::string_view text, size_t i, size_t* length) {
  std::string_view rest = text.substr(i);
  *length = 3;
  if (rest.starts_with("\xE2\x80\x9C") || rest.starts_with("\xE2\x80\x9E")) return Mark::kCurlyOpen;
  if (rest.starts_with("\xE2\x80\x9D")) return Mark::kCurlyClose;
  if (rest.starts_with("\xE2\x80\x98")) return Mark::kSingleOpen;
  if (rest.starts_with("\xE2\x80\x99")) return Mark::kSingleClose;
  *length = 2;
  if (rest.starts_with("\xC2\xAB")) return Mark::kGuillemetOpen;
  if (rest.starts_with("\xC2\xBB")) return Mark::kGuillemetClose;
  *length = 1;
  if (!rest.empty() && rest[0] == '"') return Mark::kStraight;
  return Mark::kNone;
}

struct Span {
  size_t open = 0;        // offset of the opening mark
  size_t text_begin = 0;  // first byte inside
  size_t text_end = 0;    // one past the last byte inside
  size_t close_end = 0;   // one past the closing mark (== text_end when unclosed)
  bool closed = false;
};

bool opens_here(std::string_view text, size_t i) {
  if (i == 0) return true;
  char prev = text[i - 1];
  return prev == ' ' || prev == '(' || prev == '[' || prev == '\n' || prev == ':' ||
         text.substr(0, i).ends_with("\xE2\x80\x94") || text.substr(0, i).ends_with("\xE2\x80\x93") ||
         text.substr(0, i).ends_with("\xC2\xA0");
}

bool is_letter_at(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  auto c = static_cast<unsigned char>(text[i]);
  return std::isalnum(c) || (c >= 0xC3 && c <= 0xC5);
}

// Quoted spans at the top level; marks nested inside a quote (“… “facelifts” …”) stay part of it.
// Single curly marks (‘…’) quote too when a text uses them as its main marks; a ’ between
// letters is an apostrophe ("can’t"), not a closing mark.
std::vector<Span> find_spans(std::string_view text) {
  std::vector<Span> spans;
  int depth = 0;
  bool straight_open = false;
  bool single_open = false;
  Span current;
  for (size_t i = 0; i < text.size();) {
    size_t length = 0;
    Mark mark = mark_at(text, i, &length);
    if (single_open) {
      // Inside ‘…’ only its own closing mark matters; double marks are nested quotes.
      if (mark == Mark::kSingleClose && !is_letter_at(text, i + length) && i > 0 && text[i - 1] != ' ') {
        single_open = false;
        current.text_end = i;
        current.close_end = i + length;
        current.closed = true;
        spans.push_back(current);
      }
      i += length;
      continue;
    }
    switch (mark) {
      case Mark::kSingleOpen:
        if (depth == 0 && !straight_open && opens_here(text, i) && is_letter_at(text, i + length)) {
          single_open = true;
          current = Span{i, i + length, 0, 0, false};
        }
        break;
      case Mark::kSingleClose:
        break;
      case Mark::kCurlyOpen:
      case Mark::kGuillemetOpen:
        if (depth == 0 && !straight_open) {
          current = Span{i, i + length, 0, 0, false};
        }
        if (!straight_open) ++depth;
        break;
      case Mark::kCurlyClose:
      case Mark::kGuillemetClose:
        if (depth > 0 && !straight_open) {
          --depth;
          if (depth == 0) {
            current.text_end = i;
            current.close_end = i + length;
            current.closed = true;
            spans.push_back(current);
          }
        }
        break;
      case Mark::kStraight:
        if (depth == 0 && !straight_open && opens_here(text, i)) {
          straight_open = true;
          current = Span{i, i + 1, 0, 0, false};
        } else if (straight_open) {
          straight_open = false;
          current.text_end = i;
          current.close_end = i + 1;
          current.closed = true;
          spans.push_back(current);
        }
        break;
      case Mark::kNone:
        break;
    }
    i += length;
  }
  if (single_open && current.open == 0) {
    // An opening ‘ at the start of a paragraph that never closes runs on, like “.
    current.text_end = text.size();
    current.close_end = text.size();
    current.closed = false;
    spans.push_back(current);
  } else if (depth > 0 || straight_open) {
    // An opening mark with no closing one: the quote runs on into the next paragraph.
    current.text_end = text.size();
    current.close_end = text.size();
    current.closed = false;
    spans.push_back(current);
  }
  return spans;
}

std::string clean_quote_text(std::string_view raw) {
  std::string_view text = trim(raw);
  while (!text.empty() && (text.back() == ',' || text.back() == ' ')) text.remove_suffix(1);
  if (text.ends_with("\xE2\x80\x94") || text.ends_with("\xE2\x80\x93")) text.remove_suffix(3);
  return collapse_whitespace(text);
}

size_t word_count(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Tokens of a name reference at `i`: optional "Dr." and 1-3 capitalized words.
size_t name_reference(const std::vector<Token>& tokens, size_t i) {
  size_t k = i;
  if (k < tokens.size() && is_honorific(tokens[k].lower)) ++k;
  size_t first = k;
  while (k < tokens.size() && k - first < 3 && tokens[k].word && is_capitalized(tokens[k].text) &&
         !is_stop_word(tokens[k].lower))
    ++k;
  return k > first ? k - i : 0;
}

// Where a name reference that ends right before `end` starts: up to three capitalized words and
// an optional "Dr.". Returns `end` when there is none.
size_t name_reference_before(const std::vector<Token>& tokens, size_t end) {
  size_t start = end;
  while (start > 0 && end - start < 3 && tokens[start - 1].word &&
         is_capitalized(tokens[start - 1].text) && !is_stop_word(tokens[start - 1].lower))
    --start;
  if (start < end && start > 0 && is_honorific(tokens[start - 1].lower)) --start;
  return start;
}

// A degree between commas after a name ("Karp, MD, says", "Dana Lee, PA-C, a physician
// assistant, says") belongs to the name: where its closing comma is when one follows `name_end`,
// else `name_end`.
size_t closing_comma_of_degree(const std::vector<Token>& tokens, size_t name_end) {
  if (name_end + 2 < tokens.size() && tokens[name_end].text == "," &&
      is_degree(tokens[name_end + 1].lower) && tokens[name_end + 2].text == ",") {
    return name_end + 2;
  }
  return name_end;
}

struct Attribution {
  std::vector<Token> name;  // empty for a pronoun
  bool pronoun = false;
  Pronoun which = Pronoun::kThey;  // for a pronoun: which one
  size_t end_token = 0;            // index after the attribution in the token list it came from
};

// After a closing mark: ", Karp says", "says Karp", "she adds", "Dr. Lee explains".
std::optional<Attribution> attribution_after(const std::vector<Token>& tokens) {
  size_t i = 0;
  if (i < tokens.size() && (tokens[i].text == "," || tokens[i].text == "\xE2\x80\x94")) ++i;
  if (i >= tokens.size()) return std::nullopt;
  if (is_pronoun(tokens[i])) {
    size_t v = i + 1;
    while (v < tokens.size() && in_list(tokens[v].lower, kAdverbs)) ++v;
    if (v < tokens.size() && in_list(tokens[v].lower, kReportingVerbs)) {
      return Attribution{{}, true, pronoun_of(tokens[i]), v + 1};
    }
    return std::nullopt;
  }
  if (in_list(tokens[i].lower, kReportingVerbs)) {
    size_t n = name_reference(tokens, i + 1);
    if (n > 0)
      return Attribution{
          {tokens.begin() + i + 1, tokens.begin() + i + 1 + n}, false, Pronoun::kThey, i + 1 + n};
    if (i + 1 < tokens.size() && is_pronoun(tokens[i + 1]))
      return Attribution{{}, true, pronoun_of(tokens[i + 1]), i + 2};
    // "says esthetician Mara Ellison", "says board-certified dermatologist Anna Karp": a
    // credential in lowercase words, then the name.
    size_t j = i + 1;
    while (j < tokens.size() && j - i <= 5 && tokens[j].word && !is_capitalized(tokens[j].text)) ++j;
    if (j > i + 1 && j < tokens.size()) {
      std::string_view credential(tokens[i + 1].text.data(), tokens[j - 1].end - tokens[i + 1].begin);
      size_t named = name_reference(tokens, j);
      std::string_view role = tokens[j - 1].lower;
      bool role_noun = role.ends_with("ist") || role == "surgeon" || role == "doctor" || role == "physician" ||
                       role == "nurse" || role == "founder" || role == "editor" || role == "expert";
      CredentialClass c = classify_credential(credential);
      if (named > 0 && (role_noun || (c != CredentialClass::kNone && c != CredentialClass::kOther))) {
        return Attribution{
            {tokens.begin() + j, tokens.begin() + j + named}, false, Pronoun::kThey, j + named};
      }
    }
    return std::nullopt;
  }
  size_t n = name_reference(tokens, i);
  if (n == 0) return std::nullopt;
  size_t v = closing_comma_of_degree(tokens, i + n);
  if (v > i + n) ++v;  // "Whitfield, PA-C, says"
  while (v < tokens.size() && in_list(tokens[v].lower, kAdverbs)) ++v;
  if (v < tokens.size() && in_list(tokens[v].lower, kReportingVerbs)) {
    return Attribution{{tokens.begin() + i, tokens.begin() + i + n}, false, Pronoun::kThey, v + 1};
  }
  return std::nullopt;
}

// Before an opening mark: "Karp explains:", "she adds,", "According to Karp,", "Vogt:".
std::optional<Attribution> attribution_before(const std::vector<Token>& tokens) {
  if (tokens.empty()) return std::nullopt;
  size_t end = tokens.size();
  if (tokens[end - 1].text == ":" || tokens[end - 1].text == ",") --end;
  if (end == 0) return std::nullopt;
  // "According to Karp,"
  for (size_t i = 0; i + 2 < end + 1 && i < end; ++i) {
    if (tokens[i].lower == "according" && i + 1 < end && tokens[i + 1].lower == "to") {
      size_t n = name_reference(tokens, i + 2);
      if (n > 0 && i + 2 + n == end) {
        return Attribution{
            {tokens.begin() + i + 2, tokens.begin() + i + 2 + n}, false, Pronoun::kThey, end};
      }
    }
  }
  // "... Karp explains" / "... she adds" / "... explains Karp" at the end.
  size_t v = end - 1;
  if (in_list(tokens[v].lower, kReportingVerbs)) {
    size_t k = v;
    while (k > 0 && in_list(tokens[k - 1].lower, kAdverbs)) --k;
    if (k > 0 && is_pronoun(tokens[k - 1]))
      return Attribution{{}, true, pronoun_of(tokens[k - 1]), end};
    size_t start = name_reference_before(tokens, k);
    // "Hana Kobayashi of Kobayashi Labs explains:": the speaker is before the organisation.
    if (start >= 2 && start < k &&
        (tokens[start - 1].lower == "of" || tokens[start - 1].lower == "at" ||
         tokens[start - 1].lower == "from")) {
      size_t person = name_reference_before(tokens, start - 1);
      if (person < start - 1)
        return Attribution{
            {tokens.begin() + person, tokens.begin() + start - 1}, false, Pronoun::kThey, end};
    }
    if (start < k)
      return Attribution{{tokens.begin() + start, tokens.begin() + k}, false, Pronoun::kThey, end};
    return std::nullopt;
  }
  size_t n_start = name_reference_before(tokens, end);
  if (n_start < end && n_start > 0 && in_list(tokens[n_start - 1].lower, kReportingVerbs)) {
    return Attribution{
        {tokens.begin() + n_start, tokens.begin() + end}, false, Pronoun::kThey, end};
  }
  return std::nullopt;
}

// Bytes [begin, end) of `text` are part of a real quotation, not just a scare-quoted word ("the
// word “non-comedogenic”"), even one that closes in a later sentence ("Lee said: ‘… . …’").
bool inside_real_quote(const std::vector<Span>& spans, std::string_view text, size_t begin,
                       size_t end) {
  for (const Span& span : spans) {
    if (span.open >= end || span.close_end <= begin) continue;
    if (word_count(text.substr(span.text_begin, span.text_end - span.text_begin)) >= 4) return true;
  }
  return false;
}

// "— Farrah Nwosu, beauty editor at Lustre" on its own line under a quote: who said it.
std::optional<Speaker> dash_attribution(const Paragraph& paragraph,
                                        const SpeakerResolver& resolver) {
  std::string_view text = trim(paragraph.text);
  if (text.size() > 200 || paragraph.type == BlockType::kHeading) return std::nullopt;
  if (!text.starts_with("\xE2\x80\x94") && !text.starts_with("\xE2\x80\x93")) return std::nullopt;
  auto tokens = tokenize(text.substr(3));
  size_t n = name_reference(tokens, 0);
  if (n == 0 || (n < tokens.size() && tokens[n].text != ",")) return std::nullopt;
  return resolver.by_name({tokens.begin(), tokens.begin() + n});
}

struct Context {
  std::optional<Speaker> last_speaker;
  int last_speaker_paragraph = -100;
};

// Who a pronoun subject is at the point of a sentence.
using PronounSpeaker = std::function<std::optional<Speaker>(Pronoun)>;

// "does not recommend", "doesn't think": a negated opinion is still the speaker's advice.
constexpr std::array<std::string_view, 8> kNegatedIndirectVerbs = {
    "recommend", "suggest", "advise", "think", "believe", "like", "love", "want"};

// "Brandt’s advice for everyone else is simpler: …"
constexpr std::array<std::string_view, 11> kAdviceNouns = {
    "advice",     "tip",     "tips", "rule",         "rules",   "recommendation",
    "suggestion", "verdict", "take", "prescription", "guidance"};

// Verbs that report speech only with "that" after them ("Ellison adds that …").
constexpr std::array<std::string_view, 6> kVerbsReportingWithThat = {
    "adds", "added", "notes", "noted", "explains", "explained"};

bool is_negation(const Token& t) {
  return t.lower == "not" || t.lower == "doesn't" || t.lower == "doesn\xE2\x80\x99t" ||
         t.lower == "don't" || t.lower == "don\xE2\x80\x99t";
}

// The speaker of "SUBJECT [adverbs] VERB …" when its subject starts at token `i`: a pronoun, or
// a name with an aside before the verb ("Wren Halloway, a certified trichologist, says",
// "Priyanka Deshmukh, MD, a dermatologist in Toronto, says"), the verb perhaps negated ("does
// not recommend"). nullopt when the sentence does not report anyone's words.
std::optional<Speaker> reported_subject(const std::vector<Token>& tokens, size_t i,
                                        const SpeakerResolver& resolver,
                                        const PronounSpeaker& pronoun_speaker) {
  if (i >= tokens.size()) return std::nullopt;
  size_t subject_end = i + 1;
  size_t n = 0;
  if (!is_pronoun(tokens[i])) {
    n = name_reference(tokens, i);
    if (n == 0) return std::nullopt;
    subject_end = closing_comma_of_degree(tokens, i + n);
    if (subject_end + 1 < tokens.size() && tokens[subject_end].text == "," &&
        in_list(tokens[subject_end + 1].lower, kIndirectVerbs)) {
      ++subject_end;  // "Anna Karp, MD, says …"
    } else if (subject_end < tokens.size() && tokens[subject_end].text == ",") {
      size_t close = subject_end + 1;
      while (close < tokens.size() && close - subject_end < 16 && tokens[close].text != ",")
        ++close;
      if (close < tokens.size() && tokens[close].text == ",") subject_end = close + 1;
    }
  }
  size_t v = subject_end;
  while (v < tokens.size() && in_list(tokens[v].lower, kAdverbs)) ++v;
  if (v >= tokens.size()) return std::nullopt;
  if (tokens[v].lower == "does" || tokens[v].lower == "do") ++v;
  if (v < tokens.size() && is_negation(tokens[v])) {
    ++v;
    if (v >= tokens.size() || !in_list(tokens[v].lower, kNegatedIndirectVerbs)) return std::nullopt;
  } else if (v >= tokens.size() || !in_list(tokens[v].lower, kIndirectVerbs)) {
    return std::nullopt;
  } else if (in_list(tokens[v].lower, kVerbsReportingWithThat) &&
             (v + 1 >= tokens.size() || tokens[v + 1].lower != "that")) {
    return std::nullopt;  // "adds another wrinkle", "explains the science": an object, not speech
  }
  if (n == 0) return pronoun_speaker(pronoun_of(tokens[i]));
  return resolver.by_name({tokens.begin() + i, tokens.begin() + i + n});
}

// Indirect speech in a sentence without quotation marks: "She recommends the NuFace …",
// "Like Karp, she also recommends …", "After the first day, she recommends …", "According to
// Reyes, results last …", "Brandt’s advice is simpler: …".
std::optional<Quote> indirect_quote(std::string_view sentence, const SpeakerResolver& resolver,
                                    const PronounSpeaker& pronoun_speaker) {
  auto tokens = tokenize(sentence);
  if (tokens.size() < 5) return std::nullopt;
  std::optional<Speaker> speaker;
  size_t possessor = name_reference(tokens, 0);
  if (tokens[0].lower == "according" && tokens[1].lower == "to") {
    size_t n = name_reference(tokens, 2);
    if (n == 0 || 2 + n >= tokens.size() || tokens[2 + n].text != ",") return std::nullopt;
    speaker = resolver.by_name({tokens.begin() + 2, tokens.begin() + 2 + n});
  } else if (possessor > 0 && is_possessive(tokens[possessor - 1].text)) {
    // A paraphrase led by whose advice it is and a colon.
    bool advice = false, colon = false;
    for (size_t k = possessor; k < tokens.size(); ++k) {
      if (k < possessor + 3 && in_list(tokens[k].lower, kAdviceNouns)) advice = true;
      if (advice && tokens[k].text == ":") colon = true;
    }
    if (!advice || !colon) return std::nullopt;
    speaker = resolver.by_name({tokens.begin(), tokens.begin() + possessor});
  } else {
    size_t i = 0;
    if (tokens[0].lower == "like") {  // "Like Karp, she also recommends …"
      size_t comma = 1;
      while (comma < tokens.size() && comma < 6 && tokens[comma].text != ",") ++comma;
      if (comma >= tokens.size() || tokens[comma].text != ",") return std::nullopt;
      i = comma + 1;
    }
    speaker = reported_subject(tokens, i, resolver, pronoun_speaker);
    if (!speaker && i == 0) {
      // "After the first day, she recommends …", "For melasma, which runs in my family, she …"
      for (size_t comma = 1; comma + 1 < tokens.size() && comma < 14; ++comma) {
        if (tokens[comma].text == "," && is_pronoun(tokens[comma + 1])) {
          speaker = reported_subject(tokens, comma + 1, resolver, pronoun_speaker);
          break;
        }
      }
    }
  }
  // Only people the article introduced: "Mary says" about an unknown Mary is not expert advice.
  if (!speaker || speaker->credential.empty()) return std::nullopt;
  Quote quote;
  std::string_view text = trim(sentence);
  if (text.ends_with(".")) text.remove_suffix(1);
  quote.text = std::string(text);
  quote.speaker = speaker;
  quote.indirect = true;
  return quote;
}

// Interview pages: a question (a heading or a line ending in "?", or a label that is not a
// person) followed by answers in the interviewee's own words, without quotation marks.
bool is_interview(const std::vector<Paragraph>& paragraphs, const std::string& title) {
  std::string lower_title = to_lower_ascii(title);
  int questions = 0;
  for (const Paragraph& p : paragraphs) {
    std::string_view text = trim(p.text);
    if (text.ends_with("?") && (p.type == BlockType::kHeading || text.size() < 300)) ++questions;
  }
  bool titled = lower_title.starts_with("q&a") || lower_title.find("interview") != std::string::npos ||
                lower_title.starts_with("q & a");
  int labelled_questions = 0;
  for (const Paragraph& p : paragraphs) {
    if (p.text.starts_with("Q:") || p.text.starts_with("Q.") || p.text.starts_with("Q ")) ++labelled_questions;
  }
  return labelled_questions >= 2 || (questions >= 3 && (titled || questions >= 5));
}

// "Reyes: answer" -> ("Reyes", "answer"); labels are 1-4 words before a colon.
std::optional<std::pair<std::string, std::string>> split_label(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return std::nullopt;
  std::string_view label = trim(text.substr(0, colon));
  if (word_count(label) > 4) return std::nullopt;
  return std::make_pair(std::string(label), std::string(trim(text.substr(colon + 1))));
}

bool is_product_line(std::string_view text) {
  std::string lower = to_lower_ascii(text.substr(0, 16));
  return lower.starts_with("shop it") || lower.starts_with("buy it") || lower.starts_with("shop now") ||
         lower.starts_with("get it") || lower.starts_with("buy now");
}

// Every quote is kept with its stance, read from its text once it is complete.
void add_quote(std::vector<Quote>& quotes, Quote quote) {
  quote.stance = classify_stance(quote.text);
  quotes.push_back(std::move(quote));
}

void interview_answers(const std::vector<Paragraph>& paragraphs, SpeakerResolver& resolver,
                       std::vector<bool>& consumed, std::vector<Quote>& quotes) {
  if (resolver.people().empty()) return;
  Speaker interviewee = SpeakerResolver::to_speaker(resolver.people().front());
  std::optional<Quote> answer;
  auto finish = [&] {
    if (answer && !answer->text.empty()) add_quote(quotes, std::move(*answer));
    answer.reset();
  };
  bool after_question = false;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const Paragraph& p = paragraphs[i];
    std::string_view text = trim(p.text);
    auto label = split_label(text);
    bool labelled_answer = false;
    Speaker speaker = interviewee;
    std::string body(text);
    if (label) {
      std::string lower = to_lower_ascii(label->first);
      if (lower == "q" || lower == "question") {
        finish();
        after_question = true;
        consumed[i] = true;
        continue;
      }
      if (lower == "a" || lower == "answer") {
        labelled_answer = true;
        body = label->second;
      } else {
        auto tokens = tokenize(label->first);
        auto named = resolver.by_name(tokens);
        if (named && !named->credential.empty()) {
          labelled_answer = true;
          speaker = *named;
          body = label->second;
        } else if (text.ends_with("?")) {
          finish();  // "Glow Notes: question?"
          after_question = true;
          consumed[i] = true;
          continue;
        }
      }
    }
    if (p.type == BlockType::kHeading) {
      finish();
      after_question = text.ends_with("?");
      if (after_question) consumed[i] = true;
      continue;
    }
    if (!labelled_answer && !after_question) continue;
    if (is_product_line(text) || p.in_blockquote) continue;
    if (labelled_answer) finish();
    if (!answer) {
      answer = Quote{};
      answer->speaker = speaker;
      answer->section = p.section;
    }
    if (!answer->text.empty()) answer->text += ' ';
    answer->text += collapse_whitespace(body);
    consumed[i] = true;
  }
  finish();
}

}  // namespace

Stance classify_stance(std::string_view text) {
  static const PhraseSet kWarn = {
      "harm", "damag", "avoid", "never", "don't", "don\xE2\x80\x99t", "do not", "shouldn't",
      "should not", "careful", "caution", "overdo", "too much", "risk", "irritat", "skip",
      "stay away", "wouldn't", "would not", "not recommend", "waste", "opposite effect",
      "worse", "can cause", "dangerous", "steer clear", "beware", "won't", "won\xE2\x80\x99t",
      "myth"};
  static const PhraseSet kRecommend = {
      "recommend", "i like", "i love", "love", "great for", "swear by", "favorite", "favourite",
      "suggest", "go-to", "best", "works", "effective", "helps", "help ", "worth", "obsessed",
      "must-have", "benefit", "reach for", "try ", "fan of"};
  size_t warn = kWarn.count_present(text), recommend = kRecommend.count_present(text);
  if (warn > 0 && warn >= recommend) return Stance::kWarns;
  if (recommend > 0) return Stance::kRecommends;
  if (warn > 0) return Stance::kWarns;
  return Stance::kNeutral;
}

std::vector<Quote> find_quotes(const std::vector<Paragraph>& paragraphs,
                               const std::vector<Person>& people, const std::string& title) {
  // Indirect speech needs a speech verb, a negated one or an "advice …:" lead-in; most
  // paragraphs have none and are not split into sentences.
  static const PhraseSet kSpeech = PhraseSet::joined(kIndirectVerbs, std::array<std::string_view, 1>{"according to"});
  static const PhraseSet kNegation = {" not ", "n't", "n\xE2\x80\x99t"};
  static const PhraseSet kNegatedSpeech = PhraseSet::joined(kNegatedIndirectVerbs);
  static const PhraseSet kAdvice = PhraseSet::joined(kAdviceNouns);
  std::vector<Quote> quotes;
  SpeakerResolver resolver(people, paragraphs);
  std::vector<bool> consumed(paragraphs.size(), false);
  if (is_interview(paragraphs, title)) interview_answers(paragraphs, resolver, consumed, quotes);

  Context context;
  std::optional<Quote> open_quote;     // a multi-paragraph quote still running
  bool open_quote_attributed = false;  // its speaker was named, not carried over
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    const Paragraph& paragraph = paragraphs[p];
    if (consumed[p] || paragraph.type == BlockType::kHeading) continue;
    const std::string& text = paragraph.text;
    auto spans = find_spans(text);
    const auto all_spans = spans;
    int here = static_cast<int>(p);
    // A "— Name, credential" line after this paragraph signs its quotes.
    std::optional<Speaker> signed_by;
    if (p + 1 < paragraphs.size()) signed_by = dash_attribution(paragraphs[p + 1], resolver);

    // Continue a multi-paragraph quote: the next paragraph opens with a quotation mark.
    if (open_quote) {
      if (!spans.empty() && spans.front().open == 0) {
        Span first = spans.front();
        open_quote->text += ' ';
        open_quote->text += clean_quote_text(std::string_view(text).substr(first.text_begin, first.text_end - first.text_begin));
        spans.erase(spans.begin());
        if (first.closed) {
          auto after = tokenize(std::string_view(text).substr(first.close_end));
          auto a = attribution_after(after);
          if (a && !open_quote_attributed) {
            open_quote->speaker =
                a->pronoun ? resolver.resolve_pronoun(a->which, {p, 0, 0}, context.last_speaker)
                           : resolver.by_name(a->name);
          } else if (signed_by && !open_quote_attributed) {
            open_quote->speaker = signed_by;
          }
          if (!open_quote->speaker && context.last_speaker && here - context.last_speaker_paragraph <= 2) {
            open_quote->speaker = context.last_speaker;
          }
          add_quote(quotes, std::move(*open_quote));
          open_quote.reset();
        }
      } else {
        if (open_quote->speaker || word_count(open_quote->text) >= 8) add_quote(quotes, std::move(*open_quote));
        open_quote.reset();
      }
    }

    for (size_t s = 0; s < spans.size(); ++s) {
      const Span& span = spans[s];
      std::string quote_text = clean_quote_text(std::string_view(text).substr(span.text_begin, span.text_end - span.text_begin));
      size_t words = word_count(quote_text);
      size_t after_end = s + 1 < spans.size() ? spans[s + 1].open : text.size();
      size_t before_begin = s > 0 ? spans[s - 1].close_end : 0;
      auto after_tokens = tokenize(std::string_view(text).substr(span.close_end, after_end - span.close_end));
      auto before_tokens = tokenize(std::string_view(text).substr(before_begin, span.open - before_begin));

      std::optional<Attribution> attribution;
      if (span.closed) attribution = attribution_after(after_tokens);
      bool attributed_after = attribution.has_value();
      if (!attribution) attribution = attribution_before(before_tokens);

      std::string_view before_text =
          std::string_view(text).substr(before_begin, span.open - before_begin);
      std::optional<Speaker> speaker;
      if (attribution) {
        if (attribution->pronoun) {
          speaker = resolver.resolve_pronoun(attribution->which, {p, before_begin, span.open},
                                             context.last_speaker);
          if (!speaker) speaker = resolver.last_introduced(attribution->which);
        } else {
          speaker = resolver.by_name(attribution->name);
        }
      } else {
        // "Ellison’s advice is simpler: “…”", "Okafor has a simple rule for summer: “…”"
        speaker = resolver.lead_in_speaker(before_text);
        if (!speaker) speaker = signed_by;
      }
      bool attributed = speaker.has_value();
      // Split quote: "First part," she says, "second part."
      if (attributed_after && s + 1 < spans.size() && quote_text.size() > 0 &&
          std::string_view(text).substr(span.text_end >= 1 ? span.text_end - 1 : 0, 1) == ",") {
        bool only_attribution = attribution->end_token + 1 >= after_tokens.size() &&
                                (attribution->end_token >= after_tokens.size() ||
                                 after_tokens[attribution->end_token].text == ",");
        if (only_attribution) {
          const Span& next = spans[s + 1];
          quote_text += ' ';
          quote_text += clean_quote_text(std::string_view(text).substr(next.text_begin, next.text_end - next.text_begin));
          words = word_count(quote_text);
          ++s;
        }
      }
      bool continuation = false;
      if (!speaker && context.last_speaker) {
        int distance = here - context.last_speaker_paragraph;
        bool opens_paragraph = span.open == 0;
        continuation = words >= 3 && (distance == 0 || (distance <= 2 && opens_paragraph) || distance == 1);
        if (continuation) speaker = context.last_speaker;
      }
      if (!speaker) {
        // Scare quotes and titles: short, unattributed, or with no sentence in them.
        bool sentence_like = quote_text.find_first_of(".!?") != std::string::npos || words >= 12;
        if (words < 8 || !sentence_like) continue;
      }
      if (!span.closed) {
        open_quote = Quote{};
        open_quote->text = quote_text;
        open_quote->speaker = speaker;
        open_quote->section = paragraph.section;
        open_quote_attributed = attributed;
        continue;
      }
      if (words < 2) continue;
      Quote quote;
      quote.text = std::move(quote_text);
      quote.speaker = speaker;
      quote.section = paragraph.section;
      add_quote(quotes, std::move(quote));
      if (speaker) {
        context.last_speaker = speaker;
        context.last_speaker_paragraph = here;
      }
    }

    // Indirect speech in sentences with no quotation marks.
    bool has_verb = kSpeech.contains_any(text) ||
                    (kNegation.contains_any(text) && kNegatedSpeech.contains_any(text)) ||
                    (text.find(':') != std::string::npos && kAdvice.contains_any(text));
    if (!has_verb) continue;
    for (std::string_view sentence : split_sentences(text)) {
      size_t offset = static_cast<size_t>(sentence.data() - text.data());
      if (inside_real_quote(all_spans, text, offset, offset + sentence.size())) continue;
      PronounSpeaker pronoun_speaker = [&](Pronoun pronoun) {
        return resolver.resolve_pronoun(pronoun, {p, 0, offset}, context.last_speaker);
      };
      if (auto quote = indirect_quote(sentence, resolver, pronoun_speaker)) {
        quote->section = paragraph.section;
        context.last_speaker = quote->speaker;
        context.last_speaker_paragraph = here;
        add_quote(quotes, std::move(*quote));
      }
    }
  }
  if (open_quote && (open_quote->speaker || word_count(open_quote->text) >= 8)) {
    add_quote(quotes, std::move(*open_quote));
  }
  return quotes;
}

}  // namespace beautyidx::extract
