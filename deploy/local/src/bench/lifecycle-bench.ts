import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { cpus, totalmem } from 'node:os';
import { DEVELOPMENT_JWT_SECRET, SERVICES, temporalDataConverter, type Secrecy } from '@vanthu/shared';
import { codecCost } from './codec-cost';
import { runLifecycleScenario, SCENARIO_LISTENERS } from '../scenario/lifecycle-scenario';
import { LiveNotifications } from '../scenario/live-notifications';
import { stopServices, type RunningService } from '../services';
import { livePid } from '../proc';
import { describeStack } from '../stack';
import { BENCH_NAMESPACE, benchEnv, startBenchSystem } from './bench-system';
import { commandProfiles } from './command-profiles';
import { cpuDelta, cpuMeter, cpuSeconds, printCpuTable } from './cpu-usage';
import { percentile, report, runConcurrently, type Figure } from './stats';

/**
 * `npm run bench:lifecycle`: documents pushed concurrently through the whole lifecycle (HTTP in,
 * every service, archive out), beside the orchestration ceiling of this machine — a bare
 * workflow running as many no-op activities as one document's lifecycle did, at the same
 * concurrency, on the same stack, in the same run.
 */
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PORT_OFFSET = 3000;
const SUFFIX = '_bench';
const env = benchEnv;

