import { accessRecordHash } from './canonical-json';

/** Records are addressed by `_id`, the one lookup our database answers without a scan. */
export const accessRecordId = (org: string, seq: number) => `${org}:${String(seq).padStart(12, '0')}`;

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Why the record stored at `${org}:${seq}` does not continue the chain whose record `seq - 1`
 * hashed to `prev`, or undefined when it does. Checked in this order so that the first cause
 * is named: a record moved from elsewhere, a broken link, then its own fields.
 */
export function chainBreak(org: string, seq: number, prev: string, stored: Record<string, unknown>): string | undefined {
  if (stored.org !== org || stored.seq !== seq) return `record ${seq} is not in its place: it says it is ${String(stored.org)} #${String(stored.seq)}`;
  if (stored.prev !== prev) return `record ${seq} does not follow record ${seq - 1}: its prev is not that record's hash (reordered, or a record before it was rewritten)`;
  if (accessRecordHash(stored) !== stored.hash) return `record ${seq} was altered: its fields no longer hash to its hash`;
  return undefined;
}

/**
 * Where the chain ends against its head anchor. A head behind the chain is a crash between an
 * append and the anchor's update, and harmless; a chain that stops before its head lost records.
 */
export function endBreak(records: number, head: ChainHead | undefined, hashAtHead: string | undefined): { brokenAt: number; problem: string } | undefined {
  if (!head) {
    // The first append anchors right after its insert; two records and no anchor is a deletion.
    return records > 1 ? { brokenAt: records, problem: `the log's head anchor is missing though it holds ${records} records` } : undefined;
  }
  if (head.seq > records) return { brokenAt: records + 1, problem: `the log ends at record ${records} but its head says ${head.seq}: records were removed from its end` };
  if (head.seq > 0 && hashAtHead !== head.hash) return { brokenAt: head.seq, problem: `record ${head.seq} is not the one its head anchored: the log was rewritten from there` };
  return undefined;
}
