# Writes a C++ source defining `std::string_view FUNCTION()` that returns the bytes of INPUT.
#   cmake -DINPUT=file -DOUTPUT=file.cc -DHEADER=server/x.h -DNAMESPACE=ns -DFUNCTION=name -P embed_file.cmake
# Bytes, not a string literal: any file content is safe (no raw-string delimiter can clash).
foreach(var INPUT OUTPUT HEADER NAMESPACE FUNCTION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_file.cmake: -D${var}= is required")
  endif()
endforeach()
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# One line per 16 bytes keeps compiler diagnostics and diffs of the generated file readable.
string(REPEAT "0x[0-9a-f][0-9a-f]," 16 sixteen_bytes)
string(REGEX REPLACE "(${sixteen_bytes})" "\\1\n" bytes "${bytes}")
get_filename_component(input_name "${INPUT}" NAME)
file(WRITE "${OUTPUT}"
"// Generated from ${input_name} by embed_file.cmake at build time. Do not edit.
#include \"${HEADER}\"

namespace ${NAMESPACE} {
namespace {
// A trailing 0 keeps the array non-empty for an empty file; it is not part of the content.
constexpr unsigned char kBytes[] = {
${bytes}0x00};
}  // namespace

std::string_view ${FUNCTION}() { return {reinterpret_cast<const char*>(kBytes), ${size}}; }

}  // namespace ${NAMESPACE}
")
