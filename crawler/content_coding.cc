#include "crawler/content_coding.h"

#include <brotli/decode.h>
#include <endian.h>
#include <libdeflate.h>

#include <cstring>
#include <memory>
#include <vector>

#include "core/text.h"

namespace beautyidx::crawler {
namespace {

// A first size for the decoded bytes: markup compresses four to six times, so starting there
// saves most regrowth.
size_t first_guess(size_t compressed_size) { return compressed_size * 4 + 1024; }

// Decoded bytes written in place into a string that doubles as it fills, up to one byte past
// the limit, so that passing the limit shows without decoding the rest of a bomb.
class BoundedOutput {
 public:
  BoundedOutput(size_t compressed_size, size_t max_output) : max_(max_output) {
    out_.resize(std::min(first_guess(compressed_size), max_ + 1));
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
  return Error{ErrorKind::kPolicy,
               std::string(coding) + ": decoded body larger than " + std::to_string(max_output) + " bytes"};
}

Error corrupt(std::string_view coding, std::string_view how) {
  return Error{ErrorKind::kParse, std::string(coding) + ": " + std::string(how)};
}

enum class DeflateFormat { kGzip, kZlib, kRaw };

// libdeflate decodes a whole buffer at once, about three times as fast as zlib's inflate: the
// output must be big enough up front. A gzip member states its size in its last four bytes,
// so one try usually does; otherwise (or when the stated size is wrong) the buffer doubles,
// up to one byte past the limit.
Result<std::string> inflate_whole(std::string_view compressed, DeflateFormat format, size_t max_output,
                                  std::string_view coding) {
  std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> decompressor(
      libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
  if (!decompressor) return make_error(ErrorKind::kInternal, "libdeflate_alloc_decompressor failed");
  size_t capacity = first_guess(compressed.size());
  if (format == DeflateFormat::kGzip && compressed.size() >= 18) {
    uint32_t stated = 0;
    std::memcpy(&stated, compressed.data() + compressed.size() - 4, 4);  // ISIZE, little-endian
    capacity = le32toh(stated);
  }
  if (capacity > max_output) capacity = max_output + 1;
  std::string out;
  while (true) {
    out.resize(capacity);
    size_t written = 0;
    libdeflate_result result = LIBDEFLATE_BAD_DATA;
    switch (format) {
      case DeflateFormat::kGzip:
        result = libdeflate_gzip_decompress(decompressor.get(), compressed.data(), compressed.size(), out.data(),
                                            out.size(), &written);
        break;
      case DeflateFormat::kZlib:
        result = libdeflate_zlib_decompress(decompressor.get(), compressed.data(), compressed.size(), out.data(),
                                            out.size(), &written);
        break;
      case DeflateFormat::kRaw:
        result = libdeflate_deflate_decompress(decompressor.get(), compressed.data(), compressed.size(), out.data(),
                                               out.size(), &written);
        break;
    }
    if (result == LIBDEFLATE_SUCCESS) {
      if (written > max_output) return std::unexpected(too_large(coding, max_output));
      out.resize(written);
      return out;
    }
    if (result != LIBDEFLATE_INSUFFICIENT_SPACE) return std::unexpected(corrupt(coding, "corrupt or truncated data"));
    if (capacity > max_output) return std::unexpected(too_large(coding, max_output));
    capacity = std::min(std::max<size_t>(capacity, 1024) * 2, max_output + 1);
  }
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
  return inflate_whole(compressed, DeflateFormat::kGzip, max_output, "gzip");
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
      next = inflate_whole(input, looks_zlib_wrapped(input) ? DeflateFormat::kZlib : DeflateFormat::kRaw, max_output,
                           "deflate");
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
