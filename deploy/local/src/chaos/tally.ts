/** One line of the chaos run's verdict. */
export interface Count {
  name: string;
  value: number;
  unit: string;
  /** A defect when not 0: lost, stuck or duplicated work. The others describe the run. */
  mustBeZero: boolean;
  /** A few of the offenders, to start looking from. */
  examples?: string[];
}

export const info = (name: string, value: number, unit: string, examples: string[] = []): Count => ({ name, value, unit, mustBeZero: false, ...(examples.length > 0 && { examples }) });

/** A must-be-zero count of offenders, each named once. */
export const offenders = (name: string, unit: string, found: Iterable<string>): Count => {
  const list = [...found];
  return { name, value: list.length, unit, mustBeZero: true, ...(list.length > 0 && { examples: list.slice(0, 5) }) };
};

/** A must-be-zero count of things beyond the first, per key: `a a b` has one extra. */
export function extras(name: string, unit: string, keys: Iterable<string>): Count {
  const seen = countBy(keys, (k) => k);
  const over = [...seen].filter(([, n]) => n > 1);
  return {
    name,
    value: over.reduce((sum, [, n]) => sum + n - 1, 0),
    unit,
    mustBeZero: true,
    ...(over.length > 0 && { examples: over.slice(0, 5).map(([k, n]) => `${k} ×${n}`) }),
  };
}

export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Numbers missing from 1..max (or from..max). */
export function gaps(numbers: number[], from = 1): number[] {
  const have = new Set(numbers);
  const max = Math.max(from - 1, ...numbers);
  const missing: number[] = [];
  for (let n = from; n <= max; n++) if (!have.has(n)) missing.push(n);
  return missing;
}

/** An event's aggregate and seq, from its id `<aggregate>:<seq>` (documents, copies `<doc>@<org>`, tasks alike). */
export function aggregateOf(eventId: string): { aggregate: string; seq: number } {
  const at = eventId.lastIndexOf(':');
  return { aggregate: eventId.slice(0, at), seq: Number(eventId.slice(at + 1)) };
}
