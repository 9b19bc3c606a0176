import ipaddr from 'ipaddr.js';
import { canonical, parseAddress } from './address-ranges';

/*
 * NOTIFY_WEBHOOK_ALLOW_HOSTS: the receivers that may sit on non-public addresses — the tests'
 * and a developer's receiver on loopback, a partner reached over a private link. Comma-separated:
 *
 *   localhost, localhost:4010     a host name as written in the URL (any port, or that one)
 *   127.0.0.1, 127.0.0.1:4010     an address the URL's host resolves to (any port, or that one)
 *   [::1]:4010, ::1               the same for IPv6 (brackets when a port follows)
 *   10.20.0.0/16, fd12:3456::/32  any address in a CIDR block
 *
 * An entry lets a non-public address through; it never opens the metadata services or the
 * unspecified, multicast and broadcast addresses (see NEVER_ALLOWED).
 */

export type AllowEntry =
  | { kind: 'host'; host: string; port?: number }
  | { kind: 'address'; address: ipaddr.IPv4 | ipaddr.IPv6; port?: number }
  | { kind: 'cidr'; network: [ipaddr.IPv4 | ipaddr.IPv6, number] };

export type AllowList = readonly AllowEntry[];

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export const normalHost = (host: string) => host.toLowerCase().replace(/\.$/, '');

function port(text: string, entry: string): number {
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n < 1 || n > 65535) throw new Error(`"${entry}": ${text} is not a port`);
  return n;
}

function parseEntry(raw: string): AllowEntry {
  const entry = raw.trim();
  if (entry.includes('/')) {
    if (!ipaddr.isValidCIDR(entry) || !parseAddress(entry.split('/')[0] ?? '')) throw new Error(`"${entry}" is not a CIDR block`);
    return { kind: 'cidr', network: ipaddr.parseCIDR(entry) };
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) {
    const address = parseAddress(bracketed[1] ?? '');
    if (!address) throw new Error(`"${entry}" is not an IPv6 address`);
    return { kind: 'address', address: canonical(address), ...(bracketed[2] !== undefined && { port: port(bracketed[2], entry) }) };
  }
  const bare = parseAddress(entry);
  if (bare) return { kind: 'address', address: canonical(bare) };
  const [host = '', portText, ...more] = entry.split(':');
  if (more.length > 0) throw new Error(`"${entry}" is not a host, host:port, address or CIDR block`);
  const address = parseAddress(host);
  const p = portText === undefined ? undefined : port(portText, entry);
  if (address) return { kind: 'address', address: canonical(address), ...(p !== undefined && { port: p }) };
  if (!HOST_NAME.test(normalHost(host))) throw new Error(`"${entry}" is not a host, host:port, address or CIDR block`);
  return { kind: 'host', host: normalHost(host), ...(p !== undefined && { port: p }) };
}

/** Throws naming the first bad entry; an empty or unset value is an empty list. */
export function parseAllowList(value: string | undefined): AllowList {
  return (value ?? '')
    .split(',')
    .filter((e) => e.trim() !== '')
    .map(parseEntry);
}

/** The URL's host (as written, lower case) is listed by name. */
export function allowsHost(list: AllowList, host: string, urlPort: number): boolean {
  const name = normalHost(host);
  return list.some((e) => e.kind === 'host' && e.host === name && (e.port === undefined || e.port === urlPort));
}

/** A resolved address is listed by address or CIDR block. */
export function allowsAddress(list: AllowList, text: string, urlPort: number): boolean {
  const parsed = parseAddress(text);
  if (!parsed) return false;
  const address = canonical(parsed);
  return list.some((e) => {
    if (e.kind === 'address') return e.address.kind() === address.kind() && e.address.toNormalizedString() === address.toNormalizedString() && (e.port === undefined || e.port === urlPort);
    if (e.kind === 'cidr') return e.network[0].kind() === address.kind() && address.match(e.network);
    return false;
  });
}
