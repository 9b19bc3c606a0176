import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { cpus, totalmem } from 'node:os';
import {
  createLogger,
  createMessageBus,
  DEVELOPMENT_JWT_SECRET,
  issueToken,
  loadServiceConfig,
  SERVICES,
  temporalDataConverter,
  TOPICS,
  type TopicSpec,
} from '@vanthu/shared';
import { startFiguresProjection, type FiguresProjection } from '@vanthu/tracking/dist/consumers/figures-projection';
import { TASK_ITEMS } from '@vanthu/tracking/dist/figures/item-store';
import { LiveFigures } from '@vanthu/tracking/dist/figures/live-figures';
import { OrgTree } from '@vanthu/tracking/dist/directory/org-tree';
import { stopServices, type RunningService } from '../services';
import { BENCH_NAMESPACE, benchEnv, startBenchSystem } from './bench-system';
import { percentile, report, runConcurrently, type Figure } from './stats';
import { publishTasks } from './tracking/bulk-load';
import { BENCH_PROVINCE, communeCode, syntheticOrganisations } from './tracking/synthetic-tasks';
import { demoHierarchyKnown, seedSource, taskDriver } from './tracking/task-workflows';

/**
 * `npm run bench:tracking`: (a) task workflows driven to done over the tracking API, beside a bare
 * workflow running as many no-op activities, on the same stack; (b) 100,000 tasks of 100 communes
 * loaded as their events through Kafka into the figures projection (the catch-up rate, beside
 * reading the same topic with nothing done); (c) the figures queries at that size, over HTTP
 * against the bench's tracking API process, beside one aggregation of the same items in FerretDB.
 */
const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 100);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 100);
const PORT_OFFSET = 5000;
const SUFFIX = '_bench_tracking';
const env = benchEnv;
const logger = createLogger({ bench: 'tracking' }, 'warn');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function activitiesOf(client: Client, workflowId: string): Promise<number> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

async function timed(samples: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await call();
    ms.push(performance.now() - started);
  }
  return ms;
}

