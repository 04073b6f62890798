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

// Where the sentences of `text` start, in order. Each sentence ends where punctuation is
// followed by a space and a capital, whatever came before, so the sentences of a start of
// `text` start where its own do, up to the cut.
std::vector<size_t> sentence_starts(std::string_view text) {
  std::vector<size_t> starts;
  for (std::string_view sentence : split_sentences(text))
    starts.push_back(static_cast<size_t>(sentence.data() - text.data()));
  return starts;
}

// Where the sentence holding offset `at` starts, given where sentences start; 0 before the first.
size_t sentence_start(const std::vector<size_t>& starts, size_t at) {
  auto after = std::upper_bound(starts.begin(), starts.end(), at);
  return after == starts.begin() ? 0 : *(after - 1);
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
    if (is_honorific(t.lower)) continue;
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

std::vector<SpeakerResolver::Occurrence> SpeakerResolver::occurrences(std::string_view text) const {
  std::vector<Occurrence> found;
  for (const Person& p : people_) {
    std::string_view surname = surname_of(p.name);
    std::string_view given =
        std::string_view(p.name).substr(0, p.name.size() - surname.size());  // "Bianca "
    for (size_t at = text.find(surname); at != std::string_view::npos;
         at = text.find(surname, at + 1)) {
      size_t end = at + surname.size();
      size_t begin = text.substr(0, at).ends_with(given) ? at - given.size() : at;
      Occurrence occurrence{Mention{begin, end, &p}};
      // "Like Karp, she ..." compares her to Karp; "she" is still someone else.
      occurrence.rejected = (at > 0 && is_letter_byte(text[at - 1])) ||
                            text.substr(0, at).ends_with("ike ");
      occurrence.followed_by_letter = end < text.size() && is_letter_byte(text[end]);
      // "Reyes Aesthetic", "Clínica Ibáñez": a clinic named after someone is not that person.
      for (const Person& other : people_) {
        if (other.affiliation.empty()) continue;
        if (text.substr(0, end).ends_with(other.affiliation)) {
          occurrence.rejected = true;
        } else if (text.substr(at).starts_with(other.affiliation)) {
          occurrence.organisation_end =
              std::min(occurrence.organisation_end, at + other.affiliation.size());
        }
      }
      found.push_back(occurrence);
    }
  }
  // Stable, so that two people sharing a surname keep the order they were introduced in.
  std::stable_sort(found.begin(), found.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.mention.begin < b.mention.begin;
  });
  return found;
}

bool SpeakerResolver::mentions_within(const Occurrence& occurrence, size_t length) {
  const Mention& m = occurrence.mention;
  return m.end <= length && !occurrence.rejected &&
         (m.end == length || !occurrence.followed_by_letter) &&
         occurrence.organisation_end > length;
}

SpeakerResolver::TextIndex SpeakerResolver::index(std::string_view text) const {
  // Sentences matter only around a mention; most paragraphs mention nobody.
  std::vector<Occurrence> found = occurrences(text);
  std::vector<size_t> starts = found.empty() ? std::vector<size_t>() : sentence_starts(text);
  return TextIndex{std::move(found), std::move(starts)};
}

const SpeakerResolver::TextIndex& SpeakerResolver::paragraph_index(size_t paragraph) {
  std::optional<TextIndex>& cached = paragraph_indexes_[paragraph];
  if (!cached) cached = index(paragraphs_[paragraph].text);
  return *cached;
}

bool SpeakerResolver::fits(const std::string& name, Pronoun pronoun) const {
  if (pronoun == Pronoun::kThey) return true;
  auto used = pronoun_used_.find(name);
  return used == pronoun_used_.end() || used->second == pronoun;
}

std::optional<Speaker> SpeakerResolver::named_in(std::string_view text,
                                                 const TextIndex& text_index, size_t length,
                                                 Pronoun pronoun) const {
  const std::vector<Occurrence>& all = text_index.occurrences;
  auto counts = [&](const Occurrence& o) {
    return mentions_within(o, length) && fits(o.mention.person->name, pronoun);
  };
  // From the back: the last mention that counts, then the first that counts in its sentence.
  size_t i = static_cast<size_t>(
      std::partition_point(all.begin(), all.end(),
                           [&](const Occurrence& o) { return o.mention.begin < length; }) -
      all.begin());
  while (i > 0 && !counts(all[i - 1])) --i;
  if (i == 0) return std::nullopt;
  const Mention& last = all[i - 1].mention;
  size_t start = sentence_start(text_index.sentence_starts, last.begin);
  const Mention* first = &last;
  for (size_t j = i - 1; j > 0 && all[j - 1].mention.begin >= start; --j) {
    if (counts(all[j - 1])) first = &all[j - 1].mention;
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

std::optional<Speaker> SpeakerResolver::resolve_pronoun(Pronoun pronoun, Stretch before,
                                                        const std::optional<Speaker>& last_speaker) {
  size_t paragraph = before.paragraph;
  std::string_view text = paragraphs_[paragraph].text;
  std::optional<Speaker> found;  // an empty stretch names nobody
  if (before.begin == 0 && before.end > 0) {
    found = named_in(text, paragraph_index(paragraph), before.end, pronoun);
  } else if (before.begin < before.end) {
    std::string_view stretch = text.substr(before.begin, before.end - before.begin);
    found = named_in(stretch, index(stretch), stretch.size(), pronoun);
  }
  // Only a pronoun that follows its person's name in the same paragraph tells that person's
  // pronoun; one resolved from further away may be wrong, and a wrong one would misdirect
  // every pronoun after it.
  if (found && pronoun != Pronoun::kThey) pronoun_used_[found->name] = pronoun;
  if (!found && last_speaker && fits(last_speaker->name, pronoun)) found = last_speaker;
  for (size_t back = 1; !found && back <= 3 && back <= paragraph; ++back) {
    size_t earlier = paragraph - back;
    if (paragraphs_[earlier].type == BlockType::kHeading) continue;
    const std::string& earlier_text = paragraphs_[earlier].text;
    found = named_in(earlier_text, paragraph_index(earlier), earlier_text.size(), pronoun);
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
  std::string_view lead = text.substr(sentence_start(sentence_starts(text), text.size() - 1));
  std::vector<Occurrence> found = occurrences(lead);
  auto first = std::find_if(found.begin(), found.end(), [&](const Occurrence& o) {
    return mentions_within(o, lead.size());
  });
  // Only the subject says what follows: in "We asked Lee one question:" the writer does.
  if (first == found.end() || first->mention.person->credential.empty() ||
      !opens_sentence(lead, 0, first->mention)) {
    return std::nullopt;
  }
  return to_speaker(*first->mention.person);
}

}  // namespace beautyidx::extract
