// Precomputes related-article lists for the articles whose lists are due: those the indexer
// indexed or removed since the last refresh, and those whose lists named them. Run after a
// crawl, an ingest or a reindex has committed; the server then answers related requests by
// reading one record (Recommender::related).
#pragma once

#include <cstdint>
#include <functional>

#include "core/error.h"
#include "recommender/recommender.h"
#include "storage/store.h"

namespace beautyidx::pipeline {

struct RelatedRefreshReport {
  size_t computed = 0;  // lists computed and stored
  size_t removed = 0;   // lists of articles no longer indexed, erased
  size_t newcomers = 0;  // of the computed, articles that had no list before
  double seconds = 0;
};

// `recommender` must see the index as last committed (open it, or refresh() it, after the
// commit). Lists are computed on `workers` threads; each article's list, its reverse entries
// and the end of its due mark are written together, so a refresh killed midway resumes where
// it stopped. An article that gets its first list also marks the lists it names as due, once:
// an article new to the index belongs in its neighbours' lists too.
// `max_lists` bounds the work: the due lists beyond it (in id order) stay due for the next
// refresh, and related() computes their answers meanwhile. Ends with a flush of the records.
Result<RelatedRefreshReport> refresh_related(storage::Store& store, const recommender::Recommender& recommender,
                                             size_t workers = 2,
                                             const std::function<void(const RelatedRefreshReport&)>& progress = {},
                                             size_t max_lists = SIZE_MAX);

}  // namespace beautyidx::pipeline
