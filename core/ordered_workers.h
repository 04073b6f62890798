// A pool of threads that runs one function over a stream of items and hands the results back in
// the order the items were submitted. What lets a single-writer stage (the Indexer) keep every
// core busy: the heavy, independent work (extraction, building search documents) runs on the
// workers, the writes stay on the one thread that submits and takes.
//
// Thread safety: submit, take and ready are called from one thread (the owner); `work` runs on
// the worker threads, concurrently with itself, and must be safe to run so. `on_ready`, when
// given, is called on a worker thread after each result is stored (e.g. to wake a poll loop).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace beautyidx {

// Worker threads for the pools of this project: one per hardware thread, at least one.
inline size_t default_worker_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

template <class In, class Out>
class OrderedWorkers {
 public:
  // threads == 0 runs `work` inline, in submit(): same results, no threads (and what a
  // one-core machine wants). At most `max_pending` items are submitted and not yet taken;
  // submit() beyond that first waits for the oldest result — the caller must take it, so
  // submit() returns it instead of blocking forever.
  OrderedWorkers(size_t threads, std::function<Out(In&)> work, size_t max_pending,
                 std::function<void()> on_ready = nullptr)
      : work_(std::move(work)), on_ready_(std::move(on_ready)), max_pending_(std::max<size_t>(1, max_pending)) {
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
  }
  ~OrderedWorkers() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    wake_workers_.notify_all();
    for (auto& thread : threads_) thread.join();
  }
  OrderedWorkers(const OrderedWorkers&) = delete;
  OrderedWorkers& operator=(const OrderedWorkers&) = delete;

  size_t threads() const { return threads_.size(); }
  // Items submitted and not yet taken.
  size_t pending() const {
    std::lock_guard lock(mutex_);
    return slots_.size();
  }
  bool empty() const { return pending() == 0; }

  // Queues `item`. When max_pending items are already out, first waits for the oldest and
  // returns it: the caller handles it like one from take().
  std::optional<Out> submit(In item) {
    std::optional<Out> oldest;
    if (pending() >= max_pending_) oldest = take();
    std::unique_lock lock(mutex_);
    slots_.push_back(Slot{std::move(item), std::nullopt, false});
    if (threads_.empty()) {
      Slot& slot = slots_.back();
      lock.unlock();
      slot.out = work_(slot.in);  // no worker touches slots_: inline mode
      lock.lock();
      slot.done = true;
      return oldest;
    }
    ++queued_;
    lock.unlock();
    wake_workers_.notify_one();
    return oldest;
  }

  // The oldest result, if it is ready.
  std::optional<Out> ready() {
    std::lock_guard lock(mutex_);
    if (slots_.empty() || !slots_.front().done) return std::nullopt;
    return pop_front();
  }

  // The oldest result, waiting for it. REQUIRES: pending() > 0.
  Out take() {
    std::unique_lock lock(mutex_);
    result_ready_.wait(lock, [this] { return slots_.front().done; });
    return *pop_front();
  }

 private:
  struct Slot {
    In in;
    std::optional<Out> out;
    bool done = false;
  };

  std::optional<Out> pop_front() {
    std::optional<Out> out = std::move(slots_.front().out);
    slots_.pop_front();
    return out;
  }

  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_workers_.wait(lock, [this] { return closing_ || queued_ > 0; });
      if (closing_) return;
      // The oldest item nobody has started: deque references stay valid while others push
      // to the back, and only the owner pops from the front (after `done`).
      Slot* slot = &slots_[slots_.size() - queued_];
      --queued_;
      lock.unlock();
      std::optional<Out> out = work_(slot->in);
      lock.lock();
      slot->out = std::move(out);
      slot->done = true;
      result_ready_.notify_one();
      if (on_ready_) {
        lock.unlock();
        on_ready_();
        lock.lock();
      }
    }
  }

  std::function<Out(In&)> work_;
  std::function<void()> on_ready_;
  const size_t max_pending_;
  mutable std::mutex mutex_;
  std::condition_variable wake_workers_, result_ready_;
  std::deque<Slot> slots_;  // in submission order; the last `queued_` not yet started
  size_t queued_ = 0;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace beautyidx
