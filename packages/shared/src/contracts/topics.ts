/**
 * Kafka topics are created explicitly (auto-creation is off on our brokers), so every topic the
 * system uses is declared here with its shape. Names carry the contract's major version: a breaking
 * change to an event gets a new topic, and old consumers keep reading the old one.
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Retention in milliseconds; -1 keeps events forever (they are the audit trail). */
  retentionMs: number;
  description: string;
}

const DAY = 24 * 60 * 60 * 1000;

export const TOPICS = {
  documentEvents: {
    name: 'vanthu.document.events.v1',
    partitions: 6,
    retentionMs: -1,
    description: 'Lifecycle events of every document, keyed by document id so each document stays in order.',
  },
  directoryEvents: {
    name: 'vanthu.directory.events.v1',
    partitions: 3,
    retentionMs: -1,
    description: 'Organisations and users as intake registers them, keyed by their code or id; consumers keep their own directory from it.',
  },
  signingEvents: {
    name: 'vanthu.signing.events.v1',
    partitions: 3,
    retentionMs: -1,
    description: 'Certificate issuance, renewal and revocation, keyed by certificate serial.',
  },
  archiveEvents: {
    name: 'vanthu.archive.events.v1',
    partitions: 3,
    retentionMs: -1,
    description: 'Archival packages, tree heads and dispositions, keyed by package id.',
  },
  trackingEvents: {
    name: 'vanthu.tracking.events.v1',
    partitions: 6,
    retentionMs: -1,
    description: 'Implementation tasks: assignment, acceptance, reports, extensions, deadlines and results, keyed by task id so each task stays in order.',
  },
  deadLetter: {
    name: 'vanthu.dead-letter.v1',
    partitions: 1,
    retentionMs: 30 * DAY,
    description:
      'Events a consumer group could not handle after its retries (or could not parse), with the group, the reason and where they came from; inspected and replayed with `npm run events -- dlq`.',
  },
  notifyInbox: {
    name: 'vanthu.notify.inbox.v1',
    partitions: 3,
    retentionMs: 1 * DAY,
    description: "Notify's new in-app notifications, keyed by user id: the worker writes them, every API process streams them live (SSE).",
  },
  healthcheck: {
    name: 'vanthu.system.healthcheck',
    partitions: 1,
    retentionMs: 1 * DAY,
    description: 'Probe messages used by readiness checks to prove a produce and a group join work.',
  },
} as const satisfies Record<string, TopicSpec>;

export const ALL_TOPICS: TopicSpec[] = Object.values(TOPICS);
