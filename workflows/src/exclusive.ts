import { condition } from '@temporalio/workflow';

/**
 * Runs one state change at a time. Update handlers and signals interleave at every await; a
 * change that awaits activities must not overlap another, or two writers would touch one
 * document's records at once.
 */
export function createExclusive() {
  let busy = false;
  return async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // Taken at once when free, so the first caller in workflow order runs first.
    while (busy) await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  };
}
