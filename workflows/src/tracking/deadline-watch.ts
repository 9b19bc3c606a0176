import { condition } from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import { TASK_PRIORITIES, type TaskInput, type TaskState } from '@vanthu/shared/contracts';
import type { createExclusive } from '../exclusive';

/** What the deadline watch needs of its task's workflow. */
export interface DeadlineWatch {
  input: Pick<TaskInput, 'priority'>;
  /** The workflow's own state: the watch reads it and sets `reminded` and `escalated`. */
  state: TaskState;
  isFinal: () => boolean;
  exclusive: ReturnType<typeof createExclusive>;
  /** Records a deadline event (no change of status). */
  record: (action: 'deadline-approaching' | 'overdue') => Promise<void>;
}

/**
 * Reminder `remindBefore` ahead of the deadline (at once if that is already past), and at the
 * deadline, unless the task is submitted, done or cancelled, one escalation. A result submitted
 * by the deadline and returned after it is late from its return. A new deadline re-arms both.
 */
export async function watchDeadline({ input, state, isFinal, exclusive, record }: DeadlineWatch): Promise<void> {
  while (!isFinal()) {
    const deadline = state.deadline;
    if (deadline === undefined || state.escalated) {
      // Without a deadline, `escalated` is false from the start: waiting on it alone would never wait.
      await condition(() => isFinal() || state.deadline !== deadline || (state.deadline !== undefined && !state.escalated));
      continue;
    }
    const due = Date.parse(deadline);
    if (!state.reminded) {
      const policy = TASK_PRIORITIES[input.priority] ?? TASK_PRIORITIES.normal;
      if (await interruptedBefore(due - msToNumber(policy.remindBefore), () => isFinal() || state.deadline !== deadline)) continue;
      await exclusive(async () => {
        if (isFinal() || state.deadline !== deadline || state.reminded) return;
        state.reminded = true;
        // Nothing to remind of once the deadline has passed (the escalation follows) or the result is in.
        if (Date.now() >= due || state.status === 'submitted') return;
        await record('deadline-approaching');
      });
      continue;
    }
    if (await interruptedBefore(due, () => isFinal() || state.deadline !== deadline)) continue;
    if (state.status === 'submitted') {
      await condition(() => isFinal() || state.deadline !== deadline || state.status !== 'submitted');
      continue;
    }
    await exclusive(async () => {
      if (isFinal() || state.deadline !== deadline || state.escalated || state.status === 'submitted') return;
      state.escalated = true;
      await record('overdue');
    });
  }
}

/** Sleeps until `at`; true if `interrupted` came true first. */
async function interruptedBefore(at: number, interrupted: () => boolean): Promise<boolean> {
  const wait = at - Date.now();
  if (wait <= 0) return false;
  return condition(interrupted, wait);
}
