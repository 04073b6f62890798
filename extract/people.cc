// Introductions of experts: "board-certified dermatologist Anna Karp", "Anna Karp, MD, a
// dermatologist at X", "esthetician Anastasia Cupcea of DAPHNE", "Dr. Reyes, founder of Y".
#include <array>
#include <cctype>

#include "core/phrase_set.h"
#include "core/text.h"
#include "extract/analysis.h"
#include "extract/tokens.h"

namespace beautyidx::extract {
namespace {

// Head nouns of credentials. Two-word heads ("makeup artist") are found through modifiers.
constexpr std::array<std::string_view, 31> kRoleNouns = {
    "dermatologist", "surgeon",         "esthetician",
    "aesthetician",  "facialist",       "chemist",
    "artist",        "trichologist",    "hairstylist",
    "stylist",       "colorist",        "colourist",
    "nurse",         "practitioner",    "physician",
    "doctor",        "editor",          "nutritionist",
    "dietitian",     "specialist",      "therapist",
    "pharmacist",    "ophthalmologist", "expert",
    "formulator",    "manicurist",      "dermatologist-approved",
    "acupuncturist", "herbalist",       "cosmetologist",
    "injector"};

// Modifiers named after a person keep their capital in the credential ("Mohs surgeon").
constexpr std::array<std::string_view, 1> kEponymModifiers = {"mohs"};

constexpr std::array<std::string_view, 52> kModifiers = {
    "board-certified", "certified", "licensed", "celebrity", "cosmetic", "plastic", "facial",
    "makeup", "make-up", "hair", "nail", "skin", "skincare", "skin-care", "medical", "master",
    "holistic", "lymphatic", "drainage", "oculoplastic", "dermatologic", "dermatological",
    "consulting", "senior", "lead", "registered", "clinical", "beauty", "aesthetic",
    "aesthetics", "oncology", "pediatric", "integrative", "renowned", "leading", "top",
    "award-winning", "veteran", "practicing", "double-board-certified", "celebrity-favorite",
    "paramedical", "medical-grade", "wellness", "brow", "lash", "research", "formulation",
    "product", "nurse", "injector", "surgical"};

constexpr std::array<std::string_view, 8> kFounderWords = {
    "founder", "co-founder", "cofounder", "owner", "creator", "director", "ceo", "president"};

bool is_role_noun(const Token& t) { return t.word && in_list(t.lower, kRoleNouns); }

bool is_modifier(const Token& t) {
  if (!t.word) return false;
  return in_list(t.lower, kModifiers) || in_list(t.lower, kEponymModifiers) ||
         t.lower.ends_with("-certified") || t.lower.ends_with("-trained") ||
         t.lower.ends_with("-licensed");
}

bool is_location_based(const Token& t) { return t.word && t.lower.ends_with("-based"); }

bool is_name_word(const Token& t) {
  return t.word && is_capitalized(t.text) && !is_stop_word(t.lower) && !is_role_noun(t) &&
         !is_honorific(t.lower) && t.text.size() > 1;
}

// Reads a capitalized name of 2-3 words starting at `i` (after an optional "Dr."); returns the
// number of tokens consumed, 0 when there is no name.
size_t read_name(const std::vector<Token>& tokens, size_t i, std::string* name) {
  size_t start = i;
  bool honorific = false;
  if (i < tokens.size() && is_honorific(tokens[i].lower)) {
    honorific = true;
    ++i;
  }
  size_t first = i;
  while (i < tokens.size() && i - first < 3 && is_name_word(tokens[i])) ++i;
  size_t words = i - first;
  if (words == 0 || (words == 1 && !honorific)) return 0;
  std::string out;
  for (size_t k = first; k < i; ++k) {
    if (!out.empty()) out += ' ';
    out += tokens[k].text;
  }
  *name = out;
  return i - start;
}

// Reads a capitalized organisation name at `i` ("DAPHNE", "Penelope & The Beauty Bar",
// "Northside Dermatology"), stopping at lowercase words such as "in".
size_t read_organisation(const std::vector<Token>& tokens, size_t i, std::string* name) {
  size_t start = i;
  std::string out;
  while (i < tokens.size()) {
    const Token& t = tokens[i];
    bool joiner = t.text == "&" || (t.lower == "the" && is_capitalized(t.text)) ||
                  (t.lower == "and" && i + 1 < tokens.size() && is_capitalized(tokens[i + 1].text) &&
                   !is_location_based(tokens[i + 1]) && i > start);
    bool part = t.word && is_capitalized(t.text) && !is_location_based(t) &&
                (!is_stop_word(t.lower) || t.lower == "the");
    if (!part && !joiner) break;
    if (joiner && t.lower == "and") {
      // "X and founder of" is a second role, not part of the name.
      if (i + 1 < tokens.size() && in_list(tokens[i + 1].lower, kFounderWords)) break;
    }
    if (!out.empty() && t.text != "&" && !out.ends_with("&")) out += ' ';
    else if (t.text == "&" || out.ends_with("&")) out += ' ';
    out += t.text;
    ++i;
  }
  while (out.ends_with(" &") || out.ends_with(" and")) out.resize(out.rfind(' '));
  if (out.empty()) return 0;
  *name = out;
  return i - start;
}

// After a name or credential: "of X", "at X", "from X", "founder of X", "and founder of X",
// "who runs X", each perhaps as an aside after a comma (", who runs X").
std::string read_affiliation(const std::vector<Token>& tokens, size_t i) {
  std::string org;
  auto try_preposition = [&](size_t k) -> bool {
    if (k >= tokens.size()) return false;
    const std::string& w = tokens[k].lower;
    if (w != "of" && w != "at" && w != "from" && w != "with") return false;
    return read_organisation(tokens, k + 1, &org) > 0;
  };
  bool after_comma = i < tokens.size() && tokens[i].text == ",";
  if (after_comma) ++i;
  if (try_preposition(i)) return org;
  // "behind Studio Duarte", "who owns Maison Arceneaux", "who runs Clínica Ibáñez"
  if (i < tokens.size() && tokens[i].lower == "behind" && read_organisation(tokens, i + 1, &org) > 0) return org;
  if (i + 1 < tokens.size() && tokens[i].lower == "who" &&
      (tokens[i + 1].lower == "owns" || tokens[i + 1].lower == "runs" || tokens[i + 1].lower == "founded" ||
       tokens[i + 1].lower == "leads") &&
      read_organisation(tokens, i + 2, &org) > 0) {
    return org;
  }
  size_t k = i;
  if (!after_comma && k < tokens.size() && tokens[k].lower == "and") ++k;
  if (k < tokens.size() && (tokens[k].lower == "the" || tokens[k].lower == "a")) ++k;
  if (k < tokens.size() && in_list(tokens[k].lower, kFounderWords)) {
    if (try_preposition(k + 1)) return org;
  }
  return "";
}

// Expands left from a role noun over credential modifiers. Returns the first token of the
// credential and writes the credential text (location words such as "NYC-based" dropped).
size_t expand_credential(const std::vector<Token>& tokens, size_t role, std::string* credential) {
  size_t first = role;
  size_t k = role;
  while (k > 0) {
    const Token& t = tokens[k - 1];
    if (is_modifier(t)) {
      --k;
      first = k;
    } else if (is_location_based(t)) {
      --k;
      // "New York-based": the capitalized words before belong to the location.
      while (k > 0 && tokens[k - 1].word && is_capitalized(tokens[k - 1].text) &&
             !is_stop_word(tokens[k - 1].lower) && !is_role_noun(tokens[k - 1]))
        --k;
      break;
    } else if (t.lower == "and" && k >= 2 && is_role_noun(tokens[k - 2])) {
      // "esthetician and lymphatic drainage specialist": one person, two roles.
      k -= 2;
      first = k;
      while (k > 0 && is_modifier(tokens[k - 1])) first = --k;
    } else {
      break;
    }
  }
  std::string out;
  for (size_t j = first; j <= role; ++j) {
    if (is_location_based(tokens[j])) continue;
    if (!out.empty()) out += ' ';
    bool eponym = in_list(tokens[j].lower, kEponymModifiers);
    if (eponym) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(tokens[j].lower[0])));
      out += tokens[j].lower.substr(1);
    } else {
      out += tokens[j].lower;
    }
  }
  *credential = out;
  return k;
}

