import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SERVICE_TOKEN_SECRET, issueServiceToken, issueToken, SERVICE_NAMES, SERVICE_ROLES, TOPICS, type Role } from '@vanthu/shared';
import { dropDatabasesEndingWith } from '../../deploy/local/src/databases';
import { REPO_ROOT, stackPaths } from '../../deploy/local/src/paths';
import { serviceSpecs, startServices, stopServices, type RunningService, type ServicesOptions } from '../../deploy/local/src/services';
import { ApiClient } from '../../deploy/local/src/scenario/http-client';
import { demoClients, demoToken, pdfShowing, runLifecycleScenario, SCENARIO_LISTENERS, type ScenarioResult } from '../../deploy/local/src/scenario/lifecycle-scenario';
import { LiveNotifications } from '../../deploy/local/src/scenario/live-notifications';
import {
  describeHits,
  mailText,
  needles,
  newMarker,
  plantKafkaControl,
  plantMongoControl,
  runningSince,
  scanKafka,
  scanLogs,
  scanMails,
  scanMongo,
  scanTemporal,
  scanWebhooks,
  startMailServer,
  startWebhookReceiver,
  logSizes,
  workflowsSince,
  findNeedles,
  type Hit,
  type ScanReport,
  type WorkflowRef,
} from './support/leak-scan';
import { apiUrl, DATABASE_SUFFIX, PORT_OFFSET } from './support/system';

/*
 * Issue 13's acceptance test: a Tuyệt mật resolution whose subject, PDF text, attachment, return
 * reason, approval comment and reports carry a unique marker goes through its whole life on the
 * real stack, and the marker is then looked for everywhere the system keeps or sends bytes. A
 * second marker, put where a leak would be (a non-secret document's texts, and plants in a scratch
 * topic, database, workflow and log line), must be found by each scanner: the scan cannot pass by
 * looking nowhere.
 */

const env = {
  temporal: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'vanthu-test',
  kafka: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  mongo: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017',
};
const PORTAL = 'https://portal.vanthu.example';
const CONTROL_TOPIC = 'vanthu.e2e.leak-scan-control';
const CONTROL_DATABASE = `vanthu_leakscan${DATABASE_SUFFIX}`;
const LOGS = stackPaths().logs;

const SECRET = newMarker('TMLEAK');
const CONTROL = newMarker('CTRLMK');
const secretText = {
  subject: `Nghị quyết về công tác bảo vệ chính trị nội bộ ${SECRET}`,
  pdfText: `NOI DUNG TUYET MAT ${SECRET}`,
  revisedPdfText: `NOI DUNG TUYET MAT (SUA DOI) ${SECRET}`,
  attachment: `Phụ lục tuyệt mật: danh sách cán bộ ${SECRET}\n`,
  returnReason: `Đề nghị bổ sung phụ lục ${SECRET}`,
  approveComment: `Đồng ý trình ký ${SECRET}`,
  report: (org: string) => `Đã quán triệt tại ${org}: ${SECRET}`,
};

/** As test/e2e/support/system.ts starts them, with every log line written (debug) and notify's channels pointed at our receivers. */
function systemOptions(extraEnv: Record<string, string>): ServicesOptions {
  return {
    paths: stackPaths(),
    env: { TEMPORAL_ADDRESS: env.temporal, TEMPORAL_NAMESPACE: env.namespace, KAFKA_BROKERS: env.kafka.join(','), MONGO_URL: env.mongo, NODE_ENV: 'test', LOG_LEVEL: 'debug', ...extraEnv },
    portOffset: PORT_OFFSET,
    label: 'e2e',
    databaseSuffix: DATABASE_SUFFIX,
  };
}

const token = (userId: string, orgCode: string, role: Role) => issueToken(DEVELOPMENT_JWT_SECRET, { userId, orgCode, role }, 3600);
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

// --- Temporal payloads, read raw, sent to the codec endpoint ---------------------------------

type RawPayload = temporal.api.common.v1.IPayload;

