import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { baseEnvSchema, connectMongo, createLogger, loadConfig } from '@vanthu/shared';
import { uniqueName } from '../support/signing-fixture';

/**
 * The signing service as it is deployed: `node dist/main.js api` forks one signing process per
 * core (node:cluster) and supervises them. Checked here: the copies start and serve the shared
 * port; a SIGTERM to the supervisor alone (Docker) or to the whole process group (`npm start`)
 * stops them all cleanly; a copy that dies is replaced alone while the other keeps serving, and one
 * that dies more often than SIGNING_MAX_RESTARTS allows takes the service down so its supervisor notices.
 */
const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

const databases: string[] = [];

async function startApi(env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const database = uniqueName('vanthu_it_signing_cluster');
  databases.push(database);
  // Its own process group, as `npm start` starts services.
  const child = spawn(process.execPath, [MAIN, 'api'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), MONGO_DATABASE: database, SIGNING_PROCESSES: '2', SIGNING_DEMO_PKI: 'off', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '5000', ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 45_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the signing api did not become ready:\n${output}`);
    await sleep(200);
  }
  return { child, port, output: () => output, exited };
}

/** Children of `pid`, as ps lists them. */
function childrenOf(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  return out.split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function bothReady(started: Started): Promise<void> {
  // Both copies listen before the supervisor hands them connections; each fresh connection goes to the next.
  const deadline = Date.now() + 30_000;
  while (started.output().split('signing api ready').length - 1 < 2) {
    if (Date.now() > deadline) throw new Error(`both copies did not report ready:\n${started.output()}`);
    await sleep(100);
  }
  for (let i = 0; i < 6; i += 1) {
    const res = await fetch(`http://127.0.0.1:${started.port}/health/live`, { headers: { connection: 'close' } });
    expect(res.status).toBe(200);
  }
}

describe('one signing process per core', () => {
  afterAll(async () => {
    const connection = await connectMongo({ url: loadConfig(baseEnvSchema, process.env).MONGO_URL, database: 'admin', logger: createLogger({}, 'silent') });
    for (const database of databases) await connection.getClient().db(database).dropDatabase();
    await connection.close();
  });

  it('forks SIGNING_PROCESSES copies that share the port, and stops them all on a SIGTERM to the supervisor alone', async () => {
    const started = await startApi();
    const copies = childrenOf(started.child.pid!);
    expect(copies).toHaveLength(2);
    await bothReady(started);

    // What Docker does: the signal reaches PID 1 only.
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    copies.forEach((pid) => expect(alive(pid)).toBe(false));
    expect(started.output()).not.toMatch(/second SIGTERM|killed by timeout/);
  });

  it('finishes cleanly when the whole process group is signalled (each copy gets the signal once)', async () => {
    const started = await startApi();
    const copies = childrenOf(started.child.pid!);
    await bothReady(started);

    process.kill(-started.child.pid!, 'SIGTERM');
    expect(await started.exited).toBe(0);
    copies.forEach((pid) => expect(alive(pid)).toBe(false));
    expect(started.output()).not.toMatch(/second SIGTERM|killed by timeout/);
  });

  it('replaces a copy that dies on its own, alone, while the other keeps serving', async () => {
    const started = await startApi();
    await bothReady(started);
    const [victim, other] = childrenOf(started.child.pid!);
    const worst = { ms: 0, failures: 0 };
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const at = performance.now();
        const ok = await fetch(`http://127.0.0.1:${started.port}/health/live`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
        worst.ms = Math.max(worst.ms, performance.now() - at);
        if (!ok) worst.failures += 1;
        await sleep(20);
      }
    })();
    process.kill(victim!, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    let copies = childrenOf(started.child.pid!);
    while (!(copies.length === 2 && !copies.includes(victim!)) || started.output().split('signing api ready').length - 1 < 3) {
      if (Date.now() > deadline) throw new Error(`no replacement started:\n${started.output()}`);
      await sleep(100);
      copies = childrenOf(started.child.pid!);
    }
    polling = false;
    await poll;
    expect(alive(other!)).toBe(true);
    expect(copies).toContain(other);
    expect(started.child.exitCode).toBeNull();
    expect(started.output()).toContain('started a replacement');
    // The survivor answered throughout: connections the dead copy held are the only ones lost.
    expect(worst.failures).toBeLessThanOrEqual(1);

    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });

  it('stops the service, with a failure code, when copies die more often than SIGNING_MAX_RESTARTS allows', async () => {
    const started = await startApi({ SIGNING_MAX_RESTARTS: '0' });
    const [victim, other] = childrenOf(started.child.pid!);
    process.kill(victim!, 'SIGKILL');
    expect(await started.exited).not.toBe(0);
    expect(alive(other!)).toBe(false);
    expect(started.output()).toContain('too often to replace');
  });
});
