/**
 * The envelope of every domain event on Kafka. Other systems consume these: the envelope and
 * each `type`'s data are public contracts, versioned by `version` (and the topic's suffix).
 */
export interface DomainEvent<T = Record<string, unknown>> {
  /** `<aggregate id>:<seq>`: deterministic, so a retried write yields the same id, and consumers dedupe on it. */
  id: string;
  /** e.g. `document.issued`. */
  type: string;
  version: number;
  /** ISO 8601, UTC. */
  occurredAt: string;
  /** The producing service. */
  source: string;
  /** The document the event is about; also the Kafka key, so one document's events stay in order. */
  subject: string;
  data: T;
}

/** Kafka headers every event carries, so consumers can route without parsing the body. */
export const EVENT_HEADERS = {
  id: 'event-id',
  type: 'event-type',
  version: 'event-version',
  contentType: 'content-type',
} as const;
