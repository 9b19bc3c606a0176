import { z } from 'zod';
import { DOCUMENT_TYPE_CODES, type ArchivalMetadata } from '@vanthu/shared';
import type { PackageDoc } from '../store/collections';

/**
 * GET /v1/packages: what can be asked. The search itself runs in memory (search/live-search.ts);
 * docs/archive.md, "Search", says how each field matches.
 */
export const searchQuery = z.object({
  number: z.coerce.number().int().positive().optional(),
  /** The document's notation (số, ký hiệu), exact but for letter case, diacritics and spaces: `04-NQ/TU`. */
  notation: z.string().trim().min(1).max(64).optional(),
  type: z.enum(DOCUMENT_TYPE_CODES as [string, ...string[]]).optional(),
  issuer: z.string().min(1).max(64).optional(),
  /** Issue dates, inclusive, as the document states them (the date of its `issuedAt`, in its own offset). */
  issuedFrom: z.string().date().optional(),
  issuedTo: z.string().date().optional(),
  /** Words of the subject, all of which must occur, each as the start of a word, with or without diacritics. */
  q: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export type SearchQuery = z.infer<typeof searchQuery>;

/** One package as a search lists it. */
export interface SearchItem {
  packageId: string;
  documentId: string;
  workflowId: string;
  archivedAt: string;
  manifestSha256: string;
  /** Its leaf in the log; absent only while its append is still to come (a crash between the two, awaiting the retry). */
  logIndex?: number;
  metadata: ArchivalMetadata;
  /** Only on sealed packages, whose subject is a JWE. */
  sealed?: true;
}

export interface SearchPage {
  total: number;
  page: number;
  pageSize: number;
  items: SearchItem[];
}

/** What of a package a search shows, as a find projection: the manifest, records and parts stay in the database. */
export const SEARCH_PROJECTION = { metadata: 1, documentId: 1, workflowId: 1, archivedAt: 1, manifestSha256: 1, 'sealing.kid': 1 } as const;

export type SearchedPackage = Pick<PackageDoc, '_id' | 'metadata' | 'documentId' | 'workflowId' | 'archivedAt' | 'manifestSha256'> & { sealing?: Partial<PackageDoc['sealing']> };

export function searchItemOf(pkg: SearchedPackage, logIndex: number | undefined): SearchItem {
  return {
    packageId: pkg._id,
    documentId: pkg.documentId,
    workflowId: pkg.workflowId,
    archivedAt: pkg.archivedAt,
    manifestSha256: pkg.manifestSha256,
    // Present even while unknown (undefined, left out of JSON), so the index learnt later keeps its place in the answer.
    logIndex,
    metadata: pkg.metadata,
    ...(pkg.sealing && { sealed: true as const }),
  };
}
