#include "crawler/content_coding.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <climits>
#include <memory>
#include <vector>

#include "core/text.h"

namespace beautyidx::crawler {
namespace {

// Decoded bytes written in place into a string that doubles as it fills, up to one byte past
// the limit, so that passing the limit shows without decoding the rest of a bomb.
class BoundedOutput {
 public:
  BoundedOutput(size_t compressed_size, size_t max_output) : max_(max_output) {
    // Markup compresses four to six times; starting there saves most regrowth.
    out_.resize(std::min(compressed_size * 4 + 1024, max_ + 1));
  }
  // Makes room for more; false once the limit is passed.
  bool make_room() {
    if (used_ < out_.size()) return true;
    if (out_.size() > max_) return false;
    out_.resize(std::min(out_.size() * 2, max_ + 1));
    return true;
  }
  char* next() { return out_.data() + used_; }
  size_t room() const { return out_.size() - used_; }
  void advance(size_t bytes) { used_ += bytes; }
  bool over_limit() const { return used_ > max_; }
  std::string take() && {
    out_.resize(used_);
    return std::move(out_);
  }

 private:
  std::string out_;
  size_t used_ = 0;
  size_t max_;
};

Error too_large(std::string_view coding, size_t max_output) {
  return Error{ErrorKind::kPolicy, std::string(coding) + ": decoded body larger than " + std::to_string(max_output) + " bytes"};
}

Error corrupt(std::string_view coding, std::string_view how) {
  return Error{ErrorKind::kParse, std::string(coding) + ": " + std::string(how)};
}

// zlib's inflate: window_bits 16+15 reads gzip, 15 a zlib stream, -15 raw deflate.
Result<std::string> inflate_stream(std::string_view compressed, int window_bits, size_t max_output,
                                   std::string_view coding) {
  if (compressed.size() > UINT_MAX) return std::unexpected(too_large(coding, max_output));
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK) return make_error(ErrorKind::kInternal, "inflateInit2 failed");
  std::unique_ptr<z_stream, int (*)(z_streamp)> end(&stream, inflateEnd);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  BoundedOutput out(compressed.size(), max_output);
  while (true) {
    if (!out.make_room()) return std::unexpected(too_large(coding, max_output));
    size_t room = std::min<size_t>(out.room(), UINT_MAX);
    stream.next_out = reinterpret_cast<Bytef*>(out.next());
    stream.avail_out = static_cast<uInt>(room);
    int rc = inflate(&stream, Z_NO_FLUSH);
    out.advance(room - stream.avail_out);
    if (out.over_limit()) return std::unexpected(too_large(coding, max_output));
    if (rc == Z_STREAM_END) break;  // anything after the stream (a second gzip member) is ignored
    // With room to write, a buffer error means the input ran out before the stream ended.
    if (rc == Z_BUF_ERROR || (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0)) {
      return std::unexpected(corrupt(coding, "truncated data"));
    }
    if (rc != Z_OK) return std::unexpected(corrupt(coding, "corrupt data"));
  }
  return std::move(out).take();
}

Result<std::string> unbrotli(std::string_view compressed, size_t max_output) {
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
  if (!state) return make_error(ErrorKind::kInternal, "BrotliDecoderCreateInstance failed");
  const auto* next_in = reinterpret_cast<const uint8_t*>(compressed.data());
  size_t avail_in = compressed.size();
  BoundedOutput out(compressed.size(), max_output);
  while (true) {
    if (!out.make_room()) return std::unexpected(too_large("br", max_output));
    size_t room = out.room();
    size_t avail_out = room;
    auto* next_out = reinterpret_cast<uint8_t*>(out.next());
    auto result = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.advance(room - avail_out);
    if (out.over_limit()) return std::unexpected(too_large("br", max_output));
    if (result == BROTLI_DECODER_RESULT_SUCCESS) break;
    if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return std::unexpected(corrupt("br", "truncated data"));
    if (result == BROTLI_DECODER_RESULT_ERROR) return std::unexpected(corrupt("br", "corrupt data"));
  }
  return std::move(out).take();
}

// "deflate" is meant to be a zlib stream, but some servers send raw deflate: a zlib stream
// starts with a method byte of 8 and a header that is a multiple of 31.
bool looks_zlib_wrapped(std::string_view bytes) {
  if (bytes.size() < 2) return false;
  auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
  return (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0;
}

}  // namespace

bool looks_gzipped(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b'; }

Result<std::string> gunzip(std::string_view compressed, size_t max_output) {
  return inflate_stream(compressed, 16 + MAX_WBITS, max_output, "gzip");
}

Result<std::string> decode_content_coding(std::string_view body, std::string_view content_encoding,
                                          size_t max_output) {
  std::vector<std::string> codings;
  for (std::string_view rest = content_encoding; !rest.empty();) {
    size_t comma = rest.find(',');
    std::string coding = to_lower_ascii(trim(rest.substr(0, comma)));
    if (!coding.empty() && coding != "identity") codings.push_back(std::move(coding));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  std::string decoded;
  std::string_view input = body;
  // The last coding listed was applied last, so it is undone first.
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    Result<std::string> next;
    if (*it == "gzip" || *it == "x-gzip") {
      next = gunzip(input, max_output);
    } else if (*it == "deflate") {
      next = inflate_stream(input, looks_zlib_wrapped(input) ? MAX_WBITS : -MAX_WBITS, max_output, "deflate");
    } else if (*it == "br") {
      next = unbrotli(input, max_output);
    } else {
      return make_error(ErrorKind::kParse, "unsupported content coding '" + *it + "'");
    }
    if (!next) return next;
    decoded = std::move(*next);
    input = decoded;
  }
  if (input.size() > max_output) return std::unexpected(too_large("identity", max_output));
  if (codings.empty()) decoded.assign(body);
  return decoded;
}

}  // namespace beautyidx::crawler
