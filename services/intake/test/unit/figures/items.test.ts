import { checkEvent, type DomainEvent } from '@vanthu/shared';
import { documentEvents, plannedDocument, type FigureSeedPlan, type SyntheticDocument } from '../../../src/bench/seed-figure-events';
import type { FigureItem } from '../../../src/figures/figure-item';
import { FiguresIndex } from '../../../src/figures/figures-index';
import { isFigureEvent, itemOfEvent, mergeItems, type ItemFacts } from '../../../src/figures/item-of-event';
import { OrgTree } from '../../../src/figures/org-tree';

const NOW = Date.parse('2026-12-10T03:00:00.000Z');
const plan: FigureSeedPlan = { run: 'unit', documents: 40, issuers: ['BS-TU', 'BS-TL-DU'], recipients: ['BS-TU', 'BS-TL-DU', 'BS-HB-DU'], now: NOW };

/** Folds events into items as the projection does, a batch being any run of them. */
function fold(events: DomainEvent[]): Map<string, ItemFacts> {
  const items = new Map<string, ItemFacts>();
  for (const event of events.filter(isFigureEvent)) {
    const facts = itemOfEvent(event);
    items.set(facts._id, mergeItems(items.get(facts._id), facts));
  }
  return items;
}

const doneCopy = (doc: SyntheticDocument) => doc.copies.find((c) => c.outcome.kind === 'done');

describe('the seeded events', () => {
  const docs = Array.from({ length: plan.documents }, (_, i) => plannedDocument(plan, i));

  it('are valid per the catalogue, and the same for the same plan', () => {
    for (const doc of docs) for (const event of documentEvents(doc)) expect(checkEvent(event)).toEqual({ ok: true });
    expect(documentEvents(plannedDocument(plan, 7))).toEqual(documentEvents(docs[7]!));
  });

  it('cover every state the figures tell apart, secret documents among them, without any text', () => {
    const outcomes = new Set(docs.flatMap((d) => d.copies.map((c) => c.outcome.kind)));
    expect(outcomes).toEqual(new Set(['done', 'open', 'accepted', 'refused']));
    const secret = docs.filter((d) => d.secrecy === 'mat');
    expect(secret).toHaveLength(4);
    for (const event of secret.flatMap(documentEvents)) expect(event.data).not.toHaveProperty('note');
    expect(docs.every((d) => d.copies.every((c) => c.org !== d.issuer))).toBe(true);
  });

  it('fold into one item per issued document and per copy, with its arrival, deadline and completion', () => {
    const doc = docs.find(doneCopy)!;
    const copy = doneCopy(doc)!;
    const items = fold(documentEvents(doc));
    expect(items.get(doc.documentId)).toEqual({
      _id: doc.documentId,
      kind: 'outgoing',
      seq: 5,
      issuer: doc.issuer,
      type: doc.type,
      secrecy: doc.secrecy,
      urgency: doc.urgency,
      issuedAt: expect.stringMatching(/\+07:00$/),
    });
    expect(items.get(`${doc.documentId}@${copy.org}`)).toMatchObject({
      kind: 'incoming',
      status: 'done',
      seq: 5,
      org: copy.org,
      arrivedAt: new Date(copy.arrivedAt).toISOString(),
      doneAt: new Date(copy.outcome.kind === 'done' ? copy.outcome.doneAt : 0).toISOString(),
      deadline: copy.outcome.kind === 'done' ? copy.outcome.deadline : undefined,
    });
    // Only codes, statuses and instants: no subject, note or report could be there.
    const keys = new Set([...items.values()].flatMap((item) => Object.keys(item)));
    expect([...keys].sort()).toEqual(['_id', 'arrivedAt', 'deadline', 'documentId', 'doneAt', 'issuedAt', 'issuer', 'kind', 'org', 'secrecy', 'seq', 'status', 'type', 'urgency']);
  });

  it('give the same items in any order: the newest status wins, the arrival told once is kept', () => {
    for (const doc of docs.slice(0, 10)) {
      const events = documentEvents(doc);
      expect(fold([...events].reverse())).toEqual(fold(events));
      const shuffled = events.map((e, i) => [(i * 7) % events.length, e] as const).sort((a, b) => a[0] - b[0]).map(([, e]) => e);
      expect(fold(shuffled)).toEqual(fold(events));
    }
  });
});

