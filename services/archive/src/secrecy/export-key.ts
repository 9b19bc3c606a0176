import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '@vanthu/shared';

/**
 * The historical archive's public key, under which an export wraps each secret package's data key
 * (docs/archive.md, "Secret packages"). The receiving archive holds the private key; we never do.
 */
export interface ExportKey {
  /** SPKI PEM of an RSA key (RSA-OAEP-256). */
  publicKeyPem: string;
  /** Names the key in each key.jwe (`kid`) and in bag-info.txt, so the receiver knows which private key opens it. */
  keyId: string;
  /** Generated at start because none was configured: bags made with it open nowhere once the process ends. */
  development: boolean;
}

/** Goes into bag-info.txt and a JWE header: no line breaks, nothing a receiver's parser could trip on. */
export const EXPORT_KEY_ID = /^[A-Za-z0-9._:/-]{1,128}$/;

let developmentKey: ExportKey | undefined;

/**
 * One per process, so the API's routes and its start-up log speak of the same key. Its private
 * half is dropped: the demo needs exports to work, not to be opened afterwards.
 */
function developmentExportKey(): ExportKey {
  if (!developmentKey) {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const fingerprint = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
    developmentKey = { publicKeyPem, keyId: `development-${fingerprint}`, development: true };
  }
  return developmentKey;
}

/**
 * Both variables or neither. Unset in production: no key, and the export of a secret package is
 * refused (the rest of the archive runs). Unset elsewhere: a key pair generated at start.
 */
export function exportKeyFrom(env: { NODE_ENV: string; ARCHIVE_EXPORT_PUBLIC_KEY?: string | undefined; ARCHIVE_EXPORT_KEY_ID?: string | undefined }): ExportKey | undefined {
  const pem = env.ARCHIVE_EXPORT_PUBLIC_KEY?.replace(/\\n/g, '\n');
  const keyId = env.ARCHIVE_EXPORT_KEY_ID;
  if (pem === undefined && keyId === undefined) return env.NODE_ENV === 'production' ? undefined : developmentExportKey();
  const problems: string[] = [];
  if (pem === undefined) problems.push('ARCHIVE_EXPORT_PUBLIC_KEY: is required with ARCHIVE_EXPORT_KEY_ID');
  if (keyId === undefined) problems.push('ARCHIVE_EXPORT_KEY_ID: is required with ARCHIVE_EXPORT_PUBLIC_KEY');
  else if (!EXPORT_KEY_ID.test(keyId)) problems.push(`ARCHIVE_EXPORT_KEY_ID: must match ${EXPORT_KEY_ID.source}`);
  if (pem !== undefined) {
    try {
      const key = createPublicKey(pem);
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (key.asymmetricKeyType !== 'rsa') problems.push(`ARCHIVE_EXPORT_PUBLIC_KEY: must be an RSA public key (RSA-OAEP-256), not ${String(key.asymmetricKeyType)}`);
      else if (bits < 2048) problems.push(`ARCHIVE_EXPORT_PUBLIC_KEY: must be at least 2048 bits (it is ${bits})`);
    } catch (error) {
      problems.push(`ARCHIVE_EXPORT_PUBLIC_KEY: not a public key in PEM (${(error as Error).message})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Re-exported, so a PKCS#1 or certificate-derived PEM reaches jose as the SPKI it imports.
  return { publicKeyPem: createPublicKey(pem!).export({ type: 'spki', format: 'pem' }).toString(), keyId: keyId!, development: false };
}
