import type { Client, WorkflowHandle } from '@temporalio/client';
import { isFinalTaskStatus, Problem, type Actor, type EvidenceRef, type Principal, type SubtaskSpec } from '@vanthu/shared';
import {
  acceptResultUpdate,
  acceptTaskUpdate,
  addSubtasksUpdate,
  cancelTaskUpdate,
  decideExtensionUpdate,
  refuseTaskUpdate,
  reassignTaskUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  returnTaskUpdate,
  submitTaskUpdate,
  taskWorkflowId,
} from '@vanthu/workflows/dist/tracking/definitions';
import type { DirectoryReader } from '../directory/directory-view';
import type { TrackingCollections } from '../store/collections';
import type { EvidenceRecord, TaskRecord } from '../store/task-record';
import { checkOrganisations } from './assignment-checks';
import { parseDeadline } from './deadlines';
import { taskOver, toProblem } from './failures';
import type { NewSubtask, ReportInput, SubmissionInput, TaskView } from './ports';
import { waitForRecords, type RecordWaitOptions } from './record-wait';
import { toView } from './task-access';
import { derivedTaskId, randomTaskId, stepUpdateId } from './task-ids';
import type { TaskQueries } from './task-queries';

export interface TaskActionsDeps {
  records: Pick<TrackingCollections, 'tasks' | 'evidence'>;
  directory: DirectoryReader;
  temporal: Client;
  queries: TaskQueries;
  now: () => Date;
  recordWait: RecordWaitOptions;
}

const actorOf = (p: Principal): Actor => ({ userId: p.userId, org: p.orgCode, role: p.role });

/**
 * Every change to a task is an Update to its workflow, which decides on its own state whose turn
 * it is and what the status allows, and answers once its activity has written the record. The
 * change is first a read, so whoever may not see the task gets the read's own 404, never the
 * workflow's 403 or 409, which would tell that it exists and what state it is in.
 */
