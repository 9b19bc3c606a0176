import { z } from 'zod';
import { availableParallelism } from 'node:os';
import { baseEnvSchema, loadConfig } from '@vanthu/shared';

/**
 * A fixed key so that development and tests start with no setup. It is public (it is in the
 * repository), so production refuses it: there SIGNING_KEK must be set.
 */
export const DEV_KEK = Buffer.alloc(32, 0x5a).toString('base64');

const kek = z
  .string()
  .transform((s) => Buffer.from(s, 'base64'))
  .refine((b) => b.length === 32, 'SIGNING_KEK must be 32 bytes, base64-encoded (AES-256)');

export const signingEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    SIGNING_KEK: kek.optional(),
    /** Largest upload accepted for signing or verification. */
    SIGNING_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(512 * 1024 * 1024).default(50 * 1024 * 1024),
    /** Where relying parties fetch CRLs and CA certificates; written into certificates. */
    SIGNING_PUBLIC_URL: z.string().url().default('http://127.0.0.1:4102'),
    /**
     * PEM files (comma-separated paths) of outside CAs whose certificates a PKCS#12 import may
     * chain to, besides our own hierarchy.
     */
    SIGNING_TRUSTED_IMPORT_CAS: z
      .string()
      .optional()
      .transform((s) => (s ?? '').split(',').map((p) => p.trim()).filter(Boolean)),
    /** The demo province (PKI, development PINs): on by default outside production, off in it. */
    VANTHU_DEMO_DATA: z.enum(['true', 'false']).optional(),
  })
  .transform((env, zctx) => {
    const production = env.NODE_ENV === 'production';
    if (!env.SIGNING_KEK && production) {
      zctx.addIssue({ code: 'custom', path: ['SIGNING_KEK'], message: 'SIGNING_KEK is required in production' });
      return z.NEVER;
    }
    // The development key is in the repository: keys sealed under it are as good as published.
    if (env.SIGNING_KEK?.equals(Buffer.from(DEV_KEK, 'base64')) && production) {
      zctx.addIssue({ code: 'custom', path: ['SIGNING_KEK'], message: 'SIGNING_KEK must not be the published development key in production' });
      return z.NEVER;
    }
    return {
      ...env,
      SIGNING_KEK: env.SIGNING_KEK ?? Buffer.from(DEV_KEK, 'base64'),
      VANTHU_DEMO_DATA: env.VANTHU_DEMO_DATA === undefined ? !production : env.VANTHU_DEMO_DATA === 'true',
    };
  });

export type SigningConfig = z.infer<typeof signingEnvSchema>;

export const loadSigningConfig = (env: NodeJS.ProcessEnv = process.env): SigningConfig => loadConfig(signingEnvSchema, env);

/**
 * What the process that starts the signing processes reads (`cluster/process-per-core.ts`); the
 * rest of the configuration is checked by each signing process itself.
 */
export const processesEnvSchema = baseEnvSchema.pick({ LOG_LEVEL: true, SHUTDOWN_GRACE_MS: true }).extend({
  /** Signing processes per role, each signing on its own thread; default one per core. 1: no cluster. */
  SIGNING_PROCESSES: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
});

export type ProcessesConfig = z.infer<typeof processesEnvSchema>;

export const loadProcessesConfig = (env: NodeJS.ProcessEnv = process.env): ProcessesConfig => loadConfig(processesEnvSchema, env);
