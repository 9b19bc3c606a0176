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
  documentEventsDeadLetter: {
    name: 'vanthu.document.events.v1.dlq',
    partitions: 1,
    retentionMs: 30 * DAY,
    description: 'Events a consumer could not handle after its retries, kept for inspection and replay.',
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
  healthcheck: {
    name: 'vanthu.system.healthcheck',
    partitions: 1,
    retentionMs: 1 * DAY,
    description: 'Probe messages used by readiness checks to prove a produce and a group join work.',
  },
} as const satisfies Record<string, TopicSpec>;

export const ALL_TOPICS: TopicSpec[] = Object.values(TOPICS);
