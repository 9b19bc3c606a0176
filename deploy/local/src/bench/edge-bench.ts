import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import autocannon from 'autocannon';
import type { Request, Response } from 'express';
import {
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  edgeGuard,
  issueToken,
  loadEdgeSettings,
  mountSecure,
  routeTableOf,
  type ServiceContext,
} from '@vanthu/shared';
import { intakeApiRouter } from '@vanthu/intake/dist/api/api-router';
import type { IntakeApplication } from '@vanthu/intake/dist/app/ports';
import type { IdempotencyStore } from '@vanthu/intake/dist/http/idempotency-store';
import { probeRouter } from '@vanthu/intake/dist/api/probe';
import { loadApiSettings } from '@vanthu/intake/dist/api/settings';
import { BENCH_NAMESPACE, startBenchSystem } from './bench-system';
import { cpuMeter } from './cpu-usage';
import { report, type Figure } from './stats';
import { stopServices } from '../services';

/*
 * What the trust boundary costs a request. Two measurements in one run: the intake API process
 * under load on a real route (requests/s, and its CPU per request, from /proc), and the edge
 * guard alone (in-flight cap, route lookup, token verification, policy, rate limit) on the same
 * route table, called in a loop. The guard's share of a request is the second over the first.
 */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const GUARD_CALLS = 50_000;
const clerk = { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' as const };

async function guardMicroseconds(path: string, token: string): Promise<number> {
  // The intake API's own route table, built as the process builds it (the handlers never run here).
  const app = express();
  const logger = createLogger({ bench: 'edge' }, 'silent');
  mountSecure(
    app,
    probeRouter({} as ServiceContext),
    intakeApiRouter({ intake: {} as IntakeApplication, settings: loadApiSettings(), logger, idempotencyStore: {} as IdempotencyStore }),
  );
  const table = routeTableOf(app);
  const handlers = edgeGuard({ ...loadEdgeSettings('intake', {}), ratePerSecond: 1e9, rateBurst: 1e9 }, () => table);
  const req = { method: 'GET', path, headers: { authorization: `Bearer ${token}` }, query: {}, ip: '127.0.0.1' } as unknown as Request;
  const run = () =>
    new Promise<void>((resolve, reject) => {
      // An emitter, so the in-flight cap sees each request finish as it would on a socket.
      const res = Object.assign(new EventEmitter(), { locals: {}, req, setHeader: () => res }) as unknown as Response;
      let i = 0;
      const next = (error?: unknown) => {
        if (error) return reject(error as Error);
        i += 1;
        if (i < handlers.length) void handlers[i]!(req, res, next);
        else {
          res.emit('finish');
          resolve();
        }
      };
      void handlers[0]!(req, res, next);
    });
  for (let i = 0; i < 2_000; i++) await run();
  const before = process.cpuUsage();
  for (let i = 0; i < GUARD_CALLS; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / GUARD_CALLS;
}

/**
 * The intake API of an earlier checkout (BENCH_BEFORE_DIR, built), beside this one on the same
 * stack, so "before" and "after" are measured in one run, on one machine state.
 */
async function startBefore(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(dir, 'services/intake/dist/main.js'), 'api'], {
    env: {
      ...process.env,
      PORT: String(port),
      MONGO_DATABASE: 'vanthu_intake_bench_edge_before',
      TEMPORAL_NAMESPACE: BENCH_NAMESPACE,
      LOG_LEVEL: 'warn',
      INTAKE_RATE_PER_SECOND: '10000',
      INTAKE_RATE_BURST: '100000',
      INTAKE_MAX_IN_FLIGHT: '1000',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false)) return child;
    await sleep(500);
  }
  child.kill();
  throw new Error(`the intake API of ${dir} did not become ready`);
}

async function load(url: string, headers: Record<string, string>, seconds: number, pid: number | undefined) {
  const meter = cpuMeter({ api: pid }, 'bench');
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load run on ${url} had ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodeStats)}) and ${result.errors} errors`);
  return { ok: result['2xx'], cpu: meter().api ?? NaN, p99: result.latency.p99 };
}

async function main(): Promise<void> {
  // The per-user rate limit would answer most of a load run with 429: the bench measures the work, not the limit.
  const running = await startBenchSystem({
    portOffset: 3000,
    label: 'bench-edge',
    databaseSuffix: '_bench_edge',
    env: { INTAKE_RATE_PER_SECOND: '10000', INTAKE_RATE_BURST: '100000', INTAKE_MAX_IN_FLIGHT: '1000' },
  });
  try {
    const api = running.find((r) => r.spec.service === 'intake' && r.spec.role === 'api')!;
    const url = `http://127.0.0.1:${api.spec.port}`;
    const token = issueToken(DEVELOPMENT_JWT_SECRET, clerk, 3600);
    const path = '/v1/organisations';
    const headers = { authorization: `Bearer ${token}` };
    const beforeDir = process.env.BENCH_BEFORE_DIR;
    const before = beforeDir ? await startBefore(beforeDir, api.spec.port + 50) : undefined;
    const beforeUrl = `http://127.0.0.1:${api.spec.port + 50}${path}`;
    try {
      // Warm each process (JIT, connection pools) before measuring; then alternate, so drift hits both alike.
      await load(`${url}${path}`, headers, 3, api.child.pid);
      if (before) await load(beforeUrl, headers, 3, before.pid);
      const rounds = before ? 4 : 1;
      const after = { ok: 0, cpu: 0, p99: 0 };
      const earlier = { ok: 0, cpu: 0, p99: 0 };
      for (let round = 0; round < rounds; round++) {
        const pair = [[after, `${url}${path}`, api.child.pid], ...(before ? [[earlier, beforeUrl, before.pid]] : [])] as Array<[typeof after, string, number]>;
        // Each goes first in turn: whatever the machine does meanwhile falls on both alike.
        for (const [into, target, pid] of round % 2 === 0 ? pair : [...pair].reverse()) {
          const r = await load(target, headers, DURATION_S / rounds, pid);
          into.ok += r.ok;
          into.cpu += r.cpu;
          into.p99 = Math.max(into.p99, r.p99);
        }
      }
      const requestUs = (after.cpu * 1e6) / after.ok;
      const guardUs = await guardMicroseconds(path, token);
      const lateGuardUs = await guardMicroseconds('/v1/registers/incoming', token);
      const figures: Figure[] = [
        {
          name: 'intake_requests_per_s_get_organisations',
          value: after.ok / DURATION_S,
          unit: 'requests/s',
          ...(before && { baseline: earlier.ok / DURATION_S, ratio: after.ok / earlier.ok }),
        },
        { name: 'intake_latency_p99_get_organisations', value: after.p99, unit: 'ms' },
        {
          name: 'intake_api_cpu_per_request',
          value: requestUs,
          unit: 'µs',
          ...(before && { baseline: (earlier.cpu * 1e6) / earlier.ok, ratio: requestUs / ((earlier.cpu * 1e6) / earlier.ok) }),
        },
        { name: 'edge_guard_cpu_per_request', value: guardUs, unit: 'µs', baseline: requestUs, ratio: guardUs / requestUs },
        { name: 'edge_guard_cpu_per_request_last_route', value: lateGuardUs, unit: 'µs', baseline: requestUs, ratio: lateGuardUs / requestUs },
      ];
      report(
        `Edge guard: its share of an intake request (GET ${path}, ${CONNECTIONS} connections, ${DURATION_S} s${before ? `; baseline of requests/s and CPU: ${beforeDir}` : ''})`,
        figures,
      );
    } finally {
      before?.kill('SIGTERM');
    }
  } finally {
    await stopServices(running);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
