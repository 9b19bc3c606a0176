import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createLogger,
  DocumentAttributes,
  Lifecycle,
  loadServiceConfig,
  openServiceContext,
  PROBE_WORKFLOW,
  probeActivities,
  SEARCH_ATTRIBUTES,
  SERVICE_NAMES,
  startServiceWorker,
  TASK_QUEUES,
  type ProbeReport,
  type ServiceContext,
} from '../../src';
import { uniqueName } from '../support/integration-env';

/**
 * The real probe workflow on the real server, run by real workers — one per service task queue,
 * here in one process — whose activities reach the real MongoDB and Kafka.
 */
describe('Temporal (real dev server)', () => {
  const logger = createLogger({ test: 'temporal' }, 'warn');
  const lifecycle = new Lifecycle(logger);
  let ctx: ServiceContext;

  beforeAll(async () => {
    const config = loadServiceConfig('intake', 'worker', { ...process.env, MONGO_DATABASE: uniqueName('vanthu_it') });
    ctx = await openServiceContext(config, logger, lifecycle);
    for (const service of SERVICE_NAMES) {
      const serviceCtx = { ...ctx, config: { ...ctx.config, service, TEMPORAL_TASK_QUEUE: TASK_QUEUES[service] } };
      await startServiceWorker({
        address: config.TEMPORAL_ADDRESS,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: TASK_QUEUES[service],
        logger,
        lifecycle,
        activities: probeActivities(serviceCtx),
        ...(service === 'intake' && { workflows: { workflowsPath: require.resolve('@vanthu/workflows') } }),
      });
    }
  }, 120_000);

  afterAll(async () => {
    await ctx.mongo.dropDatabase();
    await lifecycle.stop();
  }, 60_000);

  it('has our search attributes registered in the namespace', async () => {
    const { customAttributes } = await ctx.temporalConnection.operatorService.listSearchAttributes({
      namespace: ctx.config.TEMPORAL_NAMESPACE,
    });
    for (const key of SEARCH_ATTRIBUTES) expect(Object.keys(customAttributes ?? {})).toContain(key.name);
  });

  it('runs a workflow whose activities run on every service task queue, and finds it by a search attribute', async () => {
    const number = `IT-${randomUUID()}`;
    const workflowId = uniqueName('probe');
    const reports = await ctx.temporal.workflow.execute<() => Promise<ProbeReport[]>>(PROBE_WORKFLOW, {
      workflowId,
      taskQueue: TASK_QUEUES.intake,
      typedSearchAttributes: [{ key: DocumentAttributes.number, value: number }],
    });
    expect(reports.map((r) => r.taskQueue).sort()).toEqual(Object.values(TASK_QUEUES).sort());
    for (const report of reports) {
      expect(report.mongoMs).toBeGreaterThanOrEqual(0);
      expect(report.kafkaMs).toBeGreaterThanOrEqual(0);
    }

    // Visibility is eventually consistent: poll briefly.
    let found: string[] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      found = [];
      for await (const execution of ctx.temporal.workflow.list({ query: `DocumentNumber = "${number}"` })) found.push(execution.workflowId);
      if (found.length === 0) await sleep(200);
    }
    expect(found).toEqual([workflowId]);

    const history = await ctx.temporal.workflow.getHandle(workflowId).fetchHistory();
    const completed = history.events?.filter((e) => e.activityTaskCompletedEventAttributes) ?? [];
    expect(completed).toHaveLength(SERVICE_NAMES.length);
  }, 60_000);
});
