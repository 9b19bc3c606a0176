import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dataOf, intake } from '../../api/clients';
import { useSignedIn } from '../../auth/session-context';

/**
 * Names for the codes and ids a register holds (organisations, the organisation's people), from
 * the directory; a code the directory does not name is shown as it is.
 */
export function useDirectoryNames() {
  const { principal } = useSignedIn();
  const organisations = useQuery({ queryKey: ['intake', 'organisations'], queryFn: () => dataOf(intake.GET('/v1/organisations')), staleTime: 10 * 60_000 });
  const users = useQuery({
    queryKey: ['intake', 'users', principal.org],
    queryFn: () => dataOf(intake.GET('/v1/users', { params: { query: { org: principal.org } } })),
    staleTime: 10 * 60_000,
  });
  return useMemo(() => {
    const orgs = new Map(organisations.data?.items.map((o) => [o.code, o.name]));
    const people = new Map(users.data?.items.map((u) => [u.id, u.fullName]));
    return {
      organisation: (code: string) => orgs.get(code) ?? code,
      organisations: (codes: string) => codes.split(/,\s*/).filter(Boolean).map((code) => orgs.get(code) ?? code).join('; '),
      person: (id: string) => people.get(id) ?? id,
    };
  }, [organisations.data, users.data]);
}
