import { PackageAccess, type Viewer } from '../secrecy/package-access';
import type { SearchQuery } from '../packages/search';
import type { ArchiveCollections, PackageDoc } from '../store/collections';

/*
 * The benchmark's baseline only: GET /v1/packages as it was before the search moved into memory
 * (search/live-search.ts), kept to measure against. Filters, one case-insensitive regular expression
 * per word, sorted and paged by FerretDB, which reads the whole collection for each; the notation
 * filter is the exact match the old code would have had. It matched words with their diacritics only.
 */

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The next day, as a bound: issuedAt carries a time and an offset, the filter only dates. */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function scanSearch(c: ArchiveCollections, query: SearchQuery, viewer: Pick<Viewer, 'principal' | 'clearance'>): Promise<{ total: number; items: unknown[] }> {
  if (query.issuer !== undefined && query.issuer !== viewer.principal.orgCode) return { total: 0, items: [] };
  const filter: Record<string, unknown> = PackageAccess.filter(viewer);
  if (query.number !== undefined) filter['metadata.number'] = query.number;
  if (query.notation !== undefined) filter['metadata.notation'] = query.notation;
  if (query.type !== undefined) filter['metadata.type'] = query.type;
  if (query.issuedFrom !== undefined || query.issuedTo !== undefined) {
    filter['metadata.issuedAt'] = {
      ...(query.issuedFrom !== undefined && { $gte: query.issuedFrom }),
      ...(query.issuedTo !== undefined && { $lt: nextDay(query.issuedTo) }),
    };
  }
  const words = query.q?.split(/\s+/).filter(Boolean) ?? [];
  if (words.length > 0) {
    filter.sealing = { $exists: false };
    filter.$and = words.map((w) => ({ 'metadata.subject': { $regex: escapeRegex(w), $options: 'i' } }));
  }
  const [total, items] = await Promise.all([
    c.packages.countDocuments(filter),
    c.packages
      .find(filter, { projection: { metadata: 1, documentId: 1, archivedAt: 1, manifestSha256: 1, workflowId: 1, 'sealing.kid': 1 } })
      .sort({ 'metadata.issuedAt': -1, _id: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .toArray(),
  ]);
  const positions = await Promise.all(items.map((p: Partial<PackageDoc>) => c.positions.findOne({ _id: p._id! })));
  return { total, items: items.map((p, i) => ({ ...p, logIndex: positions[i]?.index })) };
}
