// Names, surnames, pronouns and lead-ins resolved to the people an article introduced.
#include "extract/speaker_resolver.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace beautyidx::extract {
namespace {

std::string_view surname_of(std::string_view name) {
  size_t space = name.rfind(' ');
  return space == std::string_view::npos ? name : name.substr(space + 1);
}

bool is_letter_byte(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Where the sentence holding offset `at` of `text` starts.
size_t sentence_start(std::string_view text, size_t at) {
  size_t start = 0;
  for (std::string_view sentence : split_sentences(text)) {
    size_t offset = static_cast<size_t>(sentence.data() - text.data());
    if (offset > at) break;
    start = offset;
  }
  return start;
}

}  // namespace

Pronoun pronoun_of(const Token& token) {
  if (token.lower == "she") return Pronoun::kShe;
  if (token.lower == "he") return Pronoun::kHe;
  return Pronoun::kThey;
}

std::optional<Speaker> SpeakerResolver::by_name(const std::vector<Token>& name_tokens) const {
  std::string full;
  for (const Token& t : name_tokens) {
    if (t.lower == "dr." || t.lower == "dr") continue;
    if (!full.empty()) full += ' ';
    full += t.text;
  }
  full = std::string(without_possessive(full));
  if (full.empty()) return std::nullopt;
  for (const Person& p : people_) {
    if (p.name == full) return to_speaker(p);
  }
  for (const Person& p : people_) {
    std::string_view name = p.name;
    std::string_view first = name.substr(0, name.find(' '));
    if (surname_of(name) == full || first == full) return to_speaker(p);
    if (name.ends_with(" " + full)) return to_speaker(p);
  }
  Speaker unknown;
  unknown.name = full;
  return unknown;
}

std::vector<SpeakerResolver::Mention> SpeakerResolver::mentions(std::string_view text) const {
  std::vector<Mention> found;
  for (const Person& p : people_) {
    std::string_view surname = surname_of(p.name);
    std::string_view given =
        std::string_view(p.name).substr(0, p.name.size() - surname.size());  // "Bianca "
    for (size_t at = text.find(surname); at != std::string_view::npos;
         at = text.find(surname, at + 1)) {
      size_t end = at + surname.size();
      bool left = at == 0 || !is_letter_byte(text[at - 1]);
      bool right = end >= text.size() || !is_letter_byte(text[end]);
      if (!left || !right) continue;
      // "Like Karp, she ..." compares her to Karp; "she" is still someone else.
      if (text.substr(0, at).ends_with("ike ")) continue;
      // "Reyes Aesthetic", "Clínica Ibáñez": a clinic named after someone is not that person.
      bool organisation = false;
      for (const Person& other : people_) {
        if (other.affiliation.empty()) continue;
        if (text.substr(at).starts_with(other.affiliation) ||
            text.substr(0, end).ends_with(other.affiliation)) {
          organisation = true;
        }
      }
      if (organisation) continue;
      size_t begin = text.substr(0, at).ends_with(given) ? at - given.size() : at;
      found.push_back(Mention{begin, end, &p});
    }
  }
  std::sort(found.begin(), found.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  return found;
}

bool SpeakerResolver::fits(const std::string& name, Pronoun pronoun) const {
  if (pronoun == Pronoun::kThey) return true;
  auto used = pronoun_used_.find(name);
  return used == pronoun_used_.end() || used->second == pronoun;
}

std::optional<Speaker> SpeakerResolver::named_in(std::string_view text, Pronoun pronoun) const {
  std::vector<Mention> found;
  for (const Mention& m : mentions(text)) {
    if (fits(m.person->name, pronoun)) found.push_back(m);
  }
  if (found.empty()) return std::nullopt;
  const Mention& last = found.back();
  size_t start = sentence_start(text, last.begin);
  const Mention* first = &last;
  for (const Mention& m : found) {
    if (m.begin >= start) {
      first = &m;
      break;
    }
  }
  if (first->person == last.person) return to_speaker(*last.person);
  return to_speaker(opens_sentence(text, start, *first) ? *first->person : *last.person);
}

bool SpeakerResolver::opens_sentence(std::string_view text, size_t sentence_begin,
                                     const Mention& mention) {
  std::string_view lead = trim(text.substr(sentence_begin, mention.begin - sentence_begin));
  if (lead.ends_with("Dr.") || lead.ends_with("Dr")) lead = trim(lead.substr(0, lead.rfind("Dr")));
  return lead.empty() || (!mention.person->credential.empty() &&
                          equals_ignore_case(lead, mention.person->credential));
}

std::optional<Speaker> SpeakerResolver::resolve_pronoun(Pronoun pronoun, std::string_view before,
                                                        const std::optional<Speaker>& last_speaker,
                                                        size_t paragraph) {
  std::optional<Speaker> found = named_in(before, pronoun);
  // Only a pronoun that follows its person's name in the same paragraph tells that person's
  // pronoun; one resolved from further away may be wrong, and a wrong one would misdirect
  // every pronoun after it.
  if (found && pronoun != Pronoun::kThey) pronoun_used_[found->name] = pronoun;
  if (!found && last_speaker && fits(last_speaker->name, pronoun)) found = last_speaker;
  for (size_t back = 1; !found && back <= 3 && back <= paragraph; ++back) {
    const Paragraph& earlier = paragraphs_[paragraph - back];
    if (earlier.type != BlockType::kHeading) found = named_in(earlier.text, pronoun);
  }
  return found;
}

std::optional<Speaker> SpeakerResolver::last_introduced(Pronoun pronoun) const {
  for (auto p = people_.rbegin(); p != people_.rend(); ++p) {
    if (fits(p->name, pronoun)) return to_speaker(*p);
  }
  return std::nullopt;
}

std::optional<Speaker> SpeakerResolver::lead_in_speaker(std::string_view before_quote) const {
  std::string_view text = trim(before_quote);
  if (!text.ends_with(":")) return std::nullopt;
  std::string_view lead = text.substr(sentence_start(text, text.size() - 1));
  auto found = mentions(lead);
  // Only the subject says what follows: in "We asked Lee one question:" the writer does.
  if (found.empty() || found.front().person->credential.empty() ||
      !opens_sentence(lead, 0, found.front())) {
    return std::nullopt;
  }
  return to_speaker(*found.front().person);
}

}  // namespace beautyidx::extract
