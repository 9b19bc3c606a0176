/*
 * Reading the Prometheus text format, with parse-prometheus-text-format (the parser most used for
 * it in Node; the format itself has not changed since 2014). It merges the labelled series of a
 * histogram or summary into one, so those are left out here: what is read from a scrape is
 * counters and gauges, which it parses faithfully, escapes and NaN included.
 */

interface RawFamily {
  name: string;
  type: string;
  metrics: Array<{ value?: string; labels?: Record<string, string> }>;
}

// The package ships no types; it is one function of text to families.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse = require('parse-prometheus-text-format') as (text: string) => RawFamily[];

export interface Series {
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: 'counter' | 'gauge' | 'untyped';
  series: Series[];
}

export type MetricFamilies = ReadonlyMap<string, MetricFamily>;

const READ_TYPES = new Set(['COUNTER', 'GAUGE', 'UNTYPED']);

function valueOf(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** The counter, gauge and untyped families of a scrape, by name. Throws on text that is not the format. */
export function parsePrometheusText(text: string): MetricFamilies {
  const families = new Map<string, MetricFamily>();
  for (const raw of parse(text)) {
    if (!READ_TYPES.has(raw.type)) continue;
    families.set(raw.name, {
      name: raw.name,
      type: raw.type.toLowerCase() as MetricFamily['type'],
      series: raw.metrics.filter((m) => m.value !== undefined).map((m) => ({ labels: m.labels ?? {}, value: valueOf(m.value!) })),
    });
  }
  return families;
}

/** The series of a family that match, or none when the family is absent. */
export function seriesOf(families: MetricFamilies, name: string, where: (labels: Record<string, string>) => boolean = () => true): Series[] {
  return (families.get(name)?.series ?? []).filter((s) => where(s.labels));
}

/** The sum of a family's matching series; undefined when the family is absent (unknown, not zero). */
export function sumOf(families: MetricFamilies, name: string, where?: (labels: Record<string, string>) => boolean): number | undefined {
  if (!families.has(name)) return undefined;
  return seriesOf(families, name, where).reduce((sum, s) => sum + s.value, 0);
}
