import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Keys whose values never reach a log, wherever they sit: credentials and key material, a
 * document's content, and the free text people write about a document (its subject line, a note,
 * a reason, a report, a comment), which for a secret document is itself secret. A log line is read
 * far from the protected system, so a whole event, request body or record logged by mistake must
 * leave these behind.
 */
const SECRET_KEYS = [
  'password',
  'privateKey',
  'secret',
  'token',
  'accessToken',
  'pin',
  'currentPin',
  'signingAuthorisation',
  'wrappedKey',
  'confirmation',
  'content',
];
const FREE_TEXT_KEYS = ['subject', 'note', 'reason', 'report', 'comment'];

/**
 * How deep a key is looked for: `note`, `data.note`, `event.data.note`, `req.body.x.note`.
 * The redactor matches a wildcard at one level only, so each depth is a path of its own.
 */
const DEPTH = 3;
const atEveryDepth = (key: string) => Array.from({ length: DEPTH + 1 }, (_, depth) => [...Array<string>(depth).fill('*'), key].join('.'));

/**
 * Paths never written to logs in clear. Secret content and credentials must not leak through a
 * log line even when a whole request or event is logged by mistake. The envelope's `subject` (a
 * document id) goes with the free-text ones: a log keeps the event id, which names the document.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.query.access_token',
  'req.headers.cookie',
  'req.headers["signing-authorisation"]',
  'headers.authorization',
  // Access logs never include bodies (pino-http logs method, url, query, params, headers); a
  // request logged by hand might, and a body is what a person typed.
  'req.body.*',
  ...[...SECRET_KEYS, ...FREE_TEXT_KEYS].flatMap(atEveryDepth),
];

/** One JSON line per event, on stdout (or `destination`), with the service and role on every line. */
export function createLogger(bindings: Record<string, unknown>, level = 'info', options: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const settings: LoggerOptions = {
    level,
    base: { ...bindings },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...options,
  };
  return destination ? pino(settings, destination) : pino(settings);
}