// True when the role noun at `i` only starts a longer credential that a later role noun heads:
// "nurse injector", "esthetician and lymphatic drainage specialist", "dermatologist and Mohs
// surgeon". The later noun introduces the person with the whole credential.
bool continues_into_another_role(const std::vector<Token>& tokens, size_t i) {
  size_t next = i + 1;
  if (next >= tokens.size()) return false;
  if (is_role_noun(tokens[next]) && is_modifier(tokens[i])) return true;
  if (tokens[next].lower != "and") return false;
  size_t k = next + 1;
  while (k < tokens.size() && is_modifier(tokens[k]) && !is_role_noun(tokens[k])) ++k;
  return k < tokens.size() && is_role_noun(tokens[k]);
}

// A role that an article or possessive introduces ("my cousin's dermatologist", "the
// esthetician") may be followed by the person's name between commas.
bool introduced_by_determiner(const std::vector<Token>& tokens, size_t credential_start) {
  if (credential_start == 0) return false;
  const Token& before = tokens[credential_start - 1];
  static constexpr std::array<std::string_view, 9> kDeterminers = {
      "the", "a", "an", "my", "our", "her", "his", "their", "your"};
  return in_list(before.lower, kDeterminers) || is_possessive(before.lower);
}

// Where a verb phrase linking a name to its role begins, when one ends right before `k`: "is",
// "was", "has been", "works as", "has worked as". Returns `k` when there is none.
size_t linking_phrase_start(const std::vector<Token>& tokens, size_t k) {
  if (k == 0) return k;
  const std::string& word = tokens[k - 1].lower;
  auto perfect = [&](size_t verb) {
    return verb > 0 && (tokens[verb - 1].lower == "has" || tokens[verb - 1].lower == "had");
  };
  if (word == "is" || word == "was") return k - 1;
  if (word == "been" && perfect(k - 1)) return k - 2;
  if (word == "as" && k >= 2) {
    const std::string& verb = tokens[k - 2].lower;
    if (verb == "works" || verb == "worked" || verb == "serves" || verb == "served") {
      return perfect(k - 2) ? k - 3 : k - 2;
    }
  }
  return k;
}

