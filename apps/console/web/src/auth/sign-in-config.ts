import { useQuery } from '@tanstack/react-query';
import { ApiProblem } from '../api/problem';

/**
 * How this console signs people in (GET /auth/config, apps/console/server/src/auth/sign-in-routes.ts),
 * and where it links operators to (a document's workflow in the Temporal Web UI).
 */
export type SignInConfig = (
  | { mode: 'development' }
  | { mode: 'oidc'; issuer: string; clientId: string; scopes: string; claims: { user: string; org: string; role: string } }
) & { temporalUiUrl?: string; temporalNamespace?: string };

/** A demo user as the development sign-in lists them. */
export interface DemoUser {
  id: string;
  fullName: string;
  position: string;
  role: string;
  org: string;
  orgName: string;
}

async function json<T>(input: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    throw ApiProblem.network(error);
  }
  if (!response.ok) throw await ApiProblem.from(response);
  return (await response.json()) as T;
}

export const fetchSignInConfig = () => json<SignInConfig>('/auth/config');

export function useSignInConfig() {
  return useQuery({ queryKey: ['auth', 'config'], queryFn: fetchSignInConfig, staleTime: Infinity });
}

export function useDemoUsers() {
  return useQuery({ queryKey: ['auth', 'demo-users'], queryFn: () => json<{ items: DemoUser[] }>('/auth/dev/users'), staleTime: Infinity });
}

export const developmentSignIn = (userId: string) =>
  json<{ accessToken: string; expiresAt: string; user: DemoUser }>('/auth/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
