import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { LIFECYCLE_ERRORS, Problem } from '@vanthu/shared';

/**
 * What a read of a missing document answers. A document the caller may not see is answered with
 * the very same problem, whether read or acted on, so no answer tells it exists or what state it is in.
 */
export const documentNotFound = (id: string) => new Problem(404, 'document-not-found', `There is no document ${id}.`);
export const incomingNotFound = (id: string) => new Problem(404, 'incoming-not-found', `There is no incoming document ${id}.`);

/** A change to something whose workflow has closed: its state allows nothing more. */
export const lifecycleOver = (what: string, status: string) =>
  new Problem(409, 'invalid-transition', `The ${what} is ${status}; its lifecycle is over.`, { field: 'status' });

/**
 * An update the workflow refused becomes the caller's 4xx; the workflow's own typed failures
 * decide which. Anything else is left to the generic error handler.
 */
export function toProblem(error: unknown, what: string): unknown {
  if (error instanceof WorkflowNotFoundError) return new Problem(404, 'document-not-found', `${what} has no running lifecycle.`);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    switch (failure.type) {
      case LIFECYCLE_ERRORS.invalidTransition:
        return new Problem(409, 'invalid-transition', failure.message, { field: 'status' });
      case LIFECYCLE_ERRORS.notYourTurn:
        return new Problem(403, 'not-your-turn', failure.message);
      case LIFECYCLE_ERRORS.forbidden:
        return new Problem(403, 'forbidden', failure.message);
      default:
        // A failure of an activity behind the update (e.g. no signing certificate): say so plainly.
        return new Problem(422, 'action-failed', failure.message);
    }
  }
  return error;
}

export async function translating<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw toProblem(error, what);
  }
}
