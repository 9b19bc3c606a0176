import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/*
 * Webhook signing secrets at rest, as signing's private keys are (services/signing/src/pki/
 * sealed-key.ts): AES-256-GCM under a key-encryption key from the configuration
 * (NOTIFY_SECRET_KEK). A copy of the database alone no longer lets anyone forge deliveries.
 */

/** A secret as it rests in `webhook_endpoints`: base64 fields, plain JSON on any backend. */
export interface SealedSecret {
  alg: 'A256GCM';
  iv: string;
  tag: string;
  data: string;
}

/**
 * `binding` (the endpoint's id) is authenticated with the ciphertext, so a sealed secret copied
 * onto another endpoint fails to open instead of signing that endpoint's deliveries.
 */
export function sealSecret(secret: string, kek: Buffer, binding: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(binding));
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { alg: 'A256GCM', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Throws when the KEK, the binding or the stored bytes are not the ones it was sealed with. */
export function openSecret(sealed: SealedSecret, kek: Buffer, binding: string): string {
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(binding));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}
