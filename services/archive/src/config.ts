import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ConfigError, loadConfig } from '@vanthu/shared';
import { exportKeyFrom, type ExportKey } from './secrecy/export-key';

/** PKCS#8 prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Development only: a key anyone can derive, so local stacks and tests sign without set-up.
 * Heads signed with it prove nothing, which is why production refuses to start without a key.
 */
export function devLogKey(): KeyObject {
  const seed = createHash('sha256').update('vanthu archive development log key').digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** Compose's `${NAME:-}` passes an empty string for a variable left unset. */
const unsetWhenEmpty = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** PEM (PKCS#8) Ed25519 private key that signs tree heads; literal "\n" are accepted for env files. */
    ARCHIVE_LOG_KEY: z.string().optional(),
    /** Cron for the fixity audit schedule. */
    ARCHIVE_FIXITY_CRON: z.string().min(1).default('0 2 * * *'),
    /** SPKI PEM (RSA) of the historical archive: exports wrap secret packages' data keys under it; literal "\n" accepted. */
    ARCHIVE_EXPORT_PUBLIC_KEY: unsetWhenEmpty,
    /** Names that key in every key.jwe and bag-info.txt. */
    ARCHIVE_EXPORT_KEY_ID: unsetWhenEmpty,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.ARCHIVE_LOG_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ARCHIVE_LOG_KEY'], message: 'is required in production' });
    }
  });

export interface ArchiveConfig {
  logKey: KeyObject;
  logPublicKey: KeyObject;
  fixityCron: string;
  /** Absent only in production without ARCHIVE_EXPORT_PUBLIC_KEY: secret packages are then not exported. */
  exportKey?: ExportKey;
}

export function loadArchiveConfig(env: NodeJS.ProcessEnv = process.env): ArchiveConfig {
  const parsed = loadConfig(schema, env);
  const logKey = parsed.ARCHIVE_LOG_KEY ? createPrivateKey(parsed.ARCHIVE_LOG_KEY.replace(/\\n/g, '\n')) : devLogKey();
  if (logKey.asymmetricKeyType !== 'ed25519') throw new Error('ARCHIVE_LOG_KEY must be an Ed25519 private key');
  // Anyone can derive the development key, so production refuses it even when it is set explicitly.
  const spki = (key: KeyObject) => createPublicKey(key).export({ format: 'der', type: 'spki' });
  if (parsed.NODE_ENV === 'production' && spki(logKey).equals(spki(devLogKey()))) {
    throw new ConfigError(['ARCHIVE_LOG_KEY: must not be the development key']);
  }
  const exportKey = exportKeyFrom(parsed);
  return { logKey, logPublicKey: createPublicKey(logKey), fixityCron: parsed.ARCHIVE_FIXITY_CRON, ...(exportKey && { exportKey }) };
}
