import {
  DocumentKey,
  audienceOf,
  clearanceReaches,
  isSealed,
  isSecret,
  levelsWithin,
  type Clearance,
  type AccessEntry,
  type KeyRing,
  type Secrecy,
} from '@vanthu/shared';
import type { FilterQuery } from 'mongoose';
import type { SealingStore } from '../records/sealings';
import type { Principal, ReadContext, TransitionView } from './ports';

/** Intake only appends to the access log (packages/shared/src/access-log). */
export interface AccessRecorder {
  record(entry: AccessEntry): Promise<unknown>;
}

/** A secret record as need-to-know sees it: a document, or a recipient's copy. */
export interface SecretHolder {
  /** The record: the document id, or `<documentId>@<org>` for a copy (its key's id in records/sealings.ts). */
  holderId: string;
  documentId: string;
  /** Whose record it is: the issuer, or the recipient for a copy. */
  org: string;
  secrecy: Secrecy;
  participants?: string[];
}

export type { ReadContext };

export type Refusal = 'no-clearance' | 'not-in-flow' | 'other-organisation';

/**
 * Need-to-know for secret documents (docs/secret-documents.md): visible only to someone whose
 * clearance reaches the level AND who has a part in the flow at the record's organisation — an
 * administrator included. Every look at one, allowed or refused, goes to the access log.
 */
export function secretAccess(deps: { keys: KeyRing; sealings: SealingStore; clearanceOf: (userId: string) => Promise<Clearance>; accessLog: AccessRecorder }) {
  const { keys, sealings, clearanceOf, accessLog } = deps;

  async function refusal(principal: Principal, holder: SecretHolder): Promise<Refusal | undefined> {
    if (principal.orgCode !== holder.org) return 'other-organisation';
    if (!clearanceReaches(await clearanceOf(principal.userId), holder.secrecy)) return 'no-clearance';
    const audience = audienceOf(principal);
    if (!(holder.participants ?? []).some((p) => audience.includes(p))) return 'not-in-flow';
    return undefined;
  }

  const entry = (principal: Principal, holder: SecretHolder, action: AccessEntry['action'], outcome: AccessEntry['outcome'], context: ReadContext, extra: { target?: string; reason?: string } = {}): AccessEntry => ({
    org: holder.org,
    actor: principal.userId,
    actorOrg: principal.orgCode,
    action,
    documentId: holder.documentId,
    secrecy: holder.secrecy,
    outcome,
    ...(context.from !== undefined && { from: context.from }),
    ...extra,
  });

  return {
    /**
     * True when the principal may see it. A secret record the principal may not see is logged as
     * refused, at its own organisation's log (unless the principal is of another organisation
     * and has no business there: a stranger's miss is not that organisation's event).
     */
    async check(principal: Principal, holder: SecretHolder, action: AccessEntry['action'], context: ReadContext, target?: string): Promise<boolean> {
      if (!isSecret(holder.secrecy)) return true;
      const reason = await refusal(principal, holder);
      await accessLog.record(entry(principal, holder, action, reason ? 'refused' : 'allowed', context, { ...(target !== undefined && { target }), ...(reason && { reason }) }));
      return reason === undefined;
    },

    /** Records an allowed read of a record already checked (an item of a list, a register line). */
    async allowed(principal: Principal, holder: SecretHolder, action: AccessEntry['action'], context: ReadContext, target?: string): Promise<void> {
      if (isSecret(holder.secrecy)) await accessLog.record(entry(principal, holder, action, 'allowed', context, target !== undefined ? { target } : {}));
    },

    /** The part of a query that hides secret records from everyone without a part in them. */
    async visibleFilter(principal: Principal): Promise<FilterQuery<{ secrecy: Secrecy; participants?: string[] }>> {
      const levels = levelsWithin(await clearanceOf(principal.userId)).filter(isSecret);
      return { $or: [{ secrecy: 'none' }, ...(levels.length > 0 ? [{ secrecy: { $in: levels }, participants: { $in: audienceOf(principal) } }] : [])] };
    },

    /** visibleFilter as a predicate, for records already in memory (the register lines). */
    async visiblePredicate(principal: Principal): Promise<(record: { secrecy: Secrecy; participants?: string[] }) => boolean> {
      const levels: Secrecy[] = levelsWithin(await clearanceOf(principal.userId)).filter(isSecret);
      const audience = audienceOf(principal);
      return (record) => record.secrecy === 'none' || (levels.includes(record.secrecy) && (record.participants ?? []).some((p) => audience.includes(p)));
    },

    /** The record's key, for a principal already let in. */
    async keyOf(holder: SecretHolder): Promise<DocumentKey> {
      const sealing = await sealings.get(holder.holderId);
      if (!sealing) throw new Error(`secret record ${holder.holderId} has no key`);
      return DocumentKey.open(keys, holder.documentId, sealing);
    },

    async openText<T extends string | undefined>(key: DocumentKey | undefined, text: T): Promise<T> {
      return (key && isSealed(text) ? await key.open(text) : text) as T;
    },

    async openHistory(key: DocumentKey | undefined, history: TransitionView[]): Promise<TransitionView[]> {
      if (!key) return history;
      return Promise.all(history.map(async (h) => (isSealed(h.note) ? { ...h, note: await key.open(h.note) } : h)));
    },
  };
}

export type SecretAccess = ReturnType<typeof secretAccess>;
