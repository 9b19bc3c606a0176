import { z } from 'zod';
import { loadConfig } from '@vanthu/shared';

/**
 * How often the supervisor replaces a signing process that died on its own. A crash on one hostile
 * request should cost that process only; a process that keeps dying (bad configuration, a lost
 * database) should stop the service so that its own supervisor sees the failure.
 */
export const restartEnvSchema = z.object({
  /** Replacements allowed within the window; one more stops the service. 0: any death stops it. */
  SIGNING_MAX_RESTARTS: z.coerce.number().int().min(0).max(1000).default(5),
  SIGNING_RESTART_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
});

export type RestartPolicy = z.infer<typeof restartEnvSchema>;

export const loadRestartPolicy = (env: NodeJS.ProcessEnv = process.env): RestartPolicy => loadConfig(restartEnvSchema, env);

/** Remembers recent restarts and says whether one more fits the policy. */
export class RestartBudget {
  private readonly times: number[] = [];

  constructor(
    private readonly policy: RestartPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  tryTake(): boolean {
    const at = this.now();
    while (this.times.length > 0 && at - this.times[0]! > this.policy.SIGNING_RESTART_WINDOW_MS) this.times.shift();
    if (this.times.length >= this.policy.SIGNING_MAX_RESTARTS) return false;
    this.times.push(at);
    return true;
  }
}
