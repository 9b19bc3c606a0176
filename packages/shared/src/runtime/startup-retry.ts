import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger';

export interface StartupRetryOptions {
  logger: Logger;
  /** Past this since the first attempt, the last error is thrown and the process exits for its supervisor. */
  deadlineMs: number;
  /** The first pause; each next one doubles, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
  pause?: (ms: number) => Promise<unknown>;
}

/**
 * Runs one step of a process's start (connecting to a server, preparing the database) until it
 * succeeds or its deadline (STARTUP_TIMEOUT_MS, per step) passes. A process restarted while its servers are slow or
 * briefly away (a database restart, a busy machine) then comes up on its own a moment later,
 * instead of exiting into its supervisor's growing restart back-off; one whose servers stay away
 * still exits, naming the step and the last error. Readiness is false throughout: nothing is served.
 */
export async function retryStartupStep<T>(what: string, attempt: () => Promise<T>, options: StartupRetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const pause = options.pause ?? sleep;
  const deadline = now() + options.deadlineMs;
  let delay = options.firstDelayMs ?? 500;
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const wait = Math.min(delay, deadline - now());
      if (wait <= 0) {
        throw new Error(`start: ${what} failed ${tries} time(s) within ${Math.round(options.deadlineMs / 1000)} s: ${(error as Error).message}`, { cause: error });
      }
      options.logger.warn({ step: what, tries, retryInMs: wait, err: error }, `start: ${what} failed; retrying`);
      await pause(wait);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
    }
  }
}
