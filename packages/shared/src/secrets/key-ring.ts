import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader, importSPKI, type ProtectedHeaderParameters } from 'jose';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config/env';

/**
 * The key hierarchy (docs/secret-documents.md): master key-encryption keys come from the
 * environment (a KMS or HSM in a larger deployment would take this class's place); each
 * organisation's KEK is derived from the current master with HKDF-SHA256 (RFC 5869), so a commune
 * has its own key without anyone distributing one; a document's data key is wrapped under its
 * organisation's KEK as a JWE (RFC 7516/7518: A256KW + A256GCM) whose `kid` names the KEK and
 * whose protected `ctx` binds it to one document, so a wrapped key moved to another record does
 * not open. We use jose (already our JWT/JWKS library) rather than a format of our own: any JOSE
 * implementation given the KEK can open what we wrote, which the archive's export relies on.
 */

/** A KEK's id: `<master id>/<scope>`, scope `org:<code>` or `temporal-codec`. */
export type KekId = string;

const DEVELOPMENT_MASTER_ID = 'dev-2026';
/** Published in this repository, so refused in production like the development JWT key. */
const DEVELOPMENT_MASTER = createHash('sha256').update('vanthu development key-encryption key; never in production').digest();

const MASTER_ID = /^[A-Za-z0-9._-]{1,40}$/;

/** The variables every service reads for its key ring (deployment checks list them). */
export const KEY_RING_ENV = ['VANTHU_KEKS', 'VANTHU_KEK_CURRENT'] as const;

export interface KeyRingSettings {
  /** Master keys by id: the current one and any older ones still needed to read. */
  masters: Map<string, Buffer>;
  current: string;
}

const keyRingEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** `id:base64,id:base64`; each key 32 bytes. */
  VANTHU_KEKS: z.string().optional(),
  VANTHU_KEK_CURRENT: z.string().regex(MASTER_ID).optional(),
});

/** The ring from VANTHU_KEKS and VANTHU_KEK_CURRENT; outside production the development key by default. */
export function loadKeyRingSettings(env: NodeJS.ProcessEnv = process.env): KeyRingSettings {
  const parsed = loadConfig(keyRingEnvSchema, env);
  const problems: string[] = [];
  const masters = new Map<string, Buffer>();
  for (const entry of (parsed.VANTHU_KEKS ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, encoded] = entry.split(':', 2);
    const key = encoded ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (!id || !MASTER_ID.test(id)) problems.push(`VANTHU_KEKS: key id ${JSON.stringify(id)} must match ${MASTER_ID.source}`);
    else if (key.length !== 32) problems.push(`VANTHU_KEKS: key ${id} must be 32 bytes in base64 (it is ${key.length})`);
    else masters.set(id, key);
  }
  const production = parsed.NODE_ENV === 'production';
  if (masters.size === 0) {
    if (production) problems.push('VANTHU_KEKS is required in production');
    else masters.set(DEVELOPMENT_MASTER_ID, DEVELOPMENT_MASTER);
  }
  if (production && masters.has(DEVELOPMENT_MASTER_ID)) problems.push(`VANTHU_KEKS must not hold the development key ${DEVELOPMENT_MASTER_ID}`);
  const current = parsed.VANTHU_KEK_CURRENT ?? (masters.size === 1 ? [...masters.keys()][0]! : undefined);
  if (!current) problems.push('VANTHU_KEK_CURRENT must name one of VANTHU_KEKS when there are several');
  else if (!masters.has(current)) problems.push(`VANTHU_KEK_CURRENT: ${current} is not in VANTHU_KEKS`);
  if (problems.length > 0) throw new ConfigError(problems);
  return { masters, current: current! };
}

/** A fresh master key in the form VANTHU_KEKS takes (for operators rotating keys). */
export const newMasterKey = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

export const orgScope = (orgCode: string) => `org:${orgCode}`;

const WRAP = { alg: 'A256KW', enc: 'A256GCM' } as const;
const PUBLIC_WRAP = { alg: 'RSA-OAEP-256', enc: 'A256GCM' } as const;

export class KeyRing {
  private readonly derived = new Map<KekId, Uint8Array>();

