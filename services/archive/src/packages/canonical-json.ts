import { createHash } from 'node:crypto';

/**
 * JSON with sorted keys and no whitespace, so a record hashes the same after a round trip
 * through the database, whatever order the database keeps fields in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Drops what JSON cannot carry (undefined), which the database would otherwise store as null. */
export const plainJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
