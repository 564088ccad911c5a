// Issue 14 item 13: the addresses an attachment fetch must never reach (SSRF), IPv4, IPv6 and every IPv6
// form that carries an IPv4 address inside. Classified by ipaddr.js plus two explicit checks
// (src/sources/shared/private-address.ts). One row per address.
import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../src/sources/shared/private-address.js';

const refused: Array<[string, string]> = [
  ['127.0.0.1', 'IPv4 loopback'],
  ['10.1.2.3', 'RFC 1918 10/8'],
  ['172.20.0.1', 'RFC 1918 172.16/12'],
  ['192.168.1.1', 'RFC 1918 192.168/16'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['0.0.0.0', 'unspecified'],
  ['255.255.255.255', 'broadcast'],
  ['224.0.0.1', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'documentation'],
  ['198.18.0.1', 'benchmarking'],
  ['::', 'IPv6 unspecified'],
  ['::1', 'IPv6 loopback'],
  ['fd00::1', 'unique local'],
  ['fe80::1', 'link-local'],
  ['fec0::1', 'deprecated site-local fec0::/10'],
  ['ff02::1', 'IPv6 multicast'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
  ['::127.0.0.1', 'IPv4-compatible ::a.b.c.d (loopback)'],
  ['::10.0.0.1', 'IPv4-compatible ::a.b.c.d (private)'],
  ['::7f00:1', 'IPv4-compatible, as a URL writes [::127.0.0.1]'],
  ['::8.8.8.8', 'IPv4-compatible ::a.b.c.d (even public: deprecated, never a CDN)'],
  ['2002:7f00:1::', '6to4 of 127.0.0.1'],
  ['2002:a00:1::1', '6to4 of 10.0.0.1'],
  ['2002:808:808::1', '6to4 of a public address (2002::/16 is refused whole)'],
  ['64:ff9b::7f00:1', 'NAT64 of 127.0.0.1'],
  ['64:ff9b:1::a00:1', 'local-use NAT64 (RFC 8215)'],
  ['::ffff:0:7f00:1', 'RFC 6145 IPv4-translated'],
  ['2001::1', 'Teredo'],
  ['2001:db8::1', 'documentation'],
  ['fe80::1%eth0', 'link-local with a zone'],
  ['not-an-address', 'not an address at all'],
];

const allowed: Array<[string, string]> = [
  ['93.184.216.34', 'public IPv4'],
  ['8.8.8.8', 'public IPv4'],
  ['52.216.0.1', 'an S3 address'],
  ['2606:4700::1111', 'public IPv6'],
  ['2600:1f18::1', 'public IPv6 (AWS)'],
  ['::ffff:8.8.8.8', 'IPv4-mapped public (the IPv4 inside is judged)'],
];

describe('private addresses', () => {
  it.each(refused)('when an attachment host resolves to %s (%s), then it is refused', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });
  it.each(allowed)('when an attachment host resolves to %s (%s), then it is allowed', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});
