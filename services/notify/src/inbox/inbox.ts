import { notFound } from '@vanthu/shared';
import { SequencedLog, type SequencedEntry } from '../store/sequenced-log';
import type { InboxItem, InboxReadsDoc, NotifyCollections } from '../store/collections';
import { KeyedMutex } from './keyed-mutex';

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

const isRead = (reads: Pick<InboxReadsDoc, 'upTo' | 'above'>, seq: number) => seq <= reads.upTo || reads.above.includes(seq);

export function toView(entry: SequencedEntry<InboxItem>, reads: Pick<InboxReadsDoc, 'upTo' | 'above'>): InboxEntryView {
  const { _id: _storageId, stream: _stream, key: _key, ...item } = entry;
  return { ...item, seq: entry.seq, read: isRead(reads, entry.seq) };
}

/**
 * Each user's inbox is a SequencedLog (items `${userId}:${seq}`, written once by the event
 * consumer) plus one read-marks document (written by the API only): items are never updated,
 * and the unread count is derived — newest seq, minus what is marked read — so no counter is
 * shared between the two writers.
 */
export class Inbox {
  readonly log: SequencedLog<InboxItem>;
  // Two tabs of one user marking at once would race on the read-marks document; within a process
  // they queue here. Across API replicas a lost mark only over-counts until the next mark-all.
  private readonly marking = new KeyedMutex();

  constructor(private readonly c: Pick<NotifyCollections, 'inboxItems' | 'inboxHeads' | 'inboxReads'>) {
    this.log = new SequencedLog(c.inboxItems, c.inboxHeads);
  }

  /** Once per key (`${eventId}|${userId}|inbox`), whatever the number of calls. */
  append(userId: string, key: string, item: InboxItem): Promise<{ seq: number; created: boolean }> {
    return this.log.append(userId, key, item);
  }

  async reads(userId: string): Promise<Pick<InboxReadsDoc, 'upTo' | 'above'>> {
    return (await this.c.inboxReads.findOne({ _id: userId })) ?? { upTo: 0, above: [] };
  }

  async page(userId: string, options: { before?: number; limit: number; unreadOnly?: boolean }): Promise<InboxPage> {
    const [page, reads] = await Promise.all([this.log.page(userId, options), this.reads(userId)]);
    const items = page.entries.map((e) => toView(e, reads)).filter((v) => !options.unreadOnly || !v.read);
    return { items, unread: unreadCount(page.last, reads), ...(page.next !== undefined && { next: page.next }) };
  }

  /** Items newer than `after`, oldest first: what a reconnecting stream missed. */
  async since(userId: string, after: number, limit: number): Promise<InboxEntryView[]> {
    const last = await this.log.last(userId);
    const from = Math.max(after + 1, last - limit + 1);
    const seqs = Array.from({ length: Math.max(0, last - from + 1) }, (_, i) => from + i);
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
    return this.marking.run(userId, async () => {
      const reads = await this.reads(userId);
      if (!isRead(reads, seq)) await this.saveReads(userId, reads.upTo, [...reads.above, seq]);
      return toView(entry, { upTo: reads.upTo, above: [...reads.above, seq] });
    });
  }

  /** Marks read everything up to `upTo` (the newest the caller saw; default: the newest there is). */
  async markAllRead(userId: string, upTo?: number): Promise<{ unread: number; last: number }> {
    return this.marking.run(userId, async () => {
      const last = await this.log.last(userId);
      const reads = await this.reads(userId);
      const target = Math.max(reads.upTo, Math.min(upTo ?? last, last));
      await this.saveReads(userId, target, reads.above);
      return { unread: unreadCount(last, { upTo: target, above: reads.above }), last };
    });
  }

  private async saveReads(userId: string, upTo: number, above: number[]): Promise<void> {
    // Marks at or below upTo say nothing more; dropping them keeps the document small.
    const kept = [...new Set(above.filter((s) => s > upTo))].sort((a, b) => a - b);
    await this.c.inboxReads.replaceOne({ _id: userId }, { upTo, above: kept, updatedAt: new Date().toISOString() }, { upsert: true });
  }
}

export function unreadCount(last: number, reads: Pick<InboxReadsDoc, 'upTo' | 'above'>): number {
  const upTo = Math.min(reads.upTo, last);
  return Math.max(0, last - upTo - new Set(reads.above.filter((s) => s > upTo && s <= last)).size);
}
