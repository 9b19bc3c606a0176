import type { DomainEvent } from '@vanthu/shared';
import { deliveryChecks } from '../../local/src/chaos/delivery-checks';
import { eventChecks } from '../../local/src/chaos/event-checks';
import { archiveChecks, lifecycleChecks, numberChecks } from '../../local/src/chaos/lifecycle-checks';
import type { RunRecords } from '../../local/src/chaos/run-records';
import { loadChaosSettings } from '../../local/src/chaos/chaos-settings';
import type { Count } from '../../local/src/chaos/tally';

/** The checks must see what they are there to see: each defect planted here is counted, and a clean run counts none. */
const event = (id: string, type: string, data: Record<string, unknown> = {}): DomainEvent => ({
  id,
  type,
  version: 1,
  occurredAt: '2026-12-03T00:00:00.000Z',
  source: 'test',
  subject: id.split(/[@:]/)[0]!,
  data: { org: 'BS-TU', issuer: 'BS-TU', ...data },
});

const archived = (id: string, number: number) => ({ _id: id, status: 'archived', issuer: 'BS-TU', type: 'NQ', number, notation: `${number}-NQ/TU`, seq: 2, history: [{ action: 'created' }, { action: 'archived' }] });

const ids = ['d1', 'd2'];
const taskIds = ids.flatMap((id) => ['BS-TL-DU', 'BS-HB-DU'].map((org) => `T${id}${org}`));
const taskEvents = () => taskIds.map((t) => ({ ...event(`${t}:1`, 'tracking.task-completed', { assignerOrg: 'BS-TU', leadOrg: t.slice(3) }), subject: t }));

function cleanRecords(): RunRecords {
  return {
    documents: ids.map((id, i) => archived(id, i + 1)),
    incoming: ids.flatMap((id, i) => ['BS-TL-DU', 'BS-HB-DU'].map((org) => ({ _id: `${id}@${org}`, documentId: id, org, status: 'done', arrivalNumber: i + 1, seq: 0 }))),
    numberClaims: ids.map((id, i) => ({ _id: `s#${i + 1}`, series: 's', number: i + 1, owner: id })),
    arrivalClaims: [],
    tasks: ids.flatMap((id) => ['BS-TL-DU', 'BS-HB-DU'].map((org) => ({ _id: `T${id}${org}`, status: 'done', leadOrg: org, seq: 1, source: { documentId: id }, reports: [] }))),
    outboxPending: { vanthu_intake: 0 },
    consumed: new Map([
      ['vanthu_notify', new Set([...ids.flatMap((id) => [`vanthu-notify|${id}:1`, `vanthu-notify|${id}:2`]), ...taskIds.map((t) => `vanthu-notify|${t}:1`)])],
      ['vanthu_tracking', new Set(ids.flatMap((id) => [`vanthu-tracking-inputs|${id}:1`, `vanthu-tracking-inputs|${id}:2`]))],
    ]),
    inboxItems: ids.map((id) => ({ stream: 'bs-specialist', eventId: `${id}:2`, eventType: 'document.archived', aggregateId: id })),
    notifications: [],
    deliveries: ids.flatMap((id) => [1, 2].map((seq) => ({ _id: `wh:${id}${seq}`, endpointId: 'wh', eventId: `${id}:${seq}`, eventType: 'x', status: 'succeeded' }))),
    packages: ids.map((id) => ({ _id: `p-${id}`, documentId: id, workflowId: `document-${id}` })),
    leaves: ids.map((id, i) => ({ _id: String(i), index: i, packageId: `p-${id}` })),
    events: [...ids.flatMap((id) => [event(`${id}:1`, 'document.created'), event(`${id}:2`, 'document.archived')]), ...taskEvents()],
    deadLetters: 0,
    workflows: [
      ...ids.map((id) => ({ workflowId: `document-${id}`, type: 'documentLifecycle', status: 'COMPLETED' })),
      ...ids.flatMap((id) => ['BS-TL-DU', 'BS-HB-DU'].map((org) => ({ workflowId: `incoming-${id}@${org}`, type: 'incomingDocument', status: 'COMPLETED' }))),
      ...ids.flatMap((id) => ['BS-TL-DU', 'BS-HB-DU'].map((org) => ({ workflowId: `task-T${id}${org}`, type: 'implementationTask', status: 'COMPLETED' }))),
    ],
    lag: [{ group: 'vanthu-notify', topic: 'vanthu.document.events.v1', lag: 0 }],
  };
}

const journeys = ids.map((documentId, index) => ({ index, documentId, taskIds: taskIds.filter((t) => t.startsWith(`T${documentId}`)), outcome: 'archived' as const, ms: 1 }));
const hooks = [...['d1:1', 'd1:2', 'd2:1', 'd2:2'], ...taskIds.map((t) => `${t}:1`)].map((id) => ({ webhookId: id, eventId: id, type: 'x', at: 0 }));

function verdict(r: RunRecords, received = hooks): Count[] {
  return [...lifecycleChecks(r, journeys), ...numberChecks(r), ...archiveChecks(r), ...eventChecks(r), ...deliveryChecks(r, [], received)];
}
const nonZero = (counts: Count[]) => Object.fromEntries(counts.filter((c) => c.mustBeZero && c.value !== 0).map((c) => [c.name, c.value]));

