import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ConfigError, loadConfig } from '@vanthu/shared';

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

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** PEM (PKCS#8) Ed25519 private key that signs tree heads; literal "\n" are accepted for env files. */
    ARCHIVE_LOG_KEY: z.string().optional(),
    /** Cron for the fixity audit schedule. */
    ARCHIVE_FIXITY_CRON: z.string().min(1).default('0 2 * * *'),
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
  return { logKey, logPublicKey: createPublicKey(logKey), fixityCron: parsed.ARCHIVE_FIXITY_CRON };
}
