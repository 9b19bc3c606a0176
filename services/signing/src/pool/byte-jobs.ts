import { createHash } from 'node:crypto';
import { CpuDeadline, inspectPdf, isPdfRefused, type PdfLimits } from '@vanthu/shared/pdf';
import { pdfRefusal, SigningRefused } from '../errors';
import { preparePdfSignature, type PdfSignatureRequest } from '../pdf/incremental-signature';
import { lookupView } from '../pdf/signing-view';
import { scanSignatures, type ScannedSignature } from '../verify/signature-scan';
import { toWire } from './wire';

export { fromWire, toWire, type Wire } from './wire';

/** Work that grows with the document; keys never come here (see `pki/key-ring.ts`). */
export type ByteJob =
  /** `room` holds the PDF's `length` bytes and free space after them for the update. */
  | { kind: 'prepare-pdf'; room: Uint8Array; length: number; request: PdfSignatureRequest }
  | { kind: 'sha256'; data: Uint8Array }
  /** The structure check of an untrusted PDF, and whether the fast reader can read it (else pdf-lib loads it whole). */
  | { kind: 'inspect-pdf'; data: Uint8Array; startxref: number; limits: PdfLimits }
  /** The embedded signatures of a PDF to verify, with the digest each one's CMS asks for. */
  | { kind: 'scan-signatures'; data: Uint8Array; limits: PdfLimits; maxCmsBytes: number }
  /** A digest of contents to verify a detached signature against. */
  | { kind: 'digest'; data: Uint8Array; algorithm: string };

export interface InspectedPdf {
  /** The reader that fetches only the objects signing needs can read this file. */
  lookup: boolean;
  pages: number;
}

export interface JobFailure {
  message: string;
  refusal?: Pick<SigningRefused, 'type' | 'status' | 'reason' | 'field'>;
}

export interface JobOutcome {
  result: unknown;
  /** Memory handed to the main thread instead of copied. */
  transfer: ArrayBuffer[];
}

/** Structured cloning turns Buffers into plain Uint8Arrays; this views the same memory again. */
export const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function describeFailure(error: unknown): JobFailure {
  if (isPdfRefused(error)) error = pdfRefusal(error);
  if (error instanceof SigningRefused) {
    return { message: error.message, refusal: { type: error.type, status: error.status, reason: error.reason, ...(error.field && { field: error.field }) } };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * The work done inside a pool thread. The inspector's cooperative deadline counts this thread's
 * CPU time (`CpuDeadline`): a wall-clock one would refuse an honest file because the machine is busy.
 */
export async function runByteJob(job: ByteJob): Promise<JobOutcome> {
  switch (job.kind) {
    case 'prepare-pdf': {
      const room = asBuffer(job.room);
      const prepared = await preparePdfSignature(room.subarray(0, job.length), job.request, room);
      return {
        result: { ...prepared, digest: toWire(prepared.digest) },
        transfer: [prepared.bytes.buffer as ArrayBuffer],
      };
    }
    case 'sha256':
      return { result: toWire(createHash('sha256').update(job.data).digest()), transfer: [] };
    case 'digest':
      return { result: toWire(createHash(job.algorithm).update(job.data).digest()), transfer: [] };
    case 'inspect-pdf': {
      const pdf = asBuffer(job.data);
      const structure = inspectPdf(pdf, job.limits, new CpuDeadline(job.limits.budgetMs));
      let lookup = true;
      try {
        lookupView(pdf, job.startxref);
      } catch (error) {
        if (error instanceof SigningRefused) throw error;
        lookup = false;
      }
      return { result: { lookup, pages: structure.pages } satisfies InspectedPdf, transfer: [] };
    }
    case 'scan-signatures':
      return { result: scanSignatures(asBuffer(job.data), job.limits, job.maxCmsBytes, new CpuDeadline(job.limits.budgetMs)) satisfies ScannedSignature[], transfer: [] };
  }
}
