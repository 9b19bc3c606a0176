import { deadlineFigures, documentFigures, nearestRank, processingFigures, type FiguresScope } from '../../../src/figures/compute-figures';
import type { FigureItem, IncomingItem, OutgoingItem } from '../../../src/figures/figure-item';
import { FiguresIndex } from '../../../src/figures/figures-index';
import { OrgTree } from '../../../src/figures/org-tree';
import { addDays, daysBetween, vietnamDay, vietnamDayStart } from '../../../src/figures/vietnam-days';

const tree = new OrgTree([
  { org: 'TW', name: 'Trung ương', level: 'central' },
  { org: 'BS-TU', name: 'Tỉnh ủy Bắc Sơn', level: 'province', parent: 'TW' },
  { org: 'BS-TL-DU', name: 'Đảng ủy xã Tân Lập', level: 'commune', parent: 'BS-TU' },
  { org: 'BS-HB-DU', name: 'Đảng ủy phường Hòa Bình', level: 'commune', parent: 'BS-TU' },
  { org: 'BS-TL-VP', name: 'Văn phòng Đảng ủy xã Tân Lập', level: 'office', parent: 'BS-TL-DU' },
]);
const scope = (org: string): FiguresScope => ({ org, organisations: tree.subtree(org) });
const projectedAt = new Date('2026-12-10T00:00:00Z');
const UP_TO = '2026-12-10T00:00:00.000Z';

/** The last millisecond of 1 December in Vietnam, and the first of 2 December. */
const LAST_OF_DEC_1 = '2026-12-01T16:59:59.999Z';
const FIRST_OF_DEC_2 = '2026-12-01T17:00:00.000Z';

let n = 0;
function issued(issuer: string, issuedAt: string, type: OutgoingItem['type'] = 'NQ'): OutgoingItem {
  n += 1;
  return { _id: `doc-${n}`, kind: 'outgoing', seq: 5, issuer, type, secrecy: 'none', urgency: 'normal', issuedAt, projectedAt };
}
function copy(doc: OutgoingItem, org: string, fields: Partial<IncomingItem> = {}): IncomingItem {
  return { _id: `${doc._id}@${org}`, kind: 'incoming', seq: 2, documentId: doc._id, org, issuer: doc.issuer, urgency: 'normal', status: 'accepted', projectedAt, ...fields };
}
function indexOf(items: FigureItem[]): FiguresIndex {
  const index = new FiguresIndex();
  for (const item of items) index.put(item);
  return index;
}

