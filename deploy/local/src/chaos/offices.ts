import { createHash } from 'node:crypto';
import type { ServiceName } from '@vanthu/shared';
import { demoToken } from '../scenario/lifecycle-scenario';
import { Portal, type PortalStats } from './portal-client';

/** The province's desks and the two communes' (demo data), each with its portals to the APIs. */
export const RECIPIENTS = ['BS-TL-DU', 'BS-HB-DU'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

/** Who acts for each commune: its clerk registers and assigns, its specialist handles, its secretary leads its tasks. */
export const COMMUNE_PEOPLE: Record<Recipient, { clerk: string; handler: string; lead: string }> = {
  'BS-TL-DU': { clerk: 'tl-clerk', handler: 'tl-specialist', lead: 'tl-secretary' },
  'BS-HB-DU': { clerk: 'hb-clerk', handler: 'hb-specialist', lead: 'hb-secretary' },
};

export const PROVINCE = { org: 'BS-TU', author: 'bs-specialist', approver: 'bs-deputy', signer: 'bs-secretary', clerk: 'bs-clerk', admin: 'bs-admin' } as const;

export interface OfficeOptions {
  urls: (service: ServiceName) => string[];
  jwtSecret: string;
  stats: PortalStats;
  budgetMs: number;
  /** Aborted when the run ends: the portals stop. */
  signal: AbortSignal;
}

/** A user's portal to one service's API replicas; one per (user, service), made once. */
export class Offices {
  private readonly portals = new Map<string, Portal>();

  constructor(private readonly options: OfficeOptions) {}

  get signal(): AbortSignal {
    return this.options.signal;
  }

  portal(userId: string, service: ServiceName): Portal {
    const id = `${userId}/${service}`;
    let portal = this.portals.get(id);
    if (!portal) {
      portal = new Portal({
        urls: this.options.urls(service),
        token: demoToken(this.options.jwtSecret, userId),
        stats: this.options.stats,
        budgetMs: this.options.budgetMs,
        signal: this.options.signal,
      });
      this.portals.set(id, portal);
    }
    return portal;
  }
}

/**
 * The id intake gives a document created under an Idempotency-Key (services/intake/src/app/drafts.ts):
 * a portal that lost the answer reads the document there.
 */
export function documentIdFor(userId: string, idempotencyKey: string): string {
  const hash = createHash('sha256').update(`${userId}\n${idempotencyKey}`).digest('hex');
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
}
