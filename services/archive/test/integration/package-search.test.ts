import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, createLogger, type Principal } from '@vanthu/shared';
import { createArchive, type Archive } from '../../src/archive';
import { loadArchiveConfig } from '../../src/config';
import { archiveDocument } from '../../src/packages/archive-document';
import { searchQuery, type SearchPage } from '../../src/packages/search';
import { LiveSearch } from '../../src/search/live-search';
import { startArchiveApi, type ArchiveApi } from '../support/archive-api';
import { integrationEnv, sampleInput } from '../support/archive-env';
import { call, USERS } from '../support/http-app';
import { sealedInput } from '../support/sealed-input';

/*
 * The console's package search end to end: the API process holds the search in memory and learns
 * of new packages from the log; here the packages are archived by an archive of its own over a
 * connection of its own, as the worker process does, so nothing reaches the API but the database.
 */
describe('package search: found as soon as archived, with or without diacritics, within the access rules (real MongoDB and Temporal)', () => {
  const run = randomUUID().slice(0, 8);
  const cleared: Principal = { userId: `it-search-cleared-${run}`, orgCode: 'BS-TU', role: 'archivist' };
  let api: ArchiveApi;
  let url: string;
  let workerConnection: Connection;
  let worker: Archive;

  const search = async (query: Record<string, string>, as: Principal = USERS.archivist): Promise<SearchPage> => {
    const answer = await call(`${url}/v1/packages?${new URLSearchParams(query).toString()}`, 'GET', undefined, as);
    expect({ query, status: answer.status }).toEqual({ query, status: 200 });
    return answer.body as unknown as SearchPage;
  };
  const found = async (query: Record<string, string>, as?: Principal) => (await search(query, as)).items.map((i) => i.packageId);

  beforeAll(async () => {
    api = await startArchiveApi();
    url = api.url;
    workerConnection = await connectMongo({ url: integrationEnv().MONGO_URL, database: api.env.database, logger: createLogger({}, 'silent') });
    worker = createArchive(workerConnection, api.env.blobs, loadArchiveConfig({}), { keys: api.env.archive.keys });
    await api.env.archive.clearances.apply({
      id: `user-${cleared.userId}:1`,
      type: 'directory.user-registered',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'intake',
      subject: cleared.userId,
      data: { userId: cleared.userId, fullName: 'Người thử', position: 'Lưu trữ viên', role: cleared.role, org: cleared.orgCode, email: `${cleared.userId}@demo.vanthu.local`, clearance: 'toi-mat' },
    });
  });

  afterAll(async () => {
    await workerConnection?.close();
    await api?.close();
  });

  it('finds a package the moment it is archived: by words with and without diacritics (đ as d), notation, number and date', async () => {
    expect(api.env.archive.search.isLoaded).toBe(true);
    const input = await sampleInput(api.env.blobs, { subject: 'Nghị quyết về đẩy mạnh chuyển đổi số trong Đảng bộ tỉnh', issuerCode: 'BS-TU', type: 'NQ', issuedAt: '2026-04-02T08:30:00+07:00' });
    const archived = await archiveDocument(worker, input);

    for (const q of ['chuyển đổi số', 'chuyen doi so', 'CHUYỂN ĐỔI SỐ', 'Chuyen Doi So', 'đẩy mạnh Đảng bộ', 'day manh dang bo', 'DANG BO TINH', 'nghi quyet chuyen do']) {
      expect({ q, found: await found({ q }) }).toEqual({ q, found: [archived.packageId] });
    }
    expect((await search({ q: 'chuyển đổi xanh' })).total).toBe(0);

    const { notation, number } = input.metadata;
    expect(await found({ notation })).toEqual([archived.packageId]);
    expect(await found({ notation: notation.toLowerCase() })).toEqual([archived.packageId]);
    expect(await found({ number: String(number) })).toEqual([archived.packageId]);
    expect(await found({ issuer: 'BS-TU', type: 'NQ', issuedFrom: '2026-04-02', issuedTo: '2026-04-02' })).toEqual([archived.packageId]);
    expect(await found({ issuedFrom: '2026-04-03' })).toEqual([]);
    expect(await found({ issuedTo: '2026-04-01' })).toEqual([]);

    // The page keeps its shape: what the console and the OpenAPI document expect.
    const page = await search({ notation });
    expect(page).toEqual({
      total: 1,
      page: 1,
      pageSize: 20,
      items: [
        {
          packageId: archived.packageId,
          documentId: input.metadata.documentId,
          workflowId: input.workflowId,
          archivedAt: expect.any(String),
          manifestSha256: archived.manifestSha256,
          logIndex: archived.logIndex,
          metadata: input.metadata,
        },
      ],
    });
    const bad = await call(`${url}/v1/packages?notation=`, 'GET');
    expect(bad).toMatchObject({ status: 400, body: { reason: 'validation-failed', field: 'notation' } });
  });

  it('keeps the access rules: another organisation’s, a level above the clearance and sealed subjects stay out of items and totals', async () => {
    const subject = 'Kế hoạch chuyển đổi số cấp xã';
    const own = await archiveDocument(worker, await sampleInput(api.env.blobs, { subject, issuerCode: 'BS-TU' }));
    const others = await archiveDocument(worker, await sampleInput(api.env.blobs, { subject, issuerCode: 'BS-TL-DU' }));
    const secret = await sealedInput(api.env.blobs, api.env.archive.keys, `TIM-${run}`, 'mat', 'BS-TU');
    const sealed = await archiveDocument(worker, secret.input);
    const q = 'ke hoach chuyen doi so cap xa';

    expect(await search({ q })).toMatchObject({ total: 1, items: [{ packageId: own.packageId }] });
    expect(await search({ q }, USERS.communeArchivist)).toMatchObject({ total: 1, items: [{ packageId: others.packageId }] });
    expect(await search({ q, issuer: 'BS-TL-DU' })).toMatchObject({ total: 0, items: [] });

    // The sealed package: absent below its level; found by its other fields at or above it, never by its words.
    const { number } = secret.input.metadata;
    expect(await search({ number: String(number) })).toMatchObject({ total: 0, items: [] });
    expect(await search({ number: String(number) }, cleared)).toMatchObject({ total: 1, items: [{ packageId: sealed.packageId, sealed: true }] });
    for (const words of [secret.subject, `TIM-${run}`, 'phuong an bao ve', secret.input.metadata.subject.slice(0, 12)]) {
      expect({ words, total: (await search({ q: words }, cleared)).total }).toEqual({ words, total: 0 });
    }
    expect((await search({ q: 'ke hoach chuyen doi so' }, cleared)).total).toBeGreaterThanOrEqual(1);
    const everything = await search({ pageSize: '100' }, cleared);
    expect(everything.items.map((i) => i.packageId)).toContain(sealed.packageId);
    expect(everything.items.map((i) => i.packageId)).not.toContain(others.packageId);
    expect((await search({ pageSize: '100' })).items.map((i) => i.packageId)).not.toContain(sealed.packageId);
  });

  it('loads it all again in a fresh process, log indexes included', async () => {
    const fresh = new LiveSearch({ c: api.env.archive.c, log: api.env.archive.log, logger: createLogger({}, 'silent') });
    fresh.start();
    await fresh.loaded;
    try {
      const query = searchQuery.parse({ pageSize: '100' });
      const viewer = { principal: cleared, clearance: 'toi-mat' as const };
      const reloaded = await fresh.search(query, viewer);
      expect(reloaded).toEqual(await search({ pageSize: '100' }, cleared));
      expect(reloaded.items.every((i) => typeof i.logIndex === 'number')).toBe(true);
    } finally {
      fresh.stop();
    }
  });
});
