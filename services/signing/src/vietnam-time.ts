const OFFSET_MS = 7 * 3600 * 1000;

/** ISO 8601 in Vietnam time, e.g. 2026-11-23T14:05:09+07:00, as documents show signing times. */
export function formatVietnamTime(at: Date): string {
  return `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** The PDF date form of the same instant: D:20261123140509+07'00'. */
export function pdfVietnamDate(at: Date): string {
  const local = new Date(at.getTime() + OFFSET_MS).toISOString();
  return `D:${local.slice(0, 19).replace(/[-T:]/g, '')}+07'00'`;
}

export function parsePdfDate(text: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text);
  if (!m) return undefined;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
