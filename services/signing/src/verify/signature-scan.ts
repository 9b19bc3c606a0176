import { createHash } from 'node:crypto';
import { inspectPdf, isPdfRefused, tooComplex, type Deadline, type PdfLimits } from '@vanthu/shared/pdf';
import { DIGEST_BY_OID } from '../asn1/oids';
import { parseSignedData } from '../cms/parse-signed-data';
import { findEmbeddedSignatures, type EmbeddedSignature } from '../pdf/embedded-signatures';
import { toWire, type Wire } from '../pool/wire';

/** An embedded signature as the guard lane hands it over: the CMS and the digest it asks for, ready to check. */
export interface ScannedSignature {
  byteRange: EmbeddedSignature['byteRange'];
  cms?: Wire;
  claimedTime?: number;
  problems: string[];
  digestAlgorithm?: string;
  digest?: Wire;
}

const MIB = 1024 * 1024;
/** Bytes all of a file's signatures may ask to hash together (distinct ranges × their length). */
export const VERIFY_MAX_HASHED_BYTES = 256 * MIB;

function digestAlgorithmOf(cms: Buffer): string {
  try {
    return DIGEST_BY_OID[parseSignedData(cms).signers[0]?.digestOid ?? ''] ?? 'sha256';
  } catch {
    // The main thread reads it again and reports what is wrong with it.
    return 'sha256';
  }
}

/**
 * In a guard thread: checks the structure as every other reader does (an encrypted file is still
 * verified: its signature dictionaries are not encrypted), finds the signatures, and hashes what
 * each covers, refusing a file whose signatures together would hash more than the limit.
 */
export function scanSignatures(pdf: Buffer, limits: PdfLimits, maxCmsBytes: number, deadline?: Deadline): ScannedSignature[] {
  try {
    inspectPdf(pdf, limits, deadline);
  } catch (error) {
    if (!isPdfRefused(error) || error.kind !== 'encrypted') throw error;
  }
  const found = findEmbeddedSignatures(pdf, { maxSignatures: limits.maxSignatures, maxCmsBytes });
  const hashed = found.reduce((sum, s) => sum + (s.cms ? s.byteRange[1] + s.byteRange[3] : 0), 0);
  if (hashed > VERIFY_MAX_HASHED_BYTES) tooComplex(`its signatures cover ${hashed} bytes together, more than ${VERIFY_MAX_HASHED_BYTES}`);
  return found.map((s) => {
    const scanned: ScannedSignature = { byteRange: s.byteRange, problems: s.problems, ...(s.claimedTime && { claimedTime: s.claimedTime.getTime() }) };
    if (!s.cms) return scanned;
    const [, b, c, d] = s.byteRange;
    const algorithm = digestAlgorithmOf(s.cms);
    const digest = createHash(algorithm).update(pdf.subarray(0, b)).update(pdf.subarray(c, c + d)).digest();
    return { ...scanned, cms: toWire(s.cms), digestAlgorithm: algorithm, digest: toWire(digest) };
  });
}
