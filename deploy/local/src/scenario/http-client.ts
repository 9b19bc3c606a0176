import { randomUUID } from 'node:crypto';

export interface ApiProblem {
  status: number;
  reason?: string;
  detail?: string;
  field?: string;
}

/** A thin client for our APIs as a portal uses them: bearer token, JSON, problem+json errors. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const init: RequestInit = {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        // A form or a file carries its own type (fetch takes a Blob's); anything else is JSON.
        ...(body !== undefined && !(body instanceof FormData) && !(body instanceof Blob) && { 'Content-Type': 'application/json' }),
        ...headers,
      },
      signal: AbortSignal.timeout(120_000),
    };
    if (body !== undefined) init.body = body instanceof FormData || body instanceof Blob ? body : JSON.stringify(body);
    let res = await fetch(`${this.baseUrl}${path}`, init);
    // Told to come back later (rate limit, overload): wait as asked and try again, with the same
    // Idempotency-Key, so a retried create or action cannot happen twice.
    for (let attempt = 0; (res.status === 429 || res.status === 503) && attempt < 20; attempt++) {
      const seconds = Number(res.headers.get('retry-after') ?? '1');
      await res.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000 * (0.5 + Math.random())));
      res = await fetch(`${this.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(120_000) });
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const problem = (parsed ?? {}) as ApiProblem;
      throw Object.assign(new Error(`${method} ${path}: ${res.status} ${problem.reason ?? ''} ${problem.detail ?? ''}`.trim()), { problem: { ...problem, status: res.status } });
    }
    return parsed as T;
  }

  get = <T>(path: string) => this.request<T>('GET', path);
  post = <T>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {}, { 'Idempotency-Key': randomUUID() });
}
