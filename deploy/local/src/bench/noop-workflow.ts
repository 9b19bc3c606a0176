// The benchmark's baseline, bundled by its own worker: a workflow that runs `count` activities
// which do nothing, one after another — the orchestration cost alone, on the same stack.
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '30 seconds' });

export async function noopChain(count: number): Promise<number> {
  for (let i = 0; i < count; i++) await noop();
  return count;
}
