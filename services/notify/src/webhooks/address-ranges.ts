import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';

/*
 * Which addresses a webhook may be delivered to. A receiver is another organisation's system on
 * the internet, so only global unicast addresses qualify: everything else (this host, the
 * private network the services run in, the cloud's metadata service) is how a registered URL
 * would turn the notify worker into a client inside our own network.
 */

/**
 * `unicast` is a public address; any other value names why it is not one. The names are
 * ipaddr.js's (loopback, private, linkLocal, uniqueLocal, carrierGradeNat, unspecified,
 * multicast, broadcast, reserved — documentation and other IANA special-purpose blocks —,
 * benchmarking, …) plus `metadata`, `ipv4Compatible`, `notGlobalUnicast` and `invalid`.
 */
export type AddressRange = string;

/**
 * Cloud instance metadata services: refused even when an allow-list would let the rest of
 * their range through, since what they serve (credentials) is never a webhook receiver.
 */
const METADATA_ADDRESSES: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [
  ipaddr.parseCIDR('169.254.169.254/32'), // AWS, GCP, Azure, OpenStack, DigitalOcean …
  ipaddr.parseCIDR('169.254.170.2/32'), // AWS ECS task credentials
  ipaddr.parseCIDR('168.63.129.16/32'), // Azure wire server (a public-looking address)
  ipaddr.parseCIDR('100.100.100.200/32'), // Alibaba Cloud
  ipaddr.parseCIDR('fd00:ec2::254/128'), // AWS over IPv6
];

/** Names of metadata services that resolve only inside a cloud: refused before any lookup. */
export const METADATA_HOSTNAMES: ReadonlySet<string> = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** Global unicast IPv6 is 2000::/3; the rest of the space is special or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
/** ::a.b.c.d, deprecated IPv4-compatible addresses (ipaddr.js calls them unicast). */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Parses a textual address strictly (no `0177.1`-style IPv4: those come only from URLs,
 * normalised). IPv6 goes through node's own parser first, because ipaddr.js reads `::127.0.0.1`
 * as IPv4-mapped (`::ffff:7f00:1`) while it is IPv4-compatible (`::7f00:1`), as a socket reads it.
 */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIPv4(bare)) return ipaddr.IPv4.isValidFourPartDecimal(bare) ? ipaddr.IPv4.parse(bare) : undefined;
  if (!isIPv6(bare)) return undefined;
  // A zone (`fe80::1%eth0`) names an interface, not an address: the address alone is classified.
  const normal = new URL(`http://[${bare.replace(/%.*$/, '')}]/`).hostname.slice(1, -1);
  return ipaddr.IPv6.isValid(normal) ? ipaddr.IPv6.parse(normal) : undefined;
}

/** An IPv4-mapped IPv6 address is the IPv4 address it maps: `::ffff:127.0.0.1` is loopback. */
export function canonical(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

export function isMetadataAddress(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  const a = canonical(address);
  return METADATA_ADDRESSES.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));
}

export function addressRange(text: string): AddressRange {
  const parsed = parseAddress(text);
  if (!parsed) return 'invalid';
  const address = canonical(parsed);
  if (isMetadataAddress(address)) return 'metadata';
  if (address.kind() === 'ipv4') return (address as ipaddr.IPv4).range();
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range !== 'unicast') return range;
  if (v6.match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
  if (!v6.match(GLOBAL_UNICAST_V6)) return 'notGlobalUnicast';
  return 'unicast';
}

export const isPublicAddress = (text: string) => addressRange(text) === 'unicast';

/**
 * Ranges no allow-list opens: nothing listens for webhooks on them, and `0.0.0.0`/`::` reach
 * this very host on Linux.
 */
export const NEVER_ALLOWED: ReadonlySet<AddressRange> = new Set(['metadata', 'unspecified', 'multicast', 'broadcast', 'invalid']);
