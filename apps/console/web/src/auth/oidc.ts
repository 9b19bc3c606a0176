import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SignInConfig } from './sign-in-config';

type OidcConfig = Extract<SignInConfig, { mode: 'oidc' }>;

/**
 * The office's identity provider: OpenID Connect, authorization code with PKCE, in the browser
 * (oidc-client-ts). The provider's access token is what the services accept (their OIDC_ISSUER
 * and OIDC_AUDIENCE); the console passes it on and keeps it for the tab only.
 */
let manager: UserManager | undefined;
export function userManager(config: OidcConfig): UserManager {
  manager ??= new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}/sign-in/callback`,
    post_logout_redirect_uri: `${window.location.origin}/sign-in`,
    response_type: 'code',
    scope: config.scopes,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // An expired session signs in again through the provider (which remembers the person).
    automaticSilentRenew: false,
  });
  return manager;
}

/** Where the person was going, carried through the provider and back. */
export const signInWithProvider = (config: OidcConfig, next: string) => userManager(config).signinRedirect({ state: { next } });

export async function completeProviderSignIn(config: OidcConfig): Promise<{ accessToken: string; next: string }> {
  const user = await userManager(config).signinRedirectCallback();
  const next = (user.state as { next?: string } | undefined)?.next;
  return { accessToken: user.access_token, next: typeof next === 'string' && next.startsWith('/') ? next : '/' };
}

export async function signOutOfProvider(config: OidcConfig): Promise<void> {
  const users = userManager(config);
  await users.removeUser();
  const metadata = await users.metadataService.getMetadata().catch(() => undefined);
  if (metadata?.end_session_endpoint) await users.signoutRedirect();
}
