import type { RecipientStatus } from '@vanthu/shared/contracts';

const HOUR_MS = 60 * 60 * 1000;

/** ISO 8601 in Vietnam time (UTC+07:00), as issue dates and signing times are shown. */
export function vietnamIso(at: Date): string {
  const local = new Date(at.getTime() + 7 * HOUR_MS).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

const FINAL: RecipientStatus[] = ['done', 'rejected', 'recalled'];
export const isFinalRecipientStatus = (status: RecipientStatus) => FINAL.includes(status);

/** A due date without a time means the end of that day in Vietnam. */
export function endOfVietnamDay(date: string): Date {
  return new Date(`${date}T23:59:59+07:00`);
}
