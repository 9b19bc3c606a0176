import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as ArchivePaths } from './generated/archive';
import type { paths as IntakePaths } from './generated/intake';
import type { paths as NotifyPaths } from './generated/notify';
import type { paths as SigningPaths } from './generated/signing';
import type { paths as TrackingPaths } from './generated/tracking';
import { ApiProblem } from './problem';

/** Who is calling: set by the session (auth/session-context.tsx), read on every request. */
interface ApiSession {
  token: () => string | undefined;
  /** A 401: the token expired or was refused; the session ends and the person signs in again. */
  onUnauthorized: () => void;
}

let session: ApiSession = { token: () => undefined, onUnauthorized: () => undefined };

export function connectApiSession(connected: ApiSession): void {
  session = connected;
}

export function currentToken(): string | undefined {
  return session.token();
}

/**
 * Every call carries the person's bearer token; the services decide what it may do. An error
 * answer becomes an ApiProblem the pages show in plain words, so a client call either returns
 * the service's data or throws.
 */
const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    // Every route these clients call needs a person: without a token (signed out, a page's last
    // refresh racing the sign-out) the call would only earn a 401, so it is not sent.
    if (!token) throw new ApiProblem(401, 'token-missing', 'No one is signed in.');
    request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    const problem = await ApiProblem.from(response);
    if (response.status === 401) session.onUnauthorized();
    throw problem;
  },
  onError({ error }) {
    return error instanceof ApiProblem ? error : ApiProblem.network(error);
  },
};

function serviceClient<Paths extends object>(service: string): Client<Paths> {
  const client = createClient<Paths>({ baseUrl: `/api/${service}` });
  client.use(sessionMiddleware);
  return client;
}

/** One client per service, each typed from the service's OpenAPI document (npm run generate -w @vanthu/console). */
export const intake = serviceClient<IntakePaths>('intake');
export const signing = serviceClient<SigningPaths>('signing');
export const notify = serviceClient<NotifyPaths>('notify');
export const archive = serviceClient<ArchivePaths>('archive');
export const tracking = serviceClient<TrackingPaths>('tracking');

/** The data of a call that succeeded (the middleware throws for the others). */
export async function dataOf<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) throw error instanceof ApiProblem ? error : await ApiProblem.from(response);
  return data;
}
