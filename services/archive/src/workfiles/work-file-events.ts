import type { Connection } from 'mongoose';
import { announce, announcePending, TOPICS, type AnnouncedRecords, type DomainEvent, type EventData, type EventType } from '@vanthu/shared';
import type { ArchiveCollections, DispositionDoc, HoldDoc, NoticeDoc } from '../store/collections';

/*
 * The archive's decisions about work files, announced on vanthu.archive.events.v1 through the
 * shared announcement helper: the record is written first (it is what decides), then its events
 * go into this service's outbox, and the worker's relay publishes them.
 */

const event = <K extends Extract<EventType, `archive.${string}`>>(id: string, type: K, workFileId: string, occurredAt: string, data: Omit<EventData<K>, 'workFileId'>): DomainEvent => ({
  id,
  type,
  version: 1,
  occurredAt,
  source: 'archive',
  subject: workFileId,
  data: { workFileId, ...data },
});

export function holdEvents(hold: HoldDoc): DomainEvent[] {
  const events = [event(`hold:${hold._id}:1`, 'archive.hold-placed', hold.workFileId, hold.placedAt, { holdId: hold._id, reason: hold.reason, placedBy: hold.placedBy, placedAt: hold.placedAt })];
  if (hold.releasedAt && hold.releasedBy) {
    events.push(event(`hold:${hold._id}:2`, 'archive.hold-released', hold.workFileId, hold.releasedAt, { holdId: hold._id, releasedBy: hold.releasedBy, releasedAt: hold.releasedAt }));
  }
  return events;
}

export const noticeEvents = (notice: NoticeDoc): DomainEvent[] => [
  event(`notice:${notice._id}:1`, 'archive.retention-notice', notice.workFileId, notice.noticedAt, { dueAt: notice.dueAt, action: notice.action, noticedAt: notice.noticedAt }),
];

export const dispositionEvents = (d: DispositionDoc): DomainEvent[] => [
  event(`disposition:${d._id}:1`, 'archive.disposition-executed', d._id, d.executedAt, { action: d.action, approvedBy: d.approvedBy, workflowId: d.workflowId, executedAt: d.executedAt }),
];

export type Announce = <T extends { _id: string; announced?: string[] }>(records: AnnouncedRecords, record: T, events: DomainEvent[]) => Promise<void>;

export const announcer = (mongo: Connection): Announce => (records, record, events) => announce(mongo, records, record, events, TOPICS.archiveEvents.name);

/** At the worker's start: records whose events a crash kept out of the outbox. Holds, notices and dispositions are few. */
export async function announcePendingWorkFileEvents(mongo: Connection, c: ArchiveCollections): Promise<number> {
  const topic = TOPICS.archiveEvents.name;
  return (
    (await announcePending(mongo, c.holds, await c.holds.find({}).toArray(), holdEvents, topic)) +
    (await announcePending(mongo, c.notices, await c.notices.find({}).toArray(), noticeEvents, topic)) +
    (await announcePending(mongo, c.dispositions, await c.dispositions.find({}).toArray(), dispositionEvents, topic))
  );
}
