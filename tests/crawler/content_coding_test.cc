// Content codings undone outside libcurl: what the crawl stores compressed and decodes later.
#include "crawler/content_coding.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>

#include "../test_util.h"

namespace beautyidx::crawler {
namespace {

std::string brotli(const std::string& text) {
  size_t size = BrotliEncoderMaxCompressedSize(text.size());
  std::string out(size, '\0');
  BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, text.size(),
                        reinterpret_cast<const uint8_t*>(text.data()), &size, reinterpret_cast<uint8_t*>(out.data()));
  out.resize(size);
  return out;
}

// A page-like body, large enough that the decoder's output has to grow several times.
std::string page_text() {
  std::string text = "<!doctype html><html><body>";
  for (int i = 0; i < 4000; ++i) text += "<p>Paragraph " + std::to_string(i) + " on gua sha and lymphatic drainage.</p>\n";
  return text + "</body></html>";
}

TEST(ContentCodingTest, UndoesEachCodingItOffers) {
  std::string text = page_text();
  EXPECT_EQ(kDecodableEncodings, "gzip, deflate, br");
  struct Case {
    std::string coding, body;
  };
  for (const Case& c : {Case{"gzip", test::gzip(text)}, Case{"x-gzip", test::gzip(text)},
                        Case{"deflate", test::deflate_with(text, MAX_WBITS)},
                        Case{"deflate", test::deflate_with(text, -MAX_WBITS)},  // raw, as some servers send it
                        Case{"br", brotli(text)}, Case{" BR ", brotli(text)}}) {
    ASSERT_LT(c.body.size(), text.size() / 4) << c.coding;
    auto decoded = decode_content_coding(c.body, c.coding, 10 * 1024 * 1024);
    ASSERT_TRUE(decoded) << c.coding << ": " << decoded.error().message;
    EXPECT_EQ(*decoded, text) << c.coding;
  }
}

// A gzip member's trailer states its size, and the decoder sizes its buffer by it. A trailer
// that misstates it is corruption (the decoder checks it), found without going past the limit.
TEST(ContentCodingTest, AGzipTrailerThatMisstatesTheSizeIsCorrupt) {
  std::string text = page_text();
  for (uint32_t stated : {10u, 0xffffffffu}) {
    std::string gz = test::gzip(text);
    std::memcpy(gz.data() + gz.size() - 4, &stated, 4);
    auto decoded = decode_content_coding(gz, "gzip", 10 * 1024 * 1024);
    ASSERT_FALSE(decoded) << "stated " << stated;
    EXPECT_EQ(decoded.error().kind, ErrorKind::kParse) << decoded.error().message;
  }
}

TEST(ContentCodingTest, SeveralCodingsAreUndoneLastFirstAndIdentityIsNone) {
  std::string text = page_text();
  auto both = decode_content_coding(test::gzip(brotli(text)), "br, gzip", 10 * 1024 * 1024);
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(*both, text);
  for (const char* none : {"", "identity", " identity "}) {
    auto same = decode_content_coding(text, none, 10 * 1024 * 1024);
    ASSERT_TRUE(same);
    EXPECT_EQ(*same, text);
  }
}

TEST(ContentCodingTest, ABombStopsAtTheLimitWithAPolicyError) {
  std::string zeros(16 * 1024 * 1024, '\0');  // 16 MiB that compress to about 16 KiB (gzip) or less
  for (const auto& [coding, body] : {std::pair{"gzip", test::gzip(zeros)}, std::pair{"br", brotli(zeros)}}) {
    ASSERT_LT(body.size(), 100u * 1024) << coding;
    auto decoded = decode_content_coding(body, coding, 1024 * 1024);
    ASSERT_FALSE(decoded) << coding;
    EXPECT_EQ(decoded.error().kind, ErrorKind::kPolicy) << coding;
    EXPECT_NE(decoded.error().message.find("larger than 1048576 bytes"), std::string::npos) << decoded.error().message;
  }
  auto plain = decode_content_coding(std::string(2048, 'x'), "identity", 1024);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().kind, ErrorKind::kPolicy);
  auto exact = decode_content_coding(test::gzip(std::string(1024, 'x')), "gzip", 1024);
  ASSERT_TRUE(exact) << "a body exactly at the limit is kept";
  EXPECT_EQ(exact->size(), 1024u);
}

TEST(ContentCodingTest, TruncatedCorruptAndUnknownAreParseErrors) {
  std::string text = page_text();
  std::string gz = test::gzip(text), br = brotli(text);
  struct Case {
    std::string coding, body, expect;
  };
  for (const Case& c : {Case{"gzip", gz.substr(0, gz.size() / 2), "truncated"},
                        Case{"br", br.substr(0, br.size() / 2), "truncated"},
                        Case{"gzip", "this is not gzip at all", "corrupt"},
                        Case{"br", std::string(64, '\xff'), "corrupt"},
                        Case{"zstd", text, "unsupported content coding 'zstd'"}}) {
    auto decoded = decode_content_coding(c.body, c.coding, 10 * 1024 * 1024);
    ASSERT_FALSE(decoded) << c.coding << " " << c.expect;
    EXPECT_EQ(decoded.error().kind, ErrorKind::kParse) << c.coding;
    EXPECT_NE(decoded.error().message.find(c.expect), std::string::npos) << decoded.error().message;
  }
}

}  // namespace
}  // namespace beautyidx::crawler
