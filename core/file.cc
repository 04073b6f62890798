#include "core/file.h"

#include <fstream>
#include <sstream>

namespace beautyidx {

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::kIo, "read " + path.string() + ": cannot open");
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return make_error(ErrorKind::kIo, "read " + path.string() + ": I/O error");
  return buffer.str();
}

}  // namespace beautyidx