async function rawHistory(connection: Connection, workflowId: string): Promise<temporal.api.history.v1.IHistoryEvent[]> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await connection.workflowService.getWorkflowExecutionHistory({ namespace: env.namespace, execution: { workflowId }, ...(nextPageToken && { nextPageToken }) });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

/** Every Payload inside a history event (inputs, results, Update arguments, memo, failures…). */
function payloadsIn(value: unknown, found: RawPayload[] = []): RawPayload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
  const candidate = value as { metadata?: Record<string, Uint8Array>; data?: Uint8Array };
  if (candidate.metadata && candidate.metadata.encoding instanceof Uint8Array) {
    found.push(candidate);
    return found;
  }
  for (const child of Object.values(value)) payloadsIn(child, found);
  return found;
}

const workflowOf = (p: RawPayload) => (p.metadata?.['vanthu-workflow-id'] ? Buffer.from(p.metadata['vanthu-workflow-id']).toString('utf8') : undefined);
const encodingOf = (p: RawPayload) => Buffer.from(p.metadata?.encoding ?? []).toString('utf8');

const asJson = (p: RawPayload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

interface DecodeAnswer {
  status: number;
  payloads: Array<{ encoding: string; data: Buffer }>;
  body: string;
}

async function decode(payloads: RawPayload[], authorization?: string, namespace = env.namespace): Promise<DecodeAnswer> {
  const call = () =>
    fetch(`${apiUrl('intake')}/v1/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': namespace, ...(authorization && { authorization: `Bearer ${authorization}` }) },
      body: JSON.stringify({ payloads: payloads.map(asJson) }),
    });
  let res = await call();
  // Each caller is rate-limited (20/s): told to come back, as the UI would.
  for (let attempt = 0; res.status === 429 && attempt < 20; attempt++) {
    await res.body?.cancel();
    await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000);
    res = await call();
  }
  const body = await res.text();
  const decoded = res.ok ? ((JSON.parse(body) as { payloads: Array<{ metadata: Record<string, string>; data: string }> }).payloads ?? []) : [];
  return {
    status: res.status,
    body,
    payloads: decoded.map((p) => ({ encoding: Buffer.from(p.metadata.encoding ?? '', 'base64').toString('utf8'), data: Buffer.from(p.data, 'base64') })),
  };
}

/** The arguments of the first accepted Update of that name, as stored in the raw history. */
function updateArgs(events: temporal.api.history.v1.IHistoryEvent[], name: string): RawPayload[] {
  const accepted = events.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name);
  const args = accepted?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads;
  if (!args?.length) throw new Error(`no accepted ${name} Update in the history`);
  return args;
}

const JWE_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

describe('a Tuyệt mật document through its whole life leaves its texts nowhere in clear (real Temporal, Kafka, MongoDB, SMTP, webhooks)', () => {
  let running: RunningService[] = [];
  let connection: Connection | undefined;
  let live: LiveNotifications | undefined;
  let mail: Awaited<ReturnType<typeof startMailServer>> | undefined;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;

  let result: ScenarioResult;
  let controlDocumentId: string;
  let controlWorkflowId: string;
  const since = new Date();
  const reads: Record<string, unknown> = {};
  const codec: Record<string, DecodeAnswer> = {};
  let returnArgs: DecodeAnswer;
  const decodedLeaks: Array<{ workflowId: string; reader: string; status: number; hits: string[] }> = [];
  let reports: ScanReport[] = [];
  let mongoErrors: string[] = [];
  let touched: WorkflowRef[] = [];
  let stillRunning: WorkflowRef[] = [];

  const secretHits = () => reports.flatMap((r) => r.hits).filter((h) => h.marker === SECRET);
  const controlHits = (scanner: Hit['scanner']) => reports.flatMap((r) => r.hits).filter((h) => h.marker === CONTROL && h.scanner === scanner);

  beforeAll(async () => {
    const logsBefore = logSizes(LOGS);
    mail = await startMailServer();
    hooks = await startWebhookReceiver();
    const options = systemOptions({ SMTP_URL: mail.url, NOTIFY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', NOTIFY_PORTAL_URL: PORTAL });
    // Each run starts from empty databases of its own (the scratch control database included).
    await dropDatabasesEndingWith(env.mongo, DATABASE_SUFFIX);
    running = await startServices(options);
    connection = await Connection.connect({ address: env.temporal });

    // Every organisation of the flow has a webhook for all its events, as a partner system would.
    for (const [userId, org] of [['bs-admin', 'BS-TU'], ['tl-admin', 'BS-TL-DU'], ['hb-admin', 'BS-HB-DU']] as const) {
      const res = await fetch(`${apiUrl('notify')}/v1/webhooks`, {
        method: 'POST',
        headers: { ...bearer(token(userId, org, 'admin')), 'content-type': 'application/json' },
        body: JSON.stringify({ url: hooks.url, eventTypes: [], description: 'leak test' }),
      });
      if (res.status !== 201) throw new Error(`webhook for ${org}: ${res.status} ${await res.text()}`);
    }
    live = await LiveNotifications.open(apiUrl('notify'), DEVELOPMENT_JWT_SECRET, SCENARIO_LISTENERS);

    const c = demoClients(apiUrl('intake'), DEVELOPMENT_JWT_SECRET, apiUrl('signing'));
    // The control: a non-secret document with the control marker in the same places, returned
    // (its reason goes to the author by e-mail, and to webhooks in the event) and then rejected.
    const control = async () => {
      const form = new FormData();
      form.append(
        'metadata',
        new Blob([JSON.stringify({ type: 'TB', subject: `Thông báo kiểm soát ${CONTROL}`, signer: { userId: 'bs-secretary', authority: 'none' }, approvers: ['bs-deputy'], recipients: ['BS-TL-DU'], urgency: 'normal', secrecy: 'none' })], {
          type: 'application/json',
        }),
      );
      form.append('content', await pdfShowing('THONG BAO', `CONTROL ${CONTROL}`), 'tb.pdf');
      form.append('attachments', new Blob([Buffer.from(`Phụ lục kiểm soát ${CONTROL}\n`)], { type: 'text/plain' }), 'phu-luc.txt');
      const doc = await c.specialist.request<{ id: string; workflowId: string }>('POST', '/v1/documents', form, { 'Idempotency-Key': randomUUID() });
      controlDocumentId = doc.id;
      controlWorkflowId = doc.workflowId;
      await c.specialist.post(`/v1/documents/${doc.id}/submit`);
      await c.deputy.post(`/v1/documents/${doc.id}/return`, { reason: `Kiểm soát: trả lại ${CONTROL}` });
      await c.specialist.request('PATCH', `/v1/documents/${doc.id}`, { dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }, { 'Idempotency-Key': randomUUID() });
      await c.deputy.post(`/v1/documents/${doc.id}/reject`, { reason: `Kiểm soát: không thông qua ${CONTROL}` });
    };
    const secret = async () => {
      result = await runLifecycleScenario({
        apiUrl: apiUrl('intake'),
        signingUrl: apiUrl('signing'),
        jwtSecret: DEVELOPMENT_JWT_SECRET,
        live,
        archiveTimeoutMs: 120_000,
        secrecy: 'tuyet-mat',
        subject: secretText.subject,
        pdfText: secretText.pdfText,
        revisedPdfText: secretText.revisedPdfText,
        attachment: { filename: 'phu-luc.txt', contentType: 'text/plain; charset=utf-8', data: secretText.attachment },
        returnReason: secretText.returnReason,
        approveComment: secretText.approveComment,
        report: secretText.report,
      });
    };
    await Promise.all([secret(), control()]);

    // Plants of the control marker where each scanner must find it.
    await plantKafkaControl(env.kafka, CONTROL_TOPIC, CONTROL);
    await plantMongoControl(env.mongo, CONTROL_DATABASE, CONTROL);
    const plain = new Client({ connection, namespace: env.namespace }); // no codec: the payload is JSON in clear
    const planted = await plain.workflow.start('leakScanControl', { taskQueue: 'e2e-leak-scan-control', workflowId: `e2e-leak-scan-control-${randomUUID()}`, args: [{ note: `control ${CONTROL}` }] });
    await planted.terminate('control planted by the leak test');
    // An access-log line: the services must log at a level where a request's URL is written.
    await fetch(`${apiUrl('intake')}/v1/documents/${CONTROL}`, { headers: bearer(demoToken(DEVELOPMENT_JWT_SECRET, 'bs-clerk')) });

    // Let everything the two documents set off finish: notify's webhooks and e-mails, each in a workflow.
    const id = result.document.id;
    await eventually('the archived event at the webhook', 60_000, () => hooks!.calls.find((call) => call.body.includes(`"document.archived"`) && call.body.includes(id)));
    await eventually('the control document’s rejection at the webhook', 60_000, () => hooks!.calls.find((call) => call.body.includes(`"document.rejected"`) && call.body.includes(controlDocumentId)));
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(500)) {
      stillRunning = await runningSince(connection, env.namespace, since);
      if (stillRunning.length === 0) break;
    }
    await sleep(1_500);

    // What authorised users read: the texts are in the system, sealed, and open to them.
    const author = new ApiClient(apiUrl('intake'), demoToken(DEVELOPMENT_JWT_SECRET, 'bs-specialist'));
    reads.document = await author.get(`/v1/documents/${id}`);
    const tlClerk = new ApiClient(apiUrl('intake'), demoToken(DEVELOPMENT_JWT_SECRET, 'tl-clerk'));
    const copy = await tlClerk.get<{ content: { sha256: string }; attachments: Array<{ sha256: string }> }>(`/v1/incoming/${id}@BS-TL-DU`);
    const download = async (sha: string) => Buffer.from(await (await fetch(`${apiUrl('intake')}/v1/incoming/${id}@BS-TL-DU/blobs/${sha}`, { headers: bearer(demoToken(DEVELOPMENT_JWT_SECRET, 'tl-clerk')) })).arrayBuffer());
    reads.copyContent = await download(copy.content.sha256);
    reads.copyAttachment = await download(copy.attachments[0]!.sha256);
    const hbHandler = result.handlers['BS-HB-DU']!;
    reads.hbCopy = await new ApiClient(apiUrl('intake'), demoToken(DEVELOPMENT_JWT_SECRET, hbHandler)).get(`/v1/incoming/${id}@BS-HB-DU`);

    // The codec endpoint, with payloads taken from the raw history.
    const documentEvents = await rawHistory(connection, result.document.workflowId);
    const returnPayloads = updateArgs(documentEvents, 'returnForRevision');
    codec.author = await decode(returnPayloads, demoToken(DEVELOPMENT_JWT_SECRET, 'bs-specialist'));
    codec.clerk = await decode(returnPayloads, demoToken(DEVELOPMENT_JWT_SECRET, 'bs-clerk'));
    codec.security = await decode(returnPayloads, demoToken(DEVELOPMENT_JWT_SECRET, 'bs-security'));
    codec.admin = await decode(returnPayloads, demoToken(DEVELOPMENT_JWT_SECRET, 'bs-admin'));
    codec.otherOrgClerk = await decode(returnPayloads, demoToken(DEVELOPMENT_JWT_SECRET, 'tl-clerk'));
    codec.service = await decode(returnPayloads, issueServiceToken(DEVELOPMENT_SERVICE_TOKEN_SECRET, 'operator', 'vanthu-intake'));
    codec.anonymous = await decode(returnPayloads);
    codec.otherNamespace = await decode(returnPayloads, demoToken(DEVELOPMENT_JWT_SECRET, 'bs-specialist'), 'vanthu-elsewhere');
    returnArgs = codec.author;
    const hbEvents = await rawHistory(connection, `incoming-${id}@BS-HB-DU`);
    const completePayloads = updateArgs(hbEvents, 'complete');
    codec.hbHandler = await decode(completePayloads, demoToken(DEVELOPMENT_JWT_SECRET, hbHandler));
    codec.hbUncleared = await decode(completePayloads, demoToken(DEVELOPMENT_JWT_SECRET, 'hb-specialist'));
    codec.hbFromTl = await decode(completePayloads, demoToken(DEVELOPMENT_JWT_SECRET, 'tl-clerk'));

    // Every payload of every workflow the test touched, decoded by someone allowed to read it:
    // even decoded, a secret document's free text is a JWE, never the marker.
    touched = await workflowsSince(connection, env.namespace, since, [result.document.workflowId, `incoming-${id}@BS-TL-DU`, `incoming-${id}@BS-HB-DU`, controlWorkflowId]);
    // Documents: their author; copies: the recipient's clerk desk; notify's deliveries and payloads of no workflow: an admin.
    const readerOf = (workflowId: string) =>
      workflowId.startsWith('document-') ? 'bs-specialist' : workflowId.endsWith('@BS-TL-DU') ? 'tl-clerk' : workflowId.endsWith('@BS-HB-DU') ? 'hb-clerk' : 'bs-admin';
    const secretNeedles = needles(SECRET);
    for (const wf of touched) {
      const payloads = (await rawHistory(connection, wf.workflowId)).flatMap((e) => payloadsIn(e)).filter((p) => encodingOf(p) === 'binary/encrypted');
      const byWorkflow = new Map<string, RawPayload[]>();
      for (const p of payloads) byWorkflow.set(workflowOf(p) ?? '', [...(byWorkflow.get(workflowOf(p) ?? '') ?? []), p]);
      for (const [owner, group] of byWorkflow) {
        for (let i = 0; i < group.length; i += 50) {
          const reader = readerOf(owner);
          const answer = await decode(group.slice(i, i + 50), demoToken(DEVELOPMENT_JWT_SECRET, reader));
          const hits = answer.payloads.flatMap((p, n) => findNeedles(p.data, secretNeedles).map((h) => `payload ${i + n} [${h.needle.form}]: ${p.data.toString('utf8').slice(0, 300)}`));
          if (answer.status !== 200 || hits.length > 0) decodedLeaks.push({ workflowId: `${wf.workflowId} (payloads of ${owner || 'no workflow'})`, reader, status: answer.status, hits });
        }
      }
    }

    // Stopped before the scan, so every log line is on disk and nothing more is written.
    live.close();
    live = undefined;
    await stopServices(running);
    running = [];

    const scanStarted = performance.now();
    const all = [...needles(SECRET), ...needles(CONTROL)];
    const serviceLogs = serviceSpecs(options).map((s) => basename(s.logFile));
    const [kafka, temporalReport, mongo] = await Promise.all([
      scanKafka(env.kafka, all),
      scanTemporal(connection, env.namespace, await workflowsSince(connection, env.namespace, since, [planted.workflowId]), all),
      scanMongo(env.mongo, all),
    ]);
    mongoErrors = mongo.errors;
    console.log(`leak scan of Kafka, Temporal and MongoDB: ${Math.round(performance.now() - scanStarted)} ms`);
    reports = [kafka, temporalReport, mongo, scanLogs(LOGS, all, logsBefore, serviceLogs), scanWebhooks(hooks.calls, all), scanMails(mail.mails, all)];
    // Where it looked and what it found, for whoever reads a failure (CI keeps .test-results).
    mkdirSync(join(REPO_ROOT, '.test-results'), { recursive: true });
    writeFileSync(
      join(REPO_ROOT, '.test-results', 'secret-leak-scan.txt'),
      [`secret marker ${SECRET}, control marker ${CONTROL}, document ${result.document.id}`, ...reports.flatMap((r) => [`\n== ${r.scanner}: ${r.items} items, ${r.bytes} bytes`, ...r.places, '-- hits:', describeHits(r.hits)])].join('\n'),
    );
    for (const r of reports) console.log(`leak scan, ${r.scanner}: ${r.items} items, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.places.length} places; secret marker ${r.hits.filter((h) => h.marker === SECRET).length} hits, control marker ${r.hits.filter((h) => h.marker === CONTROL).length} hits`);
  }, 420_000);

  afterAll(async () => {
    live?.close();
    await stopServices(running);
    await connection?.close();
    await mail?.close();
    await hooks?.close();
  }, 60_000);

  it('took the secret document through its whole life: returned, revised, approved, signed, issued, processed at both communes, archived', () => {
    const doc = result.document;
    expect(doc.status).toBe('archived');
    expect(doc.history.map((t) => t.action)).toEqual(['created', 'registered', 'review-started', 'returned', 'revised', 'review-started', 'approved', 'signed', 'issued', 'distributed', 'archived']);
    expect(doc.recipients.map((r) => [r.org, r.status])).toEqual([
      ['BS-TL-DU', 'done'],
      ['BS-HB-DU', 'done'],
    ]);
    // Hòa Bình's demo handler is cleared only for Mật: someone cleared for Tuyệt mật handles it.
    expect(result.handlers).toEqual({ 'BS-TL-DU': 'tl-specialist', 'BS-HB-DU': 'hb-secretary' });
    expect(stillRunning.map((w) => w.workflowId)).toEqual([]);
  });

  it('keeps every marked text, open to those in its flow: subject, reason, comment, PDF text, attachment, report', () => {
    const doc = reads.document as { subject: string; history: Array<{ action: string; note?: string }> };
    expect(doc.subject).toBe(secretText.subject);
    expect(doc.history.find((t) => t.action === 'returned')?.note).toBe(secretText.returnReason);
    expect(doc.history.find((t) => t.action === 'approved')?.note).toBe(secretText.approveComment);
    // The signed PDF a commune received shows the revised text (a PDF literal: its parentheses escaped).
    expect((reads.copyContent as Buffer).toString('latin1')).toContain(`(NOI DUNG TUYET MAT \\(SUA DOI\\) ${SECRET}) Tj`);
    expect((reads.copyAttachment as Buffer).toString('utf8')).toBe(secretText.attachment);
    expect((reads.hbCopy as { report?: string }).report).toBe(secretText.report('BS-HB-DU'));
  });

  it('finds the control marker with every scanner, where it was put (so a leak could not go unseen)', () => {
    const where = (scanner: Hit['scanner']) => controlHits(scanner).map((h) => `${h.where} [${h.form}]`);
    const summary = reports.map((r) => `${r.scanner}:\n  ${r.places.join('\n  ')}`).join('\n');
    expect({ summary: summary.length > 0, mongoErrors }).toEqual({ summary: true, mongoErrors: [] });
    const kafka = where('kafka');
    expect(kafka).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${CONTROL_TOPIC.replace(/\./g, '\\.')}/0@\\d+ value .*\\[utf8\\]$`)), expect.stringMatching(/ key .*\[utf16le\]$/), expect.stringMatching(/ header x-control .*\[base64(url)?@\d\]$/)]));
    expect(kafka.some((w) => w.startsWith(`${TOPICS.documentEvents.name}/`))).toBe(true);
    expect(where('temporal')).toEqual(expect.arrayContaining([expect.stringMatching(/^e2e-leak-scan-control-.* EVENT_TYPE_WORKFLOW_EXECUTION_STARTED /)]));
    const mongo = where('mongo');
    expect(mongo).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${CONTROL_DATABASE}\\.control _id=.*\\[base64(url)?@2\\]$`)),
        expect.stringMatching(new RegExp(`^${CONTROL_DATABASE}\\.control _id=.*\\[utf16le\\]$`)),
        expect.stringMatching(new RegExp(`^${CONTROL_DATABASE}\\.control file .* \\(reassembled\\) .*\\[utf8\\]$`)),
        expect.stringMatching(new RegExp(`^vanthu_intake${DATABASE_SUFFIX}\\.documents _id="?${controlDocumentId}"? .*\\[utf8\\]$`)),
      ]),
    );
    // The control document's PDF and attachment, stored in clear as any non-secret file is.
    expect(mongo.filter((w) => /\.chunks _id=|\(reassembled\)/.test(w) && !w.startsWith(CONTROL_DATABASE)).length).toBeGreaterThanOrEqual(2);
    expect(where('logs')).toEqual(expect.arrayContaining([expect.stringMatching(/^intake-api-e2e\.log:\d+ \[utf8\]$/)]));
    expect(where('webhooks').length).toBeGreaterThanOrEqual(1);
    expect(where('email').length).toBeGreaterThanOrEqual(1);
  });

  it('scanned what the secret document went through: its workflows, webhooks and e-mails about it', () => {
    const id = result.document.id;
    const temporalPlaces = reports.find((r) => r.scanner === 'temporal')!.places.join('\n');
    for (const wf of [`document-${id}`, `incoming-${id}@BS-TL-DU`, `incoming-${id}@BS-HB-DU`]) expect(temporalPlaces).toContain(`${wf} (`);
    // Deliveries of notify (webhooks, e-mails) and the archive's workflows too, not only the lifecycle's.
    expect(touched.length).toBeGreaterThan(5);
    expect(hooks!.calls.filter((call) => call.body.includes(id)).length).toBeGreaterThanOrEqual(10);
    expect(mail!.mails.filter((m) => mailText(m).includes(id)).length).toBeGreaterThanOrEqual(3);
    const logs = reports.find((r) => r.scanner === 'logs')!;
    // Every service process's log, API and worker alike, was read.
    expect(logs.places.filter((p) => /-e2e\.log: [1-9]/.test(p)).length).toBe(SERVICE_NAMES.length * SERVICE_ROLES.length);
  });

  it('finds the secret marker nowhere: not in Kafka, raw Temporal history, any database, any log, webhook or e-mail', () => {
    const hits = secretHits();
    if (hits.length > 0) console.log(`secret marker ${SECRET} found ${hits.length} times:\n${describeHits(hits)}`);
    expect(hits.map((h) => `${h.scanner}: ${h.where} [${h.form}]`)).toEqual([]);
  });

  it('decodes a workflow’s payloads for someone in its flow through the codec endpoint, and for nobody else', () => {
    const statuses = Object.fromEntries(Object.entries(codec).map(([who, a]) => [who, a.status]));
    expect(statuses).toEqual({
      author: 200,
      clerk: 200,
      security: 403,
      admin: 403,
      otherOrgClerk: 403,
      service: 403,
      anonymous: 401,
      otherNamespace: 404,
      hbHandler: 200,
      hbUncleared: 403,
      hbFromTl: 403,
    });
    // The clear text: the actor who returned it, in JSON; the reason itself stays a sealed JWE.
    const [actor, reason] = returnArgs.payloads;
    expect(actor?.encoding).toBe('json/plain');
    expect(JSON.parse(actor!.data.toString('utf8'))).toMatchObject({ userId: 'bs-deputy', org: 'BS-TU' });
    const sealed = JSON.parse(reason!.data.toString('utf8')) as string;
    expect(sealed).toMatch(JWE_COMPACT);
    expect(sealed).not.toContain(SECRET);
    const report = JSON.parse(codec.hbHandler!.payloads[1]!.data.toString('utf8')) as string;
    expect(report).toMatch(JWE_COMPACT);
    for (const refused of ['security', 'admin', 'otherOrgClerk', 'hbUncleared', 'hbFromTl']) {
      expect(codec[refused]!.body).not.toContain(SECRET);
      expect(codec[refused]!.payloads).toEqual([]);
    }
  });

  it('holds no marker in clear even in decoded payloads, in any workflow the test touched', () => {
    expect(decodedLeaks).toEqual([]);
  });
});
