import mongoose from 'mongoose';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  BLOB_DATABASE,
  createLogger,
  createMessageBus,
  DEVELOPMENT_JWT_SECRET,
  gridFsBlobStore,
  issueToken,
  KeyRing,
  loadServiceConfig,
  SERVICES,
  TOPICS,
  type TopicSpec,
} from '@vanthu/shared';
import { figuresGroupFor as intakeFiguresGroup, startFiguresProjection as startDocumentFigures } from '@vanthu/intake/dist/consumers/figures-projection';
import { figuresGroupFor as trackingFiguresGroup, startFiguresProjection as startTaskFigures } from '@vanthu/tracking/dist/consumers/figures-projection';
import { buildConsoleWeb, startConsole, type RunningConsole } from '../console';
import { dropDatabasesEndingWith } from '../databases';
import { stackPaths } from '../paths';
import { serviceSpecs, stopLeftovers, stopServices, type RunningService } from '../services';
import { BENCH_NAMESPACE, benchEnv, startBenchSystem } from './bench-system';
import { benchDocuments, ISSUER, RECIPIENTS } from './console/bench-documents';
import { BenchTopics } from './console/bench-topics';
import { launchBrowser, measurePageLoads, type PageLoads, type PageUnderTest } from './console/page-loads';
import { insertRegisterRecords, publishDocumentEvents } from './console/seed-documents';
import { percentile, report, type Figure } from './stats';
import { publishTasks } from './tracking/bulk-load';
import { demoHierarchyKnown } from './tracking/task-workflows';

/**
 * `npm run bench:console`: how soon the console's heaviest pages are usable at a province's scale,
 * in headless Chromium against the console server (its production bundle) and the ten service
 * processes on databases of the bench's own. Seeded first, without 10,000 lifecycles:
 *
 * - 10,000 documents the province issued to both its communes: intake's register records (the
 *   outgoing records, the 20,000 copies, a secret one's keys and sealed PDF) written in bulk
 *   through intake's record models, and the same documents' events (intake's figure seeder) on a
 *   topic of the bench's own, through intake's figures projection;
 * - 100,000 tasks the province assigned to its communes: their events (tracking's bench
 *   seeder) on a topic of the bench's own, through tracking's figures projection.
 *
 * Then each page, 10 loads: the province's clerk's outgoing register, a commune clerk's incoming
 * register, and the province secretary's operations centre; usable = the page's data drawn.
 */
const bounded = (name: string, fallback: number, max: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return value;
};
const DOCUMENTS = bounded('BENCH_DOCUMENTS', 10_000, 50_000);
const TASKS = bounded('BENCH_TASKS', 100_000, 500_000);
const LOADS = bounded('BENCH_LOADS', 10, 50);
/** The target: each page usable within 1.5 s (p50). */
const TARGET_MS = 1_500;
const PORT_OFFSET = 6000;
const LABEL = 'bench-console';
const SUFFIX = '_bench_console';
const env = benchEnv;
const logger = createLogger({ bench: 'console' }, 'warn');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** Seconds since `started` (performance.now()), for the seeding's lines. */
const since = (started: number) => (performance.now() - started) / 1000;

/** Vietnam's calendar day, `days` from today: the operations centre's default period is the 30 days to today. */
const vietnamDay = (days = 0) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

const FIGURE_TOTALS = ['documents-total-issued', 'documents-total-received', 'processing-total-completed', 'deadlines-total-near', 'deadlines-total-past', 'tasks-total-total'];

const REGISTER_SHOWN = `({
  rows: document.querySelectorAll('table tbody tr').length,
  status: document.querySelector('main [role=status]')?.textContent ?? '',
  first: [...document.querySelectorAll('table tbody tr:first-child td')].map((td) => td.textContent),
})`;