describe('Vietnam days', () => {
  it('puts an instant on the day it falls on at UTC+07:00, turning at 17:00 UTC', () => {
    expect(vietnamDay(Date.parse(LAST_OF_DEC_1))).toBe('2026-12-01');
    expect(vietnamDay(Date.parse(FIRST_OF_DEC_2))).toBe('2026-12-02');
    expect(vietnamDay(Date.parse('2026-12-01T00:30:00+07:00'))).toBe('2026-12-01');
    expect(vietnamDay(Date.parse('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
  });

  it('starts a day at its midnight in Vietnam and counts days across months and years', () => {
    expect(new Date(vietnamDayStart('2026-12-02')).toISOString()).toBe(FIRST_OF_DEC_2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-01', '2026-12-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
  });
});

describe('nearest-rank percentiles', () => {
  it('is always one of the values: the smallest with at least p of them at or below it', () => {
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 0.9)).toBe(4);
    expect(nearestRank([10], 0.5)).toBe(10);
    expect(nearestRank([10], 0.9)).toBe(10);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(nearestRank(hundred, 0.5)).toBe(50);
    expect(nearestRank(hundred, 0.9)).toBe(90);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(nearestRank([], 0.5)).toBeUndefined();
  });
});

describe('documents issued and received', () => {
  const atMidnight = issued('BS-TU', '2026-12-01T23:59:59+07:00', 'NQ');
  const nextDay = issued('BS-TU', '2026-12-02T00:00:00+07:00', 'CT');
  const communes = issued('BS-TL-DU', '2026-12-02T09:00:00+07:00', 'BC');
  const outside = issued('BS-TU', '2026-11-30T23:59:59+07:00', 'NQ');
  const index = indexOf([
    atMidnight,
    nextDay,
    communes,
    outside,
    copy(atMidnight, 'BS-TL-DU', { arrivedAt: LAST_OF_DEC_1 }),
    copy(atMidnight, 'BS-HB-DU', { arrivedAt: FIRST_OF_DEC_2, status: 'rejected' }),
    copy(nextDay, 'BS-TL-VP', { arrivedAt: '2026-12-02T03:00:00.000Z', status: 'recalled' }),
    copy(communes, 'BS-TU', { arrivedAt: '2026-12-02T05:00:00.000Z', status: 'done', doneAt: '2026-12-02T06:00:00.000Z' }),
    // Arrived after the period ends.
    copy(outside, 'BS-HB-DU', { arrivedAt: '2026-12-02T17:00:00.000Z' }),
  ]);

  it('counts each on its Vietnam day, by organisation and type, whatever became of a copy', () => {
    const figures = documentFigures(index, scope('BS-TU'), { from: '2026-12-01', to: '2026-12-02' }, UP_TO);
    expect(figures.days).toEqual([
      { day: '2026-12-01', org: 'BS-TU', type: 'NQ', issued: 1, received: 0 },
      { day: '2026-12-01', org: 'BS-TL-DU', type: 'NQ', issued: 0, received: 1 },
      { day: '2026-12-02', org: 'BS-TU', type: 'BC', issued: 0, received: 1 },
      { day: '2026-12-02', org: 'BS-TU', type: 'CT', issued: 1, received: 0 },
      { day: '2026-12-02', org: 'BS-HB-DU', type: 'NQ', issued: 0, received: 1 },
      { day: '2026-12-02', org: 'BS-TL-DU', type: 'BC', issued: 1, received: 0 },
      { day: '2026-12-02', org: 'BS-TL-VP', type: 'CT', issued: 0, received: 1 },
    ]);
    expect(figures.totals).toEqual({ issued: 3, received: 4 });
    expect(figures.organisations.map((o) => [o.org, o.issued, o.received])).toEqual([
      ['BS-TU', 2, 1],
      ['BS-HB-DU', 0, 1],
      ['BS-TL-DU', 1, 1],
      ['BS-TL-VP', 0, 1],
    ]);
    expect(figures.organisations[2]).toEqual({ org: 'BS-TL-DU', name: 'Đảng ủy xã Tân Lập', level: 'commune', parent: 'BS-TU', issued: 1, received: 1 });
  });

  it('covers whole days: one day ends at its last millisecond', () => {
    const dec1 = documentFigures(index, scope('BS-TU'), { from: '2026-12-01', to: '2026-12-01' }, UP_TO);
    expect(dec1.totals).toEqual({ issued: 1, received: 1 });
    const dec2 = documentFigures(index, scope('BS-TU'), { from: '2026-12-02', to: '2026-12-02' }, UP_TO);
    expect(dec2.totals).toEqual({ issued: 2, received: 3 });
  });

  it("drills down: a commune's figures are its own and its offices', nothing of the province or the other commune", () => {
    const figures = documentFigures(index, scope('BS-TL-DU'), { from: '2026-12-01', to: '2026-12-02' }, UP_TO);
    expect(figures.organisations.map((o) => o.org)).toEqual(['BS-TL-DU', 'BS-TL-VP']);
    expect(figures.totals).toEqual({ issued: 1, received: 2 });
    expect(new Set(figures.days.map((d) => d.org))).toEqual(new Set(['BS-TL-DU', 'BS-TL-VP']));
  });

  it("takes a copy's type from its document's issue, and leaves out a copy whose issue it never saw", () => {
    const orphan: IncomingItem = { _id: 'unknown@BS-TU', kind: 'incoming', seq: 1, documentId: 'unknown', org: 'BS-TU', urgency: 'normal', status: 'arrived', arrivedAt: FIRST_OF_DEC_2, projectedAt };
    const withOrphan = indexOf([atMidnight, copy(atMidnight, 'BS-TU', { arrivedAt: FIRST_OF_DEC_2 }), orphan]);
    expect(documentFigures(withOrphan, scope('BS-TU'), { from: '2026-12-02', to: '2026-12-02' }, UP_TO).days).toEqual([
      { day: '2026-12-02', org: 'BS-TU', type: 'NQ', issued: 0, received: 1 },
    ]);
  });
});

describe('processing times', () => {
  const doc = issued('BS-TU', '2026-11-01T08:00:00+07:00');
  const arrived = Date.parse('2026-12-01T01:00:00.000Z');
  const done = (org: string, hours: number, id: string) =>
    copy({ ...doc, _id: `${doc._id}-${id}` }, org, { status: 'done', arrivedAt: new Date(arrived).toISOString(), doneAt: new Date(arrived + hours * 3_600_000).toISOString() });
  const index = indexOf([
    doc,
    ...[1, 2, 3, 4].map((h) => done('BS-TL-DU', h, `tl${h}`)),
    ...[10, 20].map((h) => done('BS-HB-DU', h, `hb${h}`)),
    // Completed after the period; and one still being processed.
    done('BS-HB-DU', 24 * 30, 'late'),
    copy({ ...doc, _id: `${doc._id}-open` }, 'BS-HB-DU', { status: 'processing', arrivedAt: new Date(arrived).toISOString() }),
  ]);

  it('gives p50 and p90 from arrival to done per organisation and over the whole scope, in seconds', () => {
    const figures = processingFigures(index, scope('BS-TU'), { from: '2026-12-01', to: '2026-12-05' }, UP_TO);
    const row = (org: string) => figures.organisations.find((o) => o.org === org);
    expect(row('BS-TL-DU')).toMatchObject({ completed: 4, p50Seconds: 2 * 3600, p90Seconds: 4 * 3600 });
    expect(row('BS-HB-DU')).toMatchObject({ completed: 2, p50Seconds: 10 * 3600, p90Seconds: 20 * 3600 });
    expect(row('BS-TU')).toEqual({ org: 'BS-TU', name: 'Tỉnh ủy Bắc Sơn', level: 'province', parent: 'TW', completed: 0 });
    // 1, 2, 3, 4, 10, 20 hours together: not a mean of the rows' percentiles.
    expect(figures.totals).toEqual({ completed: 6, p50Seconds: 3 * 3600, p90Seconds: 20 * 3600 });
  });

  it('counts a copy in the period it was completed in, on its Vietnam day', () => {
    const lastOfDec1 = indexOf([doc, copy(doc, 'BS-TU', { status: 'done', arrivedAt: '2026-12-01T10:00:00.000Z', doneAt: LAST_OF_DEC_1 })]);
    expect(processingFigures(lastOfDec1, scope('BS-TU'), { from: '2026-12-01', to: '2026-12-01' }, UP_TO).totals.completed).toBe(1);
    expect(processingFigures(lastOfDec1, scope('BS-TU'), { from: '2026-12-02', to: '2026-12-02' }, UP_TO).totals.completed).toBe(0);
  });
});

describe('deadlines near and past', () => {
  const doc = issued('BS-TU', '2026-11-01T08:00:00+07:00');
  const asOf = Date.parse('2026-12-10T03:00:00.000Z'); // 10:00 on 10 December in Vietnam
  const endOf = (day: string) => new Date(`${day}T23:59:59+07:00`).toISOString();
  let k = 0;
  const due = (org: string, deadline: string | undefined, status: IncomingItem['status'] = 'assigned') => {
    k += 1;
    return copy({ ...doc, _id: `${doc._id}-${k}` }, org, { status, ...(deadline !== undefined && { deadline }) });
  };
  const index = indexOf([
    doc,
    due('BS-TL-DU', endOf('2026-12-09')), // past
    due('BS-TL-DU', '2026-12-10T02:59:59.999Z'), // past, by a millisecond
    due('BS-TL-DU', new Date(asOf).toISOString()), // due now: near
    due('BS-TL-DU', endOf('2026-12-12')), // the last near day with withinDays 2
    due('BS-TL-DU', '2026-12-12T17:00:00.000Z'), // 13 December in Vietnam: not yet near
    due('BS-HB-DU', endOf('2026-12-10'), 'processing'), // near (today)
    due('BS-HB-DU', endOf('2026-12-01'), 'done'), // done: neither
    due('BS-HB-DU', endOf('2026-12-01'), 'rejected'), // refused: neither
    due('BS-HB-DU', endOf('2026-12-01'), 'recalled'), // recalled: neither
    due('BS-HB-DU', undefined, 'accepted'), // not assigned, no deadline: neither
  ]);

  it('counts copies not done whose deadline passed, or comes within the days asked, per organisation', () => {
    const figures = deadlineFigures(index, scope('BS-TU'), asOf, 2, UP_TO);
    const row = (org: string) => figures.organisations.find((o) => o.org === org);
    expect(row('BS-TL-DU')).toMatchObject({ near: 2, past: 2 });
    expect(row('BS-HB-DU')).toMatchObject({ near: 1, past: 0 });
    expect(figures.totals).toEqual({ near: 3, past: 2 });
    expect(figures).toMatchObject({ org: 'BS-TU', asOf: '2026-12-10T03:00:00.000Z', withinDays: 2, projectedUpTo: UP_TO });
  });

  it('counts whole Vietnam days ahead: 0 is the rest of today, 3 reaches the 13th', () => {
    expect(deadlineFigures(index, scope('BS-TU'), asOf, 0, UP_TO).totals).toEqual({ near: 2, past: 2 });
    expect(deadlineFigures(index, scope('BS-TU'), asOf, 3, UP_TO).totals).toEqual({ near: 4, past: 2 });
  });
});
