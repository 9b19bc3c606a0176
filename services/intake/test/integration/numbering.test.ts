import type { Connection } from 'mongoose';
import { connectMongo, createLogger, loadConfig, baseEnvSchema } from '@vanthu/shared';
import { intakeActivities } from '../../src/activities/intake-activities';
import { arrivalAllocator, numberAllocator, prepareIntake } from '../../src/prepare';

/**
 * Numbering under real concurrency on the real database, which makes no update atomic: only the
 * unique indexes stand between 200 parallel issuances and a duplicate or a gap.
 */
describe('document numbers under concurrency', () => {
  let mongo: Connection;
  const database = `vanthu_it_numbers_${Date.now()}`;

  beforeAll(async () => {
    mongo = await connectMongo({ url: loadConfig(baseEnvSchema).MONGO_URL, database, logger: createLogger({}, 'silent') });
    await prepareIntake({ mongo });
  });

  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  const activities = () => intakeActivities({ mongo, numbers: numberAllocator({ mongo }), arrivals: arrivalAllocator({ mongo }) });

  it('gives 200 parallel issuances 200 distinct consecutive numbers, and a retry the number it already had', async () => {
    const acts = activities();
    const issuedAt = '2026-11-23T10:00:00+07:00';
    const ids = Array.from({ length: 200 }, (_, i) => `doc-${i}`);
    const first = await Promise.all(ids.map((documentId) => acts.allocateDocumentNumber({ documentId, issuer: 'BS-TU', type: 'NQ', secrecy: 'none', issuedAt })));
    const numbers = first.map((a) => a.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(first.find((a) => a.number === 15)?.notation).toBe('15-NQ/TU');
    expect(first.find((a) => a.number === 5)?.notation).toBe('05-NQ/TU');

    // Retries (a re-run activity) race each other and the first calls' answers: same numbers, no new ones.
    const again = await Promise.all(ids.map((documentId) => acts.allocateDocumentNumber({ documentId, issuer: 'BS-TU', type: 'NQ', secrecy: 'none', issuedAt })));
    expect(again).toEqual(first);
    // What it proves is correctness under contention, not speed: 25 s alone on two cores, over
    // 120 s once in CI beside the other suites (200 contenders on one series is far beyond an office's load).
  }, 360_000);

  it('keeps separate series: per type within a term, all types per calendar year, secret documents apart', async () => {
    const acts = activities();
    const at = '2026-11-23T10:00:00+07:00';
    const termResolution = await acts.allocateDocumentNumber({ documentId: 'tu-kl', issuer: 'BS-TU', type: 'KL', secrecy: 'none', issuedAt: at });
    expect(termResolution.notation).toBe('01-KL/TU');
    const secret = await acts.allocateDocumentNumber({ documentId: 'tu-nq-mat', issuer: 'BS-TU', type: 'NQ', secrecy: 'mat', issuedAt: at });
    expect(secret.number).toBe(1);

    // The commune numbers per calendar year across types, restarting on 1 January in Vietnam time.
    const a = await acts.allocateDocumentNumber({ documentId: 'tl-1', issuer: 'BS-TL-DU', type: 'NQ', secrecy: 'none', issuedAt: '2026-12-31T23:30:00+07:00' });
    const b = await acts.allocateDocumentNumber({ documentId: 'tl-2', issuer: 'BS-TL-DU', type: 'TB', secrecy: 'none', issuedAt: '2026-12-31T23:40:00+07:00' });
    // 17:30 UTC on 31 December is already 1 January in Vietnam.
    const c = await acts.allocateDocumentNumber({ documentId: 'tl-3', issuer: 'BS-TL-DU', type: 'TB', secrecy: 'none', issuedAt: '2026-12-31T17:30:00Z' });
    expect([a.number, b.number, c.number]).toEqual([1, 2, 1]);
    expect(b.notation).toBe('02-TB/ĐU');
  });

  it('refuses to number a document of an unknown issuer, without retrying', async () => {
    await expect(
      activities().allocateDocumentNumber({ documentId: 'x', issuer: 'NOWHERE', type: 'NQ', secrecy: 'none', issuedAt: '2026-11-23T10:00:00+07:00' }),
    ).rejects.toMatchObject({ type: 'NotFound', nonRetryable: true });
  });
});
