#include "core/ordered_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace beautyidx {
namespace {

// Later items finish first (shorter sleeps), yet come back in submission order.
std::string slow_for_early_items(int& n) {
  std::this_thread::sleep_for(std::chrono::milliseconds(n < 8 ? 8 - n : 0));
  return std::to_string(n * n);
}

TEST(OrderedWorkersTest, ResultsComeBackInSubmissionOrderWhateverFinishesFirst) {
  for (size_t threads : {0u, 1u, 3u}) {
    OrderedWorkers<int, std::string> workers(threads, slow_for_early_items, 64);
    std::vector<std::string> results;
    for (int n = 0; n < 20; ++n) {
      if (auto oldest = workers.submit(n)) results.push_back(*oldest);
    }
    while (!workers.empty()) results.push_back(workers.take());
    ASSERT_EQ(results.size(), 20u) << threads << " threads";
    for (int n = 0; n < 20; ++n) EXPECT_EQ(results[n], std::to_string(n * n)) << threads << " threads";
  }
}

TEST(OrderedWorkersTest, SubmitBeyondTheBoundHandsBackTheOldestResult) {
  OrderedWorkers<int, std::string> workers(2, slow_for_early_items, 3);
  std::vector<std::string> handed_back;
  for (int n = 0; n < 10; ++n) {
    if (auto oldest = workers.submit(n)) handed_back.push_back(*oldest);
    EXPECT_LE(workers.pending(), 3u);
  }
  ASSERT_EQ(handed_back.size(), 7u);
  for (int n = 0; n < 7; ++n) EXPECT_EQ(handed_back[n], std::to_string(n * n));
}

TEST(OrderedWorkersTest, ReadyNeverWaitsAndOnReadyIsCalledForEachResult) {
  std::atomic<int> woken = 0;
  OrderedWorkers<int, int> workers(
      2, [](int& n) { return n + 1; }, 16, [&] { ++woken; });
  EXPECT_FALSE(workers.ready().has_value());  // nothing submitted
  for (int n = 0; n < 5; ++n) workers.submit(n);
  std::vector<int> got;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (got.size() < 5 && std::chrono::steady_clock::now() < deadline) {
    if (auto r = workers.ready()) got.push_back(*r);
  }
  EXPECT_EQ(got, (std::vector<int>{1, 2, 3, 4, 5}));
  // on_ready runs just after a result is stored, so the last call may still be on its way.
  while (woken.load() < 5 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  EXPECT_EQ(woken.load(), 5);
}

TEST(OrderedWorkersTest, DestroyingWithWorkOutstandingJoinsCleanly) {
  OrderedWorkers<int, std::string> workers(2, slow_for_early_items, 64);
  for (int n = 0; n < 30; ++n) workers.submit(n);
}  // the destructor must return, not hang or crash

}  // namespace
}  // namespace beautyidx
