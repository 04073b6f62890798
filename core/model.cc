#include "core/model.h"

#include <cstdio>

namespace beautyidx {

const char* stance_name(Stance stance) {
  switch (stance) {
    case Stance::kRecommends: return "recommends";
    case Stance::kWarns: return "warns";
    case Stance::kNeutral: return "neutral";
  }
  return "neutral";
}

std::optional<Stance> parse_stance(std::string_view name) {
  if (name == "recommends") return Stance::kRecommends;
  if (name == "warns") return Stance::kWarns;
  if (name == "neutral") return Stance::kNeutral;
  return std::nullopt;
}

const char* page_kind_name(PageKind kind) {
  switch (kind) {
    case PageKind::kArticle: return "article";
    case PageKind::kListing: return "listing";
    case PageKind::kOther: return "other";
  }
  return "other";
}

const char* credential_class_name(CredentialClass c) {
  switch (c) {
    case CredentialClass::kNone: return "none";
    case CredentialClass::kDermatologist: return "dermatologist";
    case CredentialClass::kPlasticSurgeon: return "plastic surgeon";
    case CredentialClass::kEsthetician: return "esthetician";
    case CredentialClass::kCosmeticChemist: return "cosmetic chemist";
    case CredentialClass::kMakeupArtist: return "makeup artist";
    case CredentialClass::kEditor: return "editor";
    case CredentialClass::kOther: return "other";
  }
  return "none";
}

std::optional<CredentialClass> parse_credential_class(std::string_view name) {
  for (auto c : {CredentialClass::kNone, CredentialClass::kDermatologist,
                 CredentialClass::kPlasticSurgeon, CredentialClass::kEsthetician,
                 CredentialClass::kCosmeticChemist, CredentialClass::kMakeupArtist,
                 CredentialClass::kEditor, CredentialClass::kOther}) {
    if (name == credential_class_name(c)) return c;
  }
  return std::nullopt;
}

std::string stable_id(std::string_view key) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace beautyidx
