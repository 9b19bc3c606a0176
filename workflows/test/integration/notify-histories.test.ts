import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { temporalDataConverter } from '@vanthu/shared';
import { NON_RETRYABLE, type DeliveryActivities, type DeliveryInput, type DeliveryOutcome } from '@vanthu/notify/dist/workflows/types';
import { saveHistories, type RecordedRun } from '../support/history-fixtures';
import { openReplayNamespace, REPLAY_NAMESPACE, type ReplayNamespace } from '../support/replay-namespace';
import { workflowBundle } from '../support/workflow-bundle';

/**
 * Records the histories the replay guard (test/unit/replay.test.ts) holds notify's delivery
 * workflows to, on the real Temporal server, the activities answered by fakes: a webhook and an
 * e-mail delivered at once, delivered after two failed tries, given up when the tries run out,
 * and a webhook refused (its address not allowed: no retry, marked `refused`). Every run replays
 * what it just recorded; with `VANTHU_WRITE_HISTORIES=1` it also adds them to the current
 * release's set (docs/lifecycle.md, Versioning), never rewriting a file already there.
 *
 * It lives here, beside the other recorders, rather than in services/notify/test: the set, the
 * recording helper and the replay it feeds are the workflows package's, and the recorder must run
 * the built module the guard replays (notify's own tests run its sources).
 */
const WORKFLOWS = require.resolve('@vanthu/notify/dist/workflows');
/** Short enough to record in a second; the production schedules only stretch the same commands. */
const RETRY = { initialIntervalMs: 100, maximumIntervalMs: 200, maximumAttempts: 3 };

type Behaviour = 'delivers' | 'fails-twice' | 'down' | 'refused';

/** Notify's delivery activities as the workflows see them: each delivery behaves as its test says; every call is kept. */
class DeliveryFakes {
  readonly calls: { activity: keyof DeliveryActivities; args: unknown[] }[] = [];
  readonly behaviours = new Map<string, Behaviour>();

  private attempt(activity: keyof DeliveryActivities, id: string): void {
    this.calls.push({ activity, args: [id] });
    const { attempt } = Context.current().info;
    switch (this.behaviours.get(id)) {
      case 'delivers':
        return;
      case 'fails-twice':
        if (attempt < 3) throw new Error(`receiver answered 503 (try ${attempt})`);
        return;
      case 'down':
        throw new Error('connect ECONNREFUSED 192.0.2.10:443');
      case 'refused':
        throw ApplicationFailure.nonRetryable('The webhook host resolves to 10.0.0.5, which deliveries may not reach.', NON_RETRYABLE.addressRefused);
      default:
        throw ApplicationFailure.nonRetryable(`no delivery ${id}`, NON_RETRYABLE.noSuchDelivery);
    }
  }

  readonly activities: DeliveryActivities = {
    deliverWebhook: async (id) => this.attempt('deliverWebhook', id),
    sendEmail: async (id) => this.attempt('sendEmail', id),
    markWebhookFailed: async (...args) => {
      this.calls.push({ activity: 'markWebhookFailed', args });
    },
    markEmailFailed: async (...args) => {
      this.calls.push({ activity: 'markEmailFailed', args });
    },
  };

  of(id: string) {
    return this.calls.filter((c) => c.args[0] === id);
  }
}

