import type { Connection } from 'mongoose';
import { SECRECY_LEVELS } from '../contracts/documents';
import { badRequest, Problem } from '../errors/problem';
import { isDuplicateKeyError } from '../mongo/connection';
import { ACCESS_LOG_GENESIS, accessRecordHash } from './canonical-json';
import { accessRecordId, chainBreak, endBreak, type ChainHead } from './chain';
import { atRange } from './period';
import { ACCESS_ACTIONS, ACCESS_OUTCOMES, type AccessEntry, type AccessLogFilter, type AccessLogPage, type AccessLogVerdict, type AccessRecord } from './types';

type StoredRecord = AccessRecord & { _id: string };
interface HeadDoc {
  /** The organisation. */
  _id: string;
  seq: number;
  hash: string;
}

/** Enough for many processes appending to one organisation's log at once (each round has one winner). */
const MAX_ATTEMPTS = 50;
/** Records read at once by verify(): each a lookup by `_id`, which our database answers without a scan. */
const VERIFY_BATCH = 32;

const ENTRY_FIELDS = ['org', 'actor', 'actorOrg', 'action', 'documentId', 'target', 'secrecy', 'outcome', 'from', 'reason'] as const;
const REQUIRED_FIELDS = ['org', 'actor', 'action', 'documentId', 'secrecy', 'outcome'] as const;

/** Only the entry's own fields, set ones only: a caller's extra properties never reach the log. */
function entryOf(entry: AccessEntry): AccessEntry {
  for (const field of REQUIRED_FIELDS) {
    if (typeof entry[field] !== 'string' || entry[field] === '') throw new TypeError(`access log entry: ${field} is required`);
  }
  if (!ACCESS_ACTIONS.includes(entry.action)) throw new TypeError(`access log entry: unknown action ${String(entry.action)}`);
  if (!ACCESS_OUTCOMES.includes(entry.outcome)) throw new TypeError(`access log entry: unknown outcome ${String(entry.outcome)}`);
  if (!SECRECY_LEVELS.includes(entry.secrecy)) throw new TypeError(`access log entry: unknown secrecy ${String(entry.secrecy)}`);
  // `:` separates the organisation from the sequence number in a record's `_id`.
  if (entry.org.includes(':')) throw new TypeError('access log entry: org may not contain ":"');
  const picked: Record<string, string> = {};
  for (const field of ENTRY_FIELDS) {
    const value = entry[field];
    if (value !== undefined) picked[field] = String(value);
  }
  return picked as unknown as AccessEntry;
}

const pause = (attempt: number) => new Promise((done) => setTimeout(done, Math.random() * Math.min(50, 2 + attempt * 5)));

/**
 * The access log of secret documents: one hash chain per organisation, append-only. Record `n`
 * of an organisation is stored at `_id` `<org>:<n>` — the unique `_id` decides which of two
 * concurrent appends gets `n`, the one thing our database enforces atomically (../shared
 * STACK.md) — and carries the hash of record `n - 1`, so a record changed, removed or moved
 * breaks the chain at that point; a head anchor per organisation catches records removed from
 * the end. See docs/secret-documents.md ("Access log").
 */
export class AccessLog {
  private readonly recordsName: string;
  private readonly anchorsName: string;
  /** The last record this process knows of, per organisation; a stale one costs one retry. */
  private readonly known = new Map<string, ChainHead>();
  /** Appends of this process to one organisation, one after another: they would only race each other. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private indexes: Promise<unknown> | undefined;

  constructor(
    private readonly connection: Connection,
    options: { collection?: string } = {},
  ) {
    this.recordsName = options.collection ?? 'access_log';
    this.anchorsName = `${this.recordsName}_heads`;
  }

  /**
   * Appends the entry and resolves with its record. A caller serves what it logs only after this
   * resolves: if it rejects, the access was not recorded and must not happen.
   */
  async record(entry: AccessEntry): Promise<AccessRecord> {
    const fields = entryOf(entry);
    const previous = this.queues.get(fields.org) ?? Promise.resolve();
    const appended = previous.then(() => this.append(fields));
    const settled = appended.catch(() => undefined);
    this.queues.set(fields.org, settled);
    void settled.then(() => {
      if (this.queues.get(fields.org) === settled) this.queues.delete(fields.org);
    });
    return appended;
  }

