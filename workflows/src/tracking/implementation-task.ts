import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  setHandler,
  startChild,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  isFinalTaskStatus,
  TASK_ERRORS,
  TASK_QUEUES,
  TASK_ROLES,
  TaskAttributes,
  type Actor,
  type SubtaskSummary,
  type TaskInput,
  type TaskReport,
  type TaskState,
  type TaskStatus,
} from '@vanthu/shared/contracts';
import { tracking } from '../activities';
import { createExclusive } from '../exclusive';
import {
  checkDecision,
  checkExtensionAsk,
  checkProgressReport,
  checkReassignment,
  checkSubmission,
  checkSubtaskSpecs,
  fail,
  instantOf,
  requireText,
} from './checks';
import {
  acceptResultUpdate,
  acceptTaskUpdate,
  addSubtasksUpdate,
  cancelTaskUpdate,
  decideExtensionUpdate,
  parentCancelledSignal,
  reassignTaskUpdate,
  refuseTaskUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnTaskUpdate,
  subtaskUpdateSignal,
  submitTaskUpdate,
  taskStateQuery,
  taskWorkflowId,
} from './definitions';
import { periodInput, periodTaskId, subtaskInput } from './child-inputs';
import { watchDeadline } from './deadline-watch';
import { periodsOf, type TaskPeriod } from './periods';
import { periodsProgress, weightedProgress } from './rollup';
import { evidenceOf, subtaskSummary, taskSnapshot } from './snapshot';

/** Where the lead works on a task: reports, sub-tasks, submission. */
const AT_WORK: TaskStatus[] = ['accepted', 'in_progress'];

interface TransitionExtra {
  actor?: string;
  note?: string;
  patch?: Record<string, unknown>;
  data?: Record<string, unknown>;
  create?: TaskInput;
  report?: Omit<TaskReport, 'seq' | 'at'>;
}

/**
 * One implementation task, from its assignment to its result (docs/tracking.md): the lead accepts
 * or refuses it, reports, splits it into sub-tasks (child workflows whose progress rolls up here),
 * asks for more time and submits; the assigner reassigns, decides extensions, accepts or returns
 * the result, or cancels. Timers remind before the deadline and escalate when it passes. A
 * recurring task opens one period task per period and continues as new after each. The workflow
 * is the only writer of its task's record, through one activity, under `exclusive`.
 */
