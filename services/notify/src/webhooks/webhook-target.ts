import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressRange, METADATA_HOSTNAMES, NEVER_ALLOWED } from './address-ranges';
import { allowsAddress, allowsHost, normalHost, type AllowList } from './allow-list';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to. Injectable so tests can play a rebinding DNS server. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS), as node's own connections use it. */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface AddressPolicy {
  allow: AllowList;
  resolve: Resolver;
}

/** The URL may not be delivered to, now or later: registration answers 422, a delivery stops. */
export class WebhookTargetRefused extends Error {
  constructor(
    readonly reason: 'webhook-address-not-allowed' | 'webhook-url-credentials' | 'webhook-url-invalid',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookTargetRefused';
  }
}

/** The host did not resolve: at registration the admin is told; a delivery tries again later. */
export class WebhookHostUnresolved extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookHostUnresolved';
  }
}

/** What to connect to: the URL, and the one address that was checked for it. */
export interface CheckedTarget {
  url: URL;
  /** The URL's host without IPv6 brackets: the TLS server name and the Host header's name. */
  hostname: string;
  port: number;
  address: ResolvedAddress;
}

const defaultPort = (url: URL) => (url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/**
 * Resolves the URL's host once and checks every address it resolves to: one forbidden address
 * refuses the URL, since a client may connect to any of them. The caller connects to
 * `address` — never resolves again — so a DNS answer that changes between the check and the
 * connection (rebinding) cannot slip another address in. The resolved addresses are not named
 * in the refusal, so an admin cannot map internal names through it.
 */
export async function checkWebhookTarget(href: string, policy: AddressPolicy): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new WebhookTargetRefused('webhook-url-invalid', 'The webhook URL is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookTargetRefused('webhook-url-invalid', 'A webhook URL must be http:// or https://.');
  if (url.username !== '' || url.password !== '') {
    throw new WebhookTargetRefused('webhook-url-credentials', 'A webhook URL may not carry credentials (user:password@); receivers authenticate deliveries by their signature.');
  }
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = defaultPort(url);
  if (METADATA_HOSTNAMES.has(normalHost(hostname))) {
    throw new WebhookTargetRefused('webhook-address-not-allowed', `${hostname} is a cloud metadata service, not a webhook receiver.`);
  }

  const family = isIP(hostname);
  let addresses: ResolvedAddress[];
  if (family !== 0) {
    addresses = [{ address: hostname, family: family === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await policy.resolve(hostname);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new WebhookHostUnresolved(`${hostname} did not resolve${code ? ` (${code})` : ''}.`);
    }
    if (addresses.length === 0) throw new WebhookHostUnresolved(`${hostname} did not resolve to any address.`);
  }

  const hostListed = allowsHost(policy.allow, hostname, port);
  for (const { address } of addresses) {
    const range = addressRange(address);
    if (range === 'unicast') continue;
    if (!NEVER_ALLOWED.has(range) && (hostListed || allowsAddress(policy.allow, address, port))) continue;
    const what = family !== 0 ? `${hostname} is` : `${hostname} resolves to`;
    throw new WebhookTargetRefused('webhook-address-not-allowed', `${what} an address in the ${range} range; webhooks are delivered only to public internet addresses.`);
  }
  const [address] = addresses as [ResolvedAddress, ...ResolvedAddress[]];
  return { url, hostname, port, address };
}
