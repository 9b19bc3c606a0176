import type { Figure } from '../bench/stats';
import type { FaultRecord } from './fault-schedule';
import type { Count } from './tally';

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Rows as aligned text columns, numbers to the right: readable in a terminal, a test log and docs alike. */
export function textTable(rows: Array<Record<string, string | number>>): string {
  if (rows.length === 0) return '(none)';
  const columns = Object.keys(rows[0]!);
  const cell = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: Array<string | number | undefined>) =>
    values.map((v, i) => (typeof v === 'number' ? cell(v).padStart(widths[i]!) : cell(v).padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

/** The counts that are not 0 but must be. */
export const defects = (counts: Count[]) => counts.filter((c) => c.mustBeZero && c.value !== 0);

/**
 * The faults as they happened, then the verdict as a table and as one JSON figure per line (as
 * every benchmark here prints them; a must-be-zero count has baseline 0), then one closing line.
 */
export function printChaosReport(faults: FaultRecord[], counts: Count[], print: (line: string) => void = console.log): void {
  print('\nFaults, in turn:');
  print(textTable(faults.map((f) => ({ fault: f.kind, 'at s': Math.round(f.at), 'back in s': f.recoveredInS === undefined ? '' : Math.round(f.recoveredInS * 10) / 10, what: f.error ? `FAILED: ${f.error}` : f.target }))));
  print('\nWhat the services recorded, Kafka carried and Temporal ran, after the system settled:');
  print(textTable(counts.map((c) => ({ figure: c.name, value: round(c.value), unit: c.unit, target: c.mustBeZero ? 0 : '', verdict: c.mustBeZero ? (c.value === 0 ? 'ok' : 'DEFECT') : '' }))));
  for (const c of defects(counts)) print(`  ${c.name}: ${(c.examples ?? []).join('; ')}`);
  for (const c of counts) {
    const figure: Figure = { name: c.name, value: round(c.value), unit: c.unit, ...(c.mustBeZero && { baseline: 0 }) };
    print(JSON.stringify(figure));
  }
  const found = defects(counts);
  print(found.length === 0 ? '\nchaos: 0 lost, 0 stuck, 0 duplicated — every check at 0' : `\nchaos: ${found.length} checks not at 0: ${found.map((c) => `${c.name}=${c.value}`).join(', ')}`);
}
