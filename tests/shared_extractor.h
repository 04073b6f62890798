// The extractor of the repository's data, loaded once and shared by every test in the process
// that only extracts: loading the taxonomy and catalog costs more than most tests, and
// Extractor::extract is const and serves many threads, so sharing it leaks no state between
// tests.
#pragma once

#include <stdexcept>
#include <utility>

#include "extract/extractor.h"
#include "test_util.h"

namespace beautyidx::test {

// Loaded from data_dir() on first use and kept until the process exits. A load error is thrown
// (as std::runtime_error with its message), which fails the test that first asked for it.
inline const extract::Extractor& shared_extractor() {
  static const extract::Extractor* instance = [] {
    auto loaded = extract::Extractor::load(data_dir());
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return new extract::Extractor(std::move(*loaded));
  }();
  return *instance;
}

}  // namespace beautyidx::test
