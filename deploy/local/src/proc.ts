import { spawn, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The pid recorded in the file if that process still runs; a stale file is removed. */
export function livePid(pidFile: string): number | undefined {
  const pid = readPid(pidFile);
  if (pid !== undefined && isAlive(pid)) return pid;
  rmSync(pidFile, { force: true });
  return undefined;
}

export interface DetachedOptions {
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Starts a server in its own process group, writing its output to a log file, so it outlives
 * the command that started it and a Ctrl-C in the terminal does not reach it directly.
 */
export function spawnDetached(options: DetachedOptions): number {
  mkdirSync(dirname(options.logFile), { recursive: true });
  mkdirSync(dirname(options.pidFile), { recursive: true });
  const out = openSync(options.logFile, 'a');
  const spawnOptions: SpawnOptions = {
    detached: true,
    stdio: ['ignore', out, out],
    env: options.env ?? process.env,
    ...(options.cwd && { cwd: options.cwd }),
  };
  const child = spawn(options.command, options.args, spawnOptions);
  closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${options.command}`);
  child.unref();
  writeFileSync(options.pidFile, `${child.pid}\n`);
  return child.pid;
}

/** SIGTERM to the process group, then SIGKILL if it has not exited within the grace period. */
export async function stopPid(pid: number, graceMs = 15_000): Promise<'stopped' | 'killed'> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(100);
  }
  signal('SIGKILL');
  return 'killed';
}

export function portOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until `probe` resolves truthy; the last error explains a timeout. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  options: { timeoutMs: number; intervalMs?: number; alive?: () => boolean },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (options.alive && !options.alive()) throw new Error(`${what}: the process exited`);
    try {
      const result = await probe();
      if (result) return result;
    } catch (error) {
      lastError = error;
    }
    await sleep(options.intervalMs ?? 250);
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new Error(`${what} was not ready within ${Math.round(options.timeoutMs / 1000)} s${reason}`);
}

/** The last lines of a log, to show next to a failure. */
export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '(no log file)';
  const text = readFileSync(file, 'utf8');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
