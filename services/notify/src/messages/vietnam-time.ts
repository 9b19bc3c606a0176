const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Vietnamese documents write it, in Vietnam time: "23:59 ngày 01/12/2026 (giờ Việt Nam)". */
export function vietnamTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const part = Object.fromEntries(VIETNAM_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.hour}:${part.minute} ngày ${part.day}/${part.month}/${part.year} (giờ Việt Nam)`;
}
