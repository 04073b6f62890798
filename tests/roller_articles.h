// Five short articles on one topic (cold rollers for puffiness), different enough not to count as
// copies of each other: material for tests of related articles.
#pragma once

#include <string>

#include "core/model.h"

namespace beautyidx::test {

inline const char* const kRollerTexts[] = {
    "Cold rollers take down morning puffiness under the eyes. Keep the jade roller in the fridge and roll outward.",
    "A steel roller gets colder than stone, cleans easily, and calms puffy eyes after a short night of sleep.",
    "Ice globes cover the whole cheek in one sweep; chill them overnight and use them on puffy mornings.",
    "Small roller heads reach the inner corner of the eye, where morning puffiness often sits longest.",
    "Rose quartz rollers warm up within a minute, so keep two in the fridge and swap when puffiness lingers."};

// An article at https://glow.test/SLUG/ about de-puffing with facial rolling.
inline ExtractedPage roller_article(const std::string& slug, const std::string& title, const std::string& text) {
  ExtractedPage page;
  page.url = page.canonical_url = "https://glow.test/" + slug + "/";
  page.kind = PageKind::kArticle;
  page.title = title;
  page.text = text;
  page.concerns = {"de-puffing"};
  page.techniques = {"facial rolling"};
  return page;
}

}  // namespace beautyidx::test
