import { Problem, type Role } from '@vanthu/shared';
import type { Principal } from './ports';

export const forbidden = (detail: string, field?: string) => new Problem(403, 'forbidden', detail, field === undefined ? {} : { field });

/** The principal works in `org` with one of `roles` (an admin may act anywhere). */
export function requireMember(principal: Principal, org: string, roles: readonly Role[], action: string): void {
  if (principal.role === 'admin') return;
  if (principal.orgCode !== org) throw forbidden(`${action}: you act for ${principal.orgCode}, not ${org}`);
  if (!roles.includes(principal.role)) throw forbidden(`${action}: a ${principal.role} may not do this (needs ${roles.join(' or ')})`);
}

export function requireRole(principal: Principal, roles: readonly Role[], action: string): void {
  if (!roles.includes(principal.role)) throw forbidden(`${action}: a ${principal.role} may not do this (needs ${roles.join(' or ')})`);
}
