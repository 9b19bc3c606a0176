import { VIETNAM_UTC_OFFSET } from '@vanthu/shared';
import { VIETNAM_OFFSET_MS } from '../api/register-csv';

/*
 * Offices count days in Vietnam time (UTC+07:00), as the registers do: a day runs from 00:00 to
 * 24:00 there. Built on the registers' own offset (register-csv.ts, from VIETNAM_UTC_OFFSET), so
 * a figure and a register line put an instant on the same day.
 */

export const DAY_MS = 86_400_000;

/** The Vietnam calendar day (YYYY-MM-DD) an instant falls on. */
export const vietnamDay = (ms: number): string => new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a Vietnam calendar day (YYYY-MM-DD) starts, in epoch milliseconds. */
export const vietnamDayStart = (day: string): number => Date.parse(`${day}T00:00:00${VIETNAM_UTC_OFFSET}`);

/** The day `days` after `day` (before, when negative). */
export const addDays = (day: string, days: number): string => vietnamDay(vietnamDayStart(day) + days * DAY_MS);

/** Days from `from` to `to`, both included (1 for one day). */
export const daysBetween = (from: string, to: string): number => Math.round((vietnamDayStart(to) - vietnamDayStart(from)) / DAY_MS) + 1;
