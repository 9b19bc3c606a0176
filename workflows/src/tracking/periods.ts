import { RECURRENCE_FREQUENCIES, type Recurrence, type RecurrenceFrequency } from '@vanthu/shared/contracts';
import { endOfVietnamDay } from '../time';

/*
 * The periods of a recurring report, computed from its recurrence alone (no clock), so every run
 * of the recurring task's workflow, before and after continue-as-new, sees the same schedule.
 */

export interface TaskPeriod {
  /** `2026-12` (monthly), `2026-Q4` (quarterly) or `2026` (yearly). */
  key: string;
  /** When the period opens: its first day's start, Vietnam time (ISO 8601, UTC). */
  start: string;
  /** When its report is due: the end of `dueDay` of the period's last month, or of its last day. */
  due: string;
}

const MONTHS_PER_PERIOD: Record<RecurrenceFrequency, number> = { monthly: 1, quarterly: 3, yearly: 12 };
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A committee's term is five years: 60 monthly reports. Anything far longer is a mistyped date. */
export const MAX_PERIODS = 120;

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function parseDate(value: string): { year: number; month: number } | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  return { year, month };
}

/** What is wrong with a recurrence, or undefined: the API refuses it before a workflow starts. */
export function recurrenceProblem(recurrence: Recurrence | undefined): { field: string; message: string } | undefined {
  if (!recurrence) return { field: 'recurrence', message: 'a recurring task needs a recurrence' };
  if (!RECURRENCE_FREQUENCIES.includes(recurrence.frequency)) return { field: 'recurrence.frequency', message: 'monthly, quarterly or yearly' };
  const from = parseDate(recurrence.from);
  if (!from) return { field: 'recurrence.from', message: 'a date, YYYY-MM-DD' };
  const until = parseDate(recurrence.until);
  if (!until) return { field: 'recurrence.until', message: 'a date, YYYY-MM-DD' };
  if (recurrence.until < recurrence.from) return { field: 'recurrence.until', message: 'not before recurrence.from' };
  if (recurrence.dueDay !== undefined && (!Number.isInteger(recurrence.dueDay) || recurrence.dueDay < 1 || recurrence.dueDay > 31)) {
    return { field: 'recurrence.dueDay', message: 'a day of the month, 1 to 31' };
  }
  if (periodIndex(until, recurrence.frequency) - periodIndex(from, recurrence.frequency) >= MAX_PERIODS) {
    return { field: 'recurrence.until', message: `at most ${MAX_PERIODS} periods` };
  }
  return undefined;
}

/** Months since year 0, rounded down to the period's first month. */
function periodIndex({ year, month }: { year: number; month: number }, frequency: RecurrenceFrequency): number {
  const span = MONTHS_PER_PERIOD[frequency];
  return Math.floor((year * 12 + month - 1) / span);
}

function keyOf(year: number, firstMonth: number, frequency: RecurrenceFrequency): string {
  if (frequency === 'monthly') return `${year}-${pad(firstMonth)}`;
  if (frequency === 'quarterly') return `${year}-Q${(firstMonth - 1) / 3 + 1}`;
  return String(year);
}

/** Every period from the one containing `from` to the one containing `until`; none for an invalid recurrence. */
export function periodsOf(recurrence: Recurrence | undefined): TaskPeriod[] {
  if (!recurrence || recurrenceProblem(recurrence)) return [];
  const span = MONTHS_PER_PERIOD[recurrence.frequency];
  const first = periodIndex(parseDate(recurrence.from)!, recurrence.frequency);
  const last = periodIndex(parseDate(recurrence.until)!, recurrence.frequency);
  const periods: TaskPeriod[] = [];
  for (let index = first; index <= last; index++) {
    const months = index * span;
    const year = Math.floor(months / 12);
    const firstMonth = (months % 12) + 1;
    const lastMonth = firstMonth + span - 1;
    const lastDay = daysIn(year, lastMonth);
    const dueDay = Math.min(recurrence.dueDay ?? lastDay, lastDay);
    periods.push({
      key: keyOf(year, firstMonth, recurrence.frequency),
      start: new Date(`${year}-${pad(firstMonth)}-01T00:00:00+07:00`).toISOString(),
      due: endOfVietnamDay(`${year}-${pad(lastMonth)}-${pad(dueDay)}`).toISOString(),
    });
  }
  return periods;
}
