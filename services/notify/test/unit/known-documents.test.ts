import type { DomainEvent } from '@vanthu/shared';
import { KnownDocuments } from '../../src/documents/known-documents';
import type { KnownDocumentDoc, NotifyCollections } from '../../src/store/collections';
import { copyEvent, outgoingEvent } from '../support/events';

/**
 * An in-memory stand-in for the collection, enough for the two calls KnownDocuments makes; the
 * real database is exercised by the integration tests (consumer.test.ts). `raceOnce` makes the
 * next upsert fail as the loser of two concurrent upserts does on FerretDB.
 */
function fakeCollection() {
  const docs = new Map<string, KnownDocumentDoc>();
  const calls = { findOne: 0, updateOne: 0 };
  let raceOnce = false;
  const collection = {
    async findOne(filter: { _id: string }) {
      calls.findOne += 1;
      const doc = docs.get(filter._id);
      return doc ? { ...doc } : null;
    },
    async updateOne(filter: { _id: string }, update: { $set: Partial<KnownDocumentDoc> }, options?: { upsert?: boolean }) {
      calls.updateOne += 1;
      if (options?.upsert && raceOnce) {
        raceOnce = false;
        docs.set(filter._id, { _id: filter._id });
        throw Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });
      }
      const before = docs.get(filter._id);
      if (before || options?.upsert) docs.set(filter._id, { ...(before ?? { _id: filter._id }), ...update.$set });
      return { acknowledged: true };
    },
  };
  return { docs, calls, race: () => (raceOnce = true), c: { knownDocuments: collection } as unknown as Pick<NotifyCollections, 'knownDocuments'> };
}

const people = { org: 'BS-TU', createdBy: 'bs-specialist', signer: 'bs-secretary' };
const issued = (doc: string) => outgoingEvent(doc, 7, 'issued', people, { status: 'issued', number: 4, notation: '04-NQ/TU', issuedAt: '2026-11-23T03:05:00Z' });

describe('KnownDocuments: a document’s name, kept from its own events for its copies’', () => {
  it('keeps the type and issuer from a draft’s events and the notation from its issue; replays change nothing', async () => {
    const { docs, c } = fakeCollection();
    const known = new KnownDocuments(c);
    await known.remember(outgoingEvent('d1', 1, 'created', people, { status: 'draft', content: 'a'.repeat(64) }));
    expect(docs.get('d1')).toEqual({ _id: 'd1', type: 'NQ', issuer: 'BS-TU' });
    await known.remember(issued('d1'));
    // An earlier event again (a redelivery), after the issue: the notation stays.
    await known.remember(outgoingEvent('d1', 3, 'review-started', people, { approvers: ['bs-deputy'] }));
    expect(docs.get('d1')).toEqual({ _id: 'd1', type: 'NQ', issuer: 'BS-TU', notation: '04-NQ/TU' });
  });

  it('completes a copy’s event, which carries neither type nor notation, and keeps nothing from it', async () => {
    const { docs, c } = fakeCollection();
    const known = new KnownDocuments(c);
    await known.remember(issued('d1'));
    const received = copyEvent('d1', 'BS-TL-DU', 2, 'received', { arrivalNumber: 12 }, 'accepted');
    await known.remember(received);
    expect(await known.of(received)).toEqual({ type: 'NQ', notation: '04-NQ/TU', issuer: 'BS-TU' });
    expect(await known.of(copyEvent('other', 'BS-TL-DU', 2, 'received', { arrivalNumber: 13, issuer: 'BS-TU' }, 'accepted'))).toEqual({ issuer: 'BS-TU' });
    expect([...docs.keys()]).toEqual(['d1']);
  });

  it('reads nothing for a draft’s event or one that names its document already', async () => {
    const { calls, c } = fakeCollection();
    const known = new KnownDocuments(c);
    const review: DomainEvent = outgoingEvent('d1', 3, 'review-started', people, { approvers: ['bs-deputy'] });
    expect(await known.of(review)).toEqual({ type: 'NQ', issuer: 'BS-TU' });
    expect(await known.of(issued('d1'))).toEqual({ type: 'NQ', notation: '04-NQ/TU', issuer: 'BS-TU' });
    expect(calls.findOne).toBe(0);
    // After the issue an event without the notation does read it.
    expect(await known.of(outgoingEvent('d1', 9, 'recalled', people, { status: 'recalled' }))).toEqual({ type: 'NQ', issuer: 'BS-TU' });
    expect(calls.findOne).toBe(1);
  });

  it('sets the values anyway when a concurrent run of the same event won the insert', async () => {
    const { docs, race, c } = fakeCollection();
    const known = new KnownDocuments(c);
    race();
    await known.remember(issued('d1'));
    expect(docs.get('d1')).toEqual({ _id: 'd1', type: 'NQ', issuer: 'BS-TU', notation: '04-NQ/TU' });
  });
});
