import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiProblem } from '../scenario/http-client';

/** What the portals went through, for the report: each is a count of requests. */
export interface PortalStats {
  requests: number;
  /** Sent again with the same Idempotency-Key after a dropped connection, a timeout or a 5xx. */
  retries: number;
  /** Sent to the other replica after one did not answer. */
  failovers: number;
  /** Answered from the idempotency store (`Idempotent-Replayed`): the first attempt had gone through. */
  replayed: number;
  /** Found done by reading the document or task after a refusal (the first attempt had gone through). */
  confirmedByRead: number;
  /**
   * Sent again under a new Idempotency-Key: the first key stayed "in progress" past the pending
   * bound (its API process died holding it; intake keeps such a key 15 minutes).
   */
  rekeyed: number;
  /** Told to come back later (429, 503) and did. */
  throttled: number;
}

export const newPortalStats = (): PortalStats => ({ requests: 0, retries: 0, failovers: 0, replayed: 0, confirmedByRead: 0, rekeyed: 0, throttled: 0 });

export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly problem?: ApiProblem,
  ) {
    super(message);
  }
}

export interface ActOptions {
  /** Send an Idempotency-Key (default true). */
  keyed?: boolean;
  /** Has the action taken effect, whatever its answer said? As a user refreshing the page sees it. */
  done?: (key: string) => Promise<boolean>;
  /** A refusal that means "not yet" (e.g. tracking has not heard of the issue): wait and send again. */
  notYet?: (problem: ApiProblem) => boolean;
}

export interface PortalOptions {
  /** Every replica of the API, tried in turn. */
  urls: string[];
  token: string;
  stats: PortalStats;
  /** How long one request is retried. */
  budgetMs: number;
  /** How long a key may stay "in progress" before the portal gives up on it. */
  pendingBoundMs?: number;
  requestTimeoutMs?: number;
  /** The run's end: nothing more is sent, and waits stop. */
  signal?: AbortSignal;
}

const jitter = (ms: number) => ms * (0.5 + Math.random());
let nextReplica = 0;

/**
 * A portal's HTTP client in front of two replicas: requests are spread over them, a request that
 * gets no answer goes to the other one, and every change is sent again under its Idempotency-Key
 * until it is answered or its budget runs out — as a portal on an unreliable line does.
 */
export class Portal {
  constructor(private readonly options: PortalOptions) {}

  /** A read: retried on no answer, 5xx, 429 and 503. */
  async get<T>(path: string): Promise<T> {
    const { body } = await this.send<T>('GET', path, undefined, { keyed: false });
    return body as T;
  }

  /** A read that may answer 404 while the thing is not there yet. */
  async find<T>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (error) {
      if (error instanceof RequestFailed && error.problem?.status === 404) return undefined;
      throw error;
    }
  }

  /** A change; resolves with the answer, or with no body when a read confirmed it was done. */
  act<T>(method: string, path: string, body: unknown, options: ActOptions = {}): Promise<{ body?: T; key: string }> {
    return this.send<T>(method, path, body, { keyed: true, ...options });
  }

  private async send<T>(method: string, path: string, body: unknown, options: ActOptions): Promise<{ body?: T; key: string }> {
    const { stats, urls } = this.options;
    let deadline = Date.now() + this.options.budgetMs;
    let key = randomUUID();
    let keySince = Date.now();
    let replica = nextReplica++ % urls.length;
    let backoff = 250;
    let lastError = 'no attempt';
    const signal = this.options.signal;
    const done = async () => (options.done ? options.done(key).catch(() => false) : false);
    const wait = (ms: number) => sleep(ms, undefined, signal ? { signal } : {});
    const pause = async () => {
      await wait(jitter(backoff));
      backoff = Math.min(backoff * 2, 5_000);
    };
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      if (signal?.aborted) throw new RequestFailed(`${method} ${path}: the run ended`);
      if (attempt > 0) stats.retries += 1;
      stats.requests += 1;
      let res: Response;
      let text: string;
      // Its own controller, let go of after the request: one listener per request on the run's signal, not one per attempt ever made.
      const request = new AbortController();
      const timer = setTimeout(() => request.abort(new Error(`no answer within ${(this.options.requestTimeoutMs ?? 90_000) / 1000} s`)), this.options.requestTimeoutMs ?? 90_000);
      const onStop = () => request.abort(new Error('the run ended'));
      signal?.addEventListener('abort', onStop, { once: true });
      try {
        res = await fetch(`${urls[replica]}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${this.options.token}`,
            ...(body !== undefined && !(body instanceof FormData) && { 'Content-Type': 'application/json' }),
            ...(options.keyed !== false && { 'Idempotency-Key': key }),
          },
          ...(body !== undefined && { body: body instanceof FormData ? body : JSON.stringify(body) }),
          signal: request.signal,
        });
        text = await res.text();
      } catch (error) {
        // No (whole) answer: the process died, restarts, or is stuck behind a server that is down.
        lastError = `${(error as Error).name}: ${(error as Error).message}`;
        replica = (replica + 1) % urls.length;
        stats.failovers += 1;
        if (await done()) return this.confirmed(key);
        await pause();
        continue;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onStop);
      }
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = { detail: text.slice(0, 200) };
      }
      if (res.ok) {
        if (res.headers.get('idempotent-replayed') === 'true') stats.replayed += 1;
        return { body: parsed as T, key };
      }
      const problem: ApiProblem = { ...((parsed ?? {}) as ApiProblem), status: res.status };
      lastError = `${res.status} ${problem.reason ?? ''} ${problem.detail ?? ''}`.trim();
      if (res.status === 429 || res.status === 503) {
        stats.throttled += 1;
        const seconds = Number(res.headers.get('retry-after') ?? '1');
        const waited = jitter((Number.isFinite(seconds) ? Math.min(seconds, 30) : 1) * 1000);
        await wait(waited);
        // Admission's "come back later" is the back-pressure working, not a fault: the wait in line
        // does not use up the budget for riding out faults (the run's own time limit still bounds it).
        if (res.status === 429 && problem.reason === 'system-busy') deadline += waited;
        continue;
      }
      if (res.status >= 500) {
        replica = (replica + 1) % urls.length;
        if (await done()) return this.confirmed(key);
        await pause();
        continue;
      }
      if (problem.reason === 'request-in-progress') {
        if (await done()) return this.confirmed(key);
        if (Date.now() - keySince > (this.options.pendingBoundMs ?? 60_000)) {
          key = randomUUID();
          keySince = Date.now();
          stats.rekeyed += 1;
        }
        await wait(jitter(1_000));
        continue;
      }
      if (options.notYet?.(problem)) {
        await pause();
        continue;
      }
      if (await done()) return this.confirmed(key);
      throw new RequestFailed(`${method} ${path}: ${lastError}`, problem);
    }
    if (await done()) return this.confirmed(key);
    throw new RequestFailed(`${method} ${path}: no success within ${Math.round(this.options.budgetMs / 1000)} s (last: ${lastError})`);
  }

  private confirmed<T>(key: string): { body?: T; key: string } {
    this.options.stats.confirmedByRead += 1;
    return { key };
  }
}
