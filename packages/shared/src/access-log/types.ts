import type { Secrecy } from '../contracts/documents';

export const ACCESS_ACTIONS = ['read', 'list', 'download', 'register-export', 'archive-export', 'codec-decode', 'act'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export const ACCESS_OUTCOMES = ['allowed', 'refused'] as const;

/** One access to a secret document, as the code that served (or refused) it reports it. */
export interface AccessEntry {
  /** The organisation whose log holds it (the document's holder: issuer, or the recipient for a copy). */
  org: string;
  /** User id (or service principal name). */
  actor: string;
  actorOrg?: string;
  action: AccessAction;
  /** The document (an incoming copy: its document id). */
  documentId: string;
  /** What exactly: 'metadata', a blob sha256, a register period, a package id... */
  target?: string;
  /** Level of the document. */
  secrecy: Secrecy;
  outcome: 'allowed' | 'refused';
  /** Client IP (req.ip). */
  from?: string;
  /** For refusals: e.g. 'no-clearance', 'not-in-flow'. */
  reason?: string;
}

/** An entry as chained: `hash` covers every other field, `prev` is the hash of record `seq - 1`. */
export interface AccessRecord extends AccessEntry {
  seq: number;
  at: string;
  prev: string;
  hash: string;
}

export interface AccessLogFilter {
  documentId?: string;
  actor?: string;
  outcome?: 'allowed' | 'refused';
  /** A Vietnam calendar day (YYYY-MM-DD, from its start) or an ISO 8601 instant, inclusive. */
  from?: string;
  /** A Vietnam calendar day (YYYY-MM-DD, to its end) or an ISO 8601 instant, inclusive. */
  to?: string;
  page: number;
  pageSize: number;
}

export interface AccessLogPage {
  items: AccessRecord[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AccessLogVerdict {
  ok: boolean;
  /** Records found in order from seq 1 before the first break (all of them when ok). */
  records: number;
  /** The first seq at which the chain is broken. */
  brokenAt?: number;
  problem?: string;
}
