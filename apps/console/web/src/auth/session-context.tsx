import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { connectApiSession } from '../api/clients';
import { principalOf, type Principal } from './claims';

/** A signed-in person in this tab: their token, and who it says they are. */
export interface Session {
  accessToken: string;
  principal: Principal;
  expiresAt: number;
  via: 'development' | 'oidc';
}

/** Why there is no session any more: the sign-in page says so. */
export type SessionEnd = 'signed-out' | 'expired';

interface SessionContextValue {
  session?: Session;
  ended?: SessionEnd;
  begin(accessToken: string, via: Session['via'], claimNames?: { user: string; org: string; role: string }): Session;
  end(why: SessionEnd): void;
}

const STORED = 'vanthu.session';
// setTimeout takes at most 2^31 - 1 ms (24.8 days); longer delays fire at once.
const MAX_TIMER_MS = 2 ** 31 - 1;

function stored(): Session | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(STORED) ?? 'null') as Session | null;
    return session && session.expiresAt > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/**
 * The session lives in sessionStorage: it survives a reload and ends with the tab, and another
 * tab signs in on its own. It ends at the token's expiry, or at the first 401 a service answers.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | undefined>(stored);
  const [ended, setEnded] = useState<SessionEnd>();
  // What the API middleware and timers read between renders; begin and end keep it equal to the state.
  const current = useRef(session);

  const end = useCallback(
    (why: SessionEnd) => {
      if (!current.current) return;
      sessionStorage.removeItem(STORED);
      current.current = undefined;
      setSession(undefined);
      setEnded(why);
      // What one person was shown must not be shown to the next one in this tab.
      queryClient.clear();
    },
    [queryClient],
  );

  const begin = useCallback((accessToken: string, via: Session['via'], claimNames?: { user: string; org: string; role: string }) => {
    const { expiresAt, ...principal } = principalOf(accessToken, claimNames);
    const next: Session = { accessToken, principal, expiresAt, via };
    sessionStorage.setItem(STORED, JSON.stringify(next));
    current.current = next;
    setSession(next);
    setEnded(undefined);
    return next;
  }, []);

  useEffect(() => {
    connectApiSession({ token: () => current.current?.accessToken, onUnauthorized: () => end('expired') });
  }, [end]);

  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => end('expired'), Math.min(MAX_TIMER_MS, Math.max(0, session.expiresAt - Date.now())));
    return () => clearTimeout(timer);
  }, [session, end]);

  const value = useMemo(() => ({ session, ended, begin, end }), [session, ended, begin, end]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session, inside the pages that require one (app/require-session.tsx). */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn outside a signed-in page');
  return session;
}
