import type { DomainEvent, EventConsumer } from '@vanthu/shared';
import { consumeEvents } from '../../src/dispatch/consume-events';
import { api, eventually, startNotifyHarness, type NotifyHarness } from '../support/notify-harness';
import { demoUsersIn, newDocumentId, taskEvent, userRegistered } from '../support/events';
import { bodyOf, decodeHeader, headerOf, type ReceivedMail } from '../support/smtp';

describe('notify: implementation tasks on Kafka reach the lead’s leaders and the assigner (real MongoDB, Kafka, Temporal, SMTP)', () => {
  let h: NotifyHarness;
  let consumer: EventConsumer;
  let topics: { tracking: string; directory: string };
  let user: (base: string) => string;
  let org: (base: string) => string;

  const publish = async (topic: string, events: DomainEvent[]) => {
    const publisher = await h.ctx.bus.publisher();
    try {
      await publisher.publish(topic, events.map((e) => ({ key: e.subject, value: JSON.stringify(e), headers: { 'event-id': e.id, 'event-type': e.type } })));
    } finally {
      await publisher.close();
    }
  };
  const inboxOf = async (userId: string) => (await h.stores.inbox.page(userId, { limit: 50 })).items;

  beforeAll(async () => {
    h = await startNotifyHarness();
    user = (base) => `${base}-${h.suffix}`;
    org = (base) => `${base}-${h.suffix}`;
    // Topics of the test's own: the real ones are the system's audit trail.
    topics = { tracking: `vanthu-it-notify-tracking-${h.suffix}`, directory: `vanthu-it-notify-directory-${h.suffix}` };
    await h.ctx.bus.ensureTopics([
      { name: topics.tracking, partitions: 3, retentionMs: 3_600_000, description: 'notify integration test' },
      { name: topics.directory, partitions: 2, retentionMs: 3_600_000, description: 'notify integration test' },
    ]);
    consumer = await consumeEvents(h.ctx, { stores: h.stores, live: h.live, starter: h.starter, email: true, logger: h.ctx.logger, portalUrl: 'https://portal.vanthu.example' }, {
      group: `vanthu-notify-it-${h.suffix}`,
      topics: [topics.directory, topics.tracking],
    });
    await publish(topics.directory, demoUsersIn(h.suffix).map((u) => userRegistered(u)));
    await eventually(async () => (await h.stores.directory.members(org('BS-HB-DU'), 'leader')).length === 1, 30_000, 'the directory projection');
  });
  afterAll(async () => {
    await consumer?.stop();
    await h?.stop();
  });

  it('escalates an overdue task to hb-secretary (leader of BS-HB-DU) and to bs-specialist who assigned it, once each', async () => {
    const taskId = `task-${newDocumentId()}`;
    const task = { leadOrg: org('BS-HB-DU'), assignerOrg: org('BS-TU'), assignedBy: user('bs-specialist') };
    const overdue = taskEvent(taskId, 5, 'overdue', task, { status: 'in_progress' });
    // The relay publishing it twice, and a later event of the same task behind them (one partition, in order).
    const submitted = taskEvent(taskId, 6, 'submitted', task, { status: 'submitted', actor: user('hb-specialist'), evidence: [], submittedAt: new Date().toISOString(), note: 'Đã hoàn thành' });
    await publish(topics.tracking, [overdue, overdue, submitted]);

    const assignerItems = await eventually(async () => {
      const items = await inboxOf(user('bs-specialist'));
      return items.some((i) => i.eventId === submitted.id) ? items : undefined;
    }, 30_000, 'the assigner’s notifications');
    const leaderItems = await inboxOf(user('hb-secretary'));

    for (const items of [assignerItems, leaderItems]) {
      const escalations = items.filter((i) => i.eventId === overdue.id);
      expect(escalations).toHaveLength(1);
      expect(escalations[0]).toMatchObject({
        eventType: 'tracking.task-overdue',
        category: 'deadline',
        aggregateId: taskId,
        documentId: `src-${taskId}`,
        org: org('BS-HB-DU'),
        link: `https://portal.vanthu.example/tasks/${taskId}`,
        title: 'Nhiệm vụ quá hạn: Xây dựng kế hoạch chuyển đổi số của xã (thực hiện 12-NQ/TU)',
        read: false,
      });
      expect(escalations[0]?.body).toContain(`do ${org('BS-HB-DU')} chủ trì đã quá hạn (hạn 23:59 ngày 01/12/2026 (giờ Việt Nam))`);
    }
    // The submission waits on the assigner alone; the lead’s leader hears nothing of it.
    expect(assignerItems.find((i) => i.eventId === submitted.id)).toMatchObject({ category: 'task', title: expect.stringContaining('Nhiệm vụ chờ đánh giá kết quả') });
    expect(leaderItems.map((i) => i.eventId)).toEqual([overdue.id]);
    // Nobody else: not the lead’s specialist or clerk, not the assigner’s leaders.
    for (const other of ['hb-specialist', 'hb-clerk', 'bs-secretary', 'bs-deputy']) expect([other, await inboxOf(user(other))]).toEqual([other, []]);

    // As the portal reads it: the leader’s inbox over HTTP.
    const token = h.token({ userId: user('hb-secretary'), orgCode: org('BS-HB-DU'), role: 'leader' });
    const page = await api(`${h.apiUrl}/v1/me/notifications`, token);
    expect(page.status).toBe(200);
    expect(page.body.items.map((i: { eventType: string }) => i.eventType)).toEqual(['tracking.task-overdue']);

    // Deadlines go by e-mail by default: the escalation reaches the assigner’s mailbox, with the task’s link.
    const isEscalation = (m: ReceivedMail) =>
      m.to.includes(`bs-specialist-${h.suffix}@demo.vanthu.local`) && decodeHeader(headerOf(m.raw, 'subject') ?? '').startsWith('Nhiệm vụ quá hạn: ');
    const mail = await eventually(async () => h.mails.find(isEscalation), 30_000, 'the escalation e-mail');
    expect(bodyOf(mail.raw)).toContain(`Xem nhiệm vụ: https://portal.vanthu.example/tasks/${taskId}`);
    expect(consumer.stats.deadLettered).toBe(0);
  });

  it('announces a new task to the lead’s leaders and clerks and to the cooperating organisations', async () => {
    const taskId = `task-${newDocumentId()}`;
    const assigned = taskEvent(
      taskId,
      1,
      'assigned',
      { leadOrg: org('BS-TL-DU'), assignerOrg: org('BS-TU'), assignedBy: user('bs-specialist'), cooperating: [org('BS-HB-DU')] },
      { status: 'assigned', actor: user('bs-specialist'), progress: 0 },
    );
    await publish(topics.tracking, [assigned]);
    for (const who of ['tl-secretary', 'tl-clerk', 'hb-secretary', 'hb-clerk']) {
      const item = await eventually(async () => (await inboxOf(user(who))).find((i) => i.eventId === assigned.id), 30_000, `${who}’s notification`);
      expect(item).toMatchObject({ category: 'task', title: expect.stringMatching(/^Nhiệm vụ mới: .*, hạn 23:59 ngày 01\/12\/2026/) });
    }
    // The assigner acted: not told of their own action.
    expect((await inboxOf(user('bs-specialist'))).some((i) => i.eventId === assigned.id)).toBe(false);
  });
});
