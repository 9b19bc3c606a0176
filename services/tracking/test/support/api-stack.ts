import { createHash } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  createApiApp,
  DEVELOPMENT_JWT_SECRET,
  issueToken,
  listen,
  loadEdgeSettings,
  outboxModel,
  startServiceWorker,
  TASK_QUEUES,
  TOKEN_AUDIENCES,
  type Principal,
} from '@vanthu/shared';
import { taskWorkflowId } from '@vanthu/workflows/dist/tracking/definitions';
import { derivedTaskId } from '../../src/app/task-ids';
import { trackingService } from '../../src/service';
import { evidenceModel, taskModel } from '../../src/store/collections';
import { trackingTestContext, type TrackingTestContext } from './tracking-context';

/** Demo users (packages/shared/src/seed/demo-province.ts) as the tokens name them. */
export const users = {
  bsSpecialist: { userId: 'bs-specialist', orgCode: 'BS-TU', role: 'specialist' },
  bsArchivist: { userId: 'bs-archivist', orgCode: 'BS-TU', role: 'archivist' },
  tlSpecialist: { userId: 'tl-specialist', orgCode: 'BS-TL-DU', role: 'specialist' },
  tlSecretary: { userId: 'tl-secretary', orgCode: 'BS-TL-DU', role: 'leader' },
  hbSpecialist: { userId: 'hb-specialist', orgCode: 'BS-HB-DU', role: 'specialist' },
  tlVpChief: { userId: 'tl-vp-chief', orgCode: 'BS-TL-VP', role: 'leader' },
} satisfies Record<string, Principal>;

export interface ApiStack {
  t: TrackingTestContext;
  url: string;
  /** fetch as `as`, with a token the development key signs, JSON when `json` is given. */
  call(path: string, init?: RequestInit & { as?: Principal; json?: unknown }): Promise<Response>;
  /** What a refused request must not have left: a record, a workflow, an event of the task a key would make. */
  traces(org: string, idempotencyKey: string): Promise<{ record: boolean; workflow: boolean; events: number }>;
  close(): Promise<void>;
}

/**
 * The tracking service as it runs, in this process, over the real servers of the integration
 * run: its worker (task workflows and activity, outbox relay, input and figures consumers) on the
 * tracking queue, and its API app as the service composes it, behind the real edge, on a free port.
 * The hierarchy is the demo province's, in the projection as the directory events put it there.
 */
export async function startApiStack(env: Record<string, string> = {}): Promise<ApiStack> {
  Object.assign(process.env, env);
  const t = await trackingTestContext({ role: 'worker', env });
  try {
    return await startOn(t);
  } catch (error) {
    // A worker left polling the shared task queue after its suite failed would take other
    // suites' tasks, in a module registry jest has torn down.
    await t.close();
    throw error;
  }
}

async function startOn(t: TrackingTestContext): Promise<ApiStack> {
  await trackingService.prepare!(t.ctx);
  const activities = await trackingService.activities(t.ctx, t.lifecycle);
  await startServiceWorker({
    address: t.ctx.config.TEMPORAL_ADDRESS,
    namespace: t.ctx.config.TEMPORAL_NAMESPACE,
    taskQueue: TASK_QUEUES.tracking,
    logger: t.ctx.logger,
    lifecycle: t.lifecycle,
    activities,
    keys: t.ctx.keys,
    ...(trackingService.workflows && { workflows: trackingService.workflows }),
  });
  await t.seedDirectory();
  const edge = loadEdgeSettings('tracking', { NODE_ENV: 'test', JWT_SECRET: DEVELOPMENT_JWT_SECRET, TRACKING_RATE_PER_SECOND: '1000', TRACKING_RATE_BURST: '1000' });
  const app = await createApiApp(trackingService, t.ctx, t.lifecycle, edge);
  const server = await listen(app, '127.0.0.1', 0);
  t.lifecycle.onStop('tracking api', server.close);

  return {
    t,
    url: server.url,
    call(path, init = {}) {
      const { as = users.bsSpecialist, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer ${issueToken(DEVELOPMENT_JWT_SECRET, as, 600, TOKEN_AUDIENCES.tracking)}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${server.url}${path}`, { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
    },
    async traces(org, idempotencyKey) {
      const taskId = derivedTaskId(org, idempotencyKey);
      let workflow = true;
      try {
        await t.ctx.temporal.workflow.getHandle(taskWorkflowId(taskId)).describe();
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        workflow = false;
      }
      return {
        record: (await taskModel(t.ctx.mongo).countDocuments({ _id: taskId })) > 0,
        workflow,
        events: await outboxModel(t.ctx.mongo).countDocuments({ aggregateId: taskId }),
      };
    },
    close: () => t.close(),
  };
}

export const evidenceOf = (stack: ApiStack, taskId: string) => evidenceModel(stack.t.ctx.mongo).find({ taskId }).lean();
/** The blob store's entry for these bytes, if it holds them. */
export const blobOf = (stack: ApiStack, data: Buffer) => stack.t.ctx.blobs.stat(createHash('sha256').update(data).digest('hex'));
