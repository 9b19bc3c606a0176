import { TOPICS } from '../contracts/topics';
import { object, oneOf, str, timestamp, type Schema } from './json-schema';
import { defineEvent } from './event-spec';

/*
 * The archive's own decisions about work files, keyed by work file id so one file's events stay
 * in order. (A document's arrival in the archive is its lifecycle's `document.archived`.)
 */

const workFileId = str('The work file (hồ sơ) concerned, also the Kafka key.', { minLength: 1 });
const action = oneOf('What its retention ends in: transfer to the historical archive, or destruction.', ['transfer', 'destroy']);

function archiveEvent<const T extends string, P extends Record<string, Schema>, R extends keyof P & string>(type: T, summary: string, properties: P, required: readonly R[]) {
  return defineEvent({ type, version: 1, topic: TOPICS.archiveEvents.name, key: 'workFileId', summary, data: object({ workFileId, ...properties }, ['workFileId', ...required]) });
}

export const ARCHIVE_EVENTS = [
  archiveEvent(
    'archive.hold-placed',
    'A legal hold was placed on a work file: no disposition while it stands.',
    { holdId: str('The hold.'), reason: str('Why.'), placedBy: str('Who placed it.'), placedAt: timestamp('When.') },
    ['holdId', 'reason', 'placedBy', 'placedAt'],
  ),
  archiveEvent(
    'archive.hold-released',
    'A legal hold was released.',
    { holdId: str('The hold.'), releasedBy: str('Who released it.'), releasedAt: timestamp('When.') },
    ['holdId', 'releasedBy', 'releasedAt'],
  ),
  archiveEvent(
    'archive.retention-notice',
    'A work file is coming due for hand-over or destruction under its retention policy.',
    { dueAt: timestamp('When its retention period ends.'), action, noticedAt: timestamp('When the notice was given.') },
    ['dueAt', 'action', 'noticedAt'],
  ),
  archiveEvent(
    'archive.disposition-executed',
    'An approved disposition was carried out: the work file was transferred or destroyed.',
    { action, approvedBy: str('Who approved it.'), workflowId: str('The disposition workflow.'), executedAt: timestamp('When.') },
    ['action', 'approvedBy', 'workflowId', 'executedAt'],
  ),
];