/** (a) Tasks through the API to done, then the bare ceiling at the same concurrency. */
async function workflowsPhase(client: Client, db: mongoose.mongo.Db, apiUrl: string, run: string): Promise<Figure[]> {
  await demoHierarchyKnown(db);
  const documentId = `bench-src-${run}`;
  await seedSource(db, documentId);
  const driver = taskDriver(apiUrl, documentId);
  const warm = await driver.run(-1);
  const activities = await activitiesOf(client, `task-${warm}`);
  console.log(`one task, assigned to done, ran ${activities} activities`);

  const started = performance.now();
  const e2e = await runConcurrently(WORKFLOWS, CONCURRENCY, async (i) => {
    await driver.run(i);
  });
  const seconds = (performance.now() - started) / 1000;

  const nativeConnection = await NativeConnection.connect({ address: env.temporal });
  const taskQueue = `bench-noop-${process.pid}`;
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: BENCH_NAMESPACE,
    taskQueue,
    workflowsPath: require.resolve('./noop-workflow'),
    activities: { noop: async () => undefined },
    dataConverter: temporalDataConverter(),
  });
  const workerRun = worker.run();
  const bareStarted = performance.now();
  const bare = await runConcurrently(WORKFLOWS, CONCURRENCY, async (i) => {
    await client.workflow.execute('noopChain', { workflowId: `bench-tracking-noop-${run}-${i}`, taskQueue, args: [activities] });
  });
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  worker.shutdown();
  await workerRun;
  await nativeConnection.close();

  const rate = WORKFLOWS / seconds;
  const bareRate = WORKFLOWS / bareSeconds;
  return [
    { name: 'task_workflows_to_done_per_s', value: rate, unit: 'tasks/s', baseline: bareRate, ratio: rate / bareRate },
    { name: 'task_to_done_e2e_p50', value: percentile(e2e, 50), unit: 'ms' },
    { name: 'task_to_done_e2e_p99', value: percentile(e2e, 99), unit: 'ms' },
    { name: 'bare_workflows_per_s', value: bareRate, unit: 'workflows/s' },
    { name: 'bare_workflow_p50', value: percentile(bare, 50), unit: 'ms' },
    { name: 'activities_per_task', value: activities, unit: 'activities' },
  ];
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; ${WORKFLOWS} task workflows (${CONCURRENCY} in flight), then ${TASKS} tasks of ${COMMUNES} communes`);
  const run = Date.now().toString(36);
  let running: RunningService[] = [];
  let projection: FiguresProjection | undefined;
  let local: LiveFigures | undefined;
  const database = `${SERVICES.tracking.database}${SUFFIX}`;
  const bus = createMessageBus({ brokers: [env.kafka], clientId: 'bench-tracking', logger });
  const temporal = await Connection.connect({ address: env.temporal });
  const client = new Client({ connection: temporal, namespace: BENCH_NAMESPACE, dataConverter: temporalDataConverter() });
  let mongo: mongoose.Connection | undefined;
  try {
    // One caller asks for figures back to back: the per-caller rate limit (20/s) is not what is measured.
    running = await startBenchSystem({ portOffset: PORT_OFFSET, label: 'bench-tracking', databaseSuffix: SUFFIX, env: { TRACKING_RATE_PER_SECOND: '1000', TRACKING_RATE_BURST: '1000' } });
    mongo = await mongoose.createConnection(env.mongo, { dbName: database }).asPromise();
    const db = mongo.db!;
    const apiUrl = `http://127.0.0.1:${SERVICES.tracking.apiPort + PORT_OFFSET}`;

    const workflowFigures = await workflowsPhase(client, db, apiUrl, run);
    report('(a) Task workflows driven to done over the tracking API vs the bare orchestration ceiling', workflowFigures);

    // (b) The synthetic province and its communes, as the directory projection of the bench
    // database holds them, then their tasks' events through a topic of the bench's own (the
    // service's topic is kept forever: 300,000 synthetic events do not belong in it).
    const organisations = syntheticOrganisations(COMMUNES);
    await db.collection<{ _id: string }>('organisations').insertMany(organisations);
    const topic: TopicSpec = { name: `vanthu.bench.tracking.${run}`, partitions: TOPICS.trackingEvents.partitions, retentionMs: 3_600_000, description: 'bench' };
    await bus.ensureTopics([topic]);
    const publisher = await bus.publisher();
    const now = Date.now();
    const publishStarted = performance.now();
    const events = await publishTasks(publisher, topic.name, run, TASKS, COMMUNES, now);
    const publishSeconds = (performance.now() - publishStarted) / 1000;
    await publisher.close();
    console.log(`published ${events} events of ${TASKS} tasks in ${publishSeconds.toFixed(1)} s`);

    const config = loadServiceConfig('tracking', 'worker', { ...process.env, MONGO_URL: env.mongo, MONGO_DATABASE: database });
    const catchUpStarted = performance.now();
    projection = await startFiguresProjection({ mongo, bus, logger, config }, { topic: topic.name, db, group: `bench-tracking-figures-${run}` });
    const stats = projection.stats;
    await until('the projection catching up', async () => stats.events >= events, 900_000);
    const catchUpSeconds = (performance.now() - catchUpStarted) / 1000;
    console.log(`projection: ${events} events in ${catchUpSeconds.toFixed(1)} s, ${stats.batches} batches, ${stats.written} item writes, ${stats.retries} retries`);

    // Baseline: the same topic read through the same bus, each batch dropped.
    let read = 0;
    const bare = bus.subscription(`bench-tracking-bare-${run}`);
    const bareStarted = performance.now();
    await bare.runBatches({ topics: [topic.name], fromBeginning: true, partitionsConcurrently: topic.partitions }, async (batch) => {
      read += batch.messages.length;
    });
    await until('the bare read', async () => read >= events, 600_000);
    const bareSeconds = (performance.now() - bareStarted) / 1000;
    await bare.close();

    // (c) FerretDB asked to aggregate the items itself, once: why the API keeps them in memory.
    const aggregateStarted = performance.now();
    const grouped = await db
      .collection(TASK_ITEMS)
      .aggregate([{ $match: { assignerOrg: BENCH_PROVINCE, status: { $ne: 'cancelled' } } }, { $group: { _id: '$leadOrg', tasks: { $sum: 1 } } }])
      .toArray();
    const aggregateMs = performance.now() - aggregateStarted;
    console.log(`FerretDB $match+$group over ${TASKS} items: ${grouped.length} groups in ${Math.round(aggregateMs)} ms`);

    // Loading every item from task_items, as an API process does at start.
    local = new LiveFigures({ db, logger, refreshMs: 3_600_000 });
    const loadStarted = performance.now();
    local.start();
    await local.loaded;
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const directory = new OrgTree(organisations.map((o) => ({ code: o._id, name: o.name, level: o.level, ...(o.parent !== undefined && { parent: o.parent }) })));
    const engine = await timed(QUERIES, async () =>
      local!.query({ org: BENCH_PROVINCE, scope: 'subtree', asOf: new Date().toISOString(), groupBy: 'leadOrg' }, directory),
    );

    // The API process followed the journal while the projection wrote: its figures must count every task.
    const token = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'bench-province-leader', orgCode: BENCH_PROVINCE, role: 'leader' }, 3_600);
    const get = async (query: string, accept = 'application/json') => {
      const res = await fetch(`${apiUrl}/v1/figures?${query}`, { headers: { Authorization: `Bearer ${token}`, Accept: accept } });
      const body = await res.text();
      if (!res.ok) throw new Error(`GET /v1/figures?${query}: ${res.status} ${body}`);
      return body;
    };
    const apiCaughtUpStarted = performance.now();
    await until('the API process counting every task', async () => (JSON.parse(await get(`org=${BENCH_PROVINCE}&groupBy=none`)) as { totals: { total: number } }).totals.total === TASKS, 600_000);
    console.log(`the API process counted all ${TASKS} tasks ${((performance.now() - apiCaughtUpStarted) / 1000).toFixed(1)} s after the projection finished`);
    const province = JSON.parse(await get(`org=${BENCH_PROVINCE}&scope=subtree&groupBy=leadOrg`)) as { totals: Record<string, number>; rows: unknown[] };
    console.log(`province by lead organisation: ${province.rows.length} rows, totals ${JSON.stringify(province.totals)}`);

    const queries: Array<[string, string, string?]> = [
      ['figures_province_by_lead_org', `org=${BENCH_PROVINCE}&scope=subtree&groupBy=leadOrg`],
      ['figures_one_commune', `org=${BENCH_PROVINCE}&leadOrg=${communeCode(42)}&groupBy=sourceDocument`],
      ['figures_by_source_document', `org=${BENCH_PROVINCE}&groupBy=sourceDocument`],
      ['figures_csv_province_by_lead_org', `org=${BENCH_PROVINCE}&scope=subtree&groupBy=leadOrg`, 'text/csv'],
    ];
    const queryFigures: Figure[] = [];
    for (const [name, query, accept] of queries) {
      const ms = await timed(QUERIES, () => get(query, accept));
      queryFigures.push({ name: `${name}_p50`, value: percentile(ms, 50), unit: 'ms', baseline: aggregateMs, ratio: percentile(ms, 50) / aggregateMs });
      queryFigures.push({ name: `${name}_p99`, value: percentile(ms, 99), unit: 'ms' });
    }

    const catchUpRate = events / catchUpSeconds;
    const bareRate = events / bareSeconds;
    report(`(b) ${TASKS} tasks (${events} events) through Kafka into the figures projection vs reading the topic alone`, [
      { name: 'figures_projection_catch_up', value: catchUpRate, unit: 'events/s', baseline: bareRate, ratio: catchUpRate / bareRate },
      { name: 'figures_projection_catch_up_seconds', value: catchUpSeconds, unit: 's' },
      { name: 'kafka_bare_read', value: bareRate, unit: 'events/s' },
      { name: 'bench_publish', value: events / publishSeconds, unit: 'events/s' },
    ]);
    report(`(c) Figures queries over HTTP at ${TASKS} tasks (baseline: FerretDB aggregating the same items once; target p99 < 200 ms)`, [
      ...queryFigures,
      { name: 'figures_engine_province_by_lead_org_p50', value: percentile(engine, 50), unit: 'ms' },
      { name: 'figures_engine_province_by_lead_org_p99', value: percentile(engine, 99), unit: 'ms' },
      { name: 'ferretdb_aggregate_match_group', value: aggregateMs, unit: 'ms' },
      { name: 'figures_items_load', value: loadSeconds, unit: 's' },
    ]);
  } finally {
    local?.stop();
    await projection?.stop();
    await mongo?.close();
    await bus.close();
    await temporal.close();
    await stopServices(running);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
