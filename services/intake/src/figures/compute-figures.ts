import type { DocumentType } from '@vanthu/shared';
import { isFinalRecipientStatus } from '@vanthu/workflows/dist/time';
import type {
  DayPeriod,
  DeadlineFigures,
  DocumentCounts,
  DocumentDayRow,
  DocumentFigures,
  OrgRef,
  ProcessingCounts,
  ProcessingFigures,
} from './figure-item';
import type { FiguresSource } from './figures-index';
import { addDays, DAY_MS, vietnamDay, vietnamDayStart } from './vietnam-days';

/** The organisation asked for and every one below it, parents first (org-tree.ts). */
export interface FiguresScope {
  org: string;
  organisations: OrgRef[];
}

/** [start, end) of a period of whole Vietnam days, in epoch milliseconds. */
function bounds(period: DayPeriod): [number, number] {
  return [vietnamDayStart(period.from), vietnamDayStart(period.to) + DAY_MS];
}

const within = (ms: number, [start, end]: [number, number]) => ms >= start && ms < end;

/**
 * The nearest-rank percentile of ascending values: the smallest value with at least `p` of them
 * at or below it (p50 of 1, 2, 3, 4 is 2). Always one of the values, never an interpolation.
 */
export function nearestRank(ascending: readonly number[], p: number): number | undefined {
  if (ascending.length === 0) return undefined;
  return ascending[Math.max(0, Math.ceil(p * ascending.length) - 1)];
}

/**
 * Documents issued and received per Vietnam day, organisation and type. Issued: the outgoing
 * documents an organisation issued, on their issue date (the outgoing register's rule). Received:
 * the copies that arrived at an organisation and were entered in its incoming register, on their
 * arrival date, whatever became of them after (refused, recalled, done), as the register lists them.
 */
export function documentFigures(source: FiguresSource, scope: FiguresScope, period: DayPeriod, projectedUpTo: string): DocumentFigures {
  const range = bounds(period);
  const totals: DocumentCounts = { issued: 0, received: 0 };
  const days = new Map<string, DocumentDayRow>();
  const count = (day: string, org: string, type: DocumentType, key: keyof DocumentCounts) => {
    const id = `${day}\u0000${org}\u0000${type}`;
    let row = days.get(id);
    if (!row) {
      row = { day, org, type, issued: 0, received: 0 };
      days.set(id, row);
    }
    row[key] += 1;
  };

  const organisations = scope.organisations.map((ref) => {
    const counts: DocumentCounts = { issued: 0, received: 0 };
    for (const doc of source.issuedBy(ref.org)) {
      if (!within(doc.issuedAt, range)) continue;
      counts.issued += 1;
      count(vietnamDay(doc.issuedAt), ref.org, doc.type, 'issued');
    }
    for (const copy of source.receivedBy(ref.org)) {
      if (!within(copy.arrivedAt, range)) continue;
      // Issued before it was distributed, on the same partition: unknown only if its issue was never published.
      const type = source.typeOf(copy.documentId);
      if (type === undefined) continue;
      counts.received += 1;
      count(vietnamDay(copy.arrivedAt), ref.org, type, 'received');
    }
    totals.issued += counts.issued;
    totals.received += counts.received;
    return { ...ref, ...counts };
  });

  const order = new Map(scope.organisations.map((ref, i) => [ref.org, i]));
  const rows = [...days.values()].sort((a, b) => a.day.localeCompare(b.day) || order.get(a.org)! - order.get(b.org)! || a.type.localeCompare(b.type));
  return { org: scope.org, from: period.from, to: period.to, organisations, days: rows, totals, projectedUpTo };
}

function processingCounts(seconds: number[]): ProcessingCounts {
  seconds.sort((a, b) => a - b);
  const p50 = nearestRank(seconds, 0.5);
  const p90 = nearestRank(seconds, 0.9);
  return { completed: seconds.length, ...(p50 !== undefined && { p50Seconds: p50 }), ...(p90 !== undefined && { p90Seconds: p90 }) };
}

/**
 * How long copies took from arrival to done: the copies completed in the period (by their
 * completion date), p50 and p90 per organisation and over the whole scope, in whole seconds.
 */
export function processingFigures(source: FiguresSource, scope: FiguresScope, period: DayPeriod, projectedUpTo: string): ProcessingFigures {
  const range = bounds(period);
  const all: number[] = [];
  const organisations = scope.organisations.map((ref) => {
    const seconds: number[] = [];
    for (const copy of source.receivedBy(ref.org)) {
      if (copy.status !== 'done' || !within(copy.doneAt, range) || Number.isNaN(copy.arrivedAt)) continue;
      seconds.push(Math.max(0, Math.round((copy.doneAt - copy.arrivedAt) / 1000)));
    }
    all.push(...seconds);
    return { ...ref, ...processingCounts(seconds) };
  });
  return { org: scope.org, from: period.from, to: period.to, organisations, totals: processingCounts(all), projectedUpTo };
}

/**
 * Copies not done (neither done, refused nor recalled) whose deadline has passed as of `asOf`
 * (`past`), or falls from `asOf` to the end of the `withinDays`th Vietnam day after `asOf`'s
 * (`near`: 0 is today, 2 is by the end of the day after tomorrow). Copies not yet assigned have
 * no deadline and are in neither.
 */
export function deadlineFigures(source: FiguresSource, scope: FiguresScope, asOf: number, withinDays: number, projectedUpTo: string): DeadlineFigures {
  const horizon = vietnamDayStart(addDays(vietnamDay(asOf), withinDays + 1));
  const totals = { near: 0, past: 0 };
  const organisations = scope.organisations.map((ref) => {
    const counts = { near: 0, past: 0 };
    for (const copy of source.receivedBy(ref.org)) {
      if (isFinalRecipientStatus(copy.status) || Number.isNaN(copy.deadline)) continue;
      if (copy.deadline < asOf) counts.past += 1;
      else if (copy.deadline < horizon) counts.near += 1;
    }
    totals.near += counts.near;
    totals.past += counts.past;
    return { ...ref, ...counts };
  });
  return { org: scope.org, asOf: new Date(asOf).toISOString(), withinDays, organisations, totals, projectedUpTo };
}