describe('a copy arrived before its events carried the arrival time', () => {
  it('arrived when its delivery event says it happened', () => {
    const doc = plannedDocument(plan, 0);
    const delivered = documentEvents(doc).find((e) => e.type === 'document.delivered')!;
    const { arrivedAt: _carried, ...older } = delivered.data;
    const facts = itemOfEvent({ ...delivered, occurredAt: '2026-12-01T16:59:59.999Z', data: older });
    expect(facts).toMatchObject({ kind: 'incoming', arrivedAt: '2026-12-01T16:59:59.999Z', status: 'arrived' });
  });

  it('is not made of events the figures do not need', () => {
    const doc = plannedDocument(plan, 0);
    const issued = documentEvents(doc)[0]!;
    expect(isFigureEvent(issued)).toBe(true);
    expect(isFigureEvent({ ...issued, type: 'document.signed' })).toBe(false);
    expect(isFigureEvent({ ...issued, type: 'document.recalled' })).toBe(false);
  });
});

describe('the index in memory', () => {
  it('merges what journal entries tell of one copy, in either order', () => {
    const projectedAt = new Date();
    const first: FigureItem = { _id: 'd@BS-TL-DU', kind: 'incoming', seq: 1, documentId: 'd', org: 'BS-TL-DU', urgency: 'normal', status: 'arrived', arrivedAt: '2026-12-01T01:00:00.000Z', projectedAt };
    const later: FigureItem = { _id: 'd@BS-TL-DU', kind: 'incoming', seq: 5, documentId: 'd', org: 'BS-TL-DU', urgency: 'normal', status: 'done', doneAt: '2026-12-02T01:00:00.000Z', projectedAt };
    for (const order of [[first, later], [later, first]]) {
      const index = new FiguresIndex();
      for (const item of order) index.put(item);
      expect([...index.receivedBy('BS-TL-DU')]).toEqual([
        { id: 'd@BS-TL-DU', documentId: 'd', org: 'BS-TL-DU', status: 'done', arrivedAt: Date.parse('2026-12-01T01:00:00.000Z'), deadline: NaN, doneAt: Date.parse('2026-12-02T01:00:00.000Z') },
      ]);
      expect(index.size).toBe(1);
    }
  });
});

describe('the organisation tree', () => {
  const tree = new OrgTree([
    { org: 'BS-TU', name: 'Tỉnh ủy', level: 'province' },
    { org: 'BS-TL-DU', name: 'Tân Lập', level: 'commune', parent: 'BS-TU' },
    { org: 'BS-HB-DU', name: 'Hòa Bình', level: 'commune', parent: 'BS-TU' },
    { org: 'BS-TL-VP', name: 'Văn phòng', level: 'office', parent: 'BS-TL-DU' },
    // A cycle in bad data, and an orphan.
    { org: 'X', name: 'X', level: 'office', parent: 'Y' },
    { org: 'Y', name: 'Y', level: 'office', parent: 'X' },
    { org: 'Z', name: 'Z', level: 'office', parent: 'NOWHERE' },
  ]);

  it('says who is within whom: oneself and those below, never beside or above', () => {
    expect(tree.isWithin('BS-TL-VP', 'BS-TU')).toBe(true);
    expect(tree.isWithin('BS-TL-DU', 'BS-TL-DU')).toBe(true);
    expect(tree.isWithin('BS-HB-DU', 'BS-TL-DU')).toBe(false);
    expect(tree.isWithin('BS-TU', 'BS-TL-DU')).toBe(false);
    expect(tree.isWithin('X', 'BS-TU')).toBe(false);
    expect(tree.isWithin('Z', 'NOWHERE')).toBe(false);
  });

  it('walks a subtree parents first, and a cycle ends', () => {
    expect(tree.subtree('BS-TU').map((o) => o.org)).toEqual(['BS-TU', 'BS-HB-DU', 'BS-TL-DU', 'BS-TL-VP']);
    expect(tree.subtree('X').map((o) => o.org)).toEqual(['X', 'Y']);
    expect(tree.subtree('NOWHERE')).toEqual([]);
  });
});
