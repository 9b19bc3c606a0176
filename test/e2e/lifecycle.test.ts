import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { PDFDocument } from 'pdf-lib';
import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_JWT_SECRET, issueToken, temporalDataConverter } from '@vanthu/shared';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { checkEvent, DocumentAttributes, TOPICS, type DomainEvent } from '@vanthu/shared';
import type { RunningService } from '../../deploy/local/src/services';
import { demoClients, runLifecycleScenario, SCENARIO_LISTENERS, type ScenarioResult } from '../../deploy/local/src/scenario/lifecycle-scenario';
import { LiveNotifications } from '../../deploy/local/src/scenario/live-notifications';
import { apiUrl, DATABASE_SUFFIX, startSystem, stopServices } from './support/system';

const env = {
  temporal: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'vanthu-test',
  kafka: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  mongo: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017',
};

/** Reads the document events topic from the start until `until` says stop (or time runs out). */
async function eventsOf(documentId: string, until: (types: string[]) => boolean): Promise<Array<{ type: string; id: string; key?: string; event: DomainEvent }>> {
  const kafka = new Kafka({ brokers: env.kafka, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `e2e-${randomUUID()}` });
  const seen: Array<{ type: string; id: string; key?: string; event: DomainEvent }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.documentEvents.name, fromBeginning: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`events so far: ${seen.map((e) => e.type).join(', ')}`)), 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const event = JSON.parse(message.value!.toString()) as DomainEvent;
          if (event.subject !== documentId) return;
          seen.push({ type: event.type, id: event.id, event, ...(message.key && { key: message.key.toString() }) });
          if (until(seen.map((e) => e.type))) resolve();
        },
      });
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return seen;
}