export async function implementationTask(input: TaskInput): Promise<TaskState> {
  const state: TaskState = input.carried ? { ...input.carried.state } : initialState(input);
  const exclusive = createExclusive();
  const schedule = input.kind === 'recurring' ? periodsOf(input.recurrence) : [];
  const isFinal = () => isFinalTaskStatus(state.status);
  /** What the parent last heard of this task, as the parent recorded it when it started it. */
  let told = summaryKey(subtaskSummary(input, state));

  upsertSearchAttributes([
    { key: TaskAttributes.status, value: state.status },
    { key: TaskAttributes.leadOrg, value: state.leadOrg },
    { key: TaskAttributes.assignerOrg, value: input.assignerOrg },
    { key: TaskAttributes.source, value: input.source.documentId },
    ...(state.deadline !== undefined ? [{ key: TaskAttributes.deadline, value: new Date(state.deadline) }] : []),
  ]);
  // Taken before any handler exists, so the assignment is always the first transition.
  const created = input.carried
    ? Promise.resolve()
    : exclusive(() => transition('assigned', state.status, { ...(input.kind !== 'period' && { actor: input.assignedBy }), create: input }));

  async function transition(action: string, status: TaskStatus, extra: TransitionExtra = {}) {
    state.seq += 1;
    const statusChanged = state.status !== status;
    state.status = status;
    const at = new Date().toISOString();
    await tracking.recordTaskTransition({
      taskId: input.taskId,
      seq: state.seq,
      action,
      status,
      at,
      ...(extra.actor !== undefined && { actor: extra.actor }),
      ...(extra.note !== undefined && { note: extra.note }),
      patch: { status, progress: state.progress, ...extra.patch },
      data: { ...taskSnapshot(input, state, { actor: extra.actor, note: extra.note }), ...extra.data },
      ...(extra.create !== undefined && { create: extra.create }),
      ...(extra.report !== undefined && { report: { seq: state.seq, at, ...extra.report } }),
    });
    if (statusChanged) upsertSearchAttributes([{ key: TaskAttributes.status, value: status }]);
    await tellParent();
  }

  /** A parent's roll-up follows its sub-tasks: each change of status or progress (lead, deadline) reaches it. */
  async function tellParent() {
    if (input.parentTaskId === undefined) return;
    const summary = subtaskSummary(input, state);
    const key = summaryKey(summary);
    if (key === told) return;
    told = key;
    await signalQuietly(input.parentTaskId, (handle) => handle.signal(subtaskUpdateSignal, summary));
  }

  const requireLead = (actor: Actor, action: string) => {
    if (actor.org !== state.leadOrg || !TASK_ROLES.lead.includes(actor.role)) {
      throw fail(TASK_ERRORS.forbidden, `${action}: only a member of the lead organisation ${state.leadOrg} may do this`);
    }
  };
  const requireAssigner = (actor: Actor, action: string) => {
    if (actor.org !== input.assignerOrg || !TASK_ROLES.assigner.includes(actor.role)) {
      throw fail(TASK_ERRORS.forbidden, `${action}: only a member of the assigning organisation ${input.assignerOrg} may do this`);
    }
  };
  const requireStatus = (allowed: TaskStatus[], action: string) => {
    if (!allowed.includes(state.status)) throw fail(TASK_ERRORS.invalidTransition, `cannot ${action} a task that is ${state.status}`);
  };
  const requireOpen = (action: string) => {
    if (isFinal()) throw fail(TASK_ERRORS.invalidTransition, `cannot ${action} a task that is ${state.status}`);
  };
  const requireOneOff = (action: string) => {
    if (input.kind === 'recurring') throw fail(TASK_ERRORS.invalidTransition, `cannot ${action} a recurring task: its periods are the tasks`);
  };

  /**
   * Validated twice: before the Update is accepted (nothing recorded for a refused one), and again
   * under the lock, as another change may have come first.
   */
  function onUpdate<Args extends unknown[]>(def: UpdateDefinition<TaskState, Args>, check: (...args: Args) => void, apply: (...args: Args) => Promise<void>) {
    setHandler(
      def,
      (...args: Args) =>
        exclusive(async () => {
          check(...args);
          await apply(...args);
          return state;
        }),
      { validator: (...args: Args) => check(...args) },
    );
  }

  setHandler(taskStateQuery, () => state);

  onUpdate(
    acceptTaskUpdate,
    (actor) => {
      requireLead(actor, 'accept');
      requireStatus(['assigned'], 'accept');
    },
    (actor) => transition('accepted', 'accepted', { actor: actor.userId }),
  );

  onUpdate(
    refuseTaskUpdate,
    (actor, reason) => {
      requireLead(actor, 'refuse');
      requireStatus(['assigned'], 'refuse');
      requireText(reason, 'reason');
    },
    (actor, reason) => transition('refused', 'refused', { actor: actor.userId, note: reason }),
  );

  onUpdate(
    reassignTaskUpdate,
    (actor, to) => {
      requireAssigner(actor, 'reassign');
      requireStatus(['refused'], 'reassign');
      checkReassignment(to);
    },
    async (actor, to) => {
      const previousLeadOrg = state.leadOrg;
      state.leadOrg = to.leadOrg;
      state.cooperating = [...to.cooperating];
      upsertSearchAttributes([{ key: TaskAttributes.leadOrg, value: state.leadOrg }]);
      await transition('reassigned', 'assigned', {
        actor: actor.userId,
        patch: { leadOrg: state.leadOrg, cooperating: state.cooperating },
        data: { previousLeadOrg },
      });
    },
  );

  onUpdate(
    reportProgressUpdate,
    (actor, report) => {
      requireLead(actor, 'report on');
      requireStatus(AT_WORK, 'report on');
      checkProgressReport(report);
    },
    async (actor, report) => {
      // A task split into sub-tasks (or a recurring one) takes its progress from them, not from what is reported.
      if (state.subtasks.length === 0 && input.kind !== 'recurring') state.progress = report.percent;
      const evidence = evidenceOf(report.evidence);
      await transition('progress-reported', 'in_progress', {
        actor: actor.userId,
        note: report.narrative,
        data: { evidence, ...(report.documentRef !== undefined && { documentRef: report.documentRef }) },
        report: {
          by: actor.userId,
          kind: 'progress',
          percent: report.percent,
          narrative: report.narrative,
          evidence,
          ...(report.documentRef !== undefined && { documentRef: report.documentRef }),
        },
      });
    },
  );

  onUpdate(
    submitTaskUpdate,
    (actor, submission) => {
      requireLead(actor, 'submit');
      requireOneOff('submit');
      requireStatus(AT_WORK, 'submit');
      const open = state.subtasks.filter((s) => !isFinalTaskStatus(s.status));
      if (open.length > 0) {
        throw fail(TASK_ERRORS.subtasksOpen, `cannot submit while sub-tasks are open: ${open.map((s) => s.taskId).join(', ')}`);
      }
      checkSubmission(submission);
    },
    async (actor, submission) => {
      state.submittedAt = new Date().toISOString();
      const evidence = evidenceOf(submission.evidence);
      await transition('submitted', 'submitted', {
        actor: actor.userId,
        note: submission.narrative,
        patch: { submittedAt: state.submittedAt },
        data: { evidence, ...(submission.documentRef !== undefined && { documentRef: submission.documentRef }) },
        report: {
          by: actor.userId,
          kind: 'submission',
          percent: state.progress,
          narrative: submission.narrative,
          evidence,
          ...(submission.documentRef !== undefined && { documentRef: submission.documentRef }),
        },
      });
    },
  );

  onUpdate(
    acceptResultUpdate,
    (actor, comment) => {
      requireAssigner(actor, 'accept the result of');
      requireStatus(['submitted'], 'accept the result of');
      if (comment !== null && comment !== undefined && comment !== '') requireText(comment, 'comment');
    },
    async (actor, comment) => {
      // On time or late is decided by when the accepted result was submitted, not by when it was read.
      state.completedAt = state.submittedAt;
      state.progress = 100;
      await transition('completed', 'done', { actor: actor.userId, ...(comment ? { note: comment } : {}), patch: { completedAt: state.completedAt } });
    },
  );

  onUpdate(
    returnTaskUpdate,
    (actor, reason) => {
      requireAssigner(actor, 'return');
      requireStatus(['submitted'], 'return');
      requireText(reason, 'reason');
    },
    async (actor, reason) => {
      // The returned result is no longer the one submitted: the next submission dates the task.
      delete state.submittedAt;
      await transition('returned', 'in_progress', { actor: actor.userId, note: reason, patch: { submittedAt: null } });
    },
  );

  onUpdate(
    requestExtensionUpdate,
    (actor, ask) => {
      requireLead(actor, 'ask for more time on');
      requireOpen('ask for more time on');
      if (state.status === 'submitted') throw fail(TASK_ERRORS.invalidTransition, 'cannot ask for more time on a task that is submitted');
      if (state.deadline === undefined) throw fail(TASK_ERRORS.invalidTransition, 'the task has no deadline to extend');
      if (state.pendingExtension) throw fail(TASK_ERRORS.invalidTransition, `an extension to ${state.pendingExtension.until} is already pending`);
      checkExtensionAsk(ask, state.deadline);
    },
    async (actor, ask) => {
      const until = checkExtensionAsk(ask, state.deadline!);
      state.pendingExtension = { until, reason: ask.reason, requestedBy: actor.userId, requestedAt: new Date().toISOString() };
      await transition('extension-requested', state.status, {
        actor: actor.userId,
        note: ask.reason,
        patch: { pendingExtension: state.pendingExtension },
        data: { extensionUntil: until },
      });
    },
  );

  onUpdate(
    decideExtensionUpdate,
    (actor, decision) => {
      requireAssigner(actor, 'decide an extension of');
      requireOpen('decide an extension of');
      if (!state.pendingExtension) throw fail(TASK_ERRORS.invalidTransition, 'no extension is pending');
      checkDecision(decision);
    },
    async (actor, decision) => {
      const asked = state.pendingExtension!;
      delete state.pendingExtension;
      const note = decision.reason ? { note: decision.reason } : {};
      if (!decision.grant) {
        await transition('extension-refused', state.status, { actor: actor.userId, ...note, patch: { pendingExtension: null }, data: { extensionUntil: asked.until } });
        return;
      }
      state.originalDeadline ??= state.deadline;
      state.deadline = asked.until;
      // The reminder and the escalation start over from the new deadline (the timer loop re-arms).
      state.reminded = false;
      state.escalated = false;
      upsertSearchAttributes([{ key: TaskAttributes.deadline, value: new Date(state.deadline) }]);
      await transition('extension-granted', state.status, {
        actor: actor.userId,
        ...note,
        patch: { deadline: state.deadline, originalDeadline: state.originalDeadline, pendingExtension: null },
        data: { extensionUntil: asked.until },
      });
    },
  );

  const known = () => state.subtasks.map((s) => s.taskId);
  onUpdate(
    addSubtasksUpdate,
    (actor, specs) => {
      requireLead(actor, 'split');
      requireOneOff('split');
      requireStatus(AT_WORK, 'split');
      checkSubtaskSpecs(specs, { taskId: input.taskId, deadline: state.deadline, leadOrg: state.leadOrg, known: known() });
    },
    async (actor, specs) => {
      const checked = checkSubtaskSpecs(specs, { taskId: input.taskId, deadline: state.deadline, leadOrg: state.leadOrg, known: known() });
      const assignedAt = new Date().toISOString();
      const started: string[] = [];
      let failure: { index: number; error: unknown } | undefined;
      for (const [index, spec] of checked.entries()) {
        try {
          await startChild(implementationTask, {
            workflowId: taskWorkflowId(spec.taskId),
            taskQueue: TASK_QUEUES.tracking,
            // A sub-task lives on if its parent's workflow ends first (a cancellation reaches it by signal).
            parentClosePolicy: ParentClosePolicy.ABANDON,
            args: [subtaskInput(input, spec, { assignerOrg: state.leadOrg, assignedBy: actor.userId, assignedAt })],
          });
        } catch (error) {
          failure = { index, error };
          break;
        }
        started.push(spec.taskId);
        state.subtasks.push({ taskId: spec.taskId, leadOrg: spec.leadOrg, status: 'assigned', progress: 0, weight: spec.weight, deadline: spec.deadline });
      }
      // The sub-tasks that did start are recorded even when a later one could not: none goes untracked.
      if (started.length > 0) {
        state.progress = weightedProgress(state.subtasks) ?? state.progress;
        await transition('split', state.status, { actor: actor.userId, patch: { subtasks: state.subtasks }, data: { subtaskIds: started } });
      }
      if (failure) {
        const field = `subtasks[${failure.index}].taskId`;
        throw fail(TASK_ERRORS.invalidInput, `${field}: the sub-task could not start (${(failure.error as Error).message})`, field);
      }
    },
  );

  onUpdate(
    cancelTaskUpdate,
    (actor, reason) => {
      requireAssigner(actor, 'cancel');
      requireOpen('cancel');
      requireText(reason, 'reason');
    },
    async (actor, reason) => {
      await transition('cancelled', 'cancelled', { actor: actor.userId, note: reason });
      await cancelOpenChildren(reason);
    },
  );

  // Async, so the workflow does not end before the cancellation is recorded and passed down.
  setHandler(parentCancelledSignal, async (reason) => {
    await exclusive(async () => {
      if (isFinal()) return;
      await transition('cancelled', 'cancelled', { note: reason });
      await cancelOpenChildren(reason);
    });
  });

  setHandler(subtaskUpdateSignal, async (update: SubtaskSummary) => {
    await exclusive(async () => {
      const index = state.subtasks.findIndex((s) => s.taskId === update.taskId);
      if (index < 0) return;
      state.subtasks[index] = update;
      if (isFinal()) return;
      const progress = input.kind === 'recurring' ? periodsProgress(state.subtasks, schedule.length) : weightedProgress(state.subtasks);
      if (progress === undefined || progress === state.progress) return;
      state.progress = progress;
      await transition('progress-rolled-up', state.status, { patch: { subtasks: state.subtasks }, data: { subtaskId: update.taskId } });
    });
  });

  async function cancelOpenChildren(reason: string) {
    for (const subtask of state.subtasks) {
      if (!isFinalTaskStatus(subtask.status)) {
        await signalQuietly(subtask.taskId, (handle) => handle.signal(parentCancelledSignal, reason));
      }
    }
  }

  await created;
  if (input.kind === 'recurring') await runPeriods();
  else await watchDeadline({ input, state, isFinal, exclusive, record: (action) => transition(action, state.status) });
  await condition(allHandlersFinished);
  return state;

  /**
   * A recurring task, once accepted, opens its next period as a child when the period starts, then
   * continues as new: one run per period. After the last it waits for every period to close.
   */
  async function runPeriods() {
    await condition(() => isFinal() || AT_WORK.includes(state.status));
    const next = input.carried?.nextPeriod ?? 0;
    if (!isFinal() && next < schedule.length) {
      const period = schedule[next];
      const wait = Date.parse(period.start) - Date.now();
      if (wait > 0) await condition(isFinal, wait);
      if (!isFinal()) {
        await exclusive(() => openPeriod(period));
        await condition(allHandlersFinished);
        const { carried: _previous, ...rest } = input;
        await continueAsNew<typeof implementationTask>({ ...rest, carried: { state, nextPeriod: next + 1 } });
      }
    }
    await condition(() => isFinal() || (state.subtasks.length >= schedule.length && state.subtasks.every((p) => isFinalTaskStatus(p.status))));
    await exclusive(async () => {
      if (isFinal()) return;
      const done = state.subtasks.map((p) => p.completedAt).filter((at): at is string => at !== undefined).sort();
      state.completedAt = done[done.length - 1] ?? new Date().toISOString();
      state.progress = periodsProgress(state.subtasks, schedule.length);
      await transition('completed', 'done', { patch: { completedAt: state.completedAt, subtasks: state.subtasks } });
    });
  }

  async function openPeriod(period: TaskPeriod) {
    const taskId = periodTaskId(input.taskId, period);
    await startChild(implementationTask, {
      workflowId: taskWorkflowId(taskId),
      taskQueue: TASK_QUEUES.tracking,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [periodInput(input, state, period, new Date().toISOString())],
    });
    state.subtasks.push({ taskId, leadOrg: state.leadOrg, status: 'accepted', progress: 0, weight: 1, deadline: period.due, period: period.key });
  }
}

function initialState(input: TaskInput): TaskState {
  const deadline = instantOf(input.deadline);
  return {
    taskId: input.taskId,
    status: input.initialStatus ?? 'assigned',
    seq: 0,
    progress: 0,
    leadOrg: input.leadOrg,
    cooperating: [...input.cooperating],
    ...(deadline !== undefined && { deadline }),
    subtasks: [],
    reminded: false,
    escalated: false,
  };
}

const summaryKey = (s: SubtaskSummary) => [s.status, s.progress, s.leadOrg, s.deadline ?? ''].join('|');

/**
 * Signals another task's workflow. A task that has closed (a cancelled parent, a sub-task already
 * done) has nothing left to hear: the failure is dropped rather than failing this task's change.
 */
async function signalQuietly(taskId: string, send: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>) {
  try {
    await send(getExternalWorkflowHandle(taskWorkflowId(taskId)));
  } catch {
    // The target's own record says why it closed; this task's change stands.
  }
}
