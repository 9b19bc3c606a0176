import type { Role } from '../contracts/documents';
import type { Caller } from './tokens';

/**
 * What a route demands of its caller, declared beside the route. The app-level guard applies it
 * before any of the route's middleware runs; the application still decides on the resource
 * (organisation, turn, need-to-know), answering 404 for what the caller may not know exists.
 */
export interface Policy {
  /** Shown in the authorisation matrix (docs/security.md). */
  readonly describe: string;
  /** No credentials needed: health, published documents, CA certificates, CRLs, the TSA. */
  readonly public?: boolean;
  /** For server-sent events only: EventSource cannot send an Authorization header (RFC 6750 §2.3). */
  readonly queryToken?: boolean;
  allows(caller: Caller): boolean;
}

export const PUBLIC: Policy = { describe: 'public', public: true, allows: () => true };

/** Any signed-in person; the application checks the rest (organisation, role, turn). */
export const anyUser = (): Policy => ({ describe: 'any user', allows: (c) => c.kind === 'user' });

export const roles = (...allowed: Role[]): Policy => ({
  describe: allowed.join(', '),
  allows: (c) => c.kind === 'user' && allowed.includes(c.user.role),
});

export const services = (...names: string[]): Policy => ({
  describe: names.map((n) => `service:${n}`).join(', '),
  allows: (c) => c.kind === 'service' && names.includes(c.service),
});

export const either = (...policies: Policy[]): Policy => ({
  describe: policies.map((p) => p.describe).join(' or '),
  allows: (c) => policies.some((p) => p.allows(c)),
});

/** The same policy, with the token also accepted as ?access_token= (live streams only). */
export const withQueryToken = (policy: Policy): Policy => ({ ...policy, queryToken: true });