describe('a document through its whole lifecycle, across the four running services', () => {
  let running: RunningService[] = [];
  let connection: Connection;
  let temporal: Client;
  let result: ScenarioResult;
  let live: LiveNotifications;

  beforeAll(async () => {
    running = await startSystem();
    connection = await Connection.connect({ address: env.temporal });
    temporal = new Client({ connection, namespace: env.namespace, dataConverter: temporalDataConverter() });
    // As the portals do: the users' live streams are open, and the scenario acts when notify tells them.
    live = await LiveNotifications.open(apiUrl('notify'), DEVELOPMENT_JWT_SECRET, SCENARIO_LISTENERS);
    result = await runLifecycleScenario({ apiUrl: apiUrl('intake'), jwtSecret: DEVELOPMENT_JWT_SECRET, live });
  }, 240_000);

  afterAll(async () => {
    live?.close();
    await connection?.close();
    await stopServices(running);
  }, 60_000);

  it('tells each recipient clerk of the arrival and the author of the archive on their live streams', async () => {
    const id = result.document.id;
    // Normally heard before the scenario ends; after a Kafka restart (the outage test) notify's
    // group first waits out the session of the member that was there before.
    const key = LiveNotifications.key;
    await live.allHeard([key('tl-clerk', 'document.received', `${id}@BS-TL-DU`), key('hb-clerk', 'document.received', `${id}@BS-HB-DU`), key('bs-specialist', 'document.archived', id)], 90_000);
  }, 100_000);

  it('is issued with a number, processed by both recipients and archived', () => {
    const doc = result.document;
    expect(doc.status).toBe('archived');
    expect(doc.notation).toMatch(/^\d{2,}-NQ\/TU$/);
    expect(doc.issuedAt).toMatch(/\+07:00$/);
    expect(doc.recipients.map((r) => [r.org, r.status, r.statusCode])).toEqual([
      ['BS-TL-DU', 'done', '06'],
      ['BS-HB-DU', 'done', '06'],
    ]);
    expect(result.incoming.every((i) => i.arrivalNumber > 0 && i.status === 'done')).toBe(true);
    expect(doc.history.map((t) => t.action)).toEqual(['created', 'registered', 'review-started', 'approved', 'signed', 'issued', 'distributed', 'archived']);
  });

  it('is found in Temporal by its search attributes, with activities run on every service it went through', async () => {
    const doc = result.document;
    const query = `DocumentNumber = "${doc.notation}" AND DocumentIssuer = "BS-TU" AND DocumentType = "NQ" AND DocumentStatus = "archived" AND DocumentUrgency = "khan" AND DocumentSecrecy = "none"`;
    let found: Array<{ id: string; number: unknown }> = [];
    // Temporal's visibility is eventually consistent, and the workflow records 'archived' in the
    // database before it upserts the status: look until it shows, for at most 15 s.
    for (const deadline = Date.now() + 15_000; !found.some((f) => f.id === doc.workflowId) && Date.now() < deadline; ) {
      found = [];
      for await (const wf of temporal.workflow.list({ query })) found.push({ id: wf.workflowId, number: wf.typedSearchAttributes.get(DocumentAttributes.number) });
      if (!found.some((f) => f.id === doc.workflowId)) await new Promise((r) => setTimeout(r, 250));
    }
    // Earlier test runs (on emptied databases) issued the same number in this namespace too.
    expect(found.map((f) => f.id)).toContain(doc.workflowId);
    expect(found.every((f) => f.number === doc.notation)).toBe(true);
    const history = await temporal.workflow.getHandle(doc.workflowId).fetchHistory();
    const queues = new Set(history.events?.map((e) => e.activityTaskScheduledEventAttributes?.taskQueue?.name).filter(Boolean));
    expect([...queues].sort()).toEqual(['archive', 'intake', 'signing']);
    const children = history.events?.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes).length;
    expect(children).toBe(2);
  });

  it('published each transition on Kafka, in order, keyed by the document id', async () => {
    const events = await eventsOf(result.document.id, (types) => types.includes('document.archived'));
    const types = events.map((e) => e.type);
    for (const expected of ['document.created', 'document.registered', 'document.approved', 'document.signed', 'document.issued', 'document.distributed', 'document.delivered', 'document.received', 'document.assigned', 'document.processing', 'document.processed', 'document.archived']) {
      expect(types).toContain(expected);
    }
    expect(types.indexOf('document.created')).toBe(0);
    expect(types.indexOf('document.issued')).toBeLessThan(types.indexOf('document.delivered'));
    expect(types[types.length - 1]).toBe('document.archived');
    expect(events.every((e) => e.key === result.document.id)).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // The contract test: every event we produced validates against its published JSON Schema.
    expect(events.map((e) => ({ id: e.id, check: checkEvent(e.event) }))).toEqual(events.map((e) => ({ id: e.id, check: { ok: true } })));
  });

  it('can be read by another system with its own client (kcat), with the headers our contract names', async () => {
    const { stdout } = await promisify(execFile)(
      'kcat',
      ['-C', '-b', env.kafka[0]!, '-t', TOPICS.documentEvents.name, '-o', 'beginning', '-e', '-q', '-J'],
      { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 },
    );
    const ours = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { key: string; payload: string; headers?: string[] })
      .filter((m) => m.key === result.document.id);
    expect(ours.length).toBeGreaterThanOrEqual(12);
    for (const message of ours) {
      const event = JSON.parse(message.payload) as DomainEvent;
      expect(checkEvent(event)).toEqual({ ok: true });
      // kcat -J lists headers as [name, value, name, value, ...].
      const headers = Object.fromEntries((message.headers ?? []).flatMap((v, i, all) => (i % 2 === 0 ? [[v, all[i + 1]]] : [])));
      expect(headers).toMatchObject({ 'event-id': event.id, 'event-type': event.type, 'event-version': '1', 'content-type': 'application/json' });
    }
  });

  it('left its records in the intake database and a package in the archive', async () => {
    const client = await mongoose.createConnection(env.mongo).asPromise();
    try {
      const intake = client.getClient().db(`vanthu_intake${DATABASE_SUFFIX}`);
      expect(await intake.collection('documents').findOne({ _id: result.document.id as never })).toMatchObject({ status: 'archived', notation: result.document.notation });
      expect(await intake.collection('incoming').countDocuments({ documentId: result.document.id, status: 'done' })).toBe(2);
      expect(await intake.collection('outbox').countDocuments({ aggregateId: result.document.id })).toBe(0);
    } finally {
      await client.close();
    }
    const archived = result.document as unknown as { archive?: { packageId: string } };
    const res = await fetch(`${apiUrl('archive')}/v1/packages/${(await lookupPackage(result.document.id)) ?? archived.archive?.packageId}`, { headers: archivist });
    expect(res.status).toBe(200);
  });

  it('refuses an action on an archived document with a 409 naming the reason', async () => {
    const c = demoClients(apiUrl('intake'), DEVELOPMENT_JWT_SECRET);
    await expect(c.deputy.post(`/v1/documents/${result.document.id}/approve`)).rejects.toMatchObject({ problem: { status: 409, reason: 'invalid-transition' } });
  });

  it('recalls an issued document: the unfinished copy is withdrawn, the finished one stays, and the recall is archived', async () => {
    const c = demoClients(apiUrl('intake'), DEVELOPMENT_JWT_SECRET);
    const form = new FormData();
    form.append('metadata', new Blob([JSON.stringify({ type: 'TB', subject: 'Thông báo sẽ thu hồi', signer: { userId: 'bs-secretary', authority: 'none' }, approvers: [], recipients: ['BS-TL-DU', 'BS-HB-DU'], urgency: 'hoa-toc' })], { type: 'application/json' }));
    const pdf = await PDFDocument.create();
    pdf.addPage();
    form.append('content', new Blob([Buffer.from(await pdf.save())], { type: 'application/pdf' }), 'tb.pdf');
    const doc = await c.specialist.request<{ id: string }>('POST', '/v1/documents', form, { 'Idempotency-Key': randomUUID() });
    await c.specialist.post(`/v1/documents/${doc.id}/submit`);
    await c.secretary.post(`/v1/documents/${doc.id}/sign`);
    await c.clerk.post(`/v1/documents/${doc.id}/issue`);
    const tl = c.recipient['BS-TL-DU']!;
    const copyId = `${doc.id}@BS-TL-DU`;
    for (let i = 0; i < 100; i++) {
      const copy = await tl.clerk.get<{ status: string }>(`/v1/incoming/${copyId}`).catch(() => undefined);
      if (copy?.status === 'accepted') break;
      await new Promise((r) => setTimeout(r, 150));
    }
    await tl.clerk.post(`/v1/incoming/${copyId}/assign`, { handler: tl.handlerId });
    await tl.handler.post(`/v1/incoming/${copyId}/complete`, { report: 'Đã xử lý' });

    const recalled = await c.clerk.post<{ status: string }>(`/v1/documents/${doc.id}/recall`, { reason: 'Ban hành nhầm đối tượng' });
    expect(recalled.status).toBe('recalled');
    let final: { status: string; recipients: Array<{ org: string; status: string; statusCode: string }>; history: Array<{ action: string; note?: string }> } | undefined;
    for (let i = 0; i < 200; i++) {
      final = await c.clerk.get(`/v1/documents/${doc.id}`);
      if (final?.status === 'archived') break;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(final?.status).toBe('archived');
    expect(final?.recipients.map((r) => [r.org, r.status, r.statusCode])).toEqual([
      ['BS-TL-DU', 'done', '06'],
      ['BS-HB-DU', 'recalled', '13'],
    ]);
    expect(final?.history.map((t) => t.action)).toContain('recalled');
    const withdrawn = await c.recipient['BS-HB-DU']!.clerk.get<{ status: string; content: unknown }>(`/v1/incoming/${doc.id}@BS-HB-DU`);
    expect(withdrawn.status).toBe('recalled');
  });
});

/** The province office's archivist: packages are read by archivists of the issuing organisation. */
const archivist = { authorization: `Bearer ${issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bs-archivist', orgCode: 'BS-TU', role: 'archivist' }, 3600)}` };

/** The archive's own search, by the document id, as the office's archivist would find the package. */
async function lookupPackage(documentId: string): Promise<string | undefined> {
  const res = await fetch(`${apiUrl('archive')}/v1/packages?documentId=${documentId}`, { headers: archivist });
  if (!res.ok) return undefined;
  const body = (await res.json()) as { items?: Array<{ packageId?: string; id?: string }> };
  const first = body.items?.[0];
  return first?.packageId ?? first?.id;
}