export function taskActions({ records, directory, temporal, queries, now, recordWait }: TaskActionsDeps) {
  /**
   * One step: `run` sends the Update with `once`, which names it by the request's Idempotency-Key
   * (when there is one) so that a retry after a lost answer is answered, not applied again. The
   * name holds within a run of the workflow: a recurring task's next period starts a new run.
   */
  async function acting(
    p: Principal,
    id: string,
    step: string,
    idempotencyKey: string | undefined,
    run: (handle: WorkflowHandle, actor: Actor, task: TaskRecord, once: { updateId?: string }) => Promise<unknown>,
  ): Promise<TaskView> {
    const task = await queries.load(p, id);
    if (isFinalTaskStatus(task.status)) throw taskOver(id, task.status);
    const once = idempotencyKey === undefined ? {} : { updateId: stepUpdateId(p.userId, idempotencyKey, id, step) };
    try {
      await run(temporal.workflow.getHandle(taskWorkflowId(id)), actorOf(p), task, once);
    } catch (error) {
      throw toProblem(error, id);
    }
    return toView((await records.tasks.findById(id).lean<TaskRecord>()) ?? task);
  }

  /** The files a report names, each uploaded for this very task beforehand. */
  async function evidenceOf(taskId: string, hashes: string[] = []): Promise<EvidenceRef[]> {
    if (hashes.length === 0) return [];
    const found = await records.evidence.find({ _id: { $in: hashes.map((h) => `${taskId}:${h}`) } }).lean<EvidenceRecord[]>();
    const bySha = new Map(found.map((e) => [e.sha256, e]));
    return hashes.map((sha256, index) => {
      const e = bySha.get(sha256);
      if (!e) {
        throw new Problem(422, 'unknown-evidence', `No file ${sha256} was uploaded for task ${taskId}; upload it first (POST /v1/tasks/${taskId}/evidence).`, {
          field: `evidence.${index}`,
        });
      }
      return { sha256: e.sha256, size: e.size, contentType: e.contentType, name: e.name };
    });
  }

  async function subtaskSpecs(p: Principal, parent: TaskRecord, subtasks: NewSubtask[], idempotencyKey?: string): Promise<SubtaskSpec[]> {
    const view = await directory.view();
    const at = now();
    return subtasks.map((s, index) => {
      checkOrganisations(view, s, parent.leadOrg, `subtasks.${index}.`);
      const deadline = parseDeadline(s.deadline, `subtasks.${index}.deadline`, at);
      if (parent.deadline !== undefined && deadline > parent.deadline) {
        throw new Problem(422, 'deadline-after-parent', `A sub-task is due no later than its task (${parent.deadline}).`, {
          field: `subtasks.${index}.deadline`,
        });
      }
      return {
        taskId: idempotencyKey === undefined ? randomTaskId() : derivedTaskId(p.orgCode, idempotencyKey, parent._id, String(index)),
        title: s.title,
        ...(s.clause !== undefined && { clause: s.clause }),
        leadOrg: s.leadOrg,
        cooperating: s.cooperating ?? [],
        deadline,
        priority: s.priority ?? 'normal',
        weight: s.weight ?? 1,
      };
    });
  }

  return {
    accept: (p: Principal, id: string, key?: string) => acting(p, id, 'accept', key, (h, actor, _, once) => h.executeUpdate(acceptTaskUpdate, { args: [actor], ...once })),
    refuse: (p: Principal, id: string, reason: string, key?: string) =>
      acting(p, id, 'refuse', key, (h, actor, _, once) => h.executeUpdate(refuseTaskUpdate, { args: [actor, reason], ...once })),
    reassign: (p: Principal, id: string, leadOrg: string, cooperating?: string[], key?: string) =>
      acting(p, id, 'reassign', key, async (h, actor, task, once) => {
        checkOrganisations(await directory.view(), { leadOrg, cooperating }, task.assignerOrg);
        return h.executeUpdate(reassignTaskUpdate, { args: [actor, { leadOrg, cooperating: cooperating ?? [] }], ...once });
      }),
    report: (p: Principal, id: string, report: ReportInput, key?: string) =>
      acting(p, id, 'report', key, async (h, actor, _, once) =>
        h.executeUpdate(reportProgressUpdate, {
          args: [
            actor,
            {
              percent: report.percent,
              narrative: report.narrative,
              evidence: await evidenceOf(id, report.evidence),
              ...(report.documentRef !== undefined && { documentRef: report.documentRef }),
            },
          ],
          ...once,
        }),
      ),
    submit: (p: Principal, id: string, submission: SubmissionInput, key?: string) =>
      acting(p, id, 'submit', key, async (h, actor, _, once) =>
        h.executeUpdate(submitTaskUpdate, {
          args: [
            actor,
            {
              narrative: submission.narrative,
              evidence: await evidenceOf(id, submission.evidence),
              ...(submission.documentRef !== undefined && { documentRef: submission.documentRef }),
            },
          ],
          ...once,
        }),
      ),
    acceptResult: (p: Principal, id: string, comment?: string, key?: string) =>
      acting(p, id, 'accept-result', key, (h, actor, _, once) => h.executeUpdate(acceptResultUpdate, { args: [actor, comment ?? null], ...once })),
    returnTask: (p: Principal, id: string, reason: string, key?: string) =>
      acting(p, id, 'return', key, (h, actor, _, once) => h.executeUpdate(returnTaskUpdate, { args: [actor, reason], ...once })),
    requestExtension: (p: Principal, id: string, until: string, reason: string, key?: string) =>
      acting(p, id, 'extension-request', key, (h, actor, _, once) =>
        h.executeUpdate(requestExtensionUpdate, { args: [actor, { until: parseDeadline(until, 'until', now()), reason }], ...once }),
      ),
    decideExtension: (p: Principal, id: string, grant: boolean, reason?: string, key?: string) => {
      if (!grant && (reason === undefined || reason.trim() === '')) {
        return Promise.reject(new Problem(422, 'reason-required', 'A refused extension is refused with a reason.', { field: 'reason' }));
      }
      return acting(p, id, 'extension-decision', key, (h, actor, _, once) =>
        h.executeUpdate(decideExtensionUpdate, { args: [actor, { grant, ...(reason !== undefined && { reason }) }], ...once }),
      );
    },
    cancel: (p: Principal, id: string, reason: string, key?: string) =>
      acting(p, id, 'cancel', key, (h, actor, _, once) => h.executeUpdate(cancelTaskUpdate, { args: [actor, reason], ...once })),
    async addSubtasks(p: Principal, id: string, subtasks: NewSubtask[], idempotencyKey?: string): Promise<TaskView[]> {
      if (idempotencyKey !== undefined) {
        // A retry of a split that went through: its sub-tasks, not a refusal for ids already taken.
        await queries.load(p, id);
        const ids = subtasks.map((_, index) => derivedTaskId(p.orgCode, idempotencyKey, id, String(index)));
        const done = await records.tasks.find({ _id: { $in: ids }, parentTaskId: id }).lean<TaskRecord[]>();
        if (done.length === ids.length) return ids.map((taskId) => toView(done.find((r) => r._id === taskId)!));
      }
      let specs: SubtaskSpec[] = [];
      await acting(p, id, 'split', idempotencyKey, async (h, actor, task, once) => {
        specs = await subtaskSpecs(p, task, subtasks, idempotencyKey);
        return h.executeUpdate(addSubtasksUpdate, { args: [actor, specs], ...once });
      });
      // Each sub-task's record is written by its own workflow, started by the parent's.
      return (await waitForRecords(records.tasks, specs.map((s) => s.taskId), recordWait)).map(toView);
    },
  };
}

export type TaskActions = ReturnType<typeof taskActions>;
