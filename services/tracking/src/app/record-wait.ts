import { setTimeout as sleep } from 'node:timers/promises';
import { Problem } from '@vanthu/shared';
import type { TrackingCollections } from '../store/collections';
import type { TaskRecord } from '../store/task-record';

export interface RecordWaitOptions {
  /** How long a request waits for a new task's first record before answering that it is pending. */
  timeoutMs: number;
}

export const DEFAULT_RECORD_WAIT: RecordWaitOptions = { timeoutMs: 15_000 };

/**
 * A task's record is written by its workflow's first activity, a moment after the workflow
 * starts: the creating request waits for it, within a bound, so it can answer with the task.
 * Past the bound the task exists all the same (its workflow runs); the caller hears where to look.
 */
export async function waitForRecords(
  tasks: TrackingCollections['tasks'],
  ids: string[],
  options: RecordWaitOptions,
): Promise<TaskRecord[]> {
  const deadline = Date.now() + options.timeoutMs;
  for (let pause = 25; ; pause = Math.min(pause * 2, 500)) {
    const found = await tasks.find({ _id: { $in: ids } }).lean<TaskRecord[]>();
    if (found.length === ids.length) {
      const byId = new Map(found.map((r) => [r._id, r]));
      return ids.map((id) => byId.get(id)!);
    }
    if (Date.now() + pause > deadline) {
      const missing = ids.filter((id) => !found.some((r) => r._id === id));
      throw new Problem(
        503,
        'task-pending',
        `The task${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'were' : 'was'} created but not yet recorded; read ${missing.length > 1 ? 'them' : 'it'} again in a few seconds.`,
        { retryAfterSeconds: 2 },
      );
    }
    await sleep(pause);
  }
}
