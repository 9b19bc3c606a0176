import { useQuery } from '@tanstack/react-query';
import { dataOf, intake } from '../../api/clients';
import type { components } from '../../api/generated/intake';
import { useSignedIn } from '../../auth/session-context';

export type UserEntry = components['schemas']['UserEntry'];
export type Organisation = components['schemas']['Organisation'];

/** The signed-in person's organisation's people (the directory shows no one else's to them). */
export function useOrganisationPeople() {
  const { principal } = useSignedIn();
  return useQuery({
    queryKey: ['intake', 'users', principal.org],
    queryFn: () => dataOf(intake.GET('/v1/users', { params: { query: { org: principal.org } } })),
    staleTime: 10 * 60_000,
  });
}

export function useOrganisations() {
  return useQuery({ queryKey: ['intake', 'organisations'], queryFn: () => dataOf(intake.GET('/v1/organisations')), staleTime: 10 * 60_000 });
}

/** Who may be given a copy to handle: the organisation's specialists first, then its leaders. */
export const HANDLER_ROLES = ['specialist', 'leader'] as const;
