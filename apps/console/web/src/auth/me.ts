import { useQuery } from '@tanstack/react-query';
import { dataOf, intake } from '../api/clients';
import { useSignedIn } from './session-context';

/**
 * The signed-in person as the directory knows them (name, position) and their organisation's
 * name, for the header. Until they arrive, or if the directory does not know the person, the
 * token's user id and organisation code stand in.
 */
export function useMe() {
  const { principal } = useSignedIn();
  const users = useQuery({
    queryKey: ['intake', 'users', principal.org],
    queryFn: () => dataOf(intake.GET('/v1/users', { params: { query: { org: principal.org } } })),
    staleTime: 10 * 60_000,
  });
  const organisations = useQuery({
    queryKey: ['intake', 'organisations'],
    queryFn: () => dataOf(intake.GET('/v1/organisations')),
    staleTime: 10 * 60_000,
  });
  const user = users.data?.items.find((u) => u.id === principal.userId);
  const organisation = organisations.data?.items.find((o) => o.code === principal.org);
  return {
    ...principal,
    fullName: user?.fullName ?? principal.userId,
    position: user?.position,
    orgName: organisation?.name ?? principal.org,
  };
}
