import type { components } from '../api/generated/intake';

export type Role = components['schemas']['Role'];

/** Who the token says the person is: the claims every service decides rights on. */
export interface Principal {
  userId: string;
  org: string;
  role: Role;
}

const ROLES: readonly Role[] = ['clerk', 'specialist', 'leader', 'admin', 'archivist', 'security-officer'];

/**
 * The principal named by an access token (a JWT), read for showing and navigating only: the
 * services verify the signature on every call, the browser cannot and need not.
 */
export function principalOf(token: string, names = { user: 'sub', org: 'org', role: 'role' }): Principal & { expiresAt: number } {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('The access token is not a JWT.');
  const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  const userId = claims[names.user];
  const org = claims[names.org];
  const role = claims[names.role];
  if (typeof userId !== 'string' || typeof org !== 'string' || !ROLES.includes(role as Role) || typeof claims.exp !== 'number') {
    throw new Error(`The access token lacks a ${names.user}, ${names.org}, ${names.role} or exp claim.`);
  }
  return { userId, org, role: role as Role, expiresAt: claims.exp * 1000 };
}
