import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { checkEvent, DEVELOPMENT_JWT_SECRET, TaskAttributes, temporalDataConverter, TOPICS, type DomainEvent } from '@vanthu/shared';
import type { RunningService } from '../../deploy/local/src/services';
import { demoToken, runLifecycleScenario } from '../../deploy/local/src/scenario/lifecycle-scenario';
import { runTrackingScenario, type TrackingScenarioResult } from '../../deploy/local/src/scenario/tracking-scenario';
import { apiUrl, startSystem, stopServices } from './support/system';

const env = {
  temporal: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'vanthu-test',
  kafka: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
};

/** The tracking events of the given tasks, from the start of the topic, until `enough` says so. */
async function trackingEvents(taskIds: string[], enough: (events: DomainEvent[]) => boolean): Promise<DomainEvent[]> {
  const kafka = new Kafka({ brokers: env.kafka, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `e2e-tracking-${randomUUID()}` });
  const seen: DomainEvent[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.trackingEvents.name, fromBeginning: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`tracking events so far: ${seen.map((e) => e.type).join(', ')}`)), 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const event = JSON.parse(message.value!.toString()) as DomainEvent;
          if (!taskIds.includes(event.subject)) return;
          seen.push(event);
          if (enough(seen)) resolve();
        },
      });
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return seen;
}

const zero = { doneOnTime: 0, doneLate: 0, openWithinDeadline: 0, overdue: 0 };

