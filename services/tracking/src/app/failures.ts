import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Problem, TASK_ERRORS } from '@vanthu/shared';

/**
 * A task the caller may not see is answered exactly like one that does not exist, on reads and
 * on actions alike, so no answer tells that it exists or what state it is in.
 */
export const taskNotFound = (id: string) => new Problem(404, 'task-not-found', `There is no task ${id}.`);

export const invalidInput = (field: string, detail: string) => new Problem(422, 'invalid-input', detail, { field });

/** A task whose workflow has closed (done, cancelled): nothing more can happen to it. */
export const taskOver = (id: string, status: string) =>
  new Problem(409, 'invalid-transition', `Task ${id} is ${status}; nothing more can be done with it.`, { field: 'status' });

/**
 * The field the workflow names in a failure's details, if it names one, spelt as the validator
 * spells fields (`subtasks.0.deadline`, not `subtasks[0].deadline`) so a portal meets one form.
 */
function fieldOf(failure: ApplicationFailure): string | undefined {
  const [details] = (failure.details ?? []) as unknown[];
  const field = details && typeof details === 'object' ? (details as { field?: unknown }).field : undefined;
  return typeof field === 'string' ? field.replace(/\[(\d+)\]/g, '.$1') : undefined;
}

/**
 * An Update the task workflow refused becomes the caller's 4xx; the workflow's typed failures
 * (TASK_ERRORS) decide which. Anything else is left to the generic error handler.
 */
export function toProblem(error: unknown, id: string): unknown {
  if (error instanceof WorkflowNotFoundError) return taskNotFound(id);
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) return error;
  const failure = error.cause;
  switch (failure.type) {
    case TASK_ERRORS.forbidden:
      return new Problem(403, 'forbidden', failure.message);
    case TASK_ERRORS.invalidTransition:
      return new Problem(409, 'invalid-transition', failure.message, { field: 'status' });
    case TASK_ERRORS.subtasksOpen:
      return new Problem(409, 'subtasks-open', failure.message, { field: 'status' });
    case TASK_ERRORS.invalidInput:
      return invalidInput(fieldOf(failure) ?? '(body)', failure.message);
    default:
      // A failure of the activity behind the Update: the change was not made; say so plainly.
      return new Problem(422, 'action-failed', failure.message);
  }
}