void add_person(std::vector<Person>& people, Person person) {
  for (Person& existing : people) {
    if (existing.name == person.name) {
      if (existing.credential.empty()) {
        existing.credential = person.credential;
        existing.credential_class = person.credential_class;
      }
      if (existing.affiliation.empty()) existing.affiliation = person.affiliation;
      return;
    }
  }
  people.push_back(std::move(person));
}

}  // namespace

CredentialClass classify_credential(std::string_view credential) {
  std::string c = to_lower_ascii(credential);
  if (c.empty()) return CredentialClass::kNone;
  if (c.find("dermatolog") != std::string::npos) return CredentialClass::kDermatologist;
  if (c.find("plastic") != std::string::npos || c.find("cosmetic surgeon") != std::string::npos ||
      c.find("oculoplastic") != std::string::npos)
    return CredentialClass::kPlasticSurgeon;
  if (c.find("esthetician") != std::string::npos || c.find("aesthetician") != std::string::npos ||
      c.find("facialist") != std::string::npos || c.find("skin therapist") != std::string::npos)
    return CredentialClass::kEsthetician;
  if (c.find("chemist") != std::string::npos || c.find("formulator") != std::string::npos)
    return CredentialClass::kCosmeticChemist;
  if (c.find("makeup artist") != std::string::npos || c.find("make-up artist") != std::string::npos)
    return CredentialClass::kMakeupArtist;
  if (c.find("editor") != std::string::npos) return CredentialClass::kEditor;
  return CredentialClass::kOther;
}

