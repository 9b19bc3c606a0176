import { randomUUID } from 'node:crypto';
import {
  createApiApp,
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  issueToken,
  Lifecycle,
  listen,
  loadEdgeSettings,
  type DocumentType,
  type Publisher,
  type StartedServer,
} from '@vanthu/shared';
import { vietnamIso } from '@vanthu/workflows/dist/time';
import { intakeActivities } from '../../src/activities/intake-activities';
import type { DocumentView, Principal } from '../../src/app/ports';
import { documentTransitions, plannedDocument, seedFigureEvents, type CopyOutcome, type FigureSeedPlan, type SyntheticDocument } from '../../src/bench/seed-figure-events';
import { startFiguresProjection, type FiguresProjection } from '../../src/consumers/figures-projection';
import type { DeadlineFigures, DocumentFigures, ProcessingFigures } from '../../src/figures/figure-item';
import { addDays, vietnamDay, vietnamDayStart } from '../../src/figures/vietnam-days';
import { arrivalAllocator, numberAllocator } from '../../src/prepare';
import { intakeService } from '../../src/service';
import { as, startIntakeHarness, type IntakeHarness } from '../support/harness';
import { makePdf } from '../support/pdf';

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Counts per `<day>|<org>|<type>`, as the figures' day rows and the registers' lines both give them. */
type Tally = Record<string, { issued: number; received: number }>;
function tally(rows: Array<{ day: string; org: string; type: string; issued?: number; received?: number }>): Tally {
  const out: Tally = {};
  for (const row of rows) {
    const key = `${row.day}|${row.org}|${row.type}`;
    out[key] ??= { issued: 0, received: 0 };
    out[key].issued += row.issued ?? 0;
    out[key].received += row.received ?? 0;
  }
  return out;
}

const nearestRank = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1];

/**
 * The operations figures end to end on the real servers: intake's own activities write documents,
 * copies and their events (as the workflows would have them do), the outbox relay publishes them,
 * the figures projection reads the document topic into figure_items and its journal, the API
 * process built as intake's (createApiApp) loads them and answers over HTTP. Organisations of this
 * run's own: the topic is shared with every other test.
 */
