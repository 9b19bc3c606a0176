import { z } from 'zod';
import { ConfigError, DEVELOPMENT_JWT_SECRET, jwtSecretSchema, loadConfig, TOKEN_AUDIENCES, type ServiceRole } from '@vanthu/shared';

/** Portals call every API with the token they got for intake; tokens made for notify are accepted too. */
export const ACCEPTED_AUDIENCES: readonly string[] = [TOKEN_AUDIENCES.intake, TOKEN_AUDIENCES.notify];

/** Notify's own environment, validated once at start so a bad value stops the process there. */
export const notifyEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** The same HS256 key intake verifies portal tokens with: a portal user signs in once. */
    JWT_SECRET: jwtSecretSchema,
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

/** What each process needs in production: the API verifies tokens, the worker sends mail. */
function requiredForRole(env: z.infer<typeof notifyEnvSchema>, role: ServiceRole): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (role === 'api' && env.JWT_SECRET === undefined) problems.push('JWT_SECRET: JWT_SECRET is required in production');
  if (role === 'api' && env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) problems.push('JWT_SECRET: JWT_SECRET must not be the development default');
  if (role === 'worker' && env.SMTP_URL === undefined) problems.push('SMTP_URL: SMTP_URL is required in production');
  return problems;
}

export interface NotifyConfig {
  jwtSecret: string;
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
    jwtSecret: parsed.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    ...(parsed.SMTP_URL !== undefined && { smtpUrl: parsed.SMTP_URL }),
    mailFrom: parsed.MAIL_FROM,
    ...(parsed.NOTIFY_PORTAL_URL !== undefined && { portalUrl: parsed.NOTIFY_PORTAL_URL.replace(/\/+$/, '') }),
  };
}
