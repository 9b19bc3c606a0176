import { createHash } from 'node:crypto';
import { SigningRefused } from '../errors';
import { preparePdfSignature, type PdfSignatureRequest } from '../pdf/incremental-signature';

/**
 * Small binary values cross between threads as latin1 strings: posting a string is a copy, while
 * every typed array in a message costs several microseconds to clone.
 */
export type Wire = string;
export const toWire = (bytes: Buffer): Wire => bytes.toString('latin1');
export const fromWire = (wire: Wire): Buffer => Buffer.from(wire, 'latin1');

/** Work that grows with the document; keys never come here (see `pki/key-ring.ts`). */
export type ByteJob =
  /** `room` holds the PDF's `length` bytes and free space after them for the update. */
  | { kind: 'prepare-pdf'; room: Uint8Array; length: number; request: PdfSignatureRequest }
  | { kind: 'sha256'; data: Uint8Array };

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
  if (error instanceof SigningRefused) {
    return { message: error.message, refusal: { type: error.type, status: error.status, reason: error.reason, ...(error.field && { field: error.field }) } };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The work done inside a pool thread. */
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
  }
}
