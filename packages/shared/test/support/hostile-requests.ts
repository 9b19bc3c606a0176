import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { baseEnvSchema, connectMongo, createLogger, DEVELOPMENT_JWT_SECRET, issueToken, loadConfig, type Principal } from '@vanthu/shared';

/**
 * A service as it runs in production (`node dist/main.js api`, one process), and the probes the
 * hostile-input tests need around it: a liveness poller that records the worst answer time of
 * `/health/live` while a request is in flight, and the request headers a caller sends.
 */
export interface StartedService {
  url: string;
  database: string;
  output(): string;
  /** Stops the process, then drops the database it was given. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startService(main: string, env: Record<string, string>, readyWithinMs = 90_000): Promise<StartedService> {
  const port = await freePort();
  const database = `vanthu_it_hostile_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const child: ChildProcess = spawn(process.execPath, [main, 'api'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), MONGO_DATABASE: database, LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    const ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${main} did not become ready:\n${output}`);
    }
    await sleep(200);
  }
  return {
    url,
    database,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      const connection = await connectMongo({ url: loadConfig(baseEnvSchema, process.env).MONGO_URL, database, logger: createLogger({}, 'silent') });
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

/** Polls `/health/live` back to back (each probe waits at most 5 s) until stopped; gives the worst answer time. */
export function pollLiveness(url: string): { stop(): Promise<{ worstMs: number; probes: number; failures: number }> } {
  let running = true;
  let worstMs = 0;
  let probes = 0;
  let failures = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const ok = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(5_000) }).then(
        async (r) => {
          await r.arrayBuffer();
          return r.ok;
        },
        () => false,
      );
      worstMs = Math.max(worstMs, performance.now() - started);
      probes += 1;
      if (!ok) failures += 1;
      await sleep(10);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { worstMs, probes, failures };
    },
  };
}

/** What a request costs the service, and how its liveness fared meanwhile. */
export async function timedWhileProbing(url: string, request: () => Promise<Response>): Promise<{ status: number; body: Record<string, unknown>; elapsedMs: number; worstLiveMs: number; liveFailures: number }> {
  const probe = pollLiveness(url);
  // Let the first probe settle on an idle server, so the worst time is measured against the request.
  await sleep(30);
  const started = performance.now();
  const response = await request();
  const text = await response.text();
  const elapsedMs = performance.now() - started;
  const { worstMs, failures } = await probe.stop();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text: text.slice(0, 200) };
  }
  return { status: response.status, body, elapsedMs, worstLiveMs: worstMs, liveFailures: failures };
}

/** The principals the tests act as (demo data, seeded by each service). */
export const SECRETARY: Principal = { userId: 'bs-secretary', orgCode: 'BS-TU', role: 'leader' };
export const SPECIALIST: Principal = { userId: 'bs-specialist', orgCode: 'BS-TU', role: 'specialist' };

/**
 * The one place requests get their credentials: a bearer token for `who`, signed with the secret
 * the spawned service uses (JWT_SECRET, else the development one). Adapt here when the services'
 * authentication changes.
 */
export function authorisedHeaders(who: Principal, extra: Record<string, string> = {}): Headers {
  const secret = process.env.JWT_SECRET || DEVELOPMENT_JWT_SECRET;
  return new Headers({ authorization: `Bearer ${issueToken(secret, who, 600)}`, ...extra });
}
