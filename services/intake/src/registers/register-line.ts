import type { Secrecy } from '@vanthu/shared';
import type { DocumentDoc } from '../records/documents';
import type { IncomingDoc } from '../records/incoming';

/*
 * What a register screen pages through (docs/intake-api.md, "Registers"): one line per issued
 * document and per registered copy, with what orders, filters and hides it — never its subject,
 * notation or people's names. The page's twenty lines are then read from the records by `_id`.
 */
export interface RegisterLine {
  /** The document's id, or the copy's `<documentId>@<org>`. */
  _id: string;
  kind: 'outgoing' | 'incoming';
  /** The issuer, or the recipient holding the copy. */
  org: string;
  /** issuedAt, or arrivedAt, as the record holds it. */
  at: string;
  /** The document's number, or the copy's arrival number. */
  number: number;
  secrecy: Secrecy;
  /** Secret records: who has a part in them (records/documents.ts, need-to-know). */
  participants?: string[];
  /** The record's seq: a later account of a line replaces an earlier one, never the reverse. */
  seq: number;
}

/** An issued document's line; none before it is issued. */
export function lineOfDocument(doc: Pick<DocumentDoc, '_id' | 'issuer' | 'issuedAt' | 'number' | 'secrecy' | 'participants' | 'seq'>): RegisterLine | undefined {
  if (!doc.issuedAt || doc.number === undefined) return undefined;
  return {
    _id: doc._id,
    kind: 'outgoing',
    org: doc.issuer,
    at: doc.issuedAt,
    number: doc.number,
    secrecy: doc.secrecy,
    ...(doc.participants && { participants: doc.participants }),
    seq: doc.seq,
  };
}

/** A registered copy's line. */
export function lineOfCopy(doc: Pick<IncomingDoc, '_id' | 'org' | 'arrivedAt' | 'arrivalNumber' | 'secrecy' | 'participants' | 'seq'>): RegisterLine {
  return {
    _id: doc._id,
    kind: 'incoming',
    org: doc.org,
    at: doc.arrivedAt,
    number: doc.arrivalNumber,
    secrecy: (doc.secrecy ?? 'none') as Secrecy,
    ...(doc.participants && { participants: doc.participants }),
    seq: doc.seq,
  };
}

/** The fields a line is made of: what a reload reads of each record. */
export const LINE_FIELDS = { issuer: 1, issuedAt: 1, number: 1, org: 1, arrivedAt: 1, arrivalNumber: 1, secrecy: 1, participants: 1, seq: 1 } as const;
