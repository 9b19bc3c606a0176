import { createHash } from 'node:crypto';
import { ACCESS_LOG_GENESIS, accessRecordHash, canonicalJson } from '../../src/access-log';
import { chainBreak, endBreak } from '../../src/access-log/chain';
import { atRange } from '../../src/access-log/period';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A record as stored, fields in no particular order (as a database may return them). */
const RECORD = {
  seq: 1,
  org: 'BS-TU',
  outcome: 'refused',
  actor: 'tl-clerk',
  actorOrg: 'BS-TL-DU',
  action: 'read',
  documentId: 'doc-1',
  target: 'metadata',
  secrecy: 'toi-mat',
  from: '127.0.0.1',
  reason: 'Không có quyền',
  at: '2026-12-01T02:03:04.005Z',
  prev: ACCESS_LOG_GENESIS,
};
// Written out by hand: keys in code-unit order, no spaces, the Vietnamese text as UTF-8, no hash.
const CANONICAL =
  '{"action":"read","actor":"tl-clerk","actorOrg":"BS-TL-DU","at":"2026-12-01T02:03:04.005Z","documentId":"doc-1",' +
  '"from":"127.0.0.1","org":"BS-TU","outcome":"refused","prev":"0000000000000000000000000000000000000000000000000000000000000000",' +
  '"reason":"Không có quyền","secrecy":"toi-mat","seq":1,"target":"metadata"}';

describe('the access log hash', () => {
  it('is SHA-256 of the canonical JSON of every field but the hash', () => {
    expect(canonicalJson(RECORD)).toBe(CANONICAL);
    expect(accessRecordHash(RECORD)).toBe(sha256(CANONICAL));
    // Pinned, so a change to the canonical form cannot pass unnoticed: old records would stop verifying.
    expect(accessRecordHash(RECORD)).toBe('83889b6e1f5dffef0c210f12fa284b8a3b41c67bf784f2f9caac588bd38ef756');
  });

  it('ignores the stored hash and the database id, and nothing else', () => {
    const hash = accessRecordHash(RECORD);
    expect(accessRecordHash({ ...RECORD, hash: 'x', _id: 'BS-TU:000000000001' })).toBe(hash);
    expect(accessRecordHash({ ...RECORD, actor: 'bs-clerk' })).not.toBe(hash);
    expect(accessRecordHash({ ...RECORD, extra: 'added later' })).not.toBe(hash);
    expect(accessRecordHash({ ...RECORD, seq: 2 })).not.toBe(hash);
  });

  it('sorts nested keys by UTF-16 code units and leaves out undefined', () => {
    expect(canonicalJson({ b: [1, { d: 'đ', c: undefined, a: null }], a: true, B: 'x' })).toBe('{"B":"x","a":true,"b":[1,{"a":null,"d":"đ"}]}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });
});

describe('the chain checks', () => {
  const first = { ...RECORD, hash: accessRecordHash(RECORD) };

  it('accepts a record in its place, linked and intact', () => {
    expect(chainBreak('BS-TU', 1, ACCESS_LOG_GENESIS, first)).toBeUndefined();
  });

  it('names a moved, an unlinked and an altered record', () => {
    expect(chainBreak('BS-TU', 2, ACCESS_LOG_GENESIS, first)).toMatch(/not in its place/);
    expect(chainBreak('BS-TL-DU', 1, ACCESS_LOG_GENESIS, first)).toMatch(/not in its place/);
    expect(chainBreak('BS-TU', 1, 'f'.repeat(64), first)).toMatch(/does not follow record 0/);
    expect(chainBreak('BS-TU', 1, ACCESS_LOG_GENESIS, { ...first, actor: 'bs-clerk' })).toMatch(/record 1 was altered/);
  });

  it('accepts a head at or behind the end of the chain, and catches one beyond it', () => {
    expect(endBreak(5, { seq: 5, hash: 'h5' }, 'h5')).toBeUndefined();
    expect(endBreak(5, { seq: 4, hash: 'h4' }, 'h4')).toBeUndefined();
    expect(endBreak(0, undefined, undefined)).toBeUndefined();
    expect(endBreak(1, undefined, undefined)).toBeUndefined();
    expect(endBreak(3, { seq: 5, hash: 'h5' }, undefined)).toMatchObject({ brokenAt: 4, problem: expect.stringMatching(/removed from its end/) });
    expect(endBreak(5, { seq: 5, hash: 'h5' }, 'other')).toMatchObject({ brokenAt: 5, problem: expect.stringMatching(/rewritten/) });
    expect(endBreak(2, undefined, undefined)).toMatchObject({ brokenAt: 2, problem: expect.stringMatching(/anchor is missing/) });
  });
});

describe('the period filter', () => {
  it('counts days in Vietnam time, both ends inclusive', () => {
    expect(atRange('2026-12-01', '2026-12-01')).toEqual({ $gte: '2026-11-30T17:00:00.000Z', $lt: '2026-12-01T17:00:00.000Z' });
  });

  it('takes instants with their offset, the end inclusive to the millisecond', () => {
    expect(atRange('2026-12-01T08:00:00+07:00', '2026-12-01T09:30:00.250Z')).toEqual({ $gte: '2026-12-01T01:00:00.000Z', $lt: '2026-12-01T09:30:00.251Z' });
  });

  it('refuses a day that does not exist, or an instant without an offset, naming the field', () => {
    expect(() => atRange('2026-02-31', undefined)).toThrow(expect.objectContaining({ status: 400, reason: 'invalid-date', field: 'from' }));
    expect(() => atRange(undefined, '2026-12-01T08:00:00')).toThrow(expect.objectContaining({ status: 400, field: 'to' }));
    expect(atRange(undefined, undefined)).toBeUndefined();
  });
});
