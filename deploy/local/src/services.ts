import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES, SERVICE_ROLES, SERVICES, temporalMetricsPort, type ServiceName, type ServiceRole } from '@vanthu/shared';
import { REPO_ROOT, type StackPaths } from './paths';
import { isAlive, livePid, stopPid, tail, waitFor } from './proc';

export interface ServiceProcessSpec {
  service: ServiceName;
  role: ServiceRole;
  port: number;
  logFile: string;
  pidFile: string;
}

export interface ServicesOptions {
  paths: StackPaths;
  env: Record<string, string>;
  /** Added to every service port, so a test run can live beside a running `npm start`. */
  portOffset?: number;
  /** Suffix of log and pid file names, likewise. */
  label?: string;
  /** Appended to each service's database name, so tests never touch the data of `npm start`. */
  databaseSuffix?: string;
  /** Called with each warning or error a service logs, for the console. */
  onLogLine?: (name: string, line: string) => void;
}

const LEVEL_SHOWN = new Set(['warn', 'error', 'fatal']);

export function serviceSpecs(options: ServicesOptions): ServiceProcessSpec[] {
  const suffix = options.label ? `-${options.label}` : '';
  return SERVICE_NAMES.flatMap((service) =>
    SERVICE_ROLES.map((role) => {
      const name = `${service}-${role}${suffix}`;
      const base = role === 'api' ? SERVICES[service].apiPort : SERVICES[service].workerHealthPort;
      return {
        service,
        role,
        port: base + (options.portOffset ?? 0),
        logFile: join(options.paths.logs, `${name}.log`),
        pidFile: join(options.paths.run, `${name}.pid`),
      };
    }),
  );
}

export const processName = (spec: ServiceProcessSpec) => `${spec.service}-${spec.role}`;

function forwardWarnings(name: string, log: WriteStream, onLogLine?: (name: string, line: string) => void) {
  let partial = '';
  return (chunk: Buffer) => {
    log.write(chunk);
    if (!onLogLine) return;
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { level?: string; msg?: string; err?: { message?: string } };
        if (entry.level && LEVEL_SHOWN.has(entry.level)) {
          onLogLine(name, `${entry.level.toUpperCase()} ${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
        }
      } catch {
        if (line.trim()) onLogLine(name, line);
      }
    }
  };
}

export interface RunningService {
  spec: ServiceProcessSpec;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** One service process, started in its own process group (`startServices` starts them all; the chaos run restarts them one by one). */
export function spawnService(spec: ServiceProcessSpec, options: ServicesOptions): RunningService {
  mkdirSync(options.paths.logs, { recursive: true });
  mkdirSync(options.paths.run, { recursive: true });
  // A fresh log per start: a failure's tail must show this run, not an old one.
  const log = createWriteStream(spec.logFile, { flags: 'w' });
  // Its own process group: a Ctrl-C reaches the supervisor only, which then stops services in order.
  // VANTHU_NODE_ARGS: flags for the service processes only, e.g. `--cpu-prof --cpu-prof-dir=DIR`
  // to profile a benchmark (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = (process.env.VANTHU_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, 'services', spec.service, 'dist', 'main.js'), spec.role], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.env,
      PORT: String(spec.port),
      // Each worker's SDK exporter beside its own port, whatever the shell exported: one value for all would collide.
      ...(spec.role === 'worker' && { TEMPORAL_METRICS_PORT: String(temporalMetricsPort({ PORT: spec.port }, 0)) }),
      MONGO_DATABASE: `${SERVICES[spec.service].database}${options.databaseSuffix ?? ''}`,
    },
  });
  const forward = forwardWarnings(processName(spec), log, options.onLogLine);
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  writeFileSync(spec.pidFile, `${child.pid}\n`);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      rmSync(spec.pidFile, { force: true });
      log.end();
      resolve(code);
    }),
  );
  return { spec, child, exited };
}

async function ready(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(4_000) });
  return res.ok;
}

/** Waits until the process's readiness endpoint answers; a timeout or an exit names its log's last lines. */
export function awaitReady(r: RunningService, timeoutMs: number): Promise<boolean> {
  return waitFor(processName(r.spec), () => ready(r.spec.port), {
    timeoutMs,
    intervalMs: 300,
    alive: () => r.child.exitCode === null && r.child.pid !== undefined && isAlive(r.child.pid),
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n--- last lines of ${r.spec.logFile} ---\n${tail(r.spec.logFile)}`);
  });
}

/** Processes left by a supervisor that was killed outright: they are ours, and hold our ports. */
export async function stopLeftovers(specs: ServiceProcessSpec[]): Promise<number> {
  const pids = specs.map((s) => livePid(s.pidFile)).filter((p): p is number => p !== undefined);
  await Promise.all(pids.map((pid) => stopPid(pid, 10_000)));
  return pids.length;
}

/** Starts every service process and waits until each one's readiness endpoint answers. */
export async function startServices(options: ServicesOptions, timeoutMs = 120_000): Promise<RunningService[]> {
  const specs = serviceSpecs(options);
  await stopLeftovers(specs);
  const running = specs.map((spec) => spawnService(spec, options));
  try {
    await Promise.all(running.map((r) => awaitReady(r, timeoutMs)));
  } catch (error) {
    await stopServices(running);
    throw error;
  }
  return running;
}

/** SIGTERM to all at once (each drains on its own), SIGKILL to any still there after the grace period. */
export async function stopServices(running: RunningService[], graceMs = 20_000): Promise<void> {
  await Promise.all(
    running.map(async (r) => {
      if (r.child.exitCode !== null || r.child.pid === undefined) return;
      await stopPid(r.child.pid, graceMs);
      await r.exited;
    }),
  );
}
