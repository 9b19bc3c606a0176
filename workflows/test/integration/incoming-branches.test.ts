import { temporal } from '@temporalio/proto';
import { LIFECYCLE_ERRORS, RECIPIENT_STATUSES, type LifecycleInput, type TransitionInput } from '@vanthu/shared';
import { assignUpdate, completeUpdate, refuseUpdate, startProcessingUpdate } from '@vanthu/workflows';
import { useLifecycleEnv, type LifecycleTestEnv } from '../support/lifecycle-env';
import { copyHandle, copyWhen, documentInput, documentWhen, issueDocument, PEOPLE, type DocumentHandle } from '../support/lifecycle-steps';
import { refusal } from '../support/refusal';
import { eventually } from '../support/time-skipping';

/**
 * Every branch of a recipient's copy (the `incomingDocument` child of an issued document) on the
 * time-skipping test server, the services faked: its arrival (verified, registered, or refused
 * when its signatures do not verify), its assignment and deadline, its processing, its refusal,
 * and the reminder and escalation timers at their real durations.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The timers fire on the server's clock; the event is recorded within the same minute. */
const GRANULARITY = 60_000;
/** `YYYY-MM-DD` of an instant, in Vietnam. */
const vietnamDate = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 10);
const endOfDay = (date: string) => new Date(`${date}T23:59:59+07:00`).toISOString();