describe('the demo story of implementation tracking, across the running services', () => {
  let running: RunningService[] = [];
  let documentId: string;
  let result: TrackingScenarioResult;

  beforeAll(async () => {
    running = await startSystem();
    const lifecycle = await runLifecycleScenario({ apiUrl: apiUrl('intake'), jwtSecret: DEVELOPMENT_JWT_SECRET });
    documentId = lifecycle.document.id;
    result = await runTrackingScenario({
      apiUrl: apiUrl('intake'),
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      documentId,
      notation: lifecycle.document.notation!,
      overdueAfterMs: 15_000,
    });
  }, 420_000);

  afterAll(async () => {
    await stopServices(running);
  });

  it('counts one task done on time and one overdue at the province, one row per commune', () => {
    expect(result.province.totals).toEqual({ ...zero, doneOnTime: 1, overdue: 1, total: 2 });
    const rows = Object.fromEntries(result.province.rows.map((r) => [r.key, r]));
    expect(rows['BS-TL-DU']).toMatchObject({ ...zero, doneOnTime: 1, total: 1, label: 'Đảng ủy xã Tân Lập' });
    expect(rows['BS-HB-DU']).toMatchObject({ ...zero, overdue: 1, total: 1, label: 'Đảng ủy phường Hòa Bình' });
    expect(rows['BS-TL-DU']!.drillDown).toContain('org=BS-TL-DU');
  });

  it("counts each commune's own assignments: Tân Lập's two offices done on time, nothing from Hòa Bình", () => {
    const tanLap = result.communes['BS-TL-DU']!;
    expect(tanLap.totals).toEqual({ ...zero, doneOnTime: 2, total: 2 });
    expect(tanLap.rows.map((r) => [r.key, r.doneOnTime])).toEqual([
      ['BS-TL-VP', 1],
      ['BS-TL-XDD', 1],
    ]);
    expect(result.communes['BS-HB-DU']!.totals).toEqual({ ...zero, total: 0 });
  });

  it("rolls the offices' work up into Tân Lập's task, which was accepted before its deadline", () => {
    expect(result.tanLap.status).toBe('done');
    expect(result.tanLap.progress).toBe(100);
    expect(new Date(result.tanLap.completedAt!).getTime()).toBeLessThanOrEqual(new Date(result.tanLap.deadline!).getTime());
    expect(result.tanLap.subtasks.map((s) => [s.leadOrg, s.weight, s.status])).toEqual([
      ['BS-TL-VP', 1, 'done'],
      ['BS-TL-XDD', 2, 'done'],
    ]);
    expect(result.offices.map((o) => o.status)).toEqual(['done', 'done']);
  });

  it("reminds Hòa Bình, then escalates at the deadline to its secretary and to the assigner, and no one else", async () => {
    const actions = result.hoaBinh.history.map((h) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['assigned', 'accepted', 'progress-reported', 'deadline-approaching', 'overdue']));
    expect(actions.indexOf('deadline-approaching')).toBeLessThan(actions.indexOf('overdue'));
    const overdueAt = result.hoaBinh.history.find((h) => h.action === 'overdue')!.at;
    expect(new Date(overdueAt).getTime()).toBeGreaterThanOrEqual(new Date(result.hoaBinh.deadline!).getTime());
    expect(result.hoaBinh.status).toBe('in_progress');
    expect(result.escalatedTo.sort()).toEqual(['bs-specialist', 'hb-secretary']);
    // Tân Lập's secretary has nothing to do with Hòa Bình's task.
    const notify = await fetch(`${apiUrl('notify')}/v1/me/notifications`, { headers: { Authorization: `Bearer ${demoToken(DEVELOPMENT_JWT_SECRET, 'tl-secretary')}` } });
    const inbox = (await notify.json()) as { items: Array<{ eventType: string; aggregateId: string }> };
    expect(inbox.items.filter((n) => n.aggregateId === result.hoaBinh.id)).toEqual([]);
  });

  it('publishes every step as a catalogued event, keyed by task', async () => {
    const ids = [result.tanLap.id, result.hoaBinh.id];
    const events = await trackingEvents(ids, (seen) => seen.some((e) => e.type === 'tracking.task-overdue') && seen.some((e) => e.type === 'tracking.task-completed'));
    for (const event of events) expect(checkEvent(event)).toEqual({ ok: true });
    const typesOf = (id: string) => events.filter((e) => e.subject === id).map((e) => e.type);
    expect(typesOf(result.hoaBinh.id)).toEqual(
      expect.arrayContaining(['tracking.task-assigned', 'tracking.task-accepted', 'tracking.task-progress-reported', 'tracking.task-deadline-approaching', 'tracking.task-overdue']),
    );
    expect(typesOf(result.tanLap.id)).toEqual(
      expect.arrayContaining(['tracking.task-assigned', 'tracking.task-split', 'tracking.task-progress-rolled-up', 'tracking.task-submitted', 'tracking.task-completed']),
    );
  });

  it('exports the figures as CSV', async () => {
    const res = await fetch(`${apiUrl('tracking')}/v1/figures?org=BS-TU&sourceDocumentId=${documentId}&groupBy=leadOrg`, {
      headers: { Authorization: `Bearer ${demoToken(DEVELOPMENT_JWT_SECRET, 'bs-secretary')}`, Accept: 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.some((line) => line.includes('BS-HB-DU'))).toBe(true);
  });

  it('lets an operator find every task of the resolution in Temporal by its search attributes', async () => {
    const connection = await Connection.connect({ address: env.temporal });
    try {
      const temporal = new Client({ connection, namespace: env.namespace, dataConverter: temporalDataConverter() });
      const found: Array<{ id: string; lead?: string }> = [];
      for (let attempt = 0; attempt < 30 && found.length < 4; attempt++) {
        found.length = 0;
        for await (const wf of temporal.workflow.list({ query: `TaskSourceDocument = "${documentId}"` })) found.push({ id: wf.workflowId, lead: wf.typedSearchAttributes.get(TaskAttributes.leadOrg) });
        if (found.length < 4) await new Promise((r) => setTimeout(r, 1_000));
      }
      expect(found.map((f) => f.lead).sort()).toEqual(['BS-HB-DU', 'BS-TL-DU', 'BS-TL-VP', 'BS-TL-XDD']);
    } finally {
      await connection.close();
    }
  });
});
