#include "extract/charset.h"

#include <gtest/gtest.h>

namespace beautyidx::extract {
namespace {

TEST(CharsetTest, HeaderCharsetDecodesWindows1252CurlyQuotes) {
  std::string bytes = "<p>\x93It works,\x94 she says. Caf\xE9</p>";
  DecodedText decoded = decode_to_utf8(bytes, "text/html; charset=windows-1252");
  EXPECT_EQ(decoded.utf8(bytes), "<p>\xE2\x80\x9CIt works,\xE2\x80\x9D she says. Caf\xC3\xA9</p>");
  EXPECT_EQ(decoded.source, "header");
}

TEST(CharsetTest, Latin1LabelMeansWindows1252) {
  std::string_view bytes = "\x93q\x94";
  DecodedText decoded = decode_to_utf8(bytes, "text/html; charset=ISO-8859-1");
  EXPECT_EQ(decoded.utf8(bytes), "\xE2\x80\x9Cq\xE2\x80\x9D");
}

TEST(CharsetTest, MetaCharsetWhenNoHeader) {
  std::string bytes = "<html><head><meta charset=\"windows-1252\"></head><body>\x93hi\x94</body></html>";
  DecodedText decoded = decode_to_utf8(bytes, "text/html");
  EXPECT_EQ(decoded.source, "meta");
  EXPECT_NE(decoded.utf8(bytes).find("\xE2\x80\x9Chi\xE2\x80\x9D"), std::string::npos);
}

TEST(CharsetTest, ByteOrderMarkWins) {
  std::string_view bytes = "\xEF\xBB\xBF<p>caf\xC3\xA9</p>";
  DecodedText decoded = decode_to_utf8(bytes, "text/html; charset=windows-1252");
  EXPECT_EQ(decoded.source, "bom");
  EXPECT_EQ(decoded.utf8(bytes), "<p>caf\xC3\xA9</p>");
  EXPECT_TRUE(decoded.in_place) << "valid UTF-8 is not copied";
}

TEST(CharsetTest, InvalidUtf8IsReplacedNotPassedOn) {
  std::string_view bytes = "<p>ok \xC3\x28 bad</p>";
  DecodedText decoded = decode_to_utf8(bytes, "text/html; charset=utf-8");
  EXPECT_NE(decoded.utf8(bytes).find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(CharsetTest, UndeclaredLatinTextIsDetected) {
  std::string bytes = "<html><body><p>Cr\xE8me br\xFBl\xE9" "e et caf\xE9 au lait, tr\xE8s appr\xE9" "ci\xE9 \xE0 Paris.</p></body></html>";
  DecodedText decoded = decode_to_utf8(bytes, "");
  EXPECT_NE(decoded.utf8(bytes).find("Cr\xC3\xA8me"), std::string::npos) << decoded.charset;
}

}  // namespace
}  // namespace beautyidx::extract
