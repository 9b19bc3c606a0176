import { WorkflowNotFoundError } from '@temporalio/client';
import { TASK_ERRORS, TaskAttributes } from '@vanthu/shared';
import {
  acceptResultUpdate,
  acceptTaskUpdate,
  addSubtasksUpdate,
  cancelTaskUpdate,
  decideExtensionUpdate,
  reassignTaskUpdate,
  refuseTaskUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnTaskUpdate,
  submitTaskUpdate,
} from '@vanthu/workflows/dist/tracking/definitions';
import { actor, DAY, PEOPLE, useTrackingEnv, type TrackingTestEnv } from '../support/tracking-env';
import { evidence, refusal, startTask, stateWhen, taskHandle } from '../support/tracking-steps';

/**
 * A task's life through its Updates, on the time-skipping test server with the one activity
 * recorded: what each step answers, what it records, and what it refuses.
 */
describe('an implementation task', () => {
  let t: TrackingTestEnv;
  useTrackingEnv((env) => (t = env));

  it('is accepted, reported on, submitted and its result accepted: done, dated by its submission', async () => {
    const { handle, input } = await startTask(t, 'happy-1');
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    const reported = await handle.executeUpdate(reportProgressUpdate, {
      args: [PEOPLE.tanLap, { percent: 40, narrative: 'Đã tổ chức hội nghị quán triệt', evidence: [evidence(1)], documentRef: '05-KH/ĐU' }],
    });
    expect(reported).toMatchObject({ status: 'in_progress', progress: 40 });
    const submitted = await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLapSecretary, { narrative: 'Hoàn thành', evidence: [evidence(2)] }] });
    expect(submitted.status).toBe('submitted');
    expect(submitted.submittedAt).toBeDefined();
    const done = await handle.executeUpdate(acceptResultUpdate, { args: [PEOPLE.province, 'Đạt yêu cầu'] });
    expect(done).toMatchObject({ status: 'done', progress: 100, completedAt: submitted.submittedAt });
    expect(await handle.result()).toMatchObject({ status: 'done', completedAt: submitted.submittedAt });

    const calls = t.recorder.of('happy-1');
    expect(calls.map((c) => [c.seq, c.action, c.status])).toEqual([
      [1, 'assigned', 'assigned'],
      [2, 'accepted', 'accepted'],
      [3, 'progress-reported', 'in_progress'],
      [4, 'submitted', 'submitted'],
      [5, 'completed', 'done'],
    ]);
    expect(calls[0].create).toEqual(input);
    expect(calls[0].actor).toBe('bs-specialist');
    expect(calls[2]).toMatchObject({
      actor: 'tl-specialist',
      note: 'Đã tổ chức hội nghị quán triệt',
      patch: { status: 'in_progress', progress: 40 },
      data: { evidence: [evidence(1)], documentRef: '05-KH/ĐU', progress: 40, leadOrg: 'BS-TL-DU', sourceNotation: '12-NQ/TU', clause: 'Mục III.2' },
      report: { seq: 3, by: 'tl-specialist', kind: 'progress', percent: 40, evidence: [evidence(1)], documentRef: '05-KH/ĐU' },
    });
    expect(calls[3]).toMatchObject({ patch: { submittedAt: submitted.submittedAt }, report: { kind: 'submission', by: 'tl-secretary' }, data: { submittedAt: submitted.submittedAt } });
    expect(calls[4]).toMatchObject({ actor: 'bs-specialist', note: 'Đạt yêu cầu', patch: { completedAt: submitted.submittedAt, progress: 100 }, data: { completedAt: submitted.submittedAt } });
  });

  it('is refused with a reason, then reassigned by the assigner to another lead', async () => {
    const { handle } = await startTask(t, 'refused-1');
    const refused = await handle.executeUpdate(refuseTaskUpdate, { args: [PEOPLE.tanLap, 'Không thuộc thẩm quyền'] });
    expect(refused.status).toBe('refused');
    // Only the assigner may give it to someone else; the lead that refused cannot take it back.
    expect((await refusal(handle.executeUpdate(reassignTaskUpdate, { args: [PEOPLE.tanLap, { leadOrg: 'BS-TL-DU', cooperating: [] }] }))).type).toBe(TASK_ERRORS.forbidden);
    expect((await refusal(handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] }))).type).toBe(TASK_ERRORS.invalidTransition);

    const reassigned = await handle.executeUpdate(reassignTaskUpdate, { args: [PEOPLE.province, { leadOrg: 'BS-HB-DU', cooperating: ['BS-TL-DU'] }] });
    expect(reassigned).toMatchObject({ status: 'assigned', leadOrg: 'BS-HB-DU', cooperating: ['BS-TL-DU'] });
    expect((await refusal(handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] }))).type).toBe(TASK_ERRORS.forbidden);
    expect((await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.hoaBinh] })).status).toBe('accepted');

    const calls = t.recorder.of('refused-1');
    expect(calls.map((c) => c.action)).toEqual(['assigned', 'refused', 'reassigned', 'accepted']);
    expect(calls[1]).toMatchObject({ note: 'Không thuộc thẩm quyền', data: { note: 'Không thuộc thẩm quyền', status: 'refused' } });
    expect(calls[2]).toMatchObject({ status: 'assigned', patch: { leadOrg: 'BS-HB-DU', cooperating: ['BS-TL-DU'] }, data: { previousLeadOrg: 'BS-TL-DU', leadOrg: 'BS-HB-DU' } });
    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.get(TaskAttributes.leadOrg)).toBe('BS-HB-DU');
    expect(typedSearchAttributes.get(TaskAttributes.status)).toBe('accepted');
    expect(typedSearchAttributes.get(TaskAttributes.source)).toBe('doc-refused-1');

    await handle.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Nội dung đã được lồng ghép vào kế hoạch khác'] });
    expect((await handle.result()).status).toBe('cancelled');
  });

  it('is returned with a reason, then resubmitted: the accepted submission dates it', async () => {
    const { handle } = await startTask(t, 'returned-1');
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    const first = await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Đã hoàn thành', evidence: [] }] });
    const returned = await handle.executeUpdate(returnTaskUpdate, { args: [PEOPLE.province, 'Thiếu số liệu đảng viên mới'] });
    expect(returned.status).toBe('in_progress');
    expect(returned.submittedAt).toBeUndefined();
    await t.env.sleep('2 days');
    const second = await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Đã bổ sung số liệu', evidence: [evidence(3)] }] });
    expect(Date.parse(second.submittedAt!)).toBeGreaterThan(Date.parse(first.submittedAt!));
    const done = await handle.executeUpdate(acceptResultUpdate, { args: [PEOPLE.province, null] });
    expect(done.completedAt).toBe(second.submittedAt);

    const calls = t.recorder.of('returned-1');
    expect(calls.map((c) => c.action)).toEqual(['assigned', 'accepted', 'submitted', 'returned', 'submitted', 'completed']);
    expect(calls[3]).toMatchObject({ actor: 'bs-specialist', note: 'Thiếu số liệu đảng viên mới', status: 'in_progress', patch: { submittedAt: null } });
    expect(calls[3].data.submittedAt).toBeUndefined();
    expect(calls[5].note).toBeUndefined();
  });

  it('asks for more time: one request at a time, granted (the deadline moves, the original kept) or refused', async () => {
    const { handle, input } = await startTask(t, 'extension-1');
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    const deadline = input.deadline!;
    const later = new Date(Date.parse(deadline) + 10 * DAY).toISOString();

    const earlier = await refusal(handle.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, { until: new Date(Date.parse(deadline) - DAY).toISOString(), reason: 'Cần thêm thời gian' }] }));
    expect(earlier.type).toBe(TASK_ERRORS.invalidInput);
    expect(earlier.details).toEqual([{ field: 'until' }]);
    expect((await refusal(handle.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, { until: later, reason: ' ' }] }))).type).toBe(TASK_ERRORS.invalidInput);
    expect((await refusal(handle.executeUpdate(decideExtensionUpdate, { args: [PEOPLE.province, { grant: true }] }))).type).toBe(TASK_ERRORS.invalidTransition);

    const asked = await handle.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, { until: later, reason: 'Chờ số liệu của Hội Nông dân' }] });
    expect(asked.pendingExtension).toMatchObject({ until: later, reason: 'Chờ số liệu của Hội Nông dân', requestedBy: 'tl-specialist' });
    expect((await refusal(handle.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, { until: later, reason: 'Lần nữa' }] }))).type).toBe(TASK_ERRORS.invalidTransition);
    // The lead cannot grant itself more time.
    expect((await refusal(handle.executeUpdate(decideExtensionUpdate, { args: [PEOPLE.tanLap, { grant: true }] }))).type).toBe(TASK_ERRORS.forbidden);

    const granted = await handle.executeUpdate(decideExtensionUpdate, { args: [PEOPLE.province, { grant: true }] });
    expect(granted).toMatchObject({ deadline: later, originalDeadline: deadline, status: 'accepted' });
    expect(granted.pendingExtension).toBeUndefined();
    expect((await handle.describe()).typedSearchAttributes.get(TaskAttributes.deadline)?.toISOString()).toBe(later);

    const evenLater = new Date(Date.parse(later) + 10 * DAY).toISOString();
    await handle.executeUpdate(requestExtensionUpdate, { args: [PEOPLE.tanLap, { until: evenLater, reason: 'Thêm lần nữa' }] });
    expect((await refusal(handle.executeUpdate(decideExtensionUpdate, { args: [PEOPLE.province, { grant: false }] }))).details).toEqual([{ field: 'reason' }]);
    const refused = await handle.executeUpdate(decideExtensionUpdate, { args: [PEOPLE.province, { grant: false, reason: 'Đã gia hạn một lần' }] });
    expect(refused).toMatchObject({ deadline: later, originalDeadline: deadline });

    const calls = t.recorder.of('extension-1');
    expect(calls.map((c) => c.action)).toEqual(['assigned', 'accepted', 'extension-requested', 'extension-granted', 'extension-requested', 'extension-refused']);
    expect(calls[2]).toMatchObject({ note: 'Chờ số liệu của Hội Nông dân', data: { extensionUntil: later, deadline }, patch: { pendingExtension: { until: later } } });
    expect(calls[3]).toMatchObject({ patch: { deadline: later, originalDeadline: deadline, pendingExtension: null }, data: { extensionUntil: later, deadline: later, originalDeadline: deadline } });
    expect(calls[5]).toMatchObject({ note: 'Đã gia hạn một lần', patch: { pendingExtension: null }, data: { extensionUntil: evenLater, deadline: later } });
  });

  it('refuses, before recording anything, what the actor may not do or the task cannot take', async () => {
    const { handle, input } = await startTask(t, 'guarded-1');
    const forbidden = await refusal(handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.hoaBinh] }));
    expect(forbidden.type).toBe(TASK_ERRORS.forbidden);
    expect(forbidden.nonRetryable).toBe(true);
    // The assigner's side cannot act for the lead, nor a role outside TASK_ROLES.
    expect((await refusal(handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.province] }))).type).toBe(TASK_ERRORS.forbidden);
    expect((await refusal(handle.executeUpdate(acceptTaskUpdate, { args: [actor('tl-archivist', 'BS-TL-DU', 'archivist')] }))).type).toBe(TASK_ERRORS.forbidden);
    expect((await refusal(handle.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.tanLap, 'Không làm'] }))).type).toBe(TASK_ERRORS.forbidden);
    expect((await refusal(handle.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLap, { percent: 10, narrative: 'Chưa nhận', evidence: [] }] }))).type).toBe(TASK_ERRORS.invalidTransition);

    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    for (const percent of [101, -1, 40.5]) {
      const bad = await refusal(handle.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLap, { percent, narrative: 'Báo cáo', evidence: [] }] }));
      expect(bad.type).toBe(TASK_ERRORS.invalidInput);
      expect(bad.details).toEqual([{ field: 'percent' }]);
    }
    const badEvidence = await refusal(handle.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLap, { percent: 10, narrative: 'Báo cáo', evidence: [{ ...evidence(1), sha256: 'xyz' }] }] }));
    expect(badEvidence.details).toEqual([{ field: 'evidence[0].sha256' }]);

    const subtask = { taskId: 'guarded-1.1', title: 'Rà soát', leadOrg: 'BS-TL-VP', cooperating: [], priority: 'normal' as const, weight: 50 };
    const late = await refusal(handle.executeUpdate(addSubtasksUpdate, { args: [PEOPLE.tanLap, [{ ...subtask, deadline: new Date(Date.parse(input.deadline!) + DAY).toISOString() }]] }));
    expect(late.type).toBe(TASK_ERRORS.invalidInput);
    expect(late.details).toEqual([{ field: 'subtasks[0].deadline' }]);
    const heavy = await refusal(handle.executeUpdate(addSubtasksUpdate, { args: [PEOPLE.tanLap, [{ ...subtask, deadline: input.deadline!, weight: 101 }]] }));
    expect(heavy.details).toEqual([{ field: 'subtasks[0].weight' }]);
    const twice = await refusal(handle.executeUpdate(addSubtasksUpdate, { args: [PEOPLE.tanLap, [{ ...subtask, deadline: input.deadline! }, { ...subtask, deadline: input.deadline! }]] }));
    expect(twice.details).toEqual([{ field: 'subtasks[1].taskId' }]);

    // Submitted, the task is closed to reports until its result is accepted or returned.
    await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Hoàn thành', evidence: [] }] });
    const closed = await refusal(handle.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLap, { percent: 50, narrative: 'Báo cáo thêm', evidence: [] }] }));
    expect(closed.type).toBe(TASK_ERRORS.invalidTransition);
    expect((await refusal(handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Lần nữa', evidence: [] }] }))).type).toBe(TASK_ERRORS.invalidTransition);

    await handle.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Thu hồi nhiệm vụ'] });
    expect((await handle.result()).status).toBe('cancelled');
    // A final task's workflow has ended: nothing reaches it any more (the API answers from the record).
    await expect(handle.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLap, { percent: 50, narrative: 'Báo cáo muộn', evidence: [] }] })).rejects.toThrow(WorkflowNotFoundError);
    // Only what was accepted was recorded.
    expect(t.recorder.actions('guarded-1')).toEqual(['assigned', 'accepted', 'submitted', 'cancelled']);
  });

  it('rolls up weighted sub-task progress, a grandchild\'s included, and keeps a task with open sub-tasks from being submitted', async () => {
    // The central level tasks the province; the province splits it to two communes; one commune to its office.
    const root = 'rollup-1';
    const tw = actor('tw-specialist', 'TW');
    const { handle } = await startTask(t, root, { assignerOrg: 'TW', assignedBy: 'tw-specialist', leadOrg: 'BS-TU', cooperating: [] });
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.province] });
    const now = await t.env.currentTimeMs();
    const split = await handle.executeUpdate(addSubtasksUpdate, {
      args: [
        PEOPLE.province,
        [
          { taskId: `${root}.tl`, title: 'Tân Lập triển khai', leadOrg: 'BS-TL-DU', cooperating: [], deadline: new Date(now + 20 * DAY).toISOString(), priority: 'normal', weight: 30 },
          { taskId: `${root}.hb`, title: 'Hòa Bình triển khai', leadOrg: 'BS-HB-DU', cooperating: [], deadline: new Date(now + 25 * DAY).toISOString(), priority: 'high', weight: 70 },
        ],
      ],
    });
    expect(split.subtasks.map((s) => [s.taskId, s.status, s.weight])).toEqual([
      [`${root}.tl`, 'assigned', 30],
      [`${root}.hb`, 'assigned', 70],
    ]);
    const tl = taskHandle(t, `${root}.tl`);
    const hb = taskHandle(t, `${root}.hb`);
    await stateWhen(t, `${root}.tl`, (s) => s.seq >= 1, 'assigned');
    await stateWhen(t, `${root}.hb`, (s) => s.seq >= 1, 'assigned');
    expect(t.recorder.of(`${root}.tl`)[0].create).toMatchObject({
      kind: 'task', assignerOrg: 'BS-TU', assignedBy: 'bs-specialist', leadOrg: 'BS-TL-DU', parentTaskId: root, rootTaskId: root, depth: 1, weight: 30,
      source: { documentId: `doc-${root}`, notation: '12-NQ/TU', type: 'NQ' },
    });

    await tl.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    await hb.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.hoaBinh] });
    await hb.executeUpdate(reportProgressUpdate, { args: [PEOPLE.hoaBinh, { percent: 50, narrative: 'Đạt một nửa', evidence: [] }] });
    // 70 × 50 / 100
    await stateWhen(t, root, (s) => s.progress === 35, 'progress 35');

    await tl.executeUpdate(addSubtasksUpdate, {
      args: [PEOPLE.tanLap, [{ taskId: `${root}.tl.vp`, title: 'Văn phòng tổng hợp', leadOrg: 'BS-TL-VP', cooperating: ['BS-TL-XDD'], deadline: new Date(now + 15 * DAY).toISOString(), priority: 'urgent', weight: 100 }]],
    });
    const vp = taskHandle(t, `${root}.tl.vp`);
    await stateWhen(t, `${root}.tl.vp`, (s) => s.seq >= 1, 'assigned');
    expect(t.recorder.of(`${root}.tl.vp`)[0].create).toMatchObject({ assignerOrg: 'BS-TL-DU', assignedBy: 'tl-specialist', parentTaskId: `${root}.tl`, rootTaskId: root, depth: 2 });
    await vp.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLapOffice] });
    await vp.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLapOffice, { percent: 60, narrative: 'Đã tổng hợp 6/10 chi bộ', evidence: [] }] });
    // The grandchild's 60 becomes its parent's 60, and reaches the root: (30 × 60 + 70 × 50) / 100.
    await stateWhen(t, `${root}.tl`, (s) => s.progress === 60, 'progress 60');
    await stateWhen(t, root, (s) => s.progress === 53, 'progress 53');

    // A task split into sub-tasks takes its progress from them, whatever is reported.
    const reportedOver = await tl.executeUpdate(reportProgressUpdate, { args: [PEOPLE.tanLap, { percent: 5, narrative: 'Đang chờ văn phòng', evidence: [] }] });
    expect(reportedOver).toMatchObject({ status: 'in_progress', progress: 60 });
    const open = await refusal(tl.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Xong', evidence: [] }] }));
    expect(open.type).toBe(TASK_ERRORS.subtasksOpen);

    await vp.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLapOffice, { narrative: 'Đã xong', evidence: [evidence(7)] }] });
    // The office's task was assigned by the commune: the commune accepts its result.
    expect((await refusal(vp.executeUpdate(acceptResultUpdate, { args: [PEOPLE.province, null] }))).type).toBe(TASK_ERRORS.forbidden);
    await vp.executeUpdate(acceptResultUpdate, { args: [PEOPLE.tanLapSecretary, null] });
    await stateWhen(t, `${root}.tl`, (s) => s.progress === 100 && s.subtasks[0].status === 'done', 'the office done');
    await stateWhen(t, root, (s) => s.progress === 65, 'progress 65');

    // A cancelled sub-task no longer counts.
    await hb.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Hòa Bình sáp nhập'] });
    await stateWhen(t, root, (s) => s.progress === 100 && s.subtasks[1].status === 'cancelled', 'progress 100 without Hòa Bình');
    expect((await refusal(handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.province, { narrative: 'Xong', evidence: [] }] }))).type).toBe(TASK_ERRORS.subtasksOpen);

    await tl.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLap, { narrative: 'Tân Lập xong', evidence: [] }] });
    await tl.executeUpdate(acceptResultUpdate, { args: [PEOPLE.province, null] });
    await stateWhen(t, root, (s) => s.subtasks.every((x) => x.status === 'done' || x.status === 'cancelled'), 'sub-tasks closed');
    await handle.executeUpdate(submitTaskUpdate, { args: [PEOPLE.province, { narrative: 'Tỉnh hoàn thành', evidence: [] }] });
    expect((await handle.executeUpdate(acceptResultUpdate, { args: [tw, null] })).status).toBe('done');

    const rolled = t.recorder.of(root).filter((c) => c.action === 'progress-rolled-up');
    expect(rolled.map((c) => [c.data.subtaskId, c.data.progress])).toEqual([
      [`${root}.hb`, 35],
      [`${root}.tl`, 53],
      [`${root}.tl`, 65],
      [`${root}.hb`, 100],
    ]);
    expect(rolled.every((c) => c.actor === undefined && c.status === 'accepted')).toBe(true);
    expect(t.recorder.of(root).find((c) => c.action === 'split')).toMatchObject({ data: { subtaskIds: [`${root}.tl`, `${root}.hb`], progress: 0 } });
    expect(t.recorder.actions(`${root}.tl`)).toEqual(['assigned', 'accepted', 'split', 'progress-rolled-up', 'progress-reported', 'progress-rolled-up', 'submitted', 'completed']);
  });

  it('cancels its open sub-tasks with it', async () => {
    const { handle, input } = await startTask(t, 'cancel-tree-1', { leadOrg: 'BS-TL-DU' });
    await handle.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLap] });
    await handle.executeUpdate(addSubtasksUpdate, {
      args: [PEOPLE.tanLap, [
        { taskId: 'cancel-tree-1.a', title: 'A', leadOrg: 'BS-TL-VP', cooperating: [], deadline: input.deadline!, priority: 'normal', weight: 1 },
        { taskId: 'cancel-tree-1.b', title: 'B', leadOrg: 'BS-TL-XDD', cooperating: [], deadline: input.deadline!, priority: 'normal', weight: 1 },
      ]],
    });
    const b = taskHandle(t, 'cancel-tree-1.b');
    await stateWhen(t, 'cancel-tree-1.b', (s) => s.seq >= 1, 'assigned');
    await b.executeUpdate(acceptTaskUpdate, { args: [PEOPLE.tanLapBuilding] });
    await b.executeUpdate(submitTaskUpdate, { args: [PEOPLE.tanLapBuilding, { narrative: 'Xong', evidence: [] }] });
    await b.executeUpdate(acceptResultUpdate, { args: [PEOPLE.tanLap, null] });
    await stateWhen(t, 'cancel-tree-1', (s) => s.subtasks[1].status === 'done', 'B done');

    await handle.executeUpdate(cancelTaskUpdate, { args: [PEOPLE.province, 'Nhiệm vụ không còn phù hợp'] });
    expect((await taskHandle(t, 'cancel-tree-1.a').result()).status).toBe('cancelled');
    expect(t.recorder.of('cancel-tree-1.a').at(-1)).toMatchObject({ action: 'cancelled', note: 'Nhiệm vụ không còn phù hợp' });
    expect(t.recorder.of('cancel-tree-1.a').at(-1)?.actor).toBeUndefined();
    // A closed sub-task stays as it was.
    expect(t.recorder.actions('cancel-tree-1.b')).not.toContain('cancelled');
    expect((await handle.result()).status).toBe('cancelled');
  });
});