std::vector<Person> find_people(const std::vector<Paragraph>& paragraphs) {
  // Most paragraphs introduce nobody: those that name no role at all are not tokenized.
  static const PhraseSet kRoleWords = PhraseSet::joined(kRoleNouns, kFounderWords);
  std::vector<Person> people;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    if (paragraphs[p].type == BlockType::kHeading) continue;
    if (!kRoleWords.contains_any(paragraphs[p].text)) continue;
    auto tokens = tokenize(paragraphs[p].text);
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (!is_role_noun(tokens[i])) continue;
      // "makeup artist": the head is "artist" only with a modifier before it.
      if (tokens[i].lower == "artist" && (i == 0 || !is_modifier(tokens[i - 1]))) continue;
      if (tokens[i].lower == "expert" && (i == 0 || !is_modifier(tokens[i - 1]))) continue;
      if (continues_into_another_role(tokens, i)) continue;
      std::string credential;
      size_t credential_start = expand_credential(tokens, i, &credential);
      Person person;
      person.first_paragraph = static_cast<int>(p);

      // Pattern A: credential before the name ("esthetician Mara Ellison of X"), or the name
      // between commas after an introduced role ("my cousin's dermatologist, Dr. Begoña
      // Ibáñez, who runs Clínica Ibáñez").
      std::string name;
      size_t name_at = i + 1;
      size_t used = 0;  // tokens of the name read at name_at
      if (name_at < tokens.size() && tokens[name_at].text == "," &&
          introduced_by_determiner(tokens, credential_start)) {
        used = read_name(tokens, name_at + 1, &name);
        size_t after = name_at + 1 + used;
        if (used > 0 &&
            (after == tokens.size() || tokens[after].text == "," || tokens[after].text == ".")) {
          name_at += 1;
        } else {
          used = 0;
        }
      }
      if (used == 0) used = read_name(tokens, name_at, &name);
      if (used > 0) {
        person.name = name;
        person.credential = credential;
        person.affiliation = read_affiliation(tokens, name_at + used);
        person.credential_class = classify_credential(credential);
        add_person(people, std::move(person));
        continue;
      }

      // Pattern B: "NAME, [MD,] a/an/the [New York] CREDENTIAL [at/of ORG]", "NAME of ORG, a
      // CREDENTIAL", "NAME is a CREDENTIAL who owns ORG", "NAME has been a CREDENTIAL at ORG",
      // "NAME, founder of ORG, is a CREDENTIAL".
      size_t k = credential_start;
      for (int location = 0; location < 3 && k > 0 && tokens[k - 1].word && is_capitalized(tokens[k - 1].text) &&
                             !is_stop_word(tokens[k - 1].lower);
           ++location) {
        --k;  // a place between the article and the role: "the New York esthetician"
      }
      if (k > 0 && (tokens[k - 1].lower == "a" || tokens[k - 1].lower == "an" ||
                    tokens[k - 1].lower == "the")) {
        --k;
      }
      if (k == 0) continue;
      std::string appositive_affiliation;
      if (tokens[k - 1].text == ",") {
        --k;
      } else if (size_t link = linking_phrase_start(tokens, k); link < k) {
        k = link;
        if (k > 0 && tokens[k - 1].text == ",") {
          // "Dr. Kofi Mensah, founder of Mensah Skin, is a ...": the name is before the aside.
          size_t aside = k - 1;
          while (aside > 0 && k - aside < 12 && tokens[aside - 1].text != ",") --aside;
          if (aside == 0 || tokens[aside - 1].text != ",") continue;
          appositive_affiliation = read_affiliation(tokens, aside - 1);
          k = aside - 1;
        }
      } else {
        continue;
      }
      if (k > 0 && is_degree(tokens[k - 1].lower)) {
        --k;
        if (k > 0 && tokens[k - 1].text == ",") --k;
      }
      std::string prior_affiliation;
      // "Mara Ellison of Ellison Dermatology, a board-certified dermatologist"
      for (size_t of = k; of > 1 && k - of < 5; --of) {
        if (tokens[of - 1].lower != "of") continue;
        if (read_organisation(tokens, of, &prior_affiliation) == k - of) {
          k = of - 1;
        } else {
          prior_affiliation.clear();
        }
        break;
      }
      size_t end = k;
      size_t begin = end;
      while (begin > 0 && end - begin < 3 && is_name_word(tokens[begin - 1])) --begin;
      if (begin > 0 && is_honorific(tokens[begin - 1].lower)) --begin;
      if (read_name(tokens, begin, &name) == 0) continue;
      person.name = name;
      person.credential = credential;
      person.credential_class = classify_credential(credential);
      person.affiliation = read_affiliation(tokens, i + 1);
      if (person.affiliation.empty()) person.affiliation = prior_affiliation;
      if (person.affiliation.empty()) person.affiliation = appositive_affiliation;
      add_person(people, std::move(person));
    }
    // "Dr. Lee, founder of Lee Skin" / "Simone Lee, the co-founder of Lee Skin": a founder is
    // an expert in what her clinic or brand does.
    for (size_t i = 1; i + 3 < tokens.size(); ++i) {
      size_t f = i;
      if (tokens[f].lower == "the") ++f;
      if (tokens[i - 1].text != "," || !in_list(tokens[f].lower, kFounderWords)) continue;
      if (f + 1 >= tokens.size() || (tokens[f + 1].lower != "of" && tokens[f + 1].lower != "at")) continue;
      std::string org;
      if (read_organisation(tokens, f + 2, &org) == 0) continue;
      size_t end = i - 1, begin = end;
      while (begin > 0 && end - begin < 3 && is_name_word(tokens[begin - 1])) --begin;
      if (begin > 0 && is_honorific(tokens[begin - 1].lower)) --begin;
      std::string name;
      if (read_name(tokens, begin, &name) == 0) continue;
      Person person;
      person.name = name;
      person.credential = std::string(tokens[f].lower);
      person.credential_class = CredentialClass::kOther;
      person.affiliation = org;
      person.first_paragraph = static_cast<int>(p);
      add_person(people, std::move(person));
    }
  }
  return people;
}

bool looks_like_author_bio(std::string_view paragraph, std::string* name) {
  auto tokens = tokenize(paragraph);
  if (tokens.size() < 8) return false;
  std::string found;
  size_t used = read_name(tokens, 0, &found);
  if (used == 0 || used + 2 >= tokens.size()) return false;
  if (tokens[used].lower != "is" && tokens[used].lower != "writes") return false;
  const std::string& next = tokens[used + 1].lower;
  if (next != "a" && next != "an" && next != "the" && next != "founder" && next != "our" &&
      next != "for" && next != "about")
    return false;
  static const PhraseSet kBioWords = {"blog",        "writer",     "editor",     "instagram",
                                      "follow her",  "follow him", "contributor", "journalist",
                                      "founder of",  "when she is not", "when he is not"};
  if (!kBioWords.contains_any(paragraph)) return false;
  *name = found;
  return true;
}

}  // namespace beautyidx::extract
