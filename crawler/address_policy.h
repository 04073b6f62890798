// Which network addresses a crawl may connect to. Checked on the address a connection is
// actually about to use (after DNS, on every redirect hop), so a public name that resolves to
// an internal address is refused too. Immutable; thread-safe.
#pragma once

#include <string>
#include <string_view>

struct sockaddr;

namespace beautyidx::crawler {

enum class AddressClass { kPublic, kLoopback, kPrivate, kLinkLocal, kUnspecified, kMulticast, kReserved };

// Classifies a textual IPv4 or IPv6 address ("10.0.0.1", "::1", "::ffff:127.0.0.1").
// Unparseable text counts as reserved.
AddressClass classify_address(std::string_view ip);
AddressClass classify_address(const sockaddr* address);
const char* address_class_name(AddressClass c);

class AddressPolicy {
 public:
  // `allow_private`: loopback, private and link-local addresses are allowed too (a crawl of
  // one's own local site, or an explicit --allow-private).
  explicit AddressPolicy(bool allow_private = false) : allow_private_(allow_private) {}

  bool allows(AddressClass c) const;
  bool allows(std::string_view ip) const { return allows(classify_address(ip)); }
  bool allow_private() const { return allow_private_; }

 private:
  bool allow_private_;
};

}  // namespace beautyidx::crawler
