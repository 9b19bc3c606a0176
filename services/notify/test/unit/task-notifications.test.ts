import { checkEvent, EVENT_CATALOGUE, TOPICS, type DomainEvent } from '@vanthu/shared';
import { NOTIFY_TOPICS } from '../../src/dispatch/consume-events';
import { emailText } from '../../src/dispatch/email-text';
import { eventOrg, webhookOrgs } from '../../src/dispatch/handle-event';
import { eventLink } from '../../src/messages/link';
import { clipped, periodName } from '../../src/messages/task-templates';
import { messageFor } from '../../src/messages/templates';
import { ROUTES } from '../../src/routing/routes';
import { recipientsOf, routeOf } from '../../src/routing/resolve';
import { withoutFreeText } from '../../src/secrecy/secrecy';
import { endpointInput, matchesType } from '../../src/webhooks/endpoints';
import { taskEvent } from '../support/events';

const members: Record<string, string[]> = {
  'BS-TU|leader': ['bs-deputy', 'bs-secretary'],
  'BS-TU|clerk': ['bs-clerk'],
  'BS-HB-DU|leader': ['hb-secretary'],
  'BS-HB-DU|clerk': ['hb-clerk'],
  'BS-TL-DU|leader': ['tl-secretary'],
  'BS-TL-DU|clerk': ['tl-clerk'],
  'BS-TL-VP|leader': ['tl-vp-chief'],
};
const directory = { members: async (org: string, role: string) => members[`${org}|${role}`] ?? [] };
const task = { leadOrg: 'BS-HB-DU', assignerOrg: 'BS-TU', assignedBy: 'bs-specialist' };

async function recipients(event: DomainEvent): Promise<string[]> {
  const route = routeOf(event);
  return route ? recipientsOf(event, route, directory) : [];
}

describe('task notifications: who hears', () => {
  it('announces a new task to the lead’s leaders and clerks, and to each cooperating organisation’s', async () => {
    const assigned = taskEvent('t1', 1, 'assigned', { ...task, cooperating: ['BS-TL-DU', 'BS-TL-VP', 'BS-TL-DU'] }, { status: 'assigned', actor: 'bs-specialist' });
    expect(await recipients(assigned)).toEqual(['hb-secretary', 'hb-clerk', 'tl-secretary', 'tl-vp-chief', 'tl-clerk']);
    expect(await recipients(taskEvent('t1', 1, 'assigned', task, { status: 'assigned' }))).toEqual(['hb-secretary', 'hb-clerk']);
    expect(routeOf(assigned)?.category).toBe('task');
  });

  it('escalates an overdue task to the lead’s leaders and the person who assigned it', async () => {
    const overdue = taskEvent('t1', 5, 'overdue', task);
    expect(await recipients(overdue)).toEqual(['hb-secretary', 'bs-specialist']);
    expect(routeOf(overdue)?.category).toBe('deadline');
  });

  it('reminds the lead’s leaders before the deadline', async () => {
    expect(await recipients(taskEvent('t1', 4, 'deadline-approaching', task))).toEqual(['hb-secretary']);
  });

  it('sends what waits on the assigner to the assigner, never to the lead member who acted', async () => {
    for (const action of ['refused', 'submitted', 'extension-requested']) {
      expect([action, await recipients(taskEvent('t1', 3, action, task, { actor: 'hb-specialist', note: 'x' }))]).toEqual([action, ['bs-specialist']]);
    }
  });

  it('sends the assigner’s decisions to the lead’s leaders (and a returned result to its clerks too), not the assigner who decided', async () => {
    const byAssigner = { actor: 'bs-specialist' };
    expect(await recipients(taskEvent('t1', 6, 'returned', task, { ...byAssigner, note: 'Bổ sung số liệu' }))).toEqual(['hb-secretary', 'hb-clerk']);
    for (const action of ['completed', 'cancelled', 'extension-granted', 'extension-refused']) {
      expect([action, await recipients(taskEvent('t1', 7, action, task, byAssigner))]).toEqual([action, ['hb-secretary']]);
    }
    // A leader of the lead who acted (e.g. accepted on behalf) is not told of it either.
    expect(await recipients(taskEvent('t1', 7, 'completed', task, { actor: 'hb-secretary' }))).toEqual([]);
  });

  it('tells the new lead of a reassigned task', async () => {
    const reassigned = taskEvent('t1', 3, 'reassigned', { ...task, leadOrg: 'BS-TL-DU' }, { previousLeadOrg: 'BS-HB-DU', actor: 'bs-specialist' });
    expect(await recipients(reassigned)).toEqual(['tl-secretary', 'tl-clerk']);
  });

  it('routes nobody for the lead’s own steps and the roll-up', () => {
    for (const action of ['accepted', 'progress-reported', 'progress-rolled-up', 'split']) expect(routeOf(taskEvent('t1', 2, action, task))).toBeUndefined();
  });

  it('reaches nobody through a cooperating list that is absent or not a list', async () => {
    const route = { category: 'task' as const, to: [{ role: 'leader' as const, orgList: 'cooperating' }] };
    expect(await recipientsOf(taskEvent('t1', 1, 'assigned', task, { cooperating: undefined }), route, directory)).toEqual([]);
    expect(await recipientsOf(taskEvent('t1', 1, 'assigned', task, { cooperating: 'BS-TL-DU' }), route, directory)).toEqual([]);
    expect(await recipientsOf(taskEvent('t1', 1, 'assigned', task, { cooperating: [7, '', 'BS-TL-DU'] }), route, directory)).toEqual(['tl-secretary']);
  });

  it('routes only task events the catalogue knows, with samples that pass its schema', () => {
    const catalogued = new Set(EVENT_CATALOGUE.map((spec) => spec.type));
    for (const type of Object.keys(ROUTES).filter((t) => t.startsWith('tracking.'))) {
      expect(catalogued).toContain(type);
      const action = type.slice('tracking.task-'.length);
      const extra = {
        ...(action === 'reassigned' && { previousLeadOrg: 'BS-TL-DU' }),
        ...(action === 'submitted' && { evidence: [], submittedAt: '2026-11-20T03:00:00.000Z' }),
        ...(action === 'completed' && { completedAt: '2026-11-20T03:00:00.000Z' }),
        ...(action.startsWith('extension-') && { extensionUntil: '2026-12-15T16:59:59.999Z' }),
      };
      expect([type, checkEvent(taskEvent('t1', 2, action, task, extra))]).toEqual([type, { ok: true }]);
    }
  });

  it('consumes the tracking topic beside the directory and documents', () => {
    expect(NOTIFY_TOPICS.map((t) => t.name)).toEqual([TOPICS.directoryEvents.name, TOPICS.documentEvents.name, TOPICS.trackingEvents.name]);
  });

  it('files a task under its lead organisation, and delivers it to the webhooks of both sides', () => {
    const event = taskEvent('t1', 5, 'overdue', task);
    expect(eventOrg(event)).toBe('BS-HB-DU');
    expect(webhookOrgs(event)).toEqual(['BS-TU', 'BS-HB-DU']);
    expect(webhookOrgs(taskEvent('t2', 1, 'assigned', { ...task, assignerOrg: 'BS-HB-DU' }))).toEqual(['BS-HB-DU']);
  });

  it('lets an organisation subscribe its webhooks to task events', () => {
    expect(endpointInput.safeParse({ url: 'https://erp.example/hook', eventTypes: ['tracking.*', 'tracking.task-overdue'] }).success).toBe(true);
    expect(endpointInput.safeParse({ url: 'https://erp.example/hook', eventTypes: ['tracking'] }).error?.issues.map((i) => i.path.join('.'))).toEqual(['eventTypes.0']);
    expect(matchesType({ eventTypes: ['tracking.*'] }, 'tracking.task-overdue')).toBe(true);
    expect(matchesType({ eventTypes: ['document.*'] }, 'tracking.task-overdue')).toBe(false);
  });
});

