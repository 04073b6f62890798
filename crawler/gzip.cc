#include "crawler/gzip.h"

#include <zlib.h>

namespace beautyidx::crawler {

bool looks_gzipped(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b'; }

Result<std::string> gunzip(std::string_view compressed, size_t max_output) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return make_error(ErrorKind::kInternal, "gunzip: inflateInit2 failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[1 << 15];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&stream);
      return make_error(ErrorKind::kParse, "gunzip: corrupt or truncated data");
    }
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > max_output) {
      inflateEnd(&stream);
      return make_error(ErrorKind::kPolicy, "gunzip: more than " + std::to_string(max_output) + " bytes");
    }
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) break;  // input ended early
  }
  inflateEnd(&stream);
  return out;
}

}  // namespace beautyidx::crawler