describe('the operations figures (real Kafka, MongoDB, Temporal)', () => {
  let h: IntakeHarness;
  let lifecycle: Lifecycle;
  let server: StartedServer;
  let projection: FiguresProjection;
  let publisher: Publisher;
  const suffix = randomUUID().slice(0, 8).toUpperCase();
  const code = (name: string) => `FG${suffix}-${name}`;
  const [P, A, B, AVP] = [code('TU'), code('A'), code('B'), code('A-VP')];
  /** A second province, fed only by seeded events. */
  const [S, S1, S2, S1VP] = [code('S'), code('S1'), code('S2'), code('S1-VP')];
  const leader = (org: string): Principal => ({ userId: `leader-${org}`.toLowerCase(), orgCode: org, role: 'leader' });
  const workflows: string[] = [];
  const today = vietnamDay(Date.now());
  const D = addDays(today, -5);
  const D1 = addDays(D, 1);
  const at = (day: string, time: string) => Date.parse(`${day}T${time}+07:00`);
  const endOf = (day: string) => new Date(`${day}T23:59:59+07:00`).toISOString();

  const call = (path: string, who: Principal) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${issueToken(DEVELOPMENT_JWT_SECRET, who, 300)}` } });
  async function get<T>(path: string, who: Principal): Promise<T> {
    const response = await call(path, who);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function organisations(codes: Array<[code: string, level: 'province' | 'commune' | 'office', parent: string]>): Promise<void> {
    for (const [org, level, parent] of codes) {
      await h.app.createOrganisation(as.admin, { code: org, name: `Đơn vị ${org}`, level, parent, notationCode: org.replace(/[^A-Z]/g, '').slice(-4) || 'X', numbering: { period: 'calendar-year' } });
      const user = leader(org);
      await h.app.createUser(as.admin, { id: user.userId, fullName: `Lãnh đạo ${org}`, position: 'Bí thư', role: 'leader', org, email: `${user.userId}@figures.test` });
    }
  }

  /**
   * A document issued and received as its workflows would have intake's activities record it: the
   * draft through the application, then its number, its copies' registration, and every transition
   * (documentTransitions), each writing the record and its event through the outbox.
   */
  async function issueAndReceive(issuer: string, type: DocumentType, issuedAt: number, copies: Array<[org: string, arrivedAt: number, outcome: CopyOutcome]>): Promise<SyntheticDocument> {
    const signer = leader(issuer);
    const created: DocumentView = await h.app.createDraft(
      signer,
      { type, subject: `Báo cáo số liệu ${suffix}`, issuer, signer: { userId: signer.userId, authority: 'T/M' }, approvers: [], recipients: copies.map(([org]) => org), urgency: 'normal', secrecy: 'none' },
      [{ field: 'content', filename: 'vb.pdf', declaredType: 'application/pdf', data: await makePdf(type) }],
      { idempotencyKey: randomUUID() },
    );
    workflows.push(created.workflowId);
    // Its workflow records 'created' first: the document record has one writer at a time (our database's updates are not atomic).
    await eventually('the draft created', async () => ((await h.ctx.mongo.collection('documents').findOne({ _id: created.id as never }))?.seq >= 1 ? true : undefined), 30_000);
    const activities = intakeActivities({ mongo: h.ctx.mongo, numbers: numberAllocator(h.ctx), arrivals: arrivalAllocator(h.ctx), relay: h.relay });
    const { number, notation } = await activities.allocateDocumentNumber({ documentId: created.id, issuer, type, secrecy: 'none', issuedAt: vietnamIso(new Date(issuedAt)) });
    const received = [];
    for (const [org, arrivedAt, outcome] of copies) {
      const input = { documentId: created.id, org, parentWorkflowId: created.workflowId, issuer, urgency: 'normal' as const, secrecy: 'none' as const, content: created.content, attachments: [] };
      const { arrivalNumber } = await activities.registerIncoming({ ...input, arrivedAt: new Date(arrivedAt).toISOString() });
      received.push({ org, arrivedAt, arrivalNumber, outcome });
    }
    const doc: SyntheticDocument = { documentId: created.id, issuer, type, urgency: 'normal', secrecy: 'none', createdBy: signer.userId, signer: signer.userId, issuedAt, number, notation, copies: received };
    const transitions = documentTransitions(doc);
    await activities.recordTransition(transitions.issued);
    for (const copy of transitions.copies) for (const transition of copy.transitions) await activities.recordTransition(transition);
    return doc;
  }

  beforeAll(async () => {
    process.env.INTAKE_FIGURES_REFRESH_MS = '200';
    h = await startIntakeHarness();
    await organisations([
      [P, 'province', 'TW'],
      [A, 'commune', P],
      [B, 'commune', P],
      [AVP, 'office', A],
      [S, 'province', 'TW'],
      [S1, 'commune', S],
      [S2, 'commune', S],
      [S1VP, 'office', S1],
    ]);
    projection = await startFiguresProjection(h.ctx, { group: `it-intake-figures-${suffix}` });
    publisher = await h.ctx.bus.publisher();
    lifecycle = new Lifecycle(createLogger({ test: 'figures' }, 'silent'));
    lifecycle.onStop('projection', () => projection.stop());
    lifecycle.onStop('publisher', () => publisher.close());
    // The API exactly as intake's process builds it: figures loaded into memory, following the journal.
    server = await listen(await createApiApp(intakeService, h.ctx, lifecycle, { ...loadEdgeSettings('intake', {}), ratePerSecond: 10_000, rateBurst: 10_000 }), '127.0.0.1', 0);

    // The last second of day D and the first of D + 1, in Vietnam, among the arrivals.
    await issueAndReceive(P, 'NQ', at(D, '10:00:00'), [
      [A, at(D, '23:59:59'), { kind: 'done', deadline: endOf(addDays(D, 10)), doneAt: at(D1, '03:00:00') }],
      [B, at(D1, '00:00:00'), { kind: 'open', deadline: endOf(D1) }],
    ]);
    await issueAndReceive(P, 'CT', at(D1, '08:00:00'), [
      [A, at(D1, '08:05:00'), { kind: 'accepted' }],
      [B, at(D1, '08:10:00'), { kind: 'done', deadline: endOf(addDays(D1, 10)), doneAt: at(D1, '10:10:00') }],
    ]);
    await issueAndReceive(A, 'BC', at(D1, '09:00:00'), [
      [P, at(D1, '09:05:00'), { kind: 'open', deadline: endOf(addDays(today, 1)) }],
      [AVP, at(D1, '09:06:00'), { kind: 'refused' }],
    ]);
  }, 180_000);

  afterAll(async () => {
    delete process.env.INTAKE_FIGURES_REFRESH_MS;
    await server?.close();
    await lifecycle?.stop();
    // The drafts' lifecycles wait for a submit that will not come.
    for (const id of workflows) await h?.ctx.temporal.workflow.getHandle(id).terminate('test over').catch(() => undefined);
    await h?.stop();
  }, 60_000);

  const period = () => `from=${D}&to=${D1}`;

  it('counts what the events say, equal to what the registers list for the same documents', async () => {
    const figures = await eventually('the three documents in the figures', async () => {
      const f = await get<DocumentFigures>(`/v1/figures/documents?${period()}`, leader(P));
      return f.totals.issued === 3 && f.totals.received === 6 ? f : undefined;
    });
    expect(figures.organisations.map((o) => [o.org, o.issued, o.received])).toEqual([
      [P, 2, 1],
      [A, 1, 2],
      [B, 0, 2],
      [AVP, 0, 1],
    ]);
    // The arrival in the last second of D counts on D; the one at midnight on D + 1.
    expect(figures.days).toEqual(
      expect.arrayContaining([
        { day: D, org: A, type: 'NQ', issued: 0, received: 1 },
        { day: D1, org: B, type: 'NQ', issued: 0, received: 1 },
      ]),
    );

    const fromRegisters: Array<{ day: string; org: string; type: string; issued?: number; received?: number }> = [];
    for (const org of [P, A, B, AVP]) {
      const outgoing = await get<{ items: Array<{ issuedAt: string; type: string }> }>(`/v1/registers/outgoing?org=${org}&${period()}`, as.admin);
      for (const row of outgoing.items) fromRegisters.push({ day: vietnamDay(Date.parse(row.issuedAt)), org, type: row.type, issued: 1 });
      const incoming = await get<{ items: Array<{ arrivedAt: string; type: string }> }>(`/v1/registers/incoming?org=${org}&${period()}`, as.admin);
      for (const row of incoming.items) fromRegisters.push({ day: vietnamDay(Date.parse(row.arrivedAt)), org, type: row.type, received: 1 });
    }
    expect(tally(figures.days)).toEqual(tally(fromRegisters));
    // Never a subject, however the document was titled.
    expect(JSON.stringify(figures)).not.toContain('Báo cáo số liệu');
  });

  it('gives processing times from arrival to done, and what is near or past its deadline', async () => {
    const processing = await get<ProcessingFigures>(`/v1/figures/processing?${period()}`, leader(P));
    const row = (org: string) => processing.organisations.find((o) => o.org === org);
    expect(row(A)).toMatchObject({ completed: 1, p50Seconds: 3 * 3600 + 1, p90Seconds: 3 * 3600 + 1 });
    expect(row(B)).toMatchObject({ completed: 1, p50Seconds: 2 * 3600, p90Seconds: 2 * 3600 });
    expect(processing.totals).toEqual({ completed: 2, p50Seconds: 2 * 3600, p90Seconds: 3 * 3600 + 1 });

    const deadlines = await get<DeadlineFigures>(`/v1/figures/deadlines?org=${P}&withinDays=2`, leader(P));
    expect(deadlines.organisations.map((o) => [o.org, o.near, o.past])).toEqual([
      [P, 1, 0],
      [A, 0, 0],
      [B, 0, 1],
      [AVP, 0, 0],
    ]);
  });

  it("drills down to a commune for its leader, and refuses them the province and the other commune; clerks and specialists have none", async () => {
    const own = await get<DocumentFigures>(`/v1/figures/documents?${period()}`, leader(A));
    expect(own.organisations.map((o) => [o.org, o.issued, o.received])).toEqual([
      [A, 1, 2],
      [AVP, 0, 1],
    ]);
    for (const org of [P, B]) {
      const refused = await call(`/v1/figures/deadlines?org=${org}`, leader(A));
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ reason: 'outside-hierarchy', field: 'org' });
    }
    for (const role of ['clerk', 'specialist'] as const) expect((await call(`/v1/figures/documents?org=${A}`, { userId: `${role}-a`, orgCode: A, role })).status).toBe(403);
    const bad = await call(`/v1/figures/documents?from=${D1}&to=${D}`, leader(P));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'to' });
  });

  it("answers for documents seeded straight onto the topic (the benchmark's way), and a second seeding changes nothing", async () => {
    const now = Date.now();
    const plan: FigureSeedPlan = { run: `fg-${suffix}`, documents: 60, issuers: [S, S1], recipients: [S, S1, S2, S1VP], now };
    const seeded = await seedFigureEvents(publisher, plan);
    expect(seeded).toMatchObject({ documents: 60, copies: 120 });

    // What the plan says, counted here on its own.
    const docs = Array.from({ length: plan.documents }, (_, i) => plannedDocument(plan, i));
    const copies = docs.flatMap((d) => d.copies);
    const durations = copies.flatMap((c) => (c.outcome.kind === 'done' ? [Math.round((c.outcome.doneAt - c.arrivedAt) / 1000)] : []));
    const horizon = vietnamDayStart(addDays(vietnamDay(now), 3));
    const open = copies.flatMap((c) => (c.outcome.kind === 'open' ? [Date.parse(c.outcome.deadline)] : []));
    const from = addDays(vietnamDay(now), -34);
    const to = vietnamDay(now);

    const documents = await eventually('the seeded documents in the figures', async () => {
      const f = await get<DocumentFigures>(`/v1/figures/documents?org=${S}&from=${from}&to=${to}`, leader(S));
      return f.totals.issued === 60 && f.totals.received === 120 ? f : undefined;
    });
    const perOrg = (org: string) => [org, docs.filter((d) => d.issuer === org).length, copies.filter((c) => c.org === org).length];
    expect(documents.organisations.map((o) => [o.org, o.issued, o.received])).toEqual([perOrg(S), perOrg(S1), perOrg(S2), perOrg(S1VP)]);

    const processing = await get<ProcessingFigures>(`/v1/figures/processing?org=${S}&from=${from}&to=${to}`, leader(S));
    expect(processing.totals).toEqual({ completed: durations.length, p50Seconds: nearestRank(durations, 0.5), p90Seconds: nearestRank(durations, 0.9) });
    const asOf = encodeURIComponent(new Date(now).toISOString());
    const deadlines = await get<DeadlineFigures>(`/v1/figures/deadlines?org=${S}&withinDays=2&asOf=${asOf}`, leader(S));
    expect(deadlines.totals).toEqual({ past: open.filter((d) => d < now).length, near: open.filter((d) => d >= now && d < horizon).length });
    expect(deadlines.totals.past + deadlines.totals.near).toBeGreaterThan(0);

    // The same events again (a producer's retry, a replay): nothing changes once they are read.
    const before = projection.stats.events;
    await seedFigureEvents(publisher, plan);
    await eventually('the second seeding read', async () => (projection.stats.events >= before + seeded.events ? true : undefined));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await get<DocumentFigures>(`/v1/figures/documents?org=${S}&from=${from}&to=${to}`, leader(S))).toMatchObject({ totals: documents.totals, days: documents.days });
    expect((await get<ProcessingFigures>(`/v1/figures/processing?org=${S}&from=${from}&to=${to}`, leader(S))).totals).toEqual(processing.totals);

    const started = performance.now();
    await get<DocumentFigures>(`/v1/figures/documents?org=${S}&from=${from}&to=${to}`, leader(S));
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
