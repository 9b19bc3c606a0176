/**
 * The one place the console turns an instant or a day into text. The platform's dates are
 * Vietnam's (issue dates, deadlines, registers), whatever zone the browser is in, so every
 * instant is shown in Asia/Ho_Chi_Minh; a plain day (YYYY-MM-DD) is a calendar day and is shown
 * as it is, never shifted.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const PLAIN_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCALES: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

const formats = new Map<string, Intl.DateTimeFormat>();
function format(language: string, withTime: boolean, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${withTime}|${timeZone}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALES[language] ?? 'vi-VN', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(withTime && { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    });
    formats.set(key, found);
  }
  return found;
}

function toDate(value: string | number | Date): { date: Date; plainDay: boolean } | undefined {
  if (typeof value === 'string') {
    const day = PLAIN_DAY.exec(value);
    if (day) return { date: new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))), plainDay: true };
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : { date, plainDay: false };
}

/** The day, in Vietnam: 02/03/2026. Empty for no value; the value itself if it is not a date. */
export function formatDay(value: string | number | Date | undefined, language: string): string {
  if (value === undefined || value === '') return '';
  const parsed = toDate(value);
  if (!parsed) return String(value);
  return format(language, false, parsed.plainDay ? 'UTC' : VIETNAM_TIME_ZONE).format(parsed.date);
}

/** The day and the time, in Vietnam: 02/03/2026 09:15 (a plain day has no time). */
export function formatDayTime(value: string | number | Date | undefined, language: string): string {
  if (value === undefined || value === '') return '';
  const parsed = toDate(value);
  if (!parsed) return String(value);
  return format(language, !parsed.plainDay, parsed.plainDay ? 'UTC' : VIETNAM_TIME_ZONE).format(parsed.date);
}

/** Today's date in Vietnam as YYYY-MM-DD, what date inputs and the APIs' day parameters take. */
export function vietnamToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
