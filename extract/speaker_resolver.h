// Internal to extract/: who a name, a surname, a pronoun or a lead-in sentence refers to, among
// the people an article introduced (find_people). Used by find_quotes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "extract/analysis.h"
#include "extract/tokens.h"

namespace beautyidx::extract {

// The pronoun a text used for someone. "they" says nothing about which person it is.
enum class Pronoun { kThey, kShe, kHe };

// Pronoun::kShe for "she"/"She", kHe for "he", kThey otherwise.
Pronoun pronoun_of(const Token& token);

// One reader of one article: it remembers which pronoun the article used for whom, and who
// each paragraph it looked into mentions where, so it is not thread-safe and not meant to
// outlive the find_quotes call that made it. `people` and `paragraphs` must outlive it and not
// change while it lives.
class SpeakerResolver {
 public:
  SpeakerResolver(const std::vector<Person>& people, const std::vector<Paragraph>& paragraphs)
      : people_(people), paragraphs_(paragraphs), paragraph_indexes_(paragraphs.size()) {}

  const std::vector<Person>& people() const { return people_; }

  // A person by a reference in the text: full name, surname, "Dr. Surname", first name, or a
  // possessive of those ("Ellison’s"). An unknown name comes back as a speaker with no
  // credential; nullopt only for an empty reference.
  std::optional<Speaker> by_name(const std::vector<Token>& name_tokens) const;

  // Bytes [begin, end) of the text of paragraph `paragraph`.
  // REQUIRES: begin <= end <= that text's size.
  struct Stretch {
    size_t paragraph = 0;
    size_t begin = 0;
    size_t end = 0;
  };

  // Who "she"/"he"/"they" refers to at a point of a paragraph; `before` is the paragraph's text
  // before the pronoun (or the stretch of it since the last quote, or an empty stretch when
  // nothing before it counts), `last_speaker` whoever was quoted last. A stretch that starts
  // the paragraph is answered from the paragraph read once, not read again: the answer is the
  // same, and a paragraph with many pronouns costs linear, not quadratic, time. In order: the
  // subject of the last sentence of `before` that names someone (so in "Torres is a nurse
  // injector working with surgeon Tomás Reyes. She ..." she is Torres), else whoever it names
  // last; then `last_speaker`; then the last of the three paragraphs before that names
  // someone. A person the article already called by another pronoun is skipped; the pronoun
  // is remembered for the person when `before` named them. nullopt when nobody fits.
  std::optional<Speaker> resolve_pronoun(Pronoun pronoun, Stretch before,
                                         const std::optional<Speaker>& last_speaker);

  // A guess for a pronoun nothing before resolves: the person introduced last who fits it.
  std::optional<Speaker> last_introduced(Pronoun pronoun) const;

  // The speaker a lead-in sentence ending in a colon names as its subject: "Ellison's advice is
  // simpler:", "Okafor has a simple rule for summer:", "Nwosu, who tests primers, put it this
  // way:". Only a person the article introduced with a credential; nullopt otherwise.
  std::optional<Speaker> lead_in_speaker(std::string_view before_quote) const;

  static Speaker to_speaker(const Person& p) {
    return Speaker{p.name, p.credential, p.credential_class, p.affiliation};
  }

 private:
  struct Mention {
    size_t begin = 0;  // of the full name when it is written out, else of the surname
    size_t end = 0;
    const Person* person = nullptr;
  };
  // An introduced person's surname written in a text, with what decides whether it mentions
  // them in the text's first `length` bytes (mentions_within): not "Like Karp, …" (a
  // comparison), not part of a longer word, not "Reyes Aesthetic" (a clinic named after
  // someone). Cutting the text right after the surname, or inside the clinic's name, changes
  // the answer; nothing else does.
  struct Occurrence {
    Mention mention;
    bool rejected = false;            // whatever the length
    bool followed_by_letter = false;  // in the whole text
    size_t organisation_end = std::string_view::npos;  // an affiliation starting here ends here
  };
  static bool mentions_within(const Occurrence& occurrence, size_t length);
  // Who a text mentions where and where its sentences start: enough to answer for the text
  // and for every start of it.
  struct TextIndex {
    std::vector<Occurrence> occurrences;  // by Mention::begin; a tie in the order of people_
    std::vector<size_t> sentence_starts;
  };
  std::vector<Occurrence> occurrences(std::string_view text) const;
  TextIndex index(std::string_view text) const;
  const TextIndex& paragraph_index(size_t paragraph);
  // The person of this name was never called by a pronoun other than `pronoun`.
  bool fits(const std::string& name, Pronoun pronoun) const;
  // The mention is its sentence's subject: it opens the sentence, perhaps behind "Dr." or its
  // own credential ("Board-certified plastic surgeon Tomás Reyes ..."); someone named later in
  // the sentence is more likely its object.
  static bool opens_sentence(std::string_view text, size_t sentence_begin, const Mention& mention);
  // The subject, else the last person, of the last sentence naming someone who fits in the
  // first `length` bytes of `text`, which `text_index` indexes.
  std::optional<Speaker> named_in(std::string_view text, const TextIndex& text_index,
                                  size_t length, Pronoun pronoun) const;

  const std::vector<Person>& people_;
  const std::vector<Paragraph>& paragraphs_;
  std::map<std::string, Pronoun> pronoun_used_;  // by person name
  std::vector<std::optional<TextIndex>> paragraph_indexes_;  // read the first time one is needed
};

}  // namespace beautyidx::extract
