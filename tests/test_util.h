// Shared helpers for tests: temp dirs that clean up, paths to the repository's data.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

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

// Compresses `text` with zlib: window_bits 16+15 writes gzip, 15 a zlib stream, -15 raw deflate.
inline std::string deflate_with(const std::string& text, int window_bits) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, text.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// Gzip-compresses `text` (for sitemaps served as .xml.gz).
inline std::string gzip(const std::string& text) { return deflate_with(text, 16 + MAX_WBITS); }

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