const PAGES: PageUnderTest[] = [
  {
    name: 'registers_outgoing',
    user: 'bs-clerk',
    path: '/registers',
    // A register line links its subject to the document: only a line with data does.
    ready: ['main table tbody tr:first-child a[href^="/documents/"]'],
    calls: ['/api/intake/v1/registers/outgoing'],
    shown: REGISTER_SHOWN,
  },
  {
    name: 'registers_incoming',
    user: 'tl-clerk',
    path: '/registers?kind=incoming',
    // The placeholder line ("loading", "none") is one cell wide; a register line has ten.
    ready: ['main table tbody tr:first-child td:nth-child(10)'],
    calls: ['/api/intake/v1/registers/incoming'],
    shown: REGISTER_SHOWN,
  },
  {
    name: 'operations',
    user: 'bs-secretary',
    path: '/operations',
    // Each figures block's total row: drawn only with the service's figures (pages/operations/figure-table.tsx).
    ready: ['documents-total-issued', 'processing-total-completed', 'deadlines-total-past', 'tasks-total-total'].map((id) => `[data-testid="figure-${id}"]`),
    calls: ['/api/intake/v1/figures/documents', '/api/intake/v1/figures/processing', '/api/intake/v1/figures/deadlines', '/api/tracking/v1/figures'],
    shown: `Object.fromEntries(${JSON.stringify(FIGURE_TOTALS)}.map((id) => [id, document.querySelector('[data-testid="figure-' + id + '"]')?.getAttribute('data-value') ?? null]))`,
  },
];

interface ApiClient {
  get<T>(path: string): Promise<T>;
}