describe('notify\'s delivery workflows, recorded for the replay guard (real Temporal, a namespace of its own)', () => {
  let replay: ReplayNamespace;
  let nativeConnection: NativeConnection;
  let client: Client;

  beforeAll(async () => {
    replay = await openReplayNamespace();
    ({ client, nativeConnection } = replay);
  }, 120_000);
  afterAll(async () => {
    await replay?.close();
  });

  it('delivers at once, after retries, gives up, refuses an address, and replays its own histories', async () => {
    const dataConverter = temporalDataConverter();
    const workflowBundleCode = await workflowBundle(WORKFLOWS);
    const fakes = new DeliveryFakes();
    // A queue of its own: the intake recorder's fake workers poll notify's queue in this namespace and would take these activities.
    const taskQueue = `replay-guard-notify-${randomUUID().slice(0, 8)}`;
    const worker = await Worker.create({ connection: nativeConnection, namespace: REPLAY_NAMESPACE, taskQueue, dataConverter, workflowBundle: workflowBundleCode, activities: fakes.activities });
    const cases: { file: string; type: 'webhookDelivery' | 'emailDelivery'; behaviour: Behaviour; outcome: DeliveryOutcome }[] = [
      { file: 'webhook.json', type: 'webhookDelivery', behaviour: 'delivers', outcome: 'sent' },
      { file: 'webhook-retried.json', type: 'webhookDelivery', behaviour: 'fails-twice', outcome: 'sent' },
      { file: 'webhook-failed.json', type: 'webhookDelivery', behaviour: 'down', outcome: 'failed' },
      { file: 'webhook-refused.json', type: 'webhookDelivery', behaviour: 'refused', outcome: 'failed' },
      { file: 'email.json', type: 'emailDelivery', behaviour: 'delivers', outcome: 'sent' },
      { file: 'email-retried.json', type: 'emailDelivery', behaviour: 'fails-twice', outcome: 'sent' },
      { file: 'email-failed.json', type: 'emailDelivery', behaviour: 'down', outcome: 'failed' },
    ];
    const runs: (RecordedRun & { id: string; behaviour: Behaviour; type: string })[] = [];
    await worker.runUntil(async () => {
      await Promise.all(
        cases.map(async ({ file, type, behaviour, outcome }) => {
          const id = `replay-guard-${randomUUID().slice(0, 8)}`;
          fakes.behaviours.set(id, behaviour);
          const workflowId = `${type === 'webhookDelivery' ? 'webhook' : 'email'}-${id}`;
          const input: DeliveryInput = { id, retry: RETRY };
          const handle = await client.workflow.start(type, { taskQueue, workflowId, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
          expect(await handle.result()).toBe(outcome);
          runs.push({ file, workflowId, id, behaviour, type });
        }),
      );
    });

    // What each branch asked of the activities: the failure is marked only when the tries ran out or the address was refused.
    for (const { id, behaviour, type } of runs) {
      const [attempt, mark] = type === 'webhookDelivery' ? (['deliverWebhook', 'markWebhookFailed'] as const) : (['sendEmail', 'markEmailFailed'] as const);
      const calls = fakes.of(id);
      const tries = { delivers: 1, 'fails-twice': 3, down: 3, refused: 1 }[behaviour];
      expect(calls.filter((c) => c.activity === attempt)).toHaveLength(tries);
      const marks = calls.filter((c) => c.activity === mark);
      if (behaviour === 'down') expect(marks).toEqual([{ activity: mark, args: [id, 'connect ECONNREFUSED 192.0.2.10:443'] }]);
      else if (behaviour === 'refused') expect(marks).toEqual([{ activity: mark, args: [id, expect.stringContaining('may not reach'), 'refused'] }]);
      else expect(marks).toEqual([]);
    }

    const histories = await Promise.all(runs.map(async ({ file, workflowId }) => ({ file, workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() })));
    // The retries are Temporal's, not the workflow's: the history holds one scheduled activity, started on its third attempt.
    const retried = histories.find((h) => h.file === 'webhook-retried.json')!.history.events ?? [];
    expect(retried.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(1);
    expect(retried.find((e) => e.activityTaskStartedEventAttributes)?.activityTaskStartedEventAttributes?.attempt).toBe(3);
    for (const { workflowId, history } of histories) {
      await Worker.runReplayHistory({ workflowBundle: workflowBundleCode, dataConverter }, history, workflowId);
    }
    saveHistories(histories);
  }, 180_000);
});
