// Which addresses a crawl may connect to. Pure classification: no DNS, no sockets opened.
#include "crawler/address_policy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <string_view>
#include <vector>

namespace beautyidx::crawler {
namespace {

struct AddressRow {
  std::string_view ip;
  AddressClass expected;
};

const std::vector<AddressRow> kAddressRows = {
    // IPv4.
    {"127.0.0.1", AddressClass::kLoopback},
    {"127.255.0.9", AddressClass::kLoopback},
    {"10.1.2.3", AddressClass::kPrivate},
    {"172.16.0.1", AddressClass::kPrivate},
    {"172.31.255.255", AddressClass::kPrivate},
    {"172.32.0.1", AddressClass::kPublic},  // just outside 172.16/12
    {"172.15.255.255", AddressClass::kPublic},
    {"192.168.1.1", AddressClass::kPrivate},
    {"100.64.0.1", AddressClass::kPrivate},  // carrier-grade NAT
    {"100.128.0.1", AddressClass::kPublic},
    {"169.254.169.254", AddressClass::kLinkLocal},  // cloud metadata
    {"0.0.0.0", AddressClass::kUnspecified},
    {"224.0.0.1", AddressClass::kMulticast},
    {"239.255.255.250", AddressClass::kMulticast},
    {"255.255.255.255", AddressClass::kReserved},
    {"240.0.0.1", AddressClass::kReserved},
    {"192.0.2.1", AddressClass::kReserved},   // TEST-NET-1
    {"198.18.0.1", AddressClass::kReserved},  // benchmarking
    {"8.8.8.8", AddressClass::kPublic},
    {"93.184.216.34", AddressClass::kPublic},
    // IPv6.
    {"::1", AddressClass::kLoopback},
    {"[::1]", AddressClass::kLoopback},  // bracketed as in a URL
    {"::", AddressClass::kUnspecified},
    {"fe80::1", AddressClass::kLinkLocal},
    {"fc00::1", AddressClass::kPrivate},
    {"fd12:3456::1", AddressClass::kPrivate},
    {"ff02::1", AddressClass::kMulticast},
    {"::ffff:127.0.0.1", AddressClass::kLoopback},  // IPv4-mapped
    {"::ffff:10.0.0.1", AddressClass::kPrivate},
    {"::ffff:169.254.169.254", AddressClass::kLinkLocal},
    {"::ffff:8.8.8.8", AddressClass::kPublic},
    {"64:ff9b::a00:1", AddressClass::kPrivate},  // NAT64 of 10.0.0.1
    {"2001:db8::1", AddressClass::kReserved},    // documentation
    {"2606:4700::1111", AddressClass::kPublic},
    // Not an address at all, or a form inet_pton does not accept.
    {"not-an-ip", AddressClass::kReserved},
    {"", AddressClass::kReserved},
    {"2130706433", AddressClass::kReserved},  // 127.0.0.1 as a decimal integer
    {"0x7f.0.0.1", AddressClass::kReserved},
    {"127.1", AddressClass::kReserved},
    {"256.1.1.1", AddressClass::kReserved},
};

TEST(AddressPolicyTest, ClassifyTable) {
  for (const AddressRow& row : kAddressRows) {
    AddressClass actual = classify_address(row.ip);
    EXPECT_EQ(actual, row.expected) << "ip: \"" << row.ip << "\" got " << address_class_name(actual)
                                    << ", expected " << address_class_name(row.expected);
  }
}

TEST(AddressPolicyTest, ClassifySockaddr) {
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  ASSERT_EQ(inet_pton(AF_INET, "10.0.0.7", &v4.sin_addr), 1);
  EXPECT_EQ(classify_address(reinterpret_cast<const sockaddr*>(&v4)), AddressClass::kPrivate);
  ASSERT_EQ(inet_pton(AF_INET, "1.1.1.1", &v4.sin_addr), 1);
  EXPECT_EQ(classify_address(reinterpret_cast<const sockaddr*>(&v4)), AddressClass::kPublic);

  sockaddr_in6 v6{};
  v6.sin6_family = AF_INET6;
  ASSERT_EQ(inet_pton(AF_INET6, "::ffff:127.0.0.1", &v6.sin6_addr), 1);
  EXPECT_EQ(classify_address(reinterpret_cast<const sockaddr*>(&v6)), AddressClass::kLoopback);

  sockaddr unknown{};
  unknown.sa_family = AF_UNIX;
  EXPECT_EQ(classify_address(&unknown), AddressClass::kReserved);
  EXPECT_EQ(classify_address(static_cast<const sockaddr*>(nullptr)), AddressClass::kReserved);
}

TEST(AddressPolicyTest, ClassNames) {
  EXPECT_STREQ(address_class_name(AddressClass::kPublic), "public");
  EXPECT_STREQ(address_class_name(AddressClass::kLoopback), "loopback");
  EXPECT_STREQ(address_class_name(AddressClass::kPrivate), "private");
  EXPECT_STREQ(address_class_name(AddressClass::kLinkLocal), "link-local");
  EXPECT_STREQ(address_class_name(AddressClass::kUnspecified), "unspecified");
  EXPECT_STREQ(address_class_name(AddressClass::kMulticast), "multicast");
  EXPECT_STREQ(address_class_name(AddressClass::kReserved), "reserved");
}

struct PolicyRow {
  std::string_view ip;
  bool default_policy;  // AddressPolicy(false)
  bool allow_private;   // AddressPolicy(true)
};

TEST(AddressPolicyTest, AllowsTable) {
  const std::vector<PolicyRow> rows = {
      {"8.8.8.8", true, true},
      {"2606:4700::1111", true, true},
      {"127.0.0.1", false, true},
      {"::1", false, true},
      {"10.1.2.3", false, true},
      {"192.168.1.1", false, true},
      {"fc00::1", false, true},
      {"169.254.169.254", false, true},
      {"fe80::1", false, true},
      {"::ffff:127.0.0.1", false, true},
      // Never allowed, whatever the flag.
      {"0.0.0.0", false, false},
      {"::", false, false},
      {"224.0.0.1", false, false},
      {"ff02::1", false, false},
      {"2001:db8::1", false, false},
      {"255.255.255.255", false, false},
      {"not-an-ip", false, false},
  };
  const AddressPolicy strict(false);
  const AddressPolicy local(true);
  EXPECT_FALSE(strict.allow_private());
  EXPECT_TRUE(local.allow_private());
  EXPECT_FALSE(AddressPolicy().allow_private());  // the default is strict
  for (const PolicyRow& row : rows) {
    EXPECT_EQ(strict.allows(row.ip), row.default_policy) << "AddressPolicy(false), ip " << row.ip;
    EXPECT_EQ(local.allows(row.ip), row.allow_private) << "AddressPolicy(true), ip " << row.ip;
  }
}

}  // namespace
}  // namespace beautyidx::crawler
