import { randomBytes } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';
import type { Sealing } from '../contracts/secrecy';
import { SealingError, orgScope, type KeyRing } from './key-ring';

const DIRECT = { alg: 'dir', enc: 'A256GCM' } as const;
const JWE_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** True when `value` is a compact JWE sealed with a document key (as opposed to clear text). */
export function isSealed(value: unknown): value is string {
  if (typeof value !== 'string' || !JWE_COMPACT.test(value)) return false;
  try {
    return decodeProtectedHeader(value).alg === DIRECT.alg;
  } catch {
    return false;
  }
}

export const documentContext = (documentId: string) => `document:${documentId}`;

/**
 * One secret document's data key (AES-256-GCM), in memory only. Every text and file of the
 * document is a JWE (`dir`, A256GCM: a fresh 96-bit IV each time, so equal texts or files give
 * different ciphertexts) whose protected header names the document: the header is authenticated,
 * so a sealed value copied into another document's record does not open there.
 */
export class DocumentKey {
  private constructor(
    readonly documentId: string,
    private readonly key: Uint8Array,
  ) {}

  static generate(documentId: string): DocumentKey {
    return new DocumentKey(documentId, new Uint8Array(randomBytes(32)));
  }

  /** Opens the document's key from its sealing, which must have been made for this document. */
  static async open(ring: KeyRing, documentId: string, sealing: Sealing, scope?: string): Promise<DocumentKey> {
    return new DocumentKey(documentId, await ring.unwrap(sealing.wrappedKey, documentContext(documentId), scope));
  }

  /** The key wrapped under an organisation's current KEK. */
  async sealingFor(ring: KeyRing, orgCode: string): Promise<Sealing> {
    return { wrappedKey: await ring.wrap(orgScope(orgCode), this.key, documentContext(this.documentId)) };
  }

  /** For wrapping under a key outside the ring (wrapForPublicKey); never store or log it. */
  exportRaw(): Uint8Array {
    return new Uint8Array(this.key);
  }

  async seal(text: string): Promise<string> {
    return this.sealBytesToString(new TextEncoder().encode(text));
  }

  async open(sealed: string): Promise<string> {
    return new TextDecoder().decode(await this.openString(sealed));
  }

  /** Seals a file: the JWE's compact form as bytes (ASCII), what the blob store keeps. */
  async sealBytes(data: Uint8Array): Promise<Buffer> {
    return Buffer.from(await this.sealBytesToString(data), 'ascii');
  }

  async openBytes(sealed: Uint8Array): Promise<Buffer> {
    return Buffer.from(await this.openString(Buffer.from(sealed).toString('ascii')));
  }

  /** Seals each present field of `fields`; absent ones stay absent. */
  async sealFields<K extends string>(fields: Partial<Record<K, string>>): Promise<Partial<Record<K, string>>> {
    const out: Partial<Record<K, string>> = {};
    for (const [name, value] of Object.entries(fields) as Array<[K, string | undefined]>) {
      if (value !== undefined) out[name] = await this.seal(value);
    }
    return out;
  }

  private sealBytesToString(data: Uint8Array): Promise<string> {
    return new CompactEncrypt(data).setProtectedHeader({ ...DIRECT, ctx: documentContext(this.documentId) }).encrypt(this.key);
  }

  private async openString(sealed: string): Promise<Uint8Array> {
    let header: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(sealed) as Record<string, unknown>;
    } catch {
      throw new SealingError('not a sealed value');
    }
    if (header.ctx !== documentContext(this.documentId)) throw new SealingError(`sealed for ${String(header.ctx)}, not ${documentContext(this.documentId)}`);
    const { plaintext } = await compactDecrypt(sealed, this.key, { keyManagementAlgorithms: [DIRECT.alg], contentEncryptionAlgorithms: [DIRECT.enc] });
    return plaintext;
  }
}
