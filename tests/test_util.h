// Shared helpers for tests: temp dirs that clean up, paths to the repository's data.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace beautyidx::test {

inline std::filesystem::path source_dir() { return BEAUTYIDX_SOURCE_DIR; }
inline std::filesystem::path data_dir() { return source_dir() / "data"; }
inline std::filesystem::path sample_blog() { return data_dir() / "sample-blog"; }
inline std::filesystem::path shared_dir() { return BEAUTYIDX_SHARED_DIR; }

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A fresh directory under the system temp dir, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "beautyidx-test-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    if (made == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace beautyidx::test
