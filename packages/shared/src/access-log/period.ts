import { VIETNAM_UTC_OFFSET } from '../contracts/documents';
import { badRequest } from '../errors/problem';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// An instant names its offset: without one, the same text would mean different times on different servers.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** Date.parse rolls 2026-02-31 over into March; a day that does not exist is refused instead. */
function realDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

const startOf = (day: string) => Date.parse(`${day}T00:00:00${VIETNAM_UTC_OFFSET}`);

function bound(value: string, field: 'from' | 'to', dayEdge: (day: string) => number): string {
  const ms = !realDay(value.slice(0, 10)) ? NaN : DAY.test(value) ? dayEdge(value) : INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw badRequest('invalid-date', `${field} must be a day (YYYY-MM-DD) or an instant with its offset (ISO 8601), not ${JSON.stringify(value)}.`, field);
  return new Date(ms).toISOString();
}

export interface AtRange {
  $gte?: string;
  $lt?: string;
}

/**
 * The `at` range of a filter's `from` and `to`, both inclusive (records keep `at` as UTC ISO
 * strings, which compare in time order). Offices count days in Vietnam time, so a day runs from
 * 00:00 to 24:00 at UTC+07:00.
 */
export function atRange(from: string | undefined, to: string | undefined): AtRange | undefined {
  if (from === undefined && to === undefined) return undefined;
  const range: AtRange = {};
  if (from !== undefined) range.$gte = bound(from, 'from', startOf);
  // Up to the end of the day named, or to the millisecond after the instant named (`at` has milliseconds).
  if (to !== undefined) range.$lt = bound(to, 'to', (day) => startOf(day) + DAY_MS);
  if (to !== undefined && !DAY.test(to)) range.$lt = new Date(Date.parse(range.$lt as string) + 1).toISOString();
  return range;
}
