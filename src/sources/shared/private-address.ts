// Addresses an attachment URL must never reach (SSRF). Allowed: public unicast only. The ranges come from
// ipaddr.js (the classification proxy-addr and Express use), whose named ranges cover private, loopback,
// link-local (cloud metadata), carrier-grade NAT, multicast, broadcast, reserved and documentation ranges for
// IPv4, and for IPv6 unique-local, link-local, the deprecated site-local fec0::/10, multicast, and every form
// that carries an IPv4 address inside (IPv4-mapped ::ffff:0:0/96, 6to4 2002::/16, Teredo, NAT64 64:ff9b::/96,
// RFC 6145). Two things are checked here by hand:
// - ::/96 (::, ::1 and the IPv4-compatible ::a.b.c.d, deprecated by RFC 4291): ipaddr.js 2.5 reads
//   ::a.b.c.d as if it were ::ffff:a.b.c.d, so it is checked first with Node's own parser (net.BlockList);
// - an IPv4-mapped address is judged by the IPv4 address inside it (::ffff:8.8.8.8 is 8.8.8.8).
import net from 'node:net';
import ipaddr from 'ipaddr.js';

const ipv4Compatible = new net.BlockList();
ipv4Compatible.addSubnet('::', 96, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true; // not an address at all: refuse
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  if (ipv4Compatible.check(address.split('%')[0]!, 'ipv6')) return true;
  const v6 = ipaddr.IPv6.parse(address);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() !== 'unicast';
  return v6.range() !== 'unicast';
}
