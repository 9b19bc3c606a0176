import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { checkEvent, taskTransitionEvent, TASK_QUEUES, temporalDataConverter, type Actor, type TaskInput, type TaskTransitionInput, type TrackingActivities } from '@vanthu/shared';
import { timeSkippingEnv } from './time-skipping';
import { workflowBundle } from './workflow-bundle';

export { eventually } from './time-skipping';

/*
 * The task workflows on Temporal's time-skipping test server, their one activity answered by a
 * recorder: only the workflows' decisions are under test. Every recorded event is checked
 * against its published contract (packages/shared/src/events/tracking-events.ts) on the way in.
 */

export const DAY = 86_400_000;

export class TransitionRecorder {
  readonly calls: TaskTransitionInput[] = [];
  /** Events that broke their contract: a test asserts this stays empty. */
  readonly contractErrors: string[] = [];

  readonly activities: TrackingActivities = {
    recordTaskTransition: async (input) => {
      // The event as the real activity builds it from the input.
      const check = checkEvent(taskTransitionEvent(input));
      if (!check.ok) this.contractErrors.push(`${input.taskId}#${input.seq} ${input.action}: ${check.errors.join('; ')}`);
      // A retried activity records once, as the real one does (seq decides).
      if (!this.calls.some((c) => c.taskId === input.taskId && c.seq === input.seq)) this.calls.push(input);
    },
  };

  of(taskId: string): TaskTransitionInput[] {
    return this.calls.filter((c) => c.taskId === taskId).sort((a, b) => a.seq - b.seq);
  }

  actions(taskId: string): string[] {
    return this.of(taskId).map((c) => c.action);
  }
}

export interface TrackingTestEnv {
  env: TestWorkflowEnvironment;
  recorder: TransitionRecorder;
  close(): Promise<void>;
}

export async function startTrackingEnv(): Promise<TrackingTestEnv> {
  const env = await timeSkippingEnv();
  const recorder = new TransitionRecorder();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: TASK_QUEUES.tracking,
    workflowBundle: await workflowBundle(require.resolve('@vanthu/workflows/dist/tracking')),
    activities: recorder.activities,
    dataConverter: temporalDataConverter(),
  });
  const running = worker.run();
  return {
    env,
    recorder,
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

export const actor = (userId: string, org: string, role: Actor['role'] = 'specialist'): Actor => ({ userId, org, role });
/** The demo province: the province committee assigns, communes lead, a commune's offices take sub-tasks. */
export const PEOPLE = {
  province: actor('bs-specialist', 'BS-TU'),
  tanLap: actor('tl-specialist', 'BS-TL-DU'),
  tanLapSecretary: actor('tl-secretary', 'BS-TL-DU', 'leader'),
  hoaBinh: actor('hb-specialist', 'BS-HB-DU'),
  tanLapOffice: actor('tl-vp-chief', 'BS-TL-VP', 'leader'),
  tanLapBuilding: actor('tl-xdd-head', 'BS-TL-XDD', 'leader'),
};

export function taskInput(taskId: string, at: number, overrides: Partial<TaskInput> = {}): TaskInput {
  return {
    taskId,
    kind: 'task',
    title: 'Triển khai Nghị quyết về chuyển đổi số',
    clause: 'Mục III.2',
    source: { documentId: `doc-${taskId}`, notation: '12-NQ/TU', type: 'NQ' },
    assignerOrg: 'BS-TU',
    assignedBy: 'bs-specialist',
    leadOrg: 'BS-TL-DU',
    cooperating: ['BS-HB-DU'],
    deadline: new Date(at + 30 * DAY).toISOString(),
    priority: 'normal',
    rootTaskId: taskId,
    depth: 0,
    weight: 1,
    assignedAt: new Date(at).toISOString(),
    ...overrides,
  };
}

/**
 * One environment for a test file: started before its tests, closed after them, and after each
 * test every event it recorded held to its contract. `use` receives it once started.
 */
export function useTrackingEnv(use: (env: TrackingTestEnv) => void): void {
  let env: TrackingTestEnv | undefined;
  beforeAll(async () => {
    env = await startTrackingEnv();
    use(env);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });
  afterEach(() => {
    expect(env?.recorder.contractErrors).toEqual([]);
  });
}
