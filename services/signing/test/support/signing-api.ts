import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHash } from 'node:crypto';
import { createHttpApp, createLogger, DEMO_USERS, DEVELOPMENT_JWT_SECRET, finishApp, issueToken, loadEdgeSettings, type Principal } from '@vanthu/shared';
import { mountSigningApi } from '../../src/api/routes';
import { loadSigningOpenApi } from '../../src/api/openapi-document';
import { answersHeldTo } from '../../../../test/support/openapi-contract';
import { DEVELOPMENT_PIN } from '../../src/intent/demo-pins';
import type { SigningModule } from '../../src/signing/signing-module';

export { DEVELOPMENT_PIN };

/** A demo user by id, or anyone else described in full. */
export function principal(who: string | Principal): Principal {
  if (typeof who !== 'string') return who;
  const user = DEMO_USERS.find((u) => u.id === who);
  if (!user) throw new Error(`no demo user ${who}; describe them in full`);
  return { userId: user.id, orgCode: user.org, role: user.role };
}

export const tokenOf = (who: string | Principal) => issueToken(DEVELOPMENT_JWT_SECRET, principal(who), 3600);

/** Headers with the bearer token of `who`, plus any others. */
export const as = (who: string | Principal, headers: Record<string, string> = {}) => ({ Authorization: `Bearer ${tokenOf(who)}`, ...headers });

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export interface SigningApi {
  base: string;
  /** JSON request as `who`; answers the raw Response. */
  json(method: string, path: string, who: string | Principal, body?: unknown): Promise<Response>;
  /** An authorisation for `who` with `pin` (default: the development PIN), bound as asked. */
  authorise(who: string | Principal, binding: { documentId?: string; sha256?: string }, pin?: string): Promise<string>;
  close(): Promise<void>;
}

/** The signing API on a real express app with the shared edge (development tokens, generous rate limits). */
export async function startSigningApi(module: SigningModule): Promise<SigningApi> {
  const logger = createLogger({}, 'silent');
  const edge = { ...loadEdgeSettings('signing', { NODE_ENV: 'test' }), ratePerSecond: 10_000, rateBurst: 10_000 };
  const app = createHttpApp({ service: 'signing', logger, readiness: [], state: { draining: false }, edge });
  // Every JSON answer is held to the OpenAPI document the console's client is generated from.
  const contract = answersHeldTo(loadSigningOpenApi());
  app.use(...contract.check);
  mountSigningApi(app, module);
  app.use(contract.report);
  finishApp(app, logger);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const json = (method: string, path: string, who: string | Principal, body?: unknown) =>
    fetch(`${base}${path}`, { method, headers: as(who, { 'content-type': 'application/json' }), ...(body !== undefined && { body: JSON.stringify(body) }) });
  return {
    base,
    json,
    async authorise(who, binding, pin = DEVELOPMENT_PIN) {
      const response = await json('POST', '/v1/signing-authorisations', who, { pin, ...binding });
      if (response.status !== 201) throw new Error(`authorisation refused: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { authorisation: string }).authorisation;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
