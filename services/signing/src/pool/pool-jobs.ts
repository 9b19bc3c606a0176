import { createHash, sign, type KeyObject } from 'node:crypto';
import { signedDataWith, type SignedDataRequest } from '../cms/signed-data';
import { signerTemplate, type SignerTemplate } from '../cms/signer-template';
import { SigningRefused } from '../errors';
import { preparePdfSignature, type PdfSignatureRequest } from '../pdf/incremental-signature';
import { openKey, type SealedKey } from '../pki/sealed-key';

/** A key as the database holds it, with the certificates that go into its signatures. */
export interface KeyMaterial {
  serial: string;
  sealed: SealedKey;
  certificate: Buffer;
  chain: Buffer[];
}

/**
 * Small binary values cross between threads as latin1 strings: posting a string is a copy, while
 * every typed array in a message costs several microseconds to clone, which at thousands of
 * signatures a second is a measurable share of each one.
 */
export type Wire = string;
export const toWire = (bytes: Buffer): Wire => bytes.toString('latin1');
export const fromWire = (wire: Wire): Buffer => Buffer.from(wire, 'latin1');

export type WireSignedDataRequest = Omit<SignedDataRequest, 'digest' | 'content'> & { digest: Wire; content?: Wire };

/** `load` rides along the first job a worker gets for a key; later jobs name the serial only. */
export type PoolJob =
  | { kind: 'signed-data'; serial: string; load?: KeyMaterial; request: WireSignedDataRequest }
  | { kind: 'sign'; serial: string; load?: KeyMaterial; data: Wire }
  /** `room` holds the PDF's `length` bytes and free space after them for the update. */
  | { kind: 'prepare-pdf'; room: Uint8Array; length: number; request: PdfSignatureRequest }
  | { kind: 'sha256'; data: Uint8Array }
  | { kind: 'forget'; serial: string };

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

/**
 * Cloning a view copies its whole backing store, and small Buffers share an 8 KiB pool: send
 * small results in memory of their own.
 */
export const ownMemory = (bytes: Uint8Array): Uint8Array =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);

export function describeFailure(error: unknown): JobFailure {
  if (error instanceof SigningRefused) {
    return { message: error.message, refusal: { type: error.type, status: error.status, reason: error.reason, ...(error.field && { field: error.field }) } };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * The work done inside a pool thread. Private keys are opened here, once per thread, and never
 * leave it: only signatures and structures go back.
 */
export class JobRunner {
  private readonly keys = new Map<string, { key: KeyObject; template: SignerTemplate }>();

  constructor(private readonly kek: Buffer) {}

  private keyFor(serial: string, load: KeyMaterial | undefined) {
    let entry = this.keys.get(serial);
    if (!entry && load) {
      const sealed = { iv: asBuffer(load.sealed.iv), tag: asBuffer(load.sealed.tag), data: asBuffer(load.sealed.data) };
      entry = {
        key: openKey(sealed, this.kek, load.serial),
        template: signerTemplate(asBuffer(load.certificate), load.chain.map(asBuffer)),
      };
      this.keys.set(serial, entry);
    }
    if (!entry) throw new Error(`the key of certificate ${serial} was never loaded into this worker`);
    return entry;
  }

  async run(job: PoolJob): Promise<JobOutcome> {
    switch (job.kind) {
      case 'signed-data': {
        const { key, template } = this.keyFor(job.serial, job.load);
        const { digest, content, ...rest } = job.request;
        const request: SignedDataRequest = { ...rest, digest: fromWire(digest), ...(content !== undefined && { content: fromWire(content) }) };
        const made = signedDataWith(template, request, (data) => sign('sha256', data, key));
        return { result: { der: toWire(made.der), signatureValue: toWire(made.signatureValue) }, transfer: [] };
      }
      case 'sign': {
        const { key } = this.keyFor(job.serial, job.load);
        return { result: toWire(sign('sha256', fromWire(job.data), key)), transfer: [] };
      }
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
      case 'forget':
        this.keys.delete(job.serial);
        return { result: null, transfer: [] };
    }
  }
}
