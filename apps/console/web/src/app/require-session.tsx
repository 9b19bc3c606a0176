import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session-context';

/** The pages behind sign-in: without a session, to the sign-in page, which comes back here after. */
export function RequireSession() {
  const { session } = useSession();
  const location = useLocation();
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
