import { useMemo } from 'react';
import { useOrganisations } from '../../api/directory';

/**
 * The organisations below `org` in the directory's hierarchy (children, their children, ...):
 * those a task may go down to (docs/tracking.md, "Hierarchy").
 */
export function useOrganisationsBelow(org: string) {
  const organisations = useOrganisations();
  const below = useMemo(() => {
    const all = organisations.data?.items ?? [];
    const found: typeof all = [];
    let frontier = [org];
    // The hierarchy is a tree a few levels deep; the bound guards against a cycle in bad data.
    for (let depth = 0; depth < 10 && frontier.length > 0; depth++) {
      const next = all.filter((o) => o.parent !== undefined && frontier.includes(o.parent));
      found.push(...next);
      frontier = next.map((o) => o.code);
    }
    return found;
  }, [organisations.data, org]);
  return { below, isPending: organisations.isPending, error: organisations.error };
}
