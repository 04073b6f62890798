// libFuzzer target: any bytes as a page must extract without crashing, hanging or leaking.
// Build: cmake -DBEAUTYIDX_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ (see fuzz/README.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extractor.h"

namespace {
const beautyidx::extract::Extractor& extractor() {
  static const auto* instance = [] {
    auto loaded = beautyidx::extract::Extractor::load(BEAUTYIDX_DATA_DIR);
    if (!loaded) __builtin_trap();
    return new beautyidx::extract::Extractor(std::move(*loaded));
  }();
  return *instance;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The first byte picks how the bytes arrive: as HTML, as plain text, or with a charset header.
  std::string_view type = "";
  if (!bytes.empty()) {
    switch (static_cast<unsigned char>(bytes.front()) % 4) {
      case 1: type = "text/plain"; break;
      case 2: type = "text/html; charset=windows-1252"; break;
      case 3: type = "text/html; charset=utf-8"; break;
      default: break;
    }
  }
  auto page = extractor().extract({bytes, "https://fuzz.example/page", std::string(type)});
  (void)page;
  return 0;
}
