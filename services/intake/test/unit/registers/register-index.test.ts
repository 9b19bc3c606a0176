import { RegisterIndex } from '../../../src/registers/register-index';
import type { RegisterLine } from '../../../src/registers/register-line';

const everyone = () => true;
const year = { from: Date.parse('2026-01-01T00:00:00+07:00'), to: Date.parse('2026-12-31T23:59:59+07:00') };

const outgoing = (id: string, at: string, number: number, extra: Partial<RegisterLine> = {}): RegisterLine => ({ _id: id, kind: 'outgoing', org: 'BS-TU', at, number, secrecy: 'none', seq: 1, ...extra });
const incoming = (id: string, at: string, number: number, extra: Partial<RegisterLine> = {}): RegisterLine => ({ _id: id, kind: 'incoming', org: 'BS-TL-DU', at, number, secrecy: 'none', seq: 0, ...extra });
const ids = (lines: RegisterLine[]) => lines.map((l) => l._id);

describe('register lines in memory', () => {
  it('orders the outgoing register by issue, then number, and the incoming one by arrival number', () => {
    const index = new RegisterIndex();
    index.put(outgoing('b', '2026-03-02T09:00:00+07:00', 2));
    index.put(outgoing('a', '2026-03-02T09:00:00+07:00', 1));
    index.put(outgoing('c', '2026-03-01T15:00:00+07:00', 7));
    index.put(incoming('y@TL', '2026-03-02T02:00:00.000Z', 2));
    index.put(incoming('x@TL', '2026-03-02T02:00:01.000Z', 1));
    expect(ids(index.linesOf('outgoing', 'BS-TU', year, everyone))).toEqual(['c', 'a', 'b']);
    expect(ids(index.linesOf('incoming', 'BS-TL-DU', year, everyone))).toEqual(['x@TL', 'y@TL']);
    expect(index.linesOf('incoming', 'BS-TU', year, everyone)).toEqual([]);
  });

  it('keeps a period of Vietnam days, both ends included, whatever offset the instant was written in', () => {
    const index = new RegisterIndex();
    index.put(outgoing('before', '2025-12-31T23:59:59+07:00', 1));
    index.put(outgoing('first', '2025-12-31T17:00:00.000Z', 2)); // 1 January, 00:00 in Vietnam
    index.put(outgoing('last', '2026-12-31T23:59:59+07:00', 3));
    index.put(outgoing('after', '2026-12-31T17:00:00.000Z', 4));
    expect(ids(index.linesOf('outgoing', 'BS-TU', year, everyone))).toEqual(['first', 'last']);
  });

  it('takes a later account of a line and never an earlier one, and sorts again after a change', () => {
    const index = new RegisterIndex();
    index.put(incoming('x@TL', '2026-03-02T02:00:00.000Z', 1, { seq: 3, participants: ['tl-clerk', 'tl-specialist'] }));
    index.put(incoming('x@TL', '2026-03-02T02:00:00.000Z', 1, { seq: 1, participants: ['tl-clerk'] }));
    expect(index.linesOf('incoming', 'BS-TL-DU', year, everyone)[0]?.participants).toEqual(['tl-clerk', 'tl-specialist']);
    index.put(incoming('w@TL', '2026-03-01T02:00:00.000Z', 9));
    index.put(incoming('v@TL', '2026-03-01T02:00:00.000Z', 5));
    expect(ids(index.linesOf('incoming', 'BS-TL-DU', year, everyone))).toEqual(['x@TL', 'v@TL', 'w@TL']);
    expect(index.size).toBe(3);
  });

  it('lets through only what the reader may see', () => {
    const index = new RegisterIndex();
    index.put(outgoing('open', '2026-03-02T09:00:00+07:00', 1));
    index.put(outgoing('secret', '2026-03-02T10:00:00+07:00', 1, { secrecy: 'mat', participants: ['bs-clerk'] }));
    expect(ids(index.linesOf('outgoing', 'BS-TU', year, (l) => l.secrecy === 'none'))).toEqual(['open']);
    expect(ids(index.linesOf('outgoing', 'BS-TU', year, (l) => l.secrecy === 'none' || (l.participants ?? []).includes('bs-clerk')))).toEqual(['open', 'secret']);
  });
});
