import { createHash } from 'node:crypto';
import { DocumentKey, KeyRing, RECIPIENT_STATUSES, orgScope, type BlobRef, type BlobStore } from '@vanthu/shared';
import { documentEvents } from '@vanthu/intake/dist/bench/seed-figure-events';
import { partyNotation } from '@vanthu/intake/dist/numbering/series';
import { benchDocuments, ISSUER, RECIPIENTS, subjectOf } from '../../local/src/bench/console/bench-documents';
import { registerRecords } from '../../local/src/bench/console/register-records';

/** Blobs by hash in memory: what the records refer to, without a database. */
function memoryBlobs(): BlobStore & { stored: Map<string, Buffer> } {
  const stored = new Map<string, Buffer>();
  return {
    stored,
    async put(data, contentType): Promise<BlobRef> {
      const sha256 = createHash('sha256').update(data).digest('hex');
      stored.set(sha256, data);
      return { sha256, size: data.length, contentType };
    },
    async get(sha256) {
      return stored.get(sha256)!;
    },
    async stat() {
      return undefined;
    },
    async ping() {},
  };
}

const NOW = Date.parse('2026-12-03T08:00:00Z');
const DAY_MS = 86_400_000;

describe('the console benchmark seed', () => {
  const documents = benchDocuments('t', 400, NOW);

  it('issues every document from the province to both communes, within the 28 days before now', () => {
    for (const doc of documents) {
      expect(doc.issuer).toBe(ISSUER);
      expect(doc.copies.map((c) => c.org).sort()).toEqual([...RECIPIENTS].sort());
      expect(doc.issuedAt).toBeLessThan(NOW);
      expect(doc.issuedAt).toBeGreaterThan(NOW - 29 * DAY_MS);
      for (const copy of doc.copies) expect(copy.arrivedAt).toBeLessThan(NOW);
    }
    expect(documents.filter((d) => d.secrecy === 'mat')).toHaveLength(40);
  });

  it('numbers documents in issue order within each series, and copies in arrival order within each recipient', () => {
    const series = new Map<string, number[]>();
    for (const doc of [...documents].sort((a, b) => a.issuedAt - b.issuedAt)) {
      const key = `${doc.type}|${doc.secrecy}`;
      series.set(key, [...(series.get(key) ?? []), doc.number]);
      expect(doc.notation).toBe(partyNotation(doc.number, doc.type, 'TU'));
    }
    for (const numbers of series.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    for (const org of RECIPIENTS) {
      const arrivals = documents
        .flatMap((d) => d.copies)
        .filter((c) => c.org === org)
        .sort((a, b) => a.arrivedAt - b.arrivedAt)
        .map((c) => c.arrivalNumber);
      expect(arrivals).toEqual(documents.map((_, i) => i + 1));
    }
  });

  it("builds an open document's records as the issue and its copies' transitions leave them", async () => {
    const doc = documents.find((d) => d.secrecy === 'none' && d.copies.some((c) => c.outcome.kind === 'done'))!;
    const blobs = memoryBlobs();
    const open = await blobs.put(Buffer.from('%PDF-1.7'), 'application/pdf');
    const { document, copies, keys } = await registerRecords(doc, subjectOf(0), { open, pdf: Buffer.from('%PDF-1.7') }, blobs, KeyRing.fromEnv({ NODE_ENV: 'development' }));
    expect(keys).toEqual([]);
    expect(document).toMatchObject({ _id: doc.documentId, status: 'issued', seq: 5, number: doc.number, notation: doc.notation, subject: subjectOf(0), content: open, createdBy: 'bs-specialist' });
    expect(document.signer).toEqual({ userId: 'bs-secretary', authority: 'T/M' });
    expect(document.history.map((h) => h.action)).toEqual(['issued']);
    // The events say the same of each copy as its record.
    const events = documentEvents(doc);
    for (const copy of copies) {
      const last = events.filter((e) => e.data.aggregateId === copy._id).at(-1)!;
      expect(copy.status).toBe(last.data.status);
      expect(copy.statusCode).toBe(RECIPIENT_STATUSES[copy.status]);
      expect(copy.seq).toBe(last.data.seq);
      expect(copy.history).toHaveLength(copy.seq);
      expect(copy.arrivalNumber).toBe(doc.copies.find((c) => c.org === copy.org)!.arrivalNumber);
    }
    expect(document.recipients.map((r) => [r.org, r.status])).toEqual(copies.map((c) => [c.org, c.status]));
  });

  it("seals a secret document's subject and PDF with a key of its own, wrapped for the issuer and each recipient", async () => {
    const doc = documents.find((d) => d.secrecy === 'mat')!;
    const ring = KeyRing.fromEnv({ NODE_ENV: 'development' });
    const blobs = memoryBlobs();
    const pdf = Buffer.from('%PDF-1.7 secret');
    const { document, copies, keys } = await registerRecords(doc, subjectOf(9), { open: await blobs.put(pdf, 'application/pdf'), pdf }, blobs, ring);
    expect(keys.map((k) => k.id)).toEqual([doc.documentId, ...copies.map((c) => c._id)]);
    expect(document.subject).not.toContain('văn bản');
    expect(document.participants).toEqual(['bs-specialist', 'bs-secretary', 'bs-clerk']);
    expect(document.content.sealed).toBe(true);
    const key = await DocumentKey.open(ring, doc.documentId, keys[0]!.sealing);
    expect(await key.open(document.subject)).toBe(subjectOf(9));
    expect(Buffer.from(await key.openBytes(blobs.stored.get(document.content.sha256)!))).toEqual(pdf);
    for (const copy of copies) {
      const copyKey = await DocumentKey.open(ring, doc.documentId, keys.find((k) => k.id === copy._id)!.sealing, orgScope(copy.org));
      expect(await copyKey.open(copy.subject)).toBe(subjectOf(9));
      expect(copy.participants).toContain(`desk:${copy.org}:clerk`);
    }
  });
});
