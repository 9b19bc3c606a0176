import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { Problem, TASK_QUEUES, type Principal, type TaskInput } from '@vanthu/shared';
import { taskWorkflowId } from '@vanthu/workflows/dist/tracking/definitions';
import type { DirectoryReader } from '../directory/directory-view';
import type { TrackingCollections } from '../store/collections';
import type { SourceRecord, TaskRecord } from '../store/task-record';
import { checkAssigner, checkOrganisations, checkSource } from './assignment-checks';
import { checkRecurrence, parseDeadline } from './deadlines';
import type { Creation, NewTask, TaskView } from './ports';
import { waitForRecords, type RecordWaitOptions } from './record-wait';
import { toView } from './task-access';
import { derivedTaskId, randomTaskId } from './task-ids';

/** The task workflow, started by name: the API does not load workflow code. */
export const TASK_WORKFLOW = 'implementationTask';

export interface TaskCreationDeps {
  records: Pick<TrackingCollections, 'tasks' | 'sources'>;
  directory: DirectoryReader;
  temporal: Client;
  now: () => Date;
  recordWait: RecordWaitOptions;
}

/**
 * Assigning a task from an issued document: every check is made before the workflow starts, so a
 * refusal leaves nothing behind. The workflow then writes the record and the event; the API writes
 * neither. With an Idempotency-Key the id is derived from it, and a retry finds the first task.
 */
export function taskCreation({ records, directory, temporal, now, recordWait }: TaskCreationDeps) {
  async function taskInput(p: Principal, input: NewTask, taskId: string): Promise<TaskInput> {
    const source: SourceRecord = checkSource(await records.sources.findById(input.sourceDocumentId).lean<SourceRecord>(), input.sourceDocumentId);
    checkAssigner(p, source);
    checkOrganisations(await directory.view(), input, p.orgCode);
    const at = now();
    if ((input.deadline === undefined) === (input.recurrence === undefined)) {
      throw new Problem(422, 'deadline-or-recurrence', 'A task has either a deadline or a recurrence, not both and not neither.', {
        field: input.deadline === undefined ? 'deadline' : 'recurrence',
      });
    }
    if (input.recurrence) checkRecurrence(input.recurrence, at);
    const deadline = input.deadline === undefined ? undefined : parseDeadline(input.deadline, 'deadline', at);
    return {
      taskId,
      kind: input.recurrence ? 'recurring' : 'task',
      title: input.title,
      ...(input.clause !== undefined && { clause: input.clause }),
      source: { documentId: source._id, notation: source.notation, type: source.type },
      assignerOrg: p.orgCode,
      assignedBy: p.userId,
      leadOrg: input.leadOrg,
      cooperating: input.cooperating ?? [],
      ...(deadline !== undefined && { deadline }),
      ...(input.recurrence && { recurrence: input.recurrence }),
      priority: input.priority ?? 'normal',
      rootTaskId: taskId,
      depth: 0,
      weight: 1,
      assignedAt: at.toISOString(),
    };
  }

  return async function createTask(p: Principal, input: NewTask, idempotencyKey?: string): Promise<Creation<TaskView>> {
    const taskId = idempotencyKey === undefined ? randomTaskId() : derivedTaskId(p.orgCode, idempotencyKey);
    if (idempotencyKey !== undefined) {
      // A retry is answered with the first call's task even once its checks would no longer pass
      // (its deadline has passed since, its document was recalled): it asks for nothing new.
      const first = await records.tasks.findById(taskId).lean<TaskRecord>();
      if (first) return { created: false, value: toView(first) };
    }
    const task = await taskInput(p, input, taskId);
    let created = true;
    try {
      await temporal.workflow.start(TASK_WORKFLOW, {
        workflowId: taskWorkflowId(taskId),
        taskQueue: TASK_QUEUES.tracking,
        args: [task],
        // A task id is never used twice, even after its workflow closed: a retry finds the first.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError) || idempotencyKey === undefined) throw error;
      created = false;
    }
    const [record] = await waitForRecords(records.tasks, [taskId], recordWait);
    return { created, value: toView(record!) };
  };
}
