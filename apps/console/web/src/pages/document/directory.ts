import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dataOf, intake } from '../../api/clients';
import type { components } from '../../api/generated/intake';
import { useSignedIn } from '../../auth/session-context';

export type UserEntry = components['schemas']['UserEntry'];
export type Organisation = components['schemas']['Organisation'];

const NONE: never[] = [];

/**
 * The people of the person's organisation (signers, approvers and authors are always of it) and
 * the organisations (recipients), from the directory, with their names for ids and codes; one
 * the directory does not name is shown as it is. The same queries as the header's and the
 * registers', so the cache serves all of them.
 */
export function useDirectory() {
  const { principal } = useSignedIn();
  const organisations = useQuery({ queryKey: ['intake', 'organisations'], queryFn: () => dataOf(intake.GET('/v1/organisations')), staleTime: 10 * 60_000 });
  const users = useQuery({
    queryKey: ['intake', 'users', principal.org],
    queryFn: () => dataOf(intake.GET('/v1/users', { params: { query: { org: principal.org } } })),
    staleTime: 10 * 60_000,
  });
  return useMemo(() => {
    const people = new Map((users.data?.items ?? NONE).map((u) => [u.id, u]));
    const orgs = new Map((organisations.data?.items ?? NONE).map((o) => [o.code, o]));
    return {
      users: users.data?.items ?? NONE,
      organisations: organisations.data?.items ?? NONE,
      isPending: users.isPending || organisations.isPending,
      error: users.error ?? organisations.error ?? undefined,
      person: (id: string | undefined) => (id ? (people.get(id)?.fullName ?? id) : ''),
      position: (id: string | undefined) => (id ? people.get(id)?.position : undefined),
      organisation: (code: string) => orgs.get(code)?.name ?? code,
    };
  }, [users.data, users.isPending, users.error, organisations.data, organisations.isPending, organisations.error]);
}
