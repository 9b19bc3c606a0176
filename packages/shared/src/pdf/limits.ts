import { z } from 'zod';
import { loadConfig } from '../config/env';

/**
 * How much work one untrusted PDF may cause. Every reader of uploaded bytes (intake's draft check,
 * signing's structure check, its reader and its verifier) uses these, so a file intake lets in is
 * one signing can read, and a file neither can read in bounded work is refused at the door.
 */
export interface PdfLimits {
  /** Objects the cross-reference sections may declare, in all. */
  maxObjects: number;
  /** Cross-reference sections followed through /Prev and /XRefStm. */
  maxXrefSections: number;
  /** Subsections of all classic tables and xref-stream /Index pairs together. */
  maxXrefSubsections: number;
  /** Arrays and dictionaries inside one another. */
  maxNesting: number;
  /** Levels of the page tree, root to leaf. */
  maxPageTreeDepth: number;
  maxPages: number;
  /** What one FlateDecode stream may inflate to. */
  maxStreamInflatedBytes: number;
  /** What all inflated streams of one file may add up to. */
  maxTotalInflatedBytes: number;
  /** Distinct signature byte ranges: each one is a hash over up to the whole file. */
  maxSignatures: number;
  /** Wall-clock time one inspection may take; the thread running it is stopped a little after. */
  budgetMs: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_PDF_LIMITS: Readonly<PdfLimits> = Object.freeze({
  maxObjects: 500_000,
  maxXrefSections: 1_000,
  maxXrefSubsections: 100_000,
  maxNesting: 256,
  maxPageTreeDepth: 64,
  maxPages: 50_000,
  maxStreamInflatedBytes: 32 * MIB,
  maxTotalInflatedBytes: 256 * MIB,
  maxSignatures: 32,
  budgetMs: 1_000,
});

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Each limit can be set through the environment; see docs/signing.md, "Untrusted input: limits". */
export const pdfLimitsEnvSchema = z.object({
  PDF_MAX_OBJECTS: int(100, 50_000_000).default(DEFAULT_PDF_LIMITS.maxObjects),
  PDF_MAX_XREF_SECTIONS: int(1, 100_000).default(DEFAULT_PDF_LIMITS.maxXrefSections),
  PDF_MAX_XREF_SUBSECTIONS: int(1, 10_000_000).default(DEFAULT_PDF_LIMITS.maxXrefSubsections),
  PDF_MAX_NESTING: int(8, 10_000).default(DEFAULT_PDF_LIMITS.maxNesting),
  PDF_MAX_PAGE_TREE_DEPTH: int(2, 1_000).default(DEFAULT_PDF_LIMITS.maxPageTreeDepth),
  PDF_MAX_PAGES: int(1, 10_000_000).default(DEFAULT_PDF_LIMITS.maxPages),
  PDF_MAX_STREAM_INFLATED_BYTES: int(64 * 1024, 4096 * MIB).default(DEFAULT_PDF_LIMITS.maxStreamInflatedBytes),
  PDF_MAX_TOTAL_INFLATED_BYTES: int(64 * 1024, 16384 * MIB).default(DEFAULT_PDF_LIMITS.maxTotalInflatedBytes),
  PDF_MAX_SIGNATURES: int(1, 10_000).default(DEFAULT_PDF_LIMITS.maxSignatures),
  PDF_BUDGET_MS: int(50, 600_000).default(DEFAULT_PDF_LIMITS.budgetMs),
});

export function loadPdfLimits(env: NodeJS.ProcessEnv = process.env): PdfLimits {
  const e = loadConfig(pdfLimitsEnvSchema, env);
  return {
    maxObjects: e.PDF_MAX_OBJECTS,
    maxXrefSections: e.PDF_MAX_XREF_SECTIONS,
    maxXrefSubsections: e.PDF_MAX_XREF_SUBSECTIONS,
    maxNesting: e.PDF_MAX_NESTING,
    maxPageTreeDepth: e.PDF_MAX_PAGE_TREE_DEPTH,
    maxPages: e.PDF_MAX_PAGES,
    maxStreamInflatedBytes: e.PDF_MAX_STREAM_INFLATED_BYTES,
    maxTotalInflatedBytes: e.PDF_MAX_TOTAL_INFLATED_BYTES,
    maxSignatures: e.PDF_MAX_SIGNATURES,
    budgetMs: e.PDF_BUDGET_MS,
  };
}
