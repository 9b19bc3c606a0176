import type { Connection } from 'mongoose';
import { assertValidEvent, isDuplicateKeyError, outboxModel, taskTransitionEvent, TOPICS, type OutboxRecord, type TaskInput, type TaskTransitionInput } from '@vanthu/shared';
import { taskModel } from '../store/collections';
import type { TaskHistoryEntry, TaskRecord } from '../store/task-record';

export function historyEntry(input: TaskTransitionInput): TaskHistoryEntry {
  return {
    seq: input.seq,
    at: input.at,
    action: input.action,
    status: input.status,
    ...(input.actor !== undefined && { actor: input.actor }),
    ...(input.note !== undefined && { note: input.note }),
  };
}

/** The record as it is before its first transition applies: seq 0, so that transition's update lands. */
export function newTaskRecord(task: TaskInput, input: TaskTransitionInput): TaskRecord {
  return {
    _id: task.taskId,
    kind: task.kind,
    title: task.title,
    ...(task.clause !== undefined && { clause: task.clause }),
    source: task.source,
    assignerOrg: task.assignerOrg,
    assignedBy: task.assignedBy,
    leadOrg: task.leadOrg,
    cooperating: task.cooperating,
    ...(task.deadline !== undefined && { deadline: task.deadline, originalDeadline: task.deadline }),
    ...(task.recurrence !== undefined && { recurrence: task.recurrence }),
    ...(task.period !== undefined && { period: task.period }),
    priority: task.priority,
    ...(task.parentTaskId !== undefined && { parentTaskId: task.parentTaskId }),
    rootTaskId: task.rootTaskId,
    depth: task.depth,
    weight: task.weight,
    assignedAt: task.assignedAt,
    status: input.status,
    progress: 0,
    seq: 0,
    updatedAt: input.at,
    subtasks: [],
    reports: [],
    history: [],
  };
}

async function insertOnce(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/**
 * One transition of a task, written by its workflow's one activity: the event into the outbox,
 * then the record. Each step is safe to repeat, so a retry after a crash anywhere in between
 * completes what is missing and adds nothing twice: the outbox's unique `_id` refuses a second
 * event, the record's `_id` a second creation, and the seq guard a second update.
 */
export async function recordTaskTransition(mongo: Connection, input: TaskTransitionInput): Promise<void> {
  if (input.create && input.create.taskId !== input.taskId) {
    throw new Error(`transition of ${input.taskId} carries the input of ${input.create.taskId}`);
  }
  const tasks = taskModel(mongo);
  // Checked before anything is written: an event must not go out for a change the record refuses.
  const unknown = Object.keys(input.patch).filter((path) => tasks.schema.pathType(path.split('.')[0]!) === 'adhocOrUndefined');
  if (unknown.length > 0) throw new Error(`transition ${input.taskId}:${input.seq} patches fields a task record does not have: ${unknown.join(', ')}`);
  const event = taskTransitionEvent(input);
  // A contract broken at the source fails the activity, visibly in Temporal, instead of downstream.
  assertValidEvent(event);
  const record: OutboxRecord = { _id: event.id, aggregateId: input.taskId, seq: input.seq, topic: TOPICS.trackingEvents.name, event, createdAt: new Date(input.at) };
  await insertOnce(() => outboxModel(mongo).create(record));
  const create = input.create;
  if (create) await insertOnce(() => tasks.create(newTaskRecord(create, input)));
  // The task's workflow is the record's one writer and runs its activities one after another;
  // the seq guard makes a replay of this one (after a crash, or a retry racing its first try)
  // leave the record as the first write left it. The filter names the `_id`, so our database
  // reads that one record (docs/local-stack.md).
  await tasks.updateOne(
    { _id: input.taskId, seq: { $lt: input.seq } },
    {
      $set: { ...input.patch, status: input.status, seq: input.seq, updatedAt: input.at },
      $push: { history: historyEntry(input), ...(input.report && { reports: input.report }) },
    },
  );
}
