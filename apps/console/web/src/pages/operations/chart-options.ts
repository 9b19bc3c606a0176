import type { ChartOption } from './figure-chart';

/**
 * Colours of the figures, the same in every chart and each legend: dark enough to read on white
 * (WCAG's 3:1 for graphics), and told apart by more than hue where it matters (late and overdue
 * are the darker of their pairs).
 */
export const FIGURE_COLOURS = {
  issued: '#1864ab',
  received: '#2b8a3e',
  p50: '#4263eb',
  p90: '#1c2a8c',
  near: '#c25e00',
  past: '#c92a2a',
  doneOnTime: '#2b8a3e',
  doneLate: '#8f5d00',
  openWithinDeadline: '#1971c2',
  overdue: '#c92a2a',
  requests: '#1864ab',
} as const;

export interface BarSeries {
  name: string;
  data: number[];
  colour: string;
  /** Bars of one stack sit on each other (parts of one whole); others stand side by side. */
  stack?: string;
}

/**
 * Bars per category (a day, a process, an organisation), with a legend and a tooltip. Named
 * categories (organisations) lie across, one row each, their names in full on the left, the first
 * on top; days and processes stand up, their labels slanted.
 */
export function barOption({
  categories,
  series,
  valueFormat,
  across = false,
  counts = true,
}: {
  categories: string[];
  series: BarSeries[];
  valueFormat?: (value: number) => string;
  across?: boolean;
  /** Whole numbers (the axis never ticks at 0.5); false for durations, rates. */
  counts?: boolean;
}): ChartOption {
  const categoryAxis = across
    ? { type: 'category' as const, data: categories, inverse: true, axisLabel: { color: '#343a40', width: 170, overflow: 'truncate' as const } }
    : { type: 'category' as const, data: categories, axisLabel: { color: '#343a40', rotate: 45, hideOverlap: true } };
  const valueAxis = { type: 'value' as const, ...(counts && { minInterval: 1 }), axisLabel: { color: '#343a40', hideOverlap: true, ...(valueFormat && { formatter: (value: number) => valueFormat(value) }) } };
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: '#212529' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, ...(valueFormat && { valueFormatter: (value) => valueFormat(Number(value)) }) },
    xAxis: across ? valueAxis : categoryAxis,
    yAxis: across ? categoryAxis : valueAxis,
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: { color: s.colour }, barMaxWidth: 28, ...(s.stack && { stack: s.stack }), cursor: 'pointer' })),
  };
}

/** A chart's height for `rows` organisations lying across: room for each, the legend above. */
export const acrossHeight = (rows: number, seriesPerRow = 1) => 70 + rows * Math.max(30, 18 * seriesPerRow);

/** Every day from `from` to `to` (YYYY-MM-DD, both included): a chart's days, those without a figure too. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`), i = 0; at <= end && i < 400; at += 86_400_000, i += 1) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}
