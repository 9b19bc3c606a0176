import { ARCHIVE_EVENTS } from './archive-events';
import { DIRECTORY_EVENTS } from './directory-events';
import { DOCUMENT_EVENTS } from './document-events';
import type { EventSpec } from './event-spec';
import { SIGNING_EVENTS } from './signing-events';
import { TRACKING_EVENTS } from './tracking-events';
import { object, str, timestamp, type JsonSchema } from './json-schema';

/** Every event the system produces. docs/events/ is generated from this (`npm run events -- docs`). */
export const EVENT_CATALOGUE: EventSpec[] = [...DOCUMENT_EVENTS, ...DIRECTORY_EVENTS, ...SIGNING_EVENTS, ...ARCHIVE_EVENTS, ...TRACKING_EVENTS];

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
