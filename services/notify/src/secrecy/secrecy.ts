import { SECRECY_LEVELS, type DomainEvent, type Secrecy } from '@vanthu/shared';

export type SecretLevel = Exclude<Secrecy, 'none'>;

/** The secrecy marks as the Law on State Secrets names them, and as the red stamp reads. */
export const SECRET_LEVEL_NAMES: Record<SecretLevel, string> = { mat: 'Mật', 'toi-mat': 'Tối mật', 'tuyet-mat': 'Tuyệt mật' };

/** `level` is absent when an event flags the document secret without a level notify knows. */
export type SecrecyVerdict = { secret: false } | { secret: true; level?: SecretLevel };

export const NOT_SECRET: SecrecyVerdict = { secret: false };

/**
 * Fields that may carry a person's words about a document (a reason, a report, a comment) or its
 * subject line, or quote it (a task's title and clause). Producers leave them out of a secret
 * document's events; notify drops them anyway, so one faulty producer cannot put secret text into
 * an inbox, an e-mail or a partner's system.
 */
export const FREE_TEXT_FIELDS = ['note', 'reason', 'report', 'comment', 'subject', 'title', 'clause'] as const;

const isLevel = (value: unknown): value is SecretLevel => typeof value === 'string' && value !== 'none' && (SECRECY_LEVELS as readonly string[]).includes(value);

/**
 * What an event's data says of its document's secrecy, or undefined when it says nothing (copy
 * events did not always carry `secrecy`). Fails closed: `secret: true`, or a level notify does
 * not know, is secret; a contradiction (`secrecy: 'none'` with `secret: true`) is secret.
 */
export function secrecyOfData(data: Record<string, unknown>): SecrecyVerdict | undefined {
  const { secrecy, secret } = data;
  const level = isLevel(secrecy) ? secrecy : undefined;
  if (level || secret === true || (typeof secrecy === 'string' && secrecy !== 'none')) return { secret: true, ...(level && { level }) };
  if (secrecy === 'none' || secret === false) return NOT_SECRET;
  return undefined;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !(FREE_TEXT_FIELDS as readonly string[]).includes(key))
      .map(([key, inner]) => [key, strip(inner)]),
  );
}

/** The event without any free-text field in its data, at any depth; the envelope (ids, `subject` = the document id) stays. */
export function withoutFreeText(event: DomainEvent): DomainEvent {
  return { ...event, data: strip(event.data ?? {}) as Record<string, unknown> };
}

/**
 * A webhook body as it may leave: unchanged unless its data says the document is secret, then
 * without free text. For deliveries logged before notify stripped them, and replays of those.
 */
export function safeWebhookBody(body: string): string {
  let event: DomainEvent;
  try {
    event = JSON.parse(body) as DomainEvent;
  } catch {
    return body;
  }
  if (event === null || typeof event !== 'object' || !secrecyOfData(event.data ?? {})?.secret) return body;
  const stripped = JSON.stringify(withoutFreeText(event));
  // Re-serialised only when something was dropped, so a clean body keeps its exact bytes.
  return stripped.length === JSON.stringify(event).length ? body : stripped;
}
