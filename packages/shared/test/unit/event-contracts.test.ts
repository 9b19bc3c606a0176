import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareContracts, contractSnapshot, describeChange, EVENT_CATALOGUE, type ContractChange, type ContractSnapshot, type JsonSchema } from '../../src';

/*
 * The released contracts, one snapshot per topic version, and the rules they are held to
 * (docs/events.md, "Changing a contract"). VANTHU_WRITE_CONTRACTS=1 rewrites a snapshot with
 * the catalogue's additions; it never accepts a breaking change.
 */

const DIR = join(__dirname, '../fixtures/event-contracts');
const WRITE = process.env.VANTHU_WRITE_CONTRACTS === '1';
const file = (version: number) => join(DIR, `v${version}.json`);
const REFRESH = 'VANTHU_WRITE_CONTRACTS=1 npx jest packages/shared/test/unit/event-contracts.test.ts --selectProjects unit';
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('the released event contracts', () => {
  const released = existsSync(DIR) ? readdirSync(DIR).map((f) => Number(/^v(\d+)\.json$/.exec(f)?.[1])).filter((v) => v > 0) : [];
  const versions = [...new Set([...released, ...EVENT_CATALOGUE.map((spec) => spec.version)])].sort((a, b) => a - b);

  it.each(versions)('v%i: the catalogue only added to what was released', (version) => {
    const current = contractSnapshot(version);
    if (!existsSync(file(version))) {
      if (!WRITE) throw new Error(`no snapshot of the v${version} contracts: write it with VANTHU_WRITE_CONTRACTS=1 once they are released`);
      mkdirSync(DIR, { recursive: true });
      writeFileSync(file(version), json(current));
      return;
    }
    const changes = compareContracts(JSON.parse(readFileSync(file(version), 'utf8')) as ContractSnapshot, current);
    const breaking = changes.filter((c) => c.breaking).map(describeChange);
    // Never into this snapshot: the changed types go on a new topic version, beside these (docs/events.md).
    if (breaking.length > 0) throw new Error(`breaking changes to the released v${version} contracts:\n${breaking.join('\n')}`);
    if (WRITE) writeFileSync(file(version), json(current));
    // Additions are part of the contract once merged: the snapshot takes them in the same change, on purpose.
    else if (changes.length > 0) throw new Error(`the v${version} contracts grew; refresh the snapshot with ${REFRESH}:\n${changes.map(describeChange).join('\n')}`);
  });
});

