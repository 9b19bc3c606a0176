import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { ALL_AUDIENCES, DEMO_ORGANISATIONS, DEMO_USERS, issueToken, Problem, PUBLIC, rateLimit, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { ConsoleConfig } from '../config';

/** A working day's session on the local stack; long enough not to interrupt a demo, short enough to expire. */
export const DEV_TOKEN_TTL_SECONDS = 4 * 60 * 60;

/** What the browser needs to sign people in, and nothing it must not know (no key, no secret). */
export type BrowserSignIn =
  | { mode: 'development' }
  | { mode: 'oidc'; issuer: string; clientId: string; scopes: string; claims: { user: string; org: string; role: string } };

/** Where the pages link operators to: a document's workflow in the Temporal Web UI. */
export interface BrowserLinks {
  temporalUiUrl?: string;
  temporalNamespace?: string;
}

export function browserSignIn(signIn: ConsoleConfig['signIn']): BrowserSignIn {
  if (signIn.mode === 'development') return { mode: 'development' };
  const { issuer, clientId, scopes, claims } = signIn;
  return { mode: 'oidc', issuer, clientId, scopes, claims };
}

const browserLinks = (temporalUi: ConsoleConfig['temporalUi'] | undefined): BrowserLinks =>
  temporalUi ? { temporalUiUrl: temporalUi.url, temporalNamespace: temporalUi.namespace } : {};

const signInBody = z.strictObject({ userId: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash or underscore') });

const organisationNames = new Map(DEMO_ORGANISATIONS.map((o) => [o.code, o.name]));

/** A demo user as the sign-in page lists them: no e-mail address, nothing the page does not show. */
const listed = (user: (typeof DEMO_USERS)[number]) => ({
  id: user.id,
  fullName: user.fullName,
  position: user.position,
  role: user.role,
  org: user.org,
  orgName: organisationNames.get(user.org) ?? user.org,
});

/**
 * Signing in. GET /auth/config tells the browser how; in development the demo users are listed
 * and a chosen one gets a token the services accept, signed with the development key. Outside
 * development both refuse: there, only the office's identity provider says who someone is.
 */
export function signInRoutes(signIn: ConsoleConfig['signIn'], temporalUi?: ConsoleConfig['temporalUi']): SecureRouter {
  const router = secureRouter();
  const developmentKey = signIn.mode === 'development' ? signIn.jwtSecret : undefined;
  const development: RequestHandler = (_req, _res, next) =>
    next(developmentKey ? undefined : new Problem(403, 'development-sign-in-off', 'This console signs people in through the identity provider; development sign-in is off.'));
  // Each sign-in signs a token: a script in a loop gets 429, people never notice.
  const limit = rateLimit({ ratePerSecond: 2, burst: 10, keyOf: (res) => `ip:${res.req.ip ?? 'unknown'}` });

  router.get('/auth/config', PUBLIC, (_req, res) => {
    res.set('cache-control', 'no-store').json({ ...browserSignIn(signIn), ...browserLinks(temporalUi) });
  });

  router.get('/auth/dev/users', PUBLIC, development, (_req, res) => {
    res.set('cache-control', 'no-store').json({ items: DEMO_USERS.map(listed) });
  });

  router.post('/auth/dev/sign-in', PUBLIC, development, limit, express.json({ limit: '1kb' }), (req, res) => {
    const { userId } = signInBody.parse(req.body ?? {});
    const user = DEMO_USERS.find((u) => u.id === userId);
    if (!user) throw new Problem(400, 'unknown-user', `There is no demo user "${userId}".`, { field: 'userId' });
    const accessToken = issueToken(developmentKey!, { userId: user.id, orgCode: user.org, role: user.role }, DEV_TOKEN_TTL_SECONDS, ALL_AUDIENCES);
    res.set('cache-control', 'no-store').json({
      accessToken,
      expiresAt: new Date(Date.now() + DEV_TOKEN_TTL_SECONDS * 1000).toISOString(),
      user: listed(user),
    });
  });

  return router;
}
