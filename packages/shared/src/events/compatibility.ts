import { isDeepStrictEqual } from 'node:util';
import { EVENT_CATALOGUE, eventSchema } from './catalogue';
import type { JsonSchema } from './json-schema';

/**
 * What one topic version promises, as released: every type's full schema (envelope and data),
 * its Kafka key and its topic. packages/shared/test/fixtures/event-contracts/v<N>.json holds one.
 */
export interface ContractSnapshot {
  version: number;
  events: Record<string, { topic: string; key: string; schema: JsonSchema }>;
}

export interface ContractChange {
  /** Breaking: consumers of the released contract, or events already on the topic, may no longer fit. */
  breaking: boolean;
  type: string;
  /** Where in the event, e.g. `data.escalateTo.role`; empty for the event as a whole. */
  path: string;
  change: string;
}

/** The catalogue's contracts of one version, as a snapshot. */
export function contractSnapshot(version: number): ContractSnapshot {
  const specs = EVENT_CATALOGUE.filter((spec) => spec.version === version);
  return { version, events: Object.fromEntries(specs.map((spec) => [spec.type, { topic: spec.topic, key: spec.key, schema: eventSchema(spec) }])) };
}

/** Words for readers; changing them changes no event. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', '$comment']);
/** Keywords compared by their own rules below; every other keyword must stay as it was. */
const STRUCTURE = new Set(['type', 'enum', 'properties', 'required', 'items']);

const typesOf = (schema: JsonSchema) => (schema.type === undefined ? [] : [schema.type].flat().sort());
const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
const show = (value: unknown) => (value === undefined ? 'absent' : JSON.stringify(value));

function compareSchemas(type: string, path: string, released: JsonSchema, current: JsonSchema, out: ContractChange[]): void {
  const note = (breaking: boolean, change: string) => out.push({ breaking, type, path, change });

  // A type or format stated differently: widened, old consumers meet values they never handled;
  // narrowed, events already on the topic no longer fit.
  if (!isDeepStrictEqual(typesOf(released), typesOf(current))) note(true, `type changed from ${show(released.type)} to ${show(current.type)}`);

  if (released.enum || current.enum) {
    if (!current.enum) note(true, 'enum removed: any value is allowed now');
    else if (!released.enum) note(true, `enum added: ${show(current.enum)}`);
    else {
      const removed = released.enum.filter((v) => !current.enum!.includes(v));
      const added = current.enum.filter((v) => !released.enum!.includes(v));
      if (removed.length > 0) note(true, `enum narrowed: ${show(removed)} removed`);
      if (added.length > 0) note(false, `enum widened: ${show(added)} added`);
    }
  }

  const keywords = new Set([...Object.keys(released), ...Object.keys(current)]) as Set<keyof JsonSchema>;
  for (const keyword of keywords) {
    if (STRUCTURE.has(keyword) || isDeepStrictEqual(released[keyword], current[keyword])) continue;
    note(!ANNOTATIONS.has(keyword), `${keyword} changed from ${show(released[keyword])} to ${show(current[keyword])}`);
  }

  const before = released.properties ?? {};
  const after = current.properties ?? {};
  const wasRequired = new Set(released.required ?? []);
  const isRequired = new Set(current.required ?? []);
  for (const [name, schema] of Object.entries(before)) {
    const at = join(path, name);
    const now = after[name];
    if (!now) {
      out.push({ breaking: true, type, path: at, change: 'property removed' });
      continue;
    }
    if (wasRequired.has(name) && !isRequired.has(name)) out.push({ breaking: true, type, path: at, change: 'required property made optional' });
    if (!wasRequired.has(name) && isRequired.has(name)) out.push({ breaking: true, type, path: at, change: 'optional property made required' });
    compareSchemas(type, at, schema, now, out);
  }
  for (const name of Object.keys(after).filter((n) => !(n in before))) {
    // Events already on the topic lack it, and a consumer reading from the beginning meets them.
    if (isRequired.has(name)) out.push({ breaking: true, type, path: join(path, name), change: 'required property added' });
    else out.push({ breaking: false, type, path: join(path, name), change: 'optional property added' });
  }

  if (released.items || current.items) {
    if (released.items && current.items) compareSchemas(type, `${path}[]`, released.items, current.items, out);
    else note(true, `items ${released.items ? 'removed' : 'added'}`);
  }
}

/**
 * What changed between a released topic version and the catalogue now, rule by rule. Within a
 * version only additions are allowed: new types, new optional properties, new enum values, new
 * descriptions. Anything else is breaking and belongs on a new topic version.
 */
export function compareContracts(released: ContractSnapshot, current: ContractSnapshot): ContractChange[] {
  const out: ContractChange[] = [];
  for (const [type, was] of Object.entries(released.events)) {
    const now = current.events[type];
    if (!now) {
      out.push({ breaking: true, type, path: '', change: 'event type removed' });
      continue;
    }
    if (was.topic !== now.topic) out.push({ breaking: true, type, path: '', change: `topic changed from ${was.topic} to ${now.topic}` });
    if (was.key !== now.key) out.push({ breaking: true, type, path: '', change: `key changed from data.${was.key} to data.${now.key}` });
    compareSchemas(type, '', was.schema, now.schema, out);
  }
  for (const type of Object.keys(current.events).filter((t) => !(t in released.events))) out.push({ breaking: false, type, path: '', change: 'event type added' });
  return out;
}

export const describeChange = (c: ContractChange) => `${c.breaking ? 'BREAKING' : 'additive'}: ${c.type}${c.path ? ` ${c.path}` : ''}: ${c.change}`;
