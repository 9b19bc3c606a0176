import { loadPdfLimits, type PdfLimits } from '@vanthu/shared/pdf';

/**
 * The limits every reader of untrusted bytes in this process applies (see docs/signing.md,
 * "Untrusted input: limits"), read once from the environment. Worker threads get them in each job
 * rather than reading the environment themselves.
 */
let limits: PdfLimits | undefined;
export const pdfLimits = (): PdfLimits => (limits ??= loadPdfLimits());

/** A signature's CMS larger than this is not read: ours are 16 KB, others' with revocation data a few hundred. */
export const MAX_CMS_BYTES = 1024 * 1024;

/** Bytes hashed per millisecond granted on top of the budget: a large, honest file is not refused for its size. */
export const HASH_BYTES_PER_MS = 200 * 1024;
