import { ALL_TOPICS } from '../contracts/topics';
import { EVENT_HEADERS } from '../contracts/events';
import { EVENT_CATALOGUE, eventSchema } from './catalogue';
import type { EventSpec } from './event-spec';

const messageId = (spec: EventSpec) => `${spec.type}.v${spec.version}`;
const channelId = (topic: string) => topic.replace(/^vanthu\./, '').replace(/\.v\d+$/, '').replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase());

/** The AsyncAPI 3.0 description of everything we publish, built from the catalogue so the two cannot drift. */
export function asyncApiDocument(version: string): Record<string, unknown> {
  const topics = ALL_TOPICS.filter((t) => EVENT_CATALOGUE.some((s) => s.topic === t.name));
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of topics) {
    const specs = EVENT_CATALOGUE.filter((s) => s.topic === topic.name);
    const id = channelId(topic.name);
    channels[id] = {
      address: topic.name,
      description: `${topic.description} Partitions: ${topic.partitions}; retention: ${topic.retentionMs < 0 ? 'forever' : `${topic.retentionMs / 86_400_000} days`}.`,
      messages: Object.fromEntries(specs.map((s) => [messageId(s), { $ref: `#/components/messages/${messageId(s)}` }])),
      bindings: { kafka: { topic: topic.name, partitions: topic.partitions, bindingVersion: '0.5.0' } },
    };
    operations[`publish${id[0]!.toUpperCase()}${id.slice(1)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: `Every change published to ${topic.name}, through the producer's outbox.`,
      messages: specs.map((s) => ({ $ref: `#/channels/${id}/messages/${messageId(s)}` })),
    };
  }
  const messages = Object.fromEntries(
    EVENT_CATALOGUE.map((spec) => [
      messageId(spec),
      {
        name: spec.type,
        title: `${spec.type} v${spec.version}`,
        summary: spec.summary,
        contentType: 'application/json',
        headers: { $ref: '#/components/schemas/eventHeaders' },
        payload: eventSchema(spec),
        bindings: { kafka: { key: { type: 'string', description: `data.${spec.key}` }, bindingVersion: '0.5.0' } },
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Vanthu domain events',
      version,
      description:
        'Events of the document-lifecycle platform. Each event is a JSON envelope {id, type, version, occurredAt, source, subject, data}; `id` is unique and deterministic, so consumers handle each event once by remembering ids; the Kafka key is the subject (a document id for document events), so one document\'s events stay in order. A breaking change gets a new version on a new topic (the `.vN` suffix). Content never travels in events: only codes, ids and SHA-256 hashes.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The local stack (`npm start`).' },
      production: { host: 'kafka:9092', protocol: 'kafka', description: 'deploy/compose.yaml.' },
    },
    channels,
    operations,
    components: {
      messages,
      schemas: {
        eventHeaders: {
          type: 'object',
          description: 'Kafka headers, so consumers can route without parsing the body.',
          properties: {
            [EVENT_HEADERS.id]: { type: 'string', description: 'The envelope\'s id.' },
            [EVENT_HEADERS.type]: { type: 'string', description: 'The envelope\'s type.' },
            [EVENT_HEADERS.version]: { type: 'string', description: 'The envelope\'s version, as text.' },
            [EVENT_HEADERS.contentType]: { type: 'string', const: 'application/json' },
          },
          required: Object.values(EVENT_HEADERS),
        },
      },
    },
  };
}
