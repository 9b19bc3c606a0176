import { z } from 'zod';
import { ConfigError, loadConfig, type ServiceRole } from '@vanthu/shared';
import { parseAllowList, type AllowList } from './webhooks/allow-list';

/** Notify's own environment, validated once at start so a bad value stops the process there. */
export const notifyEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /**
     * smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), credentials in the URL.
     * Unset outside production, e-mail is off: the local stack has no mail server, and sends
     * to nowhere would only fill the logs with retries. A local mailpit is smtp://127.0.0.1:1025.
     */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example:587')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Văn thư điện tử <no-reply@vanthu.local>'),
    /** Where portals open a document; e-mails link there when it is set. */
    NOTIFY_PORTAL_URL: z.url({ protocol: /^https?$/ }).optional(),
  });

/** What each process needs in production: the worker sends mail (tokens are the shared edge's). */
function requiredForRole(env: z.infer<typeof notifyEnvSchema>, role: ServiceRole): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (role === 'worker' && env.SMTP_URL === undefined) problems.push('SMTP_URL: SMTP_URL is required in production');
  return problems;
}

export interface NotifyConfig {
  /** Absent: e-mail notifications are off (development only). */
  smtpUrl?: string;
  mailFrom: string;
  portalUrl?: string;
}

export function loadNotifyConfig(role: ServiceRole, env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const parsed = loadConfig(notifyEnvSchema, env);
  const problems = requiredForRole(parsed, role);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...(parsed.SMTP_URL !== undefined && { smtpUrl: parsed.SMTP_URL }),
    mailFrom: parsed.MAIL_FROM,
    ...(parsed.NOTIFY_PORTAL_URL !== undefined && { portalUrl: parsed.NOTIFY_PORTAL_URL.replace(/\/+$/, '') }),
  };
}

/**
 * A fixed key so that development and tests seal webhook secrets with no setup. It is public (it
 * is in the repository), so production refuses it: there NOTIFY_SECRET_KEK must be set.
 */
export const DEVELOPMENT_SECRET_KEK = Buffer.alloc(32, 0x6e).toString('base64');

/** Webhook security, read by both processes: the API seals and checks URLs, the worker unseals and checks addresses. */
export const webhookEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** base64 of 32 random bytes (`openssl rand -base64 32`): the AES-256-GCM key webhook secrets are sealed with. */
    NOTIFY_SECRET_KEK: z
      .string()
      .refine((s) => Buffer.from(s, 'base64').length === 32, 'NOTIFY_SECRET_KEK must be 32 bytes, base64-encoded (AES-256)')
      .optional(),
    /** Receivers allowed on non-public addresses (see webhooks/allow-list.ts); unset, none are. */
    NOTIFY_WEBHOOK_ALLOW_HOSTS: z
      .string()
      .optional()
      .transform((value, zctx) => {
        try {
          return parseAllowList(value);
        } catch (error) {
          zctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
  })
  .transform((env, zctx) => {
    if (env.NODE_ENV === 'production' && (env.NOTIFY_SECRET_KEK === undefined || env.NOTIFY_SECRET_KEK === DEVELOPMENT_SECRET_KEK)) {
      zctx.addIssue({ code: 'custom', path: ['NOTIFY_SECRET_KEK'], message: 'NOTIFY_SECRET_KEK is required in production and must not be the development default' });
      return z.NEVER;
    }
    return env;
  });

export interface WebhookConfig {
  secretKek: Buffer;
  allowHosts: AllowList;
}

/**
 * Kept apart from loadNotifyConfig so its answer stays as it was; both processes read it when
 * they build their stores, at start, so a production process without a KEK stops there.
 */
export function loadWebhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  const parsed = loadConfig(webhookEnvSchema, env);
  return { secretKek: Buffer.from(parsed.NOTIFY_SECRET_KEK ?? DEVELOPMENT_SECRET_KEK, 'base64'), allowHosts: parsed.NOTIFY_WEBHOOK_ALLOW_HOSTS };
}
