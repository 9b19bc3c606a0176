import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * A machine saturated for real, for tests of work budgeted in CPU time (`BudgetedWorkers`):
 * busy-looping processes, five per core by default (load ~11 on 2 vCPUs, as seen in production
 * when honest files were refused as too complex). Figures measured under it are printed, never
 * asserted: load is no place for timed checks.
 */
export const DEFAULT_SPINNERS = 5 * availableParallelism();

/** Each spinner stops itself after this long even if the test dies without cleaning up. */
const SPIN_FOR_MS = 240_000;

export interface BusyMachine {
  spinners: number;
  stop(): Promise<void>;
}

export function saturate(spinners = DEFAULT_SPINNERS, spinForMs = SPIN_FOR_MS): BusyMachine {
  const children: ChildProcess[] = Array.from({ length: spinners }, () =>
    spawn(process.execPath, ['-e', `const end = Date.now() + ${spinForMs}; while (Date.now() < end);`], { stdio: 'ignore' }),
  );
  return {
    spinners,
    stop: async () => {
      const exits = children.filter((c) => c.exitCode === null).map((c) => new Promise((resolve) => c.once('exit', resolve)));
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await Promise.all(exits);
    },
  };
}

/** Runnable threads right now, machine-wide (`procs_running`): the instant load, where loadavg lags. */
export const runQueue = (): number => Number(/procs_running (\d+)/.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? Number.NaN);
