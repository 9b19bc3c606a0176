import type { ComponentType } from 'react';
import type { Role } from '../auth/claims';

/**
 * The console's areas, and whom each is for: the navigation shows a person the areas of their
 * role (first) and those of everyone, and the router refuses an area's pages to other roles. The
 * services still decide every call; this only keeps people from pages that would refuse them.
 *
 * An area is a folder under pages/ whose page module exports the page as default. Adding one is
 * adding it here (its texts under nav.* in i18n/vi.json and en.json). Areas without a `page` are
 * planned and neither shown nor routed until it is written.
 */
export interface Area {
  key: string;
  path: string;
  /** Roles it is for; `everyone` is every signed-in person. */
  roles: readonly Role[] | 'everyone';
  page?: () => Promise<{ default: ComponentType }>;
  /** The header's badge count (the inbox's unread notifications). */
  badge?: 'unread';
  /**
   * `false`: routed, not listed in the navigation, for pages reached by a link (a document's own
   * page, from a list, a register or a notification).
   */
  listed?: false;
}

export const AREAS: readonly Area[] = [
  { key: 'registers', path: '/registers', roles: ['clerk'], page: () => import('../pages/registers/registers-page') },
  { key: 'drafting', path: '/drafting', roles: ['clerk', 'specialist'], page: () => import('../pages/drafting/drafting-page') },
  { key: 'incoming', path: '/incoming', roles: ['clerk'], page: () => import('../pages/incoming/incoming-page') },
  { key: 'approvals', path: '/approvals', roles: ['leader'], page: () => import('../pages/approvals/approvals-page') },
  { key: 'operations', path: '/operations', roles: ['leader', 'admin'], page: () => import('../pages/operations/operations-page') },
  // Tracking lets a lead organisation's leaders, specialists and clerks act on its tasks (TASK_ROLES), and any of them may be given a copy to handle.
  { key: 'myWork', path: '/my-work', roles: ['specialist', 'leader', 'clerk'], page: () => import('../pages/my-work/my-work-page') },
  { key: 'inbox', path: '/inbox', roles: 'everyone', page: () => import('../pages/inbox/inbox-page'), badge: 'unread' },
  // The archive lets its archivists and the leaders search and read packages (services/archive/src/api/rights.ts).
  { key: 'archive', path: '/archive', roles: ['archivist', 'leader'], page: () => import('../pages/archive/archive-page') },
  { key: 'document', path: '/documents', roles: 'everyone', page: () => import('../pages/document/document-page'), listed: false },
];

/**
 * Where each role lands after signing in, and the first line of its navigation: what its people
 * do first. Specialists, the incoming copies and tasks they were given; leaders, what awaits their
 * review or signature; clerks, the incoming documents to assign (the registers and the queue to
 * issue are a click away); administrators, the operations centre; archivists, the archive.
 */
const HOME: Record<Role, Area['key']> = {
  specialist: 'myWork',
  leader: 'approvals',
  clerk: 'incoming',
  admin: 'operations',
  archivist: 'archive',
  'security-officer': 'inbox',
};

export const isFor = (area: Area, role: Role) => area.roles === 'everyone' || area.roles.includes(role);

/** What a role sees, in order: its home, its other areas, then everyone's. */
export function areasFor(role: Role): Area[] {
  const built = AREAS.filter((a) => a.page && a.listed !== false && isFor(a, role));
  const ordered = [...built.filter((a) => a.roles !== 'everyone'), ...built.filter((a) => a.roles === 'everyone')];
  return [...ordered.filter((a) => a.key === HOME[role]), ...ordered.filter((a) => a.key !== HOME[role])];
}

/** Where a person lands after signing in: their role's home (the inbox if it is not built or not theirs). */
export const homeOf = (role: Role) => areasFor(role).find((a) => a.key === HOME[role])?.path ?? '/inbox';