function apiAs(baseUrl: string, user: { userId: string; orgCode: string; role: 'clerk' | 'leader' }): ApiClient {
  const token = issueToken(DEVELOPMENT_JWT_SECRET, user, 3_600);
  return {
    async get<T>(path: string): Promise<T> {
      const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      const body = await res.text();
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${body}`);
      return JSON.parse(body) as T;
    },
  };
}

type Totals = Record<string, number>;

/** What the pages must show: the registers' totals, and the figures the APIs answer for the centre's period. */
function checkShown(name: string, shown: unknown, expected: { registerTotal?: number; figures?: Record<string, number | undefined> }): string[] {
  const problems: string[] = [];
  if (expected.registerTotal !== undefined) {
    const s = shown as { rows: number; status: string; first: string[] };
    const total = Number(/(\d+)\s*$/.exec(s.status.trim())?.[1]);
    if (total !== expected.registerTotal) problems.push(`${name}: the page says "${s.status}", not a total of ${expected.registerTotal}`);
    if (s.rows !== 20) problems.push(`${name}: ${s.rows} lines shown, not a page of 20`);
  }
  for (const [id, value] of Object.entries(expected.figures ?? {})) {
    const cell = (shown as Record<string, string | null>)[id];
    if (value !== undefined && Number(cell) !== value) problems.push(`${name}: figure-${id} shows ${cell}, the API says ${value}`);
  }
  return problems;
}

function pageFigures(name: string, loads: PageLoads): Figure[] {
  const p50 = percentile(loads.usable, 50);
  const figures: Figure[] = [
    { name: `${name}_usable_p50`, value: p50, unit: 'ms', baseline: TARGET_MS, ratio: p50 / TARGET_MS },
    { name: `${name}_usable_max`, value: Math.max(...loads.usable), unit: 'ms', baseline: TARGET_MS, ratio: Math.max(...loads.usable) / TARGET_MS },
    { name: `${name}_usable_first_load`, value: loads.usable[0]!, unit: 'ms', baseline: TARGET_MS, ratio: loads.usable[0]! / TARGET_MS },
    { name: `${name}_first_call_p50`, value: percentile(loads.firstCall, 50), unit: 'ms' },
    { name: `${name}_calls_answered_p50`, value: percentile(loads.callsDone, 50), unit: 'ms' },
    { name: `${name}_data_in_dom_p50`, value: percentile(loads.inDom, 50), unit: 'ms' },
  ];
  for (const [call, ms] of Object.entries(loads.calls)) {
    if (ms.length > 0) figures.push({ name: `${name}_call_${call.replace(/^\/api\//, '').replace(/[^a-z0-9]+/gi, '_')}_p50`, value: percentile(ms, 50), unit: 'ms' });
  }
  return figures;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; ${DOCUMENTS} documents, ${TASKS} tasks, ${LOADS} loads of each page`,
  );
  const run = Date.now().toString(36);
  const intakeDb = `${SERVICES.intake.database}${SUFFIX}`;
  const trackingDb = `${SERVICES.tracking.database}${SUFFIX}`;
  const blobDb = `${BLOB_DATABASE}${SUFFIX}`;
  const documentTopic: TopicSpec = { name: `vanthu.bench.console.documents.${run}`, partitions: TOPICS.documentEvents.partitions, retentionMs: 3_600_000, description: 'bench' };
  const taskTopic: TopicSpec = { name: `vanthu.bench.console.tasks.${run}`, partitions: TOPICS.trackingEvents.partitions, retentionMs: 3_600_000, description: 'bench' };
  const groups = { documents: `bench-console-documents-${run}`, tasks: `bench-console-tasks-${run}` };
  const paths = stackPaths();

  const bus = createMessageBus({ brokers: [env.kafka], clientId: 'bench-console', logger });
  const topics = await BenchTopics.connect([env.kafka]);
  let running: RunningService[] = [];
  let consoleServer: RunningConsole | undefined;
  let intakeMongo: mongoose.Connection | undefined;
  let trackingMongo: mongoose.Connection | undefined;
  let documentFigures: { stop(): Promise<void> } | undefined;
  let taskFigures: { stop(): Promise<void> } | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    // The bench's worker processes project the services' own topics too: from their end (bench-topics.ts).
    await stopLeftovers(serviceSpecs({ paths, env: {}, portOffset: PORT_OFFSET, label: LABEL }));
    await topics.startAtEnd(intakeFiguresGroup(intakeDb), TOPICS.documentEvents.name);
    await topics.startAtEnd(trackingFiguresGroup(trackingDb), TOPICS.trackingEvents.name);
    // Blobs in a database of the bench's own too, dropped with the others.
    running = await startBenchSystem({ portOffset: PORT_OFFSET, label: LABEL, databaseSuffix: SUFFIX, env: { BLOB_DATABASE: blobDb } });
    intakeMongo = await mongoose.createConnection(env.mongo, { dbName: intakeDb }).asPromise();
    trackingMongo = await mongoose.createConnection(env.mongo, { dbName: trackingDb }).asPromise();
    const intakeUrl = `http://127.0.0.1:${SERVICES.intake.apiPort + PORT_OFFSET}`;
    const trackingUrl = `http://127.0.0.1:${SERVICES.tracking.apiPort + PORT_OFFSET}`;
    const seeding: Figure[] = [];
    const seeded = (name: string, seconds: number, what: string) => {
      seeding.push({ name: `seed_${name}`, value: seconds, unit: 's' });
      console.log(`${what} in ${seconds.toFixed(1)} s`);
    };

    // 1. The documents, numbered as intake numbers them.
    let started = performance.now();
    const now = Date.now();
    const documents = benchDocuments(run, DOCUMENTS, now);
    const copies = documents.flatMap((d) => d.copies);
    const done = copies.filter((c) => c.outcome.kind === 'done').length;
    seeded('plan_documents', since(started), `planned ${DOCUMENTS} documents issued by ${ISSUER} to ${RECIPIENTS.join(' and ')} (${copies.length} copies)`);

    // 2. Their register records, through intake's record models.
    started = performance.now();
    const ring = KeyRing.fromEnv({ ...process.env, NODE_ENV: 'development' });
    const records = await insertRegisterRecords(intakeMongo, gridFsBlobStore(intakeMongo, blobDb), ring, documents);
    seeded(
      'register_records',
      since(started),
      `register records: ${records.documents} outgoing records and ${records.copies} copies (${records.secret} secret documents: ${records.keys} wrapped keys, ${records.blobs - 1} sealed PDFs; 1 PDF for the others) inserted into ${intakeDb}`,
    );

    // 3. Their events, through intake's figures projection.
    await bus.ensureTopics([documentTopic, taskTopic]);
    const publisher = await bus.publisher();
    started = performance.now();
    const documentEvents = await publishDocumentEvents(publisher, documentTopic.name, documents);
    seeded('publish_document_events', since(started), `published ${documentEvents} document events to ${documentTopic.name}`);
    started = performance.now();
    const intakeConfig = loadServiceConfig('intake', 'worker', { ...process.env, NODE_ENV: 'development', MONGO_URL: env.mongo, MONGO_DATABASE: intakeDb });
    const projectedDocuments = await startDocumentFigures({ mongo: intakeMongo, bus, logger, config: intakeConfig }, { topic: documentTopic.name, db: intakeMongo.db!, group: groups.documents });
    documentFigures = projectedDocuments;
    await until('the documents projection', async () => projectedDocuments.stats.events + projectedDocuments.stats.skipped >= documentEvents, 900_000);
    seeded('project_document_events', since(started), `intake's figures projection: ${projectedDocuments.stats.events} events, ${projectedDocuments.stats.written} item writes`);

    // 4. The tasks' events, through tracking's figures projection.
    started = performance.now();
    const taskEvents = await publishTasks(publisher, taskTopic.name, run, TASKS, RECIPIENTS.length, now, { assigner: ISSUER, leads: RECIPIENTS });
    await publisher.close();
    seeded('publish_task_events', since(started), `published ${taskEvents} events of ${TASKS} tasks assigned by ${ISSUER} to ${taskTopic.name}`);
    started = performance.now();
    const trackingConfig = loadServiceConfig('tracking', 'worker', { ...process.env, NODE_ENV: 'development', MONGO_URL: env.mongo, MONGO_DATABASE: trackingDb });
    const projectedTasks = await startTaskFigures({ mongo: trackingMongo, bus, logger, config: trackingConfig }, { topic: taskTopic.name, db: trackingMongo.db!, group: groups.tasks });
    taskFigures = projectedTasks;
    await until('the tasks projection', async () => projectedTasks.stats.events >= taskEvents, 900_000);
    seeded('project_task_events', since(started), `tracking's figures projection: ${projectedTasks.stats.events} events, ${projectedTasks.stats.written} item writes`);

    // 5. The API processes, following the projections' journals, count everything.
    started = performance.now();
    const clerk = apiAs(intakeUrl, { userId: 'bs-clerk', orgCode: ISSUER, role: 'clerk' });
    const communeClerk = apiAs(intakeUrl, { userId: 'tl-clerk', orgCode: RECIPIENTS[0], role: 'clerk' });
    const secretary = apiAs(intakeUrl, { userId: 'bs-secretary', orgCode: ISSUER, role: 'leader' });
    const secretaryTasks = apiAs(trackingUrl, { userId: 'bs-secretary', orgCode: ISSUER, role: 'leader' });
    const period = `org=${ISSUER}&from=${vietnamDay(-29)}&to=${vietnamDay()}`;
    await demoHierarchyKnown(trackingMongo.db!);
    await until(
      'the intake API counting every document',
      async () => {
        const { totals } = await secretary.get<{ totals: Totals }>(`/v1/figures/documents?${period}`);
        return totals.issued >= DOCUMENTS && totals.received >= copies.length;
      },
      600_000,
    );
    await until('the tracking API counting every task', async () => (await secretaryTasks.get<{ totals: Totals }>(`/v1/figures?org=${ISSUER}&groupBy=leadOrg`)).totals.total >= TASKS, 600_000);
    seeded('apis_caught_up', since(started), 'the intake and tracking API processes counted every document, copy and task');
    const outgoingTotal = (await clerk.get<{ total: number }>('/v1/registers/outgoing?page=1&pageSize=20')).total;
    const incomingTotal = (await communeClerk.get<{ total: number }>('/v1/registers/incoming?page=1&pageSize=20')).total;
    if (outgoingTotal !== DOCUMENTS || incomingTotal !== DOCUMENTS) throw new Error(`registers: ${outgoingTotal} outgoing at ${ISSUER}, ${incomingTotal} incoming at ${RECIPIENTS[0]}; ${DOCUMENTS} expected in each`);
    const [byDocuments, processing, deadlines, tasks] = await Promise.all([
      secretary.get<{ totals: Totals }>(`/v1/figures/documents?${period}`),
      secretary.get<{ totals: Totals }>(`/v1/figures/processing?${period}`),
      secretary.get<{ totals: Totals }>(`/v1/figures/deadlines?org=${ISSUER}`),
      secretaryTasks.get<{ totals: Totals }>(`/v1/figures?org=${ISSUER}&groupBy=leadOrg`),
    ]);
    if (processing.totals.completed! < done) throw new Error(`processing figures: ${processing.totals.completed} copies completed, ${done} seeded`);
    console.log(
      `checked: registers ${outgoingTotal} outgoing (${ISSUER}) and ${incomingTotal} incoming (${RECIPIENTS[0]}); figures ${JSON.stringify({ documents: byDocuments.totals, processing: processing.totals, deadlines: deadlines.totals, tasks: tasks.totals })}`,
    );
    // The bench's workers follow the services' topics from where they stood at its start: what other runs publish meanwhile is counted too.
    const others = { issued: byDocuments.totals.issued! - DOCUMENTS, received: byDocuments.totals.received! - copies.length, completed: processing.totals.completed! - done, tasks: tasks.totals.total! - TASKS };
    if (Object.values(others).some((n) => n > 0)) console.log(`of which published on the services' own topics during the run, not seeded: ${JSON.stringify(others)}`);

    // 6. The console: its production bundle, its server in a process of its own against the bench's services.
    started = performance.now();
    const built = await buildConsoleWeb(join(paths.logs, 'console-build.log'));
    consoleServer = await startConsole({ paths, env: { NODE_ENV: 'development', LOG_LEVEL: 'warn', TEMPORAL_NAMESPACE: BENCH_NAMESPACE }, portOffset: PORT_OFFSET, label: LABEL });
    const consoleUrl = `http://127.0.0.1:${consoleServer.port}`;
    console.log(`console ${consoleUrl} (web bundle ${built}) in ${since(started).toFixed(1)} s`);

    browser = await launchBrowser();
    const expected: Record<string, Parameters<typeof checkShown>[2]> = {
      registers_outgoing: { registerTotal: DOCUMENTS },
      registers_incoming: { registerTotal: DOCUMENTS },
      operations: {
        figures: {
          'documents-total-issued': byDocuments.totals.issued,
          'documents-total-received': byDocuments.totals.received,
          'processing-total-completed': processing.totals.completed,
          'deadlines-total-near': deadlines.totals.near,
          'deadlines-total-past': deadlines.totals.past,
          'tasks-total-total': tasks.totals.total,
        },
      },
    };
    const pageResults: Figure[] = [];
    const problems: string[] = [];
    for (const page of PAGES) {
      const loads = await measurePageLoads(browser, consoleUrl, page, LOADS);
      console.log(`${page.name} (${page.user}, ${page.path}): usable after ${loads.usable.map((ms) => Math.round(ms)).join(', ')} ms`);
      problems.push(...checkShown(page.name, loads.shown, expected[page.name]!));
      pageResults.push(...pageFigures(page.name, loads));
    }

    report(`Seeding (${DOCUMENTS} documents, ${copies.length} copies, ${TASKS} tasks)`, seeding);
    report(
      `Pages usable in headless Chromium, navigation start to the first frame with the data drawn; ${LOADS} loads each, each in a new tab (the first with an empty HTTP cache); target p50 < ${TARGET_MS} ms`,
      pageResults,
    );
    if (problems.length > 0) throw new Error(`the pages did not show the seeded data:\n${problems.join('\n')}`);
  } finally {
    await browser?.close();
    await consoleServer?.stop();
    await documentFigures?.stop();
    await taskFigures?.stop();
    await intakeMongo?.close();
    await trackingMongo?.close();
    await bus.close();
    await stopServices(running);
    await topics.remove([documentTopic.name, taskTopic.name], [groups.documents, groups.tasks]).catch((error: unknown) => console.error(`removing the bench topics: ${String(error)}`));
    await topics.close();
    await dropDatabasesEndingWith(env.mongo, SUFFIX);
  }
}

main().then(
  // Everything is stopped by now; but a kafkajs consumer that crashed during a broker outage
  // restarts on its own timer even after it was disconnected, and would keep the run alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
