import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Paths never written to logs in clear. Secret content and credentials must not leak through a
 * log line even when a whole request or event is logged by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.query.access_token',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.privateKey',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.pin',
  '*.currentPin',
  '*.signingAuthorisation',
  'req.headers["signing-authorisation"]',
  '*.confirmation',
  '*.content',
];

/** One JSON line per event, on stdout, with the service and role on every line. */
export function createLogger(bindings: Record<string, unknown>, level = 'info', options: LoggerOptions = {}): Logger {
  return pino({
    level,
    base: { ...bindings },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...options,
  });
}
