import type { X509Certificate } from 'node:crypto';

export interface ChainResult {
  trusted: boolean;
  /** Signer first, then each issuer found, the trust anchor last when there is one. */
  path: X509Certificate[];
  problems: string[];
}

const issues = (issuer: X509Certificate, child: X509Certificate) => child.checkIssued(issuer) && child.verify(issuer.publicKey);

/** Builds a path from `leaf` through `pool` to one of `anchors`, checking each signature on the way. */
export function buildChain(leaf: X509Certificate, pool: X509Certificate[], anchors: X509Certificate[]): ChainResult {
  const path = [leaf];
  for (let depth = 0; depth < 10; depth += 1) {
    const current = path[path.length - 1]!;
    const anchor = anchors.find((a) => issues(a, current));
    if (anchor) {
      if (anchor.fingerprint256 !== current.fingerprint256) path.push(anchor);
      return { trusted: true, path, problems: [] };
    }
    if (current.checkIssued(current)) break;
    const issuer = pool.find((c) => c.ca && !path.includes(c) && issues(c, current));
    if (!issuer) break;
    path.push(issuer);
  }
  return { trusted: false, path, problems: ['the certificate does not chain to a trusted root'] };
}

export const validAt = (cert: X509Certificate, at: Date) => at >= new Date(cert.validFrom) && at <= new Date(cert.validTo);

export const serialHexOf = (cert: X509Certificate) => cert.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, '');
