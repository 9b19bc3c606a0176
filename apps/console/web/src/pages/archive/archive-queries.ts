import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { archive, dataOf } from '../../api/clients';
import type { components, operations } from '../../api/generated/archive';

export type PackageSummary = components['schemas']['PackageSummary'];
export type ArchivedPackage = components['schemas']['Package'];
export type SearchQuery = NonNullable<operations['searchPackages']['parameters']['query']>;

/** One page of the search; the page before stays shown while the next one loads. */
export function usePackageSearch(query: SearchQuery, enabled: boolean) {
  return useQuery({
    queryKey: ['archive', 'packages', query],
    queryFn: () => dataOf(archive.GET('/v1/packages', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePackage(id: string) {
  return useQuery({ queryKey: ['archive', 'package', id], queryFn: () => dataOf(archive.GET('/v1/packages/{id}', { params: { path: { id } } })) });
}
