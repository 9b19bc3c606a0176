import { Problem, type Recurrence } from '@vanthu/shared';
import { endOfVietnamDay } from '@vanthu/workflows/dist/time';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A committee's term is five years; a recurrence much longer than that is a mistyped date. */
export const MAX_RECURRENCE_YEARS = 6;

/** A calendar date that exists (the validator checks the shape, not that 2026-02-30 is no day). */
function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

/**
 * A deadline as given (`YYYY-MM-DD`, the end of that day in Vietnam, or a date-time with its
 * offset) as the instant the workflow and the records keep, in UTC so instants compare as text.
 */
export function parseDeadline(value: string, field: string, now: Date): string {
  let at: Date;
  if (DATE.test(value)) {
    if (!isRealDate(value)) throw new Problem(422, 'invalid-date', `${value} is not a date of the calendar.`, { field });
    at = endOfVietnamDay(value);
  } else {
    at = new Date(value);
    if (Number.isNaN(at.getTime())) throw new Problem(422, 'invalid-date', `${value} is not a date or a date-time.`, { field });
  }
  if (at.getTime() <= now.getTime()) {
    throw new Problem(422, 'deadline-in-past', `The deadline ${value} has already passed.`, { field });
  }
  return at.toISOString();
}

/** The checks a recurrence must pass before a workflow is started for it. */
export function checkRecurrence(recurrence: Recurrence, now: Date): void {
  for (const key of ['from', 'until'] as const) {
    if (!isRealDate(recurrence[key])) {
      throw new Problem(422, 'invalid-date', `${recurrence[key]} is not a date of the calendar.`, { field: `recurrence.${key}` });
    }
  }
  if (recurrence.until < recurrence.from) {
    throw new Problem(422, 'recurrence-until-before-from', 'The recurrence ends before it starts.', { field: 'recurrence.until' });
  }
  const from = new Date(`${recurrence.from}T00:00:00Z`);
  const limit = new Date(Date.UTC(from.getUTCFullYear() + MAX_RECURRENCE_YEARS, from.getUTCMonth(), from.getUTCDate()));
  if (new Date(`${recurrence.until}T00:00:00Z`) > limit) {
    throw new Problem(422, 'recurrence-too-long', `A recurrence lasts at most ${MAX_RECURRENCE_YEARS} years (a committee's term).`, {
      field: 'recurrence.until',
    });
  }
  if (endOfVietnamDay(recurrence.until).getTime() <= now.getTime()) {
    throw new Problem(422, 'deadline-in-past', `The recurrence ended on ${recurrence.until}; no report is left to ask for.`, {
      field: 'recurrence.until',
    });
  }
}
