import { Problem, type Principal } from '@vanthu/shared';
import type { FilterQuery } from 'mongoose';
import type { DirectoryReader } from '../directory/directory-view';
import type { TrackingCollections } from '../store/collections';
import type { TaskRecord } from '../store/task-record';
import { taskNotFound } from './failures';
import type { TaskFilter, TaskPage, TaskView } from './ports';
import { canSee, toView } from './task-access';

export const MAX_TASK_PAGE = 100;

/** The position after the last task of a page: lists run newest first, ties broken by id. */
interface Cursor {
  assignedAt: string;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.assignedAt, c.id])).toString('base64url');

function decodeCursor(value: string): Cursor {
  try {
    const [assignedAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof assignedAt === 'string' && typeof id === 'string') return { assignedAt, id };
  } catch {
    // Falls through to the problem below: a cursor is only ever one this API gave out.
  }
  throw new Problem(400, 'invalid-cursor', 'The cursor is not one this API gave out; start again without it.', { field: 'cursor' });
}

export interface TaskQueriesDeps {
  records: Pick<TrackingCollections, 'tasks'>;
  directory: DirectoryReader;
}

export function taskQueries({ records, directory }: TaskQueriesDeps) {
  /** The task's record when the caller may see it; otherwise the very 404 of a task that does not exist. */
  async function load(p: Principal, id: string): Promise<TaskRecord> {
    const record = await records.tasks.findById(id).lean<TaskRecord>();
    if (!record || !canSee(p, record, await directory.view())) throw taskNotFound(id);
    return record;
  }

  async function listTasks(p: Principal, filter: TaskFilter): Promise<TaskPage> {
    const org = p.orgCode;
    const relations: Record<NonNullable<TaskFilter['role']>, FilterQuery<TaskRecord>> = {
      assigned: { assignerOrg: org },
      lead: { leadOrg: org },
      cooperating: { cooperating: org },
    };
    const conditions: FilterQuery<TaskRecord>[] = [filter.role ? relations[filter.role] : { $or: Object.values(relations) }];
    if (filter.status) conditions.push({ status: filter.status });
    if (filter.sourceDocumentId) conditions.push({ 'source.documentId': filter.sourceDocumentId });
    if (filter.leadOrg) conditions.push({ leadOrg: filter.leadOrg });
    if (filter.cursor) {
      const after = decodeCursor(filter.cursor);
      conditions.push({ $or: [{ assignedAt: { $lt: after.assignedAt } }, { assignedAt: after.assignedAt, _id: { $gt: after.id } }] });
    }
    const limit = Math.min(Math.max(filter.limit, 1), MAX_TASK_PAGE);
    const rows = await records.tasks
      .find({ $and: conditions })
      .sort({ assignedAt: -1, _id: 1 })
      .limit(limit + 1)
      .lean<TaskRecord[]>();
    const items = rows.slice(0, limit).map(toView);
    const last = items[items.length - 1];
    return { items, ...(rows.length > limit && last && { nextCursor: encodeCursor({ assignedAt: last.assignedAt, id: last.id }) }) };
  }

  return {
    load,
    listTasks,
    getTask: async (p: Principal, id: string): Promise<TaskView> => toView(await load(p, id)),
  };
}

export type TaskQueries = ReturnType<typeof taskQueries>;