describe('a recipient\'s copy (time-skipping, services faked)', () => {
  let t: LifecycleTestEnv;
  useLifecycleEnv((env) => (t = env));
  const client = () => t.env.client;

  /** Issues a document to `recipients` and waits for each copy to be registered. */
  async function arrived(id: string, recipients: string[], overrides: Partial<LifecycleInput> = {}): Promise<DocumentHandle> {
    const { handle } = await issueDocument(client(), documentInput(id, { approvers: [], recipients, ...overrides }));
    for (const org of recipients) await copyWhen(client(), id, org, (s) => s.status === 'accepted', 'registered');
    return handle;
  }
  const copy = (id: string, org: string) => copyHandle(client(), id, org);
  const deadlineEvents = (aggregateId: string) =>
    t.fakes.of(aggregateId).filter((r) => r.action === 'deadline-approaching' || r.action === 'overdue');
  const near = (record: TransitionInput | undefined, expected: string | number) => Math.abs(Date.parse(record!.at) - new Date(expected).getTime()) <= GRANULARITY;

  it('arrives: its signatures verified, registered with an arrival number, accepted; the sender sees it arrive and be accepted', async () => {
    const id = 'copy-arrival';
    const handle = await arrived(id, ['BS-TL-DU'], { urgency: 'thuong-khan', dueDate: '2027-01-20' });
    const issued = await documentWhen(handle, (s) => s.recipients[0]?.status === 'accepted', 'accepted');
    const state = await copyWhen(client(), id, 'BS-TL-DU', () => true, 'state');
    expect(state).toMatchObject({ id: `${id}@BS-TL-DU`, status: 'accepted', arrivalNumber: expect.any(Number), seq: 2 });

    const [[verified]] = t.fakes.callsOf('verifyDocument', id);
    expect(verified).toEqual({ documentId: id, content: issued.content });
    const [[registered]] = t.fakes.callsOf('registerIncoming', id);
    expect(registered).toMatchObject({ documentId: id, org: 'BS-TL-DU', issuer: 'BS-TU', parentWorkflowId: `document-${id}`, urgency: 'thuong-khan', secrecy: 'none', dueDate: '2027-01-20', content: issued.content, attachments: [] });

    const [delivered, received] = t.fakes.of(`${id}@BS-TL-DU`);
    expect(delivered).toMatchObject({ kind: 'incoming', documentId: id, seq: 1, action: 'delivered', status: 'arrived', data: { verified: true, arrivedAt: registered.arrivedAt, org: 'BS-TL-DU', issuer: 'BS-TU', statusCode: RECIPIENT_STATUSES.arrived } });
    expect(received).toMatchObject({ seq: 2, action: 'received', status: 'accepted', patch: { arrivalNumber: state.arrivalNumber, statusCode: RECIPIENT_STATUSES.accepted }, data: { arrivalNumber: state.arrivalNumber } });
    expect(issued.recipients[0]).toMatchObject({ org: 'BS-TL-DU', status: 'accepted', arrivalNumber: state.arrivalNumber });
    // Recorded in batches: the arrival may be taken with the acceptance that followed it.
    expect(['arrived,accepted', 'accepted']).toContain(t.fakes.callsOf('recordRecipients', id).map(([, view]) => view[0].status).join());
  });

  it('is refused on arrival when its signatures do not verify: it ends, the sender sees it refused, and the document with no other recipient is archived', async () => {
    const id = 'copy-unverified';
    t.fakes.answer('verifyDocument', (v: { documentId?: string; keepMaterial?: boolean }) => v.documentId === id && !v.keepMaterial, async () => ({
      valid: false,
      signatures: [{ signerName: 'Tỉnh ủy Bắc Sơn', chainTrusted: false, validAtSigningTime: true, revoked: false, timestamped: true, intact: false, problems: ['the signed bytes were changed'] }],
    }));
    const { handle } = await issueDocument(client(), documentInput(id, { approvers: [], recipients: ['BS-HB-DU'] }));
    const final = await copy(id, 'BS-HB-DU').result();
    expect(final.status).toBe('rejected');
    expect(t.fakes.actions(`${id}@BS-HB-DU`)).toEqual(['delivered', 'refused']);
    const [delivered, refused] = t.fakes.of(`${id}@BS-HB-DU`);
    expect(delivered.data).toMatchObject({ verified: false });
    expect(refused).toMatchObject({ status: 'rejected', note: 'signature verification failed: the signed bytes were changed', patch: { statusCode: RECIPIENT_STATUSES.rejected } });
    expect(refused.actor).toBeUndefined();
    const document = await handle.result();
    expect(document.status).toBe('archived');
    expect(document.recipients[0]).toMatchObject({ org: 'BS-HB-DU', status: 'rejected' });
  });

  it('is assigned by a clerk or leader of the recipient, with the deadline given, the document\'s due date, or its urgency\'s; and reassigned while not yet processed', async () => {
    const due = 'copy-due';
    const dueDate = vietnamDate((await t.env.currentTimeMs()) + 20 * DAY);
    const handle = await arrived(due, ['BS-TL-DU', 'BS-HB-DU'], { dueDate });
    expect((await refusal(copy(due, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapSpecialist, 'tl-specialist', null] }))).type).toBe(LIFECYCLE_ERRORS.forbidden);
    expect((await refusal(copy(due, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.hoaBinhClerk, 'tl-specialist', null] }))).type).toBe(LIFECYCLE_ERRORS.forbidden);

    const given = vietnamDate((await t.env.currentTimeMs()) + 5 * DAY);
    const byClerk = await copy(due, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', given] });
    expect(byClerk).toMatchObject({ status: 'assigned', handler: 'tl-specialist', deadline: endOfDay(given) });
    const fromDueDate = await copy(due, 'BS-HB-DU').executeUpdate(assignUpdate, { args: [PEOPLE.hoaBinhClerk, 'hb-specialist', null] });
    expect(fromDueDate.deadline).toBe(endOfDay(dueDate));
    // The leader gives it to someone else, with more time.
    const later = vietnamDate((await t.env.currentTimeMs()) + 8 * DAY);
    const reassigned = await copy(due, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapSecretary, 'tl-secretary', later] });
    expect(reassigned).toMatchObject({ status: 'assigned', handler: 'tl-secretary', deadline: endOfDay(later) });
    const assignments = t.fakes.of(`${due}@BS-TL-DU`).filter((r) => r.action === 'assigned');
    expect(assignments.map((r) => [r.actor, r.patch.handler, r.data?.deadline])).toEqual([
      ['tl-clerk', 'tl-specialist', endOfDay(given)],
      ['tl-secretary', 'tl-secretary', endOfDay(later)],
    ]);
    expect(assignments[0].patch.participants).toBeUndefined();
    await documentWhen(handle, (s) => s.recipients[0].handler === 'tl-secretary' && s.recipients[0].deadline === endOfDay(later), 'the sender sees the new handler');

    // Without a due date, the urgency sets it: a khẩn document is processed within 3 days.
    const urgent = 'copy-urgent';
    await arrived(urgent, ['BS-TL-DU'], { dueDate: undefined, urgency: 'khan' });
    const assignedAt = await t.env.currentTimeMs();
    const byUrgency = await copy(urgent, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', null] });
    expect(Math.abs(Date.parse(byUrgency.deadline!) - (assignedAt + 3 * DAY))).toBeLessThan(GRANULARITY);
  });

  it('is processed by its handler only, started then completed with its report, or completed at once; a finished copy ends its workflow', async () => {
    const id = 'copy-processed';
    const handle = await arrived(id, ['BS-TL-DU', 'BS-HB-DU']);
    expect((await refusal(copy(id, 'BS-TL-DU').executeUpdate(startProcessingUpdate, { args: [PEOPLE.tanLapSpecialist] }))).type).toBe(LIFECYCLE_ERRORS.invalidTransition);
    await copy(id, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', null] });
    expect((await refusal(copy(id, 'BS-TL-DU').executeUpdate(startProcessingUpdate, { args: [PEOPLE.tanLapSecretary] }))).type).toBe(LIFECYCLE_ERRORS.notYourTurn);
    expect((await refusal(copy(id, 'BS-TL-DU').executeUpdate(completeUpdate, { args: [PEOPLE.tanLapClerk, 'Xong'] }))).type).toBe(LIFECYCLE_ERRORS.notYourTurn);
    const processing = await copy(id, 'BS-TL-DU').executeUpdate(startProcessingUpdate, { args: [PEOPLE.tanLapSpecialist] });
    expect(processing.status).toBe('processing');
    // Being processed: no other handler, no refusal, no second start.
    expect((await refusal(copy(id, 'BS-TL-DU').executeUpdate(startProcessingUpdate, { args: [PEOPLE.tanLapSpecialist] }))).type).toBe(LIFECYCLE_ERRORS.invalidTransition);
    expect((await refusal(copy(id, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-secretary', null] }))).type).toBe(LIFECYCLE_ERRORS.invalidTransition);
    expect((await refusal(copy(id, 'BS-TL-DU').executeUpdate(refuseUpdate, { args: [PEOPLE.tanLapClerk, 'Không'] }))).type).toBe(LIFECYCLE_ERRORS.invalidTransition);
    const done = await copy(id, 'BS-TL-DU').executeUpdate(completeUpdate, { args: [PEOPLE.tanLapSpecialist, 'Đã tổ chức quán triệt'] });
    expect(done.status).toBe('done');
    expect((await copy(id, 'BS-TL-DU').result()).status).toBe('done');
    expect(t.fakes.actions(`${id}@BS-TL-DU`)).toEqual(['delivered', 'received', 'assigned', 'processing', 'processed']);
    expect(t.fakes.of(`${id}@BS-TL-DU`).at(-1)).toMatchObject({ status: 'done', actor: 'tl-specialist', note: 'Đã tổ chức quán triệt', patch: { report: 'Đã tổ chức quán triệt', statusCode: RECIPIENT_STATUSES.done } });

    await copy(id, 'BS-HB-DU').executeUpdate(assignUpdate, { args: [PEOPLE.hoaBinhClerk, 'hb-specialist', null] });
    expect((await copy(id, 'BS-HB-DU').executeUpdate(completeUpdate, { args: [PEOPLE.hoaBinhSpecialist, 'Đã nắm'] })).status).toBe('done');
    expect((await handle.result()).recipients.map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('answers each Update once its transition is recorded; the sender hears every status after it, in order', async () => {
    const id = 'copy-answers-first';
    const handle = await arrived(id, ['BS-TL-DU']);
    const c = copy(id, 'BS-TL-DU');
    // Back to back: each Update returns before the sender has heard of the one before.
    await c.executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', null] });
    await c.executeUpdate(startProcessingUpdate, { args: [PEOPLE.tanLapSpecialist] });
    await c.executeUpdate(completeUpdate, { args: [PEOPLE.tanLapSpecialist, 'Đã quán triệt'] });
    expect((await handle.result()).recipients[0]).toMatchObject({ status: 'done', handler: 'tl-specialist' });
    const order: string[] = ['arrived', 'accepted', 'assigned', 'processing', 'done'];
    const told = t.fakes.callsOf('recordRecipients', id).map(([, view]) => order.indexOf(view[0].status));
    expect(told).toEqual([...told].sort((a, b) => a - b));

    // In the copy's history each Update is answered in the workflow task that accepted it: it
    // waits for no signal to reach the sender, which would take another task.
    const E = temporal.api.enums.v1.EventType;
    const types = ((await c.fetchHistory()).events ?? []).map((e) => e.eventType);
    const accepted = types.flatMap((type, i) => (type === E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED ? [i] : []));
    expect(accepted).toHaveLength(3);
    for (const i of accepted) {
      const answered = types.indexOf(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, i);
      expect(types.slice(i, answered).filter((type) => type === E.EVENT_TYPE_WORKFLOW_TASK_STARTED)).toEqual([]);
    }
  });

  it('is refused by a clerk or leader of the recipient with a reason, once registered or assigned', async () => {
    const id = 'copy-refused';
    const handle = await arrived(id, ['BS-TL-DU', 'BS-HB-DU']);
    expect((await refusal(copy(id, 'BS-TL-DU').executeUpdate(refuseUpdate, { args: [PEOPLE.tanLapSpecialist, 'Không'] }))).type).toBe(LIFECYCLE_ERRORS.forbidden);
    const refused = await copy(id, 'BS-TL-DU').executeUpdate(refuseUpdate, { args: [PEOPLE.tanLapSecretary, 'Gửi nhầm nơi nhận'] });
    expect(refused.status).toBe('rejected');
    await copy(id, 'BS-HB-DU').executeUpdate(assignUpdate, { args: [PEOPLE.hoaBinhClerk, 'hb-specialist', null] });
    await copy(id, 'BS-HB-DU').executeUpdate(refuseUpdate, { args: [PEOPLE.hoaBinhClerk, 'Không thuộc thẩm quyền'] });
    for (const org of ['BS-TL-DU', 'BS-HB-DU']) expect((await copy(id, org).result()).status).toBe('rejected');
    expect(t.fakes.of(`${id}@BS-TL-DU`).at(-1)).toMatchObject({ action: 'refused', actor: 'tl-secretary', note: 'Gửi nhầm nơi nhận', patch: { statusCode: RECIPIENT_STATUSES.rejected } });
    expect(t.fakes.actions(`${id}@BS-HB-DU`)).toEqual(['delivered', 'received', 'assigned', 'refused']);
    expect((await handle.result()).recipients.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('keeps a secret copy to its registering clerks and its handler', async () => {
    const id = 'copy-secret';
    await arrived(id, ['BS-TL-DU'], { secrecy: 'toi-mat', sealing: { wrappedKey: 'wrapped' } });
    await copy(id, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', null] });
    expect(t.fakes.of(`${id}@BS-TL-DU`).at(-1)?.patch.participants).toEqual(['desk:BS-TL-DU:clerk', 'tl-specialist']);
  });

  it('hỏa tốc: due a day after its assignment, reminded 4 hours before, escalated to the recipient\'s leader at the deadline, once; the sender hears of neither', async () => {
    const id = 'copy-flash';
    const handle = await arrived(id, ['BS-TL-DU'], { urgency: 'hoa-toc', dueDate: undefined });
    const assigned = await copy(id, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', null] });
    const deadline = Date.parse(assigned.deadline!);
    // The copy tells the document of the assignment after the Update returns: count once it has.
    await eventually(() => t.fakes.callsOf('recordRecipients', id).at(-1)?.[1][0]?.status === 'assigned', 'the assignment recorded');
    const told = t.fakes.callsOf('recordRecipients', id).length;

    await t.env.sleep(20 * HOUR - GRANULARITY);
    expect(deadlineEvents(`${id}@BS-TL-DU`)).toEqual([]);
    await t.env.sleep(2 * GRANULARITY);
    const [reminder] = deadlineEvents(`${id}@BS-TL-DU`);
    expect(reminder).toMatchObject({ action: 'deadline-approaching', status: 'assigned', data: { escalateTo: null, handler: 'tl-specialist', deadline: assigned.deadline } });
    expect(near(reminder, deadline - 4 * HOUR)).toBe(true);

    await t.env.sleep(4 * HOUR);
    const [, overdue] = deadlineEvents(`${id}@BS-TL-DU`);
    expect(overdue).toMatchObject({ action: 'overdue', status: 'assigned', data: { escalateTo: { org: 'BS-TL-DU', role: 'leader' } } });
    expect(near(overdue, deadline)).toBe(true);
    await t.env.sleep(3 * DAY);
    expect(deadlineEvents(`${id}@BS-TL-DU`).map((r) => r.action)).toEqual(['deadline-approaching', 'overdue']);
    // Events for notify, not changes the sender follows.
    expect(t.fakes.callsOf('recordRecipients', id)).toHaveLength(told);
    expect((await documentWhen(handle, () => true, 'state')).recipients[0].status).toBe('assigned');

    await copy(id, 'BS-TL-DU').executeUpdate(completeUpdate, { args: [PEOPLE.tanLapSpecialist, 'Hoàn thành muộn'] });
    expect((await handle.result()).status).toBe('archived');
  });

  it('a new deadline re-arms the reminder; a copy done in time is neither reminded again nor escalated, one never assigned has no timer', async () => {
    const id = 'copy-rearmed';
    await arrived(id, ['BS-TL-DU', 'BS-HB-DU'], { urgency: 'normal', dueDate: undefined });
    const start = await t.env.currentTimeMs();
    const first = endOfDay(vietnamDate(start + 5 * DAY));
    await copy(id, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', vietnamDate(start + 5 * DAY)] });
    // A normal document is reminded 2 days ahead.
    await t.env.sleep(Date.parse(first) - 2 * DAY - start + HOUR);
    const [reminder] = deadlineEvents(`${id}@BS-TL-DU`);
    expect(near(reminder, Date.parse(first) - 2 * DAY)).toBe(true);

    const second = endOfDay(vietnamDate(start + 12 * DAY));
    await copy(id, 'BS-TL-DU').executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', vietnamDate(start + 12 * DAY)] });
    // Past the first deadline: it is no longer the deadline.
    await t.env.sleep(Date.parse(first) - (await t.env.currentTimeMs()) + DAY);
    expect(deadlineEvents(`${id}@BS-TL-DU`).map((r) => r.action)).toEqual(['deadline-approaching']);
    await t.env.sleep(Date.parse(second) - 2 * DAY - (await t.env.currentTimeMs()) + HOUR);
    const [, again] = deadlineEvents(`${id}@BS-TL-DU`);
    expect(again).toMatchObject({ action: 'deadline-approaching', data: { deadline: second } });
    expect(near(again, Date.parse(second) - 2 * DAY)).toBe(true);

    await copy(id, 'BS-TL-DU').executeUpdate(completeUpdate, { args: [PEOPLE.tanLapSpecialist, 'Đúng hạn'] });
    await t.env.sleep(5 * DAY);
    expect(deadlineEvents(`${id}@BS-TL-DU`).map((r) => r.action)).toEqual(['deadline-approaching', 'deadline-approaching']);
    expect(deadlineEvents(`${id}@BS-HB-DU`)).toEqual([]);
    expect((await copyWhen(client(), id, 'BS-HB-DU', () => true, 'state')).status).toBe('accepted');
  });
});
