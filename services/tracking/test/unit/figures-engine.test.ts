import { OrgTree } from '../../src/directory/org-tree';
import { computeFigures } from '../../src/figures/compute-figures';
import { categoryOf, countedItem } from '../../src/figures/counted-item';
import type { FigureItem, FiguresQuery } from '../../src/figures/figure-item';
import { FiguresIndex } from '../../src/figures/figures-index';

const directory = new OrgTree([
  { code: 'TW', name: 'Trung ương', level: 'central' },
  { code: 'BS-TU', name: 'Tỉnh ủy Bắc Sơn', level: 'province', parent: 'TW' },
  { code: 'BS-TL-DU', name: 'Đảng ủy xã Tân Lập', level: 'commune', parent: 'BS-TU' },
  { code: 'BS-HB-DU', name: 'Đảng ủy xã Hòa Bình', level: 'commune', parent: 'BS-TU' },
  { code: 'BS-TL-VP', name: 'Văn phòng Đảng ủy xã Tân Lập', level: 'office', parent: 'BS-TL-DU' },
]);

const DEADLINE = '2026-12-31T16:59:59.999Z';
let n = 0;
function item(overrides: Partial<FigureItem> = {}): FigureItem {
  n += 1;
  return {
    _id: `task-${n}`,
    seq: 1,
    kind: 'task',
    status: 'accepted',
    sourceDocumentId: 'doc-12',
    sourceNotation: '12-NQ/TU',
    documentType: 'NQ',
    assignerOrg: 'BS-TU',
    leadOrg: 'BS-TL-DU',
    rootTaskId: `task-${n}`,
    depth: 0,
    deadline: DEADLINE,
    assignedAt: '2026-10-01T02:00:00.000Z',
    progress: 0,
    projectedAt: new Date('2026-10-01T02:00:01.000Z'),
    ...overrides,
  };
}

const at = (iso: string) => Date.parse(iso);
const category = (i: FigureItem, asOf: string) => categoryOf(countedItem(i), at(asOf));

describe('the four categories, at their edges', () => {
  const after = '2027-01-15T00:00:00.000Z';

  it('counts a result submitted exactly at the deadline as done on time, a millisecond later as done late', () => {
    expect(category(item({ status: 'done', completedAt: DEADLINE }), after)).toBe('doneOnTime');
    expect(category(item({ status: 'done', completedAt: '2026-12-31T17:00:00.000Z' }), after)).toBe('doneLate');
  });

  it('judges an open task against the deadline: at the deadline still within it, after it overdue', () => {
    expect(category(item(), DEADLINE)).toBe('openWithinDeadline');
    expect(category(item(), '2026-12-31T17:00:00.000Z')).toBe('overdue');
    expect(category(item({ status: 'in_progress' }), '2026-11-01T00:00:00.000Z')).toBe('openWithinDeadline');
  });

  it('uses the deadline in force: an extension makes a late submission on time and an overdue task open', () => {
    const extended = '2027-01-31T16:59:59.999Z';
    expect(category(item({ status: 'done', completedAt: '2027-01-10T00:00:00.000Z', deadline: extended }), after)).toBe('doneOnTime');
    expect(category(item({ deadline: extended }), after)).toBe('openWithinDeadline');
  });

  it('still counts a refused task as an obligation, open or overdue', () => {
    expect(category(item({ status: 'refused' }), '2026-11-01T00:00:00.000Z')).toBe('openWithinDeadline');
    expect(category(item({ status: 'refused' }), after)).toBe('overdue');
  });

  it('counts a submitted task not yet accepted as not done', () => {
    expect(category(item({ status: 'submitted' }), after)).toBe('overdue');
  });

  it('dates done from the submission of the accepted result: asOf before it, the task was still open', () => {
    const done = item({ status: 'done', completedAt: '2026-12-20T00:00:00.000Z' });
    expect(category(done, '2026-12-19T00:00:00.000Z')).toBe('openWithinDeadline');
    expect(category(done, '2026-12-20T00:00:00.000Z')).toBe('doneOnTime');
    const late = item({ status: 'done', completedAt: '2027-01-05T00:00:00.000Z' });
    expect(category(late, '2027-01-04T00:00:00.000Z')).toBe('overdue');
    expect(category(late, after)).toBe('doneLate');
  });

  it('does not count cancelled tasks, recurring tasks (their periods are counted), or tasks assigned after asOf', () => {
    expect(category(item({ status: 'cancelled' }), after)).toBeUndefined();
    const { deadline: _none, ...recurring } = item({ kind: 'recurring' });
    expect(category(recurring as FigureItem, after)).toBeUndefined();
    expect(category(item({ kind: 'period', period: '2026-12' }), after)).toBe('overdue');
    expect(category(item(), '2026-09-30T00:00:00.000Z')).toBeUndefined();
  });
});

