import type { SubtaskSummary } from '@vanthu/shared/contracts';

/*
 * A parent's progress from its children (docs/tracking.md, "Roll-up"). Integers, as the events
 * carry them.
 */

/** Σ wᵢ·pᵢ / Σ wᵢ over the sub-tasks not cancelled, a done one counting 100; undefined when none counts. */
export function weightedProgress(subtasks: readonly SubtaskSummary[]): number | undefined {
  const counted = subtasks.filter((s) => s.status !== 'cancelled');
  const weights = counted.reduce((sum, s) => sum + s.weight, 0);
  if (weights === 0) return undefined;
  const total = counted.reduce((sum, s) => sum + s.weight * (s.status === 'done' ? 100 : s.progress), 0);
  return Math.round(total / weights);
}

/** A recurring task: the share of its periods done, of those not cancelled. */
export function periodsProgress(periods: readonly SubtaskSummary[], scheduled: number): number {
  const cancelled = periods.filter((p) => p.status === 'cancelled').length;
  const counted = scheduled - cancelled;
  if (counted <= 0) return 0;
  return Math.round((100 * periods.filter((p) => p.status === 'done').length) / counted);
}
