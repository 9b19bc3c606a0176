import { notFound } from '@vanthu/shared';
import { SequencedLog, type SequencedEntry } from '../store/sequenced-log';
import type { InboxItem, InboxReads, NotifyCollections } from '../store/collections';
import { UNCHANGED, VersionedRecords } from '../store/versioned-records';

/** An inbox item as the API returns it. */
export interface InboxEntryView extends InboxItem {
  seq: number;
  read: boolean;
}

export interface InboxPage {
  items: InboxEntryView[];
  unread: number;
  /** `before` for the next, older page. */
  next?: number;
}

const isRead = (reads: Pick<InboxReads, 'upTo' | 'above'>, seq: number) => seq <= reads.upTo || reads.above.includes(seq);

export function toView(entry: SequencedEntry<InboxItem>, reads: Pick<InboxReads, 'upTo' | 'above'>): InboxEntryView {
  const { _id: _storageId, stream: _stream, key: _key, ...item } = entry;
  return { ...item, seq: entry.seq, read: isRead(reads, entry.seq) };
}

const NOTHING_READ: InboxReads = { upTo: 0, above: [], updatedAt: '' };

/** Marks at or below upTo say nothing more; dropping them keeps the record small. */
function marks(upTo: number, above: number[]): InboxReads {
  return { upTo, above: [...new Set(above.filter((s) => s > upTo))].sort((a, b) => a - b), updatedAt: new Date().toISOString() };
}

/**
 * Each user's inbox is a SequencedLog (items `${userId}:${seq}`, written once by the event
 * consumer) plus one read-marks record (written by the API only): items are never updated,
 * and the unread count is derived — newest seq, minus what is marked read — so no counter is
 * shared between the two writers. Two tabs marking at once may be served by two API replicas:
 * the marks are a VersionedRecords record, so neither mark is lost.
 */
export class Inbox {
  readonly log: SequencedLog<InboxItem>;
  private readonly readMarks: VersionedRecords<InboxReads>;

  constructor(c: Pick<NotifyCollections, 'inboxItems' | 'inboxHeads' | 'inboxReads' | 'inboxReadVersions'>) {
    this.log = new SequencedLog(c.inboxItems, c.inboxHeads);
    this.readMarks = new VersionedRecords(c.inboxReads, c.inboxReadVersions);
  }

  /** Once per key (`${eventId}|${userId}|inbox`), whatever the number of calls. */
  append(userId: string, key: string, item: InboxItem): Promise<{ seq: number; created: boolean }> {
    return this.log.append(userId, key, item);
  }

  async reads(userId: string): Promise<InboxReads> {
    return (await this.readMarks.read(userId)).value ?? NOTHING_READ;
  }

  async page(userId: string, options: { before?: number; limit: number; unreadOnly?: boolean }): Promise<InboxPage> {
    const [page, reads] = await Promise.all([this.log.page(userId, options), this.reads(userId)]);
    const items = page.entries.map((e) => toView(e, reads)).filter((v) => !options.unreadOnly || !v.read);
    return { items, unread: unreadCount(page.last, reads), ...(page.next !== undefined && { next: page.next }) };
  }

  /** The newest seq (0 for an empty inbox). */
  newest(userId: string): Promise<number> {
    return this.log.last(userId);
  }

  /**
   * Items `from`..`to`, oldest first. The log is dense (an item is written only once the seq
   * before it is taken), so every seq up to one known to exist is there.
   */
  async range(userId: string, from: number, to: number): Promise<InboxEntryView[]> {
    const seqs = Array.from({ length: Math.max(0, to - Math.max(1, from) + 1) }, (_, i) => Math.max(1, from) + i);
    const [entries, reads] = await Promise.all([Promise.all(seqs.map((s) => this.log.get(userId, s))), this.reads(userId)]);
    return entries.filter((e): e is SequencedEntry<InboxItem> => e !== null).map((e) => toView(e, reads));
  }

  async unread(userId: string): Promise<{ unread: number; last: number }> {
    const [last, reads] = await Promise.all([this.log.last(userId), this.reads(userId)]);
    return { unread: unreadCount(last, reads), last };
  }

  async markRead(userId: string, seq: number): Promise<InboxEntryView> {
    const entry = await this.log.get(userId, seq);
    if (!entry) throw notFound('notification-not-found', `There is no notification ${seq} in your inbox.`);
    const reads = await this.readMarks.update(userId, (current) => {
      const now = current ?? NOTHING_READ;
      return isRead(now, seq) ? UNCHANGED : marks(now.upTo, [...now.above, seq]);
    });
    return toView(entry, reads ?? NOTHING_READ);
  }

  /** Marks read everything up to `upTo` (the newest the caller saw; default: the newest there is). */
  async markAllRead(userId: string, upTo?: number): Promise<{ unread: number; last: number }> {
    const last = await this.log.last(userId);
    const reads = await this.readMarks.update(userId, (current) => {
      const now = current ?? NOTHING_READ;
      const target = Math.max(now.upTo, Math.min(upTo ?? last, last));
      return target === now.upTo ? UNCHANGED : marks(target, now.above);
    });
    return { unread: unreadCount(last, reads ?? NOTHING_READ), last };
  }
}

export function unreadCount(last: number, reads: Pick<InboxReads, 'upTo' | 'above'>): number {
  const upTo = Math.min(reads.upTo, last);
  return Math.max(0, last - upTo - new Set(reads.above.filter((s) => s > upTo && s <= last)).size);
}