describe('figures over the index', () => {
  const index = new FiguresIndex();
  const put = (...items: FigureItem[]) => items.forEach((i) => index.put(i));
  put(
    item({ leadOrg: 'BS-TL-DU', status: 'done', completedAt: '2026-12-01T00:00:00.000Z' }),
    item({ leadOrg: 'BS-TL-DU', status: 'done', completedAt: '2027-01-02T00:00:00.000Z' }),
    item({ leadOrg: 'BS-HB-DU', status: 'in_progress', deadline: '2027-03-31T16:59:59.999Z', sourceDocumentId: 'doc-7', sourceNotation: '7-CT/TU', documentType: 'CT' }),
    item({ leadOrg: 'BS-HB-DU', status: 'refused' }),
    item({ leadOrg: 'BS-HB-DU', status: 'cancelled' }),
    item({ kind: 'recurring', leadOrg: 'BS-HB-DU', deadline: undefined }),
    // The commune's own split to its office: in the province's subtree, not in its own figures.
    item({ assignerOrg: 'BS-TL-DU', leadOrg: 'BS-TL-VP', status: 'assigned', sourceDocumentId: 'doc-12' }),
  );
  const query = (q: Partial<FiguresQuery>) =>
    computeFigures(index, directory, { org: 'BS-TU', scope: 'own', asOf: '2027-01-15T00:00:00.000Z', groupBy: 'leadOrg', ...q }, '2027-01-15T00:00:00.000Z');

  it('groups by lead organisation, rows sorted by key, named from the directory, each drilling down to that organisation', () => {
    const result = query({});
    expect(result.totals).toEqual({ doneOnTime: 1, doneLate: 1, openWithinDeadline: 1, overdue: 1, total: 4 });
    expect(result.rows.map((r) => [r.key, r.label, r.total])).toEqual([
      ['BS-HB-DU', 'Đảng ủy xã Hòa Bình', 2],
      ['BS-TL-DU', 'Đảng ủy xã Tân Lập', 2],
    ]);
    expect(result.rows[0]).toMatchObject({ openWithinDeadline: 1, overdue: 1, doneOnTime: 0, doneLate: 0 });
    const drill = new URLSearchParams(result.rows[1]!.drillDown);
    expect(Object.fromEntries(drill)).toEqual({ org: 'BS-TL-DU', scope: 'own', groupBy: 'leadOrg', asOf: '2027-01-15T00:00:00.000Z' });
  });

  it("the drill-down is that organisation's own figures", () => {
    const drill = new URLSearchParams(query({ scope: 'subtree' }).rows.find((r) => r.key === 'BS-TL-DU')!.drillDown);
    const own = query({ org: drill.get('org')!, scope: drill.get('scope') as 'subtree' });
    expect(own.rows.map((r) => [r.key, r.total])).toEqual([['BS-TL-VP', 1]]);
  });

  it('takes in the organisations below with scope=subtree', () => {
    const result = query({ scope: 'subtree' });
    expect(result.totals.total).toBe(5);
    expect(result.rows.map((r) => r.key)).toEqual(['BS-HB-DU', 'BS-TL-DU', 'BS-TL-VP']);
  });

  it('groups by source document (labelled with its notation) and by document type (its name)', () => {
    expect(query({ groupBy: 'sourceDocument' }).rows.map((r) => [r.key, r.label, r.total])).toEqual([
      ['doc-12', '12-NQ/TU', 3],
      ['doc-7', '7-CT/TU', 1],
    ]);
    expect(query({ groupBy: 'documentType' }).rows.map((r) => [r.key, r.label, r.total])).toEqual([
      ['CT', 'Chỉ thị', 1],
      ['NQ', 'Nghị quyết', 3],
    ]);
    const none = query({ groupBy: 'none' });
    expect(none.rows).toEqual([]);
    expect(none.totals.total).toBe(4);
  });

  it('selects the period by deadline, bounds included, and filters by document, lead and type', () => {
    expect(query({ from: '2027-01-01T00:00:00.000Z' }).totals.total).toBe(1);
    expect(query({ to: DEADLINE }).totals.total).toBe(3);
    expect(query({ from: DEADLINE, to: DEADLINE }).totals.total).toBe(3);
    expect(query({ sourceDocumentId: 'doc-7' }).totals).toMatchObject({ total: 1, openWithinDeadline: 1 });
    expect(query({ leadOrg: 'BS-TL-DU' }).totals).toMatchObject({ total: 2, doneOnTime: 1, doneLate: 1 });
    expect(query({ documentType: 'CT' }).totals.total).toBe(1);
    const drill = new URLSearchParams(query({ sourceDocumentId: 'doc-12', from: '2026-01-01T00:00:00.000Z' }).rows[0]!.drillDown);
    expect(drill.get('sourceDocumentId')).toBe('doc-12');
    expect(drill.get('from')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('keeps the highest seq when two copies of a task meet, and moves a task whose assigner changed', () => {
    const local = new FiguresIndex();
    const first = item({ _id: 'same', seq: 3, status: 'in_progress' });
    expect(local.put(first)).toBe(true);
    expect(local.put({ ...first, seq: 2, status: 'assigned' })).toBe(false);
    expect(local.put({ ...first, seq: 3, status: 'done' })).toBe(false);
    expect(local.get('same')?.status).toBe('in_progress');
    expect(local.put({ ...first, seq: 4, assignerOrg: 'BS-TL-DU' })).toBe(true);
    expect([...local.assignedBy(['BS-TU'])]).toHaveLength(0);
    expect([...local.assignedBy(['BS-TL-DU'])].map((i) => i.seq)).toEqual([4]);
    expect(local.size).toBe(1);
  });
});
