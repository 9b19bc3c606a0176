import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_PORT } from '@vanthu/shared';
import type { StackPaths } from './paths';
import { REPO_ROOT } from './paths';
import { isAlive, livePid, stopPid, tail, waitFor } from './proc';
import { runCommand } from './run-command';

/** The web console (apps/console): its server, built by `tsc -b`, and its web bundle, built by vite. */
const CONSOLE_DIR = join(REPO_ROOT, 'apps', 'console');
const WEB_SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.mts', 'package.json'].map((p) => join(CONSOLE_DIR, p));
const WEB_BUILT = join(CONSOLE_DIR, 'dist', 'web', 'index.html');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds the web bundle when a source is newer than the last build (a few seconds), else does nothing. */
export async function buildConsoleWeb(logFile: string): Promise<'built' | 'up to date'> {
  const built = existsSync(WEB_BUILT) ? statSync(WEB_BUILT).mtimeMs : 0;
  if (Math.max(...WEB_SOURCES.filter(existsSync).map(newestChange)) <= built) return 'up to date';
  await runCommand(join(REPO_ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', join(CONSOLE_DIR, 'web', 'vite.config.mts')], { cwd: CONSOLE_DIR, logFile });
  return 'built';
}

export interface ConsoleOptions {
  paths: StackPaths;
  env: Record<string, string>;
  /** Added to the console's port and to every service port it passes calls to, as for the services. */
  portOffset?: number;
  label?: string;
  onLogLine?: (line: string) => void;
}

export interface RunningConsole {
  port: number;
  logFile: string;
  stop: () => Promise<void>;
}

/** Starts the console server in its own process group and waits until it is ready. */
export async function startConsole(options: ConsoleOptions, timeoutMs = 30_000): Promise<RunningConsole> {
  const suffix = options.label ? `-${options.label}` : '';
  const logFile = join(options.paths.logs, `console${suffix}.log`);
  const pidFile = join(options.paths.run, `console${suffix}.pid`);
  const port = CONSOLE_PORT + (options.portOffset ?? 0);
  // One left by a supervisor that was killed outright holds the port.
  const leftover = livePid(pidFile);
  if (leftover !== undefined) await stopPid(leftover, 10_000);
  mkdirSync(options.paths.logs, { recursive: true });
  mkdirSync(options.paths.run, { recursive: true });
  const log = createWriteStream(logFile, { flags: 'w' });
  const child = spawn(process.execPath, [join(CONSOLE_DIR, 'dist', 'server', 'main.js')], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, PORT: String(port), CONSOLE_SERVICE_PORT_OFFSET: String(options.portOffset ?? 0) },
  });
  const forward = (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString().split('\n')) {
      const level = /"level":"(warn|error|fatal)"/.exec(line)?.[1];
      if (level && options.onLogLine) options.onLogLine(`${level.toUpperCase()} ${/"msg":"([^"]*)"/.exec(line)?.[1] ?? line}`);
    }
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  writeFileSync(pidFile, `${child.pid}\n`);
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      rmSync(pidFile, { force: true });
      log.end();
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) await stopPid(child.pid, 20_000);
    await exited;
  };
  try {
    await waitFor(
      'console',
      async () => (await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(4_000) })).ok,
      { timeoutMs, intervalMs: 200, alive: () => child.exitCode === null && child.pid !== undefined && isAlive(child.pid) },
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- last lines of ${logFile} ---\n${tail(logFile)}`);
  }
  return { port, logFile, stop };
}
