import { createHttpApp, createLogger, finishApp, listen, loadEdgeSettings, mountSecure, type StartedServer } from '@vanthu/shared';
import { intakeApiRouter } from '../../../../src/api/api-router';
import type { ApiSettings } from '../../../../src/api/settings';
import type { IntakeApplication, Principal } from '../../../../src/app/ports';
import { issueToken } from '@vanthu/shared';
import type { IdempotencyStore } from '../../../../src/http/idempotency-store';
import { MemoryIdempotencyStore } from './memory-idempotency-store';

export const TEST_SECRET = 'unit-test-secret-that-is-long-enough-for-hs256';

export const TEST_SETTINGS: ApiSettings = {
  maxContentBytes: 64 * 1024,
  maxAttachments: 3,
  // Every answer in these tests is held to the OpenAPI document.
  validateResponses: true,
};

export const SPECIALIST: Principal = { userId: 'bs-specialist', orgCode: 'BS-TU', role: 'specialist' };
export const CLERK: Principal = { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' };
export const ADMIN: Principal = { userId: 'bs-admin', orgCode: 'BS-TU', role: 'admin' };

export interface TestApi {
  url: string;
  store: IdempotencyStore;
  /** fetch with a valid token for `who` (the specialist unless told). */
  call: (path: string, init?: RequestInit & { as?: Principal }) => Promise<Response>;
  close: () => Promise<void>;
}

/** The real shared app (health, problem handler) with the intake API on it, on a free port. */
export async function startApi(
  intake: IntakeApplication,
  options: { settings?: Partial<ApiSettings>; store?: IdempotencyStore; edge?: { maxInFlight?: number; ratePerSecond?: number; rateBurst?: number; admission?: { targetMs: number; percentile: number } } } = {},
): Promise<TestApi> {
  const logger = createLogger({ test: 'intake-api' }, 'silent');
  const edge = { ...loadEdgeSettings('intake', { JWT_SECRET: TEST_SECRET }), maxInFlight: 64, ratePerSecond: 1000, rateBurst: 1000, ...options.edge };
  const app = createHttpApp({ service: 'intake', logger, readiness: [], state: { draining: false }, edge });
  const store = options.store ?? new MemoryIdempotencyStore();
  mountSecure(app, intakeApiRouter({ intake, settings: { ...TEST_SETTINGS, ...options.settings }, logger, idempotencyStore: store }));
  finishApp(app, logger);
  const server: StartedServer = await listen(app, '127.0.0.1', 0);
  return {
    url: server.url,
    store,
    call: (path, init = {}) => {
      const { as = SPECIALIST, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${issueToken(TEST_SECRET, as, 300)}`);
      return fetch(`${server.url}${path}`, { ...rest, headers });
    },
    close: server.close,
  };
}
