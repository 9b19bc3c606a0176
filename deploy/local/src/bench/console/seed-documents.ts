import type { Connection } from 'mongoose';
import { EVENT_HEADERS, type BlobStore, type DomainEvent, type KeyRing, type OutgoingMessage, type Publisher } from '@vanthu/shared';
import { documentEvents, type SyntheticDocument } from '@vanthu/intake/dist/bench/seed-figure-events';
import { documentModel } from '@vanthu/intake/dist/records/documents';
import { incomingModel } from '@vanthu/intake/dist/records/incoming';
import { sealingStore } from '@vanthu/intake/dist/records/sealings';
import { RegisterJournal } from '@vanthu/intake/dist/registers/register-journal';
import { lineOfCopy, lineOfDocument, type RegisterLine } from '@vanthu/intake/dist/registers/register-line';
import { pdfShowing } from '../../scenario/lifecycle-scenario';
import { subjectOf } from './bench-documents';
import { registerRecords, type IssuedContent } from './register-records';

const asMessage = (event: DomainEvent): OutgoingMessage => ({
  key: event.subject,
  value: JSON.stringify(event),
  headers: { [EVENT_HEADERS.id]: event.id, [EVENT_HEADERS.type]: event.type, [EVENT_HEADERS.version]: String(event.version), [EVENT_HEADERS.contentType]: 'application/json' },
});

/**
 * The documents' events (intake's figure seeder builds them: services/intake/src/bench/
 * seed-figure-events.ts), onto `topic`, 40 documents (about 300 KB) per produce request: the
 * broker takes at most 1 MB. Returns how many events went out.
 */
export async function publishDocumentEvents(publisher: Publisher, topic: string, documents: readonly SyntheticDocument[]): Promise<number> {
  const CHUNK = 40;
  let events = 0;
  for (let start = 0; start < documents.length; start += CHUNK) {
    const messages = documents.slice(start, start + CHUNK).flatMap((doc) => documentEvents(doc).map(asMessage));
    await publisher.publish(topic, messages);
    events += messages.length;
  }
  return events;
}

export interface RecordSeedResult {
  documents: number;
  copies: number;
  secret: number;
  /** Wrapped keys recorded: a secret document's and each of its copies'. */
  keys: number;
  /** Blobs put: the one PDF the open documents share, and each secret document's sealed PDF. */
  blobs: number;
}

/**
 * Intake's register records of the documents, written in bulk through intake's own record models
 * (records/documents.ts, records/incoming.ts, records/sealings.ts): `insertMany` of a chunk's
 * outgoing records and copies, instead of 10,000 lifecycles of Temporal activities, and their
 * register lines through intake's register journal, which the API process follows. `mongo` is
 * the bench intake's database; `blobs` its blob store.
 */
export async function insertRegisterRecords(mongo: Connection, blobs: BlobStore, ring: KeyRing, documents: readonly SyntheticDocument[]): Promise<RecordSeedResult> {
  const pdf = Buffer.from(await (await pdfShowing('VAN BAN THU TAI', 'Benchmark document of the console bench')).arrayBuffer());
  const content: IssuedContent = { open: await blobs.put(pdf, 'application/pdf'), pdf };
  const outgoing = documentModel(mongo);
  const incoming = incomingModel(mongo);
  const sealings = sealingStore(mongo);
  const journal = new RegisterJournal(mongo);
  const result: RecordSeedResult = { documents: 0, copies: 0, secret: 0, keys: 0, blobs: 1 };
  // Records are small (about 2 KB a document with its copies): 500 documents per round trip.
  const CHUNK = 500;
  for (let start = 0; start < documents.length; start += CHUNK) {
    const chunk = documents.slice(start, start + CHUNK);
    const records = await Promise.all(chunk.map((doc, k) => registerRecords(doc, subjectOf(start + k), content, blobs, ring)));
    const keys = records.flatMap((r) => r.keys);
    // Keys first, as intake records a key before anything sealed with it.
    for (const key of keys) await sealings.put(key.id, key.documentId, key.org, key.sealing);
    await outgoing.insertMany(records.map((r) => r.document), { ordered: false });
    await incoming.insertMany(records.flatMap((r) => r.copies), { ordered: false });
    // Then their lines, as intake's activities announce each record they write (registers/).
    await journal.append([...records.map((r) => lineOfDocument(r.document)).filter((l): l is RegisterLine => l !== undefined), ...records.flatMap((r) => r.copies.map(lineOfCopy))]);
    result.documents += records.length;
    result.copies += records.reduce((n, r) => n + r.copies.length, 0);
    result.secret += records.filter((r) => r.keys.length > 0).length;
    result.keys += keys.length;
    result.blobs += records.filter((r) => r.keys.length > 0).length;
  }
  return result;
}
