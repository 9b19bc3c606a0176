import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSignedIn } from '../auth/session-context';
import { dataOf, intake } from './clients';
import type { components } from './generated/intake';

export type UserEntry = components['schemas']['UserEntry'];
export type Organisation = components['schemas']['Organisation'];

/** The directory changes seldom: one fetch serves every page for ten minutes. */
const DIRECTORY_STALE_MS = 10 * 60_000;
const NONE: never[] = [];

export function useOrganisations() {
  return useQuery({ queryKey: ['intake', 'organisations'], queryFn: () => dataOf(intake.GET('/v1/organisations')), staleTime: DIRECTORY_STALE_MS });
}

/** The signed-in person's organisation's people (the directory shows no one else's to them). */
export function useOrganisationPeople() {
  const { principal } = useSignedIn();
  return useQuery({
    queryKey: ['intake', 'users', principal.org],
    queryFn: () => dataOf(intake.GET('/v1/users', { params: { query: { org: principal.org } } })),
    staleTime: DIRECTORY_STALE_MS,
  });
}

/**
 * The directory with names for ids and codes: the person's organisation's people (signers,
 * approvers, authors and handlers are always of it) and every organisation. One the directory
 * does not name is shown as it is.
 */
export function useDirectory() {
  const organisations = useOrganisations();
  const users = useOrganisationPeople();
  return useMemo(() => {
    const people = new Map((users.data?.items ?? NONE).map((u) => [u.id, u]));
    const orgs = new Map((organisations.data?.items ?? NONE).map((o) => [o.code, o]));
    const organisation = (code: string) => orgs.get(code)?.name ?? code;
    return {
      users: users.data?.items ?? NONE,
      organisations: organisations.data?.items ?? NONE,
      isPending: users.isPending || organisations.isPending,
      error: users.error ?? organisations.error ?? undefined,
      user: (id: string) => people.get(id),
      org: (code: string) => orgs.get(code),
      person: (id: string | undefined) => (id ? (people.get(id)?.fullName ?? id) : ''),
      position: (id: string | undefined) => (id ? people.get(id)?.position : undefined),
      organisation,
      /** A comma-separated list of codes, as the registers hold recipients. */
      organisationList: (codes: string) => codes.split(/,\s*/).filter(Boolean).map(organisation).join('; '),
    };
  }, [users.data, users.isPending, users.error, organisations.data, organisations.isPending, organisations.error]);
}
