#include "crawler/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace beautyidx::crawler {
namespace {

AddressClass classify_v4(uint32_t host_order) {
  auto in = [&](uint32_t net, int bits) {
    uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    return (host_order & mask) == (net & mask);
  };
  if (in(0x00000000, 8)) return AddressClass::kUnspecified;        // 0.0.0.0/8
  if (in(0x7F000000, 8)) return AddressClass::kLoopback;           // 127/8
  if (in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16)) return AddressClass::kPrivate;
  if (in(0x64400000, 10)) return AddressClass::kPrivate;           // 100.64/10 carrier-grade NAT
  if (in(0xA9FE0000, 16)) return AddressClass::kLinkLocal;         // 169.254/16 (cloud metadata)
  if (in(0xE0000000, 4)) return AddressClass::kMulticast;          // 224/4
  if (in(0xF0000000, 4)) return AddressClass::kReserved;           // 240/4, broadcast
  if (in(0xC0000000, 24) || in(0xC0000200, 24) || in(0xC6336400, 24) || in(0xCB007100, 24) ||
      in(0xC6120000, 15))
    return AddressClass::kReserved;  // IETF, documentation and benchmarking ranges
  return AddressClass::kPublic;
}

AddressClass classify_v6(const unsigned char* b) {
  static const unsigned char kZero[16] = {};
  if (std::memcmp(b, kZero, 16) == 0) return AddressClass::kUnspecified;
  static const unsigned char kLoop[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  if (std::memcmp(b, kLoop, 16) == 0) return AddressClass::kLoopback;
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address.
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(b, kMapped, 12) == 0 || std::memcmp(b, kZero, 12) == 0) {
    uint32_t v4 = (uint32_t{b[12]} << 24) | (uint32_t{b[13]} << 16) | (uint32_t{b[14]} << 8) | b[15];
    return classify_v4(v4);
  }
  if ((b[0] & 0xFE) == 0xFC) return AddressClass::kPrivate;                    // fc00::/7
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return AddressClass::kLinkLocal;  // fe80::/10
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return AddressClass::kPrivate;    // fec0::/10 site-local
  if (b[0] == 0xFF) return AddressClass::kMulticast;
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return AddressClass::kReserved;
  // 64:ff9b::/96 NAT64 embeds an IPv4 address too.
  static const unsigned char kNat64[12] = {0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kNat64, 12) == 0) {
    uint32_t v4 = (uint32_t{b[12]} << 24) | (uint32_t{b[13]} << 16) | (uint32_t{b[14]} << 8) | b[15];
    return classify_v4(v4);
  }
  return AddressClass::kPublic;
}

}  // namespace

AddressClass classify_address(std::string_view ip) {
  std::string text(ip);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return classify_v4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return classify_v6(v6.s6_addr);
  return AddressClass::kReserved;
}

AddressClass classify_address(const sockaddr* address) {
  if (address == nullptr) return AddressClass::kReserved;
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return classify_v4(ntohl(v4->sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    return classify_v6(v6->sin6_addr.s6_addr);
  }
  return AddressClass::kReserved;
}

const char* address_class_name(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic: return "public";
    case AddressClass::kLoopback: return "loopback";
    case AddressClass::kPrivate: return "private";
    case AddressClass::kLinkLocal: return "link-local";
    case AddressClass::kUnspecified: return "unspecified";
    case AddressClass::kMulticast: return "multicast";
    case AddressClass::kReserved: return "reserved";
  }
  return "reserved";
}

bool AddressPolicy::allows(AddressClass c) const {
  switch (c) {
    case AddressClass::kPublic: return true;
    case AddressClass::kLoopback: case AddressClass::kPrivate: case AddressClass::kLinkLocal:
      return allow_private_;
    case AddressClass::kUnspecified: case AddressClass::kMulticast: case AddressClass::kReserved:
      return false;
  }
  return false;
}

}  // namespace beautyidx::crawler
