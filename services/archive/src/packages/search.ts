import { z } from 'zod';
import { DOCUMENT_TYPE_CODES } from '@vanthu/shared';
import { PackageAccess, type Viewer } from '../secrecy/package-access';
import type { ArchiveCollections, PackageDoc } from '../store/collections';

export const searchQuery = z.object({
  number: z.coerce.number().int().positive().optional(),
  type: z.enum(DOCUMENT_TYPE_CODES as [string, ...string[]]).optional(),
  issuer: z.string().min(1).max(64).optional(),
  issuedFrom: z.string().date().optional(),
  issuedTo: z.string().date().optional(),
  /** Words of the subject, all of which must occur. */
  q: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export type SearchQuery = z.infer<typeof searchQuery>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The next day, as a bound: issuedAt carries a time and an offset, the filter only dates. */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Metadata search within what the database supports: exact matches on indexed fields, a range on
 * the issue date (ISO strings compare in date order), and, for lack of text indexes, one
 * case-insensitive regular expression per word of the subject. Only packages the caller's
 * organisation issued, at levels their clearance reaches, are searched, so others' are absent
 * from the items and the total alike. A sealed subject is a JWE: a word could match its base64
 * by chance, so words never search sealed packages.
 */
export async function searchPackages(c: ArchiveCollections, query: SearchQuery, viewer: Pick<Viewer, 'principal' | 'clearance'>) {
  if (query.issuer !== undefined && query.issuer !== viewer.principal.orgCode) return { total: 0, page: query.page, pageSize: query.pageSize, items: [] };
  const filter: Record<string, unknown> = PackageAccess.filter(viewer);
  if (query.number !== undefined) filter['metadata.number'] = query.number;
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
  // A page's log positions, each by _id (an $in would scan the collection on our database).
  const positions = await Promise.all(items.map((p: Partial<PackageDoc>) => c.positions.findOne({ _id: p._id! })));
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    items: items.map((p: Partial<PackageDoc>, i) => ({
      packageId: p._id!,
      documentId: p.documentId!,
      workflowId: p.workflowId,
      archivedAt: p.archivedAt,
      manifestSha256: p.manifestSha256,
      logIndex: positions[i]?.index,
      metadata: p.metadata!,
      ...(p.sealing && { sealed: true }),
    })),
  };
}
