import type { SubtaskSummary, TaskStatus } from '@vanthu/shared';
import { periodsProgress, weightedProgress } from '../../src/tracking/rollup';

const sub = (taskId: string, weight: number, status: TaskStatus, progress: number): SubtaskSummary => ({ taskId, leadOrg: 'BS-TL-VP', status, progress, weight });

describe('the roll-up of a task\'s progress', () => {
  it('is the weighted mean of its sub-tasks, a done one counting 100 and a cancelled one not at all', () => {
    expect(weightedProgress([sub('a', 30, 'in_progress', 60), sub('b', 70, 'in_progress', 50)])).toBe(53);
    expect(weightedProgress([sub('a', 30, 'done', 20), sub('b', 70, 'in_progress', 50)])).toBe(65);
    expect(weightedProgress([sub('a', 30, 'in_progress', 60), sub('b', 70, 'cancelled', 0)])).toBe(60);
    expect(weightedProgress([sub('a', 1, 'assigned', 0), sub('b', 2, 'submitted', 100)])).toBe(67);
  });

  it('has nothing to say when every sub-task was cancelled', () => {
    expect(weightedProgress([sub('a', 10, 'cancelled', 40)])).toBeUndefined();
    expect(weightedProgress([])).toBeUndefined();
  });

  it('counts a recurring task by the share of its periods done, cancelled periods aside', () => {
    const periods = [sub('p1', 1, 'done', 100), sub('p2', 1, 'in_progress', 80), sub('p3', 1, 'cancelled', 0)];
    expect(periodsProgress(periods, 12)).toBe(9);
    expect(periodsProgress(periods.slice(0, 1), 3)).toBe(33);
    expect(periodsProgress([sub('p1', 1, 'cancelled', 0)], 1)).toBe(0);
  });
});
