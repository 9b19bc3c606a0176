import { outboxModel, startServiceWorker, TOPICS, type ProbeActivities, type TrackingActivities } from '@vanthu/shared';
import { inputsGroupFor } from '../../src/consumers/inputs-consumer';
import { trackingService } from '../../src/service';
import { organisationModel } from '../../src/store/collections';
import { organisationRegistered, publishEvents } from '../support/input-events';
import { sampleTaskInput, transitionOf } from '../support/task-inputs';
import { trackingTestContext, type TrackingTestContext } from '../support/tracking-context';

async function eventually<T>(what: string, read: () => Promise<T | null | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The worker as the service composes it (service.ts): prepare, then its activities with the
 * outbox relay, the inputs consumer and the figures projection beside them, in a Temporal worker
 * with the task workflows. A queue of the test's own, so it takes no other test's tasks.
 */
describe('the tracking worker', () => {
  let t: TrackingTestContext;
  let activities: ProbeActivities & TrackingActivities;
  let state: () => string;

  beforeAll(async () => {
    t = await trackingTestContext({ role: 'worker' });
    await trackingService.prepare!(t.ctx);
    activities = (await trackingService.activities(t.ctx, t.lifecycle)) as ProbeActivities & TrackingActivities;
    const started = await startServiceWorker({
      address: t.ctx.config.TEMPORAL_ADDRESS,
      namespace: t.ctx.config.TEMPORAL_NAMESPACE,
      taskQueue: `tracking-it-${t.run}`,
      logger: t.ctx.logger,
      lifecycle: t.lifecycle,
      activities,
      keys: t.ctx.keys,
      ...(trackingService.workflows && { workflows: trackingService.workflows }),
    });
    state = () => started.worker.getState();
  }, 180_000);

  afterAll(() => t?.close());

  it('polls its queue with the task workflows bundled', () => {
    expect(state()).toBe('RUNNING');
  });

  it('answers the system probe as tracking, on the tracking queue', async () => {
    expect(await activities.probe()).toMatchObject({ service: 'tracking', taskQueue: 'tracking', pid: process.pid });
  });

  it('keeps the hierarchy from the directory topic, in its database\'s own group', async () => {
    const org = { code: `IT${t.run}-W`, name: 'Đảng ủy thử', level: 'commune' as const, parent: 'BS-TU', notationCode: 'ĐU' };
    const event = organisationRegistered(org);
    await publishEvents(t.ctx.bus, TOPICS.directoryEvents.name, [event]);
    await t.handled(inputsGroupFor(t.ctx.config.MONGO_DATABASE), event.id);
    expect(await organisationModel(t.ctx.mongo).findById(org.code).lean()).toMatchObject({ parent: 'BS-TU', level: 'commune' });
  });

  it('publishes a recorded transition through its relay, and projects it into the figures', async () => {
    const task = sampleTaskInput();
    await activities.recordTaskTransition(transitionOf(task, { seq: 1, action: 'assigned', status: 'assigned', actor: 'bs-specialist', create: true }));
    // The relay removes an outbox record once Kafka has it, and the figures projection reads it back from the topic.
    await eventually('the outbox drained', async () => ((await outboxModel(t.ctx.mongo).countDocuments({ aggregateId: task.taskId })) === 0 ? true : null));
    const item = await eventually('the figures item', () => t.ctx.mongo.db!.collection<{ _id: string; seq: number }>('task_items').findOne({ _id: task.taskId }));
    expect(item).toMatchObject({ _id: task.taskId, seq: 1 });
  });
});
