import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { DomainEvent } from '../contracts/events';
import { EVENT_CATALOGUE, eventSchema, eventSpec, type EventType, type TypedEvent } from './catalogue';

// ajv compiles each schema once into a function: validating is then a few microseconds per event.
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>(
  EVENT_CATALOGUE.map((spec) => [`${spec.type}@${spec.version}`, ajv.compile(eventSchema(spec))]),
);

/** The schema with every object left open: what a consumer accepts (below). */
function open(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(open);
  if (schema === null || typeof schema !== 'object') return schema;
  // Without its `$id` too: the closed schema holds that id in ajv.
  const kept = Object.entries(schema).filter(([key, value]) => key !== '$id' && !(key === 'additionalProperties' && value === false));
  return Object.fromEntries(kept.map(([key, value]) => [key, open(value)]));
}
/*
 * Producers are held to the closed schema (nothing undeclared leaves a service: a secret event
 * carries no free text). A consumer reads with the schema open, so an event from a producer
 * already on a newer catalogue — a new optional field, the additive change a topic version
 * allows — is handled by a consumer still on the older one during a rolling upgrade, instead of
 * being dead-lettered; every declared field is still checked.
 */
const readers = new Map<string, ValidateFunction>(
  EVENT_CATALOGUE.map((spec) => [`${spec.type}@${spec.version}`, ajv.compile(open(eventSchema(spec)) as object)]),
);

export type EventCheck = { ok: true } | { ok: false; reason: 'unknown-type' | 'schema'; errors: string[] };

/**
 * Checks an event against its published contract: as produced (closed: no undeclared field), or
 * with `as: 'consumer'`, as read (undeclared fields, added by a newer producer, pass).
 */
export function checkEvent(event: unknown, options: { as?: 'producer' | 'consumer' } = {}): EventCheck {
  const { type, version } = (event ?? {}) as Partial<DomainEvent>;
  const validate = (options.as === 'consumer' ? readers : validators).get(`${String(type)}@${String(version)}`);
  if (!validate) return { ok: false, reason: 'unknown-type', errors: [`no contract for ${String(type)} v${String(version)}`] };
  if (validate(event)) return { ok: true };
  return {
    ok: false,
    reason: 'schema',
    errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`),
  };
}

export class EventContractError extends Error {
  constructor(
    readonly event: Pick<DomainEvent, 'id' | 'type' | 'version'>,
    readonly errors: string[],
  ) {
    super(`${event.type} v${event.version} (${event.id}) breaks its contract: ${errors.join('; ')}`);
    this.name = 'EventContractError';
  }
}

/** Producers call this before an event enters the outbox: a contract is broken at the source, loudly, not downstream. */
export function assertValidEvent(event: DomainEvent): void {
  const check = checkEvent(event);
  if (!check.ok) throw new EventContractError(event, check.errors);
}

/**
 * Narrows an event to the types given, its data then typed as the catalogue states it. It reads
 * only the envelope: the data is trusted because the consumer's `checkEvent` already passed (as
 * `startEventConsumer` does before a handler runs), so call it on checked events only.
 */
export function isEvent<K extends EventType>(event: DomainEvent, ...types: K[]): event is DomainEvent & TypedEvent<K> {
  return (types as string[]).includes(event.type) && eventSpec(event.type, event.version) !== undefined;
}
