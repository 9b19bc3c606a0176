import { createLogger, retryStartupStep } from '../../src';

describe('a start step retried until its deadline', () => {
  const logger = createLogger({ test: 'startup-retry' }, 'silent');

  /** A clock that only moves when the step pauses, so the schedule is exact. */
  const clock = () => {
    let t = 0;
    const pauses: number[] = [];
    return {
      pauses,
      now: () => t,
      pause: async (ms: number) => {
        pauses.push(ms);
        t += ms;
      },
    };
  };

  it('succeeds on a later attempt, pausing longer each time up to the cap', async () => {
    const c = clock();
    let calls = 0;
    const result = await retryStartupStep(
      'connecting',
      async () => {
        calls += 1;
        if (calls < 6) throw new Error(`down ${calls}`);
        return 'connected';
      },
      { logger, deadlineMs: 60_000, firstDelayMs: 500, maxDelayMs: 5_000, now: c.now, pause: c.pause },
    );
    expect(result).toBe('connected');
    expect(c.pauses).toEqual([500, 1_000, 2_000, 4_000, 5_000]);
  });

  it('gives up at the deadline with the step and the last error, its last pause cut to what was left', async () => {
    const c = clock();
    let calls = 0;
    const failing = retryStartupStep(
      'connecting to mongodb',
      async () => {
        calls += 1;
        throw new Error(`server selection timed out (${calls})`);
      },
      { logger, deadlineMs: 10_000, firstDelayMs: 1_000, maxDelayMs: 5_000, now: c.now, pause: c.pause },
    );
    await expect(failing).rejects.toThrow('start: connecting to mongodb failed 5 time(s) within 10 s: server selection timed out (5)');
    expect(c.pauses).toEqual([1_000, 2_000, 4_000, 3_000]);
  });

  it('tries once when it has no time to retry', async () => {
    const c = clock();
    await expect(retryStartupStep('connecting', () => Promise.reject(new Error('refused')), { logger, deadlineMs: 0, now: c.now, pause: c.pause })).rejects.toThrow(
      'failed 1 time(s) within 0 s: refused',
    );
    expect(c.pauses).toEqual([]);
  });
});