  constructor(private readonly settings: KeyRingSettings) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): KeyRing {
    return new KeyRing(loadKeyRingSettings(env));
  }

  get currentMasterId(): string {
    return this.settings.current;
  }

  currentKekId(scope: string): KekId {
    return `${this.settings.current}/${scope}`;
  }

  /** The KEK with this id, derived on first use; undefined when its master is not configured. */
  key(kid: KekId): Uint8Array | undefined {
    const cached = this.derived.get(kid);
    if (cached) return cached;
    const slash = kid.indexOf('/');
    const master = slash > 0 ? this.settings.masters.get(kid.slice(0, slash)) : undefined;
    if (!master) return undefined;
    const key = new Uint8Array(hkdfSync('sha256', master, 'vanthu-kek', kid.slice(slash + 1), 32));
    this.derived.set(kid, key);
    return key;
  }

  /** Wraps a data key under the scope's current KEK, bound to `context` (e.g. `document:<id>`). */
  async wrap(scope: string, dataKey: Uint8Array, context: string): Promise<string> {
    const kid = this.currentKekId(scope);
    return new CompactEncrypt(dataKey).setProtectedHeader({ ...WRAP, kid, ctx: context }).encrypt(this.key(kid)!);
  }

  /** The data key, if `wrapped` was made for this context under a KEK of the ring (and of `scope`, when given). */
  async unwrap(wrapped: string, context: string, scope?: string): Promise<Uint8Array> {
    const header = headerOf(wrapped);
    if (header.ctx !== context) throw new SealingError(`the wrapped key belongs to ${String(header.ctx)}, not ${context}`);
    const kid = String(header.kid ?? '');
    if (scope !== undefined && !kid.endsWith(`/${scope}`)) throw new SealingError(`the wrapped key is for ${kid}, not ${scope}`);
    const kek = this.key(kid);
    if (!kek) throw new SealingError(`key-encryption key ${kid} is not configured`);
    const { plaintext } = await compactDecrypt(wrapped, kek, { keyManagementAlgorithms: [WRAP.alg], contentEncryptionAlgorithms: [WRAP.enc] });
    return plaintext;
  }

  /**
   * Seals a service's own record at rest under the scope's current key (JWE dir + A256GCM, the
   * key id in `kid`): for what is neither a document nor shared, e.g. stored API responses.
   */
  async sealText(scope: string, text: string): Promise<string> {
    const kid = this.currentKekId(scope);
    return new CompactEncrypt(new TextEncoder().encode(text)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid }).encrypt(this.key(kid)!);
  }

  async openText(sealed: string): Promise<string> {
    const kid = kekIdOf(sealed);
    const key = this.key(kid);
    if (!key) throw new SealingError(`key ${kid} is not configured`);
    const { plaintext } = await compactDecrypt(sealed, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    return new TextDecoder().decode(plaintext);
  }

  /** The same data key wrapped for another scope, or under the current master (rotation). */
  async rewrap(wrapped: string, context: string, toScope: string): Promise<string> {
    if (kekIdOf(wrapped) === this.currentKekId(toScope)) return wrapped;
    return this.wrap(toScope, await this.unwrap(wrapped, context), context);
  }
}

/**
 * Wraps a data key for someone outside the ring — the historical archive — under their RSA
 * public key (SPKI PEM): a JWE they open with any JOSE library and their private key.
 */
export async function wrapForPublicKey(dataKey: Uint8Array, spkiPem: string, kid: string, context: string): Promise<string> {
  const key = await importSPKI(spkiPem, PUBLIC_WRAP.alg);
  return new CompactEncrypt(dataKey).setProtectedHeader({ ...PUBLIC_WRAP, kid, ctx: context }).encrypt(key);
}

export class SealingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealingError';
  }
}

function headerOf(jwe: string): ProtectedHeaderParameters & { ctx?: unknown } {
  try {
    return decodeProtectedHeader(jwe) as ProtectedHeaderParameters & { ctx?: unknown };
  } catch {
    throw new SealingError('not a JWE');
  }
}

export const kekIdOf = (wrapped: string): KekId => String(headerOf(wrapped).kid ?? '');
