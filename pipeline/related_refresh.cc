#include "pipeline/related_refresh.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "indexer/schema.h"

namespace beautyidx::pipeline {
namespace {

using storage::Family;

Result<std::vector<std::string>> due_articles(const storage::Store& store, size_t max_lists) {
  std::vector<std::string> ids;
  const std::string prefix(schema::kRelatedDuePrefix);
  auto status = store.scan(Family::kMeta, prefix, [&](std::string_view key, std::string_view) {
    if (ids.size() >= max_lists) return false;
    ids.emplace_back(key.substr(prefix.size()));
    return true;
  });
  if (!status) return std::unexpected(status.error());
  return ids;
}

// Computes and stores one article's list. Returns the articles it names when the article had no
// list before (they are due for a look at it), else nothing.
Result<std::vector<std::string>> refresh_one(storage::Store& store, const recommender::Recommender& recommender,
                                             const std::string& id, RelatedRefreshReport& counts, std::mutex& counts_mutex) {
  storage::WriteBatch batch;
  batch.erase(Family::kMeta, schema::related_due_key(id));
  auto old = store.get(Family::kRelated, schema::related_list_key(id));
  if (!old) return std::unexpected(old.error());
  std::optional<recommender::RelatedResponse> previous;
  if (*old) previous = recommender::parse_stored_related(**old);
  if (previous) {
    for (const auto& hit : previous->related) batch.erase(Family::kRelated, schema::related_reverse_key(hit.article.id, id));
  }
  auto computed = recommender.compute_related(id);
  std::vector<std::string> named;
  if (!computed && computed.error().kind == ErrorKind::kNotFound) {
    batch.erase(Family::kRelated, schema::related_list_key(id));
    std::lock_guard lock(counts_mutex);
    ++counts.removed;
  } else if (!computed) {
    return std::unexpected(computed.error());
  } else {
    batch.put(Family::kRelated, schema::related_list_key(id), recommender::stored_related(*computed));
    for (const auto& hit : computed->related) {
      batch.put(Family::kRelated, schema::related_reverse_key(hit.article.id, id), "");
      if (!*old) named.push_back(hit.article.id);
    }
    std::lock_guard lock(counts_mutex);
    ++counts.computed;
    if (!*old) ++counts.newcomers;
  }
  if (auto s = store.write(batch, /*sync=*/false); !s) return std::unexpected(s.error());
  return named;
}

}  // namespace

Result<RelatedRefreshReport> refresh_related(storage::Store& store, const recommender::Recommender& recommender,
                                             size_t workers, const std::function<void(const RelatedRefreshReport&)>& progress,
                                             size_t max_lists) {
  RelatedRefreshReport report;
  const auto started = std::chrono::steady_clock::now();
  auto due = due_articles(store, max_lists);
  if (!due) return std::unexpected(due.error());
  // Below the bound every due mark was read, so every article marked due is in `done` by the
  // neighbours' step, which then need not look marks up.
  const bool all_due_read = due->size() < max_lists;
  std::set<std::string> done;
  std::mutex mutex;  // guards report, done, the next round and the first error
  // Two rounds at most: the due lists, then the neighbours of articles new to the index.
  for (int round = 0; round < 2 && !due->empty(); ++round) {
    std::vector<std::string> next_round;
    std::atomic<size_t> next{0};
    std::optional<Error> failure;
    auto work = [&] {
      for (size_t i = next++; i < due->size(); i = next++) {
        {
          std::lock_guard lock(mutex);
          if (failure) return;
        }
        const std::string& id = (*due)[i];
        auto named = refresh_one(store, recommender, id, report, mutex);
        std::lock_guard lock(mutex);
        if (!named) {
          failure = named.error();
          return;
        }
        done.insert(id);
        next_round.insert(next_round.end(), named->begin(), named->end());
        if (progress) progress(report);
      }
    };
    std::vector<std::thread> threads;
    for (size_t w = 1; w < std::max<size_t>(1, workers); ++w) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    if (failure) return std::unexpected(*failure);
    std::sort(next_round.begin(), next_round.end());
    next_round.erase(std::unique(next_round.begin(), next_round.end()), next_round.end());
    // A neighbour still marked due gets its list computed in its own turn (later in a bounded
    // refresh, or the next one), with the newcomer in the index by then.
    std::vector<std::string> neighbours;
    for (std::string& id : next_round) {
      if (done.count(id)) continue;
      if (!all_due_read) {
        auto marked = store.get(Family::kMeta, schema::related_due_key(id));
        if (!marked) return std::unexpected(marked.error());
        if (*marked) continue;
      }
      neighbours.push_back(std::move(id));
    }
    // Past the bound, neighbours are marked due instead, for the next refresh.
    const size_t budget = max_lists > done.size() ? max_lists - done.size() : 0;
    if (round == 0 && neighbours.size() > budget) {
      storage::WriteBatch later;
      for (size_t i = budget; i < neighbours.size(); ++i) later.put(Family::kMeta, schema::related_due_key(neighbours[i]), "");
      if (auto s = store.write(later, /*sync=*/false); !s) return std::unexpected(s.error());
      neighbours.resize(budget);
    }
    *due = std::move(neighbours);
  }
  // Neighbours left for a third round stay marked, for the next refresh.
  storage::WriteBatch leftovers;
  for (const auto& id : *due) leftovers.put(Family::kMeta, schema::related_due_key(id), "");
  if (auto s = store.write(leftovers, /*sync=*/true); !s) return std::unexpected(s.error());
  // As a crawl does at its end: readers opening the database start from table files.
  if (auto s = store.flush(); !s) return std::unexpected(s.error());
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace beautyidx::pipeline