describe('task notifications: what they say', () => {
  it('announces a new task with its source and deadline in Vietnam time, and the cooperating organisations', () => {
    const message = messageFor(taskEvent('t1', 1, 'assigned', { ...task, cooperating: ['BS-TL-DU'] }, { status: 'assigned' }));
    expect(message).toEqual({
      title: 'Nhiệm vụ mới: Xây dựng kế hoạch chuyển đổi số của xã (thực hiện 12-NQ/TU), hạn 23:59 ngày 01/12/2026 (giờ Việt Nam)',
      body: 'BS-TU giao BS-HB-DU chủ trì nhiệm vụ "Xây dựng kế hoạch chuyển đổi số của xã" (thực hiện Nghị quyết số 12-NQ/TU, Mục III.2); phối hợp: BS-TL-DU. Hạn hoàn thành: 23:59 ngày 01/12/2026 (giờ Việt Nam).',
    });
  });

  it('escalates with the deadline passed and the progress reached, the priority leading the title', () => {
    const message = messageFor(taskEvent('t1', 5, 'overdue', task, { priority: 'urgent' }));
    expect(message.title).toBe('[Gấp] Nhiệm vụ quá hạn: Xây dựng kế hoạch chuyển đổi số của xã (thực hiện 12-NQ/TU)');
    expect(message.body).toBe(
      'Nhiệm vụ "Xây dựng kế hoạch chuyển đổi số của xã" (thực hiện Nghị quyết số 12-NQ/TU, Mục III.2) do BS-HB-DU chủ trì đã quá hạn (hạn 23:59 ngày 01/12/2026 (giờ Việt Nam)) mà chưa hoàn thành. Tiến độ hiện tại: 40%.',
    );
    expect(messageFor(taskEvent('t1', 4, 'deadline-approaching', task, { priority: 'high' })).title).toBe(
      '[Ưu tiên] Sắp đến hạn nhiệm vụ: Xây dựng kế hoạch chuyển đổi số của xã (thực hiện 12-NQ/TU)',
    );
  });

  it('gives the reason of a return, a refusal, a cancellation and an extension decision', () => {
    const returned = messageFor(taskEvent('t1', 6, 'returned', task, { note: 'Bổ sung số liệu quý IV' }));
    expect(returned.title).toBe('Kết quả nhiệm vụ bị trả lại: Xây dựng kế hoạch chuyển đổi số của xã (thực hiện 12-NQ/TU)');
    expect(returned.body.split('\n')).toEqual([
      'Kết quả thực hiện nhiệm vụ "Xây dựng kế hoạch chuyển đổi số của xã" (thực hiện Nghị quyết số 12-NQ/TU, Mục III.2) đã bị trả lại; đơn vị tiếp tục thực hiện và báo cáo lại. Hạn hoàn thành: 23:59 ngày 01/12/2026 (giờ Việt Nam).',
      'Lý do: Bổ sung số liệu quý IV',
    ]);
    expect(messageFor(taskEvent('t1', 2, 'refused', task, { note: 'Không thuộc thẩm quyền' })).body).toMatch(/^BS-HB-DU đã từ chối nhiệm vụ .*\nLý do: Không thuộc thẩm quyền$/);
    expect(messageFor(taskEvent('t1', 2, 'cancelled', task, { note: 'Đã có văn bản thay thế' })).body).toContain('BS-TU đã hủy nhiệm vụ');
    const requested = messageFor(taskEvent('t1', 3, 'extension-requested', task, { extensionUntil: '2026-12-15T16:59:59.999Z', note: 'Chờ số liệu' }));
    expect(requested.body).toContain('đến 23:59 ngày 15/12/2026 (giờ Việt Nam) (hạn hiện tại: 23:59 ngày 01/12/2026 (giờ Việt Nam))');
    expect(requested.body).toContain('Lý do: Chờ số liệu');
    const granted = messageFor(taskEvent('t1', 4, 'extension-granted', task, { extensionUntil: '2026-12-15T16:59:59.999Z', deadline: '2026-12-15T16:59:59.999Z' }));
    expect(granted.body).toContain('Hạn mới: 23:59 ngày 15/12/2026 (giờ Việt Nam).');
    expect(messageFor(taskEvent('t1', 4, 'extension-refused', task, { extensionUntil: '2026-12-15T16:59:59.999Z' })).body).toContain('Hạn hoàn thành vẫn là 23:59 ngày 01/12/2026');
  });

  it('says whether a completed task was on time, from the submission of the accepted result', () => {
    expect(messageFor(taskEvent('t1', 8, 'completed', task, { completedAt: '2026-12-01T16:00:00.000Z' })).body).toContain('nhiệm vụ hoàn thành đúng hạn');
    expect(messageFor(taskEvent('t1', 8, 'completed', task, { completedAt: '2026-12-02T01:00:00.000Z' })).body).toContain('nhiệm vụ hoàn thành sau hạn');
  });

  it('names a period task by its period, and clips a long title in the subject line', () => {
    const period = messageFor(taskEvent('p1', 1, 'deadline-approaching', task, { kind: 'period', period: '2026-Q4' }));
    expect(period.title).toBe('Sắp đến hạn nhiệm vụ: Xây dựng kế hoạch chuyển đổi số của xã, quý IV/2026 (thực hiện 12-NQ/TU)');
    expect(period.body).toContain('; kỳ quý IV/2026)');
    expect([periodName('2026-03'), periodName('2026'), periodName(undefined)]).toEqual(['tháng 3/2026', 'năm 2026', undefined]);
    const long = messageFor(taskEvent('t1', 5, 'overdue', task, { title: 'Triển khai '.repeat(40) }));
    expect(long.title).toMatch(/^Nhiệm vụ quá hạn: (Triển khai ){10}.*… \(thực hiện 12-NQ\/TU\)$/);
    expect([...clipped('ạ'.repeat(10), 5)]).toHaveLength(5);
  });

  it('says nothing of a task whose source document notify has seen to be secret', () => {
    const event = taskEvent('t1', 5, 'overdue', task, { title: 'MARKER', note: 'MARKER', clause: 'MARKER' });
    const message = messageFor(event, { secret: true, level: 'mat' });
    expect(message.title).toBe('Nhiệm vụ thực hiện văn bản Mật chờ anh/chị xem');
    expect(JSON.stringify(message)).not.toContain('MARKER');
    expect(JSON.stringify(withoutFreeText(event))).not.toContain('MARKER');
  });

  it('links a task to its page in the portal, and says so in the e-mail', () => {
    const event = taskEvent('t 1', 5, 'overdue', task);
    expect(eventLink('https://portal.example', event)).toBe('https://portal.example/tasks/t%201');
    expect(eventLink(undefined, event)).toBeUndefined();
    expect(emailText('Trịnh Thị Nga', messageFor(event), event, 'https://portal.example')).toContain('Xem nhiệm vụ: https://portal.example/tasks/t%201');
  });
});
