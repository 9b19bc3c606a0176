import { TASK_ROLES, type Principal } from '@vanthu/shared';
import type { DirectoryView } from '../directory/directory-view';
import type { TaskRecord } from '../store/task-record';
import type { TaskView } from './ports';

/**
 * Who sees a task: the members of the organisation that assigned it, of the lead and of the
 * cooperating organisations, and of every organisation above the lead (the province sees what its
 * communes' offices were given).
 */
export function canSee(p: Principal, task: Pick<TaskRecord, 'assignerOrg' | 'leadOrg' | 'cooperating'>, directory: DirectoryView): boolean {
  const org = p.orgCode;
  return org === task.assignerOrg || org === task.leadOrg || task.cooperating.includes(org) || directory.isBelow(task.leadOrg, org);
}

/** A member of `org` in one of the roles that act on a task's `side`. */
export const actsFor = (p: Principal, org: string, side: keyof typeof TASK_ROLES) => p.orgCode === org && TASK_ROLES[side].includes(p.role);

export function toView(record: TaskRecord): TaskView {
  const { _id, ...rest } = record;
  return { id: _id, ...rest };
}
