import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { DomainEvent } from '../contracts/events';
import { EVENT_CATALOGUE, eventSchema } from './catalogue';

// ajv compiles each schema once into a function: validating is then a few microseconds per event.
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>(
  EVENT_CATALOGUE.map((spec) => [`${spec.type}@${spec.version}`, ajv.compile(eventSchema(spec))]),
);

export type EventCheck = { ok: true } | { ok: false; reason: 'unknown-type' | 'schema'; errors: string[] };

/** Checks an event against its published contract. */
export function checkEvent(event: unknown): EventCheck {
  const { type, version } = (event ?? {}) as Partial<DomainEvent>;
  const validate = validators.get(`${String(type)}@${String(version)}`);
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
