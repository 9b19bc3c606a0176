import { assertValidEvent, TOPICS, type DomainEvent } from '@vanthu/shared';
import { startFiguresProjection, type FiguresProjection } from '../../src/consumers/figures-projection';
import { ProjectionDirectory } from '../../src/directory/directory-reader';
import type { FigureItem } from '../../src/figures/figure-item';
import { dbOf, taskItems } from '../../src/figures/item-store';
import { LiveFigures } from '../../src/figures/live-figures';
import { publishEvents } from '../support/input-events';
import { trackingTestContext, type TrackingTestContext } from '../support/tracking-context';

const DAY = 86_400_000;

/** A task's events as the task workflow writes them: the whole snapshot in each, `seq` from 1. */
function taskHistory(taskId: string, leadOrg: string, deadline: string, steps: Array<[action: string, status: string, extra?: Record<string, unknown>]>): DomainEvent[] {
  return steps.map(([action, status, extra], i) => {
    const event: DomainEvent = {
      id: `${taskId}:${i + 1}`,
      type: `tracking.task-${action}`,
      version: 1,
      occurredAt: new Date(Date.parse('2026-11-01T02:00:00.000Z') + i * DAY).toISOString(),
      source: 'tracking',
      subject: taskId,
      data: {
        taskId,
        seq: i + 1,
        kind: 'task',
        status,
        title: `Nhiệm vụ ${taskId}`,
        sourceDocumentId: `${taskId}-doc`,
        sourceNotation: '12-NQ/TU',
        documentType: 'NQ',
        assignerOrg: 'BS-TU',
        assignedBy: 'bs-specialist',
        leadOrg,
        cooperating: [],
        rootTaskId: taskId,
        depth: 0,
        priority: 'normal',
        weight: 1,
        deadline,
        assignedAt: '2026-11-01T02:00:00.000Z',
        progress: status === 'done' ? 100 : 0,
        ...extra,
      },
    };
    assertValidEvent(event);
    return event;
  });
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The figures, end to end on the real servers: tracking events through Kafka, the projection
 * into task_items and its journal, an API process's items in memory, the figures. Task ids of this
 * run's own: the topic is shared with every other test.
 */
describe('the figures projection', () => {
  let t: TrackingTestContext;
  let projection: FiguresProjection;
  let figures: LiveFigures;
  const id = (name: string) => `it-${t.run}-${name}`;
  const past = '2026-11-20T16:59:59.999Z';
  const future = new Date(Date.now() + 30 * DAY).toISOString();
  let histories: DomainEvent[][];

  const itemOf = (taskId: string) => taskItems(dbOf(t.ctx.mongo)).findOne({ _id: taskId });
  const projected = (taskId: string, seq: number) => eventually(`${taskId} at seq ${seq}`, async () => {
    const item = await itemOf(taskId);
    return item && item.seq >= seq ? item : undefined;
  });

  beforeAll(async () => {
    t = await trackingTestContext({ role: 'api' });
    await t.seedDirectory();
    histories = [
      // Done on time: submitted before the (past) deadline.
      taskHistory(id('on-time'), 'BS-TL-DU', past, [['assigned', 'assigned'], ['accepted', 'accepted'], ['submitted', 'submitted', { evidence: [], submittedAt: '2026-11-18T00:00:00.000Z' }], ['completed', 'done', { submittedAt: '2026-11-18T00:00:00.000Z', completedAt: '2026-11-18T00:00:00.000Z' }]]),
      // Overdue: accepted, the deadline passed.
      taskHistory(id('overdue'), 'BS-TL-DU', past, [['assigned', 'assigned'], ['accepted', 'accepted']]),
      // Refused, not reassigned: still an obligation, open within the deadline.
      taskHistory(id('refused'), 'BS-HB-DU', future, [['assigned', 'assigned'], ['refused', 'refused', { note: 'Không thuộc thẩm quyền' }]]),
      // Cancelled: not counted.
      taskHistory(id('cancelled'), 'BS-HB-DU', future, [['assigned', 'assigned'], ['cancelled', 'cancelled']]),
    ];
    // Newest first for one task: an older snapshot arriving later must not win.
    const [first, second] = histories[1]!;
    await publishEvents(t.ctx.bus, TOPICS.trackingEvents.name, [...histories[0]!, second!, first!, ...histories[2]!, ...histories[3]!]);
    projection = await startFiguresProjection(t.ctx, { group: `it-tracking-figures-${t.run}` });
    t.lifecycle.onStop('figures projection', () => projection.stop());
  });

  afterAll(() => t?.close());

  it('keeps the newest snapshot of each task, whatever the order its events arrived in', async () => {
    await Promise.all(histories.map((h) => projected(h.at(-1)!.subject, h.length)));
    const overdue = await itemOf(id('overdue'));
    expect(overdue).toMatchObject({ seq: 2, status: 'accepted', leadOrg: 'BS-TL-DU', assignerOrg: 'BS-TU', deadline: past, sourceNotation: '12-NQ/TU' });
    expect(await itemOf(id('on-time'))).toMatchObject({ seq: 4, status: 'done', completedAt: '2026-11-18T00:00:00.000Z' });
    expect(overdue!.projectedAt).toBeInstanceOf(Date);
  });

  it('gives the figures from the items in memory, then follows the journal as tasks change', async () => {
    figures = new LiveFigures({ db: dbOf(t.ctx.mongo), logger: t.ctx.logger, refreshMs: 60_000 });
    figures.start();
    t.lifecycle.onStop('figures', async () => figures.stop());
    await figures.loaded;
    const directory = await new ProjectionDirectory(t.ctx.mongo).view();
    const query = { org: 'BS-TU', scope: 'own' as const, asOf: new Date().toISOString(), groupBy: 'leadOrg' as const, sourceDocumentId: undefined };
    const mine = (taskIds: string[]) => taskIds.map((taskId) => ({ ...query, sourceDocumentId: `${taskId}-doc` }));

    const counts = (taskId: string) => figures.query(mine([taskId])[0]!, directory).totals;
    expect(counts(id('on-time'))).toMatchObject({ doneOnTime: 1, total: 1 });
    expect(counts(id('overdue'))).toMatchObject({ overdue: 1, total: 1 });
    expect(counts(id('refused'))).toMatchObject({ openWithinDeadline: 1, total: 1 });
    expect(counts(id('cancelled'))).toMatchObject({ total: 0 });
    const row = figures.query(mine([id('refused')])[0]!, directory).rows[0]!;
    expect(row).toMatchObject({ key: 'BS-HB-DU', label: 'Đảng ủy phường Hòa Bình' });

    // The overdue task is submitted late and accepted: the journal brings it to this process.
    const late = '2026-11-25T00:00:00.000Z';
    const more = taskHistory(id('overdue'), 'BS-TL-DU', past, [['assigned', 'assigned'], ['accepted', 'accepted'], ['submitted', 'submitted', { evidence: [], submittedAt: late }], ['completed', 'done', { submittedAt: late, completedAt: late }]]);
    await publishEvents(t.ctx.bus, TOPICS.trackingEvents.name, more.slice(2));
    await projected(id('overdue'), 4);
    await figures.refresh();
    expect(counts(id('overdue'))).toMatchObject({ overdue: 0, doneLate: 1, total: 1 });
  });

  it('is rebuilt the same by replaying the topic into a new group and database', async () => {
    const db = t.ctx.mongo.getClient().db(`vanthu_it_tracking_${t.run}_rebuild`);
    const rebuild = await startFiguresProjection(t.ctx, { group: `it-tracking-figures-${t.run}-rebuild`, db });
    try {
      const strip = ({ projectedAt: _at, ...rest }: FigureItem) => rest;
      for (const h of histories) {
        const taskId = h[0]!.subject;
        const original = await itemOf(taskId);
        const copy = await eventually(`${taskId} rebuilt`, async () => {
          const item = await taskItems(db).findOne({ _id: taskId });
          return item && item.seq >= original!.seq ? item : undefined;
        });
        expect(strip(copy)).toEqual(strip(original!));
      }
    } finally {
      await rebuild.stop();
      await db.dropDatabase();
    }
  });

  it('parks what it cannot read on the dead-letter topic and goes on', async () => {
    const topic = { name: `vanthu.it.tracking-figures.${t.run}`, partitions: 1, retentionMs: 3_600_000, description: 'this test only' };
    await t.ctx.bus.ensureTopics([topic]);
    const db = t.ctx.mongo.getClient().db(`vanthu_it_tracking_${t.run}_dlq`);
    const good = taskHistory(id('after-bad'), 'BS-TL-DU', future, [['assigned', 'assigned']]);
    const broken = { ...good[0]!, id: `${id('broken')}:1`, subject: id('broken'), data: { ...good[0]!.data, taskId: id('broken'), leadOrg: undefined } };
    const publisher = await t.ctx.bus.publisher();
    await publisher.publish(topic.name, [
      { key: 'x', value: '{not json' },
      { key: id('broken'), value: JSON.stringify(broken) },
      { key: id('after-bad'), value: JSON.stringify(good[0]) },
    ]);
    await publisher.close();
    const side = await startFiguresProjection(t.ctx, { group: `it-tracking-figures-${t.run}-dlq`, db, topic: topic.name });
    try {
      const item = await eventually('the good event after the bad ones', async () => (await taskItems(db).findOne({ _id: id('after-bad') })) ?? undefined);
      expect(item.status).toBe('assigned');
      expect(await taskItems(db).findOne({ _id: id('broken') })).toBeNull();
      await eventually('both parked', async () => (side.stats.deadLettered >= 2 ? true : undefined));
      expect(side.stats.deadLettered).toBe(2);
    } finally {
      await side.stop();
      await db.dropDatabase();
    }
  });
});
