import { createCipheriv, createDecipheriv, createPrivateKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

/** A private key as it rests in the database: PKCS#8 DER under AES-256-GCM. */
export interface SealedKey {
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

const generate = promisify(generateKeyPair);

export async function generateRsaKey(bits = 2048): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return generate('rsa', { modulusLength: bits });
}

/**
 * `binding` (the certificate serial) is authenticated with the ciphertext, so a key copied onto
 * another certificate's record fails to open instead of signing under the wrong name.
 */
export function sealKey(key: KeyObject, kek: Buffer, binding: string): SealedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(binding));
  const plain = key.export({ type: 'pkcs8', format: 'der' });
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  return { iv, tag: cipher.getAuthTag(), data };
}

export function openKey(sealed: SealedKey, kek: Buffer, binding: string): KeyObject {
  const decipher = createDecipheriv('aes-256-gcm', kek, sealed.iv);
  decipher.setAAD(Buffer.from(binding));
  decipher.setAuthTag(sealed.tag);
  const plain = Buffer.concat([decipher.update(sealed.data), decipher.final()]);
  try {
    return createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' });
  } finally {
    plain.fill(0);
  }
}
