import { createHash } from 'node:crypto';

/**
 * JSON with keys sorted by UTF-16 code units and no whitespace (RFC 8785 for the strings and
 * integers a record holds), so a record hashes the same after a round trip through a database
 * that keeps fields in any order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonical JSON has no non-finite numbers');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What record 1 names as its predecessor. */
export const ACCESS_LOG_GENESIS = '0'.repeat(64);

/**
 * A record's hash: SHA-256 (hex) of the canonical JSON of all its fields but the hash itself.
 * Every field counts, so a field added to a stored record breaks it as surely as one changed.
 */
export function accessRecordHash(fields: Record<string, unknown>): string {
  const { hash: _hash, _id, ...hashed } = fields;
  return createHash('sha256').update(canonicalJson(hashed), 'utf8').digest('hex');
}