/** Activities one document's lifecycle ran: its own workflow's and its recipients'. */
async function activitiesOf(client: Client, workflowId: string): Promise<number> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  let count = 0;
  for (const event of history.events ?? []) {
    if (event.activityTaskScheduledEventAttributes) count += 1;
    const child = event.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.workflowId;
    if (child) count += await activitiesOf(client, child);
  }
  return count;
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; ${DOCUMENTS} documents, ${CONCURRENCY} in flight`);
  let running: RunningService[] = [];
  let live: LiveNotifications | undefined;
  const profiles = commandProfiles(process.env.BENCH_PROFILE === '1');
  const connection = await Connection.connect({ address: env.temporal });
  // The services' codec: the bench reads their histories, and its own ceiling pays what they pay.
  const client = new Client({ connection, namespace: BENCH_NAMESPACE, dataConverter: temporalDataConverter() });
  try {
    // As in production, minus the keys: no response validation on the hot path.
    running = await startBenchSystem({ portOffset: PORT_OFFSET, label: 'bench', databaseSuffix: SUFFIX, env: { INTAKE_VALIDATE_RESPONSES: 'false', ...profiles.env } });
    const apiUrl = `http://127.0.0.1:${SERVICES.intake.apiPort + PORT_OFFSET}`;
    // The portals hold their users' live streams and act on notifications, as they do in production.
    live = await LiveNotifications.open(`http://127.0.0.1:${SERVICES.notify.apiPort + PORT_OFFSET}`, DEVELOPMENT_JWT_SECRET, SCENARIO_LISTENERS);
    const scenario = (secrecy: Secrecy = 'none') => runLifecycleScenario({ apiUrl, jwtSecret: DEVELOPMENT_JWT_SECRET, archiveTimeoutMs: 300_000, live, secrecy });

    // Warm-up (both kinds), and the size of one lifecycle in activities.
    await scenario('tuyet-mat');
    const warm = await scenario();
    const activities = await activitiesOf(client, warm.document.workflowId);
    console.log(`one lifecycle ran ${activities} activities across 3 workflows; warm-up took ${Object.values(warm.stepsMs).reduce((a, b) => a + b, 0)} ms`);

    const roots: Record<string, number | undefined> = {
      ...Object.fromEntries(running.map((r) => [`${r.spec.service} ${r.spec.role}`, r.child.pid])),
      ...Object.fromEntries(describeStack().servers.map((s) => [s.name, livePid(s.pidFile)])),
    };
    const commandsBefore = await profiles.snapshot();
    const lifecycleCpu = cpuMeter(roots, 'bench client');
    const lifecycleStart = performance.now();
    const steps = new Map<string, number[]>();
    const lifecycle = await runConcurrently(DOCUMENTS, CONCURRENCY, async () => {
      const result = await scenario();
      if (result.document.status !== 'archived') throw new Error(`document ${result.document.id} ended ${result.document.status}`);
      for (const [step, ms] of Object.entries(result.stepsMs)) steps.set(step, [...(steps.get(step) ?? []), ms]);
    });
    const lifecycleSeconds = (performance.now() - lifecycleStart) / 1000;
    const cpu = lifecycleCpu();

    // The same documents, Tuyệt mật: sealed at rest, need-to-know on every read, keys re-wrapped
    // per recipient, sealed signing and archiving — right after, on the same warm system.
    const secretStart = performance.now();
    const secret = await runConcurrently(DOCUMENTS, CONCURRENCY, async () => {
      const result = await scenario('tuyet-mat');
      if (result.document.status !== 'archived') throw new Error(`secret document ${result.document.id} ended ${result.document.status}`);
    });
    const secretSeconds = (performance.now() - secretStart) / 1000;
    console.log(`\n${DOCUMENTS} Tuyệt mật documents in ${secretSeconds.toFixed(1)} s (non-secret: ${lifecycleSeconds.toFixed(1)} s)`);
    profiles.print(commandsBefore, await profiles.snapshot(), DOCUMENTS, 'document');
    console.log('\nTime per step of the scenario (ms; recipients work at the same time):');
    console.table([...steps].map(([step, ms]) => ({ step, p50: Math.round(percentile(ms, 50)), p99: Math.round(percentile(ms, 99)) })));
    printCpuTable(`\nCPU-seconds per document, by process (lifecycle phase, ${lifecycleSeconds.toFixed(1)} s wall):`, cpu, DOCUMENTS, 'document', { wallSeconds: lifecycleSeconds });

    // Work the lifecycle left behind (notify catching up on its events, relays) must not run
    // into the ceiling's measurement: wait until the system is idle again.
    const idleSince = Date.now();
    for (let last = cpuSeconds(roots); Date.now() - idleSince < 120_000; ) {
      await new Promise((r) => setTimeout(r, 2_000));
      const now = cpuSeconds(roots);
      const busy = Object.values(cpuDelta(last, now)).reduce((a, b) => a + b, 0) / 2;
      last = now;
      if (busy < 0.15 * cpus().length) break;
    }
    console.log(`system idle again after ${((Date.now() - idleSince) / 1000).toFixed(1)} s`);

    // The ceiling: the same number of activities, with nothing in them, through the same server.
    const nativeConnection = await NativeConnection.connect({ address: env.temporal });
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: BENCH_NAMESPACE,
      taskQueue: `bench-noop-${process.pid}`,
      workflowsPath: require.resolve('./noop-workflow'),
      activities: { noop: async () => undefined },
      dataConverter: temporalDataConverter(),
    });
    const workerRun = worker.run();
    const bareCpu = cpuMeter(roots, 'bench client (its worker)');
    const bareStart = performance.now();
    const bare = await runConcurrently(DOCUMENTS, CONCURRENCY, async (i) => {
      await client.workflow.execute('noopChain', { workflowId: `bench-noop-${process.pid}-${i}`, taskQueue: `bench-noop-${process.pid}`, args: [activities] });
    });
    const bareSeconds = (performance.now() - bareStart) / 1000;
    printCpuTable(`\nCPU-seconds per bare workflow, by process (${bareSeconds.toFixed(1)} s wall):`, bareCpu(), DOCUMENTS, 'workflow', { minPerUnit: 0.005 });
    worker.shutdown();
    await workerRun;
    await nativeConnection.close();

    const docsPerSecond = DOCUMENTS / lifecycleSeconds;
    const barePerSecond = DOCUMENTS / bareSeconds;
    const secretPerSecond = DOCUMENTS / secretSeconds;
    const figures: Figure[] = [
      { name: 'lifecycle_documents_per_s', value: docsPerSecond, unit: 'documents/s', baseline: barePerSecond, ratio: docsPerSecond / barePerSecond },
      { name: 'secret_lifecycle_documents_per_s', value: secretPerSecond, unit: 'documents/s', baseline: docsPerSecond, ratio: secretPerSecond / docsPerSecond },
      { name: 'secret_lifecycle_e2e_p50', value: percentile(secret, 50), unit: 'ms' },
      { name: 'secret_lifecycle_e2e_p99', value: percentile(secret, 99), unit: 'ms' },
      { name: 'lifecycle_e2e_p50', value: percentile(lifecycle, 50), unit: 'ms' },
      { name: 'lifecycle_e2e_p99', value: percentile(lifecycle, 99), unit: 'ms' },
      { name: 'bare_workflows_per_s', value: barePerSecond, unit: 'workflows/s' },
      { name: 'bare_workflow_p50', value: percentile(bare, 50), unit: 'ms' },
      { name: 'bare_workflow_p99', value: percentile(bare, 99), unit: 'ms' },
      { name: 'bare_activities_per_s', value: (barePerSecond * activities), unit: 'activities/s' },
      { name: 'activities_per_lifecycle', value: activities, unit: 'activities' },
    ];
    report(`Lifecycle vs the bare orchestration ceiling (target: ratio >= 0.5) — ${(docsPerSecond / barePerSecond >= 0.5 ? 'MET' : 'NOT MET')}; secret vs non-secret (target: ratio >= 0.8) — ${secretPerSecond / docsPerSecond >= 0.8 ? 'MET' : 'NOT MET'}`, figures);
    report('The Temporal payload codec, per payload (a lifecycle input), against the JSON conversion every payload pays', await codecCost());
  } finally {
    live?.close();
    await connection.close();
    await stopServices(running);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
