import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../api/problem';

/**
 * A refusal (4xx) is an answer, not a failure worth repeating; a network error or a 5xx is tried
 * twice more. Data stays fresh for half a minute: the live stream refreshes what changes sooner.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) => failures < 2 && !(error instanceof ApiProblem && error.status >= 400 && error.status < 500),
    },
  },
});