describe('the compatibility checker', () => {
  const base = contractSnapshot(1);
  /** The v1 contracts with one change made to a copy (through JSON, as a snapshot is read: the catalogue's types share schema objects). */
  const changed = (edit: (events: ContractSnapshot['events']) => void): ContractSnapshot => {
    const copy = JSON.parse(JSON.stringify(base)) as ContractSnapshot;
    edit(copy.events);
    return copy;
  };
  const data = (events: ContractSnapshot['events'], type: string): JsonSchema => events[type]!.schema.properties!.data!;
  const field = (events: ContractSnapshot['events'], type: string, name: string): JsonSchema => data(events, type).properties![name]!;
  const only = (changes: ContractChange[]) => changes.map((c) => ({ breaking: c.breaking, type: c.type, path: c.path, change: c.change }));

  it('finds nothing between a snapshot and itself', () => {
    expect(compareContracts(base, contractSnapshot(1))).toEqual([]);
  });

  const breaking: Array<[string, (events: ContractSnapshot['events']) => void, Partial<ContractChange>]> = [
    ['removing an event type', (e) => delete e['document.issued'], { type: 'document.issued', path: '', change: 'event type removed' }],
    ['moving a type to another topic', (e) => (e['certificate.revoked']!.topic = 'vanthu.signing.events.v2'), { type: 'certificate.revoked', change: expect.stringContaining('topic changed') }],
    ['changing the key', (e) => (e['archive.hold-placed']!.key = 'holdId'), { type: 'archive.hold-placed', change: 'key changed from data.workFileId to data.holdId' }],
    ['removing a property', (e) => delete data(e, 'document.issued').properties!.notation, { path: 'data.notation', change: 'property removed' }],
    ['removing an optional property', (e) => delete data(e, 'directory.organisation-registered').properties!.parent, { path: 'data.parent', change: 'property removed' }],
    ['making an optional property required', (e) => data(e, 'document.registered').required!.push('currentApprover'), { path: 'data.currentApprover', change: 'optional property made required' }],
    [
      'making a required property optional',
      (e) => (data(e, 'document.issued').required = data(e, 'document.issued').required!.filter((n) => n !== 'notation')),
      { path: 'data.notation', change: 'required property made optional' },
    ],
    [
      'adding a required property',
      (e) => {
        data(e, 'archive.hold-released').properties!.comment = { type: 'string' };
        data(e, 'archive.hold-released').required!.push('comment');
      },
      { path: 'data.comment', change: 'required property added' },
    ],
    ['changing a type', (e) => (field(e, 'document.issued', 'number').type = 'string'), { path: 'data.number', change: 'type changed from "integer" to "string"' }],
    ['making a property nullable', (e) => (field(e, 'document.issued', 'notation').type = ['string', 'null']), { path: 'data.notation', change: expect.stringContaining('type changed') }],
    ['changing a format', (e) => (field(e, 'document.issued', 'issuedAt').format = 'date'), { path: 'data.issuedAt', change: 'format changed from "date-time" to "date"' }],
    ['adding a pattern', (e) => (field(e, 'directory.user-registered', 'userId').pattern = '^[a-z-]+$'), { path: 'data.userId', change: expect.stringContaining('pattern changed') }],
    ['raising a minimum', (e) => (field(e, 'document.received', 'arrivalNumber').minimum = 10), { path: 'data.arrivalNumber', change: 'minimum changed from 1 to 10' }],
    [
      'narrowing an enum',
      (e) => (field(e, 'document.registered', 'urgency').enum = ['normal', 'khan', 'thuong-khan']),
      { path: 'data.urgency', change: 'enum narrowed: ["hoa-toc"] removed' },
    ],
    ['dropping an enum', (e) => delete field(e, 'directory.user-registered', 'role').enum, { path: 'data.role', change: 'enum removed: any value is allowed now' }],
    ['changing a constant', (e) => (field(e, 'document.issued', 'aggregate').const = 'outgoing'), { path: 'data.aggregate', change: 'const changed from "document" to "outgoing"' }],
    [
      'narrowing an enum inside a nested object',
      (e) => (field(e, 'document.overdue', 'escalateTo').properties!.role!.enum = ['leader']),
      { path: 'data.escalateTo.role', change: expect.stringContaining('enum narrowed') },
    ],
    [
      'removing a property of an array\'s items',
      (e) => delete field(e, 'tracking.task-submitted', 'evidence').items!.properties!.size,
      { path: 'data.evidence[].size', change: 'property removed' },
    ],
    ['changing an array\'s items', (e) => (field(e, 'document.distributed', 'recipients').items!.type = 'integer'), { path: 'data.recipients[]', change: expect.stringContaining('type changed') }],
    ['opening a closed object', (e) => (data(e, 'certificate.issued').additionalProperties = true), { path: 'data', change: 'additionalProperties changed from false to true' }],
    ['changing the envelope', (e) => (e['document.created']!.schema.required = e['document.created']!.schema.required!.filter((n) => n !== 'subject')), { path: 'subject', change: 'required property made optional' }],
  ];

  it.each(breaking)('catches %s as breaking', (_, edit, expected) => {
    const changes = compareContracts(base, changed(edit));
    expect(only(changes)).toEqual([expect.objectContaining({ breaking: true, ...expected })]);
  });

  const additive: Array<[string, (events: ContractSnapshot['events']) => void, Partial<ContractChange>]> = [
    [
      'adding an event type',
      (e) => (e['document.annotated'] = e['document.registered']!),
      { type: 'document.annotated', path: '', change: 'event type added' },
    ],
    ['adding an optional property', (e) => (data(e, 'document.issued').properties!.pages = { type: 'integer', minimum: 1 }), { path: 'data.pages', change: 'optional property added' }],
    [
      'adding an optional property to a nested object',
      (e) => (field(e, 'tracking.task-progress-reported', 'evidence').items!.properties!.pages = { type: 'integer' }),
      { path: 'data.evidence[].pages', change: 'optional property added' },
    ],
    ['rewording a description', (e) => (field(e, 'document.issued', 'notation').description = 'The notation.'), { path: 'data.notation', change: expect.stringContaining('description changed') }],
    ['rewording a summary', (e) => (e['document.issued']!.schema.description = 'Issued.'), { path: '', change: expect.stringContaining('description changed') }],
    ['widening an enum', (e) => (field(e, 'document.registered', 'urgency').enum = [...field(e, 'document.registered', 'urgency').enum!, 'mat']), { path: 'data.urgency', change: 'enum widened: ["mat"] added' }],
  ];

  it.each(additive)('passes %s as additive', (_, edit, expected) => {
    const changes = compareContracts(base, changed(edit));
    expect(only(changes)).toEqual([expect.objectContaining({ breaking: false, ...expected })]);
  });
});