describe('the chaos run\'s checks', () => {
  it('count nothing on a clean run', () => {
    expect(nonZero(verdict(cleanRecords()))).toEqual({});
  });

  it('count a number given twice and the gap it leaves', () => {
    const r = cleanRecords();
    r.documents.push(archived('d3', 2), archived('d4', 4));
    const counts = nonZero(verdict(r));
    expect(counts.document_numbers_duplicated).toBe(1);
    expect(counts.document_number_gaps).toBe(1);
  });

  it('count a transition published under two ids, and a seq that never reached Kafka', () => {
    const r = cleanRecords();
    r.events.push(event('d1:3', 'document.archived'));
    r.documents[1]!.seq = 3;
    const counts = nonZero(verdict(r));
    expect(counts.events_duplicated).toBe(1);
    expect(counts.events_lost).toBe(1);
  });

  it('count a second package and a second leaf for one document, and a document stuck half-way', () => {
    const r = cleanRecords();
    r.packages.push({ _id: 'p-d1-again', documentId: 'd1', workflowId: 'document-d1-again' });
    r.leaves.push({ _id: '2', index: 2, packageId: 'p-d1' });
    r.documents[0]!.status = 'distributed';
    const counts = nonZero(verdict(r));
    expect(counts.archive_packages_duplicated).toBe(1);
    expect(counts.log_leaves_duplicated).toBe(1);
    expect(counts.documents_stuck).toBe(1);
  });

  it('count a notification told twice, an event a group never handled, and a webhook POSTed twice or never', () => {
    const r = cleanRecords();
    r.inboxItems.push({ ...r.inboxItems[0]! });
    r.consumed.get('vanthu_notify')!.delete('vanthu-notify|d2:1');
    const counts = nonZero(verdict(r, [...hooks.slice(1), hooks[1]!]));
    expect(counts.notifications_duplicated).toBe(1);
    expect(counts.events_not_consumed).toBe(1);
    expect(counts.webhook_deliveries_duplicated).toBe(1);
    expect(counts.webhook_deliveries_lost).toBe(1);
  });

  it('tell an e-mail sent again after its worker was killed before recording it from one sent twice for no reason', () => {
    const r = cleanRecords();
    const id = 'd1:2|bs-specialist|email';
    const messageId = `<${Buffer.from(id).toString('base64url')}@notify.vanthu>`;
    const kill = 1_000_000;
    const mails = (firstAt: number) => [{ messageId, to: ['a@b'], at: firstAt }, { messageId, to: ['a@b'], at: firstAt + 61_000 }];
    const counted = (attempts: number, firstAt: number, kills: number[]) => {
      r.notifications = [{ _id: id, eventId: 'd1:2', userId: 'bs-specialist', channel: 'email', status: 'sent', attempts }];
      const counts = deliveryChecks(r, mails(firstAt), hooks, kills);
      return { ...nonZero(counts), resent: counts.find((c) => c.name === 'emails_resent_after_kill')!.value };
    };
    // The first copy taken 50 ms before the kill; the second attempt recorded it.
    expect(counted(2, kill - 50, [kill])).toEqual({ resent: 1 });
    // No kill, a kill long after, a kill before the first copy, or the first attempt's own record: each a defect.
    expect(counted(2, kill - 50, [])).toEqual({ emails_duplicated: 1, resent: 0 });
    expect(counted(2, kill - 60_000, [kill])).toEqual({ emails_duplicated: 1, resent: 0 });
    expect(counted(2, kill + 5_000, [kill])).toEqual({ emails_duplicated: 1, resent: 0 });
    expect(counted(1, kill - 50, [kill])).toEqual({ emails_duplicated: 1, resent: 0 });
  });

  it('tell a webhook POSTed again after its worker was killed before recording it', () => {
    const r = cleanRecords();
    const kill = 1_000_000;
    const again = [...hooks.map((h) => ({ ...h, at: kill - 100 })), { ...hooks[0]!, at: kill + 60_000 }];
    expect(nonZero(deliveryChecks(r, [], again, [kill]))).toEqual({ webhook_deliveries_duplicated: 1 });
    r.deliveries[0]!.attempts = 2;
    const counts = deliveryChecks(r, [], again, [kill]);
    expect(nonZero(counts)).toEqual({});
    expect(counts.find((c) => c.name === 'webhook_deliveries_resent_after_kill')).toMatchObject({ value: 1, examples: ['d1:1'] });
  });
});

describe('the chaos run\'s settings', () => {
  it('take flags over variables, and name a bad value', () => {
    const settings = loadChaosSettings(['--documents', '30', '--kafka-down=15', '--faults', 'kafka,temporal'], { CHAOS_DOCUMENTS: '5', CHAOS_CONCURRENCY: '4' });
    expect(settings).toMatchObject({ documents: 30, concurrency: 4, kafkaDownMs: 15_000, faults: ['kafka', 'temporal'] });
    expect(() => loadChaosSettings(['--faults', 'kafka,printer'], {})).toThrow(/unknown fault "printer"/);
    expect(() => loadChaosSettings(['--documents', '0'], {})).toThrow(/CHAOS_DOCUMENTS/);
  });
});