  /** The organisation's records, newest first. */
  async list(org: string, filter: AccessLogFilter): Promise<AccessLogPage> {
    const { page, pageSize } = filter;
    if (!Number.isInteger(page) || page < 1) throw badRequest('invalid-page', 'page must be a whole number from 1.', 'page');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw badRequest('invalid-page-size', 'pageSize must be a whole number from 1 to 1000.', 'pageSize');
    const query: Record<string, unknown> = { org };
    if (filter.documentId !== undefined) query.documentId = filter.documentId;
    if (filter.actor !== undefined) query.actor = filter.actor;
    if (filter.outcome !== undefined) query.outcome = filter.outcome;
    const at = atRange(filter.from, filter.to);
    if (at) query.at = at;
    await this.ensureIndexes();
    const [total, items] = await Promise.all([
      this.records().countDocuments(query as never),
      this.records()
        .find(query as never, { projection: { _id: 0 } })
        .sort({ seq: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .toArray(),
    ]);
    return { items: items as AccessRecord[], total, page, pageSize };
  }

  /**
   * Walks the organisation's chain from record 1 by `_id` and names the first record at which it
   * breaks: changed, missing, out of place, or missing from the end (against the head anchor).
   */
  async verify(org: string): Promise<AccessLogVerdict> {
    // The anchor first: appends after this read only lengthen the chain we then walk.
    const head = (await this.anchors().findOne({ _id: org })) ?? undefined;
    let prev = ACCESS_LOG_GENESIS;
    let hashAtHead: string | undefined;
    let seq = 1;
    for (;;) {
      const batch = await Promise.all(Array.from({ length: VERIFY_BATCH }, (_, i) => this.records().findOne({ _id: accessRecordId(org, seq + i) })));
      const gap = batch.indexOf(null);
      for (const stored of gap === -1 ? batch : batch.slice(0, gap)) {
        if (!stored) break;
        const { _id, ...fields } = stored;
        const broken = chainBreak(org, seq, prev, fields);
        if (broken) return { ok: false, records: seq - 1, brokenAt: seq, problem: broken };
        if (head?.seq === seq) hashAtHead = stored.hash;
        prev = stored.hash;
        seq += 1;
      }
      if (gap === -1) continue;
      if (await this.exists(org, seq + 1)) {
        // Appended while the batch was read: walk on from it. Otherwise a hole with records after it.
        if (await this.exists(org, seq)) continue;
        return { ok: false, records: seq - 1, brokenAt: seq, problem: `record ${seq} is missing` };
      }
      const end = endBreak(seq - 1, head, hashAtHead);
      return end ? { ok: false, records: seq - 1, ...end } : { ok: true, records: seq - 1 };
    }
  }

  private async append(fields: AccessEntry): Promise<AccessRecord> {
    const { org } = fields;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const head = this.known.get(org) ?? (await this.loadHead(org));
      const unsigned = { ...fields, seq: head.seq + 1, at: new Date().toISOString(), prev: head.hash };
      const record: AccessRecord = { ...unsigned, hash: accessRecordHash(unsigned) };
      try {
        await this.records().insertOne({ _id: accessRecordId(org, record.seq), ...record });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Another process took this seq: move on to its record (and any after it), then try again.
        this.known.set(org, await this.catchUp(org, head));
        await pause(attempt);
        continue;
      }
      this.known.set(org, { seq: record.seq, hash: record.hash });
      await this.anchor(org, record);
      return record;
    }
    throw new Problem(503, 'access-log-busy', `The access log of ${org} is too busy to record this access; try again.`, { retryAfterSeconds: 1 });
  }

  /** From the head anchor (which may lag behind a crash), forward to the last record. */
  private async loadHead(org: string): Promise<ChainHead> {
    const anchored = await this.anchors().findOne({ _id: org });
    return this.catchUp(org, anchored ? { seq: anchored.seq, hash: anchored.hash } : { seq: 0, hash: ACCESS_LOG_GENESIS });
  }

  private async catchUp(org: string, from: ChainHead): Promise<ChainHead> {
    let head = from;
    for (;;) {
      const next = await this.records().findOne({ _id: accessRecordId(org, head.seq + 1) }, { projection: { seq: 1, hash: 1 } });
      if (!next) return head;
      head = { seq: next.seq, hash: next.hash };
    }
  }

  /**
   * Moves the head anchor forward, never back. The condition is not atomic on our database, so
   * racing appenders may leave the anchor a few records behind; it then lags, which verify()
   * accepts, and the next append moves it on.
   */
  private async anchor(org: string, record: AccessRecord): Promise<void> {
    try {
      await this.anchors().updateOne({ _id: org, seq: { $lt: record.seq } }, { $set: { seq: record.seq, hash: record.hash } }, { upsert: true });
    } catch (error) {
      // The anchor exists and is already further on: a later record was anchored first.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  private ensureIndexes(): Promise<unknown> {
    // For list(): on MongoDB it serves the organisation's filter and order; our local database scans anyway.
    this.indexes ??= this.records()
      .createIndex({ org: 1, seq: -1 })
      .catch((error: unknown) => {
        this.indexes = undefined;
        throw error;
      });
    return this.indexes;
  }

  private async exists(org: string, seq: number): Promise<boolean> {
    return (await this.records().findOne({ _id: accessRecordId(org, seq) }, { projection: { _id: 1 } })) !== null;
  }

  private records() {
    return this.connection.collection<StoredRecord>(this.recordsName);
  }

  private anchors() {
    return this.connection.collection<HeadDoc>(this.anchorsName);
  }
}
