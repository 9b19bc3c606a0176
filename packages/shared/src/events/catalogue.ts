import { ARCHIVE_EVENTS } from './archive-events';
import { DIRECTORY_EVENTS } from './directory-events';
import { DOCUMENT_EVENTS } from './document-events';
import type { DomainEvent } from '../contracts/events';
import type { EventSpec } from './event-spec';
import { SIGNING_EVENTS } from './signing-events';
import { TRACKING_EVENTS } from './tracking-events';
import { object, str, timestamp, type JsonSchema, type Static } from './json-schema';

const SPECS = [...DOCUMENT_EVENTS, ...DIRECTORY_EVENTS, ...SIGNING_EVENTS, ...ARCHIVE_EVENTS, ...TRACKING_EVENTS];

/** Every event the system produces. docs/events/ is generated from this (`npm run events -- docs`). */
export const EVENT_CATALOGUE: EventSpec[] = SPECS;

type CataloguedSpec = (typeof SPECS)[number];
/** The name of every catalogued event type, e.g. `document.issued`. */
export type EventType = CataloguedSpec['type'];
/** The `data` of an event of type `K`, as its schema in the catalogue states it. */
export type EventData<K extends EventType> = Extract<Static<Extract<CataloguedSpec, { type: K }>['data']>, Record<string, unknown>>;
/**
 * An event of one of the types `K` whose data is what the catalogue says: what a consumer holds
 * once `checkEvent` passed (and `isEvent` narrowed it). Switching on `type` narrows `data`.
 */
export type TypedEvent<K extends EventType = EventType> = K extends EventType ? DomainEvent<EventData<K>> & { type: K } : never;
/** The implementation tasks' events (`tracking.task-*`), which all carry the task's whole snapshot. */
export type TaskEventType = Extract<EventType, `tracking.task-${string}`>;

const byKey = new Map(EVENT_CATALOGUE.map((spec) => [`${spec.type}@${spec.version}`, spec]));

export function eventSpec(type: string, version: number): EventSpec | undefined {
  return byKey.get(`${type}@${version}`);
}

export const SCHEMA_BASE_URI = 'https://vanthu.example/schemas/events/';

/** The full JSON Schema of one event: the envelope, with this type's `data`. */
export function eventSchema(spec: EventSpec): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE_URI}${spec.type}.v${spec.version}.json`,
    title: `${spec.type} v${spec.version}`,
    ...object(
      {
        id: str('Unique and deterministic: `<aggregateId>:<seq>`. Consumers remember it to handle each event once.', { minLength: 1 }),
        type: { type: 'string', const: spec.type },
        version: { type: 'integer', const: spec.version },
        occurredAt: timestamp('When the change happened (ISO 8601, UTC).'),
        source: str('The producing service.'),
        subject: str(`The Kafka key: data.${spec.key}.`, { minLength: 1 }),
        data: spec.data,
      },
      ['id', 'type', 'version', 'occurredAt', 'source', 'subject', 'data'],
      spec.summary,
    ),
  };
}
